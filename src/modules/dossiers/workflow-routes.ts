// Workflow administration: which steps, roles and time shares a procedure's dossiers go through at a unit.
// Reading is open to every official. A system admin sets any workflow; a centre admin only the override of
// a procedure at their own unit. Each change is a new version; dossiers keep the workflow they started with.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { requireGrant, type Actor } from '../people/actor.js';
import type { UnitInfo } from '../units/directory.js';
import { ProcedureCode } from '../catalogue/schema.js';
import { findProcedureId, lockProcedure } from '../catalogue/store.js';
import { DEFAULT_WORKFLOW, Workflow } from './workflow.js';
import { findWorkflow, findWorkflowExactly, replaceWorkflow, type FoundWorkflow } from './workflow-store.js';

const UnitCode = z.string().trim().regex(/^\d{2,5}$/);

const WorkflowView = z.object({
  id: z.number().int().nullable(),
  version: z.number().int(),
  /** Where the row applies: null procedure = every procedure, null unit = every unit. */
  appliesTo: z.object({
    procedure: z.string().nullable(),
    unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  }),
  definition: Workflow,
  createdAt: z.string().nullable(),
});
type WorkflowView = z.infer<typeof WorkflowView>;

const SetWorkflow = z
  .object({
    /** A unit code for that unit's override; left out, the procedure's workflow for every unit. */
    unit: UnitCode.optional(),
    definition: Workflow,
  })
  .strict();

export function workflowRoutes(app: App, ctx: AppContext): void {
  const unitByCode = async (code: string | undefined, field: string): Promise<UnitInfo | null> => {
    if (code === undefined) return null;
    await ctx.units.ready();
    const unit = ctx.units.byCode(code);
    if (!unit) throw badInput(field, { vi: `Không có đơn vị hành chính mã ${code}.`, en: `No unit with code ${code}.` });
    return unit;
  };
  const procedureNotFound = (code: string) => notFound({ vi: `thủ tục mã ${code}`, en: `procedure ${code}` });
  /** `code` is the procedure asked about; the row names it only when it is that procedure's own. */
  const view = async (w: FoundWorkflow, code: string | null): Promise<WorkflowView> => {
    await ctx.units.ready();
    const unit = w.unitId === null ? undefined : ctx.units.byId(w.unitId);
    return {
      id: w.id,
      version: w.version,
      appliesTo: { procedure: w.procedureId === null ? null : code, unit: unit ? { code: unit.code, name: unit.name } : null },
      definition: w.definition,
      createdAt: w.createdAt.toISOString(),
    };
  };

  app.get('/api/procedures/:code/workflow', {
    schema: {
      tags: ['workflows'],
      summary: 'Quy trình đang áp dụng cho thủ tục tại đơn vị (The workflow in force)',
      description:
        'Dòng cụ thể nhất trong: (thủ tục, đơn vị), (thủ tục, mọi đơn vị), (mọi thủ tục, đơn vị), mặc định. ' +
        '/ The most specific of (procedure, unit), (procedure, every unit), (every procedure, unit), the default.',
      params: z.object({ code: ProcedureCode }),
      querystring: z.object({ unit: UnitCode.optional() }),
      response: { 200: WorkflowView },
    },
    handler: async (req) => {
      requireOfficial(requireActor(req));
      const unit = await unitByCode(req.query.unit, 'querystring.unit');
      const procedureId = await findProcedureId(ctx.db, req.params.code);
      if (procedureId === undefined) throw procedureNotFound(req.params.code);
      return view(await findWorkflow(ctx.db, procedureId, unit?.id ?? null), req.params.code);
    },
  });

  app.put('/api/procedures/:code/workflow', {
    schema: {
      tags: ['workflows'],
      summary: 'Đặt quy trình của thủ tục (Set a procedure’s workflow)',
      description:
        'Quản trị hệ thống: mọi phạm vi. Quản trị trung tâm: chỉ quy trình riêng của đơn vị mình (`unit`). ' +
        '/ System admin: any scope. Centre admin: only their own unit’s override (`unit`).',
      params: z.object({ code: ProcedureCode }),
      body: SetWorkflow,
      response: { 200: WorkflowView },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const unit = await unitByCode(req.body.unit, 'body.unit');
      const role = authorise(actor, unit, ctx);
      const code = req.params.code;
      const now = ctx.clock.now();
      const saved = await ctx.db.transaction().execute(async (tx) => {
        // Writers of one procedure's workflows queue on its row, so versions never collide.
        const procedureId = await lockProcedure(tx, code);
        if (procedureId === undefined) throw procedureNotFound(code);
        const r = await replaceWorkflow(tx, { procedureId, unitId: unit?.id ?? null }, req.body.definition, { accountId: actor.accountId, at: now });
        await appendAudit(tx, {
          chain: chainForUnit(unit?.id ?? null),
          at: now,
          actorId: actor.accountId,
          actorRole: role,
          action: 'workflow.set',
          entity: 'workflow',
          entityId: String(r.id),
          details: { procedure: code, unit: unit?.code ?? null, version: r.version, previousId: r.previousId },
        });
        return findWorkflowExactly(tx, procedureId, unit?.id ?? null);
      });
      return view(saved!, code);
    },
  });

  app.get('/api/workflows/default', {
    schema: {
      tags: ['workflows'],
      summary: 'Quy trình mặc định (The default workflow)',
      response: { 200: WorkflowView },
    },
    handler: async (req) => {
      requireOfficial(requireActor(req));
      const row = await findWorkflowExactly(ctx.db, null, null);
      if (row) return view(row, null);
      return { id: null, version: 0, appliesTo: { procedure: null, unit: null }, definition: DEFAULT_WORKFLOW, createdAt: null };
    },
  });
}

function requireOfficial(actor: Actor): void {
  if (actor.grants.length === 0) throw forbidden();
}

/** The role the change is made under: system_admin for any scope, centre_admin for their unit's override. */
function authorise(actor: Actor, unit: UnitInfo | null, ctx: AppContext): 'system_admin' | 'centre_admin' {
  if (actor.grants.some((g) => g.role === 'system_admin')) return 'system_admin';
  if (!unit) {
    throw forbidden({
      vi: 'Chỉ quản trị hệ thống được đặt quy trình chung cho mọi đơn vị; quản trị trung tâm hãy chọn đơn vị của mình.',
      en: 'Only a system admin may set the workflow for every unit; a centre admin must name their own unit.',
    });
  }
  requireGrant(actor, ['centre_admin'], unit.id, ctx.units);
  return 'centre_admin';
}
