// Workload (capacity.md §D.4, item 11): open real dossiers per official and per office, weighted by procedure,
// with what is overdue or due soon and how long dossiers have waited in their current step; suggested
// reassignments that even the load out, but only to officials who hold the step's role and are competent in the
// dossier's field (the leader's decision on them is in reassign.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { forbidden, type Msg } from '../../../errors.js';
import { nextWorkingDay, toLocalDate, urgency, type WorkCalendar } from '../../calendar/index.js';
import { loadWorkCalendar } from '../../calendar/store.js';
import type { Actor } from '../../people/actor.js';
import { ROLE_NAMES, type Role } from '../../people/roles.js';
import { getStep, Workflow } from '../../dossiers/workflow.js';
import { COMPETENT_LEVEL, heldLevels, unitOfficials, type Official } from '../levels.js';
import { workScope } from './scope.js';
import { AGE_BUCKETS, ageBucket, WEIGHT_RULE, weightOf } from './weights.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface OpenDossier {
  id: number;
  code: string;
  unitId: number;
  assigneeId: number | null;
  status: string;
  step: string | null;
  workflowId: number;
  dueAt: Date | null;
  paused: boolean;
  field: string;
  procedure: { code: string; name: string };
  weight: number;
  /** Working days spent in the current step (since it started, or since the dossier paused or arrived). */
  ageDays: number;
  overdue: boolean;
  dueSoon: boolean;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(cal: WorkCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = nextWorkingDay(cal, from); d <= to; d = nextWorkingDay(cal, d)) n++;
  return n;
}

