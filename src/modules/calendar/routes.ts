// Administration of the working calendar: the days off and swapped working days of each year, national or
// for one unit, entered by an admin; the statutory days suggested from the lunar calendar for a year that has
// no official schedule yet; and "is this a working day here?" for the screens.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { badInput, forbidden, type Msg } from '../../errors.js';
import { bi } from '../../http/errors.js';
import { requireActor } from '../../http/auth.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { findGrant, type Actor, type Grant } from '../people/actor.js';
import type { UnitInfo } from '../units/directory.js';
import { generateYear, shippedYears } from './index.js';
import { DayKind, type CalendarDayEntry } from './schema.js';
import { invalidateCalendars, listCalendarDays, loadWorkCalendar, replaceCalendarYear, type StoredCalendarDay } from './store.js';
import { addDays, isLocalDate, weekdayOf } from './time.js';
import { isWorkingDay, officeIntervalsOn } from './work-calendar.js';

const TAGS = ['calendar'];
const UnitCode = z.string().trim().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 hoặc 5 chữ số', 'A unit code has 2 or 5 digits'));
const LocalDateText = z
  .string()
  .refine(isLocalDate, bi('Ngày phải có dạng YYYY-MM-DD và là ngày có thật', 'A date must be a real YYYY-MM-DD date'));
const YearParams = z.object({ year: z.coerce.number().int().min(1901).max(2199) });
const MsgOut = z.object({ vi: z.string(), en: z.string() });

const DayOut = z.object({
  date: z.string(),
  kind: DayKind,
  name: z.string(),
  nameEn: z.string(),
  source: z.string().nullable(),
  scope: z.enum(['national', 'unit']),
  /** A national day that the unit's own entry on the same date replaces. */
  overridden: z.boolean(),
});
const YearOut = z.object({
  year: z.number(),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  /** Whether the year has an official schedule shipped with MotCua (data/calendar/<year>.json). */
  shipped: z.boolean(),
  days: z.array(DayOut),
});
/** Why a date is or is not a working day: an entered day's kind, or the plain week. */
const WorkingDayReason = z.enum(['weekday', 'weekend', 'saturday_counted', ...DayKind.options]);
type WorkingDayReason = z.infer<typeof WorkingDayReason>;
const Warning = z.object({ date: z.string(), message: MsgOut });

const DayInput = z.strictObject({
  date: LocalDateText,
  kind: DayKind,
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
});
const PutBody = z.strictObject({
  /** A unit's own days; without it the national days. */
  unit: UnitCode.optional(),
  /** Where the schedule comes from, e.g. the Ministry of Home Affairs notice; stored with each day. */
  source: z.string().trim().min(1).max(500).optional(),
  days: z.array(DayInput).max(100),
});

const isWeekend = (date: string) => weekdayOf(date) === 0 || weekdayOf(date) === 6;

/**
 * Hard rules (400, naming `body.days.N.date`): every date inside the year, each once; a swapped working day
 * ('working_day', làm bù) on a Saturday or Sunday, because buildWorkCalendar refuses any other; a day off
 * ('day_off', 'day_off_in_lieu') on a weekday, because a weekend day is already off and such an entry is a
 * mistake for the weekday it should have been. A 'holiday' may fall on a weekend: the statutory day is
 * recorded where it falls (Giỗ Tổ on Sunday 26/4/2026) and its compensation is a separate day_off_in_lieu.
 */
export function checkDays(year: number, days: readonly CalendarDayEntry[]): void {
  const seen = new Set<string>();
  days.forEach((d, i) => {
    const field = `body.days.${i}.date`;
    if (!d.date.startsWith(`${year}-`)) {
      throw badInput(field, { vi: `Ngày ${d.date} không thuộc năm ${year}.`, en: `${d.date} is not in ${year}.` });
    }
    if (seen.has(d.date)) throw badInput(field, { vi: `Ngày ${d.date} được nhập hai lần.`, en: `${d.date} is listed twice.` });
    seen.add(d.date);
    if (d.kind === 'working_day' && !isWeekend(d.date)) {
      throw badInput(field, {
        vi: `Ngày làm bù ${d.date} phải là thứ Bảy hoặc Chủ nhật.`,
        en: `The swapped working day ${d.date} must be a Saturday or Sunday.`,
      });
    }
    if ((d.kind === 'day_off' || d.kind === 'day_off_in_lieu') && isWeekend(d.date)) {
      throw badInput(field, {
        vi: `${d.date} là ngày cuối tuần, vốn đã được nghỉ; ngày nghỉ bù hoặc nghỉ hoán đổi phải là ngày thường.`,
        en: `${d.date} is a weekend day, already off; a day off (in lieu or by swap) must be a weekday.`,
      });
    }
  });
}

