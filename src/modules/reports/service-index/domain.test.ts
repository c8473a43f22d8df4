import { describe, expect, it } from 'vitest';
import {
  GROUPS, INPUT_KEYS, METRICS, capped, catalogueFee, isContentFull, linear, rankByTotal, ratio, round2, scoreIndex, sumInputs, zeroInputs,
  type IndexInputs,
} from './domain.js';

const inputs = (over: Partial<IndexInputs> = {}): IndexInputs => ({ ...zeroInputs(), ...over });
const metric = (i: IndexInputs, key: string) => scoreIndex(i).groups.flatMap((g) => g.metrics).find((m) => m.key === key)!;

/** A unit that does everything: every rate 1. */
const perfect = inputs({
  received: 100, receivedOnline: 100, receivedOnTime: 90, receivedEnded: 10, feeBearing: 20, paidOnline: 20, eResult: 90, eResultSynced: 90,
  digitised: 100, reused: 100, populationUsed: 100, synced: 100, certificationReceived: 5, certificationEResult: 5, rated: 10, satisfied: 10,
  proceduresWithDossiers: 8, proceduresPopulationUsed: 8, onlineProceduresUsed: 8, feeProceduresPaidOnline: 3, proceduresInForce: 10,
  proceduresContentFull: 10, proceduresOnline: 8, feeProcedures: 3, feeProceduresPayable: 3, newVersions: 2, newVersionsOnTime: 2,
  changedVersions: 1, changedVersionsOnTime: 1, feedbackReceived: 4, feedbackAnsweredOnTime: 4, feedbackRated: 2, feedbackSatisfied: 2,
});

describe('definitions', () => {
  it('six groups of 18, 20, 12, 10, 18 and 22 points make 100, and each group is the sum of its metrics\' maxima', () => {
    expect(GROUPS.map((g) => [g.key, g.max])).toEqual([
      ['publicity', 18], ['progress', 20], ['online_services', 12], ['online_payment', 10], ['satisfaction', 18], ['digitisation', 22],
    ]);
    expect(GROUPS.reduce((s, g) => s + g.max, 0)).toBe(100);
    for (const g of GROUPS) expect(METRICS.filter((m) => m.group === g.key).reduce((s, m) => s + m.max, 0)).toBe(g.max);
  });

  it('the publicity metrics of §2.7 have their maxima', () => {
    expect(Object.fromEntries(METRICS.filter((m) => m.group === 'publicity').map((m) => [m.key, m.max]))).toEqual({
      PUBLISH_ON_TIME: 6, PUBLIC_UPDATE_ON_TIME: 4, PUBLIC_CONTENT_FULL: 2, DOSSIER_SYNC: 6,
    });
  });

  it('every metric has a unique key and a formula in both languages', () => {
    expect(new Set(METRICS.map((m) => m.key)).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(m.formula.vi.length, m.key).toBeGreaterThan(20);
      expect(m.formula.en.length, m.key).toBeGreaterThan(20);
      expect(m.name.vi).not.toBe(m.name.en);
    }
  });
});

describe('helpers', () => {
  it.each([
    [1, 2, 0.5], [0, 5, 0], [3, 3, 1], [4, 3, 1], [-1, 3, 0], [0, 0, null], [5, 0, null], [1, -1, null],
  ])('ratio(%d, %d) = %s', (n, d, r) => expect(ratio(n, d)).toBe(r));

  it.each([
    [6, null, 0], [6, 0, 0], [6, 0.5, 3], [6, 1, 6], [20, 0.95, 19],
  ])('linear(%d, %s) = %d', (max, rate, pts) => expect(linear(max, rate)).toBeCloseTo(pts, 10));

  it.each([
    [6, null, 0.9, 0], [6, 0, 0.9, 0], [6, 0.45, 0.9, 3], [6, 0.9, 0.9, 6], [6, 1, 0.9, 6], [2, 0.4, 0.8, 1], [2, 0.8, 0.8, 2], [6, 0.25, 0.5, 3],
  ])('capped(%d, %s, %d) = %d', (max, rate, target, pts) => expect(capped(max, rate, target)).toBeCloseTo(pts, 10));

  it.each([[1.005, 1.01], [2.344, 2.34], [0.1 + 0.2, 0.3], [99.999, 100]])('round2(%d) = %d', (x, y) => expect(round2(x)).toBe(y));
});

