// Proof and repair of the reporting tables that 010_reports.sql keeps by triggers: `verifyAggregates` recounts
// the facts from the view and the day-by-day counts from the facts, set-based and from scratch, and compares;
// `rebuildAggregates` replaces all three tables with that recount (`motcua reports verify | rebuild`).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The counts of the three count tables, in their column order. */
export const DAILY_COUNTS = [
  'received', 'received_online', 'received_on_time', 'received_ended', 'fee_bearing', 'paid_online', 'e_result',
  'e_result_synced', 'digitised', 'reused', 'population_used', 'synced', 'resolved_early', 'resolved_on_time',
  'resolved_late', 'result_refused', 'refused', 'withdrawn', 'returned', 'rated', 'satisfied',
] as const;
export type DailyCount = (typeof DAILY_COUNTS)[number];

const DETAIL_KEYS = ['unit_id', 'day', 'field', 'procedure_id', 'channel', 'official_id'] as const;
const MONTH_KEYS = ['unit_id', 'month', 'field', 'procedure_id', 'channel', 'official_id'] as const;
const UNIT_KEYS = ['unit_id', 'day'] as const;

export interface DailyLevel {
  table: 'report_daily' | 'report_monthly' | 'report_daily_unit';
  keys: readonly string[];
  /** Keys computed from a contribution's columns rather than copied (the month of its day). */
  keyExpressions?: Readonly<Record<string, string>>;
  counts: readonly DailyCount[];
}

export const DAILY_LEVELS: readonly DailyLevel[] = [
  { table: 'report_daily', keys: DETAIL_KEYS, counts: DAILY_COUNTS },
  { table: 'report_monthly', keys: MONTH_KEYS, keyExpressions: { month: "date_trunc('month', day::timestamp)::date" }, counts: DAILY_COUNTS },
  { table: 'report_daily_unit', keys: UNIT_KEYS, counts: DAILY_COUNTS },
];

// What one fact adds on each of its four days; the same rules as report_contribute() in 010_reports.sql, written
// again as set-based SQL so that the recount does not share code with the triggers it checks. Columns not listed
// on a day are 0 there.
const ONE = '1';
const CONTRIBUTIONS: ReadonlyArray<{ day: string; when: string; counts: Partial<Record<DailyCount, string>> }> = [
  {
    day: 'received_at',
    when: 'received_at is not null',
    counts: {
      received: ONE,
      received_online: `(channel = 'online')::int`,
      received_on_time: `coalesce(outcome in ('early', 'on_time'), false)::int`,
      received_ended: `coalesce(outcome in ('refused', 'withdrawn'), false)::int`,
      fee_bearing: 'fee_bearing::int',
      paid_online: 'paid_online::int',
      e_result: 'e_result::int',
      e_result_synced: '(e_result and synced)::int',
      digitised: 'digitised::int',
      reused: 'reused::int',
      population_used: 'population_used::int',
      synced: 'synced::int',
    },
  },
  {
    day: 'done_at',
    when: 'done_at is not null and outcome is not null',
    counts: {
      resolved_early: `(outcome = 'early')::int`,
      resolved_on_time: `(outcome = 'on_time')::int`,
      resolved_late: `(outcome = 'late')::int`,
      result_refused: 'result_refused::int',
      refused: `(outcome = 'refused')::int`,
      withdrawn: `(outcome = 'withdrawn')::int`,
    },
  },
  { day: 'returned_at', when: 'returned_at is not null', counts: { returned: ONE } },
  { day: 'rated_at', when: 'rated_at is not null', counts: { rated: ONE, satisfied: 'coalesce(satisfied, false)::int' } },
];

const contributionsSql = (filter: string) =>
  CONTRIBUTIONS.map(
    (c) =>
      `  select ${DETAIL_KEYS.map((k) => (k === 'day' ? `motcua_local_day(${c.day}) as day` : k)).join(', ')},\n` +
      `         ${DAILY_COUNTS.map((n) => `${c.counts[n] ?? '0'} as ${n}`).join(', ')}\n` +
      `    from report_facts where ${c.when}${filter ? ` and (${filter})` : ''}`,
  ).join('\n  union all\n');

/**
 * The counts of one level recounted from report_facts (or from the facts matching `filter`, an SQL condition on
 * report_facts): every fact's contributions on its received, done, returned and rated days, grouped by the
 * level's keys. Columns: the level's keys, then its counts.
 */
