// Paying a dossier's fee online: the citizen opens a transaction on the payment platform from the tracking page,
// and officials and citizens read where the payment stands. The platform is called outside any database
// transaction; what it answers is written afterwards in a short one.
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DB, DossierRow } from '../../../db/schema.js';
import { AppError, conflict, domainRule, forbidden, notFound } from '../../../errors.js';
import { isoVn } from '../../../http/time.js';
import type { Actor } from '../../people/actor.js';
import { canRead } from '../../dossiers/access.js';
import { findDossierRow, getDossierRow } from '../../dossiers/store.js';
import { ownedDossier, Verify } from '../../portal/service.js';
import { PaymentPlatformClient } from './client.js';
import { findPaymentAccount } from './fee-lines.js';
import { FEE_KIND_CODE, PAYMENT_TYPE_PROCEDURE_FEE, PLATFORM_ERROR } from './protocol.js';
import { newReference } from './requests.js';

type Db = AppContext['db'] | Transaction<DB>;

export const PayOnline = z.object({ verify: Verify });
export const ReceiptRequest = z.object({ verify: Verify });

export function platformClient(ctx: AppContext): PaymentPlatformClient | null {
  const cfg = ctx.config.integrations.payment;
  return cfg ? new PaymentPlatformClient(cfg, () => ctx.clock.now()) : null;
}

const notConnected = () =>
  domainRule({
    vi: 'Thanh toán trực tuyến chưa được kết nối. Vui lòng nộp phí, lệ phí tại Bộ phận Một cửa.',
    en: 'Online payment is not connected. Please pay the fee at the one-stop desk.',
  });

async function feeLines(db: Db, feeId: number) {
  const rows = await db.selectFrom('dossier_fee_lines').select(['code', 'name', 'kind', 'amount']).where('fee_id', '=', feeId).orderBy('position').execute();
  return rows;
}

