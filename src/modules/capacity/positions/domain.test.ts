// The pure rules: certificate status by day, renewals, alerts, the heat map with its risk fields, and cover order.
import { describe, expect, it } from 'vitest';
import { certificateAlerts, certificateStatus, gapOf, isSuperseded, rankCover, unitGaps, type CertificateForAlert, type GapInput } from './domain.js';

describe('certificateStatus', () => {
  const today = '2026-11-23';
  it.each([
    [null, false, 'valid', null],
    ['2027-11-23', false, 'valid', 365],
    ['2027-01-23', false, 'valid', 61],
    ['2027-01-22', false, 'expiring', 60],
    ['2026-11-24', false, 'expiring', 1],
    ['2026-11-23', false, 'expiring', 0], // the last valid day
    ['2026-11-22', false, 'expired', -1],
    ['2024-02-29', false, 'expired', -998],
    ['2027-11-23', true, 'revoked', null],
    ['2026-01-01', true, 'revoked', null],
  ] as const)('expires %s, revoked %s → %s (%s days left)', (expiresOn, revoked, status, daysLeft) => {
    expect(certificateStatus({ expiresOn, revoked }, today)).toEqual({ status, daysLeft });
  });
});

describe('renewals and alerts', () => {
  const cert = (o: Partial<CertificateForAlert> & { id: number }): CertificateForAlert => ({
    kind: 'it_basic',
    name: 'Chứng chỉ CNTT cơ bản',
    issuedOn: '2024-01-01',
    expiresOn: '2026-12-31',
    competencyId: null,
    revoked: false,
    ...o,
  });
  it('a later certificate of the same kind and name, valid longer, renews an earlier one', () => {
    const old = cert({ id: 1 });
    expect(isSuperseded(old, [old, cert({ id: 2, issuedOn: '2026-11-01', expiresOn: '2028-12-31' })])).toBe(true);
    expect(isSuperseded(old, [old, cert({ id: 2, issuedOn: '2026-11-01', expiresOn: null })])).toBe(true);
    // revoked, another name, another kind, or expiring earlier: no renewal
    expect(isSuperseded(old, [old, cert({ id: 2, issuedOn: '2026-11-01', expiresOn: '2028-12-31', revoked: true })])).toBe(false);
    expect(isSuperseded(old, [old, cert({ id: 2, issuedOn: '2026-11-01', expiresOn: '2028-12-31', name: 'Khác' })])).toBe(false);
    expect(isSuperseded(old, [old, cert({ id: 2, issuedOn: '2026-11-01', expiresOn: '2028-12-31', kind: 'other' })])).toBe(false);
    expect(isSuperseded(old, [old, cert({ id: 2, issuedOn: '2026-11-01', expiresOn: '2026-12-01' })])).toBe(false);
  });
  it('with a competency, the competency decides what renews what, not the name', () => {
    const old = cert({ id: 1, competencyId: 7 });
    expect(isSuperseded(old, [old, cert({ id: 2, competencyId: 7, name: 'Ký số nâng cao', issuedOn: '2026-06-01', expiresOn: '2029-01-01' })])).toBe(true);
    expect(isSuperseded(old, [old, cert({ id: 2, competencyId: 8, issuedOn: '2026-06-01', expiresOn: '2029-01-01' })])).toBe(false);
  });
  it('alerts the expired first, then the expiring; leaves out valid, revoked and renewed ones', () => {
    const list = [
      cert({ id: 1, expiresOn: '2026-12-20' }), // expiring, 27 days
      cert({ id: 2, name: 'Ký số', expiresOn: '2026-10-01' }), // expired
      cert({ id: 3, name: 'QLNN', expiresOn: '2027-06-01' }), // valid
      cert({ id: 4, name: 'An toàn thông tin', expiresOn: '2026-12-01', revoked: true }),
      cert({ id: 5, name: 'Tiếng Anh', expiresOn: '2026-11-01' }), // expired but renewed by 6
      cert({ id: 6, name: 'Tiếng Anh', issuedOn: '2026-10-15', expiresOn: '2028-11-01' }),
    ];
    const alerts = certificateAlerts(list, '2026-11-23');
    expect(alerts.map((a) => [a.kind, a.certificateId])).toEqual([
      ['certificate_expired', 2],
      ['certificate_expiring', 1],
    ]);
    expect(alerts[1]!.message.vi).toContain('20/12/2026');
    expect(alerts[1]!.message.vi).toContain('còn 27 ngày');
    expect(alerts[1]!.message.en).toContain('27 days left');
  });
});

