// The pure parts of payments: matching a day's statement against MotCua's payments, and what a platform
// notification does given the payment, the fee and the dossier. Tables of cases.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reconcile, type FlaggedNotice, type RecordedPayment, type StatementLine } from './reconciliation.js';
import { decideNotice, type NoticeFacts } from './notify.js';
import { fromPlatformTime, toPlatformTime, vnDay } from './protocol.js';
import { newReference } from './requests.js';

const day = vnDay('2026-11-23');
const at = (hhmm: string, date = '2026-11-23') => new Date(`${date}T${hhmm}:00+07:00`);
const line = (tx: string, ref: string, amount: number, time = '10:00'): StatementLine => ({ transactionId: tx, reference: ref, amount, paidAt: at(time), platformUnit: '20122', bankCode: 'VCB' });
let nextId = 1;
const payment = (ref: string, amount: number, state: RecordedPayment['state'], tx: string | null, paidAt: Date | null = null): RecordedPayment => ({
  id: nextId++,
  reference: ref,
  transactionId: tx,
  amount,
  state,
  paidAt,
  dossierCode: `D-${ref}`,
});
const notice = (tx: string, ref: string, outcome: 'late' | 'mismatch', receivedAt = at('11:00'), reason = 'paid_at_counter'): FlaggedNotice => ({
  id: nextId++,
  reference: ref,
  transactionId: tx,
  amount: 10_000,
  outcome,
  reason,
  receivedAt,
  dossierCode: `D-${ref}`,
});

