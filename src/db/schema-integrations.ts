// Kysely types of the tables of the connections (issue 4): the outbox's deliveries, the national portal,
// population look-ups and data sources, fees and payments, notifications, signatures and federation. The core
// tables and the `DB` interface that lists every table are in schema.ts.
import type { Generated } from 'kysely';
import type { GeneratedTimestamp, Json, Timestamp } from './schema.js';

export interface DeliveriesTable {
  id: Generated<number>;
  event_id: number;
  subscriber: string;
  ordering_key: string | null;
  state: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  leased_until: Timestamp | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  at: Timestamp;
  ok: boolean;
  error: string | null;
  duration_ms: number;
}

export interface InstanceSettingsTable {
  key: string;
  value: Json;
  updated_at: GeneratedTimestamp;
}

export interface NotificationsTable {
  id: Generated<number>;
  dossier_id: number;
  event_id: number;
  event: 'received' | 'supplement_requested' | 'fee_requested' | 'result_ready' | 'extended' | 'rating_invitation';
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  state: Generated<'sending' | 'sent' | 'failed'>;
  provider_message_id: string | null;
  error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface NotificationTemplatesTable {
  unit_id: number;
  event: NotificationsTable['event'];
  channel: 'email' | 'sms';
  subject: string | null;
  body: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface NationalPortalSyncTable {
  dossier_id: number;
  first_synced_at: Timestamp;
  last_synced_at: Timestamp;
  last_national_status: number;
  last_event_id: number;
}

export interface NationalPortalInboundTable {
  portal_submission_id: string;
  dossier_id: number;
  unit_id: number;
  received_at: Timestamp;
  acked_at: Timestamp | null;
}

export interface NationalPortalRunsTable {
  id: Generated<number>;
  kind: 'pull' | 'catalogue';
  started_at: Timestamp;
  finished_at: Timestamp;
  ok: boolean;
  report: Json<Record<string, unknown>>;
  error: string | null;
  actor_id: number | null;
}

export interface ProcedureFeeLinesTable {
  id: Generated<number>;
  unit_id: number;
  procedure_id: number;
  code: string;
  name: string;
  kind: 'fee' | 'charge';
  amount: number;
  active: Generated<boolean>;
  position: Generated<number>;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface DossierFeeLinesTable {
  id: Generated<number>;
  fee_id: number;
  position: number;
  code: string;
  name: string;
  kind: 'fee' | 'charge';
  amount: number;
}

export interface PaymentAccountsTable {
  unit_id: number;
  platform_unit: string;
  account_no: string;
  bank_code: string;
  account_name: string;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface PaymentsTable {
  id: Generated<number>;
  dossier_id: number;
  fee_id: number;
  reference: string;
  amount: number;
  state: Generated<'pending' | 'paid' | 'cancelled' | 'refunded'>;
  platform_transaction_id: string | null;
  payment_url: string | null;
  paid_at: Timestamp | null;
  receipt_url: string | null;
  bank_code: string | null;
  last_notification: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentNotificationsTable {
  id: Generated<number>;
  payment_id: number | null;
  reference: string | null;
  transaction_id: string | null;
  amount: number | null;
  platform_state: string | null;
  raw: Json;
  signature_ok: boolean;
  received_at: Timestamp;
  outcome: 'applied' | 'duplicate' | 'late' | 'mismatch' | 'rejected';
  reason: string | null;
  flagged: Generated<boolean>;
}

// 005_population.sql
export interface PopulationLookupsTable {
  id: string;
  account_id: number;
  id_number: string;
  fetched_at: Timestamp;
  data: Json<Record<string, unknown>>;
}

export interface DossierDataSourcesTable {
  dossier_id: number;
  field: string;
  source: 'population_database' | 'entered' | 'reused_document' | 'national_portal' | 'online_form';
  reference: string | null;
  recorded_at: Timestamp;
}

// 009_federation.sql
export interface FederationPeersTable {
  id: Generated<number>;
  name: string;
  base_url: string;
  instance_id: string | null;
  public_key: string;
  key_id: string;
  unit_codes: string[];
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface FederationNoncesTable {
  key_id: string;
  nonce: string;
  seen_at: Timestamp;
}

export interface FederationOutboundTable {
  transfer_id: number;
  peer_id: number;
  state: 'accepted' | 'refused' | 'returned';
  remote_dossier_code: string | null;
  remote_status: string | null;
  refusal: Json<{ vi: string; en: string }> | null;
  answered_at: Timestamp;
  result_outcome: 'granted' | 'refused' | null;
  result_note: string | null;
  result_at: Timestamp | null;
  result_received_at: Timestamp | null;
}

export interface FederationInboundTable {
  id: Generated<number>;
  peer_id: number;
  origin_instance_id: string;
  origin_transfer_id: number;
  origin_dossier_code: string;
  dossier_id: number;
  callback_url: string | null;
  expected_back_at: Timestamp | null;
  received_at: Timestamp;
  result_sent_at: Timestamp | null;
}

export interface UnitCertificatesTable {
  id: Generated<number>;
  unit_id: number;
  kind: 'pkcs12' | 'remote';
  subject: string;
  common_name: string;
  issuer: string;
  serial: string;
  not_before: Timestamp;
  not_after: Timestamp;
  certificate: Uint8Array;
  /** base64 DER of the issuer certificates, nearest first */
  chain: Json<string[]>;
  fingerprint: string;
  key_sealed: Uint8Array | null;
  remote_user_id: string | null;
  remote_credential_id: string | null;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: GeneratedTimestamp;
  deactivated_at: Timestamp | null;
}

export interface SignedDocumentsTable {
  id: Generated<number>;
  code: string;
  dossier_id: number;
  file_id: string;
  kind: 'result' | 'form';
  form: string | null;
  sha256: string;
  unit_id: number;
  signer_id: number | null;
  signer_role: string;
  certificate_id: number;
  method: 'pkcs12' | 'remote';
  signed_at: Timestamp;
}
