// One past dossier of the demo history as the rows the live system would have written: its history, pauses,
// fees, payment, rating, portal sync and data sources; and a feedback. No I/O: history.ts loads what they need
// and writes the rows; history-profiles.ts holds the randomness and the communes' profiles they draw from.
import {
  addWorkingMinutes,
  computeDueAt,
  restartAfterSupplement,
  resumeAfterPause,
  timeliness,
  workingMinutesBetween,
  type Limit,
  type WorkCalendar,
} from '../calendar/index.js';
import { atLocal, toLocalDate } from '../calendar/time.js';
import { limitFor, type ChannelInfo, type ComponentInfo } from '../catalogue/domain.js';
import { NATIONAL_STATUS, type Status } from '../dossiers/status.js';
import type { Workflow } from '../dossiers/workflow.js';
import { CRITERIA, SCALE_VERSION, type Level } from '../portal/criteria.js';
import { SOCIAL_FIELDS, requestedFee, personName, type Profile, type Rng } from './history-profiles.js';

/** A run of ids taken from a sequence, handed out one by one. */
export interface Ids {
  first: number;
  next: number;
  take(): number;
}

export interface Staff {
  id: number;
  name: string;
}
export interface UnitPlan {
  id: number;
  code: string;
  name: string;
  identifier: string;
  profile: Profile;
  cal: WorkCalendar;
  receiver: Staff;
  specialists: { social: Staff; other: Staff };
  head: Staff;
  leader: Staff;
  clerk: Staff;
  /** Per official, how satisfied applicants are (multiplies the unit's rate of unsatisfied answers). */
  unhappiness: Map<number, number>;
  /** Fields whose dossiers go to particular specialists (weighted); the others by office, as SOCIAL_FIELDS says. */
  handlers: Map<string, ReadonlyArray<readonly [Staff, number]>>;
  /** The chance that the leader sends back a dossier this specialist submits on a local day. */
  sendBack: (specialist: Staff, day: string) => number;
}

export interface Proc {
  procedureId: number;
  versionId: number;
  version: number;
  code: string;
  name: string;
  field: string;
  channels: ChannelInfo[];
  components: ComponentInfo[];
  weight: number;
}

// ---------------------------------------------------------------------------------------------------------
// Rows

export type Row = Record<string, unknown>;

export interface Rows {
  dossiers: Row[];
  components: Row[];
  history: Row[];
  pauses: Row[];
  fees: Row[];
  payments: Row[];
  ratings: Row[];
  outbox: Row[];
  syncs: Row[];
  lookups: Row[];
  sources: Row[];
  dossierFiles: Row[];
  feedback: Row[];
  counters: Map<string, { unit_id: number; day: string; last: number }>;
}

export interface Event {
  action: string;
  at: Date;
  actor: Staff | null;
  role: string | null;
  actorName?: string;
  from: Status | null;
  to: Status;
  fromStep: string | null;
  toStep: string | null;
  note?: string | null;
  details?: Record<string, unknown>;
  stepTime?: { spentMinutes: number; allottedMinutes: number; timeliness: 'early' | 'on_time' | 'late' } | null;
}

export const MIN = 60_000;
export const DAY_MINUTES = 450; // 07:30–11:30 and 13:30–17:00


/** A moment within office hours of a local day: 07:30–11:30 or 13:30–17:00 (a morning peak). */
export function officeInstant(day: string, r: Rng): Date {
  const m = r.chance(0.6) ? 450 + Math.floor(r.u() * 235) : 810 + Math.floor(r.u() * 205);
  return new Date(atLocal(day, m * MIN).getTime() + Math.floor(r.u() * 60) * 1000);
}

export interface BuildEnv {
  unit: UnitPlan;
  code: string;
  submittedAt: Date;
  now: Date;
  rng: Rng;
  procs: Proc[];
  workflow: Workflow;
  percent: (key: string) => number;
  keys: { kReception: string; kProcessing: string; kReview: string; kApproval: string; kIssue: string };
  scan: string;
  earlier: Map<number, string[]>;
}

