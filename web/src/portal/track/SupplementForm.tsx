// The citizen sends what the officer asked for: first proof that the dossier is theirs, then files for each
// missing item, in one request. The officer then checks them and the clock starts again.
import { useCallback, useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { doneRefs, FileAttach, uploading, type Attached, type AttachedUpdate } from '../FileAttach';
import { ErrorBox, focusFirstInvalid, Notice } from '../ui';
import type { MissingItem } from '../types';
import { EMPTY_VERIFY, verifyBody, verifyError, VerifyFields, type VerifyState } from './VerifyFields';

export function SupplementForm({ code, missing, onSent }: { code: string; missing: MissingItem[]; onSent(): void }) {
  const { t } = useI18n();
  const [verify, setVerify] = useState<VerifyState>(EMPTY_VERIFY);
  const [verified, setVerified] = useState(false);
  const [files, setFiles] = useState<Record<string, Attached[]>>({});
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [sent, setSent] = useState<number | null>(null);
  const update = useCallback(
    (key: string): AttachedUpdate =>
      (fn) => {
        setFiles((prev) => ({ ...prev, [key]: fn(prev[key] ?? []) }));
        setErrors(({ [key]: _, none: __, ...rest }) => rest);
      },
    [],
  );

  if (sent !== null) {
    return (
      <Notice kind="success" role="status" title={t('portal.supplement.sent', { n: sent })}>
        <p>{t('portal.supplement.sentNext')}</p>
        <button
          type="button"
          className="p-btn"
          onClick={() => {
            setSent(null);
            setFiles({});
          }}
        >
          {t('portal.supplement.more')}
        </button>
      </Notice>
    );
  }

  const proceed = () => {
    const e = verifyError(verify, t);
    setErrors(e ? { verify: e } : {});
    if (e) window.setTimeout(() => focusFirstInvalid(), 0);
    else setVerified(true);
  };

  const send = async () => {
    const e: Record<string, string> = {};
    for (const m of missing) if (uploading(files[m.key])) e[m.key] = t('portal.submit.err.stillUploading');
    const components = missing.map((m) => ({ key: m.key, files: doneRefs(files[m.key]) })).filter((c) => c.files.length);
    if (!components.length && !Object.keys(e).length) e.none = t('portal.supplement.err.none');
    setErrors(e);
    if (Object.keys(e).length) {
      window.setTimeout(() => focusFirstInvalid(), 0);
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      const r = await api.post<{ files: number }>(`/api/public/dossiers/${encodeURIComponent(code)}/supplement`, {
        verify: verifyBody(verify),
        components,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setSent(r.files);
      onSent();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        // The server does not say whether the code or the proof was wrong; the code is right (the page shows it).
        setVerified(false);
        setErrors({ verify: t('portal.verify.mismatch') });
        window.setTimeout(() => focusFirstInvalid(), 0);
      } else setFailure(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="p-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (verified) void send();
        else proceed();
      }}
      aria-labelledby="supplement-form-title"
    >
      <h3 id="supplement-form-title">{t('portal.supplement.formTitle')}</h3>
      {!verified ? (
        <VerifyFields
          id="supplement-verify"
          value={verify}
          onChange={(v) => {
            setVerify(v);
            setErrors(({ verify: _, ...rest }) => rest);
          }}
          error={errors.verify}
        />
      ) : (
        <>
          <p className="p-muted">
            {t('portal.verify.using', { what: verify.by === 'idNumber' ? t('portal.submit.idNumber') : t('portal.submit.phone') })}{' '}
            <button type="button" className="p-linkish" onClick={() => setVerified(false)}>
              {t('portal.submit.change')}
            </button>
          </p>
          {missing.map((m, i) => (
            <FileAttach
              key={m.key}
              id={`supplement-${i + 1}`}
              title={m.name}
              details={m.requirement ? <p className="p-muted">{t('portal.supplement.requirement', { text: m.requirement })}</p> : undefined}
              required
              tag={t('portal.supplement.requested')}
              files={files[m.key] ?? []}
              update={update(m.key)}
              error={errors[m.key]}
            />
          ))}
          {errors.none ? (
            <p className="p-error" role="alert">
              {errors.none}
            </p>
          ) : null}
          <div className="p-field">
            <label htmlFor="supplement-note">{t('portal.supplement.note')}</label>
            <textarea id="supplement-note" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2000} />
          </div>
        </>
      )}
      {failure ? <ErrorBox error={failure} /> : null}
      <div className="p-actions">
        <button type="submit" className="p-btn p-btn-primary" disabled={sending} aria-busy={sending || undefined}>
          {!verified ? t('portal.verify.continue') : sending ? t('portal.submit.sending') : t('portal.supplement.send')}
        </button>
      </div>
    </form>
  );
}
