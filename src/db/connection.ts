// Opens the database: embedded PGlite (default, data in a local folder) or a PostgreSQL server
// (when DATABASE_URL is set). Both speak the same SQL; the rest of MotCua sees only Kysely.
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from './schema.js';
import { PGliteDialect } from './pglite-dialect.js';
import { DurableNodeFS, durableStartParams } from './durable-nodefs.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Where the data lives, for messages: a folder or a server URL without password. */
  location: string;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory' };

// Return timestamps as JS Dates in UTC and numerics/bigints as JS numbers; PostgreSQL does the same below.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 20 });
    pool.on('error', () => {
      /* an idle client lost its server; the pool replaces it */
    });
    pool.on('connect', (client) => {
      client.query(`set time zone 'UTC'`).catch(() => undefined);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', location: redactUrl(options.url), close: () => db.destroy() };
  }
  const extensions = { pg_trgm, unaccent };
  const parsers = {
    20: (v: string) => Number(v), // int8
    1700: (v: string) => Number(v), // numeric
    1082: (v: string) => v, // date stays 'YYYY-MM-DD'
  };
  let pglite: PGlite;
  if (options.kind === 'pglite-memory') {
    pglite = await PGlite.create({ extensions, parsers });
  } else {
    fs.mkdirSync(options.dataDir, { recursive: true });
    pglite = await PGlite.create({
      fs: new DurableNodeFS(options.dataDir),
      extensions,
      parsers,
      startParams: durableStartParams(),
    });
  }
  await pglite.exec(`set time zone 'UTC'`);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  const location = options.kind === 'pglite' ? path.resolve(options.dataDir) : 'memory';
  return { db, kind: 'pglite', location, close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** The options the environment asks for: DATABASE_URL wins, else PGlite in `<dataDir>/db`. */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: path.join(dataDirFromEnv(env), 'db') };
}

export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.MOTCUA_DATA_DIR ?? 'data');
}

export async function serverSettings(db: Kysely<DB>): Promise<Record<string, string>> {
  const rows = await sql<{ name: string; setting: string }>`
    select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'server_version', 'full_page_writes')`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.name, r.setting]));
}
