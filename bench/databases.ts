// A fresh database for one benchmark run: PGlite in a temporary folder (durable, as in production) or a
// database of the bench's own on the PostgreSQL server, dropped and created anew. Also its size and settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { DatabaseOptions } from '../src/db/connection.js';
import { redactUrl, serverSettings } from '../src/db/connection.js';
import type { BenchDb } from './options.js';

export interface BenchDatabase {
  kind: BenchDb;
  options: DatabaseOptions;
  /** For messages: the folder or the URL without password. */
  location: string;
  /** The URL of the bench database (PostgreSQL only), for side connections such as the wait sampler. */
  url?: string;
  /** Removes what the run left behind that nobody will look at (PGlite's temporary folder). */
  cleanup(): void;
}

/** The bench database's URL: the server of `serverUrl`, and a database whose name says it belongs to the bench. */
export function benchDatabaseUrl(serverUrl: string): string {
  const u = new URL(serverUrl);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  // Never drop a database the bench did not name: only motcua_bench* is ours.
  u.pathname = `/${name.startsWith('motcua_bench') ? name : 'motcua_bench'}`;
  return u.toString();
}

function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export async function postgresAnswers(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: maintenanceUrl(serverUrl), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function freshDatabase(kind: BenchDb, serverUrl: string): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
    const dataDir = path.join(dir, 'db');
    return {
      kind,
      options: { kind: 'pglite', dataDir },
      location: dataDir,
      cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = benchDatabaseUrl(serverUrl);
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: maintenanceUrl(url), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await admin.query(`drop database if exists ${quoted} with (force)`);
    await admin.query(`create database ${quoted}`);
  } finally {
    await admin.end();
  }
  // The database is left in place after the run for inspection; the next run replaces it.
  return { kind, options: { kind: 'postgres', url }, location: redactUrl(url), url, cleanup: () => undefined };
}

export interface DatabaseFacts {
  version: string;
  settings: Record<string, string>;
  /** pg_database_size of the bench database. */
  sizeBytes: number;
  /** PGlite only: the data folder on disk (WAL included). */
  folderBytes?: number;
}

export async function databaseFacts(db: Kysely<DB>, bench: BenchDatabase): Promise<DatabaseFacts> {
  const size = await sql<{ bytes: number }>`select pg_database_size(current_database())::bigint as bytes`.execute(db);
  const version = await sql<{ v: string }>`select version() as v`.execute(db);
  const settings = await serverSettings(db);
  const facts: DatabaseFacts = { version: version.rows[0]!.v, settings, sizeBytes: Number(size.rows[0]!.bytes) };
  if (bench.options.kind === 'pglite') facts.folderBytes = folderSize(bench.options.dataDir);
  return facts;
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderSize(p);
    else if (entry.isFile()) total += fs.statSync(p).size;
  }
  return total;
}
