// What an action does to a dossier: the new status and step, the fields that change, the history entry and
// the side records (pauses, consultations, transfers, extension, fees). Pure: `now` and the calendar come in.
import { z } from 'zod';
import { domainRule, type Msg } from '../../errors.js';
import { bi } from '../../http/errors.js';
import {
  addWorkingMinutes,
  computeDueAt,
  resumeAfterPause,
  restartAfterSupplement,
  timeliness,
  workingMinutesBetween,
  type Limit,
  type WorkCalendar,
} from '../calendar/index.js';
import type { DossierState } from './rules.js';
import { statusForStep, type Status } from './status.js';
import { getStep, stepIndex, type ActionName, type Workflow } from './workflow.js';

const Note = z.string().trim().max(2000).optional();
const Reason = z.string().trim().min(3, bi('Cần nêu lý do (ít nhất 3 ký tự)', 'A reason is needed (at least 3 characters)')).max(2000);
const LimitInput = z.object({ value: z.number().int().min(0).max(365), unit: z.enum(['working_day', 'day', 'hour', 'same_day']) });
const ComponentKeys = z.array(z.string().min(1).max(80)).max(100);

/** One line of a requested fee: phí (fee) or lệ phí (charge), as the unit's fee lines give it. */
export const FeeLineInput = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,40}$/, bi('Mã phí, lệ phí gồm chữ, số, dấu chấm, gạch (tối đa 40 ký tự)', 'A fee code is letters, digits, dots and dashes (at most 40)')),
  name: z.string().trim().min(2).max(300),
  kind: z.enum(['fee', 'charge']),
  amount: z.number().int().min(0).max(1_000_000_000),
});
export type FeeLineInput = z.infer<typeof FeeLineInput>;

/**
 * Either { amount, description } or { lines } (then amount is their sum and the description their names).
 * The output parses again to itself: the route parses the body, then the service parses it once more.
 */
const FeeRequestInput = z
  .object({
    amount: z.number().int().min(0).max(1_000_000_000).optional(),
    description: z.string().trim().min(2).max(500).optional(),
    lines: z.array(FeeLineInput).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    const lines = v.lines ?? [];
    if (!lines.length) {
      if (v.amount === undefined) ctx.addIssue({ code: 'custom', path: ['amount'], ...bi('Cần số tiền hoặc danh sách các khoản phí, lệ phí', 'An amount or a list of fee lines is needed') });
      if (v.description === undefined) ctx.addIssue({ code: 'custom', path: ['description'], ...bi('Cần nội dung khoản phải nộp', 'A description of what is to be paid is needed') });
      return;
    }
    const sum = lines.reduce((a, l) => a + l.amount, 0);
    if (sum > 1_000_000_000) ctx.addIssue({ code: 'custom', path: ['lines'], ...bi('Tổng các khoản vượt 1 tỷ đồng', 'The lines add up to more than 1 billion đồng') });
    if (v.amount !== undefined && v.amount !== sum) {
      ctx.addIssue({ code: 'custom', path: ['amount'], ...bi(`Số tiền ${v.amount} khác tổng các khoản ${sum}`, `The amount ${v.amount} differs from the sum of the lines, ${sum}`) });
    }
    const codes = lines.map((l) => l.code);
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice) ctx.addIssue({ code: 'custom', path: ['lines'], ...bi(`Mã khoản "${twice}" bị lặp`, `Line code "${twice}" appears twice`) });
  })
  .transform((v) => {
    const lines = v.lines ?? [];
    return {
      amount: v.amount ?? lines.reduce((a, l) => a + l.amount, 0),
      description: v.description ?? lines.map((l) => l.name).join('; ').slice(0, 500),
      lines,
    };
  });

