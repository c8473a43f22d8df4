// Gaps between the levels positions require and the levels officials hold: a commune's heat map, its positions
// and the fields at risk (for its leaders, with names), the same counted per commune for the province (no
// names), and the cover finder: who can take a field's dossiers while someone is away.
import { sql } from 'kysely';
import type { AppContext } from '../../../context.js';
import { badInput } from '../../../errors.js';
import { isoVn } from '../../../http/time.js';
import type { Actor } from '../../people/actor.js';
import { capacityScope } from '../access.js';
import { COMPETENT_LEVEL, heldLevels, unitOfficials } from '../levels.js';
import { coverMessage, rankCover, unitGaps, type GapInput } from './domain.js';
import { communeOf, communesOf } from './records.js';
import { requireNamedScope } from './service.js';
import { competenciesById, positionsOf } from './store.js';

const DAY_MS = 86_400_000;

/** Everything the heat maps of the units need, read set-based once, then split per commune. */
async function gapInputs(ctx: AppContext, unitIds: number[]): Promise<Map<number, GapInput>> {
  const db = ctx.db;
  const officials = await unitOfficials(db, unitIds);
  const positions = (await positionsOf(db, { unitIds })).filter((p) => p.active || p.holders.length);
  const held = await heldLevels(db, officials.map((o) => o.id));
  const since = new Date(ctx.clock.now().getTime() - 365 * DAY_MS);
  const active = unitIds.length
    ? (
        await sql<{ unit_id: number; competency_id: number }>`
          select distinct d.handling_unit_id as unit_id, c.id as competency_id
          from dossiers d
          join procedure_versions v on v.id = d.procedure_version_id
          join competencies c on c.unit_id is null and c.field = v.field and c.active
          where d.handling_unit_id in (${sql.join(unitIds)}) and not d.is_practice and d.received_at >= ${since}`.execute(db)
      ).rows
    : [];
  const compIds = [...positions.flatMap((p) => p.requirements.map((r) => r.competencyId)), ...active.map((a) => a.competency_id)];
  const comps = await competenciesById(db, compIds);

  const out = new Map<number, GapInput>();
  const inputOf = (unitId: number) => {
    const id = communeOf(ctx, unitId);
    let g = out.get(id);
    if (!g) out.set(id, (g = { officials: [], positions: [], competencies: comps, held: new Map(), activeFieldCompetencies: [] }));
    return g;
  };
  for (const u of communesOf(ctx, unitIds)) inputOf(u.id);
  for (const o of officials) {
    const g = inputOf(o.unitId);
    g.officials.push({ id: o.id, fullName: o.fullName, position: o.position ? { id: o.position.id, name: o.position.name } : null });
    g.held.set(o.id, new Map([...(held.get(o.id) ?? new Map()).entries()].map(([c, h]) => [c, h.level])));
  }
  for (const p of positions) inputOf(p.unitId).positions.push({ id: p.id, name: p.name, requirements: p.requirements.map((r) => ({ competencyId: r.competencyId, requiredLevel: r.requiredLevel })) });
  for (const a of active) {
    const g = inputOf(a.unit_id);
    if (!g.activeFieldCompetencies.includes(a.competency_id)) g.activeFieldCompetencies.push(a.competency_id);
  }
  return out;
}

export type GapsUnit = ReturnType<typeof unitGaps> & { scope: 'unit'; unit: { code: string; name: string } };

export interface GapsAggregate {
  scope: 'aggregate';
  unit: { code: string; name: string };
  communes: Array<{ code: string; name: string; officials: number; withGap: number; gapCells: number; riskFields: number }>;
  competencies: Array<{ competencyId: number; name: { vi: string; en: string }; required: number; withGap: number }>;
}

export async function gaps(ctx: AppContext, actor: Actor, unitCode: string): Promise<GapsUnit | GapsAggregate> {
  const scope = capacityScope(ctx, actor, unitCode);
  const inputs = await gapInputs(ctx, scope.unitIds);
  const unit = { code: scope.unit.code, name: scope.unit.name };
  if (scope.kind === 'unit') {
    const input = inputs.get(communeOf(ctx, scope.unit.id)) ?? { officials: [], positions: [], competencies: new Map(), held: new Map(), activeFieldCompetencies: [] };
    return { scope: 'unit', unit, ...unitGaps(input) };
  }
  // The province: counts per commune and per competency; no official's name or id leaves here.
  const communes: GapsAggregate['communes'] = [];
  const perCompetency = new Map<number, GapsAggregate['competencies'][number]>();
  for (const c of communesOf(ctx, scope.unitIds)) {
    const g = unitGaps(inputs.get(c.id)!);
    communes.push({ code: c.code, name: c.name, ...g.summary });
    for (const o of g.officials) {
      for (const cell of o.cells) {
        if (cell.required === null) continue;
        const comp = g.competencies.find((x) => x.id === cell.competencyId)!;
        const row = perCompetency.get(cell.competencyId) ?? { competencyId: cell.competencyId, name: comp.name, required: 0, withGap: 0 };
        row.required++;
        if (cell.gap > 0) row.withGap++;
        perCompetency.set(cell.competencyId, row);
      }
    }
  }
  return { scope: 'aggregate', unit, communes, competencies: [...perCompetency.values()].sort((a, b) => b.withGap - a.withGap || a.competencyId - b.competencyId) };
}

