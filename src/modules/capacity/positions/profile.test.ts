// An official's profile over HTTP: held levels from the latest assessment with their history, certificates with
// status and alerts, revocation, the expiring list (named for a leader, counted for the province), training hours
// from attended sessions, finished practice attempts — and who may see or write any of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const comp: Record<string, number> = {};
let unitId = 0;
let minh = 0; // chuyenvien.vinhloc, Lê Văn Minh
const cert: Record<string, number> = {};

const count = async (table: 'competency_assessments' | 'certificates') =>
  Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['lanhdao.vinhloc', 'quantri.vinhloc', 'chuyenvien.vinhloc', 'chuyenviendd.vinhloc', 'truongphong.vinhloc', 'theodoi.hue', 'lanhdao.phuvang']) c[u] = await t.login(u);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  for (const k of await t.ctx.db.selectFrom('competencies').select(['id', 'code', 'field']).where('unit_id', 'is', null).execute()) comp[k.field ?? k.code] = k.id;
  unitId = (await t.ctx.db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow()).id;
  minh = ids['chuyenvien.vinhloc']!;
  const p = await c['quantri.vinhloc']!.post('/api/capacity/positions', {
    unit: '20122',
    code: 'CV-HT',
    grp: 'professional',
    name: 'Công chức tư pháp - hộ tịch',
    requirements: [
      { competencyId: comp['Hộ tịch'], requiredLevel: 3 },
      { competencyId: comp['iu01'], requiredLevel: 2 },
    ],
  });
  expect(p.statusCode, p.body).toBe(201);
  const a = await c['quantri.vinhloc']!.post(`/api/capacity/positions/${p.json().id}/assignments`, { accountId: minh, startedOn: '2025-07-01' });
  expect(a.statusCode, a.body).toBe(201);
});
afterAll(async () => t?.close());

describe('assessments', () => {
  it('a leader assesses (source leader), the official assesses themself (source self); the latest is held', async () => {
    const r1 = await c['truongphong.vinhloc']!.post(`/api/capacity/officials/${minh}/assessments`, { competencyId: comp['Hộ tịch'], level: 1, note: 'Mới chuyển sang' });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json()).toMatchObject({ source: 'leader', level: 1 });
    t.clock.advance(3_600_000);
    const r2 = await c['lanhdao.vinhloc']!.post(`/api/capacity/officials/${minh}/assessments`, { competencyId: comp['Hộ tịch'], level: 2 });
    expect(r2.statusCode).toBe(201);
    t.clock.advance(3_600_000);
    const own = await c['chuyenvien.vinhloc']!.post(`/api/capacity/officials/${minh}/assessments`, { competencyId: comp['communication'], level: 3, note: 'Tự đánh giá' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().source).toBe('self');
    // A leader assessing themself records a self-assessment.
    const selfLeader = await c['lanhdao.vinhloc']!.post(`/api/capacity/officials/${ids['lanhdao.vinhloc']}/assessments`, { competencyId: comp['leadership'], level: 4 });
    expect(selfLeader.json().source).toBe('self');
    const audit = await t.ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'competency.assessed').execute();
    expect(audit).toHaveLength(4);
  });

  it('refuses bad levels and unknown competencies, and other people writing (403); nothing is stored', async () => {
    const before = await count('competency_assessments');
    for (const [body, field] of [
      [{ competencyId: comp['iu01'], level: 5 }, 'body.level'],
      [{ competencyId: comp['iu01'], level: -1 }, 'body.level'],
      [{ competencyId: comp['iu01'], level: 2.5 }, 'body.level'],
      [{ competencyId: 999_999, level: 2 }, 'body.competencyId'],
    ] as const) {
      const res = await c['lanhdao.vinhloc']!.post(`/api/capacity/officials/${minh}/assessments`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().field).toBe(field);
    }
    for (const who of ['chuyenviendd.vinhloc', 'lanhdao.phuvang', 'theodoi.hue']) {
      const res = await c[who]!.post(`/api/capacity/officials/${minh}/assessments`, { competencyId: comp['iu01'], level: 4 });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().message.vi).toBeTruthy();
    }
    expect((await c['lanhdao.vinhloc']!.post('/api/capacity/officials/999999/assessments', { competencyId: comp['iu01'], level: 1 })).statusCode).toBe(404);
    expect(await count('competency_assessments')).toBe(before);
  });
});

