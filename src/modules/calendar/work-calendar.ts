// A unit's working calendar: its weekly office hours plus the dated exceptions (holidays, days off in
// lieu, swapped days) that an admin confirms each year. Everything deadline-related asks this file
// "is this a working day?" and "when is the office open on this day?".
import { z } from 'zod';
import { CalendarError } from './errors.js';
import type { CalendarDayEntry, DayKind } from './schema.js';
import { addDays, dayNumber, isClock, parseClock, weekdayOf, type LocalDate } from './time.js';

export const Interval = z.object({
  start: z.string().refine(isClock, 'expected HH:MM'),
  end: z.string().refine(isClock, 'expected HH:MM'),
});
/** Office hours [start, end) in Vietnam local clock time, 'HH:MM'. */
export type Interval = z.infer<typeof Interval>;

export type WeekSchedule = {
  /** Office hours per weekday: index 0 = Sunday … 6 = Saturday; each list sorted and non-overlapping. */
  readonly hours: readonly (readonly Interval[])[];
  /**
   * Whether a Saturday-morning shift counts toward deadlines. Default false: the Saturday shift exists to
   * receive dossiers and return results (citizens who cannot come on weekdays), it is staffed by a duty
   * officer, not by the specialists who process; no regulation makes Saturday a working day, and counting
   * it would shorten every deadline by stealth. When false, a Saturday is not a working day for any limit
   * unit and a receipt on Saturday counts from Monday's opening. When true, each Saturday that is not a
   * holiday counts as one whole working day and its morning hours count for hour limits.
   */
  readonly saturdayCountsForDeadlines: boolean;
  /** Same-day procedures received after this clock time are due at the close of the next working day. */
  readonly sameDayCutoff: string;
};

/** The JSON a unit stores (`units.office_hours`); every field optional, null → the default week. */
export const WeekScheduleConfig = z.object({
  /** Monday to Friday. Default 07:30–11:30 and 13:30–17:00. */
  weekdayHours: z.array(Interval).min(1).optional(),
  /** A Saturday-morning shift for receiving and returning; none by default. */
  saturdayMorning: Interval.optional(),
  saturdayCountsForDeadlines: z.boolean().optional(),
  /** Default '15:00' (ND 23/2015 Art.7; Luật Hộ tịch 2014 Art.5.3). */
  sameDayCutoff: z.string().refine(isClock, 'expected HH:MM').optional(),
});
export type WeekScheduleConfig = z.infer<typeof WeekScheduleConfig>;

export const DEFAULT_WEEKDAY_HOURS: readonly Interval[] = [
  { start: '07:30', end: '11:30' },
  { start: '13:30', end: '17:00' },
];

export function weekSchedule(config: WeekScheduleConfig = {}): WeekSchedule {
  const weekday = config.weekdayHours ?? DEFAULT_WEEKDAY_HOURS;
  const schedule: WeekSchedule = {
    hours: [[], weekday, weekday, weekday, weekday, weekday, config.saturdayMorning ? [config.saturdayMorning] : []],
    saturdayCountsForDeadlines: config.saturdayCountsForDeadlines ?? false,
    sameDayCutoff: config.sameDayCutoff ?? '15:00',
  };
  checkWeekSchedule(schedule);
  return schedule;
}

export const DEFAULT_WEEK_SCHEDULE: WeekSchedule = weekSchedule();

function invalidSchedule(detail: string): CalendarError {
  return new CalendarError('invalid_schedule', `Lịch làm việc tuần không hợp lệ: ${detail} / Invalid week schedule: ${detail}`);
}

/** Throws unless the schedule can carry deadlines: every Monday–Friday (and a counted Saturday) has hours. */
export function checkWeekSchedule(s: WeekSchedule): void {
  if (s.hours.length !== 7) throw invalidSchedule('hours must list 7 weekdays (0 = Sunday)');
  s.hours.forEach((list, wd) => {
    let previousEnd = -1;
    for (const iv of list) {
      const [start, end] = [parseClock(iv.start), parseClock(iv.end)];
      if (start >= end) throw invalidSchedule(`weekday ${wd}: ${iv.start}–${iv.end} ends before it starts`);
      if (start < previousEnd) throw invalidSchedule(`weekday ${wd}: intervals overlap or are not sorted`);
      previousEnd = end;
    }
  });
  for (let wd = 1; wd <= 5; wd++) {
    if ((s.hours[wd] ?? []).length === 0) throw invalidSchedule(`weekday ${wd} has no office hours`);
  }
  if (s.saturdayCountsForDeadlines && (s.hours[6] ?? []).length === 0) {
    throw invalidSchedule('Saturday counts for deadlines but has no office hours');
  }
  parseClock(s.sameDayCutoff);
}

export type DayOverride = { readonly kind: DayKind; readonly name: string; readonly nameEn: string };

export type WorkCalendar = {
  readonly schedule: WeekSchedule;
  readonly days: ReadonlyMap<LocalDate, DayOverride>;
};

/** A day entry from the shipped JSON or from a `calendar_days` row (where name_en may be null). */
export type CalendarDayInput = Omit<CalendarDayEntry, 'nameEn'> & { nameEn?: string | null };

