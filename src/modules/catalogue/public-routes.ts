// Public catalogue routes (no sign-in): search, one procedure, fields, and the due date a receipt would get.
// These paths are printed in QR codes and used by other systems: change them only by adding new ones.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError, badInput, domainRule, notFound } from '../../errors.js';
import { bi } from '../../http/errors.js';
import { CalendarError } from '../calendar/index.js';
import { loadWorkCalendar } from '../calendar/store.js';
import { limitFor, type LimitUnit } from './domain.js';
import { explainDueDate, parseInstant, toVietnamIso } from './due-date.js';
import { Bilingual, ChannelName, LimitUnitName, ProcedureCode, ProcedureHit, ProcedureView, procedureView } from './schema.js';
import { findVersionAt, listFields, searchProcedures } from './store.js';

const SearchQuery = z.object({
  q: z.string().max(200).optional(),
  field: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const WholeNumber = z
  .string()
  .trim()
  .regex(/^-?\d{1,6}$/, bi('Thời hạn phải là số nguyên', 'The limit must be a whole number'))
  .transform(Number)
  .pipe(z.number().min(0, bi('Thời hạn không được âm', 'The limit cannot be negative')).max(365, bi('Thời hạn tối đa 365', 'The limit is at most 365')));

const DueDateQuery = z.object({
  unit: z.string().trim().regex(/^\d{2,5}$/, bi('Mã đơn vị hành chính gồm 2 (tỉnh) hoặc 5 (xã) chữ số, ví dụ 20122', 'A unit code has 2 (province) or 5 (commune) digits, e.g. 20122')),
  receivedAt: z.string().max(64).optional(),
  channel: ChannelName.default('counter'),
  procedure: ProcedureCode.optional(),
  limit: WholeNumber.optional(),
  limitUnit: LimitUnitName.optional(),
});

const DueDateView = z.object({
  dueAt: z.string(),
  receivedAt: z.string(),
  effectiveReceivedAt: z.string(),
  limit: z.object({ value: z.number().int(), unit: LimitUnitName }),
  channel: ChannelName,
  unit: z.object({ code: z.string(), name: z.string() }),
  procedure: z.object({ code: z.string(), name: z.string(), version: z.number().int() }).nullable(),
  calendar: z.object({
    daysOff: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'day_off_in_lieu', 'day_off']), name: Bilingual })),
    workedWeekendDays: z.array(z.object({ date: z.string(), name: Bilingual })),
    weekendDays: z.number().int(),
    officeHours: z.array(z.object({ start: z.string(), end: z.string() })),
    sameDayCutoff: z.string(),
    saturdayCountsForDeadlines: z.boolean(),
    yearsWithoutSchedule: z.array(z.number().int()),
    warnings: z.array(Bilingual),
  }),
});

/** Catalogue content changes rarely; a minute of caching spares the database when a QR code goes round. */
const CACHE = 'public, max-age=60';

