// Practice mode's pure rules: practice codes never look real, due dates across Tết on the real calendar, scoring.
import { describe, expect, it } from 'vitest';
import { buildWorkCalendar, loadShippedSchedules } from '../../calendar/index.js';
import { DOSSIER_CODE } from '../../dossiers/code.js';
import { expectedDueDate, levelForScore, practiceCode, scoreAttempt, withStatutoryYear, type Expected, type ScoreInput } from './domain.js';

const national = buildWorkCalendar(loadShippedSchedules());
const TET = '2027-02-04T15:00:00+07:00';

describe('practice codes', () => {
  it.each([
    ['20122', 1],
    ['19942', 987654],
    ['46', 12],
  ])('THUCHANH-%s-%i never matches a real dossier code', (unit, id) => {
    const code = practiceCode(unit, id);
    expect(code).toBe(`THUCHANH-${unit}-${id}`);
    expect(DOSSIER_CODE.test(code)).toBe(false);
  });
});

describe('due dates across Tết 2027', () => {
  it.each([
    [{ value: 1, unit: 'working_day' as const }, '2027-02-12'],
    [{ value: 5, unit: 'working_day' as const }, '2027-02-18'],
    [{ value: 8, unit: 'working_day' as const }, '2027-02-23'],
    [{ value: 10, unit: 'day' as const }, '2027-02-15'],
  ])('%o from Thursday 4/2/2027 15:00 → %s (Tết 5–11/02 skipped)', (limit, due) => {
    expect(expectedDueDate(national, { receivedAt: TET, limit })).toBe(due);
  });

  it('fills in a year the calendar does not hold yet, and leaves a confirmed year alone', () => {
    expect([...national.days.keys()].some((d) => d.startsWith('2027-'))).toBe(false);
    const filled = withStatutoryYear(national, 2027);
    expect(filled.days.get('2027-02-08')?.kind).toBe('holiday');
    expect(filled.days.get('2027-02-11')?.kind).toBe('day_off_in_lieu');
    // 2026 is confirmed (shipped): the statutory suggestion is not merged over it.
    expect(withStatutoryYear(national, 2026)).toBe(national);
    // A unit that confirmed a different 2027 (here: only 8/2 off) is taken as it is.
    const confirmed = buildWorkCalendar([...loadShippedSchedules(), { date: '2027-02-08', kind: 'holiday', name: 'Tết' }]);
    expect(expectedDueDate(confirmed, { receivedAt: TET, limit: { value: 1, unit: 'working_day' } })).toBe('2027-02-05');
  });
});

const expected = (over: Partial<Expected> = {}): Expected => ({ decision: 'request_supplement', missing: ['c4'], originals: [], fee: 0, dueDate: null, dueBasis: null, ...over });
const start = new Date('2026-11-23T09:00:00+07:00');
const base = (over: Partial<ScoreInput> = {}): ScoreInput => ({
  expected: expected(),
  planted: [{ kind: 'missing_component', componentKey: 'c4' }],
  observed: { decision: 'request_supplement', listedMissing: ['c4'], decidedAt: new Date(start.getTime() + 5 * 60_000) },
  answers: {},
  correctFee: 0,
  correctDueDate: null,
  startedAt: start,
  finishedAt: new Date(start.getTime() + 6 * 60_000),
  timeTargetMinutes: 10,
  ...over,
});
const points = (r: ReturnType<typeof scoreAttempt>) => Object.fromEntries(r.breakdown.map((b) => [b.item, [b.points, b.max]]));

describe('scoring', () => {
  it('a perfect missing-component attempt scores 100, and the maxima always sum to 100', () => {
    const r = scoreAttempt(base());
    expect(r.score).toBe(100);
    expect(r.breakdown.map((b) => b.item)).toEqual(['decision', 'missing', 'time']);
    expect(r.breakdown.reduce((a, b) => a + b.max, 0)).toBe(100);
    expect(r.breakdown.reduce((a, b) => a + b.points, 0)).toBe(r.score);
  });

  it('receiving a dossier with a missing component loses the decision and the missing items', () => {
    const r = scoreAttempt(base({ observed: { decision: 'receive', listedMissing: [], decidedAt: start } }));
    expect(points(r)).toEqual({ decision: [0, 51], missing: [0, 35], time: [14, 14] });
    expect(r.score).toBe(14);
  });

  it('a wrongly listed component costs as much as a found one earns', () => {
    const two = base({ expected: expected({ missing: ['c4', 'c8'] }) });
    expect(points(scoreAttempt({ ...two, observed: { ...two.observed, listedMissing: ['c4'] } })).missing).toEqual([18, 35]);
    expect(points(scoreAttempt({ ...two, observed: { ...two.observed, listedMissing: ['c4', 'c8', 'c1'] } })).missing).toEqual([18, 35]);
    expect(points(scoreAttempt({ ...two, observed: { ...two.observed, listedMissing: ['c1'] } })).missing).toEqual([0, 35]);
  });

  it('scores the fee, the originals and the due date only when the scenario plants them', () => {
    const s = base({
      expected: expected({ decision: 'receive', missing: [], originals: ['c4'], dueDate: '2027-02-12' }),
      planted: [{ kind: 'wrong_fee', declared: 8000 }, { kind: 'needs_original', componentKey: 'c4' }, { kind: 'due_across_tet', receivedAt: TET, limit: { value: 1, unit: 'working_day' } }],
      observed: { decision: 'receive', listedMissing: [], decidedAt: start },
      correctDueDate: '2027-02-12',
      answers: { fee: 0, originals: ['c4'], dueDate: '2027-02-12' },
    });
    const r = scoreAttempt(s);
    expect(r.breakdown.map((b) => b.item)).toEqual(['decision', 'originals', 'fee', 'due_date', 'time']);
    expect(r.score).toBe(100);
    const wrong = scoreAttempt({ ...s, answers: { fee: 8000, originals: [], dueDate: '2027-02-05' } });
    expect(points(wrong).fee![0]).toBe(0);
    expect(points(wrong).due_date![0]).toBe(0);
    expect(points(wrong).originals![0]).toBe(0);
    expect(wrong.score).toBe(points(wrong).decision![0]! + points(wrong).time![0]!);
  });

  it.each([
    [5, 1],
    [10, 1],
    [15, 0.5],
    [20, 0],
    [45, 0],
  ])('time: %i minutes against a 10-minute target earns %f of the time points', (minutes, share) => {
    const r = scoreAttempt(base({ observed: { decision: 'request_supplement', listedMissing: ['c4'], decidedAt: new Date(start.getTime() + minutes * 60_000) } }));
    expect(points(r).time![0]).toBe(Math.round(14 * share));
  });

  it('no decision taken: the decision earns nothing and the time counts to the finish', () => {
    const r = scoreAttempt(base({ observed: { decision: null, listedMissing: [], decidedAt: null }, finishedAt: new Date(start.getTime() + 30 * 60_000) }));
    expect(r.score).toBe(0);
    expect(r.breakdown[0]!.detail.en).toContain('no decision');
  });

  it.each([
    [100, 2],
    [85, 2],
    [84, 1],
    [60, 1],
    [59, 0],
    [0, 0],
  ])('score %i shows level %i', (score, level) => expect(levelForScore(score)).toBe(level));
});
