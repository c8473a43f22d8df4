// The yearly training plan of a unit (Decree 171/2025: training by job position): drafted from the gaps between
// the levels officials' positions require and the levels they hold, one line per official × competency, with
// the programme that closes the gap when there is one; then edited and approved by an admin, after which it
// no longer changes.
import { type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { AppError, badInput, conflict, notFound, type Msg } from '../../../errors.js';
import { bi } from '../../../http/errors.js';
import { isoVn } from '../../../http/time.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import type { Actor, Grant } from '../../people/actor.js';
import { requireCapacityAdmin, requireUnitLeader, unitByCode } from '../access.js';
import { gapRows, heldLevels, requirementsOf, unitOfficials } from '../levels.js';
import { quarterOf, quartersByUrgency } from './domain.js';
import { programmesFor, type Programme } from './programmes.js';
import { today } from './classes.js';

type Db = Kysely<DB> | Transaction<DB>;

const Year = z.coerce.number().int().min(2020, bi('Năm từ 2020 đến 2100', 'The year is 2020 to 2100')).max(2100, bi('Năm từ 2020 đến 2100', 'The year is 2020 to 2100'));
const Quarter = z.number().int().min(1, bi('Quý từ 1 đến 4', 'The quarter is 1 to 4')).max(4, bi('Quý từ 1 đến 4', 'The quarter is 1 to 4'));
const Note = z.string().trim().max(1000);

export const NewPlan = z.object({ unit: z.string().trim().regex(/^\d{5}$/, bi('Kế hoạch lập cho một xã, phường (mã 5 chữ số)', 'A plan is for a commune or ward (5-digit code)')), year: Year });
export const NewItem = z.object({
  accountId: z.number().int().positive(),
  competencyId: z.number().int().positive().nullable().optional(),
  programmeId: z.number().int().positive().nullable().optional(),
  quarter: Quarter.optional(),
  note: Note.optional(),
});
export const ItemChange = z.object({
  programmeId: z.number().int().positive().nullable().optional(),
  quarter: Quarter.nullable().optional(),
  status: z.enum(['planned', 'dropped', 'done'], bi('Trạng thái là planned, dropped hoặc done', 'The status is planned, dropped or done')).optional(),
  note: Note.nullable().optional(),
});
export { Year };

export interface PlanItem {
  id: number;
  official: { id: number; fullName: string };
  competency: { id: number; name: Msg } | null;
  programme: { id: number; name: string } | null;
  heldLevel: number | null;
  requiredLevel: number | null;
  quarter: number | null;
  hours: number | null;
  origin: 'gap' | 'added';
  status: 'planned' | 'dropped' | 'done';
  note: string | null;
}

export interface Plan {
  id: number;
  unit: { code: string; name: string };
  year: number;
  status: 'draft' | 'approved';
  draftedAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
  items: PlanItem[];
  summary: { officials: number; items: number; hours: number };
}

async function planView(ctx: AppContext, db: Db, planId: number): Promise<Plan> {
  const p = await db
    .selectFrom('training_plans as p')
    .leftJoin('accounts as a', 'a.id', 'p.approved_by')
    .select(['p.id', 'p.unit_id', 'p.year', 'p.status', 'p.drafted_at', 'p.approved_at', 'a.full_name as approver'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
  if (!p) throw notFound({ vi: `kế hoạch đào tạo số ${planId}`, en: `training plan ${planId}` });
  const rows = await db
    .selectFrom('training_plan_items as i')
    .innerJoin('accounts as a', 'a.id', 'i.account_id')
    .leftJoin('competencies as c', 'c.id', 'i.competency_id')
    .leftJoin('training_programmes as tp', 'tp.id', 'i.programme_id')
    .select([
      'i.id', 'i.account_id', 'a.full_name', 'i.competency_id', 'c.name_vi', 'c.name_en', 'i.programme_id', 'tp.name as programme_name',
      'i.held_level', 'i.required_level', 'i.quarter', 'i.hours', 'i.origin', 'i.status', 'i.note',
    ])
    .where('i.plan_id', '=', planId)
    .orderBy('i.quarter')
    .orderBy('a.full_name')
    .orderBy('i.id')
    .execute();
  const items: PlanItem[] = rows.map((r) => ({
    id: r.id,
    official: { id: r.account_id, fullName: r.full_name },
    competency: r.competency_id ? { id: r.competency_id, name: { vi: r.name_vi!, en: r.name_en! } } : null,
    programme: r.programme_id ? { id: r.programme_id, name: r.programme_name! } : null,
    heldLevel: r.held_level,
    requiredLevel: r.required_level,
    quarter: r.quarter,
    hours: r.hours === null ? null : Number(r.hours),
    origin: r.origin,
    status: r.status,
    note: r.note,
  }));
  const live = items.filter((i) => i.status !== 'dropped');
  const unit = ctx.units.byId(p.unit_id)!;
  return {
    id: p.id,
    unit: { code: unit.code, name: unit.name },
    year: p.year,
    status: p.status,
    draftedAt: isoVn(p.drafted_at),
    approvedAt: isoVn(p.approved_at),
    approvedBy: p.approver ?? null,
    items,
    summary: {
      officials: new Set(live.map((i) => i.official.id)).size,
      items: live.length,
      hours: Math.round(live.reduce((s, i) => s + (i.hours ?? 0), 0) * 10) / 10,
    },
  };
}

export async function getPlan(ctx: AppContext, actor: Actor, unitCode: string, year: number): Promise<Plan> {
  const unit = unitByCode(ctx, unitCode);
  requireUnitLeader(ctx, actor, unit.id);
  const p = await ctx.db.selectFrom('training_plans').select('id').where('unit_id', '=', unit.id).where('year', '=', year).executeTakeFirst();
  if (!p) throw notFound({ vi: `kế hoạch đào tạo năm ${year} của ${unit.name}`, en: `${unit.name}'s training plan for ${year}` });
  return planView(ctx, ctx.db, p.id);
}

/** The programme that brings a competency to at least `required`: the lowest sufficient level, then the shortest. */
export function programmeFor(programmes: readonly Programme[], competencyId: number, required: number): Programme | null {
  let best: { p: Programme; level: number } | null = null;
  for (const p of programmes) {
    const c = p.competencies.find((x) => x.competencyId === competencyId);
    if (!c || c.level < required) continue;
    if (!best || c.level < best.level || (c.level === best.level && p.hours < best.p.hours)) best = { p, level: c.level };
  }
  return best?.p ?? null;
}

export async function draftPlan(ctx: AppContext, actor: Actor, input: z.infer<typeof NewPlan>): Promise<Plan> {
  const unit = unitByCode(ctx, input.unit);
  const grant = requireCapacityAdmin(ctx, actor, unit.id);
  const now = ctx.clock.now();
  const day = today(ctx);
  const thisYear = Number(day.slice(0, 4));
  if (input.year < thisYear) {
    throw badInput('body.year', { vi: `Năm ${input.year} đã qua: chỉ lập kế hoạch cho năm nay hoặc các năm sau.`, en: `${input.year} is past: plans are drafted for this year or later.` });
  }
  const id = await ctx.db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('training_plans').select('id').where('unit_id', '=', unit.id).where('year', '=', input.year).executeTakeFirst();
    if (exists) {
      throw conflict({ vi: `${unit.name} đã có kế hoạch đào tạo năm ${input.year}: sửa kế hoạch đó.`, en: `${unit.name} already has a training plan for ${input.year}: edit that one.` }, { planId: exists.id });
    }
    const gaps = (await gapRows(tx, [unit.id])).filter((g) => g.gap > 0);
    const programmes = await programmesFor(tx, [unit.id]);
    // Most urgent first: the biggest gap, then the lowest held level; stable by official and competency.
    gaps.sort((a, b) => b.gap - a.gap || a.held - b.held || a.accountId - b.accountId || a.competencyId - b.competencyId);
    const quarters = quartersByUrgency(gaps.length, input.year === thisYear ? quarterOf(day) : 1);
    const plan = await tx.insertInto('training_plans').values({ unit_id: unit.id, year: input.year, drafted_at: now }).returning('id').executeTakeFirstOrThrow();
    if (gaps.length) {
      await tx
        .insertInto('training_plan_items')
        .values(
          gaps.map((g, i) => {
            const p = programmeFor(programmes, g.competencyId, g.required);
            return {
              plan_id: plan.id,
              account_id: g.accountId,
              competency_id: g.competencyId,
              programme_id: p?.id ?? null,
              held_level: g.held,
              required_level: g.required,
              quarter: quarters[i]!,
              hours: p?.hours ?? null,
              origin: 'gap' as const,
            };
          }),
        )
        .execute();
    }
    await planAudit(tx, unit.id, actor, grant, 'training.plan_drafted', plan.id, { year: input.year, items: gaps.length }, now);
    return plan.id;
  });
  return planView(ctx, ctx.db, id);
}

function planAudit(tx: Transaction<DB>, unitId: number, actor: Actor, grant: Grant, action: string, planId: number, details: Record<string, unknown>, at: Date) {
  return appendAudit(tx, { chain: chainForUnit(unitId), at, actorId: actor.accountId, actorRole: grant.role, action, entity: 'training_plan', entityId: String(planId), details });
}

/** A change to a draft plan by an admin of its unit, locked, in one transaction; 409 once approved. */
async function changePlan(
  ctx: AppContext,
  actor: Actor,
  planId: number,
  change: (tx: Transaction<DB>, plan: { id: number; unit_id: number; year: number }, grant: Grant, now: Date) => Promise<void>,
): Promise<Plan> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const plan = await tx.selectFrom('training_plans').select(['id', 'unit_id', 'year', 'status']).where('id', '=', planId).forUpdate().executeTakeFirst();
    if (!plan) throw notFound({ vi: `kế hoạch đào tạo số ${planId}`, en: `training plan ${planId}` });
    const grant = requireCapacityAdmin(ctx, actor, plan.unit_id);
    if (plan.status === 'approved') {
      throw new AppError(
        'illegal_action',
        { vi: `Kế hoạch đào tạo năm ${plan.year} đã được phê duyệt: không sửa được nữa.`, en: `The ${plan.year} training plan is approved: it can no longer be edited.` },
        { allowed: [] },
      );
    }
    await change(tx, plan, grant, now);
  });
  return planView(ctx, ctx.db, planId);
}

