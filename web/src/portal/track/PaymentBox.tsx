// The dossier's fee on the tracking page: the amount and its lines, "Pay online" after proof that the dossier is
// the citizen's (then off to the payment platform's page), and, back from the platform, the paid state and the
// e-receipt. Renders nothing when no fee was ever requested.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { fmtDateTime, fmtMoney } from '../../format';
import { useApi } from '../../useApi';
import { ErrorBox, focusFirstInvalid, Notice } from '../ui';
import { EMPTY_VERIFY, verifyBody, verifyError, VerifyFields, type VerifyState } from './VerifyFields';

interface PublicPayment {
  fee: { amount: number; description: string; requestedAt: string; paidAt: string | null; method: string | null; lines: Array<{ code: string; name: string; kind: 'fee' | 'charge'; amount: number }> } | null;
  state: 'none' | 'due' | 'in_progress' | 'paid';
  onlineAvailable: boolean;
  paidOnline: boolean;
  receiptUrl: string | null;
}

/** What the platform appended to the return URL: ?MaThamChieu=…&MaGiaoDich=…&TrangThai=1|2. */
function returnedFromPlatform(): { transaction: string | undefined; state: string | undefined } {
  const q = new URLSearchParams(window.location.search);
  return { transaction: q.get('MaGiaoDich') ?? undefined, state: q.get('TrangThai') ?? undefined };
}

const POLLS = 10;

export function PaymentBox({ code, onChange }: { code: string; onChange(): void }) {
  const { t, lang } = useI18n();
  const [back] = useState(returnedFromPlatform);
  const { data, error, reload } = useApi<PublicPayment>(`/api/public/dossiers/${encodeURIComponent(code)}/payment`, { transaction: back.transaction });
  const [verify, setVerify] = useState<VerifyState>(EMPTY_VERIFY);
  const [verifyErr, setVerifyErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [polls, setPolls] = useState(0);

  // Back from paying, the platform's notification may still be on its way: look again a few times.
  const waiting = back.state === '1' && !!data && data.state !== 'paid';
  useEffect(() => {
    if (!waiting || polls >= POLLS) return;
    const timer = window.setTimeout(() => {
      setPolls((n) => n + 1);
      reload();
    }, 3000);
    return () => window.clearTimeout(timer);
  }, [waiting, polls, reload]);
  const paid = data?.state === 'paid';
  useEffect(() => {
    if (paid && back.state === '1') onChange();
  }, [paid, back.state, onChange]);

  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!data?.fee) return null;
  const fee = data.fee;

  const withProof = async <T,>(send: () => Promise<T>): Promise<T | undefined> => {
    const e = verifyError(verify, t);
    setVerifyErr(e);
    if (e) {
      window.setTimeout(() => focusFirstInvalid(), 0);
      return undefined;
    }
    setBusy(true);
    setFailure(null);
    try {
      return await send();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setVerifyErr(t('portal.verify.mismatch'));
        window.setTimeout(() => focusFirstInvalid(), 0);
      } else setFailure(err);
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const pay = async () => {
    const r = await withProof(() => api.post<{ paymentUrl: string }>(`/api/public/dossiers/${encodeURIComponent(code)}/payments`, { verify: verifyBody(verify) }));
    if (r) window.location.assign(r.paymentUrl);
  };
  const showReceipt = async () => {
    const r = await withProof(() => api.post<{ receiptUrl: string | null }>(`/api/public/dossiers/${encodeURIComponent(code)}/payment/receipt`, { verify: verifyBody(verify) }));
    if (r) setReceipt(r.receiptUrl);
  };
  const receiptUrl = data.receiptUrl ?? receipt;

  const lines = (
    <dl className="p-dl">
      {fee.lines.length ? (
        fee.lines.map((l) => (
          <div key={l.code}>
            <dt>{l.name}</dt>
            <dd>{fmtMoney(l.amount, lang)}</dd>
          </div>
        ))
      ) : (
        <div>
          <dt>{fee.description}</dt>
          <dd>{fmtMoney(fee.amount, lang)}</dd>
        </div>
      )}
      <div className="p-dl-strong">
        <dt>{t('portal.pay.total')}</dt>
        <dd data-testid="fee-total">{fmtMoney(fee.amount, lang)}</dd>
      </div>
    </dl>
  );

  if (paid) {
    return (
      <section className="p-card" aria-labelledby="fee-title">
        <h2 id="fee-title">{t('portal.pay.paid')}</h2>
        <Notice kind="success" role="status" title={data.paidOnline ? t('portal.pay.paidOnline') : undefined}>
          <p>{t('portal.pay.paidAt', { at: fmtDateTime(fee.paidAt) })}</p>
        </Notice>
        {lines}
        {receiptUrl ? (
          <p>
            <a className="p-btn" href={receiptUrl} target="_blank" rel="noreferrer noopener">
              {t('portal.pay.receipt')}
            </a>
          </p>
        ) : data.paidOnline ? (
          <form
            className="p-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void showReceipt();
            }}
          >
            <VerifyFields id="receipt-verify" value={verify} onChange={setVerify} error={verifyErr} />
            {failure ? <ErrorBox error={failure} /> : null}
            <div className="p-actions">
              <button type="submit" className="p-btn" disabled={busy} aria-busy={busy || undefined}>
                {t('portal.pay.receiptAsk')}
              </button>
            </div>
          </form>
        ) : null}
      </section>
    );
  }

  return (
    <section className="p-card p-card-attention" aria-labelledby="fee-title">
      <h2 id="fee-title">{t('portal.pay.title')}</h2>
      {waiting ? (
        <Notice kind="info" role="status">
          <p>{t('portal.pay.waiting')}</p>
        </Notice>
      ) : null}
      {back.state === '2' ? (
        <Notice kind="warning" role="status">
          <p>{t('portal.pay.cancelled')}</p>
        </Notice>
      ) : null}
      {lines}
      {data.onlineAvailable && !waiting ? (
        <form
          className="p-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void pay();
          }}
        >
          <p className="p-muted">{data.state === 'in_progress' && back.state !== '2' ? t('portal.pay.inProgress') : t('portal.pay.lead')}</p>
          <VerifyFields id="pay-verify" value={verify} onChange={setVerify} error={verifyErr} />
          {failure ? <ErrorBox error={failure} /> : null}
          <div className="p-actions">
            <button type="submit" className="p-btn p-btn-primary" disabled={busy} aria-busy={busy || undefined} data-testid="pay-online">
              {busy ? t('portal.pay.going') : t('portal.pay.button')}
            </button>
          </div>
          <p className="p-muted">{t('portal.pay.orCounter')}</p>
        </form>
      ) : !waiting ? (
        <p className="p-muted">{t('portal.pay.offline')}</p>
      ) : null}
    </section>
  );
}
