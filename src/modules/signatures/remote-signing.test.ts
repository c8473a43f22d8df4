// Signing through the remote-signing simulator (SmartCA / MySign style) over HTTP: the unit's credential is
// registered, the leader signs while the "phone" approves; a refusal or a timeout is a clear 422 and changes
// nothing at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp, type TestClient } from '../../test/app.js';
import { startSigningSimulator } from '../../simulators/signing.js';
import type { Actor } from '../people/actor.js';
import { actorForSession } from '../people/sessions.js';
import { pdfsig } from './test-fixtures.js';
import { toSigningStep } from './test-http.js';
import { signDossierResult } from './service.js';

type Sim = Awaited<ReturnType<typeof startSigningSimulator>>;
let sim: Sim;
let t: TestApp;
const c: Record<string, TestClient> = {};

async function nextPending(before: string[]): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const id = sim.pending().find((p) => !before.includes(p));
    if (id) return id;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no pending signing request');
}

const nothingStored = async (dossierId: number) => {
  const docs = await t.ctx.db.selectFrom('signed_documents').select('id').where('dossier_id', '=', dossierId).execute();
  const row = await t.ctx.db.selectFrom('dossiers').select(['signed_at', 'revision']).where('id', '=', dossierId).executeTakeFirstOrThrow();
  const results = await t.ctx.db.selectFrom('dossier_files').select('id').where('dossier_id', '=', dossierId).where('kind', '=', 'result').execute();
  return { docs: docs.length, signedAt: row.signed_at, results: results.length };
};

beforeAll(async () => {
  sim = await startSigningSimulator();
  const base = testConfig();
  t = await createTestApp({ config: { integrations: { ...base.integrations, signing: { url: sim.url, clientId: 'motcua', secret: 'motcua-demo-signing-secret' } } } });
  for (const u of ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'quantri']) c[u] = await t.login(`${u}.vinhloc`);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

describe('remote signing', () => {
  it('registers the unit’s credential at the service; an unknown user is a bilingual 400', async () => {
    const bad = await c.quantri!.post('/api/units/20122/certificates/remote', { userId: 'khong-ton-tai' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message.vi).toContain('khong-ton-tai');
    const res = await c.quantri!.post('/api/units/20122/certificates/remote', { userId: 'ubnd-20122' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'remote', commonName: 'UBND xã Vinh Lộc', remoteUserId: 'ubnd-20122' });
    expect(res.json().issuer).toContain('Simulated Remote Signing CA');
    expect((await c.lanhdao!.post('/api/units/20122/certificates/remote', { userId: 'ubnd-20122' })).statusCode).toBe(403);
  });

  it('the leader signs; the request waits until the phone approves; the result verifies', async () => {
    const d = await toSigningStep(t, c);
    const before = sim.pending();
    const pending = c.lanhdao!.post(`/api/dossiers/${d.id}/sign`, { method: 'remote' });
    sim.approve(await nextPending(before));
    const res = await pending;
    expect(res.statusCode, res.body).toBe(200);
    const file = await t.ctx.db.selectFrom('files').select('content').where('id', '=', res.json().fileId).executeTakeFirstOrThrow();
    expect(pdfsig(file.content)).toContain('Signature is Valid');
    const v = (await t.anonymous.get(`/api/public/signatures/${res.json().code}`)).json();
    expect(v).toMatchObject({ authentic: true, unchanged: true, method: 'remote' });
    expect(v.certificate.issuer).toContain('Simulated Remote Signing CA');
  });

  it('a refusal on the phone: 422 in both languages, and nothing changed', async () => {
    const d = await toSigningStep(t, c, 'Trần Thị Lan');
    const before = sim.pending();
    const revision = (await t.ctx.db.selectFrom('dossiers').select('revision').where('id', '=', d.id).executeTakeFirstOrThrow()).revision;
    const pending = c.lanhdao!.post(`/api/dossiers/${d.id}/sign`, { method: 'remote' });
    sim.reject(await nextPending(before));
    const res = await pending;
    expect(res.statusCode).toBe(422);
    expect(res.json().message.vi).toContain('từ chối');
    expect(res.json().message.en).toContain('declined');
    expect(res.json().details.reason).toBe('rejected');
    expect(await nothingStored(d.id)).toEqual({ docs: 0, signedAt: null, results: 0 });
    expect((await t.ctx.db.selectFrom('dossiers').select('revision').where('id', '=', d.id).executeTakeFirstOrThrow()).revision).toBe(revision);
  });

  it('nobody confirming in time: 422 "timeout", and nothing changed', async () => {
    const d = await toSigningStep(t, c, 'Lê Thị Mai');
    const session = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'lanhdao.vinhloc').executeTakeFirstOrThrow();
    const actor = (await actorForSession(t.ctx.db, sessionToken(c.lanhdao!), t.ctx.clock.now())) as Actor;
    expect(actor.accountId).toBe(session.id);
    let error: { status?: number; extra?: { details?: { reason?: string } } } = {};
    try {
      await signDossierResult(t.ctx, actor, d.id, { method: 'remote' }, null, { poll: { intervalMs: 20, maxIntervalMs: 40, timeoutMs: 300 } });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.status).toBe(422);
    expect(error.extra?.details?.reason).toBe('timeout');
    expect(await nothingStored(d.id)).toEqual({ docs: 0, signedAt: null, results: 0 });
  });

  it('the signing service down: 422 "unavailable", nothing changed', async () => {
    const d = await toSigningStep(t, c, 'Phạm Văn Nam');
    sim.faults.failNext = 3;
    const res = await c.lanhdao!.post(`/api/dossiers/${d.id}/sign`, { method: 'remote' });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.reason).toBe('unavailable');
    expect(await nothingStored(d.id)).toEqual({ docs: 0, signedAt: null, results: 0 });
  });
});

function sessionToken(client: TestClient): string {
  const m = /motcua_session=([^;]+)/.exec(client.cookie);
  if (!m) throw new Error('no session cookie');
  return decodeURIComponent(m[1]!);
}
