// A local SMS gateway (brandname SMS) for the demo and the tests: POST /sms with a bearer token sends one message to
// a Vietnamese mobile number and answers its id. A repeated Idempotency-Key answers the first message's id and
// sends nothing new, as the real gateways promise. What was "sent" is listed at GET /_sim/messages.
import crypto from 'node:crypto';
import { createSimulatorApp, Journal, type RunningSimulator, type SimulatorOptions } from './base.js';

export interface SentSms {
  messageId: string;
  to: string;
  text: string;
  senderId: string;
  idempotencyKey: string | null;
  at: string;
}

export interface SmsSimulatorOptions extends SimulatorOptions {
  /** The bearer token callers must send (default: the demo token of config.ts). */
  token?: string;
}

export interface RunningSmsSimulator extends RunningSimulator {
  messages(): SentSms[];
}

/** 10 digits, a mobile prefix (03, 05, 07, 08, 09): the numbering plan since 2018. */
export const VN_MOBILE = /^0[35789]\d{8}$/;
const MAX_TEXT = 1000;

export async function startSmsSimulator(options: SmsSimulatorOptions = {}): Promise<RunningSmsSimulator> {
  const token = options.token ?? 'motcua-demo-sms-token';
  const { app, listen } = createSimulatorApp('sms', options);
  const journal = new Journal<SentSms>(options.journalFile);
  const sent: SentSms[] = journal.load();
  const byKey = new Map(sent.filter((m) => m.idempotencyKey).map((m) => [m.idempotencyKey!, m]));

  const refuse = (error: string, vi: string, en: string) => ({ error, message: { vi, en } });

  app.post<{ Body: { to?: unknown; text?: unknown; senderId?: unknown } }>('/sms', async (req, reply) => {
    const auth = req.headers.authorization;
    const given = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!safeEqual(given, token)) {
      return reply.status(401).send(refuse('unauthorized', 'Sai hoặc thiếu mã truy cập.', 'Missing or wrong bearer token.'));
    }
    const keyHeader = req.headers['idempotency-key'];
    const key = typeof keyHeader === 'string' && keyHeader.trim() ? keyHeader.trim().slice(0, 200) : null;
    if (key && byKey.has(key)) {
      const first = byKey.get(key)!;
      return reply.header('idempotent-replay', 'true').send({ messageId: first.messageId });
    }
    const b = req.body ?? {};
    const to = typeof b.to === 'string' ? b.to.trim() : '';
    const text = typeof b.text === 'string' ? b.text : '';
    const senderId = typeof b.senderId === 'string' && b.senderId.trim() ? b.senderId.trim() : 'MOTCUA';
    // The refusals never quote the number: callers store the reason.
    if (!VN_MOBILE.test(to)) {
      return reply
        .status(400)
        .send(
          refuse(
            'invalid_recipient',
            'Số điện thoại người nhận không phải số di động Việt Nam (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).',
            'The recipient is not a Vietnamese mobile number (10 digits starting with 03, 05, 07, 08 or 09).',
          ),
        );
    }
    if (!text.trim() || text.length > MAX_TEXT) {
      return reply.status(400).send(refuse('invalid_text', `Nội dung tin nhắn trống hoặc dài quá ${MAX_TEXT} ký tự.`, `The text is empty or longer than ${MAX_TEXT} characters.`));
    }
    if (senderId.length > 11) {
      return reply.status(400).send(refuse('invalid_sender', 'Tên thương hiệu (senderId) dài quá 11 ký tự.', 'The senderId is longer than 11 characters.'));
    }
    const msg: SentSms = { messageId: `sms-${crypto.randomUUID()}`, to, text, senderId, idempotencyKey: key, at: new Date().toISOString() };
    journal.append(msg);
    sent.push(msg);
    if (key) byKey.set(key, msg);
    return reply.status(201).send({ messageId: msg.messageId });
  });

  app.get('/_sim/messages', async () => ({ messages: sent }));

  const running = await listen();
  return {
    ...running,
    messages: () => [...sent],
    close: async () => {
      await running.close();
      journal.close();
    },
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
