// SQL of the periodic report (issue 5): every figure is aggregated in the database.
// Flow counts (received, resolved, withdrawn, refused, returned during the period) come from the day-by-day counts
// the triggers of 010_reports.sql keep; point-in-time counts (carried over at the start, in progress and paused at
// the end) from the stored facts, through the GiST index on tstzrange(received_at, done_at).
//
// "Open at the start of `from`" is the span containing the last microsecond of the day before: received before
// `from` and not finished before it. "Open at the end of `to`" is the span containing the last microsecond of `to`.
// Both agree with the local days the day tables count by (motcua_local_day).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Period } from './period.js';
import type { DB } from '../../db/schema.js';

export const BREAKDOWNS = ['none', 'unit', 'field', 'procedure', 'channel', 'office', 'official'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const METRICS = [
  'carriedOver',
  'receivedNew',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'resolved',
  'inProgressWithinTime',
  'inProgressLate',
  'paused',
  'withdrawn',
  'refused',
  'returned',
] as const;
export type Metric = (typeof METRICS)[number];

/** A report period: local days `fromDay`..`toDay` inclusive, and the instants bounding them. */

export interface FlowRow {
  key: string;
  receivedNew: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  withdrawn: number;
  refused: number;
  returned: number;
}

export interface PointRow {
  key: string;
  carriedOver: number;
  inProgressWithinTime: number;
  inProgressLate: number;
  paused: number;
}

/** The office of an official for a fact of `unitCol`: the office of their grant in that unit, else any grant's. */
function officeCodeOf(officialCol: RawBuilder<unknown>, unitCol: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`coalesce((select o.code from role_grants g join offices o on o.id = g.office_id
      where g.account_id = ${officialCol} order by (o.unit_id = ${unitCol}) desc, g.id limit 1), '')`;
}

/** The raw dimension of a row, grouped with its unit first; `outerKey` turns (unit_id, d) into the row key. */
function rawDimension(by: Breakdown): RawBuilder<string> {
  switch (by) {
    case 'none':
    case 'unit':
      return sql<string>`''`;
    case 'field':
      return sql<string>`field`;
    case 'procedure':
      return sql<string>`procedure_id::text`;
    case 'channel':
      return sql<string>`channel`;
    case 'office':
    case 'official':
      return sql<string>`official_id::text`;
  }
}

function outerKey(by: Breakdown): RawBuilder<string> {
  switch (by) {
    case 'none':
      return sql<string>`'all'`;
    case 'unit':
      return sql<string>`x.unit_id::text`;
    case 'office':
      return officeCodeOf(sql`x.d::int`, sql`x.unit_id`);
    default:
      return sql<string>`x.d`;
  }
}

/** Received, resolved, withdrawn, refused and returned during the period, per row key. */
export async function flowCounts(db: Kysely<DB>, unitIds: readonly number[], period: Period, by: Breakdown): Promise<FlowRow[]> {
  if (!unitIds.length) return [];
  // Totals per unit come from the small per-unit day table; breakdowns from report_rows(): whole months from
  // report_monthly and the days of partial months from report_daily.
  const source =
    by === 'none' || by === 'unit'
      ? sql`report_daily_unit where unit_id = any(${[...unitIds]}::int[]) and day between ${period.fromDay}::date and ${period.toDay}::date`
      : sql`report_rows(${[...unitIds]}::int[], ${period.fromDay}::date, ${period.toDay}::date)`;
  const r = await sql<FlowRow>`
    select ${outerKey(by)} as key,
           sum(x.received)::int as "receivedNew",
           sum(x.resolved_early)::int as "resolvedEarly",
           sum(x.resolved_on_time)::int as "resolvedOnTime",
           sum(x.resolved_late)::int as "resolvedLate",
           sum(x.withdrawn)::int as "withdrawn",
           sum(x.refused)::int as "refused",
           sum(x.returned)::int as "returned"
      from (select unit_id, ${rawDimension(by)} as d,
                   sum(received) as received, sum(resolved_early) as resolved_early,
                   sum(resolved_on_time) as resolved_on_time, sum(resolved_late) as resolved_late,
                   sum(withdrawn) as withdrawn, sum(refused) as refused, sum(returned) as returned
              from ${source}
             group by unit_id, d) x
     group by 1`.execute(db);
  return r.rows;
}

/** The instant a point-in-time figure is taken at: the last microsecond before `at`. */
const justBefore = (at: Date) => sql<Date>`(${at}::timestamptz - interval '1 microsecond')`;

/** The fact is open (received, not finished) at `instant`: answered by the GiST span index. */
const openAt = (instant: RawBuilder<Date>) =>
  sql`f.received_at is not null and tstzrange(f.received_at, f.done_at) @> ${instant}`;

/** The dossier has a pause covering `instant`. */
const pausedAt = (instant: RawBuilder<Date>, dossierId: RawBuilder<unknown> = sql`f.dossier_id`) =>
  sql`exists (select 1 from dossier_pauses p where p.dossier_id = ${dossierId}
                 and p.started_at <= ${instant} and (p.ended_at is null or p.ended_at > ${instant}))`;

/** Carried over at the start of the period, and in progress / paused at its end, per row key. */
export async function pointCounts(db: Kysely<DB>, unitIds: readonly number[], period: Period, by: Breakdown): Promise<PointRow[]> {
  if (!unitIds.length) return [];
  const start = justBefore(period.start);
  const end = justBefore(period.end);
  // The open sets come first, from the span index alone: combined with the unit index PostgreSQL would AND it with
  // every fact of the units (seconds at 5M dossiers) instead of filtering the few thousand open ones.
  const r = await sql<PointRow>`
    with open_start as materialized (
           select f.unit_id, ${rawDimension(by)} as d from report_facts f where ${openAt(start)}),
         open_end as materialized (
           select f.dossier_id, f.unit_id, ${rawDimension(by)} as d, f.due_at from report_facts f where ${openAt(end)})
    select ${outerKey(by)} as key,
           sum(x.carried)::int as "carriedOver",
           sum(x.within)::int as "inProgressWithinTime",
           sum(x.late)::int as "inProgressLate",
           sum(x.paused)::int as "paused"
      from (select y.unit_id, y.d, sum(y.carried) as carried, sum(y.within) as within, sum(y.late) as late, sum(y.paused) as paused
              from (select o.unit_id, o.d, count(*) as carried, 0 as within, 0 as late, 0 as paused
                      from open_start o
                     where o.unit_id = any(${[...unitIds]}::int[])
                     group by o.unit_id, o.d
                    union all
                    select z.unit_id, z.d, 0,
                           count(*) filter (where not z.paused and (z.due_at is null or z.due_at >= ${end})),
                           count(*) filter (where not z.paused and z.due_at < ${end}),
                           count(*) filter (where z.paused)
                      from (select o.unit_id, o.d, o.due_at, ${pausedAt(end, sql`o.dossier_id`)} as paused
                              from open_end o where o.unit_id = any(${[...unitIds]}::int[])) z
                     group by z.unit_id, z.d) y
             group by y.unit_id, y.d) x
     group by 1`.execute(db);
  return r.rows;
}

/** Names for row keys: procedures by id (current version), officials, offices by code, in the given units. */
export async function procedureLabels(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, { code: string; name: string }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('procedures as p')
    .leftJoin('procedure_versions as v', (j) => j.onRef('v.procedure_id', '=', 'p.id').on('v.effective_to', 'is', null))
    .select(['p.id', 'p.code', 'v.name'])
    .where('p.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name ?? r.code }]));
}

export async function procedureIdByCode(db: Kysely<DB>, code: string): Promise<number | undefined> {
  return (await db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

export async function accountNames(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('accounts').select(['id', 'full_name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** Office names by code, preferring the offices of `unitIds` (codes are per unit; the seed uses the same ones). */
export async function officeNames(db: Kysely<DB>, codes: readonly string[], unitIds: readonly number[]): Promise<Map<string, string>> {
  const wanted = codes.filter((c) => c !== '');
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('offices')
    .select(['code', 'name', 'unit_id'])
    .where('code', 'in', wanted)
    .orderBy('id')
    .execute();
  const inUnits = new Set(unitIds);
  const out = new Map<string, string>();
  for (const r of rows) if (inUnits.has(r.unit_id) && !out.has(r.code)) out.set(r.code, r.name);
  for (const r of rows) if (!out.has(r.code)) out.set(r.code, r.name);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Drill-down: the dossiers behind one figure, with the same conditions as the figure.

export interface DrillFilter {
  unitIds: readonly number[];
  period: Period;
  metric: Metric;
  field?: string;
  procedureId?: number;
  channel?: string;
  officialId?: number;
  officeCode?: string;
}

export interface DrillRow {
  id: number;
  code: string;
  unit_id: number;
  handling_unit_id: number;
  unit_code: string;
  unit_name: string;
  procedure_code: string;
  procedure_name: string;
  field: string;
  channel: string;
  applicant_name: string;
  received_at: Date | null;
  due_at: Date | null;
  done_at: Date | null;
  outcome: string | null;
  official_id: number;
  official_name: string | null;
}

function metricCondition(metric: Metric, period: Period): RawBuilder<unknown> {
  const start = justBefore(period.start);
  const end = justBefore(period.end);
  const doneIn = sql`f.done_at >= ${period.start}::timestamptz and f.done_at < ${period.end}::timestamptz`;
  switch (metric) {
    case 'carriedOver':
      return openAt(start);
    case 'receivedNew':
      return sql`f.received_at >= ${period.start}::timestamptz and f.received_at < ${period.end}::timestamptz`;
    case 'resolvedEarly':
      return sql`f.outcome = 'early' and ${doneIn}`;
    case 'resolvedOnTime':
      return sql`f.outcome = 'on_time' and ${doneIn}`;
    case 'resolvedLate':
      return sql`f.outcome = 'late' and ${doneIn}`;
    case 'resolved':
      return sql`f.outcome in ('early', 'on_time', 'late') and ${doneIn}`;
    case 'withdrawn':
      return sql`f.outcome = 'withdrawn' and ${doneIn}`;
    case 'refused':
      return sql`f.outcome = 'refused' and ${doneIn}`;
    case 'returned':
      return sql`f.returned_at >= ${period.start}::timestamptz and f.returned_at < ${period.end}::timestamptz`;
    case 'paused':
      return sql`${openAt(end)} and ${pausedAt(end)}`;
    case 'inProgressLate':
      return sql`${openAt(end)} and not ${pausedAt(end)} and f.due_at < ${end}`;
    case 'inProgressWithinTime':
      return sql`${openAt(end)} and not ${pausedAt(end)} and (f.due_at is null or f.due_at >= ${end})`;
  }
}

function drillWhere(q: DrillFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`f.unit_id = any(${[...q.unitIds]}::int[])`, metricCondition(q.metric, q.period)];
  if (q.field !== undefined) parts.push(sql`f.field = ${q.field}`);
  if (q.procedureId !== undefined) parts.push(sql`f.procedure_id = ${q.procedureId}`);
  if (q.channel !== undefined) parts.push(sql`f.channel = ${q.channel}`);
  if (q.officialId !== undefined) parts.push(sql`f.official_id = ${q.officialId}`);
  if (q.officeCode !== undefined) parts.push(sql`${officeCodeOf(sql`f.official_id`, sql`f.unit_id`)} = ${q.officeCode}`);
  return sql.join(parts, sql` and `);
}

export async function drillCount(db: Kysely<DB>, q: DrillFilter): Promise<number> {
  if (!q.unitIds.length) return 0;
  const r = await sql<{ n: number }>`select count(*)::int as n from report_facts f where ${drillWhere(q)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function drillPage(db: Kysely<DB>, q: DrillFilter, offset: number, limit: number): Promise<DrillRow[]> {
  if (!q.unitIds.length) return [];
  const r = await sql<DrillRow>`
    select d.id::int as id, d.code, d.unit_id, d.handling_unit_id, u.code as unit_code, u.name as unit_name,
           p.code as procedure_code, coalesce(v.name, pv.name) as procedure_name,
           f.field, f.channel, d.applicant_name, f.received_at, f.due_at, f.done_at, f.outcome,
           f.official_id, a.full_name as official_name
      from report_facts f
      join dossiers d on d.id = f.dossier_id
      join units u on u.id = f.unit_id
      join procedures p on p.id = f.procedure_id
      join procedure_versions pv on pv.id = d.procedure_version_id
      left join procedure_versions v on v.procedure_id = f.procedure_id and v.effective_to is null
      left join accounts a on a.id = f.official_id
     where ${drillWhere(q)}
     order by d.code
     offset ${offset} limit ${limit}`.execute(db);
  return r.rows.map((row) => ({
    ...row,
    received_at: row.received_at ? new Date(row.received_at) : null,
    due_at: row.due_at ? new Date(row.due_at) : null,
    done_at: row.done_at ? new Date(row.done_at) : null,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Trend: flow counts per day, week (starting Monday) or month.

export type Interval = 'day' | 'week' | 'month';

export interface TrendRow {
  period: string;
  receivedNew: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
}

export async function trendCounts(db: Kysely<DB>, unitIds: readonly number[], period: Period, interval: Interval): Promise<TrendRow[]> {
  if (!unitIds.length) return [];
  const bucket =
    interval === 'day'
      ? sql<string>`to_char(day, 'YYYY-MM-DD')`
      : interval === 'week'
        ? sql<string>`to_char(date_trunc('week', day), 'YYYY-MM-DD')`
        : sql<string>`to_char(day, 'YYYY-MM')`;
  const r = await sql<TrendRow>`
    select ${bucket} as period,
           sum(received)::int as "receivedNew",
           sum(resolved_early)::int as "resolvedEarly",
           sum(resolved_on_time)::int as "resolvedOnTime",
           sum(resolved_late)::int as "resolvedLate"
      from report_daily_unit
     where unit_id = any(${[...unitIds]}::int[])
       and day between ${period.fromDay}::date and ${period.toDay}::date
     group by 1
     order by 1`.execute(db);
  return r.rows;
}
