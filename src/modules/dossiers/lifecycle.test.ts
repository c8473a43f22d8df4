// A dossier from the counter to the returned result through the HTTP API, with a supplement, a consultation,
// a transfer, an extension and a send-back on the way — and the rules that must stop wrong moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { verifyAudit } from '../audit/chain.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
let dossierId = 0;
let code = '';

// Thủ tục đăng ký khai sinh lưu động: 5 working days, counter.
const PROCEDURE = '1.003583';
const REQUIRED = ['c1-ba3109', 'c2-fb2596', 'c5-9e70d7', 'c6-85a38b'];
// Giấy tờ chứng minh cư trú: optional in the catalogue, asked for by the specialist.
const RESIDENCE = 'c7-adfff3';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T09:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'chuyenviendd', 'truongphong', 'lanhdao', 'vanthu']) c[u] = await t.login(`${u}.vinhloc`);
  c.phuvang = await t.login('chuyenvien.phuvang');
  c.tiepnhanPhuvang = await t.login('tiepnhan.phuvang');
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
});
afterAll(async () => t?.close());

const act = (who: TestClient, action: string, body: unknown = {}) => who.post(`/api/dossiers/${dossierId}/actions/${action}`, body);
const detail = async (who: TestClient = c.tiepnhan!) => (await who.get(`/api/dossiers/${dossierId}`)).json();

