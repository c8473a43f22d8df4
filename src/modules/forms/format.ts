// Vietnamese formatting of dates, durations and counts for the printed forms.
// Dates are always shown in Vietnam time (UTC+7, no daylight saving), computed
// arithmetically so the result never depends on the process time zone.

import type { TimeLimit } from './types.js';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

export interface VietnamDateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function vietnamDateParts(date: Date): VietnamDateParts {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  const shifted = new Date(date.getTime() + VIETNAM_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "20/11/2026" */
export function formatDate(date: Date): string {
  const p = vietnamDateParts(date);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "08:37" */
export function formatClock(date: Date): string {
  const p = vietnamDateParts(date);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "08 giờ 37 phút, ngày 20/11/2026", the wording used on receipts and control sheets. */
export function formatDateTime(date: Date): string {
  const p = vietnamDateParts(date);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ngày ${formatDate(date)}`;
}

/** Placeholder printed when a time is still to be filled in by hand. */
export const BLANK_DATE_TIME = '… giờ … phút, ngày …/…/……';

/**
 * "Vinh Lộc, ngày 05 tháng 01 năm 2026". Decree 30/2020 (administrative documents) pads days
 * below 10 and the months 1 and 2 with a zero, but not months 3 to 12.
 */
export function formatDateLine(placeName: string, date?: Date): string {
  if (!date) return `${placeName}, ngày …… tháng …… năm ………`;
  const p = vietnamDateParts(date);
  const month = p.month <= 2 ? pad2(p.month) : String(p.month);
  return `${placeName}, ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** "6 giờ 30 phút", "45 phút", "26 giờ". Hours are not folded into days: a day's length depends on office hours. */
export function formatDuration(totalMinutes: number): string {
  if (!Number.isFinite(totalMinutes) || totalMinutes < 0) throw new RangeError('Duration must be a non-negative number of minutes');
  const minutes = Math.round(totalMinutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} phút`;
  return rest === 0 ? `${hours} giờ` : `${hours} giờ ${rest} phút`;
}

/** "03 ngày làm việc", "04 giờ làm việc", "trong ngày"; `pad: false` gives "3 ngày làm việc". */
export function formatTimeLimit(limit: TimeLimit, options: { pad?: boolean } = {}): string {
  if (limit.kind === 'same-day') return 'trong ngày';
  const amount = options.pad === false ? String(limit.amount) : pad2(limit.amount);
  switch (limit.kind) {
    case 'working-days':
      return `${amount} ngày làm việc`;
    case 'days':
      return `${amount} ngày`;
    case 'working-hours':
      return `${amount} giờ làm việc`;
  }
}

/** Counts on forms are written with two digits: "01 bản chính", "02 (bộ)". */
export function formatCount(n: number): string {
  return pad2(n);
}
