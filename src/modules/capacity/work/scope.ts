// Who may read the work figures of a unit: a leader of the commune (named, every official), an official of it
// (their own row only), a province viewer (aggregates without names). Everything else is a bilingual 403.
import type { AppContext } from '../../../context.js';
import { forbidden } from '../../../errors.js';
import { findGrant, type Actor, type Grant } from '../../people/actor.js';
import type { UnitInfo } from '../../units/directory.js';
import { CAPACITY_AGGREGATE_READERS, CAPACITY_LEADERS, isOfficialOf, unitByCode } from '../access.js';

export type WorkScope =
  | { kind: 'unit'; unit: UnitInfo; unitIds: number[]; grant: Grant }
  | { kind: 'self'; unit: UnitInfo; unitIds: number[]; accountId: number }
  | { kind: 'aggregate'; unit: UnitInfo; unitIds: number[] };

const ONLY_OWN = {
  vi: 'Bạn chỉ xem được số liệu công việc của chính mình; số liệu của cả đơn vị dành cho lãnh đạo đơn vị.',
  en: "You may see only your own work figures; the unit's figures are for its leaders.",
};

/**
 * The scope of a read. `official` is the official asked about (undefined: everyone the actor may see).
 * `allowAggregate` false: the endpoint has no aggregate variant, a province viewer gets a 403.
 */
export async function workScope(ctx: AppContext, actor: Actor, unitCode: string, official: number | undefined, allowAggregate = true): Promise<WorkScope> {
  await ctx.units.ready();
  const unit = unitByCode(ctx, unitCode);
  const unitIds = ctx.units.covered(unit.id);
  if (unit.kind !== 'province') {
    const grant = findGrant(actor, CAPACITY_LEADERS, unit.id, ctx.units);
    if (grant) return { kind: 'unit', unit, unitIds, grant };
    if ((official === undefined || official === actor.accountId) && (await isOfficialOf(ctx, actor.accountId, unit.id))) {
      return { kind: 'self', unit, unitIds, accountId: actor.accountId };
    }
  }
  if (findGrant(actor, CAPACITY_AGGREGATE_READERS, unit.id, ctx.units)) {
    if (!allowAggregate || official !== undefined) {
      throw forbidden({ vi: 'Cấp tỉnh chỉ xem số liệu tổng hợp, không xem số liệu của từng cán bộ.', en: 'The province sees aggregates only, never one official’s figures.' });
    }
    return { kind: 'aggregate', unit, unitIds };
  }
  if (official !== undefined && official !== actor.accountId) throw forbidden(ONLY_OWN);
  throw forbidden({
    vi: `Chỉ lãnh đạo và cán bộ của ${unit.name} xem được số liệu này; cấp tỉnh chỉ xem số liệu tổng hợp.`,
    en: `Only ${unit.name}'s leaders and officials may see these figures; the province sees aggregates only.`,
  });
}

/** Named data only: a province viewer (aggregate scope) is refused. */
export function namedOnly(scope: WorkScope): Exclude<WorkScope, { kind: 'aggregate' }> {
  if (scope.kind === 'aggregate') throw forbidden({ vi: 'Cấp tỉnh chỉ xem số liệu tổng hợp, không xem số liệu của từng cán bộ.', en: 'The province sees aggregates only, never one official’s figures.' });
  return scope;
}
