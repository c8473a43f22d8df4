// The practice API's shapes (/api/capacity/practice, capacity-api.md section 3) and small helpers.
import type { Msg } from '../../../api';

export type Problem = 'missing_component' | 'wrong_fee' | 'due_across_tet' | 'needs_original' | 'refusal_ground';
export type Decision = 'receive' | 'request_supplement' | 'refuse';

export interface Scenario {
  id: number;
  code: string;
  title: Msg;
  brief: Msg;
  procedure: { code: string; name: string; field: string };
  level: number;
  problems: Problem[];
  timeTargetMinutes: number;
  attempts: number;
  best: number | null;
  openAttemptId: number | null;
}

export interface BreakdownItem {
  item: 'decision' | 'missing' | 'originals' | 'fee' | 'due_date' | 'time';
  label: Msg;
  points: number;
  max: number;
  detail: Msg;
}

export interface Attempt {
  id: number;
  scenario: {
    id: number;
    code: string;
    title: Msg;
    brief: Msg;
    level: number;
    timeTargetMinutes: number;
    procedure: { code: string; name: string; field: string };
    limitBasis: Msg | null;
  };
  official: { id: number; fullName: string };
  unit: { code: string; name: string };
  dossier: { id: number; code: string; status: string } | null;
  startedAt: string;
  finishedAt: string | null;
  guidance: Array<{ step: number; vi: string; en: string }>;
  score: number | null;
  breakdown: BreakdownItem[] | null;
  decision: Decision | null;
  answers: { fee?: number | null; dueDate?: string | null; originals?: string[]; note?: string } | null;
  components: Array<{ key: string; name: string; originals: number; required: boolean; provided: boolean }> | null;
  expected: {
    decision: Decision;
    missing: Array<{ key: string; name: string }>;
    originals: Array<{ key: string; name: string }>;
    refusal: Msg | null;
  } | null;
}

export const attemptPath = (id: number) => `/can-bo/thuc-hanh/${id}`;
export const dossierPath = (code: string) => `/can-bo/ho-so/${encodeURIComponent(code)}`;
export const PRACTICE_LEADERS = ['unit_leader', 'head_of_office', 'centre_admin'] as const;