describe('certificates', () => {
  const base = { kind: 'it_basic', name: 'Chứng chỉ ứng dụng CNTT cơ bản', issuer: 'Trường Đại học Khoa học Huế', issuedOn: '2024-12-01' };

  it('the official and a leader record certificates; status and daysLeft follow the expiry', async () => {
    const own = await c['chuyenvien.vinhloc']!.post(`/api/capacity/officials/${minh}/certificates`, { ...base, expiresOn: '2026-12-23', verificationCode: 'CNTT-2024-0001', competencyId: comp['iu01'], level: 2 });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ status: 'expiring', daysLeft: 30, competency: { id: comp['iu01'] }, level: 2, classId: null });
    cert.it = own.json().id;
    const sig = await c['lanhdao.vinhloc']!.post(`/api/capacity/officials/${minh}/certificates`, { kind: 'digital_signature', name: 'Chứng thư số cá nhân', issuer: 'Ban Cơ yếu Chính phủ', issuedOn: '2023-10-01', expiresOn: '2026-10-01' });
    expect(sig.json()).toMatchObject({ status: 'expired', daysLeft: -53 });
    cert.sig = sig.json().id;
    const qlnn = await c['lanhdao.vinhloc']!.post(`/api/capacity/officials/${minh}/certificates`, { kind: 'state_management', name: 'Quản lý nhà nước ngạch chuyên viên', issuer: 'Trường Chính trị tỉnh', issuedOn: '2022-05-01' });
    expect(qlnn.json()).toMatchObject({ status: 'valid', daysLeft: null, expiresOn: null });
    cert.qlnn = qlnn.json().id;
    const other = await c['lanhdao.vinhloc']!.post(`/api/capacity/officials/${ids['chuyenviendd.vinhloc']}/certificates`, { ...base, name: 'Chứng chỉ kỹ năng số', kind: 'digital_skills', expiresOn: '2027-01-10' });
    expect(other.json().status).toBe('expiring');
    cert.lan = other.json().id;
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'certificate.added').execute()).toHaveLength(4);
  });

  it('refuses bad dates, a level without competency, a taken code, and other people; nothing stored', async () => {
    const before = await count('certificates');
    const cases: Array<[Record<string, unknown>, string, number]> = [
      [{ ...base, issuedOn: '2026-12-01' }, 'body.issuedOn', 400],
      [{ ...base, issuedOn: '2024-13-01' }, 'body.issuedOn', 400],
      [{ ...base, expiresOn: '2024-11-30' }, 'body.expiresOn', 400],
      [{ ...base, level: 2 }, 'body.level', 400],
      [{ ...base, kind: 'diploma' }, 'body.kind', 400],
      [{ ...base, verificationCode: 'CNTT-2024-0001' }, 'body.verificationCode', 409],
    ];
    for (const [body, field, status] of cases) {
      const res = await c['chuyenvien.vinhloc']!.post(`/api/capacity/officials/${minh}/certificates`, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(status);
      expect(res.json().field).toBe(field);
      expect(res.json().message.vi).toBeTruthy();
    }
    for (const who of ['chuyenviendd.vinhloc', 'lanhdao.phuvang', 'theodoi.hue']) {
      expect((await c[who]!.post(`/api/capacity/officials/${minh}/certificates`, base)).statusCode, who).toBe(403);
    }
    expect(await count('certificates')).toBe(before);
  });

  it('a leader of the unit revokes with a reason (kept in the audit); twice is 409; others 403', async () => {
    expect((await c['chuyenvien.vinhloc']!.post(`/api/capacity/certificates/${cert.qlnn}/revoke`, { reason: 'Tự thu hồi' })).statusCode).toBe(403);
    expect((await c['lanhdao.phuvang']!.post(`/api/capacity/certificates/${cert.qlnn}/revoke`, { reason: 'Không hợp lệ' })).statusCode).toBe(403);
    expect((await c['lanhdao.vinhloc']!.post(`/api/capacity/certificates/${cert.qlnn}/revoke`, { reason: 'x' })).json().field).toBe('body.reason');
    const res = await c['truongphong.vinhloc']!.post(`/api/capacity/certificates/${cert.qlnn}/revoke`, { reason: 'Cấp nhầm người' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: cert.qlnn, status: 'revoked', daysLeft: null });
    expect((await c['lanhdao.vinhloc']!.post(`/api/capacity/certificates/${cert.qlnn}/revoke`, { reason: 'Cấp nhầm người' })).statusCode).toBe(409);
    expect((await c['lanhdao.vinhloc']!.post('/api/capacity/certificates/999999/revoke', { reason: 'Cấp nhầm người' })).statusCode).toBe(404);
    const a = await t.ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'certificate.revoked').execute();
    expect(a).toHaveLength(1);
    expect(JSON.stringify(a[0]!.details)).toContain('Cấp nhầm người');
  });

  it('the expiring list names officials for a leader; the province gets counts per commune, no names', async () => {
    const res = await c['lanhdao.vinhloc']!.get('/api/capacity/certificates/expiring?unit=20122&days=60');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ certificate: { id: number; status: string }; official: { id: number; fullName: string } }>;
    expect(items.map((i) => [i.certificate.id, i.certificate.status, i.official.fullName])).toEqual([
      [cert.sig, 'expired', 'Lê Văn Minh'],
      [cert.it, 'expiring', 'Lê Văn Minh'],
      [cert.lan, 'expiring', 'Phạm Thị Lan'],
    ]);
    const short = await c['lanhdao.vinhloc']!.get('/api/capacity/certificates/expiring?unit=20122&days=40');
    expect(short.json().items.map((i: { certificate: { id: number } }) => i.certificate.id)).toEqual([cert.sig, cert.it]);
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/certificates/expiring?unit=20122&days=0')).json().field).toBe('querystring.days');

    const province = await c['theodoi.hue']!.get('/api/capacity/certificates/expiring?unit=46');
    expect(province.statusCode, province.body).toBe(200);
    expect(province.json().scope).toBe('aggregate');
    const communes = province.json().communes as Array<{ code: string; expiring: number; expired: number }>;
    expect(communes.find((x) => x.code === '20122')).toEqual({ code: '20122', name: expect.any(String), expiring: 2, expired: 1 });
    expect(communes.find((x) => x.code === '19942')).toMatchObject({ expiring: 0, expired: 0 });
    expect(province.body).not.toContain('Lê Văn Minh');
    expect(province.body).not.toContain(String(`"id":${minh}`));

    for (const [who, unit] of [['chuyenvien.vinhloc', '20122'], ['lanhdao.phuvang', '20122']] as const) {
      expect((await c[who]!.get(`/api/capacity/certificates/expiring?unit=${unit}`)).statusCode, who).toBe(403);
    }
  });

  it('a renewal ends the alert: the new certificate supersedes the expiring one', async () => {
    const renewed = await c['chuyenvien.vinhloc']!.post(`/api/capacity/officials/${minh}/certificates`, { ...base, issuedOn: '2026-11-20', expiresOn: '2029-11-20', competencyId: comp['iu01'], level: 2 });
    expect(renewed.statusCode).toBe(201);
    cert.renewed = renewed.json().id;
    const items = (await c['lanhdao.vinhloc']!.get('/api/capacity/certificates/expiring?unit=20122')).json().items as Array<{ certificate: { id: number } }>;
    expect(items.map((i) => i.certificate.id)).toEqual([cert.sig, cert.lan]);
  });
});

