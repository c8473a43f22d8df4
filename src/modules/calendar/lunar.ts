// The Vietnamese lunar calendar, after Hồ Ngọc Đức's published algorithm ("Âm lịch Việt Nam",
// https://www.informatik.uni-leipzig.de/~duc/amlich/). Vietnam computes new moons and solar terms at
// UTC+7; Chinese-calendar libraries use UTC+8 and disagree on some years (Tết 1985, 2007), so they
// must not be used for Vietnamese holidays. Astronomical formulas are from Jean Meeus, "Astronomical
// Algorithms" (1998), in the simplified form Hồ Ngọc Đức gives; accurate for roughly 1800–2199.
import { localDate, type LocalDate } from './time.js';

export const VN_LUNAR_TIME_ZONE = 7;

export type SolarDate = { day: number; month: number; year: number };
export type LunarDate = { day: number; month: number; year: number; leap: boolean };

const INT = Math.floor;
const PI = Math.PI;
const DR = PI / 180;

/** Julian day number of a (proleptic Gregorian from 15/10/1582, Julian before) date. */
export function jdFromDate(dd: number, mm: number, yy: number): number {
  const a = INT((14 - mm) / 12);
  const y = yy + 4800 - a;
  const m = mm + 12 * a - 3;
  let jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) {
    jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  }
  return jd;
}

export function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  return {
    day: e - INT((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * INT(m / 10),
    year: b * 100 + d - 4800 + INT(m / 10),
  };
}

/** Julian day (fractional, UT) of the k-th new moon after the one of 1/1/1900 13:52 UT. */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(DR * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** Julian day number of the local day holding the k-th new moon. */
export function getNewMoonDay(k: number, timeZone: number = VN_LUNAR_TIME_ZONE): number {
  return INT(newMoon(k) + 0.5 + timeZone / 24);
}

/** Sun's apparent longitude in radians (0 … 2π) at fractional Julian day `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  let L = (L0 + DL) * DR;
  L = L - PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Solar-term sector 0…11 (30° each) of the sun at the start of local day `dayNumber`; 9 ↔ winter solstice. */
export function getSunLongitude(dayNumber: number, timeZone: number = VN_LUNAR_TIME_ZONE): number {
  return INT((sunLongitude(dayNumber - 0.5 - timeZone / 24) / PI) * 6);
}

// getLunarMonth11 and getLeapMonthOffset are pure and called for every conversion; memoise them.
const month11Cache = new Map<string, number>();
const leapOffsetCache = new Map<string, number>();

function memo(cache: Map<string, number>, key: string, compute: () => number): number {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

/** Julian day number of the first day of lunar month 11 (the month holding the winter solstice) of `yy`. */
export function getLunarMonth11(yy: number, timeZone: number = VN_LUNAR_TIME_ZONE): number {
  return memo(month11Cache, `${yy}:${timeZone}`, () => lunarMonth11(yy, timeZone));
}

function lunarMonth11(yy: number, timeZone: number): number {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = getNewMoonDay(k, timeZone);
  if (getSunLongitude(nm, timeZone) >= 9) {
    nm = getNewMoonDay(k - 1, timeZone);
  }
  return nm;
}

/** In a leap lunar year starting at month 11 `a11`, the offset (from month 11) of the leap month. */
export function getLeapMonthOffset(a11: number, timeZone: number = VN_LUNAR_TIME_ZONE): number {
  return memo(leapOffsetCache, `${a11}:${timeZone}`, () => leapMonthOffset(a11, timeZone));
}

function leapMonthOffset(a11: number, timeZone: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1;
  let arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  let last: number;
  // The leap month is the first one with no major solar term: the sector does not change during it.
  do {
    last = arc;
    i++;
    arc = getSunLongitude(getNewMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

export function convertSolar2Lunar(dd: number, mm: number, yy: number, timeZone: number = VN_LUNAR_TIME_ZONE): LunarDate {
  const dayNumber = jdFromDate(dd, mm, yy);
  let k = INT((dayNumber - 2415021.076998695) / 29.530588853);
  let monthStart = getNewMoonDay(k + 1, timeZone);
  // The published code stops after one step back here. k comes from the mean lunation, and when the true
  // new moon k falls a day after the mean one (2054-05-07, 2062-04-09 in 1900–2199) that step is not
  // enough and the day came out as lunar day 0; step back until the month has started.
  while (monthStart > dayNumber) {
    monthStart = getNewMoonDay(k, timeZone);
    k--;
  }
  let a11 = getLunarMonth11(yy, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = yy;
    a11 = getLunarMonth11(yy - 1, timeZone);
  } else {
    lunarYear = yy + 1;
    b11 = getLunarMonth11(yy + 1, timeZone);
  }
  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapMonthDiff = getLeapMonthOffset(a11, timeZone);
    if (diff >= leapMonthDiff) {
      lunarMonth = diff + 10;
      if (diff === leapMonthDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/** Solar date of a lunar date, or null when `leap` is asked for a month that is not the leap month. */
export function convertLunar2Solar(
  lunarDay: number,
  lunarMonth: number,
  lunarYear: number,
  leap: boolean,
  timeZone: number = VN_LUNAR_TIME_ZONE,
): SolarDate | null {
  let a11: number;
  let b11: number;
  if (lunarMonth < 11) {
    a11 = getLunarMonth11(lunarYear - 1, timeZone);
    b11 = getLunarMonth11(lunarYear, timeZone);
  } else {
    a11 = getLunarMonth11(lunarYear, timeZone);
    b11 = getLunarMonth11(lunarYear + 1, timeZone);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = lunarMonth - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = getLeapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && lunarMonth !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = getNewMoonDay(k + off, timeZone);
  return jdToDate(monthStart + lunarDay - 1);
}

// Convenience over LocalDate strings, at Vietnam's UTC+7.

export function lunarOf(date: LocalDate): LunarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return convertSolar2Lunar(d, m, y, VN_LUNAR_TIME_ZONE);
}

/** The solar date of a (non-leap unless asked) lunar date; throws when the leap month does not exist. */
export function solarOfLunar(day: number, month: number, year: number, leap = false): LocalDate {
  const s = convertLunar2Solar(day, month, year, leap, VN_LUNAR_TIME_ZONE);
  if (!s) throw new RangeError(`Năm âm lịch ${year} không có tháng ${month} nhuận / lunar year ${year} has no leap month ${month}`);
  return localDate(s.year, s.month, s.day);
}

/** Mùng 1 tháng Giêng (lunar New Year's day) of the lunar year that starts in solar year `year`. */
export function lunarNewYear(year: number): LocalDate {
  return solarOfLunar(1, 1, year);
}
