// A local national portal (Cổng Dịch vụ công quốc gia) for the demo and the tests. It issues session tokens,
// takes dossier syncs, status and progress updates with strict field checks, dedupes on Idempotency-Key, holds
// dossiers citizens "submitted" on it until a commune acknowledges them, and serves the procedure catalogue in
// the national record's shape (MATTHC, TENTTHC, …). Everything it applied is journalled, so a restarted
// simulator still knows it. Control routes under /_sim: received, stats, submissions, refuse, procedures.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSimulatorApp, Journal, type RunningSimulator, type SimulatorOptions } from './base.js';
import { fieldCode, formatPortalDate, parsePortalDate } from '../modules/integrations/national-portal/fields.js';

export interface Refusal {
  /** A field name of the request body, e.g. 'SoDienThoai'. */
  field: string;
  /** Refuse only when the field has this value; without it, whenever the field is present and not null. */
  equals?: string | number;
  reason?: string;
}

export interface NationalPortalSimulatorOptions extends SimulatorOptions {
  clientId?: string;
  secret?: string;
  /** Procedure records in MotCua's catalogue file shape (data/procedures.json); default: that file. */
  catalogue?: unknown[];
  tokenTtlSeconds?: number;
  refuse?: Refusal | null;
}

type CallKind = 'sync' | 'status' | 'progress' | 'ack';
export interface ReceivedCall {
  seq: number;
  at: string;
  kind: CallKind;
  /** The dossier's MaHoSo; for an acknowledgement, the submission's Id (the MaHoSo is in the body). */
  maHoSo: string;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
}
export interface Submission {
  Id: string;
  MaDonVi: string;
  MaTTHC: string;
  NgayNop: string;
  ChuHoSo: string;
  LoaiDoiTuong: number;
  MaDoiTuong: string | null;
  SoDienThoai: string | null;
  Email: string | null;
  DiaChi: string | null;
  TrichYeuHoSo: string | null;
  HinhThucNhanKetQua: number;
  TaiLieuNop: Array<{ MaGiayTo: string | null; TenGiayTo: string | null; TenTep: string; LoaiTep: string | null; DuLieu: string }>;
  ackedWith: string | null;
}
/** What a test or the demo gives to create a citizen's submission; the rest is filled in. */
export type SubmissionInput = Partial<Omit<Submission, 'Id' | 'TaiLieuNop' | 'ackedWith'>> & {
  MaDonVi: string;
  MaTTHC: string;
  ChuHoSo: string;
  TaiLieuNop?: Array<{ MaGiayTo?: string | null; TenGiayTo?: string | null; TenTep: string; LoaiTep?: string | null; DuLieu: string }>;
};
type PortalProcedure = Record<string, unknown> & { MATTHC: string };
type Entry =
  | { t: 'call'; call: ReceivedCall; answer: unknown }
  | { t: 'submission'; submission: Submission }
  | { t: 'procedure'; record: PortalProcedure; updatedAt: number };

export interface ReceivedView {
  calls: ReceivedCall[];
  /** Per MaHoSo: every TrangThaiHoSo applied (sync and status calls), in order. */
  dossiers: Record<string, { statuses: number[]; progress: number; synced: number }>;
}

export interface RunningNationalPortalSimulator extends RunningSimulator {
  clientId: string;
  secret: string;
  received(): ReceivedView;
  stats(): Record<string, unknown>;
  addSubmission(input: SubmissionInput): Submission;
  setRefusal(r: Refusal | null): void;
  /** Changes a procedure the way the national catalogue would (new time limit, fee); returns false if unknown. */
  changeProcedure(code: string, change: ProcedureChange): boolean;
  putProcedure(record: PortalProcedure): void;
  revokeTokens(): void;
}

export interface ProcedureChange {
  channel?: 'counter' | 'online' | 'postal';
  timeLimit?: number;
  fee?: number;
  name?: string;
}

