// The national portal simulator over real HTTP: tokens, strict field checks with the portal's error shape,
// Idempotency-Key dedupe, the journal that survives a restart, submissions and the catalogue with its cursor.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNationalPortalSimulator, type RunningNationalPortalSimulator } from './national-portal.js';

const CODE = '000.00.01.H46-261123-0001';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'np-sim-'));
const journalFile = path.join(dir, 'journal.jsonl');
const catalogue = [
  {
    code: '2.000908',
    name: 'Thủ tục cấp bản sao từ sổ gốc',
    field: 'Chứng thực',
    channels: [{ channel: 'counter', timeLimit: { value: 1, unit: 'working_day', text: '1 Ngày làm việc' }, fee: null }],
    components: [{ name: 'Giấy tờ tùy thân', originals: 1, copies: 0 }],
  },
];
let sim: RunningNationalPortalSimulator;
let token = '';

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${url}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as any };
}

function dossier(over: Record<string, unknown> = {}) {
  return {
    MaHoSo: CODE,
    MaTTHC: '2.000908',
    TenTTHC: 'Thủ tục cấp bản sao từ sổ gốc',
    MaLinhVuc: 'CHUNG_THUC',
    TenLinhVuc: 'Chứng thực',
    SoBienNhan: CODE,
    ChuHoSo: 'Nguyễn Thị Hương',
    LoaiDoiTuong: 1,
    MaDoiTuong: '046190001234',
    Email: null,
    SoDienThoai: '0912345678',
    TrichYeuHoSo: 'Cấp bản sao',
    NgayTiepNhan: '20261123090000',
    NgayHenTra: '20261124090000',
    TrangThaiHoSo: 2,
    NgayTra: null,
    HinhThuc: 0,
    NgayKetThucXuLy: null,
    DonViXuLy: 'Xã Vinh Lộc',
    TaiLieuNop: [],
    DanhSachLePhi: [],
    DanhSachHoSoBoSung: [],
    DanhSachGiayToKetQua: [],
    ...over,
  };
}

