// The SQL of positions, profiles and certificates: competencies, positions with their frameworks and holders,
// assignments, assessments, certificates, training hours and practice attempts. Reads only; writes are in
// service.ts inside their transactions.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { CompetencyKind, LevelText, PositionGroup } from '../../../db/schema-capacity.js';
import type { Msg } from '../../../errors.js';
import { isoVn } from '../../../http/time.js';
import type { LocalDate } from '../../calendar/time.js';
import { LEVELS } from '../levels.js';
import { certificateStatus, type CertificateStatus } from './domain.js';

export type Db = Kysely<DB> | Transaction<DB>;

export interface Competency {
  id: number;
  code: string;
  kind: CompetencyKind;
  field: string | null;
  name: Msg;
  levels: Array<{ level: number; vi: string; en: string }>;
  national: boolean;
  /** Not in the API: the order within a kind. */
  sort: number;
}

type CompetencyRow = { id: number; unit_id: number | null; code: string; kind: CompetencyKind; field: string | null; name_vi: string; name_en: string; levels: LevelText[]; sort: number };

export function competencyView(r: CompetencyRow): Competency {
  const own = Array.isArray(r.levels) && r.levels.length ? r.levels : null;
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    field: r.field,
    name: { vi: r.name_vi, en: r.name_en },
    levels: own ? [{ ...LEVELS[0] }, ...own.map((l) => ({ level: l.level, vi: l.vi, en: l.en }))] : LEVELS.map((l) => ({ ...l })),
    national: r.unit_id === null,
    sort: r.sort,
  };
}

export const publicCompetency = ({ sort: _sort, ...c }: Competency) => c;

/** The national competencies and the units' own, active ones, in display order. */
export async function competenciesFor(db: Db, unitIds: number[]): Promise<Competency[]> {
  const rows = await db
    .selectFrom('competencies')
    .select(['id', 'unit_id', 'code', 'kind', 'field', 'name_vi', 'name_en', 'levels', 'sort'])
    .where('active', '=', true)
    .where((eb) => (unitIds.length ? eb.or([eb('unit_id', 'is', null), eb('unit_id', 'in', unitIds)]) : eb('unit_id', 'is', null)))
    .orderBy(sql`case kind when 'field' then 0 when 'digital' then 1 when 'communication' then 2 else 3 end`)
    .orderBy('sort')
    .orderBy('code')
    .orderBy('id')
    .execute();
  return rows.map(competencyView);
}

/** Competencies by id, whichever unit they belong to (for rows that already point at them). */
export async function competenciesById(db: Db, ids: number[]): Promise<Map<number, Competency>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('competencies').select(['id', 'unit_id', 'code', 'kind', 'field', 'name_vi', 'name_en', 'levels', 'sort']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, competencyView(r)]));
}

// ---- positions ---------------------------------------------------------------------------------------------

export interface Position {
  id: number;
  code: string;
  grp: PositionGroup;
  name: string;
  description: string;
  duties: string[];
  headcount: number;
  office: { id: number; name: string } | null;
  active: boolean;
  requirements: Array<{ competencyId: number; code: string; name: Msg; kind: CompetencyKind; field: string | null; requiredLevel: number }>;
  holders: Array<{ accountId: number; fullName: string; since: LocalDate }>;
  /** Not in the API. */
  unitId: number;
}

export const publicPosition = ({ unitId: _u, ...p }: Position) => p;

