// Evidence of competence from real work (capacity.md §D.1, item 16): the ledger rolled up per official × field
// × period, the level MotCua suggests from it, the entries behind each figure, and a leader's decision on the
// suggestion (kept beside it as an assessment with source 'evidence').
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import { AppError, badInput, forbidden, type Msg } from '../../../errors.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { findGrant, type Actor } from '../../people/actor.js';
import type { Role } from '../../people/roles.js';
import { parsePeriod, type Period } from '../../reports/period.js';
import { CAPACITY_LEADERS, requireOfficialAccess, STAFF_ROLES } from '../access.js';
import { competencyForField, ensureFieldCompetencies, heldLevels } from '../levels.js';
import { namedOnly, workScope } from './scope.js';
import { rate, suggestLevel, SUGGESTION_RULE, type EvidenceStats } from './suggest.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface EvidenceCounts extends EvidenceStats {
  actions: number;
  supplements: number;
  spentMinutes: number;
  allottedMinutes: number;
}

interface CountRow extends EvidenceCounts {
  key_id: number;
  field: string;
  officials?: number;
}

const COUNTS = sql`
  count(distinct l.dossier_id)::int as dossiers,
  count(*)::int as actions,
  (count(*) filter (where l.submitted))::int as submitted,
  (count(*) filter (where l.sent_back))::int as "sentBack",
  (count(*) filter (where l.supplement))::int as supplements,
  (count(*) filter (where l.timeliness is not null))::int as steps,
  (count(*) filter (where l.late))::int as late,
  (count(distinct l.dossier_id) filter (where l.satisfied is not null))::int as rated,
  (count(distinct l.dossier_id) filter (where l.satisfied))::int as satisfied,
  coalesce(sum(l.spent_minutes), 0)::int as "spentMinutes",
  coalesce(sum(l.allotted_minutes), 0)::int as "allottedMinutes"`;

/** The ledger's rows of the units' officials in the period, grouped per official (or per unit) × field. */
async function ledgerCounts(
  db: Db,
  o: { unitIds: number[]; period: Period; accountId?: number; field?: string; by: 'account' | 'unit' },
): Promise<CountRow[]> {
  const key = o.by === 'account' ? sql`l.account_id` : sql`l.unit_id`;
  const res = await sql<CountRow>`
    select ${key} as key_id, l.field, ${COUNTS}
           ${o.by === 'unit' ? sql`, count(distinct l.account_id)::int as officials` : sql``}
    from evidence_ledger l
    where l.unit_id in (${sql.join(o.unitIds)})
      and l.at >= ${o.period.start} and l.at < ${o.period.end}
      and exists (select 1 from role_grants g where g.account_id = l.account_id and g.unit_id = l.unit_id
                  and g.role in (${sql.join(STAFF_ROLES as Role[])}))
      ${o.accountId !== undefined ? sql`and l.account_id = ${o.accountId}` : sql``}
      ${o.field !== undefined ? sql`and l.field = ${o.field}` : sql``}
    group by ${key}, l.field
    order by ${key}, l.field`.execute(db);
  return res.rows;
}

function rates(c: EvidenceCounts) {
  return {
    sendBackRate: rate(c.sentBack, c.submitted),
    supplementRate: rate(c.supplements, c.dossiers),
    onTimeRate: rate(c.steps - c.late, c.steps),
    satisfactionRate: rate(c.satisfied, c.rated),
  };
}

/** National field competencies by field name (added from the catalogue when missing). */
async function fieldCompetencies(db: Db, fields: string[]): Promise<Map<string, number>> {
  if (!fields.length) return new Map();
  const find = () => db.selectFrom('competencies').select(['id', 'field']).where('unit_id', 'is', null).where('field', 'in', fields).execute();
  let rows = await find();
  if (rows.length < new Set(fields).size) {
    await ensureFieldCompetencies(db);
    rows = await find();
  }
  return new Map(rows.map((r) => [r.field!, r.id]));
}

export interface EvidenceQuery {
  unit: string;
  from: string;
  to: string;
  official?: number;
  field?: string;
}

