import { describe, expect, it } from 'vitest';
import {
  computeDueAt,
  effectiveReceipt,
  elapsedAgainstAllotted,
  restartAfterSupplement,
  resumeAfterPause,
  timeliness,
  urgency,
  type Limit,
  type LimitUnit,
} from './due-date.js';
import { CalendarError } from './errors.js';
import { loadShippedSchedules } from './load.js';
import { formatVietnamTime as fmt, parseVietnamTime as vn } from './time.js';
import { buildWorkCalendar, DEFAULT_WEEK_SCHEDULE, weekSchedule, type WeekSchedule } from './work-calendar.js';

const cal = buildWorkCalendar(loadShippedSchedules());
const due = (receivedAt: string, value: number, unit: LimitUnit, c = cal) => fmt(computeDueAt(c, vn(receivedAt), { value, unit }));

describe('computeDueAt: working days at the same clock time', () => {
  it.each([
    // Đồng Tháp receipt, no holidays in range
    ['2019-11-20T08:37', 25, '2019-12-25T08:37', 'received Wed 20/11/2019'],
    // Tết 2026: 13/2 Fri, then 23/2 Mon, 24/2 Tue. The third working day after 12/2 is 24/2.
    ['2026-02-12T09:00', 3, '2026-02-24T09:00', 'Thu before Tết'],
    ['2026-02-13T10:00', 1, '2026-02-23T10:00', 'Fri before Tết'],
    ['2026-02-14T22:00', 1, '2026-02-24T07:30', 'online on Saturday night: counts from Mon 23/2 07:30'],
    ['2026-02-18T09:00', 2, '2026-02-25T07:30', 'online during Tết'],
    // Giỗ Tổ 2026 on Sunday 26/4, Monday 27/4 off in lieu; 30/4 and 1/5 off
    ['2026-04-24T10:00', 1, '2026-04-28T10:00', 'Fri 24/4'],
    ['2026-04-24T10:00', 2, '2026-04-29T10:00', 'Fri 24/4'],
    ['2026-04-29T10:00', 1, '2026-05-04T10:00', 'Wed 29/4'],
    // 1/1/2026 with Fri 2/1 off and Sat 10/1 worked
    ['2025-12-31T14:00', 1, '2026-01-05T14:00', 'Wed 31/12/2025'],
    ['2026-01-09T10:00', 1, '2026-01-10T10:00', 'Fri 9/1: the swapped Saturday is a working day'],
    ['2026-01-10T09:00', 1, '2026-01-12T09:00', 'received on the swapped Saturday'],
    // National Day 2026 with Mon 31/8 off and Sat 22/8 worked
    ['2026-08-21T10:00', 1, '2026-08-22T10:00', 'Fri 21/8'],
    ['2026-08-28T10:00', 1, '2026-09-03T10:00', 'Fri 28/8'],
    // 24/11/2026, Ngày Văn hóa Việt Nam
    ['2026-11-23T10:00', 1, '2026-11-25T10:00', 'Mon 23/11/2026'],
    ['2025-11-21T10:00', 1, '2025-11-24T10:00', '24/11/2025 was still a working day'],
    // 2025
    ['2025-01-24T10:00', 1, '2025-02-03T10:00', 'Fri before Tết 2025'],
    ['2025-04-25T10:00', 1, '2025-04-26T10:00', 'Sat 26/4/2025 worked'],
    ['2025-04-29T10:00', 1, '2025-05-05T10:00', '30/4, 1/5, swapped 2/5'],
    // receipts outside office hours
    ['2026-03-09T12:15', 1, '2026-03-10T13:30', 'lunch break: counts from 13:30'],
    ['2026-03-09T17:00', 1, '2026-03-11T07:30', 'at the close: counts from the next opening'],
    ['2026-03-09T06:00', 1, '2026-03-10T07:30', 'before the opening'],
  ])('%s + %i working days → %s (%s)', (received, n, expected) => {
    expect(due(received, n, 'working_day')).toBe(expected);
  });

  it('keeps a due clock time that falls in the due day’s lunch break', () => {
    // Monday's lunch is 11:00–13:00 at this unit; a receipt at 11:15 on Friday is due Monday 11:15.
    const hours = DEFAULT_WEEK_SCHEDULE.hours.map((h, wd) =>
      wd === 1 ? [{ start: '07:00', end: '11:00' }, { start: '13:00', end: '17:00' }] : h,
    );
    const c = buildWorkCalendar([], { ...DEFAULT_WEEK_SCHEDULE, hours } satisfies WeekSchedule);
    expect(due('2026-03-06T11:15', 1, 'working_day', c)).toBe('2026-03-09T11:15');
  });

  it('treats 0 working days as same_day', () => {
    expect(due('2026-03-09T10:00', 0, 'working_day')).toBe('2026-03-09T17:00');
    expect(due('2026-03-09T16:00', 0, 'working_day')).toBe('2026-03-10T17:00');
  });

  it('so after 15:00, 0 working days (same_day) ends later than 1 working day: two rules, both as written', () => {
    expect(due('2026-03-10T15:01', 0, 'working_day')).toBe('2026-03-11T17:00');
    expect(due('2026-03-10T15:01', 1, 'working_day')).toBe('2026-03-11T15:01');
  });
});