export function buildDossier(rows: Rows, ids: { dossier: Ids; outbox: Ids; fee: Ids }, e: BuildEnv): void {
  const { unit, rng: r, now, keys, percent } = e;
  const cal = unit.cal;
  const p = unit.profile;
  const proc = r.weighted(e.procs.map((x) => [x, x.weight] as const));
  const onlineOk = proc.channels.some((c) => c.channel === 'online') && limitFor(proc.channels, 'online').ok;
  const channel: 'counter' | 'online' | 'postal' = onlineOk && r.chance(p.online) ? 'online' : r.chance(0.03) && limitFor(proc.channels, 'postal').ok ? 'postal' : 'counter';
  const lim = limitFor(proc.channels, channel);
  if (!lim.ok) throw new Error(`procedure ${proc.code}: no limit for ${channel}`);
  const limit: Limit = lim.limit;
  const id = ids.dossier.take();
  const person = personName(r);
  const idNumber = r.chance(0.93) ? `046${person.male ? '0' : '1'}${String(r.int(40, 99)).padStart(2, '0')}${String(r.int(0, 999_999)).padStart(6, '0')}` : null;
  const phone = r.chance(0.8) ? `09${String(r.int(0, 99_999_999)).padStart(8, '0')}` : null;
  const handlers = unit.handlers.get(proc.field);
  const specialist = handlers ? r.weighted(handlers) : SOCIAL_FIELDS.has(proc.field) ? unit.specialists.social : unit.specialists.other;
  const receiver = unit.receiver;
  const events: Event[] = [];
  const ev = (x: Event) => events.push(x);
  const wm = (a: Date, b: Date) => Math.round(workingMinutesBetween(cal, a, b));
  const add = (a: Date, m: number) => addWorkingMinutes(cal, a, Math.max(1, Math.round(m)));
  /** The send-back loop after the first submission for approval: leader, head of office, specialist, head. */
  const sendBackLoop = (submitted: Date, approval: number, rework: number) => {
    const sentBack = add(submitted, approval);
    const returned = add(sentBack, rework * 0.1);
    const reforward = add(returned, rework * 0.7);
    return { sentBack, returned, reforward, resubmit: add(reforward, rework * 0.2) };
  };

  // Submission and receipt: at the counter both happen at once; online and postal dossiers wait a little.
  const submittedAt = e.submittedAt;
  const receivedAt = channel === 'counter' ? submittedAt : add(submittedAt, 20 + r.u() * 200);
  ev({
    action: 'submit',
    at: submittedAt,
    actor: channel === 'online' ? null : receiver,
    role: channel === 'online' ? 'applicant' : 'receiving_officer',
    actorName: channel === 'online' ? person.name : receiver.name,
    from: null,
    to: 'submitted',
    fromStep: null,
    toStep: null,
    details: { channel, procedureVersion: proc.version },
  });

  const d: Row = {};
  let status: Status = 'submitted';
  let step: string | null = null;
  let assignee: number | null = null;
  let clockStart: Date | null = null;
  let due = null as Date | null;
  let originalDue: Date | null = null;
  let stepStart: Date | null = null;
  let stepSpent = 0;
  let pausedAt: Date | null = null;
  let resolvedAt = null as Date | null;
  let returnedAt = null as Date | null;
  let closedAt: Date | null = null;
  let outcome: 'granted' | 'refused' | null = null;
  let feeAmount: number | null = lim.fee && lim.fee > 0 ? lim.fee : null;
  const pauses: Row[] = [];
  const endStep = (stepKey: string, at: Date, spent: number) => {
    const allotted = Math.round((wm(clockStart!, due!) * percent(stepKey)) / 100);
    const t = spent > allotted ? 'late' : timeliness(addWorkingMinutes(cal, at, allotted - spent), at);
    return { spentMinutes: spent, allottedMinutes: allotted, timeliness: t };
  };

  const refusedAtIntake = r.chance(0.02);
  if (refusedAtIntake) {
    const at = channel === 'counter' ? submittedAt : receivedAt;
    ev({ action: 'refuse', at, actor: receiver, role: 'receiving_officer', from: 'submitted', to: 'refused', fromStep: null, toStep: null, note: 'Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị.', details: { reason: 'Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị.' } });
    status = 'refused';
    closedAt = at;
    outcome = 'refused';
  } else {
    // receive
    clockStart = receivedAt;
    due = computeDueAt(cal, receivedAt, limit);
    originalDue = due;
    ev({ action: 'receive', at: receivedAt, actor: receiver, role: 'receiving_officer', from: 'submitted', to: 'received', fromStep: null, toStep: keys.kReception, details: {} });
    status = 'received';
    step = keys.kReception;
    stepStart = receivedAt;

    // How long the whole handling takes, against the limit: most on time (many early), some late.
    const late = !r.chance(p.onTime);
    const total0 = Math.max(60, wm(receivedAt, due));
    const supplement = r.chance(0.06);
    const fee = feeAmount === null ? (r.chance(0.35) ? requestedFee(proc.field, r) : null) : null;
    const withdraw = r.chance(0.012);
    const refusedResult = r.chance(0.02);

    // Reception: forwarded within minutes to a couple of hours.
    let t = add(receivedAt, Math.min(total0 * 0.05, 5 + r.u() * 90));
    const plan: Array<() => boolean> = [];
    const at = (x: Date) => x.getTime() <= now.getTime() - 5 * MIN;
    plan.push(() => {
      if (!at(t)) return false;
      ev({ action: 'forward', at: t, actor: receiver, role: 'receiving_officer', from: 'received', to: 'processing', fromStep: keys.kReception, toStep: keys.kProcessing, details: { to: keys.kProcessing }, stepTime: endStep(keys.kReception, t, wm(stepStart!, t)) });
      status = 'processing';
      step = keys.kProcessing;
      stepStart = t;
      stepSpent = 0;
      assignee = specialist.id;
      return true;
    });
    if (supplement) {
      plan.push(() => {
        const ask = add(stepStart!, Math.min(3 * DAY_MINUTES - 60, 30 + r.u() * 2 * DAY_MINUTES));
        if (!at(ask)) return false;
        const reason = 'Hồ sơ thiếu giấy tờ theo quy định, đề nghị bổ sung.';
        const missing = proc.components.slice(0, 1).map((c) => ({ componentKey: c.key, name: c.name, requirement: 'Bản sao có chứng thực hoặc bản chính để đối chiếu' }));
        const details = { missing: missing.length ? missing : [{ componentKey: null, name: 'Giấy tờ chứng minh nhân thân', requirement: null }], reason };
        stepSpent = wm(stepStart!, ask);
        ev({ action: 'request_supplement', at: ask, actor: specialist, role: 'specialist', from: 'processing', to: 'supplement_requested', fromStep: keys.kProcessing, toStep: keys.kProcessing, note: reason, details });
        const back = add(ask, DAY_MINUTES * (0.5 + r.u() * 6));
        const pause: Row = { dossier_id: id, kind: 'supplement', reason, started_at: ask, ended_at: null, details: { ...details, resumeStatus: 'processing', resumeStep: keys.kProcessing } };
        pauses.push(pause);
        status = 'supplement_requested';
        pausedAt = ask;
        stepStart = null;
        if (!at(back)) return false;
        pause.ended_at = back;
        const newDue = restartAfterSupplement(cal, back, limit);
        ev({ action: 'receive_supplement', at: back, actor: receiver, role: 'receiving_officer', from: 'supplement_requested', to: 'processing', fromStep: keys.kProcessing, toStep: keys.kProcessing, details: { previousDueAt: due, newDueAt: newDue, restarted: true } });
        clockStart = back;
        due = newDue;
        status = 'processing';
        pausedAt = null;
        stepStart = back;
        t = back;
        return true;
      });
    }
    if (fee !== null) {
      plan.push(() => {
        const ask = add(stepStart!, 10 + r.u() * 60);
        if (!at(ask)) return false;
        const description = proc.field === 'Chứng thực' ? 'Lệ phí chứng thực bản sao' : 'Lệ phí giải quyết thủ tục hành chính';
        stepSpent += wm(stepStart!, ask);
        ev({ action: 'request_fee', at: ask, actor: specialist, role: 'specialist', from: 'processing', to: 'fee_requested', fromStep: keys.kProcessing, toStep: keys.kProcessing, note: description, details: { amount: fee } });
        feeAmount = fee;
        const online = channel === 'online' && r.chance(p.payOnline / Math.max(p.online, 0.05)) ? true : r.chance(p.payOnline * 0.3);
        const paid = add(ask, online ? 5 + r.u() * 120 : 30 + r.u() * DAY_MINUTES);
        const feeId = ids.fee.take();
        const feeRow: Row = { id: feeId, dossier_id: id, amount: fee, description, requested_at: ask, paid_at: null, receipt_no: null, method: null };
        rows.fees.push(feeRow);
        const pause: Row = { dossier_id: id, kind: 'fee', reason: `Yêu cầu nộp ${fee.toLocaleString('vi-VN')} đồng: ${description}`, started_at: ask, ended_at: null, details: { resumeStatus: 'processing', resumeStep: keys.kProcessing } };
        pauses.push(pause);
        const reference = `MC${id}F${feeId}`;
        const payment: Row = { dossier_id: id, fee_id: feeId, reference, amount: fee, state: 'pending', platform_transaction_id: null, payment_url: null, paid_at: null, receipt_url: null, bank_code: null, created_at: ask, updated_at: ask };
        if (online) rows.payments.push(payment);
        status = 'fee_requested';
        pausedAt = ask;
        stepStart = null;
        if (!at(paid)) return false;
        pause.ended_at = paid;
        const receiptNo = `BL${String(feeId).padStart(7, '0')}`;
        Object.assign(feeRow, { paid_at: paid, receipt_no: receiptNo, method: online ? 'online' : 'cash' });
        if (online) Object.assign(payment, { state: 'paid', platform_transaction_id: `GD${id}${feeId}`, paid_at: paid, bank_code: 'VBA', updated_at: paid });
        const newDue = resumeAfterPause(cal, { dueAt: due!, pausedAt: ask, resumedAt: paid });
        ev(
          online
            ? { action: 'record_payment', at: paid, actor: null, role: 'system:payment_platform', actorName: 'Nền tảng thanh toán trực tuyến', from: 'fee_requested', to: 'processing', fromStep: keys.kProcessing, toStep: keys.kProcessing, details: { receiptNo, method: 'online', previousDueAt: due, newDueAt: newDue } }
            : { action: 'record_payment', at: paid, actor: receiver, role: 'receiving_officer', from: 'fee_requested', to: 'processing', fromStep: keys.kProcessing, toStep: keys.kProcessing, details: { receiptNo, method: 'cash', previousDueAt: due, newDueAt: newDue } },
        );
        due = newDue;
        status = 'processing';
        pausedAt = null;
        stepStart = paid;
        t = paid;
        return true;
      });
    }
    // The rest of the handling, planned against the (possibly restarted) clock.
    let finish: Date;
    plan.push(() => {
      const total = Math.max(60, wm(clockStart!, due!));
      const used = wm(clockStart!, t);
      if (late) {
        const worst = p.onTime < 0.7 ? 12 : 3;
        finish = add(due!, 30 + r.u() * worst * DAY_MINUTES);
      } else {
        const share = r.chance(0.55) ? 0.15 + r.u() * 0.45 : 0.6 + r.u() * 0.37;
        finish = add(clockStart!, Math.max(used + 20, total * share));
      }
      const rest = Math.max(20, wm(t, finish));
      // Some dossiers the leader sends back from approval: the head of office returns them to the specialist,
      // who submits again; the re-work takes a share of the same total time.
      const sentBack = r.chance(unit.sendBack(specialist, toLocalDate(t)));
      const w = [0.6 + r.u() * 0.3, 0.08 + r.u() * 0.1, 0.05 + r.u() * 0.1, sentBack ? 0.1 + r.u() * 0.15 : 0];
      const sum = w[0]! + w[1]! + w[2]! + w[3]! + 0.1;
      const part = (x: number) => (rest * x) / sum;
      const toReview = add(t, part(w[0]!));
      const toApproval = add(toReview, part(w[1]!));
      const loop = sentBack ? sendBackLoop(toApproval, part(w[2]!) / 2, part(w[3]!)) : null;
      const approved = add(loop?.resubmit ?? toApproval, loop ? part(w[2]!) / 2 : part(w[2]!));
      if (!(approved < finish)) finish = add(approved, 10);
      if (withdraw) {
        const w2 = add(t, rest * 0.3);
        if (!at(w2)) return false;
        const reason = 'Công dân có đơn xin rút hồ sơ.';
        ev({ action: 'withdraw', at: w2, actor: receiver, role: 'receiving_officer', from: 'processing', to: 'withdrawn', fromStep: keys.kProcessing, toStep: keys.kProcessing, note: reason, details: {}, stepTime: endStep(keys.kProcessing, w2, stepSpent + wm(stepStart!, w2)) });
        status = 'withdrawn';
        closedAt = w2;
        stepStart = null;
        stepSpent = 0;
        return false;
      }
      const specialistForwards = (x: Date) => {
        ev({ action: 'forward', at: x, actor: specialist, role: 'specialist', from: 'processing', to: 'processing', fromStep: keys.kProcessing, toStep: keys.kReview, details: { to: keys.kReview }, stepTime: endStep(keys.kProcessing, x, stepSpent + wm(stepStart!, x)) });
        step = keys.kReview;
        stepStart = x;
        stepSpent = 0;
        assignee = null;
      };
      const headSubmits = (x: Date) => {
        outcome = refusedResult ? 'refused' : 'granted';
        ev({ action: 'submit_for_approval', at: x, actor: unit.head, role: 'head_of_office', from: 'processing', to: 'pending_approval', fromStep: keys.kReview, toStep: keys.kApproval, details: { outcome }, stepTime: endStep(keys.kReview, x, wm(stepStart!, x)) });
        status = 'pending_approval';
        step = keys.kApproval;
        stepStart = x;
      };
      if (!at(toReview)) return false;
      specialistForwards(toReview);
      if (!at(toApproval)) return false;
      headSubmits(toApproval);
      if (loop) {
        // send_back goes to the last processing step before approval (the head's review), as transitions.ts does.
        if (!at(loop.sentBack)) return false;
        const reason = r.pick(SEND_BACK_REASONS);
        ev({ action: 'send_back', at: loop.sentBack, actor: unit.leader, role: 'unit_leader', from: 'pending_approval', to: 'processing', fromStep: keys.kApproval, toStep: keys.kReview, note: reason, details: { to: keys.kReview }, stepTime: endStep(keys.kApproval, loop.sentBack, wm(stepStart!, loop.sentBack)) });
        status = 'processing';
        step = keys.kReview;
        stepStart = loop.sentBack;
        outcome = null;
        if (!at(loop.returned)) return false;
        const note = 'Chuyển công chức chuyên môn hoàn thiện theo ý kiến của lãnh đạo UBND xã.';
        ev({ action: 'return_to_step', at: loop.returned, actor: unit.head, role: 'head_of_office', from: 'processing', to: 'processing', fromStep: keys.kReview, toStep: keys.kProcessing, note, details: { to: keys.kProcessing }, stepTime: endStep(keys.kReview, loop.returned, wm(stepStart!, loop.returned)) });
        step = keys.kProcessing;
        stepStart = loop.returned;
        stepSpent = 0;
        if (!at(loop.reforward)) return false;
        specialistForwards(loop.reforward);
        if (!at(loop.resubmit)) return false;
        headSubmits(loop.resubmit);
      }
      if (!at(approved)) return false;
      ev({ action: 'approve', at: approved, actor: unit.leader, role: 'unit_leader', from: 'pending_approval', to: 'approved', fromStep: keys.kApproval, toStep: keys.kIssue, details: { outcome }, stepTime: endStep(keys.kApproval, approved, wm(stepStart!, approved)) });
      status = 'approved';
      step = keys.kIssue;
      stepStart = approved;
      if (!at(finish)) return false;
      ev({
        action: 'issue_result',
        at: finish,
        actor: unit.clerk,
        role: 'clerk',
        from: 'approved',
        to: 'resolved',
        fromStep: keys.kIssue,
        toStep: keys.kIssue,
        details: { resultNumber: `${String(id % 1000).padStart(3, '0')}/QĐ-UBND`, outcome, timeliness: timeliness(due!, finish) },
        stepTime: endStep(keys.kIssue, finish, wm(stepStart, finish)),
      });
      status = 'resolved';
      resolvedAt = finish;
      stepStart = null;
      const back = add(finish, r.chance(0.5) ? 10 + r.u() * 120 : r.u() * 3 * DAY_MINUTES);
      if (!at(back)) return false;
      ev({ action: 'return_result', at: back, actor: receiver, role: 'receiving_officer', from: 'resolved', to: 'returned', fromStep: keys.kIssue, toStep: keys.kIssue, details: { receivedBy: person.name } });
      status = 'returned';
      returnedAt = back;
      closedAt = back;
      return true;
    });
    for (const stepFn of plan) if (!stepFn()) break;
  }

  Object.assign(d, {
    id,
    code: e.code,
    unit_id: unit.id,
    handling_unit_id: unit.id,
    procedure_id: proc.procedureId,
    procedure_version_id: proc.versionId,
    channel,
    status,
    national_status: NATIONAL_STATUS[status],
    step,
    assignee_id: assignee,
    outcome,
    applicant_kind: 'citizen',
    applicant_name: person.name,
    applicant_id_number: idNumber,
    applicant_phone: phone,
    applicant_address: `Thôn ${r.int(1, 12)}, ${unit.name}, thành phố Huế`,
    subject: proc.name,
    sets_count: 1,
    result_delivery: channel === 'postal' ? 'postal' : channel === 'online' && r.chance(0.3) ? 'online' : 'counter',
    limit_value: limit.value,
    limit_unit: limit.unit,
    fee_amount: feeAmount,
    submitted_at: submittedAt,
    received_at: refusedAtIntake ? null : receivedAt,
    clock_started_at: clockStart,
    due_at: due,
    original_due_at: originalDue,
    step_started_at: stepStart,
    step_spent_minutes: stepStart === null && pausedAt !== null ? stepSpent : step === keys.kProcessing ? stepSpent : 0,
    paused_at: pausedAt,
    resolved_at: resolvedAt,
    returned_at: returnedAt,
    closed_at: closedAt,
    receiver_id: receiver.id,
    revision: events.length - 1,
    created_at: submittedAt,
    updated_at: events.at(-1)!.at,
  });
  rows.dossiers.push(d);
  rows.pauses.push(...pauses);
  events.forEach((x, i) =>
    rows.history.push({
      dossier_id: id,
      seq: i + 1,
      action: x.action,
      actor_id: x.actor?.id ?? null,
      actor_role: x.role,
      actor_name: x.actorName ?? x.actor?.name ?? null,
      at: x.at,
      from_status: x.from,
      to_status: x.to,
      from_step: x.fromStep,
      to_step: x.toStep,
      note: x.note ?? null,
      details: x.details ?? {},
      spent_minutes: x.stepTime?.spentMinutes ?? null,
      allotted_minutes: x.stepTime?.allottedMinutes ?? null,
      timeliness: x.stepTime?.timeliness ?? null,
    }),
  );

  // Components: all provided once received; digitised (a scan per component) as the unit manages.
  const received = !refusedAtIntake;
  const digitised = received && r.chance(p.digitised);
  for (const c of proc.components) {
    const provided = received && (c.required || r.chance(0.4));
    rows.components.push({ dossier_id: id, component_key: c.key, name: c.name, originals: c.originals, copies: c.copies, required: c.required, provided });
    if (provided && digitised) rows.dossierFiles.push({ dossier_id: id, file_id: e.scan, component_key: c.key, kind: 'component', added_by: receiver.id, added_at: receivedAt });
  }

  // Where the applicant's data came from: the population database for many counter intakes.
  if (received && idNumber && channel !== 'online' && r.chance(p.population)) {
    const lookupId = r.uuid();
    const fetchedAt = new Date(receivedAt.getTime() - 2 * MIN);
    rows.lookups.push({ id: lookupId, account_id: receiver.id, id_number: idNumber, fetched_at: fetchedAt, data: { soDinhDanh: idNumber, hoVaTen: person.name, gioiTinh: person.male ? 'Nam' : 'Nữ' } });
    for (const field of ['applicant.name', 'applicant.idNumber']) rows.sources.push({ dossier_id: id, field, source: 'population_database', reference: lookupId, recorded_at: receivedAt });
  } else if (channel === 'online') {
    rows.sources.push({ dossier_id: id, field: 'applicant.name', source: 'online_form', reference: null, recorded_at: receivedAt });
  }
  const past = e.earlier.get(unit.id) ?? [];
  if (received && past.length > 20 && r.chance(0.06) && proc.components[0]) {
    rows.sources.push({ dossier_id: id, field: `components.${proc.components[0].key}`, source: 'reused_document', reference: r.pick(past), recorded_at: receivedAt });
  }
  if (past.length < 400) past.push(e.code);
  e.earlier.set(unit.id, past);

  // The national portal has it (online dossiers always; others as the unit keeps up), up to its last status.
  if (channel === 'online' || r.chance(p.sync)) {
    const lastEvent = events.at(-1)!;
    const eventId = ids.outbox.take();
    const lastSync = new Date(lastEvent.at.getTime() + r.int(1, 20) * MIN);
    if (lastSync < now) {
      rows.outbox.push({
        id: eventId,
        topic: 'dossier.status_changed',
        dossier_id: id,
        payload: { code: e.code, action: lastEvent.action, status, nationalStatus: NATIONAL_STATUS[status], fromStatus: lastEvent.from, at: lastEvent.at.toISOString(), dueAt: due ? due.toISOString() : null, revision: events.length - 1, unitId: unit.id, handlingUnitId: unit.id, channel, practice: false, source: null },
        created_at: lastEvent.at,
        routed_at: lastSync,
      });
      rows.syncs.push({ dossier_id: id, first_synced_at: new Date(Math.min(submittedAt.getTime() + r.int(1, 20) * MIN, lastSync.getTime())), last_synced_at: lastSync, last_national_status: NATIONAL_STATUS[status], last_event_id: eventId });
    }
  }

  // A rating from some applicants once there is a result: mostly satisfied; less so when late, and by official.
  if (resolvedAt && r.chance(channel === 'online' ? 0.45 : 0.3)) {
    const ratedAt = add(returnedAt ?? resolvedAt, r.u() * 2 * DAY_MINUTES);
    if (ratedAt < now) {
      const wasLate = resolvedAt > due!;
      const unhappy = Math.min(0.9, (1 - p.satisfied) * (unit.unhappiness.get(specialist.id) ?? 1) * (wasLate ? 2 : 1));
      const overall: Level = r.chance(unhappy) ? 'unsatisfied' : r.chance(0.55) ? 'very_satisfied' : 'satisfied';
      const answers: Record<string, Level> = {};
      for (const c of CRITERIA) {
        if (c.key === 'overall') answers[c.key] = overall;
        else if (c.key === 'on_time' && wasLate) answers[c.key] = 'unsatisfied';
        else if (c.key === 'online' && channel !== 'online') continue;
        else answers[c.key] = overall === 'unsatisfied' ? (r.chance(0.6) ? 'unsatisfied' : 'satisfied') : r.chance(0.93) ? (r.chance(0.55) ? 'very_satisfied' : 'satisfied') : 'unsatisfied';
      }
      rows.ratings.push({ dossier_id: id, scale_version: SCALE_VERSION, answers, satisfied: overall !== 'unsatisfied', comment: overall === 'unsatisfied' ? r.pick(['Phải đi lại nhiều lần.', 'Trả kết quả chậm so với giấy hẹn.', 'Hướng dẫn chưa rõ ràng.']) : null, channel: channel === 'online' ? 'online' : r.chance(0.8) ? 'kiosk' : 'paper', rated_at: ratedAt });
    }
  }
}

