// Internal dossier statuses, finer than the national portal's ten codes (regulation.md §2.1), and their mapping.
import type { Msg } from '../../errors.js';
import type { StepKind } from './workflow.js';

export const STATUSES = [
  'submitted',
  'intake_supplement',
  'refused',
  'received',
  'processing',
  'transferred',
  'pending_approval',
  'approved',
  'supplement_requested',
  'fee_requested',
  'stopped',
  'withdrawn',
  'resolved',
  'returned',
] as const;
export type Status = (typeof STATUSES)[number];

/** DVCQG TrangThaiHoSo: 1 new … 10 result returned. */
export const NATIONAL_STATUS: Record<Status, number> = {
  submitted: 1,
  intake_supplement: 5,
  refused: 3,
  received: 2,
  processing: 4,
  transferred: 4,
  pending_approval: 4,
  approved: 4,
  supplement_requested: 5,
  fee_requested: 6,
  stopped: 8,
  withdrawn: 7,
  resolved: 9,
  returned: 10,
};

export const NATIONAL_STATUS_NAMES: Record<number, Msg> = {
  1: { vi: 'Mới đăng ký', en: 'New' },
  2: { vi: 'Được tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'In processing' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Resolved' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export const STATUS_NAMES: Record<Status, Msg> = {
  submitted: { vi: 'Chờ tiếp nhận', en: 'Awaiting intake' },
  intake_supplement: { vi: 'Chờ bổ sung trước khi tiếp nhận', en: 'Awaiting supplement before intake' },
  refused: { vi: 'Từ chối tiếp nhận', en: 'Refused' },
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang xử lý', en: 'In processing' },
  transferred: { vi: 'Đang liên thông', en: 'Transferred to another unit' },
  pending_approval: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  approved: { vi: 'Đã phê duyệt, chờ ban hành', en: 'Approved, awaiting issue' },
  supplement_requested: { vi: 'Chờ bổ sung hồ sơ', en: 'Awaiting supplement' },
  fee_requested: { vi: 'Chờ thực hiện nghĩa vụ tài chính', en: 'Awaiting payment' },
  stopped: { vi: 'Dừng xử lý', en: 'Stopped' },
  withdrawn: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' },
  resolved: { vi: 'Đã có kết quả, chờ trả', en: 'Resolved, awaiting return' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

export const CLOSED_STATUSES: readonly Status[] = ['refused', 'withdrawn', 'returned'];
/** The clock is stopped in these statuses; intake_supplement has no clock yet. */
export const PAUSED_STATUSES: readonly Status[] = ['supplement_requested', 'fee_requested', 'stopped'];
/** The clock runs in these. */
export const RUNNING_STATUSES: readonly Status[] = ['received', 'processing', 'transferred', 'pending_approval', 'approved'];

export function statusForStep(kind: StepKind): Status {
  return ({ reception: 'received', processing: 'processing', approval: 'pending_approval', issue: 'approved' } as const)[kind];
}

export function isStatus(s: string): s is Status {
  return (STATUSES as readonly string[]).includes(s);
}
