// What a unit charges for each procedure (phí and lệ phí lines, suggested from the national catalogue until the
// unit sets its own) and the unit's beneficiary account for online payment. Saving replaces the procedure's lines.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table } from 'antd';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { ProcedurePicker } from '../counter/ProcedurePicker';

interface Line {
  code: string;
  name: string;
  kind: 'fee' | 'charge';
  amount: number;
  active: boolean;
}
interface LinesView {
  unit: { code: string; name: string };
  procedure: { code: string; name: string };
  source: 'unit' | 'catalogue' | 'none';
  lines: Line[];
  catalogueFee: { amount: number | null; currency: string | null; text: string | null } | null;
}
interface AccountView {
  account: { platformUnit: string; accountNo: string; bankCode: string; accountName: string } | null;
  connected: boolean;
}

function LinesEditor({ unit, procedure }: { unit: string; procedure: string }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const view = useApi<LinesView>(`/api/procedures/${encodeURIComponent(procedure)}/fee-lines`, { unit });
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  useEffect(() => setLines((view.data?.lines ?? []).map(({ code, name, kind, amount, active }) => ({ code, name, kind, amount, active }))), [view.data]);
  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />;
  if (!view.data) return null;
  const set = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const save = async () => {
    setSaving(true);
    try {
      await api.put(`/api/procedures/${encodeURIComponent(procedure)}/fee-lines?unit=${unit}`, { lines });
      setError(undefined);
      message.success(t('common.saved'));
      view.reload();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{view.data.procedure.name}</h2>} extra={<span className="muted">{view.data.procedure.code}</span>}>
      <p className="muted">{t(`feeLines.source.${view.data.source}`)}</p>
      {view.data.catalogueFee?.text ? <p className="muted">{t('feeLines.catalogue', { text: view.data.catalogueFee.text })}</p> : null}
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Line>
        rowKey={(_, i) => String(i)}
        size="small"
        pagination={false}
        dataSource={lines}
        columns={[
          { title: t('pay.line.code'), width: 120, render: (_, l, i) => <Input aria-label={t('pay.line.code')} value={l.code} maxLength={40} onChange={(e) => set(i, { code: e.target.value })} /> },
          { title: t('pay.line.name'), render: (_, l, i) => <Input aria-label={t('pay.line.name')} value={l.name} maxLength={300} onChange={(e) => set(i, { name: e.target.value })} /> },
          {
            title: t('pay.line.kind'),
            width: 120,
            render: (_, l, i) => (
              <Select<Line['kind']> aria-label={t('pay.line.kind')} value={l.kind} onChange={(kind) => set(i, { kind })} style={{ width: '100%' }} options={(['charge', 'fee'] as const).map((k) => ({ value: k, label: t(`pay.kind.${k}`) }))} />
            ),
          },
          {
            title: t('pay.line.amount'),
            width: 150,
            render: (_, l, i) => <InputNumber aria-label={t('pay.line.amount')} value={l.amount} min={0} step={1000} style={{ width: '100%' }} onChange={(v) => set(i, { amount: Number(v ?? 0) })} />,
          },
          { title: t('pay.line.active'), width: 100, render: (_, l, i) => <Checkbox aria-label={t('pay.line.active')} checked={l.active} onChange={(e) => set(i, { active: e.target.checked })} /> },
          { title: '', width: 90, render: (_, _l, i) => <Button danger size="small" onClick={() => setLines((ls) => ls.filter((_x, j) => j !== i))}>{t('feeLines.remove')}</Button> },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={() => setLines((ls) => [...ls, { code: `LP${String(ls.length + 1).padStart(2, '0')}`, name: '', kind: 'charge', amount: 0, active: true }])}>{t('feeLines.add')}</Button>
        <Button type="primary" onClick={save} loading={saving}>
          {t('feeLines.save')}
        </Button>
      </Space>
    </Card>
  );
}

function AccountEditor({ unit }: { unit: string }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const view = useApi<AccountView>(`/api/payments/accounts/${unit}`);
  const [form] = Form.useForm<NonNullable<AccountView['account']>>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (view.data?.account) form.setFieldsValue(view.data.account);
    else form.resetFields();
  }, [view.data, form]);
  if (view.error) return <ErrorState error={view.error} onRetry={view.reload} />;
  const save = async (values: NonNullable<AccountView['account']>) => {
    try {
      await api.put(`/api/payments/accounts/${unit}`, values);
      setError(undefined);
      message.success(t('common.saved'));
      view.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{t('feeLines.account')}</h2>}>
      {view.data && !view.data.connected ? <Alert type="info" showIcon title={t('feeLines.account.notConnected')} style={{ marginBottom: 12 }} /> : null}
      {view.data && !view.data.account ? <p className="muted">{t('feeLines.account.none')}</p> : null}
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 520 }}>
        <Form.Item name="platformUnit" label={t('feeLines.account.platformUnit')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="accountNo" label={t('feeLines.account.no')} rules={[{ required: true }]}>
          <Input maxLength={40} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="bankCode" label={t('feeLines.account.bank')} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="accountName" label={t('feeLines.account.name')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('feeLines.account.save')}
        </Button>
      </Form>
    </Card>
  );
}

export default function FeeLines() {
  const { t } = useI18n();
  const session = useSession();
  const units = session.unitsWith('centre_admin', 'system_admin').filter((u) => /^\d{5}$/.test(u.code));
  const [unit, setUnit] = useState(units[0]?.code ?? '');
  const [procedure, setProcedure] = useState<string | null>(null);
  const validUnit = /^\d{5}$/.test(unit);
  return (
    <>
      <PageTitle title={t('feeLines.title')} />
      <Card size="small" className="section">
        <Space wrap align="start">
          <label>
            {t('feeLines.unit')}:{' '}
            {units.length ? (
              <Select value={unit} onChange={setUnit} style={{ width: 220 }} options={units.map((u) => ({ value: u.code, label: u.name }))} />
            ) : (
              <Input aria-label={t('feeLines.unitCode')} placeholder={t('feeLines.unitCode')} value={unit} onChange={(e) => setUnit(e.target.value.trim())} maxLength={5} style={{ width: 220 }} />
            )}
          </label>
          {procedure ? <Button onClick={() => setProcedure(null)}>{t('feeLines.change')}</Button> : null}
        </Space>
        {!procedure ? (
          <div style={{ marginTop: 12 }}>
            <p className="muted">{t('feeLines.pick')}</p>
            <Form layout="vertical">
              <ProcedurePicker onPick={setProcedure} />
            </Form>
          </div>
        ) : null}
      </Card>
      {validUnit && procedure ? <LinesEditor key={`${unit}:${procedure}`} unit={unit} procedure={procedure} /> : null}
      {validUnit ? <AccountEditor key={unit} unit={unit} /> : null}
    </>
  );
}
