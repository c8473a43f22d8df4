// SQL for the service index: the counts of many units at once, each query grouped by unit, so that a province's
// ranking costs the same handful of queries as one commune's index. Reads the counts (report_daily_unit, and
// report_rows() over report_monthly and report_daily) and the catalogue in force.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { periodBounds } from '../period.js';
import { catalogueFee, isContentFull, type CatalogueRecord } from './domain.js';

const ids = (unitIds: readonly number[]) => sql.join(unitIds.map((id) => sql`${id}::int`));

export interface UnitDossierCounts {
  received: number;
  receivedOnline: number;
  receivedOnTime: number;
  feeBearing: number;
  paidOnline: number;
  eResult: number;
  digitised: number;
  reused: number;
  populationUsed: number;
  synced: number;
  rated: number;
  satisfied: number;
}

/** Sums of report_daily_unit per unit over the local days from..to: the received cohort's flags, and ratings given. */
export async function dailyUnitCounts(db: Kysely<DB>, unitIds: readonly number[], from: string, to: string): Promise<Map<number, UnitDossierCounts>> {
  const out = new Map<number, UnitDossierCounts>();
  if (unitIds.length === 0) return out;
  const { rows } = await sql<Record<string, string | number>>`
    select unit_id,
           sum(received) as received, sum(received_online) as received_online, sum(received_on_time) as received_on_time,
           sum(fee_bearing) as fee_bearing, sum(paid_online) as paid_online, sum(e_result) as e_result,
           sum(digitised) as digitised, sum(reused) as reused, sum(population_used) as population_used,
           sum(synced) as synced, sum(rated) as rated, sum(satisfied) as satisfied
      from report_daily_unit
     where unit_id in (${ids(unitIds)}) and day between ${from}::date and ${to}::date
     group by unit_id`.execute(db);
  for (const r of rows) {
    const n = (k: string) => Number(r[k] ?? 0);
    out.set(Number(r.unit_id), {
      received: n('received'),
      receivedOnline: n('received_online'),
      receivedOnTime: n('received_on_time'),
      feeBearing: n('fee_bearing'),
      paidOnline: n('paid_online'),
      eResult: n('e_result'),
      digitised: n('digitised'),
      reused: n('reused'),
      populationUsed: n('population_used'),
      synced: n('synced'),
      rated: n('rated'),
      satisfied: n('satisfied'),
    });
  }
  return out;
}

/**
 * Two figures of the cohort received in the period, per unit: those later refused or withdrawn, and those whose
 * electronic result the national portal holds (report_daily_unit, by the day received).
 */
