// The staff capacity phase (`npm run bench -- --capacity`): a database of its own with the demo as a real
// installation has it — the full catalogue (seedDemo), the six months of dossier history (seedHistory) and the
// capacity demo (seedCapacityDemo) — then the capacity endpoints one request at a time, as the commune leader
// (lanhdao.vinhloc, 20122) and the province viewer (theodoi.hue, 46) open them: a warm-up and 9 repetitions
// each. Any endpoint slower than SLOW_MS at the median is asked once more with every SQL statement timed, and
// the slowest statements are kept in the results. Not a test: nothing asserts a time.
import os from 'node:os';
import { PostgresQueryCompiler, sql, type KyselyPlugin, type QueryResult, type UnknownRow } from 'kysely';
import { configFromEnv } from '../src/config.js';
import { createContext } from '../src/context-factory.js';
import type { App, AppContext } from '../src/context.js';
import { buildApp } from '../src/server.js';
import { seedDemo } from '../src/seed.js';
import { seedHistory } from '../src/modules/demo/history.js';
import { seedCapacityDemo } from '../src/modules/capacity/demo/seed.js';
import { lastQuarter } from '../src/modules/capacity/demo/plan.js';
import { toLocalDate } from '../src/modules/calendar/time.js';
import { databaseFacts, freshDatabase, type DatabaseFacts } from './databases.js';
import type { BenchDb, BenchOptions } from './options.js';
import { formatTable } from './report.js';
import { login, quantile } from './reports.js';

const REPETITIONS = 9;
/** A median above this (ms; MOTCUA_BENCH_SLOW_MS) is looked into: one more request with its SQL statements timed. */
export const SLOW_MS = Number(process.env.MOTCUA_BENCH_SLOW_MS ?? 300) || 300;
const LEADER = 'lanhdao.vinhloc';
const VIEWER = 'theodoi.hue';
const LAND_SPECIALIST = 'chuyenviendd.vinhloc';
const COMMUNE = '20122';
const PROVINCE = '46';
/** The capacity phase's own database on PostgreSQL, beside (never instead of) the load bench's motcua_bench. */
const CAPACITY_DATABASE = 'motcua_bench_capacity';

const round = (x: number) => Math.round(x * 10) / 10;
const secondsSince = (t: number) => Math.round((performance.now() - t) / 100) / 10;
const load1 = () => Math.round(os.loadavg()[0]! * 10) / 10;

export interface CapacityTiming {
  name: string;
  as: string;
  method: 'GET' | 'POST';
  url: string;
  status: number;
  bytes: number;
  repetitions: number;
  /** The unmeasured first request (cold plans and caches). */
  firstMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** 1-minute load average when the endpoint's repetitions began. */
  loadAverage: number;
  /** Only for an endpoint slower than SLOW_MS: its statements in one more request, slowest first. */
  statements?: Array<{ sql: string; calls: number; ms: number }>;
}

export interface CapacityRun {
  database: BenchDb;
  location: string;
  now: string;
  seeding: { migrateSeconds: number; demoSeconds: number; historySeconds: number; capacitySeconds: number; vacuumAnalyzeSeconds: number };
  seeded: { procedures: number; dossiers: number; history: number; officials: number; positions: number; assessments: number; classes: number };
  periods: { quarter: [string, string]; month: string; year: [string, string] };
  ids: { landSpecialist: number; impactClass: number; plan: number | null };
  timings: CapacityTiming[];
  /** 1-minute load average at the start, after the seeding and at the end. */
  loadAverage: { start: number; afterSeeding: number; end: number };
  facts: DatabaseFacts;
}

