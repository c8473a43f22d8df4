// Loads N past dossiers in bulk, in SQL: helper tables, then chunks of whole days (so codes can be numbered
// per unit and day inside one statement). Secondary indexes and foreign keys are set aside during the load and
// restored (rebuilt, re-validated) before anything is measured; then VACUUM ANALYZE and a checkpoint, so no
// background work falls into a measured phase.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { addDays, toLocalDate } from '../src/modules/calendar/time.js';
import type { BenchDb } from './options.js';
import { rebuildAggregates, type AggregatesRebuild } from '../src/modules/reports/aggregates.js';
import { BENCH_PROVINCE, CREATE_PROCEDURES, CREATE_RAND, DROP_HELPERS, FOREIGN_KEYS, INSERT_CHUNK, INSERT_RATINGS, REPORT_TRIGGERS, SECONDARY_INDEXES, createDays, createUnits } from './bulk-sql.js';

export interface BulkSeedReport {
  dossiers: number;
  components: number;
  history: number;
  pauses: number;
  ratings: number;
  province: string;
  communes: number;
  /** The report tables filled from scratch (`rebuildAggregates`) after the load, which ran with their triggers off. */
  reports: AggregatesRebuild;
  days: { first: string; last: string; working: number };
  chunks: number;
  rebuiltIndexes: string[];
  revalidatedForeignKeys: string[];
  seconds: { load: number; indexesAndKeys: number; reportsRebuild: number; vacuumAnalyze: number; total: number };
}

interface Plan {
  /** Rows per chunk statement: big enough to amortise, small enough for PGlite's memory. */
  chunkRows: number;
  /** Chunk statements (and index builds) in flight at once: one per core on a server, one on PGlite. */
  parallel: number;
  maintenanceWorkMem: string;
  workMem: string;
}

const PLANS: Record<BenchDb, Plan> = {
  postgres: { chunkRows: 50_000, parallel: 2, maintenanceWorkMem: '512MB', workMem: '128MB' },
  pglite: { chunkRows: 10_000, parallel: 1, maintenanceWorkMem: '64MB', workMem: '32MB' },
};

const seconds = (from: number) => Math.round((performance.now() - from) / 100) / 10;

