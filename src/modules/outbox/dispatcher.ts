// The outbox dispatcher: routes each committed event to the subscribers that want it, then delivers, at least
// once, in event order per ordering key (one dossier's events never overtake each other at one receiver),
// with exponential backoff. Every try is recorded. A crash between a receiver's "OK" and our record of it
// sends that delivery again with the same idempotency key; the receiver's dedupe makes that harmless.
//
// Several dispatchers may run against one PostgreSQL (two app processes): routing is serialised by an advisory
// lock, and a delivery is leased before it is sent, so no two dispatchers send the same one at the same time.
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { instanceId } from './instance.js';
import { PermanentDeliveryError, type OutboxEvent, type Subscriber } from './types.js';

export interface DispatcherOptions {
  /** Deliveries leased per round. */
  batchSize?: number;
  /** Deliveries sent at the same time (they always have different ordering keys). */
  concurrency?: number;
  /** How long a dispatcher may hold a delivery before another may take it over (a crashed one never returns). */
  leaseMs?: number;
  /** Time allowed for one delivery. */
  timeoutMs?: number;
  /** Wait before try n+1 after n failures. */
  backoffMs?: (failures: number) => number;
  /** After this many failures a delivery is parked as failed; by default a transient failure is retried forever. */
  maxAttempts?: number;
}

