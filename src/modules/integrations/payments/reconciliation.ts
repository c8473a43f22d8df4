// Reconciliation of one day: the platform's statement of settled transactions against the payments MotCua
// recorded, matched by MaGiaoDich, then by MaThamChieu. The matching is a pure function; the store below
// gathers its inputs for one unit.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { fromPlatformTime, type StatementEntry } from './protocol.js';

export interface StatementLine {
  transactionId: string;
  reference: string;
  amount: number;
  paidAt: Date | null;
  platformUnit: string | null;
  bankCode: string | null;
}

export interface RecordedPayment {
  id: number;
  reference: string;
  transactionId: string | null;
  amount: number;
  state: 'pending' | 'paid' | 'cancelled' | 'refunded';
  paidAt: Date | null;
  dossierCode: string;
}

/** A notification MotCua received but could not apply (outcome late or mismatch). */
export interface FlaggedNotice {
  id: number;
  reference: string | null;
  transactionId: string | null;
  amount: number | null;
  outcome: 'late' | 'mismatch';
  reason: string | null;
  receivedAt: Date;
  dossierCode: string | null;
}

export type NotRecordedWhy = 'unknown_reference' | 'pending' | 'cancelled' | 'refunded' | 'paid_other_transaction';

export interface ReconciliationReport {
  matched: Array<{ transactionId: string; reference: string; amount: number; paidAt: Date | null; dossierCode: string }>;
  /** Settled at the platform, not recorded as paid in MotCua (e.g. the notification never came). */
  notRecorded: Array<{ transactionId: string; reference: string; amount: number; paidAt: Date | null; dossierCode: string | null; why: NotRecordedWhy }>;
  /** Recorded as paid in MotCua that day, absent from the platform's statement. */
  notOnStatement: Array<{ transactionId: string | null; reference: string; amount: number; paidAt: Date | null; dossierCode: string }>;
  amountMismatch: Array<{ transactionId: string; reference: string; platformAmount: number; motcuaAmount: number; dossierCode: string; recordedPaid: boolean }>;
  /** Money that came after the fee was settled another way or the dossier ended: to refund or explain. */
  late: Array<{ transactionId: string | null; reference: string | null; amount: number | null; reason: string | null; receivedAt: Date; dossierCode: string | null; onStatement: boolean }>;
  totals: {
    statementCount: number;
    statementAmount: number;
    recordedCount: number;
    recordedAmount: number;
    matchedCount: number;
    matchedAmount: number;
    issues: number;
  };
}

const sum = (xs: Array<{ amount: number }>) => xs.reduce((a, x) => a + x.amount, 0);
const inDay = (d: Date | null, day: { start: Date; end: Date }) => !!d && d >= day.start && d < day.end;

/**
 * `recorded` holds MotCua's payments named by the statement plus those it recorded as paid during the day;
 * `notices` the flagged notifications of the day and those about the statement's transactions.
 */
export function reconcile(statement: StatementLine[], recorded: RecordedPayment[], notices: FlaggedNotice[], day: { start: Date; end: Date }): ReconciliationReport {
  const byTx = new Map(recorded.filter((p) => p.transactionId).map((p) => [p.transactionId!, p]));
  const byRef = new Map(recorded.map((p) => [p.reference, p]));
  const lateTx = new Map(notices.filter((n) => n.outcome === 'late' && n.transactionId).map((n) => [n.transactionId!, n]));
  const r: ReconciliationReport = {
    matched: [],
    notRecorded: [],
    notOnStatement: [],
    amountMismatch: [],
    late: [],
    totals: { statementCount: 0, statementAmount: 0, recordedCount: 0, recordedAmount: 0, matchedCount: 0, matchedAmount: 0, issues: 0 },
  };
  const accounted = new Set<number>();
  const lateShown = new Set<number>();

  for (const s of statement) {
    const p = byTx.get(s.transactionId) ?? byRef.get(s.reference);
    if (!p) {
      r.notRecorded.push({ transactionId: s.transactionId, reference: s.reference, amount: s.amount, paidAt: s.paidAt, dossierCode: null, why: 'unknown_reference' });
      continue;
    }
    const samePayment = p.state === 'paid' && p.transactionId === s.transactionId;
    if (samePayment) accounted.add(p.id);
    if (s.amount !== p.amount) {
      r.amountMismatch.push({ transactionId: s.transactionId, reference: s.reference, platformAmount: s.amount, motcuaAmount: p.amount, dossierCode: p.dossierCode, recordedPaid: samePayment });
      continue;
    }
    if (samePayment) {
      r.matched.push({ transactionId: s.transactionId, reference: s.reference, amount: s.amount, paidAt: s.paidAt, dossierCode: p.dossierCode });
      continue;
    }
    const late = lateTx.get(s.transactionId);
    if (late) {
      lateShown.add(late.id);
      r.late.push({ transactionId: s.transactionId, reference: s.reference, amount: s.amount, reason: late.reason, receivedAt: late.receivedAt, dossierCode: p.dossierCode, onStatement: true });
      continue;
    }
    const why: NotRecordedWhy = p.state === 'paid' ? 'paid_other_transaction' : p.state;
    r.notRecorded.push({ transactionId: s.transactionId, reference: s.reference, amount: s.amount, paidAt: s.paidAt, dossierCode: p.dossierCode, why });
  }

  const paidToday = recorded.filter((p) => p.state === 'paid' && inDay(p.paidAt, day));
  for (const p of paidToday) {
    if (!accounted.has(p.id)) r.notOnStatement.push({ transactionId: p.transactionId, reference: p.reference, amount: p.amount, paidAt: p.paidAt, dossierCode: p.dossierCode });
  }
  for (const n of notices) {
    if (n.outcome !== 'late' || lateShown.has(n.id) || !inDay(n.receivedAt, day)) continue;
    r.late.push({ transactionId: n.transactionId, reference: n.reference, amount: n.amount, reason: n.reason, receivedAt: n.receivedAt, dossierCode: n.dossierCode, onStatement: false });
  }

  r.totals = {
    statementCount: statement.length,
    statementAmount: sum(statement),
    recordedCount: paidToday.length,
    recordedAmount: sum(paidToday),
    matchedCount: r.matched.length,
    matchedAmount: sum(r.matched),
    issues: r.notRecorded.length + r.notOnStatement.length + r.amountMismatch.length + r.late.length,
  };
  return r;
}

