// Two MotCua instances on this machine, each with its own database, listening on loopback ports and registered
// as each other's peers. A receives a dossier at its counter and transfers it to a unit hosted by B; B's
// officials work it to its result; the result comes back to A. Repeats change nothing; strangers are refused.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { storeFile } from '../../files/store.js';
import { drainOutbox } from '../../outbox/dispatcher.js';
import type { OutboxEvent } from '../../outbox/types.js';
import { verifyAudit } from '../../audit/chain.js';
import { keyIdOf } from './keys.js';
import { buildResultPackage, buildTransferPackage, findRemoteTransfer, postSigned } from './outbound.js';
import { signRequest } from './signed-request.js';
import { federationSubscriber, wantsEvent } from './subscriber.js';
import { resultPath, TRANSFERS_PATH } from './wire.js';

const NOW = '2026-11-23T09:00:00+07:00';
// Xác nhận thông tin hộ tịch: 1 working day, one required component.
const PROCEDURE = '2.000908';
const REQUIRED = 'c1-7d4524';
const HOSTED_BY_B = '19942'; // Xã Phú Vang
const NOT_SERVED_BY_B = '19753'; // Phường Phú Xuân: in B's directory, but no official of B works there

let a: TestApp;
let b: TestApp;
let urlA = '';
let urlB = '';
const ca: Record<string, TestClient> = {};
const cb: Record<string, TestClient> = {};
const idsA: Record<string, number> = {};
const idsB: Record<string, number> = {};

async function pdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return doc.save({ useObjectStreams: false });
}

