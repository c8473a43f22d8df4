// Transfers to other MotCua systems: this system's id and public key to hand to a peer, the registered peers
// (add, deactivate, activate), and the recent transfers out and in with their state.
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Table, Tabs, Tag, Typography } from 'antd';
import { api, ApiError, type Msg } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link } from '../../../router';
import { useApi } from '../../../useApi';

interface Peer {
  id: number;
  name: string;
  url: string;
  instanceId: string | null;
  keyId: string;
  unitCodes: string[];
  active: boolean;
}
interface Overview {
  instance: { instanceId: string; keyId: string; publicKey: string; baseUrl: string };
  peers: Peer[];
}
type OutState = 'sending' | 'accepted' | 'refused' | 'returned' | 'taken_back';
interface Outgoing {
  transferId: number;
  dossierId: number;
  dossierCode: string;
  peer: string;
  unitCode: string;
  unitName: string;
  sentAt: string;
  state: OutState;
  remoteDossierCode: string | null;
  refusal: Msg | null;
  resultOutcome: 'granted' | 'refused' | null;
}
interface Incoming {
  id: number;
  dossierId: number;
  dossierCode: string;
  status: string;
  peer: string;
  originDossierCode: string;
  unitName: string;
  receivedAt: string;
  resultSentAt: string | null;
}

const STATE_COLOUR: Record<OutState, string> = { sending: 'blue', accepted: 'cyan', refused: 'red', returned: 'green', taken_back: 'default' };

interface AddValues {
  name: string;
  url: string;
  publicKey: string;
  units: string;
}

