// The payment platform simulator against MotCua's real adapter (client.ts) and a real HTTP receiver standing in
// for MotCua's notify endpoint: signed requests, idempotent references, the payment page, notifications with
// retries, duplicates, held and withheld notifications, the statement, the receipt, and the journal.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../lib/canonical-json.js';
import { PaymentPlatformClient, type CreateTransaction } from '../modules/integrations/payments/client.js';
import { startPaymentSimulator, type RunningPaymentSimulator } from './payment.js';

const SECRET = 'test-payment-secret';
const NOW = new Date('2026-11-23T09:30:00+07:00');
let sim: RunningPaymentSimulator;
let receiver: FastifyInstance;
let receiverUrl = '';
let received: Array<{ body: Record<string, unknown>; signatureOk: boolean }> = [];
let failNext = 0;
let journalFile = '';

function request(ref: string, amount = 50_000): CreateTransaction {
  return {
    MaThamChieu: ref,
    SoTien: amount,
    LoaiHinhThanhToan: '1',
    MaDonVi: '20122',
    TKThuHuong: '0123456789',
    MaNHThuHuong: 'VCB',
    TenTKThuHuong: 'UBND xã Vinh Lộc',
    LoaiPhiLePhi: '2',
    MaPhiLePhi: 'LP01',
    TenPhiLePhi: 'Lệ phí cấp bản sao',
    MaThuTucDVCQG: '2.000908',
    HoTenNguoiNop: 'Nguyễn Thị Hương',
    SoCMNDNguoiNop: '046190001234',
    DuongDanQuayLai: 'http://motcua.test/tra-cuu/000.00.01.H46-261123-0001',
    DuongDanThongBao: `${receiverUrl}/notify`,
  };
}

const client = () => new PaymentPlatformClient({ url: sim.url, merchant: 'MOTCUA', secret: SECRET }, () => NOW);
const ref = () => `MC261123${crypto.randomBytes(4).toString('hex').toUpperCase()}`;

async function pay(paymentUrl: string, action: 'pay' | 'cancel' = 'pay') {
  return fetch(paymentUrl, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `action=${action}&bank=BIDV` });
}

async function open(r = ref(), amount?: number) {
  const created = await client().createTransaction(request(r, amount));
  if ('refused' in created) throw new Error(created.refused);
  return { ref: r, ...created };
}

beforeAll(async () => {
  receiver = Fastify();
  receiver.post<{ Body: Record<string, unknown> }>('/notify', async (req, reply) => {
    if (failNext > 0) {
      failNext -= 1;
      return reply.status(503).send({ MaLoi: '99' });
    }
    const expected = crypto.createHmac('sha256', SECRET).update(canonicalJson(req.body)).digest('hex');
    received.push({ body: req.body, signatureOk: req.headers['x-signature'] === expected });
    return { MaLoi: '00', MoTaLoi: 'ok' };
  });
  await receiver.listen({ port: 0, host: '127.0.0.1' });
  const addr = receiver.server.address();
  receiverUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  journalFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paysim-')), 'journal.jsonl');
  sim = await startPaymentSimulator({ secret: SECRET, now: () => NOW, retryDelaysMs: [5, 5, 5], journalFile });
});
afterAll(async () => {
  await sim?.close();
  await receiver?.close();
});
beforeEach(() => {
  received = [];
  failNext = 0;
});

