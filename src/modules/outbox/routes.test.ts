// The admin API of the outbox: who sees which deliveries, and re-sending a failed one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { drainOutbox } from './dispatcher.js';
import { PermanentDeliveryError, type Subscriber } from './types.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const received: string[] = [];
let refuse = true;

// A subscriber whose receiver refuses everything until told otherwise: enough to fill the failure list.
const sub: Subscriber = {
  name: 'fussy',
  wants: (e) => e.topic === 'dossier.status_changed',
  async deliver(e) {
    if (refuse) throw new PermanentDeliveryError('MaLoi HOSO_THIEU_TRUONG: TrichYeuHoSo bị thiếu');
    received.push(String(e.payload.code));
  },
};

async function intake(who: TestClient): Promise<string> {
  const res = await who.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Lê Thị Hoa' }, components: [{ key: 'c1-7d4524' }] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().code as string;
}

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'quantri.vinhloc', 'quantri.phuvang', 'chuyenvien.vinhloc', 'tiepnhan.vinhloc', 'tiepnhan.phuvang']) c[u] = await t.login(u);
});
afterAll(async () => t?.close());

describe('outbox admin API', () => {
  let vinhLoc = '';
  let phuVang = '';

  it('lists failures with their reasons, each admin only for their unit', async () => {
    vinhLoc = await intake(c['tiepnhan.vinhloc']!);
    phuVang = await intake(c['tiepnhan.phuvang']!);
    const r = await drainOutbox(t.ctx, [sub]);
    expect(r.failed).toBe(2);

    const all = (await c.admin!.get('/api/admin/outbox/deliveries?state=failed')).json().deliveries;
    expect(all.map((d: { dossierCode: string }) => d.dossierCode).sort()).toEqual([vinhLoc, phuVang].sort());
    expect(all[0].lastError).toContain('TrichYeuHoSo');

    const mine = (await c['quantri.vinhloc']!.get('/api/admin/outbox/deliveries?state=failed')).json().deliveries;
    expect(mine.map((d: { dossierCode: string }) => d.dossierCode)).toEqual([vinhLoc]);

    const summary = (await c['quantri.vinhloc']!.get('/api/admin/outbox')).json();
    expect(summary.subscribers).toEqual([expect.objectContaining({ subscriber: 'fussy', failed: 1 })]);
  });

  it('refuses officials who are not admins, and admins of another unit', async () => {
    expect((await c['chuyenvien.vinhloc']!.get('/api/admin/outbox')).statusCode).toBe(403);
    const other = (await c.admin!.get(`/api/admin/outbox/deliveries?dossierCode=${encodeURIComponent(vinhLoc)}`)).json().deliveries[0];
    const res = await c['quantri.phuvang']!.post(`/api/admin/outbox/deliveries/${other.id}/resend`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().message.vi).toContain('không thuộc đơn vị');
  });

  it('shows each attempt and re-sends', async () => {
    const d = (await c['quantri.vinhloc']!.get('/api/admin/outbox/deliveries?state=failed')).json().deliveries[0];
    const attempts = (await c['quantri.vinhloc']!.get(`/api/admin/outbox/deliveries/${d.id}/attempts`)).json().attempts;
    expect(attempts).toEqual([expect.objectContaining({ ok: false, error: expect.stringContaining('HOSO_THIEU_TRUONG') })]);
    refuse = false;
    expect((await c['quantri.vinhloc']!.post(`/api/admin/outbox/deliveries/${d.id}/resend`, {})).json()).toEqual({ resent: true });
    await drainOutbox(t.ctx, [sub]);
    expect(received).toEqual([vinhLoc]);
    // The other unit's failure is still there, and the system admin re-sends it in bulk.
    expect((await c.admin!.post('/api/admin/outbox/resend-failed', { subscriber: 'fussy' })).json()).toEqual({ resent: 1 });
    await drainOutbox(t.ctx, [sub]);
    expect(received.sort()).toEqual([vinhLoc, phuVang].sort());
    expect((await c.admin!.get('/api/admin/outbox')).json().subscribers[0]).toEqual(expect.objectContaining({ failed: 0, pending: 0 }));
  });
});
