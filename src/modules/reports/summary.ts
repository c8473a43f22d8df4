// The periodic report (issue 5): for a commune or a whole province and a period, how many dossiers were carried
// over, received, resolved early / on time / late, are in progress within time / late, paused, withdrawn, refused
// and returned — broken down by commune, field, procedure, channel, office or official — and the dossiers behind
// every figure. Who may read it: the unit's leaders, heads of office and centre admins; province viewers for every
// commune of their province; system admins everywhere.
import type { AppContext } from '../../context.js';
import { forbidden, notFound, type Msg } from '../../errors.js';
import { isoVn } from '../../http/time.js';
import { maskName, seesPersonalData } from '../dossiers/access.js';
import type { Actor } from '../people/actor.js';
import { findGrant } from '../people/actor.js';
import type { Role } from '../people/roles.js';
import type { UnitInfo } from '../units/directory.js';
import {
  accountNames,
  drillCount,
  drillPage,
  flowCounts,
  officeNames,
  pointCounts,
  procedureIdByCode,
  procedureLabels,
  trendCounts,
  type Breakdown,
  type FlowRow,
  type Interval,
  type Metric,
  type PointRow,
} from './store.js';
import { parsePeriod, type Period } from './period.js';

export { BREAKDOWNS, METRICS, type Breakdown, type Interval, type Metric } from './store.js';
export { localMidnight, parsePeriod, type Period } from './period.js';

/** Roles that read a unit's reports (a grant on a province covers its communes). */
export const REPORT_ROLES: readonly Role[] = ['unit_leader', 'head_of_office', 'centre_admin', 'province_viewer', 'system_admin'];

export interface Counts {
  carriedOver: number;
  receivedNew: number;
  received: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  resolved: number;
  inProgressWithinTime: number;
  inProgressLate: number;
  paused: number;
  withdrawn: number;
  refused: number;
  returned: number;
  onTimeRate: number | null;
}

export interface UnitRef {
  code: string;
  name: string;
  kind: UnitInfo['kind'];
}

export interface SummaryRow {
  key: string;
  label: Msg;
  counts: Counts;
}

export interface ReportSummary {
  unit: UnitRef;
  from: string;
  to: string;
  by: Breakdown;
  rows: SummaryRow[];
  total: Counts;
}

export interface ReportDossier {
  id: number;
  code: string;
  unit: { code: string; name: string };
  procedure: { code: string; name: string };
  field: string;
  channel: string;
  applicantName: string;
  receivedAt: string | null;
  dueAt: string | null;
  doneAt: string | null;
  outcome: string | null;
  official: { id: number; name: string } | null;
}

export interface ReportDossiers {
  total: number;
  page: number;
  pageSize: number;
  items: ReportDossier[];
}

export interface TrendPoint {
  period: string;
  receivedNew: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onTimeRate: number | null;
}

export interface ReportTrend {
  interval: Interval;
  points: TrendPoint[];
}

