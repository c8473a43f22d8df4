// Sessions: a random token in an HttpOnly, SameSite=Strict cookie; only its SHA-256 is stored.
// Each session has a CSRF token that unsafe requests must echo in the X-CSRF-Token header.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor, Grant } from './actor.js';
import type { Role } from './roles.js';

export const SESSION_COOKIE = 'motcua_session';
export const CSRF_COOKIE = 'motcua_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const token = () => crypto.randomBytes(32).toString('base64url');

export async function createSession(db: Kysely<DB>, accountId: number, now: Date) {
  const raw = token();
  const csrfToken = token();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(raw),
      account_id: accountId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    })
    .execute();
  return { token: raw, csrfToken };
}

export async function endSession(db: Kysely<DB>, raw: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(raw)).execute();
}

/** The actor behind a session cookie, or undefined if the session is unknown, expired or idle too long. */
export async function actorForSession(db: Kysely<DB>, raw: string, now: Date): Promise<Actor | undefined> {
  const hash = sha256(raw);
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['s.csrf_token', 's.expires_at', 's.last_seen_at', 'a.id', 'a.username', 'a.full_name', 'a.locale', 'a.active'])
    .where('s.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || !row.active) return undefined;
  if (new Date(row.expires_at) <= now || now.getTime() - new Date(row.last_seen_at).getTime() > SESSION_IDLE_MS) {
    await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
    return undefined;
  }
  // Touch at most once a minute: a busy official's requests should not each write.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', hash).execute();
  }
  return {
    accountId: row.id,
    username: row.username,
    fullName: row.full_name,
    locale: row.locale,
    csrfToken: row.csrf_token,
    grants: await grantsOf(db, row.id),
  };
}

export async function grantsOf(db: Kysely<DB>, accountId: number): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .select(['role', 'unit_id', 'office_id'])
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => ({ role: r.role as Role, unitId: r.unit_id, officeId: r.office_id }));
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
