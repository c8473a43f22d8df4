// Practice mode's rules as pure functions: what a scenario holds, the practice dossier's code, the due date a
// scenario expects (the unit's real working calendar, Tết included), and how an attempt is scored from what
// the official did on the practice dossier and what they answered. No I/O and no clock here.
import type { Msg } from '../../../errors.js';
import {
  buildWorkCalendar,
  computeDueAt,
  statutoryHolidays,
  toLocalDate,
  type Limit,
  type WorkCalendar,
} from '../../calendar/index.js';
import { DOSSIER_CODE } from '../../dossiers/code.js';

export type PracticeDecision = 'receive' | 'request_supplement' | 'refuse';
export const DECISIONS: readonly PracticeDecision[] = ['receive', 'request_supplement', 'refuse'];

export type PlantedKind = 'missing_component' | 'wrong_fee' | 'due_across_tet' | 'needs_original' | 'refusal_ground';

export type Planted =
  | { kind: 'missing_component'; componentKey: string }
  | { kind: 'wrong_fee'; declared: number }
  | { kind: 'due_across_tet'; receivedAt: string; limit: Limit }
  | { kind: 'needs_original'; componentKey: string }
  | { kind: 'refusal_ground'; reason: Msg };

/** The dossier as it arrives (practice_scenarios.dossier). */
export interface ScenarioDossier {
  channel: 'online' | 'counter';
  applicant: { name: string; idNumber: string; phone: string; address: string };
  subject: string;
  /** Components handed in, by key, as an original or only a copy. Those not listed were not handed in. */
  provided: Array<{ key: string; as: 'original' | 'copy' }>;
  /** The fee as the applicant declared it (wrong in a wrong-fee scenario); null: as the catalogue gives it. */
  declaredFee: number | null;
  /** The time limit when the catalogue gives none (a legal limit the scenario's author states, with its basis). */
  limit: Limit | null;
  limitBasis: Msg | null;
}

/** The expected answer (practice_scenarios.expected). */
export interface Expected {
  decision: PracticeDecision;
  missing: string[];
  originals: string[];
  /** The correct fee in đồng, as the catalogue gives it when the scenario was written. */
  fee: number;
  /** The due date (local 'YYYY-MM-DD') of a receipt at dueBasis, computed with the national calendar at seeding. */
  dueDate: string | null;
  dueBasis: { receivedAt: string; limit: Limit } | null;
}

export interface GuidanceStep {
  step: number;
  vi: string;
  en: string;
}

/** A practice dossier's code: never a real code's shape, never from the unit's day counter. */
export function practiceCode(unitCode: string, attemptId: number): string {
  const code = `THUCHANH-${unitCode}-${attemptId}`;
  if (DOSSIER_CODE.test(code)) throw new Error(`practice code ${code} looks like a real dossier code`);
  return code;
}

/**
 * The calendar with a year's statutory holidays (Labour Code, lunar calendar) filled in when the unit's
 * calendar holds nothing for that year yet: an admin confirms each year's schedule, and a scenario about the
 * next Tết must not count Tết as working days just because it is not confirmed. Confirmed days always win.
 */
export function withStatutoryYear(cal: WorkCalendar, year: number): WorkCalendar {
  const prefix = `${year}-`;
  if ([...cal.days.keys()].some((d) => d.startsWith(prefix))) return cal;
  const entries = [...cal.days].map(([date, o]) => ({ date, kind: o.kind, name: o.name, nameEn: o.nameEn }));
  return buildWorkCalendar([...entries, ...statutoryHolidays(year)], cal.schedule);
}

/** The local due date of a receipt at `receivedAt` under `limit`, on the unit's calendar. */
export function expectedDueDate(cal: WorkCalendar, basis: { receivedAt: string; limit: Limit }): string {
  const at = new Date(basis.receivedAt);
  const year = Number(toLocalDate(at).slice(0, 4));
  const full = withStatutoryYear(withStatutoryYear(cal, year), year + 1);
  return toLocalDate(computeDueAt(full, at, basis.limit));
}

