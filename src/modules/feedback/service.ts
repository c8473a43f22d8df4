// Feedback (PAKN): received online or at the counter, assigned to an official of the unit, answered within the
// time limit, rated once by the sender. Every change is one transaction with its audit entry.
import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { FeedbackTable } from '../../db/schema-reports.js';
import { AppError, badInput, notFound, type Msg } from '../../errors.js';
import { bi } from '../../http/errors.js';
import { isoVn } from '../../http/time.js';
import type { Selectable } from 'kysely';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { computeDueAt } from '../calendar/due-date.js';
import { loadWorkCalendar } from '../calendar/store.js';
import { maskName, maskPhone } from '../dossiers/access.js';
import { findGrant, requireGrant, type Actor } from '../people/actor.js';
import { DOSSIER_READERS, WORKING_ROLES, type Role } from '../people/roles.js';
import type { UnitInfo } from '../units/directory.js';
import { checkPeriod, resolveScope, unitView } from '../satisfaction/scope.js';
import {
  ACTION_NAMES,
  allowedActions,
  ANSWER_LIMIT,
  answeredOnTime,
  codePrefix,
  formatFeedbackCode,
  KINDS,
  maskEmail,
  normalisePhone,
  statusOf,
  type Action,
  type Kind,
} from './domain.js';
import { periodBounds } from '../reports/period.js';

type Row = Selectable<FeedbackTable>;

/** Who takes feedback at the counter, by phone or by mail. */
const INTAKE_ROLES: readonly Role[] = ['receiving_officer', 'clerk', 'head_of_office', 'unit_leader', 'centre_admin'];
/** Who assigns feedback to an official, answers any of the unit's feedback, and sees the sender's contact data. */
const LEADERS: readonly Role[] = ['head_of_office', 'unit_leader'];

const Phone = z
  .string()
  .trim()
  .max(20)
  .refine((p) => normalisePhone(p) !== undefined, bi('Số điện thoại không hợp lệ (ví dụ 0912345678)', 'Invalid phone number (e.g. 0912345678)'))
  .transform((p) => normalisePhone(p)!);

const Base = {
  kind: z.enum(KINDS, bi('Loại phải là complaint (phản ánh) hoặc suggestion (kiến nghị)', 'The kind is complaint or suggestion')),
  subject: z.string().trim().min(3, bi('Tiêu đề cần ít nhất 3 ký tự', 'The subject needs at least 3 characters')).max(300),
  content: z.string().trim().min(10, bi('Nội dung cần ít nhất 10 ký tự', 'The content needs at least 10 characters')).max(5000),
  senderName: z.string().trim().min(2, bi('Họ tên người gửi cần ít nhất 2 ký tự', 'The sender name needs at least 2 characters')).max(200),
  senderPhone: Phone.optional(),
  senderEmail: z.email(bi('Thư điện tử không hợp lệ', 'Invalid email address')).max(200).optional(),
  dossierCode: z.string().trim().min(6).max(60).optional(),
};
const UnitField = z.string().trim().regex(/^\d{5}$/, bi('Chọn xã, phường nhận phản ánh (mã 5 chữ số)', 'Choose the commune or ward (5-digit code)'));

export const PublicSubmission = z.object({ unit: UnitField, ...Base });
export const CounterSubmission = z.object({
  unit: UnitField,
  channel: z.enum(['counter', 'phone', 'mail'], bi('Kênh tiếp nhận: counter, phone hoặc mail', 'The channel is counter, phone or mail')).default('counter'),
  ...Base,
});
export const PublicRating = z.object({ phone: Phone, satisfied: z.boolean(bi('satisfied là true hoặc false', 'satisfied is true or false')) });
export const Answer = z.object({ answer: z.string().trim().min(10, bi('Câu trả lời cần ít nhất 10 ký tự', 'The answer needs at least 10 characters')).max(5000) });
export const Assign = z.object({ assigneeId: z.number().int().positive() });

const what = (code: string): Msg => ({ vi: `phản ánh, kiến nghị ${code}`, en: `feedback ${code}` });

// ---- receiving ----------------------------------------------------------------------------------------------

/** The next code of the unit and day. Writers of one unit queue on a lock held to commit, so codes stay consecutive. */
async function nextCode(tx: Transaction<DB>, unit: UnitInfo, at: Date): Promise<string> {
  await sql`select pg_advisory_xact_lock(767, ${unit.id}::int)`.execute(tx);
  const prefix = codePrefix(unit.code, at);
  const r = await sql<{ last: number | null }>`
    select max(substring(code from ${prefix.length + 1}::int)::int) as last from feedback where code like ${`${prefix}%`}`.execute(tx);
  return formatFeedbackCode(unit.code, at, Number(r.rows[0]?.last ?? 0) + 1);
}

