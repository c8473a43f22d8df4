// The shapes of the capacity API's work part (notes/capacity-api.md section 4: evidence from work, workload,
// appraisal) as the evidence, workload and appraisal pages read them, and the little logic they share.
import type { Msg } from '../../../api';
import type { Role } from '../../../types';

/** Named data of a commune's officials. */
export const WORK_LEADERS: Role[] = ['unit_leader', 'head_of_office', 'centre_admin'];
/** Every role that makes someone an official with their own evidence and appraisal row. */
export const ALL_ROLES: Role[] = ['receiving_officer', 'specialist', 'head_of_office', 'unit_leader', 'clerk', 'centre_admin', 'province_viewer'];

export const LEVEL_VALUES = [0, 1, 2, 3, 4] as const;
/** From this held level an official takes a field's dossiers alone. */
export const COMPETENT_LEVEL = 2;

export interface PersonRef {
  id: number;
  fullName: string;
}

// ---- evidence ----------------------------------------------------------------------------------------------

export interface LastDecision {
  level: number;
  suggestedLevel: number | null;
  decision: 'confirmed' | 'overridden';
  at: string;
  by: string | null;
  note?: string | null;
}

export interface EvidenceRow {
  official: PersonRef;
  field: string;
  competencyId: number | null;
  dossiers: number;
  actions: number;
  submitted: number;
  sentBack: number;
  sendBackRate: number | null;
  supplements: number;
  supplementRate: number | null;
  steps: number;
  late: number;
  onTimeRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  spentMinutes: number;
  allottedMinutes: number;
  suggestedLevel: number;
  /** False below the minimum sample: the suggestion is weak. */
  enoughEvidence?: boolean;
  /** Why the suggestion is this level and not the next one. */
  suggestionReason?: Msg;
  heldLevel: number;
  lastDecision: LastDecision | null;
}

/** The province's view: one row per commune × field, counts and rates only, never a name. */
export interface EvidenceAggregateRow {
  unit: { code: string; name: string };
  field: string;
  officials: number;
  dossiers?: number;
  actions?: number;
  submitted?: number;
  sentBack?: number;
  sendBackRate?: number | null;
  supplements?: number;
  supplementRate?: number | null;
  steps?: number;
  late?: number;
  onTimeRate?: number | null;
  rated?: number;
  satisfied?: number;
  satisfactionRate?: number | null;
  spentMinutes?: number;
  allottedMinutes?: number;
  competent?: number;
}

/** `rule`: how the suggestion is worked out, in words. */
export type Evidence =
  | { scope: 'unit'; from: string; to: string; rule?: Msg; rows: EvidenceRow[] }
  | { scope: 'aggregate'; from?: string; to?: string; rule?: Msg; rows: EvidenceAggregateRow[] };

export type EvidenceFlag = 'sent_back' | 'late' | 'supplement' | 'unsatisfied';

export interface EvidenceEntry {
  historyId: number;
  dossierId: number;
  dossierCode: string;
  action: string;
  role: string | null;
  at: string;
  procedure: { code: string; name: string | Msg };
  spentMinutes: number | null;
  allottedMinutes: number | null;
  timeliness: string | null;
  sentBack: boolean | null;
  supplement: boolean | null;
  late: boolean | null;
  satisfied: boolean | null;
}

export interface EvidenceEntries {
  total: number;
  page?: number;
  pageSize?: number;
  items: EvidenceEntry[];
}

export interface DecisionBody {
  accountId: number;
  field: string;
  from: string;
  to: string;
  level: number;
  note?: string;
}

// ---- workload ----------------------------------------------------------------------------------------------

export interface WorkloadOfficial {
  id: number;
  fullName: string;
  office: { id: number; name: string } | null;
  open: number;
  weighted: number;
  overdue: number;
  dueSoon: number;
  oldestDays: number | null;
}

export interface WorkloadOffice {
  id: number | null;
  name: string;
  open: number;
  weighted: number;
  overdue: number;
}

