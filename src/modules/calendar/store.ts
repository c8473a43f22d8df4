// Loads a unit's working calendar from the database: the national days (unit_id null), the unit's own
// days (which win on the same date) and the unit's office hours. Cached per unit; any change to days or
// hours must call invalidateCalendars().
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CalendarDayEntry } from './schema.js';
import { buildWorkCalendar, weekSchedule, WeekScheduleConfig, type WorkCalendar } from './work-calendar.js';

const cache = new Map<string, Promise<WorkCalendar>>();
let generation = 0;

export function invalidateCalendars(): void {
  generation++;
  cache.clear();
}

export function loadWorkCalendar(db: Kysely<DB>, unitId: number): Promise<WorkCalendar> {
  // The cache key includes the database object so two test databases in one process never share entries.
  const key = `${dbKey(db)}:${unitId}:${generation}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = readCalendar(db, unitId);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

const dbIds = new WeakMap<object, number>();
let nextDbId = 1;
function dbKey(db: object): number {
  const known = dbIds.get(db);
  if (known !== undefined) return known;
  const id = nextDbId++;
  dbIds.set(db, id);
  return id;
}

async function readCalendar(db: Kysely<DB>, unitId: number): Promise<WorkCalendar> {
  const unit = await db.selectFrom('units').select(['office_hours', 'parent_id']).where('id', '=', unitId).executeTakeFirst();
  const rows = await db
    .selectFrom('calendar_days')
    .select(['unit_id', 'date', 'kind', 'name', 'name_en'])
    .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', unitId)]))
    .execute();
  const byDate = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const prev = byDate.get(r.date);
    if (!prev || (prev.unit_id === null && r.unit_id !== null)) byDate.set(r.date, r);
  }
  const parsed = WeekScheduleConfig.safeParse(unit?.office_hours ?? {});
  const schedule = weekSchedule(parsed.success ? parsed.data : {});
  return buildWorkCalendar(
    [...byDate.values()].map((r) => ({ date: r.date, kind: r.kind, name: r.name, nameEn: r.name_en })),
    schedule,
  );
}

// Reading and replacing one year of entered days, for the calendar administration routes.

export interface StoredCalendarDay {
  unitId: number | null;
  date: string;
  kind: CalendarDayEntry['kind'];
  name: string;
  nameEn: string | null;
  source: string | null;
}

function yearRange(year: number): [string, string] {
  return [`${String(year).padStart(4, '0')}-01-01`, `${String(year).padStart(4, '0')}-12-31`];
}

/** The national days of a year (unit_id null) and, when `unitId` is given, that unit's own; sorted by date. */
export async function listCalendarDays(
  db: Kysely<DB> | Transaction<DB>,
  year: number,
  unitId: number | null,
): Promise<StoredCalendarDay[]> {
  const [from, to] = yearRange(year);
  const rows = await db
    .selectFrom('calendar_days')
    .select(['unit_id', 'date', 'kind', 'name', 'name_en', 'source'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where((eb) => (unitId === null ? eb('unit_id', 'is', null) : eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', unitId)])))
    .orderBy('date')
    .orderBy(sql`unit_id nulls first`)
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, date: r.date, kind: r.kind, name: r.name, nameEn: r.name_en, source: r.source }));
}

/**
 * Replaces the days of one year in one scope (national when `unitId` is null) inside the caller's transaction,
 * and returns what was there before. The caller calls invalidateCalendars() after the commit.
 */
export async function replaceCalendarYear(
  tx: Transaction<DB>,
  year: number,
  unitId: number | null,
  days: readonly CalendarDayEntry[],
  source: string,
): Promise<StoredCalendarDay[]> {
  const [from, to] = yearRange(year);
  const before = (await listCalendarDays(tx, year, unitId)).filter((d) => d.unitId === unitId);
  await tx
    .deleteFrom('calendar_days')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where((eb) => (unitId === null ? eb('unit_id', 'is', null) : eb('unit_id', '=', unitId)))
    .execute();
  if (days.length > 0) {
    await tx
      .insertInto('calendar_days')
      .values(days.map((d) => ({ unit_id: unitId, date: d.date, kind: d.kind, name: d.name, name_en: d.nameEn, source })))
      .execute();
  }
  return before;
}
