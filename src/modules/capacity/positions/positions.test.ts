// Competencies, officials, job positions with their frameworks, and assignments with history, over HTTP: who may
// read and edit them, bad input that changes nothing, and the audit entry each change leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { verifyAudit } from '../../audit/chain.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const comp: Record<string, number> = {};
let officeKT = 0;
let officePhuvang = 0;
let positionId = 0;
let secondId = 0;

const count = async (table: 'job_positions' | 'position_assignments' | 'competencies' | 'position_requirements') =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const audits = async (action: string) =>
  t.ctx.db.selectFrom('audit_log').select(['entity_id', 'actor_id', 'details']).where('action', '=', action).orderBy('seq').execute();

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['lanhdao.vinhloc', 'quantri.vinhloc', 'chuyenvien.vinhloc', 'chuyenviendd.vinhloc', 'truongphong.vinhloc', 'theodoi.hue', 'lanhdao.phuvang']) c[u] = await t.login(u);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  for (const k of await t.ctx.db.selectFrom('competencies').select(['id', 'code']).where('unit_id', 'is', null).execute()) comp[k.code] = k.id;
  const vinhloc = await t.ctx.db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow();
  const phuvang = await t.ctx.db.selectFrom('units').select('id').where('code', '=', '19942').executeTakeFirstOrThrow();
  officeKT = (await t.ctx.db.selectFrom('offices').select('id').where('unit_id', '=', vinhloc.id).where('code', '=', 'KT').executeTakeFirstOrThrow()).id;
  officePhuvang = (await t.ctx.db.selectFrom('offices').select('id').where('unit_id', '=', phuvang.id).where('code', '=', 'KT').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

describe('competencies', () => {
  it('a leader and the province read the national list with the catalogue fields; an official may not', async () => {
    const res = await c['lanhdao.vinhloc']!.get('/api/capacity/competencies?unit=20122');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ code: string; kind: string; field: string | null; national: boolean; levels: unknown[] }>;
    expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['iu01', 'iu06', 'digital-signature', 'communication']));
    expect(items.find((i) => i.field === 'Hộ tịch')).toMatchObject({ kind: 'field', national: true });
    expect(items[0]!.kind).toBe('field');
    expect(items[0]!.levels).toHaveLength(5);
    expect((await c['theodoi.hue']!.get('/api/capacity/competencies?unit=46')).statusCode).toBe(200);
    expect((await c['chuyenvien.vinhloc']!.get('/api/capacity/competencies?unit=20122')).statusCode).toBe(403);
    expect((await c['lanhdao.phuvang']!.get('/api/capacity/competencies?unit=20122')).statusCode).toBe(403);
  });

  it('an admin adds a unit competency; it shows for that unit only; duplicates and bad input are refused', async () => {
    const before = await count('competencies');
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ unit: '20122', code: 'Bad Code', kind: 'digital', nameVi: 'Phần mềm hộ tịch', nameEn: 'Civil status software' }, 'body.code'],
      [{ unit: '20122', code: 'land-survey', kind: 'field', nameVi: 'Đo đạc', nameEn: 'Survey' }, 'body.field'],
      [{ unit: '20122', code: 'sw', kind: 'digital', field: 'Hộ tịch', nameVi: 'Phần mềm', nameEn: 'Software' }, 'body.field'],
      [{ unit: '20122', code: 'sw', kind: 'magic', nameVi: 'Phần mềm', nameEn: 'Software' }, 'body.kind'],
    ];
    for (const [body, field] of bad) {
      const res = await c['quantri.vinhloc']!.post('/api/capacity/competencies', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().field).toBe(field);
      expect(res.json().message.vi).toMatch(/[ăâđêôơư]/);
    }
    const body = { unit: '20122', code: 'civil-software', kind: 'digital', nameVi: 'Phần mềm hộ tịch điện tử', nameEn: 'Electronic civil status software' };
    expect((await c['truongphong.vinhloc']!.post('/api/capacity/competencies', body)).statusCode).toBe(403); // a head of office reads, does not edit
    expect((await c['lanhdao.phuvang']!.post('/api/capacity/competencies', body)).statusCode).toBe(403);
    expect(await count('competencies')).toBe(before);
    const res = await c['quantri.vinhloc']!.post('/api/capacity/competencies', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'civil-software', kind: 'digital', national: false, name: { vi: 'Phần mềm hộ tịch điện tử' } });
    comp['civil-software'] = res.json().id;
    const dup = await c['quantri.vinhloc']!.post('/api/capacity/competencies', body);
    expect(dup.statusCode).toBe(409);
    expect((await c['quantri.vinhloc']!.post('/api/capacity/competencies', { ...body, code: 'iu01' })).statusCode).toBe(409);
    const phuvang = await c['lanhdao.phuvang']!.get('/api/capacity/competencies?unit=19942');
    expect(phuvang.json().items.map((i: { code: string }) => i.code)).not.toContain('civil-software');
    expect((await audits('competency.added')).map((a) => a.entity_id)).toEqual([String(comp['civil-software'])]);
  });
});

