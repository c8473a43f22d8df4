// The capacity demo: for each demo commune the job positions with their frameworks, who holds them (with the
// moves of July 2025), assessed levels with real gaps, certificates (some expiring, one expired), and the year's
// training — classes held with attendance, tests, certificates and one learner who did not pass, last
// quarter's class whose attendees the history sends back less afterwards (plan.ts), and a class planned next
// month. The other communes of the province get light data (positions, a few levels, signing tokens), written
// set-based. Deterministic, and once: a second call finds the mark and changes nothing.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { configFromEnv } from '../../../config.js';
import { DEMO_COMMUNES, DEMO_PASSWORD, DEMO_PROVINCE } from '../../../seed.js';
import { isWorkingDay, type WorkCalendar } from '../../calendar/index.js';
import { loadWorkCalendar } from '../../calendar/store.js';
import { addDays, toLocalDate } from '../../calendar/time.js';
import { Rng } from '../../demo/history-profiles.js';
import { HISTORY_MARK } from '../../demo/history.js';
import { hashPassword, verifyPassword } from '../../people/passwords.js';
import { ensureFieldCompetencies, fieldSlug } from '../levels.js';
import { CERTIFICATES, DEMO_FIELDS, HELD, HOLDERS, LIGHT_POSITIONS, MOVE_NOTE, POSITIONS, PROGRAMMES, REFORM_DAY, REFORM_NOTE, SELF_HIGHER, type CompetencyKey } from './data.js';
import { ensureExtraOfficials, HISTORY_ONLY_PASSWORD } from './officials.js';
import { at, bulkInsert, seedClass, type Learner, type ProgrammeRow, type Row } from './classes.js';
import { CAPACITY_MARK, cityClass, demoClasses, type Suffix } from './plan.js';

type Tx = Transaction<DB>;

export interface CapacityDemoReport {
  skipped: boolean;
  positions: number;
  assignments: number;
  assessments: number;
  certificates: number;
  programmes: number;
  classes: number;
  seconds: number;
}

export async function hasCapacityDemo(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('instance_settings').select('key').where('key', '=', CAPACITY_MARK).executeTakeFirst());
}

export async function seedCapacityDemo(db: Kysely<DB>, options: { now: Date; seed?: number }): Promise<CapacityDemoReport> {
  const t0 = performance.now();
  const report: CapacityDemoReport = { skipped: true, positions: 0, assignments: 0, assessments: 0, certificates: 0, programmes: 0, classes: 0, seconds: 0 };
  if (await hasCapacityDemo(db)) return report;
  const now = options.now;
  // The classes are placed relative to the day the history was made, so that its send-backs drop after the
  // very class seeded here even when the two are seeded on different days.
  const planNow = (await historyNow(db)) ?? now;
  const rng = new Rng(options.seed ?? 2026);
  const hash = await demoHash(db);
  const province = await db.selectFrom('units').select(['id', 'code', 'name']).where('code', '=', DEMO_PROVINCE).executeTakeFirstOrThrow();
  const communes = await db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('parent_id', '=', province.id)
    .where('merged_into_id', 'is', null)
    .orderBy('code')
    .execute();
  // Read before the transaction: PGlite has one connection, which the transaction holds.
  const calendars = new Map<number, WorkCalendar>();
  for (const c of [province, ...communes.filter((x) => DEMO_COMMUNES.some(([code]) => code === x.code))]) calendars.set(c.id, await loadWorkCalendar(db, c.id));

  return db.transaction().execute(async (tx) => {
    const competencies = await competencyIds(tx);
    const programmes = await insertProgrammes(tx, competencies);
    report.programmes = programmes.size;
    for (const [code, suffix] of DEMO_COMMUNES) {
      const unit = communes.find((c) => c.code === code);
      if (!unit) continue;
      const cal = calendars.get(unit.id)!;
      const n = await seedCommune(tx, { unit, suffix: suffix as Suffix, hash, now, planNow, rng, competencies, programmes, isWorking: (d) => isWorkingDay(cal, d) });
      for (const k of ['positions', 'assignments', 'assessments', 'certificates', 'classes'] as const) report[k] += n[k];
    }
    const demoCodes = new Set(DEMO_COMMUNES.map(([c]) => c));
    const cityCal = calendars.get(province.id)!;
    const city = { unit: province, programme: programmes.get('QG-KNS-IU')!, isWorking: (d: string) => isWorkingDay(cityCal, d) };
    const light = await seedLightCommunes(tx, communes.filter((c) => !demoCodes.has(c.code)), now, rng, competencies, { ...city, planNow });
    for (const k of ['positions', 'assignments', 'assessments', 'certificates', 'classes'] as const) report[k] += light[k];
    report.skipped = false;
    await tx
      .insertInto('instance_settings')
      .values({ key: CAPACITY_MARK, value: JSON.stringify({ now: now.toISOString(), positions: report.positions, classes: report.classes }), updated_at: now })
      .execute();
    report.seconds = Math.round((performance.now() - t0) / 100) / 10;
    return report;
  });
}

