// The audit log is hash-chained: each entry's hash covers its content and the previous entry's hash, so
// editing or deleting any entry breaks every hash after it. One chain per unit keeps writers of different
// communes from queueing behind each other; `motcua audit verify` walks every chain.
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { canonicalJson as canonical } from '../../lib/canonical-json.js';

export const GENESIS = '0'.repeat(64);

export interface AuditInput {
  chain: string; // 'unit:<id>' or 'system'
  at: Date;
  actorId: number | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
}

export { canonical };

export function entryHash(prevHash: string, e: { chain: string; seq: number; at: Date; actorId: number | null; actorRole: string | null; action: string; entity: string; entityId: string; details: Record<string, unknown> }): string {
  const body = canonical({
    chain: e.chain,
    seq: e.seq,
    at: new Date(e.at).toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    details: e.details,
  });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends an entry inside the caller's transaction. The chain head row is locked until commit, so
 * entries of one chain are written one after another; call this last in a transaction to hold it briefly.
 */
export async function appendAudit(tx: Transaction<DB>, input: AuditInput): Promise<{ seq: number; hash: string }> {
  await sql`insert into audit_heads (chain, last_seq, last_hash) values (${input.chain}, 0, ${GENESIS}) on conflict (chain) do nothing`.execute(tx);
  const head = await tx
    .updateTable('audit_heads')
    .set({ last_seq: sql`last_seq + 1` })
    .where('chain', '=', input.chain)
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  const details = JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>;
  const seq = Number(head.last_seq);
  const hash = entryHash(head.last_hash, { ...input, seq, details });
  await tx
    .insertInto('audit_log')
    .values({
      chain: input.chain,
      seq,
      at: input.at,
      actor_id: input.actorId,
      actor_role: input.actorRole,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      details: JSON.stringify(details),
      prev_hash: head.last_hash,
      hash,
    })
    .execute();
  await tx.updateTable('audit_heads').set({ last_hash: hash }).where('chain', '=', input.chain).execute();
  return { seq, hash };
}

export interface AuditProblem {
  chain: string;
  seq: number | null;
  problem: 'hash_mismatch' | 'broken_link' | 'missing_entry' | 'head_mismatch';
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  chains: number;
  entries: number;
  problems: AuditProblem[];
}

/** Walks every chain in order and recomputes each hash; reports edited, deleted or re-linked entries. */
export async function verifyAudit(db: Kysely<DB>, batch = 5000): Promise<AuditVerification> {
  const heads = await db.selectFrom('audit_heads').selectAll().orderBy('chain').execute();
  const problems: AuditProblem[] = [];
  let entries = 0;
  for (const head of heads) {
    let prev = GENESIS;
    let expectedSeq = 1;
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', head.chain)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batch)
        .execute();
      if (rows.length === 0) break;
      for (const r of rows) {
        entries++;
        const seq = Number(r.seq);
        if (seq !== expectedSeq) {
          problems.push({ chain: head.chain, seq: expectedSeq, problem: 'missing_entry', message: `entries ${expectedSeq}..${seq - 1} are missing (deleted)` });
        }
        if (r.prev_hash !== prev) {
          problems.push({ chain: head.chain, seq, problem: 'broken_link', message: `entry ${seq} does not follow the entry before it` });
        }
        const recomputed = entryHash(r.prev_hash, {
          chain: r.chain,
          seq,
          at: r.at,
          actorId: r.actor_id,
          actorRole: r.actor_role,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          details: r.details as Record<string, unknown>,
        });
        if (recomputed !== r.hash) {
          problems.push({ chain: head.chain, seq, problem: 'hash_mismatch', message: `entry ${seq} was changed after it was written` });
        }
        prev = r.hash;
        expectedSeq = seq + 1;
        lastSeq = seq;
      }
    }
    if (lastSeq !== Number(head.last_seq) || prev !== head.last_hash) {
      problems.push({
        chain: head.chain,
        seq: Number(head.last_seq),
        problem: 'head_mismatch',
        message: `the chain should end at entry ${head.last_seq} but ends at ${lastSeq} (entries deleted at the end?)`,
      });
    }
  }
  return { ok: problems.length === 0, chains: heads.length, entries, problems };
}

export const chainForUnit = (unitId: number | null | undefined) => (unitId ? `unit:${unitId}` : 'system');
