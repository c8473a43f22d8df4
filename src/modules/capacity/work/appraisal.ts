// The Decree 335/2025 appraisal feed (capacity.md §A, §D.2, items 9–10): per official per month, the converted
// dossier work assigned and done, the quality and timeliness deductions after the exemptions a leader
// confirmed, and the task-result score, with the dossiers behind every figure. MotCua produces these figures
// for the province's scoring software; it does not score the general criteria.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { AppError, badInput, domainRule, forbidden, type Msg } from '../../../errors.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { addDays } from '../../calendar/index.js';
import { findGrant, type Actor } from '../../people/actor.js';
import { parsePeriod, type Period } from '../../reports/period.js';
import { CAPACITY_LEADERS } from '../access.js';
import { unitOfficials } from '../levels.js';
import { namedOnly, workScope } from './scope.js';
import { APPRAISAL_RULE, appraisalFigures } from './scoring.js';
import { weightOf } from './weights.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Actions that finish an official's part of a dossier even when they end no timed step. */
const FINISHING_ACTIONS = ['refuse', 'issue_result', 'return_result', 'transfer', 'assign', 'sign'];

export const APPRAISAL_COUNTING: Msg = {
  vi:
    'Hồ sơ được giao trong tháng: hồ sơ cán bộ đã thao tác trong tháng, được phân công trong tháng, hoặc đang giữ (chưa kết thúc) từ trước cuối tháng. ' +
    'Hồ sơ hoàn thành: cán bộ kết thúc bước của mình trong tháng (hoặc từ chối, ban hành, trả kết quả, liên thông, phân công, ký). Hồ sơ thực hành không được tính.',
  en:
    'Dossiers assigned in the month: those the official acted on in the month, was assigned in the month, or still holds (open) since before the month ended. ' +
    'Done: the official finished their step in the month (or refused, issued, returned, transferred, assigned or signed it). Practice dossiers never count.',
};

export function monthPeriod(month: string): Period {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badInput('month', { vi: `Tháng "${month}" không hợp lệ (YYYY-MM).`, en: `The month "${month}" is not valid (YYYY-MM).` });
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return parsePeriod(from, addDays(next, -1));
}

export interface AppraisalDossier {
  accountId: number;
  dossierId: number;
  code: string;
  procedure: { code: string; name: string };
  field: string;
  weight: number;
  done: boolean;
  sentBack: number;
  late: number;
  exempted: boolean;
  exemptionReason: string | null;
}