/** Why a leader sends a dossier back from approval. */
export const SEND_BACK_REASONS = [
  'Dự thảo kết quả ghi sai thông tin của người yêu cầu, đề nghị kiểm tra, chỉnh sửa lại.',
  'Chưa đủ căn cứ để đề xuất giải quyết, đề nghị thẩm định lại thành phần hồ sơ.',
  'Dự thảo văn bản chưa đúng mẫu quy định, đề nghị hoàn thiện trước khi trình.',
  'Thiếu ý kiến thẩm định của công chức chuyên môn, đề nghị bổ sung.',
] as const;

export const FEEDBACK_SUBJECTS: ReadonlyArray<readonly ['complaint' | 'suggestion', string, string]> = [
  ['complaint', 'Trả kết quả chậm so với giấy hẹn', 'Tôi nộp hồ sơ đã quá ngày hẹn nhưng chưa nhận được kết quả, đề nghị cơ quan xem xét và trả lời.'],
  ['complaint', 'Cán bộ hướng dẫn chưa đầy đủ', 'Khi nộp hồ sơ tôi phải đi lại hai lần vì lần đầu không được hướng dẫn đầy đủ các giấy tờ cần thiết.'],
  ['suggestion', 'Đề nghị bố trí thêm ghế chờ', 'Khu vực chờ của Trung tâm phục vụ hành chính công vào buổi sáng thường đông, đề nghị bố trí thêm ghế ngồi.'],
  ['suggestion', 'Đề nghị hướng dẫn nộp hồ sơ trực tuyến', 'Đề nghị xã tổ chức hướng dẫn người dân cao tuổi cách nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.'],
  ['complaint', 'Thu phí không đúng quy định', 'Tôi được yêu cầu nộp khoản phí không có trong danh mục niêm yết, đề nghị kiểm tra lại.'],
  ['suggestion', 'Đề nghị niêm yết rõ thời gian giải quyết', 'Đề nghị niêm yết rõ thời hạn giải quyết từng thủ tục tại quầy tiếp nhận để người dân dễ theo dõi.'],
];