async function dossierOf(tx: Transaction<DB>, unit: UnitInfo, code: string | undefined): Promise<number | null> {
  if (!code) return null;
  const d = await tx
    .selectFrom('dossiers')
    .select('id')
    .where('code', '=', code)
    .where((eb) => eb.or([eb('unit_id', '=', unit.id), eb('handling_unit_id', '=', unit.id)]))
    .executeTakeFirst();
  if (!d) {
    throw badInput('body.dossierCode', {
      vi: `Không có hồ sơ ${code} tại ${unit.name}. Kiểm tra lại mã hồ sơ hoặc bỏ trống.`,
      en: `No dossier ${code} at ${unit.name}. Check the code or leave it empty.`,
    });
  }
  return Number(d.id);
}

function communeOf(ctx: AppContext, code: string): UnitInfo {
  const unit = ctx.units.byCode(code);
  if (!unit || unit.kind === 'province' || unit.mergedIntoId) {
    throw badInput('body.unit', { vi: `Không có xã, phường mã ${code} đang hoạt động.`, en: `No active commune or ward with code ${code}.` });
  }
  return unit;
}

async function receive(
  ctx: AppContext,
  input: z.infer<typeof PublicSubmission> & { channel: 'online' | 'counter' | 'phone' | 'mail' },
  by: { actorId: number | null; role: string },
  unit: UnitInfo,
) {
  const now = ctx.clock.now();
  const cal = await loadWorkCalendar(ctx.db, unit.id);
  const dueAt = computeDueAt(cal, now, ANSWER_LIMIT);
  return ctx.db.transaction().execute(async (tx) => {
    const dossierId = await dossierOf(tx, unit, input.dossierCode);
    const code = await nextCode(tx, unit, now);
    const row = await tx
      .insertInto('feedback')
      .values({
        code,
        unit_id: unit.id,
        kind: input.kind,
        channel: input.channel,
        dossier_id: dossierId,
        subject: input.subject,
        content: input.content,
        sender_name: input.senderName,
        sender_phone: input.senderPhone ?? null,
        sender_email: input.senderEmail ?? null,
        received_at: now,
        due_at: dueAt,
        received_by: by.actorId,
      })
      .returning(['id', 'code', 'due_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: chainForUnit(unit.id),
      at: now,
      actorId: by.actorId,
      actorRole: by.role,
      action: 'feedback.received',
      entity: 'feedback',
      entityId: code,
      details: { kind: input.kind, channel: input.channel, dossierId, dueAt: dueAt.toISOString() },
    });
    return { id: Number(row.id), code: row.code, dueAt: isoVn(row.due_at) };
  });
}

export async function submitPublic(ctx: AppContext, input: z.infer<typeof PublicSubmission>) {
  const unit = communeOf(ctx, input.unit);
  const r = await receive(ctx, { ...input, channel: 'online' }, { actorId: null, role: 'citizen' }, unit);
  return { code: r.code, dueAt: r.dueAt };
}

export async function submitAtCounter(ctx: AppContext, actor: Actor, input: z.infer<typeof CounterSubmission>) {
  const unit = communeOf(ctx, input.unit);
  const grant = requireGrant(actor, INTAKE_ROLES, unit.id, ctx.units);
  return receive(ctx, input, { actorId: actor.accountId, role: grant.role }, unit);
}

// ---- the sender ---------------------------------------------------------------------------------------------

/** The feedback, if `phone` is the sender's: a wrong code and a wrong phone give the same answer. */
async function ownRow(db: AppContext['db'] | Transaction<DB>, code: string, phone: string | undefined, lock = false): Promise<Row> {
  const normal = phone ? normalisePhone(phone) : undefined;
  let q = db.selectFrom('feedback').selectAll().where('code', '=', code.trim().toUpperCase());
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !normal || !row.sender_phone || row.sender_phone !== normal) {
    throw new AppError('not_found', {
      vi: `Không tìm thấy phản ánh, kiến nghị ${code} với số điện thoại này.`,
      en: `No feedback ${code} with this phone number.`,
    });
  }
  return row;
}

