// Job positions of a unit with their job description and competency framework, the unit's own competencies,
// and who holds which position (a new assignment ends the open one the day before; history is never
// overwritten). Every change is one transaction with its audit entry.
import { formatLocalDate as viDate } from '../../calendar/time.js';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { AppError, badInput, conflict, domainRule, forbidden, notFound } from '../../../errors.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { addDays, toLocalDate } from '../../calendar/time.js';
import { findGrant, type Actor } from '../../people/actor.js';
import { capacityScope, CAPACITY_ADMINS, isOfficialOf, requireCapacityAdmin, requireOfficialAccess, unitByCode } from '../access.js';
import { unitOfficials } from '../levels.js';
import type { NewAssignment, NewCompetency, NewPosition, PositionUpdate } from './schemas.js';
import { assignmentsOf, competenciesFor, competencyView, positionsOf, publicCompetency, publicPosition, type Db } from './store.js';

/**
 * A concurrent writer can pass our checks at the same moment; the unique indexes then refuse the second one.
 * That is a conflict to retry, not a 500.
 */
export async function refusingDuplicates<T>(work: Promise<T>, err: () => AppError): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if ((e as { code?: string })?.code === '23505') throw err();
    throw e;
  }
}

/** A commune's scope with named data, or 403 (the province reads aggregates only, never lists of people). */
export function requireNamedScope(ctx: AppContext, actor: Actor, unitCode: string) {
  const scope = capacityScope(ctx, actor, unitCode);
  if (scope.kind !== 'unit') {
    throw forbidden({
      vi: 'Cấp tỉnh chỉ xem số liệu tổng hợp, không xem danh sách hay dữ liệu của từng cán bộ.',
      en: 'The province sees aggregates only, not lists or data of individual officials.',
    });
  }
  return scope;
}

// ---- competencies ------------------------------------------------------------------------------------------

export async function listCompetencies(ctx: AppContext, actor: Actor, unitCode: string) {
  const scope = capacityScope(ctx, actor, unitCode);
  return { items: (await competenciesFor(ctx.db, scope.unitIds)).map(publicCompetency) };
}

export async function addCompetency(ctx: AppContext, actor: Actor, input: z.infer<typeof NewCompetency>) {
  const unit = unitByCode(ctx, input.unit);
  const grant = requireCapacityAdmin(ctx, actor, unit.id);
  const work = ctx.db.transaction().execute(async (tx) => {
    const taken = await tx
      .selectFrom('competencies')
      .select(['code', 'field'])
      .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', unit.id)]))
      .where((eb) => eb.or([eb('code', '=', input.code), ...(input.field ? [eb('field', '=', input.field)] : [])]))
      .executeTakeFirst();
    if (taken?.code === input.code) {
      throw new AppError('conflict', { vi: `Mã năng lực "${input.code}" đã có.`, en: `The competency code "${input.code}" is taken.` }, { field: 'body.code' });
    }
    if (taken) {
      throw new AppError('conflict', { vi: `Lĩnh vực "${input.field}" đã có năng lực nghiệp vụ.`, en: `The field "${input.field}" already has a competency.` }, { field: 'body.field' });
    }
    const row = await tx
      .insertInto('competencies')
      .values({ unit_id: unit.id, code: input.code, kind: input.kind, field: input.field ?? null, name_vi: input.nameVi, name_en: input.nameEn, description: input.description ?? null, sort: 500 })
      .returning(['id', 'unit_id', 'code', 'kind', 'field', 'name_vi', 'name_en', 'levels', 'sort'])
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: chainForUnit(unit.id),
      at: ctx.clock.now(),
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'competency.added',
      entity: 'competency',
      entityId: String(row.id),
      details: { code: input.code, kind: input.kind, field: input.field ?? null },
    });
    return publicCompetency(competencyView(row));
  });
  return refusingDuplicates(work, () => new AppError('conflict', { vi: `Mã năng lực "${input.code}" đã có.`, en: `The competency code "${input.code}" is taken.` }, { field: 'body.code' }));
}

/** The competency ids a unit may use in frameworks and assessments: national or the unit's own, active. */
export async function checkCompetencies(db: Db, unitIds: number[], ids: number[], field: (i: number) => string): Promise<void> {
  if (!ids.length) return;
  const ok = new Set(
    (
      await db
        .selectFrom('competencies')
        .select('id')
        .where('id', 'in', ids)
        .where('active', '=', true)
        .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', 'in', unitIds)]))
        .execute()
    ).map((r) => r.id),
  );
  const bad = ids.findIndex((id) => !ok.has(id));
  if (bad >= 0) {
    throw badInput(field(bad), {
      vi: `Không có năng lực số ${ids[bad]} dùng được ở đơn vị này.`,
      en: `No competency ${ids[bad]} usable in this unit.`,
    });
  }
}

