// Dossier commands: intake and every lifecycle action, each one transaction. Checks who is asking and for
// which unit, asks the pure rules what is allowed, then lets the store write state, history, outbox and audit.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB, DossierRow } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { AppError, badInput, domainRule, forbidden } from '../../errors.js';
import { bi } from '../../http/errors.js';
import type { Actor } from '../people/actor.js';
import { rolesAt, unitsWithRole } from '../people/actor.js';
import type { Role } from '../people/roles.js';
import { loadWorkCalendar } from '../calendar/store.js';
import type { Limit } from '../calendar/index.js';
import { getVersionAt, type ProcedureVersion } from '../catalogue/store.js';
import { limitFor } from '../catalogue/domain.js';
import { findWorkflow } from './workflow-store.js';
import { Workflow, type ActionName } from './workflow.js';
import { ACTION_NAMES, allowedActions, rolesFor } from './rules.js';
import { ActionInputs, decide, type ActionInput } from './transitions.js';
import { announceDecision, applyDecision, getDossierRow, loadState, newDossierState, recordSubmitted, writeHistory, type ActorStamp } from './store.js';
import { formatDossierCode, nextSequence } from './code.js';
import { withIdempotency, type IdempotencyKey } from './idempotency.js';
import { actingRoles, canRead } from './access.js';
import { applicantSources, lookupForIntake, recordDataSources } from '../integrations/population/provenance.js';
import { checkReuse, linkReused, REUSE_ROLES } from '../integrations/population/reuse.js';
import { remoteTransferTarget } from '../integrations/federation/peers.js';

export const Applicant = z.object({
  kind: z.enum(['citizen', 'organisation']).default('citizen'),
  name: z.string().trim().min(2).max(200),
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{12}$/, bi('Số định danh cá nhân phải gồm đúng 12 chữ số', 'The personal ID number must be exactly 12 digits'))
    .optional(),
  phone: z
    .string()
    .trim()
    .regex(/^(\+84|0)\d{9,10}$/, bi('Số điện thoại không hợp lệ (ví dụ 0912345678)', 'Invalid phone number (e.g. 0912345678)'))
    .optional(),
  email: z.email(bi('Địa chỉ email không hợp lệ', 'Invalid email address')).max(200).optional(),
  address: z.string().trim().max(500).optional(),
});

export const IntakeInput = z.object({
  procedureCode: z.string().trim().min(1).max(40),
  unitCode: z.string().regex(/^\d{5}$/, bi('Mã đơn vị xã gồm 5 chữ số', 'A commune code has 5 digits')).optional(),
  channel: z.enum(['counter', 'online', 'postal']).default('counter'),
  applicant: Applicant,
  subject: z.string().trim().max(1000).optional(),
  setsCount: z.number().int().min(1).max(100).default(1),
  resultDelivery: z.enum(['counter', 'postal', 'online']).default('counter'),
  /** Components handed in, by key, with their scanned files. */
  components: z.array(z.object({ key: z.string().min(1).max(80), fileIds: z.array(z.uuid()).max(20).default([]) })).max(100).default([]),
  /** What the receiving officer decides at the counter. */
  decision: z.enum(['receive', 'request_supplement', 'refuse', 'none']).default('receive'),
  missing: ActionInputs.request_supplement.shape.missing.optional(),
  reason: z.string().trim().max(2000).optional(),
  note: z.string().trim().max(2000).optional(),
  /** The lookup in the population database (GET /api/population/citizens/{idNumber}) the applicant's details came from. */
  populationLookupId: z.uuid().optional(),
  /** Documents digitised in the applicant's earlier dossiers, linked to components instead of scanned again. */
  reuse: z.array(z.object({ componentKey: z.string().min(1).max(80), fileId: z.uuid() })).max(50).optional(),
});
export type IntakeInput = z.infer<typeof IntakeInput>;

const RECEIVERS: readonly Role[] = ['receiving_officer'];

function stamp(actor: Actor, role: string | null) {
  return { accountId: actor.accountId, role, name: actor.fullName };
}

