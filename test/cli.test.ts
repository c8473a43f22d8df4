// The `motcua` command as a user runs it: `npx motcua …` in the checkout, with MOTCUA_DATA_DIR or DATABASE_URL.
// Every step spawns the real command; the test process opens a database only while no command is running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database, type DatabaseOptions } from '../src/db/connection.js';
import { countRows, listTables } from '../src/modules/backup/index.js';
import { SAMPLE_FILE_BYTES, addSampleRecords, snapshot } from '../src/modules/backup/test-fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
const dirA = path.join(tmp, 'a');
const dirB = path.join(tmp, 'b');
const backupFile = path.join(tmp, 'motcua-backup.jsonl.gz');
const STEP = 240_000;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a user would have, less anything that would point the command at another database. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_loglevel: 'error', ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

function motcua(args: string[], extra: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile('npx', ['motcua', ...args], { cwd: ROOT, env: userEnv(extra), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function withDb<T>(options: DatabaseOptions, run: (d: Database) => Promise<T>): Promise<T> {
  const d = await openDatabase(options);
  try {
    return await run(d);
  } finally {
    await d.close();
  }
}

const pgliteAt = (dir: string): DatabaseOptions => ({ kind: 'pglite', dataDir: path.join(dir, 'db') });

async function tableCounts(d: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(d.db)) out[t.name] = await countRows(d.db, t.name);
  return out;
}

async function tamperAuditEntry(d: Database): Promise<void> {
  // The table refuses UPDATE; someone with the database's owner rights can switch that off, and verify must notice.
  await sql.raw(`alter table audit_log disable trigger user;
    update audit_log set details = '{"note":"sửa lén"}' where seq = 2;
    alter table audit_log enable trigger user;`).execute(d.db);
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('motcua on the embedded database', () => {
  const A = { MOTCUA_DATA_DIR: dirA };
  const B = { MOTCUA_DATA_DIR: dirB };

  it('prints bilingual help, and exits 2 on an unknown command or a missing argument', async () => {
    const help = await motcua(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Cách dùng / Usage: motcua');
    for (const cmd of ['serve', 'migrate', 'seed', 'import units', 'import procedures', 'audit verify', 'backup', 'restore']) expect(help.stdout).toContain(cmd);
    const unknown = await motcua(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Không có lệnh "frobnicate". / Unknown command "frobnicate".');
    const missing = await motcua(['restore'], A);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Usage: motcua restore <file>');
    expect(fs.existsSync(dirA)).toBe(false);
  }, STEP);

  it('migrate creates the database in MOTCUA_DATA_DIR and says what it applied', async () => {
    const r = await motcua(['migrate'], A);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(path.join(dirA, 'db'));
    expect(r.stdout).toContain('001_core.sql');
    expect(fs.existsSync(path.join(dirA, 'db', 'PG_VERSION'))).toBe(true);
    const again = await motcua(['migrate'], A);
    expect(again.stdout).toContain('Schema already up to date');
  }, STEP);

  it('import units and procedures list each rejected record with its reason and exit 3; an unreadable file exits 1', async () => {
    const file = path.join(tmp, 'units.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        provinces: [
          { code: '99', name: 'Tỉnh Thử Nghiệm', type: 'tỉnh', communes: [
            { code: '99001', name: 'Xã An Bình', type: 'xã' },
            { code: '9902', name: 'Xã Sai Mã', type: 'xã' },
          ] },
        ],
      }),
    );
    const r = await motcua(['import', 'units', file], A);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('Units: 2 inserted, 0 updated, 1 rejected');
    expect(r.stderr).toMatch(/provinces\[0\]\.communes\[1\]: code: .+/);
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, '{ "provinces": [');
    const broken = await motcua(['import', 'units', bad], A);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is not valid JSON');
    const real = (JSON.parse(fs.readFileSync(path.join(ROOT, 'data/procedures.json'), 'utf8')) as { procedures: Array<Record<string, unknown>> }).procedures[0]!;
    const procedures = path.join(tmp, 'procedures.json');
    fs.writeFileSync(procedures, JSON.stringify({ procedures: [{ ...real, code: '9.999999' }, { ...real, code: '9.999998', channels: [] }] }));
    const p = await motcua(['import', 'procedures', procedures, '--effective-from', '2026-01-01'], A);
    expect(p.code).toBe(3);
    expect(p.stdout).toContain('In force from 2025-12-31T17:00:00.000Z');
    expect(p.stdout).toMatch(/Procedures: 1 new, 0 new versions, 0 unchanged, 1 rejected/);
    expect(p.stderr).toMatch(/\[1\] 9\.999998: channels: at least one channel/i);
    const badDate = await motcua(['import', 'procedures', procedures, '--effective-from', 'tomorrow'], A);
    expect(badDate.code).toBe(2);
    const none = await motcua(['import', 'procedures', path.join(tmp, 'missing.json')], A);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Cannot read');
  }, STEP);

  it('seed loads the demo once; a second seed changes nothing and says so', async () => {
    const first = await motcua(['seed'], A);
    expect(first.stderr).not.toContain('Error');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/accounts\s+23/);
    expect(first.stdout).toContain('tiepnhan.vinhloc');
    const second = await motcua(['seed'], A);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing changed');
  }, STEP);

  it('serve listens, prints the URL, docs and demo logins, keeps other commands off its database, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/motcua.js', 'serve'], {
      cwd: ROOT,
      env: userEnv({ ...A, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => out.includes('Ctrl+C') || child.exitCode !== null, STEP - 30_000);
    expect(out).toContain(`http://localhost:${port}/api/docs`);
    expect(out).toMatch(/admin\s+Quản trị hệ thống \(system_admin\)\s+Thành phố Huế \(46\)/);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    const busy = await motcua(['backup', path.join(tmp, 'while-serving.gz')], A);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`is in use by process ${child.pid}`);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(dirA, 'db.lock'))).toBe(false);
    expect(out).toContain('Stopped.');
  }, STEP);

  it('audit verify reports OK for an untouched log', async () => {
    await withDb(pgliteAt(dirA), (d) => addSampleRecords(d.db));
    const r = await motcua(['audit', 'verify'], A);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK: 3 entries in 1 chains');
  }, STEP);

  it('backup writes every table; restore into another folder gives back every dossier, file and audit entry', async () => {
    const b = await motcua(['backup', backupFile], A);
    expect(b.stderr).not.toContain('Error');
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/audit_log\s+3\b/);
    expect(b.stdout).toMatch(/files\s+1\b/);
    expect(b.stdout).toContain(`to ${backupFile}`);
    const again = await motcua(['backup', backupFile], A);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    const r = await motcua(['restore', backupFile], B);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OK: 3 entries in 1 chains');
    const refused = await motcua(['restore', backupFile], B);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not empty');

    // Compared in A's shape: another engineer's newer migration may have added tables or columns to B.
    const shape = await withDb(pgliteAt(dirA), (d) => listTables(d.db));
    const [a, bSnap, bCounts, file, audit] = await withDb(pgliteAt(dirA), async (da) =>
      withDb(pgliteAt(dirB), async (db) => [
        await snapshot(da.db, shape),
        await snapshot(db.db, shape),
        await tableCounts(db),
        await db.db.selectFrom('files').select(['content', 'name']).executeTakeFirstOrThrow(),
        await db.db.selectFrom('audit_log').select(['seq', 'hash', 'details']).orderBy('seq').execute(),
      ] as const),
    );
    for (const t of shape) expect(bCounts[t.name], t.name).toBe(a[t.name]!.length);
    for (const extra of Object.keys(bCounts).filter((n) => !shape.some((t) => t.name === n))) expect(bCounts[extra], extra).toBe(0);
    expect(a.dossiers).toHaveLength(1);
    expect(Buffer.from(file.content).equals(SAMPLE_FILE_BYTES)).toBe(true);
    expect(file.name).toBe('Tờ khai đăng ký.pdf');
    expect(audit.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(audit[2]!.details).toEqual({ note: 'Tiếp nhận "2"', nested: { a: [1, null, 'ư'] } });
    // Compared as booleans: a diff of a 200 kB bytea row would drown the report.
    for (const table of Object.keys(a)) expect(JSON.stringify(bSnap[table]) === JSON.stringify(a[table]), table).toBe(true);
  }, STEP);

  it('audit verify exits 1 on a tampered entry; restore --force brings the good data back', async () => {
    await withDb(pgliteAt(dirB), tamperAuditEntry);
    const r = await motcua(['audit', 'verify'], B);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('NOT intact');
    expect(r.stderr).toMatch(/unit:\d+ #2 \[hash_mismatch\]/);
    const forced = await motcua(['restore', '--force', backupFile], B);
    expect(forced.code).toBe(0);
    expect((await motcua(['audit', 'verify'], B)).stdout).toContain('OK: 3 entries in 1 chains');
  }, STEP);
});