describe('payment platform simulator', () => {
  it('refuses a request signed with another secret', async () => {
    const wrong = new PaymentPlatformClient({ url: sim.url, merchant: 'MOTCUA', secret: 'not-the-secret' }, () => NOW);
    await expect(wrong.createTransaction(request(ref()))).rejects.toMatchObject({ code: 'domain_rule' });
    expect(sim.transactions()).toHaveLength(0);
  });

  it('opens one transaction per reference while it is pending, and shows a payment page', async () => {
    const a = await open();
    const again = await client().createTransaction(request(a.ref));
    expect(again).toEqual({ MaGiaoDich: a.MaGiaoDich, paymentUrl: a.paymentUrl });
    expect(a.paymentUrl).toBe(`${sim.url}/pay/${a.MaGiaoDich}`);
    const html = await (await fetch(a.paymentUrl)).text();
    expect(html).toContain('50.000 đồng');
    expect(html).toContain('value="pay"');
    expect(html).toContain('value="cancel"');
    const found = await client().findTransaction(a.ref);
    expect(found).toMatchObject({ MaGiaoDich: a.MaGiaoDich, TrangThai: '0' });
    expect(await client().findTransaction('MC000000NOTHERE')).toBeNull();
  });

  it('on pay: redirects back with the ids, notifies with a valid signature, and keeps a receipt', async () => {
    const a = await open();
    const res = await pay(a.paymentUrl);
    expect(res.status).toBe(303);
    const back = new URL(res.headers.get('location')!);
    expect(back.pathname).toBe('/tra-cuu/000.00.01.H46-261123-0001');
    expect(back.searchParams.get('MaGiaoDich')).toBe(a.MaGiaoDich);
    expect(back.searchParams.get('TrangThai')).toBe('1');
    await sim.idle();
    expect(received).toHaveLength(1);
    expect(received[0]!.signatureOk).toBe(true);
    expect(received[0]!.body).toMatchObject({ MaThamChieu: a.ref, SoTien: 50_000, TrangThai: '1', ThoiGianGD: '20261123093000', MaNganHang: 'BIDV', MaGiaoDich: a.MaGiaoDich });
    const receipt = await fetch(String(received[0]!.body.DuongDanBienLai));
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain(a.MaGiaoDich);
    // A paid reference cannot be opened again.
    expect(await client().createTransaction(request(a.ref))).toMatchObject({ code: '03' });
    expect((await pay(a.paymentUrl)).status).toBe(409);
  });

  it('on cancel: notifies the failure, has no receipt, and the reference is closed', async () => {
    const a = await open();
    expect((await pay(a.paymentUrl, 'cancel')).status).toBe(303);
    await sim.idle();
    expect(received.map((r) => r.body.TrangThai)).toEqual(['2']);
    expect(received[0]!.body.DuongDanBienLai).toBeUndefined();
    expect((await fetch(`${sim.url}/receipts/${a.MaGiaoDich}`)).status).toBe(404);
    expect(await client().createTransaction(request(a.ref))).toMatchObject({ code: '04' });
  });

  it('retries a notification the receiver refused until it is taken', async () => {
    failNext = 2;
    const a = await open();
    await pay(a.paymentUrl);
    await sim.idle();
    expect(received).toHaveLength(1);
    const out = sim.notifications().find((o) => o.MaGiaoDich === a.MaGiaoDich)!;
    expect(out.attempts).toBe(3);
    expect(out.delivered).toBe(1);
  });

  it('sends duplicates, holds a late one until released, withholds one, and changes the amount when told', async () => {
    sim.nextPayment({ duplicates: 3 });
    const dup = await open();
    await pay(dup.paymentUrl);
    await sim.idle();
    expect(received.filter((r) => r.body.MaGiaoDich === dup.MaGiaoDich)).toHaveLength(3);

    sim.nextPayment({ hold: true });
    const late = await open();
    await pay(late.paymentUrl);
    await sim.idle();
    expect(received.some((r) => r.body.MaGiaoDich === late.MaGiaoDich)).toBe(false);
    expect(await sim.release()).toBe(1);
    expect(received.filter((r) => r.body.MaGiaoDich === late.MaGiaoDich)).toHaveLength(1);

    const ctl = await fetch(`${sim.url}/_sim/next-payment`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ withhold: true }) });
    expect(ctl.status).toBe(200);
    const lost = await open();
    await pay(lost.paymentUrl);
    await sim.idle();
    expect(received.some((r) => r.body.MaGiaoDich === lost.MaGiaoDich)).toBe(false);

    sim.nextPayment({ amount: 40_000 });
    const odd = await open();
    await pay(odd.paymentUrl);
    await sim.idle();
    expect(received.find((r) => r.body.MaGiaoDich === odd.MaGiaoDich)!.body.SoTien).toBe(40_000);

    const statement = await client().statement('2026-11-23');
    const byTx = new Map(statement.map((s) => [s.MaGiaoDich, s]));
    expect(byTx.get(lost.MaGiaoDich)?.SoTien).toBe(50_000);
    expect(byTx.get(odd.MaGiaoDich)?.SoTien).toBe(40_000);
    expect(statement.every((s) => s.TrangThai === '1')).toBe(true);
    expect(await client().statement('2026-11-22')).toEqual([]);
  });

  it('remembers its transactions after a restart (journal)', async () => {
    const before = sim.transactions().length;
    expect(before).toBeGreaterThan(0);
    const again = await startPaymentSimulator({ secret: SECRET, now: () => NOW, journalFile });
    try {
      expect(again.transactions()).toHaveLength(before);
      expect(again.transactions().filter((t) => t.TrangThai === '1').length).toBe(sim.transactions().filter((t) => t.TrangThai === '1').length);
    } finally {
      await again.close();
    }
  });
});
