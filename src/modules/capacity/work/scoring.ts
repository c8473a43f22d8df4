// Decree 335/2025/NĐ-CP task-result figures of one official for one month (capacity.md §A and §D.2): quantity is
// the share of the converted work assigned that was done, quality loses 25 points per piece of work the leader
// sent back, timeliness 25 points per late step, each floored at 0; dossiers a leader excused for an objective
// cause are left out of the deductions. The task-result score is (a + b + c) / 3. Pure.
import type { Msg } from '../../../errors.js';

export const DEDUCTION = 25;

export interface AppraisalCounts {
  /** Converted (weighted) work assigned and done. */
  assignedWeight: number;
  doneWeight: number;
  /** Send-backs and late steps after exemptions. */
  sentBack: number;
  late: number;
}

export interface AppraisalFigures {
  quantity: number | null;
  quality: number;
  timeliness: number;
  score: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function appraisalFigures(c: AppraisalCounts): AppraisalFigures {
  const quantity = c.assignedWeight > 0 ? round1(Math.min(100, (100 * c.doneWeight) / c.assignedWeight)) : null;
  const quality = Math.max(0, 100 - DEDUCTION * c.sentBack);
  const timeliness = Math.max(0, 100 - DEDUCTION * c.late);
  return { quantity, quality, timeliness, score: quantity === null ? null : round1((quantity + quality + timeliness) / 3) };
}

export const APPRAISAL_RULE: Msg = {
  vi:
    'Theo Nghị định 335/2025/NĐ-CP: (a) số lượng = % sản phẩm quy đổi hoàn thành trên sản phẩm được giao; (b) chất lượng = 100 − 25 mỗi lần bị lãnh đạo trả lại; ' +
    '(c) tiến độ = 100 − 25 mỗi bước trễ hạn; (b), (c) không dưới 0; hồ sơ được lãnh đạo xác nhận có nguyên nhân khách quan không bị trừ. Điểm kết quả nhiệm vụ = (a + b + c) / 3.',
  en:
    'Per Decree 335/2025/NĐ-CP: (a) quantity = % of the converted work assigned that was done; (b) quality = 100 − 25 per send-back by the leader; ' +
    '(c) timeliness = 100 − 25 per late step; (b) and (c) floor at 0; dossiers a leader excused for an objective cause are not deducted. Task-result score = (a + b + c) / 3.',
};
