// Who may see a dossier, and how much of the applicant's personal data.
import type { DossierRow } from '../../db/schema.js';
import type { Actor } from '../people/actor.js';
import { findGrant } from '../people/actor.js';
import { DOSSIER_READERS, type Role } from '../people/roles.js';
import type { UnitDirectory } from '../units/directory.js';

/** Roles that work with the applicant and need the full ID number and phone. */
const PERSONAL_DATA_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'head_of_office', 'unit_leader', 'clerk'];

/** Who oversees a unit's practice dossiers (capacity/access.ts CAPACITY_LEADERS), besides the official practising. */
const PRACTICE_OVERSEERS: readonly Role[] = ['unit_leader', 'head_of_office', 'centre_admin'];

type PracticeMark = Partial<Pick<DossierRow, 'is_practice' | 'receiver_id' | 'source'>>;

/** A practice attempt's dossier (capacity/practice): its receiver is the official practising. */
const ofAttempt = (row: PracticeMark) => !!row.is_practice && row.source === 'practice';

export function canRead(actor: Actor, row: Pick<DossierRow, 'unit_id' | 'handling_unit_id'> & PracticeMark, units: UnitDirectory): boolean {
  // A practice attempt's dossier is the practising official's and their leaders' only.
  if (ofAttempt(row)) return row.receiver_id === actor.accountId || !!findGrant(actor, PRACTICE_OVERSEERS, row.unit_id, units);
  return !!(findGrant(actor, DOSSIER_READERS, row.unit_id, units) ?? findGrant(actor, DOSSIER_READERS, row.handling_unit_id, units));
}

/**
 * The roles someone acts with on a dossier. On a practice attempt's dossier only the official practising acts, and they
 * practise the desk's work whatever their own role (a specialist learning intake); a leader only looks.
 */
export function actingRoles(actor: Actor, row: PracticeMark, roles: Role[]): Role[] {
  if (!ofAttempt(row)) return roles;
  return row.receiver_id === actor.accountId ? [...new Set<Role>([...roles, 'receiving_officer'])] : [];
}

export function seesPersonalData(actor: Actor, row: Pick<DossierRow, 'unit_id' | 'handling_unit_id'>, units: UnitDirectory): boolean {
  return !!(findGrant(actor, PERSONAL_DATA_ROLES, row.unit_id, units) ?? findGrant(actor, PERSONAL_DATA_ROLES, row.handling_unit_id, units));
}

/** "Nguyễn Thị Hương" → "N***** T** H****": enough for the applicant to recognise, nothing for anyone else. */
export function maskName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .split(/\s+/)
    .map((w) => {
      const letters = [...w];
      return letters[0] + '*'.repeat(Math.max(letters.length - 1, 1));
    })
    .join(' ');
}

export function maskIdNumber(id: string | null): string | null {
  return id ? `${'*'.repeat(8)}${id.slice(-4)}` : null;
}

export function maskPhone(phone: string | null): string | null {
  return phone ? `${phone.slice(0, 3)}****${phone.slice(-3)}` : null;
}
