// The catalogue's HTTP shapes (zod), shared by the public and the admin routes, so the OpenAPI document
// describes exactly what is sent.
import { z } from 'zod';
import { bi } from '../../http/errors.js';
import { LIMIT_UNITS } from '../calendar/index.js';
import { toVietnamIso } from './due-date.js';
import type { ProcedureVersion } from './store.js';

export const ProcedureCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z.]{1,40}$/, bi('Mã thủ tục không hợp lệ (ví dụ 1.001193)', 'Invalid procedure code (e.g. 1.001193)'));
export const ChannelName = z.enum(['counter', 'online', 'postal']);
export const LimitUnitName = z.enum(LIMIT_UNITS);
export const OnlineLevel = z.enum(['full', 'partial', 'none']);
export const Bilingual = z.object({ vi: z.string(), en: z.string() });

export const TimeLimitView = z.object({
  value: z.number().nullable(),
  unit: LimitUnitName.nullable(),
  text: z.string().nullable(),
  unitSetBy: z.enum(['source', 'admin']).nullable(),
});
export const FeeView = z.object({ amount: z.number().nullable(), currency: z.string().nullable(), text: z.string().nullable() });
export const ChannelView = z.object({ channel: ChannelName, timeLimit: TimeLimitView, fee: FeeView, description: z.string().nullable() });
export const ComponentView = z.object({
  key: z.string(),
  name: z.string(),
  form: z.string().nullable(),
  originals: z.number().int(),
  copies: z.number().int(),
  note: z.string().nullable(),
  required: z.boolean(),
});

export const ProcedureView = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  ministry: z.string().nullable(),
  decision: z.string().nullable(),
  levels: z.array(z.string()),
  applicants: z.string().nullable(),
  agency: z.string().nullable(),
  channels: z.array(ChannelView),
  components: z.array(ComponentView),
  componentNotes: z.array(z.string()),
  results: z.array(z.object({ name: z.string(), code: z.string().nullable() })),
  legalBasis: z.array(z.object({ number: z.string(), title: z.string().nullable() })),
  steps: z.string().nullable(),
  requirements: z.string().nullable(),
  onlineLevel: OnlineLevel,
  source: z.string().nullable(),
  version: z.number().int(),
  versionId: z.number().int(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
});
export type ProcedureView = z.infer<typeof ProcedureView>;

export function procedureView(v: ProcedureVersion): ProcedureView {
  return {
    code: v.code,
    name: v.name,
    field: v.field,
    ministry: v.ministry,
    decision: v.decision,
    levels: v.levels,
    applicants: v.applicants,
    agency: v.agency,
    channels: v.channels.map((c) => ({
      channel: c.channel,
      timeLimit: { value: c.timeLimit.value, unit: c.timeLimit.unit, text: c.timeLimit.text, unitSetBy: c.timeLimit.unitSetBy ?? null },
      fee: { amount: c.fee.amount, currency: c.fee.currency, text: c.fee.text },
      description: c.description,
    })),
    components: v.components.map((c) => ({ key: c.key, name: c.name, form: c.form, originals: c.originals, copies: c.copies, note: c.note, required: c.required })),
    componentNotes: v.componentNotes,
    results: v.results.map((r) => ({ name: r.name, code: r.code ?? null })),
    legalBasis: v.legalBasis.map((l) => ({ number: l.number, title: l.title ?? null })),
    steps: v.steps,
    requirements: v.requirements,
    onlineLevel: v.onlineLevel,
    source: v.source,
    version: v.version,
    versionId: v.versionId,
    effectiveFrom: toVietnamIso(v.effectiveFrom),
    effectiveTo: v.effectiveTo ? toVietnamIso(v.effectiveTo) : null,
  };
}

/** A search hit: enough to choose a procedure and see its time limit and fee per channel. */
export const ProcedureHit = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  onlineLevel: OnlineLevel,
  channels: z.array(
    z.object({
      channel: ChannelName,
      timeLimit: TimeLimitView.omit({ unitSetBy: true }),
      fee: FeeView,
    }),
  ),
});

export const VersionSummary = z.object({
  version: z.number().int(),
  versionId: z.number().int(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  inForce: z.boolean(),
  name: z.string(),
  changeNote: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
});
