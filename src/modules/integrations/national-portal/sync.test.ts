// Dossiers and their status changes reach the national portal (the real simulator over HTTP) through the outbox:
// the whole dossier first, then each change of national status once and in order, with who acted; retried
// when the portal fails or its token is gone, parked with the portal's reason when it refuses a field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, TEST_PROCEDURES, type TestApp, type TestClient } from '../../../test/app.js';
import { readDataFile } from '../../../seed.js';
import { startNationalPortalSimulator, type RunningNationalPortalSimulator } from '../../../simulators/national-portal.js';
import { drainOutbox } from '../../outbox/dispatcher.js';
import type { OutboxEvent, Subscriber } from '../../outbox/types.js';
import { nationalPortalSubscriberFactory, SUBSCRIBER_NAME } from './subscriber.js';
import { syncedDossierCount } from './runs.js';

const PROCEDURE = '2.000908';
const REQUIRED = 'c1-7d4524';

let sim: RunningNationalPortalSimulator;
let t: TestApp;
let sub: Subscriber;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  sim = await startNationalPortalSimulator({ catalogue: (readDataFile('procedures.json') as { procedures: Array<{ code: string }> }).procedures.filter((p) => TEST_PROCEDURES.includes(p.code)) });
  t = await createTestApp({
    config: { integrations: { ...testConfig().integrations, nationalPortal: { url: sim.url, clientId: sim.clientId, secret: sim.secret } } },
  });
  sub = nationalPortalSubscriberFactory(t.ctx)!;
  for (const u of ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'vanthu']) c[u] = await t.login(`${u}.vinhloc`);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const drain = () => drainOutbox(t.ctx, [sub]);

