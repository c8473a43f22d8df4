// The capacity demo's extra officials of a demo commune (plan.ts), created when missing. The dossier history
// creates them first (it needs them as handlers, and knows no password); seedCapacityDemo gives them the demo
// password afterwards.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { EXTRA_OFFICIALS, type Suffix } from './plan.js';

/** The password hash of accounts nobody signs in as (no hash verifies against it). */
export const HISTORY_ONLY_PASSWORD = '!history-only';

/** By login prefix: the extra officials of the commune, each with their role in their office. */
export async function ensureExtraOfficials(
  db: Kysely<DB> | Transaction<DB>,
  unitId: number,
  suffix: Suffix,
  passwordHash = HISTORY_ONLY_PASSWORD,
): Promise<Map<string, { id: number; name: string }>> {
  const out = new Map<string, { id: number; name: string }>();
  for (const x of EXTRA_OFFICIALS) {
    const username = `${x.prefix}.${suffix}`;
    const a =
      (await db.selectFrom('accounts').select(['id', 'full_name']).where('username', '=', username).executeTakeFirst()) ??
      (await db.insertInto('accounts').values({ username, full_name: x.names[suffix], password_hash: passwordHash }).returning(['id', 'full_name']).executeTakeFirstOrThrow());
    const office = await db.selectFrom('offices').select('id').where('unit_id', '=', unitId).where('code', '=', x.office).executeTakeFirst();
    await db
      .insertInto('role_grants')
      .values({ account_id: a.id, role: x.role, unit_id: unitId, office_id: office?.id ?? null })
      .onConflict((oc) => oc.columns(['account_id', 'role', 'unit_id']).doNothing())
      .execute();
    out.set(x.prefix, { id: a.id, name: a.full_name });
  }
  return out;
}