/** Each (official, dossier) pair of the month, with what counts for the appraisal. One query. */
async function monthDossiers(db: Db, unitIds: number[], p: Period, accountId?: number): Promise<AppraisalDossier[]> {
  const mine = (col: ReturnType<typeof sql.ref>) => (accountId === undefined ? sql`` : sql`and ${col} = ${accountId}`);
  const res = await sql<{
    account_id: number; dossier_id: string | number; code: string; procedure_code: string; procedure_name: string; field: string;
    done: boolean | null; sent_back: number | null; late: number | null; reason: string | null;
    limit_value: number; limit_unit: string; unit_weight: number | null; national_weight: number | null;
  }>`
    with acted as (
      select l.account_id, l.dossier_id,
             bool_or(l.timeliness is not null or l.action in (${sql.join(FINISHING_ACTIONS)})) as done,
             (count(*) filter (where l.sent_back))::int as sent_back,
             (count(*) filter (where l.late))::int as late
      from evidence_ledger l
      where l.unit_id in (${sql.join(unitIds)}) and l.at >= ${p.start} and l.at < ${p.end} ${mine(sql.ref('l.account_id'))}
      group by l.account_id, l.dossier_id
    ),
    given as (
      select (h.details->>'assigneeId')::int as account_id, h.dossier_id
      from dossier_history h join dossiers d on d.id = h.dossier_id and not d.is_practice
      where d.handling_unit_id in (${sql.join(unitIds)}) and h.action = 'assign' and h.at >= ${p.start} and h.at < ${p.end}
      union
      select d.assignee_id, d.id
      from dossiers d
      where d.handling_unit_id in (${sql.join(unitIds)}) and d.closed_at is null and not d.is_practice and d.assignee_id is not null
        and coalesce(d.step_started_at, d.received_at, d.submitted_at) < ${p.end}
    ),
    pairs as (select account_id, dossier_id from acted union select account_id, dossier_id from given)
    select k.account_id, k.dossier_id, d.code, pr.code as procedure_code, v.name as procedure_name, v.field,
           a.done, a.sent_back, a.late, x.reason, d.limit_value, d.limit_unit, uw.weight as unit_weight, nw.weight as national_weight
    from pairs k
    join dossiers d on d.id = k.dossier_id
    join procedures pr on pr.id = d.procedure_id
    join procedure_versions v on v.id = d.procedure_version_id
    left join acted a on a.account_id = k.account_id and a.dossier_id = k.dossier_id
    left join appraisal_exemptions x on x.dossier_id = k.dossier_id and x.account_id = k.account_id
    left join procedure_weights uw on uw.procedure_id = d.procedure_id and uw.unit_id = d.handling_unit_id
    left join procedure_weights nw on nw.procedure_id = d.procedure_id and nw.unit_id is null
    where k.account_id is not null ${mine(sql.ref('k.account_id'))}
    order by k.account_id, d.code`.execute(db);
  return res.rows.map((r) => ({
    accountId: r.account_id,
    dossierId: Number(r.dossier_id),
    code: r.code,
    procedure: { code: r.procedure_code, name: r.procedure_name },
    field: r.field,
    weight: weightOf({ unitWeight: r.unit_weight, nationalWeight: r.national_weight, limitValue: r.limit_value, limitUnit: r.limit_unit }),
    done: !!r.done,
    sentBack: r.sent_back ?? 0,
    late: r.late ?? 0,
    exempted: r.reason !== null,
    exemptionReason: r.reason,
  }));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface AppraisalRow {
  official: { id: number; fullName: string; username: string };
  position: string | null;
  assigned: number;
  done: number;
  assignedWeight: number;
  converted: number;
  quantity: number | null;
  quality: number;
  timeliness: number;
  sentBack: number;
  late: number;
  exempted: number;
  score: number | null;
}

export async function appraisal(ctx: AppContext, actor: Actor, q: { unit: string; month: string }) {
  const scope = namedOnly(await workScope(ctx, actor, q.unit, undefined, false));
  const period = monthPeriod(q.month);
  const accountId = scope.kind === 'self' ? scope.accountId : undefined;
  const [officials, pairs] = await Promise.all([unitOfficials(ctx.db, scope.unitIds), monthDossiers(ctx.db, scope.unitIds, period, accountId)]);
  const byAccount = new Map<number, AppraisalDossier[]>();
  for (const d of pairs) byAccount.set(d.accountId, [...(byAccount.get(d.accountId) ?? []), d]);
  const rows: AppraisalRow[] = officials
    .filter((o) => accountId === undefined || o.id === accountId)
    .map((o) => {
      const ds = byAccount.get(o.id) ?? [];
      const counted = ds.filter((d) => !d.exempted);
      const sentBack = counted.reduce((a, d) => a + d.sentBack, 0);
      const late = counted.reduce((a, d) => a + d.late, 0);
      const assignedWeight = round2(ds.reduce((a, d) => a + d.weight, 0));
      const converted = round2(ds.filter((d) => d.done).reduce((a, d) => a + d.weight, 0));
      return {
        official: { id: o.id, fullName: o.fullName, username: o.username },
        position: o.position?.name ?? null,
        assigned: ds.length,
        done: ds.filter((d) => d.done).length,
        assignedWeight,
        converted,
        ...appraisalFigures({ assignedWeight, doneWeight: converted, sentBack, late }),
        sentBack,
        late,
        exempted: ds.filter((d) => d.exempted).length,
      };
    });
  return { month: q.month, unit: { code: scope.unit.code, name: scope.unit.name }, rule: APPRAISAL_RULE, counting: APPRAISAL_COUNTING, rows };
}

export async function appraisalDossiers(ctx: AppContext, actor: Actor, q: { unit: string; month: string; official?: number; flag?: 'late' | 'sent_back' | 'done' | 'exempted' }) {
  const scope = namedOnly(await workScope(ctx, actor, q.unit, q.official, false));
  const accountId = scope.kind === 'self' ? scope.accountId : q.official;
  if (accountId === undefined) throw badInput('official', { vi: 'Hãy chọn cán bộ (official).', en: 'Choose the official (official).' });
  const period = monthPeriod(q.month);
  const all = await monthDossiers(ctx.db, scope.unitIds, period, accountId);
  const items = all.filter((d) =>
    q.flag === 'late' ? d.late > 0 : q.flag === 'sent_back' ? d.sentBack > 0 : q.flag === 'done' ? d.done : q.flag === 'exempted' ? d.exempted : true,
  );
  return { month: q.month, official: accountId, total: items.length, items: items.map(({ accountId: _a, ...d }) => d) };
}

/** A leader confirms an objective cause: the dossier no longer counts against the official's quality and timeliness. */
export async function addExemption(ctx: AppContext, actor: Actor, input: { dossierId: number; accountId: number; reason: string }) {
  await ctx.units.ready();
  const now = ctx.clock.now();
  const d = await ctx.db.selectFrom('dossiers').select(['id', 'code', 'handling_unit_id', 'is_practice']).where('id', '=', input.dossierId).executeTakeFirst();
  if (!d) throw badInput('dossierId', { vi: `Không có hồ sơ ${input.dossierId}.`, en: `No dossier ${input.dossierId}.` });
  const grant = findGrant(actor, CAPACITY_LEADERS, d.handling_unit_id, ctx.units);
  if (!grant) throw forbidden({ vi: 'Chỉ lãnh đạo đơn vị giữ hồ sơ mới xác nhận nguyên nhân khách quan.', en: 'Only a leader of the unit holding the dossier confirms an objective cause.' });
  if (input.accountId === actor.accountId) throw forbidden({ vi: 'Không tự xác nhận miễn trừ cho chính mình.', en: 'You cannot excuse yourself.' });
  if (d.is_practice) throw badInput('dossierId', { vi: 'Hồ sơ thực hành không tính vào đánh giá.', en: 'A practice dossier never counts in the appraisal.' });
  const acted = await ctx.db.selectFrom('evidence_ledger').select('history_id').where('dossier_id', '=', d.id).where('account_id', '=', input.accountId).limit(1).executeTakeFirst();
  if (!acted) throw domainRule({ vi: 'Cán bộ này chưa xử lý hồ sơ này.', en: 'This official has not worked on this dossier.' });
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('appraisal_exemptions')
      .values({ dossier_id: d.id, account_id: input.accountId, reason: input.reason, confirmed_by: actor.accountId, confirmed_at: now })
      .onConflict((oc) => oc.columns(['dossier_id', 'account_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', { vi: 'Hồ sơ này đã được miễn trừ cho cán bộ này.', en: 'This dossier is already excused for this official.' });
    await appendAudit(tx, {
      chain: chainForUnit(d.handling_unit_id),
      at: now,
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'capacity.appraisal_exempted',
      entity: 'dossier',
      entityId: d.code,
      details: { accountId: input.accountId, exemptionId: Number(row.id) },
    });
    return { id: Number(row.id), dossierId: d.id, accountId: input.accountId };
  });
}

// ---- exports for the province's scoring software ---------------------------------------------------------------

export const APPRAISAL_COLUMNS: Array<{ header: string; value: (r: AppraisalRow) => string | number | null; format?: 'integer' | 'decimal' }> = [
  { header: 'Tài khoản', value: (r) => r.official.username },
  { header: 'Họ và tên', value: (r) => r.official.fullName },
  { header: 'Vị trí việc làm', value: (r) => r.position ?? '' },
  { header: 'Số hồ sơ được giao', value: (r) => r.assigned, format: 'integer' },
  { header: 'Số hồ sơ hoàn thành', value: (r) => r.done, format: 'integer' },
  { header: 'Sản phẩm được giao (quy đổi)', value: (r) => r.assignedWeight, format: 'decimal' },
  { header: 'Sản phẩm hoàn thành (quy đổi)', value: (r) => r.converted, format: 'decimal' },
  { header: 'Số lượng (%)', value: (r) => r.quantity, format: 'decimal' },
  { header: 'Chất lượng (%)', value: (r) => r.quality, format: 'decimal' },
  { header: 'Tiến độ (%)', value: (r) => r.timeliness, format: 'decimal' },
  { header: 'Số lần bị trả lại', value: (r) => r.sentBack, format: 'integer' },
  { header: 'Số bước trễ hạn', value: (r) => r.late, format: 'integer' },
  { header: 'Số hồ sơ được miễn trừ', value: (r) => r.exempted, format: 'integer' },
  { header: 'Điểm kết quả nhiệm vụ', value: (r) => r.score, format: 'decimal' },
];

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a byte-order mark (so Excel reads the Vietnamese), comma-separated, CRLF lines, the month first. */
export function appraisalCsv(month: string, rows: AppraisalRow[]): string {
  const lines = [['Tháng', ...APPRAISAL_COLUMNS.map((c) => c.header)].map(csvCell).join(',')];
  for (const r of rows) lines.push([month, ...APPRAISAL_COLUMNS.map((c) => c.value(r))].map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
