// Where one intake and one public lookup spend their time, statement by statement, with nothing running
// concurrently: `node bin/run-ts.js bench/statements.ts [--db=pglite|postgres] [--n=20000] [--count=50]`.
// A diagnostic beside `npm run bench`, for whoever works on the intake path.
import { parseArgs } from 'node:util';
import { PostgresQueryCompiler, type KyselyPlugin, type QueryResult, type UnknownRow } from 'kysely';
import { configFromEnv } from '../src/config.js';
import { contextFor } from '../src/context-factory.js';
import { openDatabase } from '../src/db/connection.js';
import { migrate } from '../src/db/migrate.js';
import { buildApp } from '../src/server.js';
import { DEMO_PASSWORD, seedDemo } from '../src/seed.js';
import { bulkSeed } from './bulk-seed.js';
import { freshDatabase } from './databases.js';
import { DEFAULT_POSTGRES_URL } from './options.js';
import { formatTable } from './report.js';
import { intakeBody } from './suite.js';

/** Times each statement from the moment Kysely hands it over (connection wait included) to its result. */
class StatementTimer implements KyselyPlugin {
  readonly #compiler = new PostgresQueryCompiler();
  readonly #started = new WeakMap<object, { sql: string; at: number }>();
  readonly totals = new Map<string, { calls: number; ms: number }>();
  /** [start, end] of every statement: statements issued together (Promise.all on one transaction) overlap. */
  readonly #intervals: Array<[number, number]> = [];
  recording = false;

  transformQuery: KyselyPlugin['transformQuery'] = ({ node, queryId }) => {
    if (this.recording) {
      const sql = this.#compiler.compileQuery(node, queryId).sql.replace(/\s+/g, ' ').trim();
      this.#started.set(queryId, { sql, at: performance.now() });
    }
    return node;
  };

  transformResult: KyselyPlugin['transformResult'] = async ({ queryId, result }): Promise<QueryResult<UnknownRow>> => {
    const start = this.#started.get(queryId);
    if (start) {
      const t = this.totals.get(start.sql) ?? { calls: 0, ms: 0 };
      t.calls++;
      const end = performance.now();
      t.ms += end - start.at;
      this.totals.set(start.sql, t);
      this.#intervals.push([start.at, end]);
    }
    return result;
  };

  report(title: string, requests: number, wallMs: number): string {
    const rows = [...this.totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const calls = rows.reduce((s, [, t]) => s + t.calls, 0);
    const table = formatTable([
      ['statement', 'calls / request', 'ms / request'],
      ...rows.map(([sql, t]) => [sql.slice(0, 110), (t.calls / requests).toFixed(2), (t.ms / requests).toFixed(2)]),
    ]);
    const busy = unionLength(this.#intervals);
    this.totals.clear();
    this.#intervals.length = 0;
    return [
      `${title}: ${(wallMs / requests).toFixed(1)} ms per request, of which ${(busy / requests).toFixed(1)} ms waiting for ${(calls / requests).toFixed(1)} statements ` +
        `(the rest: begin/commit, HTTP, validation, JavaScript). Statements sent together queue on one connection, so their times overlap.`,
      table,
    ].join('\n');
  }
}

function unionLength(intervals: Array<[number, number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = sorted[0] ?? [0, 0];
  for (const [s, e] of sorted.slice(1)) {
    if (s > end) {
      total += end - start;
      [start, end] = [s, e];
    } else end = Math.max(end, e);
  }
  return total + (end - start);
}

const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, n: { type: 'string', default: '20000' }, count: { type: 'string', default: '50' } } });
const kind = values.db === 'postgres' ? 'postgres' : 'pglite';
const count = Number(values.count);
const bench = await freshDatabase(kind, process.env.DATABASE_URL ?? DEFAULT_POSTGRES_URL);
const config = configFromEnv(process.env);
const database = await openDatabase(bench.options);
const timer = new StatementTimer();
try {
  await migrate(database.db);
  await seedDemo(database.db, config);
  await bulkSeed(database.db, kind, Number(values.n), 40, new Date(), () => undefined);
  const app = await buildApp(contextFor({ ...database, db: database.db.withPlugin(timer) }, config));
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tiepnhan.vinhloc', password: DEMO_PASSWORD } });
  const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken, 'content-type': 'application/json' };
  const send = (i: number) => app.inject({ method: 'POST', url: '/api/dossiers', headers, payload: intakeBody(`0463${String(i).padStart(8, '0')}`) });
  for (let i = 0; i < 5; i++) await send(i); // warm caches (calendar, catalogue) and the JIT

  timer.recording = true;
  let t = performance.now();
  for (let i = 5; i < 5 + count; i++) {
    const r = await send(i);
    if (r.statusCode !== 201) throw new Error(`intake: HTTP ${r.statusCode} ${r.body}`);
  }
  console.log(`\n${kind}, ${Number(values.n).toLocaleString('en-US')} dossiers seeded, ${count} sequential requests each\n`);
  console.log(timer.report('intake', count, performance.now() - t) + '\n');

  const codes = (await database.db.selectFrom('dossiers').select('code').orderBy('id', 'desc').limit(count).execute()).map((r) => r.code);
  t = performance.now();
  for (const code of codes) await app.inject({ method: 'GET', url: `/api/public/dossiers/${code}` });
  console.log(timer.report('public status lookup', codes.length, performance.now() - t));
  await app.close();
} finally {
  await database.close();
  bench.cleanup();
}
