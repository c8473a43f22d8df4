// This installation's identity (a UUID made by migration 003): part of every idempotency key it sends, so two
// MotCua instances talking to one national portal never collide.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const cache = new WeakMap<Kysely<DB>, Promise<string>>();

export function instanceId(db: Kysely<DB>): Promise<string> {
  let id = cache.get(db);
  if (!id) {
    id = (async () => {
      // Migration 003 makes it; a restore of an older backup with --force may have emptied the table.
      await db
        .insertInto('instance_settings')
        .values({ key: 'instance_id', value: JSON.stringify(crypto.randomUUID()) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const r = await db.selectFrom('instance_settings').select('value').where('key', '=', 'instance_id').executeTakeFirstOrThrow();
      return String(typeof r.value === 'string' && r.value.startsWith('"') ? JSON.parse(r.value) : r.value);
    })();
    id.catch(() => cache.delete(db));
    cache.set(db, id);
  }
  return id;
}
