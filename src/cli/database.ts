// Opens the database the environment names (DATABASE_URL, else PGlite in $MOTCUA_DATA_DIR/db) for one
// command, says which one it is, and always closes it: PGlite must shut down cleanly to keep its files sound.
import fs from 'node:fs';
import path from 'node:path';
import { databaseOptionsFromEnv, openDatabase, type Database, type DatabaseOptions } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { CliError, bi, type Io } from './io.js';
import { lockDataDir, type Lock } from './lock.js';

export interface OpenOptions {
  /** Refuse to create a new embedded database (commands that only read). */
  mustExist?: boolean;
  /** Bring the schema up to date first and say what was applied. */
  migrate?: boolean;
}

export function describe(d: Database): string {
  return d.kind === 'pglite' ? `PGlite (nhúng / embedded) — ${d.location}` : `PostgreSQL — ${d.location}`;
}

/** PostgreSQL writes PG_VERSION into every data folder it creates. */
export function holdsDatabase(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

export async function withDatabase<T>(env: NodeJS.ProcessEnv, io: Io, options: OpenOptions, run: (d: Database) => Promise<T>): Promise<T> {
  const dbOptions = databaseOptionsFromEnv(env);
  if (dbOptions.kind === 'pglite' && options.mustExist && !holdsDatabase(dbOptions.dataDir)) {
    throw new CliError({
      vi: `Chưa có cơ sở dữ liệu tại ${dbOptions.dataDir}. Đặt MOTCUA_DATA_DIR hoặc DATABASE_URL, hoặc chạy "motcua migrate" trước.`,
      en: `There is no database at ${dbOptions.dataDir}. Set MOTCUA_DATA_DIR or DATABASE_URL, or run "motcua migrate" first.`,
    });
  }
  const { database, lock } = await openLocked(dbOptions);
  try {
    io.out(bi('Cơ sở dữ liệu', 'Database') + `: ${describe(database)}`);
    if (options.migrate) await reportMigrations(database, io);
    return await run(database);
  } finally {
    await database.close();
    lock?.release();
  }
}

/** Opens the database; an embedded one is locked to this process until `lock.release()`. */
export async function openLocked(dbOptions: DatabaseOptions): Promise<{ database: Database; lock: Lock | null }> {
  const lock = dbOptions.kind === 'pglite' ? lockDataDir(dbOptions.dataDir) : null;
  try {
    const database = await openDatabase(dbOptions);
    return { database, lock };
  } catch (e) {
    lock?.release();
    throw new CliError({ vi: `Không mở được cơ sở dữ liệu: ${(e as Error).message}`, en: `Cannot open the database: ${(e as Error).message}` });
  }
}

export async function reportMigrations(database: Database, io: Io): Promise<void> {
  const result = await migrate(database.db);
  if (result.applied.length) {
    io.out(bi(`Đã áp dụng ${result.applied.length} migration`, `Applied ${result.applied.length} migration(s)`) + `: ${result.applied.join(', ')}`);
  } else {
    io.out(bi(`Cấu trúc đã mới nhất (${result.alreadyApplied} migration)`, `Schema already up to date (${result.alreadyApplied} migrations)`));
  }
}