export async function publicStatus(ctx: AppContext, code: string, phone: string | undefined) {
  const row = await ownRow(ctx.db, code, phone);
  return {
    code: row.code,
    status: statusOf(row, ctx.clock.now()),
    receivedAt: isoVn(row.received_at),
    dueAt: isoVn(row.due_at),
    answer: row.answer,
    answeredAt: isoVn(row.answered_at),
    satisfied: row.satisfied,
  };
}

function illegal(row: Row, action: Action, why: Msg): AppError {
  const allowed = allowedActions(row);
  const names = allowed.map((a) => ACTION_NAMES[a]);
  return new AppError(
    'illegal_action',
    {
      vi: `Không thể ${ACTION_NAMES[action].vi.toLowerCase()} ${row.code}: ${why.vi} Việc làm được lúc này: ${names.length ? names.map((n) => n.vi).join(', ') : 'không còn'}.`,
      en: `Cannot ${ACTION_NAMES[action].en.toLowerCase()} ${row.code}: ${why.en} Allowed now: ${names.length ? names.map((n) => n.en).join(', ') : 'nothing'}.`,
    },
    { allowed },
  );
}

export async function ratePublic(ctx: AppContext, code: string, input: z.infer<typeof PublicRating>) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await ownRow(tx, code, input.phone, true);
    if (!row.answered_at) throw illegal(row, 'rate', { vi: 'chưa có câu trả lời.', en: 'it has not been answered yet.' });
    if (row.satisfied !== null) throw illegal(row, 'rate', { vi: 'câu trả lời đã được đánh giá (mỗi phản ánh chỉ đánh giá một lần).', en: 'the answer has already been rated (once only).' });
    await tx.updateTable('feedback').set({ satisfied: input.satisfied, rated_at: now, revision: row.revision + 1 }).where('id', '=', row.id).execute();
    await appendAudit(tx, { chain: chainForUnit(row.unit_id), at: now, actorId: null, actorRole: 'citizen', action: 'feedback.rated', entity: 'feedback', entityId: row.code, details: { satisfied: input.satisfied } });
    return { code: row.code, satisfied: input.satisfied };
  });
}

// ---- officials ----------------------------------------------------------------------------------------------

export interface FeedbackItem {
  id: number;
  code: string;
  unit: { code: string; name: string };
  kind: Kind;
  channel: string;
  subject: string;
  senderName: string;
  senderPhone: string | null;
  senderEmail: string | null;
  /** false: the contact data above is masked for this caller. */
  personalData: boolean;
  dossierCode: string | null;
  status: ReturnType<typeof statusOf>;
  receivedAt: string;
  dueAt: string;
  assignee: { id: number; name: string } | null;
  answeredAt: string | null;
  onTime: boolean | null;
  satisfied: boolean | null;
}

export interface FeedbackDetail extends FeedbackItem {
  content: string;
  answer: string | null;
  answeredBy: { id: number; name: string } | null;
  assignedAt: string | null;
  ratedAt: string | null;
  receivedBy: { id: number; name: string } | null;
  revision: number;
  allowedActions: Action[];
}

type Joined = Row & { dossier_code: string | null; assignee_name: string | null; answered_by_name: string | null; received_by_name: string | null };

function joined(db: AppContext['db'] | Transaction<DB>) {
  return db
    .selectFrom('feedback as f')
    .leftJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .leftJoin('accounts as a', 'a.id', 'f.assignee_id')
    .leftJoin('accounts as b', 'b.id', 'f.answered_by')
    .leftJoin('accounts as r', 'r.id', 'f.received_by')
    .selectAll('f')
    .select(['d.code as dossier_code', 'a.full_name as assignee_name', 'b.full_name as answered_by_name', 'r.full_name as received_by_name']);
}

function seesPersonal(ctx: AppContext, actor: Actor, row: Row): boolean {
  return row.assignee_id === actor.accountId || !!findGrant(actor, LEADERS, row.unit_id, ctx.units);
}

function item(ctx: AppContext, actor: Actor, r: Joined): FeedbackItem {
  const unit = ctx.units.byId(r.unit_id);
  const full = seesPersonal(ctx, actor, r);
  return {
    id: Number(r.id),
    code: r.code,
    unit: { code: unit?.code ?? '', name: unit?.name ?? '' },
    kind: r.kind,
    channel: r.channel,
    subject: r.subject,
    senderName: full ? r.sender_name : maskName(r.sender_name),
    senderPhone: full ? r.sender_phone : maskPhone(r.sender_phone),
    senderEmail: full ? r.sender_email : maskEmail(r.sender_email),
    personalData: full,
    dossierCode: r.dossier_code,
    status: statusOf(r, ctx.clock.now()),
    receivedAt: isoVn(r.received_at),
    dueAt: isoVn(r.due_at),
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    answeredAt: isoVn(r.answered_at),
    onTime: answeredOnTime(r),
    satisfied: r.satisfied,
  };
}

