// Who is asking, and for which units. Every route that touches unit data calls one of these checks.
import { forbidden } from '../../errors.js';
import type { UnitDirectory } from '../units/directory.js';
import type { Role } from './roles.js';

export interface Grant {
  role: Role;
  unitId: number;
  officeId: number | null;
}

export interface Actor {
  accountId: number;
  username: string;
  fullName: string;
  locale: 'vi' | 'en';
  grants: Grant[];
  csrfToken: string;
}

/** The grant that lets `actor` act as one of `roles` on `unitId`, if any. */
export function findGrant(actor: Actor, roles: readonly Role[], unitId: number, units: UnitDirectory): Grant | undefined {
  return actor.grants.find((g) => roles.includes(g.role) && units.covers(g.unitId, unitId));
}

export function requireGrant(actor: Actor, roles: readonly Role[], unitId: number, units: UnitDirectory): Grant {
  const g = findGrant(actor, roles, unitId, units);
  if (!g) {
    const unit = units.byId(unitId);
    throw forbidden({
      vi: `Bạn không có quyền (${roles.join(', ')}) tại đơn vị ${unit?.name ?? unitId}.`,
      en: `You have no ${roles.join(' / ')} role for unit ${unit?.name ?? unitId}.`,
    });
  }
  return g;
}

/** Ids of every unit where the actor holds one of `roles` (expanded to communes and merged units). */
export function unitsWithRole(actor: Actor, roles: readonly Role[], units: UnitDirectory): number[] {
  const ids = new Set<number>();
  for (const g of actor.grants) if (roles.includes(g.role)) for (const id of units.covered(g.unitId)) ids.add(id);
  return [...ids];
}

export function rolesAt(actor: Actor, unitId: number, units: UnitDirectory): Role[] {
  return [...new Set(actor.grants.filter((g) => units.covers(g.unitId, unitId)).map((g) => g.role))];
}
