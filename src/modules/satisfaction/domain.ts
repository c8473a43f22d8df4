// Satisfaction figures that rank fairly: a rate from a handful of ratings says little, so officials and fields are
// ranked by the lower bound of the Wilson score interval (95 %), and only once they have enough ratings.
import type { Msg } from '../../errors.js';
import { CRITERIA, LEVEL_NAMES, LEVELS, SCALE_VERSION } from '../portal/criteria.js';

export const CONFIDENCE = 0.95;
/** The normal quantile for a two-sided 95 % interval. */
export const Z_95 = 1.96;
export const DEFAULT_MIN_RATINGS = 5;
export const NOT_ENOUGH_RATINGS: Msg = { vi: 'chưa đủ đánh giá', en: 'not enough ratings' };

/** satisfied / rated, or null when nobody rated. */
export function rate(satisfied: number, rated: number): number | null {
  return rated > 0 ? satisfied / rated : null;
}

/**
 * The lower bound of the Wilson score interval for a proportion satisfied/rated (Wilson 1927): the rate we can be
 * `z`-confident the true rate is above. 0 ratings → null (no information).
 */
export function wilsonLowerBound(satisfied: number, rated: number, z = Z_95): number | null {
  if (!Number.isInteger(rated) || !Number.isInteger(satisfied) || rated < 0 || satisfied < 0 || satisfied > rated) {
    throw new RangeError(`bad counts ${satisfied}/${rated}`);
  }
  if (rated === 0) return null;
  const p = satisfied / rated;
  const z2 = z * z;
  const centre = p + z2 / (2 * rated);
  const margin = z * Math.sqrt((p * (1 - p)) / rated + z2 / (4 * rated * rated));
  return Math.max(0, (centre - margin) / (1 + z2 / rated));
}

export interface Rated {
  key: string;
  rated: number;
  satisfied: number;
}

export type Ranked<T extends Rated> = T & { rate: number | null; lowerBound: number | null; rank: number | null };

/**
 * Ranks by the Wilson lower bound, highest first. Entries with fewer than `minRatings` ratings get rank null
 * ("chưa đủ đánh giá") and come after the ranked ones. Equal bounds share a rank (1, 1, 3). Order within equal
 * bounds: more ratings first, then key, so the output is stable.
 */
export function rankBySatisfaction<T extends Rated>(entries: readonly T[], options: { minRatings?: number; z?: number } = {}): Array<Ranked<T>> {
  const minRatings = options.minRatings ?? DEFAULT_MIN_RATINGS;
  if (!Number.isInteger(minRatings) || minRatings < 1) throw new RangeError(`bad minRatings ${minRatings}`);
  const z = options.z ?? Z_95;
  const scored = entries.map((e) => ({ ...e, rate: rate(e.satisfied, e.rated), lowerBound: wilsonLowerBound(e.satisfied, e.rated, z), rank: null as number | null }));
  const eligible = (e: Ranked<T>) => e.rated >= minRatings;
  scored.sort((a, b) => {
    if (eligible(a) !== eligible(b)) return eligible(a) ? -1 : 1;
    const d = (b.lowerBound ?? -1) - (a.lowerBound ?? -1);
    if (Math.abs(d) > 1e-12) return d;
    return b.rated - a.rated || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
  let prev: number | null = null;
  let prevRank = 0;
  scored.forEach((e, i) => {
    if (!eligible(e)) return;
    const lb = e.lowerBound!;
    if (prev === null || Math.abs(prev - lb) > 1e-12) prevRank = i + 1;
    e.rank = prevRank;
    prev = lb;
  });
  return scored;
}

/** A rating form's scale: its criteria, its levels, and which levels count as satisfied. */
export interface Scale {
  version: string;
  criteria: ReadonlyArray<{ key: string; name: Msg }>;
  levels: ReadonlyArray<{ key: string; name: Msg }>;
  satisfiedLevels: readonly string[];
}

export const SCALES: Record<string, Scale> = {
  [SCALE_VERSION]: {
    version: SCALE_VERSION,
    criteria: CRITERIA,
    levels: LEVELS.map((l) => ({ key: l, name: LEVEL_NAMES[l] })),
    satisfiedLevels: ['very_satisfied', 'satisfied'],
  },
};

export interface CriterionCount {
  scaleVersion: string;
  criterion: string;
  level: string;
  n: number;
}

export interface CriterionSummary {
  key: string;
  name: Msg;
  scaleVersion: string;
  counts: Record<string, number>;
  /** (very satisfied + satisfied) / answers to this criterion; null if none, or if the scale is unknown. */
  satisfiedRate: number | null;
}

/**
 * Per-criterion level counts, each scale version on its own (answers of different scales are never added up).
 * Criteria of a known scale come in the form's order with every level present (0 when none); answers of an
 * unknown scale or criterion are kept under their raw key.
 */
export function summariseCriteria(rows: readonly CriterionCount[]): CriterionSummary[] {
  const byScale = new Map<string, Map<string, Record<string, number>>>();
  for (const r of rows) {
    const crit = byScale.get(r.scaleVersion) ?? new Map<string, Record<string, number>>();
    byScale.set(r.scaleVersion, crit);
    const counts = crit.get(r.criterion) ?? {};
    crit.set(r.criterion, counts);
    counts[r.level] = (counts[r.level] ?? 0) + r.n;
  }
  const out: CriterionSummary[] = [];
  const versions = [...byScale.keys()].sort((a, b) => (a === SCALE_VERSION ? -1 : b === SCALE_VERSION ? 1 : a.localeCompare(b)));
  if (!byScale.has(SCALE_VERSION)) versions.unshift(SCALE_VERSION);
  for (const version of versions) {
    const crit = byScale.get(version) ?? new Map<string, Record<string, number>>();
    const scale = SCALES[version];
    const keys = scale ? [...scale.criteria.map((c) => c.key), ...[...crit.keys()].filter((k) => !scale.criteria.some((c) => c.key === k)).sort()] : [...crit.keys()].sort();
    for (const key of keys) {
      const raw = crit.get(key) ?? {};
      const known = scale?.criteria.find((c) => c.key === key);
      const counts: Record<string, number> = {};
      if (scale) for (const l of scale.levels) counts[l.key] = 0;
      Object.assign(counts, raw);
      const total = Object.values(counts).reduce((s, n) => s + n, 0);
      const good = scale && known ? scale.satisfiedLevels.reduce((s, l) => s + (counts[l] ?? 0), 0) : 0;
      out.push({
        key,
        name: known?.name ?? { vi: key, en: key },
        scaleVersion: version,
        counts,
        satisfiedRate: scale && known ? rate(good, total) : null,
      });
    }
  }
  return out;
}
