// A report's period: two local dates (Vietnam, UTC+7), both included, at most three years long. One reading for
// every report, index, satisfaction and feedback route: the same 400 for the same bad input.
import { badInput } from '../../errors.js';
import { addDays } from '../calendar/index.js';
import { atLocal, isLocalDate } from '../calendar/time.js';

export interface Period {
  fromDay: string;
  toDay: string;
  /** Local midnight starting `fromDay`. */
  start: Date;
  /** Local midnight after `toDay` (exclusive). */
  end: Date;
}

/** Local midnight (UTC+7) starting a YYYY-MM-DD day. */
export const localMidnight = (day: string): Date => atLocal(day, 0);

/** The instants a period of local days covers: from the midnight starting `from` to the one after `to`. */
export function periodBounds(from: string, to: string): { start: Date; end: Date } {
  return { start: localMidnight(from), end: localMidnight(addDays(to, 1)) };
}

/** The latest `to` allowed for a period starting on `from`: the day before the same date three years later. */
export function lastDayWithin3Years(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  // 29/02 + 3 years is 01/03 (no 29/02 then): the period may end on 28/02.
  const same = m === 2 && d === 29 ? `${y + 3}-03-01` : `${String(y + 3).padStart(4, '0')}-${from.slice(5)}`;
  return addDays(same, -1);
}

/** The period from two local dates, inclusive: 400 naming the field for a bad date, `from` after `to`, or more than 3 years. */
export function parsePeriod(from: string, to: string): Period {
  if (!isLocalDate(from)) throw badInput('querystring.from', { vi: `Ngày bắt đầu "${from}" không hợp lệ (YYYY-MM-DD).`, en: `The start date "${from}" is not a valid YYYY-MM-DD date.` });
  if (!isLocalDate(to)) throw badInput('querystring.to', { vi: `Ngày kết thúc "${to}" không hợp lệ (YYYY-MM-DD).`, en: `The end date "${to}" is not a valid YYYY-MM-DD date.` });
  if (from > to) {
    throw badInput('querystring.to', { vi: `Ngày kết thúc (${to}) trước ngày bắt đầu (${from}).`, en: `The end date (${to}) is before the start date (${from}).` });
  }
  if (to > lastDayWithin3Years(from)) throw badInput('querystring.to', { vi: 'Kỳ báo cáo dài tối đa 3 năm.', en: 'A report period covers at most 3 years.' });
  return { fromDay: from, toDay: to, ...periodBounds(from, to) };
}
