// The reporting tables kept by triggers (010_reports.sql) equal a full recount after any sequence of real
// actions through the HTTP API; practice dossiers never count; a corrupted count is found and a rebuild repairs it.
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { DAILY_COUNTS, rebuildAggregates, verifyAggregates } from './aggregates.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const COMMUNES = { vinhloc: '20122', phuvang: '19942' } as const;
type Commune = keyof typeof COMMUNES;
const ROLES = ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'vanthu'] as const;

// 2.000908: one working day, one required component; 1.003583: five working days, four required components.
const PROCEDURES = [
  { code: '2.000908', components: ['c1-7d4524'] },
  { code: '1.003583', components: ['c1-ba3109', 'c2-fb2596', 'c5-9e70d7', 'c6-85a38b'] },
] as const;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T08:00:00+07:00' });
  for (const commune of Object.keys(COMMUNES) as Commune[]) for (const role of ROLES) c[`${role}.${commune}`] = await t.login(`${role}.${commune}`);
});
afterAll(async () => t?.close());

/** Sums over every row of report_daily_unit, per commune code. */
async function unitSums(): Promise<Record<string, Record<string, number>>> {
  const rows = await sql<{ code: string } & Record<string, number>>`
    select u.code, ${sql.join(DAILY_COUNTS.map((n) => sql`sum(${sql.ref(`r.${n}`)})::int as ${sql.ref(n)}`))}
      from report_daily_unit r join units u on u.id = r.unit_id group by u.code`.execute(t.ctx.db);
  return Object.fromEntries(rows.rows.map(({ code, ...counts }) => [code, counts]));
}

const sumOf = (s: Record<string, Record<string, number>>, n: string, code?: string) =>
  Object.entries(s).reduce((a, [k, v]) => a + (code === undefined || k === code ? (v[n] ?? 0) : 0), 0);

// ---- one dossier's life, as a script of real actions --------------------------------------------------------

interface Plan {
  commune: Commune;
  procedure: 0 | 1;
  ending: 'resolve' | 'refuse' | 'withdraw';
  supplement: boolean;
  refusedResult: boolean;
  /** For 'withdraw': after how many processing steps. */
  withdrawAfter: number;
  returned: boolean;
  rating: 'none' | 'very_satisfied' | 'satisfied' | 'unsatisfied';
}

interface Step {
  who: string;
  action: string;
  body?: Record<string, unknown>;
}

function script(p: Plan): Step[] {
  const at = (role: string) => `${role}.${p.commune}`;
  if (p.ending === 'refuse') return [{ who: at('tiepnhan'), action: 'refuse', body: { reason: 'Hồ sơ không thuộc thẩm quyền' } }];
  const steps: Step[] = [
    { who: at('tiepnhan'), action: 'forward' },
    ...(p.supplement
      ? [
          { who: at('chuyenvien'), action: 'request_supplement', body: { missing: [{ name: 'Bản sao giấy tờ tùy thân' }], reason: 'Thiếu giấy tờ tùy thân' } },
          { who: at('tiepnhan'), action: 'receive_supplement' },
        ]
      : []),
    { who: at('chuyenvien'), action: 'forward' },
    { who: at('truongphong'), action: 'submit_for_approval', body: { outcome: p.refusedResult ? 'refused' : 'granted' } },
    { who: at('lanhdao'), action: 'approve' },
    { who: at('lanhdao'), action: 'sign' },
  ];
  if (p.ending === 'withdraw') return [...steps.slice(0, p.withdrawAfter % (steps.length + 1)), { who: at('tiepnhan'), action: 'withdraw', body: { reason: 'Công dân xin rút hồ sơ' } }];
  steps.push({ who: at('vanthu'), action: 'issue_result' });
  if (p.returned) steps.push({ who: at('tiepnhan'), action: 'return_result' });
  if (p.rating !== 'none') steps.push({ who: 'applicant', action: 'rate', body: { overall: p.rating } });
  return steps;
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  commune: fc.constantFrom<Commune>('vinhloc', 'phuvang'),
  procedure: fc.constantFrom<0 | 1>(0, 1),
  ending: fc.constantFrom<Plan['ending']>('resolve', 'resolve', 'resolve', 'refuse', 'withdraw'),
  supplement: fc.boolean(),
  refusedResult: fc.constantFrom(false, false, false, true),
  withdrawAfter: fc.nat({ max: 7 }),
  returned: fc.boolean(),
  rating: fc.constantFrom<Plan['rating']>('none', 'very_satisfied', 'satisfied', 'unsatisfied'),
});