export function cataloguePublicRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/procedures', {
    schema: {
      tags: ['public'],
      summary: 'Tra cứu thủ tục hành chính (Search procedures)',
      description: 'Không phân biệt dấu: "dang ky khai sinh" tìm được "Thủ tục đăng ký khai sinh". Tìm cả theo mã thủ tục. / Diacritic-insensitive; also matches codes.',
      querystring: SearchQuery,
      response: { 200: z.object({ procedures: z.array(ProcedureHit) }) },
    },
    handler: async (req, reply) => {
      const { q, field, limit } = req.query;
      const hits = await searchProcedures(ctx.db, q ?? '', ctx.clock.now(), limit, field?.trim() || undefined);
      reply.header('cache-control', CACHE);
      return {
        procedures: hits.map((h) => ({
          code: h.code,
          name: h.name,
          field: h.field,
          onlineLevel: h.onlineLevel,
          channels: h.channels.map((c) => ({
            channel: c.channel,
            timeLimit: { value: c.timeLimit.value, unit: c.timeLimit.unit, text: c.timeLimit.text },
            fee: { amount: c.fee.amount, currency: c.fee.currency, text: c.fee.text },
          })),
        })),
      };
    },
  });

  app.get('/api/public/procedures/:code', {
    schema: {
      tags: ['public'],
      summary: 'Thủ tục hành chính đang có hiệu lực (The procedure in force)',
      params: z.object({ code: ProcedureCode }),
      response: { 200: ProcedureView },
    },
    handler: async (req, reply) => {
      const v = await findVersionAt(ctx.db, req.params.code, ctx.clock.now());
      if (!v) throw notFound({ vi: `thủ tục mã ${req.params.code}`, en: `procedure ${req.params.code}` });
      reply.header('cache-control', CACHE);
      return procedureView(v);
    },
  });

  app.get('/api/public/fields', {
    schema: {
      tags: ['public'],
      summary: 'Lĩnh vực và số thủ tục (Fields with their procedure counts)',
      response: { 200: z.object({ fields: z.array(z.object({ field: z.string(), count: z.number().int() })) }) },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', CACHE);
      return { fields: await listFields(ctx.db, ctx.clock.now()) };
    },
  });

  app.get('/api/public/due-date', {
    schema: {
      tags: ['public'],
      summary: 'Tính ngày hẹn trả kết quả (Compute a due date)',
      description:
        'Cho đơn vị (mã xã/phường), thời điểm tiếp nhận (ISO 8601; không có múi giờ thì hiểu là giờ Việt Nam), kênh, và hoặc `procedure` (mã thủ tục) hoặc `limit` + `limitUnit`. ' +
        '/ Give a unit code, the receipt instant (ISO 8601; without an offset it is Vietnam time; default now), the channel, and either `procedure` or `limit` with `limitUnit`.',
      querystring: DueDateQuery,
      response: { 200: DueDateView },
    },
    handler: async (req) => {
      const q = req.query;
      await ctx.units.ready();
      const known = ctx.units.byCode(q.unit);
      if (!known) throw badInput('querystring.unit', { vi: `Không có đơn vị hành chính mã ${q.unit}.`, en: `No unit with code ${q.unit}.` });
      const unit = ctx.units.successor(known.id) ?? known;

      const receivedAt = q.receivedAt === undefined ? ctx.clock.now() : parseInstant(q.receivedAt);
      if (!receivedAt) {
        throw badInput('querystring.receivedAt', {
          vi: `Thời điểm tiếp nhận "${q.receivedAt}" không hợp lệ; dùng ISO 8601, ví dụ 2026-02-12T09:00:00+07:00.`,
          en: `Invalid receipt time "${q.receivedAt}"; use ISO 8601, e.g. 2026-02-12T09:00:00+07:00.`,
        });
      }

      const resolved = await resolveLimit(ctx, q, receivedAt);
      const cal = await loadWorkCalendar(ctx.db, unit.id);
      const explained = calendarRule(() => explainDueDate(cal, receivedAt, resolved.limit));
      return {
        dueAt: toVietnamIso(explained.dueAt),
        receivedAt: toVietnamIso(explained.receivedAt),
        effectiveReceivedAt: toVietnamIso(explained.effectiveReceivedAt),
        limit: resolved.limit,
        channel: q.channel,
        unit: { code: unit.code, name: unit.name },
        procedure: resolved.procedure,
        calendar: explained.calendar,
      };
    },
  });
}

type DueDateQuery = z.infer<typeof DueDateQuery>;

/** The limit to count: the procedure's for the channel, or the one given. Exactly one of the two. */
async function resolveLimit(
  ctx: AppContext,
  q: DueDateQuery,
  receivedAt: Date,
): Promise<{ limit: { value: number; unit: LimitUnit }; procedure: { code: string; name: string; version: number } | null }> {
  const givenLimit = q.limit !== undefined || q.limitUnit !== undefined;
  if (q.procedure && givenLimit) {
    throw badInput('querystring.procedure', {
      vi: 'Chỉ cho một trong hai: mã thủ tục (procedure) hoặc thời hạn (limit, limitUnit).',
      en: 'Give either a procedure code (procedure) or a limit (limit, limitUnit), not both.',
    });
  }
  if (!q.procedure && !givenLimit) {
    throw badInput('querystring.procedure', {
      vi: 'Cần mã thủ tục (procedure) hoặc thời hạn (limit và limitUnit).',
      en: 'Give a procedure code (procedure) or a limit (limit and limitUnit).',
    });
  }
  if (!q.procedure) {
    if (q.limit === undefined) throw badInput('querystring.limit', { vi: 'Thiếu số thời hạn (limit).', en: 'The limit value (limit) is missing.' });
    if (q.limitUnit === undefined) {
      throw badInput('querystring.limitUnit', {
        vi: 'Thiếu đơn vị thời hạn (limitUnit: working_day, day, hour, same_day).',
        en: 'The limit unit (limitUnit: working_day, day, hour, same_day) is missing.',
      });
    }
    return { limit: { value: q.limit, unit: q.limitUnit }, procedure: null };
  }
  // The version a dossier received at that instant would be bound to.
  const version = await findVersionAt(ctx.db, q.procedure, receivedAt);
  if (!version) {
    const current = await findVersionAt(ctx.db, q.procedure, ctx.clock.now());
    if (!current) throw notFound({ vi: `thủ tục mã ${q.procedure}`, en: `procedure ${q.procedure}` });
    throw domainRule({
      vi: `Thủ tục ${q.procedure} chưa có hiệu lực vào thời điểm tiếp nhận đã cho.`,
      en: `Procedure ${q.procedure} was not in force at the given receipt time.`,
    });
  }
  const resolved = limitFor(version.channels, q.channel);
  if (!resolved.ok) throw domainRule(resolved.reason);
  return { limit: resolved.limit, procedure: { code: version.code, name: version.name, version: version.version } };
}

/** The calendar module throws CalendarError (a RangeError); the person asking gets a 422 with its text. */
function calendarRule<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CalendarError) {
      const [vi, en] = e.message.split(' / ');
      throw new AppError('domain_rule', { vi: vi ?? e.message, en: en ?? e.message });
    }
    throw e;
  }
}
