// Issue 4's "done means", against real simulators over HTTP: a dossier submitted on the national portal arrives
// in the commune's queue, is handled, paid for online, signed by the leader with the unit's certificate,
// notified by email at each stage, and every one of its statuses reaches the portal exactly once — though the
// portal was down for part of the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestApp, testConfig, type TestApp, type TestClient } from '../src/test/app.js';
import { drainOutbox } from '../src/modules/outbox/dispatcher.js';
import { subscribersFor } from '../src/modules/outbox/registry.js';
import { pullSubmissions } from '../src/modules/integrations/national-portal/inbound.js';
import { startNationalPortalSimulator, type RunningNationalPortalSimulator } from '../src/simulators/national-portal.js';
import { startPaymentSimulator, type RunningPaymentSimulator } from '../src/simulators/payment.js';
import { startMailCatcher, type RunningMailCatcher } from '../src/simulators/mail.js';
import { startSmsSimulator, type RunningSmsSimulator } from '../src/simulators/sms.js';
import { seedPortalSubmissions } from '../src/simulators/demo.js';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-connected-'));
const portalJournal = path.join(tmp, 'portal.jsonl');
const EMAIL = 'hoangthimai@example.vn';

let t: TestApp;
let portal: RunningNationalPortalSimulator;
let portalPort = 0;
let payment: RunningPaymentSimulator;
let mail: RunningMailCatcher;
let sms: RunningSmsSimulator;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  portal = await startNationalPortalSimulator({ journalFile: portalJournal });
  portalPort = Number(new URL(portal.url).port);
  mail = await startMailCatcher();
  sms = await startSmsSimulator();
  // The platform's clock follows the app's fixed clock once the app exists.
  let clock: () => Date = () => new Date('2026-11-23T08:00:00+07:00');
  payment = await startPaymentSimulator({ now: () => clock(), retryDelaysMs: [20, 50, 100] });
  const integrations = {
    ...testConfig().integrations,
    nationalPortal: { url: portal.url, clientId: 'motcua', secret: 'motcua-demo-secret' },
    payment: { url: payment.url, merchant: 'MOTCUA', secret: 'motcua-demo-payment-secret' },
    smtp: { url: mail.smtpUrl, from: 'UBND xã Vinh Lộc <motcua@vinhloc.hue.gov.vn>' },
    sms: { url: sms.url, token: 'motcua-demo-sms-token' },
  };
  t = await createTestApp({ now: '2026-11-23T08:00:00+07:00', fullCatalogue: true, config: { integrations } });
  clock = () => t.clock.now();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  t.ctx.config.publicBaseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  for (const u of ['tiepnhan', 'truongphong', 'chuyenvien', 'lanhdao', 'vanthu', 'quantri']) c[u] = await t.login(`${u}.vinhloc`);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  expect((await c.quantri!.put('/api/payments/accounts/20122', { platformUnit: 'H46.20122', accountNo: '0123456789', bankCode: 'VCB', accountName: 'UBND xã Vinh Lộc' })).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await Promise.all([portal?.close(), payment?.close(), mail?.close(), sms?.close()]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const deliver = () => drainOutbox(t.ctx, subscribersFor(t.ctx));

describe('a dossier from the national portal to the returned result, connected', () => {
  let id = 0;
  let code = '';
  const act = async (who: string, action: string, body: unknown = {}) => {
    const res = await c[who]!.post(`/api/dossiers/${id}/actions/${action}`, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  };

  it('arrives from the national portal in the commune queue, once', async () => {
    expect(await seedPortalSubmissions(portal)).toBe(2);
    const first = await pullSubmissions(t.ctx);
    const again = await pullSubmissions(t.ctx);
    const list = (await c.tiepnhan!.get('/api/dossiers?status=submitted')).json();
    const fromPortal = await t.ctx.db.selectFrom('dossiers').select(['id', 'code', 'applicant_email', 'status']).where('source', '=', 'national_portal').orderBy('id').execute();
    expect(fromPortal).toHaveLength(2);
    expect(JSON.stringify(first)).not.toEqual(JSON.stringify(again));
    id = Number(fromPortal[0]!.id);
    code = fromPortal[0]!.code;
    expect(fromPortal[0]!.applicant_email).toBe(EMAIL);
    expect(JSON.stringify(list)).toContain(code);
  });

  it('is handled, paid for online and signed, while the portal is down for part of the run', async () => {
    await act('tiepnhan', 'receive', { components: ['c1-7d4524'] });
    await deliver();
    await portal.close(); // the national portal goes down

    t.clock.set('2026-11-23T09:00:00+07:00');
    await act('tiepnhan', 'forward', { note: 'Chuyển xử lý' });
    await act('truongphong', 'assign', { assigneeId: ids['chuyenvien.vinhloc'] });
    await act('chuyenvien', 'request_fee', { lines: [{ code: 'LP01', name: 'Lệ phí chứng thực bản sao', kind: 'charge', amount: 2000 }] });
    const r = await deliver();
    expect(r.retrying).toBeGreaterThan(0); // the portal's deliveries wait; email and SMS went out

    // The citizen pays on the payment platform; its notification resumes the dossier.
    const started = await t.anonymous.post(`/api/public/dossiers/${encodeURIComponent(code)}/payments`, { verify: { phone: '0905123456' } });
    expect(started.statusCode, started.body).toBe(201);
    const page = await fetch(started.json().paymentUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay&bank=VCB' });
    expect(page.status).toBe(303);
    await payment.idle();
    expect((await c.tiepnhan!.get(`/api/dossiers/${id}`)).json().status).toBe('processing');

    await act('chuyenvien', 'forward');
    await act('truongphong', 'submit_for_approval', { outcome: 'granted' });
    await act('lanhdao', 'approve');
    const signed = await c.lanhdao!.post(`/api/dossiers/${id}/sign`, { method: 'pkcs12' });
    expect(signed.statusCode, signed.body).toBe(200);
    await act('vanthu', 'issue_result', { resultNumber: '12/CT' });
    await act('tiepnhan', 'return_result', { receivedBy: 'Hoàng Thị Mai' });
    await deliver();
  });

  it('every status reached the portal exactly once after it came back', async () => {
    portal = await startNationalPortalSimulator({ port: portalPort, journalFile: portalJournal });
    for (let i = 0; i < 12; i++) {
      t.clock.advance(20 * 60_000); // past every backoff
      await deliver();
    }
    const history = (await c.tiepnhan!.get(`/api/dossiers/${id}`)).json().history as Array<{ action: string; nationalStatus?: number }>;
    const events = await t.ctx.db.selectFrom('outbox').select('payload').where('dossier_id', '=', id).where('topic', '=', 'dossier.status_changed').orderBy('id').execute();
    const expected = events.map((e) => (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload).nationalStatus as number);
    for (const status of [1, 2, 4, 6, 9, 10]) expect(expected).toContain(status);
    expect(portal.received().dossiers[code]!.statuses).toEqual(expected);
    expect(history.length).toBeGreaterThanOrEqual(expected.length);
    const pending = await t.ctx.db.selectFrom('deliveries').select('state').where('state', '<>', 'delivered').execute();
    expect(pending).toEqual([]);
  });

  it('the citizen was emailed at each stage, and each message is recorded on the dossier', async () => {
    const mine = mail.messages().filter((m) => m.envelopeTo.includes(EMAIL));
    const subjects = mine.map((m) => m.subject).join(' | ');
    for (const word of ['tiếp nhận', 'phí', 'kết quả', 'đánh giá']) expect(subjects.toLowerCase()).toContain(word);
    const recorded = (await c.tiepnhan!.get(`/api/dossiers/${id}/notifications`)).json();
    const emails = (recorded.notifications ?? recorded).filter((n: { channel: string; state: string }) => n.channel === 'email' && n.state === 'sent');
    expect(emails).toHaveLength(mine.length);
  });

  it('the signed result verifies in pdfsig and on the public verification page', async () => {
    const sigs = (await c.tiepnhan!.get(`/api/dossiers/${id}/signatures`)).json();
    const doc = sigs.documents.find((d: { kind: string }) => d.kind === 'result');
    expect(doc.verificationUrl).toContain(`/xac-thuc/`);
    const check = (await t.anonymous.get(`/api/public/signatures/${doc.code}`)).json();
    expect(check).toMatchObject({ authentic: true, unchanged: true });
    const file = await t.anonymous.get(`/api/public/signatures/${doc.code}/file`);
    const pdf = path.join(tmp, 'signed.pdf');
    fs.writeFileSync(pdf, file.rawPayload);
    const { stdout } = await run('pdfsig', [pdf]).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
    expect(stdout).toContain('Signature is Valid');
    expect(stdout).toContain('Vinh Lộc');
  });
});
