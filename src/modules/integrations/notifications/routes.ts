// HTTP routes of the notifications: the messages sent about a dossier (read like the dossier itself, recipients
// masked for those who may not see personal data), and each unit's templates with a preview.
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { AppError, badInput, forbidden, notFound, type Msg } from '../../../errors.js';
import { requireActor } from '../../../http/auth.js';
import { isoVn } from '../../../http/time.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { canRead, maskPhone, seesPersonalData } from '../../dossiers/access.js';
import { findDossierRow } from '../../dossiers/store.js';
import type { Actor } from '../../people/actor.js';
import { findGrant, unitsWithRole } from '../../people/actor.js';
import type { Role } from '../../people/roles.js';
import { deleteTemplate, notificationsOfDossier, saveTemplate, templateOverrides } from './store.js';
import {
  CHANNEL_NAMES,
  CHANNELS,
  checkTemplate,
  DEFAULT_TEMPLATES,
  EVENT_NAMES,
  EVENT_PLACEHOLDERS,
  EVENTS,
  PLACEHOLDERS,
  problemMessage,
  render,
  sampleFacts,
  type Channel,
  type NotificationEvent,
} from './templates.js';

const TEMPLATE_ADMINS: readonly Role[] = ['centre_admin', 'system_admin'];
const MsgOut = z.object({ vi: z.string(), en: z.string() });
const UnitCode = z.string().regex(/^\d{2}(\d{3})?$/);