/**
 * Later entries win over earlier ones for the same date, so pass the national days first and the
 * unit's own rows after them. A 'working_day' (làm bù) must fall on a Saturday or Sunday.
 */
export function buildWorkCalendar(entries: Iterable<CalendarDayInput>, schedule: WeekSchedule = DEFAULT_WEEK_SCHEDULE): WorkCalendar {
  checkWeekSchedule(schedule);
  const days = new Map<LocalDate, DayOverride>();
  for (const e of entries) {
    dayNumber(e.date); // throws on a malformed date
    const wd = weekdayOf(e.date);
    if (e.kind === 'working_day' && wd !== 0 && wd !== 6) {
      throw new CalendarError(
        'invalid_day',
        `Ngày làm bù ${e.date} không rơi vào thứ Bảy/Chủ nhật / Swapped working day ${e.date} is not a weekend day`,
      );
    }
    days.set(e.date, { kind: e.kind, name: e.name, nameEn: e.nameEn ?? e.name });
  }
  return { schedule, days };
}

type Ranges = ReadonlyArray<readonly [number, number]>;
type Compiled = { kinds: Map<number, DayKind>; hours: Ranges[]; swapHours: Ranges };

// Working-time arithmetic asks about every day of a span; parse dates and clock strings once per calendar.
// A WorkCalendar is treated as immutable (build a new one to change it), so caching by identity is safe.
const compiledCalendars = new WeakMap<WorkCalendar, Compiled>();

function compiled(cal: WorkCalendar): Compiled {
  let c = compiledCalendars.get(cal);
  if (!c) {
    const toRanges = (list: readonly Interval[] | undefined): Ranges => (list ?? []).map((iv) => [parseClock(iv.start), parseClock(iv.end)] as const);
    c = {
      kinds: new Map([...cal.days].map(([date, o]) => [dayNumber(date), o.kind])),
      hours: cal.schedule.hours.map(toRanges),
      swapHours: toRanges(cal.schedule.hours[1]),
    };
    compiledCalendars.set(cal, c);
  }
  return c;
}

const NO_RANGES: Ranges = [];

/** As countedRangesOn, for a day given as days since 1970-01-01. */
export function countedRangesOnDay(cal: WorkCalendar, day: number): Ranges {
  const c = compiled(cal);
  const kind = c.kinds.get(day);
  if (kind !== undefined) return kind === 'working_day' ? c.swapHours : NO_RANGES;
  const wd = (((day + 4) % 7) + 7) % 7;
  if ((wd >= 1 && wd <= 5) || (wd === 6 && cal.schedule.saturdayCountsForDeadlines)) return c.hours[wd] ?? NO_RANGES;
  return NO_RANGES;
}

/**
 * A working day counts toward deadlines: Monday–Friday that is not a holiday, day off in lieu or day off;
 * or a weekend day listed as 'working_day'; or (only with saturdayCountsForDeadlines) a Saturday that is
 * not off. (Every such day has office hours: checkWeekSchedule guarantees it.)
 */
export function isWorkingDay(cal: WorkCalendar, date: LocalDate): boolean {
  return countedRangesOnDay(cal, dayNumber(date)).length > 0;
}

/**
 * When the office is open on a date (to receive and return), whether or not the day counts for deadlines.
 * A swapped working day works a full weekday (Monday's hours): it replaces a whole weekday off.
 */
export function officeIntervalsOn(cal: WorkCalendar, date: LocalDate): readonly Interval[] {
  const override = cal.days.get(date);
  if (override) return override.kind === 'working_day' ? (cal.schedule.hours[1] ?? []) : [];
  return cal.schedule.hours[weekdayOf(date)] ?? [];
}

/** The office hours that count toward deadlines on a date, as [start, end) minutes after midnight. */
export function countedRangesOn(cal: WorkCalendar, date: LocalDate): Ranges {
  return countedRangesOnDay(cal, dayNumber(date));
}

/** How far ahead we look for a working day before deciding the calendar is broken. */
export const WORKING_DAY_HORIZON_DAYS = 370;

function noWorkingDay(after: LocalDate): CalendarError {
  return new CalendarError(
    'no_working_day',
    `Không có ngày làm việc nào trong ${WORKING_DAY_HORIZON_DAYS} ngày sau ${after}; kiểm tra lịch nghỉ / ` +
      `No working day within ${WORKING_DAY_HORIZON_DAYS} days after ${after}; check the calendar`,
  );
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(cal: WorkCalendar, date: LocalDate): LocalDate {
  for (let i = 1; i <= WORKING_DAY_HORIZON_DAYS; i++) {
    const d = addDays(date, i);
    if (isWorkingDay(cal, d)) return d;
  }
  throw noWorkingDay(date);
}

/** `date` itself when it is a working day, else the next one. */
export function workingDayOnOrAfter(cal: WorkCalendar, date: LocalDate): LocalDate {
  return isWorkingDay(cal, date) ? date : nextWorkingDay(cal, date);
}

/** The n-th working day after `date` (n ≥ 0; n = 0 gives `date` itself). */
export function addWorkingDays(cal: WorkCalendar, date: LocalDate, n: number): LocalDate {
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(cal, d);
  return d;
}