/** Every open real dossier held by the units, with its weight, urgency and age. One query. */
export async function openDossiers(db: Db, unitIds: number[], now: Date): Promise<OpenDossier[]> {
  if (!unitIds.length) return [];
  const rows = await sql<{
    id: string | number; code: string; handling_unit_id: number; assignee_id: number | null; status: string; step: string | null; workflow_id: number;
    due_at: Date | null; paused_at: Date | null; since: Date; limit_value: number; limit_unit: string; field: string; procedure_code: string; procedure_name: string;
    unit_weight: number | null; national_weight: number | null;
  }>`
    select d.id, d.code, d.handling_unit_id, d.assignee_id, d.status, d.step, d.workflow_id, d.due_at, d.paused_at,
           coalesce(d.step_started_at, d.paused_at, d.received_at, d.submitted_at) as since,
           d.limit_value, d.limit_unit, v.field, p.code as procedure_code, v.name as procedure_name,
           uw.weight as unit_weight, nw.weight as national_weight
    from dossiers d
    join procedure_versions v on v.id = d.procedure_version_id
    join procedures p on p.id = d.procedure_id
    left join procedure_weights uw on uw.procedure_id = d.procedure_id and uw.unit_id = d.handling_unit_id
    left join procedure_weights nw on nw.procedure_id = d.procedure_id and nw.unit_id is null
    where d.handling_unit_id in (${sql.join(unitIds)}) and d.closed_at is null and not d.is_practice
    order by d.due_at nulls last, d.id`.execute(db);
  const cals = new Map<number, WorkCalendar>();
  for (const u of new Set(rows.rows.map((r) => r.handling_unit_id))) cals.set(u, await loadWorkCalendar(db, u));
  const today = toLocalDate(now);
  const ages = new Map<string, number>();
  return rows.rows.map((r) => {
    const cal = cals.get(r.handling_unit_id)!;
    const sinceDay = toLocalDate(new Date(r.since));
    const key = `${r.handling_unit_id}:${sinceDay}`;
    if (!ages.has(key)) ages.set(key, workingDaysAfter(cal, sinceDay, today));
    const due = r.due_at ? new Date(r.due_at) : null;
    // A paused dossier's clock is stopped: its due date moves when it resumes.
    const u = due && !r.paused_at ? urgency(cal, due, now) : 'on_track';
    return {
      id: Number(r.id),
      code: r.code,
      unitId: r.handling_unit_id,
      assigneeId: r.assignee_id,
      status: r.status,
      step: r.step,
      workflowId: r.workflow_id,
      dueAt: due,
      paused: r.paused_at !== null,
      field: r.field,
      procedure: { code: r.procedure_code, name: r.procedure_name },
      weight: weightOf({ unitWeight: r.unit_weight, nationalWeight: r.national_weight, limitValue: r.limit_value, limitUnit: r.limit_unit }),
      ageDays: ages.get(key)!,
      overdue: u === 'overdue',
      dueSoon: u === 'due_soon',
    };
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

interface Load {
  open: number;
  weighted: number;
  overdue: number;
  dueSoon: number;
  oldestDays: number;
}

function tally(ds: OpenDossier[]): Load {
  return {
    open: ds.length,
    weighted: round2(ds.reduce((a, d) => a + d.weight, 0)),
    overdue: ds.filter((d) => d.overdue).length,
    dueSoon: ds.filter((d) => d.dueSoon).length,
    oldestDays: ds.reduce((a, d) => Math.max(a, d.ageDays), 0),
  };
}

function ageing(ds: OpenDossier[]) {
  return AGE_BUCKETS.map((bucket) => {
    const inIt = ds.filter((d) => ageBucket(d.ageDays) === bucket);
    return { bucket, count: inIt.length, weighted: round2(inIt.reduce((a, d) => a + d.weight, 0)) };
  });
}

function byAssignee(ds: OpenDossier[]): Map<number, OpenDossier[]> {
  const m = new Map<number, OpenDossier[]>();
  for (const d of ds) if (d.assigneeId !== null) m.set(d.assigneeId, [...(m.get(d.assigneeId) ?? []), d]);
  return m;
}

export async function workload(ctx: AppContext, actor: Actor, unitCode: string) {
  const scope = await workScope(ctx, actor, unitCode, undefined);
  if (scope.kind === 'self') {
    throw forbidden({ vi: 'Khối lượng công việc của đơn vị dành cho lãnh đạo đơn vị.', en: "The unit's workload is for its leaders." });
  }
  const now = ctx.clock.now();
  const open = await openDossiers(ctx.db, scope.unitIds, now);
  const weights = { rule: WEIGHT_RULE };
  if (scope.kind === 'aggregate') {
    const byUnit = new Map<number, OpenDossier[]>();
    for (const d of open) byUnit.set(d.unitId, [...(byUnit.get(d.unitId) ?? []), d]);
    const units = scope.unitIds
      .map((id) => ctx.units.byId(id)!)
      .filter((u) => u.kind !== 'province' && !u.mergedIntoId)
      .map((u) => {
        const { oldestDays, ...l } = tally(byUnit.get(u.id) ?? []);
        return { unit: { code: u.code, name: u.name }, ...l, oldestDays };
      });
    return { scope: 'aggregate' as const, units, ageing: ageing(open), weights };
  }
  const officials = await unitOfficials(ctx.db, scope.unitIds);
  const mine = byAssignee(open);
  const ids = new Set(officials.map((o) => o.id));
  const officeRows = new Map<number, { id: number; name: string; ds: OpenDossier[] }>();
  for (const o of officials) {
    if (o.officeId === null) continue;
    const row = officeRows.get(o.officeId) ?? { id: o.officeId, name: o.officeName ?? '', ds: [] };
    row.ds.push(...(mine.get(o.id) ?? []));
    officeRows.set(o.officeId, row);
  }
  const { oldestDays: _x, dueSoon: _y, ...unassigned } = tally(open.filter((d) => d.assigneeId === null || !ids.has(d.assigneeId)));
  return {
    scope: 'unit' as const,
    officials: officials.map((o) => ({
      id: o.id,
      fullName: o.fullName,
      roles: o.roles,
      office: o.officeId === null ? null : { id: o.officeId, name: o.officeName ?? '' },
      ...tally(mine.get(o.id) ?? []),
    })),
    offices: [...officeRows.values()].map((r) => {
      const { oldestDays: _o, ...l } = tally(r.ds);
      return { id: r.id, name: r.name, ...l };
    }),
    unassigned,
    total: tally(open),
    ageing: ageing(open),
    weights,
  };
}

// ---- suggested reassignments ----------------------------------------------------------------------------------

export interface SuggestionItem {
  dossier: { id: number; code: string; procedure: Msg | string; field: string; dueAt: Date | null; weight: number; step: string | null };
  from: { id: number; fullName: string; weighted: number; absent: boolean };
  to: { id: number; fullName: string; weighted: number; level: number };
  role: Role;
  reason: Msg;
}

/** A dossier the workflow lets a leader reassign now, with the role its current step needs. */
interface Movable {
  d: OpenDossier;
  role: Role;
}

async function movable(db: Db, ds: OpenDossier[]): Promise<Movable[]> {
  const wfIds = [...new Set(ds.map((d) => d.workflowId))];
  if (!wfIds.length) return [];
  const wfs = new Map((await db.selectFrom('workflows').select(['id', 'definition']).where('id', 'in', wfIds).execute()).map((w) => [w.id, Workflow.parse(w.definition)]));
  const out: Movable[] = [];
  for (const d of ds) {
    if (d.paused || d.status !== 'processing' || d.assigneeId === null) continue;
    const step = getStep(wfs.get(d.workflowId)!, d.step);
    if (step?.actions.includes('assign')) out.push({ d, role: step.role });
  }
  return out;
}

/** Field competency ids by field name (national list). */
export async function competencyIds(db: Db, fields: string[]): Promise<Map<string, number>> {
  if (!fields.length) return new Map();
  const rows = await db.selectFrom('competencies').select(['id', 'field']).where('unit_id', 'is', null).where('field', 'in', fields).execute();
  return new Map(rows.map((r) => [r.field!, r.id]));
}

const fmt = (x: number) => String(round2(x)).replace('.', ',');

/**
 * Suggestions: first every open dossier of an absent official, then, greedily, a dossier from the most loaded
 * official (above the mean of those holding the same role) to the least loaded competent one, while the move
 * narrows the gap between them. Overdue dossiers stay where they are (a new hand would not save them), except
 * an absent official's. Never to an inactive or absent account.
 */
export async function suggestReassignments(ctx: AppContext, actor: Actor, unitCode: string, absent: number[]) {
  const scope = await workScope(ctx, actor, unitCode, undefined, false);
  if (scope.kind !== 'unit') throw forbidden({ vi: 'Gợi ý điều chuyển hồ sơ dành cho lãnh đạo đơn vị.', en: 'Reassignment suggestions are for the unit leaders.' });
  const now = ctx.clock.now();
  const [officials, open] = await Promise.all([unitOfficials(ctx.db, scope.unitIds), openDossiers(ctx.db, scope.unitIds, now)]);
  const away = new Set(absent);
  const byId = new Map(officials.map((o) => [o.id, o]));
  const load = new Map<number, number>(officials.map((o) => [o.id, 0]));
  for (const d of open) if (d.assigneeId !== null && load.has(d.assigneeId)) load.set(d.assigneeId, load.get(d.assigneeId)! + d.weight);
  const candidates = (await movable(ctx.db, open)).filter((m) => byId.has(m.d.assigneeId!) || away.has(m.d.assigneeId!));
  const comps = await competencyIds(ctx.db, [...new Set(candidates.map((m) => m.d.field))]);
  const held = await heldLevels(ctx.db, officials.map((o) => o.id));
  const levelOf = (o: Official, field: string) => {
    const c = comps.get(field);
    return c === undefined ? 0 : (held.get(o.id)?.get(c)?.level ?? 0);
  };
  const eligible = (m: Movable, fromId: number) =>
    officials.filter((o) => o.id !== fromId && !away.has(o.id) && o.roles.includes(m.role) && levelOf(o, m.d.field) >= COMPETENT_LEVEL);
  const meanFor = (role: Role) => {
    const pool = officials.filter((o) => o.roles.includes(role) && !away.has(o.id));
    return pool.length ? pool.reduce((a, o) => a + load.get(o.id)!, 0) / pool.length : 0;
  };
  const lightest = (list: Official[]) => [...list].sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.fullName.localeCompare(b.fullName, 'vi'))[0];
  const nameOf = async (id: number) => byId.get(id)?.fullName ?? (await ctx.db.selectFrom('accounts').select('full_name').where('id', '=', id).executeTakeFirst())?.full_name ?? '';

  const items: SuggestionItem[] = [];
  const uncovered: Array<{ dossier: { id: number; code: string; field: string; dueAt: Date | null }; from: { id: number; fullName: string }; role: Role }> = [];
  const push = async (m: Movable, to: Official, isAbsent: boolean) => {
    const fromId = m.d.assigneeId!;
    const fromName = await nameOf(fromId);
    const fromW = load.get(fromId) ?? 0;
    const toW = load.get(to.id)!;
    const level = levelOf(to, m.d.field);
    const role = ROLE_NAMES[m.role];
    const why: Msg = isAbsent
      ? { vi: `${fromName} vắng mặt`, en: `${fromName} is away` }
      : { vi: `${fromName} đang giữ ${fmt(fromW)} hồ sơ quy đổi, ${to.fullName} ${fmt(toW)}`, en: `${fromName} holds ${fmt(fromW)} converted dossiers, ${to.fullName} ${fmt(toW)}` };
    items.push({
      dossier: { id: m.d.id, code: m.d.code, procedure: m.d.procedure.name, field: m.d.field, dueAt: m.d.dueAt, weight: m.d.weight, step: m.d.step },
      from: { id: fromId, fullName: fromName, weighted: round2(fromW), absent: isAbsent },
      to: { id: to.id, fullName: to.fullName, weighted: round2(toW), level },
      role: m.role,
      reason: {
        vi: `${why.vi}; ${to.fullName} có vai trò ${role.vi.toLowerCase()} và đạt mức ${level} về lĩnh vực ${m.d.field}.`,
        en: `${why.en}; ${to.fullName} holds the ${role.en.toLowerCase()} role and level ${level} in ${m.d.field}.`,
      },
    });
    if (load.has(fromId)) load.set(fromId, fromW - m.d.weight);
    load.set(to.id, toW + m.d.weight);
  };

  // An absent official's dossiers all need another hand, the most urgent first.
  for (const m of candidates.filter((c) => away.has(c.d.assigneeId!))) {
    const to = lightest(eligible(m, m.d.assigneeId!));
    if (to) await push(m, to, true);
    else uncovered.push({ dossier: { id: m.d.id, code: m.d.code, field: m.d.field, dueAt: m.d.dueAt }, from: { id: m.d.assigneeId!, fullName: await nameOf(m.d.assigneeId!) }, role: m.role });
  }
  // Then balance: the dossier with the most time left goes first, it is the easiest to hand over.
  const pending = candidates.filter((c) => !away.has(c.d.assigneeId!) && !c.d.overdue).sort((a, b) => (b.d.dueAt?.getTime() ?? Infinity) - (a.d.dueAt?.getTime() ?? Infinity));
  for (let moved = true; moved && items.length < 100; ) {
    moved = false;
    pending.sort((a, b) => load.get(b.d.assigneeId!)! - load.get(a.d.assigneeId!)!);
    for (let i = 0; i < pending.length; i++) {
      const m = pending[i]!;
      const fromId = m.d.assigneeId!;
      if (load.get(fromId)! <= meanFor(m.role)) continue;
      const to = lightest(eligible(m, fromId));
      if (!to || load.get(fromId)! - load.get(to.id)! <= m.d.weight) continue;
      await push(m, to, false);
      pending.splice(i, 1);
      moved = true;
      break;
    }
  }
  return { items, uncovered, weights: { rule: WEIGHT_RULE } };
}