export interface RoundResult {
  routed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

const ROUTING_LOCK = 7_240_001; // arbitrary, constant: "the outbox router" across processes
const ROUTE_BATCH = 500;

/** 2 s, 4 s, 8 s … capped at 15 min, with ±20 % jitter so that many failing deliveries do not retry in step. */
export function defaultBackoff(failures: number, random: () => number = Math.random): number {
  const base = Math.min(2000 * 2 ** Math.max(0, failures - 1), 15 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class Dispatcher {
  private readonly options: Required<Omit<DispatcherOptions, 'maxAttempts'>> & { maxAttempts: number };
  private readonly byName: Map<string, Subscriber>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly ctx: AppContext,
    subscribers: Subscriber[],
    options: DispatcherOptions = {},
  ) {
    this.byName = new Map(subscribers.map((s) => [s.name, s]));
    this.options = {
      batchSize: options.batchSize ?? 50,
      concurrency: options.concurrency ?? 8,
      leaseMs: options.leaseMs ?? 120_000,
      timeoutMs: options.timeoutMs ?? 30_000,
      backoffMs: options.backoffMs ?? ((n) => defaultBackoff(n)),
      maxAttempts: options.maxAttempts ?? Number.POSITIVE_INFINITY,
    };
  }

  get subscribers(): Subscriber[] {
    return [...this.byName.values()];
  }

  /** Makes the deliveries for events not routed yet. Returns the number of events routed. */
  async route(): Promise<number> {
    const subscribers = this.subscribers;
    const db = this.ctx.db;
    const now = this.ctx.clock.now();
    return db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${ROUTING_LOCK})`.execute(tx);
      const events = await tx
        .selectFrom('outbox')
        .select(['id', 'topic', 'dossier_id', 'payload', 'created_at'])
        .where('routed_at', 'is', null)
        .orderBy('id')
        .limit(ROUTE_BATCH)
        .execute();
      if (events.length === 0) return 0;
      const rows = events.flatMap((e) => {
        const event = toEvent(e);
        return subscribers
          .filter((s) => s.wants(event))
          .map((s) => ({
            event_id: e.id,
            subscriber: s.name,
            ordering_key: e.dossier_id === null ? null : `dossier:${e.dossier_id}`,
            next_attempt_at: now,
          }));
      });
      for (let i = 0; i < rows.length; i += 1000) {
        await tx
          .insertInto('deliveries')
          .values(rows.slice(i, i + 1000))
          .onConflict((oc) => oc.columns(['event_id', 'subscriber']).doNothing())
          .execute();
      }
      await tx
        .updateTable('outbox')
        .set({ routed_at: now })
        .where(
          'id',
          'in',
          events.map((e) => e.id),
        )
        .execute();
      return events.length;
    });
  }

  /** Sends the deliveries that are due, one per ordering key. */
  async deliverDue(): Promise<Omit<RoundResult, 'routed'>> {
    const result = { delivered: 0, retrying: 0, failed: 0 };
    const names = [...this.byName.keys()];
    if (names.length === 0) return result;
    const leased = await this.lease(names);
    let next = 0;
    const worker = async () => {
      while (next < leased.length && !this.stopping.signal.aborted) {
        const d = leased[next++]!;
        const outcome = await this.deliverOne(d);
        result[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, leased.length) }, worker));
    return result;
  }

  /** One routing pass and one delivery pass. */
  async runOnce(): Promise<RoundResult> {
    const routed = await this.route();
    const delivered = await this.deliverDue();
    return { routed, ...delivered };
  }

  /** Polls every `intervalMs` until `stop()`. A round that finds work starts the next one at once. */
  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    const tick = async () => {
      this.timer = null;
      let busy = false;
      try {
        this.running = this.runOnce();
        const r = (await this.running) as RoundResult;
        busy = r.routed + r.delivered + r.retrying + r.failed > 0;
      } catch {
        // A database hiccup: try again next tick. (Errors of a receiver are recorded per delivery.)
      } finally {
        this.running = null;
      }
      if (!this.stopping.signal.aborted) this.timer = setTimeout(tick, busy ? 0 : intervalMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async lease(names: string[]): Promise<LeasedDelivery[]> {
    const now = this.ctx.clock.now();
    const until = new Date(now.getTime() + this.options.leaseMs);
    return this.ctx.db.transaction().execute(async (tx) => {
      // The head of each (subscriber, ordering key): nothing earlier for that key is still undelivered.
      const due = await sql<{ id: number }>`
        select d.id from deliveries d
        where d.state = 'pending'
          and d.subscriber in (${sql.join(names)})
          and d.next_attempt_at <= ${now}
          and (d.leased_until is null or d.leased_until < ${now})
          and (d.ordering_key is null or not exists (
            select 1 from deliveries e
            where e.subscriber = d.subscriber and e.ordering_key = d.ordering_key
              and e.event_id < d.event_id and e.state <> 'delivered'))
        order by d.next_attempt_at, d.id
        limit ${this.options.batchSize}
        for update of d skip locked`.execute(tx);
      if (due.rows.length === 0) return [];
      const leased = await tx
        .updateTable('deliveries')
        .set({ leased_until: until })
        .where(
          'id',
          'in',
          due.rows.map((r) => r.id),
        )
        .returning(['id', 'event_id', 'subscriber', 'attempts'])
        .execute();
      const events = await tx
        .selectFrom('outbox')
        .select(['id', 'topic', 'dossier_id', 'payload', 'created_at'])
        .where(
          'id',
          'in',
          leased.map((l) => l.event_id),
        )
        .execute();
      const byId = new Map(events.map((e) => [e.id, toEvent(e)]));
      return leased.map((l) => ({ id: l.id, subscriber: l.subscriber, attempts: l.attempts, event: byId.get(l.event_id)! }));
    });
  }

  private async deliverOne(d: LeasedDelivery): Promise<'delivered' | 'retrying' | 'failed'> {
    const subscriber = this.byName.get(d.subscriber)!;
    const started = Date.now();
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.options.timeoutMs)]);
    let error: unknown = null;
    try {
      await subscriber.deliver(d.event, {
        deliveryId: d.id,
        idempotencyKey: `${await instanceId(this.ctx.db)}.${d.event.id}.${d.subscriber}`,
        attempt: d.attempts + 1,
        signal,
      });
    } catch (e) {
      error = e;
    }
    const duration = Math.max(0, Date.now() - started);
    const now = this.ctx.clock.now();
    const attempts = d.attempts + 1;
    const message = error === null ? null : describeError(error);
    const outcome = error === null ? 'delivered' : error instanceof PermanentDeliveryError || attempts >= this.options.maxAttempts ? 'failed' : 'retrying';
    await this.ctx.db.transaction().execute(async (tx) => {
      await tx.insertInto('delivery_attempts').values({ delivery_id: d.id, at: now, ok: error === null, error: message, duration_ms: duration }).execute();
      await tx
        .updateTable('deliveries')
        .set(
          outcome === 'delivered'
            ? { state: 'delivered', attempts, delivered_at: now, leased_until: null }
            : outcome === 'failed'
              ? { state: 'failed', attempts, last_error: message, leased_until: null }
              : { attempts, last_error: message, leased_until: null, next_attempt_at: new Date(now.getTime() + this.options.backoffMs(attempts)) },
        )
        .where('id', '=', d.id)
        .execute();
    });
    return outcome;
  }
}

interface LeasedDelivery {
  id: number;
  subscriber: string;
  attempts: number;
  event: OutboxEvent;
}

function toEvent(e: { id: number; topic: string; dossier_id: number | null; payload: unknown; created_at: Date }): OutboxEvent {
  const payload = (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as Record<string, unknown>;
  return { id: Number(e.id), topic: e.topic, dossierId: e.dossier_id === null ? null : Number(e.dossier_id), payload, createdAt: new Date(e.created_at) };
}

/** The reason kept for an admin: short, one line, never a stack. */
export function describeError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  let text = err?.message ?? String(e);
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') text = `timeout: ${text}`;
  if (err?.cause?.code) text += ` (${err.cause.code})`;
  else if (err?.cause?.message) text += ` (${err.cause.message})`;
  return text.replace(/\s+/g, ' ').slice(0, 1000) || 'unknown error';
}

export interface DrainResult extends RoundResult {
  rounds: number;
}

/**
 * Routes and delivers until nothing is due now (tests, the CLI's `outbox run`). Deliveries waiting for their
 * backoff are left for later: move the clock on, then drain again.
 */
export async function drainOutbox(ctx: AppContext, subscribers: Subscriber[], options: DispatcherOptions & { maxRounds?: number } = {}): Promise<DrainResult> {
  const dispatcher = new Dispatcher(ctx, subscribers, options);
  const total: DrainResult = { rounds: 0, routed: 0, delivered: 0, retrying: 0, failed: 0 };
  const maxRounds = options.maxRounds ?? 10_000;
  while (total.rounds < maxRounds) {
    const r = await dispatcher.runOnce();
    total.rounds += 1;
    total.routed += r.routed;
    total.delivered += r.delivered;
    total.retrying += r.retrying;
    total.failed += r.failed;
    if (r.routed + r.delivered + r.retrying + r.failed === 0) break;
  }
  return total;
}