describe('reconcile', () => {
  const cases: Array<{ name: string; statement: StatementLine[]; recorded: RecordedPayment[]; notices?: FlaggedNotice[]; expect: Partial<Record<'matched' | 'notRecorded' | 'notOnStatement' | 'amountMismatch' | 'late', string[]>> }> = [
    { name: 'nothing on either side', statement: [], recorded: [], expect: { matched: [], notRecorded: [], notOnStatement: [], amountMismatch: [], late: [] } },
    { name: 'paid and on the statement', statement: [line('T1', 'R1', 10_000)], recorded: [payment('R1', 10_000, 'paid', 'T1', at('10:00'))], expect: { matched: ['R1'], notRecorded: [], notOnStatement: [] } },
    { name: 'matched by reference when MotCua has the transaction id too', statement: [line('T2', 'R2', 5_000)], recorded: [payment('R2', 5_000, 'paid', 'T2', at('09:00'))], expect: { matched: ['R2'] } },
    { name: 'notification withheld: pending in MotCua', statement: [line('T3', 'R3', 10_000)], recorded: [payment('R3', 10_000, 'pending', 'T3')], expect: { matched: [], notRecorded: ['R3'] } },
    { name: 'unknown reference', statement: [line('T4', 'R4', 10_000)], recorded: [], expect: { notRecorded: ['R4'] } },
    { name: 'recorded paid, absent from the statement', statement: [], recorded: [payment('R5', 10_000, 'paid', 'T5', at('15:00'))], expect: { notOnStatement: ['R5'], matched: [] } },
    { name: 'recorded paid on another day is not this day’s business', statement: [], recorded: [payment('R6', 10_000, 'paid', 'T6', at('15:00', '2026-11-22'))], expect: { notOnStatement: [] } },
    { name: 'amount differs (notification refused)', statement: [line('T7', 'R7', 40_000)], recorded: [payment('R7', 50_000, 'pending', 'T7')], expect: { amountMismatch: ['R7'], matched: [], notRecorded: [] } },
    { name: 'amount differs though recorded paid', statement: [line('T8', 'R8', 40_000)], recorded: [payment('R8', 50_000, 'paid', 'T8', at('10:00'))], expect: { amountMismatch: ['R8'], notOnStatement: [] } },
    { name: 'late after counter payment, on the statement', statement: [line('T9', 'R9', 10_000)], recorded: [payment('R9', 10_000, 'cancelled', 'T9')], notices: [notice('T9', 'R9', 'late')], expect: { late: ['R9'], notRecorded: [] } },
    { name: 'cancelled without a late notice is not recorded', statement: [line('T10', 'R10', 10_000)], recorded: [payment('R10', 10_000, 'cancelled', null)], expect: { notRecorded: ['R10'], late: [] } },
    { name: 'late notice received today for a transaction settled another day', statement: [], recorded: [], notices: [notice('T11', 'R11', 'late')], expect: { late: ['R11'] } },
    { name: 'late notice of another day, not on the statement: not listed', statement: [], recorded: [], notices: [notice('T12', 'R12', 'late', at('11:00', '2026-11-20'))], expect: { late: [] } },
    { name: 'paid twice at the platform: the second is not recorded', statement: [line('T13', 'R13', 10_000), line('T13b', 'R13', 10_000, '10:05')], recorded: [payment('R13', 10_000, 'paid', 'T13', at('10:00'))], expect: { matched: ['R13'], notRecorded: ['R13'] } },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const r = reconcile(c.statement, c.recorded, c.notices ?? [], day);
      for (const [key, refs] of Object.entries(c.expect)) {
        expect((r[key as keyof typeof c.expect] as Array<{ reference: string | null }>).map((x) => x.reference), key).toEqual(refs);
      }
    });
  }

  it('explains why a settled transaction is not recorded and counts the totals', () => {
    const r = reconcile(
      [line('A', 'RA', 10_000), line('B', 'RB', 20_000), line('C', 'RC', 30_000)],
      [payment('RA', 10_000, 'paid', 'A', at('10:00')), payment('RB', 20_000, 'pending', 'B'), payment('RD', 5_000, 'paid', 'D', at('16:00'))],
      [],
      day,
    );
    expect(r.notRecorded.map((x) => [x.reference, x.why, x.dossierCode])).toEqual([
      ['RB', 'pending', 'D-RB'],
      ['RC', 'unknown_reference', null],
    ]);
    expect(r.totals).toEqual({ statementCount: 3, statementAmount: 60_000, recordedCount: 2, recordedAmount: 15_000, matchedCount: 1, matchedAmount: 10_000, issues: 3 });
  });

  it('puts every statement line in exactly one list (property)', () => {
    const state = fc.constantFrom<RecordedPayment['state']>('pending', 'paid', 'cancelled', 'refunded');
    fc.assert(
      fc.property(
        fc.array(fc.record({ k: fc.integer({ min: 0, max: 5 }), amount: fc.constantFrom(10_000, 20_000), state, recorded: fc.boolean(), sameTx: fc.boolean() }), { maxLength: 12 }),
        (rows) => {
          const statement: StatementLine[] = [];
          const recorded: RecordedPayment[] = [];
          const seenRef = new Set<string>();
          rows.forEach((row, i) => {
            statement.push(line(`T${i}`, `R${row.k}`, row.amount));
            if (row.recorded && !seenRef.has(`R${row.k}`)) {
              seenRef.add(`R${row.k}`);
              recorded.push(payment(`R${row.k}`, 10_000, row.state, row.sameTx ? `T${i}` : null, row.state === 'paid' ? at('10:00') : null));
            }
          });
          const r = reconcile(statement, recorded, [], day);
          const onStatement = r.late.filter((l) => l.onStatement).length;
          return r.matched.length + r.notRecorded.length + r.amountMismatch.length + onStatement === statement.length;
        },
      ),
    );
  });
});

