// The pure rules of evidence, workload and appraisal: the suggested level, the conversion weights, the ageing
// buckets and the Decree 335/2025 figures, each as a table of cases.
import { describe, expect, it } from 'vitest';
import { appraisalFigures } from './scoring.js';
import { suggestLevel, type EvidenceStats } from './suggest.js';
import { ageBucket, defaultWeight, weightOf } from './weights.js';

const stats = (s: Partial<EvidenceStats>): EvidenceStats => ({ dossiers: 0, submitted: 0, sentBack: 0, steps: 0, late: 0, rated: 0, satisfied: 0, ...s });

describe('suggestLevel', () => {
  const cases: Array<[string, Partial<EvidenceStats>, number, boolean]> = [
    ['no dossiers', {}, 0, false],
    ['1 dossier, perfect', { dossiers: 1, steps: 1 }, 1, false],
    ['4 dossiers, perfect: not enough evidence', { dossiers: 4, steps: 4, submitted: 4 }, 1, false],
    ['5 dossiers, perfect: enough, but level 2 needs 10', { dossiers: 5, steps: 5 }, 1, true],
    ['10 dossiers, 80 % on time, 20 % sent back', { dossiers: 10, steps: 10, late: 2, submitted: 10, sentBack: 2 }, 2, true],
    ['10 dossiers, 70 % on time', { dossiers: 10, steps: 10, late: 3 }, 1, true],
    ['10 dossiers, 30 % sent back', { dossiers: 10, steps: 10, submitted: 10, sentBack: 3 }, 1, true],
    ['10 dossiers without a timed step', { dossiers: 10 }, 1, true],
    ['10 dossiers, nothing submitted (receiving officer)', { dossiers: 10, steps: 10 }, 2, true],
    ['30 dossiers, 90 % on time, 10 % sent back', { dossiers: 30, steps: 30, late: 3, submitted: 30, sentBack: 3 }, 3, true],
    ['30 dossiers, 89 % on time', { dossiers: 30, steps: 100, late: 11 }, 2, true],
    ['30 dossiers, satisfied 60 % of 5 ratings', { dossiers: 30, steps: 30, rated: 5, satisfied: 3 }, 2, true],
    ['30 dossiers, satisfied 50 % of 4 ratings: too few to count', { dossiers: 30, steps: 30, rated: 4, satisfied: 2 }, 3, true],
    ['30 dossiers, 80 % of 10 ratings', { dossiers: 30, steps: 30, rated: 10, satisfied: 8 }, 3, true],
    ['79 dossiers, perfect', { dossiers: 79, steps: 79 }, 3, true],
    ['80 dossiers, perfect', { dossiers: 80, steps: 80, rated: 20, satisfied: 20 }, 4, true],
    ['80 dossiers, 94 % on time', { dossiers: 80, steps: 100, late: 6 }, 3, true],
    ['80 dossiers, 6 % sent back', { dossiers: 80, steps: 80, submitted: 100, sentBack: 6 }, 3, true],
    ['100 dossiers, 50 % sent back: capped at 1', { dossiers: 100, steps: 100, submitted: 100, sentBack: 50 }, 1, true],
  ];
  it.each(cases)('%s', (_name, s, level, enough) => {
    const r = suggestLevel(stats(s));
    expect(r.level).toBe(level);
    expect(r.enough).toBe(enough);
    expect(r.reason.vi.length).toBeGreaterThan(5);
    expect(r.reason.en.length).toBeGreaterThan(5);
  });

  it('names what is missing for the next level', () => {
    expect(suggestLevel(stats({ dossiers: 12, steps: 10, late: 5 })).reason.en).toContain('on time 50 %');
    expect(suggestLevel(stats({ dossiers: 3 })).reason.vi).toContain('Chưa đủ minh chứng');
  });
});

describe('weights', () => {
  const cases: Array<[number, 'working_day' | 'day' | 'hour' | 'same_day', number]> = [
    [0, 'same_day', 0.5],
    [1, 'same_day', 0.5],
    [4, 'hour', 0.5],
    [8, 'hour', 0.5],
    [16, 'hour', 1],
    [1, 'working_day', 0.5],
    [2, 'working_day', 1],
    [5, 'working_day', 1],
    [6, 'working_day', 1.5],
    [15, 'working_day', 1.5],
    [16, 'working_day', 2],
    [30, 'working_day', 2],
    [7, 'day', 1],
    [21, 'day', 1.5],
    [22, 'day', 2],
  ];
  it.each(cases)('%d %s → %d', (value, unit, w) => expect(defaultWeight(value, unit)).toBe(w));

  it('a unit row wins over the national row, which wins over the default', () => {
    expect(weightOf({ unitWeight: 3, nationalWeight: 2, limitValue: 1, limitUnit: 'working_day' })).toBe(3);
    expect(weightOf({ unitWeight: null, nationalWeight: 2, limitValue: 1, limitUnit: 'working_day' })).toBe(2);
    expect(weightOf({ unitWeight: null, nationalWeight: null, limitValue: 20, limitUnit: 'working_day' })).toBe(2);
  });

  it.each([
    [0, '0-2'],
    [2, '0-2'],
    [3, '3-5'],
    [5, '3-5'],
    [6, '6-10'],
    [10, '6-10'],
    [11, '11+'],
    [40, '11+'],
  ])('%d working days → bucket %s', (days, bucket) => expect(ageBucket(days)).toBe(bucket));
});

describe('Decree 335/2025 figures', () => {
  const cases: Array<[string, { assignedWeight: number; doneWeight: number; sentBack: number; late: number }, { quantity: number | null; quality: number; timeliness: number; score: number | null }]> = [
    ['all done, clean', { assignedWeight: 10, doneWeight: 10, sentBack: 0, late: 0 }, { quantity: 100, quality: 100, timeliness: 100, score: 100 }],
    ['half done, one send-back, one late', { assignedWeight: 10, doneWeight: 5, sentBack: 1, late: 1 }, { quantity: 50, quality: 75, timeliness: 75, score: 66.7 }],
    ['four send-backs floor quality at 0', { assignedWeight: 4, doneWeight: 4, sentBack: 4, late: 0 }, { quantity: 100, quality: 0, timeliness: 100, score: 66.7 }],
    ['six late steps floor timeliness at 0', { assignedWeight: 4, doneWeight: 3, sentBack: 0, late: 6 }, { quantity: 75, quality: 100, timeliness: 0, score: 58.3 }],
    ['nothing assigned: no quantity, no score', { assignedWeight: 0, doneWeight: 0, sentBack: 0, late: 0 }, { quantity: null, quality: 100, timeliness: 100, score: null }],
    ['converted work: 1.5 of 2', { assignedWeight: 2, doneWeight: 1.5, sentBack: 0, late: 0 }, { quantity: 75, quality: 100, timeliness: 100, score: 91.7 }],
  ];
  it.each(cases)('%s', (_n, counts, expected) => expect(appraisalFigures(counts)).toEqual(expected));
});
