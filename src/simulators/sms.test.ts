// The SMS gateway simulator of the demo and the tests: what it accepts, refuses, dedupes and remembers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmsSimulator, type RunningSmsSimulator } from './sms.js';

const TOKEN = 'sim-token';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-sms-sim-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SMS simulator', () => {
  let sim: RunningSmsSimulator;
  const journalFile = path.join(dir, 'sms.jsonl');
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sim.url}/sms`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startSmsSimulator({ token: TOKEN, journalFile });
  });
  afterAll(async () => sim?.close());

  it('sends to a Vietnamese mobile number and answers its id', async () => {
    const res = await send({ to: '0912345678', text: 'Hồ sơ đã được tiếp nhận', senderId: 'MOTCUA' }, { 'idempotency-key': 'k-1' });
    expect(res.status).toBe(201);
    const { messageId } = (await res.json()) as { messageId: string };
    expect(messageId).toMatch(/^sms-/);
    expect(sim.messages()).toEqual([expect.objectContaining({ messageId, to: '0912345678', text: 'Hồ sơ đã được tiếp nhận', senderId: 'MOTCUA', idempotencyKey: 'k-1' })]);
  });

  it('the same Idempotency-Key answers the first id and sends nothing new', async () => {
    const first = sim.messages()[0]!;
    const res = await send({ to: '0912345678', text: 'lần hai' }, { 'idempotency-key': 'k-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('idempotent-replay')).toBe('true');
    expect(((await res.json()) as { messageId: string }).messageId).toBe(first.messageId);
    expect(sim.messages()).toHaveLength(1);
  });

  it.each([
    ['02343812345', 400],
    ['0123456789', 400],
    ['091234567', 400],
    ['+84912345678', 400],
    ['0612345678', 400],
    ['0312345678', 201],
    ['0512345678', 201],
    ['0712345678', 201],
    ['0812345678', 201],
    ['0987654321', 201],
  ])('number %s → %d', async (to, status) => {
    const res = await send({ to, text: 'Thử' });
    expect(res.status).toBe(status);
    if (status === 400) {
      const body = (await res.json()) as { error: string; message: { vi: string; en: string } };
      expect(body.error).toBe('invalid_recipient');
      expect(body.message.vi).toContain('không phải số di động Việt Nam');
      expect(JSON.stringify(body)).not.toContain(to);
    }
  });

  it('refuses a wrong token (401), an empty text and a long sender id (400)', async () => {
    const wrong = await fetch(`${sim.url}/sms`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: JSON.stringify({ to: '0912345678', text: 'x' }) });
    expect(wrong.status).toBe(401);
    expect((await send({ to: '0912345678', text: '  ' })).status).toBe(400);
    expect((await send({ to: '0912345678', text: 'x', senderId: 'MOTCUA-VINHLOC' })).status).toBe(400);
  });

  it('injected faults answer 503; the control routes list what was sent', async () => {
    await fetch(`${sim.url}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ failNext: 1 }) });
    expect((await send({ to: '0912345678', text: 'x' })).status).toBe(503);
    expect((await send({ to: '0912345678', text: 'x' })).status).toBe(201);
    const listed = (await (await fetch(`${sim.url}/_sim/messages`)).json()) as { messages: unknown[] };
    expect(listed.messages).toHaveLength(sim.messages().length);
  });

  it('remembers what it sent, and the keys it saw, across a restart (journal)', async () => {
    const count = sim.messages().length;
    await sim.close();
    sim = await startSmsSimulator({ token: TOKEN, journalFile });
    expect(sim.messages()).toHaveLength(count);
    const res = await send({ to: '0912345678', text: 'again' }, { 'idempotency-key': 'k-1' });
    expect(res.status).toBe(200);
    expect(sim.messages()).toHaveLength(count);
  });
});
