// SQL for dossiers: reading a dossier's state, inserting one, and applying a decision — the new state, the
// history entry, the side records, the outbox event and the audit entry — inside the caller's transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, DossierRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import type { DossierState } from './rules.js';
import { NATIONAL_STATUS, isStatus, type Status } from './status.js';
import type { Decision, Effect } from './transitions.js';
import type { ActionName } from './workflow.js';
import { closePaymentRequests, openPaymentRequest } from '../integrations/payments/requests.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function findDossierRow(db: Db, idOrCode: number | string, forUpdate = false): Promise<DossierRow | undefined> {
  let q = db.selectFrom('dossiers').selectAll();
  q = typeof idOrCode === 'number' ? q.where('id', '=', idOrCode) : q.where('code', '=', idOrCode);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

export async function getDossierRow(db: Db, idOrCode: number | string, forUpdate = false): Promise<DossierRow> {
  const row = await findDossierRow(db, idOrCode, forUpdate);
  if (!row) throw notFound({ vi: `hồ sơ ${idOrCode}`, en: `dossier ${idOrCode}` });
  return row;
}

export async function loadState(db: Db, row: DossierRow): Promise<DossierState> {
  const [components, pause, transfer, consultations, extension, supplements] = await Promise.all([
    db.selectFrom('dossier_components').select(['component_key', 'name', 'required', 'provided']).where('dossier_id', '=', row.id).orderBy('component_key').execute(),
    db.selectFrom('dossier_pauses').select(['id', 'kind', 'started_at', 'details']).where('dossier_id', '=', row.id).where('ended_at', 'is', null).executeTakeFirst(),
    db.selectFrom('dossier_transfers').select(['id', 'to_unit_id']).where('dossier_id', '=', row.id).where('returned_at', 'is', null).executeTakeFirst(),
    db.selectFrom('dossier_consultations').select(['id', 'office_id']).where('dossier_id', '=', row.id).where('answered_at', 'is', null).execute(),
    db.selectFrom('dossier_extensions').select('dossier_id').where('dossier_id', '=', row.id).executeTakeFirst(),
    db
      .selectFrom('dossier_history')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('dossier_id', '=', row.id)
      .where('action', '=', 'request_supplement')
      .where('from_status', '<>', 'submitted')
      .executeTakeFirstOrThrow(),
  ]);
  const pd = (pause?.details ?? {}) as { resumeStatus?: string; resumeStep?: string | null };
  return {
    id: row.id,
    status: row.status as Status,
    step: row.step,
    unitId: row.unit_id,
    handlingUnitId: row.handling_unit_id,
    assigneeId: row.assignee_id,
    receivedAt: row.received_at ? new Date(row.received_at) : null,
    clockStartedAt: row.clock_started_at ? new Date(row.clock_started_at) : null,
    dueAt: row.due_at ? new Date(row.due_at) : null,
    originalDueAt: row.original_due_at ? new Date(row.original_due_at) : null,
    stepStartedAt: row.step_started_at ? new Date(row.step_started_at) : null,
    stepSpentMinutes: row.step_spent_minutes,
    limit: { value: row.limit_value, unit: row.limit_unit },
    extended: !!extension,
    signedAt: row.signed_at ? new Date(row.signed_at) : null,
    outcome: row.outcome,
    components: components.map((c) => ({ key: c.component_key, name: c.name, required: c.required, provided: c.provided })),
    openPause: pause
      ? {
          id: pause.id,
          kind: pause.kind,
          startedAt: new Date(pause.started_at),
          resumeStatus: pd.resumeStatus && isStatus(pd.resumeStatus) ? pd.resumeStatus : 'processing',
          resumeStep: pd.resumeStep ?? null,
        }
      : null,
    openTransfer: transfer ? { id: transfer.id, toUnitId: transfer.to_unit_id } : null,
    openConsultations: consultations.map((c) => ({ id: c.id, officeId: c.office_id })),
    supplementRequests: supplements.n,
  };
}