// ---- officials ---------------------------------------------------------------------------------------------

export async function listOfficials(ctx: AppContext, actor: Actor, unitCode: string) {
  const scope = requireNamedScope(ctx, actor, unitCode);
  const officials = await unitOfficials(ctx.db, scope.unitIds);
  return {
    items: officials.map((o) => ({
      id: o.id,
      fullName: o.fullName,
      username: o.username,
      roles: o.roles,
      office: o.officeId ? { id: o.officeId, name: o.officeName! } : null,
      position: o.position,
    })),
  };
}

// ---- positions ---------------------------------------------------------------------------------------------

export async function listPositions(ctx: AppContext, actor: Actor, unitCode: string) {
  const scope = requireNamedScope(ctx, actor, unitCode);
  return { items: (await positionsOf(ctx.db, { unitIds: scope.unitIds })).map(publicPosition) };
}

async function getPosition(db: Db, id: number) {
  const [p] = await positionsOf(db, { ids: [id] });
  if (!p) throw notFound({ vi: `vị trí việc làm số ${id}`, en: `job position ${id}` });
  return p;
}

type PositionInput = z.infer<typeof PositionUpdate> | z.infer<typeof NewPosition>;

async function checkPosition(tx: Transaction<DB>, unitIds: number[], unitId: number, input: PositionInput, selfId: number | null) {
  const dup = await tx.selectFrom('job_positions').select('id').where('unit_id', '=', unitId).where('code', '=', input.code).executeTakeFirst();
  if (dup && dup.id !== selfId) {
    throw duplicateCode(input.code);
  }
  if (input.officeId) {
    const office = await tx.selectFrom('offices').select('id').where('id', '=', input.officeId).where('unit_id', 'in', unitIds).executeTakeFirst();
    if (!office) throw badInput('body.officeId', { vi: `Phòng số ${input.officeId} không thuộc đơn vị này.`, en: `Office ${input.officeId} is not in this unit.` });
  }
  await checkCompetencies(tx, unitIds, input.requirements.map((r) => r.competencyId), (i) => `body.requirements.${i}.competencyId`);
}

async function writeRequirements(tx: Transaction<DB>, positionId: number, input: PositionInput) {
  await tx.deleteFrom('position_requirements').where('position_id', '=', positionId).execute();
  if (input.requirements.length) {
    await tx
      .insertInto('position_requirements')
      .values(input.requirements.map((r) => ({ position_id: positionId, competency_id: r.competencyId, required_level: r.requiredLevel })))
      .execute();
  }
}

