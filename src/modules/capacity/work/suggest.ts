// The held level MotCua suggests for an official in a field, from the evidence of their real work (capacity.md
// §D.1, item 16). Pure: the roll-up of one official × field × period in, a level and its reason out. A leader
// confirms or overrides it; the suggestion never becomes a held level by itself.
import type { Msg } from '../../../errors.js';

export interface EvidenceStats {
  /** Distinct real dossiers the official acted on. */
  dossiers: number;
  /** Their work handed on for review or approval, and how many of those the leader sent back. */
  submitted: number;
  sentBack: number;
  /** Steps they finished with a time allotted, and how many of those late. */
  steps: number;
  late: number;
  /** Dossiers the applicant rated, and how many of them satisfied. */
  rated: number;
  satisfied: number;
}

export interface Threshold {
  level: 2 | 3 | 4;
  minDossiers: number;
  minOnTime: number;
  maxSendBack: number;
  /** Satisfaction asked only when at least MIN_RATINGS ratings exist. */
  minSatisfaction: number | null;
}

/** Below this many dossiers there is not enough evidence for more than level 1. */
export const MIN_SAMPLE = 5;
/** Ratings needed before satisfaction counts. */
export const MIN_RATINGS = 5;

/** Cumulative: a level needs its own thresholds and those of every level below it. */
export const THRESHOLDS: readonly Threshold[] = [
  { level: 2, minDossiers: 10, minOnTime: 0.8, maxSendBack: 0.2, minSatisfaction: null },
  { level: 3, minDossiers: 30, minOnTime: 0.9, maxSendBack: 0.1, minSatisfaction: 0.8 },
  { level: 4, minDossiers: 80, minOnTime: 0.95, maxSendBack: 0.05, minSatisfaction: 0.8 },
];

export const SUGGESTION_RULE: Msg = {
  vi:
    'Mức gợi ý từ kết quả công việc: chưa có hồ sơ → 0; dưới 5 hồ sơ → 1 (chưa đủ minh chứng); từ 5 hồ sơ → 1. ' +
    'Mức 2: ≥ 10 hồ sơ, đúng hạn ≥ 80 %, bị trả lại ≤ 20 %. ' +
    'Mức 3: ≥ 30 hồ sơ, đúng hạn ≥ 90 %, bị trả lại ≤ 10 %, hài lòng ≥ 80 % (khi có ≥ 5 đánh giá). ' +
    'Mức 4: ≥ 80 hồ sơ, đúng hạn ≥ 95 %, bị trả lại ≤ 5 %, hài lòng ≥ 80 % (khi có ≥ 5 đánh giá). ' +
    'Mỗi mức phải đạt cả điều kiện của các mức dưới; chưa có bước nào tính thời gian thì chưa xét được mức 2. ' +
    'Lãnh đạo xác nhận hoặc quyết định mức khác (ghi rõ lý do); cả hai đều được lưu.',
  en:
    'Level suggested from work: no dossiers → 0; fewer than 5 dossiers → 1 (not enough evidence); 5 or more → 1. ' +
    'Level 2: ≥ 10 dossiers, on time ≥ 80 %, sent back ≤ 20 %. ' +
    'Level 3: ≥ 30 dossiers, on time ≥ 90 %, sent back ≤ 10 %, satisfied ≥ 80 % (when there are ≥ 5 ratings). ' +
    'Level 4: ≥ 80 dossiers, on time ≥ 95 %, sent back ≤ 5 %, satisfied ≥ 80 % (when there are ≥ 5 ratings). ' +
    'Each level also needs every lower level; without a timed step level 2 cannot be shown. ' +
    'A leader confirms or decides another level (with a note); both are kept.',
};

export interface Suggestion {
  level: number;
  /** False below MIN_SAMPLE dossiers. */
  enough: boolean;
  /** Why it is this level and not the next one. */
  reason: Msg;
}

/** A rate, or null when there is nothing to divide by. */
export const rate = (n: number, of: number): number | null => (of > 0 ? n / of : null);

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** What stops `s` from reaching threshold `t`, or null when it reaches it. */
function shortfall(s: EvidenceStats, t: Threshold): Msg | null {
  if (s.dossiers < t.minDossiers) return { vi: `cần ≥ ${t.minDossiers} hồ sơ (có ${s.dossiers})`, en: `needs ≥ ${t.minDossiers} dossiers (has ${s.dossiers})` };
  const onTime = rate(s.steps - s.late, s.steps);
  if (onTime === null) return { vi: 'chưa có bước nào được tính thời gian', en: 'no timed step yet' };
  if (onTime < t.minOnTime) return { vi: `đúng hạn ${pct(onTime)} < ${pct(t.minOnTime)}`, en: `on time ${pct(onTime)} < ${pct(t.minOnTime)}` };
  // Nothing handed on for review (a receiving officer, a leader) is nothing sent back.
  const sendBack = rate(s.sentBack, s.submitted) ?? 0;
  if (sendBack > t.maxSendBack) return { vi: `bị trả lại ${pct(sendBack)} > ${pct(t.maxSendBack)}`, en: `sent back ${pct(sendBack)} > ${pct(t.maxSendBack)}` };
  if (t.minSatisfaction !== null && s.rated >= MIN_RATINGS) {
    const sat = s.satisfied / s.rated;
    if (sat < t.minSatisfaction) return { vi: `hài lòng ${pct(sat)} < ${pct(t.minSatisfaction)}`, en: `satisfied ${pct(sat)} < ${pct(t.minSatisfaction)}` };
  }
  return null;
}

export function suggestLevel(s: EvidenceStats): Suggestion {
  if (s.dossiers <= 0) return { level: 0, enough: false, reason: { vi: 'Chưa có hồ sơ nào trong kỳ.', en: 'No dossiers in the period.' } };
  if (s.dossiers < MIN_SAMPLE) {
    return {
      level: 1,
      enough: false,
      reason: { vi: `Chưa đủ minh chứng: ${s.dossiers} hồ sơ (cần ít nhất ${MIN_SAMPLE}).`, en: `Not enough evidence: ${s.dossiers} dossiers (at least ${MIN_SAMPLE} needed).` },
    };
  }
  let level = 1;
  for (const t of THRESHOLDS) {
    const short = shortfall(s, t);
    if (short) return { level, enough: true, reason: { vi: `Mức ${level}; chưa đạt mức ${t.level}: ${short.vi}.`, en: `Level ${level}; not level ${t.level}: ${short.en}.` } };
    level = t.level;
  }
  return { level, enough: true, reason: { vi: 'Đạt mọi điều kiện của mức 4.', en: 'Meets every condition of level 4.' } };
}
