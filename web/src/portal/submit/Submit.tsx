// Online submission as a short stepper: applicant details → attach each component → review → submit →
// confirmation. One Idempotency-Key per attempt: a double click or a retried request never makes two dossiers.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, newIdempotencyKey } from '../../api';
import { useI18n } from '../../i18n';
import { Link, useParams } from '../../router';
import { useApi } from '../../useApi';
import { ErrorBox, focusFirstInvalid, Loading, Notice, PageTitle } from '../ui';
import { fmtTimeLimit, onlineChannel } from '../format';
import type { AttachedUpdate, Attached } from '../FileAttach';
import type { Procedure, PublicUnit, Submitted } from '../types';
import { ApplicantStep } from './ApplicantStep';
import { AttachStep } from './AttachStep';
import { ReviewStep } from './ReviewStep';
import { Confirmation } from './Confirmation';
import { checkApplicant, checkAttachments, EMPTY_APPLICANT, rememberCode, submissionBody, type ApplicantForm, type Errors } from './model';
import './submit.css';

const STEPS = ['portal.submit.stepApplicant', 'portal.submit.stepAttach', 'portal.submit.stepReview'] as const;

/** A server error naming an applicant field goes back to that field, in the citizen's language. */
function fieldOf(e: unknown): { step: number; field: keyof Errors } | null {
  if (!(e instanceof ApiError) || !e.field) return null;
  const f = e.field.replace(/^body\./, '');
  if (f === 'unitCode') return { step: 0, field: 'unitCode' };
  const m = /^applicant\.(name|idNumber|phone|email|address)$/.exec(f);
  if (m) return { step: 0, field: m[1] as keyof ApplicantForm };
  if (f.startsWith('components')) return { step: 1, field: 'components' };
  return null;
}

