// The national portal's API as MotCua calls it: a session token (fetched once, renewed on 401), the dossier
// sync, status and progress writes (each with an Idempotency-Key), the submissions citizens made there, and
// the procedure catalogue. A refusal of our data (4xx) is permanent; the portal being down is not.
import { PermanentDeliveryError } from '../../outbox/types.js';
import type { CapNhatTienDoHoSoMC, CapNhatTrangThai, DongBoHoSoMC } from './fields.js';

export interface NationalPortalConfig {
  url: string;
  clientId: string;
  secret: string;
}

/** A dossier a citizen submitted on the national portal, waiting for a commune to take it in. */
export interface PortalSubmission {
  Id: string;
  MaDonVi: string;
  MaTTHC: string;
  NgayNop: string;
  ChuHoSo: string;
  LoaiDoiTuong: number;
  MaDoiTuong?: string | null;
  SoDienThoai?: string | null;
  Email?: string | null;
  DiaChi?: string | null;
  TrichYeuHoSo?: string | null;
  /** 1 at the desk, 2 by post, 3 online. */
  HinhThucNhanKetQua?: number | null;
  TaiLieuNop: Array<{ MaGiayTo?: string | null; TenGiayTo?: string | null; TenTep: string; LoaiTep?: string | null; DuLieu: string }>;
}

/** The portal answered with an error that is about the request (4xx other than 401/408/429). */
export class PortalRefusal extends PermanentDeliveryError {
  override name = 'PortalRefusal';
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly reason: string,
  ) {
    super(`Cổng DVCQG từ chối / refused by the national portal (HTTP ${status}${code ? ` ${code}` : ''}): ${reason}`);
  }
}

/** The portal could not be reached or answered 5xx: retry later. */
export class PortalUnavailable extends Error {
  override name = 'PortalUnavailable';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 20_000;

export class NationalPortalClient {
  private token: { value: string; expiresAt: number } | null = null;
  private pendingToken: Promise<string> | null = null;

