// HTTP routes of fees and payments: the unit's fee lines and beneficiary account (admins), a dossier's payments
// (officials), paying online from the tracking page (citizens, public), and the daily reconciliation.
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { badInput, notFound } from '../../../errors.js';
import { bi } from '../../../http/errors.js';
import { requireActor } from '../../../http/auth.js';
import { isoVn } from '../../../http/time.js';
import { requireGrant, type Actor } from '../../people/actor.js';
import { DOSSIER_READERS, type Role } from '../../people/roles.js';
import { getVersionAt } from '../../catalogue/store.js';
import { FeeLinesInput, PaymentAccountInput, catalogueDefaultLines, findPaymentAccount, listFeeLines, replaceFeeLines, savePaymentAccount } from './fee-lines.js';
import { PayOnline, ReceiptRequest, dossierPayments, platformClient, publicPaymentView, publicReceipt, startOnlinePayment } from './service.js';
import { loadReconciliation, reconcile, statementLines } from './reconciliation.js';
import { vnDay } from './protocol.js';

const ADMINS: readonly Role[] = ['centre_admin', 'system_admin'];
const RECONCILERS: readonly Role[] = ['centre_admin', 'receiving_officer'];
const limited = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const UnitCode = z.string().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 hoặc 5 chữ số', 'A unit code has 2 or 5 digits'));
const Code = z.object({ code: z.string().trim().min(10).max(60) });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bi('Ngày có dạng YYYY-MM-DD', 'A date looks like YYYY-MM-DD'));

/** The commune named by `code`, or the actor's only unit for `roles` when none is named. */
function unitFor(ctx: AppContext, actor: Actor, code: string | undefined, roles: readonly Role[]) {
  const units = [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.unitId))];
  const u = code ? ctx.units.byCode(code) : units.length === 1 ? ctx.units.byId(units[0]!) : undefined;
  if (!u) {
    throw code
      ? badInput('unit', { vi: `Không có đơn vị mã ${code}.`, en: `No unit with code ${code}.` })
      : badInput('unit', { vi: 'Cần chọn đơn vị (tham số unit).', en: 'Choose the unit (parameter unit).' });
  }
  requireGrant(actor, roles, u.id, ctx.units);
  // Fees, accounts and statements belong to the commune that receives the dossiers, not to the province.
  if (u.kind === 'province') throw badInput('unit', { vi: 'Chọn một xã, phường (mã 5 chữ số).', en: 'Choose a commune or ward (5-digit code).' });
  return u;
}

async function feeLinesView(ctx: AppContext, procedureCode: string, unit: { id: number; code: string; name: string }) {
  const version = await getVersionAt(ctx.db, procedureCode, ctx.clock.now());
  const saved = await listFeeLines(ctx.db, unit.id, version.procedureId);
  const defaults = catalogueDefaultLines(version.name, version.channels).map((l) => ({ ...l, active: true, updatedAt: null }));
  const catalogueFee = version.channels.find((c) => c.fee.amount !== null)?.fee ?? null;
  return {
    unit: { code: unit.code, name: unit.name },
    procedure: { code: version.code, name: version.name },
    source: saved.length ? ('unit' as const) : defaults.length ? ('catalogue' as const) : ('none' as const),
    lines: saved.length ? saved : defaults,
    catalogueFee,
    procedureId: version.procedureId,
  };
}

