// One error type for the calendar module, so callers (routes) can map it to a 400/422 in one place.
// It is a RangeError because every failure here is an argument outside the domain the rules cover.

export type CalendarErrorCode =
  | 'invalid_limit'
  | 'invalid_date'
  | 'invalid_time'
  | 'invalid_schedule'
  | 'invalid_day'
  | 'invalid_pause'
  | 'no_working_day';

export class CalendarError extends RangeError {
  override readonly name = 'CalendarError';
  constructor(
    readonly code: CalendarErrorCode,
    /** Vietnamese first, English second, as the user reads it. */
    message: string,
  ) {
    super(message);
  }
}
