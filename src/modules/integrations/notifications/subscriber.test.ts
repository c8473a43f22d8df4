// The notifications end to end: dossier actions at the counter, the outbox drained to the subscriber, a real SMTP
// server (the mail catcher, built on smtp-server) and the SMS simulator receiving what an applicant would get —
// once, even when an event is delivered again, and again with the same Message-ID after a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp, type TestClient } from '../../../test/app.js';
import { startMailCatcher, type RunningMailCatcher } from '../../../simulators/mail.js';
import { startSmsSimulator, type RunningSmsSimulator } from '../../../simulators/sms.js';
import { drainOutbox } from '../../outbox/dispatcher.js';
import { instanceId } from '../../outbox/instance.js';
import type { DeliveryAttempt, OutboxEvent, Subscriber } from '../../outbox/types.js';
import { createNotificationsSubscriber } from './subscriber.js';

const SMS_TOKEN = 'test-sms-token';
const PROCEDURE = '2.000908';
const REQUIRED = 'c1-7d4524';
const EMAIL = 'huong.nguyen@example.vn';
const PHONE = '0912345678';

let t: TestApp;
let mail: RunningMailCatcher;
let sms: RunningSmsSimulator;
let sub: Subscriber;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  mail = await startMailCatcher();
  sms = await startSmsSimulator({ token: SMS_TOKEN });
  t = await createTestApp({
    config: {
      integrations: {
        ...testConfig().integrations,
        smtp: { url: mail.smtpUrl, from: 'Trung tâm Phục vụ hành chính công <no-reply@motcua.test>' },
        sms: { url: sms.url, token: SMS_TOKEN },
      },
    },
  });
  sub = createNotificationsSubscriber(t.ctx)!;
  for (const u of ['tiepnhan.vinhloc', 'truongphong.vinhloc', 'chuyenvien.vinhloc', 'lanhdao.vinhloc', 'vanthu.vinhloc', 'quantri.vinhloc', 'quantri.phuvang', 'chuyenvien.phuvang', 'theodoi.hue', 'admin']) c[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
  await mail?.close();
  await sms?.close();
});

