// Signed requests between MotCua instances. The sender signs, with its Ed25519 key, one line each of: a
// version tag, the method, the API path, a timestamp, a nonce, the SHA-256 of the exact body bytes and its key
// id. The receiver refuses a request whose timestamp is more than 5 minutes off its own clock, whose body does
// not match the digest, whose key is not an active peer's, whose signature does not verify, or whose nonce it
// has already seen — each with a reason a person can act on.
//
// The path signed is the API path (/api/federation/...), not the full URL: a peer behind a reverse proxy that
// adds a prefix still verifies.
import crypto, { type KeyObject } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Msg } from '../../../errors.js';

export const HEADERS = {
  keyId: 'x-motcua-key-id',
  timestamp: 'x-motcua-timestamp',
  nonce: 'x-motcua-nonce',
  digest: 'x-motcua-content-sha256',
  signature: 'x-motcua-signature',
} as const;

export const MAX_SKEW_MS = 5 * 60_000;
/** Nonces are kept a little longer than a timestamp can be off, so a replay inside the window is always seen. */
const NONCE_TTL_MS = 3 * MAX_SKEW_MS;
const VERSION = 'MOTCUA-FED-1';

export type RefusalReason = 'missing_header' | 'bad_timestamp' | 'stale_timestamp' | 'digest_mismatch' | 'unknown_key' | 'bad_signature' | 'replayed_nonce';

export interface Refusal {
  reason: RefusalReason;
  message: Msg;
}

export function bodyDigest(body: Uint8Array | string): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}

function canonical(method: string, path: string, timestamp: string, nonce: string, digest: string, keyId: string): Buffer {
  return Buffer.from([VERSION, method.toUpperCase(), path, timestamp, nonce, digest, keyId].join('\n'), 'utf8');
}

export interface Signer {
  keyId: string;
  privateKey: KeyObject;
}

/** The headers that sign `body` for `method path` at `now`. */
export function signRequest(signer: Signer, req: { method: string; path: string; body: Uint8Array | string; now: Date; nonce?: string }): Record<string, string> {
  const timestamp = String(Math.floor(req.now.getTime() / 1000));
  const nonce = req.nonce ?? crypto.randomBytes(18).toString('base64url');
  const digest = bodyDigest(req.body);
  const signature = crypto.sign(null, canonical(req.method, req.path, timestamp, nonce, digest, signer.keyId), signer.privateKey);
  return {
    [HEADERS.keyId]: signer.keyId,
    [HEADERS.timestamp]: timestamp,
    [HEADERS.nonce]: nonce,
    [HEADERS.digest]: digest,
    [HEADERS.signature]: signature.toString('base64'),
  };
}

type Headers = Record<string, string | string[] | undefined>;

