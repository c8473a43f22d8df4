import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildWorkCalendar, loadShippedSchedules } from '../calendar/index.js';
import { explainDueDate, parseInstant, toVietnamIso } from './due-date.js';

const cal = buildWorkCalendar(loadShippedSchedules());

describe('toVietnamIso', () => {
  it.each([
    ['2026-02-24T02:00:00.000Z', '2026-02-24T09:00:00+07:00'],
    ['2026-02-23T17:30:00.000Z', '2026-02-24T00:30:00+07:00'],
    ['2025-12-31T16:59:59.000Z', '2025-12-31T23:59:59+07:00'],
    ['2026-03-09T02:00:00.250Z', '2026-03-09T09:00:00.250+07:00'],
  ])('%s → %s', (utc, local) => {
    expect(toVietnamIso(new Date(utc))).toBe(local);
  });

  it('round-trips through parseInstant for any instant', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        expect(parseInstant(toVietnamIso(d))?.getTime()).toBe(d.getTime());
      }),
    );
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-02-12T09:00:00+07:00', '2026-02-12T02:00:00.000Z'],
    ['2026-02-12T09:00+07:00', '2026-02-12T02:00:00.000Z'],
    ['2026-02-12T09:00:00+0700', '2026-02-12T02:00:00.000Z'],
    ['2026-02-12T02:00:00Z', '2026-02-12T02:00:00.000Z'],
    ['2026-02-12T02:00:00.5z', '2026-02-12T02:00:00.500Z'],
    ['2026-02-12T09:00', '2026-02-12T02:00:00.000Z'], // no offset: Vietnam wall-clock time
    ['2026-02-12T09:00:00 07:00', '2026-02-12T02:00:00.000Z'], // "+" decoded to a space in a query string
    ['2026-02-12T09:00:00-05:00', '2026-02-12T14:00:00.000Z'],
  ])('%s is %s', (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30T09:00:00+07:00', '2026-13-01T09:00', '2026-02-12', '2026-02-12T24:00', '12/02/2026 09:00', 'now', '', '2026-02-12T09:00:00+25:00'])(
    'rejects %j',
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );
});

describe('explainDueDate', () => {
  it('lists Tết as the days off between the receipt and the due day', () => {
    const e = explainDueDate(cal, new Date('2026-02-12T02:00:00Z'), { value: 3, unit: 'working_day' });
    expect(toVietnamIso(e.dueAt)).toBe('2026-02-24T09:00:00+07:00');
    expect(e.calendar.daysOff.map((d) => [d.date, d.kind])).toEqual([
      ['2026-02-16', 'holiday'],
      ['2026-02-17', 'holiday'],
      ['2026-02-18', 'holiday'],
      ['2026-02-19', 'holiday'],
      ['2026-02-20', 'holiday'],
    ]);
    expect(e.calendar.weekendDays).toBe(4);
    expect(e.calendar.workedWeekendDays).toEqual([]);
  });

  it('shows a worked Saturday that counted (10/1/2026, swapped for 2/1)', () => {
    const e = explainDueDate(cal, new Date('2026-01-09T03:00:00Z'), { value: 2, unit: 'working_day' });
    expect(toVietnamIso(e.dueAt)).toBe('2026-01-12T10:00:00+07:00');
    expect(e.calendar.workedWeekendDays).toEqual([{ date: '2026-01-10', name: expect.objectContaining({ vi: expect.stringContaining('Làm bù') }) }]);
    expect(e.calendar.weekendDays).toBe(1); // Sunday 11/1
  });

  it('starts the clock at the next opening for a receipt outside office hours', () => {
    const e = explainDueDate(cal, new Date('2026-02-18T02:00:00Z'), { value: 2, unit: 'working_day' }); // during Tết
    expect(toVietnamIso(e.effectiveReceivedAt)).toBe('2026-02-23T07:30:00+07:00');
    expect(toVietnamIso(e.dueAt)).toBe('2026-02-25T07:30:00+07:00');
    expect(e.calendar.daysOff.map((d) => d.date)).toEqual(['2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('warns about years with no holiday schedule', () => {
    const e = explainDueDate(cal, new Date('2026-12-30T02:00:00Z'), { value: 5, unit: 'working_day' });
    expect(e.calendar.yearsWithoutSchedule).toEqual([2027]);
    expect(e.calendar.warnings[0]!.en).toContain('2027');
  });
});
