// Kysely types of the staff-capacity tables (issue 6, 012_capacity.sql). Dates ('date' columns) are
// 'YYYY-MM-DD' strings; numeric columns arrive as numbers (see connection.ts).
import type { ColumnType, Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from './schema.js';

type Day = string;
type Num = ColumnType<number, number | string, number | string>;

export type CompetencyKind = 'field' | 'digital' | 'communication' | 'management';
export type PositionGroup = 'leadership' | 'professional' | 'support';
export type AssessmentSource = 'self' | 'leader' | 'training' | 'practice' | 'evidence' | 'import';
export type CertificateKind = 'it_basic' | 'digital_skills' | 'state_management' | 'digital_signature' | 'training' | 'professional' | 'other';
export type ContentGroup = 'political' | 'state_management' | 'professional' | 'digital' | 'other';
export type ClassStatus = 'planned' | 'running' | 'closed' | 'cancelled';
export type EnrolmentStatus = 'enrolled' | 'withdrawn' | 'passed' | 'not_passed';

export interface LevelText {
  level: number;
  vi: string;
  en: string;
}

export interface CompetenciesTable {
  id: Generated<number>;
  unit_id: number | null;
  code: string;
  kind: CompetencyKind;
  field: string | null;
  name_vi: string;
  name_en: string;
  description: string | null;
  levels: ColumnType<LevelText[], string | LevelText[] | undefined, string | LevelText[]>;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface JobPositionsTable {
  id: Generated<number>;
  unit_id: number;
  office_id: number | null;
  code: string;
  grp: PositionGroup;
  name: string;
  description: Generated<string>;
  duties: ColumnType<string[], string | string[] | undefined, string | string[]>;
  headcount: Generated<number>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PositionRequirementsTable {
  position_id: number;
  competency_id: number;
  required_level: number;
}

export interface PositionAssignmentsTable {
  id: Generated<number>;
  account_id: number;
  position_id: number;
  started_on: Day;
  ended_on: Day | null;
  note: string | null;
  decided_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface CompetencyAssessmentsTable {
  id: Generated<number>;
  account_id: number;
  unit_id: number;
  competency_id: number;
  level: number;
  source: AssessmentSource;
  suggested_level: number | null;
  decision: 'confirmed' | 'overridden' | null;
  period_from: Day | null;
  period_to: Day | null;
  evidence: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
  note: string | null;
  assessed_by: number | null;
  assessed_at: Timestamp;
}

export interface CertificatesTable {
  id: Generated<number>;
  account_id: number;
  unit_id: number;
  kind: CertificateKind;
  name: string;
  issuer: string;
  issued_on: Day;
  expires_on: Day | null;
  verification_code: string | null;
  competency_id: number | null;
  level: number | null;
  class_id: number | null;
  file_id: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
}

export interface TrainingProgrammesTable {
  id: Generated<number>;
  unit_id: number | null;
  code: string;
  name: string;
  description: Generated<string>;
  content_group: ContentGroup;
  hours: Num;
  certificate_valid_months: number | null;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface ProgrammeCompetenciesTable {
  programme_id: number;
  competency_id: number;
  level: number;
}

export interface TrainingClassesTable {
  id: Generated<number>;
  programme_id: number;
  unit_id: number;
  code: string;
  name: string;
  starts_on: Day;
  ends_on: Day;
  trainer: string;
  place: string | null;
  online: Generated<boolean>;
  capacity: number | null;
  status: Generated<ClassStatus>;
  closed_at: Timestamp | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface ClassSessionsTable {
  id: Generated<number>;
  class_id: number;
  seq: number;
  held_on: Day;
  hours: Num;
  topic: string | null;
}

export interface ClassTestsTable {
  id: Generated<number>;
  class_id: number;
  seq: number;
  name: string;
  held_on: Day | null;
}

export interface EnrolmentsTable {
  class_id: number;
  account_id: number;
  enrolled_at: Timestamp;
  enrolled_by: number | null;
  status: Generated<EnrolmentStatus>;
  result_note: string | null;
  certificate_id: number | null;
}

export interface AttendanceTable {
  session_id: number;
  account_id: number;
  present: boolean;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface TestScoresTable {
  test_id: number;
  account_id: number;
  score: Num;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export interface TrainingPlansTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  status: Generated<'draft' | 'approved'>;
  drafted_at: Timestamp;
  approved_by: number | null;
  approved_at: Timestamp | null;
  note: string | null;
}

export interface TrainingPlanItemsTable {
  id: Generated<number>;
  plan_id: number;
  account_id: number;
  competency_id: number | null;
  programme_id: number | null;
  held_level: number | null;
  required_level: number | null;
  quarter: number | null;
  hours: Num | null;
  origin: 'gap' | 'added';
  status: Generated<'planned' | 'dropped' | 'done'>;
  note: string | null;
  edited_by: number | null;
  edited_at: Timestamp | null;
}

export interface PracticeScenariosTable {
  id: Generated<number>;
  procedure_id: number;
  code: string;
  title_vi: string;
  title_en: string;
  brief_vi: string;
  brief_en: string;
  level: Generated<number>;
  dossier: Json;
  planted: Json;
  expected: Json;
  guidance: Json;
  time_target_minutes: Generated<number>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface PracticeAttemptsTable {
  id: Generated<number>;
  scenario_id: number;
  account_id: number;
  unit_id: number;
  dossier_id: number | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  answers: Json;
  decision: string | null;
  score: Num | null;
  breakdown: Json | null;
}

export interface ProcedureWeightsTable {
  id: Generated<number>;
  unit_id: number | null;
  procedure_id: number;
  weight: Num;
  updated_by: number | null;
  updated_at: GeneratedTimestamp;
}

export interface ReassignmentDecisionsTable {
  id: Generated<number>;
  unit_id: number;
  dossier_id: number;
  from_account_id: number | null;
  to_account_id: number | null;
  suggested: boolean;
  decision: 'accepted' | 'rejected';
  reason: string | null;
  decided_by: number;
  decided_at: Timestamp;
  suggestion: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
}

export interface AppraisalExemptionsTable {
  id: Generated<number>;
  dossier_id: number;
  account_id: number;
  reason: string;
  confirmed_by: number;
  confirmed_at: Timestamp;
}

/** The view evidence_ledger: read only. */
export interface EvidenceLedgerView {
  history_id: number;
  dossier_id: number;
  dossier_code: string;
  unit_id: number;
  account_id: number;
  role: string | null;
  action: string;
  at: Date;
  procedure_id: number;
  field: string;
  spent_minutes: number | null;
  allotted_minutes: number | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
  submitted: boolean;
  sent_back: boolean;
  supplement: boolean;
  late: boolean;
  satisfied: boolean | null;
}

export interface CapacityTables {
  competencies: CompetenciesTable;
  job_positions: JobPositionsTable;
  position_requirements: PositionRequirementsTable;
  position_assignments: PositionAssignmentsTable;
  competency_assessments: CompetencyAssessmentsTable;
  certificates: CertificatesTable;
  training_programmes: TrainingProgrammesTable;
  programme_competencies: ProgrammeCompetenciesTable;
  training_classes: TrainingClassesTable;
  class_sessions: ClassSessionsTable;
  class_tests: ClassTestsTable;
  enrolments: EnrolmentsTable;
  attendance: AttendanceTable;
  test_scores: TestScoresTable;
  training_plans: TrainingPlansTable;
  training_plan_items: TrainingPlanItemsTable;
  practice_scenarios: PracticeScenariosTable;
  practice_attempts: PracticeAttemptsTable;
  procedure_weights: ProcedureWeightsTable;
  reassignment_decisions: ReassignmentDecisionsTable;
  appraisal_exemptions: AppraisalExemptionsTable;
  evidence_ledger: EvidenceLedgerView;
}