describe('scoreIndex', () => {
  it('a unit that does everything scores 100, every group its maximum', () => {
    const s = scoreIndex(perfect);
    expect(s.total).toBe(100);
    expect(s.max).toBe(100);
    for (const g of s.groups) expect(g.score, g.key).toBe(g.max);
  });

  it('a unit with no data at all scores 12: only the two feedback metrics, given in full when there is no feedback', () => {
    const s = scoreIndex(zeroInputs());
    expect(s.total).toBe(12);
    const nonZero = s.groups.flatMap((g) => g.metrics).filter((m) => m.score > 0).map((m) => m.key);
    expect(nonZero).toEqual(['FEEDBACK_ON_TIME', 'FEEDBACK_SATISFACTION']);
    for (const m of s.groups.flatMap((g) => g.metrics)) expect(m.rate, m.key).toBeNull();
  });

  // [description, inputs, metric, expected score, expected rate]
  const cases: Array<[string, Partial<IndexInputs>, string, number, number | null]> = [
    ['progress: 9 on time of 10 received', { received: 10, receivedOnTime: 9 }, 'PROGRESS_ON_TIME', 18, 0.9],
    ['progress: refused/withdrawn leave the denominator', { received: 12, receivedEnded: 2, receivedOnTime: 9 }, 'PROGRESS_ON_TIME', 18, 0.9],
    ['progress: all ended → no data', { received: 3, receivedEnded: 3 }, 'PROGRESS_ON_TIME', 0, null],
    ['progress: open dossiers count against', { received: 4, receivedOnTime: 1 }, 'PROGRESS_ON_TIME', 5, 0.25],
    ['progress: one late of three', { received: 3, receivedOnTime: 2 }, 'PROGRESS_ON_TIME', 13.33, 2 / 3],
    ['sync: half synced', { received: 10, synced: 5 }, 'DOSSIER_SYNC', 3, 0.5],
    ['sync: nothing received', { synced: 0 }, 'DOSSIER_SYNC', 0, null],
    ['publish: 1 of 2 new procedures on time', { newVersions: 2, newVersionsOnTime: 1 }, 'PUBLISH_ON_TIME', 3, 0.5],
    ['update: no change in the period', {}, 'PUBLIC_UPDATE_ON_TIME', 0, null],
    ['update: 3 of 4 on time', { changedVersions: 4, changedVersionsOnTime: 3 }, 'PUBLIC_UPDATE_ON_TIME', 3, 0.75],
    ['content full: 150 of 200', { proceduresInForce: 200, proceduresContentFull: 150 }, 'PUBLIC_CONTENT_FULL', 1.5, 0.75],
    ['A: 80 % online is full points', { proceduresInForce: 10, proceduresOnline: 8 }, 'ONLINE_PROCEDURES', 2, 0.8],
    ['A: 40 % online is 1 point', { proceduresInForce: 10, proceduresOnline: 4 }, 'ONLINE_PROCEDURES', 1, 0.4],
    ['A: above 80 % stays at 2', { proceduresInForce: 10, proceduresOnline: 10 }, 'ONLINE_PROCEDURES', 2, 1],
    ['B: 3 of 4 online services used', { proceduresOnline: 4, onlineProceduresUsed: 3 }, 'ONLINE_SERVICES_USED', 3, 0.75],
    ['B: no online service → no data', { onlineProceduresUsed: 0 }, 'ONLINE_SERVICES_USED', 0, null],
    ['C: 50 % online is full points', { received: 10, receivedOnline: 5 }, 'ONLINE_DOSSIERS', 6, 0.5],
    ['C: 20 % online', { received: 10, receivedOnline: 2 }, 'ONLINE_DOSSIERS', 2.4, 0.2],
    ['C: 90 % online stays at 6', { received: 10, receivedOnline: 9 }, 'ONLINE_DOSSIERS', 6, 0.9],
    ['paid online: 1 of 4 fee-bearing', { feeBearing: 4, paidOnline: 1 }, 'ONLINE_PAYMENT_DOSSIERS', 1.5, 0.25],
    ['paid online: no fee-bearing dossier', { paidOnline: 0 }, 'ONLINE_PAYMENT_DOSSIERS', 0, null],
    ['payable: 2.5 × 0.4 = 1', { feeProcedures: 10, feeProceduresPayable: 4 }, 'PAYMENT_PROCEDURES_ENABLED', 1, 0.4],
    ['payable: 2.5 × 0.8 caps at 2', { feeProcedures: 10, feeProceduresPayable: 8 }, 'PAYMENT_PROCEDURES_ENABLED', 2, 0.8],
    ['paid procedures: 2.5 × 1 caps at 2', { feeProcedures: 3, feeProceduresPaidOnline: 3 }, 'PAYMENT_PROCEDURES_USED', 2, 1],
    ['paid procedures: 2.5 × 0.2 = 0.5', { feeProcedures: 5, feeProceduresPaidOnline: 1 }, 'PAYMENT_PROCEDURES_USED', 0.5, 0.2],
    ['satisfaction: 90 % is full points', { rated: 10, satisfied: 9 }, 'DOSSIER_RECEIVING_SATISFACTION', 6, 0.9],
    ['satisfaction: 45 % is 3 points', { rated: 20, satisfied: 9 }, 'DOSSIER_RECEIVING_SATISFACTION', 3, 0.45],
    ['satisfaction: nobody rated → no data', { rated: 0 }, 'DOSSIER_RECEIVING_SATISFACTION', 0, null],
    ['feedback on time: none received → 6', {}, 'FEEDBACK_ON_TIME', 6, null],
    ['feedback on time: 1 of 4', { feedbackReceived: 4, feedbackAnsweredOnTime: 1 }, 'FEEDBACK_ON_TIME', 1.5, 0.25],
    ['feedback on time: received, none answered', { feedbackReceived: 2 }, 'FEEDBACK_ON_TIME', 0, 0],
    ['feedback satisfaction: none rated → 6', { feedbackReceived: 3 }, 'FEEDBACK_SATISFACTION', 6, null],
    ['feedback satisfaction: 1 of 2', { feedbackRated: 2, feedbackSatisfied: 1 }, 'FEEDBACK_SATISFACTION', 3, 0.5],
    ['e-result: over dossiers not refused or withdrawn', { received: 11, receivedEnded: 1, eResult: 5 }, 'E_RESULT', 3, 0.5],
    ['digitised: 3 of 4', { received: 4, digitised: 3 }, 'DIGITISED_COMPONENTS', 3, 0.75],
    ['certified copy: 1 of 2 certifications', { certificationReceived: 2, certificationEResult: 1 }, 'E_CERTIFIED_COPY', 1, 0.5],
    ['certified copy: none → no data', { received: 5 }, 'E_CERTIFIED_COPY', 0, null],
    ['reuse: 40 % is 1 point', { received: 10, reused: 4 }, 'DATA_REUSE', 1, 0.4],
    ['reuse: 80 % is full points', { received: 10, reused: 8 }, 'DATA_REUSE', 2, 0.8],
    ['citizen store: synced e-results', { received: 10, eResultSynced: 5 }, 'CITIZEN_STORE_SYNC', 2, 0.5],
    ['population used: 1 of 4', { received: 4, populationUsed: 1 }, 'POPULATION_DATA_USED', 0.5, 0.25],
    ['population procedures: 1 of 2', { proceduresWithDossiers: 2, proceduresPopulationUsed: 1 }, 'POPULATION_CONNECTED_PROCEDURES', 1, 0.5],
  ];
  it.each(cases)('%s', (_d, over, key, score, rate) => {
    const m = metric(inputs(over), key);
    expect(m.score).toBe(score);
    if (rate === null) expect(m.rate).toBeNull();
    else expect(m.rate).toBeCloseTo(rate, 10);
  });

  it('shows the inputs each metric used', () => {
    const m = metric(inputs({ received: 12, receivedEnded: 2, receivedOnTime: 9 }), 'PROGRESS_ON_TIME');
    expect(m.inputs).toEqual({ receivedOnTime: 9, received: 12, receivedEnded: 2, counted: 10 });
    expect(metric(inputs({ received: 4, synced: 1 }), 'DOSSIER_SYNC').inputs).toEqual({ synced: 1, received: 4 });
    expect(metric(inputs(), 'PROGRESS_ON_TIME').drill).toEqual({ metric: 'resolvedLate' });
  });

  it('a late dossier lowers progress and the total by the same amount', () => {
    const before = scoreIndex({ ...perfect });
    const after = scoreIndex({ ...perfect, receivedOnTime: perfect.receivedOnTime - 9 });
    expect(metric(perfect, 'PROGRESS_ON_TIME').score - metric({ ...perfect, receivedOnTime: 81 }, 'PROGRESS_ON_TIME').score).toBe(2);
    expect(round2(before.total - after.total)).toBe(2);
  });

  it('totals are the sum of groups, groups of metrics, within 0..max, for many mixed inputs', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % (n + 1));
    for (let k = 0; k < 300; k++) {
      const i = zeroInputs();
      for (const key of INPUT_KEYS) i[key] = rnd(k % 3 === 0 ? 3 : 50);
      const s = scoreIndex(i);
      expect(s.total).toBeGreaterThanOrEqual(0);
      expect(s.total).toBeLessThanOrEqual(100);
      expect(s.total).toBe(round2(s.groups.reduce((a, g) => a + g.score, 0)));
      for (const g of s.groups) {
        expect(g.score).toBeLessThanOrEqual(g.max);
        expect(g.score).toBe(round2(Math.min(g.max, g.metrics.reduce((a, m) => a + m.score, 0))));
        for (const m of g.metrics) {
          expect(m.score).toBeGreaterThanOrEqual(0);
          expect(m.score).toBeLessThanOrEqual(m.max);
          if (m.rate !== null) expect(m.rate).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('a province is the same formulas over the summed inputs, not the average of its communes', () => {
    const a = inputs({ received: 10, receivedOnTime: 10 });
    const b = inputs({ received: 90, receivedOnTime: 45 });
    const sum = sumInputs([a, b]);
    expect(sum.received).toBe(100);
    expect(metric(sum, 'PROGRESS_ON_TIME').score).toBe(11); // 20 × 55/100, not (20 + 10) / 2
  });
});

describe('catalogue records', () => {
  const channel = { timeLimit: { value: 5, unit: 'working_day' }, fee: { amount: 0, text: 'Miễn phí' } };
  const full = { channels: [channel], components: [{}], legalBasis: [{}] };
  it.each([
    ['complete', full, true],
    ['no components', { ...full, components: [] }, false],
    ['no legal basis', { ...full, legalBasis: [] }, false],
    ['no channel', { ...full, channels: [] }, false],
    ['a time limit without its unit', { ...full, channels: [channel, { ...channel, timeLimit: { value: 3, unit: null } }] }, false],
    ['same day needs no value', { ...full, channels: [{ ...channel, timeLimit: { value: null, unit: 'same_day' } }] }, true],
    ['no fee information', { ...full, channels: [{ ...channel, fee: { amount: null, text: null } }] }, false],
    ['a fee by text only', { ...full, channels: [{ ...channel, fee: { amount: null, text: 'Theo quy định' } }] }, true],
  ])('content full: %s → %s', (_d, rec, ok) => expect(isContentFull(rec as never)).toBe(ok));

  it.each([
    [[{ fee: { amount: 0, text: null } }], false],
    [[{ fee: { amount: 8000, text: null } }], true],
    [[{ fee: null }, { fee: { amount: 10000, text: null } }], true],
    [[], false],
  ])('catalogue fee %j → %s', (channels, yes) => expect(catalogueFee({ channels } as never)).toBe(yes));
});

describe('rankByTotal', () => {
  const row = (name: string, total: number) => ({ name, total });
  it.each([
    [[row('A', 50), row('B', 70), row('C', 60)], [['B', 1], ['C', 2], ['A', 3]]],
    [[row('A', 50), row('B', 50), row('C', 40)], [['A', 1], ['B', 1], ['C', 3]]],
    [[row('Đ', 10), row('B', 80), row('C', 80), row('A', 80)], [['A', 1], ['B', 1], ['C', 1], ['Đ', 4]]],
    [[row('A', 12)], [['A', 1]]],
    [[], []],
  ])('%j', (rows, expected) => expect(rankByTotal(rows).map((r) => [r.name, r.rank])).toEqual(expected));
});
