// The platform's server-to-server notification that a transaction ended. Each one is recorded as received;
// a good one marks the payment paid and resumes the dossier (record_payment) in the same transaction. The
// platform repeats notifications until it hears "00", and may send them late: repeats change nothing, and
// money that arrives when MotCua can no longer apply it is flagged for reconciliation instead.
import type { Transaction } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { actAsSystem, type SystemActor } from '../../dossiers/service.js';
import { getDossierRow } from '../../dossiers/store.js';
import { PLATFORM_ERROR, PLATFORM_STATE, PlatformNotification, fromPlatformTime, notificationSignature, signatureMatches } from './protocol.js';

export const PAYMENT_PLATFORM: SystemActor = { source: 'payment_platform', name: { vi: 'Nền tảng thanh toán', en: 'Payment platform' } };

export type Outcome = 'applied' | 'duplicate' | 'late' | 'mismatch' | 'rejected';

export type NoticeDecision =
  | { outcome: 'duplicate'; reason: string }
  | { outcome: 'applied'; reason: string; paymentState: 'paid' | 'cancelled'; resumeDossier: boolean }
  | { outcome: 'late' | 'mismatch'; reason: string; flagged: boolean };

export interface NoticeFacts {
  notice: { paid: boolean; amount: number; transactionId: string };
  payment: { state: 'pending' | 'paid' | 'cancelled' | 'refunded'; amount: number; transactionId: string | null };
  fee: { paid: boolean; method: string | null };
  dossierStatus: string;
  /** An earlier notification with the same MaGiaoDich and TrangThai was accepted (any outcome but rejected). */
  seenBefore: boolean;
}

/** What a notification does, from the facts at hand. Pure. */
export function decideNotice(f: NoticeFacts): NoticeDecision {
  const { notice: n, payment: p } = f;
  if (f.seenBefore) return { outcome: 'duplicate', reason: 'same_transaction' };
  if (!n.paid) {
    if (p.state === 'pending' && (p.transactionId === null || p.transactionId === n.transactionId)) {
      return { outcome: 'applied', reason: 'failed_at_platform', paymentState: 'cancelled', resumeDossier: false };
    }
    return { outcome: 'late', reason: 'failure_after_close', flagged: false };
  }
  if (p.state === 'paid' && p.transactionId === n.transactionId) return { outcome: 'duplicate', reason: 'already_paid' };
  if (n.amount !== p.amount) return { outcome: 'mismatch', reason: 'amount', flagged: true };
  if (p.state === 'cancelled' || p.state === 'refunded') return { outcome: 'late', reason: `payment_${p.state}`, flagged: true };
  if (p.state === 'paid') return { outcome: 'late', reason: 'paid_twice', flagged: true };
  if (f.fee.paid) {
    // An official already recorded this online payment by hand: complete the request, the dossier has moved on.
    if (f.fee.method === 'online') return { outcome: 'applied', reason: 'recorded_by_official', paymentState: 'paid', resumeDossier: false };
    return { outcome: 'late', reason: 'paid_at_counter', flagged: true };
  }
  if (f.dossierStatus !== 'fee_requested') return { outcome: 'late', reason: `dossier_${f.dossierStatus}`, flagged: true };
  return { outcome: 'applied', reason: 'paid', paymentState: 'paid', resumeDossier: true };
}

export interface NotifyAnswer {
  status: 200 | 400 | 401 | 503;
  outcome: Outcome | null;
  body: { MaLoi: string; MoTaLoi: string };
}

const answer = (status: NotifyAnswer['status'], outcome: Outcome | null, MaLoi: string, MoTaLoi: string): NotifyAnswer => ({ status, outcome, body: { MaLoi, MoTaLoi } });

type Recorded = { paymentId?: number | null; raw: unknown; signatureOk: boolean; outcome: Outcome; reason: string | null; flagged?: boolean };

async function record(db: Transaction<DB> | AppContext['db'], r: Recorded, now: Date): Promise<void> {
  const obj = (r.raw && typeof r.raw === 'object' ? r.raw : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof obj[k] === 'string' || typeof obj[k] === 'number' ? String(obj[k]).slice(0, 100) : null);
  const amount = Number(obj.SoTien);
  await db
    .insertInto('payment_notifications')
    .values({
      payment_id: r.paymentId ?? null,
      reference: text('MaThamChieu'),
      transaction_id: text('MaGiaoDich'),
      amount: Number.isSafeInteger(amount) ? amount : null,
      platform_state: text('TrangThai'),
      raw: JSON.stringify(r.raw ?? null),
      signature_ok: r.signatureOk,
      received_at: now,
      outcome: r.outcome,
      reason: r.reason,
      flagged: r.flagged ?? false,
    })
    .execute();
}