async function receive(applicant: Record<string, string>, extra: Record<string, unknown> = {}): Promise<{ id: number; code: string }> {
  const res = await c['tiepnhan.vinhloc']!.post('/api/dossiers', { procedureCode: PROCEDURE, applicant, components: [{ key: REQUIRED }], ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function lastEvent(dossierId: number, action: string): Promise<OutboxEvent> {
  const e = await t.ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where(({ ref }) => ref('payload', '->>').key('action' as never), '=', action as never)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const payload = (typeof e.payload === 'string' ? JSON.parse(e.payload) : e.payload) as Record<string, unknown>;
  return { id: Number(e.id), topic: e.topic, dossierId: Number(e.dossier_id), payload, createdAt: new Date(e.created_at) };
}

/** The attempt the dispatcher would make: same idempotency key for every try of this delivery. */
async function attemptFor(event: OutboxEvent): Promise<DeliveryAttempt> {
  return { deliveryId: 0, idempotencyKey: `${await instanceId(t.ctx.db)}.${event.id}.notifications`, attempt: 1, signal: new AbortController().signal };
}

const rowsOf = (dossierId: number) => t.ctx.db.selectFrom('notifications').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();
const mailsTo = (code: string) => mail.messages().filter((m) => m.subject.includes(code));
const smsAbout = (code: string) => sms.messages().filter((m) => m.text.includes(code));

describe('notifications by e-mail and SMS', () => {
  let first: { id: number; code: string };

  it('is off when neither SMTP nor SMS is configured, and wants only real status changes that are news', () => {
    expect(createNotificationsSubscriber({ ...t.ctx, config: testConfig() })).toBeNull();
    const e = (payload: Record<string, unknown>, topic = 'dossier.status_changed'): OutboxEvent => ({ id: 1, topic, dossierId: 1, payload, createdAt: new Date() });
    expect(sub.name).toBe('notifications');
    expect(sub.wants(e({ action: 'receive', status: 'received', fromStatus: 'submitted', practice: false }))).toBe(true);
    expect(sub.wants(e({ action: 'receive', status: 'received', fromStatus: 'submitted', practice: true }))).toBe(false);
    expect(sub.wants(e({ action: 'forward', status: 'processing', fromStatus: 'received', practice: false }))).toBe(false);
    expect(sub.wants(e({ action: 'receive' }, 'dossier.supplement_uploaded'))).toBe(false);
  });

  it('receipt: one e-mail and one SMS with the right content, recorded on the dossier', async () => {
    first = await receive({ name: 'Nguyễn Thị Hương', phone: PHONE, email: EMAIL });
    const drained = await drainOutbox(t.ctx, [sub]);
    expect(drained.delivered).toBe(1);
    expect(drained.retrying + drained.failed).toBe(0);

    const mails = mailsTo(first.code);
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.envelopeTo).toEqual([EMAIL]);
    // UTF-8 subject and body arrive intact through SMTP (encoded words, quoted-printable).
    expect(m.subject).toBe(`Hồ sơ ${first.code} đã được tiếp nhận`);
    expect(m.from).toContain('Trung tâm Phục vụ hành chính công');
    expect(m.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Hương,');
    expect(m.text).toContain('Trung tâm Phục vụ hành chính công xã Vinh Lộc đã tiếp nhận hồ sơ');
    expect(m.text).toContain('Thời gian tiếp nhận: 23/11/2026 09:00');
    expect(m.text).toMatch(/Ngày hẹn trả kết quả: \d\d\/\d\d\/2026 \d\d:\d\d/);
    expect(m.text).toContain(`http://motcua.test/tra-cuu/${first.code}`);
    expect(m.messageId).toMatch(/^<[0-9a-f-]+\.\d+\.notifications\.email@motcua\.test>$/);

    const texts = smsAbout(first.code);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ to: PHONE, senderId: 'MOTCUA' });
    expect(texts[0]!.text).toContain(`UBND xã Vinh Lộc đã tiếp nhận hồ sơ ${first.code}, hẹn trả kết quả`);

    const rows = await rowsOf(first.id);
    expect(rows.map((r) => [r.event, r.channel, r.state, r.recipient])).toEqual([
      ['received', 'email', 'sent', EMAIL],
      ['received', 'sms', 'sent', PHONE],
    ]);
    expect(rows[0]!.provider_message_id).toBe(m.messageId);
    expect(rows[1]!.provider_message_id).toBe(texts[0]!.messageId);
    expect(rows[0]!.body).toBe(m.text.replace(/\n$/, ''));
  });

  it('lists what was sent on the dossier; recipients are masked for a province viewer', async () => {
    const full = await c['tiepnhan.vinhloc']!.get(`/api/dossiers/${first.id}/notifications`);
    expect(full.statusCode, full.body).toBe(200);
    const list = full.json().notifications;
    expect(list.map((n: { channel: string; state: string; recipient: string }) => [n.channel, n.state, n.recipient])).toEqual([
      ['email', 'sent', EMAIL],
      ['sms', 'sent', PHONE],
    ]);
    expect(list[0]).toMatchObject({ event: 'received', eventName: { vi: 'Tiếp nhận hồ sơ' }, createdAt: '2026-11-23T09:00:00+07:00', sentAt: '2026-11-23T09:00:00+07:00' });
    const masked = (await c['theodoi.hue']!.get(`/api/dossiers/${first.code}/notifications`)).json().notifications;
    expect(masked.map((n: { recipient: string }) => n.recipient)).toEqual(['h***@example.vn', '091****678']);
    expect(JSON.stringify(masked)).not.toContain(PHONE);
  });

  it("another commune's official gets 403", async () => {
    const res = await c['chuyenvien.phuvang']!.get(`/api/dossiers/${first.id}/notifications`);
    expect(res.statusCode).toBe(403);
    expect(res.json().message.vi).toContain('không thuộc đơn vị');
  });

  it('a redelivered event sends nothing new', async () => {
    const event = await lastEvent(first.id, 'receive');
    const attempt = await attemptFor(event);
    await sub.deliver(event, attempt);
    await sub.deliver(event, attempt);
    expect(mailsTo(first.code)).toHaveLength(1);
    expect(smsAbout(first.code)).toHaveLength(1);
    expect(await rowsOf(first.id)).toHaveLength(2);
  });

  it("a row left 'sending' by a crash is sent again with the same Message-ID; the SMS gateway dedupes on the key", async () => {
    const event = await lastEvent(first.id, 'receive');
    const before = await rowsOf(first.id);
    // The crash: the messages left, the process died before it marked them sent.
    await t.ctx.db.updateTable('notifications').set({ state: 'sending', sent_at: null }).where('event_id', '=', event.id).execute();
    await sub.deliver(event, await attemptFor(event));
    const mails = mailsTo(first.code);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.messageId).toBe(mails[0]!.messageId);
    expect(smsAbout(first.code)).toHaveLength(1);
    const after = await rowsOf(first.id);
    expect(after.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(after[1]!.provider_message_id).toBe(before[1]!.provider_message_id);
  });

  it('SMTP down: delivery throws and nothing is recorded as sent; later it succeeds', async () => {
    const port = mail.smtpPort;
    await mail.close();
    expect((await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${first.id}/actions/request_fee`, { amount: 8000, description: 'Lệ phí cấp bản sao trích lục' })).statusCode).toBe(200);
    const event = await lastEvent(first.id, 'request_fee');
    const err = await sub.deliver(event, await attemptFor(event)).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/^Notification not sent, will retry: email: /);
    // Neither the address nor the text is in the error the dispatcher stores.
    expect(err!.message).not.toContain(EMAIL);
    expect(err!.message).not.toContain('8.000');
    let rows = (await rowsOf(first.id)).filter((r) => r.event_id === event.id);
    expect(rows.find((r) => r.channel === 'email')).toMatchObject({ state: 'sending', sent_at: null });
    expect(rows.find((r) => r.channel === 'email')!.error).toBeTruthy();
    // The SMS does not wait for the mail server.
    expect(rows.find((r) => r.channel === 'sms')!.state).toBe('sent');

    // Through the dispatcher: still down, so it retries later.
    const down = await drainOutbox(t.ctx, [sub]);
    expect(down.retrying).toBe(1);
    expect(down.delivered).toBe(0);

    mail = await startMailCatcher({ smtpPort: port });
    t.clock.set('2026-11-23T10:00:00+07:00');
    const up = await drainOutbox(t.ctx, [sub]);
    expect(up.delivered).toBe(1);
    rows = (await rowsOf(first.id)).filter((r) => r.event_id === event.id);
    expect(rows.map((r) => [r.channel, r.state])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
    expect(rows[0]!.error).toBeNull();
    const [m] = mailsTo(first.code);
    expect(m!.subject).toBe(`Hồ sơ ${first.code}: đề nghị nộp phí, lệ phí`);
    expect(m!.text).toContain('vui lòng nộp 8.000 đồng: Lệ phí cấp bản sao trích lục.');
    expect(smsAbout(first.code).filter((s) => s.text.includes('8.000 đồng'))).toHaveLength(1);
  });

  it('a bad phone number: the gateway refuses (400) and the failure is recorded with the reason; the e-mail still goes', async () => {
    const d = await receive({ name: 'Trần Văn Bình', phone: '02343812345', email: 'binh@example.vn' });
    const drained = await drainOutbox(t.ctx, [sub]);
    expect(drained.delivered).toBe(1);
    const rows = await rowsOf(d.id);
    expect(rows.map((r) => [r.channel, r.state])).toEqual([
      ['email', 'sent'],
      ['sms', 'failed'],
    ]);
    expect(rows[1]!.error).toContain('không phải số di động Việt Nam');
    expect(smsAbout(d.code)).toHaveLength(0);
    const listed = (await c['tiepnhan.vinhloc']!.get(`/api/dossiers/${d.id}/notifications`)).json().notifications;
    expect(listed[1].error.en).toContain('not a Vietnamese mobile number');
    // Delivered again: a refused message is not retried.
    const event = await lastEvent(d.id, 'receive');
    await sub.deliver(event, await attemptFor(event));
    expect((await rowsOf(d.id)).map((r) => r.state)).toEqual(['sent', 'failed']);
  });

  it('no e-mail on the dossier: only the SMS is sent and recorded', async () => {
    const d = await receive({ name: 'Lê Thị Cúc', phone: '+84935111222' });
    await drainOutbox(t.ctx, [sub]);
    const rows = await rowsOf(d.id);
    expect(rows.map((r) => [r.channel, r.state, r.recipient])).toEqual([['sms', 'sent', '0935111222']]);
    expect(mailsTo(d.code)).toHaveLength(0);
  });

  it('a supplement asked for at the counter lists the missing components and the reason', async () => {
    const d = await receive(
      { name: 'Phan Văn Lợi', email: 'loi@example.vn' },
      { components: [], decision: 'request_supplement', missing: [{ componentKey: REQUIRED, requirement: 'Bản chính' }, { name: 'Giấy ủy quyền' }], reason: 'Thiếu tờ khai và giấy ủy quyền' },
    );
    await drainOutbox(t.ctx, [sub]);
    const [m] = mailsTo(d.code);
    expect(m!.subject).toBe(`Hồ sơ ${d.code} cần bổ sung, hoàn thiện`);
    expect(m!.text).toMatch(/1\. .+ \(Bản chính\)\n2\. Giấy ủy quyền\n/);
    expect(m!.text).toContain('Lý do: Thiếu tờ khai và giấy ủy quyền');
  });

  it('an extension sends the apology with the new due date and the reason', async () => {
    t.clock.set('2026-11-23T11:00:00+07:00');
    // The fee asked for above is paid first: a paused dossier cannot be extended.
    expect((await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${first.id}/actions/record_payment`, { method: 'cash' })).statusCode).toBe(200);
    const res = await c['lanhdao.vinhloc']!.post(`/api/dossiers/${first.id}/actions/extend`, { newDueAt: '2026-12-04T16:30:00+07:00', reason: 'Chờ xác minh của Công an tỉnh' });
    expect(res.statusCode, res.body).toBe(200);
    await drainOutbox(t.ctx, [sub]);
    const m = mailsTo(first.code).find((x) => x.subject.startsWith('Thư xin lỗi'))!;
    expect(m.subject).toBe(`Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${first.code}`);
    expect(m.text).toContain('Hồ sơ chưa giải quyết được đúng hạn vì: Chờ xác minh của Công an tỉnh');
    expect(m.text).toContain('hẹn trả kết quả vào 04/12/2026 16:30.');
    expect(smsAbout(first.code).find((s) => s.text.includes('xin lỗi'))!.text).toContain('hẹn trả lại vào 04/12/2026 16:30');
  });

  it('result ready (where and from when) and, once returned, the invitation to rate with its link', async () => {
    t.clock.set('2026-11-23T13:00:00+07:00');
    const d = await receive({ name: 'Đặng Thị Lan', email: 'lan@example.vn', phone: '0905123456' }, { resultDelivery: 'postal' });
    const specialist = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'chuyenvien.vinhloc').executeTakeFirstOrThrow();
    const steps: Array<[string, string, unknown?]> = [
      ['tiepnhan.vinhloc', 'forward'],
      ['truongphong.vinhloc', 'assign', { assigneeId: specialist.id }],
      ['chuyenvien.vinhloc', 'forward'],
      ['truongphong.vinhloc', 'submit_for_approval', { outcome: 'granted' }],
      ['lanhdao.vinhloc', 'approve'],
      ['lanhdao.vinhloc', 'sign'],
    ];
    for (const [who, action, body] of steps) {
      const r = await c[who]!.post(`/api/dossiers/${d.id}/actions/${action}`, body ?? {});
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    }
    t.clock.set('2026-11-23T15:45:00+07:00');
    expect((await c['vanthu.vinhloc']!.post(`/api/dossiers/${d.id}/actions/issue_result`, { resultNumber: '7/BS' })).statusCode).toBe(200);
    t.clock.set('2026-11-25T08:10:00+07:00');
    expect((await c['tiepnhan.vinhloc']!.post(`/api/dossiers/${d.id}/actions/return_result`, {})).statusCode).toBe(200);
    await drainOutbox(t.ctx, [sub]);
    // Receipt, result, rating: the steps in between are not news for the applicant.
    expect((await rowsOf(d.id)).map((r) => `${r.event}/${r.channel}/${r.state}`)).toEqual([
      'received/email/sent',
      'received/sms/sent',
      'result_ready/email/sent',
      'result_ready/sms/sent',
      'rating_invitation/email/sent',
      'rating_invitation/sms/sent',
    ]);
    const result = mailsTo(d.code).find((m) => m.subject === `Hồ sơ ${d.code} đã có kết quả`)!;
    expect(result.text).toContain('Nhận kết quả từ: 23/11/2026 15:45');
    expect(result.text).toContain('Nơi nhận: gửi qua dịch vụ bưu chính công ích');
    const rating = mailsTo(d.code).find((m) => m.subject.startsWith('Mời đánh giá'))!;
    expect(rating.text).toContain('đã được trả kết quả lúc 25/11/2026 08:10');
    expect(rating.text).toContain(`http://motcua.test/tra-cuu/${d.code}#danh-gia`);
    expect(smsAbout(d.code).at(-1)!.text).toContain(`#danh-gia`);
  });
});

