// Reads satisfaction figures: rated/satisfied sums from the day-by-day counts (small, fast at province scale) and
// the raw per-criterion answers of the ratings made in the period.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { periodBounds } from '../reports/period.js';
import type { CriterionCount } from './domain.js';

export type RankBy = 'official' | 'field';

export interface GroupCount {
  key: string;
  rated: number;
  satisfied: number;
  /** The official's name (by=official); null for the field, whose key is its name. */
  name: string | null;
}

const inList = (ids: number[]) => sql.join(ids.map((id) => sql`${id}::int`));

/** Ratings made on the local days from..to, per official (the specialist who handled the dossier) or per field. */
export async function countsBy(db: Kysely<DB>, unitIds: number[], from: string, to: string, by: RankBy): Promise<GroupCount[]> {
  if (!unitIds.length) return [];
  const key = by === 'official' ? sql`d.official_id::text` : sql`d.field`;
  const res = await sql<{ key: string; rated: string; satisfied: string; name: string | null }>`
    select g.key, g.rated, g.satisfied, ${by === 'official' ? sql`a.full_name` : sql`null::text`} as name
    from (
      select ${key} as key, sum(d.rated) as rated, sum(d.satisfied) as satisfied
      from report_rows(${unitIds}::int[], ${from}::date, ${to}::date) d
      where d.rated <> 0
      group by 1
    ) g
    ${by === 'official' ? sql`left join accounts a on a.id = g.key::int` : sql``}
    where g.rated > 0
    order by g.key`.execute(db);
  return res.rows.map((r) => ({ key: r.key, rated: Number(r.rated), satisfied: Number(r.satisfied), name: r.name }));
}

export async function totals(db: Kysely<DB>, unitIds: number[], from: string, to: string): Promise<{ rated: number; satisfied: number }> {
  if (!unitIds.length) return { rated: 0, satisfied: 0 };
  const res = await sql<{ rated: string | null; satisfied: string | null }>`
    select sum(rated) as rated, sum(satisfied) as satisfied from report_daily_unit
    where unit_id in (${inList(unitIds)}) and day between ${from}::date and ${to}::date`.execute(db);
  return { rated: Number(res.rows[0]?.rated ?? 0), satisfied: Number(res.rows[0]?.satisfied ?? 0) };
}

/** Level counts per (scale version, criterion) of the ratings made in the period on the units' real dossiers. */
export async function criterionCounts(db: Kysely<DB>, unitIds: number[], from: string, to: string): Promise<CriterionCount[]> {
  if (!unitIds.length) return [];
  const { start, end } = periodBounds(from, to);
  const res = await sql<{ scale_version: string; criterion: string; level: string; n: string }>`
    select r.scale_version, a.key as criterion, a.value as level, count(*) as n
    from ratings r
    join report_facts f on f.dossier_id = r.dossier_id
    cross join lateral jsonb_each_text(r.answers) a
    where f.unit_id in (${inList(unitIds)}) and r.rated_at >= ${start} and r.rated_at < ${end}
    group by 1, 2, 3
    order by 1, 2, 3`.execute(db);
  return res.rows.map((r) => ({ scaleVersion: r.scale_version, criterion: r.criterion, level: r.level, n: Number(r.n) }));
}