// ---- cover -------------------------------------------------------------------------------------------------

export async function cover(ctx: AppContext, actor: Actor, q: { unit: string; field: string; absent: number }) {
  const scope = requireNamedScope(ctx, actor, q.unit);
  const db = ctx.db;
  const comp = await db
    .selectFrom('competencies')
    .select(['id', 'name_vi', 'name_en', 'field'])
    .where('kind', '=', 'field')
    .where('field', '=', q.field)
    .where('active', '=', true)
    .where((eb) => eb.or([eb('unit_id', 'is', null), eb('unit_id', 'in', scope.unitIds)]))
    .orderBy(sql`unit_id is null`, 'desc')
    .executeTakeFirst();
  if (!comp) {
    throw badInput('querystring.field', { vi: `Không có lĩnh vực "${q.field}" trong danh mục năng lực.`, en: `No field "${q.field}" among the competencies.` });
  }
  const officials = await unitOfficials(db, scope.unitIds);
  const absent = officials.find((o) => o.id === q.absent);
  if (!absent) throw badInput('querystring.absent', { vi: `Cán bộ số ${q.absent} không thuộc đơn vị này.`, en: `Official ${q.absent} is not in this unit.` });
  const held = await heldLevels(db, officials.map((o) => o.id));
  const levelOf = (id: number) => held.get(id)?.get(comp.id)?.level ?? 0;
  const others = officials.filter((o) => o.id !== absent.id && levelOf(o.id) >= 1);
  const ids = others.map((o) => o.id);

  const now = ctx.clock.now();
  const since = new Date(now.getTime() - 90 * DAY_MS);
  const open = ids.length
    ? (
        await sql<{ account_id: number; n: number }>`
          select assignee_id as account_id, count(*)::int as n from dossiers
          where assignee_id in (${sql.join(ids)}) and closed_at is null and not is_practice
          group by assignee_id`.execute(db)
      ).rows
    : [];
  // The ledger already leaves practice dossiers out.
  const work = ids.length
    ? (
        await sql<{ account_id: number; dossiers: number; timed: number; on_time: number }>`
          select account_id, count(distinct dossier_id)::int as dossiers,
                 count(timeliness)::int as timed,
                 count(*) filter (where timeliness in ('early', 'on_time'))::int as on_time
          from evidence_ledger
          where account_id in (${sql.join(ids)}) and field = ${q.field} and at >= ${since} and at <= ${now}
            and unit_id in (${sql.join(scope.unitIds)})
          group by account_id`.execute(db)
      ).rows
    : [];
  const openBy = new Map(open.map((r) => [r.account_id, r.n]));
  const workBy = new Map(work.map((r) => [r.account_id, r]));
  const candidates = rankCover(
    others.map((o) => {
      const w = workBy.get(o.id);
      return {
        id: o.id,
        fullName: o.fullName,
        position: o.position ? { id: o.position.id, name: o.position.name } : null,
        level: levelOf(o.id),
        competent: levelOf(o.id) >= COMPETENT_LEVEL,
        openDossiers: openBy.get(o.id) ?? 0,
        fieldDossiers90d: w?.dossiers ?? 0,
        onTimeRate90d: w && w.timed ? Math.round((w.on_time / w.timed) * 1000) / 1000 : null,
      };
    }),
  );
  const absentOpen = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .select(['d.id', 'd.code', 'v.name', 'd.due_at'])
    .where('d.assignee_id', '=', absent.id)
    .where('d.closed_at', 'is', null)
    .where('d.is_practice', '=', false)
    .where('v.field', '=', q.field)
    .orderBy(sql`d.due_at asc nulls last`)
    .orderBy('d.id')
    .execute();
  const competent = candidates.filter((c) => c.competent).length;
  return {
    field: q.field,
    competency: { id: comp.id, name: { vi: comp.name_vi, en: comp.name_en } },
    absent: { id: absent.id, fullName: absent.fullName, level: levelOf(absent.id) },
    candidates,
    absentOpen: absentOpen.map((d) => ({ dossierId: Number(d.id), code: d.code, procedure: d.name, dueAt: isoVn(d.due_at ? new Date(d.due_at) : null) })),
    risk: competent < 1,
    message: coverMessage(q.field, absent.fullName, competent, candidates.length),
  };
}
