// A leader's decision on a reassignment (capacity.md §D.4: the leader decides, the system logs it), and the list
// of decisions. An accepted one reassigns the dossier through the workflow's own 'assign' action.
import type { AppContext } from '../../../context.js';
import { AppError, badInput, domainRule, forbidden } from '../../../errors.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { loadWorkCalendar } from '../../calendar/store.js';
import { rolesAt, type Actor } from '../../people/actor.js';
import { ROLE_NAMES } from '../../people/roles.js';
import { ACTION_NAMES, allowedActions, rolesFor } from '../../dossiers/rules.js';
import { applyDecision, getDossierRow, loadState } from '../../dossiers/store.js';
import { decide } from '../../dossiers/transitions.js';
import { getStep, Workflow } from '../../dossiers/workflow.js';
import { CAPACITY_LEADERS } from '../access.js';
import { COMPETENT_LEVEL, heldLevels, unitOfficials } from '../levels.js';
import { workScope } from './scope.js';
import { competencyIds } from './workload.js';

export interface ReassignInput {
  dossierId: number;
  toAccountId: number;
  suggested: boolean;
  decision: 'accepted' | 'rejected';
  reason?: string;
}

/**
 * Records a leader's decision on a reassignment. Accepted: the dossier is assigned to the official through the
 * workflow's own 'assign' action (the same checks, state change, history, outbox and audit as on the dossier
 * page) in the same transaction as the decision. The official must be active, of the unit, hold the step's role
 * and a level ≥ 2 in the dossier's field.
 */
export async function decideReassignment(ctx: AppContext, actor: Actor, input: ReassignInput) {
  await ctx.units.ready();
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await getDossierRow(tx, input.dossierId, true);
    const unitId = row.handling_unit_id;
    const grant = actor.grants.find((g) => CAPACITY_LEADERS.includes(g.role) && ctx.units.covers(g.unitId, unitId));
    if (!grant) throw forbidden({ vi: 'Chỉ lãnh đạo đơn vị đang giữ hồ sơ mới quyết định điều chuyển.', en: 'Only a leader of the unit holding the dossier decides a reassignment.' });
    if (row.is_practice) throw badInput('dossierId', { vi: 'Hồ sơ thực hành không được điều chuyển.', en: 'A practice dossier is not reassigned.' });
    if (row.closed_at) throw domainRule({ vi: 'Hồ sơ đã kết thúc.', en: 'The dossier is closed.' });
    if (input.toAccountId === row.assignee_id) throw badInput('toAccountId', { vi: 'Hồ sơ đã được giao cho cán bộ này.', en: 'The dossier is already assigned to this official.' });
    const to = (await unitOfficials(tx, ctx.units.covered(unitId))).find((o) => o.id === input.toAccountId);
    if (!to) throw badInput('toAccountId', { vi: 'Người nhận không phải cán bộ đang làm việc tại đơn vị.', en: 'The receiving official is not an active official of the unit.' });
    const workflow = Workflow.parse((await tx.selectFrom('workflows').select('definition').where('id', '=', row.workflow_id).executeTakeFirstOrThrow()).definition);
    const step = getStep(workflow, row.step);
    const version = await tx.selectFrom('procedure_versions').select('field').where('id', '=', row.procedure_version_id).executeTakeFirstOrThrow();
    const comp = (await competencyIds(tx, [version.field])).get(version.field);
    const level = comp === undefined ? 0 : ((await heldLevels(tx, [to.id])).get(to.id)?.get(comp)?.level ?? 0);
    const figures = { field: version.field, step: row.step, toLevel: level };

    if (input.decision === 'accepted') {
      if (step && !to.roles.includes(step.role)) {
        throw domainRule({
          vi: `${to.fullName} không có vai trò ${ROLE_NAMES[step.role].vi.toLowerCase()} của bước hiện tại.`,
          en: `${to.fullName} does not hold the current step's ${ROLE_NAMES[step.role].en.toLowerCase()} role.`,
        });
      }
      if (level < COMPETENT_LEVEL) {
        throw domainRule({
          vi: `${to.fullName} mới đạt mức ${level} về lĩnh vực ${version.field} (cần từ mức ${COMPETENT_LEVEL}).`,
          en: `${to.fullName} holds level ${level} in ${version.field} (level ${COMPETENT_LEVEL} or more is needed).`,
        });
      }
      // The workflow's own path for 'assign', as dossiers/service.ts act() takes it.
      const state = await loadState(tx, row);
      const allowed = allowedActions(state, workflow);
      if (!allowed.includes('assign')) {
        throw new AppError(
          'illegal_action',
          {
            vi: `Không thể phân công lại khi hồ sơ đang ở trạng thái hiện tại. Được phép: ${allowed.map((a) => ACTION_NAMES[a].vi).join(', ') || 'không có'}.`,
            en: `The dossier cannot be reassigned in its current state. Allowed: ${allowed.join(', ') || 'none'}.`,
          },
          { allowed: [...allowed] },
        );
      }
      const role = rolesFor('assign', state, workflow).find((r) => rolesAt(actor, row.unit_id, ctx.units).includes(r));
      if (!role) throw forbidden({ vi: 'Phân công hồ sơ cần vai trò lãnh đạo phòng hoặc lãnh đạo đơn vị.', en: 'Assigning a dossier needs the head of office or unit leader role.' });
      const d = decide('assign', state, { assigneeId: to.id, note: input.reason }, { now, cal: await loadWorkCalendar(tx, row.unit_id), workflow, actorId: actor.accountId });
      await applyDecision(tx, row, 'assign', d, { accountId: actor.accountId, role, name: actor.fullName }, now);
    }
    const inserted = await tx
      .insertInto('reassignment_decisions')
      .values({
        unit_id: unitId,
        dossier_id: row.id,
        from_account_id: row.assignee_id,
        to_account_id: to.id,
        suggested: input.suggested,
        decision: input.decision,
        reason: input.reason?.trim() || null,
        decided_by: actor.accountId,
        decided_at: now,
        suggestion: JSON.stringify(figures),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: chainForUnit(unitId),
      at: now,
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'capacity.reassignment_decided',
      entity: 'dossier',
      entityId: row.code,
      details: { decisionId: Number(inserted.id), from: row.assignee_id, to: to.id, decision: input.decision, suggested: input.suggested },
    });
    return { id: Number(inserted.id), decision: input.decision, dossier: { id: row.id, code: row.code }, assigneeId: input.decision === 'accepted' ? to.id : row.assignee_id };
  });
}

