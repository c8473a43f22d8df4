// Procedures: find one, see its versions, set a channel's time limit (system admins; makes a new version),
// mark components required and change the online level (also a new version), and edit the workflow — steps,
// roles, allowed actions and each step's share of the time — for every unit or one unit.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Table } from 'antd';
import { api, ApiError } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { ProcedurePicker } from '../counter/ProcedurePicker';
import type { Msg } from '../../../api';
import type { Procedure, ProcedureComponent, Role } from '../../../types';

interface Version {
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  inForce: boolean;
  changeNote: string | null;
}
interface Step {
  key: string;
  name: Msg;
  kind: string;
  role: Role;
  percent: number;
  actions: string[];
}
interface WorkflowView {
  version: number;
  appliesTo: { procedure: string | null; unit: { code: string; name: string } | null };
  definition: { steps: Step[] };
}

const LIMIT_UNITS = ['working_day', 'day', 'hour', 'same_day'] as const;
const STEP_ROLES: Role[] = ['receiving_officer', 'specialist', 'head_of_office', 'unit_leader', 'clerk'];
const STEP_ACTIONS = ['forward', 'assign', 'request_supplement', 'consult', 'transfer', 'return_to_step', 'submit_for_approval', 'approve', 'send_back', 'sign', 'issue_result'] as const;
const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;

/** The server's refusal in both languages with the field at fault, so an admin can fix the definition. */
function Refusal({ error }: { error: unknown }) {
  const { lang, errorText } = useI18n();
  if (!error) return null;
  const body = error instanceof ApiError ? error.body : undefined;
  const other = body ? (lang === 'vi' ? body.message.en : body.message.vi) : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      title={errorText(error)}
      description={body ? [body.field, other !== errorText(error) ? other : undefined].filter(Boolean).join(' — ') || undefined : undefined}
    />
  );
}

function AddStep({ taken, onAdd }: { taken: string[]; onAdd(s: Step): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const add = (v: { key: string; vi: string; en: string; role: Role; percent: number; actions: string[] }) => {
    onAdd({ key: v.key, name: { vi: v.vi, en: v.en }, kind: 'processing', role: v.role, percent: v.percent ?? 0, actions: v.actions ?? [] });
    form.resetFields();
  };
  return (
    <Form form={form} layout="inline" onFinish={add} initialValues={{ role: 'specialist', percent: 0, actions: ['forward'] }} style={{ marginTop: 12, rowGap: 8 }}>
      <Form.Item
        name="key"
        label={t('procedures.step.key')}
        rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,30}$/ }, { validator: async (_, v) => { if (taken.includes(v)) throw new Error(t('procedures.step.keyTaken')); } }]}
      >
        <Input style={{ width: 130 }} autoComplete="off" />
      </Form.Item>
      <Form.Item name="vi" label={t('procedures.step.nameVi')} rules={[{ required: true, whitespace: true }]}>
        <Input style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="en" label={t('procedures.step.nameEn')} rules={[{ required: true, whitespace: true }]}>
        <Input style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="role" label={t('procedures.step.role')}>
        <Select style={{ width: 180 }} options={STEP_ROLES.map((r) => ({ value: r, label: r }))} />
      </Form.Item>
      <Form.Item name="percent" label={t('procedures.step.percent')}>
        <InputNumber min={0} max={100} />
      </Form.Item>
      <Form.Item name="actions" label={t('procedures.step.actions')}>
        <Select mode="multiple" style={{ minWidth: 260 }} options={STEP_ACTIONS.map((a) => ({ value: a, label: t(`procedures.action.${a}`) }))} />
      </Form.Item>
      <Button htmlType="submit">{t('procedures.step.add')}</Button>
    </Form>
  );
}