const KENH = { counter: 1, online: 2, postal: 3 } as const;
const UNIT_TEXT: Record<string, string> = { working_day: 'Ngày làm việc', day: 'Ngày', hour: 'Giờ', month: 'Tháng', same_day: 'Trong ngày' };
const CODE_RE = /^(?:[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}-\d{6}-\d{4}|[A-Z0-9]{2,4}\.[0-9]{2}-\d{8}-\d{7})$/;

/** A record of MotCua's catalogue file as the national catalogue publishes it. */
export function toPortalRecord(p: Record<string, any>): PortalProcedure {
  return {
    MATTHC: p.code,
    TENTTHC: p.name,
    LINHVUCTHUCHIEN: [{ MALINHVUC: fieldCode(String(p.field ?? '')), TENLINHVUC: p.field }],
    COQUANCONGBO: p.ministry ?? null,
    QUYETDINHCONGBO: p.decision ?? null,
    CAPTHUCHIEN: (p.levels ?? []).map((l: string) => ({ TENCAP: l })),
    MOTADOITUONGTHUCHIEN: p.applicants ?? null,
    COQUANTHUCHIEN: p.agency ?? null,
    CACHTHUCTHUCHIEN: (p.channels ?? []).map((c: any) => ({
      KENH: KENH[c.channel as keyof typeof KENH],
      MOTA: c.description ?? null,
      THOIGIAN: [
        {
          THOIGIANGIAIQUYET: c.timeLimit?.value ?? null,
          DONVITINH: c.timeLimit?.unit ? UNIT_TEXT[c.timeLimit.unit] : null,
          MOTA: c.timeLimit?.text ?? null,
          PHILEPHI: c.fee ? [{ SOTIEN: c.fee.amount ?? null, DONVI: c.fee.currency ?? null, MOTA: c.fee.text ?? null }] : [],
        },
      ],
    })),
    THANHPHANHOSO: [
      {
        TRUONGHOP: null,
        GIAYTO: (p.components ?? []).map((c: any, i: number) => ({
          MAGIAYTO: `${p.code}.GT${i + 1}`,
          TENGIAYTO: c.name,
          TENMAUDON: c.form ?? null,
          URL: null,
          SOBANCHINH: c.originals,
          SOBANSAO: c.copies,
          GHICHU: c.note ?? null,
        })),
      },
    ],
    GHICHUTHANHPHANHOSO: p.componentNotes ?? [],
    KETQUATHUCHIEN: (p.results ?? []).map((r: any) => ({ MAKETQUA: r.code ?? null, TENKETQUA: r.name })),
    CANCUPHAPLY: (p.legalBasis ?? []).map((l: any) => ({ SOVANBAN: l.number, TENVANBAN: l.title ?? null })),
    TRINHTUTHUCHIEN: p.steps ? [{ TRUONGHOP: null, TRINHTU: [{ TENTRINHTU: p.steps }] }] : [],
    YEUCAU: p.requirements ?? null,
    DUONGDAN: p.source ?? null,
  };
}

function defaultCatalogue(): unknown[] {
  const file = new URL('../../data/procedures.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { procedures: unknown[] }).procedures;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
  }
}
const bad = (field: string, why: string) => new Refused(400, 'DULIEU_KHONG_HOP_LE', field, `Trường ${field} ${why}`);

type Body = Record<string, unknown>;
function str(b: Body, f: string, opts: { optional?: boolean; max?: number; re?: RegExp; what?: string } = {}): void {
  const v = b[f];
  if (v === undefined || v === null || v === '') {
    if (opts.optional) return;
    throw bad(f, 'là bắt buộc');
  }
  if (typeof v !== 'string') throw bad(f, 'phải là chuỗi ký tự');
  if (v.length > (opts.max ?? 2000)) throw bad(f, `dài quá ${opts.max ?? 2000} ký tự`);
  if (opts.re && !opts.re.test(v)) throw bad(f, `không đúng định dạng${opts.what ? ` (${opts.what})` : ''}`);
}
function date(b: Body, f: string, optional = false): void {
  const v = b[f];
  if ((v === undefined || v === null || v === '') && optional) return;
  if (typeof v !== 'string' || !parsePortalDate(v)) throw bad(f, 'không đúng định dạng yyyyMMddHHmmss');
}
function int(b: Body, f: string, min: number, max: number): void {
  const v = b[f];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw bad(f, `phải là số nguyên từ ${min} đến ${max}`);
}
function list(b: Body, f: string): void {
  if (!Array.isArray(b[f])) throw bad(f, 'phải là danh sách (mảng)');
}