/** The state of a dossier created a moment ago in this transaction: known without reading it back. */
export function newDossierState(row: DossierRow, components: Array<{ key: string; name: string; required: boolean }>, provided: string[]): DossierState {
  const have = new Set(provided);
  return {
    id: row.id,
    status: row.status as Status,
    step: null,
    unitId: row.unit_id,
    handlingUnitId: row.handling_unit_id,
    assigneeId: null,
    receivedAt: null,
    clockStartedAt: null,
    dueAt: null,
    originalDueAt: null,
    stepStartedAt: null,
    stepSpentMinutes: 0,
    limit: { value: row.limit_value, unit: row.limit_unit },
    extended: false,
    signedAt: null,
    outcome: null,
    components: components.map((c) => ({ key: c.key, name: c.name, required: c.required, provided: have.has(c.key) })),
    openPause: null,
    openTransfer: null,
    openConsultations: [],
    supplementRequests: 0,
  };
}

export interface ActorStamp {
  accountId: number | null;
  role: string | null;
  name: string | null;
}

/** Applies a decision. The dossier row must have been read FOR UPDATE in the same transaction. */
export async function applyDecision(
  tx: Transaction<DB>,
  row: DossierRow,
  action: ActionName,
  d: Decision,
  actor: ActorStamp,
  now: Date,
  options: { announce?: boolean } = {},
): Promise<DossierRow> {
  const p = d.patch;
  const updated = await tx
    .updateTable('dossiers')
    .set({
      ...p,
      national_status: NATIONAL_STATUS[p.status],
      revision: sql`revision + 1`,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const e of d.effects) await applyEffect(tx, row, e, actor, now);
  await writeHistory(tx, row.id, {
    action,
    actor,
    at: now,
    fromStatus: row.status,
    toStatus: p.status,
    fromStep: row.step,
    toStep: p.step,
    note: d.note,
    details: d.details,
    stepTime: d.stepTime,
  });
  if (options.announce !== false) await announceDecision(tx, row, action, updated, actor, now);
  return updated;
}

/** The outbox event and audit entry for a dossier that was only submitted (online, or recorded without a decision). */
export async function recordSubmitted(tx: Transaction<DB>, row: DossierRow, actor: ActorStamp, now: Date): Promise<void> {
  await announce(tx, row, { action: 'submit', status: 'submitted', fromStatus: null, dueAt: null, revision: row.revision, step: null }, actor, now);
}

export function announceDecision(tx: Transaction<DB>, before: DossierRow, action: string, after: DossierRow, actor: ActorStamp, now: Date): Promise<void> {
  return announce(tx, after, { action, status: after.status as Status, fromStatus: before.status, dueAt: after.due_at, revision: after.revision, step: after.step }, actor, now);
}

/** A status change, told to the outbox (for the national portal and others) and to the audit chain. */
async function announce(
  tx: Transaction<DB>,
  row: DossierRow,
  change: { action: string; status: Status; fromStatus: string | null; dueAt: Date | null; revision: number; step: string | null },
  actor: ActorStamp,
  now: Date,
): Promise<void> {
  await tx
    .insertInto('outbox')
    .values({
      topic: 'dossier.status_changed',
      dossier_id: row.id,
      payload: JSON.stringify({
        code: row.code,
        action: change.action,
        status: change.status,
        nationalStatus: NATIONAL_STATUS[change.status],
        fromStatus: change.fromStatus,
        at: now.toISOString(),
        dueAt: change.dueAt ? new Date(change.dueAt).toISOString() : null,
        revision: change.revision,
        unitId: row.unit_id,
        handlingUnitId: row.handling_unit_id,
        channel: row.channel,
        // Practice dossiers never leave the system: subscribers skip them.
        practice: row.is_practice,
        // Where the dossier came from when MotCua did not receive it itself (e.g. 'federation'); null otherwise.
        source: row.source ?? null,
      }),
    })
    .execute();
  await appendAudit(tx, {
    chain: chainForUnit(row.unit_id),
    at: now,
    actorId: actor.accountId,
    actorRole: actor.role,
    action: `dossier.${change.action}`,
    entity: 'dossier',
    entityId: row.code,
    details: { from: change.fromStatus, to: change.status, step: change.step, revision: change.revision, channel: row.channel },
  });
}

export async function writeHistory(
  tx: Transaction<DB>,
  dossierId: number,
  h: {
    action: string;
    actor: ActorStamp;
    at: Date;
    fromStatus: string | null;
    toStatus: string;
    fromStep: string | null;
    toStep: string | null;
    note: string | null;
    details: Record<string, unknown>;
    stepTime: Decision['stepTime'];
  },
): Promise<void> {
  await tx
    .insertInto('dossier_history')
    .values({
      dossier_id: dossierId,
      seq: sql`(select coalesce(max(seq), 0) + 1 from dossier_history where dossier_id = ${dossierId})`,
      action: h.action,
      actor_id: h.actor.accountId,
      actor_role: h.actor.role,
      actor_name: h.actor.name,
      at: h.at,
      from_status: h.fromStatus,
      to_status: h.toStatus,
      from_step: h.fromStep,
      to_step: h.toStep,
      note: h.note,
      details: JSON.stringify(h.details),
      spent_minutes: h.stepTime?.spentMinutes ?? null,
      allotted_minutes: h.stepTime?.allottedMinutes ?? null,
      timeliness: h.stepTime?.timeliness ?? null,
    })
    .execute();
}

async function applyEffect(tx: Transaction<DB>, row: DossierRow, e: Effect, actor: ActorStamp, now: Date): Promise<void> {
  switch (e.kind) {
    case 'open_pause':
      await tx
        .insertInto('dossier_pauses')
        .values({ dossier_id: row.id, kind: e.pauseKind, reason: e.reason, started_at: now, details: JSON.stringify(e.details) })
        .execute();
      return;
    case 'close_pause':
      await tx.updateTable('dossier_pauses').set({ ended_at: now }).where('dossier_id', '=', row.id).where('ended_at', 'is', null).execute();
      return;
    case 'mark_components':
      if (e.keys.length) {
        await tx.updateTable('dossier_components').set({ provided: true }).where('dossier_id', '=', row.id).where('component_key', 'in', e.keys).execute();
      }
      return;
    case 'open_consultation':
      await tx
        .insertInto('dossier_consultations')
        .values({ dossier_id: row.id, office_id: e.officeId, question: e.question, asked_by: actor.accountId, asked_at: now, due_at: e.dueAt })
        .execute();
      return;
    case 'answer_consultation':
      await tx
        .updateTable('dossier_consultations')
        .set({ answer: e.answer, answered_by: actor.accountId, answered_at: now })
        .where('id', '=', e.id)
        .where('dossier_id', '=', row.id)
        .execute();
      return;
    case 'open_transfer':
      await tx
        .insertInto('dossier_transfers')
        .values({
          dossier_id: row.id,
          from_unit_id: row.handling_unit_id,
          to_unit_id: e.toUnitId,
          remote_peer_id: e.remote?.peerId ?? null,
          remote_unit_code: e.remote?.unitCode ?? null,
          remote_unit_name: e.remote?.unitName ?? null,
          reason: e.reason,
          sent_at: now,
          due_at: e.dueAt,
        })
        .execute();
      return;
    case 'close_transfer':
      await tx.updateTable('dossier_transfers').set({ returned_at: now, result_note: e.note }).where('dossier_id', '=', row.id).where('returned_at', 'is', null).execute();
      return;
    case 'extension':
      await tx
        .insertInto('dossier_extensions')
        .values({ dossier_id: row.id, previous_due_at: e.previousDueAt, new_due_at: e.newDueAt, reason: e.reason, extended_by: actor.accountId, extended_at: now })
        .execute();
      return;
    case 'fee_request': {
      const fee = await tx.insertInto('dossier_fees').values({ dossier_id: row.id, amount: e.amount, description: e.description, requested_at: now }).returning('id').executeTakeFirstOrThrow();
      // The payment request is born with the fee, in this transaction: the clock pause never waits on a platform.
      await openPaymentRequest(tx, { dossierId: row.id, feeId: fee.id, amount: e.amount, lines: e.lines ?? [], now });
      return;
    }
    case 'fee_paid':
      await tx
        .updateTable('dossier_fees')
        .set({ paid_at: now, receipt_no: e.receiptNo, method: e.method })
        .where('dossier_id', '=', row.id)
        .where('paid_at', 'is', null)
        .execute();
      await closePaymentRequests(tx, row.id, e.method, now);
      return;
  }
}
