// The only I/O of the calendar module: reading the shipped official schedules in data/calendar/<year>.json.
// Kept apart so everything else stays pure; the database seeds `calendar_days` from these.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CalendarYear, type CalendarDayEntry } from './schema.js';

const DATA_DIR = new URL('../../../data/calendar/', import.meta.url);
const FILE_RE = /^(\d{4})\.json$/;

function yearFiles(): Array<{ year: number; url: URL }> {
  return readdirSync(fileURLToPath(DATA_DIR))
    .map((f) => FILE_RE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ year: Number(m[1]), url: new URL(m[0], DATA_DIR) }))
    .sort((a, b) => a.year - b.year);
}

/** Every shipped year document, validated; throws naming the file when one is malformed. */
export function loadShippedYears(): CalendarYear[] {
  return yearFiles().map(({ year, url }) => {
    const parsed = CalendarYear.safeParse(JSON.parse(readFileSync(url, 'utf8')));
    if (!parsed.success) {
      throw new Error(`data/calendar/${year}.json không hợp lệ / is invalid: ${parsed.error.message}`);
    }
    if (parsed.data.year !== year) {
      throw new Error(`data/calendar/${year}.json declares year ${parsed.data.year}`);
    }
    return parsed.data;
  });
}

/** All shipped day entries of all years, sorted by date. */
export function loadShippedSchedules(): CalendarDayEntry[] {
  return loadShippedYears()
    .flatMap((y) => y.days)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The years that have a shipped official schedule. */
export function shippedYears(): number[] {
  return yearFiles().map((f) => f.year);
}
