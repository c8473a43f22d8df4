// Which units a report request covers and whether the caller may read it: a commune code means that commune (and
// the units merged into it), a province code every commune of the province. The same rules as the reports.
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { bi } from '../../http/errors.js';
import { isLocalDate } from '../calendar/time.js';
import { requireGrant, type Actor, type Grant } from '../people/actor.js';
import type { Role } from '../people/roles.js';
import type { UnitInfo } from '../units/directory.js';
import { parsePeriod } from '../reports/period.js';
import { REPORT_ROLES } from '../reports/summary.js';

/** Who reads reports of a unit: the same roles as the periodic report. */
export const REPORT_READERS: readonly Role[] = REPORT_ROLES;

export const LocalDay = z.string().refine(isLocalDate, bi('Ngày phải có dạng YYYY-MM-DD', 'A date must be YYYY-MM-DD'));
export const UnitCode = z.string().trim().regex(/^\d{2,5}$/, bi('Mã đơn vị là mã số của xã, phường hoặc tỉnh', 'The unit is the code of a commune, ward or province'));

export interface Scope {
  unit: UnitInfo;
  unitIds: number[];
  grant: Grant;
}

export function resolveScope(ctx: AppContext, actor: Actor, unitCode: string, roles: readonly Role[] = REPORT_READERS): Scope {
  const unit = ctx.units.byCode(unitCode);
  if (!unit) throw notFound({ vi: `đơn vị có mã ${unitCode}`, en: `unit with code ${unitCode}` });
  const grant = requireGrant(actor, roles, unit.id, ctx.units);
  return { unit, unitIds: ctx.units.covered(unit.id), grant };
}

/** from ≤ to, both local dates, at most three years apart (the reports' one reading of a period). */
export function checkPeriod(from: string, to: string): void {
  parsePeriod(from, to);
}

export const unitView = (u: UnitInfo) => ({ code: u.code, name: u.name, kind: u.kind });
