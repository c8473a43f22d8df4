// E-mail through SMTP (nodemailer). A new connection per message: the server may restart between two messages,
// and a commune sends a few hundred a day at most. The Message-ID is the caller's, so a message sent again after
// a crash carries the same id and the receiving side can tell it is the same message.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** "<…@…>", stable across retries of one notification. */
  messageId: string;
}

/** The server refused this message for good (5xx on the recipient or the content): retrying cannot help. */
export class MailRefused extends Error {
  override name = 'MailRefused';
}

export interface Mailer {
  send(mail: OutgoingMail, signal?: AbortSignal): Promise<{ messageId: string }>;
  close(): void;
}

export function createMailer(smtp: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // The envelope and the logs of nodemailer stay off: they would carry the recipient's address.
    logger: false,
    debug: false,
  });
  return {
    async send(mail, signal) {
      if (signal?.aborted) throw new Error('aborted before sending');
      const sending = transport.sendMail({
        from: smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        textEncoding: 'quoted-printable',
      });
      const info = await (signal ? raceAbort(sending, signal) : sending);
      return { messageId: info.messageId || mail.messageId };
    },
    close: () => transport.close(),
  };
}

/** Whether an error from nodemailer is a permanent refusal of this message, as opposed to the server being away. */
export function isPermanentRefusal(e: unknown): boolean {
  const err = e as { code?: string; responseCode?: number };
  return (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') && typeof err.responseCode === 'number' && err.responseCode >= 500 && err.responseCode < 600;
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted: the time for this delivery ran out'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
