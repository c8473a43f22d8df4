import { describe, expect, it } from 'vitest';
import { CalendarError } from './errors.js';
import { loadShippedSchedules } from './load.js';
import { addDays } from './time.js';
import {
  addWorkingDays,
  buildWorkCalendar,
  checkWeekSchedule,
  DEFAULT_WEEK_SCHEDULE,
  isWorkingDay,
  nextWorkingDay,
  officeIntervalsOn,
  weekSchedule,
  WeekScheduleConfig,
  workingDayOnOrAfter,
  type WeekSchedule,
} from './work-calendar.js';

const cal = buildWorkCalendar(loadShippedSchedules());
const withSaturday = (counts: boolean) =>
  buildWorkCalendar(
    loadShippedSchedules(),
    weekSchedule({ saturdayMorning: { start: '07:30', end: '11:30' }, saturdayCountsForDeadlines: counts }),
  );

describe('isWorkingDay on the official 2025–2026 schedules', () => {
  it.each([
    ['2026-01-01', false, 'Tết Dương lịch (Thu)'],
    ['2026-01-02', false, 'swapped day off (Fri)'],
    ['2026-01-05', true, 'Monday'],
    ['2026-01-10', true, 'Saturday worked for the swap'],
    ['2026-01-11', false, 'Sunday'],
    ['2026-02-13', true, 'Friday before Tết'],
    ['2026-02-14', false, 'Saturday'],
    ['2026-02-16', false, 'Tết, 29 Chạp'],
    ['2026-02-20', false, 'Tết, mùng 4'],
    ['2026-02-23', true, 'first day back'],
    ['2026-04-26', false, 'Giỗ Tổ on a Sunday'],
    ['2026-04-27', false, 'day off in lieu'],
    ['2026-04-28', true, 'Tuesday'],
    ['2026-04-30', false, '30/4'],
    ['2026-05-01', false, '1/5'],
    ['2026-08-22', true, 'Saturday worked for the National Day swap'],
    ['2026-08-31', false, 'swapped day off'],
    ['2026-09-02', false, 'Quốc khánh'],
    ['2026-11-24', false, 'Ngày Văn hóa Việt Nam'],
    ['2025-11-24', true, '24/11 was an ordinary Monday in 2025'],
    ['2025-01-27', false, 'Tết 2025, 28 Chạp'],
    ['2025-04-26', true, 'Saturday worked in 2025'],
    ['2025-05-02', false, 'swapped day off 2025'],
    ['2027-03-10', true, 'a Wednesday in a year with no schedule yet'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });
});

describe('Saturday morning shift', () => {
  it('is office time for receiving and returning, but by default not a working day for deadlines', () => {
    const c = withSaturday(false);
    expect(officeIntervalsOn(c, '2026-03-07')).toEqual([{ start: '07:30', end: '11:30' }]);
    expect(isWorkingDay(c, '2026-03-07')).toBe(false);
    expect(nextWorkingDay(c, '2026-03-06')).toBe('2026-03-09');
  });

  it('counts as a working day only with saturdayCountsForDeadlines, and never when it is a holiday', () => {
    const c = withSaturday(true);
    expect(isWorkingDay(c, '2026-03-07')).toBe(true);
    expect(nextWorkingDay(c, '2026-03-06')).toBe('2026-03-07');
    expect(isWorkingDay(c, '2026-02-14')).toBe(true); // an ordinary Saturday before Tết
    const tet2027 = buildWorkCalendar([{ date: '2027-02-06', kind: 'holiday', name: 'Tết' }], c.schedule);
    expect(isWorkingDay(tet2027, '2027-02-06')).toBe(false);
    expect(officeIntervalsOn(tet2027, '2027-02-06')).toEqual([]);
  });

  it('without a Saturday shift, Saturday has no office hours', () => {
    expect(officeIntervalsOn(cal, '2026-03-07')).toEqual([]);
  });
});

describe('officeIntervalsOn', () => {
  it.each([
    ['2026-03-09', [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }]],
    ['2026-01-10', [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }]], // swapped Saturday: a full weekday
    ['2026-02-17', []],
    ['2026-03-08', []],
  ])('%s → %o', (date, intervals) => {
    expect(officeIntervalsOn(cal, date)).toEqual(intervals);
  });
});

