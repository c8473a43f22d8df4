// One database's run: fresh database, demo seed, a few real intakes over HTTP, the bulk load, then the
// measured phases — bare handler, public status lookup, intake, single-row INSERT transactions.
import { sql } from 'kysely';
import { configFromEnv } from '../src/config.js';
import { createContext } from '../src/context-factory.js';
import { buildApp } from '../src/server.js';
import { DEMO_PASSWORD, seedDemo } from '../src/seed.js';
import { syncCounter } from '../src/db/durable-nodefs.js';
import { toLocalDate } from '../src/modules/calendar/time.js';
import type { AppContext } from '../src/context.js';
import { DEFAULT_N, communesFor, type BenchDb, type BenchOptions } from './options.js';
import { runReportsPhase } from './reports.js';
import { benchDatabaseUrl, databaseFacts, freshDatabase, type BenchDatabase } from './databases.js';
import { redactUrl } from '../src/db/connection.js';
import { bulkSeed } from './bulk-seed.js';
import { runPhase, type PhaseResult } from './http-load.js';
import { createScratchTable, dropScratchTable, insertLoop, startBareServer } from './baselines.js';
import { sampleWaits, type WaitProfile } from './pg-waits.js';
import { ratio, type DatabaseRun, type IntakeFindings, type LoadRun } from './report.js';
import type { LoadSpec } from './load.js';
import { drainOutbox } from '../src/modules/outbox/dispatcher.js';
import { nationalPortalSubscriberFactory } from '../src/modules/integrations/national-portal/subscriber.js';
import { startNationalPortalSimulator } from '../src/simulators/national-portal.js';
import type { OutboxRun } from './report.js';

/** The demo's receiving officer at Vinh Lộc (20122); the procedure takes one working day. */
const OFFICER = 'tiepnhan.vinhloc';
const OFFICER_UNIT = '20122';
const REAL_INTAKES = 5;
const LOOKUP_CODES = 10_000;

export const intakeBody = (idNumber: string) =>
  JSON.stringify({ procedureCode: '2.000908', applicant: { name: 'Nguyễn Văn An', idNumber }, components: [{ key: 'c1-7d4524' }] });

const secondsSince = (t: number) => Math.round((performance.now() - t) / 100) / 10;

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

