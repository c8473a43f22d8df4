// The Decision 766 index of a commune or a province for a period, and the ranking of a province's communes.
// A province's index is the same formulas over the sum of its communes' inputs. Each call runs the same few
// grouped queries whatever the number of communes.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { notFound } from '../../../errors.js';
import type { Msg } from '../../../errors.js';
import { feedbackIndexInputsByUnit } from '../../feedback/store.js';
import type { UnitDirectory, UnitInfo } from '../../units/directory.js';
import { rankByTotal, scoreIndex, zeroInputs, sumInputs, type GroupKey, type GroupScore, type IndexInputs, type MetricScore } from './domain.js';
import { catalogueState, cohortFacts, dailyUnitCounts, procedureUse } from './store.js';

/** The field whose results stand for electronic certified copies (see E_CERTIFIED_COPY). */
const CERTIFICATION_FIELD = 'Chứng thực';

interface Entity {
  id: number;
  unitIds: number[];
}

/** The inputs of each entity (a commune with the units merged into it) for the period, in one pass over all. */
export async function collectInputs(db: Kysely<DB>, entities: readonly Entity[], from: string, to: string): Promise<Map<number, IndexInputs>> {
  const all = [...new Set(entities.flatMap((e) => e.unitIds))];
  const [daily, cohort, use, catalogue, feedback] = await Promise.all([
    dailyUnitCounts(db, all, from, to),
    cohortFacts(db, all, from, to),
    procedureUse(db, all, from, to),
    catalogueState(db, all, from, to),
    feedbackIndexInputsByUnit(db, all, from, to),
  ]);
  const inForce = new Map(catalogue.procedures.map((p) => [p.procedureId, p]));
  const online = catalogue.procedures.filter((p) => p.online).length;
  const contentFull = catalogue.procedures.filter((p) => p.contentFull).length;
  const useByUnit = new Map<number, typeof use>();
  for (const u of use) useByUnit.set(u.unitId, [...(useByUnit.get(u.unitId) ?? []), u]);

  const out = new Map<number, IndexInputs>();
  entities.forEach((e) => {
    const i = zeroInputs();
    for (const id of e.unitIds) {
      const d = daily.get(id);
      if (d) {
        i.received += d.received;
        i.receivedOnline += d.receivedOnline;
        i.receivedOnTime += d.receivedOnTime;
        i.feeBearing += d.feeBearing;
        i.paidOnline += d.paidOnline;
        i.eResult += d.eResult;
        i.digitised += d.digitised;
        i.reused += d.reused;
        i.populationUsed += d.populationUsed;
        i.synced += d.synced;
        i.rated += d.rated;
        i.satisfied += d.satisfied;
      }
      const c = cohort.get(id);
      if (c) {
        i.receivedEnded += c.ended;
        i.eResultSynced += c.eResultSynced;
      }
    }
    // Catalogue: the same record for every commune; fees and the payment account are the commune's own.
    const feeProcedures = new Set(catalogue.procedures.filter((p) => p.catalogueFee).map((p) => p.procedureId));
    for (const id of e.unitIds) for (const p of catalogue.unitFeeProcedures.get(id) ?? []) if (inForce.has(p)) feeProcedures.add(p);
    const payable = e.unitIds.some((id) => catalogue.payableUnits.has(id));
    i.proceduresInForce = catalogue.procedures.length;
    i.proceduresContentFull = contentFull;
    i.proceduresOnline = online;
    i.feeProcedures = feeProcedures.size;
    i.feeProceduresPayable = payable ? [...feeProcedures].filter((p) => inForce.get(p)!.online).length : 0;
    i.newVersions = catalogue.newVersions;
    i.newVersionsOnTime = catalogue.newVersionsOnTime;
    i.changedVersions = catalogue.changedVersions;
    i.changedVersionsOnTime = catalogue.changedVersionsOnTime;
    // How the commune used its procedures in the period.
    const withDossiers = new Set<number>();
    const populationUsed = new Set<number>();
    const onlineUsed = new Set<number>();
    const paidOnline = new Set<number>();
    for (const id of e.unitIds) {
      for (const u of useByUnit.get(id) ?? []) {
        withDossiers.add(u.procedureId);
        if (u.populationUsed > 0) populationUsed.add(u.procedureId);
        if (u.receivedOnline > 0 && inForce.get(u.procedureId)?.online) onlineUsed.add(u.procedureId);
        if (u.paidOnline > 0 && feeProcedures.has(u.procedureId)) paidOnline.add(u.procedureId);
        if (u.field.normalize('NFC') === CERTIFICATION_FIELD) {
          i.certificationReceived += u.received;
          i.certificationEResult += u.eResult;
        }
      }
    }
    i.proceduresWithDossiers = withDossiers.size;
    i.proceduresPopulationUsed = populationUsed.size;
    i.onlineProceduresUsed = onlineUsed.size;
    i.feeProceduresPaidOnline = paidOnline.size;
    for (const id of e.unitIds) {
      const f = feedback.get(id);
      if (!f) continue;
      i.feedbackReceived += f.received;
      i.feedbackAnsweredOnTime += f.answeredOnTime;
      i.feedbackRated += f.rated;
      i.feedbackSatisfied += f.satisfied;
    }
    out.set(e.id, i);
  });
  return out;
}

