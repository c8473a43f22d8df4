// A procedure's workflow is data: its steps, the role that works each step, the share of the time limit
// allotted to it and the actions allowed there. An admin edits it; the default below fits most commune
// procedures (reception → processing → review → approval → issue of the result).
import { z } from 'zod';
import { ROLES } from '../people/roles.js';
import { bi } from '../../http/errors.js';

export const ACTIONS = [
  'receive',
  'refuse',
  'request_supplement',
  'receive_supplement',
  'assign',
  'forward',
  'consult',
  'consult_reply',
  'transfer',
  'receive_back',
  'return_to_step',
  'submit_for_approval',
  'approve',
  'send_back',
  'sign',
  'issue_result',
  'return_result',
  'withdraw',
  'stop',
  'resume',
  'request_fee',
  'record_payment',
  'extend',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/** Actions tied to a workflow step (the others depend only on the dossier's status). */
export const STEP_ACTIONS: readonly ActionName[] = [
  'forward',
  'assign',
  'request_supplement',
  'consult',
  'transfer',
  'return_to_step',
  'submit_for_approval',
  'approve',
  'send_back',
  'sign',
  'issue_result',
];

export const StepKind = z.enum(['reception', 'processing', 'approval', 'issue']);
export type StepKind = z.infer<typeof StepKind>;

const Bilingual = z.object({ vi: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) });

export const WorkflowStep = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, bi('Mã bước chỉ gồm chữ thường, số và _', 'A step key is lower-case letters, digits and _')),
  name: Bilingual,
  kind: StepKind,
  role: z.enum(ROLES),
  /** Share of the procedure's time limit, in percent. */
  percent: z.number().min(0).max(100),
  actions: z.array(z.enum(ACTIONS)).max(ACTIONS.length),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const Workflow = z
  .object({ steps: z.array(WorkflowStep).min(3).max(20) })
  .superRefine((w, ctx) => {
    const keys = new Set<string>();
    w.steps.forEach((s, i) => {
      if (keys.has(s.key)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'key'], ...bi(`Mã bước "${s.key}" bị trùng`, `Duplicate step key "${s.key}"`) });
      keys.add(s.key);
      for (const a of s.actions) {
        if (!STEP_ACTIONS.includes(a)) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'actions'], ...bi(`Thao tác "${a}" không gắn với bước`, `Action "${a}" is not a step action`) });
        }
      }
    });
    const kinds = w.steps.map((s) => s.kind);
    if (kinds[0] !== 'reception') ctx.addIssue({ code: 'custom', path: ['steps', 0, 'kind'], ...bi('Bước đầu tiên phải là tiếp nhận', 'The first step must be reception') });
    if (kinds.filter((k) => k === 'reception').length !== 1) ctx.addIssue({ code: 'custom', path: ['steps'], ...bi('Phải có đúng một bước tiếp nhận', 'There must be exactly one reception step') });
    if (kinds.filter((k) => k === 'approval').length !== 1) ctx.addIssue({ code: 'custom', path: ['steps'], ...bi('Phải có đúng một bước phê duyệt', 'There must be exactly one approval step') });
    if (kinds.at(-1) !== 'issue') ctx.addIssue({ code: 'custom', path: ['steps'], ...bi('Bước cuối phải là ban hành kết quả', 'The last step must be the issue of the result') });
    if (kinds.at(-2) !== 'approval') ctx.addIssue({ code: 'custom', path: ['steps'], ...bi('Bước phê duyệt phải đứng ngay trước bước ban hành', 'The approval step must come right before the issue step') });
    if (!kinds.includes('processing')) ctx.addIssue({ code: 'custom', path: ['steps'], ...bi('Cần ít nhất một bước xử lý', 'At least one processing step is needed') });
    const total = w.steps.reduce((sum, s) => sum + s.percent, 0);
    if (Math.abs(total - 100) > 0.01) ctx.addIssue({ code: 'custom', path: ['steps'], ...bi(`Tổng thời gian các bước phải là 100% (hiện ${total}%)`, `Step shares must add up to 100% (now ${total}%)`) });
    const ap = w.steps.find((s) => s.kind === 'approval');
    if (ap && !ap.actions.includes('approve')) ctx.addIssue({ code: 'custom', path: ['steps'], ...bi('Bước phê duyệt phải cho phép "phê duyệt"', 'The approval step must allow "approve"') });
    const is = w.steps.at(-1);
    if (is && !is.actions.includes('issue_result')) ctx.addIssue({ code: 'custom', path: ['steps'], ...bi('Bước cuối phải cho phép "ban hành kết quả"', 'The last step must allow "issue_result"') });
  });
export type Workflow = z.infer<typeof Workflow>;

export const DEFAULT_WORKFLOW: Workflow = {
  steps: [
    {
      key: 'reception',
      name: { vi: 'Tiếp nhận hồ sơ', en: 'Reception' },
      kind: 'reception',
      role: 'receiving_officer',
      percent: 5,
      actions: ['forward', 'request_supplement'],
    },
    {
      key: 'processing',
      name: { vi: 'Thẩm định, xử lý', en: 'Processing' },
      kind: 'processing',
      role: 'specialist',
      percent: 55,
      actions: ['assign', 'forward', 'request_supplement', 'consult', 'transfer', 'return_to_step'],
    },
    {
      key: 'review',
      name: { vi: 'Lãnh đạo phòng xem xét', en: 'Review by the head of office' },
      kind: 'processing',
      role: 'head_of_office',
      percent: 10,
      actions: ['assign', 'submit_for_approval', 'return_to_step', 'consult', 'transfer'],
    },
    {
      key: 'approval',
      name: { vi: 'Lãnh đạo đơn vị phê duyệt', en: 'Approval by the unit leader' },
      kind: 'approval',
      role: 'unit_leader',
      percent: 15,
      actions: ['approve', 'send_back', 'return_to_step'],
    },
    {
      key: 'issue',
      name: { vi: 'Văn thư ban hành kết quả', en: 'Issue of the result' },
      kind: 'issue',
      role: 'clerk',
      percent: 15,
      actions: ['sign', 'issue_result'],
    },
  ],
};

export function stepIndex(w: Workflow, key: string | null): number {
  return key === null ? -1 : w.steps.findIndex((s) => s.key === key);
}

export function getStep(w: Workflow, key: string | null): WorkflowStep | undefined {
  return w.steps[stepIndex(w, key)];
}