/** The month before today's ('YYYY-MM'). */
function lastMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export async function runCapacity(kind: BenchDb, options: BenchOptions, log: (line: string) => void): Promise<CapacityRun> {
  const startLoad = load1();
  const server = new URL(options.postgresUrl);
  server.pathname = `/${CAPACITY_DATABASE}`;
  const bench = await freshDatabase(kind, server.toString());
  log(`${kind}: fresh database at ${bench.location}`);
  const config = configFromEnv(process.env);
  let t = performance.now();
  const { ctx, database } = await createContext(bench.options, config);
  const migrateSeconds = secondsSince(t);
  const now = ctx.clock.now();
  t = performance.now();
  const demo = await seedDemo(ctx.db, config, { now }); // the full catalogue (data/procedures.json)
  const demoSeconds = secondsSince(t);
  const procedures = (demo.catalogue?.created ?? 0) + (demo.catalogue?.newVersions ?? 0) + (demo.catalogue?.unchanged ?? 0);
  log(`${kind}: migrated in ${migrateSeconds} s, demo with the full catalogue (${procedures} procedures) seeded in ${demoSeconds} s`);
  t = performance.now();
  const history = await seedHistory(ctx.db, { now });
  const historySeconds = secondsSince(t);
  log(`${kind}: history seeded in ${historySeconds} s (${history.dossiers.toLocaleString('en-US')} dossiers, ${history.history.toLocaleString('en-US')} history entries, ${history.from}..${history.to})`);
  t = performance.now();
  const capacity = await seedCapacityDemo(ctx.db, { now });
  const capacitySeconds = secondsSince(t);
  log(`${kind}: capacity demo seeded in ${capacitySeconds} s (${capacity.positions} positions, ${capacity.assessments} assessments, ${capacity.certificates} certificates, ${capacity.classes} classes)`);
  // As the load bench does after its load: so that neither autovacuum nor a checkpoint falls into a measured request.
  t = performance.now();
  await sql`vacuum (analyze)`.execute(ctx.db);
  await sql`checkpoint`.execute(ctx.db);
  const vacuumAnalyzeSeconds = secondsSince(t);
  log(`${kind}: vacuum analyze + checkpoint in ${vacuumAnalyzeSeconds} s`);
  const afterSeeding = load1();

  const app = await buildApp(ctx);
  try {
    const run = await measure(app, ctx, log);
    const facts = await databaseFacts(ctx.db, bench);
    const officials = await sql<{ n: number }>`select count(distinct account_id)::int as n from position_assignments where ended_on is null`.execute(ctx.db);
    return {
      database: kind,
      location: bench.location,
      now: now.toISOString(),
      seeding: { migrateSeconds, demoSeconds, historySeconds, capacitySeconds, vacuumAnalyzeSeconds },
      seeded: { procedures, dossiers: history.dossiers, history: history.history, officials: officials.rows[0]!.n, positions: capacity.positions, assessments: capacity.assessments, classes: capacity.classes },
      ...run,
      loadAverage: { start: startLoad, afterSeeding, end: load1() },
      facts,
    };
  } finally {
    await app.close();
    await database.close();
    bench.cleanup();
  }
}

