// /xac-thuc/{code}, where the QR code on a signed result or form leads: a green "authentic and unchanged" or a
// red verdict from re-verifying the stored PDF, who signed it and when, the signed file, and a file picker to
// compare the copy the citizen holds. No sign-in, no personal data.
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api';
import { fmtDate, fmtDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { Link, useParams } from '../../router';
import { useApi } from '../../useApi';
import { ErrorBox, Loading, Notice, PageTitle } from '../ui';
import { VerifyCodeForm } from './VerifyCodeForm';
import type { CopyCheck, Verification } from './model';
import './verify.css';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CheckCopy({ code }: { code: string }) {
  const { t, m } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<CopyCheck>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setError(new Error(t('verify.checkPick')));
    const body = new FormData();
    body.append('file', file, file.name);
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await api.post<CopyCheck>(`/api/public/signatures/${code}/check`, body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const good = result?.verdict === 'identical' || result?.verdict === 'signed_content_identical';
  return (
    <section className="p-card" aria-labelledby="check-title">
      <h2 id="check-title">{t('verify.checkTitle')}</h2>
      <p className="p-muted">{t('verify.checkLead')}</p>
      <form className="p-verify-file" onSubmit={submit} noValidate>
        <label htmlFor="copy-file">{t('verify.checkFile')}</label>
        <input id="copy-file" type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="submit" className="p-btn p-btn-primary" disabled={busy}>
          {busy ? t('verify.checking') : t('verify.checkSubmit')}
        </button>
      </form>
      <div aria-live="polite">
        {error ? <ErrorBox error={error} /> : null}
        {result ? (
          <Notice kind={good ? 'success' : result.verdict === 'incremental_update' ? 'warning' : 'error'} role="status" title={m(result.message)} />
        ) : null}
      </div>
    </section>
  );
}

export default function Verify() {
  const { t, m } = useI18n();
  const { code } = useParams<{ code: string }>();
  const { data: v, error, loading, reload } = useApi<Verification>(`/api/public/signatures/${encodeURIComponent(code)}`);

  if (loading && !v) return <Loading />;
  if (!v) {
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <div className="p-narrow">
        <PageTitle title={t('verify.notFoundTitle')} />
        {missing ? (
          <Notice kind="warning" role="alert" title={t('verify.notFound', { code })}>
            <p>{error instanceof ApiError ? m(error.body.message) : null}</p>
          </Notice>
        ) : (
          <ErrorBox error={error} onRetry={reload} />
        )}
        <div className="p-card">
          <VerifyCodeForm initial={code} />
        </div>
      </div>
    );
  }

  const ok = v.authentic && v.unchanged;
  return (
    <div className="p-narrow">
      <PageTitle title={t('verify.title')} lead={m(v.document.name)} />
      <section className={`p-verdict ${ok ? 'p-verdict-ok' : 'p-verdict-bad'}`} role="status" data-testid="verdict">
        <span className="p-verdict-icon" aria-hidden="true">
          {ok ? '✓' : '✗'}
        </span>
        <div>
          <h2>{ok ? t('verify.ok') : t('verify.bad')}</h2>
          <p>{ok ? t('verify.okText') : !v.unchanged ? t('verify.changed') : t('verify.notAuthentic')}</p>
        </div>
      </section>
      <section className="p-card">
        <dl className="p-dl">
          <Row label={t('verify.document')}>{m(v.document.name)}</Row>
          <Row label={t('verify.unit')}>{v.unit.name}</Row>
          <Row label={t('verify.signedAt')}>{fmtDateTime(v.signedAt)}</Row>
          <Row label={t('verify.signer')}>{m(v.signerTitle)}</Row>
          <Row label={t('verify.dossier')}>
            <Link to={`/tra-cuu/${encodeURIComponent(v.dossierCode)}`} className="p-mono">
              {v.dossierCode}
            </Link>
          </Row>
          <Row label={t('verify.certificate')}>
            <span className="p-break">{v.certificate.subject}</span>
            <br />
            <span className="p-muted">{t(`verify.method.${v.method}`)}</span>
          </Row>
          <Row label={t('verify.issuer')}>
            <span className="p-break">{v.certificate.issuer}</span>
          </Row>
          <Row label={t('verify.validity')}>{t('verify.validityRange', { from: fmtDate(v.certificate.notBefore), to: fmtDate(v.certificate.notAfter) })}</Row>
          <Row label={t('sign.col.code')}>
            <span className="p-mono">{v.displayCode}</span>
          </Row>
        </dl>
        <a className="p-btn" href={v.file.url} target="_blank" rel="noopener">
          {t('verify.download')}
        </a>
      </section>
      <CheckCopy code={v.code} />
    </div>
  );
}
