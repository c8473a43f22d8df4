// A whole MotCua for a test file: fresh database (PGlite, or PostgreSQL in CI), the demo seed, the HTTP app,
// and signed-in clients for the demo accounts.
import type { LightMyRequestResponse } from 'fastify';
import { configFromEnv, type Config } from '../config.js';
import { fixedClock } from '../clock.js';
import { contextFor } from '../context-factory.js';
import type { App, AppContext } from '../context.js';
import { buildApp } from '../server.js';
import { seedDemo, DEMO_PASSWORD, readDataFile } from '../seed.js';
import { createTestDatabase } from './db.js';
import { seedHistory } from '../modules/demo/history.js';
import { seedCapacityDemo } from '../modules/capacity/demo/seed.js';

export const TEST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export function testConfig(): Config {
  return { ...configFromEnv({}), argon2: TEST_ARGON2, publicBaseUrl: 'http://motcua.test' };
}

/** A small catalogue for fast tests: these procedure codes from the real file. */
export const TEST_PROCEDURES = ['1.001193', '1.000894', '1.000656', '2.000908', '1.000094', '1.001695', '2.000815', '1.003583'];

export interface TestClient {
  username: string;
  csrf: string;
  cookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  clock: ReturnType<typeof fixedClock>;
  login(username: string, password?: string): Promise<TestClient>;
  anonymous: Omit<TestClient, 'username' | 'csrf' | 'cookie'>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  now?: string;
  fullCatalogue?: boolean;
  logStream?: NodeJS.WritableStream;
  /** Settings over the test defaults, e.g. `{ integrations: { ...t.integrations, smtp: {...} } }`. */
  config?: Partial<Config>;
  /** Also load the demo's months of past dossiers (src/modules/demo/history.ts); off by default, tests count dossiers. */
  history?: boolean;
  /** Also load the capacity demo (src/modules/capacity/demo/seed.ts), after the history (seeded if not asked). */
  capacity?: boolean;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = fixedClock(options.now ?? '2026-11-23T09:00:00+07:00');
  const config = { ...testConfig(), ...options.config };
  const ctx = contextFor(database, config, clock);
  const all = readDataFile('procedures.json') as { procedures: Array<{ code: string }> };
  const catalogue = options.fullCatalogue ? all : { procedures: all.procedures.filter((p) => TEST_PROCEDURES.includes(p.code)) };
  await seedDemo(ctx.db, config, { catalogue });
  if (options.history || options.capacity) await seedHistory(ctx.db, { now: clock.now() });
  if (options.capacity) await seedCapacityDemo(ctx.db, { now: clock.now() });
  const logStream = options.logStream ?? (process.env.MOTCUA_TEST_LOG ? process.stderr : undefined);
  const app = await buildApp(ctx, logStream ? { logger: true, logStream } : {});

  const request = (cookie: string, csrf: string, relogin?: () => Promise<{ cookie: string; csrf: string }>) => {
    const session = { cookie, csrf };
    const signedInAt = { at: clock.now().getTime() };
    const once = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method,
        url,
        headers: {
          ...(session.cookie ? { cookie: session.cookie } : {}),
          ...(session.csrf && method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
    // Tests move the clock by days; a session that went idle is renewed, as a person would sign in again.
    const send = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await once(method, url, body, headers);
      if (res.statusCode !== 401 || !relogin || clock.now().getTime() - signedInAt.at < 3600_000) return res;
      Object.assign(session, await relogin());
      signedInAt.at = clock.now().getTime();
      return once(method, url, body, headers);
    };
    return {
      session,
      get: (url: string) => send('GET', url),
      post: (url: string, body?: unknown, headers?: Record<string, string>) => send('POST', url, body ?? {}, headers),
      put: (url: string, body?: unknown) => send('PUT', url, body ?? {}),
      patch: (url: string, body?: unknown) => send('PATCH', url, body ?? {}),
      delete: (url: string) => send('DELETE', url),
    };
  };

  return {
    app,
    ctx,
    clock,
    anonymous: (({ session: _s, ...m }) => m)(request('', '')),
    async login(username, password = DEMO_PASSWORD) {
      const signIn = async () => {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
        if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
        return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken as string };
      };
      const first = await signIn();
      const { session, ...methods } = request(first.cookie, first.csrf, signIn);
      return {
        username,
        get csrf() {
          return session.csrf;
        },
        get cookie() {
          return session.cookie;
        },
        ...methods,
      };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
