// The rules of training, as plain functions: who passes a class (full attendance and every test at 5/10 or above,
// TT 01/2018/TT-BNV) and why not, the certificate's expiry and code, the quarter a plan item falls in, and the
// rates a class's impact compares. No SQL and no clock here: callers pass today.
import { formatLocalDate as dmy } from '../../calendar/time.js';
import type { Msg } from '../../../errors.js';
import { addDays, dayNumber } from '../../calendar/time.js';

/** The lowest score that passes a test, out of 10. */
export const PASS_SCORE = 5;

export const CONTENT_GROUPS = ['political', 'state_management', 'professional', 'digital', 'other'] as const;
export type ContentGroupName = (typeof CONTENT_GROUPS)[number];

/** Decree 171/2025's content groups, as a person reads them. */
export const CONTENT_GROUP_NAMES: Record<ContentGroupName, Msg> = {
  political: { vi: 'Lý luận chính trị', en: 'Political theory' },
  state_management: { vi: 'Kiến thức quản lý nhà nước', en: 'State management' },
  professional: { vi: 'Chuyên môn, nghiệp vụ', en: 'Professional skills' },
  digital: { vi: 'Kỹ năng số, công nghệ số', en: 'Digital skills and technology' },
  other: { vi: 'Nội dung khác', en: 'Other content' },
};

/** 12/08/2026 from 2026-08-12. */

export { dmy };

/** A score as Vietnamese writes it (4,5) and as English does (4.5). */
export const scoreText = (score: number): Msg => {
  const en = String(Number(score.toFixed(2)));
  return { vi: en.replace('.', ','), en };
};

export interface SessionMark {
  seq: number;
  heldOn: string;
  /** true present, false absent, null not recorded. */
  present: boolean | null;
}

export interface TestMark {
  seq: number;
  name: string;
  score: number | null;
}

export type Verdict = { passed: true } | { passed: false; reason: Msg; missing: Msg[] };

/**
 * Whether an enrolled official passes: present at every session and at least 5/10 in every test. An unrecorded
 * session or test counts against them (a certificate needs proof), and the reason names each one.
 */
export function verdict(sessions: readonly SessionMark[], tests: readonly TestMark[]): Verdict {
  const missing: Msg[] = [];
  for (const s of [...sessions].sort((a, b) => a.seq - b.seq)) {
    if (s.present === true) continue;
    missing.push(
      s.present === false
        ? { vi: `vắng buổi ${s.seq} (${dmy(s.heldOn)})`, en: `absent from session ${s.seq} (${dmy(s.heldOn)})` }
        : { vi: `chưa điểm danh buổi ${s.seq} (${dmy(s.heldOn)})`, en: `no attendance recorded for session ${s.seq} (${dmy(s.heldOn)})` },
    );
  }
  for (const t of [...tests].sort((a, b) => a.seq - b.seq)) {
    if (t.score === null) {
      missing.push({ vi: `chưa có điểm bài kiểm tra ${t.seq} (${t.name})`, en: `no score for test ${t.seq} (${t.name})` });
    } else if (t.score < PASS_SCORE) {
      const s = scoreText(t.score);
      missing.push({ vi: `bài kiểm tra ${t.seq} đạt ${s.vi}/10`, en: `test ${t.seq} scored ${s.en}/10` });
    }
  }
  if (!missing.length) return { passed: true };
  return {
    passed: false,
    missing,
    reason: {
      vi: `Không đủ điều kiện cấp chứng chỉ (cần dự đủ các buổi và mọi bài kiểm tra đạt từ 5/10): ${missing.map((m) => m.vi).join('; ')}.`,
      en: `Not eligible for a certificate (full attendance and every test at 5/10 or above are required): ${missing.map((m) => m.en).join('; ')}.`,
    },
  };
}

/** `day` plus whole months, the day clamped to the month's end (31/01 + 1 month = 28/02 or 29/02). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** When a class's certificate expires: the class end plus the programme's validity, or never. */
export function certificateExpiry(endsOn: string, validMonths: number | null): string | null {
  return validMonths ? addMonths(endsOn, validMonths) : null;
}

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A certificate's verification code: CC-<unit code>-<year>-<6 characters>. `random` gives 6 numbers in [0, 1). */
export function verificationCode(unitCode: string, year: number, random: () => number): string {
  let tail = '';
  for (let i = 0; i < 6; i++) tail += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return `CC-${unitCode}-${year}-${tail}`;
}

export const quarterOf = (day: string): number => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

/**
 * Quarters for `n` plan items already sorted most urgent first: the most urgent early in the year, the rest
 * spread evenly over the quarters left (from `firstQuarter`, the current one when planning the current year).
 */
export function quartersByUrgency(n: number, firstQuarter: number): number[] {
  const span = 5 - firstQuarter;
  return Array.from({ length: n }, (_, i) => firstQuarter + Math.floor((span * i) / n));
}

/** The class's status as a person reads it: a planned class whose first day has come is running. */
export function displayStatus(stored: string, startsOn: string, today: string): string {
  return stored === 'planned' && startsOn <= today ? 'running' : stored;
}

/** A stored result note: JSON {vi, en} as MotCua writes it, or plain text as an import may. */
export function parseNote(note: string | null): Msg | null {
  if (!note) return null;
  try {
    const v = JSON.parse(note) as Partial<Msg>;
    if (typeof v?.vi === 'string' && typeof v?.en === 'string') return { vi: v.vi, en: v.en };
  } catch {
    /* plain text */
  }
  return { vi: note, en: note };
}

export interface RateCounts {
  submitted: number;
  sentBack: number;
  steps: number;
  late: number;
  supplements: number;
  rated: number;
  satisfied: number;
}

export type Rates = RateCounts & { sendBackRate: number | null; onTimeRate: number | null };

export const ZERO_COUNTS: RateCounts = { submitted: 0, sentBack: 0, steps: 0, late: 0, supplements: 0, rated: 0, satisfied: 0 };

const ratio = (a: number, b: number): number | null => (b ? Math.round((a / b) * 10_000) / 10_000 : null);

export function rates(c: RateCounts): Rates {
  return { ...c, sendBackRate: ratio(c.sentBack, c.submitted), onTimeRate: ratio(c.steps - c.late, c.steps) };
}

export function sumCounts(list: readonly RateCounts[]): RateCounts {
  const out = { ...ZERO_COUNTS };
  for (const c of list) for (const k of Object.keys(out) as Array<keyof RateCounts>) out[k] += c[k];
  return out;
}

/**
 * The two windows a class's impact compares: `months` before its first day, and `months` after its last day
 * clipped to today (empty, from after to, while the class has not ended).
 */
export function impactWindows(startsOn: string, endsOn: string, months: number, today: string) {
  const before = { from: addMonths(startsOn, -months), to: addDays(startsOn, -1) };
  const afterFrom = addDays(endsOn, 1);
  const afterTo = addMonths(endsOn, months);
  const to = afterTo < today ? afterTo : today;
  return { before, after: { from: afterFrom, to: dayNumber(to) < dayNumber(afterFrom) ? addDays(afterFrom, -1) : to } };
}
