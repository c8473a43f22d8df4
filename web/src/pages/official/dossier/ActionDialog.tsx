// One dialog per action, asking only for what that action needs: a reason, the missing items, a person, an
// office, a unit, a step, a date. Sends the dossier's revision (If-Match) and an idempotency key, so a double
// click or a colleague's concurrent change never acts twice or on a stale page.
import { useMemo, useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError, newIdempotencyKey } from '../../../api';
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { useSession } from '../../../session';
import type { FormName } from '../../../components/files';
import { useTransferTargets } from './transferTargets';
import { SignResultDialog } from './SignPanel';
import type { ActionName, ActionResult, Dossier, OfficeRef, Official, UnitSummary } from '../../../types';

/** The printed form that usually follows an action. */
export const FORM_AFTER: Partial<Record<ActionName, FormName>> = {
  receive: 'receipt',
  receive_supplement: 'receipt',
  refuse: 'refusal',
  request_supplement: 'supplement-request',
  extend: 'apology',
};

const REASON_ONLY: ActionName[] = ['refuse', 'send_back', 'withdraw', 'stop'];
const NOTE_ONLY: ActionName[] = ['approve', 'sign', 'resume'];

type Values = Record<string, unknown>;

export function buildBody(action: ActionName, v: Values): Record<string, unknown> {
  const text = (k: string) => (typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : undefined);
  switch (action) {
    case 'receive':
    case 'receive_supplement':
      return { components: (v.components as string[] | undefined) ?? [], note: text('note') };
    case 'request_supplement': {
      const picked = ((v.missingKeys as string[] | undefined) ?? []).map((componentKey) => ({ componentKey }));
      const other = (text('missingOther') ?? '')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((name) => ({ name }));
      return { missing: [...picked, ...other], reason: text('reason') };
    }
    case 'assign':
      return { assigneeId: v.assigneeId, note: text('note') };
    case 'forward':
      return { assigneeId: v.assigneeId ?? undefined, note: text('note') };
    case 'consult':
      return { officeId: v.officeId, question: text('question') };
    case 'consult_reply':
      return { consultationId: v.consultationId, answer: text('answer') };
    case 'transfer':
      return { toUnitCode: v.toUnitCode, reason: text('reason') };
    case 'receive_back':
      return { note: text('note') };
    case 'return_to_step':
      return { stepKey: v.stepKey, reason: text('reason') };
    case 'submit_for_approval':
      return { outcome: v.outcome, note: text('note') };
    case 'issue_result':
      return { resultNumber: text('resultNumber'), note: text('note') };
    case 'return_result':
      return { receivedBy: text('receivedBy'), note: text('note') };
    case 'request_fee':
      return { amount: v.amount, description: text('description') };
    case 'record_payment':
      return { method: v.method, receiptNo: text('receiptNo') };
    case 'extend':
      return { newDueAt: dayjs(v.newDueAt as string).format('YYYY-MM-DDTHH:mm:00+07:00'), reason: text('reason') };
    default:
      return REASON_ONLY.includes(action) ? { reason: text('reason') } : { note: text('note') };
  }
}

/** Takes the action; throws ApiError with the server's message. */
export function takeAction(d: Pick<Dossier, 'id' | 'revision'>, action: ActionName, body: Record<string, unknown>, key = newIdempotencyKey()) {
  return api.post<ActionResult>(`/api/dossiers/${d.id}/actions/${action}`, body, { 'if-match': String(d.revision), 'idempotency-key': key });
}

/**
 * "sign" by the unit's leader is a digital signature on the result (SignPanel.tsx); the server lets only the
 * leader sign digitally, so the clerk's "sign" (the paper result signed and stamped) stays a plain step action,
 * as does every other action.
 */
