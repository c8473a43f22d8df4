import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Database } from '../../db/connection.js';
import { createTestDatabase } from '../../test/db.js';
import { TEST_ARGON2, TEST_PROCEDURES } from '../../test/app.js';
import { readDataFile, seedDemo } from '../../seed.js';
import { BackupError, restoreBackup, writeBackup } from './index.js';
import { dependencyOrder } from './tables.js';
import { SAMPLE_FILE_BYTES, addSampleRecords, snapshot } from './test-fixtures.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-'));
let source: Database;
let target: Database;
let backupFile: string;

async function fill(db: Kysely<DB>): Promise<void> {
  const all = readDataFile('procedures.json') as { procedures: Array<{ code: string }> };
  await seedDemo(db, { argon2: TEST_ARGON2 }, { catalogue: { procedures: all.procedures.filter((p) => TEST_PROCEDURES.includes(p.code)) } });
  await addSampleRecords(db);
}

beforeAll(async () => {
  source = await createTestDatabase();
  target = await createTestDatabase();
  await fill(source.db);
  backupFile = path.join(tmp, 'backup.motcua.gz');
});
afterAll(async () => {
  await source?.close();
  await target?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes every table with its row count, parents before children', async () => {
    const report = await writeBackup(source.db, source.kind, backupFile, { now: new Date('2026-11-23T10:00:00Z') });
    const names = report.tables.map((t) => t.table);
    expect(names).not.toContain('schema_migrations');
    expect(names.indexOf('units')).toBeLessThan(names.indexOf('dossiers'));
    expect(names.indexOf('files')).toBeLessThan(names.indexOf('dossier_files'));
    expect(names.indexOf('dossiers')).toBeLessThan(names.indexOf('dossier_history'));
    expect(report.tables.find((t) => t.table === 'audit_log')?.rows).toBe(3);
    expect(report.tables.find((t) => t.table === 'files')?.rows).toBe(1);
    const lines = zlib.gunzipSync(fs.readFileSync(backupFile)).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'motcua-backup', version: 1, createdAt: '2026-11-23T10:00:00.000Z', migrations: ['001_core.sql'], database: source.kind });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, rows: { audit_log: 3, files: 1 } });
    const filesAt = lines.findIndex((l) => l.startsWith('{"table":"files"'));
    const columns = JSON.parse(lines[filesAt]!).columns as string[];
    const row = JSON.parse(lines[filesAt + 1]!) as unknown[];
    expect(Buffer.from(row[columns.indexOf('content')] as string, 'base64').equals(SAMPLE_FILE_BYTES)).toBe(true);
    expect(row[columns.indexOf('created_at')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  });

  it('refuses to overwrite a file unless asked', async () => {
    await expect(writeBackup(source.db, source.kind, backupFile)).rejects.toThrow(/already exists/);
    expect(fs.readdirSync(tmp)).toEqual(['backup.motcua.gz']);
  });

  it('rejects damaged and foreign files without touching the database', async () => {
    // Runs before the good restore, while the target is still empty.
    const whole = fs.readFileSync(backupFile);
    const lines = zlib.gunzipSync(whole).toString().trim().split('\n');
    const header = (migrations: string[]) => JSON.stringify({ format: 'motcua-backup', version: 1, createdAt: 'x', migrations, database: 'pglite' });
    const cases: Array<[string, Buffer, RegExp]> = [
      ['cut.gz', whole.subarray(0, Math.floor(whole.length / 2)), /damaged|not a valid gzip/],
      ['plain.json', Buffer.from('{"hello":1}\n'), /not a valid gzip/],
      ['other.gz', zlib.gzipSync('{"format":"other"}\n'), /not a MotCua backup/],
      ['no-end.gz', zlib.gzipSync(lines.slice(0, -1).join('\n')), /cut short/],
      ['wrong-count.gz', zlib.gzipSync([...lines.slice(0, -1), lines.at(-1)!.replace(/"units":\d+/, '"units":1')].join('\n')), /units has \d+ rows, the end line says 1\b/],
      ['future.gz', zlib.gzipSync(`${header(['001_core.sql', '999_future.sql'])}\n`), /newer MotCua.*999_future/],
      ['no-table.gz', zlib.gzipSync(`${header(['001_core.sql'])}\n{"table":"nope","columns":["id"]}\n`), /Table nope .* does not exist/],
    ];
    for (const [name, bytes, message] of cases) {
      const f = path.join(tmp, name);
      fs.writeFileSync(f, bytes);
      await expect(restoreBackup(target.db, f), name).rejects.toThrow(message);
      expect(await target.db.selectFrom('units').select('id').execute(), name).toEqual([]);
    }
    await expect(restoreBackup(target.db, path.join(tmp, 'missing.gz'))).rejects.toThrow(/Cannot read/);
  });

  it('gives back every row exactly, resets sequences and keeps history append-only', async () => {
    const report = await restoreBackup(target.db, backupFile);
    expect(report.audit).toMatchObject({ ok: true, entries: 3, chains: 1 });
    expect(report.notInBackup).toEqual([]);
    const [a, b] = [await snapshot(source.db), await snapshot(target.db)];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
    const file = await target.db.selectFrom('files').select('content').executeTakeFirstOrThrow();
    expect(Buffer.from(file.content).equals(SAMPLE_FILE_BYTES)).toBe(true);
    const next = await target.db.insertInto('accounts').values({ username: 'moi.sau.khoiphuc', full_name: 'Mới', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow();
    const max = await source.db.selectFrom('accounts').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    expect(next.id).toBe(Number(max.m) + 1);
    await expect(sql`update audit_log set action = 'x'`.execute(target.db)).rejects.toThrow(/append-only/);
  });

  it('refuses a database that holds data, and replaces it with --force', async () => {
    const refused = await restoreBackup(target.db, backupFile).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).msg.vi).toContain('không trống');
    expect((refused as BackupError).msg.en).toMatch(/not empty \(.*accounts \d+/);
    const forced = await restoreBackup(target.db, backupFile, { force: true });
    expect(forced.truncated).toBe(true);
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));
  });

});

describe('dependencyOrder', () => {
  const cases: Array<[string, string[], Record<string, string[]>, string[]]> = [
    ['no keys: name order', ['b', 'a', 'c'], {}, ['a', 'b', 'c']],
    ['parent first', ['a_child', 'z_parent'], { a_child: ['z_parent'] }, ['z_parent', 'a_child']],
    ['chain', ['c', 'b', 'a'], { a: ['b'], b: ['c'] }, ['c', 'b', 'a']],
    ['diamond', ['d', 'b', 'c', 'a'], { d: ['b', 'c'], b: ['a'], c: ['a'] }, ['a', 'b', 'c', 'd']],
    ['parent outside the set is ignored', ['a'], { a: ['elsewhere'] }, ['a']],
    ['cycle goes last', ['x', 'y', 'a'], { x: ['y'], y: ['x'] }, ['a', 'x', 'y']],
  ];
  it.each(cases)('%s', (_name, names, parents, expected) => {
    expect(dependencyOrder(names, new Map(Object.entries(parents).map(([k, v]) => [k, new Set(v)])))).toEqual(expected);
  });
});