/** Positions of the units (or the given ids), with their frameworks and current holders. */
export async function positionsOf(db: Db, where: { unitIds?: number[]; ids?: number[] }): Promise<Position[]> {
  let q = db
    .selectFrom('job_positions as p')
    .leftJoin('offices as o', 'o.id', 'p.office_id')
    .select(['p.id', 'p.unit_id', 'p.code', 'p.grp', 'p.name', 'p.description', 'p.duties', 'p.headcount', 'p.active', 'p.office_id', 'o.name as office_name']);
  if (where.unitIds) q = q.where('p.unit_id', 'in', where.unitIds.length ? where.unitIds : [0]);
  if (where.ids) q = q.where('p.id', 'in', where.ids.length ? where.ids : [0]);
  const rows = await q.orderBy(sql`case p.grp when 'leadership' then 0 when 'professional' then 1 else 2 end`).orderBy('p.code').execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const reqs = await db
    .selectFrom('position_requirements as r')
    .innerJoin('competencies as c', 'c.id', 'r.competency_id')
    .select(['r.position_id', 'r.competency_id', 'r.required_level', 'c.code', 'c.kind', 'c.field', 'c.name_vi', 'c.name_en', 'c.sort'])
    .where('r.position_id', 'in', ids)
    .orderBy(sql`case c.kind when 'field' then 0 when 'digital' then 1 when 'communication' then 2 else 3 end`)
    .orderBy('c.sort')
    .orderBy('c.code')
    .execute();
  const holders = await db
    .selectFrom('position_assignments as pa')
    .innerJoin('accounts as a', 'a.id', 'pa.account_id')
    .select(['pa.position_id', 'pa.account_id', 'a.full_name', 'pa.started_on'])
    .where('pa.position_id', 'in', ids)
    .where('pa.ended_on', 'is', null)
    .orderBy('a.full_name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    grp: r.grp,
    name: r.name,
    description: r.description,
    duties: Array.isArray(r.duties) ? r.duties : [],
    headcount: r.headcount,
    office: r.office_id ? { id: r.office_id, name: r.office_name! } : null,
    active: r.active,
    requirements: reqs
      .filter((q) => q.position_id === r.id)
      .map((q) => ({ competencyId: q.competency_id, code: q.code, name: { vi: q.name_vi, en: q.name_en }, kind: q.kind, field: q.field, requiredLevel: q.required_level })),
    holders: holders.filter((h) => h.position_id === r.id).map((h) => ({ accountId: h.account_id, fullName: h.full_name, since: h.started_on })),
    unitId: r.unit_id,
  }));
}

export async function assignmentsOf(db: Db, accountId: number) {
  const rows = await db
    .selectFrom('position_assignments as pa')
    .innerJoin('job_positions as p', 'p.id', 'pa.position_id')
    .leftJoin('accounts as d', 'd.id', 'pa.decided_by')
    .select(['pa.id', 'p.id as position_id', 'p.code', 'p.name', 'pa.started_on', 'pa.ended_on', 'pa.note', 'd.full_name as decided_by'])
    .where('pa.account_id', '=', accountId)
    .orderBy('pa.started_on', 'desc')
    .orderBy('pa.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: { id: r.position_id, code: r.code, name: r.name },
    startedOn: r.started_on,
    endedOn: r.ended_on,
    note: r.note,
    decidedBy: r.decided_by,
  }));
}

// ---- assessments -------------------------------------------------------------------------------------------

export interface AssessmentEntry {
  competencyId: number;
  level: number;
  source: string;
  suggestedLevel: number | null;
  decision: string | null;
  note: string | null;
  assessedAt: string;
  by: string | null;
  evidence: Record<string, unknown>;
}

/** Every assessment of an official, newest first. */
export async function assessmentsOf(db: Db, accountId: number): Promise<AssessmentEntry[]> {
  const rows = await db
    .selectFrom('competency_assessments as s')
    .leftJoin('accounts as b', 'b.id', 's.assessed_by')
    .select(['s.competency_id', 's.level', 's.source', 's.suggested_level', 's.decision', 's.note', 's.assessed_at', 's.evidence', 'b.full_name as by'])
    .where('s.account_id', '=', accountId)
    .orderBy('s.assessed_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => ({
    competencyId: r.competency_id,
    level: r.level,
    source: r.source,
    suggestedLevel: r.suggested_level,
    decision: r.decision,
    note: r.note,
    assessedAt: isoVn(new Date(r.assessed_at)),
    by: r.by,
    evidence: (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence) ?? {},
  }));
}

// ---- certificates ------------------------------------------------------------------------------------------

export interface Certificate {
  id: number;
  kind: string;
  name: string;
  issuer: string;
  issuedOn: LocalDate;
  expiresOn: LocalDate | null;
  verificationCode: string | null;
  competency: { id: number; name: Msg } | null;
  level: number | null;
  classId: number | null;
  status: CertificateStatus;
  daysLeft: number | null;
}

export interface CertificateRow extends Certificate {
  accountId: number;
  unitId: number;
  fullName: string;
}

export const publicCertificate = ({ accountId: _a, unitId: _u, fullName: _f, ...c }: CertificateRow): Certificate => c;

function certificatesQuery(db: Db) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('competencies as k', 'k.id', 'c.competency_id')
    .select([
      'c.id',
      'c.account_id',
      'c.unit_id',
      'a.full_name',
      'c.kind',
      'c.name',
      'c.issuer',
      'c.issued_on',
      'c.expires_on',
      'c.verification_code',
      'c.competency_id',
      'k.name_vi',
      'k.name_en',
      'c.level',
      'c.class_id',
      'c.revoked_at',
    ]);
}

type CertSelect = Awaited<ReturnType<ReturnType<typeof certificatesQuery>['execute']>>[number];

