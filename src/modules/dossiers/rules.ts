// Which action is allowed in which state, and who may take it. Pure: the state and the workflow in, lists out.
// An action the state does not allow is a 409 naming the allowed ones; an allowed action by the wrong role is a 403.
import type { Msg } from '../../errors.js';
import type { Role } from '../people/roles.js';
import type { Limit } from '../calendar/index.js';
import type { Status } from './status.js';
import { getStep, stepIndex, STEP_ACTIONS, type ActionName, type Workflow } from './workflow.js';

export interface DossierState {
  id: number;
  status: Status;
  step: string | null;
  unitId: number;
  handlingUnitId: number;
  assigneeId: number | null;
  receivedAt: Date | null;
  clockStartedAt: Date | null;
  dueAt: Date | null;
  originalDueAt: Date | null;
  stepStartedAt: Date | null;
  stepSpentMinutes: number;
  limit: Limit;
  extended: boolean;
  signedAt: Date | null;
  outcome: 'granted' | 'refused' | null;
  components: Array<{ key: string; name: string; required: boolean; provided: boolean }>;
  openPause: { id: number; kind: 'supplement' | 'fee' | 'stop'; startedAt: Date; resumeStatus: Status; resumeStep: string | null } | null;
  openTransfer: { id: number; toUnitId: number | null } | null;
  openConsultations: Array<{ id: number; officeId: number }>;
  supplementRequests: number;
}

/** Actions each status allows, before the workflow step narrows the step actions. */
const BY_STATUS: Record<Status, readonly ActionName[]> = {
  submitted: ['receive', 'refuse', 'request_supplement', 'withdraw'],
  intake_supplement: ['receive_supplement', 'refuse', 'withdraw'],
  received: ['forward', 'request_supplement', 'refuse', 'request_fee', 'withdraw', 'stop', 'extend'],
  processing: [
    'assign',
    'forward',
    'request_supplement',
    'consult',
    'consult_reply',
    'transfer',
    'return_to_step',
    'submit_for_approval',
    'request_fee',
    'withdraw',
    'stop',
    'extend',
  ],
  transferred: ['receive_back', 'consult_reply', 'withdraw', 'stop', 'extend'],
  pending_approval: ['approve', 'send_back', 'return_to_step', 'consult_reply', 'withdraw', 'stop', 'extend'],
  approved: ['sign', 'issue_result', 'return_to_step', 'withdraw', 'extend'],
  supplement_requested: ['receive_supplement', 'withdraw', 'stop'],
  fee_requested: ['record_payment', 'withdraw', 'stop'],
  stopped: ['resume'],
  resolved: ['return_result'],
  refused: [],
  withdrawn: [],
  returned: [],
};

/** Roles for actions not bound to a step, and for step actions that are not only the step's own role. */
const ACTION_ROLES: Partial<Record<ActionName, readonly Role[]>> = {
  receive: ['receiving_officer'],
  refuse: ['receiving_officer', 'unit_leader'],
  receive_supplement: ['receiving_officer', 'specialist'],
  consult_reply: ['specialist', 'head_of_office'],
  receive_back: ['receiving_officer', 'specialist', 'head_of_office'],
  return_result: ['receiving_officer'],
  withdraw: ['receiving_officer'],
  stop: ['unit_leader'],
  resume: ['unit_leader'],
  request_fee: ['receiving_officer', 'specialist'],
  record_payment: ['receiving_officer', 'specialist'],
  extend: ['head_of_office', 'unit_leader'],
  assign: ['head_of_office', 'unit_leader'],
  return_to_step: ['head_of_office', 'unit_leader'],
  sign: ['unit_leader', 'clerk'],
};

/** The actions the dossier's state allows now, whoever asks. */
export function allowedActions(state: DossierState, workflow: Workflow): ActionName[] {
  const step = getStep(workflow, state.step);
  return BY_STATUS[state.status].filter((a) => {
    if (STEP_ACTIONS.includes(a) && state.status !== 'submitted') {
      if (!step?.actions.includes(a)) return false;
    }
    if (a === 'consult_reply') return state.openConsultations.length > 0;
    if (a === 'extend') return !state.extended && state.dueAt !== null;
    if (a === 'return_to_step') return stepIndex(workflow, state.step) > 1;
    if (a === 'issue_result') return state.signedAt !== null;
    // Signed once; going back to an earlier step clears the signature, and then it is signed again.
    if (a === 'sign') return state.signedAt === null;
    return true;
  });
}

/** Roles that may take `action` in the dossier's current step. */
export function rolesFor(action: ActionName, state: DossierState, workflow: Workflow): readonly Role[] {
  const fixed = ACTION_ROLES[action];
  const step = getStep(workflow, state.step);
  if (STEP_ACTIONS.includes(action) && step) {
    // A step's own role works it; the fixed list adds the supervisors for assign / return / sign.
    return [...new Set([...(fixed ?? []), ...(action === 'assign' || action === 'sign' ? [] : [step.role])])];
  }
  // Before intake there is no step: the receiving officer asks for what is missing.
  if (action === 'request_supplement') return ['receiving_officer'];
  return fixed ?? [];
}

/** The actions `roles` may take now. */
export function actionsFor(state: DossierState, workflow: Workflow, roles: readonly Role[]): ActionName[] {
  return allowedActions(state, workflow).filter((a) => rolesFor(a, state, workflow).some((r) => roles.includes(r)));
}

export const ACTION_NAMES: Record<ActionName, Msg> = {
  receive: { vi: 'Tiếp nhận', en: 'Receive' },
  refuse: { vi: 'Từ chối tiếp nhận', en: 'Refuse' },
  request_supplement: { vi: 'Yêu cầu bổ sung', en: 'Request supplement' },
  receive_supplement: { vi: 'Nhận hồ sơ bổ sung', en: 'Receive supplement' },
  assign: { vi: 'Phân công', en: 'Assign' },
  forward: { vi: 'Chuyển bước tiếp theo', en: 'Forward' },
  consult: { vi: 'Xin ý kiến', en: 'Consult' },
  consult_reply: { vi: 'Trả lời xin ý kiến', en: 'Reply to consultation' },
  transfer: { vi: 'Liên thông', en: 'Transfer' },
  receive_back: { vi: 'Nhận lại từ liên thông', en: 'Receive back' },
  return_to_step: { vi: 'Trả về bước trước', en: 'Return to an earlier step' },
  submit_for_approval: { vi: 'Trình phê duyệt', en: 'Submit for approval' },
  approve: { vi: 'Phê duyệt', en: 'Approve' },
  send_back: { vi: 'Trả lại để xử lý', en: 'Send back' },
  sign: { vi: 'Ký số', en: 'Sign' },
  issue_result: { vi: 'Ban hành kết quả', en: 'Issue result' },
  return_result: { vi: 'Trả kết quả', en: 'Return result' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  stop: { vi: 'Dừng xử lý', en: 'Stop' },
  resume: { vi: 'Tiếp tục xử lý', en: 'Resume' },
  request_fee: { vi: 'Yêu cầu nộp phí, lệ phí', en: 'Request fee' },
  record_payment: { vi: 'Ghi nhận đã nộp phí', en: 'Record payment' },
  extend: { vi: 'Gia hạn (xin lỗi, hẹn lại)', en: 'Extend with apology' },
};