function checkDossier(b: Body): void {
  str(b, 'MaHoSo', { re: CODE_RE, what: 'mã hồ sơ theo Nghị định 61/2018' });
  for (const f of ['MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'SoBienNhan', 'ChuHoSo', 'TrichYeuHoSo', 'DonViXuLy']) str(b, f, { max: 5000 });
  int(b, 'LoaiDoiTuong', 1, 2);
  str(b, 'MaDoiTuong', { optional: true, re: /^\d{9,13}$/, what: 'số định danh hoặc mã số thuế' });
  str(b, 'Email', { optional: true, re: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, what: 'email' });
  str(b, 'SoDienThoai', { optional: true, re: /^(\+84|0)\d{9,10}$/, what: 'số điện thoại' });
  date(b, 'NgayTiepNhan');
  date(b, 'NgayHenTra', true);
  int(b, 'TrangThaiHoSo', 1, 10);
  date(b, 'NgayTra', true);
  int(b, 'HinhThuc', 0, 2);
  date(b, 'NgayKetThucXuLy', true);
  for (const f of ['TaiLieuNop', 'DanhSachLePhi', 'DanhSachHoSoBoSung', 'DanhSachGiayToKetQua']) list(b, f);
}
function checkStatus(b: Body): void {
  int(b, 'TrangThaiHoSo', 1, 10);
  date(b, 'NgayCapNhat');
  for (const f of ['NgayHenTra', 'NgayTra', 'NgayKetThucXuLy']) date(b, f, true);
}
function checkProgress(b: Body): void {
  for (const f of ['NguoiXuLy', 'ChucDanh', 'PhongBanXuLy', 'NoiDungXuLy']) str(b, f, { max: 5000 });
  date(b, 'ThoiDiemXuLy');
  date(b, 'NgayBatDau');
  date(b, 'NgayKetThucTheoQuyDinh', true);
  int(b, 'TrangThai', 1, 10);
}

export async function startNationalPortalSimulator(options: NationalPortalSimulatorOptions = {}): Promise<RunningNationalPortalSimulator> {
  const clientId = options.clientId ?? 'motcua';
  const secret = options.secret ?? 'motcua-demo-secret';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const journal = new Journal<Entry>(options.journalFile);
  const { app, faults, listen } = createSimulatorApp('national-portal', options);

  const tokens = new Map<string, number>();
  const calls: ReceivedCall[] = [];
  const answers = new Map<string, unknown>();
  const dossiers = new Map<string, { record: Body; statuses: number[]; progress: number; synced: number }>();
  const submissions = new Map<string, Submission>();
  const procedures = new Map<string, { record: PortalProcedure; updatedAt: number }>();
  const counters = { tokensIssued: 0, unauthorised: 0, refused: 0, duplicates: 0 };
  let refusal: Refusal | null = options.refuse ?? null;
  // The catalogue cursor has whole seconds: a change made in the second of the last cursor handed out is
  // stamped in the next second, so "changed since the cursor" neither misses it nor repeats older ones.
  let lastCursor = 0;
  let lastStamp = 0;
  const changeStamp = () => (lastStamp = Math.max(Date.now(), lastCursor + 1000));

  for (const p of options.catalogue ?? defaultCatalogue()) {
    const record = toPortalRecord(p as Record<string, unknown>);
    procedures.set(record.MATTHC, { record, updatedAt: 0 }); // published before anyone asked
  }

  const apply = (e: Entry) => {
    if (e.t === 'submission') submissions.set(e.submission.Id, { ...e.submission });
    else if (e.t === 'procedure') procedures.set(e.record.MATTHC, { record: e.record, updatedAt: e.updatedAt });
    else {
      const c = e.call;
      calls.push(c);
      if (c.idempotencyKey) answers.set(c.idempotencyKey, e.answer);
      if (c.kind === 'ack') {
        const s = submissions.get(c.maHoSo);
        if (s) s.ackedWith = String(c.body.MaHoSo);
        return;
      }
      const d = dossiers.get(c.maHoSo) ?? { record: {}, statuses: [], progress: 0, synced: 0 };
      if (c.kind === 'sync') Object.assign(d, { record: c.body, synced: d.synced + 1 });
      if (c.kind === 'sync' || c.kind === 'status') d.statuses.push(c.body.TrangThaiHoSo as number);
      if (c.kind === 'progress') d.progress += 1;
      dossiers.set(c.maHoSo, d);
    }
  };
  for (const e of journal.load()) apply(e);
  const record = (e: Entry) => {
    journal.append(e);
    apply(e);
  };

  const authorised = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const m = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    const exp = m ? tokens.get(m[1]!) : undefined;
    if (exp && exp > Date.now()) return true;
    counters.unauthorised += 1;
    void reply.status(401).send({ MaLoi: 'PHIEN_HET_HAN', MoTa: 'Phiên làm việc không hợp lệ hoặc đã hết hạn; hãy lấy token mới.' });
    return false;
  };

  const refuse = (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof Refused)) throw e;
    counters.refused += 1;
    return reply.status(e.status).send({ MaLoi: e.code, MoTa: e.message, ...(e.field ? { Truong: e.field } : {}) });
  };

  /** Validates, dedupes on Idempotency-Key, checks the configured refusal, applies and journals one write. */
  const write = (kind: CallKind, check: (b: Body, id: string) => void, answerOf: (b: Body, id: string) => unknown) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (!authorised(req, reply)) return reply;
    const body = (req.body ?? {}) as Body;
    const id = (req.params as { id?: string }).id ?? String(body.MaHoSo ?? '');
    const key = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    if (key && answers.has(key)) {
      counters.duplicates += 1;
      return answers.get(key);
    }
    try {
      if (typeof req.body !== 'object' || req.body === null) throw new Refused(400, 'DULIEU_KHONG_HOP_LE', null, 'Thân yêu cầu phải là JSON');
      check(body, id);
      if (refusal && refusal.field in body && body[refusal.field] !== null && (refusal.equals === undefined || body[refusal.field] === refusal.equals)) {
        throw new Refused(400, 'DULIEU_KHONG_HOP_LE', refusal.field, refusal.reason ?? `Trường ${refusal.field} không được Cổng DVCQG chấp nhận`);
      }
    } catch (e) {
      return refuse(reply, e);
    }
    const answer = answerOf(body, id);
    record({ t: 'call', call: { seq: calls.length + 1, at: new Date().toISOString(), kind, maHoSo: id, idempotencyKey: key, body }, answer });
    return answer;
  };

  const known = (id: string) => {
    if (!dossiers.has(id)) throw new Refused(404, 'HOSO_KHONG_TON_TAI', 'MaHoSo', `Hồ sơ ${id} chưa được đồng bộ lên Cổng DVCQG`);
  };
  const samePath = (b: Body, id: string) => {
    if (b.MaHoSo !== id) throw bad('MaHoSo', 'phải trùng với mã hồ sơ trên đường dẫn');
  };

  app.post<{ Body: { clientId?: string; secret?: string } }>('/token', async (req, reply) => {
    if (req.body?.clientId !== clientId || req.body?.secret !== secret) {
      return reply.status(401).send({ MaLoi: 'XAC_THUC_THAT_BAI', MoTa: 'Sai mã ứng dụng hoặc khóa bí mật' });
    }
    const token = crypto.randomBytes(24).toString('base64url');
    tokens.set(token, Date.now() + ttl * 1000);
    counters.tokensIssued += 1;
    return { token, expiresIn: ttl };
  });

  app.post('/dossiers', write('sync', checkDossier, (b) => ({ MaHoSo: b.MaHoSo, KetQua: 'THANH_CONG' })));
  app.post(
    '/dossiers/:id/status',
    write('status', (b, id) => (samePath(b, id), known(id), checkStatus(b)), (b, id) => ({ MaHoSo: id, TrangThaiHoSo: b.TrangThaiHoSo, KetQua: 'THANH_CONG' })),
  );
  app.post('/dossiers/:id/progress', write('progress', (b, id) => (samePath(b, id), known(id), checkProgress(b)), (_b, id) => ({ MaHoSo: id, KetQua: 'THANH_CONG' })));

  app.get<{ Querystring: { maDonVi?: string } }>('/submissions', async (req, reply) => {
    if (!authorised(req, reply)) return reply;
    const unit = req.query.maDonVi;
    if (!unit || !/^\d{2,5}$/.test(unit)) return reply.status(400).send({ MaLoi: 'DULIEU_KHONG_HOP_LE', MoTa: 'Thiếu hoặc sai maDonVi' });
    return { DanhSach: [...submissions.values()].filter((s) => s.MaDonVi === unit && !s.ackedWith).map(({ ackedWith: _a, ...s }) => s) };
  });
  app.post(
    '/submissions/:id/ack',
    write(
      'ack',
      (b, id) => {
        const s = submissions.get(id);
        if (!s) throw new Refused(404, 'HOSO_KHONG_TON_TAI', null, `Không có hồ sơ nộp trên Cổng với mã ${id}`);
        str(b, 'MaHoSo', { re: CODE_RE, what: 'mã hồ sơ theo Nghị định 61/2018' });
        if (s.ackedWith && s.ackedWith !== b.MaHoSo) throw new Refused(409, 'DA_TIEP_NHAN', 'MaHoSo', `Hồ sơ ${id} đã được tiếp nhận với mã ${s.ackedWith}`);
      },
      (b, id) => ({ Id: id, MaHoSo: b.MaHoSo, KetQua: 'THANH_CONG' }),
    ),
  );

  app.get<{ Querystring: { updatedSince?: string } }>('/procedures', async (req, reply) => {
    if (!authorised(req, reply)) return reply;
    const since = req.query.updatedSince ? parsePortalDate(req.query.updatedSince) : null;
    if (req.query.updatedSince && !since) return reply.status(400).send({ MaLoi: 'DULIEU_KHONG_HOP_LE', MoTa: 'updatedSince không đúng định dạng yyyyMMddHHmmss' });
    const second = (ms: number) => Math.floor(ms / 1000) * 1000;
    lastCursor = Math.max(lastCursor, second(Date.now()), second(lastStamp));
    return {
      ThoiDiem: formatPortalDate(new Date(lastCursor)),
      DanhSach: [...procedures.values()].filter((p) => !since || p.updatedAt >= since.getTime() + 1000).map((p) => p.record),
    };
  });

  const received = (): ReceivedView => ({
    calls: [...calls],
    dossiers: Object.fromEntries([...dossiers].map(([k, d]) => [k, { statuses: [...d.statuses], progress: d.progress, synced: d.synced }])),
  });
  const stats = () => {
    const byKind = { sync: 0, status: 0, progress: 0, ack: 0 };
    for (const c of calls) byKind[c.kind] += 1;
    const subs = [...submissions.values()];
    return { ...byKind, ...counters, dossiers: dossiers.size, submissions: { pending: subs.filter((s) => !s.ackedWith).length, acked: subs.filter((s) => s.ackedWith).length }, procedures: procedures.size };
  };
  let nextSubmission = submissions.size + 1;
  const addSubmission: RunningNationalPortalSimulator['addSubmission'] = (input) => {
    const id = `DVCQG-${String(nextSubmission++).padStart(6, '0')}-${crypto.randomBytes(3).toString('hex')}`;
    const s: Submission = {
      Id: id,
      NgayNop: formatPortalDate(new Date()),
      LoaiDoiTuong: 1,
      MaDoiTuong: null,
      SoDienThoai: null,
      Email: null,
      DiaChi: null,
      TrichYeuHoSo: null,
      HinhThucNhanKetQua: 1,
      ...input,
      TaiLieuNop: (input.TaiLieuNop ?? []).map((f) => ({ MaGiayTo: f.MaGiayTo ?? null, TenGiayTo: f.TenGiayTo ?? null, TenTep: f.TenTep, LoaiTep: f.LoaiTep ?? null, DuLieu: f.DuLieu })),
      ackedWith: null,
    };
    record({ t: 'submission', submission: s });
    return s;
  };
  const changeProcedure = (code: string, change: ProcedureChange): boolean => {
    const p = procedures.get(code);
    if (!p) return false;
    const r = structuredClone(p.record) as Record<string, any>;
    if (change.name) r.TENTTHC = change.name;
    for (const c of r.CACHTHUCTHUCHIEN ?? []) {
      if (change.channel && c.KENH !== KENH[change.channel]) continue;
      for (const t of c.THOIGIAN ?? []) {
        if (change.timeLimit !== undefined) Object.assign(t, { THOIGIANGIAIQUYET: change.timeLimit, MOTA: `${change.timeLimit} ${t.DONVITINH ?? ''}`.trim() });
        if (change.fee !== undefined) t.PHILEPHI = [{ SOTIEN: change.fee, DONVI: 'VND', MOTA: `${change.fee.toLocaleString('vi-VN')} đồng` }];
      }
    }
    record({ t: 'procedure', record: r as PortalProcedure, updatedAt: changeStamp() });
    return true;
  };

  app.get('/_sim/received', async () => received());
  app.get('/_sim/stats', async () => stats());
  app.post<{ Body: SubmissionInput }>('/_sim/submissions', async (req, reply) => {
    const b = req.body;
    if (!b || typeof b.MaDonVi !== 'string' || typeof b.MaTTHC !== 'string' || typeof b.ChuHoSo !== 'string') {
      return reply.status(400).send({ MaLoi: 'DULIEU_KHONG_HOP_LE', MoTa: 'Cần MaDonVi, MaTTHC và ChuHoSo' });
    }
    return reply.status(201).send(addSubmission(b));
  });
  app.put<{ Body: Refusal | null }>('/_sim/refuse', async (req) => {
    refusal = req.body && typeof req.body.field === 'string' ? req.body : null;
    return { refuse: refusal };
  });
  app.post<{ Params: { code: string }; Body: ProcedureChange }>('/_sim/procedures/:code', async (req, reply) =>
    changeProcedure(req.params.code, req.body ?? {}) ? { changed: req.params.code } : reply.status(404).send({ MaLoi: 'TTHC_KHONG_TON_TAI', MoTa: `Không có thủ tục ${req.params.code}` }),
  );
  app.put<{ Params: { code: string }; Body: PortalProcedure }>('/_sim/procedures/:code', async (req) => {
    record({ t: 'procedure', record: { ...req.body, MATTHC: req.params.code }, updatedAt: changeStamp() });
    return { put: req.params.code };
  });
  app.post('/_sim/tokens/revoke', async () => {
    tokens.clear();
    return { revoked: true };
  });

  const running = await listen();
  return {
    ...running,
    faults,
    clientId,
    secret,
    received,
    stats,
    addSubmission,
    setRefusal: (r) => {
      refusal = r;
    },
    changeProcedure,
    putProcedure: (r) => record({ t: 'procedure', record: r, updatedAt: changeStamp() }),
    revokeTokens: () => tokens.clear(),
    async close() {
      await running.close();
      journal.close();
    },
  };
}