export function statementLines(entries: StatementEntry[]): StatementLine[] {
  return entries.map((e) => ({
    transactionId: e.MaGiaoDich,
    reference: e.MaThamChieu,
    amount: e.SoTien,
    paidAt: fromPlatformTime(e.ThoiGianGD),
    platformUnit: e.MaDonVi ?? null,
    bankCode: e.MaNganHang ?? null,
  }));
}

/**
 * The inputs for `reconcile` for the dossiers of `unitIds`: the statement narrowed to the unit (its payments'
 * references, or its platform unit code for references MotCua does not know), the payments and the notices.
 */
export async function loadReconciliation(db: Kysely<DB>, unitIds: number[], day: { start: Date; end: Date }, statement: StatementLine[]) {
  const refs = statement.map((s) => s.reference);
  const txIds = statement.map((s) => s.transactionId);
  const payments = await db
    .selectFrom('payments as p')
    .innerJoin('dossiers as d', 'd.id', 'p.dossier_id')
    .select(['p.id', 'p.reference', 'p.platform_transaction_id', 'p.amount', 'p.state', 'p.paid_at', 'd.code'])
    .where('d.unit_id', 'in', unitIds)
    .where((eb) =>
      eb.or([
        eb.and([eb('p.paid_at', '>=', day.start), eb('p.paid_at', '<', day.end)]),
        ...(refs.length ? [eb('p.reference', 'in', refs), eb('p.platform_transaction_id', 'in', txIds)] : []),
      ]),
    )
    .execute();
  const accounts = await db.selectFrom('payment_accounts').select('platform_unit').where('unit_id', 'in', unitIds).execute();
  const platformUnits = new Set(accounts.map((a) => a.platform_unit));
  const notices = await db
    .selectFrom('payment_notifications as n')
    .leftJoin('payments as p', 'p.id', 'n.payment_id')
    .leftJoin('dossiers as d', 'd.id', 'p.dossier_id')
    .select(['n.id', 'n.reference', 'n.transaction_id', 'n.amount', 'n.outcome', 'n.reason', 'n.received_at', 'd.code', 'd.unit_id', sql<string | null>`n.raw->>'MaDonVi'`.as('platform_unit')])
    .where('n.flagged', '=', true)
    .where((eb) => eb.or([eb.and([eb('n.received_at', '>=', day.start), eb('n.received_at', '<', day.end)]), ...(txIds.length ? [eb('n.transaction_id', 'in', txIds)] : [])]))
    .orderBy('n.id')
    .execute();
  const recorded: RecordedPayment[] = payments.map((p) => ({
    id: p.id,
    reference: p.reference,
    transactionId: p.platform_transaction_id,
    amount: p.amount,
    state: p.state,
    paidAt: p.paid_at ? new Date(p.paid_at) : null,
    dossierCode: p.code,
  }));
  const known = new Set([...recorded.map((p) => p.reference), ...recorded.flatMap((p) => (p.transactionId ? [p.transactionId] : []))]);
  const mine = statement.filter((s) => known.has(s.reference) || known.has(s.transactionId) || (s.platformUnit !== null && platformUnits.has(s.platformUnit)));
  const flagged: FlaggedNotice[] = notices
    .filter((n) => (n.unit_id !== null ? unitIds.includes(n.unit_id) : n.platform_unit !== null && platformUnits.has(n.platform_unit)))
    .map((n) => ({
      id: n.id,
      reference: n.reference,
      transactionId: n.transaction_id,
      amount: n.amount,
      outcome: n.outcome as 'late' | 'mismatch',
      reason: n.reason,
      receivedAt: new Date(n.received_at),
      dossierCode: n.code,
    }));
  return { statement: mine, recorded, notices: flagged.filter((n) => n.outcome === 'late' || n.outcome === 'mismatch') };
}
