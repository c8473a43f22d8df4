// Signed requests: a valid one passes; a changed body, another key, a stale timestamp, a replayed nonce, a
// missing header and an unknown key are each refused with their own reason. The nonce store is the real table.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/connection.js';
import { createTestDatabase } from '../../../test/db.js';
import { instanceKey, keyIdOf, parsePublicKey } from './keys.js';
import { checkEnvelope, checkSignature, HEADERS, MAX_SKEW_MS, signRequest, verifyRequest, type IncomingRequest } from './signed-request.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const PATH = '/api/federation/transfers';
const BODY = JSON.stringify({ transferId: 7, dossierCode: '000.00.01.H46-261123-0001', applicant: { name: 'Nguyễn Thị Hương' } });

let database: Database;
const signer = (() => {
  const pair = crypto.generateKeyPairSync('ed25519');
  const raw = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, keyId: keyIdOf(raw) };
})();
const other = crypto.generateKeyPairSync('ed25519');

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

function request(overrides: Partial<IncomingRequest> & { signWith?: crypto.KeyObject; signedAt?: Date; nonce?: string } = {}): IncomingRequest {
  const headers = signRequest(
    { keyId: signer.keyId, privateKey: overrides.signWith ?? signer.privateKey },
    { method: 'POST', path: PATH, body: BODY, now: overrides.signedAt ?? NOW, ...(overrides.nonce ? { nonce: overrides.nonce } : {}) },
  );
  return { method: 'POST', path: PATH, headers, body: Buffer.from(BODY), now: NOW, ...overrides };
}

const lookup = async (keyId: string) => (keyId === signer.keyId ? { name: 'Sở Tư pháp', publicKey: signer.publicKey } : undefined);

