// The embedded database must be durable and must keep concurrent transactions apart, like a server would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, serverSettings, type Database } from './connection.js';
import { syncCounter } from './durable-nodefs.js';
import { migrate } from './migrate.js';
import { createTestDatabase } from '../test/db.js';

const dirs: string[] = [];
const opened: Database[] = [];
afterAll(async () => {
  for (const d of opened) await d.close().catch(() => undefined);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded PGlite on disk', () => {
  it('runs with fsync on, flushes the WAL with fsync() and really syncs on every commit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-db-'));
    dirs.push(dir);
    const d = await openDatabase({ kind: 'pglite', dataDir: dir });
    opened.push(d);
    const settings = await serverSettings(d.db);
    expect(settings.fsync).toBe('on');
    expect(settings.synchronous_commit).toBe('on');
    const wal = await sql<{ wal_sync_method: string }>`show wal_sync_method`.execute(d.db);
    expect(wal.rows[0]!.wal_sync_method).toBe('fsync');
    await sql`create table t (x int)`.execute(d.db);
    const before = syncCounter.count;
    for (let i = 0; i < 5; i++) await d.db.transaction().execute((tx) => sql`insert into t values (${i})`.execute(tx));
    expect(syncCounter.count - before).toBeGreaterThanOrEqual(5);
  });

  it('keeps committed data across a close and reopen', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-db-'));
    dirs.push(dir);
    const a = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrate(a.db);
    await a.db.insertInto('procedures').values({ code: '1.001193' }).execute();
    await a.close();
    const b = await openDatabase({ kind: 'pglite', dataDir: dir });
    opened.push(b);
    const rows = await b.db.selectFrom('procedures').select('code').execute();
    expect(rows).toEqual([{ code: '1.001193' }]);
    expect((await migrate(b.db)).applied).toEqual([]);
  });
});

describe('concurrent transactions', () => {
  it('never interleave: rolled-back work disappears, committed work stays, on either database', async () => {
    const d = await createTestDatabase();
    opened.push(d);
    await sql`create table c (n int primary key)`.execute(d.db);
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, n) =>
        d.db.transaction().execute(async (tx) => {
          await sql`insert into c values (${n})`.execute(tx);
          await sql`select pg_sleep(0.002)`.execute(tx);
          const seen = await sql<{ k: number }>`select count(*)::int as k from c where n = ${n}`.execute(tx);
          if (seen.rows[0]!.k !== 1) throw new Error('lost own row');
          if (n % 3 === 0) throw new Error('roll back');
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(Array(10).fill('roll back'));
    const rows = await sql<{ n: number }>`select n from c order by n`.execute(d.db);
    expect(rows.rows.map((r) => r.n)).toEqual(Array.from({ length: 30 }, (_, n) => n).filter((n) => n % 3 !== 0));
  });
});
