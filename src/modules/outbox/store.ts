// What admins see of the outbox and what they can do: the backlog per subscriber, the failing and failed
// deliveries with their reasons, each attempt, and re-sending.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface SubscriberSummary {
  subscriber: string;
  /** Waiting to be sent (including those held behind an earlier event of the same dossier). */
  pending: number;
  /** Pending that already failed at least once: the receiver is down or slow. */
  failing: number;
  /** Parked after a refusal: waiting for an admin. */
  failed: number;
  deliveredLastDay: number;
  oldestPendingAt: Date | null;
  lastDeliveredAt: Date | null;
}

export async function outboxSummary(db: Kysely<DB>, now: Date, unitIds?: number[]): Promise<SubscriberSummary[]> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  let q = db
    .selectFrom('deliveries as d')
    .innerJoin('outbox as o', 'o.id', 'd.event_id')
    .select([
      'd.subscriber',
      sql<number>`count(*) filter (where d.state = 'pending')::int`.as('pending'),
      sql<number>`count(*) filter (where d.state = 'pending' and d.attempts > 0)::int`.as('failing'),
      sql<number>`count(*) filter (where d.state = 'failed')::int`.as('failed'),
      sql<number>`count(*) filter (where d.state = 'delivered' and d.delivered_at >= ${dayAgo})::int`.as('delivered_last_day'),
      sql<Date | null>`min(o.created_at) filter (where d.state <> 'delivered')`.as('oldest_pending_at'),
      sql<Date | null>`max(d.delivered_at)`.as('last_delivered_at'),
    ])
    .groupBy('d.subscriber')
    .orderBy('d.subscriber');
  if (unitIds) q = q.where((eb) => eb.exists(eb.selectFrom('dossiers').select('dossiers.id').whereRef('dossiers.id', '=', 'o.dossier_id').where('dossiers.unit_id', 'in', unitIds.length ? unitIds : [-1])));
  const rows = await q.execute();
  return rows.map((r) => ({
    subscriber: r.subscriber,
    pending: r.pending,
    failing: r.failing,
    failed: r.failed,
    deliveredLastDay: r.delivered_last_day,
    oldestPendingAt: r.oldest_pending_at ? new Date(r.oldest_pending_at) : null,
    lastDeliveredAt: r.last_delivered_at ? new Date(r.last_delivered_at) : null,
  }));
}

/** Events committed but not routed yet: normally zero within a second. */
export async function unroutedCount(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('outbox').select(sql<number>`count(*)::int`.as('n')).where('routed_at', 'is', null).executeTakeFirstOrThrow();
  return r.n;
}

export interface DeliveryFilter {
  state?: 'pending' | 'failing' | 'failed' | 'delivered';
  subscriber?: string;
  dossierCode?: string;
  unitIds?: number[];
  limit?: number;
  beforeId?: number;
}

export interface DeliveryView {
  id: number;
  subscriber: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  eventId: number;
  topic: string;
  action: string | null;
  status: string | null;
  dossierId: number | null;
  dossierCode: string | null;
  createdAt: Date;
}

export async function listDeliveries(db: Kysely<DB>, f: DeliveryFilter): Promise<DeliveryView[]> {
  let q = db
    .selectFrom('deliveries as d')
    .innerJoin('outbox as o', 'o.id', 'd.event_id')
    .leftJoin('dossiers as x', 'x.id', 'o.dossier_id')
    .select([
      'd.id',
      'd.subscriber',
      'd.state',
      'd.attempts',
      'd.last_error',
      'd.next_attempt_at',
      'd.delivered_at',
      'd.event_id',
      'o.topic',
      'o.payload',
      'o.dossier_id',
      'x.code',
      'o.created_at',
    ])
    .orderBy('d.id', 'desc')
    .limit(Math.min(f.limit ?? 100, 500));
  if (f.state === 'failing') q = q.where('d.state', '=', 'pending').where('d.attempts', '>', 0);
  else if (f.state) q = q.where('d.state', '=', f.state);
  if (f.subscriber) q = q.where('d.subscriber', '=', f.subscriber);
  if (f.dossierCode) q = q.where('x.code', '=', f.dossierCode);
  if (f.beforeId) q = q.where('d.id', '<', f.beforeId);
  if (f.unitIds) q = q.where('x.unit_id', 'in', f.unitIds.length ? f.unitIds : [-1]);
  const rows = await q.execute();
  return rows.map((r) => {
    const p = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;
    return {
      id: Number(r.id),
      subscriber: r.subscriber,
      state: r.state,
      attempts: r.attempts,
      lastError: r.last_error,
      nextAttemptAt: r.next_attempt_at,
      deliveredAt: r.delivered_at,
      eventId: Number(r.event_id),
      topic: r.topic,
      action: typeof p.action === 'string' ? p.action : null,
      status: typeof p.status === 'string' ? p.status : null,
      dossierId: r.dossier_id === null ? null : Number(r.dossier_id),
      dossierCode: r.code,
      createdAt: r.created_at,
    };
  });
}

export async function deliveryAttempts(db: Kysely<DB>, deliveryId: number) {
  return db.selectFrom('delivery_attempts').select(['at', 'ok', 'error', 'duration_ms']).where('delivery_id', '=', deliveryId).orderBy('id').execute();
}

/** The dossier a delivery is about (for unit checks), or undefined when there is no such delivery. */
export async function findDeliveryUnit(db: Kysely<DB>, deliveryId: number): Promise<{ unitId: number | null } | undefined> {
  const r = await db
    .selectFrom('deliveries as d')
    .innerJoin('outbox as o', 'o.id', 'd.event_id')
    .leftJoin('dossiers as x', 'x.id', 'o.dossier_id')
    .select('x.unit_id')
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  return r ? { unitId: r.unit_id } : undefined;
}

/** Sends a failed delivery again, or a failing one now instead of after its backoff. False if already delivered or unknown. */
export async function resendDelivery(db: Kysely<DB>, deliveryId: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('deliveries')
    .set({ state: 'pending', next_attempt_at: now, leased_until: null })
    .where('id', '=', deliveryId)
    .where('state', '<>', 'delivered')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Re-sends every failed delivery (of one subscriber, or all). Returns how many. */
export async function resendFailed(db: Kysely<DB>, f: { subscriber?: string; unitIds?: number[] }, now: Date): Promise<number> {
  let q = db.updateTable('deliveries').set({ state: 'pending', next_attempt_at: now, leased_until: null }).where('state', '=', 'failed');
  if (f.subscriber) q = q.where('subscriber', '=', f.subscriber);
  if (f.unitIds) {
    const ids = f.unitIds.length ? f.unitIds : [-1];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('outbox')
          .innerJoin('dossiers', 'dossiers.id', 'outbox.dossier_id')
          .select('outbox.id')
          .whereRef('outbox.id', '=', 'deliveries.event_id')
          .where('dossiers.unit_id', 'in', ids),
      ),
    );
  }
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
