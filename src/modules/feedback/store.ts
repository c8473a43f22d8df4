// Feedback (PAKN) storage: the figures the indices read. Periods are local dates (Vietnam), inclusive.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { periodBounds } from '../reports/period.js';

export interface FeedbackIndexInputs {
  received: number;
  answered: number;
  answeredOnTime: number;
  rated: number;
  satisfied: number;
}

const NONE: FeedbackIndexInputs = { received: 0, answered: 0, answeredOnTime: 0, rated: 0, satisfied: 0 };

/**
 * For the index, per unit: feedback received in the period (and, among those, answered and answered by their due
 * time), and the senders' ratings of answers given in the period. One query grouped by unit.
 */
export async function feedbackIndexInputsByUnit(
  db: Kysely<DB>,
  unitIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, FeedbackIndexInputs>> {
  const out = new Map<number, FeedbackIndexInputs>();
  if (unitIds.length === 0) return out;
  const { start, end } = periodBounds(from, to);
  const ids = sql.join(unitIds.map((id) => sql`${id}::int`));
  const res = await sql<{ unit_id: number; received: string; answered: string; answered_on_time: string; rated: string; satisfied: string }>`
    select unit_id,
      count(*) filter (where received_at >= ${start} and received_at < ${end}) as received,
      count(*) filter (where received_at >= ${start} and received_at < ${end} and answered_at is not null) as answered,
      count(*) filter (where received_at >= ${start} and received_at < ${end} and answered_at <= due_at) as answered_on_time,
      count(*) filter (where answered_at >= ${start} and answered_at < ${end} and satisfied is not null) as rated,
      count(*) filter (where answered_at >= ${start} and answered_at < ${end} and satisfied) as satisfied
    from feedback
    where unit_id in (${ids})
      and ((received_at >= ${start} and received_at < ${end}) or (answered_at >= ${start} and answered_at < ${end}))
    group by unit_id`.execute(db);
  for (const r of res.rows) {
    out.set(Number(r.unit_id), {
      received: Number(r.received),
      answered: Number(r.answered),
      answeredOnTime: Number(r.answered_on_time),
      rated: Number(r.rated),
      satisfied: Number(r.satisfied),
    });
  }
  return out;
}

/** The same summed over the units (a commune with the units merged into it, or a province). */
export async function feedbackIndexInputs(db: Kysely<DB>, unitIds: number[], from: string, to: string): Promise<FeedbackIndexInputs> {
  const sum = { ...NONE };
  for (const x of (await feedbackIndexInputsByUnit(db, unitIds, from, to)).values()) {
    for (const k of Object.keys(sum) as Array<keyof FeedbackIndexInputs>) sum[k] += x[k];
  }
  return sum;
}
