// One dossier, by its code (typed, or from the receipt's QR at /tra-cuu/{code}): where it is, when it is
// due, what is missing with a form to send it, and the rating once there is a result. No personal data.
import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api';
import { useI18n, type Key } from '../../i18n';
import { fmtDateTime } from '../../format';
import { useParams } from '../../router';
import { useApi } from '../../useApi';
import { ErrorBox, Loading, Notice, PageTitle } from '../ui';
import type { PublicDossier } from '../types';
import { CodeForm } from './CodeForm';
import { StatusProgress } from './StatusProgress';
import { SupplementForm } from './SupplementForm';
import { RatedThanks, RatingForm } from './RatingForm';
import { PaymentBox } from './PaymentBox';
import './track.css';

function Row({ label, children, strong }: { label: string; children: ReactNode; strong?: boolean }) {
  return (
    <div className={strong ? 'p-dl-strong' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Dates({ d }: { d: PublicDossier }) {
  const { t } = useI18n();
  const times: Array<[Key, string | null]> = [
    ['portal.track.submittedAt', d.submittedAt],
    ['portal.track.receivedAt', d.receivedAt],
    ['portal.track.resolvedAt', d.resolvedAt],
    ['portal.track.returnedAt', d.returnedAt],
  ];
  return (
    <dl className="p-dl">
      <Row label={t('portal.track.dueAt')} strong>
        {d.dueAt ? fmtDateTime(d.dueAt) : t('portal.track.dueLater')}
      </Row>
      {times
        .filter(([, v]) => v)
        .map(([key, v]) => (
          <Row key={key} label={t(key)}>
            {fmtDateTime(v)}
          </Row>
        ))}
      <Row label={t('portal.track.unit')}>{d.unit}</Row>
      {d.handlingUnit && d.handlingUnit !== d.unit ? <Row label={t('portal.track.handlingUnit')}>{d.handlingUnit}</Row> : null}
      <Row label={t('portal.track.applicant')}>{d.applicantName}</Row>
    </dl>
  );
}

export default function Track() {
  const { t, m } = useI18n();
  const { code } = useParams<{ code: string }>();
  const { data: d, error, loading, reload } = useApi<PublicDossier>(`/api/public/dossiers/${encodeURIComponent(code)}`);
  const [ratedHere, setRatedHere] = useState(false);

  if (loading && !d) return <Loading />;
  if (!d) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <div className="p-narrow">
        <PageTitle title={t('portal.track.notFoundTitle')} />
        {missing ? <Notice kind="warning" role="alert" title={t('portal.track.notFound', { code })}>{<p>{t('portal.track.notFoundHelp')}</p>}</Notice> : <ErrorBox error={error} onRetry={reload} />}
        <div className="p-card">
          <CodeForm initial={code} />
        </div>
      </div>
    );
  }

  const supplement = d.pause?.kind === 'supplement' ? d.pause : null;
  const finished = d.status === 'resolved' || d.status === 'returned';
  const explain = `portal.status.explain.${d.status}` as Key;
  return (
    <>
      <PageTitle title={t('portal.track.dossier', { code: d.code })} lead={d.procedure.name} />
      <section className="p-card p-status" aria-labelledby="status-now">
        <p className="p-status-label" id="status-now-label">
          {t('portal.track.statusNow')}
        </p>
        <h2 id="status-now" className={`p-status-name p-status-${d.status}`} data-testid="status-name">
          {m(d.statusName)}
        </h2>
        <p>{t(explain)}</p>
        <StatusProgress dossier={d} />
        <Dates d={d} />
        <button type="button" className="p-btn p-btn-small p-no-print" onClick={reload} disabled={loading}>
          {t('common.refresh')}
        </button>
      </section>

      {supplement ? (
        <section className="p-card p-card-attention" aria-labelledby="missing-title">
          <h2 id="missing-title">{t('portal.supplement.title')}</h2>
          <p>
            {t('portal.supplement.since', { at: fmtDateTime(supplement.since) })} {supplement.reason ? t('portal.supplement.reason', { reason: supplement.reason }) : null}
          </p>
          <ul className="p-missing">
            {d.missing.map((item) => (
              <li key={item.key}>
                <strong>{item.name}</strong>
                {item.requirement ? <span className="p-muted"> — {item.requirement}</span> : null}
              </li>
            ))}
          </ul>
          {d.missing.length ? <SupplementForm code={d.code} missing={d.missing} onSent={reload} /> : null}
        </section>
      ) : null}

      {d.pause?.kind === 'fee' ? (
        <Notice kind="warning" title={t('portal.track.feeTitle')}>
          <p>{t('portal.track.feeText')}</p>
        </Notice>
      ) : null}
      <PaymentBox code={d.code} onChange={reload} />

      {finished ? <section aria-label={t('portal.rating.title')}>{d.rated && !ratedHere ? <RatedThanks already /> : <RatingForm code={d.code} onRated={() => setRatedHere(true)} />}</section> : null}
    </>
  );
}