export const CHANNEL_LABELS: Readonly<Record<string, Msg>> = {
  counter: { vi: 'Trực tiếp', en: 'At the counter' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  postal: { vi: 'Bưu chính công ích', en: 'Postal' },
};

const DAY_MS = 86_400_000;

/** The unit by code (404 if unknown), once the caller may read its reports (403 otherwise). */
export async function reportUnit(ctx: AppContext, actor: Actor, code: string): Promise<UnitInfo> {
  await ctx.units.ready();
  const unit = ctx.units.byCode(code);
  if (!unit) throw notFound({ vi: `đơn vị mã ${code}`, en: `unit with code ${code}` });
  const allowed = actor.grants.some((g) => g.role === 'system_admin') || findGrant(actor, REPORT_ROLES, unit.id, ctx.units);
  if (!allowed) {
    throw forbidden({
      vi: `Bạn không có quyền xem báo cáo của ${unit.name}.`,
      en: `You may not read the reports of ${unit.name}.`,
    });
  }
  return unit;
}

/** Every unit whose dossiers a report on `unit` counts: itself, its communes, units merged into them. */
function unitIdsOf(ctx: AppContext, unit: UnitInfo): number[] {
  return ctx.units.covered(unit.id);
}

/** The communes a by-unit report lists for `unit`: a province's current communes, or the commune itself. */
function communesOf(ctx: AppContext, unit: UnitInfo): UnitInfo[] {
  if (unit.kind !== 'province') return [unit];
  return ctx.units
    .all()
    .filter((u) => u.parentId === unit.id && u.mergedIntoId === null && u.kind !== 'province')
    .sort((a, b) => a.code.localeCompare(b.code));
}

const zero = (): Omit<Counts, 'received' | 'resolved' | 'onTimeRate'> => ({
  carriedOver: 0,
  receivedNew: 0,
  resolvedEarly: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  inProgressWithinTime: 0,
  inProgressLate: 0,
  paused: 0,
  withdrawn: 0,
  refused: 0,
  returned: 0,
});

type Raw = ReturnType<typeof zero>;

function addRaw(into: Raw, from: Partial<Raw>): void {
  for (const k of Object.keys(into) as Array<keyof Raw>) into[k] += Number(from[k] ?? 0);
}

/** The derived figures: received, resolved and the on-time rate. Fields in the contract's order. */
export function finishCounts(r: Raw): Counts {
  const resolved = r.resolvedEarly + r.resolvedOnTime + r.resolvedLate;
  return {
    carriedOver: r.carriedOver,
    receivedNew: r.receivedNew,
    received: r.carriedOver + r.receivedNew,
    resolvedEarly: r.resolvedEarly,
    resolvedOnTime: r.resolvedOnTime,
    resolvedLate: r.resolvedLate,
    resolved,
    inProgressWithinTime: r.inProgressWithinTime,
    inProgressLate: r.inProgressLate,
    paused: r.paused,
    withdrawn: r.withdrawn,
    refused: r.refused,
    returned: r.returned,
    onTimeRate: resolved ? (r.resolvedEarly + r.resolvedOnTime) / resolved : null,
  };
}

const unitRef = (u: UnitInfo): UnitRef => ({ code: u.code, name: u.name, kind: u.kind });

export async function reportSummary(
  ctx: AppContext,
  actor: Actor,
  q: { unit: string; from: string; to: string; by: Breakdown },
): Promise<ReportSummary> {
  const period = parsePeriod(q.from, q.to);
  const unit = await reportUnit(ctx, actor, q.unit);
  const ids = unitIdsOf(ctx, unit);
  const [flow, point] = await Promise.all([flowCounts(ctx.db, ids, period, q.by), pointCounts(ctx.db, ids, period, q.by)]);

  // Merge the two by key; a by-unit report folds merged units into their successor and lists every commune.
  const fold = (key: string): string => {
    if (q.by !== 'unit') return key;
    const s = ctx.units.successor(Number(key));
    return s ? String(s.id) : key;
  };
  const byKey = new Map<string, Raw>();
  const raw = (key: string): Raw => {
    let r = byKey.get(key);
    if (!r) byKey.set(key, (r = zero()));
    return r;
  };
  if (q.by === 'unit') for (const c of communesOf(ctx, unit)) raw(String(c.id));
  if (q.by === 'none') raw('all');
  for (const f of flow as FlowRow[]) addRaw(raw(fold(f.key)), f);
  for (const p of point as PointRow[]) addRaw(raw(fold(p.key)), p);

  const rows = await labelRows(ctx, q.by, unit, ids, byKey);
  const total = zero();
  for (const r of byKey.values()) addRaw(total, r);
  return { unit: unitRef(unit), from: q.from, to: q.to, by: q.by, rows, total: finishCounts(total) };
}

const NO_OFFICIAL: Msg = { vi: 'Chưa xác định cán bộ', en: 'No official' };
const NO_OFFICE: Msg = { vi: 'Chưa xác định phòng', en: 'No office' };
const same = (s: string): Msg => ({ vi: s, en: s });

async function labelRows(ctx: AppContext, by: Breakdown, unit: UnitInfo, ids: number[], byKey: Map<string, Raw>): Promise<SummaryRow[]> {
  const entries = [...byKey.entries()];
  let labelled: Array<{ key: string; label: Msg; raw: Raw }>;
  switch (by) {
    case 'none':
      labelled = entries.map(([key, raw]) => ({ key, label: same(unit.name), raw }));
      break;
    case 'unit':
      labelled = entries.map(([key, raw]) => {
        const u = ctx.units.byId(Number(key));
        return { key: u?.code ?? key, label: same(u?.name ?? key), raw };
      });
      labelled.sort((a, b) => a.key.localeCompare(b.key));
      return labelled.map(({ key, label, raw }) => ({ key, label, counts: finishCounts(raw) }));
    case 'field':
      labelled = entries.map(([key, raw]) => ({ key, label: same(key), raw }));
      break;
    case 'channel':
      labelled = entries.map(([key, raw]) => ({ key, label: CHANNEL_LABELS[key] ?? same(key), raw }));
      break;
    case 'procedure': {
      const names = await procedureLabels(ctx.db, entries.map(([k]) => Number(k)));
      labelled = entries.map(([key, raw]) => {
        const p = names.get(Number(key));
        return { key: p?.code ?? key, label: same(p?.name ?? key), raw };
      });
      break;
    }
    case 'official': {
      const names = await accountNames(ctx.db, entries.map(([k]) => Number(k)).filter((id) => id > 0));
      labelled = entries.map(([key, raw]) => {
        const name = names.get(Number(key));
        return { key, label: name ? same(name) : NO_OFFICIAL, raw };
      });
      break;
    }
    case 'office': {
      const names = await officeNames(ctx.db, entries.map(([k]) => k), ids);
      labelled = entries.map(([key, raw]) => {
        const name = names.get(key);
        return { key, label: name ? same(name) : NO_OFFICE, raw };
      });
      break;
    }
  }
  labelled.sort((a, b) => a.label.vi.localeCompare(b.label.vi, 'vi') || a.key.localeCompare(b.key));
  return labelled.map(({ key, label, raw }) => ({ key, label, counts: finishCounts(raw) }));
}

export interface DossiersQuery {
  unit: string;
  from: string;
  to: string;
  metric: Metric;
  field?: string | undefined;
  procedure?: string | undefined;
  channel?: string | undefined;
  official?: number | undefined;
  office?: string | undefined;
  page: number;
  pageSize: number;
}

export async function reportDossiers(ctx: AppContext, actor: Actor, q: DossiersQuery): Promise<ReportDossiers> {
  const period = parsePeriod(q.from, q.to);
  const unit = await reportUnit(ctx, actor, q.unit);
  let procedureId: number | undefined;
  if (q.procedure !== undefined) {
    procedureId = await procedureIdByCode(ctx.db, q.procedure);
    if (procedureId === undefined) return { total: 0, page: q.page, pageSize: q.pageSize, items: [] };
  }
  const filter = {
    unitIds: unitIdsOf(ctx, unit),
    period,
    metric: q.metric,
    ...(q.field !== undefined ? { field: q.field } : {}),
    ...(procedureId !== undefined ? { procedureId } : {}),
    ...(q.channel !== undefined ? { channel: q.channel } : {}),
    ...(q.official !== undefined ? { officialId: q.official } : {}),
    ...(q.office !== undefined ? { officeCode: q.office } : {}),
  };
  const [total, rows] = await Promise.all([drillCount(ctx.db, filter), drillPage(ctx.db, filter, (q.page - 1) * q.pageSize, q.pageSize)]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      unit: { code: r.unit_code, name: r.unit_name },
      procedure: { code: r.procedure_code, name: r.procedure_name },
      field: r.field,
      channel: r.channel,
      applicantName: seesPersonalData(actor, r, ctx.units) ? r.applicant_name : maskName(r.applicant_name),
      receivedAt: isoVn(r.received_at),
      dueAt: isoVn(r.due_at),
      doneAt: isoVn(r.done_at),
      outcome: r.outcome,
      official: r.official_id > 0 && r.official_name ? { id: r.official_id, name: r.official_name } : null,
    })),
  };
}

