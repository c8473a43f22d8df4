// Evidence, workload and appraisal from real dossiers driven through the HTTP workflow at Vinh Lộc: the ledger's
// roll-ups and the suggested level, the leader's decision kept beside it, load and reassignment through the
// workflow's own assign action, the Decree 335/2025 figures with an exemption, CSV and XLSX, and who may see what.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../lib/xlsx.js';
import { verifyAudit } from '../../audit/chain.js';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};

const CERT = { code: '2.000908', components: ['c1-7d4524'], field: 'Chứng thực' }; // 1 working day
const BIRTH = { code: '1.003583', components: ['c1-ba3109', 'c2-fb2596', 'c5-9e70d7', 'c6-85a38b'], field: 'Hộ tịch' }; // 5 working days
type Proc = typeof CERT;

// Working days of October 2026 (no holidays): one dossier a day.
const OCTOBER = ['05', '06', '07', '08', '09', '12', '13', '14', '15', '16', '19', '20', '21', '22', '23', '26', '27'].map((d) => `2026-10-${d}`);

const at = (day: string, hhmm: string) => t.clock.set(`${day}T${hhmm}:00+07:00`);
const tick = () => t.clock.set(new Date(t.clock.now().getTime() + 10 * 60_000).toISOString());

async function ok(who: string, id: number, action: string, body: Record<string, unknown> = {}) {
  tick();
  const res = await c[who]!.post(`/api/dossiers/${id}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
}

let applicants = 0;
async function intake(p: Proc): Promise<{ id: number; code: string }> {
  applicants++;
  const res = await c.tiepnhan!.post('/api/dossiers', {
    procedureCode: p.code,
    applicant: { name: `Nguyễn Văn Dân ${applicants}`, idNumber: `04619100${String(applicants).padStart(4, '0')}` },
    components: p.components.map((key) => ({ key })),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Intake, forward, assign to `specialist`; then, unless `open`, the whole way to the returned result. */
async function dossier(day: string, p: Proc, specialist: string, o: { late?: boolean; sendBack?: boolean; supplement?: boolean; open?: boolean } = {}) {
  at(day, '08:00');
  const d = await intake(p);
  await ok('tiepnhan', d.id, 'forward');
  await ok('truongphong', d.id, 'assign', { assigneeId: ids[`${specialist}.vinhloc`] });
  if (o.open) return d;
  if (o.supplement) {
    await ok(specialist, d.id, 'request_supplement', { missing: [{ name: 'Bản sao giấy chứng sinh' }], reason: 'Thiếu giấy chứng sinh' });
    await ok('tiepnhan', d.id, 'receive_supplement');
  }
  if (o.late) at(day, '16:30');
  await ok(specialist, d.id, 'forward');
  await ok('truongphong', d.id, 'submit_for_approval', { outcome: 'granted' });
  if (o.sendBack) {
    await ok('lanhdao', d.id, 'send_back', { reason: 'Thiếu căn cứ pháp lý trong dự thảo' });
    await ok('truongphong', d.id, 'submit_for_approval', { outcome: 'granted' });
  }
  await ok('lanhdao', d.id, 'approve');
  await ok('lanhdao', d.id, 'sign');
  await ok('vanthu', d.id, 'issue_result');
  await ok('tiepnhan', d.id, 'return_result');
  return d;
}

const cvDossiers: Array<{ id: number; code: string }> = [];
let lateCode = '';
let lateId = 0;
let sentBackCode = '';
let practiceId = 0;
const ev = (who: string, q = '') => c[who]!.get(`/api/capacity/evidence?unit=20122&from=2026-10-01&to=2026-10-31${q}`);

beforeAll(async () => {
  t = await createTestApp({ now: '2026-10-05T07:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'chuyenviendd', 'truongphong', 'lanhdao', 'vanthu', 'quantri']) c[u] = await t.login(`${u}.vinhloc`);
  c.phuvang = await t.login('lanhdao.phuvang');
  c.hue = await t.login('theodoi.hue');
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  // Lê Văn Minh (chuyenvien): 12 certifications in October, one late, one sent back by the leader.
  for (let i = 0; i < 12; i++) {
    const d = await dossier(OCTOBER[i]!, CERT, 'chuyenvien', { late: i === 3, sendBack: i === 7 });
    cvDossiers.push(d);
    if (i === 3) [lateCode, lateId] = [d.code, d.id];
    if (i === 7) sentBackCode = d.code;
  }
  // A 13th, made a practice dossier afterwards: it must count nowhere.
  practiceId = (await dossier(OCTOBER[12]!, CERT, 'chuyenvien', { late: true })).id;
  await t.ctx.db.updateTable('dossiers').set({ is_practice: true }).where('id', '=', practiceId).execute();
  // Phạm Thị Lan (chuyenviendd): 3 birth registrations.
  for (let i = 13; i < 16; i++) await dossier(OCTOBER[i]!, BIRTH, 'chuyenviendd', { supplement: i === 13 });
  // Six applicants rated Minh's dossiers, five satisfied.
  for (const [i, d] of cvDossiers.slice(0, 6).entries()) {
    await t.ctx.db.insertInto('ratings').values({ dossier_id: d.id, scale_version: 'tt01-2018', answers: JSON.stringify({ overall: i === 0 ? 'unsatisfied' : 'satisfied' }), satisfied: i !== 0, channel: 'online', rated_at: new Date('2026-10-28T10:00:00+07:00') }).execute();
  }
}, 300_000);
afterAll(async () => t?.close());

type Row = Record<string, any>;
const rowOf = (rows: Row[], user: string, field: string): Row => rows.find((r) => r.official.id === ids[user] && r.field === field)!;

describe('evidence from work', () => {
  it('rolls the ledger up per official × field, without practice dossiers, and suggests a level', async () => {
    const res = await ev('lanhdao');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.scope).toBe('unit');
    expect(body.rule.vi).toContain('Mức 2');
    const minh = rowOf(body.rows, 'chuyenvien.vinhloc', CERT.field);
    expect(minh).toMatchObject({
      official: { fullName: 'Lê Văn Minh' },
      dossiers: 12,
      submitted: 12,
      sentBack: 1,
      steps: 12,
      late: 1,
      supplements: 0,
      rated: 6,
      satisfied: 5,
      suggestedLevel: 2,
      heldLevel: 0,
      lastDecision: null,
    });
    expect(minh.onTimeRate).toBeCloseTo(11 / 12);
    expect(minh.sendBackRate).toBeCloseTo(1 / 12);
    expect(minh.satisfactionRate).toBeCloseTo(5 / 6);
    expect(minh.spentMinutes).toBeGreaterThan(0);
    expect(minh.allottedMinutes).toBeGreaterThan(0);
    expect(minh.competencyId).toEqual(expect.any(Number));
    const lan = rowOf(body.rows, 'chuyenviendd.vinhloc', BIRTH.field);
    expect(lan).toMatchObject({ dossiers: 3, supplements: 1, suggestedLevel: 1, enoughEvidence: false });
    expect(lan.supplementRate).toBeCloseTo(1 / 3);
    // The head of office submitted the sent-back dossier twice: 13 submissions, one sent back.
    expect(rowOf(body.rows, 'truongphong.vinhloc', CERT.field)).toMatchObject({ dossiers: 12, submitted: 13, sentBack: 1 });
  });

  it('filters by official and field, and by period', async () => {
    const one = (await ev('lanhdao', `&official=${ids['chuyenvien.vinhloc']}&field=${encodeURIComponent(CERT.field)}`)).json();
    expect(one.rows).toHaveLength(1);
    const none = (await c.lanhdao!.get('/api/capacity/evidence?unit=20122&from=2026-09-01&to=2026-09-30')).json();
    expect(none.rows).toEqual([]);
  });

  it('an official sees only their own rows; asking for another is a 403', async () => {
    const mine = (await ev('chuyenvien')).json();
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r: Row) => r.official.id === ids['chuyenvien.vinhloc'])).toBe(true);
    expect((await ev('chuyenvien', `&official=${ids['chuyenviendd.vinhloc']}`)).statusCode).toBe(403);
    expect((await ev('phuvang')).statusCode).toBe(403);
  });

  it('the province sees counts per commune × field, never a name', async () => {
    const res = await c.hue!.get('/api/capacity/evidence?unit=46&from=2026-10-01&to=2026-10-31');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.scope).toBe('aggregate');
    const row = body.rows.find((r: Row) => r.unit.code === '20122' && r.field === CERT.field);
    // Summed over officials: Minh's 12 forwards and the head of office's 13 submissions, each sent back once.
    expect(row).toMatchObject({ dossiers: 12, submitted: 25, sentBack: 2 });
    expect(row.officials).toBeGreaterThanOrEqual(5);
    expect(res.body).not.toContain('Lê Văn Minh');
    expect(res.body).not.toContain('"official"');
    expect((await c.hue!.get(`/api/capacity/evidence?unit=46&from=2026-10-01&to=2026-10-31&official=${ids['chuyenvien.vinhloc']}`)).statusCode).toBe(403);
    expect((await c.hue!.get(`/api/capacity/evidence/entries?unit=20122&from=2026-10-01&to=2026-10-31&official=${ids['chuyenvien.vinhloc']}`)).statusCode).toBe(403);
  });

  it('lists the entries behind a figure, with flags', async () => {
    const base = `/api/capacity/evidence/entries?unit=20122&from=2026-10-01&to=2026-10-31&official=${ids['chuyenvien.vinhloc']}`;
    const sent = (await c.lanhdao!.get(`${base}&flag=sent_back`)).json();
    expect(sent.total).toBe(1);
    expect(sent.items[0]).toMatchObject({ dossierCode: sentBackCode, action: 'forward', sentBack: true, procedure: { code: CERT.code } });
    const late = (await c.lanhdao!.get(`${base}&flag=late`)).json();
    expect(late.items.map((i: Row) => i.dossierCode)).toEqual([lateCode]);
    expect(late.items[0].spentMinutes).toBeGreaterThan(late.items[0].allottedMinutes);
    const supp = (await c.lanhdao!.get(`/api/capacity/evidence/entries?unit=20122&from=2026-10-01&to=2026-10-31&official=${ids['chuyenviendd.vinhloc']}&flag=supplement`)).json();
    expect(supp.items).toHaveLength(1);
    expect(supp.items[0]).toMatchObject({ action: 'request_supplement', supplement: true, procedure: { code: BIRTH.code } });
    const unhappy = (await c.lanhdao!.get(`${base}&flag=unsatisfied`)).json();
    expect(unhappy.items.every((i: Row) => i.satisfied === false)).toBe(true);
    expect(unhappy.total).toBeGreaterThan(0);
    // An official reads their own entries (Minh's 12 forwards) without naming themselves; a bad flag is a 400.
    expect((await c.chuyenvien!.get('/api/capacity/evidence/entries?unit=20122&from=2026-10-01&to=2026-10-31')).json().total).toBe(12);
    const bad = await c.lanhdao!.get(`${base}&flag=rude`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message.vi).toContain('Cờ');
  });

  it('a leader confirms the suggestion; an override needs a note; both are kept', async () => {
    const body = { accountId: ids['chuyenvien.vinhloc'], field: CERT.field, from: '2026-10-01', to: '2026-10-31' };
    const confirm = await c.lanhdao!.post('/api/capacity/evidence/decisions', { ...body, level: 2 });
    expect(confirm.statusCode, confirm.body).toBe(201);
    expect(confirm.json()).toMatchObject({ suggestedLevel: 2, level: 2, decision: 'confirmed' });

    const noNote = await c.lanhdao!.post('/api/capacity/evidence/decisions', { ...body, level: 3 });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().field).toBe('note');
    const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from competency_assessments where source = 'evidence'`.execute(t.ctx.db)).rows[0]!.n);
    expect(await count()).toBe(1);

    const over = await c.lanhdao!.post('/api/capacity/evidence/decisions', { ...body, level: 3, note: 'Đã hướng dẫn đồng nghiệp, xử lý tốt hồ sơ phức tạp' });
    expect(over.statusCode, over.body).toBe(201);
    expect(over.json()).toMatchObject({ suggestedLevel: 2, level: 3, decision: 'overridden' });
    expect(await count()).toBe(2);
    const row = (await t.ctx.db.selectFrom('competency_assessments').selectAll().where('id', '=', over.json().id).executeTakeFirstOrThrow());
    expect(row).toMatchObject({ source: 'evidence', suggested_level: 2, level: 3, decision: 'overridden', period_from: '2026-10-01', period_to: '2026-10-31' });
    expect(row.evidence).toMatchObject({ dossiers: 12, sentBack: 1, late: 1 });

    const minh = rowOf((await ev('lanhdao')).json().rows, 'chuyenvien.vinhloc', CERT.field);
    expect(minh.heldLevel).toBe(3);
    expect(minh.lastDecision).toMatchObject({ level: 3, suggestedLevel: 2, decision: 'overridden', by: 'Hoàng Đức Thắng' });
  });

  it('refuses a decision on oneself, by an official, by another commune, and a bad level', async () => {
    const body = { field: CERT.field, from: '2026-10-01', to: '2026-10-31', level: 1, note: 'x' };
    expect((await c.lanhdao!.post('/api/capacity/evidence/decisions', { ...body, accountId: ids['lanhdao.vinhloc'] })).statusCode).toBe(403);
    expect((await c.chuyenvien!.post('/api/capacity/evidence/decisions', { ...body, accountId: ids['chuyenviendd.vinhloc'] })).statusCode).toBe(403);
    expect((await c.phuvang!.post('/api/capacity/evidence/decisions', { ...body, accountId: ids['chuyenvien.vinhloc'] })).statusCode).toBe(403);
    expect((await c.hue!.post('/api/capacity/evidence/decisions', { ...body, accountId: ids['chuyenvien.vinhloc'] })).statusCode).toBe(403);
    const bad = await c.lanhdao!.post('/api/capacity/evidence/decisions', { ...body, accountId: ids['chuyenvien.vinhloc'], level: 7 });
    expect(bad.statusCode).toBe(400);
    const backwards = await c.lanhdao!.post('/api/capacity/evidence/decisions', { ...body, accountId: ids['chuyenvien.vinhloc'], from: '2026-10-31', to: '2026-10-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().field).toBe('to');
    const field = await c.lanhdao!.post('/api/capacity/evidence/decisions', { ...body, accountId: ids['chuyenvien.vinhloc'], field: 'Không có lĩnh vực này' });
    expect(field.statusCode).toBe(400);
    expect(field.json().message.vi).toContain('Không có lĩnh vực này');
  });
});

