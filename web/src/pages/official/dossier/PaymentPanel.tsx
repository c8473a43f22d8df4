// The dossier's fees as officials see them: each requested fee with its lines, whether and how it was paid,
// each online payment request with its state and e-receipt, and what the payment platform told MotCua. When the
// dossier may be asked for a fee, the unit's fee lines can be requested in one click.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Space, Table, Tag } from 'antd';
import { fmtDateTime, fmtMoney } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useApi } from '../../../useApi';
import type { Dossier } from '../../../types';
import { takeAction } from './ActionDialog';

interface FeeLine {
  code: string;
  name: string;
  kind: 'fee' | 'charge';
  amount: number;
  active?: boolean;
}
interface Notice {
  id: number;
  transactionId: string | null;
  amount: number | null;
  receivedAt: string;
  outcome: 'applied' | 'duplicate' | 'late' | 'mismatch' | 'rejected';
  reason: string | null;
  flagged: boolean;
}
interface Payment {
  id: number;
  feeId: number;
  reference: string;
  amount: number;
  state: 'pending' | 'paid' | 'cancelled' | 'refunded';
  transactionId: string | null;
  paidAt: string | null;
  receiptUrl: string | null;
  bankCode: string | null;
  createdAt: string;
  notifications: Notice[];
}
export interface DossierPayments {
  code: string;
  online: { connected: boolean; accountSet: boolean };
  fees: Array<{ id: number; amount: number; description: string; requestedAt: string; paidAt: string | null; method: string | null; receiptNo: string | null; lines: FeeLine[] }>;
  payments: Payment[];
}

const STATE_COLOUR: Record<Payment['state'], string> = { pending: 'gold', paid: 'green', cancelled: 'default', refunded: 'purple' };
const OUTCOME_COLOUR: Record<Notice['outcome'], string> = { applied: 'green', duplicate: 'default', late: 'orange', mismatch: 'red', rejected: 'red' };

function Lines({ lines }: { lines: FeeLine[] }) {
  const { t, lang } = useI18n();
  return (
    <Table<FeeLine>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={lines}
      columns={[
        { title: t('pay.line.code'), dataIndex: 'code', width: 90 },
        { title: t('pay.line.name'), dataIndex: 'name' },
        { title: t('pay.line.kind'), dataIndex: 'kind', width: 80, render: (k: FeeLine['kind']) => t(`pay.kind.${k}`) },
        { title: t('pay.line.amount'), dataIndex: 'amount', width: 120, align: 'right', render: (v: number) => fmtMoney(v, lang) },
      ]}
    />
  );
}

/** Picks the unit's active fee lines and requests them as the dossier's fee. */
function RequestFromLines({ d, onDone }: { d: Dossier; onDone(): void }) {
  const { t, lang, errorText } = useI18n();
  const { message } = App.useApp();
  const lines = useApi<{ source: 'unit' | 'catalogue' | 'none'; lines: FeeLine[] }>(`/api/procedures/${encodeURIComponent(d.procedure.code)}/fee-lines`, { unit: d.unit.code });
  const usable = (lines.data?.lines ?? []).filter((l) => l.active !== false);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => setPicked(usable.map((l) => l.code)), [lines.data]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!usable.length) return null;
  const chosen = usable.filter((l) => picked.includes(l.code));
  const total = chosen.reduce((a, l) => a + l.amount, 0);
  const request = async () => {
    setBusy(true);
    try {
      await takeAction(d, 'request_fee', { lines: chosen.map(({ code, name, kind, amount }) => ({ code, name, kind, amount })) });
      message.success(t('pay.requestDone', { amount: fmtMoney(total, lang) }));
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="section">
      <Checkbox.Group
        aria-label={t('pay.pickLines')}
        value={picked}
        onChange={(v) => setPicked(v as string[])}
        options={usable.map((l) => ({ value: l.code, label: `${l.name} — ${fmtMoney(l.amount, lang)}` }))}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      />
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" onClick={request} disabled={!chosen.length} loading={busy} data-action="request_fee_lines">
          {t('pay.requestFromLines')} ({fmtMoney(total, lang)})
        </Button>
      </Space>
    </div>
  );
}

