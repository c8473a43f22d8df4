// The rules behind positions, profiles and gaps as plain functions over plain data: a certificate's status on a
// day, the gap between a required and a held level, a unit's heat map and the fields at risk, and who covers a
// field when someone is away. No SQL, no clock: `today` is passed in.
import { formatLocalDate as viDate } from '../../calendar/time.js';
import type { Msg } from '../../../errors.js';
import { dayNumber, type LocalDate } from '../../calendar/time.js';
import { COMPETENT_LEVEL, MIN_COMPETENT } from '../levels.js';

/** A certificate expiring within this many days is flagged "expiring" and raises an alert. */
export const EXPIRING_DAYS = 60;

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'revoked';

/**
 * A certificate's status on `today`. The expiry date is the last day it is valid, so it expires the day after;
 * daysLeft counts the days from today to the expiry date (0 on the last valid day, negative once expired).
 */
export function certificateStatus(
  c: { expiresOn: LocalDate | null; revoked: boolean },
  today: LocalDate,
  expiringDays = EXPIRING_DAYS,
): { status: CertificateStatus; daysLeft: number | null } {
  const daysLeft = c.expiresOn === null ? null : dayNumber(c.expiresOn) - dayNumber(today);
  if (c.revoked) return { status: 'revoked', daysLeft: null };
  if (daysLeft === null) return { status: 'valid', daysLeft };
  if (daysLeft < 0) return { status: 'expired', daysLeft };
  if (daysLeft <= expiringDays) return { status: 'expiring', daysLeft };
  return { status: 'valid', daysLeft };
}

export interface CertificateForAlert {
  id: number;
  kind: string;
  name: string;
  issuedOn: LocalDate;
  expiresOn: LocalDate | null;
  competencyId: number | null;
  revoked: boolean;
}

/**
 * A certificate renewed by a later one (same kind, and the same competency or the same name, not revoked, valid
 * at least as long) no longer raises an alert: the official already did what the alert would ask.
 */
export function isSuperseded(c: CertificateForAlert, all: readonly CertificateForAlert[]): boolean {
  return all.some(
    (n) =>
      n.id !== c.id &&
      !n.revoked &&
      n.kind === c.kind &&
      (c.competencyId !== null ? n.competencyId === c.competencyId : n.name === c.name) &&
      n.issuedOn > c.issuedOn &&
      (n.expiresOn === null || (c.expiresOn !== null && n.expiresOn > c.expiresOn)),
  );
}

export interface CertificateAlert {
  kind: 'certificate_expiring' | 'certificate_expired';
  certificateId: number;
  message: Msg;
}


/** Alerts for the certificates that expire within EXPIRING_DAYS or have expired, unless renewed. */
export function certificateAlerts(certs: readonly CertificateForAlert[], today: LocalDate): CertificateAlert[] {
  const out: CertificateAlert[] = [];
  for (const c of certs) {
    const { status, daysLeft } = certificateStatus(c, today);
    if ((status !== 'expiring' && status !== 'expired') || isSuperseded(c, certs)) continue;
    const on = viDate(c.expiresOn!);
    out.push(
      status === 'expiring'
        ? {
            kind: 'certificate_expiring',
            certificateId: c.id,
            message: {
              vi: `Chứng chỉ "${c.name}" hết hạn ngày ${on} (còn ${daysLeft} ngày): cần gia hạn hoặc học lại.`,
              en: `Certificate "${c.name}" expires on ${on} (${daysLeft} days left): renew it or retake the course.`,
            },
          }
        : {
            kind: 'certificate_expired',
            certificateId: c.id,
            message: {
              vi: `Chứng chỉ "${c.name}" đã hết hạn từ ngày ${on}.`,
              en: `Certificate "${c.name}" expired on ${on}.`,
            },
          },
    );
  }
  return out.sort((a, b) => (a.kind === b.kind ? a.certificateId - b.certificateId : a.kind === 'certificate_expired' ? -1 : 1));
}

export const gapOf = (required: number | null, held: number): number => (required === null ? 0 : Math.max(0, required - held));

// ---- the heat map ------------------------------------------------------------------------------------------

export interface GapInput {
  officials: Array<{ id: number; fullName: string; position: { id: number; name: string } | null }>;
  positions: Array<{ id: number; name: string; requirements: Array<{ competencyId: number; requiredLevel: number }> }>;
  /** Every competency that may appear, by id. */
  competencies: Map<number, { id: number; code: string; name: Msg; kind: string; field: string | null; sort: number }>;
  /** account → competency → held level. */
  held: Map<number, Map<number, number>>;
  /** The field competencies of fields with dossiers in the unit in the last 12 months. */
  activeFieldCompetencies: number[];
}

export interface GapCell {
  competencyId: number;
  required: number | null;
  held: number;
  gap: number;
}

export interface RiskRow {
  competencyId: number;
  field: string | null;
  name: Msg;
  competent: number;
  officials: Array<{ id: number; fullName: string; level: number }>;
}

