// The outbox subscriber 'national_portal': tells the national portal about every dossier and each of its status
// changes. The first event of a dossier sends the whole dossier (DongBoHoSoMC) with the event's status; each
// later one sends the status (CapNhatTrangThai, even when the national code stays the same: the portal keeps
// the sequence) and who acted (the progress entry, CapNhatTienDoHoSoMC). What the portal has is recorded in
// national_portal_sync after it said OK.
import { sql } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { Subscriber, SubscriberFactory, OutboxEvent, DeliveryAttempt } from '../../outbox/types.js';
import { PermanentDeliveryError } from '../../outbox/types.js';
import { clientFor, type NationalPortalClient } from './client.js';
import { dossierSyncFields, progressFields, statusFields, type StatusChange } from './fields.js';
import { loadHandlingStep, loadSnapshot } from './snapshot.js';

export const SUBSCRIBER_NAME = 'national_portal';

export function wantsEvent(event: OutboxEvent): boolean {
  return (
    event.topic === 'dossier.status_changed' &&
    event.payload.practice !== true &&
    // A dossier another MotCua transferred to us is the origin's: it syncs the dossier, we do not sync a copy.
    event.payload.source !== 'federation' &&
    event.dossierId !== null
  );
}

/** The status change an event announces; a malformed payload is a bug upstream, so it parks the delivery. */
export function changeOf(event: OutboxEvent): StatusChange & { action: string; status: string } {
  const p = event.payload;
  const nationalStatus = Number(p.nationalStatus);
  const at = new Date(String(p.at));
  if (!Number.isInteger(nationalStatus) || nationalStatus < 1 || nationalStatus > 10 || Number.isNaN(at.getTime())) {
    throw new PermanentDeliveryError(`event ${event.id}: payload without a valid nationalStatus and at`);
  }
  const dueAt = typeof p.dueAt === 'string' ? new Date(p.dueAt) : null;
  return { nationalStatus, at, dueAt, action: String(p.action ?? ''), status: String(p.status ?? '') };
}

export function nationalPortalSubscriber(ctx: AppContext, client: NationalPortalClient): Subscriber {
  return {
    name: SUBSCRIBER_NAME,
    wants: wantsEvent,
    async deliver(event: OutboxEvent, attempt: DeliveryAttempt): Promise<void> {
      const change = changeOf(event);
      const dossierId = event.dossierId!;
      const synced = await ctx.db.selectFrom('national_portal_sync').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
      const snapshot = await loadSnapshot(ctx, dossierId);
      const firstTime = !synced;
      if (firstTime) {
        await client.syncDossier(dossierSyncFields(snapshot, change), attempt.idempotencyKey, attempt.signal);
      } else {
        await client.updateStatus(statusFields(snapshot, change), attempt.idempotencyKey, attempt.signal);
      }
      const step = await loadHandlingStep(ctx, dossierId, change);
      if (step) await client.updateProgress(progressFields(snapshot.code, step, change), `${attempt.idempotencyKey}.progress`, attempt.signal);

      const now = ctx.clock.now();
      await ctx.db
        .insertInto('national_portal_sync')
        .values({ dossier_id: dossierId, first_synced_at: now, last_synced_at: now, last_national_status: change.nationalStatus, last_event_id: event.id })
        .onConflict((oc) =>
          oc.column('dossier_id').doUpdateSet({
            last_synced_at: sql`greatest(national_portal_sync.last_synced_at, excluded.last_synced_at)`,
            last_national_status: sql`case when excluded.last_event_id >= national_portal_sync.last_event_id then excluded.last_national_status else national_portal_sync.last_national_status end`,
            last_event_id: sql`greatest(national_portal_sync.last_event_id, excluded.last_event_id)`,
          }),
        )
        .execute();
    },
  };
}

export const nationalPortalSubscriberFactory: SubscriberFactory = (ctx) => {
  const config = ctx.config.integrations.nationalPortal;
  return config ? nationalPortalSubscriber(ctx, clientFor(config)) : null;
};
