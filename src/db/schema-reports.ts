// Kysely types of the reporting tables (issue 5): the stored facts per dossier and the day-by-day counts the
// triggers of 010_reports.sql keep, and feedback (PAKN, 011_feedback.sql). Dates ('date' columns) are 'YYYY-MM-DD'.
import type { Generated } from 'kysely';
import type { Timestamp } from './schema.js';

export type FactOutcome = 'early' | 'on_time' | 'late' | 'refused' | 'withdrawn';

/** Written only by the triggers (report_refresh) and by a rebuild. */
export interface ReportFactsTable {
  dossier_id: number;
  unit_id: number;
  field: string;
  procedure_id: number;
  channel: string;
  official_id: number;
  received_at: Timestamp | null;
  done_at: Timestamp | null;
  due_at: Timestamp | null;
  outcome: FactOutcome | null;
  result_refused: boolean;
  returned_at: Timestamp | null;
  fee_bearing: boolean;
  paid_online: boolean;
  e_result: boolean;
  digitised: boolean;
  reused: boolean;
  population_used: boolean;
  synced: boolean;
  rated_at: Timestamp | null;
  satisfied: boolean | null;
}

/** The counts shared by report_daily, report_monthly and report_daily_unit. */
export interface DailyCounts {
  received: number;
  received_online: number;
  received_on_time: number;
  received_ended: number;
  fee_bearing: number;
  paid_online: number;
  e_result: number;
  e_result_synced: number;
  digitised: number;
  reused: number;
  population_used: number;
  synced: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  result_refused: number;
  refused: number;
  withdrawn: number;
  returned: number;
  rated: number;
  satisfied: number;
}

export interface ReportDailyTable extends DailyCounts {
  unit_id: number;
  day: string;
  field: string;
  procedure_id: number;
  channel: string;
  official_id: number;
}

export interface ReportMonthlyTable extends DailyCounts {
  unit_id: number;
  /** The month's first day. */
  month: string;
  field: string;
  procedure_id: number;
  channel: string;
  official_id: number;
}

export interface ReportDailyUnitTable extends DailyCounts {
  unit_id: number;
  day: string;
}

export interface FeedbackTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  kind: 'complaint' | 'suggestion';
  channel: 'online' | 'counter' | 'phone' | 'mail' | 'national_portal';
  dossier_id: number | null;
  subject: string;
  content: string;
  sender_name: string;
  sender_phone: string | null;
  sender_email: string | null;
  received_at: Timestamp;
  due_at: Timestamp;
  received_by: number | null;
  assignee_id: number | null;
  assigned_at: Timestamp | null;
  answer: string | null;
  answered_by: number | null;
  answered_at: Timestamp | null;
  satisfied: boolean | null;
  rated_at: Timestamp | null;
  revision: Generated<number>;
}