export async function cohortFacts(
  db: Kysely<DB>,
  unitIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, { ended: number; eResultSynced: number }>> {
  const out = new Map<number, { ended: number; eResultSynced: number }>();
  if (unitIds.length === 0) return out;
  const { rows } = await sql<{ unit_id: number; ended: string; e_result_synced: string }>`
    select unit_id, sum(received_ended) as ended, sum(e_result_synced) as e_result_synced
      from report_daily_unit
     where unit_id in (${ids(unitIds)}) and day between ${from}::date and ${to}::date
     group by unit_id`.execute(db);
  for (const r of rows) out.set(Number(r.unit_id), { ended: Number(r.ended), eResultSynced: Number(r.e_result_synced) });
  return out;
}

export interface ProcedureUse {
  unitId: number;
  procedureId: number;
  field: string;
  received: number;
  receivedOnline: number;
  paidOnline: number;
  populationUsed: number;
  eResult: number;
}

/** Per unit, procedure and field: the dossiers received in the period (report_rows: months, and days at the ends). */
export async function procedureUse(db: Kysely<DB>, unitIds: readonly number[], from: string, to: string): Promise<ProcedureUse[]> {
  if (unitIds.length === 0) return [];
  const { rows } = await sql<Record<string, string | number>>`
    select unit_id, procedure_id, field,
           sum(received) as received,
           coalesce(sum(received) filter (where channel = 'online'), 0) as received_online,
           sum(paid_online) as paid_online, sum(population_used) as population_used, sum(e_result) as e_result
      from report_rows(${[...unitIds]}::int[], ${from}::date, ${to}::date)
     where received > 0
     group by unit_id, procedure_id, field`.execute(db);
  return rows.map((r) => ({
    unitId: Number(r.unit_id),
    procedureId: Number(r.procedure_id),
    field: String(r.field),
    received: Number(r.received),
    receivedOnline: Number(r.received_online),
    paidOnline: Number(r.paid_online),
    populationUsed: Number(r.population_used),
    eResult: Number(r.e_result),
  }));
}

export interface CatalogueProcedure {
  procedureId: number;
  online: boolean;
  contentFull: boolean;
  catalogueFee: boolean;
}

export interface CatalogueState {
  /** Procedures in force at the end of the period. */
  procedures: CatalogueProcedure[];
  /** Versions that took effect in the period: new procedures (version 1) and changes, and how many were on time. */
  newVersions: number;
  newVersionsOnTime: number;
  changedVersions: number;
  changedVersionsOnTime: number;
  /** Procedures a unit charges for by its own active fee lines (unit id → procedure ids). */
  unitFeeProcedures: Map<number, Set<number>>;
  /** Units with a beneficiary account at the payment platform. */
  payableUnits: Set<number>;
}

/** The catalogue as the index reads it (a few hundred versions), for the given units' fee lines and accounts. */
export async function catalogueState(db: Kysely<DB>, unitIds: readonly number[], from: string, to: string): Promise<CatalogueState> {
  const { start, end } = periodBounds(from, to);
  const at = new Date(end.getTime() - 1);
  const inForce = await db
    .selectFrom('procedure_versions')
    .select(['procedure_id', 'version', 'online_level', 'channels', 'components', 'legal_basis'])
    .where('effective_from', '<=', at)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at)]))
    .orderBy('procedure_id')
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .execute();
  const seen = new Set<number>();
  const procedures: CatalogueProcedure[] = [];
  for (const v of inForce) {
    if (seen.has(v.procedure_id)) continue;
    seen.add(v.procedure_id);
    const record: CatalogueRecord = {
      channels: v.channels as CatalogueRecord['channels'],
      components: v.components as unknown[],
      legalBasis: v.legal_basis as unknown[],
    };
    procedures.push({ procedureId: v.procedure_id, online: v.online_level !== 'none', contentFull: isContentFull(record), catalogueFee: catalogueFee(record) });
  }
  const { rows: timing } = await sql<{ is_new: boolean; n: string; on_time: string }>`
    select version = 1 as is_new, count(*) as n,
           count(*) filter (where motcua_local_day(created_at) <= motcua_local_day(effective_from)) as on_time
      from procedure_versions
     where effective_from >= ${start} and effective_from < ${end}
     group by version = 1`.execute(db);
  const newRow = timing.find((r) => r.is_new);
  const changedRow = timing.find((r) => !r.is_new);
  const unitFeeProcedures = new Map<number, Set<number>>();
  const payableUnits = new Set<number>();
  if (unitIds.length > 0) {
    const lines = await db
      .selectFrom('procedure_fee_lines')
      .select(['unit_id', 'procedure_id'])
      .distinct()
      .where('unit_id', 'in', [...unitIds])
      .where('active', '=', true)
      .where('amount', '>', 0)
      .execute();
    for (const l of lines) {
      const set = unitFeeProcedures.get(l.unit_id) ?? new Set<number>();
      set.add(l.procedure_id);
      unitFeeProcedures.set(l.unit_id, set);
    }
    const accounts = await db.selectFrom('payment_accounts').select('unit_id').where('unit_id', 'in', [...unitIds]).execute();
    for (const a of accounts) payableUnits.add(a.unit_id);
  }
  return {
    procedures,
    newVersions: Number(newRow?.n ?? 0),
    newVersionsOnTime: Number(newRow?.on_time ?? 0),
    changedVersions: Number(changedRow?.n ?? 0),
    changedVersionsOnTime: Number(changedRow?.on_time ?? 0),
    unitFeeProcedures,
    payableUnits,
  };
}
