// The mapping of a dossier to the national portal's fields, by table: dates in Vietnam time, the status code,
// the channel, the applicant kind, and what a sync sent late must not reveal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dossierSyncFields,
  fieldCode,
  formatPortalDate,
  parsePortalDate,
  progressFields,
  statusFields,
  type DossierSnapshot,
  type StatusChange,
} from './fields.js';

const at = (s: string) => new Date(s);

describe('formatPortalDate: yyyyMMddHHmmss in Asia/Ho_Chi_Minh', () => {
  it.each([
    ['2026-11-23T09:00:00+07:00', '20261123090000'],
    ['2026-11-23T02:00:00Z', '20261123090000'],
    ['2026-11-23T17:00:00Z', '20261124000000'], // midnight in Huế is still the 23rd in UTC
    ['2026-12-31T16:59:59Z', '20261231235959'],
    ['2026-12-31T17:00:00Z', '20270101000000'], // new year in Vietnam first
    ['2028-02-28T17:30:05Z', '20280229003005'], // leap day
    ['2026-01-01T00:00:00.999Z', '20260101070000'], // milliseconds dropped, not rounded
  ])('%s → %s', (iso, expected) => {
    expect(formatPortalDate(at(iso))).toBe(expected);
  });
});

describe('parsePortalDate', () => {
  it.each([
    ['20261123090000', '2026-11-23T02:00:00.000Z'],
    ['20270101000000', '2026-12-31T17:00:00.000Z'],
    ['20280229120000', '2028-02-29T05:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parsePortalDate(text)?.toISOString()).toBe(iso);
  });
  it.each(['2026112309000', '202611230900000', '20261323090000', '20270229120000', '20261123250000', '20261123096000', '2026-11-23T09', ''])('refuses %j', (text) => {
    expect(parsePortalDate(text)).toBeNull();
  });
  it('round-trips every second of 2000–2099 (to the second)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }), (s) => {
        const d = new Date(s * 1000);
        expect(parsePortalDate(formatPortalDate(d))?.getTime()).toBe(d.getTime());
      }),
    );
  });
});

describe('fieldCode', () => {
  it.each([
    ['Hộ tịch', 'HO_TICH'],
    ['Chứng thực', 'CHUNG_THUC'],
    ['Đất đai', 'DAT_DAI'],
    ['Bảo trợ xã hội', 'BAO_TRO_XA_HOI'],
    ['  Người có công ', 'NGUOI_CO_CONG'],
    ['—', 'KHAC'],
  ])('%s → %s', (name, code) => expect(fieldCode(name)).toBe(code));
});

function snapshot(over: Partial<DossierSnapshot> = {}): DossierSnapshot {
  return {
    code: '000.00.01.H46-261123-0001',
    procedure: { code: '2.000908', name: 'Thủ tục cấp bản sao từ sổ gốc', field: 'Chứng thực' },
    handlingUnit: { code: '20122', name: 'Xã Vinh Lộc' },
    channel: 'counter',
    applicant: { kind: 'citizen', name: 'Nguyễn Thị Hương', idNumber: '046190001234', email: 'huong@example.vn', phone: '0912345678', address: 'Thôn 1' },
    subject: null,
    submittedAt: at('2026-11-23T09:00:00+07:00'),
    receivedAt: at('2026-11-23T09:05:00+07:00'),
    resolvedAt: null,
    returnedAt: null,
    closedAt: null,
    components: [],
    fees: [],
    supplements: [],
    results: [],
    ...over,
  };
}
const change = (nationalStatus: number, iso: string, due: string | null = null): StatusChange => ({ nationalStatus, at: at(iso), dueAt: due ? at(due) : null });

