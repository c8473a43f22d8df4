// Feedback (phản ánh, kiến nghị — PAKN) about procedures and the service: its code, its time limit, its state and
// what may be done next. Pure: no database.
import type { Msg } from '../../errors.js';
import type { Limit } from '../calendar/due-date.js';
import { toLocalDate } from '../calendar/time.js';

/**
 * Time limit to answer: 10 working days from receipt, counted on the unit's working calendar. Source: Nghị định
 * 20/2008/NĐ-CP (receiving and handling feedback about administrative regulations; amended by Nghị định
 * 92/2017/NĐ-CP) as provinces apply it in their PAKN regulations. The wording of the article (and the longer limit
 * for complex cases) was not verified against the text: confirm before relying on it. No extension is modelled.
 */
export const ANSWER_LIMIT: Limit = { value: 10, unit: 'working_day' };

export const KINDS = ['complaint', 'suggestion'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_NAMES: Record<Kind, Msg> = {
  complaint: { vi: 'Phản ánh', en: 'Complaint' },
  suggestion: { vi: 'Kiến nghị', en: 'Suggestion' },
};
export const CHANNEL_NAMES: Record<string, Msg> = {
  online: { vi: 'Trực tuyến', en: 'Online' },
  counter: { vi: 'Tại quầy', en: 'At the counter' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  mail: { vi: 'Thư', en: 'Mail' },
  national_portal: { vi: 'Cổng DVC quốc gia', en: 'National portal' },
};

export type Status = 'received' | 'assigned' | 'overdue' | 'answered';
export const STATUS_NAMES: Record<Status, Msg> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  assigned: { vi: 'Đang xử lý', en: 'Being handled' },
  overdue: { vi: 'Quá hạn trả lời', en: 'Overdue' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
};

export interface FeedbackState {
  due_at: Date;
  assignee_id: number | null;
  answered_at: Date | null;
  satisfied: boolean | null;
}

export function statusOf(f: FeedbackState, now: Date): Status {
  if (f.answered_at) return 'answered';
  if (now.getTime() > f.due_at.getTime()) return 'overdue';
  return f.assignee_id ? 'assigned' : 'received';
}

/** Answered by the due time (inclusive); null while unanswered. */
export function answeredOnTime(f: Pick<FeedbackState, 'due_at' | 'answered_at'>): boolean | null {
  return f.answered_at ? f.answered_at.getTime() <= f.due_at.getTime() : null;
}

export type Action = 'assign' | 'answer' | 'rate';
export const ACTION_NAMES: Record<Action, Msg> = {
  assign: { vi: 'Phân công xử lý', en: 'Assign' },
  answer: { vi: 'Trả lời', en: 'Answer' },
  rate: { vi: 'Đánh giá câu trả lời', en: 'Rate the answer' },
};

/** What the state allows next (who may do it is checked separately). */
export function allowedActions(f: FeedbackState): Action[] {
  if (!f.answered_at) return ['assign', 'answer'];
  if (f.satisfied === null) return ['rate'];
  return [];
}

/** `PA.<unit code>.<YYMMDD>.<NNNN>`: the receiving unit, the local receipt date, a sequence per unit and day. */
export const FEEDBACK_CODE = /^PA\.(\d{2,5})\.(\d{6})\.(\d{4,})$/;

export function codePrefix(unitCode: string, at: Date): string {
  if (!/^\d{2,5}$/.test(unitCode)) throw new RangeError(`bad unit code ${unitCode}`);
  const [y, m, d] = toLocalDate(at).split('-');
  return `PA.${unitCode}.${y!.slice(2)}${m}${d}.`;
}

export function formatFeedbackCode(unitCode: string, at: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad sequence ${sequence}`);
  return `${codePrefix(unitCode, at)}${String(sequence).padStart(4, '0')}`;
}

/** '+84 912 345 678', '0912.345.678' → '0912345678'; undefined when it is not a Vietnamese phone number. */
export function normalisePhone(raw: string): string | undefined {
  const digits = raw.replace(/[\s.\-()]/g, '');
  const local = digits.startsWith('+84') ? `0${digits.slice(3)}` : digits.startsWith('84') && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
  return /^0\d{9,10}$/.test(local) ? local : undefined;
}

export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [user, domain] = email.split('@');
  return `${(user ?? '').slice(0, 1)}***@${domain ?? ''}`;
}
