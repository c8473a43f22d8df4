import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import pg from 'pg';
import { openDatabase, type Database } from '../../db/connection.js';
import { createTestDatabase } from '../../test/db.js';
import { listMigrations } from '../../db/migrate.js';
import { TEST_ARGON2, TEST_PROCEDURES } from '../../test/app.js';
import { readDataFile, seedDemo } from '../../seed.js';
import { BackupError, listTables, restoreBackup, writeBackup } from './index.js';
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
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'motcua-backup', version: 1, createdAt: '2026-11-23T10:00:00.000Z', migrations: listMigrations(), database: source.kind });
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
      ['future.gz', zlib.gzipSync(`${header([...listMigrations(), '999_future.sql'])}\n`), /newer MotCua.*999_future/],
      ['no-table.gz', zlib.gzipSync(`${header(listMigrations())}\n{"table":"nope","columns":["id"]}\n`), /Table nope .* does not exist/],
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
    // Compared as booleans: a diff of a 200 kB bytea row would drown the report.
    for (const table of Object.keys(a)) expect(JSON.stringify(b[table]) === JSON.stringify(a[table]), table).toBe(true);
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
    expect(JSON.stringify(await snapshot(target.db)) === JSON.stringify(await snapshot(source.db))).toBe(true);
  });

});

describe('restore across versions and rights', () => {
  it('loads a backup made before a newer migration: missing columns take their defaults, missing tables stay empty', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(backupFile)).toString().trim().split('\n');
    const header = JSON.parse(lines[0]!) as { migrations: string[] };
    const older = header.migrations.length > 1 ? header.migrations.slice(0, -1) : header.migrations;
    const out: string[] = [JSON.stringify({ ...header, migrations: older })];
    let table = '';
    let drop = -1;
    for (const line of lines.slice(1, -1)) {
      if (line.startsWith('{')) {
        const t = JSON.parse(line) as { table: string; columns: string[] };
        table = t.table;
        if (table === 'outbox') continue;
        drop = table === 'units' ? t.columns.indexOf('office_hours') : -1;
        out.push(JSON.stringify({ table, columns: t.columns.filter((_, i) => i !== drop) }));
      } else if (table !== 'outbox') {
        out.push(drop < 0 ? line : JSON.stringify((JSON.parse(line) as unknown[]).filter((_, i) => i !== drop)));
      }
    }
    const end = JSON.parse(lines.at(-1)!) as { end: true; rows: Record<string, number> };
    delete end.rows.outbox;
    out.push(JSON.stringify(end));
    const file = path.join(tmp, 'older.gz');
    fs.writeFileSync(file, zlib.gzipSync(out.join('\n')));
    const r = await restoreBackup(target.db, file, { force: true });
    expect(r.notInBackup).toEqual(['outbox']);
    expect(r.newerMigrations).toEqual(header.migrations.filter((m) => !older.includes(m)));
    expect(r.audit.ok).toBe(true);
    const unit = await target.db.selectFrom('units').select('office_hours').where('code', '=', '20122').executeTakeFirstOrThrow();
    expect(unit.office_hours).toBeNull();
    // Everything else is as it was: the columns did not shift when one was missing.
    const shape = (await listTables(source.db))
      .filter((t) => t.name !== 'outbox')
      .map((t) => (t.name === 'units' ? { ...t, columns: t.columns.filter((c) => c.name !== 'office_hours') } : t));
    expect(JSON.stringify(await snapshot(target.db, shape)) === JSON.stringify(await snapshot(source.db, shape))).toBe(true);
  });

  it.skipIf(!process.env.MOTCUA_TEST_DATABASE_URL)('needs only the owner of the tables on PostgreSQL, not a superuser', async () => {
    const server = process.env.MOTCUA_TEST_DATABASE_URL!;
    const suffix = `${process.pid}_${Date.now() % 100000}`;
    const [role, name] = [`motcua_owner_${suffix}`, `motcua_owned_${suffix}`];
    const admin = async (statement: string) => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(statement).finally(() => c.end());
    };
    await admin(`create role ${role} login nosuperuser`);
    await admin(`create database ${name} owner ${role}`);
    const url = new URL(server);
    url.username = role;
    url.pathname = `/${name}`;
    const owned = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    try {
      const r = await restoreBackup(owned.db, backupFile);
      expect(r.audit).toMatchObject({ ok: true, entries: 3 });
      const su = await sql<{ s: string }>`select current_setting('is_superuser') as s`.execute(owned.db);
      expect(su.rows[0]!.s).toBe('off');
      expect(JSON.stringify(await snapshot(owned.db)) === JSON.stringify(await snapshot(source.db))).toBe(true);
    } finally {
      await owned.close();
      await admin(`drop database if exists ${name} with (force)`);
      await admin(`drop role if exists ${role}`);
    }
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
