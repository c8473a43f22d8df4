// Units' private signing keys at rest: AES-256-GCM under a key-encryption key that never sits next to them
// in production. With MOTCUA_SECRET_KEY set (any string of 16+ characters; HKDF-SHA256 turns it into the key)
// that is the key. Without it — the demo — a random key is made once and kept in instance_settings: the keys
// then travel with the database and its backups, which protects nothing against whoever holds those, so a
// real deployment sets MOTCUA_SECRET_KEY (and keeps it, or the stored keys cannot be opened again).
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;
const SETTING = 'signing_key_encryption_key';
const MAGIC = Buffer.from('MCK1');
const SOURCE = { env: 1, instance: 2 } as const;
type Source = keyof typeof SOURCE;

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

export function keyFromSecret(secret: string): Buffer {
  if (secret.length < 16) throw new KeyringError('MOTCUA_SECRET_KEY must be at least 16 characters');
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'motcua', 'unit-signing-keys', 32));
}

const instanceKeys = new WeakMap<object, Promise<Buffer>>();

async function instanceKey(db: Db): Promise<Buffer> {
  const read = async () => {
    const row = await db.selectFrom('instance_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
    return row ? Buffer.from(String(row.value), 'base64') : undefined;
  };
  let key = await read();
  if (!key) {
    await db
      .insertInto('instance_settings')
      .values({ key: SETTING, value: JSON.stringify(crypto.randomBytes(32).toString('base64')) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    key = await read();
  }
  if (!key || key.length !== 32) throw new KeyringError('instance key-encryption key is unreadable');
  return key;
}

async function keyFor(db: Db, source: Source, env: NodeJS.ProcessEnv): Promise<Buffer> {
  if (source === 'env') {
    const secret = env.MOTCUA_SECRET_KEY;
    if (!secret) throw new KeyringError('this key was sealed under MOTCUA_SECRET_KEY, which is not set now');
    return keyFromSecret(secret);
  }
  // Cached per database: the setting never changes once made.
  let p = instanceKeys.get(db);
  if (!p) {
    p = instanceKey(db);
    p.catch(() => instanceKeys.delete(db));
    instanceKeys.set(db, p);
  }
  return p;
}

/** Encrypts `plaintext`: "MCK1" | source | iv(12) | tag(16) | ciphertext. */
export async function seal(db: Db, plaintext: Buffer, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const source: Source = env.MOTCUA_SECRET_KEY ? 'env' : 'instance';
  const key = await keyFor(db, source, env);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(MAGIC);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from([SOURCE[source]]), iv, cipher.getAuthTag(), body]);
}

export async function unseal(db: Db, sealed: Uint8Array, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const b = Buffer.from(sealed);
  if (b.length < 34 || !b.subarray(0, 4).equals(MAGIC)) throw new KeyringError('not a sealed key');
  const source = (Object.keys(SOURCE) as Source[]).find((s) => SOURCE[s] === b[4]);
  if (!source) throw new KeyringError('unknown key source');
  const key = await keyFor(db, source, env);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, b.subarray(5, 17));
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(b.subarray(17, 33));
  try {
    return Buffer.concat([decipher.update(b.subarray(33)), decipher.final()]);
  } catch {
    throw new KeyringError(source === 'env' ? 'MOTCUA_SECRET_KEY is not the key these signing keys were sealed with' : 'the stored signing key is damaged');
  }
}