function WorkflowEditor({ code, ownUnit, isSystemAdmin }: { code: string; ownUnit: { code: string; name: string } | undefined; isSystemAdmin: boolean }) {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  // A system admin picks the scope; a centre admin always edits their own unit's override.
  const [allUnits, setAllUnits] = useState(isSystemAdmin && !ownUnit);
  const [unitCode, setUnitCode] = useState(ownUnit?.code ?? '');
  const scopeUnit = allUnits || !unitCode ? undefined : unitCode;
  const wf = useApi<WorkflowView>(`/api/procedures/${code}/workflow`, { unit: scopeUnit });
  const [steps, setSteps] = useState<Step[]>([]);
  const [error, setError] = useState<unknown>();
  useEffect(() => setSteps(wf.data?.definition.steps ?? []), [wf.data]);
  if (wf.error) return <ErrorState error={wf.error} />;
  const total = Math.round(steps.reduce((s, x) => s + x.percent, 0) * 100) / 100;
  const set = (i: number, patch: Partial<Step>) => setSteps((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const addStep = (step: Step) =>
    setSteps((list) => {
      const at = list.findIndex((s) => s.kind === 'approval');
      const i = at < 0 ? list.length : at;
      return [...list.slice(0, i), step, ...list.slice(i)];
    });
  const save = async () => {
    try {
      await api.put(`/api/procedures/${code}/workflow`, { ...(scopeUnit ? { unit: scopeUnit } : {}), definition: { steps } });
      message.success(t('common.saved'));
      setError(undefined);
      wf.reload();
    } catch (e) {
      setError(e);
    }
  };
  const scope = wf.data?.appliesTo;
  const canSave = scopeUnit ? /^\d{5}$/.test(scopeUnit) : isSystemAdmin;
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{t('procedures.workflow')}</h2>}>
      {isSystemAdmin ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Radio.Group
            value={allUnits ? 'all' : 'unit'}
            onChange={(e) => setAllUnits(e.target.value === 'all')}
            options={[
              { value: 'all', label: t('procedures.workflow.scopeAll') },
              { value: 'unit', label: t('procedures.workflow.scopeUnit') },
            ]}
          />
          {allUnits ? null : (
            <Input.Search
              aria-label={t('procedures.workflow.unitCode')}
              placeholder={t('procedures.workflow.unitCode')}
              defaultValue={unitCode}
              inputMode="numeric"
              enterButton={t('procedures.workflow.show')}
              onSearch={(v) => setUnitCode(v.trim())}
              style={{ width: 260 }}
            />
          )}
        </Space>
      ) : null}
      <p>
        {t('procedures.workflowScope')}: {scope?.procedure ? `${scope.procedure} — ${scope.unit?.name ?? t('procedures.workflow.everyUnit')}` : t('procedures.workflow.default')} (v{wf.data?.version ?? '…'})
      </p>
      <Refusal error={error} />
      <Table<Step>
        rowKey="key"
        size="small"
        pagination={false}
        loading={wf.loading}
        dataSource={steps}
        columns={[
          { title: t('procedures.step.name'), render: (_, s) => `${m(s.name)} (${s.key})` },
          {
            title: t('procedures.step.role'),
            render: (_, s, i) => (
              <Select aria-label={`${t('procedures.step.role')}: ${m(s.name)}`} value={s.role} style={{ width: 180 }} onChange={(role: Role) => set(i, { role })} options={STEP_ROLES.map((r) => ({ value: r, label: r }))} />
            ),
          },
          {
            title: t('procedures.step.percent'),
            render: (_, s, i) => <InputNumber aria-label={`${t('procedures.step.percent')}: ${m(s.name)}`} min={0} max={100} value={s.percent} onChange={(v) => set(i, { percent: Number(v ?? 0) })} />,
          },
          {
            title: t('procedures.step.actions'),
            render: (_, s, i) => (
              <Select
                mode="multiple"
                aria-label={`${t('procedures.step.actions')}: ${m(s.name)}`}
                value={s.actions}
                style={{ minWidth: 260 }}
                onChange={(actions: string[]) => set(i, { actions })}
                options={STEP_ACTIONS.map((a) => ({ value: a, label: t(`procedures.action.${a}`) }))}
              />
            ),
          },
          {
            title: '',
            render: (_, s, i) =>
              s.kind === 'processing' ? (
                <Button size="small" danger onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}>
                  {t('procedures.step.remove', { name: m(s.name) })}
                </Button>
              ) : null,
          },
        ]}
      />
      <AddStep taken={steps.map((s) => s.key)} onAdd={addStep} />
      <Space style={{ marginTop: 12 }}>
        <span role="status" style={{ color: Math.abs(total - 100) > 0.01 ? '#c41d1d' : undefined }}>{t('procedures.step.total', { n: total })}</span>
        {canSave ? (
          <Button type="primary" onClick={save}>
            {scopeUnit ? t('procedures.workflow.saveFor', { unit: scope?.unit?.code === scopeUnit ? scope.unit.name : scopeUnit }) : t('procedures.workflow.saveAll')}
          </Button>
        ) : null}
      </Space>
    </Card>
  );
}

