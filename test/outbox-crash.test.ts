// Nothing lost, nothing applied twice: MotCua (`motcua serve`) and the national portal simulator run as real
// processes; the test kills MotCua with SIGKILL while it is delivering, restarts it on the same data, then kills
// and restarts the simulator while deliveries go on, and counts what the portal applied per dossier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-crash-'));
const serverUrl = process.env.MOTCUA_TEST_DATABASE_URL;
const DOSSIERS = 24;

let pgName: string | null = null;
let databaseUrl: string | null = null;
let appPort = 0;
let simPort = 0;
let app: ChildProcess | null = null;
let sim: ChildProcess | null = null;
const logs: string[] = [];

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

function start(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, LOG_LEVEL: 'warn' };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/motcua.js'), ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${out.slice(-2000)}`)), 240_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      logs.push(b.toString());
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!ready.test(out)) reject(new Error(`${args[0]} exited (${code}): ${out.slice(-2000)}`));
    });
  });
}

function kill(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const startSimulator = async () => {
  sim = await start(['simulator', 'national-portal', '--port', String(simPort), '--journal-dir', path.join(tmp, 'sim')], {}, /Ctrl\+C/);
};
const startApp = async () => {
  const env: Record<string, string> = {
    PORT: String(appPort),
    HOST: '127.0.0.1',
    MOTCUA_DATA_DIR: path.join(tmp, 'data'),
    MOTCUA_NATIONAL_PORTAL_URL: `http://127.0.0.1:${simPort}`,
    MOTCUA_DISPATCH_INTERVAL_MS: '200',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  app = await start(['serve', '--seed-if-empty'], env, /Ctrl\+C/);
};

async function simGet<T>(p: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${simPort}${p}`);
  return (await res.json()) as T;
}
async function setFaults(f: Record<string, number>) {
  await fetch(`http://127.0.0.1:${simPort}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(f) });
}
type Received = { calls: Array<{ kind: string; maHoSo: string }>; dossiers: Record<string, { statuses: number[] }> };

async function until(what: string, check: () => Promise<boolean>, ms = 180_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  [appPort, simPort] = [await freePort(), await freePort()];
  if (serverUrl) {
    pgName = `motcua_crash_${crypto.randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`create database ${pgName}`);
    await c.end();
    const u = new URL(serverUrl);
    u.pathname = `/${pgName}`;
    databaseUrl = u.toString();
  }
  await startSimulator();
  await startApp();
}, 300_000);

afterAll(async () => {
  await kill(app);
  await kill(sim);
  if (pgName && serverUrl) {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists ${pgName} with (force)`);
    await c.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('outbox across crashes', () => {
  const codes: string[] = [];

  it('delivers every status of every dossier exactly once though MotCua and the portal were killed mid-run', async () => {
    const base = `http://127.0.0.1:${appPort}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tiepnhan.vinhloc', password: 'motcua@2026' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const post = (url: string, body: unknown) =>
      fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });

    // Slow receiver: the deliveries are still going when MotCua is killed (3 s a call, 8 at a time, outlast the intakes even on a busy machine).
    await setFaults({ latencyMs: 3000 });
    for (let i = 0; i < DOSSIERS; i++) {
      const res = await post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: `Người nộp ${i + 1}`, phone: '0912345678' }, components: [{ key: 'c1-7d4524' }] });
      expect(res.status, await res.clone().text()).toBe(201);
      const { id, code } = (await res.json()) as { id: number; code: string };
      codes.push(code);
      expect((await post(`/api/dossiers/${id}/actions/forward`, { note: 'Chuyển xử lý' })).status).toBe(200);
    }
    await until('the first deliveries', async () => (await simGet<Received>('/_sim/received')).calls.length >= 5);
    await kill(app); // SIGKILL: no clean shutdown, whatever was in flight stays in flight
    const atCrash = (await simGet<Received>('/_sim/received')).calls.length;
    expect(atCrash).toBeLessThan(DOSSIERS * 2); // it really was mid-run

    await startApp();
    await until('more deliveries after the restart', async () => (await simGet<Received>('/_sim/received')).calls.length >= atCrash + 5);
    await kill(sim); // the portal goes down while MotCua is sending
    await new Promise((r) => setTimeout(r, 1500));
    await startSimulator(); // same port, same journal
    await setFaults({ latencyMs: 0 });

    await until(
      'every status at the portal',
      async () => {
        const r = await simGet<Received>('/_sim/received');
        return codes.every((c) => (r.dossiers[c]?.statuses.length ?? 0) >= 2);
      },
      240_000,
    );
    await new Promise((r) => setTimeout(r, 1000)); // anything still arriving would be a duplicate: give it time
    const r = await simGet<Received>('/_sim/received');
    for (const c of codes) expect(r.dossiers[c]?.statuses, c).toEqual([2, 4]);
    // One full dossier sync per dossier, one status update after it: nothing applied twice.
    const syncs = r.calls.filter((x) => x.kind === 'sync');
    expect(syncs).toHaveLength(DOSSIERS);
    expect(new Set(syncs.map((x) => x.maHoSo)).size).toBe(DOSSIERS);
    const stats = await simGet<Record<string, unknown>>('/_sim/stats');
    console.log(`crash test: ${atCrash} calls applied before the kill; portal stats after: ${JSON.stringify(stats)}`);
  }, 600_000);
});