async function realIntake(base: string, session: Session, idNumber: string): Promise<string> {
  const res = await fetch(`${base}/api/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: intakeBody(idNumber),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`intake through the API failed: HTTP ${res.status} ${text}`);
  return (JSON.parse(text) as { code: string }).code;
}

/** Codes of dossiers picked at random by id (ids are dense: the bulk load fills them in order). */
async function sampleCodes(ctx: AppContext, count: number): Promise<string[]> {
  const range = await ctx.db.selectFrom('dossiers').select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')]).executeTakeFirstOrThrow();
  const lo = Number(range.lo);
  const hi = Number(range.hi);
  const ids = Array.from({ length: count }, () => lo + Math.floor(Math.random() * (hi - lo + 1)));
  const rows = await ctx.db.selectFrom('dossiers').select('code').where('id', 'in', ids).execute();
  return rows.map((r) => r.code);
}

/** Today's dossiers of the officer's unit: how many, and whether their sequence numbers run 1..n with the counter at n. */
async function todaysCodes(ctx: AppContext, unitId: number, identifier: string): Promise<{ n: number; consecutive: boolean }> {
  const today = toLocalDate(ctx.clock.now());
  const prefix = `${identifier}-${today.slice(2, 4)}${today.slice(5, 7)}${today.slice(8, 10)}-`;
  const r = await sql<{ n: number; top: number | null; last: number | null }>`
    select count(*)::int as n, max(split_part(code, '-', 3)::int) as top,
           (select last from dossier_code_counters where unit_id = ${unitId} and day = ${today}) as last
      from dossiers where unit_id = ${unitId} and code like ${prefix + '%'}`.execute(ctx.db);
  const row = r.rows[0]!;
  return { n: row.n, consecutive: row.n === row.top && row.n === row.last };
}

export async function runDatabase(kind: BenchDb, options: BenchOptions, log: (line: string) => void): Promise<DatabaseRun> {
  if (options.reuse) return reuseDatabase(kind, options, log);
  const n = options.n ?? DEFAULT_N[kind];
  const bench = await freshDatabase(kind, options.postgresUrl);
  log(`${kind}: fresh database at ${bench.location}`);
  // Production settings (argon2 cost included: the bench signs in once).
  const config = configFromEnv(process.env);
  let t = performance.now();
  const { ctx, database } = await createContext(bench.options, config);
  const migrateSeconds = secondsSince(t);
  t = performance.now();
  await seedDemo(ctx.db, config);
  const demoSeconds = secondsSince(t);
  log(`${kind}: migrated in ${migrateSeconds} s, demo seeded in ${demoSeconds} s`);

  const app = await buildApp(ctx);
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('app has no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const session = await login(base, OFFICER);
    for (let i = 1; i <= REAL_INTAKES; i++) await realIntake(base, session, `04619000000${i}`);
    log(`${kind}: ${REAL_INTAKES} real intakes through the API; bulk load of ${n.toLocaleString('en-US')} dossiers…`);
    const bulk = await bulkSeed(ctx.db, kind, n, communesFor(options, n), ctx.clock.now(), log);
    const load = options.reportsOnly ? undefined : await loadPhases(kind, options, ctx, bench, base, session, log);

    log(`${kind}: reports phase (one request at a time)`);
    const reports = await runReportsPhase(app, ctx, bulk.province, log);
    const facts = await databaseFacts(ctx.db, bench);
    return {
      database: kind,
      location: bench.location,
      dossiers: n,
      facts,
      poolSize: kind === 'postgres' ? (load?.poolSize ?? null) : null,
      seeding: { migrateSeconds, demoSeconds, realIntakes: REAL_INTAKES, bulk },
      ...(load ? { load: load.run } : {}),
      reports,
    };
  } finally {
    await app.close();
    await database.close();
    bench.cleanup();
  }
}

/** Phases 1–5: the HTTP load phases and their baselines. */
async function loadPhases(
  kind: BenchDb,
  options: BenchOptions,
  ctx: AppContext,
  bench: Awaited<ReturnType<typeof freshDatabase>>,
  base: string,
  session: Session,
  log: (line: string) => void,
): Promise<{ run: LoadRun; poolSize: number | null }> {

  const codes = await sampleCodes(ctx, LOOKUP_CODES);
  const check = await fetch(`${base}/api/public/dossiers/${codes[0]}`);
  if (check.status !== 200) throw new Error(`public lookup of ${codes[0]} failed: HTTP ${check.status}`);

  const warmup = Math.min(3, Math.max(1, Math.round(options.duration / 3)));
  const spec = (url: string, rest: Pick<LoadSpec, 'method' | 'paths' | 'headers'> & Partial<LoadSpec>): LoadSpec => ({
    url,
    connections: options.connections,
    duration: options.duration,
    warmup,
    ...rest,
  });

  const bareServer = await startBareServer();
  log(`${kind}: phase 1/5 bare Fastify handler (${warmup} s warm-up + ${options.duration} s)`);
  const bare = (await runPhase(spec(bareServer.url, { method: 'GET', paths: ['/bare'], headers: {} }))).result;
  await bareServer.close();

  log(`${kind}: phase 2/5 public status lookup over ${codes.length.toLocaleString('en-US')} random codes`);
  const lookup = (await runPhase(spec(base, { method: 'GET', paths: codes.map((c) => `/api/public/dossiers/${c}`), headers: {} }))).result;

  log(`${kind}: phase 3/5 intake as ${OFFICER}`);
  const unit = await ctx.db.selectFrom('units').select(['id', 'identifier']).where('code', '=', OFFICER_UNIT).executeTakeFirstOrThrow();
  const before = await todaysCodes(ctx, unit.id, unit.identifier);
  const intakeSpec = spec(base, {
    method: 'POST',
    paths: ['/api/dossiers'],
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    bodyTemplate: intakeBody('0461{{seq}}'),
  });
  const findings: Partial<IntakeFindings> = {};
  let intake: PhaseResult;
  if (bench.url) {
    const r = await runPhase<WaitProfile>(intakeSpec, () => sampleWaits(bench.url!));
    intake = r.result;
    findings.waits = r.side;
  } else {
    const r = await runPhase<number>(intakeSpec, () => {
      const c0 = syncCounter.count;
      return { stop: async () => syncCounter.count - c0 };
    });
    intake = r.result;
    findings.fsyncsPerIntake = Math.round(((r.side ?? 0) / Math.max(1, intake.ok2xx)) * 100) / 100;
  }
  const after = await todaysCodes(ctx, unit.id, unit.identifier);
  findings.dossiersAdded = after.n - before.n;
  findings.codesConsecutive = after.consecutive;

  log(`${kind}: phase 4/5 outbox: every event of the run delivered to the national portal simulator`);
  const outbox = await dispatchToPortal(ctx);
  log(`${kind}: ${outbox.delivered} deliveries in ${outbox.seconds} s (${outbox.perSecond}/s); the portal applied ${outbox.applied}`);

  log(`${kind}: phase 5/5 single-row INSERT transactions`);
  await createScratchTable(ctx.db);
  const sequential = await insertLoop(ctx.db, options.duration, 1);
  // PGlite has one session: concurrent workers would only queue on its lock, so they are measured on PostgreSQL only.
  const concurrent = kind === 'postgres' ? await insertLoop(ctx.db, options.duration, options.connections) : null;
  await dropScratchTable(ctx.db);

  const poolSize =
    kind === 'postgres'
      ? (await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`.execute(ctx.db)).rows[0]!.n
      : null;
  return {
    poolSize,
    run: {
      bare,
      lookup,
      intake: { ...intake, ...(findings as IntakeFindings) },
      outbox,
      inserts: { sequential, concurrent },
      ratios: {
        intakeVsBare: ratio(intake.requestsPerSecond, bare.requestsPerSecond),
        lookupVsBare: ratio(lookup.requestsPerSecond, bare.requestsPerSecond),
        intakeVsInsertSequential: ratio(intake.requestsPerSecond, sequential.perSecond),
        intakeVsInsertConcurrent: concurrent ? ratio(intake.requestsPerSecond, concurrent.perSecond) : null,
      },
    },
  };
}

