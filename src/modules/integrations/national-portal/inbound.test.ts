// Dossiers citizens submitted on the national portal (the simulator) land in their commune's queue as online
// dossiers, once, with their files, and the portal is told the dossier code — again after a failed
// acknowledgement, never as a second dossier. Also the admin routes: state of the connection and "pull now".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, TEST_PROCEDURES, type TestApp, type TestClient } from '../../../test/app.js';
import { readDataFile } from '../../../seed.js';
import { startNationalPortalSimulator, type RunningNationalPortalSimulator } from '../../../simulators/national-portal.js';
import { drainOutbox } from '../../outbox/dispatcher.js';
import { nationalPortalSubscriberFactory } from './subscriber.js';
import { inboundJob, pullSubmissions } from './inbound.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const PROCEDURE = '2.000908';

let sim: RunningNationalPortalSimulator;
let t: TestApp;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  sim = await startNationalPortalSimulator({
    catalogue: (readDataFile('procedures.json') as { procedures: Array<{ code: string }> }).procedures.filter((p) => TEST_PROCEDURES.includes(p.code)),
  });
  t = await createTestApp({
    config: { integrations: { ...testConfig().integrations, nationalPortal: { url: sim.url, clientId: sim.clientId, secret: sim.secret } } },
  });
  for (const u of ['tiepnhan.vinhloc', 'tiepnhan.phuvang', 'quantri.vinhloc', 'admin']) c[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

async function componentName(key: string): Promise<string> {
  const p = (await c['tiepnhan.vinhloc']!.get(`/api/public/procedures/${PROCEDURE}`)).json() as { components: Array<{ key: string; name: string }> };
  return p.components.find((x) => x.key === key)!.name;
}

const submission = (unit: string, name: string, over: Record<string, unknown> = {}) =>
  sim.addSubmission({
    MaDonVi: unit,
    MaTTHC: PROCEDURE,
    ChuHoSo: name,
    MaDoiTuong: '046190005678',
    SoDienThoai: '0905123456',
    Email: 'mai.le@example.vn',
    TrichYeuHoSo: 'Xin cấp bản sao giấy khai sinh',
    TaiLieuNop: [{ MaGiayTo: `${PROCEDURE}.GT1`, TenTep: 'cccd.pdf', LoaiTep: 'application/pdf', DuLieu: PDF.toString('base64') }],
    ...over,
  });

const inbound = () => t.ctx.db.selectFrom('national_portal_inbound').selectAll().orderBy('received_at').execute();

describe('dossiers submitted on the national portal', () => {
  let code = '';

  it('become online dossiers in their commune, marked as coming from the portal, and are acknowledged', async () => {
    const s1 = submission('20122', 'Lê Thị Mai', { TaiLieuNop: [{ TenGiayTo: await componentName('c1-7d4524'), TenTep: 'cccd.pdf', DuLieu: PDF.toString('base64') }, { TenGiayTo: 'Giấy tờ lạ', TenTep: 'khac.pdf', DuLieu: PDF.toString('base64') }] });
    const s2 = submission('19942', 'Võ Văn Nam');
    const r = await pullSubmissions(t.ctx);
    expect(r.failed).toEqual([]);
    expect(r.created.map((x) => [x.submissionId, x.unitCode])).toEqual([
      [s2.Id, '19942'],
      [s1.Id, '20122'],
    ]);
    expect(r.acknowledged).toBe(2);
    code = r.created.find((x) => x.submissionId === s1.Id)!.code;
    expect(code).toMatch(/-261123-\d{4}$/);

    const queue = (await c['tiepnhan.vinhloc']!.get('/api/dossiers?status=submitted')).json() as { items: Array<{ code: string; channel: string }> };
    expect(queue.items.map((i) => i.code)).toContain(code);
    const other = (await c['tiepnhan.phuvang']!.get('/api/dossiers?status=submitted')).json() as { items: Array<{ code: string }> };
    expect(other.items.map((i) => i.code)).not.toContain(code);

    const d = (await c['tiepnhan.vinhloc']!.get(`/api/dossiers/${encodeURIComponent(code)}`)).json();
    expect(d).toMatchObject({ status: 'submitted', nationalStatus: 1, channel: 'online', source: 'national_portal', subject: 'Xin cấp bản sao giấy khai sinh' });
    expect(d.applicant).toMatchObject({ name: 'Lê Thị Mai', idNumber: '046190005678', phone: '0905123456' });
    expect(d.files.map((f: { componentKey: string | null; name: string }) => [f.componentKey, f.name])).toEqual([
      ['c1-7d4524', 'cccd.pdf'],
      [null, 'khac.pdf'],
    ]);
    expect(d.components.find((x: { key: string }) => x.key === 'c1-7d4524').provided).toBe(true);
    expect(d.history[0]).toMatchObject({ action: 'submit', actor: { role: 'applicant', name: 'Lê Thị Mai' }, details: { source: 'national_portal' } });
    expect(d.dataSources.map((x: { field: string; source: string; reference: string }) => [x.field, x.source, x.reference])).toEqual([
      ['applicant.idNumber', 'national_portal', s1.Id],
      ['applicant.name', 'national_portal', s1.Id],
      ['applicant.phone', 'national_portal', s1.Id],
      ['applicant.email', 'national_portal', s1.Id],
      ['components.c1-7d4524', 'national_portal', s1.Id],
    ]);
    expect(sim.stats().submissions).toEqual({ pending: 0, acked: 2 });
    expect(sim.received().calls.filter((x) => x.kind === 'ack').map((x) => [x.maHoSo, x.body.MaHoSo])).toContainEqual([s1.Id, code]);
  });

  it("files its documents by MotCua's component key as well (the demo's submissions do)", async () => {
    const s = submission('20122', 'Phạm Thị Thu', { TaiLieuNop: [{ MaGiayTo: 'c1-7d4524', TenGiayTo: 'Bản chính giấy tờ', TenTep: 'ban-chinh.pdf', DuLieu: PDF.toString('base64') }] });
    const r = await pullSubmissions(t.ctx);
    const made = r.created.find((x) => x.submissionId === s.Id)!;
    const d = (await c['tiepnhan.vinhloc']!.get(`/api/dossiers/${encodeURIComponent(made.code)}`)).json();
    expect(d.files.map((f: { componentKey: string | null }) => f.componentKey)).toEqual(['c1-7d4524']);
  });

  it('a second pull finds nothing new and creates nothing', async () => {
    const before = await t.ctx.db.selectFrom('dossiers').select('id').execute();
    const r = await pullSubmissions(t.ctx);
    expect([r.fetched, r.created.length, r.failed.length]).toEqual([0, 0, 0]);
    expect(await t.ctx.db.selectFrom('dossiers').select('id').execute()).toHaveLength(before.length);
    // Quiet pulls (the job runs every minute) share one row of the log, which keeps the latest time.
    const runs = () => t.ctx.db.selectFrom('national_portal_runs').select(['id', 'finished_at']).where('kind', '=', 'pull').orderBy('id').execute();
    const afterOne = await runs();
    t.clock.advance(60_000);
    await pullSubmissions(t.ctx);
    const afterTwo = await runs();
    expect(afterTwo.length).toBe(afterOne.length);
    expect(new Date(afterTwo.at(-1)!.finished_at).getTime()).toBe(new Date(afterOne.at(-1)!.finished_at).getTime() + 60_000);
  });

  it('a dossier whose acknowledgement failed is acknowledged on the next pull, and stays one dossier', async () => {
    const s = submission('20122', 'Nguyễn Văn Hải');
    sim.setRefusal({ field: 'MaHoSo', reason: 'Cổng đang bảo trì chức năng tiếp nhận' });
    let r;
    try {
      r = await pullSubmissions(t.ctx);
    } finally {
      sim.setRefusal(null);
    }
    expect(r.created).toHaveLength(1);
    expect(r.failed).toEqual([{ submissionId: s.Id, unitCode: '20122', message: expect.objectContaining({ vi: expect.stringContaining('Cổng đang bảo trì') }) }]);
    const row = (await inbound()).find((x) => x.portal_submission_id === s.Id)!;
    expect(row.acked_at).toBeNull();

    const again = await pullSubmissions(t.ctx);
    expect(again.created).toEqual([]);
    expect(again.alreadyReceived).toBe(1);
    expect(again.acknowledged).toBe(1);
    const rows = (await inbound()).filter((x) => x.portal_submission_id === s.Id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.acked_at).not.toBeNull();
    const dossiers = await t.ctx.db.selectFrom('dossiers').select('code').where('applicant_name', '=', 'Nguyễn Văn Hải').execute();
    expect(dossiers).toHaveLength(1);
    expect(sim.received().calls.filter((x) => x.kind === 'ack' && x.maHoSo === s.Id).map((x) => x.body.MaHoSo)).toEqual([dossiers[0]!.code]);
  });

  it('refuses, with the reason and without a dossier, a submission it cannot take in; it stays on the portal', async () => {
    const before = (await t.ctx.db.selectFrom('dossiers').select('id').execute()).length;
    const bad = [
      submission('20122', 'Tệp Không Hợp Lệ', { TaiLieuNop: [{ TenTep: 'note.txt', DuLieu: Buffer.from('chỉ là chữ').toString('base64') }] }),
      submission('20122', 'Thủ Tục Lạ', { MaTTHC: '9.999999' }),
      submission('20122', 'Số Sai', { MaDoiTuong: '123' }),
    ];
    const r = await pullSubmissions(t.ctx);
    expect(r.created).toEqual([]);
    expect(r.failed.map((f) => f.submissionId)).toEqual(bad.map((s) => s.Id));
    expect(r.failed[0]!.message.vi).toContain('PDF');
    expect(r.failed[1]!.message.vi).toContain('9.999999');
    expect(r.failed[2]!.message.en).toContain('idNumber');
    expect((await t.ctx.db.selectFrom('dossiers').select('id').execute()).length).toBe(before);
    expect(sim.stats().submissions).toMatchObject({ pending: 3 });
    // Offered again and refused again: the log does not grow by a row per pull.
    const runs = async () => (await t.ctx.db.selectFrom('national_portal_runs').select('id').where('kind', '=', 'pull').execute()).length;
    await pullSubmissions(t.ctx);
    const n = await runs();
    await pullSubmissions(t.ctx);
    expect(await runs()).toBe(n);
  });

  it('tells the portal about the new dossier through the outbox, with status 1 and the online channel', async () => {
    const sub = nationalPortalSubscriberFactory(t.ctx)!;
    await drainOutbox(t.ctx, [sub]);
    const sync = sim.received().calls.find((x) => x.kind === 'sync' && x.maHoSo === code)!;
    expect(sync.body).toMatchObject({ TrangThaiHoSo: 1, HinhThuc: 1, ChuHoSo: 'Lê Thị Mai', NgayHenTra: null });
    expect((sync.body.TaiLieuNop as Array<{ TenTepDinhKem: string }>).map((f) => f.TenTepDinhKem).sort()).toEqual(['cccd.pdf', 'khac.pdf']);
  });

  it('runs as a background job only when the portal is configured', async () => {
    expect(inboundJob({ ...t.ctx, config: testConfig() })).toBeNull();
    const job = inboundJob(t.ctx)!;
    expect(job.name).toBe('national_portal_inbound');
    const s = submission('19885', 'Trương Thị Hoa');
    await job.run(new AbortController().signal);
    expect((await inbound()).map((x) => x.portal_submission_id)).toContain(s.Id);
  });
});

describe('admin routes', () => {
  it('shows the connection, the synced count and the last pull to admins, scoped to their units', async () => {
    const res = await c['quantri.vinhloc']!.get('/api/admin/national-portal/status');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ configured: true, url: sim.url, connection: { ok: true, error: null } });
    expect(s.inbound.lastPull).toMatchObject({ ok: true });
    const all = (await c.admin!.get('/api/admin/national-portal/status?check=false')).json();
    expect(all.connection).toBeNull();
    expect(all.inbound.received).toBeGreaterThan(s.inbound.received); // Phú Vang and Đan Điền are not Vinh Lộc's
    expect(all.sync.dossiers).toBeGreaterThanOrEqual(3);
    expect((await c['tiepnhan.vinhloc']!.get('/api/admin/national-portal/status')).statusCode).toBe(403);
  });

  it('says when the portal cannot be reached', async () => {
    sim.faults.failNext = 1;
    const s = (await c.admin!.get('/api/admin/national-portal/status')).json();
    expect(s.connection.ok).toBe(false);
    expect(s.connection.error).toContain('503');
  });

  it('pulls now: a centre admin for their own unit only', async () => {
    const mine = submission('20122', 'Đặng Văn Tùng');
    const theirs = submission('19942', 'Bùi Thị Ngọc');
    const res = await c['quantri.vinhloc']!.post('/api/admin/national-portal/pull');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created.map((x: { submissionId: string }) => x.submissionId)).toEqual([mine.Id]);
    expect(res.json().units).toBe(1);
    const byAdmin = (await c.admin!.post('/api/admin/national-portal/pull')).json();
    expect(byAdmin.created.map((x: { submissionId: string }) => x.submissionId)).toEqual([theirs.Id]);
    expect((await c['tiepnhan.vinhloc']!.post('/api/admin/national-portal/pull')).statusCode).toBe(403);
  });

  it('answers 422 with the reason when every unit is unreachable, and records the failed pull', async () => {
    sim.faults.failNext = 100;
    try {
      const res = await c['quantri.vinhloc']!.post('/api/admin/national-portal/pull');
      expect(res.statusCode).toBe(422);
      expect(res.json().message.vi).toContain('Cổng DVCQG');
    } finally {
      sim.faults.failNext = 0;
    }
    const s = (await c['quantri.vinhloc']!.get('/api/admin/national-portal/status?check=false')).json();
    expect(s.inbound.lastPull).toMatchObject({ ok: false, error: expect.stringContaining('503') });
  });
});
