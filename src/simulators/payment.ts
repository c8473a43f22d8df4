// A local payment platform (the national portal's payment platform) for the demo and the tests. MotCua opens a
// transaction with POST /transactions (HMAC-signed); the citizen pays or cancels on the page /pay/{MaGiaoDich};
// the platform then POSTs a signed notification to MotCua's notify URL, retrying until it hears "00", and keeps
// an e-receipt at /receipts/{MaGiaoDich} and a daily statement at GET /statements?date=YYYY-MM-DD.
// Control routes make it misbehave on purpose for the next payment: repeat the notification, hold it back until
// released (late), change the amount paid, or never send it (a reconciliation mismatch).
import crypto from 'node:crypto';
import { canonicalJson } from '../lib/canonical-json.js';
import { createSimulatorApp, Journal, type RunningSimulator, type SimulatorOptions } from './base.js';

export interface SimTransaction {
  MaGiaoDich: string;
  MaThamChieu: string;
  SoTien: number;
  /** What the citizen actually paid (differs from SoTien when told to). */
  paidAmount: number | null;
  TrangThai: '0' | '1' | '2';
  ThoiGianGD: string | null;
  MaNganHang: string | null;
  request: Record<string, unknown>;
  createdAt: string;
}

export interface Outgoing {
  id: string;
  MaGiaoDich: string;
  url: string;
  body: Record<string, unknown>;
  /** Waiting for POST /_sim/release (a late notification). */
  held: boolean;
  /** Never sent: the platform "lost" it. */
  withheld: boolean;
  /** How many times to deliver it (duplicates). */
  copies: number;
  delivered: number;
  attempts: number;
  lastError: string | null;
}

export interface NextPayment {
  duplicates?: number;
  hold?: boolean;
  withhold?: boolean;
  amount?: number;
}

export interface PaymentSimulatorOptions extends SimulatorOptions {
  /** Shared HMAC secret (default: the demo secret of config.ts). */
  secret?: string;
  /** The merchant code MotCua sends (default 'MOTCUA'). */
  merchant?: string;
  /** The platform's clock (transaction times, statements); tests pass theirs. */
  now?: () => Date;
  /** Waits between delivery attempts; after the last one the notification stays undelivered. */
  retryDelaysMs?: number[];
}

export interface RunningPaymentSimulator extends RunningSimulator {
  transactions(): SimTransaction[];
  notifications(): Outgoing[];
  nextPayment(behaviour: NextPayment): void;
  /** Sends held (late) notifications; resolves when they are delivered or given up. */
  release(): Promise<number>;
  /** Sends a transaction's notification again (one more copy). */
  resend(transactionId: string): Promise<void>;
  /** Resolves when no notification is being delivered. */
  idle(): Promise<void>;
}

type Entry = { kind: 'tx'; tx: SimTransaction } | { kind: 'out'; out: Outgoing };

const hmac = (secret: string, text: string) => crypto.createHmac('sha256', secret).update(text).digest('hex');
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

function platformTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function safeEqualHex(a: string, b: string | undefined): boolean {
  if (!b || a.length !== b.length || !/^[0-9a-f]+$/i.test(b)) return false;
  return crypto.timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b.toLowerCase(), 'hex'));
}

const REQUIRED = ['MaThamChieu', 'MaDonVi', 'TKThuHuong', 'MaNHThuHuong', 'TenTKThuHuong', 'HoTenNguoiNop', 'DuongDanQuayLai', 'DuongDanThongBao'] as const;

