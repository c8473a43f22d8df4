// "How did last quarter's class change their send-back rate": real dossiers through the HTTP workflow before,
// during and after a class, then the impact read from the evidence ledger for the passed attendee beside the
// unit's other officials who submit work, and who may read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
let classId = 0;

// Đăng ký khai sinh lưu động: handled by the Văn hóa - Xã hội office (chuyenvien, truongphong).
const PROCEDURE = '1.003583';
const REQUIRED = ['c1-ba3109', 'c2-fb2596', 'c5-9e70d7', 'c6-85a38b'];

/** One dossier on `day`: received, forwarded, assigned to the specialist, forwarded by them, then (unless pending)
 * submitted by the head of office and approved or sent back by the leader. */
async function dossier(day: string, end: 'approve' | 'send_back' | 'pending') {
  const at = (hh: string) => t.clock.set(`${day}T${hh}:00+07:00`);
  at('08:00');
  const res = await c.tiepnhan!.post('/api/dossiers', {
    procedureCode: PROCEDURE,
    applicant: { name: 'Nguyễn Thị Hương', idNumber: '046190001234', phone: '0912345678', address: 'Thôn Vinh Lộc' },
    components: REQUIRED.map((key) => ({ key })),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const act = async (who: TestClient, action: string, body: unknown = {}) => {
    const r = await who.post(`/api/dossiers/${id}/actions/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  };
  at('08:30');
  await act(c.tiepnhan!, 'forward');
  await act(c.truongphong!, 'assign', { assigneeId: ids['chuyenvien.vinhloc'] });
  at('10:00');
  await act(c.chuyenvien!, 'forward');
  if (end === 'pending') return;
  at('11:00');
  await act(c.truongphong!, 'submit_for_approval', { outcome: 'granted' });
  at('14:00');
  await act(c.lanhdao!, end, end === 'send_back' ? { reason: 'Tờ trình thiếu căn cứ pháp lý' } : {});
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-06-01T08:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'quantri']) c[u] = await t.login(`${u}.vinhloc`);
  for (const u of ['theodoi.hue', 'lanhdao.phuvang']) c[u] = await t.login(u);
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  // Before the class (June): half of Mr Minh's work is sent back.
  await dossier('2026-06-02', 'send_back');
  await dossier('2026-06-03', 'send_back');
  await dossier('2026-06-04', 'approve');
  await dossier('2026-06-05', 'approve');
  // During the class: in neither window.
  await dossier('2026-08-11', 'send_back');
  // After it (September): nothing sent back; one still with the head of office.
  await dossier('2026-09-15', 'approve');
  await dossier('2026-09-16', 'approve');
  await dossier('2026-09-17', 'approve');
  await dossier('2026-09-18', 'approve');
  await dossier('2026-09-22', 'pending');
  t.clock.set('2026-11-23T09:00:00+07:00');

  const competency = await t.ctx.db.selectFrom('competencies').select('id').where('code', '=', 'online-dossiers').executeTakeFirstOrThrow();
  const p = await c.quantri!.post('/api/capacity/programmes', { unit: '20122', code: 'HSTT', name: 'Xử lý hồ sơ trực tuyến', contentGroup: 'professional', hours: 8, competencies: [{ competencyId: competency.id, level: 2 }] });
  expect(p.statusCode, p.body).toBe(201);
  const k = await c.quantri!.post('/api/capacity/classes', {
    unit: '20122', programmeId: p.json().id, name: 'Lớp xử lý hồ sơ tháng 8', startsOn: '2026-08-10', endsOn: '2026-08-12', trainer: 'Sở Nội vụ', online: true,
    sessions: [{ heldOn: '2026-08-10', hours: 4 }, { heldOn: '2026-08-12', hours: 4 }], tests: [],
  });
  classId = k.json().id;
  await c.quantri!.post(`/api/capacity/classes/${classId}/enrolments`, { accountIds: [ids['chuyenvien.vinhloc'], ids['tiepnhan.vinhloc']] });
  for (const s of k.json().sessions) {
    await c.quantri!.put(`/api/capacity/classes/${classId}/attendance`, {
      sessionId: s.id,
      marks: [{ accountId: ids['chuyenvien.vinhloc'], present: true }, { accountId: ids['tiepnhan.vinhloc'], present: s.seq === 1 }],
    });
  }
  expect((await c.quantri!.post(`/api/capacity/classes/${classId}/close`)).json().passed).toHaveLength(1);
}, 300_000);
afterAll(async () => t?.close());

describe('a class\'s impact', () => {
  it('compares the passed attendee\'s send-back rate before and after, beside the other officials', async () => {
    const res = await c.lanhdao!.get(`/api/capacity/classes/${classId}/impact?months=3`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.before).toEqual({ from: '2026-05-10', to: '2026-08-09' });
    expect(r.after).toEqual({ from: '2026-08-13', to: '2026-11-12' });
    expect(r.class).toMatchObject({ id: classId, status: 'closed', passed: 1 });
    // Only the one who passed; Ms Thu missed a session.
    expect(r.attendees.map((a: { id: number }) => a.id)).toEqual([ids['chuyenvien.vinhloc']]);
    const minh = r.attendees[0];
    expect(minh.fullName).toBe('Lê Văn Minh');
    expect(minh.before).toMatchObject({ submitted: 4, sentBack: 2, sendBackRate: 0.5, supplements: 0 });
    expect(minh.after).toMatchObject({ submitted: 5, sentBack: 0, sendBackRate: 0 });
    expect(minh.before.steps).toBeGreaterThan(0);
    expect(minh.after.onTimeRate).not.toBeNull();
    expect(r.totals.attendees.before.sendBackRate).toBe(0.5);
    // The head of office submitted the same dossiers, but not the one still waiting with him.
    expect(r.totals.others).toMatchObject({ officials: 1, before: { submitted: 4, sentBack: 2, sendBackRate: 0.5 }, after: { submitted: 4, sentBack: 0, sendBackRate: 0 } });
  });

  it('a shorter window sees nothing before the class: rates are null, not zero', async () => {
    const r = (await c.lanhdao!.get(`/api/capacity/classes/${classId}/impact?months=1`)).json();
    expect(r.before).toEqual({ from: '2026-07-10', to: '2026-08-09' });
    expect(r.attendees[0].before).toMatchObject({ submitted: 0, sendBackRate: null, onTimeRate: null });
    expect(r.attendees[0].after).toMatchObject({ submitted: 0 });
  });

  it('the after window is clipped to today', async () => {
    const r = (await c.lanhdao!.get(`/api/capacity/classes/${classId}/impact?months=6`)).json();
    expect(r.after).toEqual({ from: '2026-08-13', to: '2026-11-23' });
    expect(r.before.from).toBe('2026-02-10');
  });

  it('only the unit\'s leaders read it', async () => {
    for (const who of ['chuyenvien', 'theodoi.hue', 'lanhdao.phuvang']) {
      expect((await c[who]!.get(`/api/capacity/classes/${classId}/impact`)).statusCode, who).toBe(403);
    }
    expect((await c.quantri!.get(`/api/capacity/classes/${classId}/impact`)).statusCode).toBe(200);
    const bad = await c.lanhdao!.get(`/api/capacity/classes/${classId}/impact?months=13`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('querystring.months');
    expect((await c.lanhdao!.get('/api/capacity/classes/999999/impact')).statusCode).toBe(404);
  });
});