describe('the profile', () => {
  beforeAll(async () => {
    // Training: the tables of the training part, filled directly (2025: 8 h attended; 2026: 4 + 3 h attended, 2 h missed).
    const db = t.ctx.db;
    const prog = await db.insertInto('training_programmes').values({ unit_id: unitId, code: 'HT-2026', name: 'Bồi dưỡng nghiệp vụ hộ tịch', content_group: 'professional', hours: 9 }).returning('id').executeTakeFirstOrThrow();
    const mk = async (code: string, startsOn: string, endsOn: string, sessions: Array<[string, number, boolean]>, status: 'passed' | 'enrolled') => {
      const cls = await db.insertInto('training_classes').values({ programme_id: prog.id, unit_id: unitId, code, name: `Lớp ${code}`, starts_on: startsOn, ends_on: endsOn, trainer: 'Sở Tư pháp', place: 'Hội trường xã' }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('enrolments').values({ class_id: cls.id, account_id: minh, enrolled_at: new Date('2025-01-01'), status }).execute();
      let seq = 1;
      for (const [heldOn, hours, present] of sessions) {
        const s = await db.insertInto('class_sessions').values({ class_id: cls.id, seq: seq++, held_on: heldOn, hours }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('attendance').values({ session_id: s.id, account_id: minh, present, recorded_at: new Date('2026-01-01') }).execute();
      }
      return cls.id;
    };
    await mk('L2025', '2025-09-01', '2025-09-02', [['2025-09-01', 4, true], ['2025-09-02', 4, true]], 'passed');
    await mk('L2026', '2026-10-05', '2026-10-07', [['2026-10-05', 4, true], ['2026-10-06', 3, true], ['2026-10-07', 2, false]], 'enrolled');
    // Practice: one finished attempt and one still open (not shown).
    const proc = await db.selectFrom('procedures').select('id').where('code', '=', '1.001193').executeTakeFirstOrThrow();
    const sc = await db
      .insertInto('practice_scenarios')
      .values({ procedure_id: proc.id, code: 'ks-thieu-giay', title_vi: 'Khai sinh thiếu giấy chứng sinh', title_en: 'Birth registration without the birth certificate', brief_vi: 'x', brief_en: 'x', dossier: '{}', expected: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('practice_attempts').values({ scenario_id: sc.id, account_id: minh, unit_id: unitId, started_at: new Date('2026-11-10T02:00:00Z'), finished_at: new Date('2026-11-10T02:12:00Z'), score: 85 }).execute();
    await db.insertInto('practice_attempts').values({ scenario_id: sc.id, account_id: minh, unit_id: unitId, started_at: new Date('2026-11-20T02:00:00Z') }).execute();
  });

  it('the official sees their own profile: position, required vs held with history, certificates, training, practice, alerts', async () => {
    const res = await c['chuyenvien.vinhloc']!.get('/api/capacity/officials/me/profile');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.official).toMatchObject({ id: minh, fullName: 'Lê Văn Minh', username: 'chuyenvien.vinhloc', unit: { code: '20122' }, office: { name: 'Phòng Văn hóa - Xã hội' }, position: { code: 'CV-HT', since: '2025-07-01' } });
    type Row = Record<string, unknown> & { code: string; field: string | null; kind: string; history: Array<Record<string, unknown>> };
    const rows = p.competencies as Row[];
    const byCode = Object.fromEntries(rows.map((x) => [x.code, x]));
    const hoTich = rows.find((x) => x.field === 'Hộ tịch')!;
    expect(hoTich).toMatchObject({ required: 3, held: 2, gap: 1, source: 'leader' });
    expect(hoTich.history.map((h) => [h.level, h.source, h.by, h.note])).toEqual([
      [2, 'leader', 'Hoàng Đức Thắng', null],
      [1, 'leader', 'Nguyễn Văn Hùng', 'Mới chuyển sang'],
    ]);
    expect(hoTich.assessedAt).toBe(hoTich.history[0]!.assessedAt);
    expect(byCode['iu01']).toMatchObject({ required: 2, held: 0, gap: 2, source: null, assessedAt: null, history: [] });
    expect(byCode['communication']).toMatchObject({ required: null, held: 3, gap: 0, source: 'self' });
    expect(rows[0]!.kind).toBe('field');

    expect(p.certificates.map((x: { id: number; status: string }) => [x.id, x.status])).toEqual([
      [cert.renewed, 'valid'],
      [cert.it, 'expiring'],
      [cert.sig, 'expired'],
      [cert.qlnn, 'revoked'],
    ]);
    // The expiring IT certificate was renewed: only the expired signature certificate raises an alert.
    expect(p.alerts.map((a: { kind: string; certificateId: number }) => [a.kind, a.certificateId])).toEqual([['certificate_expired', cert.sig]]);
    expect(p.alerts[0].message.vi).toContain('01/10/2026');

    expect(p.training.year).toBe(2026);
    expect(p.training.hours).toBe(7);
    expect(p.training.hoursByYear).toEqual([{ year: 2026, hours: 7 }, { year: 2025, hours: 8 }]);
    expect(p.training.classes.map((x: { name: string; hours: number; status: string }) => [x.name, x.hours, x.status])).toEqual([
      ['Lớp L2026', 7, 'enrolled'],
      ['Lớp L2025', 8, 'passed'],
    ]);
    const y2025 = await c['chuyenvien.vinhloc']!.get('/api/capacity/officials/me/profile?year=2025');
    expect(y2025.json().training).toMatchObject({ year: 2025, hours: 8 });

    expect(p.practice).toEqual([{ attemptId: expect.any(Number), scenario: { vi: 'Khai sinh thiếu giấy chứng sinh', en: 'Birth registration without the birth certificate' }, score: 85, finishedAt: '2026-11-10T09:12:00+07:00' }]);
  });

  it('a leader of the unit reads the same profile; others get 403, the province too; no profile for a non-official', async () => {
    const mine = (await c['chuyenvien.vinhloc']!.get('/api/capacity/officials/me/profile')).json();
    const leader = await c['truongphong.vinhloc']!.get(`/api/capacity/officials/${minh}/profile`);
    expect(leader.statusCode).toBe(200);
    expect(leader.json()).toEqual(mine);
    for (const who of ['chuyenviendd.vinhloc', 'lanhdao.phuvang', 'theodoi.hue']) {
      const res = await c[who]!.get(`/api/capacity/officials/${minh}/profile`);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().message.en).toBeTruthy();
    }
    expect((await c['lanhdao.vinhloc']!.get('/api/capacity/officials/999999/profile')).statusCode).toBe(404);
    expect((await c['theodoi.hue']!.get('/api/capacity/officials/me/profile')).statusCode).toBe(404);
    expect((await c['chuyenvien.vinhloc']!.get('/api/capacity/officials/me/profile?year=1999')).json().field).toBe('querystring.year');
  });
});
