// argon2id password hashes (OWASP parameters by default; tests pass cheaper ones through Config).
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package's enum is an ambient const enum, which isolated modules cannot read.
const ARGON2ID = 2;
import type { Config } from '../../config.js';

export function hashPassword(password: string, cost: Config['argon2']): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...cost });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash to verify against when the username does not exist, so both paths take the same time.
let dummy: Promise<string> | null = null;
export function dummyHash(cost: Config['argon2']): Promise<string> {
  dummy ??= hashPassword('not-a-real-password', cost);
  return dummy;
}