beforeAll(async () => {
  sim = await startNationalPortalSimulator({ journalFile, catalogue });
});
afterAll(async () => {
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('national portal simulator', () => {
  it('gives a token only for the right client and secret, and wants it on every call', async () => {
    expect((await call('POST', '/token', { clientId: 'motcua', secret: 'wrong' })).status).toBe(401);
    expect((await call('POST', '/dossiers', dossier())).body.MaLoi).toBe('PHIEN_HET_HAN');
    const t = await call('POST', '/token', { clientId: sim.clientId, secret: sim.secret });
    expect(t.status).toBe(200);
    expect(t.body.expiresIn).toBeGreaterThan(0);
    token = t.body.token;
  });

  it.each([
    ['MaHoSo', { MaHoSo: 'HS-1' }],
    ['NgayTiepNhan', { NgayTiepNhan: '2026-11-23 09:00' }],
    ['NgayHenTra', { NgayHenTra: '20261131090000' }],
    ['TrangThaiHoSo', { TrangThaiHoSo: 11 }],
    ['TrangThaiHoSo', { TrangThaiHoSo: '2' }],
    ['LoaiDoiTuong', { LoaiDoiTuong: 3 }],
    ['ChuHoSo', { ChuHoSo: '' }],
    ['SoDienThoai', { SoDienThoai: '12345' }],
    ['TaiLieuNop', { TaiLieuNop: null }],
  ])('refuses a dossier with a bad %s, naming it', async (field, over) => {
    const r = await call('POST', '/dossiers', dossier(over), { 'idempotency-key': `bad-${field}-${JSON.stringify(over)}` });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ MaLoi: 'DULIEU_KHONG_HOP_LE', Truong: field });
    expect(r.body.MoTa).toContain(field);
  });

  it('refuses a status update for a dossier it does not have', async () => {
    const r = await call('POST', `/dossiers/${encodeURIComponent(CODE)}/status`, { MaHoSo: CODE, TrangThaiHoSo: 4, NgayCapNhat: '20261123100000' });
    expect(r.status).toBe(404);
    expect(r.body.MaLoi).toBe('HOSO_KHONG_TON_TAI');
  });

  it('applies a sync and a status once, however often the same key comes', async () => {
    const first = await call('POST', '/dossiers', dossier(), { 'idempotency-key': 'k-sync' });
    const again = await call('POST', '/dossiers', dossier({ TrangThaiHoSo: 9 }), { 'idempotency-key': 'k-sync' });
    expect(first).toEqual({ status: 200, body: { MaHoSo: CODE, KetQua: 'THANH_CONG' } });
    expect(again).toEqual(first);
    const status = { MaHoSo: CODE, TrangThaiHoSo: 4, NgayCapNhat: '20261123100000', NgayHenTra: '20261124090000' };
    await call('POST', `/dossiers/${encodeURIComponent(CODE)}/status`, status, { 'idempotency-key': 'k-status' });
    await call('POST', `/dossiers/${encodeURIComponent(CODE)}/status`, status, { 'idempotency-key': 'k-status' });
    expect(sim.received().dossiers[CODE]!.statuses).toEqual([2, 4]);
    expect(sim.stats()).toMatchObject({ sync: 1, status: 1, duplicates: 2 });
  });

  it('refuses the configured field until told otherwise; a refusal is not remembered for the key', async () => {
    sim.setRefusal({ field: 'SoDienThoai', equals: '0912345678', reason: 'Số điện thoại không khớp CSDL dân cư' });
    const refused = await call('POST', '/dossiers', dossier(), { 'idempotency-key': 'k-refuse' });
    expect(refused.status).toBe(400);
    expect(refused.body.MoTa).toBe('Số điện thoại không khớp CSDL dân cư');
    expect((await call('POST', '/dossiers', dossier({ SoDienThoai: '0987654321' }), { 'idempotency-key': 'k-other' })).status).toBe(200);
    sim.setRefusal(null);
    expect((await call('POST', '/dossiers', dossier(), { 'idempotency-key': 'k-refuse' })).status).toBe(200);
  });

  it('answers 503 while failing, and applies nothing', async () => {
    const before = sim.received().calls.length;
    sim.faults.failNext = 1;
    expect((await call('POST', '/dossiers', dossier(), { 'idempotency-key': 'k-fail' })).status).toBe(503);
    expect(sim.received().calls.length).toBe(before);
  });

  it('holds submissions for their unit until acknowledged with a dossier code', async () => {
    const s = sim.addSubmission({ MaDonVi: '20122', MaTTHC: '2.000908', ChuHoSo: 'Trần Văn Bình' });
    expect((await call('GET', '/submissions?maDonVi=19942')).body.DanhSach).toEqual([]);
    expect((await call('GET', '/submissions?maDonVi=20122')).body.DanhSach.map((x: { Id: string }) => x.Id)).toEqual([s.Id]);
    expect((await call('POST', `/submissions/${s.Id}/ack`, { MaHoSo: 'nope' })).status).toBe(400);
    expect((await call('POST', `/submissions/${s.Id}/ack`, { MaHoSo: CODE }, { 'idempotency-key': 'k-ack' })).status).toBe(200);
    expect((await call('GET', '/submissions?maDonVi=20122')).body.DanhSach).toEqual([]);
    const other = await call('POST', `/submissions/${s.Id}/ack`, { MaHoSo: '000.00.01.H46-261123-0002' }, { 'idempotency-key': 'k-ack-2' });
    expect(other.status).toBe(409);
  });

  it('serves the catalogue in the national shape, then only what changed since its cursor', async () => {
    const all = await call('GET', '/procedures');
    expect(all.body.DanhSach).toHaveLength(1);
    expect(all.body.DanhSach[0]).toMatchObject({ MATTHC: '2.000908', LINHVUCTHUCHIEN: [{ MALINHVUC: 'CHUNG_THUC', TENLINHVUC: 'Chứng thực' }] });
    expect(all.body.DanhSach[0].CACHTHUCTHUCHIEN[0]).toMatchObject({ KENH: 1, THOIGIAN: [{ THOIGIANGIAIQUYET: 1, DONVITINH: 'Ngày làm việc' }] });
    expect((await call('GET', `/procedures?updatedSince=${all.body.ThoiDiem}`)).body.DanhSach).toEqual([]);
    expect(sim.changeProcedure('2.000908', { timeLimit: 2 })).toBe(true);
    const changed = await call('GET', `/procedures?updatedSince=${all.body.ThoiDiem}`);
    expect(changed.body.DanhSach[0].CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET).toBe(2);
    expect((await call('GET', '/procedures?updatedSince=yesterday')).status).toBe(400);
  });

  it('remembers everything it applied after a restart, and still dedupes', async () => {
    const before = sim.received();
    await sim.close();
    sim = await startNationalPortalSimulator({ journalFile, catalogue });
    expect(sim.received()).toEqual(before);
    expect((await call('POST', '/dossiers', dossier())).status).toBe(401); // tokens do not survive
    token = (await call('POST', '/token', { clientId: sim.clientId, secret: sim.secret })).body.token;
    expect((await call('POST', '/dossiers', dossier({ TrangThaiHoSo: 9 }), { 'idempotency-key': 'k-sync' })).body).toEqual({ MaHoSo: CODE, KetQua: 'THANH_CONG' });
    expect(sim.received().calls.length).toBe(before.calls.length);
    expect((await call('GET', '/procedures')).body.DanhSach[0].CACHTHUCTHUCHIEN[0].THOIGIAN[0].THOIGIANGIAIQUYET).toBe(2);
    expect((await call('GET', '/submissions?maDonVi=20122')).body.DanhSach).toEqual([]);
  });
});