/** Intake at the counter (or recording a postal / online dossier): create, then receive, ask or refuse. */
export async function intake(ctx: AppContext, actor: Actor, input: IntakeInput, idem: IdempotencyKey | null): Promise<{ status: number; body: { id: number; code: string } }> {
  await ctx.units.ready();
  const unit = input.unitCode ? ctx.units.byCode(input.unitCode) : undefined;
  if (input.unitCode && !unit) throw badInput('unitCode', { vi: `Không có đơn vị mã ${input.unitCode}.`, en: `No unit with code ${input.unitCode}.` });
  const receiverGrants = actor.grants.filter((g) => RECEIVERS.includes(g.role));
  const unitId = unit?.id ?? (receiverGrants.length === 1 ? receiverGrants[0]!.unitId : undefined);
  if (!unitId) throw badInput('unitCode', { vi: 'Cần chọn đơn vị tiếp nhận.', en: 'Choose the receiving unit.' });
  if (!receiverGrants.some((g) => ctx.units.covers(g.unitId, unitId))) {
    throw forbidden({ vi: 'Chỉ cán bộ tiếp nhận của đơn vị mới được tiếp nhận hồ sơ.', en: "Only the unit's receiving officers can receive dossiers." });
  }
  const target = ctx.units.byId(unitId)!;
  if (target.mergedIntoId) {
    throw domainRule({ vi: `${target.name} đã sáp nhập; hãy tiếp nhận tại đơn vị kế thừa.`, en: `${target.name} was merged; receive at its successor.` });
  }
  const now = ctx.clock.now();
  const version = await getVersionAt(ctx.db, input.procedureCode, now);
  const limit = limitFor(version.channels, input.channel);
  if (!limit.ok) throw domainRule(limit.reason);
  const known = new Set(version.components.map((c) => c.key));
  input.components.forEach((c, i) => {
    if (!known.has(c.key)) throw badInput(`components.${i}.key`, { vi: `Thành phần "${c.key}" không thuộc thủ tục ${version.code}.`, en: `Component "${c.key}" is not part of procedure ${version.code}.` });
  });
  (input.reuse ?? []).forEach((r, i) => {
    if (!known.has(r.componentKey)) throw badInput(`reuse.${i}.componentKey`, { vi: `Thành phần "${r.componentKey}" không thuộc thủ tục ${version.code}.`, en: `Component "${r.componentKey}" is not part of procedure ${version.code}.` });
  });
  const workflow = await findWorkflow(ctx.db, version.procedureId, unitId);
  const cal = await loadWorkCalendar(ctx.db, unitId);
  const role = 'receiving_officer';

  return withIdempotency(ctx, `account:${actor.accountId}`, idem, input, async (tx) => {
    await checkFiles(tx, input.components.flatMap((c) => c.fileIds), actor);
    const lookup = input.populationLookupId ? await lookupForIntake(tx, input.populationLookupId, actor.accountId, input.applicant.idNumber, now) : null;
    const reused = await checkReuse(tx, unitsWithRole(actor, REUSE_ROLES, ctx.units), input.applicant.idNumber, input.reuse ?? []);
    const row = await createDossier(tx, {
      unitId,
      identifier: target.identifier,
      version,
      workflowId: workflow.id,
      channel: input.channel,
      applicant: input.applicant,
      subject: input.subject ?? null,
      setsCount: input.setsCount,
      resultDelivery: input.resultDelivery,
      limit: limit.limit,
      fee: limit.fee,
      receiverId: actor.accountId,
      components: input.components,
      actor: stamp(actor, role),
      now,
    });
    // Where each datum came from, and the reused documents, are part of the intake itself.
    const reusedSources = await linkReused(tx, row.id, reused, actor.accountId, now);
    await recordDataSources(tx, row.id, [...applicantSources(input.applicant, lookup), ...reusedSources], now);
    const provided = [...new Set([...input.components.map((c) => c.key), ...reused.map((r) => r.componentKey)])];
    let final: DossierRow = row;
    if (input.decision !== 'none') {
      const state = newDossierState(row, version.components, []);
      const env = { now, cal, workflow: workflow.definition, actorId: actor.accountId };
      const d =
        input.decision === 'receive'
          ? decide('receive', state, { components: provided, note: input.note }, env)
          : input.decision === 'refuse'
            ? decide('refuse', state, parseAction('refuse', { reason: input.reason }), env)
            : decide('request_supplement', state, parseAction('request_supplement', { missing: input.missing ?? [], reason: input.reason }), env);
      // Components handed in count even when the dossier is refused or sent back for a supplement.
      if (input.decision !== 'receive' && provided.length) d.effects.push({ kind: 'mark_components', keys: provided });
      const decided = await applyDecision(tx, row, input.decision, d, stamp(actor, role), now, { announce: false });
      final = await numberDossier(tx, decided, target.identifier, now);
      await announceDecision(tx, row, input.decision, final, stamp(actor, role), now);
    } else {
      final = await numberDossier(tx, row, target.identifier, now);
      await recordSubmitted(tx, final, stamp(actor, role), now);
    }
    return { status: 201, body: { id: final.id, code: final.code } };
  });
}