/** The communes (and wards, special zones) of a province that still exist, in name order. */
export function communesOf(units: UnitDirectory, province: UnitInfo): UnitInfo[] {
  return units
    .all()
    .filter((u) => u.kind !== 'province' && !u.mergedIntoId && units.provinceOf(u.id)?.id === province.id)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

function entityOf(units: UnitDirectory, commune: UnitInfo): Entity {
  return { id: commune.id, unitIds: units.covered(commune.id) };
}

/** A unit by its official code; 404 in both languages when there is none. */
export async function unitByCode(units: UnitDirectory, code: string): Promise<UnitInfo> {
  await units.ready();
  const unit = units.byCode(code);
  if (!unit) throw notFound({ vi: `đơn vị hành chính mã ${code}`, en: `administrative unit ${code}` });
  return unit;
}

/** A metric as the API shows it: its drill-down carries the unit and period. */
export interface MetricView extends Omit<MetricScore, 'drill'> {
  drill?: { metric: string; params: Record<string, string> };
}

export interface ServiceIndexBody {
  unit: { code: string; name: string; kind: UnitInfo['kind'] };
  from: string;
  to: string;
  total: number;
  max: 100;
  groups: Array<Omit<GroupScore, 'metrics'> & { metrics: MetricView[] }>;
}

/** The index of a commune, or of a province (its communes' inputs summed), for the local dates from..to. */
export async function serviceIndex(db: Kysely<DB>, units: UnitDirectory, unitCode: string, from: string, to: string): Promise<ServiceIndexBody> {
  const unit = await unitByCode(units, unitCode);
  const entities = unit.kind === 'province' ? communesOf(units, unit).map((c) => entityOf(units, c)) : [entityOf(units, unit)];
  const inputs = await collectInputs(db, entities, from, to);
  const score = scoreIndex(sumInputs([...inputs.values()]));
  return {
    unit: { code: unit.code, name: unit.name, kind: unit.kind },
    from,
    to,
    total: score.total,
    max: 100,
    groups: score.groups.map((g) => ({
      ...g,
      metrics: g.metrics.map(({ drill, ...m }) => ({
        ...m,
        ...(drill ? { drill: { metric: drill.metric, params: { unit: unit.code, from, to, ...drill.params } } } : {}),
      })),
    })),
  };
}

export interface RankingRow {
  rank: number;
  unit: { code: string; name: string };
  total: number;
  groups: Record<GroupKey, number>;
  received: number;
  /** The progress metric's rate: resolved early or on time / received less refused and withdrawn; null: none. */
  onTimeRate: number | null;
}

export interface RankingBody {
  province: { code: string; name: string };
  from: string;
  to: string;
  rows: RankingRow[];
}

/** Every commune of a province with its index, ranked by total (ties share a rank). */
export async function serviceIndexRanking(db: Kysely<DB>, units: UnitDirectory, provinceCode: string, from: string, to: string): Promise<RankingBody> {
  const province = await unitByCode(units, provinceCode);
  if (province.kind !== 'province') throw notFound({ vi: `tỉnh, thành phố mã ${provinceCode}`, en: `province ${provinceCode}` });
  const communes = communesOf(units, province);
  const inputs = await collectInputs(db, communes.map((c) => entityOf(units, c)), from, to);
  const scored = communes.map((c) => {
    const i = inputs.get(c.id) ?? zeroInputs();
    const s = scoreIndex(i);
    const progress = s.groups.find((g) => g.key === 'progress')!.metrics[0]!;
    return {
      name: c.name,
      unit: { code: c.code, name: c.name },
      total: s.total,
      groups: Object.fromEntries(s.groups.map((g) => [g.key, g.score])) as Record<GroupKey, number>,
      received: i.received,
      onTimeRate: progress.rate,
    };
  });
  return {
    province: { code: province.code, name: province.name },
    from,
    to,
    rows: rankByTotal(scored).map(({ name: _n, ...r }) => r),
  };
}