describe('appraisal feed (Decree 335/2025)', () => {
  const url = (q = '') => `/api/capacity/appraisal?unit=20122&month=2026-10${q}`;

  it('gives each official quantity, quality, timeliness and the score', async () => {
    const res = await c.lanhdao!.get(url());
    expect(res.statusCode, res.body).toBe(200);
    const minh = res.json().rows.find((r: Row) => r.official.id === ids['chuyenvien.vinhloc']);
    // 12 certifications (weight 0.5 each: one working day), all done; one send-back, one late step.
    expect(minh).toMatchObject({ assigned: 12, done: 12, converted: 6, quantity: 100, sentBack: 1, quality: 75, late: 1, timeliness: 75, exempted: 0, score: 83.3 });
    const lan = res.json().rows.find((r: Row) => r.official.id === ids['chuyenviendd.vinhloc']);
    expect(lan).toMatchObject({ assigned: 3, done: 3, converted: 3, quantity: 100, quality: 100, timeliness: 100, score: 100 });
    expect(res.json().rule.vi).toContain('335/2025');
  });

  it('drills down to the dossiers behind a figure', async () => {
    const res = await c.lanhdao!.get(`/api/capacity/appraisal/dossiers?unit=20122&month=2026-10&official=${ids['chuyenvien.vinhloc']}&flag=late`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((d: Row) => d.code)).toEqual([lateCode]);
    const all = (await c.lanhdao!.get(`/api/capacity/appraisal/dossiers?unit=20122&month=2026-10&official=${ids['chuyenvien.vinhloc']}`)).json();
    expect(all.total).toBe(12);
    expect(all.items.some((d: Row) => d.dossierId === practiceId)).toBe(false);
  });

  it('a leader excuses a late dossier for an objective cause: it is no longer deducted', async () => {
    const body = { dossierId: lateId, accountId: ids['chuyenvien.vinhloc'], reason: 'Mất điện toàn xã cả buổi chiều' };
    expect((await c.chuyenvien!.post('/api/capacity/appraisal/exemptions', body)).statusCode).toBe(403);
    expect((await c.phuvang!.post('/api/capacity/appraisal/exemptions', body)).statusCode).toBe(403);
    expect((await c.lanhdao!.post('/api/capacity/appraisal/exemptions', { ...body, reason: 'x' })).statusCode).toBe(400);
    expect((await c.lanhdao!.post('/api/capacity/appraisal/exemptions', { ...body, accountId: ids['chuyenviendd.vinhloc'] })).statusCode).toBe(422);
    const res = await c.lanhdao!.post('/api/capacity/appraisal/exemptions', body);
    expect(res.statusCode, res.body).toBe(201);
    expect((await c.lanhdao!.post('/api/capacity/appraisal/exemptions', body)).statusCode).toBe(409);
    const minh = (await c.lanhdao!.get(url())).json().rows.find((r: Row) => r.official.id === ids['chuyenvien.vinhloc']);
    expect(minh).toMatchObject({ late: 0, timeliness: 100, exempted: 1, quality: 75, score: 91.7 });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'capacity.appraisal_exempted').execute();
    expect(audit).toHaveLength(1);
  });

  it('exports CSV (UTF-8 with BOM, Vietnamese headers) and XLSX', async () => {
    const csv = await c.lanhdao!.get(url('&format=csv'));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('Họ và tên');
    expect(lines[0]).toContain('Điểm kết quả nhiệm vụ');
    expect(lines.find((l) => l.includes('Lê Văn Minh'))).toContain('2026-10,chuyenvien.vinhloc,Lê Văn Minh');
    const xlsx = await c.lanhdao!.get(url('&format=xlsx'));
    expect(xlsx.statusCode).toBe(200);
    const sheet = Object.values(await readXlsx(xlsx.rawPayload))[0]!;
    const header = sheet.findIndex((r) => r.includes('Họ và tên'));
    expect(header).toBeGreaterThan(0);
    const minh = sheet.find((r) => r.includes('Lê Văn Minh'))!;
    expect(minh[(sheet[header] as unknown[]).indexOf('Điểm kết quả nhiệm vụ')]).toBe(91.7);
  });

  it('an official sees only their own row; the province and other communes nothing', async () => {
    const mine = (await c.chuyenvien!.get(url())).json();
    expect(mine.rows).toHaveLength(1);
    expect(mine.rows[0].official.id).toBe(ids['chuyenvien.vinhloc']);
    expect((await c.chuyenvien!.get(`/api/capacity/appraisal/dossiers?unit=20122&month=2026-10&official=${ids['chuyenviendd.vinhloc']}`)).statusCode).toBe(403);
    expect((await c.hue!.get(url())).statusCode).toBe(403);
    expect((await c.hue!.get('/api/capacity/appraisal?unit=46&month=2026-10')).statusCode).toBe(403);
    expect((await c.phuvang!.get(url())).statusCode).toBe(403);
    const bad = await c.lanhdao!.get('/api/capacity/appraisal?unit=20122&month=2026-13');
    expect(bad.statusCode).toBe(400);
  });
});

