// SQL of practice mode: scenarios with the asking official's results, attempts with their scenario, official
// and practice dossier, and what the official did on that dossier (its history).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Expected, GuidanceStep, Planted, PracticeDecision, ScenarioDossier } from './domain.js';
import type { ScenarioSpec } from './scenarios.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A stored scenario: its spec as written in scenarios.ts, with its id and its procedure's current name and field. */
export interface ScenarioRow extends ScenarioSpec {
  id: number;
  procedureId: number;
  procedureName: string;
  field: string;
}

/** Active scenarios (or one), with their procedure's current name and field. */
export async function findScenarios(db: Db, id?: number, withInactive = false): Promise<ScenarioRow[]> {
  const rows = await sql<{
    id: number; code: string; procedure_id: number; procedure_code: string; procedure_name: string; field: string;
    title_vi: string; title_en: string; brief_vi: string; brief_en: string; level: number; dossier: ScenarioDossier;
    planted: Planted[]; expected: Expected; guidance: GuidanceStep[]; time_target_minutes: number;
  }>`
    select s.id, s.code, s.procedure_id, p.code as procedure_code, v.name as procedure_name, v.field,
           s.title_vi, s.title_en, s.brief_vi, s.brief_en, s.level, s.dossier, s.planted, s.expected, s.guidance,
           s.time_target_minutes
    from practice_scenarios s
    join procedures p on p.id = s.procedure_id
    join lateral (select name, field from procedure_versions pv where pv.procedure_id = s.procedure_id
                  order by pv.effective_from desc, pv.version desc limit 1) v on true
    where ${withInactive ? sql`true` : sql`s.active`} ${id === undefined ? sql`` : sql`and s.id = ${id}`}
    order by p.code, s.level, s.code`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    code: r.code,
    procedureId: r.procedure_id,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    field: r.field,
    titleVi: r.title_vi,
    titleEn: r.title_en,
    briefVi: r.brief_vi,
    briefEn: r.brief_en,
    level: r.level,
    dossier: r.dossier,
    planted: r.planted,
    expected: r.expected,
    guidance: r.guidance,
    timeTargetMinutes: r.time_target_minutes,
  }));
}

/** Per scenario, the official's attempts: how many, the best finished score, the open one if any. */
export async function attemptStats(db: Db, accountId: number): Promise<Map<number, { attempts: number; best: number | null; openAttemptId: number | null }>> {
  const rows = await sql<{ scenario_id: number; attempts: number; best: string | number | null; open_id: string | number | null }>`
    select scenario_id, count(*)::int as attempts, max(score) as best,
           max(id) filter (where finished_at is null) as open_id
    from practice_attempts where account_id = ${accountId}
    group by scenario_id`.execute(db);
  return new Map(
    rows.rows.map((r) => [r.scenario_id, { attempts: r.attempts, best: r.best === null ? null : Number(r.best), openAttemptId: r.open_id === null ? null : Number(r.open_id) }]),
  );
}

export interface AttemptRow {
  id: number;
  scenarioId: number;
  accountId: number;
  fullName: string;
  unitId: number;
  dossierId: number | null;
  dossierCode: string | null;
  dossierStatus: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  answers: Record<string, unknown>;
  decision: string | null;
  score: number | null;
  breakdown: unknown[] | null;
}

export interface AttemptFilter {
  id?: number;
  accountId?: number;
  unitId?: number;
  dossierId?: number;
  forUpdate?: boolean;
}

export async function findAttempts(db: Db, f: AttemptFilter): Promise<AttemptRow[]> {
  let q = db
    .selectFrom('practice_attempts as a')
    .innerJoin('accounts as o', 'o.id', 'a.account_id')
    .leftJoin('dossiers as d', 'd.id', 'a.dossier_id')
    .select([
      'a.id', 'a.scenario_id', 'a.account_id', 'o.full_name', 'a.unit_id', 'a.dossier_id', 'd.code as dossier_code', 'd.status as dossier_status',
      'a.started_at', 'a.finished_at', 'a.answers', 'a.decision', 'a.score', 'a.breakdown',
    ]);
  if (f.id !== undefined) q = q.where('a.id', '=', f.id);
  if (f.accountId !== undefined) q = q.where('a.account_id', '=', f.accountId);
  if (f.unitId !== undefined) q = q.where('a.unit_id', '=', f.unitId);
  if (f.dossierId !== undefined) q = q.where('a.dossier_id', '=', f.dossierId);
  const rows = await (f.forUpdate ? q.forUpdate('a') : q).orderBy('a.started_at', 'desc').orderBy('a.id', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    scenarioId: r.scenario_id,
    accountId: r.account_id,
    fullName: r.full_name,
    unitId: r.unit_id,
    dossierId: r.dossier_id === null ? null : Number(r.dossier_id),
    dossierCode: r.dossier_code,
    dossierStatus: r.dossier_status,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    answers: (r.answers ?? {}) as Record<string, unknown>,
    decision: r.decision,
    score: r.score === null ? null : Number(r.score),
    breakdown: (r.breakdown as unknown[] | null) ?? null,
  }));
}

/** The first intake decision the official took on the practice dossier, with the components a supplement listed. */
export async function observedDecision(db: Db, dossierId: number, accountId: number): Promise<{ decision: PracticeDecision | null; listedMissing: string[]; decidedAt: Date | null }> {
  const row = await db
    .selectFrom('dossier_history')
    .select(['action', 'at', 'details'])
    .where('dossier_id', '=', dossierId)
    .where('actor_id', '=', accountId)
    .where('action', 'in', ['receive', 'request_supplement', 'refuse'])
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { decision: null, listedMissing: [], decidedAt: null };
  const missing = ((row.details as { missing?: Array<{ componentKey?: string | null }> } | null)?.missing ?? []).flatMap((m) => (m.componentKey ? [m.componentKey] : []));
  return { decision: row.action as PracticeDecision, listedMissing: missing, decidedAt: new Date(row.at) };
}

export async function dossierComponents(db: Db, dossierId: number): Promise<Array<{ key: string; name: string; originals: number; required: boolean; provided: boolean }>> {
  const rows = await db
    .selectFrom('dossier_components')
    .select(['component_key', 'name', 'originals', 'required', 'provided'])
    .where('dossier_id', '=', dossierId)
    .execute();
  // Catalogue order: keys are c1-…, c2-…
  const n = (k: string) => Number(/^c(\d+)/.exec(k)?.[1] ?? 0);
  return rows.sort((a, b) => n(a.component_key) - n(b.component_key)).map((r) => ({ key: r.component_key, name: r.name, originals: r.originals, required: r.required, provided: r.provided }));
}
