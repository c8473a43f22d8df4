// The printed forms of a dossier (01 receipt, 02 supplement request, 03 refusal, 04 apology, the control
// sheet) and a unit's logbook, assembled from the stored dossier and its history.
import { sql, type Kysely } from 'kysely';
import type { DB, DossierRow } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { domainRule, forbidden } from '../../errors.js';
import {
  renderApology,
  renderControlSheet,
  renderLogbook,
  renderReceipt,
  renderRefusal,
  renderSupplementRequest,
  type LogbookData,
  type TimeLimit,
  type Timeliness,
  type UnitHeader,
} from '../forms/index.js';
import type { Actor } from '../people/actor.js';
import { timeliness, type LimitUnit } from '../calendar/index.js';
import { getVersionById } from '../catalogue/store.js';
import { getDossierRow } from './store.js';
import { seesPersonalData } from './access.js';
import { parseDossierCode } from './code.js';
import { workflowOf } from './service.js';
import { getStep } from './workflow.js';

export const DOSSIER_FORMS = ['receipt', 'supplement-request', 'refusal', 'apology', 'control-sheet'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

/** "Xã Vinh Lộc" → header "UBND xã Vinh Lộc", place "Vinh Lộc". */
export function unitHeader(unitName: string): UnitHeader {
  const m = /^(Xã|Phường|Đặc khu|Thị trấn)\s+(.+)$/u.exec(unitName);
  const kind = m ? m[1]!.toLowerCase() : '';
  const place = m ? m[2]! : unitName;
  return { unitName: 'Trung tâm Phục vụ hành chính công', parentName: `UBND ${kind ? `${kind} ` : ''}${place}`, placeName: place };
}

export function formTimeLimit(value: number, unit: LimitUnit): TimeLimit {
  if (unit === 'same_day' || value === 0) return { kind: 'same-day' };
  return { kind: unit === 'working_day' ? 'working-days' : unit === 'day' ? 'days' : 'working-hours', amount: value };
}

const toFormTimeliness = (t: string | null | undefined): Timeliness | undefined =>
  t === 'on_time' ? 'on-time' : t === 'early' || t === 'late' ? t : undefined;
const applicantOf = (row: DossierRow) => ({
  name: row.applicant_name,
  ...(row.applicant_address ? { address: row.applicant_address } : {}),
  ...(row.applicant_phone ? { phone: row.applicant_phone } : {}),
  ...(row.applicant_email ? { email: row.applicant_email } : {}),
});

export function statusUrl(ctx: AppContext, code: string): string {
  return `${ctx.config.publicBaseUrl}/tra-cuu/${encodeURIComponent(code)}`;
}

async function lastHistory(db: Kysely<DB>, dossierId: number, action: string) {
  return db
    .selectFrom('dossier_history')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

const notApplicable = (vi: string, en: string) => domainRule({ vi, en });

export async function renderDossierForm(ctx: AppContext, actor: Actor, ref: number | string, form: DossierForm): Promise<{ pdf: Uint8Array; filename: string }> {
  await ctx.units.ready();
  const db = ctx.db;
  const row = await getDossierRow(db, ref);
  if (!seesPersonalData(actor, row, ctx.units)) throw forbidden({ vi: 'Bạn không được in phiếu của hồ sơ này.', en: 'You may not print the forms of this dossier.' });
  const version = await getVersionById(db, row.procedure_version_id);
  const unit = unitHeader(ctx.units.byId(row.unit_id)?.name ?? '');
  const applicant = applicantOf(row);
  const now = ctx.clock.now();
  const file = (name: string) => `${name}-${row.code}.pdf`;

  switch (form) {
    case 'receipt': {
      if (!row.received_at || !row.due_at) throw notApplicable('Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận.', 'The dossier has not been received, so there is no receipt yet.');
      const components = await db.selectFrom('dossier_components').selectAll().where('dossier_id', '=', row.id).where('provided', '=', true).execute();
      const order = new Map(version.components.map((c, i) => [c.key, i]));
      components.sort((a, b) => (order.get(a.component_key) ?? 0) - (order.get(b.component_key) ?? 0));
      const receiver = row.receiver_id ? await db.selectFrom('accounts').select('full_name').where('id', '=', row.receiver_id).executeTakeFirst() : undefined;
      const place = ctx.units.byId(row.unit_id)?.name ?? '';
      const delivery = { counter: `Trung tâm Phục vụ hành chính công ${place.replace(/^Xã/, 'xã').replace(/^Phường/, 'phường')}`, postal: 'Qua dịch vụ bưu chính công ích', online: 'Trực tuyến (Cổng Dịch vụ công quốc gia)' }[row.result_delivery];
      const pdf = await renderReceipt({
        unit,
        issuedAt: new Date(row.received_at),
        dossierCode: row.code,
        applicant,
        procedureName: version.name,
        components: components.map((c) => ({ name: c.name, originals: c.originals, copies: c.copies })),
        setCount: row.sets_count,
        timeLimit: formTimeLimit(row.limit_value, row.limit_unit),
        receivedAt: new Date(row.received_at),
        dueAt: new Date(row.original_due_at ?? row.due_at),
        resultDelivery: delivery,
        logbookVolume: String(new Date(row.received_at).getUTCFullYear()),
        logbookEntry: parseDossierCode(row.code)?.sequence ?? '',
        receivingOfficerName: receiver?.full_name ?? '',
        statusUrl: statusUrl(ctx, row.code),
      });
      return { pdf, filename: file('giay-tiep-nhan') };
    }
    case 'supplement-request': {
      const h = await lastHistory(db, row.id, 'request_supplement');
      if (!h) throw notApplicable('Hồ sơ chưa có yêu cầu bổ sung.', 'No supplement was requested for this dossier.');
      const details = h.details as { missing?: Array<{ componentKey: string | null; name: string; requirement: string | null }>; reason?: string };
      const counts = new Map(version.components.map((c) => [c.key, c]));
      const pdf = await renderSupplementRequest({
        unit,
        issuedAt: new Date(h.at),
        dossierCode: row.code,
        applicant,
        procedureName: version.name,
        items: (details.missing ?? []).map((m) => {
          const c = m.componentKey ? counts.get(m.componentKey) : undefined;
          return { name: m.name, originals: c?.originals ?? 0, certifiedCopies: c?.copies ?? 0, photocopies: 0, requirement: m.requirement ?? 'Bổ sung theo quy định' };
        }),
        ...(details.reason ? { reason: details.reason } : {}),
        contact: { name: h.actor_name ?? '' },
        guideName: h.actor_name ?? '',
      });
      return { pdf, filename: file('phieu-yeu-cau-bo-sung') };
    }
    case 'refusal': {
      const h = await lastHistory(db, row.id, 'refuse');
      if (!h) throw notApplicable('Hồ sơ không bị từ chối.', 'The dossier was not refused.');
      const pdf = await renderRefusal({
        unit,
        issuedAt: new Date(h.at),
        dossierCode: row.code,
        applicant,
        procedureName: version.name,
        reason: h.note ?? '',
        signer: { name: h.actor_name ?? '', title: 'Người tiếp nhận' },
      });
      return { pdf, filename: file('phieu-tu-choi') };
    }
    case 'apology': {
      const e = await db.selectFrom('dossier_extensions as e').leftJoin('accounts as a', 'a.id', 'e.extended_by').selectAll('e').select('a.full_name').where('e.dossier_id', '=', row.id).executeTakeFirst();
      if (!e || !row.received_at) throw notApplicable('Hồ sơ chưa được gia hạn nên không có phiếu xin lỗi.', 'The dossier was not extended, so there is no apology.');
      const pdf = await renderApology({
        unit,
        issuedAt: new Date(e.extended_at),
        dossierCode: row.code,
        applicant,
        procedureName: version.name,
        receivedAt: new Date(row.received_at),
        originalDueAt: new Date(e.previous_due_at),
        delayReason: e.reason,
        newDueAt: new Date(e.new_due_at),
        head: { name: e.full_name ?? '', position: 'Lãnh đạo UBND' },
      });
      return { pdf, filename: file('phieu-xin-loi-hen-lai') };
    }
    case 'control-sheet': {
      if (!row.received_at || !row.due_at) throw notApplicable('Hồ sơ chưa được tiếp nhận.', 'The dossier has not been received yet.');
      const workflow = await workflowOf(db, row.workflow_id);
      const history = await db.selectFrom('dossier_history').selectAll().where('dossier_id', '=', row.id).orderBy('seq').execute();
      const stepName = (key: string | null) => getStep(workflow, key)?.name.vi ?? key ?? '';
      const handovers = history
        .filter((h) => h.from_step !== h.to_step || h.action === 'transfer' || h.action === 'receive_back' || h.action === 'issue_result' || h.action === 'return_result')
        .filter((h) => h.action !== 'submit')
        .map((h) => ({
          step: h.action === 'receive' ? 'Tiếp nhận hồ sơ' : stepName(h.from_step),
          from: h.action === 'receive' ? 'Người nộp hồ sơ' : stepName(h.from_step),
          to: h.action === 'return_result' ? 'Người nộp hồ sơ' : h.action === 'transfer' ? String((h.details as { toUnitCode?: string }).toUnitCode ?? '') : stepName(h.to_step),
          handedOverAt: new Date(h.at),
          giverName: h.actor_name ?? '',
          ...(toFormTimeliness(h.timeliness) ? { timeliness: toFormTimeliness(h.timeliness)! } : {}),
          ...(h.spent_minutes !== null ? { timeSpentMinutes: h.spent_minutes } : {}),
          ...(h.allotted_minutes !== null ? { allotted: { kind: 'working-hours' as const, amount: Math.round((h.allotted_minutes / 60) * 10) / 10 } } : {}),
          ...(h.note ? { note: h.note } : {}),
        }));
      const pdf = await renderControlSheet({
        unit,
        issuedAt: now,
        dossierCode: row.code,
        applicantName: row.applicant_name,
        procedureName: version.name,
        leadAgency: ctx.units.byId(row.unit_id)?.name ?? '',
        receivedAt: new Date(row.received_at),
        dueAt: new Date(row.due_at),
        handovers,
      });
      return { pdf, filename: file('phieu-kiem-soat') };
    }
  }
}

/** Sổ theo dõi hồ sơ: dossiers received by a unit in a period, in code order. */
export async function renderUnitLogbook(ctx: AppContext, unitId: number, from: Date, to: Date): Promise<Uint8Array> {
  return renderLogbook(await unitLogbookData(ctx, unitId, from, to));
}

/** The logbook's content for a unit and period [from, to): printed as PDF or downloaded as XLSX. */
export async function unitLogbookData(ctx: AppContext, unitId: number, from: Date, to: Date): Promise<LogbookData> {
  await ctx.units.ready();
  const rows = await ctx.db
    .selectFrom('dossiers as d')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .select([
      'd.code',
      'd.sets_count',
      'd.applicant_name',
      'd.applicant_address',
      'd.applicant_phone',
      'd.received_at',
      'd.due_at',
      'd.resolved_at',
      'd.returned_at',
      'd.status',
      'v.name',
      sql<Date | null>`(select min(t.sent_at) from dossier_transfers t where t.dossier_id = d.id)`.as('transferred_at'),
    ])
    .where('d.unit_id', '=', unitId)
    .where('d.is_practice', '=', false)
    .where('d.received_at', '>=', from)
    .where('d.received_at', '<', to)
    .orderBy('d.received_at')
    .orderBy('d.code')
    .execute();
  const unitName = ctx.units.byId(unitId)?.name ?? '';
  return {
    unit: unitHeader(unitName),
    issuedAt: ctx.clock.now(),
    periodStart: from,
    periodEnd: new Date(to.getTime() - 1),
    volume: String(new Date(from.getTime() + 7 * 3600_000).getUTCFullYear()),
    entries: rows.map((r, i) => {
      const status = r.resolved_at && r.due_at ? timeliness(new Date(r.due_at), new Date(r.resolved_at)) : undefined;
      return {
        sequence: i + 1,
        dossierCode: r.code,
        procedureName: r.name,
        setCount: r.sets_count,
        applicant: { name: r.applicant_name, ...(r.applicant_address ? { address: r.applicant_address } : {}), ...(r.applicant_phone ? { phone: r.applicant_phone } : {}) },
        leadAgency: unitName,
        receivedAt: new Date(r.received_at!),
        dueAt: new Date(r.due_at!),
        ...(r.transferred_at ? { transferredAt: new Date(r.transferred_at) } : {}),
        ...(r.resolved_at ? { resultAt: new Date(r.resolved_at) } : {}),
        ...(r.returned_at ? { returnedAt: new Date(r.returned_at) } : {}),
        ...(status ? { timeliness: toFormTimeliness(status)! } : {}),
        ...(r.status === 'withdrawn' ? { note: 'Đã rút hồ sơ' } : r.status === 'stopped' ? { note: 'Dừng xử lý' } : {}),
      };
    }),
  };
}
