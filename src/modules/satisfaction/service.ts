// The satisfaction report of a unit (or a province) for a period: overall rate, per-criterion answers, and a fair
// ranking of officials or fields.
import type { AppContext } from '../../context.js';
import type { Msg } from '../../errors.js';
import type { Actor } from '../people/actor.js';
import { CONFIDENCE, DEFAULT_MIN_RATINGS, rankBySatisfaction, rate, summariseCriteria, type CriterionSummary } from './domain.js';
import { checkPeriod, resolveScope, unitView } from './scope.js';
import { countsBy, criterionCounts, totals, type RankBy } from './store.js';

export interface RankingRow {
  key: string;
  label: Msg;
  rated: number;
  satisfied: number;
  rate: number | null;
  lowerBound: number | null;
  rank: number | null;
}

export interface SatisfactionReport {
  unit: { code: string; name: string; kind: string };
  from: string;
  to: string;
  by: RankBy;
  rated: number;
  satisfied: number;
  rate: number | null;
  minRatings: number;
  confidence: number;
  criteria: CriterionSummary[];
  ranking: RankingRow[];
}

const NO_OFFICIAL: Msg = { vi: 'Chưa ghi nhận cán bộ xử lý', en: 'No official recorded' };

export async function satisfactionReport(
  ctx: AppContext,
  actor: Actor,
  q: { unit: string; from: string; to: string; by: RankBy; minRatings?: number | undefined },
): Promise<SatisfactionReport> {
  const scope = resolveScope(ctx, actor, q.unit);
  checkPeriod(q.from, q.to);
  const minRatings = q.minRatings ?? DEFAULT_MIN_RATINGS;
  const [sum, groups, answers] = await Promise.all([
    totals(ctx.db, scope.unitIds, q.from, q.to),
    countsBy(ctx.db, scope.unitIds, q.from, q.to, q.by),
    criterionCounts(ctx.db, scope.unitIds, q.from, q.to),
  ]);
  const ranked = rankBySatisfaction(groups, { minRatings });
  return {
    unit: unitView(scope.unit),
    from: q.from,
    to: q.to,
    by: q.by,
    rated: sum.rated,
    satisfied: sum.satisfied,
    rate: rate(sum.satisfied, sum.rated),
    minRatings,
    confidence: CONFIDENCE,
    criteria: summariseCriteria(answers),
    ranking: ranked.map((g) => ({
      key: g.key,
      label: q.by === 'field' ? { vi: g.key, en: g.key } : g.key === '0' ? NO_OFFICIAL : { vi: g.name ?? g.key, en: g.name ?? g.key },
      rated: g.rated,
      satisfied: g.satisfied,
      rate: g.rate,
      lowerBound: g.lowerBound,
      rank: g.rank,
    })),
  };
}
