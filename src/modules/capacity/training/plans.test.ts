// The yearly training plan through the HTTP API: drafted from the gaps (one line per official × competency with
// a gap, the programme that closes it, quarters by urgency), edited, approved and then frozen; XLSX; access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../lib/xlsx.js';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { verifyAudit } from '../../audit/chain.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const comp: Record<string, number> = {};
const prog: Record<string, number> = {};
let planId = 0;

type Item = { id: number; official: { id: number; fullName: string }; competency: { id: number } | null; programme: { id: number } | null; heldLevel: number; requiredLevel: number; quarter: number; hours: number | null; origin: string; status: string };

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['quantri.vinhloc', 'lanhdao.vinhloc', 'chuyenvien.vinhloc', 'theodoi.hue', 'lanhdao.phuvang']) c[u] = await t.login(u);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  for (const k of await t.ctx.db.selectFrom('competencies').select(['id', 'code']).where('unit_id', 'is', null).execute()) comp[k.code] = k.id;
  const db = t.ctx.db;
  const unitId = t.ctx.units.byCode('20122')!.id;
  // Two positions with their frameworks, three officials holding them.
  const [hoTich, motCua] = await db
    .insertInto('job_positions')
    .values([
      { unit_id: unitId, code: 'CV-VHXH', grp: 'professional', name: 'Công chức Văn hóa - Xã hội' },
      { unit_id: unitId, code: 'TN-MC', grp: 'professional', name: 'Công chức tiếp nhận, trả kết quả' },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('position_requirements')
    .values([
      { position_id: hoTich!.id, competency_id: comp['online-dossiers']!, required_level: 3 },
      { position_id: hoTich!.id, competency_id: comp['digital-signature']!, required_level: 2 },
      { position_id: hoTich!.id, competency_id: comp['communication']!, required_level: 2 },
      { position_id: motCua!.id, competency_id: comp['online-dossiers']!, required_level: 2 },
      { position_id: motCua!.id, competency_id: comp['communication']!, required_level: 3 },
    ])
    .execute();
  await db
    .insertInto('position_assignments')
    .values([
      { account_id: ids['chuyenvien.vinhloc']!, position_id: hoTich!.id, started_on: '2025-07-01' },
      { account_id: ids['chuyenviendd.vinhloc']!, position_id: hoTich!.id, started_on: '2025-07-01' },
      { account_id: ids['tiepnhan.vinhloc']!, position_id: motCua!.id, started_on: '2025-07-01' },
    ])
    .execute();
  const held = (u: string, code: string, level: number) => ({ account_id: ids[`${u}.vinhloc`]!, unit_id: unitId, competency_id: comp[code]!, level, source: 'leader' as const, assessed_at: new Date('2026-06-01T02:00:00Z') });
  await db
    .insertInto('competency_assessments')
    .values([
      held('chuyenvien', 'online-dossiers', 1),
      held('chuyenvien', 'digital-signature', 2),
      held('chuyenviendd', 'online-dossiers', 3),
      held('chuyenviendd', 'communication', 2),
      held('tiepnhan', 'communication', 2),
    ])
    .execute();
  const programme = async (code: string, unit: number | null, hours: number, raises: Array<[string, number]>, active = true) => {
    const p = await db.insertInto('training_programmes').values({ unit_id: unit, code, name: `Chương trình ${code}`, content_group: 'digital', hours, active }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('programme_competencies').values(raises.map(([k, level]) => ({ programme_id: p.id, competency_id: comp[k]!, level }))).execute();
    prog[code] = p.id;
  };
  await programme('HSTT-3', unitId, 8, [['online-dossiers', 3]]);
  await programme('HSTT-2', null, 4, [['online-dossiers', 2]]);
  await programme('HSTT-4', null, 2, [['online-dossiers', 4]]);
  await programme('HSTT-OLD', null, 1, [['online-dossiers', 3]], false);
  await programme('KYSO', null, 6, [['digital-signature', 2]]);
  await programme('KYSO-PV', t.ctx.units.byCode('19942')!.id, 1, [['digital-signature', 2]]);
  await programme('QLNN', null, 40, [['state-management', 2]]);
});
afterAll(async () => t?.close());

const plans = () => t.ctx.db.selectFrom('training_plans').select('id').execute();

describe('drafting the plan from the gaps', () => {
  it('one line per official × competency with a gap, the programme that closes it, the biggest gaps first', async () => {
    const res = await c['quantri.vinhloc']!.post('/api/capacity/plans', { unit: '20122', year: 2027 });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    planId = plan.id;
    expect(plan).toMatchObject({ year: 2027, status: 'draft', draftedAt: '2026-11-23T09:00:00+07:00', approvedAt: null, unit: { code: '20122' } });
    const line = (u: string, k: string) => plan.items.find((i: Item) => i.official.id === ids[`${u}.vinhloc`] && i.competency?.id === comp[k]);
    expect(plan.items).toHaveLength(5);
    // Needs level 3: the lowest sufficient programme (not the shorter level-4 one, nor a retired one).
    expect(line('chuyenvien', 'online-dossiers')).toMatchObject({ heldLevel: 1, requiredLevel: 3, programme: { id: prog['HSTT-3'] }, hours: 8, origin: 'gap', status: 'planned' });
    expect(line('tiepnhan', 'online-dossiers')).toMatchObject({ heldLevel: 0, requiredLevel: 2, programme: { id: prog['HSTT-2'] }, hours: 4 });
    // Another commune's programme is not offered.
    expect(line('chuyenviendd', 'digital-signature')).toMatchObject({ heldLevel: 0, requiredLevel: 2, programme: { id: prog['KYSO'] } });
    expect(line('chuyenvien', 'communication')).toMatchObject({ programme: null, hours: null });
    // No gap, no line.
    expect(line('chuyenvien', 'digital-signature')).toBeUndefined();
    expect(line('chuyenviendd', 'online-dossiers')).toBeUndefined();
    // Urgency: the gaps of 2 from nothing in Q1–Q2, the gap of 1 last.
    expect(line('tiepnhan', 'communication')).toMatchObject({ heldLevel: 2, requiredLevel: 3, quarter: 4 });
    expect(line('chuyenvien', 'communication').quarter).toBe(1);
    expect(line('chuyenvien', 'online-dossiers').quarter).toBe(3);
    expect(plan.summary).toEqual({ officials: 3, items: 5, hours: 18 });
  });

  it('one plan per unit and year: 409; a past year or a province: 400', async () => {
    const again = await c['quantri.vinhloc']!.post('/api/capacity/plans', { unit: '20122', year: 2027 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message.vi).toContain('đã có kế hoạch');
    const past = await c['quantri.vinhloc']!.post('/api/capacity/plans', { unit: '20122', year: 2025 });
    expect(past.statusCode).toBe(400);
    expect(past.json().field).toBe('body.year');
    expect((await c['quantri.vinhloc']!.post('/api/capacity/plans', { unit: '46', year: 2027 })).statusCode).toBe(400);
    expect(await plans()).toHaveLength(1);
  });

  it('this year\'s plan starts in the current quarter', async () => {
    const res = await c['lanhdao.vinhloc']!.post('/api/capacity/plans', { unit: '20122', year: 2026 });
    expect(res.statusCode).toBe(201);
    expect(res.json().items.map((i: Item) => i.quarter)).toEqual([4, 4, 4, 4, 4]);
  });

  it('only the unit\'s admins draft it; leaders read it; the province and officials do not', async () => {
    for (const who of ['chuyenvien.vinhloc', 'theodoi.hue', 'lanhdao.phuvang']) {
      expect((await c[who]!.post('/api/capacity/plans', { unit: '20122', year: 2028 })).statusCode, who).toBe(403);
      expect((await c[who]!.get('/api/capacity/plans?unit=20122&year=2027')).statusCode, who).toBe(403);
    }
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/plans?unit=20122&year=2027')).json().id).toBe(planId);
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/plans?unit=20122&year=2028')).statusCode).toBe(404);
  });
});

describe('editing and approving', () => {
  it('adds a line for an official of the unit', async () => {
    const res = await c['quantri.vinhloc']!.post(`/api/capacity/plans/${planId}/items`, { accountId: ids['vanthu.vinhloc'], programmeId: prog['QLNN'], quarter: 2, note: 'Bồi dưỡng theo vị trí mới' });
    expect(res.statusCode, res.body).toBe(201);
    const added = res.json().items.find((i: Item) => i.official.id === ids['vanthu.vinhloc']);
    expect(added).toMatchObject({ origin: 'added', quarter: 2, hours: 40, programme: { id: prog['QLNN'] }, competency: null, note: 'Bồi dưỡng theo vị trí mới' });
    expect(res.json().summary).toEqual({ officials: 4, items: 6, hours: 58 });
    const withComp = await c['quantri.vinhloc']!.post(`/api/capacity/plans/${planId}/items`, { accountId: ids['chuyenvien.vinhloc'], competencyId: comp['info-security'] });
    expect(withComp.statusCode).toBe(201);
    expect(withComp.json().items.find((i: Item) => i.competency?.id === comp['info-security'])).toMatchObject({ heldLevel: 0, requiredLevel: null, quarter: null });
  });

  it('refuses a stranger, an empty line, or another commune\'s programme, changing nothing', async () => {
    const before = (await c['lanhdao.vinhloc']!.get('/api/capacity/plans?unit=20122&year=2027')).json().items.length;
    const stranger = await c['quantri.vinhloc']!.post(`/api/capacity/plans/${planId}/items`, { accountId: ids['chuyenvien.phuvang'], programmeId: prog['QLNN'] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().field).toBe('body.accountId');
    const empty = await c['quantri.vinhloc']!.post(`/api/capacity/plans/${planId}/items`, { accountId: ids['vanthu.vinhloc'] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message.vi).toContain('Chọn năng lực');
    const foreign = await c['quantri.vinhloc']!.post(`/api/capacity/plans/${planId}/items`, { accountId: ids['vanthu.vinhloc'], programmeId: prog['KYSO-PV'] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().field).toBe('body.programmeId');
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/plans?unit=20122&year=2027')).json().items).toHaveLength(before);
  });

  it('changes a line\'s programme and quarter, and drops another (kept, marked)', async () => {
    const plan = (await c['lanhdao.vinhloc']!.get('/api/capacity/plans?unit=20122&year=2027')).json();
    const comm = plan.items.find((i: Item) => i.official.id === ids['chuyenvien.vinhloc'] && i.competency?.id === comp['communication']);
    const changed = await c['quantri.vinhloc']!.put(`/api/capacity/plans/${planId}/items/${comm.id}`, { programmeId: prog['QLNN'], quarter: 3, note: 'Ghép lớp QLNN' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().items.find((i: Item) => i.id === comm.id)).toMatchObject({ programme: { id: prog['QLNN'] }, hours: 40, quarter: 3, note: 'Ghép lớp QLNN', origin: 'gap' });
    const tn = plan.items.find((i: Item) => i.official.id === ids['tiepnhan.vinhloc'] && i.competency?.id === comp['communication']);
    const dropped = await c['quantri.vinhloc']!.put(`/api/capacity/plans/${planId}/items/${tn.id}`, { status: 'dropped' });
    expect(dropped.json().items.find((i: Item) => i.id === tn.id).status).toBe('dropped');
    expect(dropped.json().summary.items).toBe(plan.summary.items - 1);
    const badQuarter = await c['quantri.vinhloc']!.put(`/api/capacity/plans/${planId}/items/${tn.id}`, { quarter: 5 });
    expect(badQuarter.statusCode).toBe(400);
    expect(badQuarter.json().message.vi).toContain('Quý từ 1 đến 4');
    expect((await c['quantri.vinhloc']!.put(`/api/capacity/plans/${planId}/items/999999`, { quarter: 2 })).statusCode).toBe(404);
    expect((await c['lanhdao.phuvang']!.put(`/api/capacity/plans/${planId}/items/${tn.id}`, { quarter: 2 })).statusCode).toBe(403);
  });

  it('downloads the plan as XLSX', async () => {
    const res = await c['lanhdao.vinhloc']!.get('/api/capacity/plans?unit=20122&year=2027&format=xlsx');
    expect(res.statusCode).toBe(200);
    const rows = (await readXlsx(res.rawPayload))['Kế hoạch 2027']!;
    expect(rows.some((r) => r[1] === 'Trần Thị Thu' && r[5] === 'Chương trình HSTT-2' && r[6] === 4)).toBe(true);
    expect(rows.some((r) => r[8] === 'Bỏ')).toBe(true);
  });

  it('an approved plan is no longer edited: 409', async () => {
    expect((await c['chuyenvien.vinhloc']!.post(`/api/capacity/plans/${planId}/approve`)).statusCode).toBe(403);
    const res = await c['lanhdao.vinhloc']!.post(`/api/capacity/plans/${planId}/approve`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', approvedBy: 'Hoàng Đức Thắng' });
    const item = res.json().items[0];
    expect((await c['quantri.vinhloc']!.put(`/api/capacity/plans/${planId}/items/${item.id}`, { quarter: 2 })).statusCode).toBe(409);
    const add = await c['quantri.vinhloc']!.post(`/api/capacity/plans/${planId}/items`, { accountId: ids['vanthu.vinhloc'], programmeId: prog['KYSO'] });
    expect(add.statusCode).toBe(409);
    expect(add.json().message.vi).toContain('đã được phê duyệt');
    expect((await c['lanhdao.vinhloc']!.post(`/api/capacity/plans/${planId}/approve`)).statusCode).toBe(409);
    const after = (await c['lanhdao.vinhloc']!.get('/api/capacity/plans?unit=20122&year=2027')).json();
    expect(after.items.find((i: Item) => i.id === item.id).quarter).toBe(item.quarter);
  });

  it('audited every change', async () => {
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'training_plan').execute()).map((a) => a.action);
    expect(actions.filter((a) => a === 'training.plan_drafted')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['training.plan_item_added', 'training.plan_item_changed', 'training.plan_approved']));
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });
});
