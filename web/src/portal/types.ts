// Shapes of the public API the portal reads (src/modules/catalogue/schema.ts, portal/, dossiers/routes.ts).
import type { Msg } from '../api';

export type ChannelName = 'counter' | 'online' | 'postal';
export type OnlineLevel = 'full' | 'partial' | 'none';

export interface TimeLimit {
  value: number | null;
  unit: 'working_day' | 'day' | 'hour' | 'same_day' | null;
  text: string | null;
}

export interface Fee {
  amount: number | null;
  currency: string | null;
  text: string | null;
}

export interface Channel {
  channel: ChannelName;
  timeLimit: TimeLimit;
  fee: Fee;
  description?: string | null;
}

export interface ProcedureHit {
  code: string;
  name: string;
  field: string;
  onlineLevel: OnlineLevel;
  channels: Channel[];
}

export interface Component {
  key: string;
  name: string;
  form: string | null;
  originals: number;
  copies: number;
  note: string | null;
  required: boolean;
}

export interface Procedure extends ProcedureHit {
  ministry: string | null;
  decision: string | null;
  applicants: string | null;
  agency: string | null;
  components: Component[];
  componentNotes: string[];
  results: Array<{ name: string; code: string | null }>;
  legalBasis: Array<{ number: string; title: string | null }>;
  steps: string | null;
  requirements: string | null;
  source: string | null;
  effectiveFrom: string;
}

export interface PublicUnit {
  code: string;
  name: string;
  kind: 'commune' | 'ward' | 'special_zone';
  province: { code: string; name: string } | null;
}

export interface Submitted {
  code: string;
  status: string;
  submittedAt: string;
  statusUrl: string;
}

export interface MissingItem {
  key: string;
  name: string;
  requirement: string | null;
}

export interface PublicDossier {
  code: string;
  status: string;
  statusName: Msg;
  nationalStatus: number;
  nationalStatusName: Msg;
  procedure: { code: string; name: string };
  unit: string;
  handlingUnit: string;
  applicantName: string;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  pause: { kind: 'supplement' | 'fee' | 'stop'; reason: string; since: string } | null;
  missing: MissingItem[];
  rated: boolean;
}

export interface RatingForm {
  scaleVersion: string;
  levels: Array<{ key: 'very_satisfied' | 'satisfied' | 'unsatisfied'; name: Msg }>;
  criteria: Array<{ key: string; name: Msg }>;
}

/** What a citizen proves a dossier is theirs with: one of the two, as given at submission. */
export interface Verify {
  idNumber?: string;
  phone?: string;
}
