// Test databases: a fresh PGlite in memory, or — when MOTCUA_TEST_DATABASE_URL is set (CI) — a fresh database
// created on that PostgreSQL server for this test file and dropped afterwards.
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/connection.js';
import { migrate } from '../db/migrate.js';

export const testServerUrl = process.env.MOTCUA_TEST_DATABASE_URL;

export async function createTestDatabase(): Promise<Database> {
  if (!testServerUrl) {
    const d = await openDatabase({ kind: 'pglite-memory' });
    await migrate(d.db);
    return d;
  }
  const name = `motcua_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  const d = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  await migrate(d.db);
  return {
    ...d,
    close: async () => {
      await d.close();
      const a = new pg.Client({ connectionString: testServerUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