describe('computeDueAt: same_day (cut-off 15:00)', () => {
  it.each([
    ['2026-02-13T16:00', '2026-02-23T17:00', 'after 15:00 on the Friday before Tết → close of Mon 23/2'],
    ['2026-02-13T15:00', '2026-02-13T17:00', 'at 15:00 sharp counts as by 15:00'],
    ['2026-02-13T15:01', '2026-02-23T17:00', 'one minute late'],
    ['2026-03-09T08:00', '2026-03-09T17:00', 'morning'],
    ['2026-03-09T12:00', '2026-03-09T17:00', 'lunch → counts from 13:30, still before 15:00'],
    ['2026-03-09T21:00', '2026-03-10T17:00', 'online at night → next opening → close that day'],
    ['2026-03-07T10:00', '2026-03-09T17:00', 'Saturday without a counted shift → Monday'],
    ['2026-01-10T16:00', '2026-01-12T17:00', 'after 15:00 on the swapped Saturday'],
  ])('%s → %s (%s)', (received, expected) => {
    expect(due(received, 1, 'same_day')).toBe(expected);
  });

  it('uses the unit’s cut-off and close time', () => {
    const c = buildWorkCalendar(
      [],
      weekSchedule({ weekdayHours: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:30' }], sameDayCutoff: '16:00' }),
    );
    expect(due('2026-03-09T15:30', 0, 'same_day', c)).toBe('2026-03-09T17:30');
    expect(due('2026-03-09T16:30', 0, 'same_day', c)).toBe('2026-03-10T17:30');
  });
});

describe('computeDueAt: hours of office time', () => {
  it.each([
    ['2026-03-09T10:30', 2, '2026-03-09T14:30', 'across lunch'],
    ['2026-03-09T15:00', 2, '2026-03-09T17:00', 'up to the close'],
    ['2026-03-09T15:00', 4, '2026-03-10T09:30', 'across the night'],
    ['2026-03-13T22:00', 8, '2026-03-17T08:00', 'online Friday night: a 7.5-hour Monday, then Tuesday'],
    ['2026-03-09T12:00', 1, '2026-03-09T14:30', 'received in the lunch break'],
    ['2026-04-24T15:00', 4, '2026-04-28T09:30', 'over the weekend and the day off in lieu'],
    ['2026-02-13T14:00', 8, '2026-02-23T14:30', 'over Tết'],
    ['2026-03-09T09:00', 0, '2026-03-09T09:00', 'zero hours'],
  ])('%s + %i h → %s (%s)', (received, n, expected) => {
    expect(due(received, n, 'hour')).toBe(expected);
  });
});

describe('computeDueAt: calendar days end at a close of office (Civil Code Art.147–148)', () => {
  it.each([
    ['2026-03-02T09:00', 10, '2026-03-12T17:00', 'ends on a Thursday: at its close of office'],
    ['2026-03-02T16:59', 10, '2026-03-12T17:00', 'the receipt clock time does not matter'],
    ['2026-03-02T17:30', 10, '2026-03-13T17:00', 'received after hours: counts from Tuesday'],
    ['2027-05-06T17:00', 37, '2027-06-14T17:00', 'ends on Sunday 13/6 → close of Monday 14/6'],
    ['2027-05-06T17:00', 38, '2027-06-14T17:00', 'ends on Monday 14/6: not earlier than 37 days'],
    ['2026-03-02T09:00', 5, '2026-03-09T17:00', 'ends on Saturday → close of Monday'],
    ['2026-03-02T09:00', 6, '2026-03-09T17:00', 'ends on Sunday → close of Monday'],
    ['2026-04-17T10:00', 15, '2026-05-04T17:00', 'ends on Saturday 2/5 → close of Monday 4/5'],
    ['2026-04-27T09:00', 3, '2026-05-04T17:00', 'received on the day in lieu → counts from Tue 28/4; ends on 1/5'],
    ['2026-11-23T10:00', 1, '2026-11-25T17:00', 'ends on 24/11/2026 → close of 25/11'],
    ['2026-02-12T09:00', 5, '2026-02-23T17:00', 'ends during Tết'],
    ['2026-02-12T09:00', 0, '2026-02-12T17:00', 'zero days is same_day'],
  ])('%s + %i days → %s (%s)', (received, n, expected) => {
    expect(due(received, n, 'day')).toBe(expected);
  });
});

describe('Saturday morning shift', () => {
  const saturday = (counts: boolean) =>
    buildWorkCalendar(
      loadShippedSchedules(),
      weekSchedule({ saturdayMorning: { start: '07:30', end: '11:30' }, saturdayCountsForDeadlines: counts }),
    );

  it('by default a Saturday receipt counts from Monday’s opening and Saturday is not counted', () => {
    const c = saturday(false);
    expect(fmt(effectiveReceipt(c, vn('2026-03-07T09:00')))).toBe('2026-03-09T07:30');
    expect(due('2026-03-07T09:00', 1, 'working_day', c)).toBe('2026-03-10T07:30');
    expect(due('2026-03-06T10:00', 1, 'working_day', c)).toBe('2026-03-09T10:00');
    expect(due('2026-03-06T16:00', 2, 'hour', c)).toBe('2026-03-09T08:30');
  });

  it('with saturdayCountsForDeadlines a Saturday is a working day and its morning counts', () => {
    const c = saturday(true);
    expect(due('2026-03-07T09:00', 1, 'working_day', c)).toBe('2026-03-09T09:00');
    expect(due('2026-03-06T10:00', 1, 'working_day', c)).toBe('2026-03-07T10:00');
    expect(due('2026-03-06T16:00', 1, 'working_day', c)).toBe('2026-03-07T11:30'); // after Saturday's close → the close
    expect(due('2026-03-06T15:00', 8, 'hour', c)).toBe('2026-03-09T09:30'); // 2h Fri, 4h Sat, 2h Mon
    expect(due('2026-03-07T10:00', 1, 'same_day', c)).toBe('2026-03-07T11:30');
  });
});

describe('resumeAfterPause: the clock stops while paused', () => {
  const dueAt = vn('2026-02-24T09:00'); // 3 working days from Thu 12/2 09:00
  it.each([
    ['2026-02-13T10:00', '2026-02-23T10:00', '2026-02-25T09:00', 'one working day paused (fee payment)'],
    ['2026-02-13T17:30', '2026-02-23T07:00', '2026-02-24T09:00', 'paused outside office time only: no change'],
    ['2026-02-12T10:00', '2026-02-12T11:00', '2026-02-24T10:00', 'one hour paused'],
    ['2026-02-23T16:00', '2026-02-25T09:00', '2026-02-25T11:30', 'resumed after the old due: remaining 2.5 h kept'],
    ['2026-02-24T09:30', '2026-02-26T09:00', '2026-02-24T09:00', 'paused when already overdue: stays overdue'],
  ])('paused %s, resumed %s → due %s (%s)', (pausedAt, resumedAt, expected) => {
    expect(fmt(resumeAfterPause(cal, { dueAt, pausedAt: vn(pausedAt), resumedAt: vn(resumedAt) }))).toBe(expected);
  });

  it('refuses a resume before the pause', () => {
    expect(() => resumeAfterPause(cal, { dueAt, pausedAt: vn('2026-02-13T10:00'), resumedAt: vn('2026-02-13T09:00') })).toThrow(
      CalendarError,
    );
  });
});

describe('restartAfterSupplement: the limit counts anew (ND61 Art.19.4)', () => {
  it.each([
    ['2026-03-04T14:00', { value: 3, unit: 'working_day' }, '2026-03-09T14:00'],
    ['2026-02-13T16:00', { value: 1, unit: 'same_day' }, '2026-02-23T17:00'],
    ['2026-04-29T10:00', { value: 1, unit: 'working_day' }, '2026-05-04T10:00'],
    ['2026-03-06T16:00', { value: 8, unit: 'hour' }, '2026-03-09T16:30'], // 1 h Friday, 7 h Monday
  ] as const)('supplement received %s with %o → %s', (at, limit, expected) => {
    expect(fmt(restartAfterSupplement(cal, vn(at), limit))).toBe(expected);
  });
});

describe('timeliness (due Tue 24/2/2026 09:00)', () => {
  const dueAt = vn('2026-02-24T09:00');
  it.each([
    ['2026-02-23T16:59', 'early'],
    ['2026-02-23T23:59:59', 'early'],
    ['2026-02-22T10:00', 'early'], // before the due day, even on a Sunday
    ['2026-02-24T00:00', 'on_time'],
    ['2026-02-24T07:30', 'on_time'],
    ['2026-02-24T09:00', 'on_time'],
    ['2026-02-24T09:00:01', 'late'],
    ['2026-02-24T16:00', 'late'],
    ['2026-02-25T08:00', 'late'],
  ])('finished %s → %s', (finished, expected) => {
    expect(timeliness(dueAt, vn(finished))).toBe(expected);
  });
});

describe('urgency (due Tue 24/2/2026 09:00)', () => {
  const dueAt = vn('2026-02-24T09:00');
  it.each([
    ['2026-02-24T09:00:01', undefined, 'overdue'],
    ['2026-02-25T08:00', undefined, 'overdue'],
    ['2026-02-24T09:00', undefined, 'due_soon'],
    ['2026-02-23T09:00', undefined, 'due_soon'], // 7.5 h left
    ['2026-02-23T08:30', undefined, 'due_soon'], // exactly 8 h left
    ['2026-02-23T08:00', undefined, 'on_track'], // 8.5 h left
    ['2026-02-18T10:00', undefined, 'on_track'], // during Tết: 9 h left
    ['2026-02-13T16:00', undefined, 'on_track'], // 10 h left
    ['2026-02-13T16:00', 10, 'due_soon'],
    ['2026-02-24T08:00', 0, 'on_track'],
  ])('now %s, soonWorkingHours %s → %s', (now, soonWorkingHours, expected) => {
    const options = soonWorkingHours === undefined ? {} : { soonWorkingHours };
    expect(urgency(cal, dueAt, vn(now), options)).toBe(expected);
  });

  it('refuses a negative threshold', () => {
    expect(() => urgency(cal, dueAt, vn('2026-02-23T08:00'), { soonWorkingHours: -1 })).toThrow(CalendarError);
  });
});

describe('elapsedAgainstAllotted (control-sheet rows)', () => {
  it.each([
    ['2026-02-12T09:00', '2026-02-23T10:00', { value: 3, unit: 'working_day' }, 960, 1350, 'early'],
    ['2026-02-12T09:00', '2026-02-24T08:00', { value: 3, unit: 'working_day' }, 1290, 1350, 'on_time'],
    ['2026-02-12T09:00', '2026-02-24T10:00', { value: 3, unit: 'working_day' }, 1410, 1350, 'late'],
    ['2026-03-09T08:00', '2026-03-09T14:00', { value: 4, unit: 'hour' }, 240, 240, 'on_time'],
    ['2026-03-09T08:00', '2026-03-09T14:01', { value: 4, unit: 'hour' }, 241, 240, 'late'],
    ['2026-03-09T08:00', '2026-03-10T14:00', { value: 1, unit: 'same_day' }, 690, 420, 'late'],
  ] as const)('%s → %s against %o: spent %i, allotted %i, %s', (start, end, allotted, spent, allottedMinutes, status) => {
    expect(elapsedAgainstAllotted(cal, vn(start), vn(end), allotted)).toEqual({ spentMinutes: spent, allottedMinutes, status });
  });

  it('refuses a step that ends before it starts', () => {
    expect(() => elapsedAgainstAllotted(cal, vn('2026-03-09T10:00'), vn('2026-03-09T09:00'), { value: 1, unit: 'hour' })).toThrow(
      CalendarError,
    );
  });
});

describe('invalid limits and broken calendars', () => {
  it.each([
    [{ value: -1, unit: 'working_day' }],
    [{ value: 1.5, unit: 'working_day' }],
    [{ value: Number.NaN, unit: 'hour' }],
    [{ value: Number.POSITIVE_INFINITY, unit: 'day' }],
    [{ value: 2, unit: 'week' }],
  ])('refuses %o with a CalendarError (a RangeError)', (limit) => {
    const call = () => computeDueAt(cal, vn('2026-03-09T09:00'), limit as Limit);
    expect(call).toThrow(CalendarError);
    expect(call).toThrow(RangeError);
    try {
      call();
    } catch (e) {
      expect((e as CalendarError).code).toBe('invalid_limit');
      expect((e as CalendarError).message).toMatch(/non-negative integer|Unknown limit unit/);
    }
  });

  it('throws no_working_day when the calendar has no working day in the next 370 days', () => {
    const days = Array.from({ length: 380 }, (_, i) => ({
      date: new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10),
      kind: 'holiday' as const,
      name: 'Nghỉ',
    }));
    const closed = buildWorkCalendar(days);
    for (const unit of ['working_day', 'day', 'hour', 'same_day'] as const) {
      expect(() => computeDueAt(closed, vn('2029-12-31T17:30'), { value: 1, unit })).toThrow(
        expect.objectContaining({ code: 'no_working_day' }),
      );
    }
    // received inside office hours, but no next working day to count to
    expect(() => computeDueAt(closed, vn('2029-12-31T16:00'), { value: 1, unit: 'working_day' })).toThrow(/370/);
  });
});