describe("a unit's own templates", () => {
  const OWN = 'Hồ sơ {{ma_ho_so}} đã nhận tại {{ten_don_vi}}, hẹn trả {{han_tra}}. Cảm ơn Ông/Bà!';

  it('refuses an unknown placeholder, naming it, and changes nothing', async () => {
    const res = await c['quantri.vinhloc']!.put('/api/notification-templates/20122/received/sms', { body: 'Hồ sơ {{ma_ho_so}} nộp {{so_tien}} và {{ngay_sinh}}' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_input', field: 'body' });
    expect(res.json().message.vi).toContain('{{so_tien}}, {{ngay_sinh}}');
    expect(res.json().message.en).toContain('Placeholder {{so_tien}}, {{ngay_sinh}}');
    expect(await t.ctx.db.selectFrom('notification_templates').selectAll().execute()).toHaveLength(0);
  });

  it("only the unit's admins (and system admins) may change it", async () => {
    expect((await c['quantri.phuvang']!.put('/api/notification-templates/20122/received/sms', { body: OWN })).statusCode).toBe(403);
    expect((await c['tiepnhan.vinhloc']!.get('/api/notification-templates?unit=20122')).statusCode).toBe(403);
  });

  it('previews with example data', async () => {
    const res = await c['quantri.vinhloc']!.post('/api/notification-templates/preview', { event: 'received', channel: 'sms', body: OWN });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().body).toMatch(/^Hồ sơ 000\.00\.01\.H46-261123-0001 đã nhận tại xã Vinh Lộc, hẹn trả \d\d\/\d\d\/\d{4} \d\d:\d\d\. Cảm ơn Ông\/Bà!$/);
    expect(res.json().subject).toBeNull();
  });

  it('the override is used for the next dossier of that unit', async () => {
    const saved = await c['quantri.vinhloc']!.put('/api/notification-templates/20122/received/sms', { body: OWN });
    expect(saved.statusCode, saved.body).toBe(200);
    const listed = (await c['quantri.vinhloc']!.get('/api/notification-templates')).json();
    expect(listed.unit.code).toBe('20122');
    const received = listed.events.find((e: { event: string }) => e.event === 'received');
    expect(received.channels.find((x: { channel: string }) => x.channel === 'sms').override.body).toBe(OWN);
    expect(received.placeholders.map((p: { name: string }) => p.name)).toContain('han_tra');

    const d = await receive({ name: 'Võ Thị Mai', phone: '0977000111', email: 'mai@example.vn' });
    await drainOutbox(t.ctx, [sub]);
    const [text] = smsAbout(d.code);
    expect(text!.text).toMatch(new RegExp(`^Hồ sơ ${d.code.replace(/\./g, '\\.')} đã nhận tại xã Vinh Lộc, hẹn trả \\d\\d/\\d\\d/2026 \\d\\d:\\d\\d\\. Cảm ơn Ông/Bà!$`));
    // The e-mail keeps the default wording: only the SMS was overridden.
    expect(mailsTo(d.code)[0]!.subject).toBe(`Hồ sơ ${d.code} đã được tiếp nhận`);

    expect((await c['quantri.vinhloc']!.delete('/api/notification-templates/20122/received/sms')).json()).toEqual({ ok: true, removed: true });
    expect(await t.ctx.db.selectFrom('notification_templates').selectAll().execute()).toHaveLength(0);
  });

  it("a province's template (set by the system admin) applies to its communes that have none of their own", async () => {
    const saved = await c['admin']!.put('/api/notification-templates/46/received/email', { subject: 'Đã nhận hồ sơ {{ma_ho_so}}', body: 'Hồ sơ {{ma_ho_so}} của Ông/Bà đã được {{ten_don_vi}} tiếp nhận.' });
    expect(saved.statusCode, saved.body).toBe(200);
    const d = await receive({ name: 'Hoàng Văn Nam', email: 'nam@example.vn' });
    await drainOutbox(t.ctx, [sub]);
    const [m] = mailsTo(d.code);
    expect(m!.subject).toBe(`Đã nhận hồ sơ ${d.code}`);
    expect(m!.text.trim()).toBe(`Hồ sơ ${d.code} của Ông/Bà đã được xã Vinh Lộc tiếp nhận.`);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'notification_template').orderBy('id').execute();
    expect(audit.map((a) => `${a.action} ${a.entity_id}`)).toEqual(['notification_template.save 20122/received/sms', 'notification_template.reset 20122/received/sms', 'notification_template.save 46/received/email']);
  });
});
