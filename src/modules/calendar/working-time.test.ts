import { describe, expect, it } from 'vitest';
import { CalendarError } from './errors.js';
import { loadShippedSchedules } from './load.js';
import { formatVietnamTime as fmt, parseVietnamTime as vn } from './time.js';
import { buildWorkCalendar } from './work-calendar.js';
import { addWorkingMinutes, closeOfOffice, countedInstantOnOrAfter, workingMinutesBetween } from './working-time.js';

const cal = buildWorkCalendar(loadShippedSchedules());

describe('workingMinutesBetween (office hours 07:30–11:30, 13:30–17:00 on working days)', () => {
  it.each([
    ['2026-03-09T08:00', '2026-03-09T09:00', 60],
    ['2026-03-09T11:00', '2026-03-09T14:00', 60], // lunch not counted
    ['2026-03-09T07:00', '2026-03-09T18:00', 450], // a full day is 7.5 hours
    ['2026-03-09T16:00', '2026-03-10T08:30', 120], // the night not counted
    ['2026-03-13T16:00', '2026-03-16T08:30', 120], // nor the weekend
    ['2026-02-13T16:00', '2026-02-23T08:30', 120], // nor Tết
    ['2026-04-24T16:00', '2026-04-28T08:30', 120], // nor the day off in lieu 27/4
    ['2026-01-09T16:00', '2026-01-10T08:30', 120], // the swapped Saturday counts
    ['2026-03-09T12:00', '2026-03-09T13:00', 0],
    ['2026-03-09T09:00', '2026-03-09T09:00', 0],
    ['2026-03-09T09:00:30', '2026-03-09T09:01', 0.5],
    ['2026-03-09T07:30', '2026-03-16T07:30', 5 * 450],
  ])('%s → %s: %d minutes', (from, to, minutes) => {
    expect(workingMinutesBetween(cal, vn(from), vn(to))).toBe(minutes);
    expect(workingMinutesBetween(cal, vn(to), vn(from))).toBe(0 - minutes);
  });
});

describe('addWorkingMinutes', () => {
  it.each([
    ['2026-03-09T10:30', 120, '2026-03-09T14:30'], // across lunch
    ['2026-03-09T15:00', 120, '2026-03-09T17:00'], // ends at the close, not the next opening
    ['2026-03-09T15:00', 121, '2026-03-10T07:31'], // across the night
    ['2026-03-09T15:00', 240, '2026-03-10T09:30'],
    ['2026-03-13T22:00', 480, '2026-03-17T08:00'], // Friday night: Monday 7.5h, Tuesday 0.5h
    ['2026-03-09T12:00', 60, '2026-03-09T14:30'], // starts at the afternoon opening
    ['2026-04-24T15:00', 240, '2026-04-28T09:30'], // over the weekend and 27/4
    ['2026-02-13T16:00', 60, '2026-02-13T17:00'],
    ['2026-02-13T16:00', 90, '2026-02-23T08:00'], // over Tết
    ['2026-03-09T09:00', 0, '2026-03-09T09:00'],
    ['2026-03-08T09:00', 0, '2026-03-08T09:00'], // zero minutes does not move, even on a Sunday
  ])('%s + %i working minutes = %s', (from, minutes, expected) => {
    expect(fmt(addWorkingMinutes(cal, vn(from), minutes))).toBe(expected);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d minutes', (minutes) => {
    expect(() => addWorkingMinutes(cal, vn('2026-03-09T09:00'), minutes)).toThrow(CalendarError);
  });
});

describe('countedInstantOnOrAfter and closeOfOffice', () => {
  it.each([
    ['2026-03-09T09:00', '2026-03-09T09:00'],
    ['2026-03-09T07:30', '2026-03-09T07:30'],
    ['2026-03-09T07:29', '2026-03-09T07:30'],
    ['2026-03-09T11:30', '2026-03-09T13:30'], // close instant belongs to the next opening
    ['2026-03-09T17:00', '2026-03-10T07:30'],
    ['2026-03-13T23:59', '2026-03-16T07:30'],
    ['2026-02-17T10:00', '2026-02-23T07:30'],
  ])('%s → %s', (at, expected) => {
    expect(fmt(countedInstantOnOrAfter(cal, vn(at)))).toBe(expected);
  });

  it('gives the end of the last interval and refuses a day off', () => {
    expect(fmt(closeOfOffice(cal, '2026-01-10'))).toBe('2026-01-10T17:00');
    expect(() => closeOfOffice(cal, '2026-02-17')).toThrow(/not a working day/);
  });
});
