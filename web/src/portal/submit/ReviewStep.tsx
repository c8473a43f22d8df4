// Step 3: everything on one screen before sending, each part with a way back to change it, and the pledge.
import { useI18n, type Key } from '../../i18n';
import type { Attached } from '../FileAttach';
import type { Component, PublicUnit } from '../types';
import type { ApplicantForm, Errors } from './model';

export function ReviewStep({
  applicant,
  unit,
  components,
  files,
  consent,
  onConsent,
  errors,
  goTo,
}: {
  applicant: ApplicantForm;
  unit: PublicUnit | undefined;
  components: Component[];
  files: Record<string, Attached[]>;
  consent: boolean;
  onConsent(v: boolean): void;
  errors: Errors;
  goTo(step: number): void;
}) {
  const { t } = useI18n();
  const attached = components.filter((c) => (files[c.key] ?? []).some((f) => f.status === 'done'));
  return (
    <>
      <section className="p-card" aria-labelledby="review-applicant">
        <h3 id="review-applicant">{t('portal.submit.applicant')}</h3>
        <dl className="p-dl">
          <dt>{t('portal.submit.unit')}</dt>
          <dd>{unit ? `${unit.name}${unit.province ? `, ${unit.province.name}` : ''}` : '—'}</dd>
          <dt>{t('portal.submit.name')}</dt>
          <dd>{applicant.name}</dd>
          <dt>{t('portal.submit.idNumber')}</dt>
          <dd>{applicant.idNumber}</dd>
          <dt>{t('portal.submit.phone')}</dt>
          <dd>{applicant.phone}</dd>
          {applicant.email ? (
            <>
              <dt>{t('portal.submit.email')}</dt>
              <dd>{applicant.email}</dd>
            </>
          ) : null}
          {applicant.address ? (
            <>
              <dt>{t('portal.submit.address')}</dt>
              <dd>{applicant.address}</dd>
            </>
          ) : null}
          <dt>{t('portal.submit.delivery')}</dt>
          <dd>{t(`portal.delivery.${applicant.resultDelivery}` as Key)}</dd>
        </dl>
        <button type="button" className="p-btn p-btn-small" onClick={() => goTo(0)}>
          {t('portal.submit.change')}
          <span className="p-visually-hidden">: {t('portal.submit.applicant')}</span>
        </button>
      </section>
      <section className="p-card" aria-labelledby="review-files">
        <h3 id="review-files">{t('portal.submit.stepAttach')}</h3>
        {attached.length ? (
          <ul className="p-lines">
            {attached.map((c) => (
              <li key={c.key}>
                <span className="p-clip-3">{c.name}</span>
                <br />
                <span className="p-muted">
                  {(files[c.key] ?? [])
                    .filter((f) => f.status === 'done')
                    .map((f) => f.name)
                    .join(', ')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.submit.noFiles')}</p>
        )}
        <button type="button" className="p-btn p-btn-small" onClick={() => goTo(1)}>
          {t('portal.submit.change')}
          <span className="p-visually-hidden">: {t('portal.submit.stepAttach')}</span>
        </button>
      </section>
      <div className={`p-field p-check ${errors.consent ? 'p-field-invalid' : ''}`}>
        <input
          type="checkbox"
          id="consent"
          checked={consent}
          onChange={(e) => onConsent(e.target.checked)}
          aria-invalid={errors.consent ? true : undefined}
          aria-describedby={errors.consent ? 'consent-error' : undefined}
        />
        <label htmlFor="consent">{t('portal.submit.consent')}</label>
        {errors.consent ? (
          <p className="p-error" id="consent-error">
            {errors.consent}
          </p>
        ) : null}
      </div>
    </>
  );
}
