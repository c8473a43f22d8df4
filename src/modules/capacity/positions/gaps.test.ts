// Gaps over HTTP: a commune's heat map, positions and risk fields for its leaders; counts per commune for the
// province with no names; the XLSX of the table; and the 403s around them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../lib/xlsx.js';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const comp: Record<string, number> = {};
const pos: Record<string, number> = {};

type GapsUnit = {
  scope: 'unit';
  competencies: Array<{ id: number; code: string; field: string | null }>;
  officials: Array<{ id: number; fullName: string; position: { id: number } | null; cells: Array<{ competencyId: number; required: number | null; held: number; gap: number }> }>;
  positions: Array<{ id: number; holders: number; competencies: Array<{ competencyId: number; required: number; minHeld: number | null; avgHeld: number | null; withGap: number }> }>;
  risks: Array<{ competencyId: number; field: string; competent: number; officials: Array<{ id: number; level: number }> }>;
  summary: { officials: number; withGap: number; gapCells: number; riskFields: number };
};

const assess = async (who: string, code: string, level: number) => {
  const res = await c['lanhdao.vinhloc']!.post(`/api/capacity/officials/${ids[who]}/assessments`, { competencyId: comp[code], level });
  expect(res.statusCode, res.body).toBe(201);
};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['lanhdao.vinhloc', 'quantri.vinhloc', 'chuyenvien.vinhloc', 'truongphong.vinhloc', 'theodoi.hue', 'lanhdao.phuvang']) c[u] = await t.login(u);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  for (const k of await t.ctx.db.selectFrom('competencies').select(['id', 'code', 'field']).where('unit_id', 'is', null).execute()) comp[k.field ?? k.code] = k.id;
  const mk = async (code: string, name: string, requirements: Array<[string, number]>) => {
    const res = await c['quantri.vinhloc']!.post('/api/capacity/positions', { unit: '20122', code, grp: 'professional', name, requirements: requirements.map(([k, l]) => ({ competencyId: comp[k], requiredLevel: l })) });
    expect(res.statusCode, res.body).toBe(201);
    pos[code] = res.json().id;
  };
  await mk('CV-HT', 'Công chức tư pháp - hộ tịch', [['Hộ tịch', 3], ['iu01', 2]]);
  await mk('CV-CT', 'Công chức chứng thực', [['Chứng thực', 2], ['iu01', 2]]);
  await mk('TN', 'Tiếp nhận và trả kết quả', [['communication', 3]]);
  const assign = async (code: string, who: string) => {
    const res = await c['quantri.vinhloc']!.post(`/api/capacity/positions/${pos[code]}/assignments`, { accountId: ids[who], startedOn: '2025-07-01' });
    expect(res.statusCode, res.body).toBe(201);
  };
  await assign('CV-HT', 'chuyenvien.vinhloc');
  await assign('CV-CT', 'chuyenviendd.vinhloc');
  await assign('TN', 'tiepnhan.vinhloc');
  // Hộ tịch: Minh 3, Hùng 2 → two competent. Chứng thực: Lan 2, Thu 1 → one competent: a risk.
  await assess('chuyenvien.vinhloc', 'Hộ tịch', 3);
  await assess('chuyenvien.vinhloc', 'iu01', 1);
  await assess('truongphong.vinhloc', 'Hộ tịch', 2);
  await assess('chuyenviendd.vinhloc', 'Chứng thực', 2);
  await assess('chuyenviendd.vinhloc', 'iu01', 3);
  await assess('tiepnhan.vinhloc', 'Chứng thực', 1);
  await assess('tiepnhan.vinhloc', 'communication', 3);
});
afterAll(async () => t?.close());