async function measure(app: App, ctx: AppContext, log: (line: string) => void): Promise<Pick<CapacityRun, 'periods' | 'ids' | 'timings'>> {
  const now = ctx.clock.now();
  const today = toLocalDate(now);
  const q = lastQuarter(now);
  const month = lastMonth(today);
  const year = today.slice(0, 4);
  const periods: CapacityRun['periods'] = { quarter: [q.from, q.to], month, year: [`${year}-01-01`, `${year}-12-31`] };
  const accountId = async (username: string) => (await ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const landSpecialist = await accountId(LAND_SPECIALIST);
  const commune = await ctx.db.selectFrom('units').select('id').where('code', '=', COMMUNE).executeTakeFirstOrThrow();
  // Last quarter's class at Vĩnh Lộc (the one whose attendees the history sends back less afterwards).
  const impactClass = await ctx.db
    .selectFrom('training_classes')
    .select('id')
    .where('unit_id', '=', commune.id)
    .where('starts_on', '>=', q.from)
    .where('starts_on', '<=', q.to)
    .orderBy('starts_on')
    .executeTakeFirstOrThrow();

  const sessions = { leader: await login(app, LEADER), viewer: await login(app, VIEWER), specialist: await login(app, LAND_SPECIALIST) };
  const who = { leader: LEADER, viewer: VIEWER, specialist: LAND_SPECIALIST } as const;
  type Who = keyof typeof sessions;
  const send = async (target: App, as: Who, method: 'GET' | 'POST', url: string, payload?: object) => {
    const t = performance.now();
    const res = await target.inject({ method, url, headers: sessions[as], ...(payload ? { payload } : {}) });
    return { ms: performance.now() - t, status: res.statusCode, bytes: res.rawPayload.length, body: res.body };
  };

  const timings: CapacityTiming[] = [];
  const time = async (name: string, as: Who, url: string) => {
    const first = await send(app, as, 'GET', url); // warm-up: plans and caches, as after the first click
    const loadAverage = load1();
    const runs: number[] = [];
    let last = first;
    for (let i = 0; i < REPETITIONS; i++) {
      last = await send(app, as, 'GET', url);
      runs.push(last.ms);
    }
    runs.sort((a, b) => a - b);
    const t: CapacityTiming = {
      name,
      as: who[as],
      method: 'GET',
      url,
      status: last.status,
      bytes: last.bytes,
      repetitions: REPETITIONS,
      firstMs: round(first.ms),
      medianMs: round(quantile(runs, 0.5)),
      p95Ms: round(quantile(runs, 0.95)),
      maxMs: round(runs.at(-1)!),
      loadAverage,
    };
    timings.push(t);
    log(`  ${name}: HTTP ${t.status}, median ${t.medianMs} ms, p95 ${t.p95Ms} ms (first ${t.firstMs})${t.status !== 200 ? ` — ${last.body.slice(0, 160)}` : ''}`);
  };

  const field = encodeURIComponent('Đất đai');
  const [qFrom, qTo] = periods.quarter;
  const [yFrom, yTo] = periods.year;
  log(`  quarter ${qFrom}..${qTo}, month ${month}, year ${year}; ${LAND_SPECIALIST} = ${landSpecialist}, last quarter's class ${impactClass.id}`);
  await time('gaps, commune', 'leader', `/api/capacity/gaps?unit=${COMMUNE}`);
  await time('gaps, province', 'viewer', `/api/capacity/gaps?unit=${PROVINCE}`);
  await time('cover (land, specialist away)', 'leader', `/api/capacity/cover?unit=${COMMUNE}&field=${field}&absent=${landSpecialist}`);
  await time('own profile (specialist)', 'specialist', '/api/capacity/officials/me/profile');
  await time('an official\'s profile (leader)', 'leader', `/api/capacity/officials/${landSpecialist}/profile`);
  await time('evidence, commune, quarter', 'leader', `/api/capacity/evidence?unit=${COMMUNE}&from=${qFrom}&to=${qTo}`);
  await time('evidence, province, quarter', 'viewer', `/api/capacity/evidence?unit=${PROVINCE}&from=${qFrom}&to=${qTo}`);
  await time('evidence entries, one official', 'leader', `/api/capacity/evidence/entries?unit=${COMMUNE}&from=${qFrom}&to=${qTo}&official=${landSpecialist}`);
  await time('workload, commune', 'leader', `/api/capacity/workload?unit=${COMMUNE}`);
  await time('workload suggestions, commune', 'leader', `/api/capacity/workload/suggestions?unit=${COMMUNE}`);
  await time('appraisal, last month (JSON)', 'leader', `/api/capacity/appraisal?unit=${COMMUNE}&month=${month}`);
  await time('appraisal, last month (XLSX)', 'leader', `/api/capacity/appraisal?unit=${COMMUNE}&month=${month}&format=xlsx`);
  await time('training report, commune, year', 'leader', `/api/capacity/training-report?unit=${COMMUNE}&from=${yFrom}&to=${yTo}`);
  await time('training report, province, year', 'viewer', `/api/capacity/training-report?unit=${PROVINCE}&from=${yFrom}&to=${yTo}`);
  await time('class impact, last quarter\'s class', 'leader', `/api/capacity/classes/${impactClass.id}/impact`);

  // The year's plan: drafted once (a POST can be timed only once: a second one is a 409), then read.
  let planYear = Number(year);
  let draft = await send(app, 'leader', 'POST', '/api/capacity/plans', { unit: COMMUNE, year: planYear });
  if (draft.status === 409) {
    planYear++;
    draft = await send(app, 'leader', 'POST', '/api/capacity/plans', { unit: COMMUNE, year: planYear });
  }
  const planId = draft.status === 201 ? (JSON.parse(draft.body) as { id: number }).id : null;
  const draftUrl = '/api/capacity/plans';
  timings.push({ name: `plan draft, ${planYear} (POST, once)`, as: LEADER, method: 'POST', url: draftUrl, status: draft.status, bytes: draft.bytes, repetitions: 1, firstMs: round(draft.ms), medianMs: round(draft.ms), p95Ms: round(draft.ms), maxMs: round(draft.ms), loadAverage: load1() });
  log(`  plan draft, ${planYear} (POST, once): HTTP ${draft.status}, ${round(draft.ms)} ms${draft.status !== 201 ? ` — ${draft.body.slice(0, 160)}` : ''}`);
  await time(`plan, ${planYear} (GET)`, 'leader', `/api/capacity/plans?unit=${COMMUNE}&year=${planYear}`);
  await time('practice scenarios', 'leader', '/api/capacity/practice/scenarios');

  // The slow ones once more, with each statement timed (a second app on the same database, the timer plugged in).
  const slow = timings.filter((t) => t.method === 'GET' && t.medianMs > SLOW_MS);
  if (slow.length) {
    const timer = new StatementTimer();
    const timed = await buildApp({ ...ctx, db: ctx.db.withPlugin(timer) }); // the same caches (units) as the measured app
    try {
      for (const t of slow) {
        const as = (Object.keys(who) as Who[]).find((k) => who[k] === t.as)!;
        timer.start();
        const r = await send(timed, as, 'GET', t.url);
        t.statements = timer.stop().slice(0, 5);
        log(`  slow: ${t.name} (HTTP ${r.status}, ${r.bytes} bytes, ${round(r.ms)} ms with timing): ${t.statements.map((s) => `${s.ms} ms × ${s.calls}: ${s.sql.slice(0, 100)}`).join(' | ')}`);
      }
    } finally {
      await timed.close();
    }
  }
  return { periods, ids: { landSpecialist, impactClass: impactClass.id, plan: planId }, timings };
}

/** Times each statement from the moment Kysely hands it over to its result (as bench/statements.ts does). */
class StatementTimer implements KyselyPlugin {
  readonly #compiler = new PostgresQueryCompiler();
  readonly #started = new WeakMap<object, { sql: string; at: number }>();
  #totals = new Map<string, { calls: number; ms: number }>();
  #recording = false;

  start(): void {
    this.#totals = new Map();
    this.#recording = true;
  }

  stop(): Array<{ sql: string; calls: number; ms: number }> {
    this.#recording = false;
    return [...this.#totals.entries()].map(([s, t]) => ({ sql: s.slice(0, 600), calls: t.calls, ms: round(t.ms) })).sort((a, b) => b.ms - a.ms);
  }

  transformQuery: KyselyPlugin['transformQuery'] = ({ node, queryId }) => {
    if (this.#recording) this.#started.set(queryId, { sql: this.#compiler.compileQuery(node, queryId).sql.replace(/\s+/g, ' ').trim(), at: performance.now() });
    return node;
  };

  transformResult: KyselyPlugin['transformResult'] = async ({ queryId, result }): Promise<QueryResult<UnknownRow>> => {
    const start = this.#started.get(queryId);
    if (start) {
      this.#started.delete(queryId);
      const t = this.#totals.get(start.sql) ?? { calls: 0, ms: 0 };
      t.calls++;
      t.ms += performance.now() - start.at;
      this.#totals.set(start.sql, t);
    }
    return result;
  };
}

const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));

/** One row per endpoint, median / p95 ms per database; then the seeding times. */
export function capacityTable(runs: CapacityRun[]): string {
  const names = runs[0]?.timings.map((t) => t.name) ?? [];
  const rows: string[][] = [['endpoint (median / p95 ms)', 'as', ...runs.map((r) => r.database)]];
  for (const name of names) {
    const first = runs[0]!.timings.find((t) => t.name === name)!;
    rows.push([
      name,
      first.as,
      ...runs.map((r) => {
        const t = r.timings.find((x) => x.name === name);
        if (!t) return '—';
        const figure = t.repetitions === 1 ? `${fmt(t.medianMs)} (once)` : `${fmt(t.medianMs)} / ${fmt(t.p95Ms)}`;
        return `${t.status !== 200 && t.status !== 201 ? `HTTP ${t.status} ` : ''}${t.medianMs > SLOW_MS ? '! ' : ''}${figure}`;
      }),
    ]);
  }
  rows.push(['seed s: demo + full catalogue', '', ...runs.map((r) => String(r.seeding.demoSeconds))]);
  rows.push(['seed s: 6-month history', '', ...runs.map((r) => `${r.seeding.historySeconds} (${r.seeded.dossiers.toLocaleString('en-US')} dossiers)`)]);
  rows.push(['seed s: capacity demo', '', ...runs.map((r) => String(r.seeding.capacitySeconds))]);
  rows.push(['seed s: migrate / vacuum analyze', '', ...runs.map((r) => `${r.seeding.migrateSeconds} / ${r.seeding.vacuumAnalyzeSeconds}`)]);
  rows.push(['machine load avg: start → seeded → end', '', ...runs.map((r) => `${r.loadAverage.start} → ${r.loadAverage.afterSeeding} → ${r.loadAverage.end}`)]);
  return formatTable(rows);
}
