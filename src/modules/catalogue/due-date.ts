// The due date a receipt would get, explained: what the public endpoint (printed QR codes, other systems)
// answers. Pure over a working calendar; the rules themselves are the calendar module's computeDueAt.
import { toVietnamIso } from '../../http/time.js';
import type { Msg } from '../../errors.js';
import {
  addDays,
  computeDueAt,
  effectiveReceipt,
  isLocalDate,
  isWorkingDay,
  toLocalDate,
  weekdayOf,
  type Interval,
  type Limit,
  type WorkCalendar,
} from '../calendar/index.js';

export { toVietnamIso };

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/i;

/**
 * ISO 8601 date-time. With Z or an offset it is that instant; without one it is Vietnam wall-clock time
 * (what a person at the counter means). An unencoded "+07:00" in a query string arrives as " 07:00" and is
 * read as "+07:00". Returns null for anything else, including impossible dates (2026-02-30).
 */
export function parseInstant(text: string): Date | null {
  const m = INSTANT_RE.exec(text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (!m || !isLocalDate(m[1]!)) return null;
  const [, date, hh, mm, ss = '00', frac = '', zone] = m;
  const offset = zone === undefined ? '+07:00' : zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = frac ? frac.slice(0, 4).padEnd(4, '0') : '';
  const at = new Date(`${date}T${hh}:${mm}:${ss}${ms}${offset}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

export interface DayOff {
  date: string;
  kind: 'holiday' | 'day_off_in_lieu' | 'day_off';
  name: Msg;
}

export interface DueDateExplanation {
  receivedAt: Date;
  effectiveReceivedAt: Date;
  dueAt: Date;
  calendar: {
    /** Holidays and days off between the receipt day and the due day (inclusive): they did not count. */
    daysOff: DayOff[];
    /** Weekend days worked instead of a weekday off (làm bù): they counted. */
    workedWeekendDays: Array<{ date: string; name: Msg }>;
    /** Saturdays and Sundays in the same span that did not count. */
    weekendDays: number;
    officeHours: Interval[];
    sameDayCutoff: string;
    saturdayCountsForDeadlines: boolean;
    /** Years in the span for which no holiday schedule has been entered: holidays there are not known. */
    yearsWithoutSchedule: number[];
    warnings: Msg[];
  };
}

/** Computes the due instant and lists what the calendar skipped on the way there. */
export function explainDueDate(cal: WorkCalendar, receivedAt: Date, limit: Limit): DueDateExplanation {
  const effectiveReceivedAt = effectiveReceipt(cal, receivedAt);
  const dueAt = computeDueAt(cal, receivedAt, limit);
  const first = toLocalDate(receivedAt);
  const last = toLocalDate(dueAt);
  const daysOff: DayOff[] = [];
  const workedWeekendDays: Array<{ date: string; name: Msg }> = [];
  let weekendDays = 0;
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const override = cal.days.get(d);
    const weekend = weekdayOf(d) === 0 || weekdayOf(d) === 6;
    if (override && override.kind !== 'working_day') {
      daysOff.push({ date: d, kind: override.kind, name: { vi: override.name, en: override.nameEn } });
    } else if (override?.kind === 'working_day') {
      workedWeekendDays.push({ date: d, name: { vi: override.name, en: override.nameEn } });
    } else if (weekend && !isWorkingDay(cal, d)) {
      weekendDays++;
    }
  }
  const scheduled = new Set([...cal.days.keys()].map((d) => Number(d.slice(0, 4))));
  const yearsWithoutSchedule: number[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) if (!scheduled.has(y)) yearsWithoutSchedule.push(y);
  const warnings: Msg[] = yearsWithoutSchedule.map((y) => ({
    vi: `Chưa có lịch nghỉ lễ, Tết năm ${y}: ngày hẹn chưa tính các ngày nghỉ lễ của năm đó.`,
    en: `No holiday schedule has been entered for ${y}: the due date does not account for that year's holidays.`,
  }));
  return {
    receivedAt,
    effectiveReceivedAt,
    dueAt,
    calendar: {
      daysOff,
      workedWeekendDays,
      weekendDays,
      officeHours: [...(cal.schedule.hours[1] ?? [])], // Monday's: the unit's weekday hours
      sameDayCutoff: cal.schedule.sameDayCutoff,
      saturdayCountsForDeadlines: cal.schedule.saturdayCountsForDeadlines,
      yearsWithoutSchedule,
      warnings,
    },
  };
}