export const ActionInputs = {
  receive: z.object({ components: ComponentKeys.optional(), note: Note }),
  refuse: z.object({ reason: Reason }),
  request_supplement: z.object({
    missing: z
      .array(
        z.object({
          componentKey: z.string().max(80).optional(),
          name: z.string().trim().min(2).max(500).optional(),
          requirement: z.string().trim().max(1000).optional(),
        }),
      )
      .min(1, bi('Cần liệt kê ít nhất một giấy tờ còn thiếu', 'List at least one missing item'))
      .max(50),
    reason: Reason,
  }),
  receive_supplement: z.object({ components: ComponentKeys.optional(), note: Note }),
  assign: z.object({ assigneeId: z.number().int().positive(), note: Note }),
  forward: z.object({ note: Note, assigneeId: z.number().int().positive().optional() }),
  consult: z.object({ officeId: z.number().int().positive(), question: Reason, limit: LimitInput.optional() }),
  consult_reply: z.object({ consultationId: z.number().int().positive(), answer: Reason }),
  transfer: z.object({ toUnitCode: z.string().regex(/^\d{2}(\d{3})?$/), reason: Reason, limit: LimitInput.optional() }),
  receive_back: z.object({ note: Reason }),
  return_to_step: z.object({ stepKey: z.string().min(1).max(40), reason: Reason }),
  submit_for_approval: z.object({ outcome: z.enum(['granted', 'refused']), note: Note }),
  approve: z.object({ note: Note }),
  send_back: z.object({ reason: Reason }),
  sign: z.object({ note: Note }),
  issue_result: z.object({ resultNumber: z.string().trim().max(100).optional(), note: Note }),
  return_result: z.object({ receivedBy: z.string().trim().max(200).optional(), note: Note }),
  withdraw: z.object({ reason: Reason }),
  stop: z.object({ reason: Reason }),
  resume: z.object({ note: Note }),
  request_fee: FeeRequestInput,
  record_payment: z.object({ receiptNo: z.string().trim().max(100).optional(), method: z.enum(['cash', 'transfer', 'online']) }),
  extend: z.object({ newDueAt: z.coerce.date(), reason: Reason }),
} satisfies Record<ActionName, z.ZodType>;

export type ActionInput<A extends ActionName> = z.infer<(typeof ActionInputs)[A]>;

export type Effect =
  | { kind: 'open_pause'; pauseKind: 'supplement' | 'fee' | 'stop'; reason: string; details: Record<string, unknown> }
  | { kind: 'close_pause' }
  | { kind: 'mark_components'; keys: string[] }
  | { kind: 'open_consultation'; officeId: number; question: string; dueAt: Date }
  | { kind: 'answer_consultation'; id: number; answer: string }
  | { kind: 'open_transfer'; toUnitId: number | null; remote?: RemoteTarget; reason: string; dueAt: Date | null }
  | { kind: 'close_transfer'; note: string }
  | { kind: 'extension'; previousDueAt: Date; newDueAt: Date; reason: string }
  | { kind: 'fee_request'; amount: number; description: string; lines: FeeLineInput[] }
  | { kind: 'fee_paid'; receiptNo: string | null; method: string };

export interface Patch {
  status: Status;
  step: string | null;
  assignee_id?: number | null;
  received_at?: Date;
  clock_started_at?: Date;
  due_at?: Date;
  original_due_at?: Date;
  step_started_at?: Date | null;
  step_spent_minutes?: number;
  paused_at?: Date | null;
  handling_unit_id?: number;
  outcome?: 'granted' | 'refused' | null;
  signed_at?: Date | null;
  resolved_at?: Date;
  returned_at?: Date;
  closed_at?: Date;
  fee_amount?: number;
}

export interface Decision {
  patch: Patch;
  note: string | null;
  details: Record<string, unknown>;
  /** Set when the action ends a step: time spent in it against the time allotted. */
  stepTime: { spentMinutes: number; allottedMinutes: number; timeliness: 'early' | 'on_time' | 'late' } | null;
  effects: Effect[];
}

export interface DecideEnv {
  now: Date;
  cal: WorkCalendar;
  workflow: Workflow;
  actorId: number | null;
  /** Resolved by the caller for transfer: the target unit's id. */
  targetUnitId?: number;
  /** Resolved by the caller for transfer when the target unit is hosted by a peer instance (federation). */
  remoteTarget?: RemoteTarget;
}

/** A unit on another MotCua instance; `localUnitId` when this instance's unit directory knows its code. */
export interface RemoteTarget {
  peerId: number;
  unitCode: string;
  unitName: string | null;
  localUnitId: number | null;
}

const rule = (vi: string, en: string): Msg => ({ vi, en });

/** Minutes allotted to the current step: its share of the working time between clock start and due date. */
export function allottedMinutes(state: DossierState, env: DecideEnv): number {
  const step = getStep(env.workflow, state.step);
  if (!step || !state.clockStartedAt || !state.dueAt) return 0;
  const total = workingMinutesBetween(env.cal, state.clockStartedAt, state.dueAt);
  return Math.round((total * step.percent) / 100);
}

