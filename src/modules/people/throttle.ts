// Login throttling: after MAX_FAILURES failed attempts for one key (a username, or a client address)
// within WINDOW, the key is locked for LOCK. Kept in the database so it survives restarts and is shared
// by every server process.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

/** Seconds until the key may try again, or 0. */
export async function lockedFor(db: Kysely<DB>, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
  if (!row?.locked_until) return 0;
  const ms = new Date(row.locked_until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

export async function recordFailure(db: Kysely<DB>, key: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  // One statement: a new window starts if the old one expired; the lock is set on the MAX_FAILURES-th failure.
  await sql`
    insert into login_throttle as t (key, failures, window_start, locked_until)
    values (${key}, 1, ${now}, null)
    on conflict (key) do update set
      failures = case when t.window_start < ${windowStart} then 1 else t.failures + 1 end,
      window_start = case when t.window_start < ${windowStart} then ${now} else t.window_start end,
      locked_until = case
        when t.window_start >= ${windowStart} and t.failures + 1 >= ${MAX_FAILURES}
        then ${new Date(now.getTime() + LOCK_MS)}::timestamptz
        else t.locked_until end`.execute(db);
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
