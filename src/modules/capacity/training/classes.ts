// Classes: one run of a programme by a unit, with its sessions (attendance is taken per session) and tests
// (scored out of 10, in steps of 0.25). An admin of the unit enrols its officials, withdraws them, marks
// attendance and scores; a leader of the unit reads it all. Each change is one transaction with its audit entry.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import type { TrainingClassesTable } from '../../../db/schema-capacity.js';
import { AppError, badInput, domainRule, notFound, type Msg } from '../../../errors.js';
import { bi } from '../../../http/errors.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { isLocalDate, toLocalDate } from '../../calendar/time.js';
import type { Actor, Grant } from '../../people/actor.js';
import type { Role } from '../../people/roles.js';
import { requireCapacityAdmin, requireUnitLeader, STAFF_ROLES, unitByCode } from '../access.js';
import { displayStatus, dmy, parseNote } from './domain.js';
import { UnitCode, usableProgramme } from './programmes.js';

type Db = Kysely<DB> | Transaction<DB>;
type ClassRecord = Selectable<TrainingClassesTable>;

export const Day = z.string().refine(isLocalDate, bi('Ngày có dạng YYYY-MM-DD', 'A date is YYYY-MM-DD'));
const Hours = z
  .number()
  .positive(bi('Số giờ của buổi học phải lớn hơn 0', 'A session lasts more than 0 hours'))
  .max(24, bi('Một buổi học tối đa 24 giờ', 'A session lasts at most 24 hours'))
  .refine((h) => Number.isInteger(Math.round(h * 1e6) / 1e5), bi('Số giờ lấy tối đa một chữ số thập phân', 'Hours take at most one decimal'));

export const NewClass = z
  .object({
    unit: UnitCode,
    programmeId: z.number().int().positive(),
    name: z.string().trim().min(2, bi('Tên lớp cần ít nhất 2 ký tự', 'The class name needs at least 2 characters')).max(300),
    startsOn: Day,
    endsOn: Day,
    trainer: z.string().trim().min(2, bi('Ghi tên giảng viên (ít nhất 2 ký tự)', 'Name the trainer (at least 2 characters)')).max(200),
    place: z.string().trim().min(2).max(300).optional(),
    online: z.boolean().default(false),
    capacity: z.number().int().min(1).max(1000).optional(),
    sessions: z
      .array(z.object({ heldOn: Day, hours: Hours, topic: z.string().trim().max(300).optional() }))
      .min(1, bi('Lớp cần ít nhất một buổi học', 'A class needs at least one session'))
      .max(200),
    tests: z.array(z.object({ name: z.string().trim().min(2, bi('Tên bài kiểm tra cần ít nhất 2 ký tự', 'A test name needs at least 2 characters')).max(200), heldOn: Day.optional() })).max(20).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.endsOn < c.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], ...bi('Ngày kết thúc trước ngày bắt đầu', 'The end date is before the start date') });
    if (!c.online && !c.place) ctx.addIssue({ code: 'custom', path: ['place'], ...bi('Ghi địa điểm học, hoặc chọn học trực tuyến', 'Give the place, or mark the class online') });
    c.sessions.forEach((s, i) => {
      if (s.heldOn < c.startsOn || s.heldOn > c.endsOn) {
        ctx.addIssue({ code: 'custom', path: ['sessions', i, 'heldOn'], ...bi(`Buổi ${i + 1} nằm ngoài thời gian của lớp`, `Session ${i + 1} is outside the class dates`) });
      }
    });
    c.tests.forEach((t, i) => {
      if (t.heldOn && (t.heldOn < c.startsOn || t.heldOn > c.endsOn)) {
        ctx.addIssue({ code: 'custom', path: ['tests', i, 'heldOn'], ...bi(`Bài kiểm tra ${i + 1} nằm ngoài thời gian của lớp`, `Test ${i + 1} is outside the class dates`) });
      }
    });
  });

export const Enrol = z.object({ accountIds: z.array(z.number().int().positive()).min(1, bi('Chọn ít nhất một cán bộ', 'Choose at least one official')).max(500) });
export const Attendance = z.object({
  sessionId: z.number().int().positive(),
  marks: z.array(z.object({ accountId: z.number().int().positive(), present: z.boolean() })).min(1).max(500),
});
export const Score = z
  .number(bi('Điểm là một số từ 0 đến 10', 'A score is a number from 0 to 10'))
  .min(0, bi('Điểm từ 0 đến 10', 'A score is 0 to 10'))
  .max(10, bi('Điểm từ 0 đến 10', 'A score is 0 to 10'))
  .refine((s) => Number.isInteger(s * 4), bi('Điểm lấy theo bước 0,25 (ví dụ 7,25)', 'Scores go in steps of 0.25 (e.g. 7.25)'));