describe('unitGaps', () => {
  const name = (s: string) => ({ vi: s, en: s });
  const competencies = new Map([
    [1, { id: 1, code: 'field.ho-tich', name: name('Hộ tịch'), kind: 'field', field: 'Hộ tịch', sort: 0 }],
    [2, { id: 2, code: 'field.dat-dai', name: name('Đất đai'), kind: 'field', field: 'Đất đai', sort: 0 }],
    [3, { id: 3, code: 'iu01', name: name('IU01'), kind: 'digital', field: null, sort: 101 }],
    [4, { id: 4, code: 'field.chung-thuc', name: name('Chứng thực'), kind: 'field', field: 'Chứng thực', sort: 0 }],
  ]);
  const input = (held: Array<[number, Array<[number, number]>]>, active: number[] = []): GapInput => ({
    officials: [
      { id: 10, fullName: 'An', position: { id: 100, name: 'Chuyên viên hộ tịch' } },
      { id: 11, fullName: 'Bình', position: { id: 100, name: 'Chuyên viên hộ tịch' } },
      { id: 12, fullName: 'Cường', position: null },
    ],
    positions: [
      { id: 100, name: 'Chuyên viên hộ tịch', requirements: [{ competencyId: 3, requiredLevel: 2 }, { competencyId: 1, requiredLevel: 3 }] },
      { id: 101, name: 'Vacant', requirements: [{ competencyId: 2, requiredLevel: 2 }] },
    ],
    competencies,
    held: new Map(held.map(([a, l]) => [a, new Map(l)])),
    activeFieldCompetencies: active,
  });

  it('columns are the competencies required somewhere, fields first; cells carry required, held and gap', () => {
    const g = unitGaps(input([[10, [[1, 3], [3, 1]]], [11, [[1, 1]]]]));
    expect(g.competencies.map((c) => c.id)).toEqual([2, 1, 3]);
    expect(g.officials[0]!.cells).toEqual([
      { competencyId: 2, required: null, held: 0, gap: 0 },
      { competencyId: 1, required: 3, held: 3, gap: 0 },
      { competencyId: 3, required: 2, held: 1, gap: 1 },
    ]);
    expect(g.officials[2]!.cells.every((c) => c.required === null && c.gap === 0)).toBe(true);
    expect(g.summary).toEqual({ officials: 3, withGap: 2, gapCells: 3, riskFields: 2 });
    const p = g.positions.find((x) => x.id === 100)!;
    expect(p.holders).toBe(2);
    expect(p.competencies).toEqual([
      { competencyId: 3, required: 2, minHeld: 0, avgHeld: 0.5, withGap: 2 },
      { competencyId: 1, required: 3, minHeld: 1, avgHeld: 2, withGap: 1 },
    ]);
    expect(g.positions.find((x) => x.id === 101)!.competencies[0]).toEqual({ competencyId: 2, required: 2, minHeld: null, avgHeld: null, withGap: 0 });
  });

  it('a field is a risk with fewer than 2 officials at level 2 or above, required or with dossiers in the unit', () => {
    // Hộ tịch: An 3, Bình 2 → two competent, no risk. Đất đai required by a vacant position: nobody → risk.
    // Chứng thực: not required, but dossiers arrive → Cường alone at 2 → risk. IU01 is not a field.
    const g = unitGaps(input([[10, [[1, 3]]], [11, [[1, 2]]], [12, [[4, 2], [2, 1]]]], [4]));
    expect(g.risks.map((r) => [r.field, r.competent])).toEqual([
      ['Đất đai', 0],
      ['Chứng thực', 1],
    ]);
    expect(g.risks[0]!.officials).toEqual([{ id: 12, fullName: 'Cường', level: 1 }]);
    // Without the dossiers, Chứng thực does not matter to the unit.
    expect(unitGaps(input([[12, [[4, 2]]]])).risks.map((r) => r.field)).not.toContain('Chứng thực');
    // With Bình at 1, Hộ tịch becomes a risk too.
    expect(unitGaps(input([[10, [[1, 3]]], [11, [[1, 1]]]])).risks.map((r) => r.field)).toContain('Hộ tịch');
  });

  it('gapOf never goes below zero and is zero when nothing is required', () => {
    expect([gapOf(3, 1), gapOf(2, 4), gapOf(null, 0), gapOf(1, 0)]).toEqual([2, 0, 0, 1]);
  });
});

describe('rankCover', () => {
  it('orders by level, then lighter load, then name, and leaves out level 0', () => {
    const r = rankCover([
      { id: 1, fullName: 'Bình', level: 2, openDossiers: 5 },
      { id: 2, fullName: 'An', level: 3, openDossiers: 9 },
      { id: 3, fullName: 'Chi', level: 2, openDossiers: 1 },
      { id: 4, fullName: 'Dũng', level: 0, openDossiers: 0 },
      { id: 5, fullName: 'Anh', level: 2, openDossiers: 1 },
    ]);
    expect(r.map((c) => c.id)).toEqual([2, 5, 3, 1]);
  });
});
