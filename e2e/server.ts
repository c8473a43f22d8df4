// The real MotCua app for the browser tests: a fresh embedded database in a temporary folder, the demo seed
// with a few procedures (seeding the whole catalogue would take most of the test run), listening on the
// port given in PORT. Prints "LISTENING <port>" once ready; SIGTERM closes the server and the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { configFromEnv } from '../src/config.js';
import { createContext } from '../src/context-factory.js';
import { buildApp } from '../src/server.js';
import { readDataFile, seedDemo } from '../src/seed.js';
import { TEST_ARGON2, TEST_PROCEDURES } from '../src/test/app.js';

const dir = mkdtempSync(path.join(tmpdir(), 'motcua-e2e-'));
const config = { ...configFromEnv(process.env), argon2: TEST_ARGON2 };
const { ctx, database } = await createContext({ kind: 'pglite', dataDir: path.join(dir, 'db') }, config);
const all = readDataFile('procedures.json') as { procedures: Array<{ code: string }> };
await seedDemo(ctx.db, config, { catalogue: { procedures: all.procedures.filter((p) => TEST_PROCEDURES.includes(p.code)) } });
const app = await buildApp(ctx);
await app.listen({ port: config.port, host: '127.0.0.1' });
console.log(`LISTENING ${config.port}`);

const stop = async () => {
  await app.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