export const Scores = z.object({
  testId: z.number().int().positive(),
  marks: z.array(z.object({ accountId: z.number().int().positive(), score: Score })).min(1).max(500),
});

export interface ClassRow {
  id: number;
  code: string;
  name: string;
  programme: { id: number; name: string };
  startsOn: string;
  endsOn: string;
  trainer: string;
  place: string | null;
  online: boolean;
  status: string;
  enrolled: number;
  passed: number;
  hours: number;
  capacity: number | null;
  unit: { code: string; name: string };
}

export interface ClassDetail extends ClassRow {
  sessions: Array<{ id: number; seq: number; heldOn: string; hours: number; topic: string | null }>;
  tests: Array<{ id: number; seq: number; name: string; heldOn: string | null }>;
  enrolments: Array<{
    accountId: number;
    fullName: string;
    status: string;
    attended: number;
    sessions: number;
    hoursAttended: number;
    attendance: Record<string, boolean | null>;
    scores: Record<string, number | null>;
    certificate: { id: number; verificationCode: string | null } | null;
    resultNote: Msg | null;
  }>;
}

export const today = (ctx: AppContext): string => toLocalDate(ctx.clock.now());

/** Class rows with their counts, in one query. */
export async function classRows(ctx: AppContext, db: Db, where: { ids?: number[]; unitId?: number; year?: number }): Promise<ClassRow[]> {
  let q = db
    .selectFrom('training_classes as c')
    .innerJoin('training_programmes as p', 'p.id', 'c.programme_id')
    .innerJoin('units as u', 'u.id', 'c.unit_id')
    .select([
      'c.id', 'c.code', 'c.name', 'c.programme_id', 'p.name as programme_name', 'c.starts_on', 'c.ends_on', 'c.trainer', 'c.place',
      'c.online', 'c.status', 'c.capacity', 'u.code as unit_code', 'u.name as unit_name',
      sql<number>`(select count(*)::int from enrolments e where e.class_id = c.id and e.status <> 'withdrawn')`.as('enrolled'),
      sql<number>`(select count(*)::int from enrolments e where e.class_id = c.id and e.status = 'passed')`.as('passed'),
      sql<number>`(select coalesce(sum(s.hours), 0)::float8 from class_sessions s where s.class_id = c.id)`.as('hours'),
    ])
    .orderBy('c.starts_on', 'desc')
    .orderBy('c.id', 'desc');
  if (where.ids) q = q.where('c.id', 'in', where.ids.length ? where.ids : [0]);
  if (where.unitId !== undefined) q = q.where('c.unit_id', '=', where.unitId);
  if (where.year !== undefined) {
    q = q.where('c.starts_on', '<=', `${where.year}-12-31`).where('c.ends_on', '>=', `${where.year}-01-01`);
  }
  const day = today(ctx);
  return (await q.execute()).map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    programme: { id: r.programme_id, name: r.programme_name },
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    trainer: r.trainer,
    place: r.place,
    online: r.online,
    status: displayStatus(r.status, r.starts_on, day),
    enrolled: Number(r.enrolled),
    passed: Number(r.passed),
    hours: Number(r.hours),
    capacity: r.capacity,
    unit: { code: r.unit_code, name: r.unit_name },
  }));
}

