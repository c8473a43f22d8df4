import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertLunar2Solar,
  convertSolar2Lunar,
  getLunarMonth11,
  jdFromDate,
  jdToDate,
  lunarNewYear,
  lunarOf,
  solarOfLunar,
} from './lunar.js';
import { addDays, fromDayNumber } from './time.js';

describe('Julian day numbers', () => {
  it.each([
    [1, 1, 2000, 2451545],
    [15, 10, 1582, 2299161], // first Gregorian day
    [4, 10, 1582, 2299160], // last Julian day
    [17, 2, 2026, 2461089],
  ])('%i/%i/%i is JD %i and back', (d, m, y, jd) => {
    expect(jdFromDate(d, m, y)).toBe(jd);
    expect(jdToDate(jd)).toEqual({ day: d, month: m, year: y });
  });
});

describe('Tết (mùng 1 tháng Giêng) in Vietnam, UTC+7', () => {
  it.each([
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2030, '2030-02-02'],
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [1900, '1900-01-31'],
    [2000, '2000-02-05'],
    [2008, '2008-02-07'],
  ])('Tết %i is %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date);
    expect(lunarOf(date)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it.each([
    [1985, { day: 20, month: 2, year: 1985 }],
    [2007, { day: 18, month: 2, year: 2007 }],
    [2030, { day: 3, month: 2, year: 2030 }],
  ])('the Chinese calendar (UTC+8) differs in %i, so it must not be used', (year, china) => {
    expect(convertLunar2Solar(1, 1, year, false, 8)).toEqual(china);
    expect(convertLunar2Solar(1, 1, year, false, 7)).not.toEqual(china);
  });
});

describe('other lunar dates', () => {
  it.each([
    [10, 3, 2026, '2026-04-26'], // Giỗ Tổ
    [10, 3, 2027, '2027-04-16'],
    [10, 3, 2025, '2025-04-07'],
    [10, 3, 2024, '2024-04-18'],
    [15, 8, 2026, '2026-09-25'], // Tết Trung thu
    [23, 12, 2025, '2026-02-10'], // ông Công ông Táo, lunar year Ất Tỵ
  ])('%i/%i lunar %i is %s', (d, m, y, date) => {
    expect(solarOfLunar(d, m, y)).toBe(date);
  });

  it.each([
    ['2026-02-16', { day: 29, month: 12, year: 2025, leap: false }], // Tết eve on the 29th
    ['2025-01-28', { day: 29, month: 12, year: 2024, leap: false }],
    ['2024-02-09', { day: 30, month: 12, year: 2023, leap: false }], // Tết eve on the 30th
    ['2023-03-22', { day: 1, month: 2, year: 2023, leap: true }],
    ['2025-07-25', { day: 1, month: 6, year: 2025, leap: true }],
  ])('%s is lunar %o', (date, lunar) => {
    expect(lunarOf(date)).toEqual(lunar);
  });

  it.each([
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
  ])('lunar year %i has leap month %i and no other', (year, leapMonth) => {
    for (let m = 1; m <= 12; m++) {
      expect(convertLunar2Solar(1, m, year, true) !== null).toBe(m === leapMonth);
    }
  });

  it.each([
    ['2054-05-07', '2054-05-08'],
    ['2062-04-09', '2062-04-10'],
  ])('%s is the 30th, not "day 0" (the mean-lunation estimate is a day late here); %s starts a month', (date, next) => {
    expect(lunarOf(date).day).toBe(30);
    expect(lunarOf(next).day).toBe(1);
    const l = lunarOf(date);
    expect(solarOfLunar(l.day, l.month, l.year, l.leap)).toBe(date);
  });

  it('a year without a leap month refuses a leap date', () => {
    expect(convertLunar2Solar(1, 3, 2026, true)).toBeNull();
    expect(() => solarOfLunar(1, 3, 2026, true)).toThrow(RangeError);
  });

  it('month 11 of a year holds the winter solstice', () => {
    const start = jdToDate(getLunarMonth11(2026));
    expect(start).toEqual({ day: 9, month: 12, year: 2026 });
  });
});

// 1900-01-01 .. 2199-12-31 as day numbers since 1970-01-01.
const solarDay = fc.integer({ min: -25567, max: 84005 }).map(fromDayNumber);

describe('properties over 1900–2199', () => {
  it('every day of 1900–2199 converts and converts back, and the lunar days follow each other', () => {
    let previous = lunarOf('1899-12-31');
    for (let n = -25567; n <= 84005; n++) {
      const date = fromDayNumber(n);
      const l = lunarOf(date);
      const next = l.day === 1 ? l.day : previous.day + 1;
      if (l.day !== next || solarOfLunar(l.day, l.month, l.year, l.leap) !== date) {
        expect.fail(`${date}: lunar ${JSON.stringify(l)} after ${JSON.stringify(previous)}`);
      }
      if (l.day === 1 && !(previous.day === 29 || previous.day === 30)) expect.fail(`${date}: month of ${previous.day} days`);
      previous = l;
    }
  });

  it('solar → lunar → solar is the identity', () => {
    fc.assert(
      fc.property(solarDay, (date) => {
        const l = lunarOf(date);
        expect(solarOfLunar(l.day, l.month, l.year, l.leap)).toBe(date);
      }),
      { numRuns: 500 },
    );
  });

  it('lunar days run 1…29 or 1…30, and the next day of the last one is day 1 of a new month', () => {
    fc.assert(
      fc.property(solarDay, (date) => {
        const today = lunarOf(date);
        const tomorrow = lunarOf(addDays(date, 1));
        expect(today.day).toBeGreaterThanOrEqual(1);
        expect(today.day).toBeLessThanOrEqual(30);
        if (tomorrow.day !== 1) {
          expect(tomorrow).toEqual({ ...today, day: today.day + 1 });
        } else {
          expect(today.day).toBeGreaterThanOrEqual(29);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('Tết falls between 21 January and 20 February', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1901, max: 2199 }), (year) => {
        const tet = lunarNewYear(year);
        expect(tet >= `${year}-01-21` && tet <= `${year}-02-20`).toBe(true);
        expect(convertSolar2Lunar(Number(tet.slice(8)), Number(tet.slice(5, 7)), year)).toEqual({ day: 1, month: 1, year, leap: false });
      }),
    );
  });
});