/**
 * The dispatcher's throughput: the events the run's intakes wrote, delivered to a national portal simulator
 * (in this process, so it shares the CPU) — a full dossier sync each, with the session token and idempotency key.
 */
async function dispatchToPortal(ctx: AppContext): Promise<OutboxRun> {
  const portal = await startNationalPortalSimulator({});
  try {
    const connected: AppContext = {
      ...ctx,
      config: { ...ctx.config, integrations: { ...ctx.config.integrations, nationalPortal: { url: portal.url, clientId: portal.clientId, secret: portal.secret } } },
    };
    const subscriber = nationalPortalSubscriberFactory(connected)!;
    const t0 = performance.now();
    const r = await drainOutbox(connected, [subscriber]);
    const seconds = (performance.now() - t0) / 1000;
    const stats = portal.stats() as { sync: number; status: number };
    return {
      events: r.routed,
      delivered: r.delivered,
      failed: r.failed + r.retrying,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(r.delivered / Math.max(seconds, 0.001)),
      applied: stats.sync + stats.status,
    };
  } finally {
    await portal.close();
  }
}

/** --reuse: the reports phase alone, on the bench database as the last run left it (PostgreSQL). */
async function reuseDatabase(kind: BenchDb, options: BenchOptions, log: (line: string) => void): Promise<DatabaseRun> {
  if (kind !== 'postgres') throw new Error('--reuse needs --db=postgres: a PGlite bench database is removed after its run');
  const url = benchDatabaseUrl(options.postgresUrl);
  const bench: BenchDatabase = { kind, options: { kind: 'postgres', url }, location: redactUrl(url), url, cleanup: () => undefined };
  const { ctx, database } = await createContext(bench.options, configFromEnv(process.env));
  const app = await buildApp(ctx);
  try {
    const n = Number((await sql<{ n: number }>`select count(*)::bigint as n from dossiers`.execute(ctx.db)).rows[0]!.n);
    // The bulk load's province: the one with the most dossiers.
    const top = await sql<{ code: string }>`
      select p.code from report_daily_unit d join units c on c.id = d.unit_id join units p on p.id = c.parent_id
       group by p.code order by sum(d.received) desc limit 1`.execute(ctx.db);
    if (!top.rows[0] || n < 1_000) throw new Error(`the bench database at ${bench.location} holds no bulk load: run the bench once without --reuse`);
    log(`${kind}: reusing ${bench.location} (${n.toLocaleString('en-US')} dossiers, province ${top.rows[0].code}); reports phase`);
    const reports = await runReportsPhase(app, ctx, top.rows[0].code, log);
    const facts = await databaseFacts(ctx.db, bench);
    return { database: kind, location: bench.location, dossiers: n, facts, poolSize: null, reports };
  } finally {
    await app.close();
    await database.close();
  }
}
