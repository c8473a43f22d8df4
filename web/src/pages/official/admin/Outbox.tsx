// The backlog and failures of the deliveries to connected systems, each delivery's attempts, and re-sending.
import { useState } from 'react';
import { App, Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useApi } from '../../../useApi';
import { Link } from '../../../router';

interface SubscriberRow {
  subscriber: string;
  pending: number;
  failing: number;
  failed: number;
  deliveredLastDay: number;
  oldestPendingAt: string | null;
  lastDeliveredAt: string | null;
}
interface Delivery {
  id: number;
  subscriber: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
  topic: string;
  action: string | null;
  dossierId: number | null;
  dossierCode: string | null;
  createdAt: string;
}
interface Attempt {
  at: string;
  ok: boolean;
  error: string | null;
  durationMs: number;
}
type Filter = 'failing' | 'failed' | 'pending' | 'delivered';

export default function Outbox() {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('failed');
  const summary = useApi<{ unrouted: number; subscribers: SubscriberRow[] }>('/api/admin/outbox');
  const list = useApi<{ deliveries: Delivery[] }>('/api/admin/outbox/deliveries', { state: filter, limit: 200 });
  const [attempts, setAttempts] = useState<Record<number, Attempt[]>>({});
  const subName = (s: string) => {
    const key = `outbox.sub.${s}` as Key;
    const text = t(key);
    return text === key ? s : text;
  };
  const actionName = (d: Delivery) => {
    if (!d.action) return d.topic;
    const key = `outbox.action.${d.action}` as Key;
    const text = t(key);
    return text === key ? d.action : text;
  };
  const reload = () => {
    summary.reload();
    list.reload();
  };
  const resend = async (id: number) => {
    try {
      await api.post(`/api/admin/outbox/deliveries/${id}/resend`, {});
      message.success(t('outbox.resent'));
      reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const resendAll = async () => {
    try {
      const r = await api.post<{ resent: number }>('/api/admin/outbox/resend-failed', {});
      message.success(t('outbox.resentN', { n: r.resent }));
      reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const loadAttempts = async (id: number) => {
    if (attempts[id]) return;
    const r = await api.get<{ attempts: Attempt[] }>(`/api/admin/outbox/deliveries/${id}/attempts`);
    setAttempts((a) => ({ ...a, [id]: r.attempts }));
  };
  const stateTag = (d: Delivery) => {
    const s: Filter = d.state === 'pending' && d.attempts > 0 ? 'failing' : d.state;
    const colour = { pending: 'blue', failing: 'orange', failed: 'red', delivered: 'green' }[s];
    return <Tag color={colour}>{t(`outbox.state.${s}` as Key)}</Tag>;
  };

  return (
    <>
      <PageTitle title={t('outbox.title')} />
      <p className="muted">{t('outbox.intro')}</p>
      {summary.error ? <ErrorState error={summary.error} onRetry={summary.reload} /> : null}
      <Card size="small" className="section">
        <Table<SubscriberRow>
          size="small"
          rowKey="subscriber"
          pagination={false}
          loading={summary.loading}
          dataSource={summary.data?.subscribers ?? []}
          locale={{ emptyText: t('outbox.none') }}
          columns={[
            { title: t('outbox.col.subscriber'), dataIndex: 'subscriber', render: (s: string) => subName(s) },
            { title: t('outbox.col.pending'), dataIndex: 'pending', align: 'right' },
            { title: t('outbox.col.failing'), dataIndex: 'failing', align: 'right', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
            { title: t('outbox.col.failed'), dataIndex: 'failed', align: 'right', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
            { title: t('outbox.col.delivered'), dataIndex: 'deliveredLastDay', align: 'right' },
            { title: t('outbox.col.oldest'), dataIndex: 'oldestPendingAt', render: fmtDateTime },
            { title: t('outbox.col.last'), dataIndex: 'lastDeliveredAt', render: fmtDateTime },
          ]}
        />
        {summary.data?.unrouted ? <p className="muted">{t('outbox.unrouted', { n: summary.data.unrouted })}</p> : null}
      </Card>
      <Card size="small" className="section">
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t('outbox.filter')}:</span>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={(['failed', 'failing', 'pending', 'delivered'] as Filter[]).map((f) => ({ value: f, label: t(`outbox.state.${f}` as Key) }))}
          />
          {filter === 'failed' && (list.data?.deliveries.length ?? 0) > 0 ? (
            <Button danger onClick={resendAll}>
              {t('outbox.resendAll')}
            </Button>
          ) : null}
        </Space>
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        <Table<Delivery>
          size="small"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.deliveries ?? []}
          locale={{ emptyText: t('outbox.none') }}
          expandable={{
            onExpand: (open, d) => void (open && loadAttempts(d.id)),
            expandedRowRender: (d) => (
              <Table<Attempt>
                size="small"
                pagination={false}
                rowKey={(a) => a.at + a.durationMs}
                dataSource={attempts[d.id] ?? []}
                title={() => t('outbox.attempts')}
                columns={[
                  { title: t('outbox.col.at'), dataIndex: 'at', render: fmtDateTime },
                  { title: t('outbox.col.state'), dataIndex: 'ok', render: (ok: boolean) => (ok ? <Tag color="green">{t('outbox.ok')}</Tag> : <Tag color="red">{t('outbox.fail')}</Tag>) },
                  { title: 'ms', dataIndex: 'durationMs', align: 'right' },
                  { title: t('outbox.col.error'), dataIndex: 'error' },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('outbox.col.subscriber'), dataIndex: 'subscriber', render: (s: string) => subName(s) },
            { title: t('outbox.col.dossier'), dataIndex: 'dossierCode', render: (c: string | null, d) => (c && d.dossierId ? <Link to={`/can-bo/ho-so/${d.dossierId}`}>{c}</Link> : '—') },
            { title: t('outbox.col.event'), render: (_: unknown, d) => actionName(d) },
            { title: t('outbox.col.state'), render: (_: unknown, d) => stateTag(d) },
            { title: t('outbox.col.attempts'), dataIndex: 'attempts', align: 'right' },
            // The receiver's reason is what the admin acts on: wrapped, never cut off.
            { title: t('outbox.col.error'), dataIndex: 'lastError', width: '32%', render: (e: string | null) => <span style={{ overflowWrap: 'anywhere' }}>{e ?? '—'}</span> },
            { title: t('outbox.col.next'), render: (_: unknown, d) => (d.state === 'pending' ? fmtDateTime(d.nextAttemptAt) : d.state === 'delivered' ? fmtDateTime(d.deliveredAt) : '—') },
            {
              title: '',
              render: (_: unknown, d) =>
                d.state !== 'delivered' ? (
                  <Button size="small" onClick={() => resend(d.id)}>
                    {t('outbox.resend')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