function detail(ctx: AppContext, actor: Actor, r: Joined): FeedbackDetail {
  return {
    ...item(ctx, actor, r),
    content: r.content,
    answer: r.answer,
    answeredBy: r.answered_by ? { id: r.answered_by, name: r.answered_by_name ?? '' } : null,
    assignedAt: isoVn(r.assigned_at),
    ratedAt: isoVn(r.rated_at),
    receivedBy: r.received_by ? { id: r.received_by, name: r.received_by_name ?? '' } : null,
    revision: r.revision,
    allowedActions: allowedActions(r),
  };
}

export const LIST_STATUSES = ['open', 'overdue', 'answered', 'all'] as const;

export async function listFeedback(
  ctx: AppContext,
  actor: Actor,
  q: { unit: string; status: (typeof LIST_STATUSES)[number]; page: number; pageSize: number },
): Promise<{ total: number; page: number; pageSize: number; items: FeedbackItem[] }> {
  const scope = resolveScope(ctx, actor, q.unit, DOSSIER_READERS);
  const now = ctx.clock.now();
  let base = joined(ctx.db).where('f.unit_id', 'in', scope.unitIds);
  if (q.status === 'open') base = base.where('f.answered_at', 'is', null);
  if (q.status === 'overdue') base = base.where('f.answered_at', 'is', null).where('f.due_at', '<', now);
  if (q.status === 'answered') base = base.where('f.answered_at', 'is not', null);
  const [count, rows] = await Promise.all([
    base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base.orderBy('f.received_at', 'desc').orderBy('f.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
  ]);
  return { total: Number(count.n), page: q.page, pageSize: q.pageSize, items: rows.map((r) => item(ctx, actor, r as Joined)) };
}

async function readable(ctx: AppContext, db: AppContext['db'] | Transaction<DB>, actor: Actor, id: number, lock = false): Promise<Joined> {
  let q = joined(db).where('f.id', '=', id);
  if (lock) q = q.forUpdate('f');
  const row = (await q.executeTakeFirst()) as Joined | undefined;
  if (!row) throw notFound({ vi: `phản ánh, kiến nghị số ${id}`, en: `feedback ${id}` });
  requireGrant(actor, DOSSIER_READERS, row.unit_id, ctx.units);
  return row;
}

export async function getFeedback(ctx: AppContext, actor: Actor, id: number): Promise<FeedbackDetail> {
  return detail(ctx, actor, await readable(ctx, ctx.db, actor, id));
}

export async function assignFeedback(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof Assign>): Promise<FeedbackDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await readable(ctx, tx, actor, id, true);
    const grant = requireGrant(actor, LEADERS, row.unit_id, ctx.units);
    if (row.answered_at) throw illegal(row, 'assign', { vi: 'đã được trả lời.', en: 'it has already been answered.' });
    const grants = await tx
      .selectFrom('role_grants as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .select(['g.unit_id', 'g.role', 'a.full_name'])
      .where('g.account_id', '=', input.assigneeId)
      .where('a.active', '=', true)
      .where('g.role', 'in', [...WORKING_ROLES])
      .execute();
    const official = grants.find((g) => ctx.units.covers(g.unit_id, row.unit_id));
    if (!official) {
      throw badInput('body.assigneeId', {
        vi: `Tài khoản ${input.assigneeId} không phải cán bộ đang làm việc tại đơn vị nhận phản ánh.`,
        en: `Account ${input.assigneeId} is not an active official of the unit that received the feedback.`,
      });
    }
    await tx.updateTable('feedback').set({ assignee_id: input.assigneeId, assigned_at: now, revision: row.revision + 1 }).where('id', '=', row.id).execute();
    await appendAudit(tx, { chain: chainForUnit(row.unit_id), at: now, actorId: actor.accountId, actorRole: grant.role, action: 'feedback.assigned', entity: 'feedback', entityId: row.code, details: { assigneeId: input.assigneeId, previous: row.assignee_id } });
  });
  return getFeedback(ctx, actor, id);
}

