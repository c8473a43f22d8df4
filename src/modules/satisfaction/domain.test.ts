import { describe, expect, it } from 'vitest';
import { rankBySatisfaction, summariseCriteria, wilsonLowerBound } from './domain.js';

describe('wilsonLowerBound (95 %)', () => {
  // Published values of the Wilson score interval's lower bound at z = 1.96.
  it.each([
    [1, 1, 0.2065],
    [95, 100, 0.8882],
    [5, 10, 0.2366],
    [10, 10, 0.7225],
    [9, 10, 0.5958],
    [50, 50, 0.9286],
    [0, 5, 0],
  ])('%i satisfied of %i → %f', (s, n, lb) => {
    expect(wilsonLowerBound(s, n)).toBeCloseTo(lb, 4);
  });

  it('is null with no ratings and refuses impossible counts', () => {
    expect(wilsonLowerBound(0, 0)).toBeNull();
    expect(() => wilsonLowerBound(3, 2)).toThrow(RangeError);
    expect(() => wilsonLowerBound(-1, 2)).toThrow(RangeError);
    expect(() => wilsonLowerBound(1.5, 2)).toThrow(RangeError);
  });

  it('always lies below the raw rate and rises with more evidence at the same rate', () => {
    for (const [s, n] of [[1, 2], [3, 4], [7, 7], [40, 50]] as const) expect(wilsonLowerBound(s, n)!).toBeLessThan(s / n);
    expect(wilsonLowerBound(9, 10)!).toBeLessThan(wilsonLowerBound(90, 100)!);
  });
});

describe('rankBySatisfaction', () => {
  const cases: Array<{ name: string; entries: Array<{ key: string; rated: number; satisfied: number }>; minRatings?: number; ranks: Record<string, number | null>; order: string[] }> = [
    {
      name: 'the classic case: 1/1 ranks below 95/100 although its raw rate is higher',
      entries: [{ key: 'one', rated: 1, satisfied: 1 }, { key: 'hundred', rated: 100, satisfied: 95 }],
      minRatings: 1,
      ranks: { hundred: 1, one: 2 },
      order: ['hundred', 'one'],
    },
    {
      name: 'below the minimum (default 5) → rank null, listed after the ranked ones',
      entries: [{ key: 'few', rated: 4, satisfied: 4 }, { key: 'many', rated: 20, satisfied: 12 }, { key: 'five', rated: 5, satisfied: 5 }],
      ranks: { five: 1, many: 2, few: null },
      order: ['five', 'many', 'few'],
    },
    {
      name: 'ties share a rank and the next rank skips (1, 1, 3)',
      entries: [{ key: 'a', rated: 10, satisfied: 9 }, { key: 'b', rated: 10, satisfied: 9 }, { key: 'c', rated: 10, satisfied: 5 }],
      ranks: { a: 1, b: 1, c: 3 },
      order: ['a', 'b', 'c'],
    },
    {
      name: 'nobody rated → no rank, rate and bound null',
      entries: [{ key: 'none', rated: 0, satisfied: 0 }, { key: 'some', rated: 6, satisfied: 3 }],
      ranks: { some: 1, none: null },
      order: ['some', 'none'],
    },
    {
      name: 'a configurable minimum',
      entries: [{ key: 'x', rated: 30, satisfied: 30 }, { key: 'y', rated: 29, satisfied: 29 }],
      minRatings: 30,
      ranks: { x: 1, y: null },
      order: ['x', 'y'],
    },
  ];
  it.each(cases)('$name', ({ entries, minRatings, ranks, order }) => {
    const out = rankBySatisfaction(entries, minRatings ? { minRatings } : {});
    expect(out.map((e) => e.key)).toEqual(order);
    expect(Object.fromEntries(out.map((e) => [e.key, e.rank]))).toEqual(ranks);
  });

  it('gives the raw rate and the bound of each entry', () => {
    const [e] = rankBySatisfaction([{ key: 'k', rated: 10, satisfied: 5 }]);
    expect(e!.rate).toBe(0.5);
    expect(e!.lowerBound).toBeCloseTo(0.2366, 4);
    const [n] = rankBySatisfaction([{ key: 'n', rated: 0, satisfied: 0 }]);
    expect(n!.rate).toBeNull();
    expect(n!.lowerBound).toBeNull();
    expect(() => rankBySatisfaction([], { minRatings: 0 })).toThrow(RangeError);
  });
});

describe('summariseCriteria', () => {
  it('counts levels per criterion of the current scale in the form order, with the satisfied rate', () => {
    const out = summariseCriteria([
      { scaleVersion: 'hue-12-3level-v1', criterion: 'attitude', level: 'unsatisfied', n: 1 },
      { scaleVersion: 'hue-12-3level-v1', criterion: 'overall', level: 'very_satisfied', n: 2 },
      { scaleVersion: 'hue-12-3level-v1', criterion: 'overall', level: 'satisfied', n: 1 },
      { scaleVersion: 'hue-12-3level-v1', criterion: 'overall', level: 'unsatisfied', n: 1 },
    ]);
    expect(out).toHaveLength(12);
    expect(out[0]).toEqual({
      key: 'overall',
      name: { vi: 'Mức độ hài lòng chung', en: 'Overall satisfaction' },
      scaleVersion: 'hue-12-3level-v1',
      counts: { very_satisfied: 2, satisfied: 1, unsatisfied: 1 },
      satisfiedRate: 0.75,
    });
    expect(out.find((c) => c.key === 'attitude')).toMatchObject({ counts: { very_satisfied: 0, satisfied: 0, unsatisfied: 1 }, satisfiedRate: 0 });
    expect(out.find((c) => c.key === 'online')).toMatchObject({ counts: { very_satisfied: 0, satisfied: 0, unsatisfied: 0 }, satisfiedRate: null });
  });

  it('keeps another scale version apart and raw (no rate: its levels are not known)', () => {
    const out = summariseCriteria([
      { scaleVersion: 'five-level-v0', criterion: 'overall', level: '4', n: 3 },
      { scaleVersion: 'hue-12-3level-v1', criterion: 'overall', level: 'satisfied', n: 1 },
    ]);
    const current = out.filter((c) => c.scaleVersion === 'hue-12-3level-v1');
    const other = out.filter((c) => c.scaleVersion === 'five-level-v0');
    expect(current).toHaveLength(12);
    expect(current[0]!.counts.satisfied).toBe(1);
    expect(other).toEqual([{ key: 'overall', name: { vi: 'overall', en: 'overall' }, scaleVersion: 'five-level-v0', counts: { '4': 3 }, satisfiedRate: null }]);
  });
});
