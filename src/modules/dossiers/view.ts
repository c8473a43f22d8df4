// Read models: one dossier with everything about it, and the filtered lists officials work from.
import { sql, type Kysely } from 'kysely';
import type { DB, DossierRow } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { forbidden } from '../../errors.js';
import { isoVn } from '../../http/time.js';
import type { Actor } from '../people/actor.js';
import { rolesAt, unitsWithRole } from '../people/actor.js';
import { DOSSIER_READERS } from '../people/roles.js';
import { loadWorkCalendar } from '../calendar/store.js';
import { urgency, workingMinutesBetween } from '../calendar/index.js';
import { getVersionById } from '../catalogue/store.js';
import { LIMIT_UNIT_NAMES } from '../catalogue/domain.js';
import { actingRoles, canRead, maskIdNumber, maskPhone, seesPersonalData } from './access.js';
import { ACTION_NAMES, actionsFor } from './rules.js';
import { getDossierRow, loadState } from './store.js';
import { NATIONAL_STATUS_NAMES, STATUS_NAMES, CLOSED_STATUSES, PAUSED_STATUSES, type Status } from './status.js';
import { workflowOf } from './service.js';
import { getStep } from './workflow.js';
import { listDataSources } from '../integrations/population/provenance.js';

export type Colour = 'early' | 'on_time' | 'due_soon' | 'late' | 'paused' | 'closed' | 'not_started';

/** The colour officials see in lists: late, due soon, on time; and for finished dossiers, early / on time / late. */
export function colourOf(row: Pick<DossierRow, 'status' | 'due_at' | 'resolved_at' | 'closed_at'>, cal: Parameters<typeof urgency>[0], now: Date): Colour {
  const status = row.status as Status;
  if (!row.due_at) return status === 'refused' || status === 'withdrawn' ? 'closed' : 'not_started';
  const due = new Date(row.due_at);
  if (row.resolved_at) {
    const done = new Date(row.resolved_at);
    if (done > due) return 'late';
    return done.getTime() < due.getTime() - 86_400_000 ? 'early' : 'on_time';
  }
  if (CLOSED_STATUSES.includes(status)) return 'closed';
  if (PAUSED_STATUSES.includes(status)) return 'paused';
  const u = urgency(cal, due, now);
  return u === 'overdue' ? 'late' : u === 'due_soon' ? 'due_soon' : 'on_time';
}