/** Every bucket start of the period: days, Mondays (the week of `from` included) or months. */
function buckets(period: Period, interval: Interval): string[] {
  const out: string[] = [];
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const last = day(period.toDay);
  let cur = day(period.fromDay);
  if (interval === 'week') cur = new Date(cur.getTime() - ((cur.getUTCDay() + 6) % 7) * DAY_MS);
  if (interval === 'month') cur = new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth(), 1));
  while (cur <= last) {
    out.push(interval === 'month' ? cur.toISOString().slice(0, 7) : cur.toISOString().slice(0, 10));
    cur =
      interval === 'day'
        ? new Date(cur.getTime() + DAY_MS)
        : interval === 'week'
          ? new Date(cur.getTime() + 7 * DAY_MS)
          : new Date(Date.UTC(cur.getUTCFullYear(), cur.getUTCMonth() + 1, 1));
  }
  return out;
}

export async function reportTrend(
  ctx: AppContext,
  actor: Actor,
  q: { unit: string; from: string; to: string; interval: Interval },
): Promise<ReportTrend> {
  const period = parsePeriod(q.from, q.to);
  const unit = await reportUnit(ctx, actor, q.unit);
  const rows = new Map((await trendCounts(ctx.db, unitIdsOf(ctx, unit), period, q.interval)).map((r) => [r.period, r]));
  return {
    interval: q.interval,
    points: buckets(period, q.interval).map((period) => {
      const r = rows.get(period);
      const early = r?.resolvedEarly ?? 0;
      const onTime = r?.resolvedOnTime ?? 0;
      const late = r?.resolvedLate ?? 0;
      const resolved = early + onTime + late;
      return {
        period,
        receivedNew: r?.receivedNew ?? 0,
        resolvedEarly: early,
        resolvedOnTime: onTime,
        resolvedLate: late,
        onTimeRate: resolved ? (early + onTime) / resolved : null,
      };
    }),
  };
}