export interface NewDossier {
  unitId: number;
  identifier: string;
  version: ProcedureVersion;
  workflowId: number;
  channel: 'counter' | 'online' | 'postal';
  applicant: z.infer<typeof Applicant>;
  subject: string | null;
  setsCount: number;
  resultDelivery: 'counter' | 'postal' | 'online';
  limit: Limit;
  fee: number | null;
  receiverId: number | null;
  /** Where the dossier came from when MotCua did not receive it itself, e.g. 'national_portal'. */
  source?: string | null;
  components: Array<{ key: string; fileIds: string[] }>;
  actor: ActorStamp;
  now: Date;
}

/**
 * Inserts a dossier in status `submitted`, with its components, files and first history entry, under a
 * provisional code: the real number is taken by `numberDossier` at the end of the transaction (see there).
 */
export async function createDossier(tx: Transaction<DB>, d: NewDossier): Promise<DossierRow> {
  const code = `~${crypto.randomUUID()}`;
  const row = await tx
    .insertInto('dossiers')
    .values({
      code,
      unit_id: d.unitId,
      handling_unit_id: d.unitId,
      procedure_id: d.version.procedureId,
      procedure_version_id: d.version.versionId,
      workflow_id: d.workflowId,
      channel: d.channel,
      status: 'submitted',
      national_status: 1,
      applicant_kind: d.applicant.kind,
      applicant_name: d.applicant.name,
      applicant_id_number: d.applicant.idNumber ?? null,
      applicant_phone: d.applicant.phone ?? null,
      applicant_email: d.applicant.email ?? null,
      applicant_address: d.applicant.address ?? null,
      subject: d.subject ?? d.version.name,
      sets_count: d.setsCount,
      result_delivery: d.resultDelivery,
      limit_value: d.limit.value,
      limit_unit: d.limit.unit,
      fee_amount: d.fee,
      submitted_at: d.now,
      receiver_id: d.receiverId,
      source: d.source ?? null,
      created_at: d.now,
      updated_at: d.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (d.version.components.length) {
    await tx
      .insertInto('dossier_components')
      .values(d.version.components.map((c) => ({ dossier_id: row.id, component_key: c.key, name: c.name, originals: c.originals, copies: c.copies, required: c.required, provided: false })))
      .execute();
  }
  const files = d.components.flatMap((c) => c.fileIds.map((f) => ({ dossier_id: row.id, file_id: f, component_key: c.key, kind: 'component' as const, added_by: d.actor.accountId, added_at: d.now })));
  if (files.length) await tx.insertInto('dossier_files').values(files).execute();
  await writeHistory(tx, row.id, {
    action: 'submit',
    actor: d.actor,
    at: d.now,
    fromStatus: null,
    toStatus: 'submitted',
    fromStep: null,
    toStep: null,
    note: null,
    details: { channel: d.channel, procedureVersion: d.version.version, ...(d.source ? { source: d.source } : {}) },
    stepTime: null,
  });
  return row;
}

/**
 * Gives the dossier its code. The unit's day counter stays locked until the transaction ends, so every intake of
 * the unit queues here: this must be the last step before the outbox and audit writes, to hold the lock briefly.
 */
export async function numberDossier(tx: Transaction<DB>, row: DossierRow, identifier: string, now: Date): Promise<DossierRow> {
  const seq = await nextSequence(tx, row.unit_id, now);
  return tx
    .updateTable('dossiers')
    .set({ code: formatDossierCode(identifier, now, seq) })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function parseAction<A extends ActionName>(action: A, raw: unknown): ActionInput<A> {
  const r = ActionInputs[action].safeParse(raw);
  if (!r.success) throw r.error;
  return r.data as ActionInput<A>;
}

async function checkFiles(tx: Transaction<DB>, ids: string[], actor: Actor): Promise<void> {
  if (!ids.length) return;
  const found = await tx.selectFrom('files').select(['id', 'uploaded_by']).where('id', 'in', ids).execute();
  const ok = new Set(found.filter((f) => f.uploaded_by === actor.accountId).map((f) => f.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw badInput('components.fileIds', { vi: `Tệp không tồn tại hoặc không do bạn tải lên: ${bad.join(', ')}`, en: `Files not found or not uploaded by you: ${bad.join(', ')}` });
}

/** Takes `action` on a dossier for `actor`: 409 if the state does not allow it, 403 if the role or unit does not. */
export async function act(
  ctx: AppContext,
  actor: Actor,
  idOrCode: number | string,
  action: ActionName,
  rawInput: unknown,
  idem: IdempotencyKey | null,
  expectedRevision?: number,
): Promise<{ status: number; body: { id: number; code: string; status: string; revision: number } }> {
  const input = parseAction(action, rawInput ?? {});
  await ctx.units.ready();
  const now = ctx.clock.now();
  const scope = `account:${actor.accountId}`;
  return withIdempotency(ctx, scope, idem, { idOrCode, action, input }, async (tx) => {
    const row = await getDossierRow(tx, idOrCode, true);
    if (!canRead(actor, row, ctx.units)) throw forbidden({ vi: 'Hồ sơ không thuộc đơn vị của bạn.', en: 'This dossier is not in your unit.' });
    if (actingRoles(actor, row, ['receiving_officer']).length === 0) {
      throw forbidden({ vi: 'Hồ sơ thực hành chỉ do cán bộ đang thực hành thao tác.', en: 'Only the official practising acts on a practice dossier.' });
    }
    if (expectedRevision !== undefined && expectedRevision !== row.revision) {
      throw new AppError('conflict', {
        vi: 'Hồ sơ vừa được người khác cập nhật. Hãy tải lại để xem trạng thái mới.',
        en: 'Someone else has just updated this dossier. Reload to see its new state.',
      }, { details: { revision: row.revision } });
    }
    const workflow = await workflowOf(tx, row.workflow_id);
    const state = await loadState(tx, row);
    const allowed = allowedActions(state, workflow);
    if (!allowed.includes(action)) throw illegalAction(action, allowed);
    // Who acts: a unit the actor covers — the receiving unit, or the unit holding the dossier on transfer.
    const actingUnit = state.status === 'transferred' && action !== 'receive_back' ? row.handling_unit_id : row.unit_id;
    const roles = actingRoles(actor, row, rolesAt(actor, actingUnit, ctx.units));
    const needed = rolesFor(action, state, workflow);
    const role = needed.find((r) => roles.includes(r));
    if (!role) {
      throw forbidden({
        vi: `Thao tác "${ACTION_NAMES[action].vi}" cần vai trò: ${needed.join(', ')} tại đơn vị xử lý.`,
        en: `"${ACTION_NAMES[action].en}" needs one of the roles ${needed.join(', ')} at the handling unit.`,
      });
    }
    if (role === 'specialist' && state.assigneeId && state.assigneeId !== actor.accountId && action !== 'consult_reply' && action !== 'receive_supplement') {
      throw forbidden({ vi: 'Hồ sơ đã được phân công cho chuyên viên khác.', en: 'The dossier is assigned to another specialist.' });
    }
    const env: Parameters<typeof decide>[3] = { now, cal: await loadWorkCalendar(tx, row.unit_id), workflow, actorId: actor.accountId };
    if (action === 'transfer') {
      const code = (input as ActionInput<'transfer'>).toUnitCode;
      // A unit hosted by a peer instance: the dossier goes there over the API (integrations/federation).
      const remote = await remoteTransferTarget(tx, ctx, row, code);
      const unit = ctx.units.byCode(code);
      if (remote) env.remoteTarget = remote;
      else if (!unit) throw badInput('toUnitCode', { vi: `Không có đơn vị mã ${code}.`, en: `No unit with code ${code}.` });
      else env.targetUnitId = unit.id;
    }
    if (action === 'assign' || (action === 'forward' && (input as ActionInput<'forward'>).assigneeId)) {
      await checkAssignee(tx, ctx, (input as { assigneeId: number }).assigneeId, row.unit_id);
    }
    if (action === 'consult') await checkOffice(tx, (input as ActionInput<'consult'>).officeId);
    const d = decide(action, state, input, env);
    const updated = await applyDecision(tx, row, action, d, stamp(actor, role), now);
    return { status: 200, body: { id: updated.id, code: updated.code, status: updated.status, revision: updated.revision } };
  });
}

export async function workflowOf(db: Transaction<DB> | AppContext['db'], workflowId: number): Promise<Workflow> {
  const wf = await db.selectFrom('workflows').select('definition').where('id', '=', workflowId).executeTakeFirstOrThrow();
  return Workflow.parse(wf.definition);
}

async function checkAssignee(tx: Transaction<DB>, ctx: AppContext, accountId: number, unitId: number): Promise<void> {
  const grants = await tx.selectFrom('role_grants').innerJoin('accounts', 'accounts.id', 'role_grants.account_id').select(['role_grants.unit_id', 'accounts.active']).where('account_id', '=', accountId).execute();
  if (!grants.some((g) => g.active && ctx.units.covers(g.unit_id, unitId))) {
    throw badInput('assigneeId', { vi: 'Người được phân công không thuộc đơn vị của hồ sơ.', en: "The assignee does not work in the dossier's unit." });
  }
}

/** The consulted office may belong to any unit (a provincial department, another commune). */
async function checkOffice(tx: Transaction<DB>, officeId: number): Promise<void> {
  const office = await tx.selectFrom('offices').select('unit_id').where('id', '=', officeId).executeTakeFirst();
  if (!office) throw badInput('officeId', { vi: `Không có phòng ban ${officeId}.`, en: `No office ${officeId}.` });
}


/** Who acts when no person does: a national system's notification, a peer instance's answer. */
export interface SystemActor {
  /** e.g. 'payment_platform', 'national_portal', 'federation' */
  source: string;
  name: { vi: string; en: string };
}

/**
 * Applies an action on behalf of a connected system, inside the caller's transaction (so that, say, recording
 * a payment notification and resuming the dossier commit together). The state machine still decides: an
 * action the state does not allow throws the same 409 as for a person. No role check: the caller has
 * authenticated the system (a signed notification, a signed peer request).
 */
export async function actAsSystem(
  ctx: AppContext,
  tx: Transaction<DB>,
  idOrCode: number | string,
  action: ActionName,
  rawInput: unknown,
  system: SystemActor,
): Promise<DossierRow> {
  const input = parseAction(action, rawInput ?? {});
  await ctx.units.ready();
  const now = ctx.clock.now();
  const row = await getDossierRow(tx, idOrCode, true);
  const workflow = await workflowOf(tx, row.workflow_id);
  const state = await loadState(tx, row);
  const allowed = allowedActions(state, workflow);
  if (!allowed.includes(action)) throw illegalAction(action, allowed);
  const env: Parameters<typeof decide>[3] = { now, cal: await loadWorkCalendar(tx, row.unit_id), workflow, actorId: null };
  const d = decide(action, state, input, env);
  return applyDecision(tx, row, action, d, { accountId: null, role: `system:${system.source}`, name: system.name.vi }, now);
}

/** 409 naming what the dossier's state allows now. */
function illegalAction(action: ActionName, allowed: readonly ActionName[]): AppError {
  return new AppError(
    'illegal_action',
    {
      vi: `Không thể "${ACTION_NAMES[action].vi}" khi hồ sơ đang ở trạng thái hiện tại. Được phép: ${allowed.map((a) => ACTION_NAMES[a].vi).join(', ') || 'không có'}.`,
      en: `"${ACTION_NAMES[action].en}" is not allowed in the dossier's current state. Allowed: ${allowed.join(', ') || 'none'}.`,
    },
    { allowed: [...allowed] },
  );
}
