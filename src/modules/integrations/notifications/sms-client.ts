// The SMS gateway's HTTP API (the simulator in src/simulators/sms.ts speaks it): POST {url}/sms with a bearer token
// and an Idempotency-Key, so a message sent again after a crash is recognised by the gateway and not sent twice.
import type { Msg } from '../../../errors.js';

/** The gateway refused this message (400): the number or the text is wrong, and retrying cannot help. */
export class SmsRefused extends Error {
  override name = 'SmsRefused';
  constructor(readonly reason: Msg) {
    super(reason.en);
  }
}

export interface SmsClient {
  send(sms: { to: string; text: string; idempotencyKey: string }, signal?: AbortSignal): Promise<{ messageId: string }>;
}

export const SENDER_ID = 'MOTCUA';

export function createSmsClient(config: { url: string; token: string }): SmsClient {
  return {
    async send(sms, signal) {
      let res: Response;
      try {
        res = await fetch(`${config.url}/sms`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}`, 'idempotency-key': sms.idempotencyKey },
          body: JSON.stringify({ to: sms.to, text: sms.text, senderId: SENDER_ID }),
          signal: signal ?? AbortSignal.timeout(30_000),
        });
      } catch (e) {
        // The cause (e.g. ECONNREFUSED) says enough; the request itself holds the number and is not quoted.
        const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
        throw new Error(`SMS gateway unreachable (${cause})`);
      }
      const body = (await res.json().catch(() => ({}))) as { messageId?: unknown; error?: unknown; message?: unknown };
      if (res.status === 400 || res.status === 422) throw new SmsRefused(reasonOf(body, res.status));
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}${typeof body.error === 'string' ? ` (${body.error})` : ''}`);
      if (typeof body.messageId !== 'string' || !body.messageId) throw new Error('SMS gateway answered without a messageId');
      return { messageId: body.messageId };
    },
  };
}

function reasonOf(body: { error?: unknown; message?: unknown }, status: number): Msg {
  const m = body.message;
  if (m && typeof m === 'object' && typeof (m as Msg).vi === 'string' && typeof (m as Msg).en === 'string') return m as Msg;
  const text = typeof m === 'string' ? m : typeof body.error === 'string' ? body.error : `HTTP ${status}`;
  return { vi: `Cổng SMS từ chối tin nhắn: ${text}`, en: `The SMS gateway refused the message: ${text}` };
}

/** "+84 912 345 678" → "0912345678": the national form the gateways take. Other shapes are passed on as given. */
export function nationalNumber(phone: string): string {
  const digits = phone.replace(/[\s.\-()]/g, '');
  if (/^\+84\d{9,10}$/.test(digits)) return `0${digits.slice(3)}`;
  if (/^84\d{9}$/.test(digits)) return `0${digits.slice(2)}`;
  return digits;
}