/** Which components are required and the online level; saving makes a new version (system admins). */
function Components({ p, onSaved }: { p: Procedure; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [required, setRequired] = useState<Record<string, boolean>>({});
  const [onlineLevel, setOnlineLevel] = useState(p.onlineLevel);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    setRequired(Object.fromEntries(p.components.map((c) => [c.key, c.required])));
    setOnlineLevel(p.onlineLevel);
    // The public record may come from the browser's cache after a save; what was saved stays on screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.code, p.versionId]);
  const save = async () => {
    // Every flag is sent: the record shown may be a cached one from before the last save.
    const components = p.components.map((c) => ({ key: c.key, required: required[c.key] ?? c.required }));
    try {
      await api.post(`/api/procedures/${p.code}/versions`, {
        patch: { components, onlineLevel },
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(t('common.saved'));
      setError(undefined);
      setNote('');
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{t('procedures.components')}</h2>}>
      <Refusal error={error} />
      <Table<ProcedureComponent>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={p.components}
        columns={[
          { title: t('procedures.col.component'), dataIndex: 'name' },
          {
            title: t('procedures.col.required'),
            width: 110,
            render: (_, c) => (
              <Checkbox aria-label={t('procedures.component.required', { name: c.name.slice(0, 80) })} checked={required[c.key] ?? c.required} onChange={(e) => setRequired((r) => ({ ...r, [c.key]: e.target.checked }))} />
            ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 12 }}>
        <label htmlFor="online-level">{t('procedures.onlineLevel')}</label>
        <Select id="online-level" style={{ width: 180 }} value={onlineLevel} onChange={setOnlineLevel} options={ONLINE_LEVELS.map((l) => ({ value: l, label: t(`procedures.online.${l}`) }))} />
        <Input aria-label={t('procedures.versionNote')} placeholder={t('procedures.versionNote')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} style={{ width: 280 }} />
        <Button type="primary" onClick={save}>
          {t('procedures.newVersion')}
        </Button>
      </Space>
    </Card>
  );
}

function TimeLimit({ p, onSaved }: { p: Procedure; onSaved(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const save = async (v: { channel: string; value: number; unit: string }) => {
    try {
      await api.put(`/api/procedures/${p.code}/channels/${v.channel}/time-limit`, { value: v.value, unit: v.unit });
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const first = p.channels[0];
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{t('procedures.timeLimit')}</h2>}>
      <Form layout="inline" onFinish={save} initialValues={{ channel: first?.channel, value: first?.timeLimit.value ?? 1, unit: first?.timeLimit.unit ?? 'working_day' }}>
        <Form.Item name="channel" label={t('procedures.channel')}>
          <Select style={{ width: 150 }} options={p.channels.map((c) => ({ value: c.channel, label: t(`dossier.channel.${c.channel}` as Key) }))} />
        </Form.Item>
        <Form.Item name="value" label={t('procedures.limitValue')}>
          <InputNumber min={0} max={365} />
        </Form.Item>
        <Form.Item name="unit" label={t('procedures.limitUnit')}>
          <Select style={{ width: 170 }} options={LIMIT_UNITS.map((u) => ({ value: u, label: t(`procedures.limit.${u}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

export default function Procedures() {
  const { t } = useI18n();
  const session = useSession();
  const [code, setCode] = useState<string | null>(null);
  const proc = useApi<Procedure>(code ? `/api/public/procedures/${code}` : null);
  const versions = useApi<{ versions: Version[] }>(code ? `/api/procedures/${code}/versions` : null);
  const unit = session.unitsWith('centre_admin', 'system_admin').find((u) => /^\d{5}$/.test(u.code));
  return (
    <>
      <PageTitle title={t('procedures.title')} />
      <Card size="small" className="section">
        <ProcedurePicker onPick={setCode} />
      </Card>
      {code && proc.data ? (
        <>
          <Card size="small" className="section" title={<h2 className="card-title">{proc.data.name}</h2>}>
            <Table<Version>
              rowKey="version"
              size="small"
              pagination={false}
              loading={versions.loading}
              dataSource={versions.data?.versions ?? []}
              columns={[
                { title: t('procedures.col.version'), dataIndex: 'version', width: 90 },
                { title: t('procedures.col.from'), render: (_, v) => fmtDateTime(v.effectiveFrom) },
                { title: t('procedures.col.to'), render: (_, v) => fmtDateTime(v.effectiveTo) },
                { title: t('procedures.col.inForce'), render: (_, v) => (v.inForce ? t('common.yes') : t('common.no')) },
                { title: t('procedures.col.note'), dataIndex: 'changeNote' },
              ]}
            />
          </Card>
          {session.has('system_admin') ? (
            <>
              <TimeLimit p={proc.data} onSaved={() => { proc.reload(); versions.reload(); }} />
              <Components p={proc.data} onSaved={() => { proc.reload(); versions.reload(); }} />
            </>
          ) : null}
          <WorkflowEditor key={code} code={code} ownUnit={unit} isSystemAdmin={session.has('system_admin')} />
        </>
      ) : null}
    </>
  );
}
