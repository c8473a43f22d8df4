// The counter desk: find the procedure, tick its components (with scans), take the applicant's details
// (reused by ID number), see the due date, then receive, request a supplement or refuse — one screen — and
// print the form that goes with the decision.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Result, Select, Space, Typography } from 'antd';
import { api, ApiError, newIdempotencyKey } from '../../api';
import { ErrorState, LinkButton, PageTitle } from '../../components/common';
import { PrintButton, type FormName } from '../../components/files';
import { fmtDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import type { DueDatePreview, Procedure } from '../../types';
import { ApplicantFields, type PopulationPrefill } from './counter/ApplicantFields';
import { ComponentsChecklist, type Checklist } from './counter/ComponentsChecklist';
import { ProcedurePicker } from './counter/ProcedurePicker';

type Decision = 'receive' | 'request_supplement' | 'refuse';
const FORM_FOR: Record<Decision, FormName> = { receive: 'receipt', request_supplement: 'supplement-request', refuse: 'refusal' };

interface Done {
  id: number;
  code: string;
  decision: Decision;
  dueAt: string | null;
}

export default function Counter() {
  const { t } = useI18n();
  const session = useSession();
  const units = session.unitsWith('receiving_officer');
  const [unitCode, setUnitCode] = useState(units[0]?.code ?? '');
  const [code, setCode] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [done, setDone] = useState<Done | null>(null);

  const reset = () => {
    setCode(null);
    setDone(null);
    setRound((n) => n + 1);
  };

  if (done) return <Success done={done} onNext={reset} />;
  return (
    <>
      <PageTitle title={t('counter.title')} />
      {code && units.length <= 1 ? null : (
      <Card size="small" className="section">
        <Space direction="vertical" style={{ width: '100%' }}>
          {units.length > 1 ? (
            <Form.Item label={t('counter.unit')} htmlFor="counter-unit" style={{ marginBottom: 0 }}>
              <Select id="counter-unit" value={unitCode} onChange={setUnitCode} options={units.map((u) => ({ value: u.code, label: u.name }))} style={{ minWidth: 240 }} />
            </Form.Item>
          ) : null}
          {code ? null : <ProcedurePicker key={round} onPick={setCode} />}
        </Space>
      </Card>
      )}
      {code ? <Intake key={`${code}-${round}`} code={code} unitCode={unitCode} onChange={() => setCode(null)} onDone={setDone} /> : null}
    </>
  );
}

function Intake({ code, unitCode, onChange, onDone }: { code: string; unitCode: string; onChange(): void; onDone(d: Done): void }) {
  const { t, errorText, m } = useI18n();
  const [form] = Form.useForm();
  const proc = useApi<Procedure>(`/api/public/procedures/${encodeURIComponent(code)}`);
  const due = useApi<DueDatePreview>('/api/public/due-date', { unit: unitCode, procedure: code, channel: 'counter' });
  const [checklist, setChecklist] = useState<Checklist>({ received: [], files: {}, reused: {} });
  const [population, setPopulation] = useState<PopulationPrefill | null>(null);
  const idNumber = Form.useWatch('idNumber', form) as string | undefined;
  const [decision, setDecision] = useState<Decision>('receive');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const key = useMemo(() => newIdempotencyKey(), []);

  const p = proc.data;
  const missing = (p?.components ?? []).filter((c) => c.required && !checklist.received.includes(c.key));
  const complete = missing.length === 0;
  // Follow the checklist until the officer picks a decision by hand.
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    if (!chosen && p) setDecision(complete ? 'receive' : 'request_supplement');
  }, [complete, chosen, p]);

  if (proc.error) return <ErrorState error={proc.error} onRetry={proc.reload} />;
  if (!p) return <Card loading className="section" />;
  const counterChannel = p.channels.find((c) => c.channel === 'counter') ?? p.channels[0];

  const submit = async () => {
    let v: Record<string, string | number | undefined>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const clean = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined);
    const other = (clean(v.missingOther) ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const body = {
      procedureCode: p.code,
      unitCode,
      channel: 'counter',
      applicant: { kind: v.kind, name: clean(v.name), idNumber: clean(v.idNumber), phone: clean(v.phone), email: clean(v.email), address: clean(v.address) },
      setsCount: v.setsCount,
      resultDelivery: v.resultDelivery,
      components: checklist.received.map((k) => ({ key: k, fileIds: (checklist.files[k] ?? []).map((f) => f.id) })),
      reuse: Object.entries(checklist.reused)
        .filter(([k]) => checklist.received.includes(k))
        .map(([k, d]) => ({ componentKey: k, fileId: d.fileId })),
      // Only the lookup of this very number proves where the details came from.
      populationLookupId: population && population.idNumber === clean(v.idNumber) ? population.lookupId : undefined,
      decision,
      ...(decision === 'request_supplement' ? { missing: [...missing.map((c) => ({ componentKey: c.key })), ...other.map((name) => ({ name }))] } : {}),
      ...(decision !== 'receive' ? { reason: clean(v.reason) } : {}),
      note: clean(v.note),
    };
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.post<{ id: number; code: string }>('/api/dossiers', body, { 'idempotency-key': key });
      const detail = await api.get<{ dueAt: string | null }>(`/api/dossiers/${r.id}`);
      onDone({ id: r.id, code: r.code, decision, dueAt: detail.dueAt });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field?.startsWith('body.applicant.')) {
        form.setFields([{ name: e.field.split('.').pop()!, errors: [m(e.body.message)] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'citizen', setsCount: 1, resultDelivery: 'counter', reason: t('counter.reasonDefault') }} onFinish={submit}>
      <Card
        size="small"
        className="section"
        title={<h2 className="card-title">{p.name}</h2>}
        extra={
          <Button onClick={onChange} size="small">
            {t('counter.change')}
          </Button>
        }
      >
        <Space wrap size="large">
          <span className="mono">{p.code}</span>
          <span>{p.field}</span>
          {counterChannel?.timeLimit.text ? <span>{t('counter.limit', { text: counterChannel.timeLimit.text })}</span> : null}
          {counterChannel?.fee.text ? <span>{t('counter.fee', { text: counterChannel.fee.text })}</span> : null}
        </Space>
      </Card>
      <Card size="small" className="section" title={<h2 className="card-title">{t('counter.components')}</h2>}>
        <Typography.Paragraph type="secondary">{t('counter.componentsHint')}</Typography.Paragraph>
        <ComponentsChecklist components={p.components} value={checklist} onChange={setChecklist} idNumber={idNumber} />
      </Card>
      <Card size="small" className="section" title={<h2 className="card-title">{t('counter.applicant')}</h2>}>
        <ApplicantFields form={form} onPopulation={setPopulation} />
      </Card>
      <Card size="small" className="section" title={<h2 className="card-title">{t('counter.decision')}</h2>}>
        <div className="due-preview" data-testid="due-preview" role="status">
          <strong>{t('counter.due')}: </strong>
          {due.data ? (
            <span>{t('counter.dueValue', { due: fmtDateTime(due.data.dueAt), limit: counterChannel?.timeLimit.text ?? `${due.data.limit.value}` })}</span>
          ) : due.error ? (
            <span>{errorText(due.error)}</span>
          ) : (
            <span>{t('counter.dueLoading')}</span>
          )}
        </div>
        <Form.Item label={t('counter.decision')} style={{ marginTop: 12 }}>
          <Radio.Group
            value={decision}
            onChange={(e) => {
              setChosen(true);
              setDecision(e.target.value as Decision);
            }}
            optionType="button"
            buttonStyle="solid"
            options={(['receive', 'request_supplement', 'refuse'] as const).map((d) => ({ value: d, label: t(`counter.decision.${d}`) }))}
          />
        </Form.Item>
        {decision === 'receive' && !complete ? <Alert type="warning" showIcon role="alert" title={t('counter.cannotReceive')} style={{ marginBottom: 12 }} /> : null}
        {decision === 'request_supplement' ? (
          <>
            {missing.length ? <Alert type="info" showIcon title={t('counter.missingRequired', { names: missing.map((c) => c.name).join('; ') })} style={{ marginBottom: 12 }} /> : null}
            <Form.Item name="missingOther" label={t('counter.missingOther')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {decision !== 'receive' ? (
          <Form.Item name="reason" label={t('counter.reason')} rules={[{ required: true, min: 3, whitespace: true, message: t('action.reasonRequired') }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
        {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" size="large" loading={busy} disabled={decision === 'receive' && !complete} danger={decision === 'refuse'}>
          {t(`counter.submit.${decision}`)}
        </Button>
      </Card>
    </Form>
  );
}

function Success({ done, onNext }: { done: Done; onNext(): void }) {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('counter.title')} />
      <Result
        status={done.decision === 'receive' ? 'success' : 'info'}
        title={<span role="status">{t(`counter.success.${done.decision}`)}</span>}
        subTitle={
          <div>
            <div className="mono" data-testid="dossier-code">
              {t('counter.success.code', { code: done.code })}
            </div>
            {done.dueAt ? <div>{t('counter.success.due', { due: fmtDateTime(done.dueAt) })}</div> : null}
          </div>
        }
        extra={
          <Space wrap>
            <PrintButton dossier={done.id} form={FORM_FOR[done.decision]} type="primary" />
            <Button onClick={onNext} autoFocus>
              {t('counter.next')}
            </Button>
            <LinkButton to={`/can-bo/ho-so/${encodeURIComponent(done.code)}`}>{t('counter.openDossier')}</LinkButton>
          </Space>
        }
      />
    </>
  );
}