/** The `now` the demo history was seeded with, if there is one. */
async function historyNow(db: Kysely<DB>): Promise<Date | null> {
  const row = await db.selectFrom('instance_settings').select('value').where('key', '=', HISTORY_MARK).executeTakeFirst();
  const v = (typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value) as { now?: string } | undefined;
  return v?.now ? new Date(v.now) : null;
}

/** The demo password's hash as src/seed.ts made it (taken from a demo account it still opens), else a new one. */
async function demoHash(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('accounts').select('password_hash').where('username', '=', `lanhdao.${DEMO_COMMUNES[0]![1]}`).executeTakeFirst();
  if (row && (await verifyPassword(row.password_hash, DEMO_PASSWORD))) return row.password_hash;
  return hashPassword(DEMO_PASSWORD, configFromEnv({}).argon2);
}

/** National competencies by code, and field competencies as 'f:<field>' (the demo's fields created if missing). */
async function competencyIds(tx: Tx): Promise<Map<CompetencyKey, number>> {
  await ensureFieldCompetencies(tx);
  const have = new Set((await tx.selectFrom('competencies').select('field').where('unit_id', 'is', null).where('field', 'is not', null).execute()).map((r) => r.field));
  for (const field of DEMO_FIELDS.filter((f) => !have.has(f))) {
    // The code ensureFieldCompetencies would give it, so a later catalogue import finds it and adds no twin.
    await tx
      .insertInto('competencies')
      .values({ unit_id: null, code: `field.${fieldSlug(field)}`, kind: 'field', field, name_vi: `Nghiệp vụ ${field}`, name_en: `${field} (professional field)`, sort: 0 })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const rows = await tx.selectFrom('competencies').select(['id', 'code', 'field']).where('unit_id', 'is', null).execute();
  return new Map(rows.map((r) => [r.field ? `f:${r.field}` : r.code, r.id]));
}

const compId = (m: Map<CompetencyKey, number>, key: CompetencyKey): number => {
  const id = m.get(key);
  if (id === undefined) throw new Error(`capacity demo: no competency ${key}`);
  return id;
};

async function insertProgrammes(tx: Tx, comps: Map<CompetencyKey, number>): Promise<Map<string, ProgrammeRow>> {
  const out = new Map<string, ProgrammeRow>();
  for (const p of PROGRAMMES) {
    const existing = await tx.selectFrom('training_programmes').select('id').where('unit_id', 'is', null).where('code', '=', p.code).executeTakeFirst();
    const id =
      existing?.id ??
      (
        await tx
          .insertInto('training_programmes')
          .values({ unit_id: null, code: p.code, name: p.name, description: p.description, content_group: p.contentGroup, hours: p.hours, certificate_valid_months: p.validMonths })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const raises = p.competencies.map(([k, level]) => [compId(comps, k), level] as [number, number]);
    if (!existing) await tx.insertInto('programme_competencies').values(raises.map(([competency_id, level]) => ({ programme_id: id, competency_id, level }))).execute();
    out.set(p.code, { id, name: p.name, validMonths: p.validMonths, raises });
  }
  return out;
}

interface CommuneEnv {
  unit: { id: number; code: string; name: string };
  suffix: Suffix;
  hash: string;
  now: Date;
  /** The day the classes are placed from (the history's `now`). */
  planNow: Date;
  rng: Rng;
  competencies: Map<CompetencyKey, number>;
  programmes: Map<string, ProgrammeRow>;
  isWorking: (day: string) => boolean;
}

const day = (now: Date, daysAgo: number) => addDays(toLocalDate(now), -daysAgo);
async function seedCommune(tx: Tx, e: CommuneEnv) {
  const { unit, now, rng, competencies: comps } = e;
  const n = { positions: 0, assignments: 0, assessments: 0, certificates: 0, classes: 0 };
  // The officials: the seven of src/seed.ts and the capacity demo's extra ones, who get the demo password.
  const extra = await ensureExtraOfficials(tx, unit.id, e.suffix, e.hash);
  await tx.updateTable('accounts').set({ password_hash: e.hash }).where('id', 'in', [...extra.values()].map((x) => x.id)).where('password_hash', '=', HISTORY_ONLY_PASSWORD).execute();
  const staff = new Map<string, number>([...extra].map(([p, s]) => [p, s.id]));
  const base = await tx.selectFrom('accounts').select(['id', 'username']).where('username', 'in', Object.keys(HOLDERS).map((p) => `${p}.${e.suffix}`)).execute();
  for (const a of base) staff.set(a.username.split('.')[0]!, a.id);
  const leader = staff.get('lanhdao')!;
  const admin = staff.get('quantri') ?? leader;
  const offices = new Map((await tx.selectFrom('offices').select(['id', 'code']).where('unit_id', '=', unit.id).execute()).map((o) => [o.code, o.id]));

  // Positions and their frameworks.
  const posRows = await bulkInsert(
    tx,
    'job_positions',
    POSITIONS.map((p) => ({ unit_id: unit.id, office_id: offices.get(p.office) ?? null, code: p.code, grp: p.grp, name: p.name, description: p.description, duties: p.duties, headcount: p.headcount, active: true, created_at: at(REFORM_DAY, 480), updated_at: at(REFORM_DAY, 480) })),
    ['id', 'code'],
  );
  const positions = new Map(posRows.map((r) => [r.code as string, r.id as number]));
  n.positions += posRows.length;
  await bulkInsert(tx, 'position_requirements', POSITIONS.flatMap((p) => p.requirements.map(([k, level]) => ({ position_id: positions.get(p.code)!, competency_id: compId(comps, k), required_level: level }))));

  // Assignments: the post each one took at the reform; two moved then from another post.
  const assignments: Row[] = [];
  for (const [prefix, h] of Object.entries(HOLDERS)) {
    const id = staff.get(prefix);
    if (!id) continue;
    if (h.before) assignments.push({ account_id: id, position_id: positions.get(h.before.position)!, started_on: h.before.since, ended_on: addDays(REFORM_DAY, -1), note: h.before.note, decided_by: null, created_at: at(REFORM_DAY, 480) });
    assignments.push({ account_id: id, position_id: positions.get(h.position)!, started_on: h.since ?? REFORM_DAY, ended_on: null, note: h.before ? MOVE_NOTE : REFORM_NOTE, decided_by: prefix === 'lanhdao' ? null : leader, created_at: at(REFORM_DAY, 480) });
  }
  await bulkInsert(tx, 'position_assignments', assignments);
  n.assignments += assignments.length;

  // Levels held: an import from certificates, a self-assessment, then the leader's, before the year's classes.
  const latest = new Map<string, { level: number; at: Date }>(); // `${accountId}:${competencyId}` → the latest row
  const assessments: Row[] = [];
  const assessRow = (r: { account_id: number; competency_id: number; level: number; source: string; assessed_at: Date; assessed_by: number | null; note: string | null; evidence?: Record<string, unknown> }) => {
    assessments.push({ unit_id: unit.id, suggested_level: null, decision: null, period_from: null, period_to: null, ...r, evidence: r.evidence ?? {} });
    const k = `${r.account_id}:${r.competency_id}`;
    const cur = latest.get(k);
    if (!cur || cur.at <= r.assessed_at) latest.set(k, { level: r.level, at: r.assessed_at });
  };
  const assess = (accountId: number, key: CompetencyKey, level: number, source: string, when: Date, by: number | null, note: string | null, evidence: Record<string, unknown> = {}) =>
    assessRow({ account_id: accountId, competency_id: compId(comps, key), level, source, assessed_at: when, assessed_by: by, note, evidence });
  const held = { get: (k: string) => latest.get(k)?.level };
  // Assessed before the year's classes (placed from planNow); certificates' expiries count from today (now).
  const selfDay = day(e.planNow, 430);
  const leaderDay = day(e.planNow, 305);
  for (const [prefix, h] of Object.entries(HOLDERS)) {
    const id = staff.get(prefix);
    if (!id) continue;
    const reqs = new Map(POSITIONS.find((p) => p.code === h.position)!.requirements);
    const levels = new Map<CompetencyKey, number>(reqs);
    for (const [k, v] of Object.entries(HELD[prefix] ?? {})) levels.set(k, v);
    for (const [k, required] of levels) {
      // Outside Vĩnh Lộc a little unevenness, so the communes differ.
      const level = e.suffix === 'vinhloc' || !reqs.has(k) || HELD[prefix]?.[k] !== undefined ? required : Math.max(0, required - (rng.chance(0.22) ? 1 : 0));
      if (level === 0) continue;
      const self = SELF_HIGHER[prefix]?.[k] ?? level;
      assess(id, k, self, 'self', at(selfDay, 540 + rng.int(0, 400)), id, null);
      if (prefix !== 'lanhdao') {
        const note = self > level ? 'Đánh giá qua kết quả xử lý hồ sơ thực tế; cần bồi dưỡng thêm.' : null;
        assess(id, k, level, 'leader', at(leaderDay, 540 + rng.int(0, 400)), leader, note);
      }
    }
  }

  // Certificates brought from elsewhere.
  const certRows: Row[] = [];
  for (const c of CERTIFICATES) {
    const id = staff.get(c.prefix);
    if (!id) continue;
    const issued = typeof c.issued === 'string' ? c.issued : day(now, c.issued);
    const expires = c.expiresIn === null ? null : day(now, -c.expiresIn);
    const digits = (k: number) => Array.from({ length: k }, () => rng.int(0, 9)).join('');
    const hex = (k: number) => Array.from({ length: k }, () => '0123456789ABCDEF'[rng.int(0, 15)]).join('');
    const code = { it: `UDCNTT-${issued.slice(0, 4)}-${digits(6)}`, bdhvs: `BDHVS-${digits(10)}`, token: `5404${hex(28)}`, qlnn: `QLNN-${issued.slice(0, 4)}-${digits(5)}`, other: `CN-${issued.slice(0, 4)}-${digits(6)}` }[c.code];
    certRows.push({ account_id: id, unit_id: unit.id, kind: c.kind, name: c.name, issuer: c.issuer, issued_on: issued, expires_on: expires, verification_code: code, competency_id: c.competency ? compId(comps, c.competency) : null, level: c.level ?? null, class_id: null, created_by: admin, created_at: at(day(now, 420), 600) });
    if ((c.kind === 'it_basic' || c.kind === 'digital_skills') && c.competency) {
      // Imported before the self- and leader's assessments, which stand as the held level.
      assess(id, c.competency, c.level ?? 2, 'import', at(day(e.planNow, 440), 600), admin, c.name, { certificate: code, issuer: c.issuer });
    }
  }
  await bulkInsert(tx, 'certificates', certRows);
  n.certificates += certRows.length;

  // The year's classes, in date order; passing raises levels (never lowering one held higher).
  const classes = demoClasses(e.planNow, e.isWorking).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  let seq = 0;
  for (const c of classes) {
    seq++;
    const learners = c.attendees.flatMap((a) => (staff.has(a.prefix) ? [{ accountId: staff.get(a.prefix)!, unitId: unit.id, missed: a.missed }] : []));
    const code = `LH-${c.startsOn.slice(0, 4)}-${String(seq).padStart(2, '0')}`;
    const r = await seedClass(tx, c, { organiser: unit, code, learners, admin, rng, programme: e.programmes.get(c.programme)!, held: (a, k) => held.get(`${a}:${k}`) ?? 0 });
    for (const x of r.raised) assessRow({ account_id: x.accountId, competency_id: x.competencyId, level: x.level, source: 'training', assessed_at: x.at, assessed_by: admin, note: x.note, evidence: x.evidence });
    n.certificates += r.certificates;
    n.classes++;
  }
  // Sorted by date so that "latest" reads the same by assessed_at as by id.
  assessments.sort((a, b) => (a.assessed_at as Date).getTime() - (b.assessed_at as Date).getTime());
  await bulkInsert(tx, 'competency_assessments', assessments);
  n.assessments += assessments.length;
  return n;
}

/**
 * The other communes of the province: three positions each, held by the history's accounts (tiepnhan.x<code>,
 * chuyenvien.x<code>, lanhdao.x<code>), levels near what the posts require, and the leader's signing token
 * (some expiring, some expired), so the province's aggregates have figures. A few statements for all of them.
 */
async function seedLightCommunes(
  tx: Tx,
  communes: Array<{ id: number; code: string }>,
  now: Date,
  rng: Rng,
  comps: Map<CompetencyKey, number>,
  city: { unit: { id: number; code: string; name: string }; programme: ProgrammeRow; isWorking: (day: string) => boolean; planNow: Date },
) {
  const n = { positions: 0, assignments: 0, assessments: 0, certificates: 0, classes: 0 };
  if (!communes.length) return n;
  const usernames = communes.flatMap((c) => LIGHT_POSITIONS.map(([, prefix]) => `${prefix}.x${c.code}`));
  const accounts = new Map((await tx.selectFrom('accounts').select(['id', 'username']).where('username', 'in', usernames).execute()).map((a) => [a.username, a.id]));
  const defs = LIGHT_POSITIONS.map(([code]) => POSITIONS.find((p) => p.code === code)!);
  const posRows = await bulkInsert(
    tx,
    'job_positions',
    communes.flatMap((c) => defs.map((p) => ({ unit_id: c.id, office_id: null, code: p.code, grp: p.grp, name: p.name, description: p.description, duties: p.duties, headcount: 1, active: true, created_at: at(REFORM_DAY, 480), updated_at: at(REFORM_DAY, 480) }))),
    ['id', 'unit_id', 'code'],
  );
  n.positions = posRows.length;
  const posId = (unitId: number, code: string) => posRows.find((r) => r.unit_id === unitId && r.code === code)!.id as number;
  await bulkInsert(tx, 'position_requirements', posRows.flatMap((r) => defs.find((p) => p.code === r.code)!.requirements.map(([k, level]) => ({ position_id: r.id, competency_id: compId(comps, k), required_level: level }))));
  const assignments: Row[] = [];
  const assessments: Row[] = [];
  const certificates: Row[] = [];
  const leaderDay = day(city.planNow, 330);
  for (const c of communes) {
    const leader = accounts.get(`lanhdao.x${c.code}`) ?? null;
    for (const [code, prefix] of LIGHT_POSITIONS) {
      const id = accounts.get(`${prefix}.x${c.code}`);
      if (!id) continue;
      assignments.push({ account_id: id, position_id: posId(c.id, code), started_on: REFORM_DAY, ended_on: null, note: REFORM_NOTE, decided_by: id === leader ? null : leader, created_at: at(REFORM_DAY, 480) });
      for (const [k, required] of POSITIONS.find((p) => p.code === code)!.requirements) {
        if (!rng.chance(0.7)) continue; // not every competency assessed yet
        const level = Math.max(1, required - (rng.chance(0.3) ? 1 : 0) - (rng.chance(0.08) ? 1 : 0));
        assessments.push({ account_id: id, unit_id: c.id, competency_id: compId(comps, k), level, source: id === leader ? 'self' : 'leader', suggested_level: null, decision: null, period_from: null, period_to: null, evidence: {}, note: null, assessed_by: id === leader ? id : leader, assessed_at: at(addDays(leaderDay, rng.int(0, 40)), 540 + rng.int(0, 400)) });
      }
    }
    if (leader) {
      const expiresIn = rng.int(-40, 900);
      certificates.push({ account_id: leader, unit_id: c.id, kind: 'digital_signature', name: 'Chứng thư số cá nhân trên thiết bị USB Token (chữ ký số chuyên dùng Chính phủ)', issuer: 'Cục Chứng thực số và Bảo mật thông tin – Ban Cơ yếu Chính phủ', issued_on: day(now, 5 * 365 - expiresIn), expires_on: day(now, -expiresIn), verification_code: `5404${c.code}${Array.from({ length: 20 }, () => '0123456789ABCDEF'[rng.int(0, 15)]).join('')}`, competency_id: null, level: null, class_id: null, created_by: null, created_at: at(day(now, 300), 600) });
    }
  }
  // The city's class of basic digital skills, for the receiving officer and the specialist of most communes.
  const learners: Learner[] = [];
  for (const c of communes) {
    if (!rng.chance(0.65)) continue;
    for (const prefix of ['tiepnhan', 'chuyenvien']) {
      const id = accounts.get(`${prefix}.x${c.code}`);
      if (id) learners.push({ accountId: id, unitId: c.id, missed: rng.chance(0.06) ? [2] : [] });
    }
  }
  const held = new Map(assessments.map((a) => [`${a.account_id}:${a.competency_id}`, a.level as number]));
  let classes = 0;
  if (learners.length) {
    const plan = cityClass(city.planNow, city.isWorking);
    const r = await seedClass(tx, plan, { organiser: city.unit, code: `LH-${plan.startsOn.slice(0, 4)}-01`, learners, admin: null, rng, programme: city.programme, held: (a, k) => held.get(`${a}:${k}`) ?? 0 });
    for (const x of r.raised) assessments.push({ account_id: x.accountId, unit_id: x.unitId, competency_id: x.competencyId, level: x.level, source: 'training', suggested_level: null, decision: null, period_from: null, period_to: null, evidence: x.evidence, note: x.note, assessed_by: null, assessed_at: x.at });
    n.certificates += r.certificates;
    classes = 1;
  }
  await bulkInsert(tx, 'position_assignments', assignments);
  await bulkInsert(tx, 'competency_assessments', assessments);
  await bulkInsert(tx, 'certificates', certificates);
  return { ...n, assignments: assignments.length, assessments: assessments.length, certificates: n.certificates + certificates.length, classes };
}
