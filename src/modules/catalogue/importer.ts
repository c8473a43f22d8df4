// Reads procedure records in the national catalogue's shape (../shared/data/procedures.json and files like
// it), checks each one, and reports what it rejected and why. A time limit with no unit stays without one
// (an admin sets it later): the importer never guesses a unit.
import { z } from 'zod';
import type { Msg } from '../../errors.js';
import { bi } from '../../http/errors.js';
import type { ChannelInfo, LimitUnit, ProcedureContent } from './domain.js';
import { newComponent, onlineLevelOf } from './domain.js';

const TimeLimit = z.object({
  value: z.number().nonnegative().nullable(),
  // 'same_day' never appears in the national file; it does in a file exported from MotCua after an admin set it.
  unit: z.enum(['working_day', 'day', 'hour', 'same_day', 'month']).nullable(),
  text: z.string().nullable().optional(),
});
const Fee = z.object({
  amount: z.number().nonnegative().nullable(),
  currency: z.enum(['VND', 'USD']).nullable().optional(),
  text: z.string().nullable().optional(),
});
const Channel = z.object({
  channel: z.enum(['online', 'postal', 'counter']),
  timeLimit: TimeLimit,
  fee: Fee.nullable().optional(),
  description: z.string().nullable().optional(),
});
const Component = z.object({
  name: z.string().trim().min(1),
  form: z.string().nullable().optional(),
  originals: z.number().int().nonnegative(),
  copies: z.number().int().nonnegative(),
  note: z.string().nullable().optional(),
  /** Absent in the national file (then the rule in isRequiredComponent decides). */
  required: z.boolean().optional(),
});
export const ProcedureRecord = z.object({
  code: z.string().trim().max(40).regex(/^[0-9A-Za-z.]+$/, bi('Mã thủ tục phải là mã quốc gia, ví dụ 1.001193', 'The code must be the national code, e.g. 1.001193')),
  name: z.string().trim().min(3),
  field: z.string().trim().min(1),
  ministry: z.string().nullable().optional(),
  decision: z.string().nullable().optional(),
  levels: z.array(z.string()).default([]),
  applicants: z.string().nullable().optional(),
  agency: z.string().nullable().optional(),
  channels: z.array(Channel).min(1, bi('Cần ít nhất một cách thức thực hiện (trực tiếp, trực tuyến hoặc bưu chính)', 'At least one channel (counter, online or postal) is needed')),
  components: z.array(Component).default([]),
  componentNotes: z.array(z.string()).default([]),
  results: z.array(z.object({ name: z.string(), code: z.string().nullable().optional() })).default([]),
  legalBasis: z.array(z.object({ number: z.string(), title: z.string().nullable().optional() })).default([]),
  steps: z.string().nullable().optional(),
  requirements: z.string().nullable().optional(),
  source: z.string().nullable().optional(),
  /** Absent in the national file (then it follows from the channels). */
  onlineLevel: z.enum(['full', 'partial', 'none']).optional(),
});
export type ProcedureRecord = z.infer<typeof ProcedureRecord>;

export interface Rejection {
  index: number;
  code: string | null;
  /** English, for logs and the command line. */
  reason: string;
  /** The same, for the person reading the import report. */
  message: Msg;
}

export interface Warning {
  code: string;
  message: string;
}

export interface ParsedCatalogue {
  procedures: ProcedureContent[];
  rejected: Rejection[];
  warnings: Warning[];
}