/** Verifies, records and applies one notification. The answer is in the platform's shape. */
export async function handleNotification(ctx: AppContext, raw: unknown, signature: string | undefined): Promise<NotifyAnswer> {
  const cfg = ctx.config.integrations.payment;
  if (!cfg) return answer(503, null, PLATFORM_ERROR.unavailable, 'Thanh toán trực tuyến chưa được kết nối.');
  const now = ctx.clock.now();
  if (!signatureMatches(notificationSignature(cfg.secret, raw), signature)) {
    await record(ctx.db, { raw, signatureOk: false, outcome: 'rejected', reason: 'bad_signature' }, now);
    return answer(401, 'rejected', PLATFORM_ERROR.badSignature, 'Chữ ký không hợp lệ.');
  }
  const parsed = PlatformNotification.safeParse(raw);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    await record(ctx.db, { raw, signatureOk: true, outcome: 'rejected', reason: `malformed:${field}` }, now);
    return answer(400, 'rejected', PLATFORM_ERROR.badRequest, `Thông báo thiếu hoặc sai trường ${field}.`);
  }
  const n = parsed.data;
  return ctx.db.transaction().execute(async (tx) => {
    const found = await tx.selectFrom('payments').select(['id', 'dossier_id']).where('reference', '=', n.MaThamChieu).executeTakeFirst();
    if (!found) {
      await record(tx, { raw, signatureOk: true, outcome: 'mismatch', reason: 'unknown_reference', flagged: n.TrangThai === PLATFORM_STATE.paid }, now);
      return answer(200, 'mismatch', PLATFORM_ERROR.unknownReference, 'Không có mã tham chiếu này.');
    }
    // The dossier first, then its payment: the same order as a counter payment takes them.
    const dossier = await getDossierRow(tx, found.dossier_id, true);
    const payment = await tx.selectFrom('payments').selectAll().where('id', '=', found.id).forUpdate().executeTakeFirstOrThrow();
    const fee = await tx.selectFrom('dossier_fees').select(['paid_at', 'method']).where('id', '=', payment.fee_id).executeTakeFirstOrThrow();
    const seen = await tx
      .selectFrom('payment_notifications')
      .select('id')
      .where('transaction_id', '=', n.MaGiaoDich)
      .where('platform_state', '=', n.TrangThai)
      .where('outcome', '<>', 'rejected')
      .limit(1)
      .executeTakeFirst();
    const d = decideNotice({
      notice: { paid: n.TrangThai === PLATFORM_STATE.paid, amount: n.SoTien, transactionId: n.MaGiaoDich },
      payment: { state: payment.state, amount: payment.amount, transactionId: payment.platform_transaction_id },
      fee: { paid: fee.paid_at !== null, method: fee.method },
      dossierStatus: dossier.status,
      seenBefore: !!seen,
    });
    await record(tx, { paymentId: payment.id, raw, signatureOk: true, outcome: d.outcome, reason: d.reason, flagged: 'flagged' in d ? d.flagged : false }, now);
    if (d.outcome === 'duplicate') return answer(200, 'duplicate', PLATFORM_ERROR.ok, 'Đã nhận (thông báo lặp lại).');
    if (d.outcome === 'applied') {
      const paid = d.paymentState === 'paid';
      await tx
        .updateTable('payments')
        .set({
          state: d.paymentState,
          platform_transaction_id: n.MaGiaoDich,
          last_notification: JSON.stringify(raw),
          updated_at: now,
          ...(paid ? { paid_at: fromPlatformTime(n.ThoiGianGD) ?? now, receipt_url: n.DuongDanBienLai ?? null, bank_code: n.MaNganHang ?? null } : {}),
        })
        .where('id', '=', payment.id)
        .execute();
      if (d.resumeDossier) await actAsSystem(ctx, tx, dossier.id, 'record_payment', { method: 'online', receiptNo: n.MaGiaoDich }, PAYMENT_PLATFORM);
    }
    await appendAudit(tx, {
      chain: chainForUnit(dossier.unit_id),
      at: now,
      actorId: null,
      actorRole: `system:${PAYMENT_PLATFORM.source}`,
      action: `payment.${d.outcome}`,
      entity: 'dossier',
      entityId: dossier.code,
      details: { reference: n.MaThamChieu, transaction: n.MaGiaoDich, amount: n.SoTien, platformState: n.TrangThai, reason: d.reason },
    });
    return answer(200, d.outcome, PLATFORM_ERROR.ok, d.outcome === 'applied' ? 'Đã ghi nhận.' : 'Đã nhận; chuyển đối soát.');
  });
}