function certificateView(r: CertSelect, today: LocalDate): CertificateRow {
  const { status, daysLeft } = certificateStatus({ expiresOn: r.expires_on, revoked: r.revoked_at !== null }, today);
  return {
    id: Number(r.id),
    accountId: r.account_id,
    unitId: r.unit_id,
    fullName: r.full_name,
    kind: r.kind,
    name: r.name,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    verificationCode: r.verification_code,
    competency: r.competency_id ? { id: r.competency_id, name: { vi: r.name_vi!, en: r.name_en! } } : null,
    level: r.level,
    classId: r.class_id,
    status,
    daysLeft,
  };
}

export async function certificatesOfAccount(db: Db, accountId: number, today: LocalDate): Promise<CertificateRow[]> {
  const rows = await certificatesQuery(db).where('c.account_id', '=', accountId).orderBy('c.issued_on', 'desc').orderBy('c.id', 'desc').execute();
  return rows.map((r) => certificateView(r, today));
}

export async function findCertificate(db: Db, id: number, today: LocalDate): Promise<CertificateRow | undefined> {
  const r = await certificatesQuery(db).where('c.id', '=', id).executeTakeFirst();
  return r ? certificateView(r, today) : undefined;
}

/**
 * The units' certificates that are not revoked and expire by `until` (expired ones included), of active
 * accounts, oldest expiry first.
 */
export async function certificatesExpiringBy(db: Db, unitIds: number[], until: LocalDate, today: LocalDate): Promise<CertificateRow[]> {
  if (!unitIds.length) return [];
  const rows = await certificatesQuery(db)
    .where('c.unit_id', 'in', unitIds)
    .where('c.revoked_at', 'is', null)
    .where('c.expires_on', 'is not', null)
    .where('c.expires_on', '<=', until)
    .where('a.active', '=', true)
    .orderBy('c.expires_on')
    .orderBy('a.full_name')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => certificateView(r, today));
}

/** Every certificate of the accounts (for telling renewed ones apart). */
export async function certificatesOfAccounts(db: Db, accountIds: number[], today: LocalDate): Promise<CertificateRow[]> {
  if (!accountIds.length) return [];
  const rows = await certificatesQuery(db).where('c.account_id', 'in', [...new Set(accountIds)]).execute();
  return rows.map((r) => certificateView(r, today));
}

// ---- training and practice ---------------------------------------------------------------------------------

/** Hours of attended class sessions per year, and the classes the official was enrolled in. */
export async function trainingOf(db: Db, accountId: number) {
  const byYear = await sql<{ year: number; hours: number }>`
    select extract(year from s.held_on)::int as year, sum(s.hours)::float8 as hours
    from attendance t
    join class_sessions s on s.id = t.session_id
    join enrolments e on e.class_id = s.class_id and e.account_id = t.account_id and e.status <> 'withdrawn'
    where t.account_id = ${accountId} and t.present
    group by 1 order by 1 desc`.execute(db);
  const classes = await sql<{ class_id: number; name: string; starts_on: string; ends_on: string; status: string; hours: number }>`
    select c.id as class_id, c.name, c.starts_on, c.ends_on, e.status,
           coalesce((select sum(s.hours) from class_sessions s
                     join attendance t on t.session_id = s.id and t.account_id = e.account_id and t.present
                     where s.class_id = c.id), 0)::float8 as hours
    from enrolments e
    join training_classes c on c.id = e.class_id
    where e.account_id = ${accountId}
    order by c.starts_on desc, c.id desc`.execute(db);
  return {
    hoursByYear: byYear.rows.map((r) => ({ year: Number(r.year), hours: Number(r.hours) })),
    classes: classes.rows.map((r) => ({ classId: r.class_id, name: r.name, startsOn: String(r.starts_on).slice(0, 10), endsOn: String(r.ends_on).slice(0, 10), hours: Number(r.hours), status: r.status })),
  };
}

/** The official's finished practice attempts, newest first. */
export async function practiceOf(db: Db, accountId: number) {
  const rows = await db
    .selectFrom('practice_attempts as p')
    .innerJoin('practice_scenarios as s', 's.id', 'p.scenario_id')
    .select(['p.id', 's.title_vi', 's.title_en', 'p.score', 'p.finished_at'])
    .where('p.account_id', '=', accountId)
    .where('p.finished_at', 'is not', null)
    .orderBy('p.finished_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({ attemptId: Number(r.id), scenario: { vi: r.title_vi, en: r.title_en }, score: r.score === null ? null : Number(r.score), finishedAt: isoVn(r.finished_at ? new Date(r.finished_at) : null) }));
}
