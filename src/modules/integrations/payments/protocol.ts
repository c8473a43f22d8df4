// The payment platform's side of the conversation (the national portal's payment platform, regulation.md §2.8
// "DVCQG payment", Thanh Hóa `GiaoDichThanhToan`): field names as the platform spells them, the codes we use,
// how messages are signed, and the platform's date format. Pure: no I/O.
import crypto from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../../../lib/canonical-json.js';

/** TrangThai of a transaction. */
export const PLATFORM_STATE = { pending: '0', paid: '1', failed: '2' } as const;
/** MaLoi in the platform's answers and in ours. */
export const PLATFORM_ERROR = { ok: '00', unknownReference: '01', badRequest: '02', referencePaid: '03', referenceClosed: '04', badSignature: '97', unavailable: '99' } as const;
/** LoaiHinhThanhToan: a fee of an administrative procedure. */
export const PAYMENT_TYPE_PROCEDURE_FEE = '1';
/** LoaiPhiLePhi: 1 phí (fee), 2 lệ phí (charge), 3 both in one payment. */
export const FEE_KIND_CODE = { fee: '1', charge: '2', mixed: '3' } as const;

export const SIGNATURE_HEADER = 'x-signature';
export const TIMESTAMP_HEADER = 'x-timestamp';
export const MERCHANT_HEADER = 'x-merchant';

/** What the platform POSTs to the notify URL when a transaction ends (paid or failed). */
export const PlatformNotification = z.object({
  MaThamChieu: z.string().min(1).max(100),
  SoTien: z.coerce.number().int().min(0),
  LoaiHinhThanhToan: z.string().max(20).optional(),
  MaKenhThanhToan: z.string().max(40).optional(),
  TKThuHuong: z.string().max(60).optional(),
  MaNHThuHuong: z.string().max(40).optional(),
  TenTKThuHuong: z.string().max(200).optional(),
  LoaiPhiLePhi: z.string().max(20).optional(),
  MaPhiLePhi: z.string().max(400).optional(),
  TenPhiLePhi: z.string().max(2000).optional(),
  MaDonVi: z.string().max(40).optional(),
  MaThuTucDVCQG: z.string().max(40).optional(),
  HoTenNguoiNop: z.string().max(200).optional(),
  SoCMNDNguoiNop: z.string().max(20).optional(),
  TrangThai: z.string().min(1).max(4),
  ThoiGianGD: z.string().regex(/^\d{14}$/),
  MaGiaoDich: z.string().min(1).max(100),
  MaNganHang: z.string().max(40).optional(),
  MaLoi: z.string().max(10).optional(),
  DuongDanBienLai: z.url().max(2000).optional(),
});
export type PlatformNotification = z.infer<typeof PlatformNotification>;

/** One line of the platform's daily statement: a settled transaction. */
export const StatementEntry = z.object({
  MaGiaoDich: z.string(),
  MaThamChieu: z.string(),
  SoTien: z.coerce.number().int(),
  ThoiGianGD: z.string().regex(/^\d{14}$/),
  MaDonVi: z.string().optional(),
  MaNganHang: z.string().optional(),
  TrangThai: z.string(),
});
export type StatementEntry = z.infer<typeof StatementEntry>;

export const Statement = z.object({ MaLoi: z.string(), NgayDoiSoat: z.string(), GiaoDich: z.array(StatementEntry) });

export const PlatformTransaction = z.object({
  MaGiaoDich: z.string(),
  MaThamChieu: z.string(),
  SoTien: z.coerce.number().int(),
  TrangThai: z.string(),
  ThoiGianGD: z.string().nullable().optional(),
  DuongDanThanhToan: z.string().optional(),
  DuongDanBienLai: z.string().nullable().optional(),
  MaNganHang: z.string().nullable().optional(),
});
export type PlatformTransaction = z.infer<typeof PlatformTransaction>;

/** The platform signs the canonical JSON (keys sorted) of a notification's body. */
export function notificationSignature(secret: string, body: unknown): string {
  return crypto.createHmac('sha256', secret).update(canonicalJson(body)).digest('hex');
}

/** Our requests to the platform: method, path with query, timestamp and canonical body, one per line. */
export function requestSignature(secret: string, r: { method: string; path: string; timestamp: string; body?: unknown }): string {
  const body = r.body === undefined ? '' : canonicalJson(r.body);
  return crypto.createHmac('sha256', secret).update(`${r.method.toUpperCase()}\n${r.path}\n${r.timestamp}\n${body}`).digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signatureMatches(expected: string, given: string | undefined): boolean {
  if (!given || !/^[0-9a-f]+$/i.test(given)) return false;
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(given.toLowerCase(), 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** `yyyyMMddHHmmss` in Vietnam time, as the national portal writes dates. */
export function toPlatformTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function fromPlatformTime(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The Vietnam calendar day [start, end) of a `YYYY-MM-DD`. */
export function vnDay(date: string): { start: Date; end: Date } {
  const start = new Date(`${date}T00:00:00+07:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}
