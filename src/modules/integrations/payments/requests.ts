// Payment requests follow the dossier's fee: the store calls these inside the transaction that requests or
// records a fee, so the request exists the moment the clock pauses and no platform has to answer for it.
// Deliberately free of imports from the dossiers module (which imports this file).
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

export interface RequestedLine {
  code: string;
  name: string;
  kind: 'fee' | 'charge';
  amount: number;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** MaThamChieu: "MC", the day in Vietnam (yyMMdd), 8 random characters. Unguessable, short enough for any bank. */
export function newReference(now: Date, random: (n: number) => Buffer = crypto.randomBytes): string {
  const day = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(2, 10).replace(/-/g, '');
  const tail = [...random(8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `MC${day}${tail}`;
}

/** Copies the fee's lines and opens its payment request (state pending, no platform transaction yet). */
export async function openPaymentRequest(
  tx: Transaction<DB>,
  p: { dossierId: number; feeId: number; amount: number; lines: RequestedLine[]; now: Date },
): Promise<{ id: number; reference: string }> {
  if (p.lines.length) {
    await tx
      .insertInto('dossier_fee_lines')
      .values(p.lines.map((l, i) => ({ fee_id: p.feeId, position: i + 1, code: l.code, name: l.name, kind: l.kind, amount: l.amount })))
      .execute();
  }
  // A free "fee" (0 đồng) has nothing to pay online.
  if (p.amount <= 0) return { id: 0, reference: '' };
  return tx
    .insertInto('payments')
    .values({ dossier_id: p.dossierId, fee_id: p.feeId, reference: newReference(p.now), amount: p.amount, created_at: p.now, updated_at: p.now })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
}

/**
 * The fee was paid some other way (cash, bank transfer at the counter): the open online request is cancelled,
 * so money the platform reports for it later is flagged as late instead of being applied twice. An official who
 * records an online payment by hand leaves the request open: the platform's notification then completes it.
 */
export async function closePaymentRequests(tx: Transaction<DB>, dossierId: number, method: string, now: Date): Promise<void> {
  if (method === 'online') return;
  await tx.updateTable('payments').set({ state: 'cancelled', updated_at: now }).where('dossier_id', '=', dossierId).where('state', '=', 'pending').execute();
}