describe('gaps of a commune', () => {
  it('the heat map: required columns, a row per official, the positions, the risk fields and the summary', async () => {
    const res = await c['truongphong.vinhloc']!.get('/api/capacity/gaps?unit=20122');
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json() as GapsUnit;
    expect(g.scope).toBe('unit');
    expect(g.competencies.map((x) => x.field ?? x.code)).toEqual(['Chứng thực', 'Hộ tịch', 'iu01', 'communication']);
    const row = (u: string) => g.officials.find((o) => o.id === ids[u])!;
    const cell = (u: string, k: string) => row(u).cells.find((x) => x.competencyId === comp[k])!;
    expect(cell('chuyenvien.vinhloc', 'Hộ tịch')).toEqual({ competencyId: comp['Hộ tịch'], required: 3, held: 3, gap: 0 });
    expect(cell('chuyenvien.vinhloc', 'iu01')).toEqual({ competencyId: comp['iu01'], required: 2, held: 1, gap: 1 });
    expect(cell('chuyenviendd.vinhloc', 'Hộ tịch')).toEqual({ competencyId: comp['Hộ tịch'], required: null, held: 0, gap: 0 });
    expect(cell('truongphong.vinhloc', 'Hộ tịch')).toEqual({ competencyId: comp['Hộ tịch'], required: null, held: 2, gap: 0 });
    expect(row('lanhdao.vinhloc').position).toBeNull();

    const ht = g.positions.find((p) => p.id === pos['CV-HT'])!;
    expect(ht.holders).toBe(1);
    expect(ht.competencies).toEqual([
      { competencyId: comp['Hộ tịch'], required: 3, minHeld: 3, avgHeld: 3, withGap: 0 },
      { competencyId: comp['iu01'], required: 2, minHeld: 1, avgHeld: 1, withGap: 1 },
    ]);
    expect(g.risks.map((r) => [r.field, r.competent])).toEqual([['Chứng thực', 1]]);
    expect(g.risks[0]!.officials).toEqual([
      { id: ids['chuyenviendd.vinhloc'], fullName: 'Phạm Thị Lan', level: 2 },
      { id: ids['tiepnhan.vinhloc'], fullName: 'Trần Thị Thu', level: 1 },
    ]);
    // Minh lacks IU01; Lan and Thu meet their frameworks.
    expect(g.summary).toEqual({ officials: g.officials.length, withGap: 1, gapCells: 1, riskFields: 1 });
    expect(g.officials.length).toBeGreaterThanOrEqual(7);
  });

  it('a new assessment moves the map: Hùng leaves nobody but Minh competent in Hộ tịch → risk', async () => {
    await assess('truongphong.vinhloc', 'Hộ tịch', 1);
    const g = (await c['lanhdao.vinhloc']!.get('/api/capacity/gaps?unit=20122')).json() as GapsUnit;
    expect(g.risks.map((r) => r.field).sort()).toEqual(['Chứng thực', 'Hộ tịch']);
    expect(g.summary.riskFields).toBe(2);
  });

  it('the XLSX carries the same table and the risk fields', async () => {
    const res = await c['lanhdao.vinhloc']!.get('/api/capacity/gaps?unit=20122&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await readXlsx(res.rawPayload);
    const rows = book['Khoảng cách năng lực']!;
    const header = rows.findIndex((r) => r[0] === 'Cán bộ');
    expect(rows[header]).toEqual(['Cán bộ', 'Vị trí việc làm', 'Năng lực', 'Mức yêu cầu', 'Mức hiện có', 'Còn thiếu']);
    const minhIu = rows.find((r) => r[0] === 'Lê Văn Minh' && String(r[2]).includes('IU01'));
    expect(minhIu).toEqual(['Lê Văn Minh', 'Công chức tư pháp - hộ tịch', expect.stringContaining('IU01'), 2, 1, 1]);
    const risk = book['Lĩnh vực rủi ro']!;
    expect(risk.some((r) => r[0] === 'Chứng thực' && r[1] === 1 && String(r[2]).includes('Phạm Thị Lan (2)'))).toBe(true);
  });

  it('the province sees counts per commune and per competency, never a name or an official id', async () => {
    const res = await c['theodoi.hue']!.get('/api/capacity/gaps?unit=46');
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json() as { scope: string; communes: Array<Record<string, unknown>>; competencies: Array<{ competencyId: number; required: number; withGap: number }> };
    expect(g.scope).toBe('aggregate');
    const vl = g.communes.find((x) => x.code === '20122')!;
    expect(vl).toMatchObject({ withGap: 1, gapCells: 1, riskFields: 2 });
    expect(Object.keys(vl).sort()).toEqual(['code', 'gapCells', 'name', 'officials', 'riskFields', 'withGap']);
    expect(g.communes.find((x) => x.code === '19942')).toMatchObject({ withGap: 0, gapCells: 0, riskFields: 0 });
    expect(g.competencies.find((x) => x.competencyId === comp['iu01'])).toMatchObject({ required: 2, withGap: 1 });
    for (const name of ['Lê Văn Minh', 'Phạm Thị Lan', 'Trần Thị Thu', 'fullName', '"officials":[']) expect(res.body).not.toContain(name);
    // A commune code asked by the province: the same aggregate for that commune only.
    const one = await c['theodoi.hue']!.get('/api/capacity/gaps?unit=20122');
    expect(one.json().scope).toBe('aggregate');
    expect(one.json().communes.map((x: { code: string }) => x.code)).toEqual(['20122']);
    expect(one.body).not.toContain('Lê Văn Minh');
    const xlsx = await c['theodoi.hue']!.get('/api/capacity/gaps?unit=46&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(Object.keys(await readXlsx(xlsx.rawPayload))).toEqual(['Theo xã, phường', 'Theo năng lực']);
  });

  it('403 for an official, a leader of another commune, and a commune leader asking for the province', async () => {
    for (const [who, unit] of [['chuyenvien.vinhloc', '20122'], ['lanhdao.phuvang', '20122'], ['lanhdao.vinhloc', '46']] as const) {
      const res = await c[who]!.get(`/api/capacity/gaps?unit=${unit}`);
      expect(res.statusCode, `${who} ${unit}`).toBe(403);
      expect(res.json().message.vi).toBeTruthy();
    }
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/gaps?unit=abc')).json().field).toBe('querystring.unit');
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/gaps?unit=99999')).statusCode).toBe(404);
  });
});
