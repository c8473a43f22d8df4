// What a unit charges for a procedure (its phí and lệ phí lines) and where the money goes (its beneficiary
// account at the payment platform). Admins edit both; officials read the lines when they request a fee.
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.js';
import type { ChannelInfo } from '../../catalogue/domain.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { bi } from '../../../http/errors.js';
import { FeeLineInput } from '../../dossiers/transitions.js';
import { isoVn } from '../../../http/time.js';

type Db = Kysely<DB> | Transaction<DB>;

export const FeeLine = FeeLineInput.extend({ active: z.boolean().default(true) });
export type FeeLine = z.infer<typeof FeeLine>;

export const FeeLinesInput = z
  .object({ lines: z.array(FeeLine).max(30) })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.lines.forEach((l, i) => {
      if (seen.has(l.code)) ctx.addIssue({ code: 'custom', path: ['lines', i, 'code'], ...bi(`Mã khoản "${l.code}" bị lặp`, `Line code "${l.code}" appears twice`) });
      seen.add(l.code);
    });
  });
export type FeeLinesInput = z.infer<typeof FeeLinesInput>;

export const PaymentAccountInput = z.object({
  platformUnit: z.string().trim().min(1).max(40),
  accountNo: z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/, bi('Số tài khoản gồm 4–40 chữ số hoặc chữ cái', 'An account number has 4–40 digits or letters')),
  bankCode: z.string().trim().min(2).max(20),
  accountName: z.string().trim().min(2).max(200),
});
export type PaymentAccountInput = z.infer<typeof PaymentAccountInput>;

/**
 * The line the national catalogue suggests when the unit has set none: the first channel with an amount in
 * đồng. Catalogue texts name "lệ phí" (a charge) or "phí" (a fee); a bare amount is taken as a fee.
 */
export function catalogueDefaultLines(procedureName: string, channels: ChannelInfo[]): Array<Omit<FeeLine, 'active'>> {
  const row = channels.find((c) => (c.fee.amount ?? 0) > 0 && (c.fee.currency === null || c.fee.currency === 'VND'));
  if (!row) return [];
  const text = `${row.fee.text ?? ''} ${row.description ?? ''}`.toLowerCase();
  const kind = /lệ phí/.test(text) ? 'charge' : 'fee';
  const subject = procedureName.replace(/^thủ tục\s+/i, '');
  const name = `${kind === 'charge' ? 'Lệ phí' : 'Phí'} ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`.slice(0, 300);
  return [{ code: kind === 'charge' ? 'LP01' : 'P01', name, kind, amount: row.fee.amount! }];
}

export async function listFeeLines(db: Db, unitId: number, procedureId: number) {
  const rows = await db
    .selectFrom('procedure_fee_lines')
    .select(['code', 'name', 'kind', 'amount', 'active', 'updated_at'])
    .where('unit_id', '=', unitId)
    .where('procedure_id', '=', procedureId)
    .orderBy('position')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, amount: r.amount, active: r.active, updatedAt: isoVn(r.updated_at) }));
}

/** Replaces the unit's lines for the procedure with `lines`, in their order; one audit entry. */
export async function replaceFeeLines(tx: Transaction<DB>, p: { unitId: number; procedureId: number; procedureCode: string; lines: FeeLine[]; actorId: number; actorRole: string; now: Date }): Promise<void> {
  const before = await listFeeLines(tx, p.unitId, p.procedureId);
  await tx.deleteFrom('procedure_fee_lines').where('unit_id', '=', p.unitId).where('procedure_id', '=', p.procedureId).execute();
  if (p.lines.length) {
    await tx
      .insertInto('procedure_fee_lines')
      .values(
        p.lines.map((l, i) => ({
          unit_id: p.unitId,
          procedure_id: p.procedureId,
          code: l.code,
          name: l.name,
          kind: l.kind,
          amount: l.amount,
          active: l.active,
          position: i + 1,
          updated_by: p.actorId,
          updated_at: p.now,
        })),
      )
      .execute();
  }
  await appendAudit(tx, {
    chain: chainForUnit(p.unitId),
    at: p.now,
    actorId: p.actorId,
    actorRole: p.actorRole,
    action: 'procedure.fee_lines_set',
    entity: 'procedure',
    entityId: p.procedureCode,
    details: { before: before.map(({ updatedAt: _u, ...l }) => l), after: p.lines },
  });
}

export async function findPaymentAccount(db: Db, unitId: number) {
  return db.selectFrom('payment_accounts').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

export async function savePaymentAccount(tx: Transaction<DB>, p: { unitId: number; input: PaymentAccountInput; actorId: number; actorRole: string; now: Date }): Promise<void> {
  const values = {
    platform_unit: p.input.platformUnit,
    account_no: p.input.accountNo,
    bank_code: p.input.bankCode,
    account_name: p.input.accountName,
    updated_by: p.actorId,
    updated_at: p.now,
  };
  await tx
    .insertInto('payment_accounts')
    .values({ unit_id: p.unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
  await appendAudit(tx, {
    chain: chainForUnit(p.unitId),
    at: p.now,
    actorId: p.actorId,
    actorRole: p.actorRole,
    action: 'unit.payment_account_set',
    entity: 'unit',
    entityId: String(p.unitId),
    details: { platformUnit: p.input.platformUnit, bankCode: p.input.bankCode, accountNo: p.input.accountNo },
  });
}
