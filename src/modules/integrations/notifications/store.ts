// SQL of the notifications: the facts of an event (dossier, history entry), the record of each message sent, and
// the units' own templates.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { AppContext } from '../../../context.js';
import type { OutboxEvent } from '../../outbox/types.js';
import { DEFAULT_TEMPLATES, type Channel, type Facts, type NotificationEvent, type ResultDelivery, type Template } from './templates.js';

export interface EventFacts {
  dossierId: number;
  unitId: number;
  email: string | null;
  phone: string | null;
  facts: Facts;
}

const asDate = (v: unknown): Date | null => {
  if (v instanceof Date) return v;
  if (typeof v !== 'string' || !v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * What the message about `event` must say, as it was when the action happened: the due date and the reasons come
 * from the event and its history entry (the one written with it, same action and time), not from the dossier now.
 */
export async function loadEventFacts(ctx: AppContext, event: OutboxEvent, kind: NotificationEvent): Promise<EventFacts | null> {
  if (event.dossierId === null) return null;
  const row = await ctx.db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .select(['d.id', 'd.code', 'd.unit_id', 'd.applicant_name', 'd.applicant_email', 'd.applicant_phone', 'd.received_at', 'd.due_at', 'd.result_delivery', 'd.is_practice', 'v.name as procedure_name'])
    .where('d.id', '=', event.dossierId)
    .executeTakeFirst();
  if (!row || row.is_practice) return null;
  const p = event.payload;
  const action = typeof p.action === 'string' ? p.action : '';
  const at = asDate(p.at) ?? event.createdAt;
  const history =
    (await ctx.db
      .selectFrom('dossier_history')
      .select(['note', 'details'])
      .where('dossier_id', '=', row.id)
      .where('action', '=', action)
      .where('at', '=', at)
      .orderBy('seq', 'desc')
      .executeTakeFirst()) ??
    // An event written by other code with a slightly different time: the latest entry of that action.
    (await ctx.db.selectFrom('dossier_history').select(['note', 'details']).where('dossier_id', '=', row.id).where('action', '=', action).orderBy('seq', 'desc').executeTakeFirst());
  const details = (history?.details ?? {}) as Record<string, unknown>;
  await ctx.units.ready();
  const missing = Array.isArray(details.missing)
    ? (details.missing as Array<{ name?: unknown; requirement?: unknown }>).map((m) => ({
        name: typeof m.name === 'string' ? m.name : '',
        requirement: typeof m.requirement === 'string' && m.requirement ? m.requirement : null,
      }))
    : [];
  const eventDue = 'dueAt' in p ? asDate(p.dueAt) : asDate(row.due_at);
  return {
    dossierId: row.id,
    unitId: row.unit_id,
    email: row.applicant_email,
    phone: row.applicant_phone,
    facts: {
      code: typeof p.code === 'string' ? p.code : row.code,
      procedureName: row.procedure_name,
      unitName: ctx.units.byId(row.unit_id)?.name ?? '',
      applicantName: row.applicant_name,
      at,
      receivedAt: kind === 'received' ? at : asDate(row.received_at),
      dueAt: kind === 'extended' ? (asDate(details.newDueAt) ?? eventDue) : eventDue,
      previousDueAt: asDate(details.previousDueAt),
      reason: (typeof details.reason === 'string' ? details.reason : null) ?? history?.note ?? null,
      missing,
      amount: typeof details.amount === 'number' ? details.amount : null,
      feeDescription: kind === 'fee_requested' ? (history?.note ?? null) : null,
      resultDelivery: row.result_delivery as ResultDelivery,
      publicBaseUrl: ctx.config.publicBaseUrl,
      onlinePayment: ctx.config.integrations.payment !== null,
    },
  };
}

/** The unit's own template, or its province's, or the default. */
export async function templateFor(ctx: AppContext, unitId: number, event: NotificationEvent, channel: Channel): Promise<Template> {
  await ctx.units.ready();
  const chain: number[] = [];
  for (let u = ctx.units.byId(unitId); u && !chain.includes(u.id); u = u.parentId ? ctx.units.byId(u.parentId) : undefined) chain.push(u.id);
  if (!chain.length) chain.push(unitId);
  const found = await ctx.db
    .selectFrom('notification_templates')
    .select(['unit_id', 'subject', 'body'])
    .where('unit_id', 'in', chain)
    .where('event', '=', event)
    .where('channel', '=', channel)
    .execute();
  const nearest = chain.map((id) => found.find((f) => f.unit_id === id)).find((f) => f !== undefined);
  return nearest ? { subject: nearest.subject, body: nearest.body } : DEFAULT_TEMPLATES[event][channel];
}

export type NotificationRow = Awaited<ReturnType<typeof notificationsOfEvent>>[number];

export function notificationsOfEvent(db: Kysely<DB>, eventId: number) {
  return db.selectFrom('notifications').selectAll().where('event_id', '=', eventId).execute();
}

/**
 * Records the message as 'sending' (committed on its own, before anything leaves) and returns the row; when the
 * event already has a row for this channel, returns that one untouched.
 */
export async function claimNotification(
  db: Kysely<DB>,
  n: { dossierId: number; eventId: number; event: NotificationEvent; channel: Channel; recipient: string; subject: string | null; body: string; now: Date },
): Promise<NotificationRow> {
  const inserted = await db
    .insertInto('notifications')
    .values({
      dossier_id: n.dossierId,
      event_id: n.eventId,
      event: n.event,
      channel: n.channel,
      recipient: n.recipient,
      subject: n.subject,
      body: n.body,
      state: 'sending',
      created_at: n.now,
    })
    .onConflict((oc) => oc.columns(['event_id', 'channel']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ?? db.selectFrom('notifications').selectAll().where('event_id', '=', n.eventId).where('channel', '=', n.channel).executeTakeFirstOrThrow();
}

export async function markSent(db: Kysely<DB>, id: number, providerMessageId: string, now: Date): Promise<void> {
  await db.updateTable('notifications').set({ state: 'sent', provider_message_id: providerMessageId, sent_at: now, error: null }).where('id', '=', id).execute();
}

export async function markFailed(db: Kysely<DB>, id: number, error: string): Promise<void> {
  await db.updateTable('notifications').set({ state: 'failed', error }).where('id', '=', id).where('state', '=', 'sending').execute();
}

/** A temporary failure: the row stays 'sending' (the dispatcher retries) and shows why it is late. */
export async function noteTemporaryError(db: Kysely<DB>, id: number, error: string): Promise<void> {
  await db.updateTable('notifications').set({ error }).where('id', '=', id).where('state', '=', 'sending').execute();
}

export function notificationsOfDossier(db: Kysely<DB>, dossierId: number) {
  return db.selectFrom('notifications').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();
}

export function templateOverrides(db: Kysely<DB>, unitId: number) {
  return db
    .selectFrom('notification_templates as t')
    .leftJoin('accounts as a', 'a.id', 't.updated_by')
    .select(['t.event', 't.channel', 't.subject', 't.body', 't.updated_at', 'a.full_name as updated_by_name'])
    .where('t.unit_id', '=', unitId)
    .execute();
}

export async function saveTemplate(
  db: Kysely<DB>,
  t: { unitId: number; event: NotificationEvent; channel: Channel; subject: string | null; body: string; accountId: number; now: Date },
): Promise<void> {
  await db
    .insertInto('notification_templates')
    .values({ unit_id: t.unitId, event: t.event, channel: t.channel, subject: t.subject, body: t.body, updated_by: t.accountId, updated_at: t.now })
    .onConflict((oc) => oc.columns(['unit_id', 'event', 'channel']).doUpdateSet({ subject: t.subject, body: t.body, updated_by: t.accountId, updated_at: t.now }))
    .execute();
}

export async function deleteTemplate(db: Kysely<DB>, unitId: number, event: NotificationEvent, channel: Channel): Promise<boolean> {
  const r = await db.deleteFrom('notification_templates').where('unit_id', '=', unitId).where('event', '=', event).where('channel', '=', channel).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
