// Procedures: find one, see its versions, set a channel's time limit (system admins; makes a new version),
// and edit the workflow — steps, roles and each step's share of the time — for every unit or one unit.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Table } from 'antd';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { ProcedurePicker } from '../counter/ProcedurePicker';
import type { Msg } from '../../../api';
import type { Procedure, Role } from '../../../types';

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

function WorkflowEditor({ code, unit }: { code: string; unit: { code: string; name: string } | undefined }) {
  const { t, m, errorText } = useI18n();
  const { message } = App.useApp();
  const wf = useApi<WorkflowView>(`/api/procedures/${code}/workflow`, { unit: unit?.code });
  const [steps, setSteps] = useState<Step[]>([]);
  const [error, setError] = useState<unknown>();
  useEffect(() => setSteps(wf.data?.definition.steps ?? []), [wf.data]);
  if (wf.error) return <ErrorState error={wf.error} />;
  const total = steps.reduce((s, x) => s + x.percent, 0);
  const set = (i: number, patch: Partial<Step>) => setSteps((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const save = async () => {
    try {
      await api.put(`/api/procedures/${code}/workflow`, { ...(unit ? { unit: unit.code } : {}), definition: { steps } });
      message.success(t('common.saved'));
      setError(undefined);
      wf.reload();
    } catch (e) {
      setError(e);
    }
  };
  const scope = wf.data?.appliesTo;
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{t('procedures.workflow')}</h2>}>
      <p>
        {t('procedures.workflowScope')}: {scope?.procedure ? `${scope.procedure} — ${scope.unit?.name ?? t('procedures.workflow.everyUnit')}` : t('procedures.workflow.default')} (v{wf.data?.version ?? '…'})
      </p>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Step>
        rowKey="key"
        size="small"
        pagination={false}
        loading={wf.loading}
        dataSource={steps}
        columns={[
          { title: t('procedures.step.name'), render: (_, s) => m(s.name) },
          {
            title: t('procedures.step.role'),
            render: (_, s, i) => (
              <Select aria-label={`${t('procedures.step.role')}: ${m(s.name)}`} value={s.role} style={{ width: 200 }} onChange={(role: Role) => set(i, { role })} options={STEP_ROLES.map((r) => ({ value: r, label: r }))} />
            ),
          },
          {
            title: t('procedures.step.percent'),
            render: (_, s, i) => <InputNumber aria-label={`${t('procedures.step.percent')}: ${m(s.name)}`} min={0} max={100} value={s.percent} onChange={(v) => set(i, { percent: Number(v ?? 0) })} />,
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <span style={{ color: Math.abs(total - 100) > 0.01 ? '#c41d1d' : undefined }}>{t('procedures.step.total', { n: total })}</span>
        {unit ? (
          <Button type="primary" onClick={save}>
            {t('procedures.workflow.saveFor', { unit: unit.name })}
          </Button>
        ) : null}
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
          {session.has('system_admin') ? <TimeLimit p={proc.data} onSaved={() => { proc.reload(); versions.reload(); }} /> : null}
          <WorkflowEditor code={code} unit={unit} />
        </>
      ) : null}
    </>
  );
}
