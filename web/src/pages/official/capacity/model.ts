// The shapes of the capacity API, sections 1 (positions, profiles, certificates, gaps, cover) and 2 (training,
// plans), as notes/capacity-api.md gives them; and the small rules the pages share (levels, gap colours).
// Evidence, workload and appraisal types live in work-model.ts.
import type { Msg } from '../../../api';
import type { Role } from '../../../types';

export const CAP_LEADERS: Role[] = ['unit_leader', 'head_of_office', 'centre_admin'];
/** Edit positions, training and the plan. */
export const CAP_ADMINS: Role[] = ['unit_leader', 'centre_admin'];
export const CAP_PROVINCE: Role[] = ['province_viewer'];

export const LEVEL_VALUES = [0, 1, 2, 3, 4] as const;
export const COMPETENT_LEVEL = 2;

export type CompetencyKind = 'field' | 'digital' | 'communication' | 'management';
export type PositionGroup = 'leadership' | 'professional' | 'support';
export const POSITION_GROUPS: PositionGroup[] = ['leadership', 'professional', 'support'];

export interface Competency {
  id: number;
  code: string;
  kind: CompetencyKind;
  field: string | null;
  name: Msg;
  levels: Array<{ level: number; vi: string; en: string }>;
  national: boolean;
}

export interface OfficialRow {
  id: number;
  fullName: string;
  username: string;
  roles: Role[];
  office: { id: number; name: string } | null;
  position: { id: number; code: string; name: string; grp: PositionGroup; since: string } | null;
}

export interface Requirement {
  competencyId: number;
  code: string;
  name: Msg;
  kind: CompetencyKind;
  field: string | null;
  requiredLevel: number;
}

export interface Position {
  id: number;
  code: string;
  grp: PositionGroup;
  name: string;
  description: string;
  duties: string[];
  headcount: number;
  office: { id: number; name: string } | null;
  active: boolean;
  requirements: Requirement[];
  holders: Array<{ accountId: number; fullName: string; since: string }>;
}

export interface Assignment {
  id: number;
  position: { id: number; code: string; name: string };
  startedOn: string;
  endedOn: string | null;
  note: string | null;
  decidedBy: string | null;
}

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'revoked';
export interface Certificate {
  id: number;
  kind: string;
  name: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  verificationCode: string | null;
  competency: { id: number; name: Msg } | null;
  level: number | null;
  classId: number | null;
  status: CertificateStatus;
  daysLeft: number | null;
}

export interface AssessmentEntry {
  level: number;
  source: string;
  suggestedLevel: number | null;
  decision: string | null;
  note: string | null;
  assessedAt: string;
  by: string | null;
  evidence: Record<string, unknown> | null;
}

export interface ProfileCompetency {
  competencyId: number;
  code: string;
  name: Msg;
  kind: CompetencyKind;
  field: string | null;
  required: number | null;
  held: number;
  gap: number;
  source: string | null;
  assessedAt: string | null;
  history: AssessmentEntry[];
}

export interface Profile {
  official: {
    id: number;
    fullName: string;
    username: string;
    unit: { code: string; name: string };
    office: { id: number; name: string } | null;
    position: { id: number; code?: string; name: string; grp?: PositionGroup; since?: string } | null;
  };
  competencies: ProfileCompetency[];
  certificates: Certificate[];
  training: {
    year: number;
    hours: number;
    hoursByYear: Array<{ year: number; hours: number }>;
    classes: Array<{ classId: number; name: string; startsOn: string; endsOn: string; hours: number; status: string }>;
  };
  practice: Array<{ attemptId: number; scenario: Msg; score: number | null; finishedAt: string | null }>;
  alerts: Array<{ kind: 'certificate_expiring' | 'certificate_expired'; certificateId: number; message: Msg }>;
}

export interface GapCell {
  competencyId: number;
  required: number | null;
  held: number;
  gap: number;
}

export interface GapsUnit {
  scope: 'unit';
  unit: { code: string; name: string };
  competencies: Array<{ id: number; code: string; name: Msg; kind: CompetencyKind; field: string | null }>;
  officials: Array<{ id: number; fullName: string; position: { id: number; name: string } | null; cells: GapCell[] }>;
  positions: Array<{
    id: number;
    name: string;
    holders: number;
    competencies: Array<{ competencyId: number; required: number; minHeld: number | null; avgHeld: number | null; withGap: number }>;
  }>;
  risks: Array<{ competencyId: number; field: string | null; name: Msg; competent: number; officials: Array<{ id: number; fullName: string; level: number }> }>;
  summary: { officials: number; withGap: number; gapCells: number; riskFields: number };
}

export interface GapsAggregate {
  scope: 'aggregate';
  unit: { code: string; name: string };
  communes: Array<{ code: string; name: string; officials: number; withGap: number; gapCells: number; riskFields: number }>;
  competencies: Array<{ competencyId: number; name: Msg; required: number; withGap: number }>;
}

