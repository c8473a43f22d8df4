// Plain input types shared by every form. Renderers take these and nothing else:
// no database rows, no clock, no process time zone.

/** Issuing unit printed in the top-left block and used as the PDF author. */
export interface UnitHeader {
  /** Unit that issues the form, in normal case, e.g. "Trung tâm Phục vụ hành chính công". */
  unitName: string;
  /** Governing body printed above the unit, e.g. "UBND xã Vinh Lộc". */
  parentName?: string;
  /** Place name for the date line, e.g. "Vinh Lộc". */
  placeName: string;
}

/** Fields every form has. */
export interface FormBase {
  unit: UnitHeader;
  /** Date for the "<place>, ngày … tháng … năm …" line; left blank for hand filling when absent. */
  issuedAt?: Date;
}

export interface Applicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** Statutory time limit of a procedure (thời gian giải quyết theo quy định). */
export type TimeLimit =
  | { kind: 'working-days' | 'days' | 'working-hours'; amount: number }
  | { kind: 'same-day' };

/** Result of a step or a dossier against its deadline: trước hạn / đúng hạn / quá hạn. */
export type Timeliness = 'early' | 'on-time' | 'late';

export const TIMELINESS_LABELS: Readonly<Record<Timeliness, string>> = {
  early: 'Trước hạn',
  'on-time': 'Đúng hạn',
  late: 'Quá hạn',
};
