// The national portal (Cổng DVCQG) connection for admins: is it reachable, how many dossiers it has, what waits
// or was refused, the last pull of dossiers citizens submitted there (with "pull now"), and the catalogue sync
// (system admins) with its import report.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { api, type Msg } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { Link } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';

interface RunView {
  at: string;
  finishedAt: string;
  ok: boolean;
  error: string | null;
  report: Record<string, unknown>;
}
interface Status {
  configured: boolean;
  url: string | null;
  connection: { ok: boolean; checkedAt: string; error: string | null } | null;
  sync: { dossiers: number; lastSyncedAt: string | null; pending: number; failed: number; lastError: string | null };
  inbound: { received: number; unacknowledged: number; lastPull: RunView | null };
  catalogue: { lastSync: RunView | null };
}
interface PullReport {
  units: number;
  fetched: number;
  created: Array<{ submissionId: string; code: string; unitCode: string }>;
  alreadyReceived: number;
  acknowledged: number;
  failed: Array<{ submissionId: string; unitCode: string; message: Msg }>;
  unreachable: Array<{ unitCode: string; error: string }>;
}
interface CatalogueReport {
  fetched: number;
  created: number;
  newVersions: number;
  unchanged: number;
  rejected: Array<{ index: number; code: string | null; reason: string; message: Msg }>;
  warnings: Array<{ code: string; message: string }>;
}

function RunLine({ run }: { run: RunView | null }) {
  const { t } = useI18n();
  if (!run) return <>{t('np.never')}</>;
  return (
    <Space wrap>
      <span>{fmtDateTime(run.at)}</span>
      <Tag color={run.ok ? 'green' : 'red'}>{t(run.ok ? 'np.run.ok' : 'np.run.failed')}</Tag>
      {run.error ? <Typography.Text type="danger">{run.error}</Typography.Text> : null}
    </Space>
  );
}

function PullResult({ report }: { report: PullReport }) {
  const { t, m } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="np-pull-report">
      <Alert
        type={report.failed.length || report.unreachable.length ? 'warning' : 'success'}
        showIcon
        title={t('np.inbound.pulled', { created: report.created.length, already: report.alreadyReceived, failed: report.failed.length })}
      />
      {report.unreachable.map((u) => (
        <Alert key={u.unitCode} type="error" showIcon title={t('np.inbound.unreachable', { unit: u.unitCode, error: u.error })} />
      ))}
      {report.created.length ? (
        <List
          size="small"
          header={t('np.inbound.created')}
          dataSource={report.created}
          renderItem={(c) => (
            <List.Item>
              <Link to={`/can-bo/ho-so/${encodeURIComponent(c.code)}`}>{c.code}</Link> <span className="muted">({c.unitCode})</span>
            </List.Item>
          )}
        />
      ) : null}
      {report.failed.length ? (
        <Table
          size="small"
          rowKey="submissionId"
          pagination={false}
          title={() => t('np.inbound.failedList')}
          dataSource={report.failed}
          columns={[
            { title: t('np.col.submission'), dataIndex: 'submissionId' },
            { title: t('np.col.unit'), dataIndex: 'unitCode', width: 90 },
            { title: t('np.col.reason'), render: (_, f) => m(f.message) },
          ]}
        />
      ) : null}
    </Space>
  );
}

function CatalogueResult({ report }: { report: CatalogueReport }) {
  const { t, m } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="np-catalogue-report">
      <Alert
        type={report.rejected.length ? 'warning' : 'success'}
        showIcon
        title={t('np.catalogue.report', { ...report, rejected: report.rejected.length, warnings: report.warnings.length })}
      />
      {report.rejected.length ? (
        <Table
          size="small"
          rowKey="index"
          pagination={false}
          title={() => t('np.catalogue.rejected')}
          dataSource={report.rejected}
          columns={[
            { title: t('np.col.code'), render: (_, r) => r.code ?? `#${r.index + 1}`, width: 120 },
            { title: t('np.col.reason'), render: (_, r) => m(r.message) },
          ]}
        />
      ) : null}
      {report.warnings.length ? (
        <List size="small" header={t('np.catalogue.warnings')} dataSource={report.warnings.slice(0, 50)} renderItem={(w) => <List.Item>{`${w.code}: ${w.message}`}</List.Item>} />
      ) : null}
    </Space>
  );
}