export type Gaps = GapsUnit | GapsAggregate;

export interface Cover {
  field: string;
  competency: { id: number; name: Msg };
  absent: { id: number; fullName: string; level: number };
  candidates: Array<{
    id: number;
    fullName: string;
    position: { id: number; name: string } | null;
    level: number;
    competent: boolean;
    openDossiers: number;
    fieldDossiers90d: number;
    onTimeRate90d: number | null;
  }>;
  absentOpen: Array<{ dossierId: number; code: string; procedure: Msg | string; dueAt: string | null }>;
  risk: boolean;
  message: Msg;
}

// ---- Training (section 2)

export type ContentGroup = 'political' | 'state_management' | 'professional' | 'digital' | 'other';
export const CONTENT_GROUPS: ContentGroup[] = ['political', 'state_management', 'professional', 'digital', 'other'];

export interface Programme {
  id: number;
  code: string;
  name: string;
  description: string | null;
  contentGroup: ContentGroup;
  hours: number;
  certificateValidMonths: number | null;
  national: boolean;
  competencies: Array<{ competencyId: number; name: Msg; level: number }>;
}

export interface ClassRow {
  id: number;
  code: string;
  name: string;
  programme: { id: number; name: string };
  startsOn: string;
  endsOn: string;
  trainer: string;
  place: string | null;
  online: boolean;
  status: string;
  enrolled: number;
  passed: number;
  hours: number;
  capacity: number | null;
  /** The unit that runs the class (the server adds it to the contract's ClassRow). */
  unit: { code: string; name: string };
}

export interface Enrolment {
  accountId: number;
  fullName: string;
  status: string;
  attended: number;
  sessions: number;
  hoursAttended: number;
  attendance: Record<string, boolean | null>;
  scores: Record<string, number | null>;
  certificate: { id: number; verificationCode: string | null } | null;
  resultNote: Msg | null;
}

export interface ClassDetail extends ClassRow {
  sessions: Array<{ id: number; seq: number; heldOn: string; hours: number; topic: string | null }>;
  tests: Array<{ id: number; seq: number; name: string; heldOn: string | null }>;
  enrolments: Enrolment[];
}

export interface CloseResult {
  class: ClassDetail;
  passed: Array<{ accountId: number; fullName: string; certificateId: number; verificationCode: string | null }>;
  notPassed: Array<{ accountId: number; fullName: string; reason: Msg }>;
}

export interface TrainingReportUnit {
  scope: 'unit';
  classesHeld: number;
  officialsTrained: number;
  hours: number;
  hoursPerOfficial: number | null;
  certificates: number;
  byOfficial: Array<{ id: number; fullName: string; classes: number; hours: number; certificates: number }>;
  byGroup: Array<{ contentGroup: ContentGroup; classes: number; hours: number }>;
}
export interface TrainingReportAggregate {
  scope: 'aggregate';
  classesHeld: number;
  officialsTrained: number;
  hours: number;
  hoursPerOfficial: number | null;
  communes: Array<{ code: string; name: string; classesHeld: number; officialsTrained: number; hours: number; hoursPerOfficial: number | null }>;
}
export type TrainingReport = TrainingReportUnit | TrainingReportAggregate;

export interface Rates {
  submitted: number;
  sentBack: number;
  sendBackRate: number | null;
  steps: number;
  late: number;
  onTimeRate: number | null;
  supplements: number;
  rated: number;
  satisfied: number;
}

export interface Impact {
  class: ClassRow;
  before: { from: string; to: string };
  after: { from: string; to: string };
  attendees: Array<{ id: number; fullName: string; before: Rates; after: Rates }>;
  totals: { attendees: { before: Rates; after: Rates }; others: { before: Rates; after: Rates } };
}

export type PlanItemStatus = 'planned' | 'dropped' | 'done';
export const PLAN_ITEM_STATUSES: PlanItemStatus[] = ['planned', 'done', 'dropped'];

export interface PlanItem {
  id: number;
  official: { id: number; fullName: string };
  competency: { id: number; name: Msg } | null;
  programme: { id: number; name: string } | null;
  heldLevel: number | null;
  requiredLevel: number | null;
  quarter: number | null;
  hours: number | null;
  origin: 'gap' | 'added';
  status: PlanItemStatus;
  note: string | null;
}

export interface Plan {
  id: number;
  unit: { code: string; name: string };
  year: number;
  status: 'draft' | 'approved';
  draftedAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  items: PlanItem[];
  summary: { officials: number; items: number; hours: number };
}

/** A rate 0–1 as a percentage with one decimal, '—' when there is none. */
export function pct(rate: number | null | undefined, lang: 'vi' | 'en'): string {
  if (rate === null || rate === undefined) return '—';
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(rate * 100)}%`;
}

export function num(n: number | null | undefined, lang: 'vi' | 'en', digits = 0): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

export function xlsxUrl(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  params.set('format', 'xlsx');
  return `${path}?${params.toString()}`;
}
