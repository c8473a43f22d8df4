import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { feedbackIndexInputs } from './store.js';

describe('feedbackIndexInputs', () => {
  let t: TestApp;
  let unitId: number;
  beforeAll(async () => {
    t = await createTestApp();
    unitId = (await t.ctx.db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  it('counts received, answered on time and ratings of answers in the local-date period', async () => {
    const base = { unit_id: unitId, kind: 'complaint' as const, channel: 'online' as const, subject: 'Chậm trả', content: 'Hồ sơ trả chậm hơn hẹn', sender_name: 'Nguyễn A' };
    await t.ctx.db.insertInto('feedback').values([
      // received 2026-11-02 (local), answered on time, rated satisfied
      { ...base, code: 'PA.TEST.0001', received_at: '2026-11-02T08:00:00+07:00', due_at: '2026-11-16T17:00:00+07:00',
        answer: 'Đã xử lý xong ạ.', answered_at: '2026-11-10T09:00:00+07:00', satisfied: true, rated_at: '2026-11-11T09:00:00+07:00' },
      // received 2026-11-03, answered late, rated not satisfied
      { ...base, code: 'PA.TEST.0002', received_at: '2026-11-03T08:00:00+07:00', due_at: '2026-11-17T17:00:00+07:00',
        answer: 'Đã xử lý xong ạ.', answered_at: '2026-11-20T09:00:00+07:00', satisfied: false, rated_at: '2026-11-21T09:00:00+07:00' },
      // received 2026-10-31 23:30 local (2026-10-31T16:30Z): outside; answered in period, rated satisfied
      { ...base, code: 'PA.TEST.0003', received_at: '2026-10-31T23:30:00+07:00', due_at: '2026-11-14T17:00:00+07:00',
        answer: 'Đã xử lý xong ạ.', answered_at: '2026-11-05T09:00:00+07:00', satisfied: true, rated_at: '2026-11-05T10:00:00+07:00' },
      // received 2026-11-30 23:59 local: inside; open
      { ...base, code: 'PA.TEST.0004', received_at: '2026-11-30T23:59:00+07:00', due_at: '2026-12-14T17:00:00+07:00' },
      // received 2026-12-01 00:00 local: outside
      { ...base, code: 'PA.TEST.0005', received_at: '2026-12-01T00:00:00+07:00', due_at: '2026-12-15T17:00:00+07:00' },
    ]).execute();
    expect(await feedbackIndexInputs(t.ctx.db, [unitId], '2026-11-01', '2026-11-30')).toEqual({
      received: 3, answered: 2, answeredOnTime: 1, rated: 3, satisfied: 2,
    });
    expect(await feedbackIndexInputs(t.ctx.db, [unitId + 100000], '2026-11-01', '2026-11-30')).toEqual({
      received: 0, answered: 0, answeredOnTime: 0, rated: 0, satisfied: 0,
    });
    expect(await feedbackIndexInputs(t.ctx.db, [], '2026-11-01', '2026-11-30')).toEqual({
      received: 0, answered: 0, answeredOnTime: 0, rated: 0, satisfied: 0,
    });
  });
});

describe('feedback codes under concurrency', () => {
  it('parallel intakes at one unit get consecutive, distinct codes', async () => {
    const t = await createTestApp({ now: '2026-11-25T09:00:00+07:00' });
    try {
      const officer = await t.login('tiepnhan.vinhloc');
      const body = { unit: '20122', kind: 'suggestion', channel: 'counter', subject: 'Góp ý', content: 'Đề nghị niêm yết thêm thủ tục.', senderName: 'Lê Văn B' };
      const res = await Promise.all(Array.from({ length: 6 }, () => officer.post('/api/feedback', body)));
      expect(res.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(res.map((r) => r.json().code as string).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `PA.20122.261125.000${n}`));
    } finally {
      await t.close();
    }
  });
});
