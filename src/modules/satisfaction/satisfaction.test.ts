// GET /api/satisfaction over real dossiers taken to their result and rated by the applicants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { readXlsx } from '../../lib/xlsx.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const PROCEDURE = '1.003583';
const REQUIRED = ['c1-ba3109', 'c2-fb2596', 'c5-9e70d7', 'c6-85a38b'];

async function resolvedDossier(specialist: 'chuyenvien' | 'chuyenviendd', idNumber: string): Promise<string> {
  const res = await c.tiepnhan!.post('/api/dossiers', {
    procedureCode: PROCEDURE,
    applicant: { name: 'Trần Văn An', idNumber, phone: '0912000111', address: 'Thôn Vinh Lộc' },
    components: REQUIRED.map((key) => ({ key })),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const step = async (who: TestClient, action: string, body: unknown = {}) => {
    const r = await who.post(`/api/dossiers/${id}/actions/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  };
  await step(c.tiepnhan!, 'forward');
  await step(c.truongphong!, 'assign', { assigneeId: ids[`${specialist}.vinhloc`] });
  await step(c[specialist]!, 'forward');
  await step(c.truongphong!, 'submit_for_approval', { outcome: 'granted' });
  await step(c.lanhdao!, 'approve');
  await step(c.lanhdao!, 'sign');
  await step(c.vanthu!, 'issue_result', { resultNumber: `${idNumber.slice(-3)}/TLKS` });
  await step(c.tiepnhan!, 'return_result', { receivedBy: 'Trần Văn An' });
  return res.json().code as string;
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T09:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'chuyenviendd', 'truongphong', 'lanhdao', 'vanthu']) c[u] = await t.login(`${u}.vinhloc`);
  c.lanhdaoPhuvang = await t.login('lanhdao.phuvang');
  c.province = await t.login('theodoi.hue');
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  const a = await resolvedDossier('chuyenvien', '046190001111');
  const b = await resolvedDossier('chuyenviendd', '046190002222');
  t.clock.set('2026-11-25T10:00:00+07:00');
  const rate = (code: string, idNumber: string, answers: Record<string, string>) =>
    t.anonymous.post(`/api/public/dossiers/${code}/rating`, { verify: { idNumber }, answers });
  expect((await rate(a, '046190001111', { overall: 'very_satisfied', attitude: 'satisfied', on_time: 'very_satisfied' })).statusCode).toBe(201);
  expect((await rate(b, '046190002222', { overall: 'unsatisfied', attitude: 'unsatisfied' })).statusCode).toBe(201);
}, 120_000);
afterAll(async () => t?.close());

const url = (q: string) => `/api/satisfaction?unit=20122&from=2026-11-01&to=2026-11-30${q}`;

describe('GET /api/satisfaction', () => {
  it('gives the rate, the raw answers per criterion, and a ranking that withholds ranks below the minimum', async () => {
    const res = await c.lanhdao!.get(url('&by=official'));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ unit: { code: '20122' }, from: '2026-11-01', to: '2026-11-30', rated: 2, satisfied: 1, rate: 0.5, minRatings: 5, confidence: 0.95 });
    expect(r.criteria[0]).toMatchObject({ key: 'overall', name: { vi: 'Mức độ hài lòng chung' }, counts: { very_satisfied: 1, satisfied: 0, unsatisfied: 1 }, satisfiedRate: 0.5 });
    expect(r.criteria.find((x: { key: string }) => x.key === 'attitude')).toMatchObject({ counts: { very_satisfied: 0, satisfied: 1, unsatisfied: 1 }, satisfiedRate: 0.5 });
    expect(r.criteria.find((x: { key: string }) => x.key === 'on_time')).toMatchObject({ counts: { very_satisfied: 1, satisfied: 0, unsatisfied: 0 }, satisfiedRate: 1 });
    expect(r.ranking).toHaveLength(2);
    expect(r.ranking[0]).toMatchObject({ key: String(ids['chuyenvien.vinhloc']), label: { vi: 'Lê Văn Minh' }, rated: 1, satisfied: 1, rate: 1, rank: null });
    expect(r.ranking[0].lowerBound).toBeCloseTo(0.2065, 4);
    expect(r.ranking[1]).toMatchObject({ key: String(ids['chuyenviendd.vinhloc']), rated: 1, satisfied: 0, rate: 0, lowerBound: 0, rank: null });
  });

  it('ranks once the minimum is met (configurable), and per field', async () => {
    const r = (await c.lanhdao!.get(url('&by=official&minRatings=1'))).json();
    expect(r.minRatings).toBe(1);
    expect(r.ranking.map((x: { rank: number }) => x.rank)).toEqual([1, 2]);
    const f = (await c.lanhdao!.get(url('&by=field'))).json();
    expect(f.ranking).toHaveLength(1);
    expect(f.ranking[0]).toMatchObject({ rated: 2, satisfied: 1, rank: null });
    expect(f.ranking[0].label.vi).toBe(f.ranking[0].key);
    expect(f.ranking[0].key.length).toBeGreaterThan(0);
  });

  it('counts nothing outside the period', async () => {
    const r = (await c.lanhdao!.get('/api/satisfaction?unit=20122&from=2026-10-01&to=2026-11-24')).json();
    expect(r).toMatchObject({ rated: 0, satisfied: 0, rate: null, ranking: [] });
    expect(r.criteria[0].counts).toEqual({ very_satisfied: 0, satisfied: 0, unsatisfied: 0 });
  });

  it('the province viewer reads the province and the commune; other communes and non-leaders get 403', async () => {
    expect((await c.province!.get('/api/satisfaction?unit=46&from=2026-11-01&to=2026-11-30')).json()).toMatchObject({ rated: 2, satisfied: 1 });
    expect((await c.province!.get(url(''))).statusCode).toBe(200);
    expect((await c.lanhdaoPhuvang!.get(url(''))).statusCode).toBe(403);
    expect((await c.tiepnhan!.get(url(''))).statusCode).toBe(403);
    expect((await c.lanhdao!.get('/api/satisfaction?unit=46&from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
  });

  it('bad input is 400 naming the field', async () => {
    for (const [q, field] of [
      ['&by=unit', 'querystring.by'],
      ['&minRatings=0', 'querystring.minRatings'],
    ] as const) {
      const res = await c.lanhdao!.get(url(q));
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe(field);
    }
    const back = await c.lanhdao!.get('/api/satisfaction?unit=20122&from=2026-11-30&to=2026-11-01');
    expect(back.json().field).toBe('querystring.to');
    const day = await c.lanhdao!.get('/api/satisfaction?unit=20122&from=2026-13-01&to=2026-11-30');
    expect(day.json().field).toBe('querystring.from');
  });

  it('downloads the same ranking and criteria as XLSX', async () => {
    const res = await c.lanhdao!.get(url('&by=official&format=xlsx'));
    expect(res.statusCode).toBe(200);
    const book = await readXlsx(res.rawPayload);
    const [ranking, criteria] = Object.values(book);
    const minh = ranking!.find((row) => row.includes('Lê Văn Minh'))!;
    expect(minh[0]).toBe('chưa đủ đánh giá');
    expect(minh.slice(2, 5)).toEqual([1, 1, 1]);
    const overall = criteria!.find((row) => row[0] === 'Mức độ hài lòng chung')!;
    expect(overall.slice(2, 6)).toEqual([1, 0, 1, 0.5]);
  });
});