describe('dossierSyncFields', () => {
  it.each([
    ['counter', 0],
    ['online', 1],
    ['postal', 2],
  ] as const)('HinhThuc for channel %s is %i', (channel, code) => {
    expect(dossierSyncFields(snapshot({ channel }), change(2, '2026-11-23T09:05:00+07:00')).HinhThuc).toBe(code);
  });

  it.each([
    ['citizen', 1],
    ['organisation', 2],
  ] as const)('LoaiDoiTuong for a %s is %i', (kind, code) => {
    const s = snapshot();
    expect(dossierSyncFields({ ...s, applicant: { ...s.applicant, kind } }, change(2, '2026-11-23T09:05:00+07:00')).LoaiDoiTuong).toBe(code);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('TrangThaiHoSo is the event status %i, whatever the dossier shows now', (n) => {
    const f = dossierSyncFields(snapshot({ returnedAt: at('2026-11-24T10:00:00+07:00') }), change(n, '2026-11-23T09:05:00+07:00'));
    expect(f.TrangThaiHoSo).toBe(n);
  });

  it('maps the identity, procedure, field, applicant and dates', () => {
    const f = dossierSyncFields(snapshot(), change(2, '2026-11-23T09:05:00+07:00', '2026-11-24T09:05:00+07:00'));
    expect(f).toMatchObject({
      MaHoSo: '000.00.01.H46-261123-0001',
      SoBienNhan: '000.00.01.H46-261123-0001',
      MaTTHC: '2.000908',
      TenTTHC: 'Thủ tục cấp bản sao từ sổ gốc',
      MaLinhVuc: 'CHUNG_THUC',
      TenLinhVuc: 'Chứng thực',
      ChuHoSo: 'Nguyễn Thị Hương',
      MaDoiTuong: '046190001234',
      Email: 'huong@example.vn',
      SoDienThoai: '0912345678',
      TrichYeuHoSo: 'Thủ tục cấp bản sao từ sổ gốc',
      NgayTiepNhan: '20261123090500',
      NgayHenTra: '20261124090500',
      NgayTra: null,
      NgayKetThucXuLy: null,
      DonViXuLy: 'Xã Vinh Lộc',
      MaDonVi: '20122',
    });
  });

  it.each([
    // [what, event at, expected NgayTiepNhan, NgayTra, NgayKetThucXuLy]
    ['submitted online, received later: the submission time', '2026-11-23T08:00:00+07:00', '20261123090000', null, null],
    ['after receipt', '2026-11-23T09:05:00+07:00', '20261123090500', null, null],
    ['after resolution', '2026-11-24T08:00:00+07:00', '20261123090500', null, '20261124080000'],
    ['after return', '2026-11-24T10:00:00+07:00', '20261123090500', '20261124100000', '20261124080000'],
  ])('dates as of the event: %s', (_what, eventAt, tiepNhan, tra, ketThuc) => {
    const s = snapshot({ submittedAt: at('2026-11-23T09:00:00+07:00'), resolvedAt: at('2026-11-24T08:00:00+07:00'), returnedAt: at('2026-11-24T10:00:00+07:00') });
    const f = dossierSyncFields(s, change(4, eventAt));
    expect([f.NgayTiepNhan, f.NgayTra, f.NgayKetThucXuLy]).toEqual([tiepNhan, tra, ketThuc]);
  });

  it('a refusal ends processing at the close', () => {
    const f = dossierSyncFields(snapshot({ receivedAt: null, closedAt: at('2026-11-23T09:10:00+07:00') }), change(3, '2026-11-23T09:10:00+07:00'));
    expect(f.NgayKetThucXuLy).toBe('20261123091000');
    expect(f.NgayTiepNhan).toBe('20261123090000');
  });

  it('lists files per component, fees, supplements and results known at the event', () => {
    const s = snapshot({
      subject: '  Xin cấp bản sao giấy khai sinh  ',
      components: [{ key: 'c1-7d4524', name: 'Giấy tờ tùy thân', files: [{ id: 'f1', name: 'cccd.pdf', mime: 'application/pdf' }, { id: 'f2', name: 'cccd2.png', mime: 'image/png' }] }],
      fees: [
        { amount: 8000, description: 'Lệ phí cấp bản sao', requestedAt: at('2026-11-23T10:00:00+07:00'), paidAt: at('2026-11-23T11:00:00+07:00'), receiptNo: 'BL-1', method: 'cash' },
        { amount: 1000, description: 'Phí sau', requestedAt: at('2026-11-25T10:00:00+07:00'), paidAt: null, receiptNo: null, method: null },
      ],
      supplements: [
        { reason: 'Thiếu tờ khai', requestedAt: at('2026-11-23T10:30:00+07:00'), endedAt: at('2026-11-23T14:00:00+07:00'), previousDueAt: at('2026-11-24T09:05:00+07:00'), newDueAt: at('2026-11-24T14:00:00+07:00') },
      ],
      results: [{ id: 'r1', name: 'ban-sao.pdf', addedAt: at('2026-11-24T08:00:00+07:00') }],
    });
    const early = dossierSyncFields(s, change(5, '2026-11-23T10:45:00+07:00'));
    expect(early.TrichYeuHoSo).toBe('Xin cấp bản sao giấy khai sinh');
    expect(early.TaiLieuNop).toEqual([
      { TepDinhKemId: 'f1', TenTepDinhKem: 'cccd.pdf', LoaiTep: 'application/pdf', MaThanhPhanHoSo: 'c1-7d4524', TenThanhPhanHoSo: 'Giấy tờ tùy thân' },
      { TepDinhKemId: 'f2', TenTepDinhKem: 'cccd2.png', LoaiTep: 'image/png', MaThanhPhanHoSo: 'c1-7d4524', TenThanhPhanHoSo: 'Giấy tờ tùy thân' },
    ]);
    expect(early.DanhSachLePhi).toEqual([{ TenPhiLePhi: 'Lệ phí cấp bản sao', Gia: 8000, NgayYeuCau: '20261123100000', NgayThanhToan: null, SoBienLai: null, HinhThucThanhToan: null }]);
    expect(early.DanhSachHoSoBoSung).toEqual([
      { NoiDungBoSung: 'Thiếu tờ khai', NgayYeuCauBoSung: '20261123103000', NgayTiepNhanBoSung: null, NgayHenTraTruoc: '20261124090500', NgayHenTraMoi: null },
    ]);
    expect(early.DanhSachGiayToKetQua).toEqual([]);

    const late = dossierSyncFields(s, change(10, '2026-11-26T09:00:00+07:00'));
    expect(late.DanhSachLePhi.map((f) => [f.Gia, f.NgayThanhToan, f.SoBienLai])).toEqual([
      [8000, '20261123110000', 'BL-1'],
      [1000, null, null],
    ]);
    expect(late.DanhSachHoSoBoSung[0]).toMatchObject({ NgayTiepNhanBoSung: '20261123140000', NgayHenTraMoi: '20261124140000' });
    expect(late.DanhSachGiayToKetQua).toEqual([{ GiayToId: 'r1', TenGiayTo: 'ban-sao.pdf', NgayBanHanh: '20261124080000' }]);
  });

  it('sends null, not a guess, for what the dossier lacks', () => {
    const s = snapshot();
    const f = dossierSyncFields({ ...s, applicant: { ...s.applicant, idNumber: null, email: null, phone: null } }, change(1, '2026-11-23T09:00:00+07:00'));
    expect([f.MaDoiTuong, f.Email, f.SoDienThoai, f.NgayHenTra]).toEqual([null, null, null, null]);
  });
});

describe('statusFields and progressFields', () => {
  it.each([
    [4, '2026-11-23T10:00:00+07:00', '2026-11-24T09:05:00+07:00', { TrangThaiHoSo: 4, NgayCapNhat: '20261123100000', NgayHenTra: '20261124090500', NgayTra: null, NgayKetThucXuLy: null }],
    [9, '2026-11-24T08:00:00+07:00', '2026-11-24T09:05:00+07:00', { TrangThaiHoSo: 9, NgayKetThucXuLy: '20261124080000', NgayTra: null }],
    [10, '2026-11-24T10:00:00+07:00', null, { TrangThaiHoSo: 10, NgayHenTra: null, NgayTra: '20261124100000' }],
  ])('status %i at %s', (n, when, due, expected) => {
    const s = snapshot({ resolvedAt: at('2026-11-24T08:00:00+07:00'), returnedAt: at('2026-11-24T10:00:00+07:00') });
    expect(statusFields(s, change(n, when, due))).toMatchObject({ MaHoSo: s.code, ...expected });
  });

  it.each([
    [{ actorName: 'Lê Văn Minh', note: 'Đủ điều kiện' }, 'Lê Văn Minh', 'Chuyển xử lý: Đủ điều kiện'],
    [{ actorName: null, note: '   ' }, 'Hệ thống MotCua', 'Chuyển xử lý'],
  ])('progress %#', (over, who, what) => {
    const p = progressFields(
      '000.00.01.H46-261123-0001',
      { actorName: over.actorName, title: 'Chuyên viên', office: 'Phòng Văn hóa - Xã hội', action: 'Chuyển xử lý', note: over.note, at: at('2026-11-23T10:00:00+07:00') },
      change(4, '2026-11-23T10:00:00+07:00', '2026-11-24T09:05:00+07:00'),
    );
    expect(p).toEqual({
      MaHoSo: '000.00.01.H46-261123-0001',
      NguoiXuLy: who,
      ChucDanh: 'Chuyên viên',
      ThoiDiemXuLy: '20261123100000',
      PhongBanXuLy: 'Phòng Văn hóa - Xã hội',
      NoiDungXuLy: what,
      TrangThai: 4,
      NgayBatDau: '20261123100000',
      NgayKetThucTheoQuyDinh: '20261124090500',
    });
  });
});
