import { describe, expect, it } from 'vitest';
import { addMonths, certificateExpiry, displayStatus, impactWindows, parseNote, quartersByUrgency, rates, scoreText, sumCounts, verdict, verificationCode } from './domain.js';

const S = (seq: number, heldOn: string, present: boolean | null) => ({ seq, heldOn, present });
const T = (seq: number, score: number | null, name = `Bài ${seq}`) => ({ seq, name, score });

describe('who passes a class', () => {
  it.each([
    { what: 'full attendance, every test at 5 or above', sessions: [S(1, '2026-08-10', true), S(2, '2026-08-12', true)], tests: [T(1, 5), T(2, 9.75)], passed: true },
    { what: 'no tests at all, full attendance', sessions: [S(1, '2026-08-10', true)], tests: [], passed: true },
    { what: 'one absence', sessions: [S(1, '2026-08-10', true), S(2, '2026-08-12', false)], tests: [T(1, 8)], passed: false },
    { what: 'an unrecorded session', sessions: [S(1, '2026-08-10', null)], tests: [T(1, 8)], passed: false },
    { what: 'a test at 4.75', sessions: [S(1, '2026-08-10', true)], tests: [T(1, 4.75)], passed: false },
    { what: 'a test without a score', sessions: [S(1, '2026-08-10', true)], tests: [T(1, null)], passed: false },
  ])('$what → passed $passed', ({ sessions, tests, passed }) => {
    expect(verdict(sessions, tests).passed).toBe(passed);
  });

  it('names every missing thing, in order, in both languages with local number formats', () => {
    const v = verdict([S(2, '2026-08-12', false), S(1, '2026-08-10', true), S(3, '2026-08-14', null)], [T(2, 3), T(1, 4.5)]);
    expect(v.passed).toBe(false);
    if (v.passed) return;
    expect(v.missing.map((m) => m.vi)).toEqual(['vắng buổi 2 (12/08/2026)', 'chưa điểm danh buổi 3 (14/08/2026)', 'bài kiểm tra 1 đạt 4,5/10', 'bài kiểm tra 2 đạt 3/10']);
    expect(v.reason.en).toContain('absent from session 2 (12/08/2026); no attendance recorded for session 3 (14/08/2026); test 1 scored 4.5/10; test 2 scored 3/10');
  });

  it('writes scores the Vietnamese and English way', () => {
    expect(scoreText(7.25)).toEqual({ vi: '7,25', en: '7.25' });
    expect(scoreText(5)).toEqual({ vi: '5', en: '5' });
  });
});

describe('certificates', () => {
  it.each([
    ['2026-08-14', 24, '2028-08-14'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2027-12-31', 2, '2028-02-29'],
    ['2026-11-30', -3, '2026-08-30'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months = %s', (day, n, expected) => expect(addMonths(day, n)).toBe(expected));

  it('expires after the programme\'s validity, or never', () => {
    expect(certificateExpiry('2026-08-14', 12)).toBe('2027-08-14');
    expect(certificateExpiry('2026-08-14', null)).toBeNull();
  });

  it('codes are CC-<unit>-<year>-<6 unambiguous characters>', () => {
    let i = 0;
    const seq = [0, 0.999, 0.5, 0.1, 0.2, 0.3];
    const code = verificationCode('20122', 2026, () => seq[i++]!);
    expect(code).toMatch(/^CC-20122-2026-[2-9A-HJKMNP-Z]{6}$/);
    expect(code.slice(-6)[0]).toBe('2');
    expect(code.slice(-6)[1]).toBe('Z');
    for (let k = 0; k < 50; k++) expect(verificationCode('46', 2027, Math.random).slice(-6)).not.toMatch(/[01IOL]/);
  });
});

describe('plan quarters', () => {
  it('spreads items most urgent first from the first quarter', () => {
    expect(quartersByUrgency(8, 1)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(quartersByUrgency(3, 1)).toEqual([1, 2, 3]);
    expect(quartersByUrgency(4, 3)).toEqual([3, 3, 4, 4]);
    expect(quartersByUrgency(2, 4)).toEqual([4, 4]);
    expect(quartersByUrgency(0, 1)).toEqual([]);
  });
});

describe('statuses and notes', () => {
  it('a planned class whose first day has come is running', () => {
    expect(displayStatus('planned', '2026-11-23', '2026-11-23')).toBe('running');
    expect(displayStatus('planned', '2026-11-24', '2026-11-23')).toBe('planned');
    expect(displayStatus('closed', '2026-01-01', '2026-11-23')).toBe('closed');
  });

  it('reads a stored note as written by MotCua or as plain text', () => {
    expect(parseNote('{"vi":"vắng","en":"absent"}')).toEqual({ vi: 'vắng', en: 'absent' });
    expect(parseNote('Nghỉ ốm')).toEqual({ vi: 'Nghỉ ốm', en: 'Nghỉ ốm' });
    expect(parseNote(null)).toBeNull();
  });
});

describe('impact', () => {
  it('compares the months before the start with the months after the end, clipped to today', () => {
    expect(impactWindows('2026-08-10', '2026-08-14', 3, '2026-11-23')).toEqual({
      before: { from: '2026-05-10', to: '2026-08-09' },
      after: { from: '2026-08-15', to: '2026-11-14' },
    });
    expect(impactWindows('2026-09-01', '2026-09-30', 3, '2026-11-23').after).toEqual({ from: '2026-10-01', to: '2026-11-23' });
    // Not ended yet: an empty window.
    const w = impactWindows('2026-11-20', '2026-11-27', 3, '2026-11-23').after;
    expect(w.from > w.to).toBe(true);
  });

  it('rates are null without anything to divide by', () => {
    const r = rates(sumCounts([
      { submitted: 4, sentBack: 1, steps: 10, late: 2, supplements: 1, rated: 3, satisfied: 2 },
      { submitted: 0, sentBack: 0, steps: 0, late: 0, supplements: 0, rated: 0, satisfied: 0 },
    ]));
    expect(r).toMatchObject({ submitted: 4, sentBack: 1, sendBackRate: 0.25, onTimeRate: 0.8 });
    expect(rates({ submitted: 0, sentBack: 0, steps: 0, late: 0, supplements: 0, rated: 0, satisfied: 0 })).toMatchObject({ sendBackRate: null, onTimeRate: null });
  });
});
