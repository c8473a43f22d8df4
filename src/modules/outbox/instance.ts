// This installation's identity (a UUID made by migration 003): part of every idempotency key it sends, so two
// MotCua instances talking to one national portal never collide.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const cache = new WeakMap<Kysely<DB>, Promise<string>>();

export function instanceId(db: Kysely<DB>): Promise<string> {
  let id = cache.get(db);
  if (!id) {
    id = db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', 'instance_id')
      .executeTakeFirstOrThrow()
      .then((r) => String(typeof r.value === 'string' && r.value.startsWith('"') ? JSON.parse(r.value) : r.value));
    id.catch(() => cache.delete(db));
    cache.set(db, id);
  }
  return id;
}
