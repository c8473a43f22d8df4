import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateLine, formatDateTime, formatDuration, formatTimeLimit, vietnamDateParts } from './format.js';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('formatDateTime (Vietnam time, UTC+7)', () => {
  it.each([
    ['2026-11-20T01:37:00Z', '08 giờ 37 phút, ngày 20/11/2026'],
    ['2026-11-19T17:00:00Z', '00 giờ 00 phút, ngày 20/11/2026'], // UTC evening is already the next day in Vietnam
    ['2026-11-19T16:59:00Z', '23 giờ 59 phút, ngày 19/11/2026'],
    ['2026-12-31T17:05:00Z', '00 giờ 05 phút, ngày 01/01/2027'], // year boundary
    ['2028-02-28T18:00:00Z', '01 giờ 00 phút, ngày 29/02/2028'], // leap day
    ['2026-03-08T08:30:00Z', '15 giờ 30 phút, ngày 08/03/2026'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDateTime(new Date(iso))).toBe(expected);
  });

  it('does not depend on the process time zone', () => {
    const date = new Date('2026-11-19T18:15:00Z');
    const results = ['UTC', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati'].map((tz) => {
      process.env.TZ = tz;
      return [formatDateTime(date), formatDateLine('Vinh Lộc', date)];
    });
    expect(new Set(results.map((r) => r.join('|'))).size).toBe(1);
    expect(results[0]).toEqual(['01 giờ 15 phút, ngày 20/11/2026', 'Vinh Lộc, ngày 20 tháng 11 năm 2026']);
  });

  it('agrees with the IANA Asia/Ho_Chi_Minh zone for any date', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.date({ min: new Date('1976-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (date) => {
        const parts = Object.fromEntries(intl.formatToParts(date).map((p) => [p.type, p.value]));
        expect(formatDateTime(date)).toBe(`${parts.hour} giờ ${parts.minute} phút, ngày ${parts.day}/${parts.month}/${parts.year}`);
      }),
    );
  });

  it('rejects an invalid date instead of printing NaN', () => {
    expect(() => formatDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('formatDateLine (Decree 30/2020 padding)', () => {
  it.each([
    ['2026-11-23T03:00:00Z', 'Vinh Lộc, ngày 23 tháng 11 năm 2026'],
    ['2026-01-05T03:00:00Z', 'Vinh Lộc, ngày 05 tháng 01 năm 2026'], // day < 10 and months 1–2 are padded
    ['2026-02-09T03:00:00Z', 'Vinh Lộc, ngày 09 tháng 02 năm 2026'],
    ['2026-03-05T03:00:00Z', 'Vinh Lộc, ngày 05 tháng 3 năm 2026'], // months 3–12 are not
    ['2026-09-30T03:00:00Z', 'Vinh Lộc, ngày 30 tháng 9 năm 2026'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDateLine('Vinh Lộc', new Date(iso))).toBe(expected);
  });

  it('leaves blanks to fill by hand when there is no date', () => {
    expect(formatDateLine('Vinh Lộc')).toBe('Vinh Lộc, ngày …… tháng …… năm ………');
  });
});

describe('formatTimeLimit', () => {
  it.each([
    [{ kind: 'working-days', amount: 3 }, true, '03 ngày làm việc'],
    [{ kind: 'working-days', amount: 1 }, false, '1 ngày làm việc'],
    [{ kind: 'days', amount: 15 }, true, '15 ngày'],
    [{ kind: 'working-hours', amount: 4 }, true, '04 giờ làm việc'],
    [{ kind: 'same-day' }, true, 'trong ngày'],
  ] as const)('%j (pad %s) → %s', (limit, pad, expected) => {
    expect(formatTimeLimit(limit, { pad })).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 phút'],
    [45, '45 phút'],
    [60, '1 giờ'],
    [390, '6 giờ 30 phút'],
    [1575, '26 giờ 15 phút'],
    [29.6, '30 phút'],
  ])('%d minutes → %s', (minutes, expected) => {
    expect(formatDuration(minutes)).toBe(expected);
  });

  it('rejects negative durations', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
  });
});

describe('vietnamDateParts', () => {
  it('is UTC shifted by exactly seven hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const p = vietnamDateParts(new Date(ms));
        const expected = new Date(ms + 7 * 3_600_000);
        expect([p.year, p.month, p.day, p.hour, p.minute]).toEqual([
          expected.getUTCFullYear(), expected.getUTCMonth() + 1, expected.getUTCDate(), expected.getUTCHours(), expected.getUTCMinutes(),
        ]);
      }),
    );
  });
});