/** Minutes the clock moves before an action: mostly none or minutes, sometimes a morning, a day, three days. */
const advanceArb = fc.constantFrom(0, 0, 0, 5, 20, 60, 240, 1440, 4320);

interface Tally {
  received: Record<string, number>;
  refused: number;
  withdrawn: number;
  resolved: number;
  resolvedLate: number;
  resultRefused: number;
  returned: number;
  rated: number;
  satisfied: number;
}

let applicants = 0;
let raters = 0;

interface Live {
  plan: Plan;
  steps: Step[];
  next: number;
  id?: number;
  code?: string;
  idNumber?: string;
}

/** Takes one more action on the dossier: its intake first. Every action must succeed, as a person would take it. */
async function advance(d: Live, tally: Tally): Promise<void> {
  const proc = PROCEDURES[d.plan.procedure];
  if (d.id === undefined) {
    applicants++;
    d.idNumber = `0461900${String(applicants).padStart(5, '0')}`;
    const res = await c[`tiepnhan.${d.plan.commune}`]!.post('/api/dossiers', {
      procedureCode: proc.code,
      applicant: { name: `Trần Văn Khách ${applicants}`, idNumber: d.idNumber },
      components: proc.components.map((key) => ({ key })),
    });
    expect(res.statusCode, res.body).toBe(201);
    ({ id: d.id, code: d.code } = res.json());
    const code = COMMUNES[d.plan.commune];
    tally.received[code] = (tally.received[code] ?? 0) + 1;
    return;
  }
  const step = d.steps[d.next++];
  if (!step) return;
  if (step.action === 'rate') {
    raters++;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/dossiers/${d.code}/rating`,
      remoteAddress: `198.51.${Math.floor(raters / 250) % 250}.${raters % 250}`,
      payload: { verify: { idNumber: d.idNumber }, answers: step.body },
    });
    expect(res.statusCode, res.body).toBe(201);
    tally.rated++;
    if (step.body!.overall !== 'unsatisfied') tally.satisfied++;
    return;
  }
  const res = await c[step.who]!.post(`/api/dossiers/${d.id}/actions/${step.action}`, step.body ?? {});
  // A supplement may be asked for only within 3 working days of receipt: later, the specialist goes on without.
  if (step.action === 'request_supplement' && res.statusCode === 422) {
    d.next++; // and there is no supplement to receive
    return;
  }
  expect(res.statusCode, `${step.action}: ${res.body}`).toBe(200);
  if (step.action === 'refuse') tally.refused++;
  if (step.action === 'withdraw') tally.withdrawn++;
  if (step.action === 'return_result') tally.returned++;
  if (step.action === 'issue_result') {
    tally.resolved++;
    if (d.plan.refusedResult) tally.resultRefused++;
    const detail = (await c[`tiepnhan.${d.plan.commune}`]!.get(`/api/dossiers/${d.id}`)).json();
    expect(detail.status).toBe('resolved');
    if (detail.colour === 'late') tally.resolvedLate++;
  }
}

function expectNoDifference(v: Awaited<ReturnType<typeof verifyAggregates>>) {
  expect({ facts: v.facts, daily: v.daily, dailyUnit: v.dailyUnit }).toMatchObject({
    facts: { missing: 0, extra: 0, different: 0 },
    daily: { different: 0 },
    dailyUnit: { different: 0 },
  });
  expect(v.ok).toBe(true);
}

const plan = (p: Partial<Plan>): Plan => ({
  commune: 'vinhloc', procedure: 0, ending: 'resolve', supplement: false, refusedResult: false, withdrawAfter: 0, returned: false, rating: 'none', ...p,
});
/** The first run, written out: resolved early, returned and rated; resolved late with a refusal; refused; withdrawn. */
const EVERY_ENDING: [Plan[], Array<[number, number]>] = [
  [
    plan({ returned: true, rating: 'satisfied' }),
    plan({ commune: 'phuvang', procedure: 1, refusedResult: true }),
    plan({ ending: 'refuse' }),
    plan({ commune: 'phuvang', ending: 'withdraw', withdrawAfter: 2 }),
  ],
  [
    ...Array.from({ length: 9 }, (): [number, number] => [0, 0]),
    [2, 0], [2, 0], [3, 0], [3, 0], [3, 0], [3, 0], [1, 0],
    ...Array.from({ length: 6 }, (): [number, number] => [1, 4320]),
  ],
];

describe('the day-by-day counts after random sequences of real actions', () => {
  it('equal a full recount, and the hand-counted totals, after every run', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(planArb, { minLength: 2, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat({ max: 3 }), advanceArb), { minLength: 10, maxLength: 40 }),
        async (plans, schedule) => {
          runs++;
          const before = await unitSums();
          const tally: Tally = { received: {}, refused: 0, withdrawn: 0, resolved: 0, resolvedLate: 0, resultRefused: 0, returned: 0, rated: 0, satisfied: 0 };
          const live: Live[] = plans.map((plan) => ({ plan, steps: script(plan), next: 0 }));
          for (const [which, minutes] of schedule) {
            t.clock.advance(minutes * 60_000);
            await advance(live[which % live.length]!, tally);
          }
          expectNoDifference(await verifyAggregates(t.ctx.db));

          const after = await unitSums();
          const delta = (n: string, code?: string) => sumOf(after, n, code) - sumOf(before, n, code);
          for (const code of Object.values(COMMUNES)) expect(delta('received', code), `received at ${code}`).toBe(tally.received[code] ?? 0);
          expect(delta('received_online')).toBe(0); // all taken at the counter
          expect(delta('refused')).toBe(tally.refused);
          expect(delta('withdrawn')).toBe(tally.withdrawn);
          expect(delta('resolved_early') + delta('resolved_on_time') + delta('resolved_late')).toBe(tally.resolved);
          expect(delta('resolved_late')).toBe(tally.resolvedLate);
          expect(delta('result_refused')).toBe(tally.resultRefused);
          expect(delta('returned')).toBe(tally.returned);
          expect(delta('rated')).toBe(tally.rated);
          expect(delta('satisfied')).toBe(tally.satisfied);
        },
      ),
      { numRuns: 40, examples: [EVERY_ENDING], ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
    expect(runs).toBe(40);
    // The runs took dossiers to every ending, early and late ones included.
    const totals = await unitSums();
    for (const n of ['received', 'refused', 'withdrawn', 'resolved_early', 'resolved_late', 'result_refused', 'returned', 'rated', 'satisfied']) expect(sumOf(totals, n), n).toBeGreaterThan(0);
  }, 300_000);
});

describe('concurrent commits', () => {
  it('parallel intakes and actions at two communes leave counts equal to the recount', async () => {
    const before = await unitSums();
    const intakes = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        c[`tiepnhan.${i % 2 ? 'vinhloc' : 'phuvang'}`]!.post('/api/dossiers', {
          procedureCode: '2.000908',
          applicant: { name: `Phan Văn Song ${i}`, idNumber: `04619007${String(i).padStart(4, '0')}` },
          components: [{ key: 'c1-7d4524' }],
        }),
      ),
    );
    expect(intakes.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const refused = await Promise.all(
      intakes.slice(0, 12).map((r, i) => c[`tiepnhan.${i % 2 ? 'vinhloc' : 'phuvang'}`]!.post(`/api/dossiers/${r.json().id}/actions/refuse`, { reason: 'Không đủ điều kiện' })),
    );
    expect(refused.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    const after = await unitSums();
    expect(sumOf(after, 'received') - sumOf(before, 'received')).toBe(24);
    expect(sumOf(after, 'refused') - sumOf(before, 'refused')).toBe(12);
    expectNoDifference(await verifyAggregates(t.ctx.db));
  });
});

describe('practice dossiers', () => {
  it('a practice dossier never reaches the facts or the counts, whatever is done to it', async () => {
    const before = await unitSums();
    const res = await c['tiepnhan.vinhloc']!.post('/api/dossiers', {
      procedureCode: '2.000908',
      applicant: { name: 'Học viên Tập Huấn', idNumber: '046190099999' },
      components: [{ key: 'c1-7d4524' }],
    });
    expect(res.statusCode).toBe(201);
    const real = res.json().id as number;
    // A practice copy written in one transaction with its flag already set (as a training session would).
    const practice = await t.ctx.db.transaction().execute(async (tx) => {
      await sql`create temp table practice_copy on commit drop as select * from dossiers where id = ${real}`.execute(tx);
      await sql`update practice_copy set id = nextval(pg_get_serial_sequence('dossiers', 'id')), code = code || '-TH', is_practice = true`.execute(tx);
      const row = await sql<{ id: number }>`insert into dossiers select * from practice_copy returning id`.execute(tx);
      const id = Number(row.rows[0]!.id);
      await sql`insert into dossier_components (dossier_id, component_key, name, originals, copies, required, provided)
                select ${id}, component_key, name, originals, copies, required, provided from dossier_components where dossier_id = ${real}`.execute(tx);
      return id;
    });
    const facts = async (id: number) => (await sql<{ n: number }>`select count(*)::int as n from report_facts where dossier_id = ${id}`.execute(t.ctx.db)).rows[0]!.n;
    expect(await facts(real)).toBe(1);
    expect(await facts(practice)).toBe(0);
    // Taken through actions over HTTP: still nowhere.
    expect((await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${practice}/actions/forward`, {})).statusCode).toBe(200);
    expect((await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${practice}/actions/withdraw`, { reason: 'Kết thúc buổi tập' })).statusCode).toBe(200);
    expect(await facts(practice)).toBe(0);
    // A real dossier marked as practice afterwards leaves the facts, and its contribution leaves the counts.
    await sql`update dossiers set is_practice = true where id = ${real}`.execute(t.ctx.db);
    expect(await facts(real)).toBe(0);
    const after = await unitSums();
    for (const n of DAILY_COUNTS) expect(sumOf(after, n), n).toBe(sumOf(before, n));
    expectNoDifference(await verifyAggregates(t.ctx.db));
  });
});

describe('verify and rebuild', () => {
  const snapshot = async () => ({
    facts: (await sql`select * from report_facts order by dossier_id`.execute(t.ctx.db)).rows,
    daily: (await sql.raw(`select * from report_daily where not (${DAILY_COUNTS.filter((n) => n !== 'received_online').map((n) => `${n} = 0`).join(' and ')}) order by unit_id, day, field, procedure_id, channel, official_id`).execute(t.ctx.db)).rows,
    dailyUnit: (await sql.raw(`select * from report_daily_unit where not (${DAILY_COUNTS.map((n) => `${n} = 0`).join(' and ')}) order by unit_id, day`).execute(t.ctx.db)).rows,
  });

  it('a rebuild gives the same rows as the incremental tables', async () => {
    const incremental = await snapshot();
    expect(incremental.facts.length).toBeGreaterThan(10);
    expect(incremental.dailyUnit.length).toBeGreaterThan(3);
    const r = await rebuildAggregates(t.ctx.db);
    expect(r).toMatchObject({ facts: incremental.facts.length, daily: incremental.daily.length, dailyUnit: incremental.dailyUnit.length });
    expect(await snapshot()).toEqual(incremental);
    // The delta trigger is on again: a new action moves the counts, and they still equal the recount.
    const res = await c['tiepnhan.phuvang']!.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Lê Thị Sau', idNumber: '046190088888' }, components: [{ key: 'c1-7d4524' }] });
    expect(res.statusCode).toBe(201);
    expect(sumOf(await unitSums(), 'received')).toBe(incremental.facts.filter((f) => (f as { received_at: unknown }).received_at !== null).length + 1);
    expectNoDifference(await verifyAggregates(t.ctx.db));
  });

  it('finds a corrupted count and a corrupted fact, and a rebuild repairs both', async () => {
    const target = (await sql<{ unit_id: number; day: string }>`select unit_id, day from report_daily_unit where received > 0 order by day desc limit 1`.execute(t.ctx.db)).rows[0]!;
    await sql`update report_daily_unit set received = received + 2 where unit_id = ${target.unit_id} and day = ${target.day}`.execute(t.ctx.db);
    let v = await verifyAggregates(t.ctx.db);
    expect(v.ok).toBe(false);
    expect(v.dailyUnit.different).toBe(1);
    expect(v.daily.different).toBe(0);
    expect(v.dailyUnit.examples[0]).toMatchObject({ key: { unit_id: target.unit_id, day: target.day }, counts: { received: { stored: expect.any(Number), recount: expect.any(Number) } } });
    const ex = v.dailyUnit.examples[0]!.counts.received!;
    expect(ex.stored - ex.recount).toBe(2);

    // A fact edited by hand: its trigger moves the counts with it, so only the comparison with the view sees it.
    const fact = (await sql<{ dossier_id: number }>`select dossier_id from report_facts where outcome = 'on_time' or outcome = 'early' order by dossier_id limit 1`.execute(t.ctx.db)).rows[0]!;
    await sql`update report_facts set outcome = 'late' where dossier_id = ${fact.dossier_id}`.execute(t.ctx.db);
    // And a day row the trigger never wrote.
    await sql`insert into report_daily (unit_id, day, field, procedure_id, channel, official_id, returned) values (${target.unit_id}, '2001-01-01', 'X', 0, 'counter', 0, 1)`.execute(t.ctx.db);
    v = await verifyAggregates(t.ctx.db);
    expect(v.facts).toMatchObject({ missing: 0, extra: 0, different: 1, examples: [Number(fact.dossier_id)] });
    expect(v.daily.different).toBe(1);
    expect(v.daily.examples[0]).toMatchObject({ key: { day: '2001-01-01', field: 'X' }, counts: { returned: { stored: 1, recount: 0 } } });

    await rebuildAggregates(t.ctx.db);
    expectNoDifference(await verifyAggregates(t.ctx.db));
    const repaired = await sql<{ outcome: string }>`select outcome from report_facts where dossier_id = ${fact.dossier_id}`.execute(t.ctx.db);
    expect(repaired.rows[0]!.outcome).not.toBe('late');
  });

  it('a missing and an extra fact are told apart', async () => {
    const [a, b] = (await sql<{ dossier_id: number }>`select dossier_id from report_facts order by dossier_id limit 2`.execute(t.ctx.db)).rows;
    await sql`delete from report_facts where dossier_id = ${a!.dossier_id}`.execute(t.ctx.db);
    // b becomes a practice dossier behind the triggers' back: its fact stays, one too many.
    const behindTriggers = (practice: boolean) =>
      t.ctx.db.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await sql`update dossiers set is_practice = ${practice} where id = ${b!.dossier_id}`.execute(tx);
      });
    await behindTriggers(true);
    const v = await verifyAggregates(t.ctx.db);
    expect(v.facts).toMatchObject({ missing: 1, extra: 1, different: 0, examples: [Number(a!.dossier_id), Number(b!.dossier_id)] });
    // The counts followed the facts table (the delete took a's contribution back), so they agree with its recount.
    expect(v.daily.different + v.dailyUnit.different).toBe(0);
    await rebuildAggregates(t.ctx.db);
    expectNoDifference(await verifyAggregates(t.ctx.db));
    await behindTriggers(false);
    expect((await verifyAggregates(t.ctx.db)).facts.missing).toBe(1);
    await rebuildAggregates(t.ctx.db);
    expectNoDifference(await verifyAggregates(t.ctx.db));
  });
});

describe('motcua reports verify | rebuild', () => {
  it('exits 0 when the tables equal the recount, 1 naming the difference, and rebuild repairs it', async () => {
    const { main } = await import('../../cli.js');
    const { openDatabase } = await import('../../db/connection.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-reports-'));
    const env = { MOTCUA_DATA_DIR: dir };
    const run = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    try {
      expect((await run('migrate')).code).toBe(0);
      const ok = await run('reports', 'verify');
      expect(ok.code, ok.err).toBe(0);
      expect(ok.out).toContain('OK: 0');
      const d = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'db') });
      await sql`insert into report_daily_unit (unit_id, day, received) values (1, '2026-01-05', 3)`.execute(d.db);
      await d.close();
      const bad = await run('reports', 'verify');
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('report_daily_unit: 1');
      expect(bad.err).toContain('unit_id=1 day=2026-01-05: received 3 ≠ 0');
      const rebuilt = await run('reports', 'rebuild');
      expect(rebuilt.code, rebuilt.err).toBe(0);
      expect(rebuilt.out).toContain('Rebuilt: 0 fact rows');
      expect((await run('reports', 'verify')).code).toBe(0);
      expect((await run('reports', 'recount')).code).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
