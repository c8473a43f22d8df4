// This instance's Ed25519 key pair for transfers between MotCua instances, and reading a peer's public key.
// The pair is made on first use and kept in instance_settings, so a backup carries the instance's identity
// with it and a restored instance is still recognised by its peers.
import crypto, { type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { badInput } from '../../../errors.js';
import { instanceId } from '../../outbox/instance.js';

const SETTING = 'federation_key';
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface InstanceKey {
  instanceId: string;
  /** Names the key in signed requests: see `keyIdOf`. */
  keyId: string;
  /** base64 of the SPKI DER: what a peer's admin registers. */
  publicKey: string;
  privateKey: KeyObject;
}

interface StoredKey {
  publicKey: string;
  privateKey: string;
  keyId: string;
}

/** The first 16 bytes of the SHA-256 of the raw public key, in hex: short, stable, and derived from the key. */
export function keyIdOf(raw: Uint8Array): string {
  return crypto.createHash('sha256').update(raw).digest('hex').slice(0, 32);
}

export interface PeerKey {
  key: KeyObject;
  /** Normalised: base64 of the SPKI DER. */
  spki: string;
  keyId: string;
}

/**
 * A peer's Ed25519 public key as its admin pasted it: base64 of the SPKI DER (what `motcua federation key`
 * prints), base64 of the 32 raw bytes, or a PEM block.
 */
export function parsePublicKey(text: string, field = 'publicKey'): PeerKey {
  const bad = () =>
    badInput(field, {
      vi: 'Khoá công khai không hợp lệ: cần khoá Ed25519 dạng base64 (SPKI hoặc 32 byte), như lệnh "motcua federation key" in ra.',
      en: 'Invalid public key: an Ed25519 key in base64 (SPKI or the 32 raw bytes) is needed, as "motcua federation key" prints it.',
    });
  const body = text
    .trim()
    .replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '')
    .replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw bad();
  const der = Buffer.from(body, 'base64');
  let raw: Buffer;
  if (der.length === 32) raw = der;
  else if (der.length === 44 && der.subarray(0, 12).equals(SPKI_PREFIX)) raw = der.subarray(12);
  else throw bad();
  const spki = Buffer.concat([SPKI_PREFIX, raw]);
  let key: KeyObject;
  try {
    key = crypto.createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    throw bad();
  }
  return { key, spki: spki.toString('base64'), keyId: keyIdOf(raw) };
}

const cache = new WeakMap<Kysely<DB>, Promise<InstanceKey>>();

/** This instance's key pair, made and stored the first time it is asked for (two processes agree on one). */
export function instanceKey(db: Kysely<DB>): Promise<InstanceKey> {
  let found = cache.get(db);
  if (!found) {
    found = loadOrCreate(db);
    found.catch(() => cache.delete(db));
    cache.set(db, found);
  }
  return found;
}

async function loadOrCreate(db: Kysely<DB>): Promise<InstanceKey> {
  const pair = crypto.generateKeyPairSync('ed25519');
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
  const candidate: StoredKey = {
    publicKey: spki.toString('base64'),
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    keyId: keyIdOf(spki.subarray(12)),
  };
  // A concurrent first use elsewhere may win: whichever row is there afterwards is the key.
  await db.insertInto('instance_settings').values({ key: SETTING, value: JSON.stringify(candidate) }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('instance_settings').select('value').where('key', '=', SETTING).executeTakeFirstOrThrow();
  const stored = (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as StoredKey;
  return {
    instanceId: await instanceId(db),
    keyId: stored.keyId,
    publicKey: stored.publicKey,
    privateKey: crypto.createPrivateKey({ key: Buffer.from(stored.privateKey, 'base64'), format: 'der', type: 'pkcs8' }),
  };
}