/**
 * Soft checks, returned as warnings and saved anyway, since the Prime Minister's decision may differ from the
 * usual pattern: a holiday on a weekend with no day off in lieu in the two weeks after it (Labour Code
 * Art.111.3), and swaps that do not balance (as many days off by swap as weekend days worked).
 */
export function calendarWarnings(days: readonly { date: string; kind: CalendarDayEntry['kind'] }[]): Array<{ date: string; message: Msg }> {
  const warnings: Array<{ date: string; message: Msg }> = [];
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const inLieu = sorted.filter((d) => d.kind === 'day_off_in_lieu').map((d) => d.date);
  const used = new Set<string>();
  for (const h of sorted.filter((d) => d.kind === 'holiday' && isWeekend(d.date))) {
    const match = inLieu.find((d) => !used.has(d) && d > h.date && d <= addDays(h.date, 14));
    if (match) used.add(match);
    else {
      warnings.push({
        date: h.date,
        message: {
          vi: `Ngày lễ ${h.date} rơi vào cuối tuần nhưng chưa có ngày nghỉ bù sau đó (Bộ luật Lao động Điều 111.3).`,
          en: `The holiday ${h.date} falls on a weekend but has no day off in lieu after it (Labour Code Art.111.3).`,
        },
      });
    }
  }
  const offs = sorted.filter((d) => d.kind === 'day_off').length;
  const worked = sorted.filter((d) => d.kind === 'working_day').length;
  if (offs !== worked) {
    warnings.push({
      date: sorted[0]?.date ?? '',
      message: {
        vi: `Số ngày nghỉ hoán đổi (${offs}) khác số ngày làm bù (${worked}).`,
        en: `Days off by swap (${offs}) and swapped working days (${worked}) do not balance.`,
      },
    });
  }
  return warnings;
}

function toDayOut(days: StoredCalendarDay[]): z.infer<typeof DayOut>[] {
  const unitDates = new Set(days.filter((d) => d.unitId !== null).map((d) => d.date));
  return days.map((d) => ({
    date: d.date,
    kind: d.kind,
    name: d.name,
    nameEn: d.nameEn ?? d.name,
    source: d.source,
    scope: d.unitId === null ? ('national' as const) : ('unit' as const),
    overridden: d.unitId === null && unitDates.has(d.date),
  }));
}

