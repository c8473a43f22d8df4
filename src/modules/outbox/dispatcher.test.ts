// The dispatcher against a real HTTP receiver: every event once, in order per dossier, retried with backoff,
// parked on a refusal until re-sent, and never sent twice at once by two dispatchers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { createSimulatorApp, type RunningSimulator } from '../../simulators/base.js';
import { Dispatcher, defaultBackoff, drainOutbox } from './dispatcher.js';
import { PermanentDeliveryError, type Subscriber } from './types.js';
import { resendDelivery, resendFailed, outboxSummary } from './store.js';

interface Received {
  key: string;
  eventId: number;
  dossierId: number | null;
  action: string;
}

/** A receiver like the national systems': dedupes on Idempotency-Key, refuses what it is told to refuse. */
async function startReceiver() {
  const sim = createSimulatorApp('receiver');
  const applied: Received[] = [];
  const seen = new Set<string>();
  let calls = 0;
  const refuse = new Set<number>();
  /** Applies, then takes this long to answer: the sender may give up on an answer to a call that did apply. */
  const slow = { answerAfterMs: 0 };
  sim.app.post<{ Body: Omit<Received, 'key'> }>('/events', async (req, reply) => {
    calls += 1;
    const key = String(req.headers['idempotency-key']);
    if (refuse.has(req.body.eventId)) return reply.status(422).send({ error: 'bad field NgayHenTra' });
    if (!seen.has(key)) {
      seen.add(key);
      applied.push({ key, ...req.body });
    }
    if (slow.answerAfterMs) await new Promise((r) => setTimeout(r, slow.answerAfterMs));
    return { ok: true };
  });
  const running = await sim.listen();
  return { running, applied, refuse, slow, calls: () => calls };
}

function httpSubscriber(url: string, name = 'test_receiver'): Subscriber {
  return {
    name,
    wants: (e) => e.topic === 'dossier.status_changed',
    async deliver(event, attempt) {
      const res = await fetch(`${url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': attempt.idempotencyKey },
        body: JSON.stringify({ eventId: event.id, dossierId: event.dossierId, action: event.payload.action }),
        signal: attempt.signal,
      });
      if (res.status >= 400 && res.status < 500) throw new PermanentDeliveryError(`refused: ${await res.text()}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    },
  };
}

let t: TestApp;
let officer: TestClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let sub: Subscriber;

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.login('tiepnhan.vinhloc');
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await receiver?.running.close();
  receiver = await startReceiver();
  sub = httpSubscriber(receiver.running.url);
  // Each test starts with the outbox fully delivered to a subscriber nobody listens to.
  await drainOutbox(t.ctx, []);
});

