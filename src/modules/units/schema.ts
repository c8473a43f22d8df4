// The zod schemas of the units API: what the routes accept and what they answer.
import { z } from 'zod';
import { bi } from '../../http/errors.js';
import { isLocalDate, parseVietnamTime } from '../calendar/index.js';

export const UNIT_KINDS = ['province', 'commune', 'ward', 'special_zone'] as const;
export const OFFICE_KINDS = ['service_centre', 'office', 'leadership'] as const;
export const IDENTIFIER_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const CLOCK_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export const UnitCode = z.string().trim().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 hoặc 5 chữ số', 'A unit code has 2 or 5 digits'));
export const CodeParams = z.object({ code: UnitCode });

export const UnitSummary = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentCode: z.string().nullable(),
  parentName: z.string().nullable(),
  identifier: z.string(),
  identifierSource: z.enum(['derived', 'official']),
  mergedInto: z.object({ code: z.string(), name: z.string() }).nullable(),
  mergedAt: z.string().nullable(),
});
export type UnitSummary = z.infer<typeof UnitSummary>;

export const Office = z.object({ code: z.string(), name: z.string(), kind: z.enum(OFFICE_KINDS) });

export const Clock = z
  .string()
  .refine((s) => CLOCK_RE.test(s), bi('Giờ phải có dạng HH:MM (00:00–23:59)', 'A time must be HH:MM (00:00–23:59)'));
export const Interval = z.strictObject({ start: Clock, end: Clock });

/** The week as stored in units.office_hours (WeekScheduleConfig); null clears the Saturday shift. */
export const OfficeHoursBody = z.strictObject({
  weekdayHours: z.array(Interval).min(1).max(4).optional(),
  saturdayMorning: Interval.nullable().optional(),
  saturdayCountsForDeadlines: z.boolean().optional(),
  sameDayCutoff: Clock.optional(),
});

/** The week in force, every field filled in; `isDefault` when the unit keeps the default week. */
export const OfficeHours = z.object({
  weekdayHours: z.array(z.object({ start: z.string(), end: z.string() })),
  saturdayMorning: z.object({ start: z.string(), end: z.string() }).nullable(),
  saturdayCountsForDeadlines: z.boolean(),
  sameDayCutoff: z.string(),
  isDefault: z.boolean(),
});

export const UnitDetail = UnitSummary.extend({
  offices: z.array(Office),
  officeHours: OfficeHours,
  mergedUnits: z.array(UnitSummary),
});

export const ListQuery = z.object({
  q: z.string().max(200).optional(),
  province: UnitCode.optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const UnitPatch = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    identifier: z
      .string()
      .trim()
      .refine(
        (s) => IDENTIFIER_RE.test(s),
        bi('Mã định danh theo QCVN 102 có dạng 000.00.00.H00', 'A QCVN 102 identifier looks like 000.00.00.H00'),
      )
      .optional(),
  })
  .refine(
    (p) => p.name !== undefined || p.identifier !== undefined,
    bi('Cần ít nhất một trường: name, identifier', 'Give at least one field: name, identifier'),
  );

export const MergeBody = z.strictObject({
  successorCode: UnitCode,
  /** 'YYYY-MM-DD' (00:00 Vietnam time) or an ISO instant with offset; default now. */
  mergedAt: z
    .string()
    .refine(
      (s) => parseInstant(s) !== null,
      bi('Ngày sáp nhập có dạng YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ', 'mergedAt is YYYY-MM-DD or an ISO 8601 instant with offset'),
    )
    .optional(),
});

export const OfficeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .refine(
      (s) => /^[A-Z0-9_-]{1,20}$/.test(s),
      bi('Mã phòng gồm 1–20 chữ cái không dấu, chữ số, "-" hoặc "_"', 'An office code has 1–20 letters A–Z, digits, "-" or "_"'),
    ),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(OFFICE_KINDS),
});

export function parseInstant(s: string): Date | null {
  if (isLocalDate(s)) return parseVietnamTime(`${s}T00:00`);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}