export async function classDetail(ctx: AppContext, db: Db, id: number): Promise<ClassDetail> {
  const [row] = await classRows(ctx, db, { ids: [id] });
  if (!row) throw notFound({ vi: `lớp học số ${id}`, en: `class ${id}` });
  const sessions = await db.selectFrom('class_sessions').select(['id', 'seq', 'held_on', 'hours', 'topic']).where('class_id', '=', id).orderBy('seq').execute();
  const tests = await db.selectFrom('class_tests').select(['id', 'seq', 'name', 'held_on']).where('class_id', '=', id).orderBy('seq').execute();
  const enrolments = await db
    .selectFrom('enrolments as e')
    .innerJoin('accounts as a', 'a.id', 'e.account_id')
    .leftJoin('certificates as cert', 'cert.id', 'e.certificate_id')
    .select(['e.account_id', 'a.full_name', 'e.status', 'e.result_note', 'e.certificate_id', 'cert.verification_code'])
    .where('e.class_id', '=', id)
    .orderBy('a.full_name')
    .orderBy('a.id')
    .execute();
  const marks = sessions.length
    ? await db.selectFrom('attendance').select(['session_id', 'account_id', 'present']).where('session_id', 'in', sessions.map((s) => s.id)).execute()
    : [];
  const scores = tests.length ? await db.selectFrom('test_scores').select(['test_id', 'account_id', 'score']).where('test_id', 'in', tests.map((t) => t.id)).execute() : [];
  const present = new Map(marks.map((m) => [`${m.session_id}:${m.account_id}`, m.present]));
  const scored = new Map(scores.map((s) => [`${s.test_id}:${s.account_id}`, Number(s.score)]));
  return {
    ...row,
    sessions: sessions.map((s) => ({ id: s.id, seq: s.seq, heldOn: s.held_on, hours: Number(s.hours), topic: s.topic })),
    tests: tests.map((t) => ({ id: t.id, seq: t.seq, name: t.name, heldOn: t.held_on })),
    enrolments: enrolments.map((e) => {
      const attendance: Record<string, boolean | null> = {};
      let attended = 0;
      let hoursAttended = 0;
      for (const s of sessions) {
        const p = present.get(`${s.id}:${e.account_id}`) ?? null;
        attendance[String(s.id)] = p;
        if (p) {
          attended++;
          hoursAttended += Number(s.hours);
        }
      }
      const sc: Record<string, number | null> = {};
      for (const t of tests) sc[String(t.id)] = scored.get(`${t.id}:${e.account_id}`) ?? null;
      return {
        accountId: e.account_id,
        fullName: e.full_name,
        status: e.status,
        attended,
        sessions: sessions.length,
        hoursAttended: Math.round(hoursAttended * 10) / 10,
        attendance,
        scores: sc,
        certificate: e.certificate_id ? { id: Number(e.certificate_id), verificationCode: e.verification_code } : null,
        resultNote: parseNote(e.result_note),
      };
    }),
  };
}

export async function findClass(db: Db, id: number, lock = false): Promise<ClassRecord> {
  let q = db.selectFrom('training_classes').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw notFound({ vi: `lớp học số ${id}`, en: `class ${id}` });
  return row;
}

/** A class a leader of its unit reads, or 403/404. */
export async function readableClass(ctx: AppContext, actor: Actor, id: number): Promise<ClassRecord> {
  const row = await findClass(ctx.db, id);
  requireUnitLeader(ctx, actor, row.unit_id);
  return row;
}

/** 409 for a change to a class that is closed or cancelled. */
export function assertOpen(row: ClassRecord, what: Msg): void {
  if (row.status === 'closed' || row.status === 'cancelled') {
    const state = row.status === 'closed' ? { vi: 'đã kết thúc và cấp chứng chỉ', en: 'closed and its certificates issued' } : { vi: 'đã hủy', en: 'cancelled' };
    throw new AppError(
      'illegal_action',
      { vi: `Không thể ${what.vi}: lớp ${row.code} ${state.vi}.`, en: `Cannot ${what.en}: class ${row.code} is ${state.en}.` },
      { allowed: [] },
    );
  }
}

export async function listClasses(ctx: AppContext, actor: Actor, unitCode: string, year: number | undefined) {
  const unit = unitByCode(ctx, unitCode);
  requireUnitLeader(ctx, actor, unit.id);
  return { items: await classRows(ctx, ctx.db, { unitId: unit.id, ...(year ? { year } : {}) }) };
}

async function nextClassCode(tx: Transaction<DB>, unitId: number, year: number): Promise<string> {
  await sql`select pg_advisory_xact_lock(771, ${unitId}::int)`.execute(tx);
  const prefix = `LH-${year}-`;
  const r = await sql<{ last: number | null }>`
    select max(substring(code from ${prefix.length + 1}::int)::int) as last from training_classes
    where unit_id = ${unitId} and code ~ ${`^LH-${year}-[0-9]+$`}`.execute(tx);
  return `${prefix}${String(Number(r.rows[0]?.last ?? 0) + 1).padStart(2, '0')}`;
}

