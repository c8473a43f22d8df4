// Training through the HTTP API: a programme, a class with sessions and a test, enrolment and withdrawal,
// attendance and scores, closing with certificates only for full attendance and every test ≥ 5/10, the levels
// passed officials gain (never lowered), the report for the leader and for the province, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../lib/xlsx.js';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { verifyAudit } from '../../audit/chain.js';
import { heldLevels } from '../levels.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const comp: Record<string, number> = {};
let programmeId = 0;
let classId = 0;
let sessions: Array<{ id: number; seq: number }> = [];
let testId = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['quantri.vinhloc', 'lanhdao.vinhloc', 'truongphong.vinhloc', 'chuyenvien.vinhloc', 'theodoi.hue', 'lanhdao.phuvang']) c[u] = await t.login(u);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  for (const k of await t.ctx.db.selectFrom('competencies').select(['id', 'code']).where('unit_id', 'is', null).execute()) comp[k.code] = k.id;
  // Phạm Thị Lan already handles online dossiers as an expert: a class must not lower that.
  await t.ctx.db
    .insertInto('competency_assessments')
    .values({ account_id: ids['chuyenviendd.vinhloc']!, unit_id: t.ctx.units.byCode('20122')!.id, competency_id: comp['online-dossiers']!, level: 4, source: 'leader', assessed_at: new Date('2026-03-01T02:00:00Z') })
    .execute();
});
afterAll(async () => t?.close());

const count = async (table: 'training_programmes' | 'training_classes' | 'certificates' | 'competency_assessments') =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const PROGRAMME = {
  unit: '20122',
  code: 'KS-HSTT',
  name: 'Ký số và xử lý hồ sơ trực tuyến',
  description: 'Ký số văn bản, tiếp nhận và xử lý hồ sơ trực tuyến trên MotCua',
  contentGroup: 'digital',
  hours: 8,
  certificateValidMonths: 24,
};

