// The demo history: deterministic, every commune of Huế has dossiers, rows consistent with the state machine,
// facts for every dossier, and a seeded dossier opens in the app like a live one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/app.js';
import { seedHistory, type HistoryReport } from './history.js';
import { verifyAggregates } from '../reports/aggregates.js';

const NOW = '2026-11-23T09:00:00+07:00';

describe('demo history', () => {
  let t: TestApp;
  let report: HistoryReport;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW });
    report = await seedHistory(t.ctx.db, { now: t.clock.now(), months: 2 });
  }, 120_000);
  afterAll(() => t.close());

  it('is deterministic: the same seed gives the same rows', async () => {
    const u = await createTestApp({ now: NOW });
    try {
      const again = await seedHistory(u.ctx.db, { now: u.clock.now(), months: 2 });
      const { seconds: _a, ...x } = report;
      const { seconds: _b, ...y } = again;
      expect(y).toEqual(x);
      const codes = async (a: TestApp) => (await sql<{ h: string }>`select md5(string_agg(code || status || coalesce(due_at::text, ''), ',' order by code)) as h from dossiers`.execute(a.ctx.db)).rows[0]!.h;
      expect(await codes(u)).toBe(await codes(t));
    } finally {
      await u.close();
    }
  }, 120_000);

  it('runs once: a second call adds nothing', async () => {
    const before = await count(t, 'dossiers');
    expect((await seedHistory(t.ctx.db, { now: t.clock.now() })).skipped).toBe(true);
    expect(await count(t, 'dossiers')).toBe(before);
  });

  it('gives every commune of province 46 dossiers, the demo communes many', async () => {
    const rows = (
      await sql<{ code: string; n: number }>`
        select u.code, count(d.id)::int as n from units u join units p on p.id = u.parent_id and p.code = '46'
          left join dossiers d on d.unit_id = u.id where u.merged_into_id is null group by u.code`.execute(t.ctx.db)
    ).rows;
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.n, r.code).toBeGreaterThan(0);
    const n = new Map(rows.map((r) => [r.code, r.n]));
    const others = rows.filter((r) => !['20122', '19942', '19885'].includes(r.code)).map((r) => r.n);
    expect(n.get('20122')!).toBeGreaterThan(Math.max(...others));
    expect(report.dossiers).toBe(rows.reduce((s, r) => s + r.n, 0));
  });

  it('keeps statuses and times consistent', async () => {
    const bad = (
      await sql<{ code: string }>`
        select code from dossiers where
             (received_at is not null and resolved_at is not null and resolved_at < received_at)
          or (returned_at is not null and (resolved_at is null or returned_at < resolved_at))
          or (due_at is not null and due_at <= received_at)
          or (status in ('refused', 'withdrawn', 'returned') and closed_at is null)
          or (status not in ('refused', 'withdrawn', 'returned') and closed_at is not null)
          or (status in ('resolved', 'returned') and resolved_at is null)
          or (status in ('supplement_requested', 'fee_requested') and paused_at is null)
          or submitted_at >= ${t.clock.now()}
          or is_practice
        limit 5`.execute(t.ctx.db)
    ).rows;
    expect(bad).toEqual([]);
    const last = (await sql<{ code: string; to_status: string; status: string }>`
      select d.code, h.to_status, d.status from dossiers d
        join lateral (select to_status from dossier_history h where h.dossier_id = d.id order by seq desc limit 1) h on true
       where h.to_status <> d.status limit 5`.execute(t.ctx.db)).rows;
    expect(last).toEqual([]);
    const statuses = new Set((await sql<{ status: string }>`select distinct status from dossiers`.execute(t.ctx.db)).rows.map((r) => r.status));
    for (const s of ['returned', 'refused', 'withdrawn', 'processing']) expect(statuses).toContain(s);
    const openLate = await sql<{ n: number }>`select count(*)::int as n from dossiers where closed_at is null and resolved_at is null and due_at < ${t.clock.now()}`.execute(t.ctx.db);
    expect(openLate.rows[0]!.n).toBeGreaterThan(0);
    // Codes follow the unit's identifier and a past day; the day counters know the last number.
    const codes = await sql<{ n: number }>`
      select count(*)::int as n from dossiers d join units u on u.id = d.unit_id
       where d.code not like u.identifier || '-' || to_char(motcua_local_day(d.submitted_at), 'YYMMDD') || '-%'`.execute(t.ctx.db);
    expect(codes.rows[0]!.n).toBe(0);
    const counters = await sql<{ n: number }>`
      select count(*)::int as n from dossier_code_counters c
       where c.last <> (select count(*) from dossiers d where d.unit_id = c.unit_id and motcua_local_day(d.submitted_at) = c.day)`.execute(t.ctx.db);
    expect(counters.rows[0]!.n).toBe(0);
  });

  it('has a fact for every dossier and day counts that add up', async () => {
    expect(await count(t, 'report_facts')).toBe(await count(t, 'dossiers'));
    const diff = await sql<{ n: number }>`
      select count(*)::int as n from (select * from report_facts_v except select * from report_facts) x`.execute(t.ctx.db);
    expect(diff.rows[0]!.n).toBe(0);
    const sums = await sql<{ received: number; facts: number; returned: number; rf: number }>`
      select (select sum(received)::int from report_daily_unit) as received,
             (select count(*)::int from report_facts where received_at is not null) as facts,
             (select sum(returned)::int from report_daily) as returned,
             (select count(*)::int from report_facts where returned_at is not null) as rf`.execute(t.ctx.db);
    const s = sums.rows[0]!;
    expect(s.received).toBe(s.facts);
    expect(s.returned).toBe(s.rf);
    const check = await verifyAggregates(t.ctx.db);
    expect(check.ok, JSON.stringify(check)).toBe(true);
    const flags = await sql<Record<string, number>>`
      select count(*) filter (where synced)::int as synced, count(*) filter (where population_used)::int as population,
             count(*) filter (where paid_online)::int as paid, count(*) filter (where digitised)::int as digitised,
             count(*) filter (where reused)::int as reused, count(*) filter (where rated_at is not null)::int as rated,
             count(*) filter (where satisfied = false)::int as unsatisfied, count(*) filter (where outcome = 'late')::int as late
        from report_facts`.execute(t.ctx.db);
    for (const [k, v] of Object.entries(flags.rows[0]!)) expect(v, k).toBeGreaterThan(0);
    expect(await count(t, 'feedback')).toBeGreaterThan(0);
  });

  it('opens a seeded dossier with its history, and prints its forms', async () => {
    const lanhdao = await t.login('lanhdao.vinhloc');
    const row = (await sql<{ code: string }>`
      select d.code from dossiers d join units u on u.id = d.unit_id where u.code = '20122' and d.status = 'returned' order by d.id limit 1`.execute(t.ctx.db)).rows[0]!;
    const res = await lanhdao.get(`/api/dossiers/${row.code}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.code).toBe(row.code);
    expect(body.history.length).toBeGreaterThanOrEqual(7);
    const pdf = await lanhdao.get(`/api/dossiers/${row.code}/forms/control-sheet`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('leaves the live system its codes: the next intake today gets number 0001', async () => {
    const tiepnhan = await t.login('tiepnhan.vinhloc');
    const res = await tiepnhan.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Nguyễn Văn A' }, components: [], decision: 'none' });
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toMatch(/-261123-0001$/);
  });
});

async function count(t: TestApp, table: string): Promise<number> {
  return (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.ctx.db)).rows[0]!.n;
}