async function receive(name = 'Nguyễn Thị Hương'): Promise<{ id: number; code: string }> {
  const res = await c.tiepnhan!.post('/api/dossiers', {
    procedureCode: PROCEDURE,
    applicant: { name, idNumber: '046190001234', phone: '0912345678', email: 'huong@example.vn' },
    components: [{ key: REQUIRED }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function act(who: TestClient, id: number, action: string, body: unknown = {}) {
  const res = await who.post(`/api/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
}

const callsFor = (code: string) => sim.received().calls.filter((x) => x.maHoSo === code);
const deliveriesFor = (dossierId: number) =>
  t.ctx.db
    .selectFrom('deliveries as d')
    .innerJoin('outbox as o', 'o.id', 'd.event_id')
    .select(['d.state', 'd.attempts', 'd.last_error'])
    .where('o.dossier_id', '=', dossierId)
    .where('d.subscriber', '=', SUBSCRIBER_NAME)
    .orderBy('d.event_id')
    .execute();

describe('sync with the national portal', () => {
  it('is off without a connection, and leaves practice dossiers and other topics alone', () => {
    expect(nationalPortalSubscriberFactory({ ...t.ctx, config: testConfig() })).toBeNull();
    const e = (payload: Record<string, unknown>, topic = 'dossier.status_changed'): OutboxEvent => ({ id: 1, topic, dossierId: 1, payload, createdAt: new Date() });
    expect(sub.name).toBe('national_portal');
    expect(sub.wants(e({ status: 'received', nationalStatus: 2, practice: false }))).toBe(true);
    expect(sub.wants(e({ status: 'received', nationalStatus: 2, practice: true }))).toBe(false);
    expect(sub.wants(e({ code: 'x' }, 'dossier.rated'))).toBe(false);
  });

  it('sends the whole dossier once, then each status change once and in order, with who acted', async () => {
    const d = await receive();
    t.clock.advance(30 * 60_000);
    await act(c.tiepnhan!, d.id, 'forward', { note: 'Chuyển phòng chuyên môn' });
    await act(c.truongphong!, d.id, 'assign', { assigneeId: ids['chuyenvien.vinhloc'] });
    await act(c.chuyenvien!, d.id, 'request_supplement', { missing: [{ name: 'Tờ khai có chữ ký' }], reason: 'Tờ khai chưa ký' });
    t.clock.advance(60 * 60_000);
    await act(c.tiepnhan!, d.id, 'receive_supplement');
    await act(c.chuyenvien!, d.id, 'forward');
    await act(c.truongphong!, d.id, 'submit_for_approval', { outcome: 'granted' });
    await act(c.lanhdao!, d.id, 'approve');
    await act(c.lanhdao!, d.id, 'sign');
    await act(c.vanthu!, d.id, 'issue_result', { resultNumber: '12/BS' });
    await act(c.tiepnhan!, d.id, 'return_result', { receivedBy: 'Nguyễn Thị Hương' });

    const r = await drain();
    expect(r.failed).toBe(0);
    expect(r.delivered).toBe(11);
    const got = sim.received().dossiers[d.code]!;
    expect(got.synced).toBe(1);
    // received, forward, assign, request supplement, receive it, forward, submit, approve, sign, issue, return
    expect(got.statuses).toEqual([2, 4, 4, 5, 4, 4, 4, 4, 4, 9, 10]);
    expect(got.progress).toBe(11);
    const calls = callsFor(d.code);
    expect(calls[0]!.kind).toBe('sync');
    expect(calls[0]!.body).toMatchObject({ MaHoSo: d.code, MaTTHC: PROCEDURE, TrangThaiHoSo: 2, HinhThuc: 0, LoaiDoiTuong: 1, MaDonVi: '20122', NgayTiepNhan: '20261123090000' });
    expect((calls[0]!.body.TaiLieuNop as unknown[]).length).toBe(0);
    const assign = calls.filter((x) => x.kind === 'progress')[2]!.body;
    expect(assign).toMatchObject({ NguoiXuLy: expect.any(String), ChucDanh: 'Lãnh đạo phòng', TrangThai: 4, NoiDungXuLy: expect.stringContaining('Phân công') });
    const supplement = calls.find((x) => x.kind === 'status' && x.body.TrangThaiHoSo === 5)!;
    expect(supplement.body.NgayCapNhat).toBe('20261123093000');
    const sync = await t.ctx.db.selectFrom('national_portal_sync').selectAll().where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
    expect(sync.last_national_status).toBe(10);

    // Delivered is delivered: a second drain sends nothing more.
    const before = sim.received().calls.length;
    expect((await drain()).delivered).toBe(0);
    expect(sim.received().calls.length).toBe(before);
  });

  it('retries later when the portal fails, still applying each change once and in order', async () => {
    const d = await receive('Trần Văn Bình');
    await act(c.tiepnhan!, d.id, 'forward');
    sim.faults.failNext = 2;
    const first = await drain();
    expect(first.delivered).toBe(0);
    expect(first.retrying).toBe(1); // the second event waits behind the first
    expect(callsFor(d.code)).toEqual([]);
    t.clock.advance(10 * 60_000);
    const second = await drain();
    expect(second.failed).toBe(0);
    // Two failures use two tries of the first delivery; the next drain moves on after its backoff.
    t.clock.advance(30 * 60_000);
    await drain();
    expect(sim.received().dossiers[d.code]!.statuses).toEqual([2, 4]);
    expect(callsFor(d.code).map((x) => x.kind)).toEqual(['sync', 'progress', 'status', 'progress']);
    const attempts = (await deliveriesFor(d.id)).map((x) => [x.state, x.attempts]);
    expect(attempts).toEqual([
      ['delivered', 3],
      ['delivered', 1],
    ]);
  });

  it('gets a new session token when the portal forgot the old one', async () => {
    const d = await receive('Hồ Thị Lan');
    sim.revokeTokens();
    const issued = sim.stats().tokensIssued as number;
    expect((await drain()).delivered).toBe(1);
    expect(sim.stats().tokensIssued).toBe(issued + 1);
    expect(sim.received().dossiers[d.code]!.statuses).toEqual([2]);
  });

  it('parks the delivery as failed with the portal reason when it refuses a field, and holds the later ones', async () => {
    sim.setRefusal({ field: 'ChuHoSo', equals: 'Phan Văn Từ Chối', reason: 'Họ tên chủ hồ sơ không khớp CSDL quốc gia về dân cư' });
    try {
      const d = await receive('Phan Văn Từ Chối');
      const r = await drain();
      expect(r.failed).toBe(1);
      await act(c.tiepnhan!, d.id, 'forward');
      expect((await drain()).delivered).toBe(0);
      const rows = await deliveriesFor(d.id);
      expect(rows.map((x) => x.state)).toEqual(['failed', 'pending']);
      expect(rows[0]!.attempts).toBe(1);
      expect(rows[0]!.last_error).toContain('Họ tên chủ hồ sơ không khớp CSDL quốc gia về dân cư');
      expect(rows[0]!.last_error).toContain('DULIEU_KHONG_HOP_LE');
      expect(callsFor(d.code)).toEqual([]);
      expect(await t.ctx.db.selectFrom('national_portal_sync').select('dossier_id').where('dossier_id', '=', d.id).executeTakeFirst()).toBeUndefined();
    } finally {
      sim.setRefusal(null);
    }
  });

  it('counts the dossiers the portal has, per unit', async () => {
    const vinhLoc = (await t.ctx.units.ready()).byCode('20122')!.id;
    const phuVang = t.ctx.units.byCode('19942')!.id;
    expect((await syncedDossierCount(t.ctx.db)).synced).toBe(3);
    expect((await syncedDossierCount(t.ctx.db, { unitIds: [vinhLoc] })).synced).toBe(3);
    expect((await syncedDossierCount(t.ctx.db, { unitIds: [phuVang] })).synced).toBe(0);
  });
});