describe('officials', () => {
  it('a leader lists the unit officials with roles and office; the province and an official get 403', async () => {
    const res = await c['truongphong.vinhloc']!.get('/api/capacity/officials?unit=20122');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ username: string; roles: string[]; office: { name: string } | null; position: unknown }>;
    expect(items.map((i) => i.username)).toEqual(expect.arrayContaining(['chuyenvien.vinhloc', 'chuyenviendd.vinhloc', 'quantri.vinhloc', 'lanhdao.vinhloc']));
    expect(items.some((i) => i.username.endsWith('.phuvang'))).toBe(false);
    expect(items.find((i) => i.username === 'chuyenviendd.vinhloc')).toMatchObject({ roles: ['specialist'], office: { name: 'Phòng Kinh tế' }, position: null });
    for (const [who, unit] of [['theodoi.hue', '20122'], ['theodoi.hue', '46'], ['chuyenvien.vinhloc', '20122'], ['lanhdao.phuvang', '20122']] as const) {
      const r = await c[who]!.get(`/api/capacity/officials?unit=${unit}`);
      expect(r.statusCode, `${who} ${unit}`).toBe(403);
      expect(r.json().message.vi).toBeTruthy();
    }
  });
});

describe('positions', () => {
  const land = () => ({
    unit: '20122',
    code: 'CV-DD',
    grp: 'professional',
    name: 'Chuyên viên địa chính',
    description: 'Tiếp nhận, thẩm định hồ sơ đất đai của xã.',
    duties: ['Thẩm định hồ sơ đất đai', 'Đo đạc, kiểm tra thực địa'],
    headcount: 2,
    officeId: officeKT,
    requirements: [
      { competencyId: comp['iu01']!, requiredLevel: 2 },
      { competencyId: comp['digital-signature']!, requiredLevel: 2 },
      { competencyId: comp['communication']!, requiredLevel: 3 },
    ],
  });

  it('an admin creates a position with its framework; the audit records it', async () => {
    const res = await c['quantri.vinhloc']!.post('/api/capacity/positions', land());
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    positionId = p.id;
    expect(p).toMatchObject({ code: 'CV-DD', grp: 'professional', headcount: 2, office: { id: officeKT, name: 'Phòng Kinh tế' }, active: true, holders: [], duties: land().duties });
    expect(p.requirements.map((r: { code: string; requiredLevel: number }) => [r.code, r.requiredLevel])).toEqual([
      ['iu01', 2],
      ['digital-signature', 2],
      ['communication', 3],
    ]);
    expect(p.requirements[0].name.vi).toContain('IU01');
    const a = await audits('position.created');
    expect(a).toHaveLength(1);
    expect(a[0]!.entity_id).toBe(String(positionId));
    expect(a[0]!.actor_id).toBe(ids['quantri.vinhloc']);
  });

  it('bad input is a bilingual 400 naming the field and creates nothing', async () => {
    const before = [await count('job_positions'), await count('position_requirements')];
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...land(), code: 'OTHER', grp: 'boss' }, 'body.grp'],
      [{ ...land(), code: 'OTHER', name: 'x' }, 'body.name'],
      [{ ...land(), code: 'OTHER', requirements: [{ competencyId: comp['iu01'], requiredLevel: 5 }] }, 'body.requirements.0.requiredLevel'],
      [{ ...land(), code: 'OTHER', requirements: [{ competencyId: comp['iu01'], requiredLevel: 0 }] }, 'body.requirements.0.requiredLevel'],
      [{ ...land(), code: 'OTHER', requirements: [{ competencyId: comp['iu01'], requiredLevel: 2 }, { competencyId: comp['iu01'], requiredLevel: 3 }] }, 'body.requirements.1.competencyId'],
      [{ ...land(), code: 'OTHER', requirements: [{ competencyId: 999_999, requiredLevel: 2 }] }, 'body.requirements.0.competencyId'],
      [{ ...land(), code: 'OTHER', officeId: officePhuvang }, 'body.officeId'],
      [{ ...land(), code: 'OTHER', headcount: 101 }, 'body.headcount'],
    ];
    for (const [body, field] of cases) {
      const res = await c['quantri.vinhloc']!.post('/api/capacity/positions', body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().field).toBe(field);
      expect(res.json().message.vi).toBeTruthy();
      expect(res.json().message.en).toBeTruthy();
    }
    const dup = await c['quantri.vinhloc']!.post('/api/capacity/positions', land());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().field).toBe('body.code');
    expect([await count('job_positions'), await count('position_requirements')]).toEqual(before);
  });

  it('only the unit admins edit: a head of office, an official, another commune and the province get 403', async () => {
    const body = { ...land(), code: 'X1' };
    for (const who of ['truongphong.vinhloc', 'chuyenvien.vinhloc', 'lanhdao.phuvang', 'theodoi.hue']) {
      expect((await c[who]!.post('/api/capacity/positions', body)).statusCode, who).toBe(403);
      expect((await c[who]!.put(`/api/capacity/positions/${positionId}`, body)).statusCode, who).toBe(403);
    }
    expect((await c['quantri.vinhloc']!.put('/api/capacity/positions/999999', body)).statusCode).toBe(404);
  });

  it('a unit competency may be required in the unit, not in another', async () => {
    const mine = await c['lanhdao.vinhloc']!.post('/api/capacity/positions', {
      ...land(),
      code: 'CV-HT',
      grp: 'professional',
      name: 'Công chức tư pháp - hộ tịch',
      officeId: null,
      requirements: [{ competencyId: comp['civil-software']!, requiredLevel: 2 }],
    });
    expect(mine.statusCode, mine.body).toBe(201);
    secondId = mine.json().id;
    const other = await c['lanhdao.phuvang']!.post('/api/capacity/positions', { ...land(), unit: '19942', officeId: null, requirements: [{ competencyId: comp['civil-software']!, requiredLevel: 2 }] });
    expect(other.statusCode).toBe(400);
    expect(other.json().field).toBe('body.requirements.0.competencyId');
  });

  it('PUT replaces the framework and keeps the before/after in the audit', async () => {
    const body = { ...land(), name: 'Chuyên viên địa chính - xây dựng', headcount: 3, requirements: [{ competencyId: comp['iu01']!, requiredLevel: 3 }, { competencyId: comp['online-dossiers']!, requiredLevel: 2 }] };
    const { unit: _u, ...update } = body;
    const res = await c['lanhdao.vinhloc']!.put(`/api/capacity/positions/${positionId}`, update);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe('Chuyên viên địa chính - xây dựng');
    expect(res.json().requirements.map((r: { code: string; requiredLevel: number }) => [r.code, r.requiredLevel])).toEqual([
      ['iu01', 3],
      ['online-dossiers', 2],
    ]);
    const a = (await audits('position.updated')).at(-1)!;
    const details = (typeof a.details === 'string' ? JSON.parse(a.details) : a.details) as { requirementsBefore: unknown[]; requirementsAfter: unknown[] };
    expect(details.requirementsBefore).toHaveLength(3);
    expect(details.requirementsAfter).toHaveLength(2);
    const list = await c['truongphong.vinhloc']!.get('/api/capacity/positions?unit=20122');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { code: string }) => p.code).sort()).toEqual(['CV-DD', 'CV-HT']);
    expect((await c['theodoi.hue']!.get('/api/capacity/positions?unit=20122')).statusCode).toBe(403);
    expect((await c['lanhdao.phuvang']!.get('/api/capacity/positions?unit=20122')).statusCode).toBe(403);
  });
});

