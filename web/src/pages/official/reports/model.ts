// The shapes of the report API (notes/api-contract.md, issue 5) and what every report page shares: the period
// presets in Vietnam local dates, the roles that read reports, and the links to the drill-down.
import type { Msg } from '../../../api';
import type { Role } from '../../../types';
import { todayVn } from '../../../format';

export const REPORT_ROLES: Role[] = ['unit_leader', 'head_of_office', 'centre_admin', 'province_viewer', 'system_admin'];
/** Feedback is also answered by the specialist it is assigned to. */
export const FEEDBACK_ROLES: Role[] = [...REPORT_ROLES, 'specialist'];

export interface UnitRef {
  code: string;
  name: string;
  kind?: string;
}

export const COUNT_KEYS = [
  'carriedOver',
  'receivedNew',
  'received',
  'resolvedEarly',
  'resolvedOnTime',
  'resolvedLate',
  'inProgressWithinTime',
  'inProgressLate',
  'paused',
  'withdrawn',
  'refused',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export interface Counts {
  carriedOver: number;
  receivedNew: number;
  received: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  resolved: number;
  inProgressWithinTime: number;
  inProgressLate: number;
  paused: number;
  withdrawn: number;
  refused: number;
  returned: number;
  onTimeRate: number | null;
}

export type By = 'none' | 'unit' | 'field' | 'procedure' | 'channel' | 'office' | 'official';
export const BYS: By[] = ['none', 'unit', 'field', 'procedure', 'channel', 'office', 'official'];

export interface Summary {
  unit: UnitRef;
  from: string;
  to: string;
  by: By;
  rows: Array<{ key: string; label: Msg; counts: Counts }>;
  total: Counts;
}

export interface TrendPoint {
  period: string;
  receivedNew: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onTimeRate: number | null;
}
export interface Trend {
  interval: 'day' | 'week' | 'month';
  points: TrendPoint[];
}

export interface DrillItem {
  id: number;
  code: string;
  unit: { code: string; name: string };
  procedure: { code: string; name: string };
  field: string;
  channel: string;
  applicantName: string;
  receivedAt: string | null;
  dueAt: string | null;
  doneAt: string | null;
  outcome: string | null;
  official: { id: number; name: string } | null;
}
export interface DrillList {
  total: number;
  page: number;
  pageSize: number;
  items: DrillItem[];
}

export interface IndexMetric {
  key: string;
  name: Msg;
  max: number;
  score: number;
  formula: Msg;
  inputs: Record<string, number>;
  rate: number | null;
  drill?: { metric: string; params?: Record<string, string> };
}
export interface IndexGroup {
  key: string;
  name: Msg;
  max: number;
  score: number;
  metrics: IndexMetric[];
}
export interface ServiceIndex {
  unit: UnitRef;
  from: string;
  to: string;
  total: number;
  max: number;
  groups: IndexGroup[];
}
export interface RankingRow {
  rank: number;
  unit: { code: string; name: string };
  total: number;
  groups: Record<string, number>;
  received: number;
  onTimeRate: number | null;
}
export interface Ranking {
  province: { code: string; name: string };
  from: string;
  to: string;
  rows: RankingRow[];
}

export interface Satisfaction {
  unit: UnitRef;
  from: string;
  to: string;
  rated: number;
  satisfied: number;
  rate: number | null;
  minRatings: number;
  confidence: number;
  criteria: Array<{ key: string; name: Msg; counts: Record<string, number>; satisfiedRate: number | null }>;
  ranking: Array<{ key: string; label: Msg; rated: number; satisfied: number; rate: number | null; lowerBound: number | null; rank: number | null }>;
}

export interface FeedbackCounts {
  received: number;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  openWithinTime: number;
  openOverdue: number;
}
export interface FeedbackReport extends FeedbackCounts {
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  byKind: { complaint: FeedbackCounts; suggestion: FeedbackCounts };
}

/** One feedback item; the list and the detail may carry more than the page reads. */
export interface FeedbackItem {
  id: number;
  code: string;
  kind: 'complaint' | 'suggestion';
  channel?: string;
  /** received, assigned, overdue, answered */
  status: string;
  subject: string;
  content?: string;
  senderName?: string;
  senderPhone?: string | null;
  senderEmail?: string | null;
  dossierCode?: string | null;
  receivedAt: string;
  dueAt: string;
  assignee?: { id: number; name: string } | null;
  assignedAt?: string | null;
  answer?: string | null;
  answeredAt?: string | null;
  answeredBy?: { id: number; name: string } | null;
  satisfied?: boolean | null;
  unit?: { code: string; name: string };
  allowedActions?: string[];
}

// ---- periods ----------------------------------------------------------------------------------------------

export type Preset = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'lastQuarter' | 'thisYear' | 'custom';
export const PRESETS: Preset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'custom'];

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Days in month m (1–12) of year y. */
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The dates of a preset period, in Vietnam local dates, given today's Vietnam date. Inclusive of both ends. */
export function presetRange(preset: Exclude<Preset, 'custom'>, today: string = todayVn()): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.floor((m - 1) / 3); // 0..3
  switch (preset) {
    case 'thisMonth':
      return { from: ymd(y, m, 1), to: ymd(y, m, lastDay(y, m)) };
    case 'lastMonth': {
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: ymd(py, pm, 1), to: ymd(py, pm, lastDay(py, pm)) };
    }
    case 'thisQuarter':
      return { from: ymd(y, q * 3 + 1, 1), to: ymd(y, q * 3 + 3, lastDay(y, q * 3 + 3)) };
    case 'lastQuarter': {
      const [py, pq] = q === 0 ? [y - 1, 3] : [y, q - 1];
      return { from: ymd(py, pq * 3 + 1, 1), to: ymd(py, pq * 3 + 3, lastDay(py, pq * 3 + 3)) };
    }
    case 'thisYear':
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  }
}

/** Percent with one decimal, or a dash when there is no rate. */
export function pct(rate: number | null | undefined, lang: 'vi' | 'en'): string {
  if (rate === null || rate === undefined) return '—';
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(rate * 100)}%`;
}

export function num(n: number | null | undefined, lang: 'vi' | 'en', digits = 0): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

export interface DrillQuery {
  unit: string;
  from: string;
  to: string;
  metric: string;
  field?: string | undefined;
  procedure?: string | undefined;
  channel?: string | undefined;
  official?: string | undefined;
  office?: string | undefined;
}

/** The drill-down page for one figure: its query lives in the address, so the link can be shared. */
export function drillPath(q: DrillQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, v);
  return `/can-bo/bao-cao/ho-so?${params.toString()}`;
}

/** The drill filter a row of a "by" breakdown stands for. */
export function byFilter(by: By, key: string): Partial<DrillQuery> {
  switch (by) {
    case 'unit':
      return { unit: key };
    case 'field':
    case 'procedure':
    case 'channel':
    case 'official':
    case 'office':
      return { [by]: key };
    default:
      return {};
  }
}

/** A download URL of a table endpoint: the same query with format=xlsx (or pdf). */
export function downloadUrl(path: string, query: Record<string, string | number | undefined>, format: 'xlsx' | 'pdf'): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  params.set('format', format);
  return `${path}?${params.toString()}`;
}
