// Reads what the national portal is told about a dossier: the dossier with its procedure, files, fees,
// supplements and results (for DongBoHoSoMC), and the history entry of one status change (for the progress).
import type { AppContext } from '../../../context.js';
import { PermanentDeliveryError } from '../../outbox/types.js';
import { ACTION_NAMES } from '../../dossiers/rules.js';
import { ROLE_NAMES, type Role } from '../../people/roles.js';
import type { Channel, DossierSnapshot, HandlingStep, StatusChange } from './fields.js';

const d = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

export async function loadSnapshot(ctx: AppContext, dossierId: number): Promise<DossierSnapshot> {
  await ctx.units.ready();
  const db = ctx.db;
  const row = await db
    .selectFrom('dossiers as x')
    .innerJoin('procedures as p', 'p.id', 'x.procedure_id')
    .innerJoin('procedure_versions as v', 'v.id', 'x.procedure_version_id')
    .select([
      'x.id', 'x.code', 'x.channel', 'x.handling_unit_id', 'x.applicant_kind', 'x.applicant_name', 'x.applicant_id_number', 'x.applicant_email',
      'x.applicant_phone', 'x.applicant_address', 'x.subject', 'x.submitted_at', 'x.received_at', 'x.resolved_at', 'x.returned_at', 'x.closed_at',
      'p.code as procedure_code', 'v.name as procedure_name', 'v.field',
    ])
    .where('x.id', '=', dossierId)
    .executeTakeFirst();
  if (!row) throw new PermanentDeliveryError(`dossier ${dossierId} does not exist`);
  const [components, files, fees, pauses, resumes] = await Promise.all([
    db.selectFrom('dossier_components').select(['component_key', 'name']).where('dossier_id', '=', dossierId).orderBy('component_key').execute(),
    db
      .selectFrom('dossier_files as df')
      .innerJoin('files as f', 'f.id', 'df.file_id')
      .select(['df.file_id', 'df.component_key', 'df.kind', 'df.added_at', 'f.name', 'f.mime'])
      .where('df.dossier_id', '=', dossierId)
      .where('df.kind', 'in', ['component', 'supplement', 'result'])
      .orderBy('df.id')
      .execute(),
    db.selectFrom('dossier_fees').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute(),
    db.selectFrom('dossier_pauses').select(['reason', 'started_at', 'ended_at']).where('dossier_id', '=', dossierId).where('kind', '=', 'supplement').orderBy('started_at').execute(),
    db.selectFrom('dossier_history').select(['at', 'details']).where('dossier_id', '=', dossierId).where('action', '=', 'receive_supplement').execute(),
  ]);
  const unit = ctx.units.byId(row.handling_unit_id);
  const dueChange = (at: Date | null) => {
    const h = at && resumes.find((r) => new Date(r.at).getTime() === at.getTime());
    const det = (h ? (typeof h.details === 'string' ? JSON.parse(h.details) : h.details) : {}) as { previousDueAt?: string | null; newDueAt?: string | null };
    return { previousDueAt: det.previousDueAt ? new Date(det.previousDueAt) : null, newDueAt: det.newDueAt ? new Date(det.newDueAt) : null };
  };
  const names = new Map(components.map((c) => [c.component_key, c.name]));
  const byComponent = new Map<string, DossierSnapshot['components'][number]>();
  for (const f of files.filter((x) => x.kind !== 'result')) {
    const key = f.component_key ?? '';
    const entry = byComponent.get(key) ?? { key: key || 'khac', name: names.get(key) ?? 'Giấy tờ khác', files: [] };
    entry.files.push({ id: f.file_id, name: f.name, mime: f.mime });
    byComponent.set(key, entry);
  }
  return {
    code: row.code,
    procedure: { code: row.procedure_code, name: row.procedure_name, field: row.field },
    handlingUnit: { code: unit?.code ?? '', name: unit?.name ?? String(row.handling_unit_id) },
    channel: row.channel as Channel,
    applicant: {
      kind: row.applicant_kind,
      name: row.applicant_name,
      idNumber: row.applicant_id_number,
      email: row.applicant_email,
      phone: row.applicant_phone,
      address: row.applicant_address,
    },
    subject: row.subject,
    submittedAt: new Date(row.submitted_at),
    receivedAt: d(row.received_at),
    resolvedAt: d(row.resolved_at),
    returnedAt: d(row.returned_at),
    closedAt: d(row.closed_at),
    components: [...byComponent.values()],
    fees: fees.map((f) => ({ amount: Number(f.amount), description: f.description, requestedAt: new Date(f.requested_at), paidAt: d(f.paid_at), receiptNo: f.receipt_no, method: f.method })),
    supplements: pauses.map((p) => {
      const endedAt = d(p.ended_at);
      return { reason: p.reason, requestedAt: new Date(p.started_at), endedAt, ...dueChange(endedAt) };
    }),
    results: files.filter((x) => x.kind === 'result').map((f) => ({ id: f.file_id, name: f.name, addedAt: new Date(f.added_at) })),
  };
}

const OTHER_TITLES: Record<string, string> = { applicant: 'Người nộp hồ sơ' };

/** Who did what at this status change: the history entry written with it (same action, same instant). */
export async function loadHandlingStep(ctx: AppContext, dossierId: number, change: StatusChange & { action: string; status: string }): Promise<HandlingStep | null> {
  const h = await ctx.db
    .selectFrom('dossier_history')
    .select(['action', 'actor_id', 'actor_role', 'actor_name', 'at', 'note'])
    .where('dossier_id', '=', dossierId)
    .where('at', '=', change.at)
    .$if(change.action !== '', (q) => q.where('action', '=', change.action))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!h) return null;
  const role = h.actor_role ?? '';
  const title = (ROLE_NAMES as Record<string, { vi: string }>)[role]?.vi ?? OTHER_TITLES[role] ?? (role.startsWith('system:') ? 'Hệ thống kết nối' : 'Cán bộ');
  return {
    actorName: h.actor_name,
    title,
    office: await officeOf(ctx, dossierId, h.actor_id, role),
    action: (ACTION_NAMES as Record<string, { vi: string }>)[h.action]?.vi ?? (h.action === 'submit' ? 'Nộp hồ sơ' : h.action),
    note: h.note,
    at: new Date(h.at),
  };
}

/** The actor's office in the acting unit, else the unit's service centre, else the unit itself. */
async function officeOf(ctx: AppContext, dossierId: number, actorId: number | null, role: string): Promise<string> {
  const dossier = await ctx.db.selectFrom('dossiers').select('handling_unit_id').where('id', '=', dossierId).executeTakeFirstOrThrow();
  const unitId = dossier.handling_unit_id;
  if (actorId !== null) {
    const grants = await ctx.db
      .selectFrom('role_grants as g')
      .innerJoin('offices as o', 'o.id', 'g.office_id')
      .select(['g.unit_id', 'g.role', 'o.name'])
      .where('g.account_id', '=', actorId)
      .execute();
    const hit = grants.find((g) => g.role === (role as Role) && ctx.units.covers(g.unit_id, unitId)) ?? grants.find((g) => ctx.units.covers(g.unit_id, unitId));
    if (hit) return hit.name;
  }
  const centre = await ctx.db.selectFrom('offices').select('name').where('unit_id', '=', unitId).where('kind', '=', 'service_centre').executeTakeFirst();
  return centre?.name ?? ctx.units.byId(unitId)?.name ?? 'Bộ phận Một cửa';
}