describe('a dossier from counter to returned result', () => {
  it('receives at the counter with a code, the due date across the 24/11 holiday, and the history', async () => {
    const res = await c.tiepnhan!.post('/api/dossiers', {
      procedureCode: PROCEDURE,
      applicant: { name: 'Nguyễn Thị Hương', idNumber: '046190001234', phone: '0912345678', address: 'Thôn Vinh Lộc' },
      components: REQUIRED.map((key) => ({ key })),
    });
    expect(res.statusCode, res.body).toBe(201);
    ({ id: dossierId, code } = res.json());
    expect(code).toMatch(/^000\.\d{2}\.\d{2}\.H46-261123-0001$/);
    const d = await detail();
    expect(d.status).toBe('received');
    expect(d.nationalStatus).toBe(2);
    expect(d.receivedAt).toBe('2026-11-23T09:00:00+07:00');
    // 24/11/2026 is a holiday: 25, 26, 27, 30/11 and 1/12 are the five working days.
    expect(d.dueAt).toBe('2026-12-01T09:00:00+07:00');
    expect(d.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'receive']);
    expect(d.allowedActions.map((a: { action: string }) => a.action)).toContain('forward');
    expect(d.applicant.idNumber).toBe('046190001234');
  });

  it('answers 409 naming the allowed actions for an action the state does not allow', async () => {
    const res = await act(c.lanhdao!, 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().allowed).toEqual(expect.arrayContaining(['forward', 'request_supplement', 'withdraw']));
    expect(res.json().message.vi).toContain('Phê duyệt');
  });

  it('answers 403 when the role is wrong for an allowed action', async () => {
    const res = await act(c.chuyenvien!, 'forward');
    expect(res.statusCode).toBe(403);
  });

  it('forwards to processing and the head of office assigns a specialist', async () => {
    t.clock.set('2026-11-23T10:00:00+07:00');
    expect((await act(c.tiepnhan!, 'forward', { note: 'Chuyển phòng VH-XH' })).statusCode).toBe(200);
    expect((await act(c.truongphong!, 'assign', { assigneeId: ids['chuyenvien.vinhloc'] })).statusCode).toBe(200);
    const d = await detail();
    expect(d.status).toBe('processing');
    expect(d.step.key).toBe('processing');
    expect(d.assignee.name).toBe('Lê Văn Minh');
    const receptionExit = d.history.find((h: { action: string }) => h.action === 'forward');
    expect(receptionExit.allottedMinutes).toBeGreaterThan(0);
    expect(receptionExit.spentMinutes).toBe(60);
  });

  it('another specialist of the unit cannot act on an assigned dossier', async () => {
    const res = await act(c.chuyenviendd!, 'forward');
    expect(res.statusCode).toBe(403);
  });

  it('requests a supplement listing every missing item; the clock stops and the public page shows what is missing', async () => {
    t.clock.set('2026-11-23T14:00:00+07:00');
    const res = await act(c.chuyenvien!, 'request_supplement', {
      missing: [{ componentKey: RESIDENCE, requirement: 'Bản sao có chứng thực' }, { name: 'Văn bản xác nhận của Công an xã về nơi cư trú' }],
      reason: 'Không khai thác được thông tin cư trú trên CSDL',
    });
    expect(res.statusCode).toBe(200);
    const d = await detail();
    expect(d.status).toBe('supplement_requested');
    expect(d.nationalStatus).toBe(5);
    expect(d.pauses).toHaveLength(1);
    expect(d.pauses[0]).toMatchObject({ kind: 'supplement', reason: 'Không khai thác được thông tin cư trú trên CSDL', endedAt: null });
    const pub = (await t.anonymous.get(`/api/public/dossiers/${code}`)).json();
    expect(pub.missing.map((m: { name: string }) => m.name)).toEqual([expect.stringContaining('Giấy tờ có giá trị chứng minh thông tin về cư trú'), 'Văn bản xác nhận của Công an xã về nơi cư trú']);
    expect(pub.applicantName).toBe('N***** T** H****');
    expect(JSON.stringify(pub)).not.toContain('0912345678');
  });

  it('a second supplement request is refused: the applicant is guided once, completely', async () => {
    // Not allowed while paused at all: the state machine says so first.
    const res = await act(c.chuyenvien!, 'request_supplement', { missing: [{ name: 'Giấy tờ khác' }], reason: 'Yêu cầu lần hai' });
    expect(res.statusCode).toBe(409);
  });

  it('receives the supplement: the time limit restarts from the supplement', async () => {
    t.clock.set('2026-11-25T10:00:00+07:00');
    expect((await act(c.tiepnhan!, 'receive_supplement', { components: [RESIDENCE] })).statusCode).toBe(200);
    const d = await detail();
    expect(d.status).toBe('processing');
    expect(d.pauses[0].endedAt).toBe('2026-11-25T10:00:00+07:00');
    // 26, 27, 30/11, 1 and 2/12.
    expect(d.dueAt).toBe('2026-12-02T10:00:00+07:00');
    expect(d.originalDueAt).toBe('2026-12-01T09:00:00+07:00');
    expect(d.components.find((x: { key: string }) => x.key === RESIDENCE).provided).toBe(true);
    // Still within 3 working days of receipt, but a supplement was already asked for once.
    const again = await act(c.chuyenvien!, 'request_supplement', { missing: [{ name: 'Giấy tờ khác' }], reason: 'Yêu cầu lần hai' });
    expect(again.statusCode).toBe(422);
    expect(again.json().message.vi).toContain('một lần');
  });

  it('consults another office, which replies', async () => {
    const office = await t.ctx.db.selectFrom('offices as o').innerJoin('units as u', 'u.id', 'o.unit_id').select('o.id').where('u.code', '=', '20122').where('o.code', '=', 'KT').executeTakeFirstOrThrow();
    expect((await act(c.chuyenvien!, 'consult', { officeId: office.id, question: 'Xác nhận thông tin nơi cư trú của người mẹ' })).statusCode).toBe(200);
    const d = await detail();
    expect(d.consultations[0]).toMatchObject({ question: 'Xác nhận thông tin nơi cư trú của người mẹ', answer: null, dueAt: '2026-11-27T10:00:00+07:00' });
    const reply = await act(c.chuyenviendd!, 'consult_reply', { consultationId: d.consultations[0].id, answer: 'Thông tin cư trú đã được xác minh trên CSDL' });
    expect(reply.statusCode).toBe(200);
    expect((await detail()).consultations[0].answer).toContain('đã được xác minh');
  });

  it('transfers to another unit, which can then see it; it comes back', async () => {
    expect((await c.phuvang!.get(`/api/dossiers/${dossierId}`)).statusCode).toBe(403);
    const res = await act(c.chuyenvien!, 'transfer', { toUnitCode: '19942', reason: 'Xác minh thông tin tại nơi cư trú trước đây' });
    expect(res.statusCode).toBe(200);
    expect((await detail()).status).toBe('transferred');
    expect((await c.phuvang!.get(`/api/dossiers/${dossierId}`)).statusCode).toBe(200);
    t.clock.set('2026-11-26T09:00:00+07:00');
    expect((await act(c.chuyenvien!, 'receive_back', { note: 'UBND xã Phú Vang đã xác minh' })).statusCode).toBe(200);
    const d = await detail();
    expect(d.status).toBe('processing');
    expect(d.handlingUnit.code).toBe('20122');
    expect(d.transfers[0]).toMatchObject({ toCode: '19942', returnedAt: '2026-11-26T09:00:00+07:00', resultNote: 'UBND xã Phú Vang đã xác minh' });
  });

  it('extends the due date once, with an apology, before it passes', async () => {
    const first = await act(c.lanhdao!, 'extend', { newDueAt: '2026-12-04T16:00:00+07:00', reason: 'Cần xác minh thêm thông tin hộ tịch' });
    expect(first.statusCode).toBe(200);
    const d = await detail();
    expect(d.dueAt).toBe('2026-12-04T16:00:00+07:00');
    expect(d.extension).toMatchObject({ previousDueAt: '2026-12-02T10:00:00+07:00', newDueAt: '2026-12-04T16:00:00+07:00' });
    const second = await act(c.lanhdao!, 'extend', { newDueAt: '2026-12-10T16:00:00+07:00', reason: 'Lần nữa' });
    expect(second.statusCode).toBe(409);
    expect(second.json().allowed).not.toContain('extend');
  });

  it('goes through review and approval, with one send-back', async () => {
    t.clock.set('2026-11-27T08:00:00+07:00');
    expect((await act(c.chuyenvien!, 'forward')).statusCode).toBe(200);
    expect((await act(c.truongphong!, 'submit_for_approval', { outcome: 'granted' })).statusCode).toBe(200);
    expect((await detail()).status).toBe('pending_approval');
    expect((await act(c.lanhdao!, 'send_back', { reason: 'Bổ sung ý kiến xác minh vào tờ trình' })).statusCode).toBe(200);
    // Sent back to the head of office, who returns it to the specialist.
    expect((await detail()).step.key).toBe('review');
    expect((await act(c.truongphong!, 'return_to_step', { stepKey: 'approval', reason: 'Sai bước' })).statusCode).toBe(422);
    expect((await act(c.truongphong!, 'return_to_step', { stepKey: 'processing', reason: 'Bổ sung ý kiến xác minh' })).statusCode).toBe(200);
    expect((await detail()).step.key).toBe('processing');
    expect((await act(c.chuyenvien!, 'forward')).statusCode).toBe(200);
    expect((await act(c.truongphong!, 'submit_for_approval', { outcome: 'granted' })).statusCode).toBe(200);
    expect((await act(c.lanhdao!, 'approve')).statusCode).toBe(200);
    const d = await detail();
    expect(d.status).toBe('approved');
    expect(d.step.key).toBe('issue');
  });

  it('the result cannot be issued before it is signed', async () => {
    const res = await act(c.vanthu!, 'issue_result', { resultNumber: '125/TLKS' });
    expect(res.statusCode).toBe(409);
    expect(res.json().allowed).toContain('sign');
  });

  it('signs, issues and returns the result; the dossier is on time', async () => {
    t.clock.set('2026-11-30T09:00:00+07:00');
    expect((await act(c.lanhdao!, 'sign')).statusCode).toBe(200);
    expect((await detail()).allowedActions.map((a: { action: string }) => a.action)).not.toContain('sign');
    expect((await act(c.lanhdao!, 'sign')).statusCode).toBe(409);
    expect((await act(c.vanthu!, 'issue_result', { resultNumber: '125/TLKS' })).statusCode).toBe(200);
    let d = await detail();
    expect(d.status).toBe('resolved');
    expect(d.nationalStatus).toBe(9);
    expect(d.colour).toBe('early');
    t.clock.set('2026-11-30T15:00:00+07:00');
    expect((await act(c.tiepnhan!, 'return_result', { receivedBy: 'Nguyễn Thị Hương' })).statusCode).toBe(200);
    d = await detail();
    expect(d.status).toBe('returned');
    expect(d.nationalStatus).toBe(10);
    expect(d.allowedActions).toEqual([]);
  });

  it('kept a complete, ordered history with time spent against time allotted', async () => {
    const d = await detail();
    const actions = d.history.map((h: { action: string }) => h.action);
    expect(actions).toEqual([
      'submit', 'receive', 'forward', 'assign', 'request_supplement', 'receive_supplement', 'consult', 'consult_reply',
      'transfer', 'receive_back', 'extend', 'forward', 'submit_for_approval', 'send_back', 'return_to_step', 'forward', 'submit_for_approval',
      'approve', 'sign', 'issue_result', 'return_result',
    ]);
    expect(d.history.map((h: { seq: number }) => h.seq)).toEqual(actions.map((_: string, i: number) => i + 1));
    const stepExits = d.history.filter((h: { spentMinutes: number | null }) => h.spentMinutes !== null);
    expect(stepExits.length).toBeGreaterThanOrEqual(6);
    for (const h of stepExits) expect(['early', 'on_time', 'late']).toContain(h.timeliness);
    expect(d.history.every((h: { actor: { name: string } }) => h.actor.name)).toBe(true);
  });

  it('wrote one outbox event per change and a verifiable audit chain', async () => {
    const events = await t.ctx.db.selectFrom('outbox').select(['payload']).where('dossier_id', '=', dossierId).orderBy('id').execute();
    expect(events).toHaveLength(20);
    expect((events.at(-1)!.payload as { nationalStatus: number }).nationalStatus).toBe(10);
    const audit = await verifyAudit(t.ctx.db);
    expect(audit.ok).toBe(true);
    expect(audit.entries).toBeGreaterThanOrEqual(20);
  });
});

