// Practice mode end to end over HTTP: scenarios seeded on the real components, an attempt's practice dossier
// (its code, who sees it, what never reaches reports or connected systems), the real actions on it, scoring,
// the competence it records, privacy and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { DOSSIER_CODE } from '../../dossiers/code.js';
import { wantsEvent as nationalPortalWants } from '../../integrations/national-portal/subscriber.js';
import { wantsEvent as federationWants } from '../../integrations/federation/subscriber.js';
import { loadEventFacts } from '../../integrations/notifications/store.js';
import { competencyForField } from '../levels.js';
import { verifyAudit } from '../../audit/chain.js';
import { seedPracticeScenarios } from './scenarios.js';
import { readDataFile } from '../../../seed.js';
import { parseCatalogue } from '../../catalogue/importer.js';
import { saveCatalogue } from '../../catalogue/store.js';

let t: TestApp;
let officer: TestClient; // tiepnhan.vinhloc
let specialist: TestClient; // chuyenvien.vinhloc
let leader: TestClient; // lanhdao.vinhloc
let other: TestClient; // tiepnhan.phuvang

interface ScenarioItem { id: number; code: string; procedure: { code: string; field: string }; attempts: number; best: number | null; openAttemptId: number | null }

let scenarios: ScenarioItem[];
const scenario = (code: string) => {
  const s = scenarios.find((x) => x.code === code);
  if (!s) throw new Error(`no scenario ${code}: ${scenarios.map((x) => x.code).join(', ')}`);
  return s;
};

beforeAll(async () => {
  t = await createTestApp();
  [officer, specialist, leader, other] = (await Promise.all(['tiepnhan.vinhloc', 'chuyenvien.vinhloc', 'lanhdao.vinhloc', 'tiepnhan.phuvang'].map((u) => t.login(u)))) as [TestClient, TestClient, TestClient, TestClient];
  const res = await officer.get('/api/capacity/practice/scenarios');
  expect(res.statusCode).toBe(200);
  scenarios = res.json().items;
});
afterAll(async () => t?.close());