const KIND_ORDER: Record<string, number> = { field: 0, digital: 1, communication: 2, management: 3 };

export function unitGaps(input: GapInput) {
  const levelOf = (accountId: number, competencyId: number) => input.held.get(accountId)?.get(competencyId) ?? 0;
  const reqByPosition = new Map(input.positions.map((p) => [p.id, new Map(p.requirements.map((r) => [r.competencyId, r.requiredLevel]))]));
  const columnIds = new Set(input.positions.flatMap((p) => p.requirements.map((r) => r.competencyId)));
  const columns = [...columnIds]
    .map((id) => input.competencies.get(id))
    .filter((c): c is NonNullable<typeof c> => !!c)
    .sort((a, b) => (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.sort - b.sort || a.code.localeCompare(b.code));

  const officials = input.officials.map((o) => {
    const reqs = o.position ? reqByPosition.get(o.position.id) : undefined;
    const cells: GapCell[] = columns.map((c) => {
      const required = reqs?.get(c.id) ?? null;
      const held = levelOf(o.id, c.id);
      return { competencyId: c.id, required, held, gap: gapOf(required, held) };
    });
    return { id: o.id, fullName: o.fullName, position: o.position ? { id: o.position.id, name: o.position.name } : null, cells };
  });

  const positions = input.positions.map((p) => {
    const holders = input.officials.filter((o) => o.position?.id === p.id);
    return {
      id: p.id,
      name: p.name,
      holders: holders.length,
      competencies: p.requirements.map((r) => {
        const levels = holders.map((h) => levelOf(h.id, r.competencyId));
        return {
          competencyId: r.competencyId,
          required: r.requiredLevel,
          minHeld: levels.length ? Math.min(...levels) : null,
          avgHeld: levels.length ? Math.round((levels.reduce((s, l) => s + l, 0) / levels.length) * 100) / 100 : null,
          withGap: levels.filter((l) => l < r.requiredLevel).length,
        };
      }),
    };
  });

  // A field is at risk when it matters to the unit (a position requires it, or its dossiers arrive here)
  // and fewer than MIN_COMPETENT officials can take its dossiers alone.
  const fieldIds = new Set([...columns.filter((c) => c.kind === 'field').map((c) => c.id), ...input.activeFieldCompetencies]);
  const risks: RiskRow[] = [];
  for (const id of fieldIds) {
    const c = input.competencies.get(id);
    if (!c) continue;
    const holders = input.officials
      .map((o) => ({ id: o.id, fullName: o.fullName, level: levelOf(o.id, id) }))
      .filter((o) => o.level > 0)
      .sort((a, b) => b.level - a.level || a.fullName.localeCompare(b.fullName, 'vi'));
    const competent = holders.filter((h) => h.level >= COMPETENT_LEVEL).length;
    if (competent < MIN_COMPETENT) risks.push({ competencyId: id, field: c.field, name: c.name, competent, officials: holders });
  }
  risks.sort((a, b) => a.competent - b.competent || (a.field ?? '').localeCompare(b.field ?? '', 'vi'));

  const gapCells = officials.reduce((n, o) => n + o.cells.filter((c) => c.gap > 0).length, 0);
  return {
    competencies: columns.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, field: c.field })),
    officials,
    positions,
    risks,
    summary: {
      officials: officials.length,
      withGap: officials.filter((o) => o.cells.some((c) => c.gap > 0)).length,
      gapCells,
      riskFields: risks.length,
    },
  };
}

// ---- cover -------------------------------------------------------------------------------------------------

export interface CoverCandidate {
  id: number;
  fullName: string;
  level: number;
  openDossiers: number;
}

/** Best cover first: the highest held level, then the lighter current load, then by name. */
export function rankCover<T extends CoverCandidate>(candidates: readonly T[]): T[] {
  return candidates
    .filter((c) => c.level >= 1)
    .sort((a, b) => b.level - a.level || a.openDossiers - b.openDossiers || a.fullName.localeCompare(b.fullName, 'vi') || a.id - b.id);
}

export function coverMessage(field: string, absentName: string, competent: number, candidates: number): Msg {
  if (competent >= 1) {
    return {
      vi: `${competent} cán bộ đủ năng lực (mức ${COMPETENT_LEVEL} trở lên) có thể thay ${absentName} giải quyết hồ sơ lĩnh vực ${field}.`,
      en: `${competent} competent official(s) (level ${COMPETENT_LEVEL} or above) can handle ${field} dossiers while ${absentName} is away.`,
    };
  }
  return {
    vi: `Rủi ro: khi ${absentName} vắng, không còn cán bộ nào đủ năng lực lĩnh vực ${field}${candidates ? ` (${candidates} cán bộ mới ở mức 1, cần người hướng dẫn)` : ''}. Cần bồi dưỡng thêm người.`,
    en: `Risk: with ${absentName} away, no competent official remains for ${field}${candidates ? ` (${candidates} at level 1 only, needing guidance)` : ''}. Train someone else.`,
  };
}
