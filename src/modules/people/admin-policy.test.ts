import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { UnitDirectory } from '../units/directory.js';
import type { Actor } from './actor.js';
import { grantAuthority, manageAuthority, removesLastAdminGrant } from './admin-policy.js';
import { ROLES, type Role } from './roles.js';

// Province 1 with communes 11, 12 and 13; 13 merged into 11. Province 2 with commune 21.
const ROWS = [
  { id: 1, code: '46', kind: 'province', name: 'P1', parent_id: null, merged_into_id: null, identifier: 'a' },
  { id: 11, code: '20122', kind: 'commune', name: 'C11', parent_id: 1, merged_into_id: null, identifier: 'b' },
  { id: 12, code: '19942', kind: 'commune', name: 'C12', parent_id: 1, merged_into_id: null, identifier: 'c' },
  { id: 13, code: '19885', kind: 'commune', name: 'C13', parent_id: 1, merged_into_id: 11, identifier: 'd' },
  { id: 2, code: '01', kind: 'province', name: 'P2', parent_id: null, merged_into_id: null, identifier: 'e' },
  { id: 21, code: '00004', kind: 'commune', name: 'C21', parent_id: 2, merged_into_id: null, identifier: 'f' },
];
const fakeDb = { selectFrom: () => ({ select: () => ({ execute: async () => ROWS }) }) } as unknown as Kysely<DB>;
const units = new UnitDirectory(fakeDb);
beforeAll(async () => {
  await units.ready();
});

const actor = (...grants: Array<[Role, number]>): Actor => ({
  accountId: 1,
  username: 'a',
  fullName: 'A',
  locale: 'vi',
  csrfToken: 'x',
  grants: grants.map(([role, unitId]) => ({ role, unitId, officeId: null })),
});

const WORKING: Role[] = ['receiving_officer', 'specialist', 'head_of_office', 'unit_leader', 'clerk'];

describe('grantAuthority', () => {
  const centre = actor(['centre_admin', 11]);
  const system = actor(['system_admin', 1]);

  it.each(ROLES.map((r) => [r]))('centre admin of commune 11 and role %s', (role) => {
    expect(grantAuthority(centre, role, 11, units)?.role).toBe(WORKING.includes(role) ? 'centre_admin' : undefined);
    expect(grantAuthority(centre, role, 12, units)).toBeUndefined();
    expect(grantAuthority(centre, role, 1, units)).toBeUndefined();
  });

  it('lets the centre admin of the successor grant in the merged commune', () => {
    expect(grantAuthority(centre, 'clerk', 13, units)?.role).toBe('centre_admin');
  });

  it.each(ROLES.map((r) => [r]))('system admin of province 1 and role %s', (role) => {
    for (const unit of [1, 11, 12, 13]) expect(grantAuthority(system, role, unit, units)?.role).toBe('system_admin');
    expect(grantAuthority(system, role, 21, units)).toBeUndefined();
    expect(grantAuthority(system, role, 2, units)).toBeUndefined();
  });

  it('gives nothing to officials without an admin role', () => {
    for (const role of ROLES) expect(grantAuthority(actor(['unit_leader', 11], ['province_viewer', 1]), role, 11, units)).toBeUndefined();
  });
});

describe('manageAuthority', () => {
  const centre = actor(['centre_admin', 11]);
  it.each<[string, Array<{ role: Role; unitId: number }>, Role | undefined]>([
    ['a specialist of the commune', [{ role: 'specialist', unitId: 11 }], 'centre_admin'],
    ['an official of the commune and of the merged one', [{ role: 'clerk', unitId: 11 }, { role: 'clerk', unitId: 13 }], 'centre_admin'],
    ['an official who also works in another commune', [{ role: 'clerk', unitId: 11 }, { role: 'clerk', unitId: 12 }], undefined],
    ['another centre admin of the commune', [{ role: 'centre_admin', unitId: 11 }], undefined],
    ['the system admin holding a clerk role here', [{ role: 'clerk', unitId: 11 }, { role: 'system_admin', unitId: 1 }], undefined],
    ['an account without grants', [], undefined],
  ])('centre admin managing %s', (_, grants, expected) => {
    expect(manageAuthority(centre, grants, units)?.role).toBe(expected);
  });

  it('lets a system admin manage an account without grants', () => {
    expect(manageAuthority(actor(['system_admin', 2]), [], units)?.role).toBe('system_admin');
  });
});

describe('removesLastAdminGrant', () => {
  it.each<[string, Array<{ id: number; role: Role }>, number, boolean]>([
    ['the only admin grant', [{ id: 1, role: 'system_admin' }, { id: 2, role: 'clerk' }], 1, true],
    ['one of two admin grants', [{ id: 1, role: 'system_admin' }, { id: 2, role: 'centre_admin' }], 1, false],
    ['a working role', [{ id: 1, role: 'centre_admin' }, { id: 2, role: 'clerk' }], 2, false],
    ['an unknown grant', [{ id: 1, role: 'centre_admin' }], 9, false],
  ])('%s', (_, grants, id, expected) => {
    expect(removesLastAdminGrant(grants, id)).toBe(expected);
  });
});
