// Who may give, take away and manage which roles. A system admin may grant any role in the units they
// cover; a centre admin may grant only the working roles of a service centre, in their own unit. Managing an
// account (profile, password, activation) needs the right to grant every role it holds, so a centre admin can
// never reset the password of another admin or of someone who also works elsewhere.
import type { UnitDirectory } from '../units/directory.js';
import { findGrant, type Actor, type Grant } from './actor.js';
import { WORKING_ROLES, type Role } from './roles.js';

/** The roles a centre admin hands out in their unit. */
export const CENTRE_GRANTABLE: readonly Role[] = WORKING_ROLES;
export const ADMIN_ROLES: readonly Role[] = ['system_admin', 'centre_admin'];

/** The actor's grant that allows granting (or removing) `role` on `unitId`, if any. */
export function grantAuthority(actor: Actor, role: Role, unitId: number, units: UnitDirectory): Grant | undefined {
  return (
    findGrant(actor, ['system_admin'], unitId, units) ??
    (CENTRE_GRANTABLE.includes(role) ? findGrant(actor, ['centre_admin'], unitId, units) : undefined)
  );
}

/**
 * The actor's grant that allows managing an account holding `grants`, if any. An account without grants is
 * visible to no unit, so only a system admin manages it.
 */
export function manageAuthority(
  actor: Actor,
  grants: ReadonlyArray<{ role: Role; unitId: number }>,
  units: UnitDirectory,
): Grant | undefined {
  if (grants.length === 0) return actor.grants.find((g) => g.role === 'system_admin');
  let first: Grant | undefined;
  for (const g of grants) {
    const authority = grantAuthority(actor, g.role, g.unitId, units);
    if (!authority) return undefined;
    first ??= authority;
  }
  return first;
}

/** True when removing `grantId` would leave the account with no admin grant while it had one. */
export function removesLastAdminGrant(grants: ReadonlyArray<{ id: number; role: Role }>, grantId: number): boolean {
  const removed = grants.find((g) => g.id === grantId);
  if (!removed || !ADMIN_ROLES.includes(removed.role)) return false;
  return !grants.some((g) => g.id !== grantId && ADMIN_ROLES.includes(g.role));
}