describe('assignments', () => {
  it('assigning an official: the open assignment ends the day before, history kept, holders updated', async () => {
    const lan = ids['chuyenviendd.vinhloc']!;
    const first = await c['quantri.vinhloc']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: lan, startedOn: '2025-07-01', note: 'Sau sắp xếp' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await c['quantri.vinhloc']!.post(`/api/capacity/positions/${positionId}/assignments`, { accountId: lan, startedOn: '2026-03-01' });
    expect(second.statusCode, second.body).toBe(201);
    const hist = await c['chuyenviendd.vinhloc']!.get(`/api/capacity/officials/${lan}/assignments`);
    expect(hist.statusCode, hist.body).toBe(200);
    expect(hist.json().items).toEqual([
      { id: second.json().id, position: { id: positionId, code: 'CV-DD', name: 'Chuyên viên địa chính - xây dựng' }, startedOn: '2026-03-01', endedOn: null, note: null, decidedBy: 'Đặng Quốc Bảo' },
      { id: first.json().id, position: { id: secondId, code: 'CV-HT', name: 'Công chức tư pháp - hộ tịch' }, startedOn: '2025-07-01', endedOn: '2026-02-28', note: 'Sau sắp xếp', decidedBy: 'Đặng Quốc Bảo' },
    ]);
    const positions = (await c['lanhdao.vinhloc']!.get('/api/capacity/positions?unit=20122')).json().items as Array<{ id: number; holders: Array<{ accountId: number; since: string }> }>;
    expect(positions.find((p) => p.id === positionId)!.holders).toEqual([{ accountId: lan, fullName: 'Phạm Thị Lan', since: '2026-03-01' }]);
    expect(positions.find((p) => p.id === secondId)!.holders).toEqual([]);
    const officials = (await c['lanhdao.vinhloc']!.get('/api/capacity/officials?unit=20122')).json().items as Array<{ id: number; position: { id: number; since: string } | null }>;
    expect(officials.find((o) => o.id === lan)!.position).toMatchObject({ id: positionId, since: '2026-03-01', grp: 'professional' });
    expect((await audits('position.assigned')).map((a) => a.entity_id)).toEqual([String(first.json().id), String(second.json().id)]);
  });

  it('refuses a start before or on the open one, an outsider, the same position again; nothing changes', async () => {
    const lan = ids['chuyenviendd.vinhloc']!;
    const before = await count('position_assignments');
    const early = await c['quantri.vinhloc']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: lan, startedOn: '2026-02-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().field).toBe('body.startedOn');
    expect(early.json().message.vi).toContain('01/03/2026');
    expect((await c['quantri.vinhloc']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: lan, startedOn: '2026-03-01' })).statusCode).toBe(400);
    const outsider = await c['quantri.vinhloc']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: ids['chuyenvien.phuvang'], startedOn: '2026-11-01' });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().field).toBe('body.accountId');
    expect((await c['quantri.vinhloc']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: lan, startedOn: '2026-13-01' })).json().field).toBe('body.startedOn');
    expect((await c['quantri.vinhloc']!.post(`/api/capacity/positions/${positionId}/assignments`, { accountId: lan, startedOn: '2026-11-01' })).statusCode).toBe(409);
    expect((await c['truongphong.vinhloc']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: lan, startedOn: '2026-11-01' })).statusCode).toBe(403);
    expect((await c['lanhdao.phuvang']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: lan, startedOn: '2026-11-01' })).statusCode).toBe(403);
    expect(await count('position_assignments')).toBe(before);
  });

  it('an inactive position takes no one (422); reading history is for self and leaders only', async () => {
    const positions = (await c['lanhdao.vinhloc']!.get('/api/capacity/positions?unit=20122')).json().items as Array<Record<string, unknown> & { id: number; requirements: Array<{ competencyId: number; requiredLevel: number }> }>;
    const p = positions.find((x) => x.id === secondId)!;
    const off = await c['lanhdao.vinhloc']!.put(`/api/capacity/positions/${secondId}`, {
      code: p.code, grp: p.grp, name: p.name, description: p.description, duties: p.duties, headcount: p.headcount, officeId: null, active: false,
      requirements: p.requirements.map((r) => ({ competencyId: r.competencyId, requiredLevel: r.requiredLevel })),
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    const res = await c['quantri.vinhloc']!.post(`/api/capacity/positions/${secondId}/assignments`, { accountId: ids['chuyenvien.vinhloc'], startedOn: '2026-11-01' });
    expect(res.statusCode).toBe(422);
    const lan = ids['chuyenviendd.vinhloc']!;
    expect((await c['chuyenvien.vinhloc']!.get(`/api/capacity/officials/${lan}/assignments`)).statusCode).toBe(403);
    expect((await c['lanhdao.phuvang']!.get(`/api/capacity/officials/${lan}/assignments`)).statusCode).toBe(403);
    expect((await c['theodoi.hue']!.get(`/api/capacity/officials/${lan}/assignments`)).statusCode).toBe(403);
    expect((await c['truongphong.vinhloc']!.get(`/api/capacity/officials/${lan}/assignments`)).statusCode).toBe(200);
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/officials/999999/assignments')).statusCode).toBe(404);
  });

  it('two admins assigning the same official at once: one assignment is stored, the other is a 409', async () => {
    const minh = ids['chuyenvien.vinhloc']!;
    const body = { accountId: minh, startedOn: '2026-11-01' };
    const [a, b] = await Promise.all([
      c['quantri.vinhloc']!.post(`/api/capacity/positions/${positionId}/assignments`, body),
      c['lanhdao.vinhloc']!.post(`/api/capacity/positions/${positionId}/assignments`, body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const open = await t.ctx.db.selectFrom('position_assignments').select('id').where('account_id', '=', minh).execute();
    expect(open).toHaveLength(1);
  });

  it('the audit chain stays intact', async () => {
    const r = await verifyAudit(t.ctx.db);
    expect(r.problems).toEqual([]);
  });
});
