// Calendar: Vietnam working days, public holidays (from the lunar calendar, confirmed by an admin) and the
// deadline rules of the one-stop mechanism: due dates, pauses, supplements, on-time classification.
// Pure functions over a WorkCalendar and instants passed in; only load.ts touches the file system.

export { CalendarError, type CalendarErrorCode } from './errors.js';
export {
  addDays,
  formatVietnamTime,
  isLocalDate,
  parseVietnamTime,
  toLocalDate,
  VN_UTC_OFFSET_HOURS,
  weekdayOf,
  type LocalDate,
} from './time.js';
export {
  convertLunar2Solar,
  convertSolar2Lunar,
  getLeapMonthOffset,
  getLunarMonth11,
  getNewMoonDay,
  getSunLongitude,
  jdFromDate,
  jdToDate,
  lunarNewYear,
  lunarOf,
  solarOfLunar,
  VN_LUNAR_TIME_ZONE,
  type LunarDate,
  type SolarDate,
} from './lunar.js';
export { CalendarDayEntry, CalendarYear, DayKind } from './schema.js';
export {
  CULTURE_DAY_FROM_YEAR,
  generateYear,
  nationalDayAdjacent,
  statutoryHolidays,
  SUGGESTION_SOURCE,
  type HolidaySuggestion,
} from './holidays.js';
export {
  addWorkingDays,
  buildWorkCalendar,
  checkWeekSchedule,
  DEFAULT_WEEK_SCHEDULE,
  DEFAULT_WEEKDAY_HOURS,
  Interval,
  isWorkingDay,
  nextWorkingDay,
  officeIntervalsOn,
  weekSchedule,
  WeekScheduleConfig,
  workingDayOnOrAfter,
  WORKING_DAY_HORIZON_DAYS,
  type CalendarDayInput,
  type DayOverride,
  type WeekSchedule,
  type WorkCalendar,
} from './work-calendar.js';
export { addWorkingMinutes, closeOfOffice, workingMinutesBetween } from './working-time.js';
export {
  checkLimit,
  computeDueAt,
  effectiveReceipt,
  elapsedAgainstAllotted,
  LIMIT_UNITS,
  restartAfterSupplement,
  resumeAfterPause,
  timeliness,
  urgency,
  type ElapsedAgainstAllotted,
  type Limit,
  type LimitUnit,
  type Pause,
  type Timeliness,
  type Urgency,
} from './due-date.js';
export { loadShippedSchedules, loadShippedYears, shippedYears } from './load.js';