describe('signed requests', () => {
  it('accepts a request signed with the registered key', async () => {
    const r = await verifyRequest(database.db, request(), lookup);
    expect(r).toMatchObject({ ok: true, keyId: signer.keyId, peer: { name: 'Sở Tư pháp' } });
  });

  it('refuses a changed body: the digest no longer matches', async () => {
    const req = request();
    const r = await verifyRequest(database.db, { ...req, body: Buffer.from(BODY.replace('Hương', 'Hưng')) }, lookup);
    expect(r).toMatchObject({ ok: false, refusal: { reason: 'digest_mismatch' } });
    if (!r.ok) expect(r.refusal.message.vi).toContain('không khớp');
  });

  it('refuses a changed body even when the digest header is changed with it', async () => {
    const req = request();
    const body = Buffer.from(BODY.replace('Hương', 'Hưng'));
    const digest = crypto.createHash('sha256').update(body).digest('hex');
    const r = await verifyRequest(database.db, { ...req, body, headers: { ...req.headers, [HEADERS.digest]: digest } }, lookup);
    expect(r).toMatchObject({ ok: false, refusal: { reason: 'bad_signature' } });
  });

  it('refuses a request signed with another key under the registered key id', async () => {
    const r = await verifyRequest(database.db, request({ signWith: other.privateKey }), lookup);
    expect(r).toMatchObject({ ok: false, refusal: { reason: 'bad_signature' } });
    if (!r.ok) expect(r.refusal.message.en).toContain('does not verify');
  });

  it('refuses a key id no active peer has', async () => {
    const req = request();
    const r = await verifyRequest(database.db, { ...req, headers: { ...req.headers, [HEADERS.keyId]: 'f'.repeat(32) } }, lookup);
    expect(r).toMatchObject({ ok: false, refusal: { reason: 'unknown_key' } });
  });

  it('refuses a timestamp more than 5 minutes off, either way, and accepts one just inside', async () => {
    const late = await verifyRequest(database.db, request({ signedAt: new Date(NOW.getTime() - MAX_SKEW_MS - 2000) }), lookup);
    expect(late).toMatchObject({ ok: false, refusal: { reason: 'stale_timestamp' } });
    if (!late.ok) expect(late.refusal.message.vi).toContain('5 phút');
    const early = await verifyRequest(database.db, request({ signedAt: new Date(NOW.getTime() + MAX_SKEW_MS + 2000) }), lookup);
    expect(early).toMatchObject({ ok: false, refusal: { reason: 'stale_timestamp' } });
    const inside = await verifyRequest(database.db, request({ signedAt: new Date(NOW.getTime() - MAX_SKEW_MS + 2000) }), lookup);
    expect(inside.ok).toBe(true);
  });

  it('refuses a replayed nonce, and a replay of the very same signed request', async () => {
    const first = request({ nonce: 'nonce-replayed-0001' });
    expect((await verifyRequest(database.db, first, lookup)).ok).toBe(true);
    const again = await verifyRequest(database.db, first, lookup);
    expect(again).toMatchObject({ ok: false, refusal: { reason: 'replayed_nonce' } });
    const sameNonceNewSignature = await verifyRequest(database.db, request({ nonce: 'nonce-replayed-0001' }), lookup);
    expect(sameNonceNewSignature).toMatchObject({ ok: false, refusal: { reason: 'replayed_nonce' } });
  });

  it('does not burn a nonce with a request whose signature fails', async () => {
    const forged = request({ nonce: 'nonce-not-burned-01', signWith: other.privateKey });
    expect((await verifyRequest(database.db, forged, lookup)).ok).toBe(false);
    expect((await verifyRequest(database.db, request({ nonce: 'nonce-not-burned-01' }), lookup)).ok).toBe(true);
  });

  it('forgets nonces once they are well outside the window', async () => {
    const later = new Date(NOW.getTime() + 60 * 60_000);
    const req = request({ nonce: 'nonce-forgotten-001', signedAt: later, now: later });
    expect((await verifyRequest(database.db, req, lookup)).ok).toBe(true);
    const left = await database.db.selectFrom('federation_nonces').select('nonce').execute();
    expect(left.map((n) => n.nonce)).toEqual(['nonce-forgotten-001']);
  });

  it('names the missing headers of an unsigned request', () => {
    const r = checkEnvelope({ method: 'POST', path: PATH, headers: {}, body: Buffer.from(BODY), now: NOW });
    expect(r).toMatchObject({ reason: 'missing_header' });
    if ('reason' in r) expect(r.message.en).toContain(HEADERS.signature);
  });

  it('signs the method and the path too', () => {
    const req = request();
    expect(checkSignature(req, signer.publicKey)).toBeNull();
    expect(checkSignature({ ...req, path: '/api/federation/transfers/7/result' }, signer.publicKey)?.reason).toBe('bad_signature');
    expect(checkSignature({ ...req, method: 'PUT' }, signer.publicKey)?.reason).toBe('bad_signature');
  });
});

describe('keys', () => {
  it('makes one key pair per instance and keeps it', async () => {
    const a = await instanceKey(database.db);
    const stored = await database.db.selectFrom('instance_settings').select('value').where('key', '=', 'federation_key').executeTakeFirstOrThrow();
    expect((stored.value as { keyId: string }).keyId).toBe(a.keyId);
    const parsed = parsePublicKey(a.publicKey);
    expect(parsed.keyId).toBe(a.keyId);
    const sig = crypto.sign(null, Buffer.from('x'), a.privateKey);
    expect(crypto.verify(null, Buffer.from('x'), parsed.key, sig)).toBe(true);
  });

  it('reads a public key as SPKI base64, raw base64 or PEM, to the same key id', () => {
    const spki = signer.publicKey.export({ format: 'der', type: 'spki' });
    const pem = signer.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const ids = [spki.toString('base64'), spki.subarray(12).toString('base64'), pem].map((k) => parsePublicKey(k).keyId);
    expect(new Set(ids)).toEqual(new Set([signer.keyId]));
  });

  it('refuses what is not an Ed25519 public key, naming the field', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    for (const bad of ['not a key', rsa, Buffer.alloc(31).toString('base64')]) {
      expect(() => parsePublicKey(bad)).toThrow(expect.objectContaining({ code: 'bad_input', extra: { field: 'publicKey' } }));
    }
  });
});
