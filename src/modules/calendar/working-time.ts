// Arithmetic over counted office time: the minutes of office hours on working days. Hour limits, pauses
// and control-sheet rows are measured in these minutes; nights, lunch breaks, weekends and holidays are not.
import { CalendarError } from './errors.js';
import { DAY_MS, dayNumber, localDayNumber, MINUTE_MS, toLocalDate, VN_UTC_OFFSET_MS, type LocalDate } from './time.js';
import { countedRangesOnDay, WORKING_DAY_HORIZON_DAYS, type WorkCalendar } from './work-calendar.js';

/** Counted office ranges of a day (days since 1970-01-01) as absolute [start, end) epoch milliseconds. */
function countedMsRanges(cal: WorkCalendar, day: number): Array<readonly [number, number]> {
  const midnight = day * DAY_MS - VN_UTC_OFFSET_MS;
  return countedRangesOnDay(cal, day).map(([s, e]) => [midnight + s * MINUTE_MS, midnight + e * MINUTE_MS] as const);
}

function noWorkingTime(after: Date): CalendarError {
  const d = toLocalDate(after);
  return new CalendarError(
    'no_working_day',
    `Không có giờ làm việc nào trong ${WORKING_DAY_HORIZON_DAYS} ngày sau ${d}; kiểm tra lịch nghỉ / ` +
      `No office hours within ${WORKING_DAY_HORIZON_DAYS} days after ${d}; check the calendar`,
  );
}

/**
 * `at` itself when it lies inside counted office hours [open, close), else the next opening of counted
 * office hours (a close instant belongs to the next opening: 17:00 sharp is after hours).
 */
export function countedInstantOnOrAfter(cal: WorkCalendar, at: Date): Date {
  const t = at.getTime();
  const first = localDayNumber(at);
  for (let i = 0; i <= WORKING_DAY_HORIZON_DAYS; i++) {
    for (const [s, e] of countedMsRanges(cal, first + i)) {
      if (t < e) return new Date(Math.max(t, s));
    }
  }
  throw noWorkingTime(at);
}

/** The instant the counted office hours of a working day end (end of its last interval). */
export function closeOfOffice(cal: WorkCalendar, date: LocalDate): Date {
  const ranges = countedMsRanges(cal, dayNumber(date));
  const last = ranges[ranges.length - 1];
  if (!last) {
    throw new CalendarError('invalid_day', `${date} không phải ngày làm việc / ${date} is not a working day`);
  }
  return new Date(last[1]);
}

/**
 * Counted office minutes between two instants (may be fractional when instants carry seconds).
 * Antisymmetric: a `to` before `from` gives the negative of the reverse span, so callers can measure
 * how far past a due date something is.
 */
export function workingMinutesBetween(cal: WorkCalendar, from: Date, to: Date): number {
  const [a, b] = [from.getTime(), to.getTime()];
  if (b < a) return 0 - workingMinutesBetween(cal, to, from); // 0 - x, not -x: never return -0
  const last = localDayNumber(to);
  let total = 0;
  for (let d = localDayNumber(from); d <= last; d++) {
    for (const [s, e] of countedMsRanges(cal, d)) {
      total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
  }
  return total / MINUTE_MS;
}

/**
 * The earliest instant t with workingMinutesBetween(from, t) = minutes. With minutes > 0 that lands inside
 * or at the end of an office interval (so 2 hours from 15:00 is 17:00 the same day, not 07:30 the next);
 * with minutes = 0 it is `from` itself.
 */
export function addWorkingMinutes(cal: WorkCalendar, from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new CalendarError('invalid_limit', `Số phút không hợp lệ: ${minutes} / Invalid minutes: ${minutes}`);
  }
  if (minutes === 0) return new Date(from.getTime());
  let remaining = minutes * MINUTE_MS;
  const t = from.getTime();
  const first = localDayNumber(from);
  let idleDays = 0;
  for (let i = 0; ; i++) {
    const ranges = countedMsRanges(cal, first + i);
    if (ranges.length === 0) {
      if (++idleDays > WORKING_DAY_HORIZON_DAYS) throw noWorkingTime(from);
      continue;
    }
    idleDays = 0;
    for (const [s, e] of ranges) {
      if (e <= t) continue;
      const start = Math.max(s, t);
      if (remaining <= e - start) return new Date(start + remaining);
      remaining -= e - start;
    }
  }
}