async function checkProgramme(tx: Transaction<DB>, unitId: number, programmeId: number | null | undefined): Promise<Programme | null> {
  if (!programmeId) return null;
  const [p] = await programmesFor(tx, [unitId], { ids: [programmeId] });
  if (!p) throw badInput('body.programmeId', { vi: `Không có chương trình đào tạo số ${programmeId} dùng được tại đơn vị.`, en: `No training programme ${programmeId} usable by the unit.` });
  return p;
}

export function addItem(ctx: AppContext, actor: Actor, planId: number, input: z.infer<typeof NewItem>): Promise<Plan> {
  return changePlan(ctx, actor, planId, async (tx, plan, grant, now) => {
    const staff = await unitOfficials(tx, [plan.unit_id]);
    const official = staff.find((o) => o.id === input.accountId);
    if (!official) {
      throw badInput('body.accountId', { vi: `Tài khoản số ${input.accountId} không phải cán bộ của đơn vị.`, en: `Account ${input.accountId} is not an official of the unit.` });
    }
    if (!input.competencyId && !input.programmeId) {
      throw badInput('body.competencyId', { vi: 'Chọn năng lực cần bồi dưỡng hoặc chương trình đào tạo.', en: 'Choose the competency to raise or the training programme.' });
    }
    let held: number | null = null;
    let required: number | null = null;
    if (input.competencyId) {
      const c = await tx
        .selectFrom('competencies')
        .select('id')
        .where('id', '=', input.competencyId)
        .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', plan.unit_id)]))
        .executeTakeFirst();
      if (!c) throw badInput('body.competencyId', { vi: `Không có năng lực số ${input.competencyId}.`, en: `No competency ${input.competencyId}.` });
      held = (await heldLevels(tx, [input.accountId])).get(input.accountId)?.get(input.competencyId)?.level ?? 0;
      const pos = official.position;
      if (pos) required = (await requirementsOf(tx, [pos.id])).get(pos.id)?.find((r) => r.competencyId === input.competencyId)?.requiredLevel ?? null;
    }
    const p = await checkProgramme(tx, plan.unit_id, input.programmeId);
    const item = await tx
      .insertInto('training_plan_items')
      .values({
        plan_id: plan.id,
        account_id: input.accountId,
        competency_id: input.competencyId ?? null,
        programme_id: p?.id ?? null,
        held_level: held,
        required_level: required,
        quarter: input.quarter ?? null,
        hours: p?.hours ?? null,
        origin: 'added',
        note: input.note ?? null,
        edited_by: actor.accountId,
        edited_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await planAudit(tx, plan.unit_id, actor, grant, 'training.plan_item_added', plan.id, { itemId: item.id, accountId: input.accountId, competencyId: input.competencyId ?? null, programmeId: p?.id ?? null }, now);
  });
}

export function changeItem(ctx: AppContext, actor: Actor, planId: number, itemId: number, input: z.infer<typeof ItemChange>): Promise<Plan> {
  return changePlan(ctx, actor, planId, async (tx, plan, grant, now) => {
    const item = await tx.selectFrom('training_plan_items').select(['id']).where('id', '=', itemId).where('plan_id', '=', plan.id).executeTakeFirst();
    if (!item) throw notFound({ vi: `dòng số ${itemId} của kế hoạch`, en: `item ${itemId} of the plan` });
    const set: Record<string, unknown> = { edited_by: actor.accountId, edited_at: now };
    if (input.programmeId !== undefined) {
      const p = await checkProgramme(tx, plan.unit_id, input.programmeId);
      set.programme_id = p?.id ?? null;
      set.hours = p?.hours ?? null;
    }
    if (input.quarter !== undefined) set.quarter = input.quarter;
    if (input.status !== undefined) set.status = input.status;
    if (input.note !== undefined) set.note = input.note;
    await tx.updateTable('training_plan_items').set(set).where('id', '=', itemId).execute();
    await planAudit(tx, plan.unit_id, actor, grant, 'training.plan_item_changed', plan.id, { itemId, ...input }, now);
  });
}

export function approvePlan(ctx: AppContext, actor: Actor, planId: number): Promise<Plan> {
  return changePlan(ctx, actor, planId, async (tx, plan, grant, now) => {
    await tx.updateTable('training_plans').set({ status: 'approved', approved_by: actor.accountId, approved_at: now }).where('id', '=', plan.id).execute();
    await planAudit(tx, plan.unit_id, actor, grant, 'training.plan_approved', plan.id, { year: plan.year }, now);
  });
}
