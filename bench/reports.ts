// The reports phase: the report, index and satisfaction endpoints over the seeded province, one request at a
// time (an official opening a report, not a load test), several repetitions each; and what the report
// triggers add to a dossier's own transactions (intake to resolution with them on, and off).
import { sql } from 'kysely';
import type { App, AppContext } from '../src/context.js';
import { DEMO_PASSWORD } from '../src/seed.js';
import { addDays, toLocalDate } from '../src/modules/calendar/time.js';
import { verifyAggregates } from '../src/modules/reports/aggregates.js';

export interface Timing {
  name: string;
  url: string;
  status: number;
  bytes: number;
  repetitions: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface TriggerCost {
  dossiers: number;
  /** One dossier from intake to resolved: 7 requests (intake, forward ×2, submit, approve, sign, issue). */
  withTriggersMs: { median: number; p95: number };
  withoutTriggersMs: { median: number; p95: number };
  /** The median difference, per dossier and per request. */
  addedPerDossierMs: number;
  addedPerRequestMs: number;
}

export interface ReportsRun {
  province: string;
  communes: { busiest: string; worst: string };
  periods: { quarter: [string, string]; year: [string, string] };
  timings: Timing[];
  triggerCost: TriggerCost | null;
  /** `motcua reports verify` after the phase: the kept tables against a full recount. */
  verify: { ok: boolean; seconds: number; differences: number };
}

const REPETITIONS = 9;
const VIEWER = 'theodoi.hue';

export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
const round = (x: number) => Math.round(x * 10) / 10;

export async function login(app: App, username: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

/** The calendar quarter before today's, and the twelve months before today's month: local dates, inclusive. */
export function periods(today: string): ReportsRun['periods'] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.floor((m - 1) / 3); // 0..3, this quarter
  const [qy, qm] = q === 0 ? [y - 1, 10] : [y, q * 3 - 2];
  const qFrom = `${qy}-${String(qm).padStart(2, '0')}-01`;
  const qTo = addDays(`${qm + 3 > 12 ? qy + 1 : qy}-${String(((qm + 2) % 12) + 1).padStart(2, '0')}-01`, -1);
  const monthStart = `${y}-${String(m).padStart(2, '0')}-01`;
  return { quarter: [qFrom, qTo], year: [`${y - 1}-${String(m).padStart(2, '0')}-01`, addDays(monthStart, -1)] };
}

export async function runReportsPhase(app: App, ctx: AppContext, province: string, log: (line: string) => void): Promise<ReportsRun> {
  // The demo's province viewer reads Huế; when the bench seeded another province, it may read that one too.
  const viewerId = (await ctx.db.selectFrom('accounts').select('id').where('username', '=', VIEWER).executeTakeFirstOrThrow()).id;
  const provinceId = (await ctx.db.selectFrom('units').select('id').where('code', '=', province).executeTakeFirstOrThrow()).id;
  await sql`insert into role_grants (account_id, role, unit_id) values (${viewerId}, 'province_viewer', ${provinceId}) on conflict do nothing`.execute(ctx.db);
  const headers = await login(app, VIEWER);
  const get = async (url: string) => {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers });
    return { ms: performance.now() - t, status: res.statusCode, bytes: res.rawPayload.length, body: res.body };
  };

  const today = toLocalDate(ctx.clock.now());
  const p = periods(today);
  const [qFrom, qTo] = p.quarter;
  const [yFrom, yTo] = p.year;

  // Which communes to open: the busiest of the quarter, and the one with the most late resolutions.
  const byUnit = await get(`/api/reports/summary?unit=${province}&from=${qFrom}&to=${qTo}&by=unit`);
  let busiest = '';
  let worst = '';
  if (byUnit.status === 200) {
    const rows = (JSON.parse(byUnit.body) as { rows: Array<{ key: string; counts: { received: number; resolvedLate: number } }> }).rows;
    busiest = [...rows].sort((a, b) => b.counts.received - a.counts.received)[0]?.key ?? '';
    worst = [...rows].sort((a, b) => b.counts.resolvedLate - a.counts.resolvedLate)[0]?.key ?? '';
  }
  if (!busiest) {
    // The summary is not there (yet): the busiest commune by the day counts themselves.
    const r = await sql<{ code: string }>`
      select u.code from report_daily_unit d join units u on u.id = d.unit_id join units p on p.id = u.parent_id
       where p.code = ${province} and d.day between ${qFrom} and ${qTo}
       group by u.code order by sum(d.received) desc, sum(d.resolved_late) desc limit 1`.execute(ctx.db);
    busiest = worst = r.rows[0]?.code ?? '';
  }
  log(`  province ${province}, quarter ${qFrom}..${qTo}, year ${yFrom}..${yTo}; busiest commune ${busiest}, most late ${worst}`);

  const cases: Array<[string, string]> = [
    ['summary by unit, province, quarter', `/api/reports/summary?unit=${province}&from=${qFrom}&to=${qTo}&by=unit`],
    ['summary by field, one commune, quarter', `/api/reports/summary?unit=${busiest}&from=${qFrom}&to=${qTo}&by=field`],
    ['summary by field, province, quarter', `/api/reports/summary?unit=${province}&from=${qFrom}&to=${qTo}&by=field`],
    ['summary by procedure, province, 12 months', `/api/reports/summary?unit=${province}&from=${yFrom}&to=${yTo}&by=procedure`],
    ['ranking as XLSX, province, quarter', `/api/service-index/ranking?province=${province}&from=${qFrom}&to=${qTo}&format=xlsx`],
    ['late dossiers of the worst commune, page 1', `/api/reports/dossiers?unit=${worst}&from=${qFrom}&to=${qTo}&metric=resolvedLate&page=1&pageSize=50`],
    ['trend by month, province, 12 months', `/api/reports/trend?unit=${province}&from=${yFrom}&to=${yTo}&interval=month`],
    ['service index ranking, province, quarter', `/api/service-index/ranking?province=${province}&from=${qFrom}&to=${qTo}`],
    ['service index, one commune, quarter', `/api/service-index?unit=${busiest}&from=${qFrom}&to=${qTo}`],
    ['satisfaction by official, province, quarter', `/api/satisfaction?unit=${province}&from=${qFrom}&to=${qTo}&by=official`],
    ['service index ranking, province, 12 months', `/api/service-index/ranking?province=${province}&from=${yFrom}&to=${yTo}`],
    ['summary by unit, province, 12 months', `/api/reports/summary?unit=${province}&from=${yFrom}&to=${yTo}&by=unit`],
  ];
  const timings: Timing[] = [];
  for (const [name, url] of cases) {
    await get(url); // warm-up: plans and caches, as after the first click
    const runs: number[] = [];
    let last = { status: 0, bytes: 0, body: '' };
    for (let i = 0; i < REPETITIONS; i++) {
      const r = await get(url);
      runs.push(r.ms);
      last = r;
    }
    runs.sort((a, b) => a - b);
    const t: Timing = { name, url, status: last.status, bytes: last.bytes, repetitions: REPETITIONS, medianMs: round(quantile(runs, 0.5)), p95Ms: round(quantile(runs, 0.95)), maxMs: round(runs.at(-1)!) };
    timings.push(t);
    log(`  ${name}: HTTP ${t.status}, median ${t.medianMs} ms, p95 ${t.p95Ms} ms${t.status !== 200 ? ` — ${last.body.slice(0, 160)}` : ''}`);
  }
  const triggerCost = await measureTriggerCost(app, ctx, log);
  const v = await verifyAggregates(ctx.db);
  const differences = v.facts.missing + v.facts.extra + v.facts.different + v.daily.different + v.dailyUnit.different;
  const verify = { ok: v.ok, seconds: round(v.seconds), differences };
  log(`  reports verify (full recount of ${v.facts.rows.toLocaleString('en-US')} facts): ${v.ok ? 'equal' : `${differences} DIFFERENCES`} in ${verify.seconds} s`);
  return { province, communes: { busiest, worst }, periods: p, timings, triggerCost, verify };
}

