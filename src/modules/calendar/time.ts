// Vietnam local time without the process time zone: Vietnam is UTC+7 all year (no DST), so a local
// wall-clock reading is the UTC reading of the instant shifted by 7 hours. Nothing here reads the host TZ.
import { CalendarError } from './errors.js';

/** A Vietnam calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

export const VN_UTC_OFFSET_HOURS = 7;
export const VN_UTC_OFFSET_MS = VN_UTC_OFFSET_HOURS * 3_600_000;
const OFFSET_MS = VN_UTC_OFFSET_MS;
export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** Days since 1970-01-01 for a valid local date; throws on a malformed or impossible date. */
/** '2026-08-10' → '10/08/2026', the way dates are written in Vietnam. */
export function formatLocalDate(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

export function dayNumber(date: LocalDate): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / DAY_MS;
    }
  }
  throw new CalendarError('invalid_date', `Ngày không hợp lệ: "${date}" / Invalid date "${date}" (expected YYYY-MM-DD)`);
}

export function isLocalDate(text: string): boolean {
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}

export function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(date: LocalDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The Vietnam local date of an instant. */
export function toLocalDate(at: Date): LocalDate {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of the Vietnam local date of an instant (dayNumber(toLocalDate(at)), faster). */
export function localDayNumber(at: Date): number {
  return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}

/** Milliseconds since local midnight (0 … 86 399 999). */
export function localMsOfDay(at: Date): number {
  const shifted = at.getTime() + OFFSET_MS;
  return ((shifted % DAY_MS) + DAY_MS) % DAY_MS;
}

/** The instant at `ms` milliseconds after local midnight of `date` (ms may exceed a day). */
export function atLocal(date: LocalDate, ms: number): Date {
  return new Date(dayNumber(date) * DAY_MS + ms - OFFSET_MS);
}

/** 'HH:MM' → minutes after midnight. */
export function parseClock(text: string): number {
  const m = TIME_RE.exec(text);
  if (!m) {
    throw new CalendarError('invalid_time', `Giờ không hợp lệ: "${text}" / Invalid time "${text}" (expected HH:MM)`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
}

export function isClock(text: string): boolean {
  return TIME_RE.test(text);
}

/** Vietnam wall-clock text 'YYYY-MM-DDTHH:MM[:SS]' → instant. Used by tests and by input parsing. */
export function parseVietnamTime(text: string): Date {
  const m = DATETIME_RE.exec(text);
  if (!m) {
    throw new CalendarError('invalid_time', `Thời điểm không hợp lệ: "${text}" / Invalid local time "${text}"`);
  }
  const ms = (Number(m[2]) * 60 + Number(m[3])) * MINUTE_MS + Number(m[4] ?? 0) * 1000;
  return atLocal(m[1] as string, ms);
}

/** Instant → Vietnam wall-clock text 'YYYY-MM-DDTHH:MM' (seconds shown only when not zero). */
export function formatVietnamTime(at: Date): string {
  const iso = new Date(at.getTime() + OFFSET_MS).toISOString();
  const seconds = iso.slice(17, 19);
  return seconds === '00' && iso.slice(20, 23) === '000' ? iso.slice(0, 16) : iso.slice(0, 19);
}