export function paymentRoutes(app: App, ctx: AppContext): void {
  app.get('/api/procedures/:code/fee-lines', {
    schema: {
      tags: ['payments'],
      summary: 'Các khoản phí, lệ phí của thủ tục tại đơn vị (Fee lines of a procedure at a unit; the catalogue\'s fee when the unit has set none)',
      params: z.object({ code: z.string().trim().min(1).max(40) }),
      querystring: z.object({ unit: UnitCode.optional() }),
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const unit = unitFor(ctx, actor, req.query.unit, DOSSIER_READERS);
      const { procedureId: _p, ...view } = await feeLinesView(ctx, req.params.code, unit);
      return view;
    },
  });

  app.put('/api/procedures/:code/fee-lines', {
    schema: {
      tags: ['payments'],
      summary: 'Đặt các khoản phí, lệ phí của thủ tục tại đơn vị (Set the unit\'s fee lines for a procedure; replaces them all)',
      params: z.object({ code: z.string().trim().min(1).max(40) }),
      querystring: z.object({ unit: UnitCode.optional() }),
      body: FeeLinesInput,
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const unit = unitFor(ctx, actor, req.query.unit, ADMINS);
      const role = requireGrant(actor, ADMINS, unit.id, ctx.units).role;
      const version = await getVersionAt(ctx.db, req.params.code, ctx.clock.now());
      await ctx.db.transaction().execute((tx) =>
        replaceFeeLines(tx, { unitId: unit.id, procedureId: version.procedureId, procedureCode: version.code, lines: req.body.lines, actorId: actor.accountId, actorRole: role, now: ctx.clock.now() }),
      );
      const { procedureId: _p, ...view } = await feeLinesView(ctx, req.params.code, unit);
      return view;
    },
  });

  app.get('/api/payments/accounts/:unit', {
    schema: { tags: ['payments'], summary: 'Tài khoản thụ hưởng của đơn vị (The unit\'s beneficiary account at the payment platform)', params: z.object({ unit: UnitCode }) },
    handler: async (req) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const unit = unitFor(ctx, actor, req.params.unit, ADMINS);
      const a = await findPaymentAccount(ctx.db, unit.id);
      return {
        unit: { code: unit.code, name: unit.name },
        account: a ? { platformUnit: a.platform_unit, accountNo: a.account_no, bankCode: a.bank_code, accountName: a.account_name, updatedAt: isoVn(a.updated_at) } : null,
        connected: !!ctx.config.integrations.payment,
      };
    },
  });

  app.put('/api/payments/accounts/:unit', {
    schema: { tags: ['payments'], summary: 'Đặt tài khoản thụ hưởng của đơn vị (Set the unit\'s beneficiary account)', params: z.object({ unit: UnitCode }), body: PaymentAccountInput },
    handler: async (req) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const unit = unitFor(ctx, actor, req.params.unit, ADMINS);
      const role = requireGrant(actor, ADMINS, unit.id, ctx.units).role;
      await ctx.db.transaction().execute((tx) => savePaymentAccount(tx, { unitId: unit.id, input: req.body, actorId: actor.accountId, actorRole: role, now: ctx.clock.now() }));
      return { unit: { code: unit.code, name: unit.name }, account: req.body };
    },
  });

  app.get('/api/dossiers/:ref/payments', {
    schema: { tags: ['payments'], summary: 'Phí, lệ phí và thanh toán của hồ sơ (A dossier\'s fees, payment requests and platform notifications)', params: z.object({ ref: z.string().min(1).max(60) }) },
    handler: async (req) => dossierPayments(ctx, requireActor(req), /^\d+$/.test(req.params.ref) ? Number(req.params.ref) : req.params.ref),
  });

  app.get('/api/payments/reconciliation', {
    schema: {
      tags: ['payments'],
      summary: 'Đối soát thanh toán trong ngày (Reconcile a day: the platform\'s statement against the payments recorded)',
      querystring: z.object({ unit: UnitCode.optional(), date: Day.optional() }),
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const unit = unitFor(ctx, actor, req.query.unit, RECONCILERS);
      const client = platformClient(ctx);
      if (!client) throw notFound({ vi: 'kết nối nền tảng thanh toán (chưa cấu hình)', en: 'payment platform connection (not configured)' });
      const date = req.query.date ?? isoVn(ctx.clock.now()).slice(0, 10);
      const day = vnDay(date);
      const statement = statementLines(await client.statement(date));
      const input = await loadReconciliation(ctx.db, ctx.units.covered(unit.id), day, statement);
      const report = reconcile(input.statement, input.recorded, input.notices, day);
      return { unit: { code: unit.code, name: unit.name }, date, ...withIsoDates(report) };
    },
  });

  app.get('/api/public/dossiers/:code/payment', {
    schema: {
      tags: ['public'],
      summary: 'Phí, lệ phí của hồ sơ (A dossier\'s fee: amount, lines, whether it is paid — no personal data)',
      description: 'With `transaction` = the MaGiaoDich the platform returned to the citizen\'s browser, the answer includes the e-receipt link.',
      params: Code,
      querystring: z.object({ transaction: z.string().max(100).optional() }),
    },
    handler: async (req) => publicPaymentView(ctx, req.params.code, req.query.transaction),
  });

  app.post('/api/public/dossiers/:code/payments', {
    config: limited(10),
    schema: {
      tags: ['public'],
      summary: 'Thanh toán trực tuyến (Pay the dossier\'s fee online: returns the payment platform\'s page)',
      description: 'The applicant proves the dossier is theirs with the personal ID number or phone given at submission.',
      params: Code,
      body: PayOnline,
    },
    handler: async (req, reply) => reply.status(201).send(await startOnlinePayment(ctx, req.params.code, req.body.verify)),
  });

  app.post('/api/public/dossiers/:code/payment/receipt', {
    config: limited(10),
    schema: { tags: ['public'], summary: 'Biên lai điện tử (The e-receipt link of the dossier\'s online payment, for its applicant)', params: Code, body: ReceiptRequest },
    handler: async (req) => publicReceipt(ctx, req.params.code, req.body.verify),
  });
}

/** Dates of the report as Vietnam-time ISO strings, like every other date the API returns. */
function withIsoDates<T>(value: T): T {
  if (value instanceof Date) return isoVn(value) as T;
  if (Array.isArray(value)) return value.map(withIsoDates) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIsoDates(v)])) as T;
  return value;
}
