// What a subscriber of the outbox is: a name, which events it wants, and how it delivers one. The dispatcher
// (dispatcher.ts) owns ordering, retries, backoff and the record of attempts; a subscriber only sends.
import type { AppContext } from '../../context.js';

export interface OutboxEvent {
  id: number;
  topic: string;
  dossierId: number | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface DeliveryAttempt {
  deliveryId: number;
  /** Stable across retries of this delivery: `<instance id>.<event id>.<subscriber>`. Receivers dedupe on it. */
  idempotencyKey: string;
  /** 1 for the first try. */
  attempt: number;
  /** Aborted when the dispatcher's time for one delivery runs out or the dispatcher stops. */
  signal: AbortSignal;
}

export interface Subscriber {
  /** Lower-case, stable: it is stored on every delivery row. */
  readonly name: string;
  /** Decided on the event alone, once, when the event is routed. */
  wants(event: OutboxEvent): boolean;
  /**
   * Resolves when the receiver has the event. Throwing retries later with backoff; throwing
   * PermanentDeliveryError parks the delivery as failed until an admin re-sends it (e.g. the receiver refused
   * a field: sending the same thing again would fail the same way).
   */
  deliver(event: OutboxEvent, attempt: DeliveryAttempt): Promise<void>;
}

/** A refusal that retrying cannot fix. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** Builds a module's subscriber for this context, or null when the module's connection is not configured. */
export type SubscriberFactory = (ctx: AppContext) => Subscriber | null;
