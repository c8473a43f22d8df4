// Tells the applicant, by e-mail and SMS, what happened to their dossier: received, supplement or fee needed, result
// ready, apology with a new date, invitation to rate. An outbox subscriber: it sends at least once per event and
// channel, and never twice for a row already marked sent. Recipients and texts never go to logs or thrown errors.
import type { AppContext } from '../../../context.js';
import type { DeliveryAttempt, OutboxEvent, Subscriber, SubscriberFactory } from '../../outbox/types.js';
import { createMailer, isPermanentRefusal, type Mailer } from './mailer.js';
import { createSmsClient, nationalNumber, SmsRefused, type SmsClient } from './sms-client.js';
import { claimNotification, loadEventFacts, markFailed, markSent, noteTemporaryError, notificationsOfEvent, templateFor, type NotificationRow } from './store.js';
import { eventForAction, render, type Channel, type NotificationEvent } from './templates.js';

export const SUBSCRIBER_NAME = 'notifications';
const TOPIC = 'dossier.status_changed';

function notificationEventOf(event: OutboxEvent): NotificationEvent | null {
  if (event.topic !== TOPIC || event.dossierId === null || event.payload.practice === true) return null;
  const p = event.payload;
  return eventForAction(String(p.action ?? ''), String(p.status ?? ''), typeof p.fromStatus === 'string' ? p.fromStatus : null);
}

/** The subscriber, or null when neither SMTP nor SMS is configured. */
export const notificationsSubscriberFactory: SubscriberFactory = (ctx) => createNotificationsSubscriber(ctx);

export function createNotificationsSubscriber(ctx: AppContext, parts: { mailer?: Mailer; sms?: SmsClient } = {}): Subscriber | null {
  const { smtp, sms } = ctx.config.integrations;
  if (!smtp && !sms) return null;
  const mailer = parts.mailer ?? (smtp ? createMailer(smtp) : null);
  const smsClient = parts.sms ?? (sms ? createSmsClient(sms) : null);
  const mailDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(smtp?.from ?? '')?.[1] ?? 'motcua.local';
  const channels: Channel[] = [...(mailer ? (['email'] as const) : []), ...(smsClient ? (['sms'] as const) : [])];

  async function sendOne(row: NotificationRow, attempt: DeliveryAttempt): Promise<void> {
    const key = attempt.idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '-');
    try {
      const sent =
        row.channel === 'email'
          ? await mailer!.send({ to: row.recipient, subject: row.subject ?? '', text: row.body, messageId: `<${key}.email@${mailDomain}>` }, attempt.signal)
          : await smsClient!.send({ to: row.recipient, text: row.body, idempotencyKey: `${key}.sms` }, attempt.signal);
      await markSent(ctx.db, row.id, sent.messageId, ctx.clock.now());
    } catch (e) {
      if (e instanceof SmsRefused) return markFailed(ctx.db, row.id, `${e.reason.vi} | ${e.reason.en}`);
      const reason = redact(e instanceof Error ? e.message : String(e));
      if (isPermanentRefusal(e)) return markFailed(ctx.db, row.id, `Máy chủ thư từ chối thư: ${reason} | The mail server refused the message: ${reason}`);
      await noteTemporaryError(ctx.db, row.id, reason);
      throw new Error(`${row.channel}: ${reason}`);
    }
  }

  return {
    name: SUBSCRIBER_NAME,
    wants: (event) => notificationEventOf(event) !== null,
    async deliver(event, attempt) {
      const kind = notificationEventOf(event);
      if (!kind) return;
      const existing = await notificationsOfEvent(ctx.db, event.id);
      const done = (c: Channel) => existing.some((r) => r.channel === c && r.state !== 'sending');
      if (channels.every(done)) return;
      const loaded = await loadEventFacts(ctx, event, kind);
      if (!loaded) return;
      const failures: string[] = [];
      for (const channel of channels) {
        if (done(channel)) continue;
        let row = existing.find((r) => r.channel === channel);
        if (!row) {
          // No address for a channel: nothing is sent and nothing is recorded for it.
          const recipient = channel === 'email' ? loaded.email?.trim() : loaded.phone ? nationalNumber(loaded.phone) : null;
          if (!recipient) continue;
          const template = await templateFor(ctx, loaded.unitId, kind, channel);
          const text = render(kind, channel, template, loaded.facts);
          row = await claimNotification(ctx.db, { dossierId: loaded.dossierId, eventId: event.id, event: kind, channel, recipient, subject: text.subject, body: text.body, now: ctx.clock.now() });
          if (row.state !== 'sending') continue;
        }
        // A row found 'sending' was left by a crash or a failed try: it goes again, with the same Message-ID / key.
        try {
          await sendOne(row, attempt);
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
      if (failures.length) throw new Error(`Notification not sent, will retry: ${failures.join('; ')}`);
    },
  };
}

/** Removes what could be personal data from an error text (addresses, phone numbers) before it is stored or thrown. */
export function redact(text: string): string {
  return text
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[email]')
    .replace(/(?<![\d.])(?:\+?84|0)\d{8,10}(?![\d])/g, '[phone]')
    .slice(0, 500);
}
