// A citizen reads the answer to their feedback with its code and the phone number they gave, and says whether
// the answer satisfied them.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { useI18n, type Key } from '../../i18n';
import { useSearch } from '../../router';
import { fmtDateTime } from '../../format';
import { ErrorBox, focusFirstInvalid, Loading, Notice, PageTitle, TextField } from '../ui';
import './feedback.css';

interface PublicFeedback {
  code: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  answer: string | null;
  answeredAt: string | null;
  satisfied?: boolean | null;
}

export default function FeedbackLookup() {
  const { t } = useI18n();
  const [search] = useSearch();
  const [code, setCode] = useState(search.ma ?? '');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [found, setFound] = useState<PublicFeedback | null>(null);
  const [rated, setRated] = useState<boolean | null>(null);
  const [rating, setRating] = useState(false);

  const look = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (code.trim().length < 6) errs.code = t('pfb.err.code');
    if (!/^0\d{9,10}$/.test(phone.trim())) errs.phone = t('pfb.err.phone');
    setErrors(errs);
    setFailure(null);
    setFound(null);
    if (Object.keys(errs).length) {
      window.setTimeout(() => focusFirstInvalid(), 0);
      return;
    }
    setLoading(true);
    try {
      const r = await api.get<PublicFeedback>(`/api/public/feedback/${encodeURIComponent(code.trim().toUpperCase())}`, { phone: phone.trim() });
      setFound(r);
      setRated(r.satisfied ?? null);
    } catch (err) {
      setFailure(err);
    } finally {
      setLoading(false);
    }
  };

  const rate = async (satisfied: boolean) => {
    if (!found) return;
    setRating(true);
    setFailure(null);
    try {
      await api.post(`/api/public/feedback/${encodeURIComponent(found.code)}/rating`, { phone: phone.trim(), satisfied });
      setRated(satisfied);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setRated(satisfied);
      else setFailure(err);
    } finally {
      setRating(false);
    }
  };

  const state = found ? (found.answeredAt ? 'answered' : found.status === 'overdue' ? 'overdue' : 'open') : null;
  return (
    <>
      <PageTitle title={t('pfb.lookup.title')} lead={t('pfb.lookup.lead')} />
      <form className="p-form" noValidate onSubmit={look} role="search" aria-label={t('pfb.lookup.title')}>
        <TextField id="fbl-code" label={t('pfb.code')} value={code} onChange={setCode} error={errors.code} required autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={40} />
        <TextField id="fbl-phone" label={t('pfb.phone')} hint={t('pfb.phoneLookupHint')} value={phone} onChange={setPhone} error={errors.phone} required type="tel" inputMode="tel" autoComplete="tel" maxLength={11} />
        <div className="p-actions">
          <button type="submit" className="p-btn p-btn-primary" disabled={loading}>
            {t('pfb.lookup.submit')}
          </button>
        </div>
      </form>
      {loading ? <Loading /> : null}
      {failure ? <ErrorBox error={failure} /> : null}
      {found ? (
        <section className="p-card" aria-labelledby="fbl-result" data-testid="feedback-result">
          <h2 id="fbl-result">{t('pfb.lookup.result', { code: found.code })}</h2>
          <dl className="p-dl">
            <dt>{t('pfb.state')}</dt>
            <dd data-testid="feedback-state">{t(`pfb.state.${state}` as Key)}</dd>
            <dt>{t('pfb.receivedAt')}</dt>
            <dd>{fmtDateTime(found.receivedAt)}</dd>
            <dt>{t('pfb.dueAt')}</dt>
            <dd>{fmtDateTime(found.dueAt)}</dd>
            {found.answeredAt ? (
              <>
                <dt>{t('pfb.answeredAt')}</dt>
                <dd>{fmtDateTime(found.answeredAt)}</dd>
              </>
            ) : null}
          </dl>
          {found.answer ? (
            <>
              <h3>{t('pfb.answer')}</h3>
              <p className="pre-wrap" data-testid="feedback-answer">
                {found.answer}
              </p>
              {rated === null ? (
                <div className="p-actions" role="group" aria-label={t('pfb.rate.question')}>
                  <p>{t('pfb.rate.question')}</p>
                  <button type="button" className="p-btn p-btn-primary" disabled={rating} onClick={() => void rate(true)}>
                    {t('pfb.rate.yes')}
                  </button>
                  <button type="button" className="p-btn" disabled={rating} onClick={() => void rate(false)}>
                    {t('pfb.rate.no')}
                  </button>
                </div>
              ) : (
                <Notice kind="success" role="status" title={t('portal.rating.thanks')}>
                  <p>{rated ? t('pfb.rate.doneYes') : t('pfb.rate.doneNo')}</p>
                </Notice>
              )}
            </>
          ) : (
            <Notice kind="info">
              <p>{t('pfb.noAnswer', { due: fmtDateTime(found.dueAt) })}</p>
            </Notice>
          )}
        </section>
      ) : null}
    </>
  );
}