export function dailyRegroupSql(level: DailyLevel, filter = ''): string {
  const key = (k: string) => level.keyExpressions?.[k] ?? k;
  return (
    `with contribution as (\n${contributionsSql(filter)}\n)\n` +
    `select ${level.keys.map((k) => `${key(k)} as ${k}`).join(', ')}, ${level.counts.map((n) => `sum(${n})::int as ${n}`).join(', ')}\n` +
    `  from contribution group by ${level.keys.map(key).join(', ')}`
  );
}

/**
 * Adds the contributions of the facts with dossier ids first..last to the three count tables, set-based: for a
 * bulk load (the demo history) that inserted those facts with the per-fact trigger off.
 */
export async function addContributions(db: Kysely<DB> | Transaction<DB>, first: number, last: number): Promise<void> {
  const filter = `dossier_id between ${Math.trunc(first)} and ${Math.trunc(last)}`;
  for (const level of DAILY_LEVELS) {
    const keys = level.keys.join(', ');
    const counts = level.counts;
    await sql
      .raw(
        `insert into ${level.table} as t (${keys}, ${counts.join(', ')}) ${dailyRegroupSql(level, filter)}\n` +
          `on conflict (${keys}) do update set ${counts.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`,
      )
      .execute(db);
  }
}

const allZero = (level: DailyLevel, alias: string) => level.counts.map((n) => `${alias}.${n} = 0`).join(' and ');

/** Key rows whose counts differ between the stored table and the recount; all-zero rows count as absent. */
function dailyDifferencesSql(level: DailyLevel, limit: number): string {
  const tuple = (alias: string) => `(${level.counts.map((n) => `coalesce(${alias}.${n}, 0)`).join(', ')})`;
  const key = level.keys.map((k) => `coalesce(s.${k}, r.${k}) as ${k}`).join(', ');
  return `
with stored as (select * from ${level.table} s where not (${allZero(level, 's')})),
     recount as (select * from (${dailyRegroupSql(level)}) r where not (${allZero(level, 'r')})),
     diff as (
       select ${key},
              to_jsonb(s) as stored_row, to_jsonb(r) as recount_row
         from stored s full join recount r using (${level.keys.join(', ')})
        where ${tuple('s')} is distinct from ${tuple('r')})
select (select count(*)::int from diff) as n,
       coalesce((select jsonb_agg(x) from (select * from diff order by ${level.keys.join(', ')} limit ${limit}) x), '[]'::jsonb) as examples`;
}

export interface DailyDifference {
  key: Record<string, string | number>;
  /** Counts that differ: what the table holds and what the recount gives (0 for a row one side lacks). */
  counts: Record<string, { stored: number; recount: number }>;
}

export interface AggregatesCheck {
  ok: boolean;
  facts: { rows: number; viewRows: number; missing: number; extra: number; different: number; examples: number[] };
  daily: { rows: number; different: number; examples: DailyDifference[] };
  monthly: { rows: number; different: number; examples: DailyDifference[] };
  dailyUnit: { rows: number; different: number; examples: DailyDifference[] };
  seconds: number;
}

const EXAMPLES = 5;

/**
 * Compares report_facts with report_facts_v, and both day tables with a set-based recount of report_facts, all
 * in one snapshot (a commit landing meanwhile cannot show up as a difference).
 */
export async function verifyAggregates(db: Kysely<DB>): Promise<AggregatesCheck> {
  const t0 = performance.now();
  return db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    const result = await compare(tx);
    return { ...result, seconds: (performance.now() - t0) / 1000 };
  });
}