/**
 * A dossier from intake to resolution at Vinh Lộc through the API, in alternating batches with the report
 * triggers on and off; afterwards the dossiers handled without them get their facts, so the tables stay whole.
 */
async function measureTriggerCost(app: App, ctx: AppContext, log: (line: string) => void): Promise<TriggerCost | null> {
  const who = async (role: string) => login(app, `${role}.vinhloc`);
  const c = { tiepnhan: await who('tiepnhan'), chuyenvien: await who('chuyenvien'), truongphong: await who('truongphong'), lanhdao: await who('lanhdao'), vanthu: await who('vanthu') };
  const post = async (h: Record<string, string>, url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: h, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  let seq = 0;
  const oneDossier = async (): Promise<{ id: number; ms: number }> => {
    seq++;
    const t = performance.now();
    const res = await post(c.tiepnhan, '/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Nguyễn Văn Đo', idNumber: `0461988${String(seq).padStart(5, '0')}` }, components: [{ key: 'c1-7d4524' }] });
    const id = (res.json() as { id: number }).id;
    const act = (h: Record<string, string>, action: string, body: object = {}) => post(h, `/api/dossiers/${id}/actions/${action}`, body);
    await act(c.tiepnhan, 'forward');
    await act(c.chuyenvien, 'forward');
    await act(c.truongphong, 'submit_for_approval', { outcome: 'granted' });
    await act(c.lanhdao, 'approve');
    await act(c.lanhdao, 'sign');
    await act(c.vanthu, 'issue_result');
    return { id, ms: performance.now() - t };
  };
  const triggers = (await sql<{ table: string; name: string }>`
    select t.tgrelid::regclass::text as "table", t.tgname as name from pg_trigger t
     where not t.tgisinternal and t.tgname like 'report\\_%' and t.tgrelid <> 'report_facts'::regclass`.execute(ctx.db)).rows;
  if (triggers.length === 0) return null;
  const setTriggers = async (on: boolean) => {
    for (const tr of triggers) await sql`alter table ${sql.id(tr.table)} ${sql.raw(on ? 'enable' : 'disable')} trigger ${sql.id(tr.name)}`.execute(ctx.db);
  };
  const on: number[] = [];
  const off: number[] = [];
  const untracked: number[] = [];
  try {
    await oneDossier(); // warm-up
    for (let batch = 0; batch < 10; batch++) {
      const withTriggers = batch % 2 === 0;
      await setTriggers(withTriggers);
      for (let i = 0; i < 4; i++) {
        const r = await oneDossier();
        (withTriggers ? on : off).push(r.ms);
        if (!withTriggers) untracked.push(r.id);
      }
    }
  } finally {
    await setTriggers(true);
  }
  for (const id of untracked) await sql`select report_refresh(${id})`.execute(ctx.db);
  on.sort((a, b) => a - b);
  off.sort((a, b) => a - b);
  const cost: TriggerCost = {
    dossiers: on.length + off.length,
    withTriggersMs: { median: round(quantile(on, 0.5)), p95: round(quantile(on, 0.95)) },
    withoutTriggersMs: { median: round(quantile(off, 0.5)), p95: round(quantile(off, 0.95)) },
    addedPerDossierMs: round(quantile(on, 0.5) - quantile(off, 0.5)),
    addedPerRequestMs: round((quantile(on, 0.5) - quantile(off, 0.5)) / 7),
  };
  log(`  intake → resolved (7 requests): with report triggers median ${cost.withTriggersMs.median} ms (p95 ${cost.withTriggersMs.p95}), without ${cost.withoutTriggersMs.median} ms (p95 ${cost.withoutTriggersMs.p95}): +${cost.addedPerDossierMs} ms per dossier`);
  return cost;
}
