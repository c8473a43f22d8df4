// Row types of the tables in migrations/*.sql, for Kysely. Keep in step with the SQL.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  DeliveriesTable,
  DeliveryAttemptsTable,
  InstanceSettingsTable,
  NotificationsTable,
  NotificationTemplatesTable,
  NationalPortalSyncTable,
  NationalPortalInboundTable,
  NationalPortalRunsTable,
  ProcedureFeeLinesTable,
  DossierFeeLinesTable,
  PaymentAccountsTable,
  PaymentsTable,
  PaymentNotificationsTable,
  PopulationLookupsTable,
  DossierDataSourcesTable,
  FederationPeersTable,
  FederationNoncesTable,
  FederationOutboundTable,
  FederationInboundTable,
  UnitCertificatesTable,
  SignedDocumentsTable,
} from './schema-integrations.js';
import type { CapacityTables } from './schema-capacity.js';
import type { FeedbackTable, ReportDailyTable, ReportDailyUnitTable, ReportFactsTable, ReportMonthlyTable } from './schema-reports.js';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  kind: 'province' | 'commune' | 'ward' | 'special_zone';
  name: string;
  parent_id: number | null;
  identifier: string;
  identifier_source: Generated<'derived' | 'official'>;
  merged_into_id: number | null;
  merged_at: Timestamp | null;
  office_hours: Json | null;
  created_at: GeneratedTimestamp;
}

export interface OfficesTable {
  id: Generated<number>;
  unit_id: number;
  code: string;
  name: string;
  kind: 'service_centre' | 'office' | 'leadership';
}

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  password_hash: string;
  email: string | null;
  phone: string | null;
  locale: Generated<'vi' | 'en'>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
}

export interface RoleGrantsTable {
  id: Generated<number>;
  account_id: number;
  role: string;
  unit_id: number;
  office_id: number | null;
  granted_at: GeneratedTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  last_seen_at: GeneratedTimestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Timestamp;
  locked_until: Timestamp | null;
}

export interface ProceduresTable {
  id: Generated<number>;
  code: string;
  created_at: GeneratedTimestamp;
}

