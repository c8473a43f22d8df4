// Paying a dossier's fee online, end to end: MotCua listens on a real port, the payment platform simulator runs
// on another, and its signed notifications reach MotCua over HTTP. The fee request pauses the clock without the
// platform; repeated, late, wrongly signed and wrong-amount notifications change nothing they must not; the day's
// reconciliation shows what the platform settled that MotCua did not record.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp, type TestClient } from '../../../test/app.js';
import { startPaymentSimulator, type RunningPaymentSimulator } from '../../../simulators/payment.js';
import { verifyAudit } from '../../audit/chain.js';
import { notificationSignature } from './protocol.js';

const SECRET = 'it-payment-secret';
const ID_NUMBER = '046190001234';
const PROCEDURE = '2.000908';
const LINES = [
  { code: 'LP01', name: 'Lệ phí cấp bản sao', kind: 'charge', amount: 8_000 },
  { code: 'P02', name: 'Phí sao y bản chính', kind: 'fee', amount: 2_000 },
];

let t: TestApp;
let sim: RunningPaymentSimulator;
const c: Record<string, TestClient> = {};
const paidCodes: string[] = [];
let lateCode = '';

beforeAll(async () => {
  sim = await startPaymentSimulator({ secret: SECRET, now: () => t.clock.now(), retryDelaysMs: [20, 50, 100, 200] });
  t = await createTestApp({ config: { integrations: { ...testConfig().integrations, payment: { url: sim.url, merchant: 'MOTCUA', secret: SECRET } } } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  // The platform must reach this MotCua: its notify and return URLs come from the public base URL.
  t.ctx.config.publicBaseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  for (const u of ['tiepnhan.vinhloc', 'quantri.vinhloc', 'chuyenvien.vinhloc', 'tiepnhan.phuvang']) c[u] = await t.login(u);
  const account = await c['quantri.vinhloc']!.put('/api/payments/accounts/20122', { platformUnit: 'H46.20122', accountNo: '0123456789', bankCode: 'VCB', accountName: 'UBND xã Vinh Lộc' });
  expect(account.statusCode, account.body).toBe(200);
  const lines = await c['quantri.vinhloc']!.put(`/api/procedures/${PROCEDURE}/fee-lines?unit=20122`, { lines: LINES });
  expect(lines.statusCode, lines.body).toBe(200);
});
afterAll(async () => {
  await sim?.close();
  await t?.close();
});

async function newDossier(): Promise<{ id: number; code: string }> {
  t.clock.set('2026-11-23T09:00:00+07:00');
  const res = await c['tiepnhan.vinhloc']!.post('/api/dossiers', {
    procedureCode: PROCEDURE,
    applicant: { name: 'Nguyễn Thị Hương', idNumber: ID_NUMBER, phone: '0912345678' },
    components: [{ key: 'c1-7d4524' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function requestFee(id: number, body: unknown = { lines: LINES }) {
  const res = await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${id}/actions/request_fee`, body);
  expect(res.statusCode, res.body).toBe(200);
}

const detail = async (id: number) => (await c['tiepnhan.vinhloc']!.get(`/api/dossiers/${id}`)).json();
const payments = async (id: number) => (await c['tiepnhan.vinhloc']!.get(`/api/dossiers/${id}/payments`)).json();
const startPayment = (code: string, verify: Record<string, string> = { idNumber: ID_NUMBER }) => t.anonymous.post(`/api/public/dossiers/${encodeURIComponent(code)}/payments`, { verify });
const submitPage = (url: string, action: 'pay' | 'cancel' = 'pay') =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}&bank=VCB` });
const notices = (dossierId: number) =>
  t.ctx.db
    .selectFrom('payment_notifications as n')
    .innerJoin('payments as p', 'p.id', 'n.payment_id')
    .select(['n.outcome', 'n.reason', 'n.flagged', 'n.transaction_id'])
    .where('p.dossier_id', '=', dossierId)
    .orderBy('n.id')
    .execute();

/** Pays the dossier's fee online as the citizen would, and waits until the platform has told MotCua. */
async function payOnline(code: string): Promise<{ transactionId: string; paymentUrl: string; back: URL }> {
  const started = await startPayment(code);
  expect(started.statusCode, started.body).toBe(201);
  const { paymentUrl, transactionId } = started.json();
  const res = await submitPage(paymentUrl);
  expect(res.status).toBe(303);
  await sim.idle();
  return { transactionId, paymentUrl, back: new URL(res.headers.get('location')!) };
}

describe('fees and online payment', () => {
  it('request_fee pauses the clock and opens the payment request in the same transaction, without the platform', async () => {
    const { id } = await newDossier();
    const before = sim.transactions().length;
    await requestFee(id);
    const d = await detail(id);
    expect(d.status).toBe('fee_requested');
    expect(d.nationalStatus).toBe(6);
    expect(d.pausedAt).toBe('2026-11-23T09:00:00+07:00');
    expect(d.pauses.at(-1)).toMatchObject({ kind: 'fee', endedAt: null });
    expect(d.history.at(-1).details.lines).toHaveLength(2);
    const p = await payments(id);
    expect(p.fees).toEqual([expect.objectContaining({ amount: 10_000, description: 'Lệ phí cấp bản sao; Phí sao y bản chính', paidAt: null, lines: LINES })]);
    expect(p.payments).toEqual([expect.objectContaining({ amount: 10_000, state: 'pending', transactionId: null })]);
    expect(p.payments[0].reference).toMatch(/^MC261123[0-9A-Z]{8}$/);
    expect(sim.transactions()).toHaveLength(before);
  });

  it('keeps the { amount, description } form, and a free fee opens no payment request', async () => {
    const a = await newDossier();
    await requestFee(a.id, { amount: 5_000, description: 'Lệ phí chứng thực' });
    expect((await payments(a.id)).payments).toEqual([expect.objectContaining({ amount: 5_000, state: 'pending' })]);
    expect((await payments(a.id)).fees[0].lines).toEqual([]);
    const b = await newDossier();
    await requestFee(b.id, { amount: 0, description: 'Miễn lệ phí' });
    expect((await payments(b.id)).payments).toEqual([]);
    const c2 = await newDossier();
    const wrongSum = await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${c2.id}/actions/request_fee`, { amount: 3, lines: LINES });
    expect(wrongSum.statusCode).toBe(400);
    expect(wrongSum.json().field).toContain('amount');
    expect((await detail(c2.id)).status).toBe('received');
  });

  it('the citizen pays online: the platform notifies, the dossier resumes, the receipt is linked', async () => {
    const { id, code } = await newDossier();
    await requestFee(id);
    const dueBefore = (await detail(id)).dueAt;

    const view = (await t.anonymous.get(`/api/public/dossiers/${encodeURIComponent(code)}/payment`)).json();
    expect(view).toMatchObject({ state: 'due', onlineAvailable: true, paidOnline: false, receiptUrl: null, fee: { amount: 10_000 } });
    expect(view.fee.lines.map((l: { code: string }) => l.code)).toEqual(['LP01', 'P02']);

    expect((await startPayment(code, { idNumber: '046190009999' })).statusCode).toBe(404);
    t.clock.set('2026-11-23T10:00:00+07:00');
    const { transactionId, paymentUrl, back } = await payOnline(code);
    expect(paymentUrl.startsWith(`${sim.url}/pay/`)).toBe(true);
    expect(back.pathname).toBe(`/tra-cuu/${code}`);
    expect(back.searchParams.get('MaGiaoDich')).toBe(transactionId);

    const d = await detail(id);
    expect(d.status).toBe('received');
    expect(d.pausedAt).toBeNull();
    // One hour paused: the due date moves one working hour later.
    expect(new Date(d.dueAt).getTime() - new Date(dueBefore).getTime()).toBe(3600_000);
    const last = d.history.at(-1);
    expect(last).toMatchObject({ action: 'record_payment', actor: { id: null, role: 'system:payment_platform', name: 'Nền tảng thanh toán' } });
    const p = await payments(id);
    expect(p.fees[0]).toMatchObject({ method: 'online', receiptNo: transactionId, paidAt: '2026-11-23T10:00:00+07:00' });
    expect(p.payments[0]).toMatchObject({ state: 'paid', transactionId, bankCode: 'VCB', receiptUrl: `${sim.url}/receipts/${transactionId}` });
    expect(p.payments[0].notifications.map((n: { outcome: string }) => n.outcome)).toEqual(['applied']);

    const anon = (await t.anonymous.get(`/api/public/dossiers/${encodeURIComponent(code)}/payment`)).json();
    expect(anon).toMatchObject({ state: 'paid', paidOnline: true, onlineAvailable: false, receiptUrl: null });
    const returned = (await t.anonymous.get(`/api/public/dossiers/${encodeURIComponent(code)}/payment?transaction=${transactionId}`)).json();
    expect(returned.receiptUrl).toBe(`${sim.url}/receipts/${transactionId}`);
    const receipt = await t.anonymous.post(`/api/public/dossiers/${encodeURIComponent(code)}/payment/receipt`, { verify: { phone: '0912345678' } });
    expect(receipt.json()).toMatchObject({ transactionId, amount: 10_000, receiptUrl: returned.receiptUrl });
    expect((await fetch(returned.receiptUrl)).status).toBe(200);
    // Paid: no second payment.
    expect((await startPayment(code)).statusCode).toBe(409);
    paidCodes.push(code);
  });

  it('the same notification delivered three times is applied once', async () => {
    const { id, code } = await newDossier();
    await requestFee(id);
    const revision = (await detail(id)).revision;
    sim.nextPayment({ duplicates: 3 });
    const { transactionId } = await payOnline(code);
    await sim.resend(transactionId);
    const d = await detail(id);
    expect(d.revision).toBe(revision + 1);
    expect(d.history.filter((h: { action: string }) => h.action === 'record_payment')).toHaveLength(1);
    expect((await notices(id)).map((n) => n.outcome)).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
    const fees = await t.ctx.db.selectFrom('dossier_fees').select(['paid_at', 'method']).where('dossier_id', '=', id).execute();
    expect(fees).toEqual([{ paid_at: expect.any(Date), method: 'online' }]);
    const outbox = await t.ctx.db.selectFrom('outbox').select('payload').where('dossier_id', '=', id).execute();
    expect(outbox.filter((o) => (o.payload as { action?: string }).action === 'record_payment')).toHaveLength(1);
    paidCodes.push(code);
  });

  it('a citizen who cancels on the platform can pay again under a new reference', async () => {
    const { id, code } = await newDossier();
    await requestFee(id);
    const first = (await startPayment(code)).json();
    expect((await submitPage(first.paymentUrl, 'cancel')).status).toBe(303);
    await sim.idle();
    expect((await payments(id)).payments.map((p: { state: string }) => p.state)).toEqual(['cancelled']);
    expect((await detail(id)).status).toBe('fee_requested');
    const second = await payOnline(code);
    const p = await payments(id);
    expect(p.payments.map((x: { state: string }) => x.state)).toEqual(['cancelled', 'paid']);
    expect(p.payments[1].reference).not.toBe(p.payments[0].reference);
    expect(p.payments[1].transactionId).toBe(second.transactionId);
    expect((await detail(id)).status).toBe('received');
    paidCodes.push(code);
  });

  it('a late notification after payment at the counter is flagged and changes nothing', async () => {
    const { id, code } = await newDossier();
    await requestFee(id);
    const started = (await startPayment(code)).json();
    sim.nextPayment({ hold: true });
    expect((await submitPage(started.paymentUrl)).status).toBe(303);
    await sim.idle();
    expect(await notices(id)).toEqual([]);
    const counter = await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${id}/actions/record_payment`, { method: 'cash', receiptNo: 'BL-0001' });
    expect(counter.statusCode, counter.body).toBe(200);
    expect((await payments(id)).payments[0].state).toBe('cancelled');
    const before = await detail(id);

    expect(await sim.release()).toBe(1);
    expect(await notices(id)).toEqual([{ outcome: 'late', reason: 'payment_cancelled', flagged: true, transaction_id: started.transactionId }]);
    const after = await detail(id);
    expect(after.revision).toBe(before.revision);
    expect(after.history).toHaveLength(before.history.length);
    expect(after.status).toBe('received');
    const p = await payments(id);
    expect(p.payments[0].state).toBe('cancelled');
    expect(p.fees[0]).toMatchObject({ method: 'cash', receiptNo: 'BL-0001' });
    lateCode = code;
  });

  it('refuses a notification with a bad signature (401), records it, and changes nothing', async () => {
    const { id, code } = await newDossier();
    await requestFee(id);
    const { reference, amount } = (await payments(id)).payments[0];
    const body = { MaThamChieu: reference, SoTien: amount, TrangThai: '1', ThoiGianGD: '20261123100000', MaGiaoDich: 'GDFORGED0001', MaNganHang: 'VCB', DuongDanBienLai: 'http://evil.test/r' };
    const forged = await t.anonymous.post('/api/public/payments/notify', body, { 'x-signature': notificationSignature('wrong-secret', body) });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toEqual({ MaLoi: '97', MoTaLoi: expect.any(String) });
    expect((await t.anonymous.post('/api/public/payments/notify', body)).statusCode).toBe(401);
    const rejected = await t.ctx.db.selectFrom('payment_notifications').select(['outcome', 'signature_ok', 'payment_id']).where('transaction_id', '=', 'GDFORGED0001').execute();
    expect(rejected).toEqual([
      { outcome: 'rejected', signature_ok: false, payment_id: null },
      { outcome: 'rejected', signature_ok: false, payment_id: null },
    ]);
    expect((await detail(id)).status).toBe('fee_requested');
    expect((await payments(id)).payments[0]).toMatchObject({ state: 'pending', transactionId: null });
    // Correctly signed: an unknown reference is answered (so the platform stops) and flagged; a malformed one is refused.
    const stranger = { ...body, MaThamChieu: 'MC000000UNKNOWN0', MaGiaoDich: 'GDSTRANGER01' };
    const unknown = await t.anonymous.post('/api/public/payments/notify', stranger, { 'x-signature': notificationSignature(SECRET, stranger) });
    expect(unknown.json()).toMatchObject({ MaLoi: '01' });
    const malformed = { MaThamChieu: reference, SoTien: amount };
    const bad = await t.anonymous.post('/api/public/payments/notify', malformed, { 'x-signature': notificationSignature(SECRET, malformed) });
    expect(bad.statusCode).toBe(400);
    expect((await detail(id)).status).toBe('fee_requested');
  });
});

describe('reconciliation of the day', () => {
  let withheld = '';
  let odd = '';

  it('flags a notification with the wrong amount and leaves the dossier waiting', async () => {
    const a = await newDossier();
    await requestFee(a.id);
    sim.nextPayment({ withhold: true });
    await payOnline(a.code);
    withheld = a.code;
    expect((await detail(a.id)).status).toBe('fee_requested');

    const b = await newDossier();
    await requestFee(b.id);
    sim.nextPayment({ amount: 9_000 });
    await payOnline(b.code);
    odd = b.code;
    expect(await notices(b.id)).toEqual([expect.objectContaining({ outcome: 'mismatch', reason: 'amount', flagged: true })]);
    expect((await detail(b.id)).status).toBe('fee_requested');
  });

  it('shows what the platform settled that MotCua did not record, the amount mismatch, the late money and the matches', async () => {
    const res = await c['tiepnhan.vinhloc']!.get('/api/payments/reconciliation?unit=20122&date=2026-11-23');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.unit.code).toBe('20122');
    expect(r.notRecorded).toEqual([expect.objectContaining({ dossierCode: withheld, why: 'pending', amount: 10_000 })]);
    expect(r.amountMismatch).toEqual([expect.objectContaining({ dossierCode: odd, platformAmount: 9_000, motcuaAmount: 10_000, recordedPaid: false })]);
    expect(r.late).toEqual([expect.objectContaining({ dossierCode: lateCode, onStatement: true, reason: 'payment_cancelled' })]);
    expect(r.matched.map((m: { dossierCode: string }) => m.dossierCode).sort()).toEqual([...paidCodes].sort());
    expect(r.notOnStatement).toEqual([]);
    expect(r.totals).toMatchObject({ matchedCount: paidCodes.length, matchedAmount: paidCodes.length * 10_000, recordedCount: paidCodes.length, issues: 3 });
    expect(r.totals.statementCount).toBe(paidCodes.length + 3);
    expect(r.matched[0].paidAt).toMatch(/\+07:00$/);

    const other = await c['quantri.vinhloc']!.get('/api/payments/reconciliation?date=2026-11-22');
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().totals.statementCount).toBe(0);
  });

  it('is for the unit’s receiving officers and admins only', async () => {
    expect((await c['chuyenvien.vinhloc']!.get('/api/payments/reconciliation?unit=20122')).statusCode).toBe(403);
    expect((await c['tiepnhan.phuvang']!.get('/api/payments/reconciliation?unit=20122')).statusCode).toBe(403);
    const phuvang = (await c['tiepnhan.phuvang']!.get('/api/payments/reconciliation?date=2026-11-23')).json();
    expect(phuvang.totals).toMatchObject({ statementCount: 0, issues: 0 });
  });

  it('leaves the audit chains intact', async () => {
    const v = await verifyAudit(t.ctx.db);
    expect(v.ok).toBe(true);
  });
});
