// Accounts and their role grants in the units the admin covers: create, grant, revoke, lock and unlock, reset
// another's password; and change one's own password.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import type { Msg } from '../../../api';
import type { Role } from '../../../types';

interface GrantOut {
  id: number;
  role: Role;
  roleName: Msg;
  unitCode: string;
  unitName: string;
  officeCode: string | null;
}
interface Account {
  id: number;
  username: string;
  fullName: string;
  active: boolean;
  grants: GrantOut[];
}

const ROLES: Role[] = ['receiving_officer', 'specialist', 'head_of_office', 'unit_leader', 'clerk', 'centre_admin', 'province_viewer', 'system_admin'];
const ROLE_VI: Record<Role, Msg> = {
  receiving_officer: { vi: 'Cán bộ tiếp nhận', en: 'Receiving officer' },
  specialist: { vi: 'Chuyên viên', en: 'Specialist' },
  head_of_office: { vi: 'Lãnh đạo phòng', en: 'Head of office' },
  unit_leader: { vi: 'Lãnh đạo đơn vị', en: 'Unit leader' },
  clerk: { vi: 'Văn thư', en: 'Clerk' },
  centre_admin: { vi: 'Quản trị trung tâm', en: 'Centre admin' },
  province_viewer: { vi: 'Cán bộ theo dõi cấp tỉnh', en: 'Province viewer' },
  system_admin: { vi: 'Quản trị hệ thống', en: 'System admin' },
};

function GrantFields() {
  const { t, m } = useI18n();
  return (
    <Space wrap align="start">
      <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
        <Select style={{ width: 220 }} options={ROLES.map((r) => ({ value: r, label: m(ROLE_VI[r]) }))} />
      </Form.Item>
      <Form.Item name="unitCode" label={t('accounts.unitCode')} rules={[{ required: true, pattern: /^\d{2}(\d{3})?$/ }]}>
        <Input style={{ width: 110 }} inputMode="numeric" />
      </Form.Item>
      <Form.Item name="officeCode" label={t('accounts.officeCode')}>
        <Input style={{ width: 140 }} />
      </Form.Item>
    </Space>
  );
}