function spentInStep(state: DossierState, env: DecideEnv): number {
  if (!state.stepStartedAt) return state.stepSpentMinutes;
  return state.stepSpentMinutes + workingMinutesBetween(env.cal, state.stepStartedAt, env.now);
}

function endStep(state: DossierState, env: DecideEnv): Decision['stepTime'] {
  if (!state.step || !state.clockStartedAt) return null;
  const spent = spentInStep(state, env);
  const allotted = allottedMinutes(state, env);
  const status = spent > allotted ? 'late' : timeliness(addWorkingMinutes(env.cal, env.now, allotted - spent), env.now);
  return { spentMinutes: spent, allottedMinutes: allotted, timeliness: status };
}

function enterStep(workflow: Workflow, key: string, now: Date): Pick<Patch, 'status' | 'step' | 'step_started_at' | 'step_spent_minutes'> {
  const step = getStep(workflow, key)!;
  return { status: statusForStep(step.kind), step: key, step_started_at: now, step_spent_minutes: 0 };
}

function nextStepKey(workflow: Workflow, key: string | null): string | undefined {
  return workflow.steps[stepIndex(workflow, key) + 1]?.key;
}

function missingRequired(state: DossierState, provided: string[] | undefined): Array<{ key: string; name: string }> {
  const have = new Set([...state.components.filter((c) => c.provided).map((c) => c.key), ...(provided ?? [])]);
  return state.components.filter((c) => c.required && !have.has(c.key)).map((c) => ({ key: c.key, name: c.name }));
}

function checkProvidedKeys(state: DossierState, keys: string[] | undefined): void {
  const known = new Set(state.components.map((c) => c.key));
  const unknown = (keys ?? []).filter((k) => !known.has(k));
  if (unknown.length) {
    throw domainRule(
      rule(`Thành phần hồ sơ không thuộc thủ tục: ${unknown.join(', ')}`, `Components not in the procedure: ${unknown.join(', ')}`),
      { unknown },
    );
  }
}

function requireComplete(state: DossierState, provided: string[] | undefined): void {
  checkProvidedKeys(state, provided);
  const missing = missingRequired(state, provided);
  if (missing.length) {
    throw domainRule(
      rule(
        `Hồ sơ chưa đủ thành phần bắt buộc: ${missing.map((m) => m.name).join('; ')}. Hãy yêu cầu bổ sung hoặc từ chối.`,
        `Required components are missing: ${missing.map((m) => m.name).join('; ')}. Request a supplement or refuse.`,
      ),
      { missing },
    );
  }
}

function startClock(state: DossierState, env: DecideEnv, receivedAt: Date): Pick<Patch, 'received_at' | 'clock_started_at' | 'due_at' | 'original_due_at'> {
  const due = computeDueAt(env.cal, receivedAt, state.limit);
  return { received_at: receivedAt, clock_started_at: receivedAt, due_at: due, original_due_at: due };
}

type Handler<A extends ActionName> = (state: DossierState, input: ActionInput<A>, env: DecideEnv) => Decision;

const decision = (patch: Patch, extra: Partial<Omit<Decision, 'patch'>> = {}): Decision => ({
  patch,
  note: extra.note ?? null,
  details: extra.details ?? {},
  stepTime: extra.stepTime ?? null,
  effects: extra.effects ?? [],
});