async function latestFee(db: Db, dossierId: number) {
  return db.selectFrom('dossier_fees').selectAll().where('dossier_id', '=', dossierId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The open request for the fee, or a new one when the last was abandoned or failed at the platform. */
async function openRequestFor(tx: Transaction<DB>, dossierId: number, fee: { id: number; amount: number }, now: Date) {
  const pending = await tx.selectFrom('payments').selectAll().where('fee_id', '=', fee.id).where('state', '=', 'pending').forUpdate().executeTakeFirst();
  if (pending) return pending;
  return tx
    .insertInto('payments')
    .values({ dossier_id: dossierId, fee_id: fee.id, reference: newReference(now), amount: fee.amount, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * The citizen asks to pay online: proof that the dossier is theirs, then a transaction on the platform for the
 * open request. Returns the platform's payment page. A request the platform closed is replaced by a new one.
 */
export async function startOnlinePayment(ctx: AppContext, code: string, verify: z.infer<typeof Verify>) {
  const client = platformClient(ctx);
  if (!client) throw notConnected();
  const now = ctx.clock.now();
  const prepare = (replaceId?: number) =>
    ctx.db.transaction().execute(async (tx) => {
      const row = await ownedDossier(tx, code, verify);
      if (row.status !== 'fee_requested') {
        throw new AppError('illegal_action', { vi: 'Hồ sơ không ở trạng thái chờ nộp phí, lệ phí.', en: 'The dossier is not waiting for a fee.' }, { allowed: [] });
      }
      const fee = await latestFee(tx, row.id);
      if (!fee || fee.paid_at || fee.amount <= 0) throw domainRule({ vi: 'Hồ sơ không có khoản phí nào cần nộp.', en: 'The dossier has no fee to pay.' });
      const account = await findPaymentAccount(tx, row.unit_id);
      if (!account) {
        throw domainRule({
          vi: 'Đơn vị chưa khai báo tài khoản thụ hưởng để nhận thanh toán trực tuyến. Vui lòng nộp phí tại Bộ phận Một cửa.',
          en: 'The unit has not set up its beneficiary account for online payment. Please pay at the one-stop desk.',
        });
      }
      if (replaceId) await tx.updateTable('payments').set({ state: 'cancelled', updated_at: now }).where('id', '=', replaceId).where('state', '=', 'pending').execute();
      const payment = await openRequestFor(tx, row.id, fee, now);
      const lines = await feeLines(tx, fee.id);
      const procedure = await tx.selectFrom('procedures').select('code').where('id', '=', row.procedure_id).executeTakeFirstOrThrow();
      return { row, fee, payment, account, lines, procedureCode: procedure.code };
    });

  let p = await prepare();
  for (let attempt = 0; ; attempt++) {
    const kinds = new Set(p.lines.map((l) => l.kind));
    const result = await client.createTransaction({
      MaThamChieu: p.payment.reference,
      SoTien: p.payment.amount,
      LoaiHinhThanhToan: PAYMENT_TYPE_PROCEDURE_FEE,
      MaDonVi: p.account.platform_unit,
      TKThuHuong: p.account.account_no,
      MaNHThuHuong: p.account.bank_code,
      TenTKThuHuong: p.account.account_name,
      LoaiPhiLePhi: kinds.size === 1 ? FEE_KIND_CODE[[...kinds][0]!] : FEE_KIND_CODE.mixed,
      MaPhiLePhi: p.lines.length ? p.lines.map((l) => l.code).join(';') : 'PLP',
      TenPhiLePhi: p.lines.length ? p.lines.map((l) => l.name).join('; ') : p.fee.description,
      MaThuTucDVCQG: p.procedureCode,
      HoTenNguoiNop: p.row.applicant_name,
      SoCMNDNguoiNop: p.row.applicant_id_number ?? undefined,
      DuongDanQuayLai: `${ctx.config.publicBaseUrl}/tra-cuu/${encodeURIComponent(p.row.code)}`,
      DuongDanThongBao: `${ctx.config.publicBaseUrl}/api/public/payments/notify`,
    });
    if (!('refused' in result)) {
      await ctx.db
        .updateTable('payments')
        .set({ platform_transaction_id: result.MaGiaoDich, payment_url: result.paymentUrl, updated_at: now })
        .where('id', '=', p.payment.id)
        .where('state', '=', 'pending')
        .execute();
      return { reference: p.payment.reference, amount: p.payment.amount, transactionId: result.MaGiaoDich, paymentUrl: result.paymentUrl };
    }
    if (result.code === PLATFORM_ERROR.referencePaid) {
      throw conflict({
        vi: 'Khoản phí này đã được thanh toán trên nền tảng; hệ thống đang chờ xác nhận. Vui lòng tải lại trang sau ít phút.',
        en: 'This fee has already been paid on the platform; MotCua is waiting for its confirmation. Reload the page in a few minutes.',
      });
    }
    if (result.code !== PLATFORM_ERROR.referenceClosed || attempt > 0) {
      throw domainRule({ vi: `Nền tảng thanh toán từ chối giao dịch: ${result.refused}`, en: `The payment platform refused the transaction: ${result.refused}` });
    }
    // The platform closed that reference (the citizen cancelled it there): open a new request and try once more.
    p = await prepare(p.payment.id);
  }
}

function paymentStateOf(fee: { paid_at: Date | null; method: string | null }, payment: { state: string; platform_transaction_id: string | null } | undefined) {
  if (fee.paid_at) return 'paid' as const;
  if (payment?.state === 'pending' && payment.platform_transaction_id) return 'in_progress' as const;
  return 'due' as const;
}

/**
 * What anyone with the dossier code sees: the amount, the lines, whether it is paid. The receipt link only
 * for whoever comes back from the platform with the transaction's id (or proves the dossier is theirs).
 */
export async function publicPaymentView(ctx: AppContext, code: string, transactionId: string | undefined) {
  const row = await findDossierRow(ctx.db, code);
  if (!row || row.is_practice) throw notFound({ vi: `hồ sơ mã ${code}`, en: `dossier ${code}` });
  const fee = await latestFee(ctx.db, row.id);
  if (!fee) return { fee: null, state: 'none' as const, onlineAvailable: false, paidOnline: false, receiptUrl: null };
  const [lines, payment, account] = await Promise.all([
    feeLines(ctx.db, fee.id),
    ctx.db.selectFrom('payments').selectAll().where('fee_id', '=', fee.id).orderBy('id', 'desc').limit(1).executeTakeFirst(),
    findPaymentAccount(ctx.db, row.unit_id),
  ]);
  const state = paymentStateOf(fee, payment);
  const ownsReturn = !!transactionId && payment?.state === 'paid' && payment.platform_transaction_id === transactionId;
  return {
    fee: { amount: fee.amount, description: fee.description, requestedAt: isoVn(fee.requested_at), paidAt: isoVn(fee.paid_at), method: fee.method, lines },
    state,
    onlineAvailable: state !== 'paid' && row.status === 'fee_requested' && fee.amount > 0 && !!ctx.config.integrations.payment && !!account,
    paidOnline: payment?.state === 'paid',
    receiptUrl: ownsReturn ? payment!.receipt_url : null,
  };
}

/** The e-receipt link of the dossier's online payment, for its applicant. */
export async function publicReceipt(ctx: AppContext, code: string, verify: z.infer<typeof Verify>) {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await ownedDossier(tx, code, verify);
    const paid = await tx.selectFrom('payments').selectAll().where('dossier_id', '=', row.id).where('state', '=', 'paid').orderBy('paid_at', 'desc').limit(1).executeTakeFirst();
    if (!paid) throw notFound({ vi: 'khoản thanh toán trực tuyến của hồ sơ', en: "the dossier's online payment" });
    return { reference: paid.reference, transactionId: paid.platform_transaction_id, amount: paid.amount, paidAt: isoVn(paid.paid_at), receiptUrl: paid.receipt_url };
  });
}

/** Everything about the dossier's fees for officials: lines, each payment request, each notification received. */
export async function dossierPayments(ctx: AppContext, actor: Actor, ref: number | string) {
  await ctx.units.ready();
  const row: DossierRow = await getDossierRow(ctx.db, ref);
  if (!canRead(actor, row, ctx.units)) throw forbidden({ vi: 'Hồ sơ không thuộc đơn vị của bạn.', en: 'This dossier is not in your unit.' });
  const [fees, payments, account] = await Promise.all([
    ctx.db.selectFrom('dossier_fees').selectAll().where('dossier_id', '=', row.id).orderBy('id').execute(),
    ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', row.id).orderBy('id').execute(),
    findPaymentAccount(ctx.db, row.unit_id),
  ]);
  const lines = fees.length
    ? await ctx.db.selectFrom('dossier_fee_lines').selectAll().where('fee_id', 'in', fees.map((f) => f.id)).orderBy('fee_id').orderBy('position').execute()
    : [];
  const notices = payments.length
    ? await ctx.db
        .selectFrom('payment_notifications')
        .select(['id', 'payment_id', 'transaction_id', 'amount', 'platform_state', 'received_at', 'outcome', 'reason', 'flagged'])
        .where('payment_id', 'in', payments.map((p) => p.id))
        .orderBy('id')
        .execute()
    : [];
  return {
    code: row.code,
    online: { connected: !!ctx.config.integrations.payment, accountSet: !!account },
    fees: fees.map((f) => ({
      id: f.id,
      amount: f.amount,
      description: f.description,
      requestedAt: isoVn(f.requested_at),
      paidAt: isoVn(f.paid_at),
      method: f.method,
      receiptNo: f.receipt_no,
      lines: lines.filter((l) => l.fee_id === f.id).map((l) => ({ code: l.code, name: l.name, kind: l.kind, amount: l.amount })),
    })),
    payments: payments.map((p) => ({
      id: p.id,
      feeId: p.fee_id,
      reference: p.reference,
      amount: p.amount,
      state: p.state,
      transactionId: p.platform_transaction_id,
      paidAt: isoVn(p.paid_at),
      receiptUrl: p.receipt_url,
      bankCode: p.bank_code,
      createdAt: isoVn(p.created_at),
      notifications: notices
        .filter((n) => n.payment_id === p.id)
        .map((n) => ({ id: n.id, transactionId: n.transaction_id, amount: n.amount, platformState: n.platform_state, receivedAt: isoVn(n.received_at), outcome: n.outcome, reason: n.reason, flagged: n.flagged })),
    })),
  };
}