describe('scenarios', () => {
  it('are seeded for the test procedures present, on their real component keys, and seeding again changes nothing', async () => {
    const codes = new Set(scenarios.map((s) => s.procedure.code));
    for (const c of ['1.001193', '1.000894', '1.000656', '2.000908', '2.000815', '1.003583']) expect(codes.has(c)).toBe(true);
    // The test catalogue has no land procedure, so no land scenario.
    expect(scenarios.some((s) => s.procedure.field === 'Đất đai')).toBe(false);
    const rows = await t.ctx.db
      .selectFrom('practice_scenarios as s')
      .innerJoin('procedure_versions as v', 'v.procedure_id', 's.procedure_id')
      .select(['s.code', 's.planted', 's.expected', 'v.components'])
      .execute();
    for (const r of rows) {
      const keys = new Set((r.components as Array<{ key: string }>).map((c) => c.key));
      const planted = r.planted as Array<{ componentKey?: string }>;
      const expected = r.expected as { missing: string[]; originals: string[] };
      for (const k of [...planted.flatMap((p) => (p.componentKey ? [p.componentKey] : [])), ...expected.missing, ...expected.originals]) expect(keys.has(k)).toBe(true);
    }
    const kinds = new Set(rows.flatMap((r) => (r.planted as Array<{ kind: string }>).map((p) => p.kind)));
    expect([...kinds].sort()).toEqual(['due_across_tet', 'missing_component', 'needs_original', 'refusal_ground', 'wrong_fee']);
    const before = await t.ctx.db.selectFrom('practice_scenarios').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(await seedPracticeScenarios(t.ctx.db, t.clock.now())).toBe(before.n);
    const after = await t.ctx.db.selectFrom('practice_scenarios').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('the Tết scenarios expect due dates with Tết 2027 skipped', async () => {
    const rows = await t.ctx.db.selectFrom('practice_scenarios').select(['code', 'expected']).where('code', 'in', ['TH-2.000908-hen-tra-qua-tet', 'TH-1.003583-hen-tra-qua-tet']).orderBy('code').execute();
    expect(rows.map((r) => [r.code, (r.expected as { dueDate: string }).dueDate])).toEqual([
      ['TH-1.003583-hen-tra-qua-tet', '2027-02-18'],
      ['TH-2.000908-hen-tra-qua-tet', '2027-02-12'],
    ]);
  });

  it('are for officials only', async () => {
    const viewer = await t.login('theodoi.hue');
    expect((await viewer.get('/api/capacity/practice/scenarios')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/capacity/practice/scenarios')).statusCode).toBe(401);
  });
});

describe('an attempt at a missing component (khai sinh)', () => {
  let attempt: { id: number; dossier: { id: number; code: string }; guidance: unknown[]; components: Array<{ key: string; provided: boolean; required: boolean }> };
  const counters = () => t.ctx.db.selectFrom('dossier_code_counters').select(sql<number>`coalesce(sum(last), 0)::int`.as('n')).executeTakeFirstOrThrow();

  it('creates a practice dossier waiting for receipt, with a code of its own and no real number taken', async () => {
    const before = await counters();
    const res = await officer.post('/api/capacity/practice/attempts', { scenarioId: scenario('TH-1.001193-thieu-thanh-phan').id });
    expect(res.statusCode).toBe(201);
    attempt = res.json();
    expect(attempt.dossier.code).toBe(`THUCHANH-20122-${attempt.id}`);
    expect(DOSSIER_CODE.test(attempt.dossier.code)).toBe(false);
    expect(attempt.guidance.length).toBeGreaterThan(2);
    expect((await counters()).n).toBe(before.n);
    const row = await t.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', attempt.dossier.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ is_practice: true, source: 'practice', status: 'submitted', channel: 'online', receiver_id: expect.any(Number) });
    // The birth certificate (giấy chứng sinh) is the planted missing component.
    const missing = attempt.components.filter((c) => c.required && !c.provided).map((c) => c.key);
    expect(missing).toEqual(['c4-6961be']);
  });

  it('a second start of the same scenario while one is open is a 409 naming it', async () => {
    const res = await officer.post('/api/capacity/practice/attempts', { scenarioId: scenario('TH-1.001193-thieu-thanh-phan').id });
    expect(res.statusCode).toBe(409);
    expect(res.json().message.vi).toContain('chưa hoàn thành');
  });

  it('is in the practising official’s inbox, marked, and in nobody else’s', async () => {
    const mine = (await officer.get('/api/dossiers?limit=200')).json().items as Array<{ code: string; practice: boolean }>;
    expect(mine.find((d) => d.code === attempt.dossier.code)?.practice).toBe(true);
    for (const c of [specialist, leader, other]) {
      const items = (await c.get('/api/dossiers?limit=200')).json().items as Array<{ code: string }>;
      expect(items.some((d) => d.code === attempt.dossier.code)).toBe(false);
    }
  });

  it('only the official and the unit’s leaders open it; a leader sees it without actions and cannot act', async () => {
    const own = await officer.get(`/api/dossiers/${attempt.dossier.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().isPractice).toBe(true);
    expect(own.json().allowedActions.map((a: { action: string }) => a.action)).toContain('request_supplement');
    expect((await specialist.get(`/api/dossiers/${attempt.dossier.id}`)).statusCode).toBe(403);
    expect((await other.get(`/api/dossiers/${attempt.dossier.id}`)).statusCode).toBe(403);
    const led = await leader.get(`/api/dossiers/${attempt.dossier.id}`);
    expect(led.statusCode).toBe(200);
    expect(led.json().allowedActions).toEqual([]);
    const act = await leader.post(`/api/dossiers/${attempt.dossier.id}/actions/refuse`, { reason: 'Thử từ chối hồ sơ thực hành' });
    expect(act.statusCode).toBe(403);
    // The public status page does not know it.
    expect((await t.anonymous.get(`/api/public/dossiers/${attempt.dossier.code}`)).statusCode).toBe(400);
  });

  it('is worked on the real action, and finishing scores it from the history: 100 for the right supplement request', async () => {
    const act = await officer.post(`/api/dossiers/${attempt.dossier.id}/actions/request_supplement`, {
      missing: [{ componentKey: 'c4-6961be' }],
      reason: 'Thiếu Giấy chứng sinh bản chính',
    });
    expect(act.statusCode).toBe(200);
    expect(act.json().status).toBe('intake_supplement');
    // Others cannot finish it; bad answers change nothing.
    expect((await leader.post(`/api/capacity/practice/attempts/${attempt.id}/finish`, { answers: {} })).statusCode).toBe(403);
    const bad = await officer.post(`/api/capacity/practice/attempts/${attempt.id}/finish`, { answers: { originals: ['c99-nope'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message.vi).toContain('không thuộc hồ sơ thực hành');
    const neg = await officer.post(`/api/capacity/practice/attempts/${attempt.id}/finish`, { answers: { fee: -5 } });
    expect(neg.statusCode).toBe(400);
    expect((await officer.get(`/api/capacity/practice/attempts/${attempt.id}`)).json().finishedAt).toBeNull();

    const res = await officer.post(`/api/capacity/practice/attempts/${attempt.id}/finish`, { answers: {} });
    expect(res.statusCode).toBe(200);
    const done = res.json();
    expect(done.score).toBe(100);
    expect(done.decision).toBe('request_supplement');
    expect(done.breakdown.map((b: { item: string }) => b.item)).toEqual(['decision', 'missing', 'time']);
    expect(done.breakdown.reduce((a: number, b: { max: number }) => a + b.max, 0)).toBe(100);
    expect(done.expected.missing).toEqual([{ key: 'c4-6961be', name: expect.stringContaining('Giấy chứng sinh') }]);
    expect((await officer.post(`/api/capacity/practice/attempts/${attempt.id}/finish`, { answers: {} })).statusCode).toBe(409);
  });

  it('records the competence shown in the field (source practice, attempt in evidence)', async () => {
    const competencyId = await competencyForField(t.ctx.db, 'Hộ tịch');
    const row = await t.ctx.db
      .selectFrom('competency_assessments as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .select(['c.level', 'c.source', 'c.evidence', 'c.competency_id'])
      .where('a.username', '=', 'tiepnhan.vinhloc')
      .where('c.source', '=', 'practice')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: 2, source: 'practice', competency_id: competencyId });
    expect(row.evidence).toMatchObject({ attemptId: attempt.id, score: 100 });
  });

  it('the finished attempt leaves the inbox, and the scenario shows the best score', async () => {
    const mine = (await officer.get('/api/dossiers?limit=200')).json().items as Array<{ code: string }>;
    expect(mine.some((d) => d.code === attempt.dossier.code)).toBe(false);
    const list = (await officer.get('/api/capacity/practice/scenarios')).json().items as ScenarioItem[];
    expect(list.find((s) => s.code === 'TH-1.001193-thieu-thanh-phan')).toMatchObject({ attempts: 1, best: 100, openAttemptId: null });
  });

  it('never reaches reports, the evidence ledger or any connected system', async () => {
    const facts = await t.ctx.db.selectFrom('report_facts').select('dossier_id').where('dossier_id', '=', attempt.dossier.id).execute();
    expect(facts).toEqual([]);
    const ledger = await sql<{ n: number }>`select count(*)::int as n from evidence_ledger where dossier_id = ${attempt.dossier.id}`.execute(t.ctx.db);
    expect(ledger.rows[0]!.n).toBe(0);
    const events = await t.ctx.db.selectFrom('outbox').selectAll().where('dossier_id', '=', attempt.dossier.id).execute();
    expect(events.length).toBe(2); // submitted, supplement requested
    for (const e of events) {
      const event = { id: Number(e.id), topic: e.topic, dossierId: Number(e.dossier_id), payload: e.payload as Record<string, unknown>, createdAt: new Date(e.created_at) };
      expect(event.payload.practice).toBe(true);
      expect(nationalPortalWants(event)).toBe(false);
      expect(federationWants(event)).toBe(false);
      // The applicant of a practice dossier is never told anything (no email, no SMS).
      expect(await loadEventFacts(t.ctx, event, 'supplement_requested')).toBeNull();
    }
  });
});

describe('privacy of attempts', () => {
  it('an official sees their own; a leader the unit’s; others get 403', async () => {
    const mine = (await officer.get('/api/capacity/practice/attempts')).json().items as Array<{ id: number; official: { fullName: string } }>;
    expect(mine.length).toBe(1);
    const id = mine[0]!.id;
    expect((await specialist.get(`/api/capacity/practice/attempts/${id}`)).statusCode).toBe(403);
    expect((await other.get(`/api/capacity/practice/attempts/${id}`)).statusCode).toBe(403);
    expect((await leader.get(`/api/capacity/practice/attempts/${id}`)).statusCode).toBe(200);
    expect((await specialist.get('/api/capacity/practice/attempts')).json().items).toEqual([]);
    const unit = await leader.get('/api/capacity/practice/attempts?unit=20122');
    expect(unit.json().items.map((a: { id: number }) => a.id)).toContain(id);
    expect((await specialist.get('/api/capacity/practice/attempts?unit=20122')).statusCode).toBe(403);
    expect((await (await t.login('lanhdao.phuvang')).get('/api/capacity/practice/attempts?unit=20122')).statusCode).toBe(403);
    expect((await (await t.login('theodoi.hue')).get('/api/capacity/practice/attempts?unit=20122')).statusCode).toBe(403);
    // By dossier: the leader finds the attempt of a practice dossier, a colleague finds nothing.
    const dossierId = (await officer.get(`/api/capacity/practice/attempts/${id}`)).json().dossier.id;
    expect((await leader.get(`/api/capacity/practice/attempts?dossier=${dossierId}`)).json().items.length).toBe(1);
    expect((await specialist.get(`/api/capacity/practice/attempts?dossier=${dossierId}`)).json().items).toEqual([]);
  });
});

describe('other scenarios', () => {
  it('a specialist practises intake across Tết: receives on the real screen, due date right, a higher held level kept', async () => {
    const s = scenario('TH-2.000908-hen-tra-qua-tet');
    const res = await specialist.post('/api/capacity/practice/attempts', { scenarioId: s.id });
    expect(res.statusCode).toBe(201);
    const a = res.json();
    // The leader had rated the specialist 3 in certification (Chứng thực).
    const competencyId = (await competencyForField(t.ctx.db, 'Chứng thực'))!;
    const account = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'chuyenvien.vinhloc').executeTakeFirstOrThrow();
    const unit = await t.ctx.db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('competency_assessments').values({ account_id: account.id, unit_id: unit.id, competency_id: competencyId, level: 3, source: 'leader', assessed_at: new Date('2026-10-01T00:00:00Z') }).execute();
    const receive = await specialist.post(`/api/dossiers/${a.dossier.id}/actions/receive`, {});
    expect(receive.statusCode).toBe(200);
    const wrong = await specialist.post(`/api/capacity/practice/attempts/${a.id}/finish`, { answers: { dueDate: '2027-02-05' } });
    expect(wrong.statusCode).toBe(200);
    const b = wrong.json();
    expect(b.decision).toBe('receive');
    const due = b.breakdown.find((x: { item: string }) => x.item === 'due_date');
    expect(due).toMatchObject({ points: 0 });
    expect(due.detail.vi).toContain('2027-02-12');
    expect(b.score).toBe(100 - due.max);
    const latest = await t.ctx.db.selectFrom('competency_assessments').select(['level', 'source']).where('account_id', '=', account.id).where('competency_id', '=', competencyId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(latest).toEqual({ level: 3, source: 'practice' });
  });

  it('wrong fee and an original: the declared fee is on the dossier; right answers score 100', async () => {
    const res = await officer.post('/api/capacity/practice/attempts', { scenarioId: scenario('TH-1.001193-le-phi-ban-chinh').id });
    const a = res.json();
    const d = (await officer.get(`/api/dossiers/${a.dossier.id}`)).json();
    expect(d.feeAmount).toBe(8000);
    expect((await officer.post(`/api/dossiers/${a.dossier.id}/actions/receive`, {})).statusCode).toBe(200);
    const done = (await officer.post(`/api/capacity/practice/attempts/${a.id}/finish`, { answers: { fee: 0, originals: ['c4-6961be'] } })).json();
    expect(done.breakdown.map((b: { item: string }) => b.item)).toEqual(['decision', 'originals', 'fee', 'time']);
    expect(done.score).toBe(100);
  });

  it('refusing a dossier that must be refused is right; requesting a supplement instead is not', async () => {
    const s = scenario('TH-2.000815-tu-choi');
    const a = (await officer.post('/api/capacity/practice/attempts', { scenarioId: s.id })).json();
    expect((await officer.post(`/api/dossiers/${a.dossier.id}/actions/request_supplement`, { missing: [{ componentKey: 'c1-62d1db' }], reason: 'Nộp lại bản chính' })).statusCode).toBe(200);
    const done = (await officer.post(`/api/capacity/practice/attempts/${a.id}/finish`, { answers: {} })).json();
    expect(done.decision).toBe('request_supplement');
    expect(done.breakdown[0]).toMatchObject({ item: 'decision', points: 0 });
    expect(done.score).toBeLessThan(60);
    const again = (await officer.post('/api/capacity/practice/attempts', { scenarioId: s.id })).json();
    expect((await officer.post(`/api/dossiers/${again.dossier.id}/actions/refuse`, { reason: 'Bản chính bị tẩy xoá, sửa chữa' })).statusCode).toBe(200);
    expect((await officer.post(`/api/capacity/practice/attempts/${again.id}/finish`, { answers: {} })).json().score).toBe(100);
    const list = (await officer.get('/api/capacity/practice/scenarios')).json().items as ScenarioItem[];
    expect(list.find((x) => x.code === s.code)).toMatchObject({ attempts: 2, best: 100 });
  });

  it('two starts of one scenario at once: one attempt, the other start a 409', async () => {
    const id = scenario('TH-1.000894-thieu-thanh-phan').id;
    const both = await Promise.all([leader.post('/api/capacity/practice/attempts', { scenarioId: id }), leader.post('/api/capacity/practice/attempts', { scenarioId: id })]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const open = await t.ctx.db.selectFrom('practice_attempts as a').innerJoin('accounts as o', 'o.id', 'a.account_id').select('a.id').where('o.username', '=', 'lanhdao.vinhloc').where('a.finished_at', 'is', null).execute();
    expect(open.length).toBe(1);
  });

  it('bad input: an unknown scenario is 404, a missing one 400, a unit the official does not work at 400', async () => {
    expect((await officer.post('/api/capacity/practice/attempts', { scenarioId: 999999 })).statusCode).toBe(404);
    const missing = await officer.post('/api/capacity/practice/attempts', {});
    expect(missing.statusCode).toBe(400);
    const elsewhere = await officer.post('/api/capacity/practice/attempts', { scenarioId: scenario('TH-1.000656-thieu-thanh-phan').id, unit: '19942' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().message.en).toContain('19942');
  });
});

describe('a land procedure', () => {
  it('gets its scenarios once the catalogue holds it, with the Tết due date of its limit', async () => {
    const all = readDataFile('procedures.json') as { procedures: Array<{ code: string }> };
    await saveCatalogue(t.ctx.db, parseCatalogue({ procedures: all.procedures.filter((p) => p.code === '1.012796') }), new Date('2025-07-01T00:00:00+07:00'));
    await seedPracticeScenarios(t.ctx.db, t.clock.now());
    const list = (await officer.get('/api/capacity/practice/scenarios')).json().items as ScenarioItem[];
    const land = list.filter((s) => s.procedure.field === 'Đất đai');
    expect(land.map((s) => s.code).sort()).toEqual(['TH-1.012796-hen-tra-qua-tet', 'TH-1.012796-thieu-thanh-phan']);
    const tet = await t.ctx.db.selectFrom('practice_scenarios').select('expected').where('code', '=', 'TH-1.012796-hen-tra-qua-tet').executeTakeFirstOrThrow();
    // 8 working days from Thursday 4/2/2027 15:00: 12, 15, 16, 17, 18, 19, 22, 23 February.
    expect((tet.expected as { dueDate: string }).dueDate).toBe('2027-02-23');
    const missing = await t.ctx.db.selectFrom('practice_scenarios').select('expected').where('code', '=', 'TH-1.012796-thieu-thanh-phan').executeTakeFirstOrThrow();
    expect((missing.expected as { missing: string[] }).missing).toEqual(['c1-e9d8cb']);
  });
});

describe('the audit log', () => {
  it('records starts and finishes, and still verifies', async () => {
    const rows = await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['practice.started', 'practice.finished']).execute();
    expect(rows.filter((r) => r.action === 'practice.started').length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.action === 'practice.finished').length).toBeGreaterThanOrEqual(4);
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });
});