async function intake(): Promise<number> {
  const res = await officer.post('/api/dossiers', {
    procedureCode: '2.000908',
    applicant: { name: 'Trần Văn Bình', phone: '0912345678' },
    components: [{ key: 'c1-7d4524' }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  // Two events per dossier: 'receive' (the counter intake) and 'forward'.
  expect((await officer.post(`/api/dossiers/${id}/actions/forward`, { note: 'Chuyển xử lý' })).statusCode).toBe(200);
  return id;
}

async function pendingEvents(): Promise<number> {
  const r = await t.ctx.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('subscriber', '=', 'test_receiver').where('state', '<>', 'delivered').executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('outbox dispatcher', () => {
  it('delivers every status change once, in order, with a stable idempotency key', async () => {
    const a = await intake();
    const b = await intake();
    const r = await drainOutbox(t.ctx, [sub]);
    expect(r.delivered).toBe(4); // receive + forward, for each dossier
    const forA = receiver.applied.filter((x) => x.dossierId === a).map((x) => x.action);
    expect(forA).toEqual(['receive', 'forward']);
    expect(receiver.applied.filter((x) => x.dossierId === b)).toHaveLength(2);
    expect(new Set(receiver.applied.map((x) => x.key)).size).toBe(4);
    expect(receiver.applied[0]!.key).toMatch(/^[0-9a-f-]{36}\.\d+\.test_receiver$/);
    // Nothing left, and draining again sends nothing.
    expect(await pendingEvents()).toBe(0);
    const again = await drainOutbox(t.ctx, [sub]);
    expect(again.delivered).toBe(0);
    expect(receiver.calls()).toBe(4);
  });

  it('retries a failing receiver with backoff and keeps every attempt with its reason', async () => {
    const id = await intake();
    receiver.running.faults.failNext = 3;
    const first = await drainOutbox(t.ctx, [sub]);
    expect(first.delivered).toBe(0);
    expect(first.retrying).toBe(1); // only the head of the dossier is tried; the next event waits behind it
    for (let i = 0; i < 4; i++) {
      t.clock.advance(20 * 60_000);
      await drainOutbox(t.ctx, [sub]);
    }
    expect(receiver.applied.filter((x) => x.dossierId === id).map((x) => x.action)).toEqual(['receive', 'forward']);
    const attempts = await t.ctx.db
      .selectFrom('delivery_attempts')
      .innerJoin('deliveries', 'deliveries.id', 'delivery_attempts.delivery_id')
      .innerJoin('outbox', 'outbox.id', 'deliveries.event_id')
      .select(['delivery_attempts.ok', 'delivery_attempts.error'])
      .where('outbox.dossier_id', '=', id)
      .where('deliveries.subscriber', '=', 'test_receiver')
      .orderBy('delivery_attempts.id')
      .execute();
    expect(attempts.map((x) => x.ok)).toEqual([false, false, false, true, true]);
    expect(attempts[0]!.error).toContain('HTTP 503');
  });

  it('keeps one dossier waiting behind its failed event while other dossiers go on, until an admin re-sends', async () => {
    const stuck = await intake();
    const other = await intake();
    const head = await t.ctx.db.selectFrom('outbox').select('id').where('dossier_id', '=', stuck).orderBy('id').executeTakeFirstOrThrow();
    receiver.refuse.add(Number(head.id));
    const r = await drainOutbox(t.ctx, [sub]);
    expect(r.failed).toBe(1);
    expect(receiver.applied.filter((x) => x.dossierId === other)).toHaveLength(2);
    expect(receiver.applied.filter((x) => x.dossierId === stuck)).toHaveLength(0);
    const failed = await t.ctx.db.selectFrom('deliveries').selectAll().where('state', '=', 'failed').where('subscriber', '=', 'test_receiver').execute();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.last_error).toContain('bad field NgayHenTra');

    const summary = (await outboxSummary(t.ctx.db, t.ctx.clock.now())).find((s) => s.subscriber === 'test_receiver')!;
    expect(summary.failed).toBe(1);
    expect(summary.pending).toBe(1); // the dossier's second event, held behind the failed one

    receiver.refuse.clear();
    expect(await resendDelivery(t.ctx.db, Number(failed[0]!.id), t.ctx.clock.now())).toBe(true);
    await drainOutbox(t.ctx, [sub]);
    expect(receiver.applied.filter((x) => x.dossierId === stuck).map((x) => x.action)).toEqual(['receive', 'forward']);
    expect(await resendFailed(t.ctx.db, { subscriber: 'test_receiver' }, t.ctx.clock.now())).toBe(0);
  });

  it('a receiver that answers after the timeout applies the retry once (same key)', async () => {
    await intake();
    receiver.slow.answerAfterMs = 300;
    const r = await drainOutbox(t.ctx, [sub], { timeoutMs: 100 });
    expect(r.retrying).toBe(1);
    expect(receiver.applied.map((x) => x.action)).toEqual(['receive']); // applied, though we never heard so
    receiver.slow.answerAfterMs = 0;
    t.clock.advance(60_000);
    await drainOutbox(t.ctx, [sub]);
    expect(receiver.calls()).toBe(3); // the timed-out call, its retry, the second event
    expect(receiver.applied.map((x) => x.action)).toEqual(['receive', 'forward']);
  });

  it('two dispatchers at once never send the same delivery twice', async () => {
    for (let i = 0; i < 6; i++) await intake();
    const one = new Dispatcher(t.ctx, [sub], { batchSize: 3 });
    const two = new Dispatcher(t.ctx, [sub], { batchSize: 3 });
    for (let round = 0; round < 10; round++) await Promise.all([one.runOnce(), two.runOnce()]);
    expect(receiver.applied).toHaveLength(12);
    expect(receiver.calls()).toBe(12);
    for (const id of new Set(receiver.applied.map((x) => x.dossierId))) {
      expect(receiver.applied.filter((x) => x.dossierId === id).map((x) => x.action)).toEqual(['receive', 'forward']);
    }
  });

  it('backs off exponentially with a cap and jitter', () => {
    expect(defaultBackoff(1, () => 0.5)).toBe(2000);
    expect(defaultBackoff(3, () => 0.5)).toBe(8000);
    expect(defaultBackoff(30, () => 0.5)).toBe(15 * 60_000);
    expect(defaultBackoff(2, () => 0)).toBe(3200);
    expect(defaultBackoff(2, () => 1)).toBe(4800);
  });
});

afterAll(async () => receiver?.running.close());
