// Feedback (PAKN) over HTTP: sent online and taken at the counter, assigned, answered before and after the time
// limit, reported, rated by the sender — and the rules that keep senders' data and other communes out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { readXlsx } from '../../lib/xlsx.js';
import { verifyAudit } from '../audit/chain.js';
import { feedbackIndexInputs } from './store.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
let unitId = 0;
let first = { id: 0, code: '' };
let second = { id: 0, code: '' };
const PHONE = '0912345678';

const complaint = {
  unit: '20122',
  kind: 'complaint',
  subject: 'Hồ sơ trả chậm',
  content: 'Hồ sơ khai sinh của tôi trả chậm hai ngày so với giấy hẹn.',
  senderName: 'Nguyễn Thị Hương',
  senderPhone: '+84 912 345 678',
  senderEmail: 'huong@example.vn',
};
const rows = () => t.ctx.db.selectFrom('feedback').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T09:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'chuyenviendd', 'truongphong', 'lanhdao']) c[u] = await t.login(`${u}.vinhloc`);
  c.lanhdaoPhuvang = await t.login('lanhdao.phuvang');
  c.province = await t.login('theodoi.hue');
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
  unitId = (await t.ctx.db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t?.close());

describe('feedback from submission to rating', () => {
  it('a citizen sends a complaint online: a code consecutive per unit and day, due in 10 working days', async () => {
    const res = await t.anonymous.post('/api/public/feedback', complaint);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code).toBe('PA.20122.261123.0001');
    // 24/11/2026 is a holiday: 25–27/11, 30/11, 1–4/12, 7–8/12 are the ten working days.
    expect(res.json().dueAt).toBe('2026-12-08T09:00:00+07:00');
    first = { id: 0, code: res.json().code };
    const stored = await t.ctx.db.selectFrom('feedback').selectAll().where('code', '=', first.code).executeTakeFirstOrThrow();
    expect(stored.sender_phone).toBe(PHONE);
    expect(stored.channel).toBe('online');
    expect(stored.received_by).toBeNull();
    first.id = Number(stored.id);
  });

  it('bad input is 400 naming the field, and changes nothing (no code is used up)', async () => {
    const before = await rows();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...complaint, senderPhone: '12345' }, 'body.senderPhone'],
      [{ ...complaint, subject: undefined }, 'body.subject'],
      [{ ...complaint, kind: 'praise' }, 'body.kind'],
      [{ ...complaint, content: 'ngắn' }, 'body.content'],
      [{ ...complaint, unit: '99999' }, 'body.unit'],
      [{ ...complaint, dossierCode: '000.00.00.H46-261123-9999' }, 'body.dossierCode'],
    ];
    for (const [body, field] of cases) {
      const res = await t.anonymous.post('/api/public/feedback', body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().field).toBe(field);
      expect(res.json().message.vi).toBeTruthy();
      expect(res.json().message.en).toBeTruthy();
    }
    expect(await rows()).toBe(before);
  });

  it('the receiving officer takes a suggestion by phone; it gets the next number', async () => {
    const res = await c.tiepnhan!.post('/api/feedback', { ...complaint, kind: 'suggestion', channel: 'phone', subject: 'Thêm ghế chờ', content: 'Đề nghị bố trí thêm ghế ngồi chờ tại bộ phận một cửa.', senderPhone: '0935111222' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code).toBe('PA.20122.261123.0002');
    second = { id: res.json().id, code: res.json().code };
    const other = await c.lanhdaoPhuvang!.post('/api/feedback', { ...complaint, channel: 'counter' });
    expect(other.statusCode).toBe(403);
  });

  it('both appear in the unit list; contact data is masked for officials who are neither assigned nor leaders', async () => {
    const list = (await c.lanhdao!.get('/api/feedback?unit=20122&status=open')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining([first.code, second.code]));
    const mine = list.items.find((i: { code: string }) => i.code === first.code);
    expect(mine).toMatchObject({ kind: 'complaint', channel: 'online', status: 'received', senderPhone: PHONE, personalData: true, dueAt: '2026-12-08T09:00:00+07:00' });
    const masked = (await c.tiepnhan!.get('/api/feedback?unit=20122&status=all')).json().items.find((i: { code: string }) => i.code === first.code);
    expect(masked.senderPhone).toBe('091****678');
    expect(masked.senderEmail).toBe('h***@example.vn');
    expect(masked.senderName).not.toBe('Nguyễn Thị Hương');
    expect(masked.personalData).toBe(false);
    const viewer = (await c.province!.get(`/api/feedback/${first.id}`)).json();
    expect(viewer.senderPhone).toBe('091****678');
  });

  it("another commune's officials get 403 on the list, the detail and the actions", async () => {
    expect((await c.lanhdaoPhuvang!.get('/api/feedback?unit=20122')).statusCode).toBe(403);
    expect((await c.lanhdaoPhuvang!.get(`/api/feedback/${first.id}`)).statusCode).toBe(403);
    expect((await c.lanhdaoPhuvang!.post(`/api/feedback/${first.id}/assign`, { assigneeId: ids['chuyenvien.phuvang'] })).statusCode).toBe(403);
    expect((await c.lanhdaoPhuvang!.post(`/api/feedback/${first.id}/answer`, { answer: 'Trả lời của xã khác.' })).statusCode).toBe(403);
    expect((await c.lanhdaoPhuvang!.get('/api/feedback/report?unit=20122&from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
  });

  it('the sender looks it up only with the phone given; a wrong phone reads nothing', async () => {
    for (const q of ['', '?phone=0999999999', '?phone=abc']) {
      const res = await t.anonymous.get(`/api/public/feedback/${first.code}${q}`);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('chậm hai ngày');
      expect(res.body).not.toContain('2026-12-08');
    }
    const ok = await t.anonymous.get(`/api/public/feedback/${first.code}?phone=${PHONE}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: first.code, status: 'received', receivedAt: '2026-11-23T09:00:00+07:00', dueAt: '2026-12-08T09:00:00+07:00', answer: null, answeredAt: null });
  });

  it('rating before the answer is 409 naming what is allowed', async () => {
    const res = await t.anonymous.post(`/api/public/feedback/${first.code}/rating`, { phone: PHONE, satisfied: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().allowed).toEqual(['assign', 'answer']);
    expect(res.json().message.vi).toContain('chưa có câu trả lời');
  });

  it('the head of office assigns it to an official of the unit, not of another one', async () => {
    t.clock.set('2026-11-25T08:00:00+07:00');
    const wrong = await c.truongphong!.post(`/api/feedback/${first.id}/assign`, { assigneeId: ids['chuyenvien.phuvang'] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().field).toBe('body.assigneeId');
    expect((await c.chuyenvien!.post(`/api/feedback/${first.id}/assign`, { assigneeId: ids['chuyenvien.vinhloc'] })).statusCode).toBe(403);
    const res = await c.truongphong!.post(`/api/feedback/${first.id}/assign`, { assigneeId: ids['chuyenvien.vinhloc'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'assigned', assignee: { id: ids['chuyenvien.vinhloc'] }, allowedActions: ['assign', 'answer'] });
    // The assigned official now sees the sender's contact data; the other specialist does not.
    expect((await c.chuyenvien!.get(`/api/feedback/${first.id}`)).json().senderPhone).toBe(PHONE);
    expect((await c.chuyenviendd!.get(`/api/feedback/${first.id}`)).json().senderPhone).toBe('091****678');
  });

  it('only the assignee or a leader answers; the answer before the due date is on time; a second answer is 409', async () => {
    t.clock.set('2026-11-30T10:00:00+07:00');
    expect((await c.chuyenviendd!.post(`/api/feedback/${first.id}/answer`, { answer: 'Xin lỗi ông bà vì sự chậm trễ.' })).statusCode).toBe(403);
    const short = await c.chuyenvien!.post(`/api/feedback/${first.id}/answer`, { answer: 'ngắn' });
    expect(short.statusCode).toBe(400);
    expect(short.json().field).toBe('body.answer');
    const res = await c.chuyenvien!.post(`/api/feedback/${first.id}/answer`, { answer: 'UBND xã xin lỗi bà vì trả kết quả chậm; đã chấn chỉnh bộ phận xử lý.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'answered', onTime: true, answeredBy: { id: ids['chuyenvien.vinhloc'] }, allowedActions: ['rate'] });
    const again = await c.lanhdao!.post(`/api/feedback/${first.id}/answer`, { answer: 'Trả lời lần thứ hai nữa.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).toEqual(['rate']);
    const reassign = await c.truongphong!.post(`/api/feedback/${first.id}/assign`, { assigneeId: ids['chuyenviendd.vinhloc'] });
    expect(reassign.statusCode).toBe(409);
  });

  it('the suggestion goes past its due time: overdue in the list, then answered late by the leader', async () => {
    t.clock.set('2026-12-09T10:00:00+07:00');
    const overdue = (await c.lanhdao!.get('/api/feedback?unit=20122&status=overdue')).json();
    expect(overdue.items.map((i: { code: string }) => i.code)).toEqual([second.code]);
    expect(overdue.items[0].status).toBe('overdue');
    const res = await c.lanhdao!.post(`/api/feedback/${second.id}/answer`, { answer: 'Xã sẽ bố trí thêm 10 ghế chờ trong tháng 12.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().onTime).toBe(false);
  });

  it('the sender rates the answer once (wrong phone 404, second time 409)', async () => {
    expect((await t.anonymous.post(`/api/public/feedback/${first.code}/rating`, { phone: '0999999999', satisfied: true })).statusCode).toBe(404);
    const bad = await t.anonymous.post(`/api/public/feedback/${first.code}/rating`, { phone: PHONE, satisfied: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.satisfied');
    const res = await t.anonymous.post(`/api/public/feedback/${first.code}/rating`, { phone: PHONE, satisfied: true });
    expect(res.statusCode, res.body).toBe(201);
    const again = await t.anonymous.post(`/api/public/feedback/${first.code}/rating`, { phone: PHONE, satisfied: false });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).toEqual([]);
    const pub = (await t.anonymous.get(`/api/public/feedback/${first.code}?phone=${PHONE}`)).json();
    expect(pub).toMatchObject({ status: 'answered', answeredAt: '2026-11-30T10:00:00+07:00', satisfied: true });
    expect(pub.answer).toContain('xin lỗi');
  });

  it('the report counts on time / late and the satisfaction, the same as the index inputs', async () => {
    const res = await c.lanhdao!.get('/api/feedback/report?unit=20122&from=2026-11-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      unit: { code: '20122' },
      received: 2, answered: 2, answeredOnTime: 1, answeredLate: 1, openWithinTime: 0, openOverdue: 0, onTimeRate: 0.5,
      rated: 1, satisfied: 1, satisfactionRate: 1,
      byKind: {
        complaint: { received: 1, answered: 1, answeredOnTime: 1, answeredLate: 0 },
        suggestion: { received: 1, answered: 1, answeredOnTime: 0, answeredLate: 1 },
      },
    });
    expect(await feedbackIndexInputs(t.ctx.db, [unitId], '2026-11-01', '2026-12-31')).toEqual({ received: 2, answered: 2, answeredOnTime: 1, rated: 1, satisfied: 1 });
    // November only: the ratings of answers given in November.
    const nov = (await c.lanhdao!.get('/api/feedback/report?unit=20122&from=2026-11-01&to=2026-11-30')).json();
    expect(nov).toMatchObject({ received: 2, answered: 2, rated: 1, satisfied: 1 });
    const dec = (await c.lanhdao!.get('/api/feedback/report?unit=20122&from=2026-12-01&to=2026-12-31')).json();
    expect(dec).toMatchObject({ received: 0, rated: 0, satisfactionRate: null, onTimeRate: null });
    expect(await feedbackIndexInputs(t.ctx.db, [unitId], '2026-12-01', '2026-12-31')).toEqual({ received: 0, answered: 0, answeredOnTime: 0, rated: 0, satisfied: 0 });
    // The province viewer reads the province and the commune.
    expect((await c.province!.get('/api/feedback/report?unit=46&from=2026-11-01&to=2026-12-31')).json()).toMatchObject({ received: 2, answeredOnTime: 1 });
    const backwards = await c.lanhdao!.get('/api/feedback/report?unit=20122&from=2026-12-01&to=2026-11-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().field).toBe('querystring.to');
  });

  it('the report and the list download as XLSX with the same figures', async () => {
    const x = await c.lanhdao!.get('/api/feedback/report?unit=20122&from=2026-11-01&to=2026-12-31&format=xlsx');
    expect(x.statusCode).toBe(200);
    const book = await readXlsx(x.rawPayload);
    const sheet = Object.values(book)[0]!;
    const total = sheet.find((r) => r.includes('Tổng cộng'))!;
    expect(total.slice(1, 7)).toEqual([2, 2, 1, 1, 0, 0]);
    const list = await c.tiepnhan!.get('/api/feedback?unit=20122&status=all&format=xlsx');
    const cells = Object.values(await readXlsx(list.rawPayload))[0]!.flat();
    expect(cells).toContain(first.code);
    expect(cells).toContain('091****678');
    expect(cells).not.toContain(PHONE);
  });

  it('every change left an audit entry without the phone number, and the chain verifies', async () => {
    const entries = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'feedback').orderBy('seq').execute();
    expect(entries.map((e) => e.action).sort()).toEqual(['feedback.answered', 'feedback.answered', 'feedback.assigned', 'feedback.rated', 'feedback.received', 'feedback.received']);
    expect(JSON.stringify(entries)).not.toContain('912345678');
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
  });
});
