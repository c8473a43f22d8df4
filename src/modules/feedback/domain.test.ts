import { describe, expect, it } from 'vitest';
import { allowedActions, answeredOnTime, FEEDBACK_CODE, formatFeedbackCode, maskEmail, normalisePhone, statusOf } from './domain.js';

const due = new Date('2026-12-08T02:00:00Z');
const now = new Date('2026-12-01T02:00:00Z');
const late = new Date('2026-12-09T02:00:00Z');

describe('feedback state', () => {
  it.each([
    [{ due_at: due, assignee_id: null, answered_at: null, satisfied: null }, now, 'received', ['assign', 'answer']],
    [{ due_at: due, assignee_id: 7, answered_at: null, satisfied: null }, now, 'assigned', ['assign', 'answer']],
    [{ due_at: due, assignee_id: 7, answered_at: null, satisfied: null }, late, 'overdue', ['assign', 'answer']],
    [{ due_at: due, assignee_id: null, answered_at: due, satisfied: null }, late, 'answered', ['rate']],
    [{ due_at: due, assignee_id: 7, answered_at: late, satisfied: false }, late, 'answered', []],
  ] as const)('%o at %s → %s, allows %o', (f, at, status, allowed) => {
    expect(statusOf(f, at)).toBe(status);
    expect(allowedActions(f)).toEqual(allowed);
  });

  it('is on time when answered at or before the due instant', () => {
    expect(answeredOnTime({ due_at: due, answered_at: due })).toBe(true);
    expect(answeredOnTime({ due_at: due, answered_at: new Date(due.getTime() + 1) })).toBe(false);
    expect(answeredOnTime({ due_at: due, answered_at: null })).toBeNull();
  });
});

describe('feedback codes', () => {
  it.each([
    ['20122', '2026-11-23T09:00:00+07:00', 1, 'PA.20122.261123.0001'],
    // 00:30 on the 24th in Vietnam is 17:30 UTC on the 23rd: the code takes the local date.
    ['20122', '2026-11-24T00:30:00+07:00', 12, 'PA.20122.261124.0012'],
    ['46', '2026-01-05T08:00:00+07:00', 10000, 'PA.46.260105.10000'],
  ])('%s at %s #%i → %s', (unit, at, seq, code) => {
    const c = formatFeedbackCode(unit, new Date(at), seq);
    expect(c).toBe(code);
    expect(c).toMatch(/^[A-Z0-9.-]{6,40}$/); // the table's check
    expect(FEEDBACK_CODE.test(c)).toBe(true);
  });

  it('refuses a bad unit code or sequence', () => {
    expect(() => formatFeedbackCode('2012a', now, 1)).toThrow(RangeError);
    expect(() => formatFeedbackCode('20122', now, 0)).toThrow(RangeError);
  });
});

describe('contact data', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['84912345678', '0912345678'],
    ['02343822123', '02343822123'],
    ['12345', undefined],
    ['09123456789012', undefined],
    ['abc', undefined],
  ])('normalisePhone(%s) → %s', (raw, out) => {
    expect(normalisePhone(raw)).toBe(out);
  });

  it('masks an email to its first letter and domain', () => {
    expect(maskEmail('huong@example.vn')).toBe('h***@example.vn');
    expect(maskEmail(null)).toBeNull();
  });
});