export async function bulkSeed(db: Kysely<DB>, kind: BenchDb, n: number, communes: number, now: Date, log: (line: string) => void): Promise<BulkSeedReport> {
  const plan = PLANS[kind];
  const t0 = performance.now();
  const workflow = await db.selectFrom('workflows').select('id').where('procedure_id', 'is', null).where('unit_id', 'is', null).where('active', '=', true).executeTakeFirstOrThrow();
  // Past days only: today's codes belong to the counter, which the real intakes and the benchmark use.
  const last = addDays(toLocalDate(now), -1);
  const first = addDays(last, -3651);
  await sql.raw(DROP_HELPERS).execute(db);
  for (const text of [CREATE_RAND, createUnits(communes), CREATE_PROCEDURES, createDays(first, last, n)]) await sql.raw(text).execute(db);
  const units = await sql<{ n: number }>`select count(*)::int as n from bench_units`.execute(db);
  if (units.rows[0]!.n < communes) throw new Error(`no province with ${communes} communes: was the demo seeded?`);
  const province = (await sql.raw<{ code: string }>(BENCH_PROVINCE).execute(db)).rows[0]!.code;

  const days = (await sql<{ k: number; rows: number }>`select k, (next_i - first_i)::int as rows from bench_days order by k`.execute(db)).rows;
  const chunks = chunkDays(days, plan.chunkRows);

  const indexes = (await sql.raw<{ name: string; definition: string }>(SECONDARY_INDEXES).execute(db)).rows;
  const keys = (await sql.raw<{ table: string; name: string; definition: string }>(FOREIGN_KEYS).execute(db)).rows;
  for (const fk of keys) await sql`alter table ${sql.id(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(db);
  for (const ix of indexes) await sql`drop index ${sql.id(ix.name)}`.execute(db);
  // One fact per dossier at commit would make the load a row-by-row affair: the report tables are rebuilt after.
  const triggers = (await sql.raw<{ table: string; name: string }>(REPORT_TRIGGERS).execute(db)).rows;
  for (const tr of triggers) await sql`alter table ${sql.id(tr.table)} disable trigger ${sql.id(tr.name)}`.execute(db);

  const totals = { dossiers: 0, components: 0, history: 0, pauses: 0 };
  const tLoad = performance.now();
  let done = 0;
  let reported = 0;
  await inParallel(chunks, plan.parallel, async ([k0, k1, rows]) => {
    const row = await db.transaction().execute(async (tx) => {
      // The planner's row estimates for the chunk are far too high, which turns on JIT compilation: it cost
      // two thirds of each chunk's time. The sorts fit in memory with a larger work_mem.
      await sql.raw(`set local jit = off; set local work_mem = '${plan.workMem}'`).execute(tx);
      return (await tx.executeQuery<typeof totals>(CompiledQuery.raw(INSERT_CHUNK, [k0, k1, workflow.id, now, last]))).rows[0]!;
    });
    totals.dossiers += row.dossiers;
    totals.components += row.components;
    totals.history += row.history;
    totals.pauses += row.pauses;
    done += rows;
    if (done - reported >= n / 10 || done === n) {
      reported = done;
      log(`  ${done.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} dossiers (${seconds(tLoad)} s)`);
    }
  });
  const load = seconds(tLoad);
  if (totals.dossiers !== n) throw new Error(`bulk load wrote ${totals.dossiers} dossiers, expected ${n}`);

  const tIndexes = performance.now();
  await inParallel(indexes, plan.parallel, (ix) =>
    db.connection().execute(async (conn) => {
      await sql.raw(`set maintenance_work_mem = '${plan.maintenanceWorkMem}'`).execute(conn);
      await sql.raw(ix.definition).execute(conn);
      await sql.raw('reset maintenance_work_mem').execute(conn); // the connection goes back to the app's pool
    }),
  );
  // One at a time: adding a foreign key locks the referenced table against a concurrent one.
  for (const fk of keys) await sql`alter table ${sql.id(fk.table)} add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(db);
  const indexSeconds = seconds(tIndexes);
  log(`  rebuilt ${indexes.length} indexes, re-validated ${keys.length} foreign keys (${indexSeconds} s)`);

  const ratings = Number((await sql.raw(INSERT_RATINGS).execute(db)).numAffectedRows ?? 0);
  for (const tr of triggers) await sql`alter table ${sql.id(tr.table)} enable trigger ${sql.id(tr.name)}`.execute(db);
  await sql.raw(DROP_HELPERS).execute(db);
  await sql`analyze dossiers, dossier_history, ratings`.execute(db);
  const tReports = performance.now();
  const reports = await rebuildAggregates(db, { workMem: plan.maintenanceWorkMem });
  const reportsRebuild = seconds(tReports);
  log(`  ${ratings.toLocaleString('en-US')} ratings; report tables rebuilt: ${reports.facts.toLocaleString('en-US')} facts (${reports.seconds.facts.toFixed(1)} s), ` +
      `${reports.daily.toLocaleString('en-US')} day rows (${reports.seconds.daily.toFixed(1)} s), ${reports.dailyUnit.toLocaleString('en-US')} unit-day rows (${reports.seconds.dailyUnit.toFixed(1)} s)`);

  const tVacuum = performance.now();
  // Without this, autovacuum would wake up on the new rows in the middle of a measured phase.
  await sql`vacuum (analyze) dossiers, dossier_components, dossier_history, dossier_pauses, dossier_code_counters, ratings, report_facts, report_daily, report_daily_unit`.execute(db);
  await sql`checkpoint`.execute(db);
  const vacuumAnalyze = seconds(tVacuum);
  log(`  vacuum analyze + checkpoint (${vacuumAnalyze} s)`);

  return {
    ...totals,
    ratings,
    province,
    communes: units.rows[0]!.n,
    reports,
    days: { first, last, working: days.length },
    chunks: chunks.length,
    rebuiltIndexes: indexes.map((i) => i.name),
    revalidatedForeignKeys: keys.map((k) => `${k.table}.${k.name}`),
    seconds: { load, indexesAndKeys: indexSeconds, reportsRebuild, vacuumAnalyze, total: seconds(t0) },
  };
}

/** Groups consecutive days into [firstK, lastK, rows] chunks of about `target` rows; a day is never split. */
export function chunkDays(days: ReadonlyArray<{ k: number; rows: number }>, target: number): Array<[number, number, number]> {
  const chunks: Array<[number, number, number]> = [];
  let start: number | undefined;
  let rows = 0;
  for (const d of days) {
    start ??= d.k;
    rows += d.rows;
    if (rows >= target) {
      chunks.push([start, d.k, rows]);
      start = undefined;
      rows = 0;
    }
  }
  if (start !== undefined) chunks.push([start, days.at(-1)!.k, rows]);
  return chunks;
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}