describe('decideNotice', () => {
  const base: NoticeFacts = {
    notice: { paid: true, amount: 50_000, transactionId: 'T1' },
    payment: { state: 'pending', amount: 50_000, transactionId: 'T1' },
    fee: { paid: false, method: null },
    dossierStatus: 'fee_requested',
    seenBefore: false,
  };
  const with_ = (p: { notice?: Partial<NoticeFacts['notice']>; payment?: Partial<NoticeFacts['payment']>; fee?: Partial<NoticeFacts['fee']>; dossierStatus?: string; seenBefore?: boolean }): NoticeFacts => ({
    notice: { ...base.notice, ...p.notice },
    payment: { ...base.payment, ...p.payment },
    fee: { ...base.fee, ...p.fee },
    dossierStatus: p.dossierStatus ?? base.dossierStatus,
    seenBefore: p.seenBefore ?? false,
  });
  const cases: Array<[string, NoticeFacts, { outcome: string; reason?: string; resume?: boolean; flagged?: boolean; paymentState?: string }]> = [
    ['paid, waiting dossier: applied and resumes', base, { outcome: 'applied', resume: true, paymentState: 'paid' }],
    ['paid, transaction id not yet stored', with_({ payment: { transactionId: null } }), { outcome: 'applied', resume: true }],
    ['the same notification again', with_({ seenBefore: true }), { outcome: 'duplicate' }],
    ['payment already paid by this transaction', with_({ payment: { state: 'paid' } }), { outcome: 'duplicate', reason: 'already_paid' }],
    ['wrong amount', with_({ notice: { amount: 40_000 } }), { outcome: 'mismatch', reason: 'amount', flagged: true }],
    ['after the request was cancelled', with_({ payment: { state: 'cancelled' } }), { outcome: 'late', reason: 'payment_cancelled', flagged: true }],
    ['after a refund', with_({ payment: { state: 'refunded' } }), { outcome: 'late', flagged: true }],
    ['a second transaction for a paid request', with_({ payment: { state: 'paid', transactionId: 'T0' } }), { outcome: 'late', reason: 'paid_twice', flagged: true }],
    ['fee paid at the counter in the meantime', with_({ fee: { paid: true, method: 'cash' } }), { outcome: 'late', reason: 'paid_at_counter', flagged: true }],
    ['an official recorded the online payment by hand', with_({ fee: { paid: true, method: 'online' }, dossierStatus: 'processing' }), { outcome: 'applied', resume: false, paymentState: 'paid' }],
    ['dossier withdrawn', with_({ dossierStatus: 'withdrawn' }), { outcome: 'late', reason: 'dossier_withdrawn', flagged: true }],
    ['dossier stopped', with_({ dossierStatus: 'stopped' }), { outcome: 'late', reason: 'dossier_stopped', flagged: true }],
    ['failure for the open request: cancels it', with_({ notice: { paid: false } }), { outcome: 'applied', reason: 'failed_at_platform', resume: false, paymentState: 'cancelled' }],
    ['failure after the request closed', with_({ notice: { paid: false }, payment: { state: 'paid' } }), { outcome: 'late', flagged: false }],
    ['failure of another transaction than the open one', with_({ notice: { paid: false, transactionId: 'T9' } }), { outcome: 'late', flagged: false }],
  ];
  for (const [name, facts, want] of cases) {
    it(name, () => {
      const d = decideNotice(facts);
      expect(d.outcome).toBe(want.outcome);
      if (want.reason) expect(d.reason).toBe(want.reason);
      if (want.resume !== undefined) expect(d.outcome === 'applied' && d.resumeDossier).toBe(want.resume);
      if (want.paymentState) expect(d.outcome === 'applied' && d.paymentState).toBe(want.paymentState);
      if (want.flagged !== undefined) expect('flagged' in d && d.flagged).toBe(want.flagged);
    });
  }
});

describe('protocol details', () => {
  it('writes and reads the platform time in Vietnam time', () => {
    expect(toPlatformTime(new Date('2026-11-23T02:30:05Z'))).toBe('20261123093005');
    expect(fromPlatformTime('20261123093005')?.toISOString()).toBe('2026-11-23T02:30:05.000Z');
    expect(fromPlatformTime('2026-11-23')).toBeNull();
    expect(fromPlatformTime('20261399000000')).toBeNull();
  });

  it('makes references of the Vietnam day and 8 unambiguous characters', () => {
    // 23:30 on the 22nd in UTC is already the 23rd in Vietnam.
    const r = newReference(new Date('2026-11-22T23:30:00Z'), (n) => Buffer.alloc(n, 0));
    expect(r).toBe('MC26112300000000');
    expect(newReference(new Date())).toMatch(/^MC\d{6}[0-9A-HJ-NP-Z]{8}$/);
  });
});
