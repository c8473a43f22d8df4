// The adapter to the payment platform: open a transaction, ask about one, fetch a day's statement. Every request
// is signed with HMAC-SHA256 (see protocol.ts); a platform that does not answer in time is an error the caller
// shows, never a reason to hold a database transaction open.
import { AppError } from '../../../errors.js';
import type { IntegrationsConfig } from '../../../config.js';
import {
  MERCHANT_HEADER,
  PlatformTransaction,
  SIGNATURE_HEADER,
  Statement,
  TIMESTAMP_HEADER,
  requestSignature,
  type StatementEntry,
} from './protocol.js';

export type PaymentConfig = NonNullable<IntegrationsConfig['payment']>;

export interface CreateTransaction {
  MaThamChieu: string;
  SoTien: number;
  LoaiHinhThanhToan: string;
  MaDonVi: string;
  TKThuHuong: string;
  MaNHThuHuong: string;
  TenTKThuHuong: string;
  LoaiPhiLePhi: string;
  MaPhiLePhi: string;
  TenPhiLePhi: string;
  MaThuTucDVCQG: string;
  HoTenNguoiNop: string;
  SoCMNDNguoiNop?: string | undefined;
  /** Where the citizen's browser goes back after paying or cancelling. */
  DuongDanQuayLai: string;
  /** Where the platform POSTs its signed notification. */
  DuongDanThongBao: string;
}

export interface CreatedTransaction {
  MaGiaoDich: string;
  paymentUrl: string;
}

const unavailable = (detail: string) =>
  new AppError(
    'domain_rule',
    {
      vi: 'Nền tảng thanh toán tạm thời không phản hồi. Vui lòng thử lại sau hoặc nộp phí tại Bộ phận Một cửa.',
      en: 'The payment platform is not answering at the moment. Try again later or pay at the one-stop desk.',
    },
    { details: { platform: detail } },
  );

export class PaymentPlatformClient {
  constructor(
    private readonly cfg: PaymentConfig,
    private readonly now: () => Date = () => new Date(),
    private readonly timeoutMs = 10_000,
  ) {}

  /** Opens a transaction for a reference; the platform answers the same transaction again for a reference still pending. */
  async createTransaction(req: CreateTransaction): Promise<CreatedTransaction | { refused: string; code: string }> {
    const res = await this.send('POST', '/transactions', req);
    const body = (await res.json().catch(() => ({}))) as { MaLoi?: string; MoTaLoi?: string; MaGiaoDich?: string; DuongDanThanhToan?: string };
    if (res.status === 409 || (res.ok && body.MaLoi && body.MaLoi !== '00')) return { refused: body.MoTaLoi ?? 'refused', code: body.MaLoi ?? String(res.status) };
    if (!res.ok || !body.MaGiaoDich || !body.DuongDanThanhToan) throw unavailable(`POST /transactions: ${res.status}`);
    return { MaGiaoDich: body.MaGiaoDich, paymentUrl: body.DuongDanThanhToan };
  }

  async findTransaction(reference: string): Promise<PlatformTransaction | null> {
    const res = await this.send('GET', `/transactions/${encodeURIComponent(reference)}`);
    if (res.status === 404) return null;
    if (!res.ok) throw unavailable(`GET /transactions: ${res.status}`);
    const parsed = PlatformTransaction.safeParse(await res.json());
    if (!parsed.success) throw unavailable('GET /transactions: unreadable answer');
    return parsed.data;
  }

  /** The day's settled transactions (`date` is YYYY-MM-DD, Vietnam time). */
  async statement(date: string): Promise<StatementEntry[]> {
    const res = await this.send('GET', `/statements?date=${encodeURIComponent(date)}`);
    if (!res.ok) throw unavailable(`GET /statements: ${res.status}`);
    const parsed = Statement.safeParse(await res.json());
    if (!parsed.success) throw unavailable('GET /statements: unreadable answer');
    return parsed.data.GiaoDich;
  }

  private async send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
    const timestamp = this.now().toISOString();
    const headers: Record<string, string> = {
      accept: 'application/json',
      [MERCHANT_HEADER]: this.cfg.merchant,
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: requestSignature(this.cfg.secret, { method, path, timestamp, body }),
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await fetch(`${this.cfg.url}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw unavailable(`${method} ${path.split('?')[0]}: ${(e as Error).name}`);
    }
  }
}
