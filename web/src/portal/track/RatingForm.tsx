// Rating the service for one dossier, once (capacity.md §B: the Huế portal's 12 criteria on a 3-level
// scale). Overall satisfaction is required, the other criteria optional. The form comes from the server.
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { useApi } from '../../useApi';
import { ErrorBox, focusFirstInvalid, Loading, Notice } from '../ui';
import type { RatingForm as Form } from '../types';
import { EMPTY_VERIFY, verifyBody, verifyError, VerifyFields, type VerifyState } from './VerifyFields';

export function RatedThanks({ already }: { already?: boolean }) {
  const { t } = useI18n();
  return (
    <Notice kind="success" role="status" title={t('portal.rating.thanks')}>
      <p>{already ? t('portal.rating.already') : t('portal.rating.thanksText')}</p>
    </Notice>
  );
}

export function RatingForm({ code, onRated }: { code: string; onRated(): void }) {
  const { t, m } = useI18n();
  const form = useApi<Form>('/api/public/rating-criteria');
  const [verify, setVerify] = useState<VerifyState>(EMPTY_VERIFY);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<'rated' | 'already' | null>(null);

  if (done) return <RatedThanks already={done === 'already'} />;
  if (form.loading && !form.data) return <Loading />;
  if (!form.data) return <ErrorBox error={form.error} onRetry={form.reload} />;

  const send = async () => {
    const e: Record<string, string> = {};
    const v = verifyError(verify, t);
    if (v) e.verify = v;
    if (!answers.overall) e.overall = t('portal.rating.err.overall');
    setErrors(e);
    if (Object.keys(e).length) {
      window.setTimeout(() => focusFirstInvalid(), 0);
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      await api.post(`/api/public/dossiers/${encodeURIComponent(code)}/rating`, { verify: verifyBody(verify), answers, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setDone('rated');
      onRated();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setDone('already');
      else if (err instanceof ApiError && err.status === 404) {
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
        void send();
      }}
      aria-labelledby="rating-title"
    >
      <h2 id="rating-title">{t('portal.rating.title')}</h2>
      <p>{t('portal.rating.intro')}</p>
      <VerifyFields
        id="rating-verify"
        value={verify}
        onChange={(v) => {
          setVerify(v);
          setErrors(({ verify: _, ...rest }) => rest);
        }}
        error={errors.verify}
      />
      {form.data.criteria.map((c) => {
        const required = c.key === 'overall';
        const err = required ? errors.overall : undefined;
        return (
          <fieldset
            key={c.key}
            className={`p-fieldset p-criterion ${err ? 'p-field-invalid' : ''}`}
            aria-describedby={err ? 'rating-overall-error' : undefined}
          >
            <legend>
              {m(c.name)}
              {required ? <span className="p-req"> ({t('portal.form.required')})</span> : null}
            </legend>
            <div className="p-levels">
              {form.data!.levels.map((l, i) => (
                <label key={l.key} className={`p-level p-level-${l.key}`}>
                  <input
                    type="radio"
                    name={`rating-${c.key}`}
                    value={l.key}
                    checked={answers[c.key] === l.key}
                    onChange={() => {
                      setAnswers((a) => ({ ...a, [c.key]: l.key }));
                      if (required) setErrors(({ overall: _, ...rest }) => rest);
                    }}
                    aria-invalid={err && i === 0 ? true : undefined}
                  />
                  <span>{m(l.name)}</span>
                </label>
              ))}
            </div>
            {err ? (
              <p className="p-error" id="rating-overall-error">
                {err}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <div className="p-field">
        <label htmlFor="rating-comment">{t('portal.rating.comment')}</label>
        <textarea id="rating-comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} />
      </div>
      {failure ? <ErrorBox error={failure} /> : null}
      <div className="p-actions">
        <button type="submit" className="p-btn p-btn-primary" disabled={sending} aria-busy={sending || undefined}>
          {sending ? t('portal.submit.sending') : t('portal.rating.send')}
        </button>
      </div>
    </form>
  );
}
