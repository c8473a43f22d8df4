// A local mail catcher for the demo and the tests: a real SMTP server (smtp-server) that accepts every message and
// keeps it, and a small HTTP page listing what arrived — the demo's "inbox" at GET /_sim/mail (HTML) and
// /_sim/mail.json. Messages are decoded (headers, quoted-printable, base64, UTF-8) so what is shown is what a
// mail client would show. The next N messages can be refused with a temporary error (faults.failNext).
import crypto from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { createSimulatorApp, Journal, type Faults } from './base.js';

export interface CaughtMail {
  id: string;
  messageId: string | null;
  envelopeFrom: string | null;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  /** The text/plain part (or the HTML part without tags when there is no text part). */
  text: string;
  receivedAt: string;
}

export interface MailCatcherOptions {
  /** 0 picks a free port. */
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  journalFile?: string;
}

export interface RunningMailCatcher {
  /** e.g. smtp://127.0.0.1:40125 — what config.integrations.smtp.url takes. */
  smtpUrl: string;
  smtpPort: number;
  /** The HTTP page's base URL. */
  url: string;
  faults: Faults;
  messages(): CaughtMail[];
  close(): Promise<void>;
}

const MAX_SIZE = 10 * 1024 * 1024;

export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<RunningMailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const journal = new Journal<CaughtMail>(options.journalFile);
  const caught: CaughtMail[] = journal.load();
  const { app, faults, listen } = createSimulatorApp('mail', { port: options.httpPort ?? 0, host });

  const smtp = new SMTPServer({
    authOptional: true,
    // A catcher on loopback: no TLS certificate to offer, no accounts to check.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: MAX_SIZE,
    onMailFrom(_address, _session, callback) {
      if (faults.failNext > 0) {
        faults.failNext -= 1;
        return callback(Object.assign(new Error('Mail catcher: injected temporary failure'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const parsed = parseMail(Buffer.concat(chunks));
        const mail: CaughtMail = {
          id: crypto.randomUUID(),
          messageId: parsed.headers.get('message-id') ?? null,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          from: parsed.headers.get('from') ?? '',
          to: parsed.headers.get('to') ?? '',
          subject: parsed.headers.get('subject') ?? '',
          text: parsed.text,
          receivedAt: new Date().toISOString(),
        };
        journal.append(mail);
        caught.push(mail);
        callback(null, `Queued as ${mail.id}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => {
      smtp.off('error', reject);
      resolve();
    });
  });
  const address = smtp.server.address();
  const smtpPort = typeof address === 'object' && address ? address.port : (options.smtpPort ?? 0);

  app.get('/_sim/mail.json', async () => ({ messages: caught }));
  app.get('/_sim/mail', async (_req, reply) => reply.type('text/html; charset=utf-8').send(inboxPage(caught)));

  const running = await listen();
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    smtpPort,
    url: running.url,
    faults,
    messages: () => [...caught],
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await running.close();
      journal.close();
    },
  };
}

function inboxPage(mails: CaughtMail[]): string {
  const rows = [...mails]
    .reverse()
    .map(
      (m) =>
        `<li><details><summary><strong>${esc(m.subject || '(không tiêu đề)')}</strong> — ${esc(m.to)} <small>${esc(m.receivedAt)}</small></summary>` +
        `<p><small>Từ / From: ${esc(m.from)} · Message-ID: ${esc(m.messageId ?? '')}</small></p><pre>${esc(m.text)}</pre></details></li>`,
    )
    .join('\n');
  return (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hộp thư mô phỏng — Mail catcher</title>' +
    '<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}li{margin:.5rem 0}pre{white-space:pre-wrap;background:#f5f5f5;padding:.75rem}</style>' +
    `</head><body><h1>Hộp thư mô phỏng <small>(mail catcher)</small></h1><p>${mails.length} thư / messages</p><ul>${rows}</ul></body></html>`
  );
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// ---- A small MIME reader: enough for what mail clients send (single part or multipart, QP or base64). ----

export interface ParsedMail {
  /** Lower-case names; values unfolded and RFC 2047-decoded. */
  headers: Map<string, string>;
  text: string;
}

export function parseMail(raw: Buffer): ParsedMail {
  const { headers, body } = splitEntity(raw.toString('latin1'));
  return { headers, text: textOf(headers, body) };
}

/** Splits one entity (given as latin1, i.e. one char per byte) into decoded headers and its raw body. */
function splitEntity(s: string): { headers: Map<string, string>; body: string } {
  const m = /\r?\n\r?\n/.exec(s);
  const head = m ? s.slice(0, m.index) : s;
  const body = m ? s.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(i + 1).trim()));
  }
  return { headers, body };
}

function param(value: string, name: string): string | undefined {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : undefined;
}

function textOf(headers: Map<string, string>, body: string): string {
  const type = headers.get('content-type') ?? 'text/plain; charset=us-ascii';
  const mime = type.split(';')[0]!.trim().toLowerCase();
  if (mime.startsWith('multipart/')) {
    const boundary = param(type, 'boundary');
    if (!boundary) return '';
    const parts = body
      .split(new RegExp(`\\r?\\n?--${escapeRe(boundary)}(?:--)?[ \\t]*\\r?\\n?`))
      .slice(1)
      .filter((p) => p.trim() !== '')
      .map(splitEntity);
    const pick = (want: string) => parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(want));
    const chosen = pick('text/plain') ?? pick('multipart/') ?? pick('text/html');
    return chosen ? textOf(chosen.headers, chosen.body) : '';
  }
  const bytes = decodeTransfer(body, headers.get('content-transfer-encoding') ?? '7bit');
  const text = decodeCharset(bytes, param(type, 'charset') ?? 'us-ascii');
  return mime === 'text/html' ? text.replace(/<[^>]*>/g, '') : text.replace(/\r\n/g, '\n');
}

function decodeTransfer(body: string, encoding: string): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable':
      return qp(body.replace(/=\r?\n/g, ''));
    default:
      return Buffer.from(body, 'latin1');
  }
}

function qp(s: string, underscoreIsSpace = false): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (underscoreIsSpace && c === '_') out.push(0x20);
    else out.push(s.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase() === 'us-ascii' ? 'utf-8' : charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047 encoded words; adjacent words are joined byte-wise first, as a character may be split between them. */
function decodeWords(value: string): string {
  const WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  // Runs of text: plain (raw bytes, read as UTF-8) or encoded (bytes in a charset).
  const runs: Array<{ charset: string; bytes: Buffer[] }> = [];
  const push = (charset: string, bytes: Buffer) => {
    const last = runs.at(-1);
    if (last && last.charset.toLowerCase() === charset.toLowerCase()) last.bytes.push(bytes);
    else runs.push({ charset, bytes: [bytes] });
  };
  let last = 0;
  let previousWasWord = false;
  for (const m of value.matchAll(WORD)) {
    const between = value.slice(last, m.index);
    // Whitespace between two encoded words is not part of the text.
    if (!(previousWasWord && /^\s*$/.test(between))) push('utf-8', Buffer.from(between, 'latin1'));
    const charset = m[1]!.split('*')[0]!;
    push(charset, m[2]!.toUpperCase() === 'B' ? Buffer.from(m[3]!, 'base64') : qp(m[3]!, true));
    previousWasWord = true;
    last = m.index + m[0].length;
  }
  push('utf-8', Buffer.from(value.slice(last), 'latin1'));
  return runs.map((r) => decodeCharset(Buffer.concat(r.bytes), r.charset)).join('');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