export default function NationalPortal() {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const status = useApi<Status>('/api/admin/national-portal/status');
  const [pulling, setPulling] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [pull, setPull] = useState<PullReport>();
  const [catalogue, setCatalogue] = useState<CatalogueReport>();
  const [error, setError] = useState<unknown>();
  if (status.error) return <ErrorState error={status.error} onRetry={status.reload} />;
  const s = status.data;

  const pullNow = async () => {
    setPulling(true);
    setError(undefined);
    try {
      setPull(await api.post<PullReport>('/api/admin/national-portal/pull', {}));
    } catch (e) {
      setError(e);
    } finally {
      setPulling(false);
      status.reload();
    }
  };
  const syncCatalogue = async (v: { effectiveFrom?: string; full?: boolean }) => {
    const date = v.effectiveFrom?.trim();
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return void message.error(t('np.catalogue.badDate'));
    setSyncing(true);
    setError(undefined);
    try {
      setCatalogue(await api.post<CatalogueReport>('/api/admin/national-portal/catalogue-sync', { full: !!v.full, ...(date ? { effectiveFrom: `${date}T00:00:00+07:00` } : {}) }));
    } catch (e) {
      setError(e);
    } finally {
      setSyncing(false);
      status.reload();
    }
  };

  return (
    <>
      <PageTitle title={t('np.title')} />
      <Typography.Paragraph>{t('np.intro')}</Typography.Paragraph>
      {s && !s.configured ? <Alert type="warning" showIcon title={t('np.notConfigured')} className="section" /> : null}
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} className="section" /> : null}
      <Card size="small" className="section" loading={status.loading && !s} title={<h2 className="card-title">{t('np.connection')}</h2>} extra={<Button onClick={status.reload}>{t('np.connection.recheck')}</Button>}>
        {s ? (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('np.connection.url')}>{s.url ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('np.connection')}>
              {s.connection ? (
                <Space wrap>
                  <Tag color={s.connection.ok ? 'green' : 'red'} data-testid="np-connection">
                    {t(s.connection.ok ? 'np.connection.ok' : 'np.connection.failed')}
                  </Tag>
                  {s.connection.error ? <Typography.Text type="danger">{s.connection.error}</Typography.Text> : null}
                </Space>
              ) : (
                t('np.connection.unchecked')
              )}
            </Descriptions.Item>
            {s.connection ? <Descriptions.Item label={t('np.connection.checkedAt')}>{fmtDateTime(s.connection.checkedAt)}</Descriptions.Item> : null}
          </Descriptions>
        ) : null}
      </Card>
      {s ? (
        <Card size="small" className="section" title={<h2 className="card-title">{t('np.sync')}</h2>}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('np.sync.dossiers')}>
              <strong data-testid="np-synced">{s.sync.dossiers}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('np.sync.last')}>{fmtDateTime(s.sync.lastSyncedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('np.sync.pending')}>{s.sync.pending}</Descriptions.Item>
            <Descriptions.Item label={t('np.sync.failed')}>{s.sync.failed ? <Typography.Text type="danger">{s.sync.failed}</Typography.Text> : 0}</Descriptions.Item>
            {s.sync.lastError ? (
              <Descriptions.Item label={t('np.sync.lastError')} span={2}>
                {s.sync.lastError}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {s.sync.failed ? (
            <p style={{ marginTop: 8 }}>
              <Link to="/can-bo/quan-tri/ket-noi">{t('np.sync.outbox')}</Link>
            </p>
          ) : null}
        </Card>
      ) : null}
      {s ? (
        <Card size="small" className="section" title={<h2 className="card-title">{t('np.inbound')}</h2>}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('np.inbound.received')}>{s.inbound.received}</Descriptions.Item>
              <Descriptions.Item label={t('np.inbound.unacked')}>{s.inbound.unacknowledged}</Descriptions.Item>
              <Descriptions.Item label={t('np.inbound.lastPull')} span={2}>
                <RunLine run={s.inbound.lastPull} />
              </Descriptions.Item>
            </Descriptions>
            <Button type="primary" onClick={pullNow} loading={pulling} disabled={!s.configured}>
              {t('np.inbound.pull')}
            </Button>
            {pull ? <PullResult report={pull} /> : null}
          </Space>
        </Card>
      ) : null}
      {s ? (
        <Card size="small" className="section" title={<h2 className="card-title">{t('np.catalogue')}</h2>}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <div>
              {t('np.catalogue.last')}: <RunLine run={s.catalogue.lastSync} />
            </div>
            {session.has('system_admin') ? (
              <Form layout="vertical" onFinish={syncCatalogue} initialValues={{ full: false }}>
                <Form.Item name="effectiveFrom" label={t('np.catalogue.effectiveFrom')}>
                  <Input style={{ width: 160 }} placeholder="2026-12-01" />
                </Form.Item>
                <Form.Item name="full" valuePropName="checked">
                  <Checkbox>{t('np.catalogue.full')}</Checkbox>
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={syncing} disabled={!s.configured}>
                  {t('np.catalogue.sync')}
                </Button>
              </Form>
            ) : (
              <Typography.Text type="secondary">{t('np.catalogue.systemAdminOnly')}</Typography.Text>
            )}
            {catalogue ? <CatalogueResult report={catalogue} /> : null}
          </Space>
        </Card>
      ) : null}
    </>
  );
}