export function ActionDialog(props: { dossier: Dossier; action: ActionName; onClose(): void; onDone(r: ActionResult): void }) {
  const session = useSession();
  const leader = session.unitsWith('unit_leader').some((u) => u.code === props.dossier.unit.code);
  return props.action === 'sign' && leader ? <SignResultDialog dossier={props.dossier} onClose={props.onClose} onDone={props.onDone} /> : <StepActionDialog {...props} />;
}

function StepActionDialog({ dossier, action, onClose, onDone }: { dossier: Dossier; action: ActionName; onClose(): void; onDone(r: ActionResult): void }) {
  const { t, m, errorText } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => newIdempotencyKey(), []);
  const needsPeople = action === 'assign' || action === 'forward' || action === 'consult';
  const people = useApi<{ officials: Official[]; offices: OfficeRef[] }>(needsPeople ? `/api/units/${dossier.unit.code}/officials` : null);
  const [unitQuery, setUnitQuery] = useState('');
  const units = useApi<{ units: UnitSummary[] }>(action === 'transfer' && unitQuery.trim().length >= 2 ? '/api/units' : null, { q: unitQuery.trim(), limit: 20 });
  const targets = useTransferTargets(action === 'transfer', unitQuery, units.data?.units ?? []);
  const title = m(dossier.allowedActions.find((a) => a.action === action)?.name);
  const reasonRule = { required: true, min: 3, whitespace: true, message: t('action.reasonRequired') };
  const missingComponents = dossier.components.filter((c) => !c.provided);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = buildBody(action, values);
    if (action === 'request_supplement' && (body.missing as unknown[]).length === 0) {
      form.setFields([{ name: 'missingOther', errors: [t('action.missingRequired')] }]);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onDone(await takeAction(dossier, action, body, key));
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field) {
        const name = e.field.split('.').pop()!;
        if (form.getFieldInstance(name) !== undefined || name in form.getFieldsValue()) form.setFields([{ name, errors: [m(e.body.message)] }]);
      }
    } finally {
      setBusy(false);
    }
  };

  const note = (
    <Form.Item name="note" label={t('action.note')}>
      <Input.TextArea rows={2} maxLength={2000} />
    </Form.Item>
  );
  const reason = (
    <Form.Item name="reason" label={t('action.reason')} rules={[reasonRule]}>
      <Input.TextArea rows={3} maxLength={2000} autoFocus />
    </Form.Item>
  );
  const officials = (people.data?.officials ?? []).map((o) => ({
    value: o.id,
    label: `${o.fullName} — ${o.roles.map((r) => `${m(r.roleName)}${r.officeName ? `, ${r.officeName}` : ''}`).join('; ')}`,
  }));
  const stepIndex = dossier.steps.findIndex((s) => s.key === dossier.step?.key);

  return (
    <Modal open title={title} onCancel={onClose} onOk={submit} okText={t('action.submit')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden width={640}>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ outcome: 'granted', method: 'cash', components: missingComponents.map((c) => c.key) }}>
        {action === 'receive' || action === 'receive_supplement' ? (
          <>
            {missingComponents.length ? (
              <Form.Item name="components" label={t('action.components')}>
                <Checkbox.Group options={missingComponents.map((c) => ({ value: c.key, label: c.name }))} style={{ display: 'grid', gap: 6 }} />
              </Form.Item>
            ) : null}
            {note}
          </>
        ) : null}
        {REASON_ONLY.includes(action) ? reason : null}
        {NOTE_ONLY.includes(action) ? note : null}
        {action === 'request_supplement' ? (
          <>
            <Form.Item name="missingKeys" label={t('action.missing')}>
              <Checkbox.Group options={dossier.components.map((c) => ({ value: c.key, label: c.name }))} style={{ display: 'grid', gap: 6 }} />
            </Form.Item>
            <Form.Item name="missingOther" label={t('action.missingOther')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            {reason}
          </>
        ) : null}
        {action === 'assign' || action === 'forward' ? (
          <>
            <Form.Item name="assigneeId" label={action === 'assign' ? t('action.assignee') : t('action.assigneeOptional')} rules={action === 'assign' ? [{ required: true, message: t('action.assigneeRequired') }] : []}>
              <Select showSearch={{ optionFilterProp: 'label' }} allowClear loading={people.loading} options={officials} />
            </Form.Item>
            {note}
          </>
        ) : null}
        {action === 'consult' ? (
          <>
            <Form.Item name="officeId" label={t('action.office')} rules={[{ required: true, message: t('action.officeRequired') }]}>
              <Select loading={people.loading} options={(people.data?.offices ?? []).map((o) => ({ value: o.id, label: o.name }))} />
            </Form.Item>
            <Form.Item name="question" label={t('action.question')} rules={[reasonRule]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        {action === 'consult_reply' ? (
          <>
            <Form.Item name="consultationId" label={t('action.consultation')} rules={[{ required: true }]} initialValue={dossier.consultations.find((c) => !c.answeredAt)?.id}>
              <Select options={dossier.consultations.filter((c) => !c.answeredAt).map((c) => ({ value: c.id, label: `${c.office.name}: ${c.question}` }))} />
            </Form.Item>
            <Form.Item name="answer" label={t('action.answer')} rules={[reasonRule]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        {action === 'transfer' ? (
          <>
            <Form.Item name="toUnitCode" label={t('action.unit')} rules={[{ required: true, message: t('action.unitRequired') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setUnitQuery }}
                placeholder={t('action.unitSearch')}
                loading={units.loading || targets.loading}
                notFoundContent={null}
                options={targets.options}
              />
            </Form.Item>
            {reason}
          </>
        ) : null}
        {action === 'receive_back' ? (
          <Form.Item name="note" label={t('action.note')} rules={[reasonRule]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        ) : null}
        {action === 'return_to_step' ? (
          <>
            <Form.Item name="stepKey" label={t('action.step')} rules={[{ required: true }]}>
              <Select options={dossier.steps.slice(0, Math.max(stepIndex, 0)).map((s) => ({ value: s.key, label: m(s.name) }))} />
            </Form.Item>
            {reason}
          </>
        ) : null}
        {action === 'submit_for_approval' ? (
          <>
            <Form.Item name="outcome" label={t('action.outcome')}>
              <Radio.Group
                options={[
                  { value: 'granted', label: t('dossier.outcome.granted') },
                  { value: 'refused', label: t('dossier.outcome.refused') },
                ]}
              />
            </Form.Item>
            {note}
          </>
        ) : null}
        {action === 'issue_result' ? (
          <>
            <Form.Item name="resultNumber" label={t('action.resultNumber')}>
              <Input maxLength={100} />
            </Form.Item>
            {note}
          </>
        ) : null}
        {action === 'return_result' ? (
          <>
            <Form.Item name="receivedBy" label={t('action.receivedBy')} initialValue={dossier.applicant.name}>
              <Input maxLength={200} />
            </Form.Item>
            {note}
          </>
        ) : null}
        {action === 'request_fee' ? (
          <>
            <Form.Item name="amount" label={t('action.amount')} rules={[{ required: true }]} initialValue={dossier.feeAmount ?? undefined}>
              <InputNumber min={0} step={1000} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="description" label={t('action.description')} rules={[{ required: true, min: 2 }]}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        {action === 'record_payment' ? (
          <>
            <Form.Item name="method" label={t('action.method')}>
              <Radio.Group options={(['cash', 'transfer', 'online'] as const).map((v) => ({ value: v, label: t(`action.method.${v}`) }))} />
            </Form.Item>
            <Form.Item name="receiptNo" label={t('action.receiptNo')}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        ) : null}
        {action === 'extend' ? (
          <>
            <Form.Item name="newDueAt" label={t('action.newDueAt')} rules={[{ required: true, message: t('action.newDueRequired') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="HH:mm DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => !!dossier.dueAt && d.isBefore(dayjs(dossier.dueAt), 'day')} />
            </Form.Item>
            {reason}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