export interface ProcedureVersionsTable {
  id: Generated<number>;
  procedure_id: number;
  version: number;
  effective_from: Timestamp;
  effective_to: Timestamp | null;
  name: string;
  field: string;
  ministry: string | null;
  decision: string | null;
  levels: Json<string[]>;
  applicants: string | null;
  agency: string | null;
  channels: Json;
  components: Json;
  component_notes: Json<string[]>;
  results: Json;
  legal_basis: Json;
  steps: string | null;
  requirements: string | null;
  online_level: Generated<'full' | 'partial' | 'none'>;
  source: string | null;
  change_note: string | null;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface WorkflowsTable {
  id: Generated<number>;
  procedure_id: number | null;
  unit_id: number | null;
  version: Generated<number>;
  definition: Json;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface CalendarDaysTable {
  id: Generated<number>;
  unit_id: number | null;
  date: string;
  kind: 'holiday' | 'day_off_in_lieu' | 'day_off' | 'working_day';
  name: string;
  name_en: string | null;
  source: string | null;
}

export interface FilesTable {
  id: string;
  sha256: string;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  name: string;
  content: Uint8Array;
  uploaded_by: number | null;
  upload_token_hash: string | null;
  created_at: GeneratedTimestamp;
}

export interface DossiersTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  handling_unit_id: number;
  procedure_id: number;
  procedure_version_id: number;
  workflow_id: number;
  channel: 'counter' | 'online' | 'postal';
  status: string;
  national_status: number;
  step: string | null;
  assignee_id: number | null;
  outcome: 'granted' | 'refused' | null;
  applicant_kind: Generated<'citizen' | 'organisation'>;
  applicant_name: string;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: string | null;
  subject: string | null;
  sets_count: Generated<number>;
  result_delivery: Generated<'counter' | 'postal' | 'online'>;
  limit_value: number;
  limit_unit: 'working_day' | 'day' | 'hour' | 'same_day';
  fee_amount: number | null;
  submitted_at: Timestamp;
  received_at: Timestamp | null;
  clock_started_at: Timestamp | null;
  due_at: Timestamp | null;
  original_due_at: Timestamp | null;
  step_started_at: Timestamp | null;
  step_spent_minutes: Generated<number>;
  paused_at: Timestamp | null;
  signed_at: Timestamp | null;
  resolved_at: Timestamp | null;
  returned_at: Timestamp | null;
  closed_at: Timestamp | null;
  receiver_id: number | null;
  is_practice: Generated<boolean>;
  revision: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  /** Where the dossier came from when MotCua did not receive it itself (migration 004): 'national_portal'. */
  source: string | null;
}

export interface DossierCodeCountersTable {
  unit_id: number;
  day: string;
  last: number;
}

export interface DossierComponentsTable {
  dossier_id: number;
  component_key: string;
  name: string;
  originals: Generated<number>;
  copies: Generated<number>;
  required: boolean;
  provided: Generated<boolean>;
}

export interface DossierFilesTable {
  id: Generated<number>;
  dossier_id: number;
  file_id: string;
  component_key: string | null;
  kind: 'component' | 'supplement' | 'draft_result' | 'result' | 'form';
  added_by: number | null;
  added_at: GeneratedTimestamp;
  /** The earlier dossier of the same applicant this file was reused from (migration 005). */
  reused_from_dossier_id: Generated<number | null>;
}

export interface DossierHistoryTable {
  id: Generated<number>;
  dossier_id: number;
  seq: number;
  action: string;
  actor_id: number | null;
  actor_role: string | null;
  actor_name: string | null;
  at: Timestamp;
  from_status: string | null;
  to_status: string;
  from_step: string | null;
  to_step: string | null;
  note: string | null;
  details: Json<Record<string, unknown>>;
  spent_minutes: number | null;
  allotted_minutes: number | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
}

export interface DossierPausesTable {
  id: Generated<number>;
  dossier_id: number;
  kind: 'supplement' | 'fee' | 'stop';
  reason: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  details: Json<Record<string, unknown>>;
}

export interface DossierConsultationsTable {
  id: Generated<number>;
  dossier_id: number;
  office_id: number;
  question: string;
  asked_by: number | null;
  asked_at: Timestamp;
  due_at: Timestamp;
  answer: string | null;
  answered_by: number | null;
  answered_at: Timestamp | null;
}

export interface DossierTransfersTable {
  id: Generated<number>;
  dossier_id: number;
  from_unit_id: number;
  /** Null only for a unit hosted by a peer instance that this instance's unit directory does not know. */
  to_unit_id: number | null;
  reason: string;
  sent_at: Timestamp;
  due_at: Timestamp | null;
  returned_at: Timestamp | null;
  result_note: string | null;
  /** Set when the target unit is hosted by a peer instance (migration 009). */
  remote_peer_id: number | null;
  remote_unit_code: string | null;
  remote_unit_name: string | null;
}

export interface DossierExtensionsTable {
  dossier_id: number;
  previous_due_at: Timestamp;
  new_due_at: Timestamp;
  reason: string;
  extended_by: number | null;
  extended_at: Timestamp;
}

export interface DossierFeesTable {
  id: Generated<number>;
  dossier_id: number;
  amount: number;
  description: string;
  requested_at: Timestamp;
  paid_at: Timestamp | null;
  receipt_no: string | null;
  method: string | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: Json | null;
  created_at: GeneratedTimestamp;
}

export interface AuditHeadsTable {
  chain: string;
  last_seq: number;
  last_hash: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  chain: string;
  seq: number;
  at: Timestamp;
  actor_id: number | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  dossier_id: number | null;
  payload: Json;
  created_at: GeneratedTimestamp;
  /** When the dispatcher made its deliveries (one per subscriber that wants the event). */
  routed_at: Timestamp | null;
}

export interface RatingsTable {
  dossier_id: number;
  scale_version: string;
  answers: Json<Record<string, string>>;
  satisfied: boolean;
  comment: string | null;
  channel: 'online' | 'kiosk' | 'paper';
  rated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: GeneratedTimestamp;
}

// 006_payments.sql
export interface DB extends CapacityTables {
  units: UnitsTable;
  offices: OfficesTable;
  accounts: AccountsTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
  workflows: WorkflowsTable;
  calendar_days: CalendarDaysTable;
  files: FilesTable;
  dossiers: DossiersTable;
  dossier_code_counters: DossierCodeCountersTable;
  dossier_components: DossierComponentsTable;
  dossier_files: DossierFilesTable;
  dossier_history: DossierHistoryTable;
  dossier_pauses: DossierPausesTable;
  dossier_consultations: DossierConsultationsTable;
  dossier_transfers: DossierTransfersTable;
  dossier_extensions: DossierExtensionsTable;
  dossier_fees: DossierFeesTable;
  procedure_fee_lines: ProcedureFeeLinesTable;
  dossier_fee_lines: DossierFeeLinesTable;
  payment_accounts: PaymentAccountsTable;
  payments: PaymentsTable;
  payment_notifications: PaymentNotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_heads: AuditHeadsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  deliveries: DeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  instance_settings: InstanceSettingsTable;
  ratings: RatingsTable;
  notifications: NotificationsTable;
  notification_templates: NotificationTemplatesTable;
  national_portal_sync: NationalPortalSyncTable;
  national_portal_inbound: NationalPortalInboundTable;
  national_portal_runs: NationalPortalRunsTable;
  population_lookups: PopulationLookupsTable;
  dossier_data_sources: DossierDataSourcesTable;
  federation_peers: FederationPeersTable;
  federation_nonces: FederationNoncesTable;
  federation_outbound: FederationOutboundTable;
  federation_inbound: FederationInboundTable;
  unit_certificates: UnitCertificatesTable;
  signed_documents: SignedDocumentsTable;
  report_facts: ReportFactsTable;
  report_daily: ReportDailyTable;
  report_monthly: ReportMonthlyTable;
  report_daily_unit: ReportDailyUnitTable;
  feedback: FeedbackTable;
  schema_migrations: SchemaMigrationsTable;
}

export type Unit = Selectable<UnitsTable>;
export type Account = Selectable<AccountsTable>;
export type DossierRow = Selectable<DossiersTable>;
export type NewDossierRow = Insertable<DossiersTable>;
export type DossierPatch = Updateable<DossiersTable>;
export type ProcedureVersionRow = Selectable<ProcedureVersionsTable>;