const one = (h: Headers, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

const refuse = (reason: RefusalReason, vi: string, en: string): Refusal => ({ reason, message: { vi, en } });

export interface IncomingRequest {
  method: string;
  path: string;
  headers: Headers;
  body: Uint8Array;
  now: Date;
}

/** The checks that need no database: headers, clock, body digest. Returns the key id to look up. */
export function checkEnvelope(req: IncomingRequest): { keyId: string } | Refusal {
  const missing = Object.values(HEADERS).filter((h) => !one(req.headers, h));
  if (missing.length) {
    return refuse('missing_header', `Yêu cầu liên thông thiếu chữ ký (tiêu đề ${missing.join(', ')}).`, `The transfer request is not signed (missing headers ${missing.join(', ')}).`);
  }
  const ts = one(req.headers, HEADERS.timestamp)!;
  if (!/^\d{9,11}$/.test(ts)) return refuse('bad_timestamp', 'Thời điểm ký không hợp lệ (cần số giây Unix).', 'The signing time is malformed (Unix seconds expected).');
  const skew = Math.abs(req.now.getTime() - Number(ts) * 1000);
  if (skew > MAX_SKEW_MS) {
    const minutes = Math.round(skew / 60_000);
    return refuse(
      'stale_timestamp',
      `Yêu cầu được ký lệch ${minutes} phút so với đồng hồ của hệ thống này (cho phép tối đa 5 phút). Hãy kiểm tra đồng hồ hai máy chủ.`,
      `The request was signed ${minutes} minutes away from this system's clock (at most 5 allowed). Check both servers' clocks.`,
    );
  }
  const nonce = one(req.headers, HEADERS.nonce)!;
  if (nonce.length < 16 || nonce.length > 100) return refuse('missing_header', 'Mã dùng một lần (nonce) phải dài 16–100 ký tự.', 'The nonce must be 16 to 100 characters long.');
  if (one(req.headers, HEADERS.digest)!.toLowerCase() !== bodyDigest(req.body)) {
    return refuse('digest_mismatch', 'Nội dung yêu cầu không khớp với chữ ký (đã bị thay đổi trên đường truyền?).', 'The request body does not match its signature (changed in transit?).');
  }
  return { keyId: one(req.headers, HEADERS.keyId)! };
}

/** Verifies the Ed25519 signature over the canonical lines with the peer's public key. */
export function checkSignature(req: IncomingRequest, publicKey: KeyObject): Refusal | null {
  const h = (name: string) => one(req.headers, name)!;
  let ok = false;
  try {
    const data = canonical(req.method, req.path, h(HEADERS.timestamp), h(HEADERS.nonce), h(HEADERS.digest).toLowerCase(), h(HEADERS.keyId));
    ok = crypto.verify(null, data, publicKey, Buffer.from(h(HEADERS.signature), 'base64'));
  } catch {
    ok = false;
  }
  return ok ? null : refuse('bad_signature', 'Chữ ký không đúng với khoá công khai đã đăng ký của hệ thống gửi.', "The signature does not verify with the sending system's registered public key.");
}

/** Records the nonce; false when this key already used it (a replay). Forgets nonces older than the window. */
export async function rememberNonce(db: Kysely<DB>, keyId: string, nonce: string, now: Date): Promise<boolean> {
  await db.deleteFrom('federation_nonces').where('seen_at', '<', new Date(now.getTime() - NONCE_TTL_MS)).execute();
  const inserted = await db
    .insertInto('federation_nonces')
    .values({ key_id: keyId, nonce, seen_at: now })
    .onConflict((oc) => oc.columns(['key_id', 'nonce']).doNothing())
    .returning(sql<number>`1`.as('ok'))
    .executeTakeFirst();
  return !!inserted;
}

/**
 * The whole check: envelope, the key of an active peer (`findKey`), the signature, then the nonce — recorded
 * only once everything else holds, so nobody can burn a peer's nonces with unsigned requests.
 */
export async function verifyRequest<P>(
  db: Kysely<DB>,
  req: IncomingRequest,
  findKey: (keyId: string) => Promise<(P & { publicKey: KeyObject }) | undefined>,
): Promise<{ ok: true; peer: P; keyId: string } | { ok: false; refusal: Refusal }> {
  const envelope = checkEnvelope(req);
  if ('reason' in envelope) return { ok: false, refusal: envelope };
  const peer = await findKey(envelope.keyId);
  if (!peer) {
    return {
      ok: false,
      refusal: refuse('unknown_key', `Khoá ${envelope.keyId} không thuộc hệ thống liên thông nào đang hoạt động ở đây.`, `Key ${envelope.keyId} does not belong to any active peer system here.`),
    };
  }
  const bad = checkSignature(req, peer.publicKey);
  if (bad) return { ok: false, refusal: bad };
  if (!(await rememberNonce(db, envelope.keyId, one(req.headers, HEADERS.nonce)!, req.now))) {
    return { ok: false, refusal: refuse('replayed_nonce', 'Yêu cầu này đã được nhận một lần (mã dùng một lần bị lặp lại).', 'This request was already received once (its nonce was replayed).') };
  }
  return { ok: true, peer, keyId: envelope.keyId };
}
