// The real MotCua app for the browser tests: a fresh embedded database in a temporary folder, the demo seed
// with a few procedures (seeding the whole catalogue would take most of the test run), listening on the
// port given in PORT. The national systems' simulators run in this process on free ports (the app is pointed
// at them), with the dispatcher and the integrations' jobs running as under `motcua serve`. Prints
// "SIMULATORS <json>" (name → base URL) and then "LISTENING <port>" once ready; SIGTERM closes the server,
// the simulators and the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFromEnv } from '../src/config.js';
import { createContext } from '../src/context-factory.js';
import { buildApp } from '../src/server.js';
import { readDataFile, seedDemo } from '../src/seed.js';
import { startBackground } from '../src/modules/outbox/background.js';
import { seedHistory } from '../src/modules/demo/history.js';
import { seedCapacityDemo } from '../src/modules/capacity/demo/seed.js';
import { addFeeLines, prepareDemoConnections, SIMULATOR_NAMES, startSimulator } from '../src/simulators/demo.js';
import { TEST_ARGON2, TEST_PROCEDURES } from '../src/test/app.js';

const dir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-'));
// No journals and no demo submissions: each run starts with simulators that have seen nothing.
const simulators = await Promise.all(SIMULATOR_NAMES.map((name) => startSimulator(name, { port: 0, smtpPort: 0 })));
const simEnv: Record<string, string> = Object.assign({}, ...simulators.map((s) => s.env));
/** Each simulator's base URL, where its API and its /_sim control routes are. */
const bases = Object.fromEntries(simulators.map((s) => [s.name, new URL(s.url).origin]));
const config = { ...configFromEnv({ ...process.env, ...simEnv, MOTCUA_DISPATCH_INTERVAL_MS: '300' }), argon2: TEST_ARGON2 };
const { ctx, database } = await createContext({ kind: 'pglite', dataDir: path.join(dir, 'db') }, config);
const all = readDataFile('procedures.json') as { procedures: Array<{ code: string }> };
await seedDemo(ctx.db, config, { catalogue: { procedures: all.procedures.filter((p) => TEST_PROCEDURES.includes(p.code)) } });
await prepareDemoConnections(ctx.db);
// A test fixture, not the law: the browser tests charge a fee on the one-component procedure they use everywhere.
await addFeeLines(ctx.db, '2.000908', [{ code: 'LP-CT', name: 'Lệ phí chứng thực bản sao (2.000 đồng/trang)', kind: 'charge', amount: 2000 }]);
// Six months of past dossiers at every commune of the demo province (deterministic), for the reports' browser tests.
await seedHistory(ctx.db, { now: new Date() });
// The capacity demo (positions, levels, certificates, the year's classes) on top of that history.
await seedCapacityDemo(ctx.db, { now: new Date() });
// Warnings and errors (a 500, a failing background job) go to stderr, which the test run shows.
const app = await buildApp(ctx, { logger: true, logStream: process.stderr });
await app.listen({ port: config.port, host: '127.0.0.1' });
const background = startBackground(ctx, app.log);
console.log(`SIMULATORS ${JSON.stringify(bases)}`);
console.log(`LISTENING ${config.port}`);

const stop = async () => {
  await background.stop();
  await app.close();
  await Promise.all(simulators.map((s) => s.close().catch(() => undefined)));
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