describe('workload and reassignment', () => {
  const open: Array<{ id: number; code: string }> = [];
  let overdueId = 0;

  beforeAll(async () => {
    // An old certification left with Minh (overdue, 10 working days in its step), three birth registrations
    // received on Friday 20/11.
    overdueId = (await dossier('2026-11-09', CERT, 'chuyenvien', { open: true })).id;
    for (let i = 0; i < 3; i++) open.push(await dossier('2026-11-20', BIRTH, 'chuyenvien', { open: true }));
    // A practice dossier in Minh's hands counts nowhere.
    const practice = await dossier('2026-11-20', BIRTH, 'chuyenvien', { open: true });
    await t.ctx.db.updateTable('dossiers').set({ is_practice: true }).where('id', '=', practice.id).execute();
    at('2026-11-23', '09:00');
  }, 120_000);

  it('shows open dossiers per official and office, weighted, overdue, and their ageing', async () => {
    const res = await c.lanhdao!.get('/api/capacity/workload?unit=20122');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const minh = body.officials.find((o: Row) => o.id === ids['chuyenvien.vinhloc']);
    // 1 × 0.5 (one working day) + 3 × 1 (five working days).
    expect(minh).toMatchObject({ open: 4, weighted: 3.5, overdue: 1, office: { name: 'Phòng Văn hóa - Xã hội' } });
    expect(minh.oldestDays).toBe(10);
    expect(body.officials.find((o: Row) => o.id === ids['chuyenviendd.vinhloc'])).toMatchObject({ open: 0, weighted: 0 });
    expect(body.offices.find((o: Row) => o.name === 'Phòng Văn hóa - Xã hội')).toMatchObject({ open: 4, weighted: 3.5, overdue: 1 });
    expect(body.ageing).toEqual([
      { bucket: '0-2', count: 3, weighted: 3 },
      { bucket: '3-5', count: 0, weighted: 0 },
      { bucket: '6-10', count: 1, weighted: 0.5 },
      { bucket: '11+', count: 0, weighted: 0 },
    ]);
    expect(body.weights.rule.vi).toContain('0,5');
  });

  it('uses the national weight of a procedure when there is one', async () => {
    const proc = await t.ctx.db.selectFrom('procedures').select('id').where('code', '=', BIRTH.code).executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('procedure_weights').values({ unit_id: null, procedure_id: proc.id, weight: 3 }).execute();
    const minh = (await c.lanhdao!.get('/api/capacity/workload?unit=20122')).json().officials.find((o: Row) => o.id === ids['chuyenvien.vinhloc']);
    expect(minh.weighted).toBe(9.5);
    await t.ctx.db.deleteFrom('procedure_weights').where('procedure_id', '=', proc.id).execute();
  });

  it('the province sees load per commune without names; officials and other communes get a 403', async () => {
    const res = await c.hue!.get('/api/capacity/workload?unit=46');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().scope).toBe('aggregate');
    expect(res.json().units.find((u: Row) => u.unit.code === '20122')).toMatchObject({ open: 4, overdue: 1 });
    expect(res.body).not.toContain('Lê Văn Minh');
    expect((await c.chuyenvien!.get('/api/capacity/workload?unit=20122')).statusCode).toBe(403);
    expect((await c.phuvang!.get('/api/capacity/workload?unit=20122')).statusCode).toBe(403);
    expect((await c.hue!.get('/api/capacity/workload/suggestions?unit=20122')).statusCode).toBe(403);
    expect((await c.chuyenvien!.get('/api/capacity/workload/suggestions?unit=20122')).statusCode).toBe(403);
  });

  it('suggests nothing until another specialist is competent in the field', async () => {
    const res = await c.lanhdao!.get('/api/capacity/workload/suggestions?unit=20122');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('then moves dossiers from the most loaded to the competent one, never the overdue one', async () => {
    const comp = await t.ctx.db.selectFrom('competencies').select('id').where('field', '=', BIRTH.field).where('unit_id', 'is', null).executeTakeFirstOrThrow();
    const unit = await t.ctx.db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('competency_assessments').values({ account_id: ids['chuyenviendd.vinhloc']!, unit_id: unit.id, competency_id: comp.id, level: 2, source: 'leader', assessed_by: ids['lanhdao.vinhloc']!, assessed_at: new Date('2026-11-01T00:00:00Z') }).execute();
    const items = (await c.lanhdao!.get('/api/capacity/workload/suggestions?unit=20122')).json().items;
    // 3.5 against 0: two birth registrations (weight 1) move, then the gap (1.5 against 2) is closed.
    expect(items).toHaveLength(2);
    for (const s of items) {
      expect(s.from).toMatchObject({ id: ids['chuyenvien.vinhloc'], absent: false });
      expect(s.to).toMatchObject({ id: ids['chuyenviendd.vinhloc'], fullName: 'Phạm Thị Lan', level: 2 });
      expect(s.dossier.field).toBe(BIRTH.field);
      expect(s.reason.vi).toContain('Phạm Thị Lan');
      expect(s.reason.en).toContain('level 2');
    }
    expect(items.some((s: Row) => s.dossier.id === overdueId)).toBe(false);
  });

  it('covers an absent official: every dossier to a competent colleague, the rest listed as uncovered', async () => {
    const body = (await c.lanhdao!.get(`/api/capacity/workload/suggestions?unit=20122&absent=${ids['chuyenvien.vinhloc']}`)).json();
    expect(body.items).toHaveLength(3);
    expect(body.items.every((s: Row) => s.from.absent && s.to.id === ids['chuyenviendd.vinhloc'])).toBe(true);
    expect(body.uncovered.map((u: Row) => u.dossier.id)).toEqual([overdueId]);
    // Nobody else is suggested when the only competent colleague is away too.
    const both = (await c.lanhdao!.get(`/api/capacity/workload/suggestions?unit=20122&absent=${ids['chuyenvien.vinhloc']},${ids['chuyenviendd.vinhloc']}`)).json();
    expect(both.items).toEqual([]);
    expect((await c.lanhdao!.get('/api/capacity/workload/suggestions?unit=20122&absent=abc')).statusCode).toBe(400);
  });

  it('an accepted decision reassigns the dossier through the workflow, with its history entry', async () => {
    const target = open[2]!;
    const before = (await c.lanhdao!.get(`/api/dossiers/${target.id}`)).json();
    const res = await c.lanhdao!.post('/api/capacity/workload/decisions', { dossierId: target.id, toAccountId: ids['chuyenviendd.vinhloc'], suggested: true, decision: 'accepted', reason: 'Cân bằng khối lượng' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ decision: 'accepted', assigneeId: ids['chuyenviendd.vinhloc'] });
    const after = (await c.lanhdao!.get(`/api/dossiers/${target.id}`)).json();
    expect(after.assignee.name).toBe('Phạm Thị Lan');
    expect(after.revision).toBe(before.revision + 1);
    expect(after.history.at(-1)).toMatchObject({ action: 'assign' });
    // The new assignee can work it; the old one no longer can.
    expect((await c.chuyenvien!.post(`/api/dossiers/${target.id}/actions/forward`, {})).statusCode).toBe(403);
  });

  it('a rejected decision is recorded only', async () => {
    const target = open[1]!;
    const res = await c.truongphong!.post('/api/capacity/workload/decisions', { dossierId: target.id, toAccountId: ids['chuyenviendd.vinhloc'], suggested: true, decision: 'rejected', reason: 'Lan đang tập huấn' });
    expect(res.statusCode, res.body).toBe(201);
    const d = await t.ctx.db.selectFrom('dossiers').select('assignee_id').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(d.assignee_id).toBe(ids['chuyenvien.vinhloc']);
  });

  it('refuses an incompetent or inactive receiver, an official, another commune, a practice dossier', async () => {
    const target = open[2]!;
    const count = async () => (await t.ctx.db.selectFrom('reassignment_decisions').select('id').execute()).length;
    const n = await count();
    // Minh holds no level in birth registration: a 422, nothing changed.
    const back = await c.lanhdao!.post('/api/capacity/workload/decisions', { dossierId: target.id, toAccountId: ids['chuyenvien.vinhloc'], suggested: false, decision: 'accepted' });
    expect(back.statusCode).toBe(422);
    expect(back.json().message.vi).toContain('Hộ tịch');
    expect((await c.chuyenvien!.post('/api/capacity/workload/decisions', { dossierId: target.id, toAccountId: ids['chuyenvien.vinhloc'], suggested: false, decision: 'accepted' })).statusCode).toBe(403);
    expect((await c.phuvang!.post('/api/capacity/workload/decisions', { dossierId: target.id, toAccountId: ids['chuyenvien.vinhloc'], suggested: false, decision: 'rejected' })).statusCode).toBe(403);
    expect((await c.lanhdao!.post('/api/capacity/workload/decisions', { dossierId: target.id, toAccountId: ids['chuyenvien.phuvang'], suggested: false, decision: 'accepted' })).statusCode).toBe(400);
    expect((await c.lanhdao!.post('/api/capacity/workload/decisions', { dossierId: practiceId, toAccountId: ids['chuyenviendd.vinhloc'], suggested: false, decision: 'rejected' })).statusCode).toBe(400);
    expect(await count()).toBe(n);
    const d = await t.ctx.db.selectFrom('dossiers').select('assignee_id').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(d.assignee_id).toBe(ids['chuyenviendd.vinhloc']);
    // An inactive account is never suggested.
    await t.ctx.db.updateTable('accounts').set({ active: false }).where('id', '=', ids['chuyenviendd.vinhloc']!).execute();
    expect((await c.lanhdao!.get('/api/capacity/workload/suggestions?unit=20122')).json().items).toEqual([]);
    await t.ctx.db.updateTable('accounts').set({ active: true }).where('id', '=', ids['chuyenviendd.vinhloc']!).execute();
  });

  it('lists the decisions for leaders only', async () => {
    const res = await c.lanhdao!.get('/api/capacity/workload/decisions?unit=20122');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: Row) => i.decision)).toEqual(['rejected', 'accepted']);
    expect(res.json().items[1]).toMatchObject({ from: { fullName: 'Lê Văn Minh' }, to: { fullName: 'Phạm Thị Lan' }, suggested: true, decidedBy: 'Hoàng Đức Thắng' });
    expect((await c.chuyenvien!.get('/api/capacity/workload/decisions?unit=20122')).statusCode).toBe(403);
    expect((await c.hue!.get('/api/capacity/workload/decisions?unit=20122')).statusCode).toBe(403);
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    for (const p of ['/api/capacity/evidence', '/api/capacity/evidence/entries', '/api/capacity/evidence/decisions', '/api/capacity/workload', '/api/capacity/workload/suggestions', '/api/capacity/workload/decisions', '/api/capacity/appraisal', '/api/capacity/appraisal/dossiers', '/api/capacity/appraisal/exemptions']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(JSON.stringify(doc.paths['/api/capacity/evidence/decisions'].post.requestBody)).toContain('accountId');
  });

  it('audited every decision, and the audit chain is intact', async () => {
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'capacity.%').execute()).map((a) => a.action);
    expect(actions.filter((a) => a === 'capacity.evidence_decided')).toHaveLength(2);
    expect(actions.filter((a) => a === 'capacity.reassignment_decided')).toHaveLength(2);
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });
});