/** What the official did on the practice dossier, read from its history. */
export interface Observed {
  decision: PracticeDecision | null;
  /** The component keys listed in their supplement request. */
  listedMissing: string[];
  decidedAt: Date | null;
}

export interface Answers {
  fee?: number | null | undefined;
  dueDate?: string | null | undefined;
  originals?: string[] | undefined;
  note?: string | undefined;
}

export interface BreakdownItem {
  item: 'decision' | 'missing' | 'originals' | 'fee' | 'due_date' | 'time';
  label: Msg;
  points: number;
  max: number;
  /** What was right and what was expected, for the official to learn from. */
  detail: Msg;
}

export interface ScoreInput {
  expected: Expected;
  planted: Planted[];
  observed: Observed;
  answers: Answers;
  /** The correct fee (from the procedure version frozen on the dossier). */
  correctFee: number;
  /** The due date on the unit's calendar, when the scenario asks for one. */
  correctDueDate: string | null;
  startedAt: Date;
  finishedAt: Date;
  timeTargetMinutes: number;
}

const LABELS: Record<BreakdownItem['item'], Msg> = {
  decision: { vi: 'Quyết định đúng (tiếp nhận / yêu cầu bổ sung / từ chối)', en: 'Correct decision (receive / request supplement / refuse)' },
  missing: { vi: 'Tìm đúng thành phần còn thiếu (không liệt kê thừa)', en: 'Missing components found (none listed wrongly)' },
  originals: { vi: 'Nhận ra giấy tờ phải có bản chính', en: 'Components needing an original flagged' },
  fee: { vi: 'Phí, lệ phí đúng', en: 'Correct fee' },
  due_date: { vi: 'Ngày hẹn trả đúng (trừ ngày nghỉ Tết)', en: 'Correct due date (Tết holidays excluded)' },
  time: { vi: 'Thời gian so với mục tiêu', en: 'Time against the target' },
};

/** Raw weights; the items that apply to a scenario are scaled to 100. */
const WEIGHTS: Record<BreakdownItem['item'], number> = { decision: 35, missing: 25, originals: 15, fee: 15, due_date: 15, time: 10 };

const DECISION_NAMES: Record<PracticeDecision, Msg> = {
  receive: { vi: 'tiếp nhận', en: 'receive' },
  request_supplement: { vi: 'yêu cầu bổ sung', en: 'request a supplement' },
  refuse: { vi: 'từ chối tiếp nhận', en: 'refuse' },
};

/** Share of a set found, less the share listed wrongly, in [0, 1]. */
function setScore(expected: string[], given: string[]): { share: number; found: number; wrong: number } {
  const want = new Set(expected);
  const got = new Set(given);
  const found = [...got].filter((k) => want.has(k)).length;
  const wrong = [...got].filter((k) => !want.has(k)).length;
  const share = want.size === 0 ? (wrong === 0 ? 1 : 0) : Math.max(0, (found - wrong) / want.size);
  return { share, found, wrong };
}

const fmt = (n: number) => n.toLocaleString('vi-VN');

/**
 * Scores an attempt: each item that applies (the decision and the time always; the missing components, the
 * originals, the fee and the due date when the scenario plants that problem) gets its weight, the weights are
 * scaled to 100, and each item earns its share. The breakdown's points sum to the score.
 */