export async function createClass(ctx: AppContext, actor: Actor, input: z.infer<typeof NewClass>): Promise<ClassDetail> {
  const unit = unitByCode(ctx, input.unit);
  const grant = requireCapacityAdmin(ctx, actor, unit.id);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const programme = await usableProgramme(tx, unit.id, input.programmeId, 'body.programmeId');
    const code = await nextClassCode(tx, unit.id, Number(input.startsOn.slice(0, 4)));
    const row = await tx
      .insertInto('training_classes')
      .values({
        programme_id: programme.id,
        unit_id: unit.id,
        code,
        name: input.name,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        trainer: input.trainer,
        place: input.place ?? null,
        online: input.online,
        capacity: input.capacity ?? null,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sessions = [...input.sessions].sort((a, b) => a.heldOn.localeCompare(b.heldOn));
    await tx
      .insertInto('class_sessions')
      .values(sessions.map((s, i) => ({ class_id: row.id, seq: i + 1, held_on: s.heldOn, hours: s.hours, topic: s.topic ?? null })))
      .execute();
    if (input.tests.length) {
      await tx.insertInto('class_tests').values(input.tests.map((t, i) => ({ class_id: row.id, seq: i + 1, name: t.name, held_on: t.heldOn ?? null }))).execute();
    }
    await audit(tx, unit.id, actor, grant, 'training.class_created', row.id, { code, programmeId: programme.id, startsOn: input.startsOn, endsOn: input.endsOn, sessions: sessions.length, tests: input.tests.length }, now);
    return row.id;
  });
  return classDetail(ctx, ctx.db, id);
}

export function audit(tx: Transaction<DB>, unitId: number, actor: Actor, grant: Grant, action: string, classId: number, details: Record<string, unknown>, at: Date) {
  return appendAudit(tx, { chain: chainForUnit(unitId), at, actorId: actor.accountId, actorRole: grant.role, action, entity: 'training_class', entityId: String(classId), details });
}

/** Runs a change to a class as its admin: the class locked, open, in one transaction; answers the new detail. */
async function changeClass(
  ctx: AppContext,
  actor: Actor,
  id: number,
  what: Msg,
  change: (tx: Transaction<DB>, row: ClassRecord, grant: Grant, now: Date) => Promise<void>,
): Promise<ClassDetail> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await findClass(tx, id, true);
    const grant = requireCapacityAdmin(ctx, actor, row.unit_id);
    assertOpen(row, what);
    await change(tx, row, grant, now);
  });
  return classDetail(ctx, ctx.db, id);
}

export function enrol(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof Enrol>) {
  return changeClass(ctx, actor, id, { vi: 'ghi danh', en: 'enrol' }, async (tx, row, grant, now) => {
    const ids = [...new Set(input.accountIds)];
    const staff = await tx
      .selectFrom('role_grants as g')
      .innerJoin('accounts as a', 'a.id', 'g.account_id')
      .select('g.account_id')
      .distinct()
      .where('g.unit_id', '=', row.unit_id)
      .where('g.role', 'in', STAFF_ROLES as Role[])
      .where('a.active', '=', true)
      .where('g.account_id', 'in', ids)
      .execute();
    const strangers = ids.filter((a) => !staff.some((s) => s.account_id === a));
    if (strangers.length) {
      throw badInput('body.accountIds', {
        vi: `Tài khoản số ${strangers.join(', ')} không phải cán bộ đang làm việc tại đơn vị tổ chức lớp.`,
        en: `Account ${strangers.join(', ')} is not an active official of the unit running the class.`,
      });
    }
    const current = await tx.selectFrom('enrolments').select(['account_id', 'status']).where('class_id', '=', id).execute();
    const fresh = ids.filter((a) => !current.some((c) => c.account_id === a));
    const back = ids.filter((a) => current.some((c) => c.account_id === a && c.status === 'withdrawn'));
    const enrolled = current.filter((c) => c.status !== 'withdrawn').length + fresh.length + back.length;
    if (row.capacity !== null && enrolled > row.capacity) {
      throw domainRule({
        vi: `Lớp ${row.code} chỉ nhận ${row.capacity} học viên; ghi danh thêm sẽ thành ${enrolled}.`,
        en: `Class ${row.code} takes ${row.capacity} learners; this enrolment would make ${enrolled}.`,
      });
    }
    if (fresh.length) {
      await tx.insertInto('enrolments').values(fresh.map((a) => ({ class_id: id, account_id: a, enrolled_at: now, enrolled_by: actor.accountId }))).execute();
    }
    if (back.length) {
      await tx.updateTable('enrolments').set({ status: 'enrolled', enrolled_at: now, enrolled_by: actor.accountId }).where('class_id', '=', id).where('account_id', 'in', back).execute();
    }
    if (fresh.length || back.length) await audit(tx, row.unit_id, actor, grant, 'training.enrolled', id, { accountIds: [...fresh, ...back] }, now);
  });
}

export function withdraw(ctx: AppContext, actor: Actor, id: number, accountId: number) {
  return changeClass(ctx, actor, id, { vi: 'rút tên học viên', en: 'withdraw a learner' }, async (tx, row, grant, now) => {
    const r = await tx.updateTable('enrolments').set({ status: 'withdrawn' }).where('class_id', '=', id).where('account_id', '=', accountId).where('status', '=', 'enrolled').executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw notFound({ vi: `học viên số ${accountId} đang ghi danh ở lớp ${row.code}`, en: `learner ${accountId} enrolled in class ${row.code}` });
    await audit(tx, row.unit_id, actor, grant, 'training.withdrawn', id, { accountId }, now);
  });
}