export default function Accounts() {
  const { t, m, errorText } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const [q, setQ] = useState('');
  const list = useApi<{ accounts: Account[] }>('/api/accounts', { q: q.trim() || undefined, limit: 200 });
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [changingOwn, setChangingOwn] = useState(false);
  const [resetForm] = Form.useForm();
  const [ownForm] = Form.useForm();
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm();
  const [grantForm] = Form.useForm();
  const unit = session.unitsWith('centre_admin', 'system_admin')[0]?.code;

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      list.reload();
      return true;
    } catch (e) {
      message.error(errorText(e));
      setError(e);
      return false;
    }
  };
  const create = async () => {
    const v = await form.validateFields();
    const grant = { role: v.role, unitCode: v.unitCode, ...(v.officeCode ? { officeCode: v.officeCode } : {}) };
    const ok = await run(() => api.post('/api/accounts', { username: v.username, fullName: v.fullName, password: v.password, grants: [grant] }), t('accounts.created', { username: v.username }));
    if (ok) {
      setCreating(false);
      form.resetFields();
      setError(undefined);
    }
  };
  const grant = async () => {
    const v = await grantForm.validateFields();
    if (await run(() => api.post(`/api/accounts/${granting!.id}/grants`, { role: v.role, unitCode: v.unitCode, ...(v.officeCode ? { officeCode: v.officeCode } : {}) }), t('common.saved'))) setGranting(null);
  };

  const resetPassword = async () => {
    const v = await resetForm.validateFields();
    if (await run(() => api.post(`/api/accounts/${resetting!.id}/password`, { password: v.password }), t('accounts.passwordSet'))) {
      setResetting(null);
      resetForm.resetFields();
      setError(undefined);
    }
  };
  const changeOwn = async () => {
    const v = await ownForm.validateFields();
    if (await run(() => api.post('/api/accounts/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }), t('accounts.passwordSet'))) {
      setChangingOwn(false);
      ownForm.resetFields();
      setError(undefined);
    }
  };

  return (
    <>
      <PageTitle
        title={t('accounts.title')}
        extra={
          <Space>
            <Button onClick={() => setChangingOwn(true)}>{t('accounts.changeMyPassword')}</Button>
            <Button type="primary" onClick={() => setCreating(true)}>{t('accounts.create')}</Button>
          </Space>
        }
      />
      <Card size="small" className="section">
        <Input.Search aria-label={t('accounts.search')} placeholder={t('accounts.search')} onSearch={setQ} enterButton={t('common.search')} allowClear style={{ maxWidth: 420 }} />
      </Card>
      {list.error ? (
        <ErrorState error={list.error} />
      ) : (
        <Card size="small" className="section">
          <Table<Account>
            rowKey="id"
            size="small"
            loading={list.loading}
            dataSource={list.data?.accounts ?? []}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            columns={[
              { title: t('accounts.col.username'), dataIndex: 'username' },
              { title: t('accounts.col.name'), dataIndex: 'fullName' },
              {
                title: t('accounts.col.roles'),
                render: (_, a) => (
                  <Space wrap size={4}>
                    {a.grants.map((g) => (
                      <Tag
                        key={g.id}
                        closable
                        closeIcon={<span aria-label={t('accounts.removeGrant', { role: m(g.roleName) })}>×</span>}
                        onClose={(e) => {
                          e.preventDefault();
                          void run(() => api.delete(`/api/accounts/${a.id}/grants/${g.id}`), t('common.saved'));
                        }}
                      >
                        {m(g.roleName)} · {g.unitName}
                        {g.officeCode ? ` · ${g.officeCode}` : ''}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              { title: t('accounts.col.active'), render: (_, a) => (a.active ? t('common.yes') : t('common.no')), width: 100 },
              {
                title: '',
                width: 330,
                render: (_, a) => (
                  <Space>
                    <Button size="small" onClick={() => { grantForm.setFieldsValue({ unitCode: unit }); setGranting(a); }}>
                      {t('accounts.addGrant')}
                    </Button>
                    <Button size="small" danger={a.active} onClick={() => void run(() => api.patch(`/api/accounts/${a.id}`, { active: !a.active }), t('common.saved'))}>
                      {a.active ? t('accounts.deactivate') : t('accounts.activate')}
                    </Button>
                    {a.id === session.me?.id ? null : (
                      <Button size="small" aria-label={t('accounts.resetPasswordOf', { username: a.username })} onClick={() => setResetting(a)}>
                        {t('accounts.resetPassword')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal open={creating} title={t('accounts.create')} onCancel={() => setCreating(false)} onOk={create} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        {error && creating ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ unitCode: unit, role: 'specialist' }}>
          <Form.Item name="username" label={t('accounts.col.username')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/ }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="fullName" label={t('accounts.col.name')} rules={[{ required: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label={t('accounts.password')} rules={[{ required: true, min: 10 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <GrantFields />
        </Form>
      </Modal>
      <Modal open={!!granting} title={`${t('accounts.addGrant')}: ${granting?.fullName ?? ''}`} onCancel={() => setGranting(null)} onOk={grant} okText={t('common.save')} cancelText={t('common.cancel')}>
        <Form form={grantForm} layout="vertical">
          <GrantFields />
        </Form>
      </Modal>
      <Modal open={!!resetting} title={t('accounts.resetPasswordOf', { username: resetting?.username ?? '' })} onCancel={() => setResetting(null)} onOk={resetPassword} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        {error && resetting ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
        <Form form={resetForm} layout="vertical">
          <Form.Item name="password" label={t('accounts.newPassword')} rules={[{ required: true, min: 10, max: 256 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={changingOwn} title={t('accounts.changeMyPassword')} onCancel={() => setChangingOwn(false)} onOk={changeOwn} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        {error && changingOwn ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
        <Form form={ownForm} layout="vertical">
          <Form.Item name="currentPassword" label={t('accounts.currentPassword')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('accounts.newPassword')} rules={[{ required: true, min: 10, max: 256 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
