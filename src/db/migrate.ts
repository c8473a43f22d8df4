// Applies the SQL files in ./migrations in name order, once each, recording them in schema_migrations.
// One set of files serves PGlite and PostgreSQL. On a server, an advisory lock keeps two starting
// processes from migrating at the same time.
import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const LOCK_ID = 4_242_001;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function listMigrations(): string[] {
  return fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
}

export async function migrate(db: Kysely<DB>): Promise<MigrationResult> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_ID})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (
        version text primary key, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set(
        (await sql<{ version: string }>`select version from schema_migrations`.execute(conn)).rows.map((r) => r.version),
      );
      const applied: string[] = [];
      for (const file of listMigrations()) {
        if (done.has(file)) continue;
        const text = fs.readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8');
        await conn.transaction().execute(async (tx) => {
          await sql.raw(text).execute(tx);
          await sql`insert into schema_migrations (version) values (${file})`.execute(tx);
        });
        applied.push(file);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_ID})`.execute(conn);
    }
  });
}
