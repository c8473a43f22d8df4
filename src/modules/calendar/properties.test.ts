// Property tests over receipts in 2025–2027 on the official 2025/2026 schedules plus the suggested 2027 one,
// with and without a counted Saturday shift.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeDueAt, resumeAfterPause, timeliness, urgency, type LimitUnit } from './due-date.js';
import { generateYear } from './holidays.js';
import { loadShippedSchedules } from './load.js';
import { MINUTE_MS, parseVietnamTime, toLocalDate } from './time.js';
import { buildWorkCalendar, isWorkingDay, weekSchedule, type WorkCalendar } from './work-calendar.js';
import { addWorkingMinutes, closeOfOffice, workingMinutesBetween } from './working-time.js';

const entries = [...loadShippedSchedules(), ...generateYear(2027).days];
const calendars: WorkCalendar[] = [
  buildWorkCalendar(entries),
  buildWorkCalendar(entries, weekSchedule({ saturdayMorning: { start: '07:30', end: '11:30' }, saturdayCountsForDeadlines: true })),
  buildWorkCalendar(entries, weekSchedule({ weekdayHours: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:30' }] })),
];

const START = parseVietnamTime('2025-01-01T00:00').getTime() / MINUTE_MS;
const END = parseVietnamTime('2027-10-31T23:59').getTime() / MINUTE_MS;
const instant = fc.integer({ min: START, max: END }).map((m) => new Date(m * MINUTE_MS));
const calendar = fc.constantFrom(...calendars);
const unit = fc.constantFrom<LimitUnit>('working_day', 'day', 'hour', 'same_day');
const n = fc.integer({ min: 1, max: 60 });

describe('due-date properties', () => {
  it('the due instant is after the receipt for N ≥ 1', () => {
    fc.assert(
      fc.property(calendar, instant, n, unit, (cal, receivedAt, value, u) => {
        expect(computeDueAt(cal, receivedAt, { value, unit: u }).getTime()).toBeGreaterThan(receivedAt.getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('the due day is a working day and the due instant is no later than its close of office', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 60 }), unit, (cal, receivedAt, value, u) => {
        const dueAt = computeDueAt(cal, receivedAt, { value, unit: u });
        const day = toLocalDate(dueAt);
        expect(isWorkingDay(cal, day)).toBe(true);
        expect(dueAt.getTime()).toBeLessThanOrEqual(closeOfOffice(cal, day).getTime());
      }),
      { numRuns: 400 },
    );
  });

  // From N = 1 only for working days: 0 working days means same_day, which after the 15:00 cut-off runs to
  // the next day's close, later than 1 working day at the same clock time (see due-date.test.ts).
  it('is monotonic in N (strictly for working days and hours)', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 59 }), unit, (cal, receivedAt, n0, u) => {
        const value = u === 'working_day' ? Math.max(1, n0) : n0;
        const a = computeDueAt(cal, receivedAt, { value, unit: u }).getTime();
        const b = computeDueAt(cal, receivedAt, { value: value + 1, unit: u }).getTime();
        if ((u === 'working_day' || u === 'hour') && value > 0) expect(b).toBeGreaterThan(a);
        else expect(b).toBeGreaterThanOrEqual(a);
      }),
      { numRuns: 400 },
    );
  });

  it('N working days put exactly N working days between receipt day and due day', () => {
    fc.assert(
      fc.property(calendar, instant, n, (cal, receivedAt, value) => {
        const dueAt = computeDueAt(cal, receivedAt, { value, unit: 'working_day' });
        const start = toLocalDate(computeDueAt(cal, receivedAt, { value: 0, unit: 'hour' }));
        let count = 0;
        for (let d = new Date(`${start}T00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
          const day = d.toISOString().slice(0, 10);
          if (day > toLocalDate(dueAt)) break;
          if (day > start && isWorkingDay(cal, day)) count++;
        }
        expect(count).toBe(value);
      }),
      { numRuns: 200 },
    );
  });
});

describe('working-minute arithmetic', () => {
  it('workingMinutesBetween(from, addWorkingMinutes(from, m)) = m', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 0, max: 30_000 }), (cal, from, minutes) => {
        expect(workingMinutesBetween(cal, from, addWorkingMinutes(cal, from, minutes))).toBe(minutes);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingMinutes(from, workingMinutesBetween(from, to)) is the earliest instant with the same office time as to', () => {
    fc.assert(
      fc.property(calendar, instant, instant, (cal, x, y) => {
        const [from, to] = x <= y ? [x, y] : [y, x];
        const minutes = workingMinutesBetween(cal, from, to);
        const back = addWorkingMinutes(cal, from, minutes);
        expect(back.getTime()).toBeLessThanOrEqual(to.getTime());
        expect(workingMinutesBetween(cal, back, to)).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('workingMinutesBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (cal, a, b, c) => {
        expect(workingMinutesBetween(cal, a, b)).toBe(0 - workingMinutesBetween(cal, b, a));
        expect(workingMinutesBetween(cal, a, b) + workingMinutesBetween(cal, b, c)).toBe(workingMinutesBetween(cal, a, c));
      }),
      { numRuns: 100 },
    );
  });
});

describe('pause, timeliness and urgency properties', () => {
  it('a pause keeps the office time that remained, and never brings the due instant earlier', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        n,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 60 * 24 * 30 }),
        (cal, receivedAt, value, where, pauseMinutes) => {
          const dueAt = computeDueAt(cal, receivedAt, { value, unit: 'working_day' });
          const pausedAt = new Date(
            Math.floor((receivedAt.getTime() + where * (dueAt.getTime() - receivedAt.getTime() - 1)) / 1000) * 1000,
          );
          const resumedAt = new Date(pausedAt.getTime() + pauseMinutes * MINUTE_MS);
          const newDue = resumeAfterPause(cal, { dueAt, pausedAt, resumedAt });
          expect(newDue.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
          expect(workingMinutesBetween(cal, resumedAt, newDue)).toBeCloseTo(workingMinutesBetween(cal, pausedAt, dueAt), 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('timeliness is late exactly when finished after the due instant; urgency is overdue exactly then', () => {
    fc.assert(
      fc.property(calendar, instant, instant, (cal, dueAt, at) => {
        expect(timeliness(dueAt, at) === 'late').toBe(at > dueAt);
        expect(urgency(cal, dueAt, at) === 'overdue').toBe(at > dueAt);
      }),
      { numRuns: 300 },
    );
  });
});