export async function createPosition(ctx: AppContext, actor: Actor, input: z.infer<typeof NewPosition>) {
  const unit = unitByCode(ctx, input.unit);
  const grant = requireCapacityAdmin(ctx, actor, unit.id);
  const unitIds = ctx.units.covered(unit.id);
  const work = ctx.db.transaction().execute(async (tx) => {
    await checkPosition(tx, unitIds, unit.id, input, null);
    const row = await tx
      .insertInto('job_positions')
      .values({
        unit_id: unit.id,
        office_id: input.officeId ?? null,
        code: input.code,
        grp: input.grp,
        name: input.name,
        description: input.description,
        duties: JSON.stringify(input.duties),
        headcount: input.headcount,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeRequirements(tx, row.id, input);
    await appendAudit(tx, {
      chain: chainForUnit(unit.id),
      at: ctx.clock.now(),
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'position.created',
      entity: 'job_position',
      entityId: String(row.id),
      details: { code: input.code, grp: input.grp, name: input.name, requirements: input.requirements },
    });
    return publicPosition(await getPosition(tx, row.id));
  });
  return refusingDuplicates(work, () => duplicateCode(input.code));
}

const duplicateCode = (code: string) =>
  new AppError('conflict', { vi: `Mã vị trí "${code}" đã có ở đơn vị này.`, en: `The position code "${code}" is taken in this unit.` }, { field: 'body.code' });

export async function updatePosition(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof PositionUpdate>) {
  const before = await getPosition(ctx.db, id);
  const grant = requireCapacityAdmin(ctx, actor, before.unitId);
  const unitIds = ctx.units.covered(before.unitId);
  const work = ctx.db.transaction().execute(async (tx) => {
    await checkPosition(tx, unitIds, before.unitId, input, id);
    await tx
      .updateTable('job_positions')
      .set({
        office_id: input.officeId ?? null,
        code: input.code,
        grp: input.grp,
        name: input.name,
        description: input.description,
        duties: JSON.stringify(input.duties),
        headcount: input.headcount,
        active: input.active,
        updated_at: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await writeRequirements(tx, id, input);
    const old = new Map(before.requirements.map((r) => [r.competencyId, r.requiredLevel]));
    await appendAudit(tx, {
      chain: chainForUnit(before.unitId),
      at: ctx.clock.now(),
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'position.updated',
      entity: 'job_position',
      entityId: String(id),
      details: {
        code: input.code,
        active: input.active,
        requirementsBefore: [...old].map(([competencyId, requiredLevel]) => ({ competencyId, requiredLevel })),
        requirementsAfter: input.requirements,
      },
    });
    return publicPosition(await getPosition(tx, id));
  });
  return refusingDuplicates(work, () => duplicateCode(input.code));
}

// ---- assignments -------------------------------------------------------------------------------------------

export async function assignPosition(ctx: AppContext, actor: Actor, positionId: number, input: z.infer<typeof NewAssignment>) {
  const position = await getPosition(ctx.db, positionId);
  const grant = requireCapacityAdmin(ctx, actor, position.unitId);
  if (!position.active) {
    throw domainRule({ vi: `Vị trí "${position.name}" đã ngừng sử dụng: không bố trí thêm người.`, en: `The position "${position.name}" is inactive: no one can be assigned to it.` });
  }
  const unitIds = ctx.units.covered(position.unitId);
  let member = false;
  for (const u of unitIds) if (!member) member = await isOfficialOf(ctx, input.accountId, u);
  if (!member) {
    throw badInput('body.accountId', { vi: `Tài khoản số ${input.accountId} không phải cán bộ của đơn vị này.`, en: `Account ${input.accountId} is not an official of this unit.` });
  }
  const work = ctx.db.transaction().execute(async (tx) => {
    const open = await tx
      .selectFrom('position_assignments as pa')
      .innerJoin('job_positions as p', 'p.id', 'pa.position_id')
      .select(['pa.id', 'pa.position_id', 'pa.started_on', 'p.unit_id', 'p.name'])
      .where('pa.account_id', '=', input.accountId)
      .where('pa.ended_on', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (open) {
      if (open.position_id === positionId) {
        throw conflict({ vi: `Cán bộ này đang giữ vị trí "${open.name}" từ ngày ${viDate(open.started_on)}.`, en: `This official already holds "${open.name}" since ${viDate(open.started_on)}.` });
      }
      if (input.startedOn <= open.started_on) {
        throw badInput('body.startedOn', {
          vi: `Ngày bắt đầu phải sau ngày ${viDate(open.started_on)}, ngày cán bộ bắt đầu giữ vị trí hiện tại "${open.name}".`,
          en: `The start date must be after ${viDate(open.started_on)}, when the official started in the current position "${open.name}".`,
        });
      }
      if (!findGrant(actor, CAPACITY_ADMINS, open.unit_id, ctx.units)) {
        throw conflict({ vi: `Cán bộ đang giữ vị trí "${open.name}" của đơn vị khác; đơn vị đó cần kết thúc trước.`, en: `The official holds "${open.name}" in another unit, which must end it first.` });
      }
      await tx.updateTable('position_assignments').set({ ended_on: addDays(input.startedOn, -1) }).where('id', '=', open.id).execute();
    }
    const row = await tx
      .insertInto('position_assignments')
      .values({ account_id: input.accountId, position_id: positionId, started_on: input.startedOn, note: input.note ?? null, decided_by: actor.accountId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: chainForUnit(position.unitId),
      at: ctx.clock.now(),
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'position.assigned',
      entity: 'position_assignment',
      entityId: String(row.id),
      details: { accountId: input.accountId, positionId, startedOn: input.startedOn, ended: open ? { id: open.id, positionId: open.position_id, endedOn: addDays(input.startedOn, -1) } : null },
    });
    return { id: row.id };
  });
  return refusingDuplicates(work, () => conflict({ vi: 'Cán bộ này vừa được bố trí vị trí khác; tải lại và thử lại.', en: 'This official was just assigned elsewhere; reload and try again.' }));
}

export async function listAssignments(ctx: AppContext, actor: Actor, accountId: number) {
  await requireOfficialAccess(ctx, actor, accountId);
  return { items: await assignmentsOf(ctx.db, accountId) };
}

export const todayOf = (ctx: AppContext) => toLocalDate(ctx.clock.now());