export function scoreAttempt(s: ScoreInput): { score: number; breakdown: BreakdownItem[] } {
  const kinds = new Set(s.planted.map((p) => p.kind));
  const items: Array<{ item: BreakdownItem['item']; share: number; detail: Msg }> = [];

  const d = s.observed.decision;
  const want = s.expected.decision;
  items.push({
    item: 'decision',
    share: d === want ? 1 : 0,
    detail: d
      ? { vi: `Bạn đã ${DECISION_NAMES[d].vi}; cần ${DECISION_NAMES[want].vi}.`, en: `You chose to ${DECISION_NAMES[d].en}; the right decision is to ${DECISION_NAMES[want].en}.` }
      : { vi: `Bạn chưa ra quyết định trên hồ sơ; cần ${DECISION_NAMES[want].vi}.`, en: `You took no decision on the dossier; the right decision is to ${DECISION_NAMES[want].en}.` },
  });
  if (s.expected.missing.length > 0 || kinds.has('missing_component')) {
    const r = setScore(s.expected.missing, s.observed.listedMissing);
    items.push({
      item: 'missing',
      share: r.share,
      detail: {
        vi: `Tìm đúng ${r.found}/${s.expected.missing.length} thành phần còn thiếu; liệt kê thừa ${r.wrong}.`,
        en: `Found ${r.found} of ${s.expected.missing.length} missing components; ${r.wrong} listed wrongly.`,
      },
    });
  }
  if (s.expected.originals.length > 0 || kinds.has('needs_original')) {
    const r = setScore(s.expected.originals, s.answers.originals ?? []);
    items.push({
      item: 'originals',
      share: r.share,
      detail: {
        vi: `Đánh dấu đúng ${r.found}/${s.expected.originals.length} giấy tờ phải có bản chính; đánh dấu thừa ${r.wrong}.`,
        en: `Flagged ${r.found} of ${s.expected.originals.length} components needing an original; ${r.wrong} flagged wrongly.`,
      },
    });
  }
  if (kinds.has('wrong_fee')) {
    const given = s.answers.fee;
    items.push({
      item: 'fee',
      share: given === s.correctFee ? 1 : 0,
      detail: {
        vi: `Bạn trả lời ${given === null || given === undefined ? '(trống)' : `${fmt(given)} đồng`}; mức đúng: ${fmt(s.correctFee)} đồng.`,
        en: `You answered ${given === null || given === undefined ? '(blank)' : `${fmt(given)} đồng`}; the correct fee is ${fmt(s.correctFee)} đồng.`,
      },
    });
  }
  if (s.correctDueDate) {
    const given = s.answers.dueDate ?? null;
    items.push({
      item: 'due_date',
      share: given === s.correctDueDate ? 1 : 0,
      detail: {
        vi: `Bạn trả lời ${given ?? '(trống)'}; ngày hẹn trả đúng: ${s.correctDueDate}.`,
        en: `You answered ${given ?? '(blank)'}; the correct due date is ${s.correctDueDate}.`,
      },
    });
  }
  const end = s.observed.decidedAt ?? s.finishedAt;
  const minutes = Math.max(0, (end.getTime() - s.startedAt.getTime()) / 60_000);
  const target = s.timeTargetMinutes;
  // Full marks within the target, none at twice the target, linear between.
  const timeShare = minutes <= target ? 1 : Math.max(0, 1 - (minutes - target) / target);
  items.push({
    item: 'time',
    share: timeShare,
    detail: { vi: `${Math.round(minutes)} phút; mục tiêu ${target} phút.`, en: `${Math.round(minutes)} minutes; target ${target} minutes.` },
  });

  const total = items.reduce((a, i) => a + WEIGHTS[i.item], 0);
  const maxes = items.map((i) => Math.floor((WEIGHTS[i.item] * 100) / total));
  // Whole points: the rounding remainder goes to the decision, so the maxima sum to exactly 100.
  maxes[0]! += 100 - maxes.reduce((a, b) => a + b, 0);
  const breakdown = items.map((i, n) => ({ item: i.item, label: LABELS[i.item], points: Math.round(maxes[n]! * i.share), max: maxes[n]!, detail: i.detail }));
  return { score: breakdown.reduce((a, b) => a + b.points, 0), breakdown };
}

/** The competency level a practice score shows: 85 or more → 2 (able), 60 or more → 1 (aware), else 0. */
export function levelForScore(score: number): number {
  return score >= 85 ? 2 : score >= 60 ? 1 : 0;
}
