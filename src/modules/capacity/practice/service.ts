// Practice mode's commands and reads: starting an attempt creates a practice dossier that arrives like an online
// submission waiting for receipt; the official works it on the real screens; finishing scores the attempt from
// what they did there and what they answered, and records the result as evidence of competence.
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { AppError, badInput, conflict, domainRule, forbidden, notFound, type Msg } from '../../../errors.js';
import { bi } from '../../../http/errors.js';
import { isoVn } from '../../../http/time.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { loadWorkCalendar } from '../../calendar/store.js';
import { getVersionAt, getVersionById } from '../../catalogue/store.js';
import { limitFor } from '../../catalogue/domain.js';
import { createDossier } from '../../dossiers/service.js';
import { findWorkflow } from '../../dossiers/workflow-store.js';
import { recordSubmitted } from '../../dossiers/store.js';
import { findGrant, type Actor } from '../../people/actor.js';
import type { UnitInfo } from '../../units/directory.js';
import { LocalDay } from '../../satisfaction/scope.js';
import { CAPACITY_LEADERS, STAFF_ROLES, requireUnitLeader, unitByCode } from '../access.js';
import { competencyForField, heldLevels } from '../levels.js';
import { expectedDueDate, levelForScore, practiceCode, scoreAttempt, type Answers } from './domain.js';
import { attemptStats, dossierComponents, findAttempts, findScenarios, observedDecision, type AttemptRow, type ScenarioRow } from './store.js';

export const StartInput = z.object({
  scenarioId: z.number().int().positive(bi('Chọn một tình huống thực hành', 'Choose a practice scenario')),
  /** The unit to practise in, when the official works in several. */
  unit: z.string().trim().regex(/^\d{5}$/, bi('Mã đơn vị xã gồm 5 chữ số', 'A commune code has 5 digits')).optional(),
});

export const FinishInput = z.object({
  answers: z
    .object({
      fee: z.number().int(bi('Lệ phí là số đồng nguyên', 'The fee is a whole number of đồng')).min(0, bi('Lệ phí không âm', 'The fee cannot be negative')).max(1_000_000_000).nullable().optional(),
      dueDate: LocalDay.nullable().optional(),
      originals: z.array(z.string().trim().min(1).max(80)).max(60).optional(),
      note: z.string().trim().max(2000).optional(),
    })
    .default({}),
});
export type FinishInput = z.infer<typeof FinishInput>;

/** The communes where the actor works as an official (any staff role). */
function staffUnits(ctx: AppContext, actor: Actor): UnitInfo[] {
  const ids = [...new Set(actor.grants.filter((g) => STAFF_ROLES.includes(g.role)).map((g) => g.unitId))];
  return ids.map((id) => ctx.units.byId(id)).filter((u): u is UnitInfo => !!u && u.kind !== 'province');
}

const NOT_OFFICIAL: Msg = { vi: 'Chỉ cán bộ của một xã, phường mới thực hành được.', en: 'Only officials of a commune or ward can practise.' };

function practiceUnit(ctx: AppContext, actor: Actor, code: string | undefined): UnitInfo {
  const units = staffUnits(ctx, actor);
  if (!units.length) throw forbidden(NOT_OFFICIAL);
  if (!code) return units[0]!;
  const unit = units.find((u) => u.code === code);
  if (!unit) throw badInput('unit', { vi: `Bạn không làm việc tại đơn vị mã ${code}.`, en: `You do not work at unit ${code}.` });
  return unit;
}

export async function listScenarios(ctx: AppContext, actor: Actor) {
  await ctx.units.ready();
  if (!staffUnits(ctx, actor).length) throw forbidden(NOT_OFFICIAL);
  const [scenarios, stats] = await Promise.all([findScenarios(ctx.db), attemptStats(ctx.db, actor.accountId)]);
  return {
    items: scenarios.map((s) => {
      const st = stats.get(s.id);
      return {
        id: s.id,
        code: s.code,
        title: { vi: s.titleVi, en: s.titleEn },
        brief: { vi: s.briefVi, en: s.briefEn },
        procedure: { code: s.procedureCode, name: s.procedureName, field: s.field },
        level: s.level,
        problems: [...new Set(s.planted.map((p) => p.kind))],
        timeTargetMinutes: s.timeTargetMinutes,
        attempts: st?.attempts ?? 0,
        best: st?.best ?? null,
        openAttemptId: st?.openAttemptId ?? null,
      };
    }),
  };
}