const HANDLERS: { [A in ActionName]: Handler<A> } = {
  receive(state, input, env) {
    requireComplete(state, input.components);
    const first = env.workflow.steps[0]!.key;
    return decision(
      { ...enterStep(env.workflow, first, env.now), ...startClock(state, env, env.now) },
      { note: input.note ?? null, effects: [{ kind: 'mark_components', keys: input.components ?? [] }] },
    );
  },

  refuse(state, input, env) {
    return decision(
      { status: 'refused', step: state.step, closed_at: env.now, outcome: 'refused', step_started_at: null },
      { note: input.reason, details: { reason: input.reason }, stepTime: endStep(state, env) },
    );
  },

  request_supplement(state, input, env) {
    checkProvidedKeys(state, input.missing.flatMap((m) => (m.componentKey ? [m.componentKey] : [])));
    const items = input.missing.map((m) => ({
      componentKey: m.componentKey ?? null,
      name: m.name ?? state.components.find((c) => c.key === m.componentKey)?.name ?? '',
      requirement: m.requirement ?? null,
    }));
    if (items.some((i) => !i.name)) {
      throw domainRule(rule('Mỗi mục còn thiếu cần tên giấy tờ hoặc mã thành phần.', 'Each missing item needs a name or a component key.'));
    }
    const details = { missing: items, reason: input.reason };
    if (state.status === 'submitted') {
      // Before intake: guide the applicant once, completely (Mẫu 02). The clock has not started.
      return decision({ status: 'intake_supplement', step: null }, { note: input.reason, details, effects: [{ kind: 'open_pause', pauseKind: 'supplement', reason: input.reason, details: { ...details, resumeStatus: 'submitted', resumeStep: null, beforeIntake: true } }] });
    }
    // During processing: within 3 working days of receipt, once (ND61 Art.19.4); the limit restarts on receipt.
    const lastDay = computeDueAt(env.cal, state.receivedAt!, { value: 3, unit: 'working_day' });
    if (env.now > lastDay) {
      throw domainRule(
        rule(
          'Đã quá 3 ngày làm việc kể từ khi tiếp nhận: không được yêu cầu bổ sung nữa (Nghị định 61/2018, Điều 19). Hãy giải quyết hoặc trình từ chối.',
          'More than 3 working days have passed since receipt: a supplement may no longer be requested (Decree 61/2018, Art. 19). Resolve the dossier or propose a refusal.',
        ),
      );
    }
    if (state.supplementRequests > 0) {
      throw domainRule(
        rule('Hồ sơ đã được yêu cầu bổ sung một lần; phải hướng dẫn một lần, đầy đủ.', 'A supplement was already requested once; the applicant must be guided once, completely.'),
      );
    }
    const spent = spentInStep(state, env);
    return decision(
      { status: 'supplement_requested', step: state.step, paused_at: env.now, step_started_at: null, step_spent_minutes: spent },
      {
        note: input.reason,
        details,
        effects: [{ kind: 'open_pause', pauseKind: 'supplement', reason: input.reason, details: { ...details, resumeStatus: state.status, resumeStep: state.step } }],
      },
    );
  },

  receive_supplement(state, input, env) {
    const pause = state.openPause;
    if (state.status === 'intake_supplement') {
      requireComplete(state, input.components);
      const first = env.workflow.steps[0]!.key;
      return decision(
        { ...enterStep(env.workflow, first, env.now), ...startClock(state, env, env.now) },
        { note: input.note ?? null, effects: [{ kind: 'mark_components', keys: input.components ?? [] }, { kind: 'close_pause' }] },
      );
    }
    requireComplete(state, input.components);
    const due = restartAfterSupplement(env.cal, env.now, state.limit);
    return decision(
      {
        status: pause?.resumeStatus ?? 'processing',
        step: pause?.resumeStep ?? state.step,
        paused_at: null,
        step_started_at: env.now,
        clock_started_at: env.now,
        due_at: due,
      },
      {
        note: input.note ?? null,
        details: { previousDueAt: state.dueAt, newDueAt: due, restarted: true },
        effects: [{ kind: 'mark_components', keys: input.components ?? [] }, { kind: 'close_pause' }],
      },
    );
  },

  assign(state, input) {
    return decision({ status: state.status, step: state.step, assignee_id: input.assigneeId }, { note: input.note ?? null, details: { assigneeId: input.assigneeId } });
  },

  forward(state, input, env) {
    const next = nextStepKey(env.workflow, state.step);
    const nextStep = next ? getStep(env.workflow, next) : undefined;
    if (!next || !nextStep || nextStep.kind === 'approval' || nextStep.kind === 'issue') {
      throw domainRule(rule('Bước tiếp theo là phê duyệt: hãy dùng "Trình phê duyệt".', 'The next step is approval: use "Submit for approval".'));
    }
    return decision(
      { ...enterStep(env.workflow, next, env.now), assignee_id: input.assigneeId ?? null },
      { note: input.note ?? null, stepTime: endStep(state, env), details: { to: next } },
    );
  },

  consult(state, input, env) {
    const dueAt = computeDueAt(env.cal, env.now, input.limit ?? { value: 2, unit: 'working_day' });
    return decision(
      { status: state.status, step: state.step },
      { note: input.question, details: { officeId: input.officeId, dueAt }, effects: [{ kind: 'open_consultation', officeId: input.officeId, question: input.question, dueAt }] },
    );
  },

  consult_reply(state, input) {
    if (!state.openConsultations.some((c) => c.id === input.consultationId)) {
      throw domainRule(rule('Không có yêu cầu xin ý kiến đang mở với mã này.', 'No open consultation with this id.'));
    }
    return decision(
      { status: state.status, step: state.step },
      { note: input.answer, details: { consultationId: input.consultationId }, effects: [{ kind: 'answer_consultation', id: input.consultationId, answer: input.answer }] },
    );
  },

  transfer(state, input, env) {
    const remote = env.remoteTarget;
    const target = remote ? remote.localUnitId : env.targetUnitId;
    if ((!remote && !target) || target === state.handlingUnitId) {
      throw domainRule(rule('Đơn vị nhận liên thông phải là một đơn vị khác.', 'The transfer must go to another unit.'));
    }
    const dueAt = input.limit ? computeDueAt(env.cal, env.now, input.limit) : state.dueAt;
    // To a peer instance the dossier leaves this system: no local unit holds it, the sending unit stays answerable.
    return decision(
      { status: 'transferred', step: state.step, ...(remote ? {} : { handling_unit_id: target! }) },
      {
        note: input.reason,
        details: { toUnitCode: input.toUnitCode, dueAt, ...(remote ? { remotePeerId: remote.peerId } : {}) },
        effects: [{ kind: 'open_transfer', toUnitId: target ?? null, ...(remote ? { remote } : {}), reason: input.reason, dueAt }],
      },
    );
  },

  receive_back(state, input) {
    return decision(
      { status: 'processing', step: state.step, handling_unit_id: state.unitId },
      { note: input.note, effects: [{ kind: 'close_transfer', note: input.note }] },
    );
  },

  return_to_step(state, input, env) {
    const to = stepIndex(env.workflow, input.stepKey);
    const from = stepIndex(env.workflow, state.step);
    if (to < 1 || to >= from) {
      const earlier = env.workflow.steps.slice(1, Math.max(from, 1)).map((s) => s.key);
      throw domainRule(
        rule(`Chỉ trả về được một bước xử lý trước đó: ${earlier.join(', ')}.`, `Only an earlier processing step can be chosen: ${earlier.join(', ')}.`),
        { allowedSteps: earlier },
      );
    }
    return decision(
      { ...enterStep(env.workflow, input.stepKey, env.now), signed_at: null },
      { note: input.reason, stepTime: endStep(state, env), details: { to: input.stepKey } },
    );
  },

  submit_for_approval(state, input, env) {
    const approval = env.workflow.steps.find((s) => s.kind === 'approval')!;
    return decision(
      { ...enterStep(env.workflow, approval.key, env.now), outcome: input.outcome },
      { note: input.note ?? null, stepTime: endStep(state, env), details: { outcome: input.outcome } },
    );
  },

  approve(state, input, env) {
    const next = nextStepKey(env.workflow, state.step)!;
    return decision({ ...enterStep(env.workflow, next, env.now) }, { note: input.note ?? null, stepTime: endStep(state, env), details: { outcome: state.outcome } });
  },

  send_back(state, input, env) {
    const approvalIndex = stepIndex(env.workflow, state.step);
    const back = [...env.workflow.steps.slice(0, approvalIndex)].reverse().find((s) => s.kind === 'processing')!;
    return decision({ ...enterStep(env.workflow, back.key, env.now), outcome: null }, { note: input.reason, stepTime: endStep(state, env), details: { to: back.key } });
  },

  sign(state, input, env) {
    return decision({ status: state.status, step: state.step, signed_at: env.now }, { note: input.note ?? null });
  },

  issue_result(state, input, env) {
    const finished = timeliness(state.dueAt!, env.now);
    return decision(
      { status: 'resolved', step: state.step, resolved_at: env.now, step_started_at: null },
      { note: input.note ?? null, stepTime: endStep(state, env), details: { resultNumber: input.resultNumber ?? null, outcome: state.outcome, timeliness: finished } },
    );
  },

  return_result(state, input, env) {
    return decision(
      { status: 'returned', step: state.step, returned_at: env.now, closed_at: env.now },
      { note: input.note ?? null, details: { receivedBy: input.receivedBy ?? null } },
    );
  },

  withdraw(state, input, env) {
    return decision(
      { status: 'withdrawn', step: state.step, closed_at: env.now, step_started_at: null, paused_at: null },
      { note: input.reason, stepTime: state.stepStartedAt ? endStep(state, env) : null, effects: state.openPause ? [{ kind: 'close_pause' }] : [] },
    );
  },

  stop(state, input, env) {
    const effects: Effect[] = [];
    let resumeStatus = state.status;
    let resumeStep = state.step;
    if (state.openPause) {
      // Stopping a dossier that waits for a supplement or a fee replaces that pause.
      effects.push({ kind: 'close_pause' });
      resumeStatus = state.openPause.resumeStatus;
      resumeStep = state.openPause.resumeStep;
    }
    effects.push({ kind: 'open_pause', pauseKind: 'stop', reason: input.reason, details: { resumeStatus, resumeStep } });
    return decision(
      { status: 'stopped', step: state.step, paused_at: state.openPause ? state.openPause.startedAt : env.now, step_started_at: null, step_spent_minutes: spentInStep(state, env) },
      { note: input.reason, effects },
    );
  },

  resume(state, input, env) {
    return resumeFromPause(state, env, input.note ?? null, []);
  },

  request_fee(state, input, env) {
    return decision(
      { status: 'fee_requested', step: state.step, paused_at: env.now, step_started_at: null, step_spent_minutes: spentInStep(state, env), fee_amount: input.amount },
      {
        note: input.description,
        details: { amount: input.amount, ...(input.lines.length ? { lines: input.lines } : {}) },
        effects: [
          { kind: 'fee_request', amount: input.amount, description: input.description, lines: input.lines },
          { kind: 'open_pause', pauseKind: 'fee', reason: `Yêu cầu nộp ${input.amount.toLocaleString('vi-VN')} đồng: ${input.description}`, details: { resumeStatus: state.status, resumeStep: state.step } },
        ],
      },
    );
  },

  record_payment(state, input, env) {
    return resumeFromPause(state, env, null, [{ kind: 'fee_paid', receiptNo: input.receiptNo ?? null, method: input.method }], { receiptNo: input.receiptNo ?? null, method: input.method });
  },

  extend(state, input, env) {
    if (state.extended) throw domainRule(rule('Hồ sơ đã được gia hạn một lần; không được gia hạn lần nữa.', 'The due date was already re-set once; it cannot be re-set again.'));
    if (env.now >= state.dueAt!) {
      throw domainRule(rule('Phải xin lỗi và hẹn lại trước khi hết hạn.', 'The apology and new date must be given before the due date passes.'));
    }
    if (input.newDueAt <= state.dueAt!) {
      throw domainRule(rule('Ngày hẹn mới phải sau ngày hẹn hiện tại.', 'The new due date must be after the current one.'));
    }
    return decision(
      { status: state.status, step: state.step, due_at: input.newDueAt },
      { note: input.reason, details: { previousDueAt: state.dueAt, newDueAt: input.newDueAt }, effects: [{ kind: 'extension', previousDueAt: state.dueAt!, newDueAt: input.newDueAt, reason: input.reason }] },
    );
  },
};

function resumeFromPause(state: DossierState, env: DecideEnv, note: string | null, extra: Effect[], details: Record<string, unknown> = {}): Decision {
  const pause = state.openPause;
  const due = state.dueAt && pause ? resumeAfterPause(env.cal, { dueAt: state.dueAt, pausedAt: pause.startedAt, resumedAt: env.now }) : state.dueAt;
  return decision(
    {
      status: pause?.resumeStatus ?? 'processing',
      step: pause?.resumeStep ?? state.step,
      paused_at: null,
      step_started_at: env.now,
      ...(due ? { due_at: due } : {}),
    },
    { note, details: { ...details, previousDueAt: state.dueAt, newDueAt: due }, effects: [...extra, { kind: 'close_pause' }] },
  );
}

export function decide<A extends ActionName>(action: A, state: DossierState, input: ActionInput<A>, env: DecideEnv): Decision {
  return (HANDLERS[action] as Handler<A>)(state, input, env);
}

export type { Limit };