  constructor(
    readonly config: NationalPortalConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Fetches a session token now (also the connection check of the admin page). */
  async authenticate(signal?: AbortSignal): Promise<void> {
    this.token = null;
    await this.currentToken(signal);
  }

  syncDossier(record: DongBoHoSoMC, idempotencyKey: string, signal?: AbortSignal): Promise<unknown> {
    return this.write('POST', '/dossiers', record, idempotencyKey, signal);
  }

  updateStatus(update: CapNhatTrangThai, idempotencyKey: string, signal?: AbortSignal): Promise<unknown> {
    return this.write('POST', `/dossiers/${encodeURIComponent(update.MaHoSo)}/status`, update, idempotencyKey, signal);
  }

  updateProgress(progress: CapNhatTienDoHoSoMC, idempotencyKey: string, signal?: AbortSignal): Promise<unknown> {
    return this.write('POST', `/dossiers/${encodeURIComponent(progress.MaHoSo)}/progress`, progress, idempotencyKey, signal);
  }

  async submissions(unitCode: string, signal?: AbortSignal): Promise<PortalSubmission[]> {
    const body = (await this.call('GET', `/submissions?maDonVi=${encodeURIComponent(unitCode)}`, undefined, undefined, signal)) as { DanhSach?: unknown };
    if (!Array.isArray(body?.DanhSach)) throw new PortalUnavailable('Cổng DVCQG trả lời danh sách hồ sơ không đúng dạng / the national portal answered an unexpected list of submissions (no DanhSach)', null);
    return body.DanhSach as PortalSubmission[];
  }

  acknowledge(submissionId: string, dossierCode: string, idempotencyKey: string, signal?: AbortSignal): Promise<unknown> {
    return this.write('POST', `/submissions/${encodeURIComponent(submissionId)}/ack`, { MaHoSo: dossierCode }, idempotencyKey, signal);
  }

  /** Procedure records changed since `updatedSince` (yyyyMMddHHmmss of the portal), or all of them. */
  async procedures(updatedSince: string | null, signal?: AbortSignal): Promise<{ ThoiDiem: string | null; DanhSach: unknown[] }> {
    const q = updatedSince ? `?updatedSince=${encodeURIComponent(updatedSince)}` : '';
    const body = (await this.call('GET', `/procedures${q}`, undefined, undefined, signal)) as { ThoiDiem?: unknown; DanhSach?: unknown };
    if (!Array.isArray(body?.DanhSach)) throw new PortalUnavailable('Cổng DVCQG trả lời danh mục không đúng dạng / the national portal answered an unexpected catalogue (no DanhSach)', null);
    return { ThoiDiem: typeof body.ThoiDiem === 'string' ? body.ThoiDiem : null, DanhSach: body.DanhSach };
  }

  private write(method: 'POST', path: string, body: unknown, idempotencyKey: string, signal?: AbortSignal): Promise<unknown> {
    return this.call(method, path, body, idempotencyKey, signal);
  }

  /** One call with the session token; a 401 means the token expired or the portal restarted: renew once. */
  private async call(method: 'GET' | 'POST', path: string, body: unknown, idempotencyKey: string | undefined, signal?: AbortSignal): Promise<unknown> {
    for (let tries = 0; ; tries++) {
      const token = await this.currentToken(signal);
      const res = await this.send(method, path, body, { authorization: `Bearer ${token}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }, signal);
      if (res.status === 401 && tries === 0) {
        if (this.token?.value === token) this.token = null;
        continue;
      }
      return answer(res, `${method} ${path.split('?')[0]}`);
    }
  }

  private async currentToken(signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    // Concurrent deliveries share one token request.
    this.pendingToken ??= this.fetchToken(signal).finally(() => {
      this.pendingToken = null;
    });
    return this.pendingToken;
  }

  private async fetchToken(signal?: AbortSignal): Promise<string> {
    const res = await this.send('POST', '/token', { clientId: this.config.clientId, secret: this.config.secret }, {}, signal);
    if (res.status === 401 || res.status === 403) {
      // Retrying will not help until an admin fixes the settings, but the deliveries keep their order and wait.
      throw new PortalUnavailable(`Cổng DVCQG không chấp nhận thông tin xác thực / the national portal refused the credentials (HTTP ${res.status}): MOTCUA_NATIONAL_PORTAL_CLIENT_ID, MOTCUA_NATIONAL_PORTAL_SECRET`, res.status);
    }
    const body = (await answer(res, 'POST /token')) as { token?: unknown; expiresIn?: unknown };
    if (typeof body?.token !== 'string' || !body.token) throw new PortalUnavailable('Cổng DVCQG trả lời không có token / the national portal answered without a token', null);
    const seconds = typeof body.expiresIn === 'number' && body.expiresIn > 0 ? body.expiresIn : 300;
    // Renewed a little early so a token never expires on its way to the portal.
    this.token = { value: body.token, expiresAt: this.now() + Math.max(1, seconds - 30) * 1000 };
    return body.token;
  }

  private async send(method: string, path: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<{ status: number; text: string }> {
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    try {
      const res = await fetch(`${this.config.url}${path}`, {
        method,
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      return { status: res.status, text: await res.text() };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const what = err.name === 'TimeoutError' || err.name === 'AbortError' ? 'hết thời gian chờ / timed out' : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
      throw new PortalUnavailable(`Không kết nối được Cổng DVCQG / cannot reach the national portal (${method} ${path.split('?')[0]}): ${what}`, null);
    }
  }
}

function answer(res: { status: number; text: string }, what: string): unknown {
  let body: unknown = undefined;
  try {
    body = res.text ? JSON.parse(res.text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.status >= 200 && res.status < 300) return body;
  const b = (body ?? {}) as { MaLoi?: unknown; MoTa?: unknown; message?: unknown };
  const code = typeof b.MaLoi === 'string' ? b.MaLoi : null;
  const reason = typeof b.MoTa === 'string' ? b.MoTa : typeof b.message === 'string' ? b.message : res.text.slice(0, 300) || `HTTP ${res.status}`;
  if (res.status >= 400 && res.status < 500 && ![401, 408, 429].includes(res.status)) throw new PortalRefusal(res.status, code, reason);
  throw new PortalUnavailable(`Cổng DVCQG lỗi / national portal error (${what}, HTTP ${res.status}${code ? ` ${code}` : ''}): ${reason}`, res.status);
}

const clients = new WeakMap<NationalPortalConfig, NationalPortalClient>();

/** One client (and so one session token) per configured connection. */
export function clientFor(config: NationalPortalConfig): NationalPortalClient {
  let c = clients.get(config);
  if (!c) {
    c = new NationalPortalClient(config);
    clients.set(config, c);
  }
  return c;
}