export async function answerFeedback(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof Answer>): Promise<FeedbackDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await readable(ctx, tx, actor, id, true);
    const leader = findGrant(actor, LEADERS, row.unit_id, ctx.units);
    const own = row.assignee_id === actor.accountId ? findGrant(actor, WORKING_ROLES, row.unit_id, ctx.units) : undefined;
    const grant = leader ?? own;
    if (!grant) {
      throw new AppError('forbidden', {
        vi: 'Chỉ cán bộ được phân công hoặc lãnh đạo đơn vị, lãnh đạo phòng mới trả lời được phản ánh này.',
        en: 'Only the assigned official or a leader of the unit or office may answer this feedback.',
      });
    }
    if (row.answered_at) throw illegal(row, 'answer', { vi: 'đã được trả lời.', en: 'it has already been answered.' });
    await tx.updateTable('feedback').set({ answer: input.answer, answered_by: actor.accountId, answered_at: now, revision: row.revision + 1 }).where('id', '=', row.id).execute();
    await appendAudit(tx, { chain: chainForUnit(row.unit_id), at: now, actorId: actor.accountId, actorRole: grant.role, action: 'feedback.answered', entity: 'feedback', entityId: row.code, details: { onTime: now.getTime() <= row.due_at.getTime() } });
  });
  return getFeedback(ctx, actor, id);
}

// ---- report -------------------------------------------------------------------------------------------------

export interface KindCounts {
  received: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  openWithinTime: number;
  openOverdue: number;
}

export interface FeedbackReport extends KindCounts {
  unit: { code: string; name: string; kind: string };
  from: string;
  to: string;
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  byKind: Record<Kind, KindCounts>;
}

/**
 * Feedback received in the period and what became of it by now (answered on time or late, still open within or
 * past its time limit), and the senders' ratings of the answers given in the period — the same figures as
 * feedbackIndexInputs.
 */
export async function feedbackReport(ctx: AppContext, actor: Actor, q: { unit: string; from: string; to: string }): Promise<FeedbackReport> {
  const scope = resolveScope(ctx, actor, q.unit);
  checkPeriod(q.from, q.to);
  const { start, end } = periodBounds(q.from, q.to);
  const now = ctx.clock.now();
  const ids = sql.join(scope.unitIds.map((id) => sql`${id}::int`));
  const inPeriod = sql`received_at >= ${start} and received_at < ${end}`;
  const res = await sql<{ kind: Kind; received: string; answered: string; on_time: string; open_overdue: string; rated: string; satisfied: string }>`
    select kind,
      count(*) filter (where ${inPeriod}) as received,
      count(*) filter (where ${inPeriod} and answered_at is not null) as answered,
      count(*) filter (where ${inPeriod} and answered_at <= due_at) as on_time,
      count(*) filter (where ${inPeriod} and answered_at is null and due_at < ${now}) as open_overdue,
      count(*) filter (where answered_at >= ${start} and answered_at < ${end} and satisfied is not null) as rated,
      count(*) filter (where answered_at >= ${start} and answered_at < ${end} and satisfied) as satisfied
    from feedback
    where unit_id in (${ids}) and ((${inPeriod}) or (answered_at >= ${start} and answered_at < ${end}))
    group by kind`.execute(ctx.db);
  const zero = (): KindCounts => ({ received: 0, answered: 0, answeredOnTime: 0, answeredLate: 0, openWithinTime: 0, openOverdue: 0 });
  const byKind: Record<Kind, KindCounts> = { complaint: zero(), suggestion: zero() };
  const total = zero();
  let rated = 0;
  let satisfied = 0;
  for (const r of res.rows) {
    const c: KindCounts = {
      received: Number(r.received),
      answered: Number(r.answered),
      answeredOnTime: Number(r.on_time),
      answeredLate: Number(r.answered) - Number(r.on_time),
      openOverdue: Number(r.open_overdue),
      openWithinTime: Number(r.received) - Number(r.answered) - Number(r.open_overdue),
    };
    byKind[r.kind] = c;
    for (const k of Object.keys(total) as Array<keyof KindCounts>) total[k] += c[k];
    rated += Number(r.rated);
    satisfied += Number(r.satisfied);
  }
  return {
    unit: unitView(scope.unit),
    from: q.from,
    to: q.to,
    ...total,
    onTimeRate: total.answered ? total.answeredOnTime / total.answered : null,
    rated,
    satisfied,
    satisfactionRate: rated ? satisfied / rated : null,
    byKind,
  };
}
