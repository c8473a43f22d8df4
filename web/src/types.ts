// The shapes the API answers with (src/modules/*/routes.ts, src/modules/dossiers/view.ts), as the pages use them.
import type { Msg } from './api';

export type Role =
  | 'receiving_officer'
  | 'specialist'
  | 'head_of_office'
  | 'unit_leader'
  | 'clerk'
  | 'centre_admin'
  | 'province_viewer'
  | 'system_admin';

export interface Grant {
  role: Role;
  roleName: Msg;
  unitId: number;
  unitCode: string;
  unitName: string;
  officeId: number | null;
}

export interface Me {
  id: number;
  username: string;
  fullName: string;
  locale: 'vi' | 'en';
  csrfToken: string;
  grants: Grant[];
}

export type Colour = 'early' | 'on_time' | 'due_soon' | 'late' | 'paused' | 'closed' | 'not_started';

export interface DossierListItem {
  id: number;
  code: string;
  status: string;
  statusName: Msg;
  nationalStatus: number;
  step: string | null;
  colour: Colour;
  unit: string;
  handlingUnit: string;
  channel: string;
  /** 'national_portal': submitted on the national portal and pulled in. */
  source?: string | null;
  applicantName: string;
  procedure: { code: string; name: string; field: string };
  assignee: string | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  /** A practice attempt's dossier (only its official sees it in the list). */
  practice?: boolean;
}

export interface DossierList {
  total: number;
  items: DossierListItem[];
}

export interface DossierFile {
  id: number;
  fileId: string;
  componentKey: string | null;
  kind: 'component' | 'supplement' | 'draft_result' | 'result';
  name: string;
  mime: string;
  size: number;
  addedAt: string;
}

export interface HistoryEntry {
  seq: number;
  action: string;
  actionName: Msg;
  at: string;
  actor: { id: number | null; name: string | null; role: string | null };
  fromStatus: string | null;
  toStatus: string;
  fromStep: string | null;
  toStep: string | null;
  note: string | null;
  details: Record<string, unknown>;
  spentMinutes: number | null;
  allottedMinutes: number | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
}

export interface Dossier {
  id: number;
  code: string;
  revision: number;
  status: string;
  statusName: Msg;
  nationalStatus: number;
  nationalStatusName: Msg;
  colour: Colour;
  channel: string;
  unit: { code: string; name: string };
  handlingUnit: { code: string; name: string };
  procedure: { code: string; name: string; field: string; version: number };
  step: { key: string; name: Msg; role: Role; kind: string } | null;
  steps: Array<{ key: string; name: Msg; role: Role; percent: number }>;
  assignee: { id: number; name: string } | null;
  applicant: { kind: string; name: string; idNumber: string | null; phone: string | null; email: string | null; address: string | null };
  subject: string | null;
  setsCount: number;
  resultDelivery: string;
  outcome: 'granted' | 'refused' | null;
  limit: { value: number; unit: string; name: Msg };
  feeAmount: number | null;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  originalDueAt: string | null;
  pausedAt: string | null;
  signedAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  stepStartedAt: string | null;
  workingMinutesLeft: number | null;
  components: Array<{ key: string; name: string; originals: number; copies: number; required: boolean; provided: boolean }>;
  files: DossierFile[];
  history: HistoryEntry[];
  pauses: Array<{ id: number; kind: 'supplement' | 'fee' | 'stop'; reason: string; startedAt: string; endedAt: string | null; details: Record<string, unknown> }>;
  consultations: Array<{ id: number; office: { id: number; name: string }; question: string; askedAt: string; dueAt: string | null; answer: string | null; answeredAt: string | null }>;
  transfers: Array<{ id: number; from: string; to: string; toCode: string; reason: string; sentAt: string; dueAt: string | null; returnedAt: string | null; resultNote: string | null }>;
  extension: { previousDueAt: string; newDueAt: string; reason: string; extendedAt: string } | null;
  fees: Array<{ id: number; amount: number; description: string; requestedAt: string; paidAt: string | null; receiptNo: string | null; method: string | null }>;
  allowedActions: Array<{ action: ActionName; name: Msg }>;
  isPractice: boolean;
  /** null: received by MotCua itself; 'national_portal': submitted on the national portal. */
  source?: string | null;
}

export type ActionName =
  | 'receive'
  | 'refuse'
  | 'request_supplement'
  | 'receive_supplement'
  | 'assign'
  | 'forward'
  | 'consult'
  | 'consult_reply'
  | 'transfer'
  | 'receive_back'
  | 'return_to_step'
  | 'submit_for_approval'
  | 'approve'
  | 'send_back'
  | 'sign'
  | 'issue_result'
  | 'return_result'
  | 'withdraw'
  | 'stop'
  | 'resume'
  | 'request_fee'
  | 'record_payment'
  | 'extend';

export interface ActionResult {
  id: number;
  code: string;
  status: string;
  revision: number;
}

export interface ProcedureHit {
  code: string;
  name: string;
  field: string;
  onlineLevel: 'full' | 'partial' | 'none';
  channels: Array<{ channel: string; timeLimit: { value: number | null; unit: string | null; text: string | null }; fee: { amount: number | null; currency: string | null; text: string | null } }>;
}

export interface ProcedureComponent {
  key: string;
  name: string;
  form: string | null;
  originals: number;
  copies: number;
  note: string | null;
  required: boolean;
}

export interface Procedure extends ProcedureHit {
  components: ProcedureComponent[];
  componentNotes: string[];
  results: Array<{ name: string; code: string | null }>;
  version: number;
  versionId: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  requirements: string | null;
  agency: string | null;
}

export interface DueDatePreview {
  dueAt: string;
  receivedAt: string;
  effectiveReceivedAt: string;
  limit: { value: number; unit: string };
  unit: { code: string; name: string };
  calendar: { daysOff: Array<{ date: string; kind: string; name: Msg }>; warnings: Msg[] };
}

export interface Official {
  id: number;
  fullName: string;
  roles: Array<{ role: Role; roleName: Msg; officeCode: string | null; officeName: string | null }>;
}

export interface OfficeRef {
  id: number;
  code: string;
  name: string;
  kind: string;
}

export interface UnitSummary {
  code: string;
  name: string;
  kind: 'province' | 'commune' | 'ward' | 'special_zone';
  parentCode: string | null;
  parentName: string | null;
  identifier: string;
  identifierSource: 'derived' | 'official';
  mergedInto: { code: string; name: string } | null;
  mergedAt: string | null;
}

export interface ApplicantLookup {
  idNumber: string;
  kind: 'citizen' | 'organisation';
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  dossierCount: number;
  lastDossier: { code: string; submittedAt: string; unit: string };
}