export async function listReassignments(ctx: AppContext, actor: Actor, unitCode: string) {
  const scope = await workScope(ctx, actor, unitCode, undefined, false);
  if (scope.kind !== 'unit') throw forbidden({ vi: 'Các quyết định điều chuyển dành cho lãnh đạo đơn vị.', en: 'Reassignment decisions are for the unit leaders.' });
  const rows = await ctx.db
    .selectFrom('reassignment_decisions as r')
    .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
    .leftJoin('accounts as f', 'f.id', 'r.from_account_id')
    .leftJoin('accounts as t', 't.id', 'r.to_account_id')
    .innerJoin('accounts as b', 'b.id', 'r.decided_by')
    .select(['r.id', 'd.id as dossier_id', 'd.code', 'r.from_account_id', 'f.full_name as from_name', 'r.to_account_id', 't.full_name as to_name', 'r.suggested', 'r.decision', 'r.reason', 'b.full_name as decided_by', 'r.decided_at'])
    .where('r.unit_id', 'in', scope.unitIds)
    .orderBy('r.decided_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(500)
    .execute();
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      dossier: { id: Number(r.dossier_id), code: r.code },
      from: r.from_account_id === null ? null : { id: r.from_account_id, fullName: r.from_name ?? '' },
      to: r.to_account_id === null ? null : { id: r.to_account_id, fullName: r.to_name ?? '' },
      suggested: r.suggested,
      decision: r.decision,
      reason: r.reason,
      decidedBy: r.decided_by,
      decidedAt: r.decided_at,
    })),
  };
}