export async function evidenceRows(ctx: AppContext, actor: Actor, q: EvidenceQuery) {
  const scope = await workScope(ctx, actor, q.unit, q.official);
  const period = parsePeriod(q.from, q.to);
  if (scope.kind === 'aggregate') {
    const counts = await ledgerCounts(ctx.db, { unitIds: scope.unitIds, period, field: q.field, by: 'unit' });
    return {
      scope: 'aggregate' as const,
      from: q.from,
      to: q.to,
      rule: SUGGESTION_RULE,
      rows: counts.map(({ key_id, field, officials, ...c }) => {
        const u = ctx.units.byId(key_id)!;
        return { unit: { code: u.code, name: u.name }, field, officials: officials ?? 0, ...c, ...rates(c) };
      }),
    };
  }
  const accountId = scope.kind === 'self' ? scope.accountId : q.official;
  const counts = await ledgerCounts(ctx.db, { unitIds: scope.unitIds, period, accountId, field: q.field, by: 'account' });
  const accountIds = [...new Set(counts.map((c) => c.key_id))];
  const [names, comps, held, decisions] = await Promise.all([
    accountIds.length ? ctx.db.selectFrom('accounts').select(['id', 'full_name']).where('id', 'in', accountIds).execute() : [],
    fieldCompetencies(ctx.db, [...new Set(counts.map((c) => c.field))]),
    heldLevels(ctx.db, accountIds),
    lastDecisions(ctx.db, accountIds),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.full_name]));
  return {
    scope: 'unit' as const,
    from: q.from,
    to: q.to,
    rule: SUGGESTION_RULE,
    rows: counts.map(({ key_id, field, officials: _o, ...c }) => {
      const competencyId = comps.get(field) ?? null;
      const s = suggestLevel(c);
      return {
        official: { id: key_id, fullName: nameOf.get(key_id) ?? '' },
        field,
        competencyId,
        ...c,
        ...rates(c),
        suggestedLevel: s.level,
        enoughEvidence: s.enough,
        suggestionReason: s.reason,
        heldLevel: competencyId === null ? 0 : (held.get(key_id)?.get(competencyId)?.level ?? 0),
        lastDecision: competencyId === null ? null : (decisions.get(`${key_id}:${competencyId}`) ?? null),
      };
    }),
  };
}

interface LastDecision {
  level: number;
  suggestedLevel: number | null;
  decision: 'confirmed' | 'overridden';
  at: Date;
  by: string | null;
  note: string | null;
}

async function lastDecisions(db: Db, accountIds: number[]): Promise<Map<string, LastDecision>> {
  if (!accountIds.length) return new Map();
  const rows = await sql<{ account_id: number; competency_id: number; level: number; suggested_level: number | null; decision: 'confirmed' | 'overridden'; assessed_at: Date; by: string | null; note: string | null }>`
    select distinct on (a.account_id, a.competency_id) a.account_id, a.competency_id, a.level, a.suggested_level, a.decision,
           a.assessed_at, b.full_name as by, a.note
    from competency_assessments a left join accounts b on b.id = a.assessed_by
    where a.source = 'evidence' and a.account_id in (${sql.join(accountIds)})
    order by a.account_id, a.competency_id, a.assessed_at desc, a.id desc`.execute(db);
  return new Map(
    rows.rows.map((r) => [`${r.account_id}:${r.competency_id}`, { level: r.level, suggestedLevel: r.suggested_level, decision: r.decision, at: new Date(r.assessed_at), by: r.by, note: r.note }]),
  );
}

export const EVIDENCE_FLAGS = ['sent_back', 'late', 'supplement', 'unsatisfied'] as const;
export type EvidenceFlag = (typeof EVIDENCE_FLAGS)[number];

export interface EntriesQuery extends EvidenceQuery {
  flag?: EvidenceFlag;
  page: number;
  pageSize: number;
}

const FLAG_SQL: Record<EvidenceFlag, ReturnType<typeof sql>> = {
  sent_back: sql`l.sent_back`,
  late: sql`l.late`,
  supplement: sql`l.supplement`,
  unsatisfied: sql`l.satisfied = false`,
};