export function calendarRoutes(app: App, ctx: AppContext): void {
  const unitByCode = async (code: string, field: string): Promise<UnitInfo> => {
    await ctx.units.ready();
    const unit = ctx.units.byCode(code);
    if (!unit) throw badInput(field, { vi: `Không có đơn vị mã ${code}.`, en: `No unit with code ${code}.` });
    return unit;
  };

  const yearView = async (year: number, unit: UnitInfo | null): Promise<z.infer<typeof YearOut>> => ({
    year,
    unit: unit ? { code: unit.code, name: unit.name } : null,
    shipped: shippedYears().includes(year),
    days: toDayOut(await listCalendarDays(ctx.db, year, unit?.id ?? null)),
  });

  /** National days: any system admin. A unit's own days: a system admin covering it or its centre admin. */
  const requireCalendarAdmin = (actor: Actor, unit: UnitInfo | null): Grant => {
    const grant = unit
      ? findGrant(actor, ['system_admin', 'centre_admin'], unit.id, ctx.units)
      : actor.grants.find((g) => g.role === 'system_admin');
    if (!grant) {
      throw forbidden(
        unit
          ? { vi: `Bạn không có quyền sửa lịch làm việc của ${unit.name}.`, en: `You may not edit the working calendar of ${unit.name}.` }
          : { vi: 'Chỉ quản trị hệ thống được sửa lịch nghỉ toàn quốc.', en: 'Only a system admin may edit the national calendar.' },
      );
    }
    return grant;
  };

  app.get('/api/calendar/working-day', {
    schema: {
      tags: TAGS,
      summary: 'Một ngày có phải ngày làm việc tại đơn vị không (Is a date a working day at a unit?)',
      querystring: z.object({ unit: UnitCode, date: LocalDateText }),
      response: {
        200: z.object({
          date: z.string(),
          unit: z.string(),
          working: z.boolean(),
          reason: WorkingDayReason,
          name: MsgOut.nullable(),
          officeHours: z.array(z.object({ start: z.string(), end: z.string() })),
        }),
      },
    },
    handler: async (req) => {
      requireActor(req);
      const { date } = req.query;
      const unit = await unitByCode(req.query.unit, 'querystring.unit');
      const cal = await loadWorkCalendar(ctx.db, unit.id);
      const override = cal.days.get(date);
      const working = isWorkingDay(cal, date);
      const wd = weekdayOf(date);
      const reason: WorkingDayReason = override ? override.kind : wd >= 1 && wd <= 5 ? 'weekday' : working ? 'saturday_counted' : 'weekend';
      return {
        date,
        unit: unit.code,
        working,
        reason,
        name: override ? { vi: override.name, en: override.nameEn } : null,
        officeHours: officeIntervalsOn(cal, date).map((i) => ({ start: i.start, end: i.end })),
      };
    },
  });

  app.get('/api/calendar/:year', {
    schema: {
      tags: TAGS,
      summary: 'Ngày nghỉ, ngày làm bù của một năm (The days off and swapped working days of a year, national and a unit’s own)',
      params: YearParams,
      querystring: z.object({ unit: UnitCode.optional() }),
      response: { 200: YearOut },
    },
    handler: async (req) => {
      requireActor(req);
      const unit = req.query.unit ? await unitByCode(req.query.unit, 'querystring.unit') : null;
      return yearView(req.params.year, unit);
    },
  });

  app.get('/api/calendar/:year/suggestions', {
    schema: {
      tags: TAGS,
      summary: 'Gợi ý ngày lễ theo luật và âm lịch (Statutory days suggested from the Labour Code and the lunar calendar)',
      params: YearParams,
      response: {
        200: z.object({
          year: z.number(),
          source: z.string(),
          shipped: z.boolean(),
          /** Whether national days have already been entered for the year. */
          hasSchedule: z.boolean(),
          days: z.array(z.object({ date: z.string(), kind: DayKind, name: z.string(), nameEn: z.string(), suggestion: z.literal(true) })),
        }),
      },
    },
    handler: async (req) => {
      requireActor(req);
      const { year } = req.params;
      const suggested = generateYear(year);
      const existing = await listCalendarDays(ctx.db, year, null);
      return {
        year,
        source: suggested.source,
        shipped: shippedYears().includes(year),
        hasSchedule: existing.length > 0,
        days: suggested.days.map((d) => ({ ...d, suggestion: true as const })),
      };
    },
  });

  app.put('/api/calendar/:year', {
    schema: {
      tags: TAGS,
      summary: 'Thay toàn bộ ngày nghỉ, ngày làm bù của một năm (Replace a year’s days, national or a unit’s own)',
      params: YearParams,
      body: PutBody,
      response: { 200: YearOut.extend({ warnings: z.array(Warning) }) },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { year } = req.params;
      const unit = req.body.unit ? await unitByCode(req.body.unit, 'body.unit') : null;
      const grant = requireCalendarAdmin(actor, unit);
      const days = req.body.days;
      checkDays(year, days);
      const source = req.body.source ?? 'admin';
      const national = unit ? (await listCalendarDays(ctx.db, year, null)).filter((d) => !days.some((x) => x.date === d.date)) : [];
      const warnings = calendarWarnings([...national, ...days]);
      await ctx.db.transaction().execute(async (tx) => {
        const previous = await replaceCalendarYear(tx, year, unit?.id ?? null, days, source);
        await appendAudit(tx, {
          chain: chainForUnit(unit?.id ?? null),
          at: ctx.clock.now(),
          actorId: actor.accountId,
          actorRole: grant.role,
          action: 'calendar.replace_year',
          entity: 'calendar',
          entityId: unit ? `${year}:${unit.code}` : String(year),
          details: { year, unit: unit?.code ?? null, source, ...diff(previous, days) },
        });
      });
      invalidateCalendars();
      return { ...(await yearView(year, unit)), warnings };
    },
  });
}

/** What a replacement changed, by date, for the audit entry. */
function diff(before: StoredCalendarDay[], after: readonly CalendarDayEntry[]): { added: string[]; removed: string[]; changed: string[] } {
  const old = new Map(before.map((d) => [d.date, d]));
  const next = new Map(after.map((d) => [d.date, d]));
  return {
    added: [...next.keys()].filter((d) => !old.has(d)).sort(),
    removed: [...old.keys()].filter((d) => !next.has(d)).sort(),
    changed: [...next.values()]
      .filter((d) => {
        const o = old.get(d.date);
        return o && (o.kind !== d.kind || o.name !== d.name || (o.nameEn ?? o.name) !== d.nameEn);
      })
      .map((d) => d.date)
      .sort(),
  };
}