async function compare(db: Kysely<DB>): Promise<Omit<AggregatesCheck, 'seconds'>> {
  const facts = (
    await sql<{ rows: number; view_rows: number; missing: number; extra: number; different: number; examples: number[] }>`
      with cmp as (
        select coalesce(f.dossier_id, v.dossier_id) as dossier_id, f.dossier_id is null as missing, v.dossier_id is null as extra
          from report_facts f full join report_facts_v v on v.dossier_id = f.dossier_id
         where f.dossier_id is null or v.dossier_id is null or row(f.*) is distinct from row(v.*))
      select (select count(*)::int from report_facts) as rows,
             (select count(*)::int from report_facts_v) as view_rows,
             (select count(*)::int from cmp where missing) as missing,
             (select count(*)::int from cmp where extra) as extra,
             (select count(*)::int from cmp where not missing and not extra) as different,
             coalesce((select array_agg(dossier_id::int) from (select dossier_id from cmp order by dossier_id limit ${EXAMPLES}) x), '{}') as examples`.execute(db)
  ).rows[0]!;
  const daily = await dailyCheck(db, DAILY_LEVELS[0]!);
  const monthly = await dailyCheck(db, DAILY_LEVELS[1]!);
  const dailyUnit = await dailyCheck(db, DAILY_LEVELS[2]!);
  const ok = facts.missing + facts.extra + facts.different + daily.different + monthly.different + dailyUnit.different === 0;
  return {
    ok,
    facts: { rows: facts.rows, viewRows: facts.view_rows, missing: facts.missing, extra: facts.extra, different: facts.different, examples: facts.examples.map(Number) },
    daily,
    monthly,
    dailyUnit,
  };
}

async function dailyCheck(db: Kysely<DB>, level: DailyLevel): Promise<AggregatesCheck['daily']> {
  type Row = Record<string, string | number | null>;
  const diff = await sql.raw<{ n: number; examples: Array<Record<string, unknown>> }>(dailyDifferencesSql(level, EXAMPLES)).execute(db);
  const size = await sql.raw<{ n: number }>(`select count(*)::int as n from ${level.table}`).execute(db);
  const row = diff.rows[0]!;
  const examples = row.examples.map((x) => {
    const stored = (x.stored_row ?? {}) as Row;
    const recount = (x.recount_row ?? {}) as Row;
    const counts: DailyDifference['counts'] = {};
    for (const n of level.counts) {
      const a = Number(stored[n] ?? 0);
      const b = Number(recount[n] ?? 0);
      if (a !== b) counts[n] = { stored: a, recount: b };
    }
    return { key: Object.fromEntries(level.keys.map((k) => [k, x[k] as string | number])), counts };
  });
  return { rows: size.rows[0]!.n, different: row.n, examples };
}

export interface AggregatesRebuild {
  facts: number;
  daily: number;
  monthly: number;
  dailyUnit: number;
  seconds: { facts: number; daily: number; monthly: number; dailyUnit: number; total: number };
}

/**
 * Replaces report_facts with report_facts_v and both day tables with the recount, in one transaction: the
 * tables are locked first, so a commit that changes a dossier meanwhile waits and then applies its change to
 * the rebuilt rows. The per-fact delta trigger is off while the facts are inserted (its work is the recount).
 */
export async function rebuildAggregates(db: Kysely<DB>, options: { workMem?: string } = {}): Promise<AggregatesRebuild> {
  return db.transaction().execute(async (tx) => {
    const t0 = performance.now();
    // The regrouping sorts every fact four times over: in memory when the caller can spare it (the bench).
    if (options.workMem && /^\d+(kB|MB|GB)$/.test(options.workMem)) await sql.raw(`set local work_mem = '${options.workMem}'`).execute(tx);
    await sql`lock table report_facts, report_daily, report_monthly, report_daily_unit in access exclusive mode`.execute(tx);
    await sql`truncate report_facts, report_daily, report_monthly, report_daily_unit`.execute(tx);
    await sql`alter table report_facts disable trigger report_facts_contribute`.execute(tx);
    let t = performance.now();
    const facts = Number((await sql`insert into report_facts select * from report_facts_v`.execute(tx)).numAffectedRows ?? 0);
    const factSeconds = (performance.now() - t) / 1000;
    const counted: number[] = [];
    const levelSeconds: number[] = [];
    for (const level of DAILY_LEVELS) {
      t = performance.now();
      const columns = [...level.keys, ...level.counts].join(', ');
      const r = await sql.raw(`insert into ${level.table} (${columns}) ${dailyRegroupSql(level)}`).execute(tx);
      counted.push(Number(r.numAffectedRows ?? 0));
      levelSeconds.push((performance.now() - t) / 1000);
    }
    await sql`alter table report_facts enable trigger report_facts_contribute`.execute(tx);
    return {
      facts,
      daily: counted[0]!,
      monthly: counted[1]!,
      dailyUnit: counted[2]!,
      seconds: {
        facts: factSeconds,
        daily: levelSeconds[0]!,
        monthly: levelSeconds[1]!,
        dailyUnit: levelSeconds[2]!,
        total: (performance.now() - t0) / 1000,
      },
    };
  });
}
