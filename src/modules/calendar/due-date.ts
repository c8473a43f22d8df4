// The deadline rules (regulation §2.4) as pure functions of a working calendar and instants passed in.
// Nothing here reads the clock: callers pass `now`, receipt and finish instants.
import { CalendarError } from './errors.js';
import { addDays, atLocal, localMsOfDay, MINUTE_MS, parseClock, toLocalDate } from './time.js';
import { addWorkingDays, nextWorkingDay, workingDayOnOrAfter, type WorkCalendar } from './work-calendar.js';
import { addWorkingMinutes, closeOfOffice, countedInstantOnOrAfter, workingMinutesBetween } from './working-time.js';

export const LIMIT_UNITS = ['working_day', 'day', 'hour', 'same_day'] as const;
/** The catalogue's DONVITINH: ngày làm việc, ngày (calendar days), giờ (office hours), trong ngày. */
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export type Limit = { value: number; unit: LimitUnit };

export function checkLimit(limit: Limit): void {
  if (!(LIMIT_UNITS as readonly string[]).includes(limit.unit)) {
    throw new CalendarError('invalid_limit', `Đơn vị thời hạn không hợp lệ: ${String(limit.unit)} / Unknown limit unit: ${String(limit.unit)}`);
  }
  if (!Number.isSafeInteger(limit.value) || limit.value < 0) {
    throw new CalendarError(
      'invalid_limit',
      `Thời hạn phải là số nguyên không âm, nhận được ${limit.value} / A limit must be a non-negative integer, got ${limit.value}`,
    );
  }
}

/**
 * When the clock starts for a receipt: the receipt itself if it is inside counted office hours, otherwise
 * the next opening (an online submission at 22:00, on a Sunday, on a holiday or in the lunch break; and a
 * Saturday-shift receipt unless saturdayCountsForDeadlines). Every limit unit counts from this instant.
 */
export function effectiveReceipt(cal: WorkCalendar, at: Date): Date {
  return countedInstantOnOrAfter(cal, at);
}

/**
 * The due instant for a receipt and a limit.
 * - working_day N (N ≥ 1): the N-th working day after the receipt day, at the receipt's clock time (the
 *   practice on receipts: 08:37 20/11/2019 + 25 working days = 08:37 25/12/2019). If that clock time falls
 *   in a break on the due day (lunch) it is kept as is: the rule is "same clock time" and the officer reads
 *   it that way. Only if it is after the due day's close (a short Saturday when Saturdays count) it is
 *   moved back to that close, since nothing can be returned after closing.
 * - day N (N ≥ 1): calendar days, the first (receipt) day not counted (Civil Code Art.147). The period ends
 *   at the end of its last day (Art.148.1), read as that day's close of office since results are returned
 *   in office hours; if the last day is not a working day, at the close of office of the next working day
 *   (Art.148.2). Not "same clock time" as for working days: with that, N days ending on a Sunday (→ Monday's
 *   close) would fall after N+1 days ending on Monday morning, so a longer limit would end earlier.
 * - hour N: N hours of counted office time (nights, lunch, weekends and holidays excluded).
 * - same_day: the close of office the same day if received by the cut-off (15:00 inclusive), else the
 *   close of office of the next working day (its value is checked but not used). Value 0 of working_day or
 *   day means same_day; note that after the cut-off this ends later than 1 working day at the same clock
 *   time (15:01 → next day 17:00 against next day 15:01): two rules, each as written.
 */
export function computeDueAt(cal: WorkCalendar, receivedAt: Date, limit: Limit): Date {
  checkLimit(limit);
  const start = effectiveReceipt(cal, receivedAt);
  switch (limit.unit) {
    case 'same_day':
      return sameDayDue(cal, start);
    case 'working_day':
      return limit.value === 0 ? sameDayDue(cal, start) : workingDayDue(cal, start, limit.value);
    case 'day':
      return limit.value === 0 ? sameDayDue(cal, start) : calendarDayDue(cal, start, limit.value);
    case 'hour':
      return addWorkingMinutes(cal, start, limit.value * 60);
  }
}

function sameDayDue(cal: WorkCalendar, start: Date): Date {
  const day = toLocalDate(start);
  const cutoff = parseClock(cal.schedule.sameDayCutoff) * MINUTE_MS;
  return localMsOfDay(start) <= cutoff ? closeOfOffice(cal, day) : closeOfOffice(cal, nextWorkingDay(cal, day));
}

function atClockTimeNoLaterThanClose(cal: WorkCalendar, day: string, msOfDay: number): Date {
  const due = atLocal(day, msOfDay);
  const close = closeOfOffice(cal, day);
  return due > close ? close : due;
}

