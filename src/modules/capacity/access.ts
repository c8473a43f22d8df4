// Who may see whose capacity data (capacity.md item 21): an official sees their own; a leader of a unit
// (unit leader, head of office, centre admin) sees that unit's officials; the province sees aggregates only,
// never a name. Every capacity route goes through one of these checks.
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../errors.js';
import { findGrant, requireGrant, type Actor, type Grant } from '../people/actor.js';
import { WORKING_ROLES, type Role } from '../people/roles.js';
import type { UnitInfo } from '../units/directory.js';

/** See every official of their unit, with names. */
export const CAPACITY_LEADERS: readonly Role[] = ['unit_leader', 'head_of_office', 'centre_admin'];
/** Also edit: positions and frameworks, training, the yearly plan, weights. */
export const CAPACITY_ADMINS: readonly Role[] = ['unit_leader', 'centre_admin'];
/** See aggregates (counts, rates, no names) of the communes they cover. */
export const CAPACITY_AGGREGATE_READERS: readonly Role[] = ['province_viewer'];
/** The roles that make someone an official of a unit for capacity purposes. */
export const STAFF_ROLES: readonly Role[] = [...WORKING_ROLES, 'centre_admin'];

export type CapacityScope =
  | { kind: 'unit'; unit: UnitInfo; unitIds: number[]; grant: Grant }
  | { kind: 'aggregate'; unit: UnitInfo; unitIds: number[] };

export function unitByCode(ctx: AppContext, code: string): UnitInfo {
  const unit = ctx.units.byCode(code);
  if (!unit) throw notFound({ vi: `đơn vị có mã ${code}`, en: `unit with code ${code}` });
  return unit;
}

/**
 * What the actor may read of a unit: named data of a commune they lead, or aggregates of the communes a
 * province viewer covers (a province code means all its communes). Anything else is a bilingual 403.
 */
export function capacityScope(ctx: AppContext, actor: Actor, unitCode: string): CapacityScope {
  const unit = unitByCode(ctx, unitCode);
  const unitIds = ctx.units.covered(unit.id);
  if (unit.kind !== 'province') {
    const grant = findGrant(actor, CAPACITY_LEADERS, unit.id, ctx.units);
    if (grant) return { kind: 'unit', unit, unitIds, grant };
  }
  if (findGrant(actor, CAPACITY_AGGREGATE_READERS, unit.id, ctx.units)) return { kind: 'aggregate', unit, unitIds };
  throw forbidden({
    vi: `Chỉ lãnh đạo đơn vị xem được năng lực cán bộ của ${unit.name}; cấp tỉnh chỉ xem số liệu tổng hợp.`,
    en: `Only the unit's leaders may see the capacity of ${unit.name}'s officials; the province sees aggregates only.`,
  });
}

/** A commune's leader (named data of that unit), or 403. */
export function requireUnitLeader(ctx: AppContext, actor: Actor, unitId: number): Grant {
  return requireGrant(actor, CAPACITY_LEADERS, unitId, ctx.units);
}

/** Someone who edits a unit's positions, training and plan, or 403. */
export function requireCapacityAdmin(ctx: AppContext, actor: Actor, unitId: number): Grant {
  return requireGrant(actor, CAPACITY_ADMINS, unitId, ctx.units);
}

/** The units where an official works (their staff grants), first the lowest id. */
export async function officialUnits(ctx: AppContext, accountId: number): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('role_grants')
    .select('unit_id')
    .distinct()
    .where('account_id', '=', accountId)
    .where('role', 'in', STAFF_ROLES as Role[])
    .orderBy('unit_id')
    .execute();
  return rows.map((r) => r.unit_id);
}

/**
 * May the actor see this official's personal capacity data? Yes for themselves and for a leader of a unit the
 * official works in; a province viewer or a leader elsewhere gets a 403, an unknown account a 404.
 * Returns the unit the data is read for (the leader's, or the official's first).
 */
export async function requireOfficialAccess(ctx: AppContext, actor: Actor, accountId: number): Promise<{ unitId: number; self: boolean }> {
  const exists = await ctx.db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
  if (!exists) throw notFound({ vi: `cán bộ số ${accountId}`, en: `official ${accountId}` });
  const units = await officialUnits(ctx, accountId);
  if (accountId === actor.accountId) return { unitId: units[0] ?? 0, self: true };
  const led = units.find((u) => findGrant(actor, CAPACITY_LEADERS, u, ctx.units));
  if (led === undefined) {
    throw forbidden({
      vi: 'Bạn chỉ xem được dữ liệu năng lực của chính mình hoặc của cán bộ đơn vị mình lãnh đạo.',
      en: 'You may see only your own capacity data or that of officials in a unit you lead.',
    });
  }
  return { unitId: led, self: false };
}

/** Whether an account is one of the unit's officials (holds a staff role there). */
export async function isOfficialOf(ctx: AppContext, accountId: number, unitId: number): Promise<boolean> {
  const row = await sql<{ n: number }>`
    select count(*)::int as n from role_grants
    where account_id = ${accountId} and unit_id = ${unitId} and role in (${sql.join(STAFF_ROLES as Role[])})`.execute(ctx.db);
  return (row.rows[0]?.n ?? 0) > 0;
}
