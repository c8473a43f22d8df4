// Training programmes: what is taught, in which Decree 171/2025 content group, for how many hours, how long its
// certificate lasts, and which competencies a passed class raises to which level. National programmes
// (unit_id null) are offered to every unit; a unit adds its own.
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { badInput, conflict, type Msg } from '../../../errors.js';
import { bi } from '../../../http/errors.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import type { Actor } from '../../people/actor.js';
import { capacityScope, requireCapacityAdmin, unitByCode } from '../access.js';
import { CONTENT_GROUPS } from './domain.js';

type Db = Kysely<DB> | Transaction<DB>;

export const UnitCode = z.string().trim().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 (tỉnh) hoặc 5 (xã) chữ số', 'A unit code has 2 (province) or 5 (commune) digits'));
const Level = z.number().int().min(1, bi('Mức độ từ 1 đến 4', 'A level is 1 to 4')).max(4, bi('Mức độ từ 1 đến 4', 'A level is 1 to 4'));

export const NewProgramme = z.object({
  unit: UnitCode,
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/, bi('Mã chương trình gồm chữ, số, dấu chấm, gạch (tối đa 41 ký tự)', 'The programme code is letters, digits, dots and dashes (at most 41)')),
  name: z.string().trim().min(2, bi('Tên chương trình cần ít nhất 2 ký tự', 'The programme name needs at least 2 characters')).max(300),
  description: z.string().trim().max(5000).default(''),
  contentGroup: z.enum(CONTENT_GROUPS, bi(`Nhóm nội dung là một trong: ${CONTENT_GROUPS.join(', ')}`, `The content group is one of: ${CONTENT_GROUPS.join(', ')}`)),
  hours: z.number().positive(bi('Số giờ phải lớn hơn 0', 'The hours must be above 0')).max(2000, bi('Số giờ tối đa 2000', 'At most 2000 hours')),
  certificateValidMonths: z.number().int().min(1, bi('Thời hạn chứng chỉ từ 1 đến 240 tháng', 'A certificate lasts 1 to 240 months')).max(240, bi('Thời hạn chứng chỉ từ 1 đến 240 tháng', 'A certificate lasts 1 to 240 months')).nullable().optional(),
  competencies: z.array(z.object({ competencyId: z.number().int().positive(), level: Level })).max(30).default([]),
});

export interface Programme {
  id: number;
  code: string;
  name: string;
  description: string;
  contentGroup: string;
  hours: number;
  certificateValidMonths: number | null;
  national: boolean;
  competencies: Array<{ competencyId: number; name: Msg; level: number }>;
}

/** The programmes units may use: the national ones and their own (active only unless asked). */
export async function programmesFor(db: Db, unitIds: number[], opts: { ids?: number[]; includeInactive?: boolean } = {}): Promise<Programme[]> {
  let q = db
    .selectFrom('training_programmes')
    .selectAll()
    .where((eb) => eb.or([eb('unit_id', 'is', null), ...(unitIds.length ? [eb('unit_id', 'in', unitIds)] : [])]))
    .orderBy('unit_id', 'desc')
    .orderBy('code');
  if (!opts.includeInactive) q = q.where('active', '=', true);
  if (opts.ids) {
    if (!opts.ids.length) return [];
    q = q.where('id', 'in', opts.ids);
  }
  const rows = await q.execute();
  if (!rows.length) return [];
  const comps = await db
    .selectFrom('programme_competencies as pc')
    .innerJoin('competencies as c', 'c.id', 'pc.competency_id')
    .select(['pc.programme_id', 'pc.competency_id', 'pc.level', 'c.name_vi', 'c.name_en'])
    .where('pc.programme_id', 'in', rows.map((r) => r.id))
    .orderBy('c.sort')
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    contentGroup: r.content_group,
    hours: Number(r.hours),
    certificateValidMonths: r.certificate_valid_months,
    national: r.unit_id === null,
    competencies: comps.filter((c) => c.programme_id === r.id).map((c) => ({ competencyId: c.competency_id, name: { vi: c.name_vi, en: c.name_en }, level: c.level })),
  }));
}

/** A programme the unit may run, or 400 naming the field. */
export async function usableProgramme(db: Db, unitId: number, id: number, field: string): Promise<Programme> {
  const [p] = await programmesFor(db, [unitId], { ids: [id] });
  if (!p) {
    throw badInput(field, {
      vi: `Không có chương trình đào tạo số ${id} dùng được tại đơn vị này (chương trình chung toàn quốc hoặc của đơn vị, đang áp dụng).`,
      en: `No training programme ${id} usable by this unit (national or the unit's own, active).`,
    });
  }
  return p;
}

export async function listProgrammes(ctx: AppContext, actor: Actor, unitCode: string) {
  const scope = capacityScope(ctx, actor, unitCode);
  return { items: await programmesFor(ctx.db, scope.unitIds) };
}

export async function createProgramme(ctx: AppContext, actor: Actor, input: z.infer<typeof NewProgramme>): Promise<Programme> {
  const unit = unitByCode(ctx, input.unit);
  const grant = requireCapacityAdmin(ctx, actor, unit.id);
  const ids = input.competencies.map((c) => c.competencyId);
  if (new Set(ids).size !== ids.length) {
    throw badInput('body.competencies', { vi: 'Mỗi năng lực chỉ ghi một lần.', en: 'List each competency once.' });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    if (ids.length) {
      const found = await tx
        .selectFrom('competencies')
        .select('id')
        .where('id', 'in', ids)
        .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', '=', unit.id)]))
        .execute();
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) {
        throw badInput('body.competencies', {
          vi: `Không có năng lực số ${missing.join(', ')} (chung toàn quốc hoặc của ${unit.name}).`,
          en: `No competency ${missing.join(', ')} (national or ${unit.name}'s own).`,
        });
      }
    }
    const taken = await sql<{ n: number }>`
      select count(*)::int as n from training_programmes where coalesce(unit_id, 0) in (0, ${unit.id}) and lower(code) = lower(${input.code})`.execute(tx);
    if (taken.rows[0]!.n > 0) {
      throw conflict({ vi: `Mã chương trình ${input.code} đã được dùng.`, en: `The programme code ${input.code} is already used.` });
    }
    const row = await tx
      .insertInto('training_programmes')
      .values({
        unit_id: unit.id,
        code: input.code,
        name: input.name,
        description: input.description,
        content_group: input.contentGroup,
        hours: input.hours,
        certificate_valid_months: input.certificateValidMonths ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (ids.length) {
      await tx
        .insertInto('programme_competencies')
        .values(input.competencies.map((c) => ({ programme_id: row.id, competency_id: c.competencyId, level: c.level })))
        .execute();
    }
    await appendAudit(tx, {
      chain: chainForUnit(unit.id),
      at: now,
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'training.programme_created',
      entity: 'training_programme',
      entityId: String(row.id),
      details: { code: input.code, hours: input.hours, competencies: input.competencies },
    });
    const [p] = await programmesFor(tx, [unit.id], { ids: [row.id] });
    return p!;
  });
}