const urlOf = (t: TestApp) => `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
const setClocks = (iso: string) => [a, b].forEach((t) => t.clock.set(iso));
const drain = (t: TestApp) => drainOutbox(t.ctx, [federationSubscriber(t.ctx)]);

beforeAll(async () => {
  a = await createTestApp({ now: NOW });
  b = await createTestApp({ now: NOW });
  await a.app.listen({ port: 0, host: '127.0.0.1' });
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  urlA = urlOf(a);
  urlB = urlOf(b);
  for (const u of ['tiepnhan', 'truongphong', 'chuyenvien']) ca[u] = await a.login(`${u}.vinhloc`);
  for (const u of ['tiepnhan', 'truongphong', 'chuyenvien', 'lanhdao', 'vanthu']) cb[u] = await b.login(`${u}.phuvang`);
  ca.admin = await a.login('admin');
  cb.admin = await b.login('admin');
  for (const acc of await a.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) idsA[acc.username] = acc.id;
  for (const acc of await b.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) idsB[acc.username] = acc.id;
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('registering peers', () => {
  it('each admin registers the other with its address, public key and units', async () => {
    const idA = (await ca.admin!.get('/api/admin/federation')).json().instance;
    const idB = (await cb.admin!.get('/api/admin/federation')).json().instance;
    expect(idA.keyId).not.toBe(idB.keyId);
    const onA = await ca.admin!.post('/api/admin/federation/peers', { name: 'MotCua Phú Vang', url: `${urlB}/`, publicKey: idB.publicKey, unitCodes: [HOSTED_BY_B, NOT_SERVED_BY_B] });
    expect(onA.statusCode, onA.body).toBe(201);
    expect(onA.json()).toMatchObject({ url: urlB, keyId: idB.keyId, unitCodes: [NOT_SERVED_BY_B, HOSTED_BY_B], active: true, instanceId: null });
    const onB = await cb.admin!.post('/api/admin/federation/peers', { name: 'MotCua Vinh Lộc', url: urlA, publicKey: idA.publicKey, unitCodes: ['20122'] });
    expect(onB.statusCode, onB.body).toBe(201);
  });

  it('refuses a unit code another active peer already hosts, and a key registered twice', async () => {
    const other = crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const clash = await ca.admin!.post('/api/admin/federation/peers', { name: 'Hệ thống khác', url: 'http://127.0.0.1:9', publicKey: other, unitCodes: [HOSTED_BY_B] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message.vi).toContain(`${HOSTED_BY_B} (MotCua Phú Vang)`);
    const idB = (await cb.admin!.get('/api/admin/federation')).json().instance;
    const twice = await ca.admin!.post('/api/admin/federation/peers', { name: 'Lặp lại', url: 'http://127.0.0.1:9', publicKey: idB.publicKey, unitCodes: ['01'] });
    expect(twice.statusCode).toBe(409);
  });

  it('only a system admin manages peers; officials see the peers\' units for the transfer dialog', async () => {
    expect((await ca.chuyenvien!.get('/api/admin/federation')).statusCode).toBe(403);
    const units = (await ca.chuyenvien!.get('/api/federation/units')).json().units;
    expect(units).toEqual(expect.arrayContaining([expect.objectContaining({ code: HOSTED_BY_B, name: 'Xã Phú Vang', peerName: 'MotCua Phú Vang' })]));
  });
});

let dossierA = 0;
let codeA = '';
let dossierB = 0;
let componentSha = '';

describe('a dossier transferred from A to a unit hosted by B, and back', () => {
  it('A receives the dossier at the counter and the specialist transfers it to the unit on B', async () => {
    const scan = await pdf('To khai xac nhan ho tich');
    const file = await storeFile(a.ctx.db, scan, 'to-khai.pdf', idsA['tiepnhan.vinhloc']!, a.clock.now());
    componentSha = file.sha256;
    const res = await ca.tiepnhan!.post('/api/dossiers', {
      procedureCode: PROCEDURE,
      applicant: { name: 'Nguyễn Thị Hương', idNumber: '046190001234', phone: '0912345678', address: 'Thôn Vinh Lộc' },
      components: [{ key: REQUIRED, fileIds: [file.id] }],
    });
    expect(res.statusCode, res.body).toBe(201);
    ({ id: dossierA, code: codeA } = res.json());
    expect((await ca.tiepnhan!.post(`/api/dossiers/${dossierA}/actions/forward`, {})).statusCode).toBe(200);
    expect((await ca.truongphong!.post(`/api/dossiers/${dossierA}/actions/assign`, { assigneeId: idsA['chuyenvien.vinhloc'] })).statusCode).toBe(200);
    const t = await ca.chuyenvien!.post(`/api/dossiers/${dossierA}/actions/transfer`, { toUnitCode: HOSTED_BY_B, reason: 'Xác minh hộ tịch tại nơi đăng ký trước đây' });
    expect(t.statusCode, t.body).toBe(200);
    const d = (await ca.chuyenvien!.get(`/api/dossiers/${dossierA}`)).json();
    expect(d.status).toBe('transferred');
    // The dossier left this system: no local unit holds it, and Phú Vang's officials on A cannot see it.
    expect(d.handlingUnit.code).toBe('20122');
    expect(d.transfers[0]).toMatchObject({ toCode: HOSTED_BY_B, to: 'Xã Phú Vang', remote: true, returnedAt: null });
    expect((await (await a.login('chuyenvien.phuvang')).get(`/api/dossiers/${dossierA}`)).statusCode).toBe(403);
  });

  it('drainOutbox(A) sends it; B has it in the unit\'s queue, received, with its file', async () => {
    const r = await drain(a);
    expect(r).toMatchObject({ delivered: 1, failed: 0, retrying: 0 });
    const inbox = (await cb.tiepnhan!.get('/api/dossiers?status=received')).json();
    expect(inbox.items).toHaveLength(1);
    dossierB = inbox.items[0].id;
    const d = (await cb.tiepnhan!.get(`/api/dossiers/${dossierB}`)).json();
    expect(d).toMatchObject({ status: 'received', unit: { code: HOSTED_BY_B }, procedure: { code: PROCEDURE }, applicant: { name: 'Nguyễn Thị Hương', idNumber: '046190001234' } });
    expect(d.code).toMatch(/H46-261123-0001$/);
    expect(d.components.find((c: { key: string }) => c.key === REQUIRED).provided).toBe(true);
    expect(d.history.at(-1)).toMatchObject({ action: 'receive', actor: { name: 'Hệ thống MotCua Vinh Lộc', role: 'system:federation' } });
    expect(d.history.at(-1).note).toContain(codeA);
    const f = await b.ctx.db.selectFrom('dossier_files as df').innerJoin('files as f', 'f.id', 'df.file_id').select(['f.sha256', 'df.kind', 'df.component_key']).where('df.dossier_id', '=', dossierB).execute();
    expect(f).toEqual([{ sha256: componentSha, kind: 'component', component_key: REQUIRED }]);
    // A keeps B's answer: B's code for the dossier and B's name for the unit.
    const out = await a.ctx.db.selectFrom('federation_outbound').selectAll().executeTakeFirstOrThrow();
    expect(out).toMatchObject({ state: 'accepted', remote_dossier_code: d.code, remote_status: 'received' });
    // B learned A's instance id from the signed package.
    const peerOnB = await b.ctx.db.selectFrom('federation_peers').select('instance_id').executeTakeFirstOrThrow();
    expect(peerOnB.instance_id).toBe((await ca.admin!.get('/api/admin/federation')).json().instance.instanceId);
  });

  it('the same package delivered twice gives the first answer and creates nothing', async () => {
    const transfer = (await findRemoteTransfer(a.ctx.db, dossierA, a.clock.now()))!;
    const pkg = await buildTransferPackage(a.ctx, transfer);
    const before = await b.ctx.db.selectFrom('dossiers').select(b.ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const answers = [];
    for (let i = 0; i < 2; i++) answers.push(await postSigned(a.ctx, { baseUrl: urlB }, TRANSFERS_PATH, pkg, { idempotencyKey: `again-${i}`, signal: AbortSignal.timeout(10_000) }));
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    expect((answers[0]!.body as { dossierCode: string }).dossierCode).toBe((await cb.tiepnhan!.get(`/api/dossiers/${dossierB}`)).json().code);
    const after = await b.ctx.db.selectFrom('dossiers').select(b.ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("B's officials work it to the result with the normal workflow", async () => {
    setClocks('2026-11-23T10:00:00+07:00');
    const act = (who: TestClient, action: string, body: unknown = {}) => who.post(`/api/dossiers/${dossierB}/actions/${action}`, body);
    expect((await act(cb.tiepnhan!, 'forward')).statusCode).toBe(200);
    expect((await act(cb.truongphong!, 'assign', { assigneeId: idsB['chuyenvien.phuvang'] })).statusCode).toBe(200);
    expect((await act(cb.chuyenvien!, 'forward')).statusCode).toBe(200);
    expect((await act(cb.truongphong!, 'submit_for_approval', { outcome: 'granted' })).statusCode).toBe(200);
    expect((await act(cb.lanhdao!, 'approve')).statusCode).toBe(200);
    expect((await act(cb.lanhdao!, 'sign')).statusCode).toBe(200);
    const result = await storeFile(b.ctx.db, await pdf('Ket qua xac nhan ho tich'), 'ket-qua.pdf', idsB['vanthu.phuvang']!, b.clock.now());
    expect((await cb.vanthu!.post(`/api/dossiers/${dossierB}/files`, { fileId: result.id, kind: 'result' })).statusCode).toBe(200);
    const issued = await act(cb.vanthu!, 'issue_result', { resultNumber: '15/XNHT', note: 'Đã xác minh, thông tin hộ tịch đúng' });
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().status).toBe('resolved');
  });

  it("drainOutbox(B) brings the result back: A's dossier is received back, with B's result file", async () => {
    setClocks('2026-11-23T14:00:00+07:00');
    const r = await drain(b);
    expect(r).toMatchObject({ delivered: 1, failed: 0, retrying: 0 });
    const d = (await ca.chuyenvien!.get(`/api/dossiers/${dossierA}`)).json();
    expect(d.status).toBe('processing');
    expect(d.handlingUnit.code).toBe('20122');
    expect(d.transfers[0].returnedAt).toBe('2026-11-23T14:00:00+07:00');
    expect(d.transfers[0].resultNote).toContain('15/XNHT');
    const last = d.history.at(-1);
    expect(last).toMatchObject({ action: 'receive_back', actor: { name: 'Hệ thống MotCua Phú Vang', role: 'system:federation' } });
    expect(last.note).toContain('Đã xác minh, thông tin hộ tịch đúng');
    const results = d.files.filter((f: { kind: string }) => f.kind === 'result');
    expect(results).toHaveLength(1);
    const resultSha = await b.ctx.db.selectFrom('dossier_files as df').innerJoin('files as f', 'f.id', 'df.file_id').select('f.sha256').where('df.dossier_id', '=', dossierB).where('df.kind', '=', 'result').executeTakeFirstOrThrow();
    const onA = await a.ctx.db.selectFrom('files').select('sha256').where('id', '=', results[0].fileId).executeTakeFirstOrThrow();
    expect(onA.sha256).toBe(resultSha.sha256);
    // The specialist goes on from here; B's copy is returned, out of its desk's queue.
    expect(d.allowedActions.map((x: { action: string }) => x.action)).toContain('forward');
    const onB = (await cb.tiepnhan!.get(`/api/dossiers/${dossierB}`)).json();
    expect(onB.status).toBe('returned');
    const out = await a.ctx.db.selectFrom('federation_outbound').selectAll().executeTakeFirstOrThrow();
    expect(out).toMatchObject({ state: 'returned', result_outcome: 'granted' });
  });

  it('the same result delivered twice changes nothing', async () => {
    const inbound = await b.ctx.db.selectFrom('federation_inbound').select(['dossier_id', 'origin_transfer_id']).executeTakeFirstOrThrow();
    const pkg = await buildResultPackage(b.ctx, inbound, 'resolved', new Date('2026-11-23T10:00:00+07:00'));
    const historyBefore = (await ca.chuyenvien!.get(`/api/dossiers/${dossierA}`)).json().history.length;
    const first = await postSigned(b.ctx, { baseUrl: urlA }, resultPath(inbound.origin_transfer_id), pkg, { idempotencyKey: 'r1', signal: AbortSignal.timeout(10_000) });
    const second = await postSigned(b.ctx, { baseUrl: urlA }, resultPath(inbound.origin_transfer_id), pkg, { idempotencyKey: 'r2', signal: AbortSignal.timeout(10_000) });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body).toMatchObject({ dossierCode: codeA, receivedBackAt: '2026-11-23T14:00:00+07:00' });
    const d = (await ca.chuyenvien!.get(`/api/dossiers/${dossierA}`)).json();
    expect(d.history.length).toBe(historyBefore);
    expect(d.files.filter((f: { kind: string }) => f.kind === 'result')).toHaveLength(1);
    // Re-running B's subscriber on the result event also changes nothing on either side.
    const event = await b.ctx.db.selectFrom('outbox').selectAll().where('dossier_id', '=', dossierB).where('payload', '@>', JSON.stringify({ status: 'resolved' }) as never).executeTakeFirstOrThrow();
    const e: OutboxEvent = { id: Number(event.id), topic: event.topic, dossierId: dossierB, payload: event.payload as Record<string, unknown>, createdAt: event.created_at };
    await federationSubscriber(b.ctx).deliver(e, { deliveryId: 0, idempotencyKey: 'again', attempt: 2, signal: AbortSignal.timeout(10_000) });
    expect((await ca.chuyenvien!.get(`/api/dossiers/${dossierA}`)).json().history.length).toBe(historyBefore);
    expect((await cb.tiepnhan!.get(`/api/dossiers/${dossierB}`)).json().status).toBe('returned');
  });

  it('a request signed by an unknown key is refused with 401 and creates nothing', async () => {
    const transfer = (await findRemoteTransfer(a.ctx.db, dossierA, a.clock.now()))!;
    const pkg = { ...(await buildTransferPackage(a.ctx, transfer)), transferId: 999_999 };
    const stranger = crypto.generateKeyPairSync('ed25519');
    const keyId = keyIdOf(stranger.publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
    const body = JSON.stringify(pkg);
    const headers = signRequest({ keyId, privateKey: stranger.privateKey }, { method: 'POST', path: TRANSFERS_PATH, body, now: b.clock.now() });
    const count = async () => Number((await b.ctx.db.selectFrom('dossiers').select(b.ctx.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const res = await fetch(`${urlB}${TRANSFERS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect(res.status).toBe(401);
    const answer = (await res.json()) as { details: { reason: string }; message: { vi: string } };
    expect(answer.details.reason).toBe('unknown_key');
    expect(answer.message.vi).toContain(keyId);
    expect(await count()).toBe(before);
    expect(await b.ctx.db.selectFrom('federation_nonces').select('nonce').where('key_id', '=', keyId).execute()).toEqual([]);
    // And a request with no signature at all.
    const bare = await fetch(`${urlB}${TRANSFERS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(bare.status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('the admin page lists the transfer out on A and in on B with their state', async () => {
    const outA = (await ca.admin!.get('/api/admin/federation/transfers')).json();
    expect(outA.outgoing[0]).toMatchObject({ dossierCode: codeA, peer: 'MotCua Phú Vang', unitCode: HOSTED_BY_B, state: 'returned', resultOutcome: 'granted' });
    const inB = (await cb.admin!.get('/api/admin/federation/transfers')).json();
    expect(inB.incoming[0]).toMatchObject({ originDossierCode: codeA, peer: 'MotCua Vinh Lộc', status: 'returned', resultSentAt: '2026-11-23T14:00:00+07:00' });
  });
});

describe('a package missing what our catalogue requires', () => {
  it('joins the intake queue as submitted, for our receiving officer to check, with where it came from', async () => {
    const transfer = (await findRemoteTransfer(a.ctx.db, dossierA, a.clock.now()))!;
    const full = await buildTransferPackage(a.ctx, transfer);
    const pkg = { ...full, transferId: 777_777, components: full.components.map((c) => ({ ...c, provided: false })), files: [] };
    const res = await postSigned(a.ctx, { baseUrl: urlB }, TRANSFERS_PATH, pkg, { idempotencyKey: 'partial', signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', unitCode: HOSTED_BY_B });
    const code = (res.body as { dossierCode: string }).dossierCode;
    const d = (await cb.tiepnhan!.get(`/api/dossiers/${encodeURIComponent(code)}`)).json();
    expect(d.status).toBe('submitted');
    expect(d.receivedAt).toBeNull();
    expect(d.history.at(-1).note).toContain(codeA);
    expect(d.allowedActions.map((x: { action: string }) => x.action)).toEqual(expect.arrayContaining(['receive', 'request_supplement', 'refuse']));
  });
});

describe('refusals', () => {
  it("a unit B does not serve: B refuses with its reason, and A's dossier comes back at once", async () => {
    setClocks('2026-11-24T09:00:00+07:00');
    const res = await ca.tiepnhan!.post('/api/dossiers', { procedureCode: PROCEDURE, applicant: { name: 'Trần Văn Bình' }, components: [{ key: REQUIRED }] });
    const id = res.json().id as number;
    expect((await ca.tiepnhan!.post(`/api/dossiers/${id}/actions/forward`, {})).statusCode).toBe(200);
    expect((await ca.truongphong!.post(`/api/dossiers/${id}/actions/assign`, { assigneeId: idsA['chuyenvien.vinhloc'] })).statusCode).toBe(200);
    expect((await ca.chuyenvien!.post(`/api/dossiers/${id}/actions/transfer`, { toUnitCode: NOT_SERVED_BY_B, reason: 'Chuyển phường Phú Xuân' })).statusCode).toBe(200);
    const r = await drain(a);
    expect(r).toMatchObject({ delivered: 0, failed: 1 });
    const delivery = await a.ctx.db.selectFrom('deliveries').select(['state', 'last_error']).where('subscriber', '=', 'federation').where('state', '=', 'failed').executeTakeFirstOrThrow();
    expect(delivery.last_error).toContain('HTTP 422');
    expect(delivery.last_error).toContain(NOT_SERVED_BY_B);
    const d = (await ca.chuyenvien!.get(`/api/dossiers/${id}`)).json();
    expect(d.status).toBe('processing');
    expect(d.history.at(-1)).toMatchObject({ action: 'receive_back', actor: { role: 'system:federation' } });
    expect(d.history.at(-1).note).toContain('không nhận hồ sơ liên thông');
    const out = (await ca.admin!.get('/api/admin/federation/transfers')).json().outgoing[0];
    expect(out).toMatchObject({ state: 'refused', unitCode: NOT_SERVED_BY_B });
    expect(out.refusal.en).toContain('not served');
  });

  it('a deactivated peer is refused like a stranger, and nothing is routed to a local transfer', async () => {
    const peerOnB = (await cb.admin!.get('/api/admin/federation')).json().peers[0];
    expect((await cb.admin!.post(`/api/admin/federation/peers/${peerOnB.id}/deactivate`)).json().active).toBe(false);
    const transfer = (await findRemoteTransfer(a.ctx.db, dossierA, a.clock.now()))!;
    const pkg = { ...(await buildTransferPackage(a.ctx, transfer)), transferId: 888_888 };
    const res = await postSigned(a.ctx, { baseUrl: urlB }, TRANSFERS_PATH, pkg, { idempotencyKey: 'x', signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(401);
    expect(await b.ctx.db.selectFrom('federation_inbound').select('id').where('origin_transfer_id', '=', 888_888).execute()).toEqual([]);
    expect((await cb.admin!.post(`/api/admin/federation/peers/${peerOnB.id}/activate`)).json().active).toBe(true);
  });

  it('a practice dossier cannot be transferred to another system', async () => {
    const res = await ca.tiepnhan!.post('/api/dossiers', { procedureCode: PROCEDURE, applicant: { name: 'Lê Thị Cúc' }, components: [{ key: REQUIRED }] });
    const id = res.json().id as number;
    await a.ctx.db.updateTable('dossiers').set({ is_practice: true }).where('id', '=', id).execute();
    expect((await ca.tiepnhan!.post(`/api/dossiers/${id}/actions/forward`, {})).statusCode).toBe(200);
    expect((await ca.truongphong!.post(`/api/dossiers/${id}/actions/assign`, { assigneeId: idsA['chuyenvien.vinhloc'] })).statusCode).toBe(200);
    const t = await ca.chuyenvien!.post(`/api/dossiers/${id}/actions/transfer`, { toUnitCode: HOSTED_BY_B, reason: 'Thực hành liên thông' });
    expect(t.statusCode).toBe(422);
    expect(t.json().message.vi).toContain('thực hành');
  });

  it('both audit chains still verify', async () => {
    expect((await verifyAudit(a.ctx.db)).ok).toBe(true);
    expect((await verifyAudit(b.ctx.db)).ok).toBe(true);
  });
});

describe('which events the subscriber wants', () => {
  const ev = (payload: Record<string, unknown>): OutboxEvent => ({ id: 1, topic: 'dossier.status_changed', dossierId: 5, payload, createdAt: new Date() });
  it.each([
    [{ action: 'transfer', unitId: 3, handlingUnitId: 3, practice: false }, true],
    [{ action: 'transfer', unitId: 3, handlingUnitId: 4, practice: false }, false],
    [{ action: 'transfer', unitId: 3, handlingUnitId: 3, practice: true }, false],
    [{ action: 'issue_result', status: 'resolved', source: 'federation', practice: false }, true],
    [{ action: 'refuse', status: 'refused', source: 'federation', practice: false }, true],
    [{ action: 'issue_result', status: 'resolved', source: null, practice: false }, false],
    [{ action: 'issue_result', status: 'resolved', source: 'national_portal', practice: false }, false],
    [{ action: 'return_result', status: 'returned', source: 'federation', practice: false }, false],
    [{ action: 'receive', status: 'received', source: 'federation', practice: false }, false],
  ])('%o → %s', (payload, wanted) => {
    expect(wantsEvent(ev(payload))).toBe(wanted);
  });
});