export async function dossierDetail(ctx: AppContext, actor: Actor, idOrCode: number | string) {
  await ctx.units.ready();
  const db = ctx.db;
  const row = await getDossierRow(db, idOrCode);
  if (!canRead(actor, row, ctx.units)) throw forbidden({ vi: 'Hồ sơ không thuộc đơn vị của bạn.', en: 'This dossier is not in your unit.' });
  const now = ctx.clock.now();
  const [state, workflow, version, cal] = await Promise.all([loadState(db, row), workflowOf(db, row.workflow_id), getVersionById(db, row.procedure_version_id), loadWorkCalendar(db, row.unit_id)]);
  const [history, pauses, files, consultations, transfers, extension, fees, components, assignee] = await Promise.all([
    db.selectFrom('dossier_history').selectAll().where('dossier_id', '=', row.id).orderBy('seq').execute(),
    db.selectFrom('dossier_pauses').selectAll().where('dossier_id', '=', row.id).orderBy('started_at').execute(),
    db
      .selectFrom('dossier_files as df')
      .innerJoin('files as f', 'f.id', 'df.file_id')
      .select(['df.id', 'df.file_id', 'df.component_key', 'df.kind', 'df.added_at', 'f.name', 'f.mime', 'f.size'])
      .where('df.dossier_id', '=', row.id)
      .orderBy('df.id')
      .execute(),
    db
      .selectFrom('dossier_consultations as c')
      .innerJoin('offices as o', 'o.id', 'c.office_id')
      .select(['c.id', 'c.question', 'c.asked_at', 'c.due_at', 'c.answer', 'c.answered_at', 'o.name as office_name', 'o.id as office_id'])
      .where('c.dossier_id', '=', row.id)
      .orderBy('c.id')
      .execute(),
    db.selectFrom('dossier_transfers').selectAll().where('dossier_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('dossier_extensions').selectAll().where('dossier_id', '=', row.id).executeTakeFirst(),
    db.selectFrom('dossier_fees').selectAll().where('dossier_id', '=', row.id).orderBy('id').execute(),
    db.selectFrom('dossier_components').selectAll().where('dossier_id', '=', row.id).execute(),
    row.assignee_id ? db.selectFrom('accounts').select(['id', 'full_name']).where('id', '=', row.assignee_id).executeTakeFirst() : undefined,
  ]);
  const personal = seesPersonalData(actor, row, ctx.units);
  const actingUnit = row.status === 'transferred' ? row.handling_unit_id : row.unit_id;
  const roles = actingRoles(actor, row, [...new Set([...rolesAt(actor, actingUnit, ctx.units), ...rolesAt(actor, row.unit_id, ctx.units)])]);
  const step = getStep(workflow, row.step);
  const order = new Map(version.components.map((c, i) => [c.key, i]));
  const unitName = (id: number) => ctx.units.byId(id)?.name ?? String(id);
  return {
    id: row.id,
    code: row.code,
    revision: row.revision,
    status: row.status,
    statusName: STATUS_NAMES[row.status as Status],
    nationalStatus: row.national_status,
    nationalStatusName: NATIONAL_STATUS_NAMES[row.national_status]!,
    colour: colourOf(row, cal, now),
    channel: row.channel,
    /** null: received by MotCua itself; 'national_portal': submitted on the national portal and pulled in. */
    source: row.source,
    unit: { code: ctx.units.byId(row.unit_id)?.code ?? '', name: unitName(row.unit_id) },
    handlingUnit: { code: ctx.units.byId(row.handling_unit_id)?.code ?? '', name: unitName(row.handling_unit_id) },
    procedure: { code: version.code, name: version.name, field: version.field, version: version.version },
    step: step ? { key: step.key, name: step.name, role: step.role, kind: step.kind } : null,
    steps: workflow.steps.map((s) => ({ key: s.key, name: s.name, role: s.role, percent: s.percent })),
    assignee: assignee ? { id: assignee.id, name: assignee.full_name } : null,
    applicant: {
      kind: row.applicant_kind,
      name: row.applicant_name,
      idNumber: personal ? row.applicant_id_number : maskIdNumber(row.applicant_id_number),
      phone: personal ? row.applicant_phone : maskPhone(row.applicant_phone),
      email: personal ? row.applicant_email : null,
      address: row.applicant_address,
    },
    subject: row.subject,
    setsCount: row.sets_count,
    resultDelivery: row.result_delivery,
    outcome: row.outcome,
    limit: { value: row.limit_value, unit: row.limit_unit, name: LIMIT_UNIT_NAMES[row.limit_unit] },
    feeAmount: row.fee_amount,
    submittedAt: isoVn(row.submitted_at),
    receivedAt: isoVn(row.received_at),
    dueAt: isoVn(row.due_at),
    originalDueAt: isoVn(row.original_due_at),
    pausedAt: isoVn(row.paused_at),
    signedAt: isoVn(row.signed_at),
    resolvedAt: isoVn(row.resolved_at),
    returnedAt: isoVn(row.returned_at),
    stepStartedAt: isoVn(row.step_started_at),
    workingMinutesLeft: row.due_at && !row.closed_at && !row.resolved_at ? workingMinutesBetween(cal, now, new Date(row.due_at)) : null,
    components: components
      .sort((a, b) => (order.get(a.component_key) ?? 0) - (order.get(b.component_key) ?? 0))
      .map((c) => ({ key: c.component_key, name: c.name, originals: c.originals, copies: c.copies, required: c.required, provided: c.provided })),
    files: files.map((f) => ({ id: f.id, fileId: f.file_id, componentKey: f.component_key, kind: f.kind, name: f.name, mime: f.mime, size: f.size, addedAt: isoVn(f.added_at) })),
    history: history.map((h) => ({
      seq: h.seq,
      action: h.action,
      actionName: (ACTION_NAMES as Record<string, { vi: string; en: string }>)[h.action] ?? { vi: 'Nộp hồ sơ', en: 'Submitted' },
      at: isoVn(h.at),
      actor: { id: h.actor_id, name: h.actor_name, role: h.actor_role },
      fromStatus: h.from_status,
      toStatus: h.to_status,
      fromStep: h.from_step,
      toStep: h.to_step,
      note: h.note,
      details: h.details,
      spentMinutes: h.spent_minutes,
      allottedMinutes: h.allotted_minutes,
      timeliness: h.timeliness,
    })),
    pauses: pauses.map((p) => ({ id: p.id, kind: p.kind, reason: p.reason, startedAt: isoVn(p.started_at), endedAt: isoVn(p.ended_at), details: p.details })),
    consultations: consultations.map((c) => ({ id: c.id, office: { id: c.office_id, name: c.office_name }, question: c.question, askedAt: isoVn(c.asked_at), dueAt: isoVn(c.due_at), answer: c.answer, answeredAt: isoVn(c.answered_at) })),
    transfers: transfers.map((t) => ({ id: t.id, from: unitName(t.from_unit_id), to: t.remote_unit_name ?? (t.to_unit_id ? unitName(t.to_unit_id) : (t.remote_unit_code ?? '')), toCode: t.remote_unit_code ?? (t.to_unit_id ? (ctx.units.byId(t.to_unit_id)?.code ?? '') : ''), remote: t.remote_peer_id !== null, reason: t.reason, sentAt: isoVn(t.sent_at), dueAt: isoVn(t.due_at), returnedAt: isoVn(t.returned_at), resultNote: t.result_note })),
    extension: extension ? { previousDueAt: isoVn(extension.previous_due_at), newDueAt: isoVn(extension.new_due_at), reason: extension.reason, extendedAt: isoVn(extension.extended_at) } : null,
    fees: fees.map((f) => ({ id: f.id, amount: f.amount, description: f.description, requestedAt: isoVn(f.requested_at), paidAt: isoVn(f.paid_at), receiptNo: f.receipt_no, method: f.method })),
    allowedActions: actionsFor(state, workflow, roles).map((a) => ({ action: a, name: ACTION_NAMES[a] })),
    isPractice: row.is_practice,
    /** Where each applicant datum and reused document came from (population database, typed, reused). */
    dataSources: await listDataSources(db, row.id),
  };
}

export interface ListFilters {
  scope?: 'mine' | 'office' | 'unit' | undefined;
  status?: string[] | undefined;
  procedureCode?: string | undefined;
  field?: string | undefined;
  unitCode?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
  colour?: 'late' | 'due_soon' | undefined;
  open?: boolean | undefined;
  limit: number;
  offset: number;
}

export async function listDossiers(ctx: AppContext, actor: Actor, f: ListFilters) {
  await ctx.units.ready();
  const db: Kysely<DB> = ctx.db;
  let visible = unitsWithRole(actor, DOSSIER_READERS, ctx.units);
  if (f.unitCode) {
    const u = ctx.units.byCode(f.unitCode);
    const inUnit = new Set(u ? ctx.units.covered(u.id) : []);
    visible = visible.filter((id) => inUnit.has(id));
  }
  if (visible.length === 0) return { total: 0, items: [] };
  const now = ctx.clock.now();
  const officeIds = actor.grants.map((g) => g.officeId).filter((o): o is number => o !== null);
  let q = db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .leftJoin('accounts as a', 'a.id', 'd.assignee_id')
    .where((eb) => eb.or([eb('d.unit_id', 'in', visible), eb('d.handling_unit_id', 'in', visible)]))
    // Practice dossiers stay out of every real queue; the official practising sees theirs while the attempt is open.
    .where((eb) =>
      eb.or([
        eb('d.is_practice', '=', false),
        eb.and([
          eb('d.receiver_id', '=', actor.accountId),
          eb.exists(eb.selectFrom('practice_attempts as pa').select('pa.id').whereRef('pa.dossier_id', '=', 'd.id').where('pa.account_id', '=', actor.accountId).where('pa.finished_at', 'is', null)),
        ]),
      ]),
    );
  if (f.scope === 'mine') q = q.where('d.assignee_id', '=', actor.accountId);
  if (f.scope === 'office') {
    q = officeIds.length
      ? q.where((eb) =>
          eb.exists(
            eb.selectFrom('role_grants as g').select('g.id').whereRef('g.account_id', '=', 'd.assignee_id').where('g.office_id', 'in', officeIds),
          ),
        )
      : q.where(sql<boolean>`false`);
  }
  if (f.status?.length) q = q.where('d.status', 'in', f.status);
  if (f.open) q = q.where('d.closed_at', 'is', null).where('d.resolved_at', 'is', null);
  if (f.procedureCode) q = q.where('p.code', '=', f.procedureCode);
  if (f.field) q = q.where('v.field', '=', f.field);
  if (f.from) q = q.where('d.submitted_at', '>=', f.from);
  if (f.to) q = q.where('d.submitted_at', '<', f.to);
  if (f.q) {
    const term = f.q.trim();
    q = q.where((eb) => eb.or([eb('d.code', 'like', `%${term}%`), eb(sql`motcua_fold(d.applicant_name)`, 'like', sql`'%' || motcua_fold(${term}) || '%'`)]));
  }
  if (f.colour === 'late') q = q.where('d.due_at', '<', now).where('d.resolved_at', 'is', null).where('d.closed_at', 'is', null);
  if (f.colour === 'due_soon') q = q.where('d.due_at', '>=', now).where('d.due_at', '<', new Date(now.getTime() + 2 * 86_400_000)).where('d.resolved_at', 'is', null).where('d.closed_at', 'is', null);
  const [{ total }, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    q
      .select([
        'd.id',
        'd.code',
        'd.status',
        'd.national_status',
        'd.step',
        'd.unit_id',
        'd.handling_unit_id',
        'd.channel',
        'd.source',
        'd.applicant_name',
        'd.submitted_at',
        'd.received_at',
        'd.due_at',
        'd.resolved_at',
        'd.closed_at',
        'd.is_practice',
        'p.code as procedure_code',
        'v.name as procedure_name',
        'v.field',
        'a.full_name as assignee_name',
      ])
      .orderBy(sql`d.due_at asc nulls last`)
      .orderBy('d.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  ]);
  const calendars = new Map<number, Awaited<ReturnType<typeof loadWorkCalendar>>>();
  for (const r of rows) if (!calendars.has(r.unit_id)) calendars.set(r.unit_id, await loadWorkCalendar(db, r.unit_id));
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      status: r.status,
      statusName: STATUS_NAMES[r.status as Status],
      nationalStatus: r.national_status,
      step: r.step,
      colour: colourOf(r, calendars.get(r.unit_id)!, now),
      unit: ctx.units.byId(r.unit_id)?.name ?? '',
      handlingUnit: ctx.units.byId(r.handling_unit_id)?.name ?? '',
      channel: r.channel,
      source: r.source,
      applicantName: r.applicant_name,
      procedure: { code: r.procedure_code, name: r.procedure_name, field: r.field },
      assignee: r.assignee_name,
      submittedAt: isoVn(r.submitted_at),
      receivedAt: isoVn(r.received_at),
      dueAt: isoVn(r.due_at),
      resolvedAt: isoVn(r.resolved_at),
      practice: r.is_practice,
    })),
  };
}