/** The ledger entries behind an official's figures: what they did, on which dossier, how it went. */
export async function evidenceEntries(ctx: AppContext, actor: Actor, q: EntriesQuery) {
  const scope = namedOnly(await workScope(ctx, actor, q.unit, q.official, false));
  const accountId = scope.kind === 'self' ? scope.accountId : q.official;
  if (accountId === undefined) throw badInput('official', { vi: 'Hãy chọn cán bộ (official).', en: 'Choose the official (official).' });
  const period = parsePeriod(q.from, q.to);
  const where = sql`l.unit_id in (${sql.join(scope.unitIds)}) and l.account_id = ${accountId}
      and l.at >= ${period.start} and l.at < ${period.end}
      ${q.field !== undefined ? sql`and l.field = ${q.field}` : sql``}
      ${q.flag ? sql`and ${FLAG_SQL[q.flag]}` : sql``}`;
  const total = await sql<{ n: number }>`select count(*)::int as n from evidence_ledger l where ${where}`.execute(ctx.db);
  const rows = await sql<{
    history_id: string | number; dossier_id: string | number; dossier_code: string; action: string; role: string | null; at: Date;
    procedure_code: string; procedure_name: string; field: string; spent_minutes: number | null; allotted_minutes: number | null;
    timeliness: string | null; sent_back: boolean | null; supplement: boolean; late: boolean; satisfied: boolean | null;
  }>`
    select l.history_id, l.dossier_id, l.dossier_code, l.action, l.role, l.at, p.code as procedure_code, v.name as procedure_name, l.field,
           l.spent_minutes, l.allotted_minutes, l.timeliness, l.sent_back, l.supplement, l.late, l.satisfied
    from evidence_ledger l
    join procedures p on p.id = l.procedure_id
    join dossiers d on d.id = l.dossier_id
    join procedure_versions v on v.id = d.procedure_version_id
    where ${where}
    order by l.at desc, l.history_id desc
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  return {
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    items: rows.rows.map((r) => ({
      historyId: Number(r.history_id),
      dossierId: Number(r.dossier_id),
      dossierCode: r.dossier_code,
      action: r.action,
      role: r.role,
      at: new Date(r.at),
      procedure: { code: r.procedure_code, name: r.procedure_name },
      field: r.field,
      spentMinutes: r.spent_minutes,
      allottedMinutes: r.allotted_minutes,
      timeliness: r.timeliness,
      sentBack: !!r.sent_back,
      supplement: r.supplement,
      late: r.late,
      satisfied: r.satisfied,
    })),
  };
}

/** parsePeriod for dates given in a request body: the 400 names the body's field, not a query parameter. */
function bodyPeriod(from: string, to: string): Period {
  try {
    return parsePeriod(from, to);
  } catch (e) {
    if (e instanceof AppError && e.extra.field?.startsWith('querystring.')) throw badInput(e.extra.field.slice('querystring.'.length), e.msg);
    throw e;
  }
}

export interface DecisionInput {
  accountId: number;
  field: string;
  from: string;
  to: string;
  level: number;
  note?: string;
}

/**
 * A leader's decision on the level suggested from work: the suggestion is recomputed here (never taken from the
 * client) and kept beside the level decided; deciding another level than the suggestion needs a note.
 */
export async function decideEvidence(ctx: AppContext, actor: Actor, input: DecisionInput) {
  await ctx.units.ready();
  const access = await requireOfficialAccess(ctx, actor, input.accountId);
  if (access.self) {
    throw forbidden({ vi: 'Không tự quyết định mức năng lực của chính mình; lãnh đạo đơn vị quyết định.', en: 'You cannot decide your own level; a leader of your unit does.' });
  }
  const period = bodyPeriod(input.from, input.to);
  const competencyId = await competencyForField(ctx.db, input.field);
  if (competencyId === undefined) {
    throw badInput('field', { vi: `Lĩnh vực "${input.field}" không có trong danh mục thủ tục.`, en: `The field "${input.field}" is not in the procedure catalogue.` });
  }
  const unitIds = ctx.units.covered(access.unitId);
  const [row] = await ledgerCounts(ctx.db, { unitIds, period, accountId: input.accountId, field: input.field, by: 'account' });
  const figures: EvidenceCounts = { dossiers: 0, actions: 0, submitted: 0, sentBack: 0, supplements: 0, steps: 0, late: 0, rated: 0, satisfied: 0, spentMinutes: 0, allottedMinutes: 0 };
  if (row) for (const k of Object.keys(figures) as Array<keyof EvidenceCounts>) figures[k] = row[k];
  const suggestion = suggestLevel(figures);
  const decision = input.level === suggestion.level ? 'confirmed' : 'overridden';
  const note = input.note?.trim() || null;
  if (decision === 'overridden' && !note) {
    throw badInput('note', {
      vi: `Mức ${input.level} khác mức gợi ý ${suggestion.level}: hãy ghi lý do (note).`,
      en: `Level ${input.level} differs from the suggested level ${suggestion.level}: give a reason (note).`,
    });
  }
  const now = ctx.clock.now();
  const grant = findGrant(actor, CAPACITY_LEADERS, access.unitId, ctx.units);
  return ctx.db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('competency_assessments')
      .values({
        account_id: input.accountId,
        unit_id: access.unitId,
        competency_id: competencyId,
        level: input.level,
        source: 'evidence',
        suggested_level: suggestion.level,
        decision,
        period_from: input.from,
        period_to: input.to,
        evidence: JSON.stringify({ field: input.field, ...figures, ...rates(figures), reason: suggestion.reason }),
        note,
        assessed_by: actor.accountId,
        assessed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: chainForUnit(access.unitId),
      at: now,
      actorId: actor.accountId,
      actorRole: grant?.role ?? null,
      action: 'capacity.evidence_decided',
      entity: 'competency_assessment',
      entityId: String(inserted.id),
      details: { accountId: input.accountId, competencyId, field: input.field, level: input.level, suggestedLevel: suggestion.level, decision },
    });
    return { id: Number(inserted.id), suggestedLevel: suggestion.level, level: input.level, decision, reason: suggestion.reason as Msg };
  });
}
