// Admin view of the outbox: the backlog and failures per connected system, each delivery's attempts and
// reasons, and re-sending. A system admin sees everything; a centre admin sees the deliveries about their
// unit's dossiers (events without a dossier, such as catalogue sync, are the system admin's).
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { forbidden, notFound } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import { isoVn } from '../../http/time.js';
import { unitsWithRole, type Actor } from '../people/actor.js';
import { deliveryAttempts, findDeliveryUnit, listDeliveries, outboxSummary, resendDelivery, resendFailed, unroutedCount } from './store.js';

const TAGS = ['outbox'];

const Summary = z.object({
  unrouted: z.number().int(),
  subscribers: z.array(
    z.object({
      subscriber: z.string(),
      pending: z.number().int(),
      failing: z.number().int(),
      failed: z.number().int(),
      deliveredLastDay: z.number().int(),
      oldestPendingAt: z.string().nullable(),
      lastDeliveredAt: z.string().nullable(),
    }),
  ),
});

const Delivery = z.object({
  id: z.number().int(),
  subscriber: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  deliveredAt: z.string().nullable(),
  eventId: z.number().int(),
  topic: z.string(),
  action: z.string().nullable(),
  status: z.string().nullable(),
  dossierId: z.number().int().nullable(),
  dossierCode: z.string().nullable(),
  createdAt: z.string(),
});

const ListQuery = z.object({
  state: z.enum(['pending', 'failing', 'failed', 'delivered']).optional(),
  subscriber: z.string().max(60).optional(),
  dossierCode: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeId: z.coerce.number().int().positive().optional(),
});

const IdParams = z.object({ id: z.coerce.number().int().positive() });

/** null: every unit (system admin); otherwise the units whose dossiers' deliveries the actor may see. */
function scope(actor: Actor, ctx: AppContext): number[] | null {
  if (actor.grants.some((g) => g.role === 'system_admin')) return null;
  const units = unitsWithRole(actor, ['centre_admin'], ctx.units);
  if (units.length === 0) throw forbidden({ vi: 'Chỉ quản trị viên xem được hàng đợi gửi đi.', en: 'Only administrators can see the outbox.' });
  return units;
}

export function outboxRoutes(app: App, ctx: AppContext): void {
  app.get('/api/admin/outbox', {
    schema: { tags: TAGS, summary: 'Tồn đọng và lỗi gửi tới các hệ thống kết nối (Outbox backlog and failures)', response: { 200: Summary } },
    handler: async (req) => {
      const units = scope(requireActor(req), ctx);
      const rows = await outboxSummary(ctx.db, ctx.clock.now(), units ?? undefined);
      return {
        unrouted: units === null ? await unroutedCount(ctx.db) : 0,
        subscribers: rows.map((r) => ({ ...r, oldestPendingAt: isoVn(r.oldestPendingAt), lastDeliveredAt: isoVn(r.lastDeliveredAt) })),
      };
    },
  });

  app.get('/api/admin/outbox/deliveries', {
    schema: { tags: TAGS, summary: 'Các lần gửi (Deliveries), newest first', querystring: ListQuery, response: { 200: z.object({ deliveries: z.array(Delivery) }) } },
    handler: async (req) => {
      const units = scope(requireActor(req), ctx);
      const rows = await listDeliveries(ctx.db, { ...req.query, ...(units ? { unitIds: units } : {}) });
      return {
        deliveries: rows.map((r) => ({
          ...r,
          nextAttemptAt: isoVn(r.nextAttemptAt)!,
          deliveredAt: isoVn(r.deliveredAt),
          createdAt: isoVn(r.createdAt)!,
        })),
      };
    },
  });

  app.get('/api/admin/outbox/deliveries/:id/attempts', {
    schema: {
      tags: TAGS,
      summary: 'Các lần thử của một lần gửi (Attempts of one delivery)',
      params: IdParams,
      response: { 200: z.object({ attempts: z.array(z.object({ at: z.string(), ok: z.boolean(), error: z.string().nullable(), durationMs: z.number().int() })) }) },
    },
    handler: async (req) => {
      await checkDelivery(requireActor(req), req.params.id);
      const rows = await deliveryAttempts(ctx.db, req.params.id);
      return { attempts: rows.map((a) => ({ at: isoVn(a.at)!, ok: a.ok, error: a.error, durationMs: a.duration_ms })) };
    },
  });

  app.post('/api/admin/outbox/deliveries/:id/resend', {
    schema: { tags: TAGS, summary: 'Gửi lại ngay (Re-send now)', params: IdParams, response: { 200: z.object({ resent: z.boolean() }) } },
    handler: async (req) => {
      await checkDelivery(requireActor(req), req.params.id);
      return { resent: await resendDelivery(ctx.db, req.params.id, ctx.clock.now()) };
    },
  });

  app.post('/api/admin/outbox/resend-failed', {
    schema: {
      tags: TAGS,
      summary: 'Gửi lại mọi lần gửi bị từ chối (Re-send every failed delivery)',
      body: z.object({ subscriber: z.string().max(60).optional() }),
      response: { 200: z.object({ resent: z.number().int() }) },
    },
    handler: async (req) => {
      const units = scope(requireActor(req), ctx);
      return { resent: await resendFailed(ctx.db, { ...(req.body.subscriber ? { subscriber: req.body.subscriber } : {}), ...(units ? { unitIds: units } : {}) }, ctx.clock.now()) };
    },
  });

  async function checkDelivery(actor: Actor, id: number): Promise<void> {
    const units = scope(actor, ctx);
    const d = await findDeliveryUnit(ctx.db, id);
    if (!d) throw notFound({ vi: `lần gửi ${id}`, en: `delivery ${id}` });
    if (units !== null && (d.unitId === null || !units.includes(d.unitId))) {
      throw forbidden({ vi: 'Lần gửi này không thuộc đơn vị của bạn.', en: 'This delivery is not about your unit.' });
    }
  }
}
