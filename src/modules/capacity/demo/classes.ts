// The demo's training classes as the training module would have recorded them: sessions, tests, enrolments,
// attendance, scores, the verdict, certificates for those who passed and the levels the programme raises.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { addDays, atLocal } from '../../calendar/time.js';
import type { Rng } from '../../demo/history-profiles.js';
import { certificateExpiry, verdict, verificationCode } from '../training/domain.js';
import type { PlannedClass } from './plan.js';

type Tx = Transaction<DB>;
export type Row = Record<string, unknown>;

export interface ProgrammeRow {
  id: number;
  name: string;
  validMonths: number | null;
  /** [competencyId, level] the programme brings. */
  raises: Array<[number, number]>;
}

/** Inserts rows (all with the same keys) through one JSON parameter: one statement for the lot. */
export async function bulkInsert(tx: Tx, table: string, rows: Row[], returning?: string[]): Promise<Row[]> {
  if (!rows.length) return [];
  const cols = Object.keys(rows[0]!);
  const list = sql.join(cols.map((c) => sql.id(c)));
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] instanceof Date ? (r[c] as Date).toISOString() : r[c]]))));
  const ret = returning ? sql` returning ${sql.join(returning.map((c) => sql.id(c)))}` : sql``;
  const res = await sql<Row>`insert into ${sql.id(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.id(table)}, ${json}::json)${ret}`.execute(tx);
  return res.rows;
}

/** An instant in office hours of a local day (minutes after midnight, Vietnam time). */
export const at = (d: string, minutes: number) => atLocal(d, minutes * 60_000);

export interface Learner {
  accountId: number;
  /** The learner's commune: their certificate and raised levels belong to it. */
  unitId: number;
  missed?: readonly number[];
}
export interface Raise {
  accountId: number;
  unitId: number;
  competencyId: number;
  level: number;
  at: Date;
  note: string;
  evidence: Record<string, unknown>;
}

/**
 * One class of the plan with its sessions, tests, enrolments and — when held — attendance, scores, the verdict
 * (training/domain.ts), certificates for those who passed and the levels the programme raises for them (never
 * lowering a level held higher), returned for the caller to record in date order.
 */
export async function seedClass(
  tx: Tx,
  c: PlannedClass,
  o: { organiser: { id: number; code: string; name: string }; code: string; learners: Learner[]; admin: number | null; rng: Rng; programme: ProgrammeRow; held: (accountId: number, competencyId: number) => number },
): Promise<{ certificates: number; raised: Raise[] }> {
  const { rng, programme, code } = o;
  const closed = c.status === 'closed';
  const closedAt = closed ? at(addDays(c.endsOn, 2), 600) : null;
  const cls = (await bulkInsert(
    tx,
    'training_classes',
    [{ programme_id: programme.id, unit_id: o.organiser.id, code, name: c.name, starts_on: c.startsOn, ends_on: c.endsOn, trainer: c.trainer, place: c.place, online: c.online, capacity: Math.max(30, o.learners.length), status: c.status, closed_at: closedAt, created_by: o.admin, created_at: at(addDays(c.startsOn, -20), 540) }],
    ['id'],
  ))[0]!.id as number;
  const sessions = await bulkInsert(tx, 'class_sessions', c.sessions.map((s, i) => ({ class_id: cls, seq: i + 1, held_on: s.heldOn, hours: s.hours, topic: s.topic })), ['id', 'seq']);
  const tests = await bulkInsert(tx, 'class_tests', c.tests.map((t, i) => ({ class_id: cls, seq: i + 1, name: t.name, held_on: t.heldOn })), ['id', 'seq']);
  const sessionId = (s: number) => sessions.find((r) => r.seq === s)!.id as number;
  const testId = (s: number) => tests.find((r) => r.seq === s)!.id as number;
  const enrolments: Row[] = [];
  const attendance: Row[] = [];
  const scores: Row[] = [];
  const certificates: Row[] = [];
  const single = programme.raises.length === 1 ? programme.raises[0]! : null;
  const passed: Array<{ learner: Learner; code: string }> = [];
  for (const l of o.learners) {
    const enrolment: Row = { class_id: cls, account_id: l.accountId, enrolled_at: at(addDays(c.startsOn, -14), 560), enrolled_by: o.admin, status: 'enrolled', result_note: null, certificate_id: null };
    enrolments.push(enrolment);
    if (!closed) continue;
    const marks = c.sessions.map((s, i) => ({ seq: i + 1, heldOn: s.heldOn, present: !l.missed?.includes(i + 1) }));
    for (const m of marks) attendance.push({ session_id: sessionId(m.seq), account_id: l.accountId, present: m.present, recorded_by: o.admin, recorded_at: at(m.heldOn, 1000) });
    const testMarks = c.tests.map((t, i) => ({ seq: i + 1, name: t.name, heldOn: t.heldOn, score: 5.5 + rng.int(0, 16) * 0.25 }));
    for (const t of testMarks) scores.push({ test_id: testId(t.seq), account_id: l.accountId, score: t.score, recorded_by: o.admin, recorded_at: at(t.heldOn, 1010) });
    const v = verdict(marks, testMarks);
    if (!v.passed) {
      Object.assign(enrolment, { status: 'not_passed', result_note: JSON.stringify(v.reason) });
      continue;
    }
    const vc = verificationCode(o.organiser.code, Number(c.endsOn.slice(0, 4)), () => rng.u());
    certificates.push({ account_id: l.accountId, unit_id: l.unitId, kind: 'training', name: `${programme.name} (${code})`.slice(0, 300), issuer: o.organiser.name, issued_on: c.endsOn, expires_on: certificateExpiry(c.endsOn, programme.validMonths), verification_code: vc, competency_id: single?.[0] ?? null, level: single?.[1] ?? null, class_id: cls, created_by: o.admin, created_at: closedAt });
    enrolment.status = 'passed';
    passed.push({ learner: l, code: vc });
  }
  const certRows = await bulkInsert(tx, 'certificates', certificates, ['id', 'verification_code']);
  const raised: Raise[] = [];
  for (const p of passed) {
    const certificateId = Number(certRows.find((r) => r.verification_code === p.code)!.id);
    enrolments.find((x) => x.account_id === p.learner.accountId)!.certificate_id = certificateId;
    for (const [competencyId, level] of programme.raises) {
      const previous = o.held(p.learner.accountId, competencyId);
      if (previous >= level) continue;
      raised.push({ accountId: p.learner.accountId, unitId: p.learner.unitId, competencyId, level, at: closedAt!, note: `${programme.name} (${code})`, evidence: { classId: cls, classCode: code, programmeId: programme.id, certificateId, verificationCode: p.code, previousLevel: previous } });
    }
  }
  await bulkInsert(tx, 'enrolments', enrolments);
  await bulkInsert(tx, 'attendance', attendance);
  await bulkInsert(tx, 'test_scores', scores);
  return { certificates: certRows.length, raised };
}
