// Idempotency-Key for creating actions: the first request's answer is stored in the same transaction as the
// change it made, so a retry (after a timeout, a double click, a flaky link) returns that answer and changes nothing.
import crypto from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { AppError, badInput } from '../../errors.js';

export type IdempotencyKey = string;

export function parseIdempotencyKey(header: string | string[] | undefined): IdempotencyKey | null {
  const v = Array.isArray(header) ? header[0] : header;
  if (v === undefined) return null;
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(v)) {
    throw badInput('Idempotency-Key', {
      vi: 'Idempotency-Key phải dài 8–128 ký tự (chữ, số, - _ . :).',
      en: 'Idempotency-Key must be 8–128 characters (letters, digits, - _ . :).',
    });
  }
  return v;
}

export interface Stored<T> {
  status: number;
  body: T;
  replayed?: boolean;
}

export async function withIdempotency<T>(
  ctx: AppContext,
  scope: string,
  key: IdempotencyKey | null,
  request: unknown,
  work: (tx: Transaction<DB>) => Promise<Stored<T>>,
): Promise<Stored<T>> {
  if (!key) return ctx.db.transaction().execute(work);
  const hash = crypto.createHash('sha256').update(JSON.stringify(request)).digest('hex');
  return ctx.db.transaction().execute(async (tx) => {
    // A concurrent duplicate waits here on the unique key until the first transaction ends.
    const claimed = await sql<{ key: string }>`
      insert into idempotency_keys (scope, key, request_hash, created_at) values (${scope}, ${key}, ${hash}, ${ctx.clock.now()})
      on conflict (scope, key) do nothing returning key`.execute(tx);
    if (claimed.rows.length === 0) {
      const prior = await tx.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirstOrThrow();
      if (prior.request_hash !== hash) {
        throw new AppError('domain_rule', {
          vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
          en: 'This Idempotency-Key was already used for a different request.',
        });
      }
      return { status: prior.status_code ?? 200, body: prior.response as T, replayed: true };
    }
    const result = await work(tx);
    await tx
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, response: JSON.stringify(result.body) })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
    return result;
  });
}
