// A dossier as the national portal (Cổng DVCQG) wants it: the DongBoHoSoMC record, the status update
// (CapNhatTrangThai) and the progress entry (CapNhatTienDoHoSoMC), field names as in regulation.md §2.8.
// Pure functions over a snapshot the subscriber reads from the database; dates in yyyyMMddHHmmss, Vietnam time.

export type Channel = 'counter' | 'online' | 'postal';

/** HinhThuc: how the dossier reached the one-stop desk. */
export const CHANNEL_CODE: Record<Channel, number> = { counter: 0, online: 1, postal: 2 };

/** LoaiDoiTuong: 1 a citizen, 2 an organisation or business. */
export const APPLICANT_KIND_CODE: Record<'citizen' | 'organisation', number> = { citizen: 1, organisation: 2 };

const VN_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh has no daylight saving time

/** yyyyMMddHHmmss in Vietnam time. */
export function formatPortalDate(d: Date): string {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(v.getUTCFullYear(), 4)}${p(v.getUTCMonth() + 1)}${p(v.getUTCDate())}${p(v.getUTCHours())}${p(v.getUTCMinutes())}${p(v.getUTCSeconds())}`;
}

/** The instant a yyyyMMddHHmmss (Vietnam time) names, or null when the text is not a real date and time. */
export function parsePortalDate(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return null;
  return new Date(utc - VN_OFFSET_MS);
}

const optDate = (d: Date | null | undefined, asOf: Date): string | null => (d && d.getTime() <= asOf.getTime() ? formatPortalDate(d) : null);

/**
 * MaLinhVuc for a field name: the catalogue in MotCua keeps the field's name only, so both sides derive the
 * code the same way ("Hộ tịch" → "HO_TICH").
 */
export function fieldCode(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return folded.slice(0, 60) || 'KHAC';
}

export interface DossierSnapshot {
  code: string;
  procedure: { code: string; name: string; field: string };
  handlingUnit: { code: string; name: string };
  channel: Channel;
  applicant: { kind: 'citizen' | 'organisation'; name: string; idNumber: string | null; email: string | null; phone: string | null; address: string | null };
  subject: string | null;
  submittedAt: Date;
  receivedAt: Date | null;
  resolvedAt: Date | null;
  returnedAt: Date | null;
  closedAt: Date | null;
  components: Array<{ key: string; name: string; files: Array<{ id: string; name: string; mime: string }> }>;
  fees: Array<{ amount: number; description: string; requestedAt: Date; paidAt: Date | null; receiptNo: string | null; method: string | null }>;
  supplements: Array<{ reason: string; requestedAt: Date; endedAt: Date | null; previousDueAt: Date | null; newDueAt: Date | null }>;
  results: Array<{ id: string; name: string; addedAt: Date }>;
}

/** What the outbox event says: the status the portal must show, as of when. */
export interface StatusChange {
  nationalStatus: number;
  at: Date;
  dueAt: Date | null;
}

export interface DongBoHoSoMC {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  SoBienNhan: string;
  ChuHoSo: string;
  LoaiDoiTuong: number;
  MaDoiTuong: string | null;
  Email: string | null;
  SoDienThoai: string | null;
  DiaChi: string | null;
  TrichYeuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string | null;
  TrangThaiHoSo: number;
  NgayTra: string | null;
  HinhThuc: number;
  NgayKetThucXuLy: string | null;
  DonViXuLy: string;
  MaDonVi: string;
  TaiLieuNop: Array<{ TepDinhKemId: string; TenTepDinhKem: string; LoaiTep: string; MaThanhPhanHoSo: string; TenThanhPhanHoSo: string }>;
  DanhSachLePhi: Array<{ TenPhiLePhi: string; Gia: number; NgayYeuCau: string; NgayThanhToan: string | null; SoBienLai: string | null; HinhThucThanhToan: string | null }>;
  DanhSachHoSoBoSung: Array<{ NoiDungBoSung: string; NgayYeuCauBoSung: string; NgayTiepNhanBoSung: string | null; NgayHenTraTruoc: string | null; NgayHenTraMoi: string | null }>;
  DanhSachGiayToKetQua: Array<{ GiayToId: string; TenGiayTo: string; NgayBanHanh: string }>;
}

/**
 * The whole dossier as of `change.at`: dates after that instant (a later receipt, return…) are left out, so a
 * sync sent late still tells the portal the state the event announced.
 */
export function dossierSyncFields(s: DossierSnapshot, change: StatusChange): DongBoHoSoMC {
  const asOf = change.at;
  const ended = s.resolvedAt ?? s.closedAt;
  return {
    MaHoSo: s.code,
    MaTTHC: s.procedure.code,
    TenTTHC: s.procedure.name,
    MaLinhVuc: fieldCode(s.procedure.field),
    TenLinhVuc: s.procedure.field,
    SoBienNhan: s.code,
    ChuHoSo: s.applicant.name,
    LoaiDoiTuong: APPLICANT_KIND_CODE[s.applicant.kind],
    MaDoiTuong: s.applicant.idNumber,
    Email: s.applicant.email,
    SoDienThoai: s.applicant.phone,
    DiaChi: s.applicant.address,
    TrichYeuHoSo: s.subject?.trim() || s.procedure.name,
    NgayTiepNhan: optDate(s.receivedAt, asOf) ?? formatPortalDate(s.submittedAt),
    NgayHenTra: change.dueAt ? formatPortalDate(change.dueAt) : null,
    TrangThaiHoSo: change.nationalStatus,
    NgayTra: optDate(s.returnedAt, asOf),
    HinhThuc: CHANNEL_CODE[s.channel],
    NgayKetThucXuLy: optDate(ended, asOf),
    DonViXuLy: s.handlingUnit.name,
    MaDonVi: s.handlingUnit.code,
    TaiLieuNop: s.components.flatMap((c) =>
      c.files.map((f) => ({ TepDinhKemId: f.id, TenTepDinhKem: f.name, LoaiTep: f.mime, MaThanhPhanHoSo: c.key, TenThanhPhanHoSo: c.name })),
    ),
    DanhSachLePhi: s.fees
      .filter((f) => f.requestedAt.getTime() <= asOf.getTime())
      .map((f) => ({
        TenPhiLePhi: f.description,
        Gia: f.amount,
        NgayYeuCau: formatPortalDate(f.requestedAt),
        NgayThanhToan: optDate(f.paidAt, asOf),
        SoBienLai: f.paidAt && f.paidAt.getTime() <= asOf.getTime() ? f.receiptNo : null,
        HinhThucThanhToan: f.paidAt && f.paidAt.getTime() <= asOf.getTime() ? f.method : null,
      })),
    DanhSachHoSoBoSung: s.supplements
      .filter((x) => x.requestedAt.getTime() <= asOf.getTime())
      .map((x) => {
        const done = x.endedAt && x.endedAt.getTime() <= asOf.getTime();
        return {
          NoiDungBoSung: x.reason,
          NgayYeuCauBoSung: formatPortalDate(x.requestedAt),
          NgayTiepNhanBoSung: done ? formatPortalDate(x.endedAt!) : null,
          NgayHenTraTruoc: x.previousDueAt ? formatPortalDate(x.previousDueAt) : null,
          NgayHenTraMoi: done && x.newDueAt ? formatPortalDate(x.newDueAt) : null,
        };
      }),
    DanhSachGiayToKetQua: s.results
      .filter((r) => r.addedAt.getTime() <= asOf.getTime())
      .map((r) => ({ GiayToId: r.id, TenGiayTo: r.name, NgayBanHanh: formatPortalDate(r.addedAt) })),
  };
}

export interface CapNhatTrangThai {
  MaHoSo: string;
  TrangThaiHoSo: number;
  NgayCapNhat: string;
  NgayHenTra: string | null;
  NgayTra: string | null;
  NgayKetThucXuLy: string | null;
}

export function statusFields(s: Pick<DossierSnapshot, 'code' | 'resolvedAt' | 'closedAt' | 'returnedAt'>, change: StatusChange): CapNhatTrangThai {
  return {
    MaHoSo: s.code,
    TrangThaiHoSo: change.nationalStatus,
    NgayCapNhat: formatPortalDate(change.at),
    NgayHenTra: change.dueAt ? formatPortalDate(change.dueAt) : null,
    NgayTra: optDate(s.returnedAt, change.at),
    NgayKetThucXuLy: optDate(s.resolvedAt ?? s.closedAt, change.at),
  };
}

/** One step of handling, as the history recorded it. */
export interface HandlingStep {
  actorName: string | null;
  /** The acting person's title (Vietnamese), e.g. "Cán bộ tiếp nhận". */
  title: string;
  office: string;
  /** The action's name (Vietnamese) and the note written with it. */
  action: string;
  note: string | null;
  at: Date;
}

export interface CapNhatTienDoHoSoMC {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: number;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string | null;
}

export function progressFields(code: string, step: HandlingStep, change: StatusChange): CapNhatTienDoHoSoMC {
  const note = step.note?.trim();
  return {
    MaHoSo: code,
    NguoiXuLy: step.actorName?.trim() || 'Hệ thống MotCua',
    ChucDanh: step.title,
    ThoiDiemXuLy: formatPortalDate(step.at),
    PhongBanXuLy: step.office,
    NoiDungXuLy: note ? `${step.action}: ${note}` : step.action,
    TrangThai: change.nationalStatus,
    NgayBatDau: formatPortalDate(step.at),
    NgayKetThucTheoQuyDinh: change.dueAt ? formatPortalDate(change.dueAt) : null,
  };
}
