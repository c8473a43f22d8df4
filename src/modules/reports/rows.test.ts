// report_rows(units, from, to) reads whole months from report_monthly and the days of partial months from
// report_daily. For any period its sums must equal the sums of report_daily over the same days: checked on day and
// month tables filled from one set of random day rows, for random periods, the awkward ends included (a period
// inside one month, across a year end, starting or ending on a month's first or last day, a leap February).
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.js';
import { createTestDatabase } from '../../test/db.js';

let d: Database;
const FIRST = Date.UTC(2027, 10, 20); // 2027-11-20
const DAYS = 200; // to 2028-06-07, across the year end and the leap day 2028-02-29
const isoDay = (i: number) => new Date(FIRST + i * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  d = await createTestDatabase();
  // Random counts on random days for two units, several key combinations a day; the months are their sums.
  await sql`
    insert into report_daily (unit_id, day, field, procedure_id, channel, official_id, received, resolved_late, rated)
    select u, ${isoDay(0)}::date + i, f, 1, c, 0, (i * 7 + u * 3 + length(f)) % 5, (i * 11 + u) % 3, (i + u) % 2
      from generate_series(1, 2) u, generate_series(0, ${DAYS - 1}) i,
           (values ('Hộ tịch'), ('Chứng thực')) fs(f), (values ('counter'), ('online')) cs(c)
     where (i + u) % 4 <> 0`.execute(d.db);
  await sql`
    insert into report_monthly (unit_id, month, field, procedure_id, channel, official_id, received, resolved_late, rated)
    select unit_id, date_trunc('month', day::timestamp)::date, field, procedure_id, channel, official_id,
           sum(received), sum(resolved_late), sum(rated)
      from report_daily group by 1, 2, 3, 4, 5, 6`.execute(d.db);
});
afterAll(async () => d?.close());

async function sums(from: string, to: string, units: number[]) {
  const viaRows = await sql<{ received: number | null; late: number | null; rated: number | null; rows: number }>`
    select sum(received)::int as received, sum(resolved_late)::int as late, sum(rated)::int as rated, count(*)::int as rows
      from report_rows(${units}::int[], ${from}::date, ${to}::date)`.execute(d.db);
  const viaDays = await sql<{ received: number | null; late: number | null; rated: number | null; rows: number }>`
    select sum(received)::int as received, sum(resolved_late)::int as late, sum(rated)::int as rated, count(*)::int as rows
      from report_daily where unit_id = any(${units}::int[]) and day between ${from}::date and ${to}::date`.execute(d.db);
  return { rows: viaRows.rows[0]!, days: viaDays.rows[0]! };
}

describe('report_rows: months and the days at either end', () => {
  it('gives the same sums as the days for whole months, partial months and single days', async () => {
    for (const [from, to] of [
      ['2027-12-01', '2028-02-29'], // three whole months, leap February
      ['2027-12-15', '2028-03-10'], // partial at both ends
      ['2028-01-01', '2028-01-31'], // exactly one month
      ['2028-01-05', '2028-01-20'], // inside one month
      ['2028-02-29', '2028-02-29'], // one day
      ['2027-11-30', '2027-12-31'], // a day before a whole month
      ['2028-03-01', '2028-03-31'],
    ] as const) {
      const { rows, days } = await sums(from, to, [1, 2]);
      expect({ from, to, ...rows, rows: undefined }).toEqual({ from, to, ...days, rows: undefined });
      expect(days.received).toBeGreaterThan(0);
    }
  });

  it('reads fewer rows than the days when the period holds whole months', async () => {
    const { rows, days } = await sums('2027-12-01', '2028-05-31', [1]);
    expect(rows.received).toBe(days.received);
    expect(rows.rows).toBeLessThan(days.rows / 10);
  });

  it('gives the same sums for any period and either unit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: DAYS - 1 }), fc.integer({ min: 0, max: DAYS - 1 }), fc.subarray([1, 2], { minLength: 1 }), async (a, b, units) => {
        const [from, to] = a <= b ? [isoDay(a), isoDay(b)] : [isoDay(b), isoDay(a)];
        const { rows, days } = await sums(from, to, units);
        expect([rows.received, rows.late, rows.rated]).toEqual([days.received, days.late, days.rated]);
      }),
      { numRuns: 60 },
    );
  });
});