export function PaymentPanel({ d, onChanged }: { d: Dossier; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { data } = useApi<DossierPayments>(`/api/dossiers/${d.id}/payments`, { rev: d.revision });
  const canRequest = d.allowedActions.some((a) => a.action === 'request_fee');
  if (!data || (!data.fees.length && !canRequest)) return null;
  const waiting = d.status === 'fee_requested';
  const reasonText = (reason: string) => {
    const key = `pay.reason.${reason}` as Key;
    const text = t(key);
    return text === key ? reason : text;
  };

  return (
    <Card title={<h2 className="card-title">{t('pay.panel.title')}</h2>} size="small" className="section" data-testid="payment-panel">
      {waiting && !data.online.connected ? <Alert type="info" showIcon title={t('pay.notConnected')} style={{ marginBottom: 8 }} /> : null}
      {waiting && data.online.connected && !data.online.accountSet ? <Alert type="warning" showIcon title={t('pay.noAccount')} style={{ marginBottom: 8 }} /> : null}
      {!data.fees.length ? <p className="muted">{t('pay.none')}</p> : null}
      {/* One click charges the unit's whole fee schedule: offered only before any fee was asked, so a paid fee is not
          asked again by mistake (a further fee goes through the "request fee" action with its own amount). */}
      {canRequest && !data.fees.length ? <RequestFromLines d={d} onDone={onChanged} /> : null}
      {[...data.fees].reverse().map((f) => {
        const requests = data.payments.filter((p) => p.feeId === f.id);
        return (
          <div key={f.id} className="section">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('pay.total')}>
                <strong>{fmtMoney(f.amount, lang)}</strong> <span className="muted">— {f.description}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('pay.fee.requestedAt')}>{fmtDateTime(f.requestedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('pay.fee.paidAt')}>{f.paidAt ? fmtDateTime(f.paidAt) : <Tag color="gold">{t('pay.fee.unpaid')}</Tag>}</Descriptions.Item>
              {f.method ? <Descriptions.Item label={t('pay.fee.method')}>{t(`pay.method.${f.method}` as Key)}</Descriptions.Item> : null}
              {f.receiptNo ? <Descriptions.Item label={t('pay.fee.receiptNo')}>{f.receiptNo}</Descriptions.Item> : null}
            </Descriptions>
            {f.lines.length ? <Lines lines={f.lines} /> : null}
            {requests.length ? (
              <>
                <h3 className="card-subtitle">{t('pay.payments')}</h3>
                {requests.map((p) => (
                  <div key={p.id} style={{ marginBottom: 8 }}>
                    <Space wrap>
                      <Tag color={STATE_COLOUR[p.state]}>{t(`pay.state.${p.state}`)}</Tag>
                      <span>
                        {t('pay.reference')}: <code>{p.reference}</code>
                      </span>
                      {p.transactionId ? (
                        <span>
                          {t('pay.transaction')}: <code>{p.transactionId}</code>
                        </span>
                      ) : null}
                      {p.paidAt ? <span>{fmtDateTime(p.paidAt)}</span> : null}
                      {p.bankCode ? <span>{t('pay.bank')}: {p.bankCode}</span> : null}
                      {p.receiptUrl ? (
                        <a href={p.receiptUrl} target="_blank" rel="noreferrer noopener">
                          {t('pay.receipt')}
                        </a>
                      ) : null}
                    </Space>
                    {p.notifications.length ? (
                      <ul className="muted" aria-label={t('pay.notifications')} style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                        {p.notifications.map((n) => (
                          <li key={n.id}>
                            {fmtDateTime(n.receivedAt)} — <Tag color={OUTCOME_COLOUR[n.outcome]}>{t(`pay.outcome.${n.outcome}`)}</Tag>
                            {n.reason && n.outcome !== 'applied' && n.outcome !== 'duplicate' ? reasonText(n.reason) : null}
                            {n.flagged ? <Tag color="red">{t('pay.flagged')}</Tag> : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ))}
              </>
            ) : null}
          </div>
        );
      })}
    </Card>
  );
}