describe('access between communes', () => {
  it('an official of another commune can neither read nor act on the dossier', async () => {
    const read = await c.tiepnhanPhuvang!.get(`/api/dossiers/${dossierId}`);
    expect(read.statusCode).toBe(403);
    const byCode = await c.tiepnhanPhuvang!.get(`/api/dossiers/${encodeURIComponent(code)}`);
    expect(byCode.statusCode).toBe(403);
    const actRes = await c.tiepnhanPhuvang!.post(`/api/dossiers/${dossierId}/actions/withdraw`, { reason: 'thử truy cập' });
    expect(actRes.statusCode).toBe(403);
    const list = (await c.tiepnhanPhuvang!.get('/api/dossiers')).json();
    expect(list.items.map((i: { code: string }) => i.code)).not.toContain(code);
  });

  it('an anonymous caller is asked to sign in', async () => {
    expect((await t.anonymous.get(`/api/dossiers/${dossierId}`)).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/dossiers', {})).statusCode).toBe(401);
  });

  it('the province viewer reads the dossier with personal data masked', async () => {
    const viewer = await t.login('theodoi.hue');
    const d = (await viewer.get(`/api/dossiers/${dossierId}`)).json();
    expect(d.code).toBe(code);
    expect(d.applicant.idNumber).toBe('********1234');
    expect(d.applicant.phone).toBe('091****678');
    expect(d.allowedActions).toEqual([]);
  });
});
