import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalendarError } from './errors.js';
import {
  addDays,
  atLocal,
  dayNumber,
  formatVietnamTime,
  isLocalDate,
  localMsOfDay,
  parseClock,
  parseVietnamTime as vn,
  toLocalDate,
  weekdayOf,
} from './time.js';

describe('Vietnam local time (UTC+7, no DST)', () => {
  it.each([
    ['2026-02-13T16:00', '2026-02-13T09:00:00.000Z'],
    ['2026-01-01T00:00', '2025-12-31T17:00:00.000Z'],
    ['2026-01-01T06:59', '2025-12-31T23:59:00.000Z'],
    ['2026-07-01T07:00', '2026-07-01T00:00:00.000Z'],
    ['2019-11-20T08:37:15', '2019-11-20T01:37:15.000Z'],
  ])('%s in Vietnam is %s UTC', (local, utc) => {
    expect(vn(local).toISOString()).toBe(utc);
    expect(formatVietnamTime(new Date(utc))).toBe(local);
  });

  it.each([
    ['2025-12-31T16:59:59.999Z', '2025-12-31'],
    ['2025-12-31T17:00:00.000Z', '2026-01-01'],
    ['2026-03-08T16:59:00.000Z', '2026-03-08'],
  ])('instant %s falls on local date %s', (utc, date) => {
    expect(toLocalDate(new Date(utc))).toBe(date);
  });

  it.each([
    ['2026-02-17', 2],
    ['2026-04-26', 0],
    ['2026-01-10', 6],
    ['1970-01-01', 4],
    ['1969-12-31', 3],
    ['2000-02-29', 2],
  ])('%s is weekday %i', (date, wd) => {
    expect(weekdayOf(date)).toBe(wd);
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-12-31', 365, '2027-12-31'],
  ])('%s + %i days = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-2-01', '26-02-01', '', '2025-02-29'])('rejects the date "%s"', (text) => {
    expect(isLocalDate(text)).toBe(false);
    expect(() => dayNumber(text)).toThrow(CalendarError);
  });

  it.each(['24:00', '7:30', '07:60', 'noon'])('rejects the clock time "%s"', (text) => {
    expect(() => parseClock(text)).toThrow(CalendarError);
  });

  it('atLocal and localMsOfDay are inverse', () => {
    const at = atLocal('2026-02-13', (16 * 60 + 5) * 60_000);
    expect(formatVietnamTime(at)).toBe('2026-02-13T16:05');
    expect(localMsOfDay(at)).toBe((16 * 60 + 5) * 60_000);
  });
});

describe('independent of the process time zone', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'America/New_York';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('gives the same local dates and instants under America/New_York', () => {
    expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0); // the host zone really changed
    expect(vn('2026-03-08T02:30').toISOString()).toBe('2026-03-07T19:30:00.000Z'); // US DST night
    expect(toLocalDate(new Date('2026-11-01T05:30:00Z'))).toBe('2026-11-01');
    expect(weekdayOf('2026-03-08')).toBe(0);
    expect(formatVietnamTime(new Date('2026-03-08T07:00:00Z'))).toBe('2026-03-08T14:00');
  });
});
