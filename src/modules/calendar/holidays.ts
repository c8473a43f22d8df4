// Suggested public holidays for a year, from the Labour Code 2019 (Art.111–112) and the Vietnamese lunar
// calendar. Only suggestions: the Prime Minister fixes the Tết and National Day days and the swaps each
// year (announced by Bộ Nội vụ), so an admin confirms or edits them before they enter a working calendar.
import { CalendarError } from './errors.js';
import { lunarNewYear, lunarOf, solarOfLunar } from './lunar.js';
import type { CalendarYear } from './schema.js';
import { addDays, localDate, weekdayOf, type LocalDate } from './time.js';

export type HolidaySuggestion = {
  date: LocalDate;
  kind: 'holiday' | 'day_off_in_lieu';
  name: string;
  nameEn: string;
};

/** NQ 28/2026/QH16 adds 24/11 from 1/7/2026, so from the year 2026. */
export const CULTURE_DAY_FROM_YEAR = 2026;

const isWeekend = (d: LocalDate): boolean => weekdayOf(d) === 0 || weekdayOf(d) === 6;

type Named = Omit<HolidaySuggestion, 'kind'>;

const ORDINAL_EN = ['', '1st', '2nd', '3rd', '4th'];

/** Tết: the last day of the old lunar year (the 29th or the 30th of tháng Chạp) and mùng 1–4. */
function tetDays(year: number): Named[] {
  const newYear = lunarNewYear(year);
  const eve = addDays(newYear, -1);
  const eveDay = lunarOf(eve).day;
  const days: Named[] = [
    {
      date: eve,
      name: `Tết Nguyên đán (${eveDay} tháng Chạp)`,
      nameEn: `Lunar New Year (${eveDay}th day of the 12th lunar month, last day of the year)`,
    },
  ];
  for (let i = 1; i <= 4; i++) {
    days.push({
      date: addDays(newYear, i - 1),
      name: `Tết Nguyên đán (mùng ${i} tháng Giêng)`,
      nameEn: `Lunar New Year (${ORDINAL_EN[i]} day of the 1st lunar month)`,
    });
  }
  return days;
}

/**
 * The day next to 2/9 (Art.112.1.đ: "01 ngày liền kề trước hoặc sau"): the weekday whose pairing with 2/9
 * joins a weekend (Tue → 1/9 Mon, Thu → 3/9 Fri, Mon → 3/9 Tue, Sun → 3/9 Mon, Fri/Sat → 1/9), else 1/9.
 * This matches the official choices of 2022–2025 (1/9, 1/9, 3/9, 1/9).
 */
export function nationalDayAdjacent(year: number): LocalDate {
  const national = localDate(year, 9, 2);
  const before = localDate(year, 9, 1);
  const after = localDate(year, 9, 3);
  const joinsWeekend = (d: LocalDate): boolean =>
    !isWeekend(d) && [d, national].some((x) => isWeekend(addDays(x, -1)) || isWeekend(addDays(x, 1)));
  if (joinsWeekend(before)) return before;
  if (joinsWeekend(after)) return after;
  return isWeekend(before) ? after : before;
}

function fixedHolidays(year: number): Named[] {
  const adjacent = nationalDayAdjacent(year);
  const days: Named[] = [
    { date: localDate(year, 1, 1), name: 'Tết Dương lịch', nameEn: "New Year's Day" },
    ...tetDays(year),
    {
      date: solarOfLunar(10, 3, year),
      name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      nameEn: "Hung Kings' Commemoration Day (10th day of the 3rd lunar month)",
    },
    { date: localDate(year, 4, 30), name: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day (30 April)' },
    { date: localDate(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)', nameEn: "International Workers' Day (1 May)" },
    { date: localDate(year, 9, 2), name: 'Quốc khánh (2/9)', nameEn: 'National Day (2 September)' },
    {
      date: adjacent,
      name: `Quốc khánh (ngày liền kề ${adjacent.slice(8, 10).replace(/^0/, '')}/9)`,
      nameEn: `National Day (adjacent day, ${adjacent.slice(8, 10).replace(/^0/, '')} September)`,
    },
  ];
  if (year >= CULTURE_DAY_FROM_YEAR) {
    days.push({ date: localDate(year, 11, 24), name: 'Ngày Văn hóa Việt Nam (24/11)', nameEn: 'Vietnamese Culture Day (24 November)' });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The statutory days of a year, with a day off in lieu for each holiday on a Saturday or Sunday, on the
 * next weekday that is not itself a holiday or already a day in lieu (Art.111.3). Sorted by date.
 */
export function statutoryHolidays(year: number): HolidaySuggestion[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2199) {
    throw new CalendarError('invalid_date', `Năm ngoài phạm vi 1901–2199: ${year} / Year outside 1901–2199: ${year}`);
  }
  const holidays = fixedHolidays(year);
  const taken = new Set(holidays.map((h) => h.date));
  const result: HolidaySuggestion[] = holidays.map((h) => ({ ...h, kind: 'holiday' }));
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let d = h.date;
    do d = addDays(d, 1);
    while (isWeekend(d) || taken.has(d));
    taken.add(d);
    result.push({ date: d, kind: 'day_off_in_lieu', name: `Nghỉ bù ${h.name}`, nameEn: `Day off in lieu: ${h.nameEn}` });
  }
  return result.sort((a, b) => a.date.localeCompare(b.date));
}

export const SUGGESTION_SOURCE =
  'Gợi ý tự động theo Bộ luật Lao động 2019 Điều 111–112, NQ 28/2026/QH16 và âm lịch Việt Nam (UTC+7); ' +
  'cần xác nhận theo thông báo của Bộ Nội vụ / Suggested from Labour Code 2019 Art.111–112, ' +
  'NQ 28/2026/QH16 and the Vietnamese lunar calendar (UTC+7); confirm against the Ministry of Home Affairs notice';

/** A year's suggested schedule in the shipped-JSON shape, for an admin to confirm, edit (swaps) and save. */
export function generateYear(year: number): CalendarYear {
  return { year, source: SUGGESTION_SOURCE, days: statutoryHolidays(year) };
}