export async function startPaymentSimulator(options: PaymentSimulatorOptions = {}): Promise<RunningPaymentSimulator> {
  const secret = options.secret ?? 'motcua-demo-payment-secret';
  const merchant = options.merchant ?? 'MOTCUA';
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs ?? [200, 1000, 5000, 15000, 60000];
  const { app, listen } = createSimulatorApp('payment', options);
  const journal = new Journal<Entry>(options.journalFile);
  const txs = new Map<string, SimTransaction>();
  const byRef = new Map<string, string>();
  const outs = new Map<string, Outgoing>();
  for (const e of journal.load()) {
    if (e.kind === 'tx') {
      txs.set(e.tx.MaGiaoDich, e.tx);
      byRef.set(e.tx.MaThamChieu, e.tx.MaGiaoDich);
    } else outs.set(e.out.id, e.out);
  }
  const saveTx = (tx: SimTransaction) => {
    txs.set(tx.MaGiaoDich, tx);
    byRef.set(tx.MaThamChieu, tx.MaGiaoDich);
    journal.append({ kind: 'tx', tx });
  };
  const saveOut = (o: Outgoing) => {
    outs.set(o.id, o);
    journal.append({ kind: 'out', out: o });
  };
  let next: NextPayment = {};
  let stopped = false;
  let baseUrl = '';
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  /** One copy, retried until MotCua answers 2xx or the delays run out. */
  async function deliverOnce(o: Outgoing): Promise<void> {
    for (let i = 0; !stopped; i++) {
      o.attempts += 1;
      try {
        const res = await fetch(o.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature': hmac(secret, canonicalJson(o.body)) },
          body: JSON.stringify(o.body),
          signal: AbortSignal.timeout(10_000),
        });
        if (res.ok) {
          o.delivered += 1;
          o.lastError = null;
          saveOut(o);
          return;
        }
        o.lastError = `HTTP ${res.status}`;
      } catch (e) {
        o.lastError = (e as Error).message;
      }
      saveOut(o);
      if (i >= delays.length) return;
      await sleep(delays[i]!);
    }
  }

  function send(o: Outgoing, copies: number): Promise<void> {
    const p = (async () => {
      for (let i = 0; i < copies && !stopped; i++) await deliverOnce(o);
    })();
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  }

  function notificationBody(tx: SimTransaction): Record<string, unknown> {
    const r = tx.request;
    const paid = tx.TrangThai === '1';
    return {
      MaThamChieu: tx.MaThamChieu,
      SoTien: paid ? tx.paidAmount : tx.SoTien,
      LoaiHinhThanhToan: r.LoaiHinhThanhToan ?? '1',
      MaKenhThanhToan: 'NTTTQG',
      TKThuHuong: r.TKThuHuong,
      MaNHThuHuong: r.MaNHThuHuong,
      TenTKThuHuong: r.TenTKThuHuong,
      LoaiPhiLePhi: r.LoaiPhiLePhi,
      MaPhiLePhi: r.MaPhiLePhi,
      TenPhiLePhi: r.TenPhiLePhi,
      MaDonVi: r.MaDonVi,
      MaThuTucDVCQG: r.MaThuTucDVCQG,
      HoTenNguoiNop: r.HoTenNguoiNop,
      ...(typeof r.SoCMNDNguoiNop === 'string' ? { SoCMNDNguoiNop: r.SoCMNDNguoiNop } : {}),
      TrangThai: tx.TrangThai,
      ThoiGianGD: tx.ThoiGianGD ?? platformTime(now()),
      MaGiaoDich: tx.MaGiaoDich,
      ...(tx.MaNganHang ? { MaNganHang: tx.MaNganHang } : {}),
      MaLoi: paid ? '00' : '24',
      ...(paid ? { DuongDanBienLai: `${baseUrl}/receipts/${tx.MaGiaoDich}` } : {}),
    };
  }

  /** Checks MotCua's signed request; answers 401 itself when the signature is wrong. */
  function signedOk(req: { method: string; url: string; headers: Record<string, unknown>; body?: unknown }): boolean {
    const ts = typeof req.headers['x-timestamp'] === 'string' ? req.headers['x-timestamp'] : '';
    const sig = typeof req.headers['x-signature'] === 'string' ? req.headers['x-signature'] : undefined;
    if (req.headers['x-merchant'] !== merchant || !ts) return false;
    const body = req.method === 'GET' || req.body === undefined ? '' : canonicalJson(req.body);
    return safeEqualHex(hmac(secret, `${req.method}\n${req.url}\n${ts}\n${body}`), sig);
  }
  const badSignature = { MaLoi: '97', MoTaLoi: 'Chữ ký không hợp lệ.' };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post<{ Body: Record<string, unknown> }>('/transactions', async (req, reply) => {
    if (!signedOk(req)) return reply.status(401).send(badSignature);
    const b = req.body ?? {};
    const missing = REQUIRED.filter((k) => typeof b[k] !== 'string' || !(b[k] as string).trim());
    const amount = Number(b.SoTien);
    if (missing.length || !Number.isSafeInteger(amount) || amount <= 0) {
      return reply.status(400).send({ MaLoi: '02', MoTaLoi: `Thiếu hoặc sai trường: ${[...missing, ...(Number.isSafeInteger(amount) && amount > 0 ? [] : ['SoTien'])].join(', ')}` });
    }
    const existing = byRef.get(b.MaThamChieu as string);
    if (existing) {
      const tx = txs.get(existing)!;
      if (tx.TrangThai === '0') return { MaLoi: '00', MaGiaoDich: tx.MaGiaoDich, DuongDanThanhToan: `${baseUrl}/pay/${tx.MaGiaoDich}` };
      return reply.status(409).send(tx.TrangThai === '1' ? { MaLoi: '03', MoTaLoi: 'Mã tham chiếu đã được thanh toán.' } : { MaLoi: '04', MoTaLoi: 'Mã tham chiếu đã kết thúc (huỷ hoặc lỗi).' });
    }
    const tx: SimTransaction = {
      MaGiaoDich: `GD${Date.now().toString(36).toUpperCase()}${crypto.randomBytes(4).toString('hex').toUpperCase()}`,
      MaThamChieu: b.MaThamChieu as string,
      SoTien: amount,
      paidAmount: null,
      TrangThai: '0',
      ThoiGianGD: null,
      MaNganHang: null,
      request: b,
      createdAt: now().toISOString(),
    };
    saveTx(tx);
    return { MaLoi: '00', MaGiaoDich: tx.MaGiaoDich, DuongDanThanhToan: `${baseUrl}/pay/${tx.MaGiaoDich}` };
  });

  app.get<{ Params: { ref: string } }>('/transactions/:ref', async (req, reply) => {
    if (!signedOk(req)) return reply.status(401).send(badSignature);
    const tx = txs.get(byRef.get(req.params.ref) ?? '');
    if (!tx) return reply.status(404).send({ MaLoi: '01', MoTaLoi: 'Không có giao dịch với mã tham chiếu này.' });
    return {
      MaGiaoDich: tx.MaGiaoDich,
      MaThamChieu: tx.MaThamChieu,
      SoTien: tx.paidAmount ?? tx.SoTien,
      TrangThai: tx.TrangThai,
      ThoiGianGD: tx.ThoiGianGD,
      DuongDanThanhToan: `${baseUrl}/pay/${tx.MaGiaoDich}`,
      DuongDanBienLai: tx.TrangThai === '1' ? `${baseUrl}/receipts/${tx.MaGiaoDich}` : null,
      MaNganHang: tx.MaNganHang,
    };
  });

  app.get<{ Querystring: { date?: string } }>('/statements', async (req, reply) => {
    if (!signedOk(req)) return reply.status(401).send(badSignature);
    const date = req.query.date ?? '';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return reply.status(400).send({ MaLoi: '02', MoTaLoi: 'Ngày đối soát có dạng YYYY-MM-DD.' });
    const day = date.replace(/-/g, '');
    const settled = [...txs.values()].filter((t) => t.TrangThai === '1' && t.ThoiGianGD?.startsWith(day));
    return {
      MaLoi: '00',
      NgayDoiSoat: date,
      GiaoDich: settled.map((t) => ({
        MaGiaoDich: t.MaGiaoDich,
        MaThamChieu: t.MaThamChieu,
        SoTien: t.paidAmount,
        ThoiGianGD: t.ThoiGianGD,
        MaDonVi: t.request.MaDonVi,
        MaNganHang: t.MaNganHang,
        TrangThai: t.TrangThai,
      })),
    };
  });

  app.get<{ Params: { id: string } }>('/pay/:id', async (req, reply) => {
    const tx = txs.get(req.params.id);
    reply.type('text/html; charset=utf-8');
    if (!tx) return reply.status(404).send(page('Không tìm thấy giao dịch', '<p>Không có giao dịch này.</p>'));
    if (tx.TrangThai !== '0') return page('Giao dịch đã kết thúc', `<p>Giao dịch ${esc(tx.MaGiaoDich)} đã ${tx.TrangThai === '1' ? 'được thanh toán' : 'bị huỷ'}.</p>`);
    const r = tx.request;
    return page(
      'Thanh toán phí, lệ phí',
      `<dl>
        <dt>Số tiền</dt><dd><strong>${esc(money(tx.SoTien))}</strong></dd>
        <dt>Nội dung</dt><dd>${esc(r.TenPhiLePhi)}</dd>
        <dt>Mã thủ tục</dt><dd>${esc(r.MaThuTucDVCQG)}</dd>
        <dt>Người nộp</dt><dd>${esc(r.HoTenNguoiNop)}</dd>
        <dt>Đơn vị thụ hưởng</dt><dd>${esc(r.TenTKThuHuong)} — ${esc(r.TKThuHuong)} (${esc(r.MaNHThuHuong)})</dd>
        <dt>Mã tham chiếu</dt><dd>${esc(tx.MaThamChieu)}</dd>
      </dl>
      <form method="post" action="/pay/${esc(tx.MaGiaoDich)}">
        <label>Ngân hàng <select name="bank"><option value="VCB">Vietcombank</option><option value="BIDV">BIDV</option><option value="CTG">VietinBank</option><option value="AGR">Agribank</option></select></label>
        <p><button type="submit" name="action" value="pay">Thanh toán</button>
        <button type="submit" name="action" value="cancel">Huỷ</button></p>
      </form>`,
    );
  });

  app.post<{ Params: { id: string }; Body: { action?: string; bank?: string } }>('/pay/:id', async (req, reply) => {
    const tx = txs.get(req.params.id);
    reply.type('text/html; charset=utf-8');
    if (!tx) return reply.status(404).send(page('Không tìm thấy giao dịch', '<p>Không có giao dịch này.</p>'));
    if (tx.TrangThai !== '0') return reply.status(409).send(page('Giao dịch đã kết thúc', '<p>Giao dịch này đã được xử lý.</p>'));
    const pay = req.body?.action === 'pay';
    const behaviour = pay ? next : {};
    if (pay) next = {};
    const updated: SimTransaction = {
      ...tx,
      TrangThai: pay ? '1' : '2',
      ThoiGianGD: platformTime(now()),
      MaNganHang: pay ? String(req.body?.bank ?? 'VCB').slice(0, 10) : null,
      paidAmount: pay ? (behaviour.amount ?? tx.SoTien) : null,
    };
    saveTx(updated);
    const out: Outgoing = {
      id: crypto.randomUUID(),
      MaGiaoDich: tx.MaGiaoDich,
      url: String(tx.request.DuongDanThongBao),
      body: notificationBody(updated),
      held: !!behaviour.hold,
      withheld: !!behaviour.withhold,
      copies: Math.max(1, Math.min(10, behaviour.duplicates ?? 1)),
      delivered: 0,
      attempts: 0,
      lastError: null,
    };
    saveOut(out);
    if (!out.held && !out.withheld) void send(out, out.copies);
    const back = new URL(String(tx.request.DuongDanQuayLai));
    back.searchParams.set('MaThamChieu', tx.MaThamChieu);
    back.searchParams.set('MaGiaoDich', tx.MaGiaoDich);
    back.searchParams.set('TrangThai', updated.TrangThai);
    return reply.redirect(back.toString(), 303);
  });

  app.get<{ Params: { id: string } }>('/receipts/:id', async (req, reply) => {
    const tx = txs.get(req.params.id);
    reply.type('text/html; charset=utf-8');
    if (!tx || tx.TrangThai !== '1') return reply.status(404).send(page('Không tìm thấy biên lai', '<p>Không có biên lai cho giao dịch này.</p>'));
    const r = tx.request;
    return page(
      'Biên lai thu phí, lệ phí điện tử',
      `<dl>
        <dt>Số biên lai (mã giao dịch)</dt><dd>${esc(tx.MaGiaoDich)}</dd>
        <dt>Mã tham chiếu</dt><dd>${esc(tx.MaThamChieu)}</dd>
        <dt>Người nộp</dt><dd>${esc(r.HoTenNguoiNop)}</dd>
        <dt>Nội dung</dt><dd>${esc(r.TenPhiLePhi)}</dd>
        <dt>Số tiền</dt><dd>${esc(money(tx.paidAmount ?? tx.SoTien))}</dd>
        <dt>Thời gian</dt><dd>${esc(tx.ThoiGianGD)}</dd>
        <dt>Ngân hàng</dt><dd>${esc(tx.MaNganHang)}</dd>
        <dt>Đơn vị thụ hưởng</dt><dd>${esc(r.TenTKThuHuong)}</dd>
      </dl>`,
    );
  });

  app.get('/_sim/transactions', async () => ({ transactions: [...txs.values()] }));
  app.get('/_sim/notifications', async () => ({ notifications: [...outs.values()] }));
  app.put<{ Body: NextPayment }>('/_sim/next-payment', async (req) => {
    next = sanitise(req.body ?? {});
    return { next };
  });
  app.post('/_sim/release', async () => ({ released: await release() }));
  app.post<{ Params: { id: string } }>('/_sim/resend/:id', async (req, reply) => {
    if (!txs.has(req.params.id)) return reply.status(404).send({ error: 'not_found' });
    await resend(req.params.id);
    return { resent: req.params.id };
  });

  async function release(): Promise<number> {
    const held = [...outs.values()].filter((o) => o.held);
    await Promise.all(
      held.map((o) => {
        o.held = false;
        saveOut(o);
        return send(o, o.copies);
      }),
    );
    return held.length;
  }

  async function resend(id: string): Promise<void> {
    const tx = txs.get(id)!;
    const o = [...outs.values()].find((x) => x.MaGiaoDich === id) ?? { id: crypto.randomUUID(), MaGiaoDich: id, url: String(tx.request.DuongDanThongBao), body: notificationBody(tx), held: false, withheld: false, copies: 1, delivered: 0, attempts: 0, lastError: null };
    await send(o, 1);
  }

  const running = await listen();
  baseUrl = running.url;
  // Notifications that were on their way when the simulator stopped go out again.
  for (const o of outs.values()) if (!o.held && !o.withheld && o.delivered < o.copies) void send(o, o.copies - o.delivered);
  return {
    ...running,
    transactions: () => [...txs.values()],
    notifications: () => [...outs.values()],
    nextPayment: (b) => {
      next = sanitise(b);
    },
    release,
    resend,
    idle: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    close: async () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...inFlight]);
      await running.close();
      journal.close();
    },
  };
}

function sanitise(b: NextPayment): NextPayment {
  return {
    ...(typeof b.duplicates === 'number' && b.duplicates >= 1 ? { duplicates: Math.floor(b.duplicates) } : {}),
    ...(b.hold ? { hold: true } : {}),
    ...(b.withhold ? { withhold: true } : {}),
    ...(typeof b.amount === 'number' && Number.isSafeInteger(b.amount) && b.amount > 0 ? { amount: b.amount } : {}),
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} — Nền tảng thanh toán (mô phỏng)</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}dt{font-weight:600;margin-top:.6rem}dd{margin:0}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.6rem}footer{margin-top:2rem;color:#6b7280;font-size:.85rem}</style></head>
<body><main><h1>${esc(title)}</h1>${body}</main><footer>Nền tảng thanh toán — bản mô phỏng cho thử nghiệm MotCua.</footer></body></html>`;
}