const serverUrl = process.env.MOTCUA_TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('motcua on PostgreSQL (DATABASE_URL)', () => {
  const names = [1, 2].map((i) => `motcua_cli_${process.pid}_${i}_${crypto.randomBytes(3).toString('hex')}`);
  const urls = names.map((n) => {
    if (!serverUrl) return '';
    const u = new URL(serverUrl);
    u.pathname = `/${n}`;
    return u.toString();
  });
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  beforeAll(async () => {
    for (const n of names) await admin(`create database ${n}`);
  });
  afterAll(async () => {
    for (const n of names) await admin(`drop database if exists ${n} with (force)`);
  });

  it('restores the embedded backup into PostgreSQL, backs it up, and restores that into a second database', async () => {
    const [P1, P2] = urls.map((u) => ({ DATABASE_URL: u }));
    const fromPglite = await motcua(['restore', backupFile], P1!);
    expect(fromPglite.stderr).not.toContain('Error');
    expect(fromPglite.code).toBe(0);
    expect(fromPglite.stdout).toContain('PostgreSQL');
    expect(fromPglite.stdout).toContain('OK: 3 entries in 1 chains');
    const second = path.join(tmp, 'from-postgres.jsonl.gz');
    const b = await motcua(['backup', second], P1!);
    expect(b.code).toBe(0);
    const r = await motcua(['restore', second], P2!);
    expect(r.code).toBe(0);
    const shape = await withDb(pgliteAt(dirA), (d) => listTables(d.db));
    const embedded = await withDb(pgliteAt(dirA), (d) => snapshot(d.db, shape));
    for (const u of urls) {
      const snap = await withDb({ kind: 'postgres', url: u, poolSize: 2 }, (d) => snapshot(d.db, shape));
      for (const table of Object.keys(embedded)) expect(JSON.stringify(snap[table]) === JSON.stringify(embedded[table]), table).toBe(true);
    }
    await withDb({ kind: 'postgres', url: urls[1]!, poolSize: 2 }, tamperAuditEntry);
    const v = await motcua(['audit', 'verify'], P2!);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('hash_mismatch');
  }, STEP);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitFor(ready: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}