function AddPeer({ onAdded }: { onAdded(): void }) {
  const { t, m, errorText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const required = [{ required: true, whitespace: true, message: t('peers.form.required') }];
  const submit = async (v: AddValues) => {
    try {
      const unitCodes = v.units.split(/[\s,;]+/).filter(Boolean);
      const peer = await api.post<Peer>('/api/admin/federation/peers', { name: v.name, url: v.url, publicKey: v.publicKey, unitCodes });
      message.success(t('peers.added', { name: peer.name }));
      form.resetFields();
      onAdded();
    } catch (e) {
      const field = e instanceof ApiError ? e.field?.split('.')[0] : undefined;
      const name = field === 'unitCodes' ? 'units' : field;
      if (e instanceof ApiError && name && ['name', 'url', 'publicKey', 'units'].includes(name)) form.setFields([{ name: name as keyof AddValues, errors: [m(e.body.message)] }]);
      else message.error(errorText(e));
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
      <Form.Item name="name" label={t('peers.form.name')} rules={required}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="url" label={t('peers.form.url')} rules={required}>
        <Input maxLength={500} inputMode="url" />
      </Form.Item>
      <Form.Item name="publicKey" label={t('peers.form.publicKey')} rules={required}>
        <Input.TextArea rows={2} className="mono" />
      </Form.Item>
      <Form.Item name="units" label={t('peers.form.units')} rules={required}>
        <Input placeholder="19942, 46" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('peers.add')}
      </Button>
    </Form>
  );
}

export default function Peers() {
  const { t, m, errorText } = useI18n();
  const { message } = App.useApp();
  const overview = useApi<Overview>('/api/admin/federation');
  const transfers = useApi<{ outgoing: Outgoing[]; incoming: Incoming[] }>('/api/admin/federation/transfers');
  const setActive = async (p: Peer, active: boolean) => {
    try {
      await api.post(`/api/admin/federation/peers/${p.id}/${active ? 'activate' : 'deactivate'}`, {});
      overview.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const me = overview.data?.instance;

  return (
    <>
      <PageTitle title={t('peers.title')} />
      <p className="muted">{t('peers.intro')}</p>
      {overview.error ? <ErrorState error={overview.error} onRetry={overview.reload} /> : null}
      <Card size="small" className="section" title={<h2 className="card-title">{t('peers.self')}</h2>}>
        <p className="muted">{t('peers.self.hint')}</p>
        {me ? (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('peers.self.instanceId')}>
              <Typography.Text copyable className="mono">
                {me.instanceId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('peers.self.publicKey')}>
              <Typography.Text copyable className="mono" style={{ wordBreak: 'break-all' }}>
                {me.publicKey}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('peers.self.keyId')}>
              <span className="mono">{me.keyId}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('peers.self.url')}>{me.baseUrl}</Descriptions.Item>
          </Descriptions>
        ) : null}
      </Card>
      <Card size="small" className="section" title={<h2 className="card-title">{t('peers.list')}</h2>}>
        <Table<Peer>
          size="small"
          rowKey="id"
          pagination={false}
          loading={overview.loading}
          dataSource={overview.data?.peers ?? []}
          locale={{ emptyText: t('peers.none') }}
          columns={[
            { title: t('peers.col.name'), dataIndex: 'name' },
            { title: t('peers.col.url'), dataIndex: 'url' },
            { title: t('peers.col.keyId'), dataIndex: 'keyId', render: (k: string) => <span className="mono">{k}</span> },
            { title: t('peers.col.units'), dataIndex: 'unitCodes', render: (codes: string[]) => (codes.length > 12 ? `${codes.slice(0, 12).join(', ')} … (${codes.length})` : codes.join(', ')) },
            { title: t('peers.col.status'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="green">{t('peers.active')}</Tag> : <Tag>{t('peers.inactive')}</Tag>) },
            {
              title: '',
              render: (_: unknown, p) =>
                p.active ? (
                  <Popconfirm title={t('peers.deactivateConfirm', { name: p.name })} onConfirm={() => setActive(p, false)} okText={t('peers.deactivate')} cancelText={t('common.cancel')}>
                    <Button size="small" danger>
                      {t('peers.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button size="small" onClick={() => setActive(p, true)}>
                    {t('peers.activate')}
                  </Button>
                ),
            },
          ]}
        />
        <h3 className="card-subtitle" style={{ marginTop: 16 }}>
          {t('peers.add')}
        </h3>
        <AddPeer onAdded={overview.reload} />
      </Card>
      <Card size="small" className="section" title={<h2 className="card-title">{t('peers.transfers')}</h2>}>
        {transfers.error ? <ErrorState error={transfers.error} onRetry={transfers.reload} /> : null}
        <Tabs
          items={[
            {
              key: 'out',
              label: t('peers.outgoing'),
              children: (
                <Table<Outgoing>
                  size="small"
                  rowKey="transferId"
                  loading={transfers.loading}
                  dataSource={transfers.data?.outgoing ?? []}
                  columns={[
                    { title: t('peers.col.dossier'), render: (_: unknown, r) => <Link to={`/can-bo/ho-so/${r.dossierId}`}>{r.dossierCode}</Link> },
                    { title: t('peers.col.peer'), dataIndex: 'peer' },
                    { title: t('peers.col.unit'), render: (_: unknown, r) => `${r.unitName} (${r.unitCode})` },
                    { title: t('peers.col.sentAt'), dataIndex: 'sentAt', render: fmtDateTime },
                    {
                      title: t('peers.col.state'),
                      render: (_: unknown, r) => (
                        <>
                          <Tag color={STATE_COLOUR[r.state]}>{t(`peers.state.${r.state}` as Key)}</Tag>
                          {r.resultOutcome ? t(`peers.outcome.${r.resultOutcome}` as Key) : null}
                          {r.refusal ? <div className="muted">{m(r.refusal)}</div> : null}
                        </>
                      ),
                    },
                    { title: t('peers.col.remoteCode'), dataIndex: 'remoteDossierCode', render: (c: string | null) => (c ? <span className="mono">{c}</span> : '—') },
                  ]}
                />
              ),
            },
            {
              key: 'in',
              label: t('peers.incoming'),
              children: (
                <Table<Incoming>
                  size="small"
                  rowKey="id"
                  loading={transfers.loading}
                  dataSource={transfers.data?.incoming ?? []}
                  columns={[
                    { title: t('peers.col.dossier'), render: (_: unknown, r) => <Link to={`/can-bo/ho-so/${r.dossierId}`}>{r.dossierCode}</Link> },
                    { title: t('peers.col.originCode'), dataIndex: 'originDossierCode', render: (c: string) => <span className="mono">{c}</span> },
                    { title: t('peers.col.peer'), dataIndex: 'peer' },
                    { title: t('peers.col.unit'), dataIndex: 'unitName' },
                    { title: t('peers.col.dossierStatus'), dataIndex: 'status', render: (s: string) => t(`status.${s}` as Key) },
                    { title: t('peers.col.receivedAt'), dataIndex: 'receivedAt', render: fmtDateTime },
                    { title: t('peers.col.resultSentAt'), dataIndex: 'resultSentAt', render: fmtDateTime },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