function workingDayDue(cal: WorkCalendar, start: Date, n: number): Date {
  const dueDay = addWorkingDays(cal, toLocalDate(start), n);
  return atClockTimeNoLaterThanClose(cal, dueDay, localMsOfDay(start));
}

function calendarDayDue(cal: WorkCalendar, start: Date, n: number): Date {
  return closeOfOffice(cal, workingDayOnOrAfter(cal, addDays(toLocalDate(start), n)));
}

export type Pause = { dueAt: Date; pausedAt: Date; resumedAt: Date };

/**
 * The due instant after a pause (fee payment, stop): the clock stops while paused, so the office time that
 * remained at the pause remains after the resume. Computed as "move the due instant later by the counted
 * office time that passed during the pause", which keeps the due unchanged when the pause held no office
 * time (paused Friday evening, resumed Sunday) and keeps the remaining office time exactly otherwise.
 * A dossier paused when already overdue stays overdue: its due instant does not move.
 */
export function resumeAfterPause(cal: WorkCalendar, pause: Pause): Date {
  const { dueAt, pausedAt, resumedAt } = pause;
  if (resumedAt < pausedAt) {
    throw new CalendarError('invalid_pause', 'Thời điểm tiếp tục trước thời điểm tạm dừng / Resumed before it was paused');
  }
  if (pausedAt >= dueAt) return new Date(dueAt.getTime());
  return addWorkingMinutes(cal, dueAt, workingMinutesBetween(cal, pausedAt, resumedAt));
}

/** After a complete supplement the limit counts anew from the supplement's receipt (ND61 Art.19.4 as amended). */
export function restartAfterSupplement(cal: WorkCalendar, supplementReceivedAt: Date, limit: Limit): Date {
  return computeDueAt(cal, supplementReceivedAt, limit);
}

export type Timeliness = 'early' | 'on_time' | 'late';

/**
 * Control-sheet and 766 classification of a finished dossier or step, in Vietnam local dates:
 * - late ("quá hạn"): finished after the due instant;
 * - early ("trước hạn"): finished on a local date before the due date (any day before it, which in practice
 *   is a working day, since offices finish work on working days);
 * - on_time ("đúng hạn"): finished on the due date, at or before the due instant.
 */
export function timeliness(dueAt: Date, finishedAt: Date): Timeliness {
  if (finishedAt > dueAt) return 'late';
  return toLocalDate(finishedAt) < toLocalDate(dueAt) ? 'early' : 'on_time';
}

export type Urgency = 'on_track' | 'due_soon' | 'overdue';

/**
 * For open dossiers:
 * - overdue: now is after the due instant;
 * - due_soon: now is at or before the due instant and at most `soonWorkingHours` (default 8, about one
 *   working day, matching ND61 Art.19.9 "at least one day before expiry") of counted office time remain;
 * - on_track: more remains.
 */
export function urgency(cal: WorkCalendar, dueAt: Date, now: Date, options: { soonWorkingHours?: number } = {}): Urgency {
  const soon = options.soonWorkingHours ?? 8;
  if (!Number.isFinite(soon) || soon < 0) {
    throw new CalendarError('invalid_limit', `Ngưỡng sắp đến hạn không hợp lệ: ${soon} / Invalid soonWorkingHours: ${soon}`);
  }
  if (now > dueAt) return 'overdue';
  return workingMinutesBetween(cal, now, dueAt) <= soon * 60 ? 'due_soon' : 'on_track';
}

export type ElapsedAgainstAllotted = { spentMinutes: number; allottedMinutes: number; status: Timeliness };

/**
 * A control-sheet row: office time spent in a workflow step against the step's allowance. The step's due
 * instant is computed as for a dossier received at `startedAt`, allottedMinutes is the counted office time
 * from the start to that due instant, and the status compares the end with it by `timeliness`.
 */
export function elapsedAgainstAllotted(cal: WorkCalendar, startedAt: Date, endedAt: Date, allotted: Limit): ElapsedAgainstAllotted {
  if (endedAt < startedAt) {
    throw new CalendarError('invalid_time', 'Bước kết thúc trước khi bắt đầu / The step ended before it started');
  }
  const dueAt = computeDueAt(cal, startedAt, allotted);
  return {
    spentMinutes: workingMinutesBetween(cal, startedAt, endedAt),
    allottedMinutes: workingMinutesBetween(cal, startedAt, dueAt),
    status: timeliness(dueAt, endedAt),
  };
}
