// Conversion coefficients (hệ số quy đổi) of dossiers, for workload and the Decree 335/2025 appraisal feed. A
// unit's own procedure_weights row wins, then the national row; without either, the procedure's time limit
// gives the weight: a longer procedure is more work. Pure.
import type { Msg } from '../../../errors.js';

export type LimitUnit = 'working_day' | 'day' | 'hour' | 'same_day';

/** Working days a time limit stands for: 8 office hours a day, 5 working days in 7 calendar days. */
export function limitInWorkingDays(value: number, unit: LimitUnit): number {
  switch (unit) {
    case 'same_day':
      return 0;
    case 'hour':
      return value / 8;
    case 'day':
      return (value * 5) / 7;
    default:
      return value;
  }
}

/** The default weight of a procedure without a procedure_weights row, from its time limit. */
export function defaultWeight(value: number, unit: LimitUnit): number {
  const days = limitInWorkingDays(value, unit);
  if (days <= 1) return 0.5;
  if (days <= 5) return 1;
  if (days <= 15) return 1.5;
  return 2;
}

/** The weight of one dossier: the unit's row, else the national row, else the default from the time limit. */
export function weightOf(d: { unitWeight: number | null; nationalWeight: number | null; limitValue: number; limitUnit: string }): number {
  if (d.unitWeight !== null) return Number(d.unitWeight);
  if (d.nationalWeight !== null) return Number(d.nationalWeight);
  return defaultWeight(d.limitValue, d.limitUnit as LimitUnit);
}

export const WEIGHT_RULE: Msg = {
  vi:
    'Hệ số quy đổi mỗi hồ sơ: theo hệ số đơn vị đặt cho thủ tục, nếu không có thì hệ số chung toàn quốc; nếu không có nữa thì theo thời hạn giải quyết: ' +
    'trong ngày hoặc ≤ 1 ngày làm việc → 0,5; ≤ 5 ngày làm việc → 1; ≤ 15 → 1,5; dài hơn → 2 (ngày lịch tính 5/7, giờ tính 8 giờ một ngày).',
  en:
    "Each dossier's conversion weight: the unit's weight for the procedure, else the national one; else from its time limit: " +
    'same day or ≤ 1 working day → 0.5; ≤ 5 working days → 1; ≤ 15 → 1.5; longer → 2 (calendar days count 5/7, hours 8 to a day).',
};

/** Buckets of working days a dossier has spent in its current step. */
export const AGE_BUCKETS = ['0-2', '3-5', '6-10', '11+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(workingDays: number): AgeBucket {
  if (workingDays <= 2) return '0-2';
  if (workingDays <= 5) return '3-5';
  if (workingDays <= 10) return '6-10';
  return '11+';
}