const NotificationOut = z.object({
  id: z.number(),
  event: z.enum(EVENTS),
  eventName: MsgOut,
  channel: z.enum(CHANNELS),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  state: z.enum(['sending', 'sent', 'failed']),
  error: MsgOut.nullable(),
  providerMessageId: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

const TemplateBody = z.object({
  subject: z.string().max(1000).nullable().optional(),
  body: z.string().max(20_000),
});

const TemplateParams = z.object({ unit: UnitCode, event: z.enum(EVENTS), channel: z.enum(CHANNELS) });

/** "a@b.vn" → "a***@b.vn": who sent what stays readable, the address does not. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at > 0 ? `${email.charAt(0)}***${email.slice(at)}` : '***';
}

/** Stored as "vi | en" (see subscriber.ts); older or foreign texts are shown as they are in both languages. */
function errorMsg(text: string | null): Msg | null {
  if (!text) return null;
  const i = text.indexOf(' | ');
  return i > 0 ? { vi: text.slice(0, i), en: text.slice(i + 3) } : { vi: text, en: text };
}

export function notificationRoutes(app: App, ctx: AppContext): void {
  app.get('/api/dossiers/:ref/notifications', {
    schema: {
      tags: ['dossiers'],
      summary: 'Thông báo đã gửi cho người nộp (E-mails and SMS sent to the applicant about a dossier)',
      description: 'Same read access as the dossier. Recipients are masked for roles that may not see personal data.',
      params: z.object({ ref: z.string().min(1).max(60) }),
      response: { 200: z.object({ notifications: z.array(NotificationOut) }) },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const ref = req.params.ref;
      const row = await findDossierRow(ctx.db, /^\d+$/.test(ref) ? Number(ref) : ref);
      if (!row) throw notFound({ vi: `hồ sơ ${ref}`, en: `dossier ${ref}` });
      if (!canRead(actor, row, ctx.units)) throw forbidden({ vi: 'Hồ sơ không thuộc đơn vị của bạn.', en: 'This dossier is not in your unit.' });
      const personal = seesPersonalData(actor, row, ctx.units);
      const rows = await notificationsOfDossier(ctx.db, row.id);
      return {
        notifications: rows.map((n) => ({
          id: n.id,
          event: n.event,
          eventName: EVENT_NAMES[n.event],
          channel: n.channel,
          recipient: personal ? n.recipient : n.channel === 'email' ? maskEmail(n.recipient) : (maskPhone(n.recipient) ?? ''),
          subject: n.subject,
          body: n.body,
          state: n.state,
          error: errorMsg(n.error),
          providerMessageId: n.provider_message_id,
          createdAt: isoVn(n.created_at),
          sentAt: isoVn(n.sent_at),
        })),
      };
    },
  });

  /** The unit whose templates are asked for: the one named, or the only one the actor administers. */
  const adminUnit = async (actor: Actor, code: string | undefined) => {
    await ctx.units.ready();
    if (code) {
      const unit = ctx.units.byCode(code);
      if (!unit) throw badInput('unit', { vi: `Không có đơn vị mã ${code}.`, en: `No unit with code ${code}.` });
      if (!findGrant(actor, TEMPLATE_ADMINS, unit.id, ctx.units)) {
        throw forbidden({ vi: `Chỉ quản trị của ${unit.name} mới sửa được mẫu thông báo của đơn vị.`, en: `Only the administrators of ${unit.name} can change its notification templates.` });
      }
      return unit;
    }
    const own = actor.grants.filter((g) => TEMPLATE_ADMINS.includes(g.role));
    const unit = own.length === 1 ? ctx.units.byId(own[0]!.unitId) : undefined;
    if (!own.length) throw forbidden({ vi: 'Cần vai trò quản trị trung tâm hoặc quản trị hệ thống.', en: 'This needs the centre admin or system admin role.' });
    if (!unit) throw badInput('unit', { vi: 'Cần chọn đơn vị (mã đơn vị).', en: 'Choose the unit (its code).' });
    return unit;
  };

  const checkOrThrow = (event: NotificationEvent, channel: Channel, subject: string | null, body: string) => {
    const problems = checkTemplate(event, channel, { subject, body });
    const first = problems[0];
    if (first) {
      const field = first.kind === 'unexpected_subject' ? 'subject' : first.part;
      throw new AppError('bad_input', problemMessage(event, first), { field, details: { problems } });
    }
  };

  app.get('/api/notification-templates', {
    schema: {
      tags: ['notifications'],
      summary: 'Mẫu thông báo của đơn vị (A unit\'s notification templates: defaults, its own wording, placeholders)',
      querystring: z.object({ unit: UnitCode.optional() }),
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const unit = await adminUnit(actor, req.query.unit);
      const overrides = await templateOverrides(ctx.db, unit.id);
      return {
        unit: { code: unit.code, name: unit.name },
        units: unitsWithRole(actor, TEMPLATE_ADMINS, ctx.units)
          .map((id) => ctx.units.byId(id)!)
          // A province's templates apply to its communes that have none of their own.
          .filter((u) => !u.mergedIntoId)
          .map((u) => ({ code: u.code, name: u.name }))
          .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
        events: EVENTS.map((event) => ({
          event,
          name: EVENT_NAMES[event],
          placeholders: EVENT_PLACEHOLDERS[event].map((p) => ({ name: p, description: PLACEHOLDERS[p].description })),
          channels: CHANNELS.map((channel) => {
            const o = overrides.find((x) => x.event === event && x.channel === channel);
            return {
              channel,
              name: CHANNEL_NAMES[channel],
              default: DEFAULT_TEMPLATES[event][channel],
              override: o ? { subject: o.subject, body: o.body, updatedAt: isoVn(o.updated_at), updatedBy: o.updated_by_name } : null,
            };
          }),
        })),
      };
    },
  });

  app.put('/api/notification-templates/:unit/:event/:channel', {
    schema: {
      tags: ['notifications'],
      summary: 'Lưu mẫu thông báo riêng của đơn vị (Save a unit\'s own wording of a notification)',
      description: 'An unknown placeholder is refused with 400 naming it. Centre admins of the unit and system admins.',
      params: TemplateParams,
      body: TemplateBody,
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { event, channel } = req.params;
      const unit = await adminUnit(actor, req.params.unit);
      const subject = channel === 'email' ? (req.body.subject ?? '').trim() : (req.body.subject ?? null);
      checkOrThrow(event, channel, subject, req.body.body);
      const now = ctx.clock.now();
      await ctx.db.transaction().execute(async (tx) => {
        await saveTemplate(tx, { unitId: unit.id, event, channel, subject: channel === 'email' ? subject : null, body: req.body.body, accountId: actor.accountId, now });
        await appendAudit(tx, { chain: chainForUnit(unit.id), at: now, actorId: actor.accountId, actorRole: null, action: 'notification_template.save', entity: 'notification_template', entityId: `${unit.code}/${event}/${channel}` });
      });
      return { ok: true };
    },
  });

  app.delete('/api/notification-templates/:unit/:event/:channel', {
    schema: { tags: ['notifications'], summary: 'Trở về mẫu mặc định (Back to the default wording)', params: TemplateParams },
    handler: async (req) => {
      const actor = requireActor(req);
      const { event, channel } = req.params;
      const unit = await adminUnit(actor, req.params.unit);
      const now = ctx.clock.now();
      const removed = await ctx.db.transaction().execute(async (tx) => {
        const r = await deleteTemplate(tx, unit.id, event, channel);
        if (r) await appendAudit(tx, { chain: chainForUnit(unit.id), at: now, actorId: actor.accountId, actorRole: null, action: 'notification_template.reset', entity: 'notification_template', entityId: `${unit.code}/${event}/${channel}` });
        return r;
      });
      return { ok: true, removed };
    },
  });

  app.post('/api/notification-templates/preview', {
    schema: {
      tags: ['notifications'],
      summary: 'Xem trước mẫu thông báo với dữ liệu mẫu (Preview a template with example data)',
      body: TemplateBody.extend({ unit: UnitCode.optional(), event: z.enum(EVENTS), channel: z.enum(CHANNELS) }),
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { event, channel } = req.body;
      const unit = await adminUnit(actor, req.body.unit);
      const subject = channel === 'email' ? (req.body.subject ?? '').trim() : (req.body.subject ?? null);
      checkOrThrow(event, channel, subject, req.body.body);
      const facts = sampleFacts(ctx.config.publicBaseUrl, unit.name, ctx.clock.now());
      const out = render(event, channel, { subject, body: req.body.body }, facts);
      return { subject: out.subject, body: out.body, length: out.body.length };
    },
  });
}
