// The shape of a year's official day list, shared by the shipped JSON (data/calendar/<year>.json), the
// `calendar_days` table rows and the admin screen that confirms suggested holidays.
import { z } from 'zod';
import { isLocalDate } from './time.js';

export const DayKind = z.enum(['holiday', 'day_off_in_lieu', 'day_off', 'working_day']);
/**
 * holiday: a statutory holiday (Labour Code Art.112, NQ 28/2026/QH16), even when it falls on a weekend;
 * day_off_in_lieu: compensation for a holiday on a weekly rest day (Art.111.3), "nghỉ bù";
 * day_off: a weekday off by a swap decision, "nghỉ hoán đổi";
 * working_day: a weekend day worked to pay for a swap, "làm bù".
 */
export type DayKind = z.infer<typeof DayKind>;

export const CalendarDayEntry = z.object({
  date: z.string().refine(isLocalDate, 'expected a valid YYYY-MM-DD date'),
  kind: DayKind,
  name: z.string().min(1),
  nameEn: z.string().min(1),
});
export type CalendarDayEntry = z.infer<typeof CalendarDayEntry>;

export const CalendarYear = z
  .object({
    year: z.number().int().min(1900).max(2199),
    source: z.string().min(1),
    days: z.array(CalendarDayEntry),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.days.forEach((d, i) => {
      if (!d.date.startsWith(`${doc.year}-`)) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `date ${d.date} is outside year ${doc.year}` });
      }
      if (seen.has(d.date)) {
        ctx.addIssue({ code: 'custom', path: ['days', i, 'date'], message: `date ${d.date} is listed twice` });
      }
      seen.add(d.date);
    });
  });
export type CalendarYear = z.infer<typeof CalendarYear>;