export function parseCatalogue(json: unknown): ParsedCatalogue {
  const list = Array.isArray(json) ? json : (json as { procedures?: unknown })?.procedures;
  if (!Array.isArray(list)) {
    const message = { vi: 'Không phải tệp danh mục thủ tục: cần { procedures: [...] } hoặc [...]', en: 'Not a catalogue file: expected { procedures: [...] } or [...]' };
    return { procedures: [], rejected: [{ index: -1, code: null, reason: message.en, message }], warnings: [] };
  }
  const procedures: ProcedureContent[] = [];
  const rejected: Rejection[] = [];
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const code = typeof (raw as { code?: unknown })?.code === 'string' ? (raw as { code: string }).code : null;
    const parsed = ProcedureRecord.safeParse(raw);
    if (!parsed.success) {
      const msgs = parsed.error.issues.map((i) => ({ at: i.path.join('.') || 'record', m: issueMessage(i) }));
      const message = { vi: msgs.map((x) => `${x.at}: ${x.m.vi}`).join('; '), en: msgs.map((x) => `${x.at}: ${x.m.en}`).join('; ') };
      rejected.push({ index, code, reason: message.en, message });
      return;
    }
    const r = parsed.data;
    if (seen.has(r.code)) {
      const message = { vi: `Mã ${r.code} bị trùng trong cùng tệp`, en: `Duplicate code ${r.code} in the same file` };
      rejected.push({ index, code: r.code, reason: message.en, message });
      return;
    }
    seen.add(r.code);
    procedures.push(recordToContent(r, warnings));
  });
  return { procedures, rejected, warnings };
}

/** One checked record as catalogue content; notes what an admin must complete in `warnings`. */
export function recordToContent(r: ProcedureRecord, warnings: Warning[] = []): ProcedureContent {
  const channels: ChannelInfo[] = r.channels.map((c) => {
    let unit: LimitUnit | null = c.timeLimit.unit === 'month' ? null : c.timeLimit.unit;
    if (c.timeLimit.unit === 'month') {
      warnings.push({ code: r.code, message: `${c.channel}: a time limit in months ("${c.timeLimit.text ?? ''}") needs an admin to restate it in days` });
      unit = null;
    } else if (c.timeLimit.value !== null && unit === null) {
      warnings.push({ code: r.code, message: `${c.channel}: time limit ${c.timeLimit.value} has no unit in the source ("${c.timeLimit.text ?? ''}"); an admin must set it` });
    } else if (c.timeLimit.value === null) {
      warnings.push({ code: r.code, message: `${c.channel}: no time limit in the source ("${c.timeLimit.text ?? ''}")` });
    }
    return {
      channel: c.channel,
      timeLimit: { value: c.timeLimit.value, unit, text: c.timeLimit.text ?? null, unitSetBy: unit ? ('source' as const) : null },
      fee: { amount: c.fee?.amount ?? null, currency: c.fee?.currency ?? null, text: c.fee?.text ?? null },
      description: c.description ?? null,
    };
  });
  const keys = new Set<string>();
  const components = r.components.map((c, i) => newComponent(c, i, keys));
  return {
    code: r.code,
    name: r.name,
    field: r.field,
    ministry: r.ministry ?? null,
    decision: r.decision ?? null,
    levels: r.levels,
    applicants: r.applicants ?? null,
    agency: r.agency ?? null,
    channels,
    components,
    componentNotes: r.componentNotes,
    results: r.results.map((x) => ({ name: x.name, code: x.code ?? null })),
    legalBasis: r.legalBasis.map((x) => ({ number: x.number, title: x.title ?? null })),
    steps: r.steps ?? null,
    requirements: r.requirements ?? null,
    onlineLevel: r.onlineLevel ?? onlineLevelOf(channels.map((c) => c.channel)),
    source: r.source ?? null,
  };
}

const localeVi = z.locales.vi().localeError;
const localeEn = z.locales.en().localeError;

/** Our own messages carry both languages as "vi | en"; zod's own are translated by its locales. */
function issueMessage(issue: z.core.$ZodIssue): Msg {
  if (issue.message.includes(' | ')) {
    const [vi, en] = issue.message.split(' | ');
    return { vi: vi!, en: en! };
  }
  const text = (r: unknown) => (typeof r === 'string' ? r : (r as { message?: string } | undefined)?.message);
  return { vi: text(localeVi(issue as never)) ?? issue.message, en: text(localeEn(issue as never)) ?? issue.message };
}
