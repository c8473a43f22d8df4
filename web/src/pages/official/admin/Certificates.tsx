// A unit's signing certificates: upload its .p12 with the password (checked at once: wrong password, expired,
// no private key are refused in words), register a remote-signing credential, see subject, issuer and validity,
// and stop using one. For centre admins of the unit and system admins.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDate } from '../../../format';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import type { UnitSummary } from '../../../types';

interface Certificate {
  id: number;
  kind: 'pkcs12' | 'remote';
  subject: string;
  commonName: string;
  issuer: string;
  serial: string;
  notBefore: string;
  notAfter: string;
  fingerprint: string;
  remoteUserId: string | null;
  active: boolean;
}

function UnitPicker({ value, onChange }: { value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  const session = useSession();
  const mine = session.unitsWith('centre_admin', 'system_admin').filter((u) => /^\d{5}$/.test(u.code));
  const [q, setQ] = useState('');
  // A system admin holds the province: the communes are found by search.
  const search = useApi<{ units: UnitSummary[] }>(session.has('system_admin') && q.trim().length >= 2 ? '/api/units' : null, { q: q.trim(), limit: 20 });
  const found = (search.data?.units ?? []).filter((u) => /^\d{5}$/.test(u.code) && !mine.some((m) => m.code === u.code));
  return (
    <Select
      aria-label={t('certs.unit')}
      value={value || undefined}
      onChange={onChange}
      placeholder={t('certs.unitSearch')}
      style={{ minWidth: 280 }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={search.loading}
      options={[...mine, ...found].map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
    />
  );
}

function UploadCard({ unit, onDone }: { unit: string; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!file?.originFileObj) return setError(new Error(t('certs.required')));
    const body = new FormData();
    body.append('password', password);
    body.append('file', file.originFileObj, file.name);
    setBusy(true);
    try {
      const r = await api.post<Certificate>(`/api/units/${unit}/certificates`, body);
      message.success(t('certs.uploaded', { name: r.commonName }));
      setError(undefined);
      setFile(null);
      setPassword('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{t('certs.upload')}</h2>}>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label={t('certs.file')} required>
          <Upload accept=".p12,.pfx,application/x-pkcs12" maxCount={1} beforeUpload={() => false} fileList={file ? [file] : []} onChange={(i) => setFile(i.fileList.at(-1) ?? null)}>
            <Button>{t('certs.file')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item label={t('certs.password')} required htmlFor="cert-password">
          <Input.Password id="cert-password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={!file || !password}>
          {t('certs.uploadSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function RemoteCard({ unit, onDone }: { unit: string; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ userId: string; credentialId?: string }>();
  const submit = async (v: { userId: string; credentialId?: string }) => {
    setBusy(true);
    try {
      const r = await api.post<Certificate>(`/api/units/${unit}/certificates/remote`, { userId: v.userId.trim(), ...(v.credentialId?.trim() ? { credentialId: v.credentialId.trim() } : {}) });
      message.success(t('certs.uploaded', { name: r.commonName }));
      setError(undefined);
      form.resetFields();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{t('certs.remote')}</h2>}>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="userId" label={t('certs.remoteUser')} rules={[{ required: true, whitespace: true, message: t('certs.required') }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="credentialId" label={t('certs.remoteCredential')}>
          <Input maxLength={100} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('certs.remoteSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

export default function Certificates() {
  const { t, errorText } = useI18n();
  const { message, modal } = App.useApp();
  const session = useSession();
  const [unit, setUnit] = useState(session.unitsWith('centre_admin', 'system_admin').find((u) => /^\d{5}$/.test(u.code))?.code ?? '');
  const list = useApi<{ unit: { code: string; name: string }; certificates: Certificate[] }>(unit ? `/api/units/${unit}/certificates` : null);
  const deactivate = (c: Certificate) =>
    modal.confirm({
      title: t('certs.deactivateConfirm', { name: c.commonName }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.post(`/api/units/${unit}/certificates/${c.id}/deactivate`);
          list.reload();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  return (
    <>
      <PageTitle title={t('certs.title')} extra={<UnitPicker value={unit} onChange={setUnit} />} />
      <p className="muted">{t('certs.intro')}</p>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {unit ? (
        <>
          <Card size="small" className="section" title={<h2 className="card-title">{t('certs.list')}</h2>} extra={list.data ? <span>{list.data.unit.name}</span> : null}>
            <Table<Certificate>
              rowKey="id"
              size="small"
              loading={list.loading}
              pagination={false}
              locale={{ emptyText: t('certs.none') }}
              dataSource={list.data?.certificates ?? []}
              expandable={{
                expandedRowRender: (c) => (
                  <Space direction="vertical" size={2}>
                    <span>
                      {t('certs.serial')}: <code>{c.serial}</code>
                    </span>
                    <span>
                      {t('certs.fingerprint')}: <code style={{ wordBreak: 'break-all' }}>{c.fingerprint}</code>
                    </span>
                    {c.remoteUserId ? <span>{`${t('certs.remoteUser')}: ${c.remoteUserId}`}</span> : null}
                  </Space>
                ),
              }}
              columns={[
                { title: t('certs.col.subject'), render: (_, c) => <span title={c.subject}>{c.commonName}</span> },
                { title: t('certs.col.issuer'), dataIndex: 'issuer' },
                { title: t('certs.col.validity'), render: (_, c) => `${fmtDate(c.notBefore)} – ${fmtDate(c.notAfter)}` },
                { title: t('certs.col.kind'), render: (_, c) => t(`certs.kind.${c.kind}`) },
                { title: t('certs.col.status'), render: (_, c) => (c.active ? <Tag color="green">{t('certs.active')}</Tag> : <Tag>{t('certs.inactive')}</Tag>) },
                { title: '', render: (_, c) => (c.active ? <Button size="small" danger onClick={() => deactivate(c)}>{t('certs.deactivate')}</Button> : null) },
              ]}
            />
          </Card>
          <UploadCard unit={unit} onDone={list.reload} />
          <RemoteCard unit={unit} onDone={list.reload} />
        </>
      ) : null}
    </>
  );
}