export const AGEING_BUCKETS = ['0-2', '3-5', '6-10', '11+'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface Workload {
  officials: WorkloadOfficial[];
  offices: WorkloadOffice[];
  /** Open dossiers no official of the unit holds. */
  unassigned?: { open: number; weighted: number; overdue: number };
  ageing: Array<{ bucket: AgeingBucket; count: number; weighted: number }>;
  weights: { rule: Msg };
}

export interface Suggestion {
  dossier: { id: number; code: string; procedure: Msg | string; field: string; dueAt: string | null };
  from: { id: number; fullName: string; weighted: number; absent?: boolean };
  to: { id: number; fullName: string; weighted: number; level: number };
  reason: Msg;
}

/** The province's view of workload: per commune, no names. */
export interface WorkloadAggregate {
  scope: 'aggregate';
  units: Array<{ unit: { code: string; name: string }; open: number; weighted: number; overdue: number; dueSoon: number; oldestDays: number }>;
  ageing: Workload['ageing'];
  weights: Workload['weights'];
}

export interface Suggestions {
  items: Suggestion[];
  /** An absent official's dossiers that no competent official can take. */
  uncovered?: Array<{ dossier: { id: number; code: string; field: string; dueAt: string | null }; from: PersonRef; role: string }>;
}

export interface WorkloadDecision {
  id: number;
  dossier: { id: number; code: string };
  from: PersonRef | string | null;
  to: PersonRef | string | null;
  suggested: boolean;
  decision: 'accepted' | 'rejected';
  reason: string | null;
  decidedBy: PersonRef | string | null;
  decidedAt: string;
}

// ---- appraisal ---------------------------------------------------------------------------------------------

export interface AppraisalRow {
  official: PersonRef;
  position: string | null;
  assigned: number;
  done: number;
  /** Converted (weighted) work assigned and done. */
  assignedWeight?: number;
  converted: number;
  quantity: number | null;
  quality: number | null;
  timeliness: number | null;
  sentBack: number;
  late: number;
  exempted: number;
  score: number | null;
}

export interface Appraisal {
  month: string;
  /** How the figures are worked out (Decree 335/2025), and what counts as assigned and done, in words. */
  rule?: Msg;
  counting?: Msg;
  rows: AppraisalRow[];
}

export type AppraisalFlag = 'late' | 'sent_back' | 'done' | 'exempted';

/** One dossier behind an appraisal figure: the official's part in it that month. */
export interface AppraisalDossier {
  dossierId: number;
  code: string;
  procedure: { code: string; name: string | Msg } | null;
  field?: string;
  /** The procedure's conversion weight. */
  weight?: number;
  done?: boolean;
  /** Send-backs and late steps of this official on this dossier in the month. */
  sentBack: number;
  late: number;
  exempted: boolean;
  exemptionReason?: string | null;
}

// ---- helpers -----------------------------------------------------------------------------------------------

/** A person's name whether the server sends an object or a plain name. */
export function personName(p: PersonRef | string | null | undefined): string {
  if (!p) return '—';
  return typeof p === 'string' ? p : p.fullName;
}

/** A procedure's name, bilingual or not. */
export function textOf(v: Msg | string | null | undefined, lang: 'vi' | 'en'): string {
  if (!v) return '';
  return typeof v === 'string' ? v : v[lang] || v.vi;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month before the one of `today` (YYYY-MM-DD, Vietnam local), as YYYY-MM. */
export function previousMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** "10/2026" for 2026-10. */
export function fmtMonth(month: string): string {
  return /^\d{4}-\d{2}$/.test(month) ? `${month.slice(5, 7)}/${month.slice(0, 4)}` : month;
}

/** A query string of the non-empty values, for download links. */
export function queryString(q: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  return params.toString();
}

/** A 0–100 figure (appraisal percentages and score) the Vietnamese way: "87,5". */
export function fmtScore(n: number | null | undefined, lang: 'vi' | 'en'): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
}