export default function Submit() {
  const { t, errorText } = useI18n();
  const { code } = useParams<{ code: string }>();
  const procedure = useApi<Procedure>(`/api/public/procedures/${encodeURIComponent(code)}`);
  const units = useApi<{ units: PublicUnit[] }>('/api/public/units');
  const [step, setStep] = useState(0);
  const [applicant, setApplicant] = useState<ApplicantForm>(EMPTY_APPLICANT);
  const [files, setFiles] = useState<Record<string, Attached[]>>({});
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<Submitted | null>(null);
  const attemptKey = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // The only commune on offer is chosen for the citizen.
  const unitList = units.data?.units ?? [];
  useEffect(() => {
    if (unitList.length === 1 && !applicant.unitCode) setApplicant((a) => ({ ...a, unitCode: unitList[0]!.code }));
  }, [unitList, applicant.unitCode]);

  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step, result]);

  const update = useCallback(
    (key: string): AttachedUpdate =>
      (fn) => {
        attemptKey.current = null;
        setFiles((prev) => ({ ...prev, [key]: fn(prev[key] ?? []) }));
        setErrors(({ [`component:${key}` as const]: _, components: __, ...rest }) => rest);
      },
    [],
  );
  const patchApplicant = (p: Partial<ApplicantForm>) => {
    setApplicant((a) => ({ ...a, ...p }));
    // A field's message goes once the citizen changes it; the next check says whether it is right now.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(k in p))));
    // A changed answer is a new attempt: it must not replay the previous one's result.
    attemptKey.current = null;
  };

  if (procedure.loading && !procedure.data) return <Loading />;
  if (procedure.error || !procedure.data) {
    return (
      <>
        <PageTitle title={t('portal.procedure.notFound')} />
        <ErrorBox error={procedure.error} onRetry={procedure.reload} />
      </>
    );
  }
  const p = procedure.data;
  const online = onlineChannel(p);
  if (!online) {
    return (
      <>
        <PageTitle title={p.name} />
        <Notice kind="warning" title={t('portal.submit.notOnline')}>
          <p>{t('portal.procedure.onlineNo')}</p>
          <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{t('portal.submit.seeProcedure')}</Link>
        </Notice>
      </>
    );
  }
  const unit = unitList.find((u) => u.code === applicant.unitCode);
  if (result) {
    return (
      <>
        <PageTitle title={t('portal.done.heading')} />
        <h2 className="p-visually-hidden" ref={heading} tabIndex={-1}>
          {t('portal.done.title')}
        </h2>
        <Confirmation result={result} procedure={p} unit={unit} applicantName={applicant.name.trim()} />
      </>
    );
  }

  const next = () => {
    const e = step === 0 ? checkApplicant(applicant, t) : step === 1 ? checkAttachments(p.components, files, t) : {};
    setErrors(e);
    if (Object.keys(e).length) {
      window.setTimeout(() => focusFirstInvalid(), 0);
      return;
    }
    setStep(step + 1);
  };

  const submit = async () => {
    if (sending) return;
    const e: Errors = { ...checkApplicant(applicant, t), ...checkAttachments(p.components, files, t) };
    if (!consent) e.consent = t('portal.submit.err.consent');
    setErrors(e);
    if (Object.keys(e).length) {
      if (!e.consent) setStep(Object.keys(e).some((k) => k.startsWith('component:')) ? 1 : 0);
      window.setTimeout(() => focusFirstInvalid(), 0);
      return;
    }
    attemptKey.current ??= newIdempotencyKey();
    setSending(true);
    setFailure(null);
    try {
      const r = await api.post<Submitted>('/api/public/dossiers', submissionBody(p.code, applicant, files), { 'Idempotency-Key': attemptKey.current });
      rememberCode(r.code);
      // A double click on "Nộp hồ sơ" would otherwise leave the confirmation selected.
      window.getSelection()?.removeAllRanges();
      setResult(r);
    } catch (err) {
      const at = fieldOf(err);
      if (at) {
        setErrors({ [at.field]: errorText(err) });
        setStep(at.step);
        window.setTimeout(() => focusFirstInvalid(), 0);
      } else setFailure(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageTitle title={t('portal.submit.title')} lead={p.name} />
      <p className="p-muted">
        {t('portal.submit.limit', { limit: fmtTimeLimit(online.timeLimit, t) })} · <Link to={`/thu-tuc/${encodeURIComponent(p.code)}`}>{t('portal.submit.seeProcedure')}</Link>
      </p>
      <ol className="p-steps" aria-label={t('portal.submit.progress')}>
        {STEPS.map((s, i) => (
          <li key={s} className={i === step ? 'p-step-current' : i < step ? 'p-step-done' : ''} aria-current={i === step ? 'step' : undefined}>
            <span className="p-step-n" aria-hidden="true">
              {i < step ? '✓' : i + 1}
            </span>
            <span>{t(s)}</span>
          </li>
        ))}
      </ol>
      <form
        className="p-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step < 2) next();
          else void submit();
        }}
      >
        <h2 ref={heading} tabIndex={-1} className="p-step-title">
          {t('portal.submit.stepOf', { n: step + 1, total: STEPS.length, name: t(STEPS[step]!) })}
        </h2>
        {units.error && step === 0 ? <ErrorBox error={units.error} onRetry={units.reload} /> : null}
        {errors.components ? <Notice kind="error" role="alert">{errors.components}</Notice> : null}
        {step === 0 ? <ApplicantStep value={applicant} onChange={patchApplicant} errors={errors} units={unitList} /> : null}
        {step === 1 ? <AttachStep components={p.components} files={files} update={update} errors={errors} /> : null}
        {step === 2 ? (
          <ReviewStep
            applicant={applicant}
            unit={unit}
            components={p.components}
            files={files}
            consent={consent}
            onConsent={(v) => {
              setConsent(v);
              if (v) setErrors(({ consent: _, ...rest }) => rest);
            }}
            errors={errors}
            goTo={(s) => {
              setErrors({});
              setStep(s);
            }}
          />
        ) : null}
        {failure ? <ErrorBox error={failure} /> : null}
        <div className="p-actions p-actions-split">
          {step > 0 ? (
            <button type="button" className="p-btn" onClick={() => (setErrors({}), setStep(step - 1))}>
              {t('common.back')}
            </button>
          ) : (
            <span />
          )}
          <button type="submit" className="p-btn p-btn-primary" disabled={sending} aria-busy={sending || undefined}>
            {step < 2 ? t('portal.submit.next') : sending ? t('portal.submit.sending') : t('portal.submit.send')}
          </button>
        </div>
      </form>
    </>
  );
}