describe('programmes', () => {
  it('an admin adds the unit\'s programme with the competencies it raises', async () => {
    const res = await c['quantri.vinhloc']!.post('/api/capacity/programmes', {
      ...PROGRAMME,
      competencies: [{ competencyId: comp['digital-signature'], level: 2 }, { competencyId: comp['online-dossiers'], level: 3 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    programmeId = p.id;
    expect(p).toMatchObject({ code: 'KS-HSTT', contentGroup: 'digital', hours: 8, certificateValidMonths: 24, national: false });
    expect(p.competencies).toEqual(expect.arrayContaining([expect.objectContaining({ competencyId: comp['online-dossiers'], level: 3, name: expect.objectContaining({ vi: 'Tiếp nhận, xử lý hồ sơ trực tuyến' }) })]));
  });

  it('refuses bad input with a bilingual message naming the field, and changes nothing', async () => {
    const before = await count('training_programmes');
    const bad = await c['quantri.vinhloc']!.post('/api/capacity/programmes', { ...PROGRAMME, code: 'X2', contentGroup: 'fun', competencies: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.contentGroup');
    expect(bad.json().message.vi).toContain('Nhóm nội dung');
    const unknown = await c['quantri.vinhloc']!.post('/api/capacity/programmes', { ...PROGRAMME, code: 'X3', competencies: [{ competencyId: 999_999, level: 2 }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message.vi).toContain('999999');
    const twice = await c['quantri.vinhloc']!.post('/api/capacity/programmes', { ...PROGRAMME, code: 'ks-hstt', competencies: [] });
    expect(twice.statusCode).toBe(409);
    expect(await count('training_programmes')).toBe(before);
  });

  it('only an admin of the unit adds one', async () => {
    for (const who of ['chuyenvien.vinhloc', 'theodoi.hue', 'lanhdao.phuvang']) {
      const res = await c[who]!.post('/api/capacity/programmes', { ...PROGRAMME, code: `P-${who.slice(0, 5)}`, competencies: [] });
      expect(res.statusCode, who).toBe(403);
    }
  });

  it('lists national programmes and the unit\'s own to its leaders and the province, not to an official', async () => {
    await t.ctx.db.insertInto('training_programmes').values({ unit_id: null, code: 'QLNN-CB', name: 'Bồi dưỡng kiến thức quản lý nhà nước', content_group: 'state_management', hours: 40 }).execute();
    const mine = (await c['lanhdao.vinhloc']!.get('/api/capacity/programmes?unit=20122')).json().items;
    expect(mine.map((p: { code: string }) => p.code).sort()).toEqual(['KS-HSTT', 'QLNN-CB']);
    expect(mine.find((p: { code: string }) => p.code === 'QLNN-CB').national).toBe(true);
    const elsewhere = (await c['lanhdao.phuvang']!.get('/api/capacity/programmes?unit=19942')).json().items;
    expect(elsewhere.map((p: { code: string }) => p.code)).toEqual(['QLNN-CB']);
    expect((await c['theodoi.hue']!.get('/api/capacity/programmes?unit=20122')).statusCode).toBe(200);
    expect((await c['chuyenvien.vinhloc']!.get('/api/capacity/programmes?unit=20122')).statusCode).toBe(403);
  });
});

const CLASS = {
  unit: '20122',
  name: 'Lớp ký số và hồ sơ trực tuyến tháng 8/2026',
  startsOn: '2026-08-10',
  endsOn: '2026-08-12',
  trainer: 'ThS. Trần Quang Vinh (Sở Khoa học và Công nghệ)',
  place: 'Hội trường UBND xã Vinh Lộc',
  online: false,
  capacity: 5,
  sessions: [
    { heldOn: '2026-08-12', hours: 4, topic: 'Xử lý hồ sơ trực tuyến' },
    { heldOn: '2026-08-10', hours: 4, topic: 'Ký số văn bản' },
  ],
  tests: [{ name: 'Bài kiểm tra cuối khóa', heldOn: '2026-08-12' }],
};

describe('a class', () => {
  it('opens with its sessions in date order, its test and a code', async () => {
    const res = await c['quantri.vinhloc']!.post('/api/capacity/classes', { ...CLASS, programmeId });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    classId = d.id;
    sessions = d.sessions;
    testId = d.tests[0].id;
    expect(d).toMatchObject({ code: 'LH-2026-01', status: 'running', hours: 8, enrolled: 0, programme: { id: programmeId, name: PROGRAMME.name } });
    expect(d.sessions.map((s: { seq: number; heldOn: string; topic: string }) => [s.seq, s.heldOn, s.topic])).toEqual([
      [1, '2026-08-10', 'Ký số văn bản'],
      [2, '2026-08-12', 'Xử lý hồ sơ trực tuyến'],
    ]);
  });

  it('refuses a class without a place that is not online, or with a session outside its dates', async () => {
    const before = await count('training_classes');
    const noPlace = await c['quantri.vinhloc']!.post('/api/capacity/classes', { ...CLASS, programmeId, place: undefined });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().field).toBe('body.place');
    expect(noPlace.json().message.vi).toContain('địa điểm');
    const outside = await c['quantri.vinhloc']!.post('/api/capacity/classes', { ...CLASS, programmeId, sessions: [{ heldOn: '2026-08-20', hours: 4 }] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().field).toBe('body.sessions.0.heldOn');
    const otherProgramme = await c['lanhdao.phuvang']!.post('/api/capacity/classes', { ...CLASS, unit: '19942', programmeId });
    expect(otherProgramme.statusCode).toBe(400);
    expect(otherProgramme.json().field).toBe('body.programmeId');
    expect(await count('training_classes')).toBe(before);
  });

  it('enrols officials of the unit only, and withdraws one', async () => {
    const stranger = await c['quantri.vinhloc']!.post(`/api/capacity/classes/${classId}/enrolments`, { accountIds: [ids['chuyenvien.vinhloc'], ids['chuyenvien.phuvang']] });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message.vi).toContain(String(ids['chuyenvien.phuvang']));
    const res = await c['quantri.vinhloc']!.post(`/api/capacity/classes/${classId}/enrolments`, {
      accountIds: ['chuyenvien', 'chuyenviendd', 'tiepnhan', 'vanthu', 'truongphong'].map((u) => ids[`${u}.vinhloc`]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().enrolled).toBe(5);
    const full = await c['quantri.vinhloc']!.post(`/api/capacity/classes/${classId}/enrolments`, { accountIds: [ids['lanhdao.vinhloc']] });
    expect(full.statusCode).toBe(422);
    const out = await c['quantri.vinhloc']!.delete(`/api/capacity/classes/${classId}/enrolments/${ids['truongphong.vinhloc']}`);
    expect(out.statusCode).toBe(200);
    expect(out.json().enrolled).toBe(4);
    expect(out.json().enrolments.find((e: { accountId: number }) => e.accountId === ids['truongphong.vinhloc']).status).toBe('withdrawn');
  });

  it('takes attendance per session for enrolled learners only', async () => {
    const [s1, s2] = sessions;
    const all = ['chuyenvien', 'chuyenviendd', 'tiepnhan', 'vanthu'].map((u) => ids[`${u}.vinhloc`]!);
    expect((await c['quantri.vinhloc']!.put(`/api/capacity/classes/${classId}/attendance`, { sessionId: s1!.id, marks: all.map((a) => ({ accountId: a, present: true })) })).statusCode).toBe(200);
    const res = await c['quantri.vinhloc']!.put(`/api/capacity/classes/${classId}/attendance`, {
      sessionId: s2!.id,
      marks: all.map((a) => ({ accountId: a, present: a !== ids['tiepnhan.vinhloc'] })),
    });
    expect(res.statusCode).toBe(200);
    const tiepnhan = res.json().enrolments.find((e: { accountId: number }) => e.accountId === ids['tiepnhan.vinhloc']);
    expect(tiepnhan).toMatchObject({ attended: 1, sessions: 2, hoursAttended: 4 });
    expect(tiepnhan.attendance[String(s2!.id)]).toBe(false);
    const withdrawn = await c['quantri.vinhloc']!.put(`/api/capacity/classes/${classId}/attendance`, { sessionId: s1!.id, marks: [{ accountId: ids['truongphong.vinhloc'], present: true }] });
    expect(withdrawn.statusCode).toBe(400);
    expect(withdrawn.json().field).toBe('body.marks');
    const wrongSession = await c['quantri.vinhloc']!.put(`/api/capacity/classes/${classId}/attendance`, { sessionId: 999_999, marks: [{ accountId: all[0], present: true }] });
    expect(wrongSession.statusCode).toBe(400);
  });

  it('records scores out of 10 in steps of 0.25', async () => {
    for (const score of [7.3, 11, -1]) {
      const bad = await c['quantri.vinhloc']!.put(`/api/capacity/classes/${classId}/scores`, { testId, marks: [{ accountId: ids['chuyenvien.vinhloc'], score }] });
      expect(bad.statusCode, String(score)).toBe(400);
      expect(bad.json().field).toMatch(/^body\.marks\.0\.score/);
    }
    const scores = { chuyenvien: 7.5, chuyenviendd: 5, tiepnhan: 8, vanthu: 4.5 };
    const res = await c['quantri.vinhloc']!.put(`/api/capacity/classes/${classId}/scores`, {
      testId,
      marks: Object.entries(scores).map(([u, score]) => ({ accountId: ids[`${u}.vinhloc`], score })),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().enrolments.find((e: { accountId: number }) => e.accountId === ids['vanthu.vinhloc']).scores[String(testId)]).toBe(4.5);
  });

  it('refuses attendance for a session that has not taken place', async () => {
    const res = await c['quantri.vinhloc']!.post('/api/capacity/classes', { ...CLASS, programmeId, startsOn: '2026-12-07', endsOn: '2026-12-08', sessions: [{ heldOn: '2026-12-07', hours: 4 }], tests: [] });
    expect(res.json().code).toBe('LH-2026-02');
    await c['quantri.vinhloc']!.post(`/api/capacity/classes/${res.json().id}/enrolments`, { accountIds: [ids['chuyenvien.vinhloc']] });
    const early = await c['quantri.vinhloc']!.put(`/api/capacity/classes/${res.json().id}/attendance`, { sessionId: res.json().sessions[0].id, marks: [{ accountId: ids['chuyenvien.vinhloc'], present: true }] });
    expect(early.statusCode).toBe(422);
    expect(early.json().message.vi).toContain('07/12/2026');
    const close = await c['quantri.vinhloc']!.post(`/api/capacity/classes/${res.json().id}/close`);
    expect(close.statusCode).toBe(422);
  });

  it('only its admins change the class; its leaders read it; others get 403', async () => {
    const s = sessions[0]!.id;
    for (const who of ['lanhdao.phuvang', 'chuyenvien.vinhloc', 'theodoi.hue']) {
      expect((await c[who]!.put(`/api/capacity/classes/${classId}/attendance`, { sessionId: s, marks: [{ accountId: ids['chuyenvien.vinhloc'], present: false }] })).statusCode, who).toBe(403);
      expect((await c[who]!.post(`/api/capacity/classes/${classId}/close`)).statusCode, who).toBe(403);
      expect((await c[who]!.get(`/api/capacity/classes/${classId}`)).statusCode, who).toBe(403);
      expect((await c[who]!.get('/api/capacity/classes?unit=20122')).statusCode, who).toBe(403);
    }
    expect((await c['lanhdao.vinhloc']!.get(`/api/capacity/classes/${classId}`)).statusCode).toBe(200);
    // A head of office is a leader who reads, not an admin who edits.
    expect((await c['truongphong.vinhloc']!.get(`/api/capacity/classes/${classId}`)).json().enrolments.length).toBe(5);
    expect((await c['truongphong.vinhloc']!.post(`/api/capacity/classes/${classId}/enrolments`, { accountIds: [ids['lanhdao.vinhloc']] })).statusCode).toBe(403);
  });
});

describe('closing a class', () => {
  it('issues certificates only with full attendance and every test ≥ 5/10, naming what the others missed', async () => {
    const res = await c['quantri.vinhloc']!.post(`/api/capacity/classes/${classId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.passed.map((p: { accountId: number }) => p.accountId).sort()).toEqual([ids['chuyenvien.vinhloc'], ids['chuyenviendd.vinhloc']].sort());
    for (const p of r.passed) expect(p.verificationCode).toMatch(/^CC-20122-2026-[2-9A-Z]{6}$/);
    expect(new Set(r.passed.map((p: { verificationCode: string }) => p.verificationCode)).size).toBe(2);
    const reason = (u: string) => r.notPassed.find((n: { accountId: number }) => n.accountId === ids[u]).reason;
    expect(reason('tiepnhan.vinhloc').vi).toContain('vắng buổi 2 (12/08/2026)');
    expect(reason('tiepnhan.vinhloc').en).toContain('absent from session 2 (12/08/2026)');
    expect(reason('vanthu.vinhloc').vi).toContain('bài kiểm tra 1 đạt 4,5/10');
    expect(reason('vanthu.vinhloc').vi).not.toContain('vắng');
    expect(r.class.status).toBe('closed');
    expect(r.class.passed).toBe(2);
    const detail = r.class.enrolments.find((e: { accountId: number }) => e.accountId === ids['vanthu.vinhloc']);
    expect(detail).toMatchObject({ status: 'not_passed', certificate: null });
    expect(detail.resultNote.en).toContain('test 1 scored 4.5/10');
  });

  it('stored the certificates: issuer, class end, expiry from the programme', async () => {
    const certs = await t.ctx.db.selectFrom('certificates').selectAll().where('class_id', '=', classId).orderBy('account_id').execute();
    expect(certs).toHaveLength(2);
    for (const cert of certs) {
      expect(cert).toMatchObject({ kind: 'training', issuer: t.ctx.units.byCode('20122')!.name, issued_on: '2026-08-12', expires_on: '2028-08-12', revoked_at: null });
    }
    const enrolment = await t.ctx.db.selectFrom('enrolments').select(['certificate_id', 'status']).where('class_id', '=', classId).where('account_id', '=', ids['chuyenvien.vinhloc']!).executeTakeFirstOrThrow();
    expect(enrolment.status).toBe('passed');
    expect(certs.map((x) => Number(x.id))).toContain(Number(enrolment.certificate_id));
  });

  it('raised the programme\'s competencies for those who passed, never lowering a higher level', async () => {
    const held = await heldLevels(t.ctx.db, ['chuyenvien', 'chuyenviendd', 'tiepnhan'].map((u) => ids[`${u}.vinhloc`]!));
    const minh = held.get(ids['chuyenvien.vinhloc']!)!;
    expect(minh.get(comp['digital-signature']!)).toMatchObject({ level: 2, source: 'training' });
    expect(minh.get(comp['online-dossiers']!)).toMatchObject({ level: 3, source: 'training' });
    const lan = held.get(ids['chuyenviendd.vinhloc']!)!;
    expect(lan.get(comp['online-dossiers']!)).toMatchObject({ level: 4, source: 'leader' });
    expect(lan.get(comp['digital-signature']!)).toMatchObject({ level: 2, source: 'training' });
    expect(held.get(ids['tiepnhan.vinhloc']!)?.get(comp['digital-signature']!)).toBeUndefined();
  });

  it('wrote audit entries in a verifiable chain', async () => {
    const entries = await t.ctx.db.selectFrom('audit_log').select(['action']).where('action', 'like', 'training.%').execute();
    const actions = entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'training.certificate_issued')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['training.programme_created', 'training.class_created', 'training.enrolled', 'training.withdrawn', 'training.attendance', 'training.scores', 'training.class_closed']));
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });

  it('a closed class changes no more: 409, and nothing is issued twice', async () => {
    const certs = await count('certificates');
    const again = await c['quantri.vinhloc']!.post(`/api/capacity/classes/${classId}/close`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message.vi).toContain('đã kết thúc');
    expect((await c['quantri.vinhloc']!.put(`/api/capacity/classes/${classId}/scores`, { testId, marks: [{ accountId: ids['vanthu.vinhloc'], score: 9 }] })).statusCode).toBe(409);
    expect((await c['quantri.vinhloc']!.delete(`/api/capacity/classes/${classId}/enrolments/${ids['vanthu.vinhloc']}`)).statusCode).toBe(409);
    expect(await count('certificates')).toBe(certs);
  });

  it('lists the unit\'s classes of a year with their counts', async () => {
    const items = (await c['lanhdao.vinhloc']!.get('/api/capacity/classes?unit=20122&year=2026')).json().items;
    expect(items.find((i: { id: number }) => i.id === classId)).toMatchObject({ status: 'closed', enrolled: 4, passed: 2, hours: 8, online: false });
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/classes?unit=20122&year=2025')).json().items).toEqual([]);
  });
});

describe('training report', () => {
  it('the leader sees classes held, officials trained, hours and hours per official, by official and content group', async () => {
    const res = await c['lanhdao.vinhloc']!.get('/api/capacity/training-report?unit=20122&from=2026-01-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // The December class has not taken place yet.
    expect(r).toMatchObject({ scope: 'unit', classesHeld: 1, officialsTrained: 4, officials: 7, hours: 28, hoursPerOfficial: 4, certificates: 2 });
    expect(r.byOfficial.find((o: { id: number }) => o.id === ids['tiepnhan.vinhloc'])).toMatchObject({ classes: 1, hours: 4, certificates: 0 });
    expect(r.byOfficial.find((o: { id: number }) => o.id === ids['truongphong.vinhloc'])).toMatchObject({ classes: 0, hours: 0 });
    expect(r.byGroup.find((g: { contentGroup: string }) => g.contentGroup === 'digital')).toEqual({ contentGroup: 'digital', classes: 1, hours: 28 });
    const before = (await c['lanhdao.vinhloc']!.get('/api/capacity/training-report?unit=20122&from=2026-01-01&to=2026-08-10')).json();
    expect(before).toMatchObject({ classesHeld: 1, hours: 16, certificates: 0 });
  });

  it('downloads as XLSX with the same figures', async () => {
    const res = await c['lanhdao.vinhloc']!.get('/api/capacity/training-report?unit=20122&from=2026-01-01&to=2026-12-31&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = await readXlsx(res.rawPayload);
    const rows = book['Theo cán bộ']!;
    expect(rows.find((row) => row[0] === 'Phạm Thị Lan')?.slice(1, 4)).toEqual([1, 8, 1]);
    expect(book['Theo nhóm nội dung']!.some((row) => row[0] === 'Kỹ năng số, công nghệ số' && row[2] === 28)).toBe(true);
  });

  it('the province sees one line per commune and no names', async () => {
    const res = await c['theodoi.hue']!.get('/api/capacity/training-report?unit=46&from=2026-01-01&to=2026-12-31');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.scope).toBe('aggregate');
    expect(r.byOfficial).toBeUndefined();
    expect(r.communes.find((x: { code: string }) => x.code === '20122')).toMatchObject({ classesHeld: 1, officialsTrained: 4, hours: 28, hoursPerOfficial: 4, certificates: 2 });
    expect(r.communes.find((x: { code: string }) => x.code === '19942')).toMatchObject({ classesHeld: 0, hours: 0 });
    expect(res.body).not.toContain('Lê Văn Minh');
    expect(res.body).not.toContain('Phạm Thị Lan');
    const one = (await c['theodoi.hue']!.get('/api/capacity/training-report?unit=20122&from=2026-01-01&to=2026-12-31')).json();
    expect(one.scope).toBe('aggregate');
    const xlsx = await c['theodoi.hue']!.get('/api/capacity/training-report?unit=46&from=2026-01-01&to=2026-12-31&format=xlsx');
    const sheet = (await readXlsx(xlsx.rawPayload))['Đào tạo theo xã']!;
    expect(sheet.some((row) => row[0] === '20122' && row[5] === 28)).toBe(true);
    expect(JSON.stringify(sheet)).not.toContain('Lê Văn Minh');
  });

  it('refuses an official, a leader of another commune, and a bad period', async () => {
    expect((await c['chuyenvien.vinhloc']!.get('/api/capacity/training-report?unit=20122&from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
    expect((await c['lanhdao.phuvang']!.get('/api/capacity/training-report?unit=20122&from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
    const bad = await c['lanhdao.vinhloc']!.get('/api/capacity/training-report?unit=20122&from=2026-12-31&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('querystring.to');
  });
});