describe('nextWorkingDay / addWorkingDays', () => {
  it.each([
    ['2026-02-12', '2026-02-13'],
    ['2026-02-13', '2026-02-23'],
    ['2025-12-31', '2026-01-05'],
    ['2026-01-09', '2026-01-10'],
    ['2026-04-24', '2026-04-28'],
    ['2026-04-29', '2026-05-04'],
    ['2026-08-21', '2026-08-22'],
    ['2026-08-28', '2026-09-03'],
  ])('after %s comes %s', (date, next) => {
    expect(nextWorkingDay(cal, date)).toBe(next);
  });

  it.each([
    ['2026-02-12', 3, '2026-02-24'],
    ['2019-11-20', 25, '2019-12-25'],
    ['2026-02-12', 0, '2026-02-12'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(addWorkingDays(cal, date, n)).toBe(expected);
  });

  it('workingDayOnOrAfter keeps a working day and moves off a holiday', () => {
    expect(workingDayOnOrAfter(cal, '2026-02-13')).toBe('2026-02-13');
    expect(workingDayOnOrAfter(cal, '2026-02-17')).toBe('2026-02-23');
  });

  it('throws a CalendarError when no working day comes within 370 days', () => {
    const days = Array.from({ length: 400 }, (_, i) => ({ date: addDays('2030-01-01', i), kind: 'day_off' as const, name: 'Nghỉ' }));
    const closed = buildWorkCalendar(days);
    expect(() => nextWorkingDay(closed, '2029-12-31')).toThrow(/No working day within 370 days/);
    expect(() => nextWorkingDay(closed, '2029-12-31')).toThrow(CalendarError);
  });
});

describe('buildWorkCalendar', () => {
  it('lets later entries win, so unit rows override national ones', () => {
    const c = buildWorkCalendar([
      ...loadShippedSchedules(),
      { date: '2026-02-23', kind: 'day_off', name: 'Nghỉ theo quyết định của UBND xã', nameEn: null },
      { date: '2026-01-10', kind: 'day_off', name: 'Không làm bù tại đơn vị', nameEn: 'No make-up day at this unit' },
    ]);
    expect(isWorkingDay(c, '2026-02-23')).toBe(false);
    expect(c.days.get('2026-02-23')?.nameEn).toBe('Nghỉ theo quyết định của UBND xã'); // null name_en falls back
    expect(nextWorkingDay(c, '2026-02-13')).toBe('2026-02-24');
    expect(isWorkingDay(c, '2026-01-10')).toBe(false);
    expect(nextWorkingDay(c, '2026-01-09')).toBe('2026-01-12');
  });

  it('refuses a swapped working day on a weekday and a malformed date', () => {
    expect(() => buildWorkCalendar([{ date: '2026-03-10', kind: 'working_day', name: 'x' }])).toThrow(/not a weekend day/);
    expect(() => buildWorkCalendar([{ date: '2026-02-30', kind: 'holiday', name: 'x' }])).toThrow(CalendarError);
  });
});

describe('weekSchedule', () => {
  it('defaults to Monday–Friday 07:30–11:30 and 13:30–17:00, no Saturday, cut-off 15:00', () => {
    expect(DEFAULT_WEEK_SCHEDULE.hours[0]).toEqual([]);
    expect(DEFAULT_WEEK_SCHEDULE.hours[3]).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(DEFAULT_WEEK_SCHEDULE.hours[6]).toEqual([]);
    expect(DEFAULT_WEEK_SCHEDULE.saturdayCountsForDeadlines).toBe(false);
    expect(DEFAULT_WEEK_SCHEDULE.sameDayCutoff).toBe('15:00');
  });

  it('parses a unit office_hours JSON', () => {
    const config = WeekScheduleConfig.parse({ weekdayHours: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:30' }] });
    expect(weekSchedule(config).hours[5]).toEqual([
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(WeekScheduleConfig.safeParse({ saturdayMorning: { start: '7:30', end: '11:30' } }).success).toBe(false);
  });

  it.each([
    [{ weekdayHours: [{ start: '11:30', end: '07:30' }] }, /ends before it starts/],
    [{ weekdayHours: [{ start: '13:30', end: '17:00' }, { start: '07:30', end: '11:30' }] }, /overlap or are not sorted/],
    [{ weekdayHours: [{ start: '07:30', end: '12:00' }, { start: '11:30', end: '17:00' }] }, /overlap/],
    [{ saturdayCountsForDeadlines: true }, /Saturday counts for deadlines but has no office hours/],
    [{ weekdayHours: [] }, /no office hours/],
  ])('refuses %o', (config, message) => {
    expect(() => weekSchedule(config as WeekScheduleConfig)).toThrow(message);
  });

  it('refuses a hand-built schedule with a weekday without hours', () => {
    const s: WeekSchedule = { ...DEFAULT_WEEK_SCHEDULE, hours: DEFAULT_WEEK_SCHEDULE.hours.map((h, i) => (i === 3 ? [] : h)) };
    expect(() => checkWeekSchedule(s)).toThrow(/weekday 3 has no office hours/);
  });
});