const alreadyOpen = (attemptId?: number) =>
  new AppError(
    'conflict',
    { vi: 'Bạn đang có một lượt chưa hoàn thành cho tình huống này: hãy hoàn thành lượt đó trước.', en: 'You have an unfinished attempt at this scenario: finish it first.' },
    attemptId ? { details: { attemptId } } : {},
  );

/** Creates the attempt and its practice dossier, in one transaction. */
export async function startAttempt(ctx: AppContext, actor: Actor, input: z.infer<typeof StartInput>) {
  await ctx.units.ready();
  const unit = practiceUnit(ctx, actor, input.unit);
  const scenario = (await findScenarios(ctx.db, input.scenarioId))[0];
  if (!scenario) throw notFound({ vi: `tình huống thực hành số ${input.scenarioId}`, en: `practice scenario ${input.scenarioId}` });
  const now = ctx.clock.now();
  const version = await getVersionAt(ctx.db, scenario.procedureCode, now);
  const channel = scenario.dossier.channel;
  const catalogue = limitFor(version.channels, channel);
  const limit = catalogue.ok ? catalogue.limit : scenario.dossier.limit;
  if (!limit) throw domainRule(catalogue.ok ? { vi: 'Tình huống thiếu thời hạn giải quyết.', en: 'The scenario has no time limit.' } : catalogue.reason);
  const fee = scenario.dossier.declaredFee ?? (catalogue.ok ? catalogue.fee : null);
  const known = new Set(version.components.map((c) => c.key));
  const provided = scenario.dossier.provided.map((p) => p.key).filter((k) => known.has(k));
  const workflow = await findWorkflow(ctx.db, version.procedureId, unit.id);

  const id = await ctx.db.transaction().execute(async (tx) => {
    const open = await tx
      .selectFrom('practice_attempts')
      .select('id')
      .where('account_id', '=', actor.accountId)
      .where('scenario_id', '=', scenario.id)
      .where('finished_at', 'is', null)
      .executeTakeFirst();
    if (open) throw alreadyOpen(Number(open.id));
    const attempt = await tx
      .insertInto('practice_attempts')
      .values({ scenario_id: scenario.id, account_id: actor.accountId, unit_id: unit.id, started_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const attemptId = Number(attempt.id);
    const applicant = { kind: 'citizen' as const, ...scenario.dossier.applicant };
    const created = await createDossier(tx, {
      unitId: unit.id,
      identifier: unit.identifier,
      version,
      workflowId: workflow.id,
      channel,
      applicant,
      subject: scenario.dossier.subject,
      setsCount: 1,
      resultDelivery: 'counter',
      limit,
      fee,
      // The practising official is the one who receives it: only they (and the unit's leaders) see it.
      receiverId: actor.accountId,
      source: 'practice',
      components: [],
      actor: { accountId: null, role: 'applicant', name: applicant.name },
      now,
    });
    // A code of its own shape, never the unit's day counter: a practice dossier never takes a real number.
    const row = await tx
      .updateTable('dossiers')
      .set({ code: practiceCode(unit.code, attemptId), is_practice: true })
      .where('id', '=', created.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (provided.length) await tx.updateTable('dossier_components').set({ provided: true }).where('dossier_id', '=', row.id).where('component_key', 'in', provided).execute();
    await tx.updateTable('practice_attempts').set({ dossier_id: row.id }).where('id', '=', attemptId).execute();
    // The outbox event carries practice: true, so no connected system takes it (they all skip practice).
    await recordSubmitted(tx, row, { accountId: null, role: 'applicant', name: applicant.name }, now);
    await appendAudit(tx, {
      chain: chainForUnit(unit.id),
      at: now,
      actorId: actor.accountId,
      actorRole: null,
      action: 'practice.started',
      entity: 'practice_attempt',
      entityId: String(attemptId),
      details: { scenario: scenario.code, dossier: row.code },
    });
    return attemptId;
  }).catch((e: unknown) => {
    // Two starts at once: the unique index on open attempts lets one through.
    if ((e as { code?: string }).code === '23505' && String((e as Error).message).includes('practice_attempts_open_uq')) throw alreadyOpen();
    throw e;
  });
  return getAttempt(ctx, actor, id);
}

/** The attempt if the actor may see it: their own, or one of a unit they lead. */
async function visibleAttempt(ctx: AppContext, actor: Actor, id: number, forUpdate = false, db = ctx.db): Promise<AttemptRow> {
  const row = (await findAttempts(db, { id, forUpdate }))[0];
  if (!row) throw notFound({ vi: `lượt thực hành số ${id}`, en: `practice attempt ${id}` });
  if (row.accountId !== actor.accountId && !findGrant(actor, CAPACITY_LEADERS, row.unitId, ctx.units)) {
    throw forbidden({ vi: 'Bạn chỉ xem được lượt thực hành của mình hoặc của cán bộ đơn vị mình lãnh đạo.', en: 'You may see only your own practice attempts or those of a unit you lead.' });
  }
  return row;
}

export async function getAttempt(ctx: AppContext, actor: Actor, id: number) {
  await ctx.units.ready();
  const row = await visibleAttempt(ctx, actor, id);
  // A scenario an admin has since deactivated still shows with its attempts.
  const scenario = (await findScenarios(ctx.db, row.scenarioId, true))[0]!;
  const components = row.dossierId ? await dossierComponents(ctx.db, row.dossierId) : [];
  return attemptView(ctx, row, scenario, components);
}

export async function listAttempts(ctx: AppContext, actor: Actor, q: { unit?: string | undefined; dossier?: number | undefined }) {
  await ctx.units.ready();
  let rows: AttemptRow[];
  if (q.unit) {
    const unit = unitByCode(ctx, q.unit);
    requireUnitLeader(ctx, actor, unit.id);
    rows = await findAttempts(ctx.db, { unitId: unit.id, ...(q.dossier ? { dossierId: q.dossier } : {}) });
  } else if (q.dossier) {
    // The attempt of one practice dossier: the practising official's, or a leader's of its unit.
    rows = (await findAttempts(ctx.db, { dossierId: q.dossier })).filter((r) => r.accountId === actor.accountId || findGrant(actor, CAPACITY_LEADERS, r.unitId, ctx.units));
  } else {
    rows = await findAttempts(ctx.db, { accountId: actor.accountId });
  }
  const scenarios = new Map((await findScenarios(ctx.db, undefined, true)).map((s) => [s.id, s]));
  return { items: rows.flatMap((r) => (scenarios.has(r.scenarioId) ? [attemptView(ctx, r, scenarios.get(r.scenarioId)!, null)] : [])) };
}

/** Scores the attempt from the practice dossier's history and the answers, and records the competence shown. */
export async function finishAttempt(ctx: AppContext, actor: Actor, id: number, input: FinishInput) {
  await ctx.units.ready();
  const now = ctx.clock.now();
  const answers: Answers = input.answers;
  await ctx.db.transaction().execute(async (tx) => {
    const row = await visibleAttempt(ctx, actor, id, true, tx);
    if (row.accountId !== actor.accountId) throw forbidden({ vi: 'Chỉ người thực hành mới hoàn thành được lượt này.', en: 'Only the official practising can finish this attempt.' });
    if (row.finishedAt) throw conflict({ vi: 'Lượt thực hành này đã hoàn thành.', en: 'This practice attempt is already finished.' });
    const scenario = (await findScenarios(tx, row.scenarioId))[0];
    if (!scenario || !row.dossierId) throw domainRule({ vi: 'Tình huống thực hành này đã ngừng sử dụng.', en: 'This practice scenario is no longer in use.' });
    const components = await dossierComponents(tx, row.dossierId);
    const keys = new Set(components.map((c) => c.key));
    (answers.originals ?? []).forEach((k, i) => {
      if (!keys.has(k)) throw badInput(`answers.originals.${i}`, { vi: `Thành phần "${k}" không thuộc hồ sơ thực hành.`, en: `Component "${k}" is not part of the practice dossier.` });
    });
    const dossier = await tx.selectFrom('dossiers').select(['procedure_version_id', 'channel']).where('id', '=', row.dossierId).executeTakeFirstOrThrow();
    const version = await getVersionById(tx, dossier.procedure_version_id);
    const lim = limitFor(version.channels, dossier.channel as 'online' | 'counter' | 'postal');
    const correctFee = lim.ok ? (lim.fee ?? 0) : scenario.expected.fee;
    const basis = scenario.expected.dueBasis;
    const correctDueDate = basis ? expectedDueDate(await loadWorkCalendar(ctx.db, row.unitId), basis) : null;
    const observed = await observedDecision(tx, row.dossierId, row.accountId);
    const { score, breakdown } = scoreAttempt({
      expected: scenario.expected,
      planted: scenario.planted,
      observed,
      answers,
      correctFee,
      correctDueDate,
      startedAt: row.startedAt,
      finishedAt: now,
      timeTargetMinutes: scenario.timeTargetMinutes,
    });
    await tx
      .updateTable('practice_attempts')
      .set({ finished_at: now, answers: JSON.stringify(answers), decision: observed.decision, score, breakdown: JSON.stringify(breakdown) })
      .where('id', '=', id)
      .execute();
    // Evidence of competence in the procedure's field; a practice never lowers a level held from elsewhere.
    const competencyId = await competencyForField(tx, version.field);
    if (competencyId !== undefined) {
      const held = (await heldLevels(tx, [row.accountId])).get(row.accountId)?.get(competencyId)?.level ?? 0;
      const practiceLevel = levelForScore(score);
      await tx
        .insertInto('competency_assessments')
        .values({
          account_id: row.accountId,
          unit_id: row.unitId,
          competency_id: competencyId,
          level: Math.max(held, practiceLevel),
          source: 'practice',
          evidence: JSON.stringify({ attemptId: id, scenario: scenario.code, score, practiceLevel, heldBefore: held, correctDueDate, correctFee }),
          note: `Thực hành: ${scenario.titleVi} — ${score}/100`,
          assessed_by: null,
          assessed_at: now,
        })
        .execute();
    }
    await appendAudit(tx, {
      chain: chainForUnit(row.unitId),
      at: now,
      actorId: actor.accountId,
      actorRole: null,
      action: 'practice.finished',
      entity: 'practice_attempt',
      entityId: String(id),
      details: { scenario: scenario.code, score, decision: observed.decision },
    });
  });
  return getAttempt(ctx, actor, id);
}

function attemptView(ctx: AppContext, r: AttemptRow, s: ScenarioRow, components: Awaited<ReturnType<typeof dossierComponents>> | null) {
  const unit = ctx.units.byId(r.unitId);
  const name = (k: string) => components?.find((c) => c.key === k)?.name ?? k;
  return {
    id: r.id,
    scenario: {
      id: s.id,
      code: s.code,
      title: { vi: s.titleVi, en: s.titleEn },
      brief: { vi: s.briefVi, en: s.briefEn },
      level: s.level,
      timeTargetMinutes: s.timeTargetMinutes,
      procedure: { code: s.procedureCode, name: s.procedureName, field: s.field },
      limitBasis: s.dossier.limitBasis,
    },
    official: { id: r.accountId, fullName: r.fullName },
    unit: { code: unit?.code ?? '', name: unit?.name ?? '' },
    dossier: r.dossierId ? { id: r.dossierId, code: r.dossierCode!, status: r.dossierStatus! } : null,
    startedAt: isoVn(r.startedAt),
    finishedAt: isoVn(r.finishedAt),
    guidance: s.guidance,
    score: r.score,
    breakdown: r.breakdown,
    decision: r.decision,
    answers: r.finishedAt ? r.answers : null,
    // The components, for the answers form (which need an original); only on the single attempt.
    components: components?.map((c) => ({ key: c.key, name: c.name, originals: c.originals, required: c.required, provided: c.provided })) ?? null,
    // The expected answer is shown once the attempt is finished, to learn from.
    expected:
      r.finishedAt && components
        ? {
            decision: s.expected.decision,
            missing: s.expected.missing.map((k) => ({ key: k, name: name(k) })),
            originals: s.expected.originals.map((k) => ({ key: k, name: name(k) })),
            refusal: s.planted.flatMap((p) => (p.kind === 'refusal_ground' ? [p.reason] : []))[0] ?? null,
          }
        : null,
  };
}
