// A citizen sends a complaint or a suggestion (phản ánh, kiến nghị) to a commune, online; the code it gets and
// the phone number look the answer up later.
import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n, type Key } from '../../i18n';
import { useApi } from '../../useApi';
import { fmtDateTime } from '../../format';
import { ButtonLink, ErrorBox, focusFirstInvalid, Notice, PageTitle, TextField } from '../ui';
import type { PublicUnit } from '../types';
import '../submit/submit.css';
import './feedback.css';

const KINDS = ['complaint', 'suggestion'] as const;
type Kind = (typeof KINDS)[number];

interface Sent {
  code: string;
  dueAt: string;
}

export default function FeedbackSend() {
  const { t } = useI18n();
  const units = useApi<{ units: PublicUnit[] }>('/api/public/units');
  const [unit, setUnit] = useState('');
  const [kind, setKind] = useState<Kind>('suggestion');
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [dossierCode, setDossierCode] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [sent, setSent] = useState<Sent | null>(null);

  if (sent) {
    return (
      <>
        <PageTitle title={t('pfb.sent.title')} />
        <Notice kind="success" role="status" title={t('pfb.sent.code', { code: sent.code })}>
          <p>{t('pfb.sent.text', { due: fmtDateTime(sent.dueAt) })}</p>
          <p className="p-code" data-testid="feedback-code">
            {sent.code}
          </p>
        </Notice>
        <ButtonLink to={`/phan-anh/tra-cuu?ma=${encodeURIComponent(sent.code)}`} variant="primary">
          {t('pfb.lookup.title')}
        </ButtonLink>
      </>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!unit) errs.unit = t('pfb.err.unit');
    if (subject.trim().length < 3) errs.subject = t('pfb.err.subject');
    if (content.trim().length < 10) errs.content = t('pfb.err.content');
    if (name.trim().length < 2) errs.senderName = t('pfb.err.name');
    if (!/^0\d{9,10}$/.test(phone.trim())) errs.senderPhone = t('pfb.err.phone');
    setErrors(errs);
    setFailure(null);
    if (Object.keys(errs).length) {
      window.setTimeout(() => focusFirstInvalid(), 0);
      return;
    }
    setSending(true);
    try {
      const r = await api.post<Sent>('/api/public/feedback', {
        unit,
        kind,
        subject: subject.trim(),
        content: content.trim(),
        senderName: name.trim(),
        senderPhone: phone.trim(),
        ...(email.trim() ? { senderEmail: email.trim() } : {}),
        ...(dossierCode.trim() ? { dossierCode: dossierCode.trim().toUpperCase() } : {}),
      });
      setSent(r);
      window.scrollTo(0, 0);
    } catch (err) {
      setFailure(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <PageTitle title={t('pfb.title')} lead={t('pfb.lead')} />
      <form className="p-form" noValidate onSubmit={submit} aria-label={t('pfb.title')}>
        <div className={`p-field ${errors.unit ? 'p-field-invalid' : ''}`}>
          <label htmlFor="fb-unit">
            {t('pfb.unit')}
            <span className="p-req"> ({t('portal.form.required')})</span>
          </label>
          <select id="fb-unit" value={unit} onChange={(e) => setUnit(e.target.value)} aria-required aria-invalid={errors.unit ? true : undefined} aria-describedby={errors.unit ? 'fb-unit-error' : undefined}>
            <option value="">{t('portal.submit.unitChoose')}</option>
            {(units.data?.units ?? []).map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
          {errors.unit ? (
            <p className="p-error" id="fb-unit-error">
              {errors.unit}
            </p>
          ) : null}
        </div>
        {units.error ? <ErrorBox error={units.error} onRetry={units.reload} /> : null}
        <fieldset className="p-fieldset">
          <legend>{t('pfb.kind')}</legend>
          <div className="p-radios">
            {KINDS.map((k) => (
              <label key={k} className="p-radio">
                <input type="radio" name="fb-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                <span>{t(`pfb.kind.${k}` as Key)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <TextField id="fb-subject" label={t('pfb.subject')} value={subject} onChange={setSubject} error={errors.subject} required maxLength={300} />
        <div className={`p-field ${errors.content ? 'p-field-invalid' : ''}`}>
          <label htmlFor="fb-content">
            {t('pfb.content')}
            <span className="p-req"> ({t('portal.form.required')})</span>
          </label>
          <textarea
            id="fb-content"
            rows={6}
            maxLength={5000}
            value={content}
            onChange={(e) => setContent(e.target.value)}
            aria-required
            aria-invalid={errors.content ? true : undefined}
            aria-describedby={errors.content ? 'fb-content-error' : undefined}
          />
          {errors.content ? (
            <p className="p-error" id="fb-content-error">
              {errors.content}
            </p>
          ) : null}
        </div>
        <TextField id="fb-dossier" label={t('pfb.dossier')} hint={t('pfb.dossierHint')} value={dossierCode} onChange={setDossierCode} autoComplete="off" maxLength={40} />
        <fieldset className="p-fieldset">
          <legend>{t('pfb.sender')}</legend>
          <TextField id="fb-name" label={t('portal.submit.name')} value={name} onChange={setName} error={errors.senderName} required autoComplete="name" maxLength={200} />
          <TextField id="fb-phone" label={t('pfb.phone')} hint={t('pfb.phoneHint')} value={phone} onChange={setPhone} error={errors.senderPhone} required type="tel" inputMode="tel" autoComplete="tel" maxLength={11} />
          <TextField id="fb-email" label={t('pfb.email')} value={email} onChange={setEmail} type="email" autoComplete="email" maxLength={200} />
        </fieldset>
        {failure ? <ErrorBox error={failure} /> : null}
        <div className="p-actions">
          <button type="submit" className="p-btn p-btn-primary" disabled={sending} aria-busy={sending || undefined}>
            {sending ? t('portal.submit.sending') : t('pfb.send')}
          </button>
          <ButtonLink to="/phan-anh/tra-cuu">{t('pfb.lookup.title')}</ButtonLink>
        </div>
      </form>
    </>
  );
}