export function buildFeedback(rows: Rows, unit: UnitPlan, day: string, n: number, now: Date, r: Rng): void {
  const receivedAt = officeInstant(day, r);
  const [kind, subject, content] = r.pick(FEEDBACK_SUBJECTS);
  const channel = r.weighted([['online', 4], ['counter', 3], ['phone', 2], ['mail', 1], ['national_portal', 2]] as const);
  const dueAt = computeDueAt(unit.cal, receivedAt, { value: 10, unit: 'working_day' });
  const person = personName(r);
  const row: Row = {
    code: `PA.${unit.code}.${day.slice(2).replaceAll('-', '')}.${String(n).padStart(4, '0')}`,
    unit_id: unit.id,
    kind,
    channel,
    dossier_id: null,
    subject,
    content,
    sender_name: person.name,
    sender_phone: `09${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
    sender_email: null,
    received_at: receivedAt,
    due_at: dueAt,
    received_by: channel === 'online' || channel === 'national_portal' ? null : unit.receiver.id,
    assignee_id: null,
    assigned_at: null,
    answer: null,
    answered_by: null,
    answered_at: null,
    satisfied: null,
    rated_at: null,
    revision: 0,
  };
  const assignedAt = addWorkingMinutes(unit.cal, receivedAt, 30 + r.u() * 600);
  if (assignedAt < now) Object.assign(row, { assignee_id: unit.specialists.social.id, assigned_at: assignedAt, revision: 1 });
  const late = !r.chance(0.75 + 0.2 * unit.profile.onTime);
  const answeredAt = late ? addWorkingMinutes(unit.cal, dueAt, 60 + r.u() * 8 * DAY_MINUTES) : addWorkingMinutes(unit.cal, receivedAt, DAY_MINUTES * (1 + r.u() * 8));
  if (row.assigned_at && answeredAt < now && answeredAt > assignedAt) {
    Object.assign(row, { answer: 'Ủy ban nhân dân xã đã tiếp nhận, kiểm tra và trả lời như sau: nội dung phản ánh đã được xem xét, đơn vị đã chấn chỉnh và sẽ tiếp tục cải thiện chất lượng phục vụ.', answered_by: unit.leader.id, answered_at: answeredAt, revision: 2 });
    const ratedAt = new Date(answeredAt.getTime() + r.int(60, 4000) * MIN);
    if (r.chance(0.5) && ratedAt < now) Object.assign(row, { satisfied: r.chance(late ? 0.5 : unit.profile.satisfied), rated_at: ratedAt, revision: 3 });
  }
  rows.feedback.push(row);
}