/** 400 naming the accounts that are not enrolled (withdrawn or never) in the class. */
async function requireEnrolled(tx: Transaction<DB>, classId: number, accountIds: number[]): Promise<void> {
  const rows = await tx.selectFrom('enrolments').select('account_id').where('class_id', '=', classId).where('status', '=', 'enrolled').where('account_id', 'in', accountIds).execute();
  const missing = [...new Set(accountIds)].filter((a) => !rows.some((r) => r.account_id === a));
  if (missing.length) {
    throw badInput('body.marks', {
      vi: `Cán bộ số ${missing.join(', ')} không có tên trong danh sách học viên của lớp.`,
      en: `Official ${missing.join(', ')} is not enrolled in the class.`,
    });
  }
}

function noRepeats(marks: Array<{ accountId: number }>): void {
  if (new Set(marks.map((m) => m.accountId)).size !== marks.length) {
    throw badInput('body.marks', { vi: 'Mỗi cán bộ chỉ ghi một lần.', en: 'List each official once.' });
  }
}

export function markAttendance(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof Attendance>) {
  noRepeats(input.marks);
  return changeClass(ctx, actor, id, { vi: 'điểm danh', en: 'take attendance' }, async (tx, row, grant, now) => {
    const session = await tx.selectFrom('class_sessions').select(['id', 'seq', 'held_on']).where('id', '=', input.sessionId).where('class_id', '=', id).executeTakeFirst();
    if (!session) throw badInput('body.sessionId', { vi: `Lớp ${row.code} không có buổi học số ${input.sessionId}.`, en: `Class ${row.code} has no session ${input.sessionId}.` });
    if (session.held_on > today(ctx)) {
      throw domainRule({ vi: `Buổi ${session.seq} (${dmy(session.held_on)}) chưa diễn ra: chưa điểm danh được.`, en: `Session ${session.seq} (${dmy(session.held_on)}) has not taken place yet: attendance cannot be taken.` });
    }
    await requireEnrolled(tx, id, input.marks.map((m) => m.accountId));
    await tx
      .insertInto('attendance')
      .values(input.marks.map((m) => ({ session_id: session.id, account_id: m.accountId, present: m.present, recorded_by: actor.accountId, recorded_at: now })))
      .onConflict((oc) => oc.columns(['session_id', 'account_id']).doUpdateSet((eb) => ({ present: eb.ref('excluded.present'), recorded_by: eb.ref('excluded.recorded_by'), recorded_at: eb.ref('excluded.recorded_at') })))
      .execute();
    await audit(tx, row.unit_id, actor, grant, 'training.attendance', id, { sessionId: session.id, present: input.marks.filter((m) => m.present).length, absent: input.marks.filter((m) => !m.present).length }, now);
  });
}

export function recordScores(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof Scores>) {
  noRepeats(input.marks);
  return changeClass(ctx, actor, id, { vi: 'nhập điểm', en: 'record scores' }, async (tx, row, grant, now) => {
    const test = await tx.selectFrom('class_tests').select(['id', 'seq', 'held_on']).where('id', '=', input.testId).where('class_id', '=', id).executeTakeFirst();
    if (!test) throw badInput('body.testId', { vi: `Lớp ${row.code} không có bài kiểm tra số ${input.testId}.`, en: `Class ${row.code} has no test ${input.testId}.` });
    if (test.held_on && test.held_on > today(ctx)) {
      throw domainRule({ vi: `Bài kiểm tra ${test.seq} (${dmy(test.held_on)}) chưa diễn ra: chưa nhập điểm được.`, en: `Test ${test.seq} (${dmy(test.held_on)}) has not taken place yet: scores cannot be recorded.` });
    }
    await requireEnrolled(tx, id, input.marks.map((m) => m.accountId));
    await tx
      .insertInto('test_scores')
      .values(input.marks.map((m) => ({ test_id: test.id, account_id: m.accountId, score: m.score, recorded_by: actor.accountId, recorded_at: now })))
      .onConflict((oc) => oc.columns(['test_id', 'account_id']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), recorded_by: eb.ref('excluded.recorded_by'), recorded_at: eb.ref('excluded.recorded_at') })))
      .execute();
    await audit(tx, row.unit_id, actor, grant, 'training.scores', id, { testId: test.id, scores: input.marks.length }, now);
  });
}
