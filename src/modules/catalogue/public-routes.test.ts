import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = (url: string) => t.anonymous.get(url);

describe('GET /api/public/procedures (search)', () => {
  it('finds "Thủ tục đăng ký khai sinh" from text without diacritics, best match first', async () => {
    const res = await get('/api/public/procedures?q=dang%20ky%20khai%20sinh');
    expect(res.statusCode).toBe(200);
    const codes = res.json().procedures.map((p: { code: string }) => p.code);
    expect(codes[0]).toBe('1.001193');
    expect(codes).toEqual(expect.arrayContaining(['1.001193', '1.003583']));
    // every word must appear: the marriage and death registrations do not match
    expect(codes).not.toContain('1.000894');
    expect(codes).not.toContain('1.000656');
  });

  it('matches with diacritics and capitals too', async () => {
    const res = await get(`/api/public/procedures?q=${encodeURIComponent('ĐĂNG KÝ KHAI TỬ')}`);
    expect(res.json().procedures.map((p: { code: string }) => p.code)).toEqual(['1.000656']);
  });

  it('returns code, name, field, online level and per channel the time limit and fee', async () => {
    const res = await get('/api/public/procedures?q=1.001193');
    const [hit] = res.json().procedures;
    expect(hit).toMatchObject({ code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field: 'Hộ tịch', onlineLevel: 'partial' });
    expect(hit.channels).toContainEqual({
      channel: 'counter',
      timeLimit: { value: 1, unit: null, text: '1' },
      fee: { amount: 0, currency: null, text: 'Miễn phí' },
    });
    expect(res.headers['cache-control']).toContain('max-age');
  });

  it('finds by the start of a code and filters by field without diacritics', async () => {
    const byPrefix = (await get('/api/public/procedures?q=2.000')).json().procedures.map((p: { code: string }) => p.code);
    expect(byPrefix.sort()).toEqual(['2.000815', '2.000908']);
    const chung = (await get('/api/public/procedures?field=chung%20thuc')).json().procedures;
    expect(chung.map((p: { field: string }) => p.field)).toEqual(['Chứng thực', 'Chứng thực']);
  });

  it('treats punctuation and regular-expression characters in the query as nothing special', async () => {
    expect((await get('/api/public/procedures?q=%25')).json().procedures).toEqual([]);
    expect((await get('/api/public/procedures?q=.*')).json().procedures).toEqual([]);
    expect((await get(`/api/public/procedures?q=${encodeURIComponent('khai (sinh')}`)).json().procedures[0].code).toBe('1.001193');
  });

  it('matches whole words, and the last word as a prefix while it is being typed', async () => {
    const typing = (await get('/api/public/procedures?q=dang%20ky%20khai%20si')).json().procedures;
    expect(typing.length).toBeGreaterThan(0);
    for (const p of typing) expect(p.name.toLowerCase()).toContain('khai sinh');
    expect((await get('/api/public/procedures?q=khai%20xyz')).json().procedures).toEqual([]);
  });

  it('honours limit and rejects a bad one naming the field', async () => {
    expect((await get('/api/public/procedures?limit=2')).json().procedures).toHaveLength(2);
    const bad = await get('/api/public/procedures?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('querystring.limit');
    expect(bad.json().message.vi).toBeTruthy();
  });
});

describe('GET /api/public/procedures/{code}', () => {
  it('returns every catalogue field of the version in force', async () => {
    const res = await get('/api/public/procedures/1.001193');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ code: '1.001193', field: 'Hộ tịch', ministry: 'Bộ Tư pháp', version: 1, onlineLevel: 'partial', effectiveTo: null });
    expect(p.effectiveFrom).toBe('2025-07-01T00:00:00+07:00');
    expect(p.components.length).toBeGreaterThan(3);
    const birthCertificate = p.components.find((c: { name: string }) => c.name.startsWith('Giấy chứng sinh'));
    expect(birthCertificate).toMatchObject({ originals: 1, copies: 0, required: true, form: null, note: null });
    expect(birthCertificate.key).toMatch(/^c\d+-[0-9a-f]{6}$/);
    const abandoned = p.components.find((c: { name: string }) => c.name.startsWith('Trường hợp trẻ em bị bỏ rơi'));
    expect(abandoned.required).toBe(false);
    expect(p.channels[0].timeLimit).toEqual({ value: 1, unit: null, text: '1', unitSetBy: null });
    for (const key of ['componentNotes', 'results', 'legalBasis', 'levels']) expect(Array.isArray(p[key])).toBe(true);
    expect(p.legalBasis.length).toBeGreaterThan(0);
    expect(typeof p.steps).toBe('string');
  });

  it('answers 404 in both languages for an unknown code, 400 for a malformed one', async () => {
    const res = await get('/api/public/procedures/9.999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toEqual({ vi: 'Không tìm thấy thủ tục mã 9.999999.', en: 'Procedure 9.999999 not found.' });
    const bad = await get('/api/public/procedures/1.001193;drop');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('params.code');
  });
});

describe('GET /api/public/fields', () => {
  it('lists fields with the number of procedures in force', async () => {
    const res = await get('/api/public/fields');
    expect(res.statusCode).toBe(200);
    const fields = res.json().fields as Array<{ field: string; count: number }>;
    expect(fields).toContainEqual({ field: 'Hộ tịch', count: 6 });
    expect(fields).toContainEqual({ field: 'Chứng thực', count: 2 });
    expect(fields.reduce((s, f) => s + f.count, 0)).toBe(8);
  });
});

describe('GET /api/public/due-date', () => {
  const due = (query: string) => get(`/api/public/due-date?${query}`);
  const at = (s: string) => encodeURIComponent(s);

  it('3 working days from Thu 12/2/2026 09:00 skip Tết (14–22/2): due Tue 24/2 09:00', async () => {
    // The calendar counts the N-th working day after the receipt day: 13/2, 23/2, 24/2 (its own test says so).
    const res = await due(`unit=20122&receivedAt=${at('2026-02-12T09:00:00+07:00')}&limit=3&limitUnit=working_day`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.dueAt).toBe('2026-02-24T09:00:00+07:00');
    expect(body.receivedAt).toBe('2026-02-12T09:00:00+07:00');
    expect(body.effectiveReceivedAt).toBe('2026-02-12T09:00:00+07:00');
    expect(body.limit).toEqual({ value: 3, unit: 'working_day' });
    expect(body.unit).toEqual({ code: '20122', name: 'Xã Vinh Lộc' });
    expect(body.procedure).toBeNull();
    expect(body.calendar.daysOff.map((d: { date: string }) => d.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(body.calendar.daysOff[1]).toEqual({ date: '2026-02-17', kind: 'holiday', name: { vi: 'Tết Nguyên đán (mùng 1 tháng Giêng)', en: 'Lunar New Year (1st day of the 1st lunar month)' } });
    expect(body.calendar.weekendDays).toBe(4); // 14, 15, 21, 22 February
    expect(body.calendar.warnings).toEqual([]);
  });

  it('same_day received at 16:00 on Fri 13/2/2026 is due at the close of office on Mon 23/2', async () => {
    const res = await due(`unit=20122&receivedAt=${at('2026-02-13T16:00:00+07:00')}&limit=0&limitUnit=same_day`);
    expect(res.json().dueAt).toBe('2026-02-23T17:00:00+07:00');
    expect(res.json().calendar.sameDayCutoff).toBe('15:00');
  });

  it('1 working day from Fri 24/4/2026 10:00 skips the day off in lieu on 27/4', async () => {
    const res = await due(`unit=20122&receivedAt=${at('2026-04-24T10:00+07:00')}&limit=1&limitUnit=working_day`);
    expect(res.json().dueAt).toBe('2026-04-28T10:00:00+07:00');
    expect(res.json().calendar.daysOff).toContainEqual(expect.objectContaining({ date: '2026-04-27', kind: 'day_off_in_lieu' }));
  });

  it('1 working day from Wed 31/12/2025 14:00 skips 1/1 and the swapped 2/1', async () => {
    const res = await due(`unit=20122&receivedAt=${at('2025-12-31T14:00+07:00')}&limit=1&limitUnit=working_day`);
    expect(res.json().dueAt).toBe('2026-01-05T14:00:00+07:00');
    expect(res.json().calendar.daysOff.map((d: { kind: string }) => d.kind)).toEqual(['holiday', 'day_off']);
  });

  it('reads a receipt without an offset as Vietnam time, and an unencoded "+" as the offset sign', async () => {
    const local = await due('unit=20122&receivedAt=2026-03-09T12:15&limit=1&limitUnit=working_day');
    expect(local.json().effectiveReceivedAt).toBe('2026-03-09T13:30:00+07:00'); // lunch break: the clock starts at 13:30
    expect(local.json().dueAt).toBe('2026-03-10T13:30:00+07:00');
    const plus = await due('unit=20122&receivedAt=2026-03-09T09:00:00+07:00&limit=1&limitUnit=working_day');
    expect(plus.statusCode).toBe(200);
    expect(plus.json().dueAt).toBe('2026-03-10T09:00:00+07:00');
    const utc = await due('unit=20122&receivedAt=2026-03-09T02:00:00Z&limit=2&limitUnit=hour');
    expect(utc.json().dueAt).toBe('2026-03-09T11:00:00+07:00');
  });

  it('uses a procedure’s time limit for the channel', async () => {
    const res = await due(`unit=20122&receivedAt=${at('2026-03-02T09:00+07:00')}&procedure=1.001695&channel=online`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      limit: { value: 10, unit: 'day' },
      channel: 'online',
      procedure: { code: '1.001695', version: 1 },
      dueAt: '2026-03-12T17:00:00+07:00', // calendar days end at the close of office (calendar module rule)
    });
    const counter = await due(`unit=20122&receivedAt=${at('2026-03-02T09:00+07:00')}&procedure=2.000908`);
    expect(counter.json().limit).toEqual({ value: 1, unit: 'working_day' });
    expect(counter.json().dueAt).toBe('2026-03-03T09:00:00+07:00');
  });

  it('answers 422 with the bilingual reason when the procedure’s time limit has no unit', async () => {
    const res = await due(`unit=20122&receivedAt=${at('2026-03-02T09:00+07:00')}&procedure=1.000094`);
    expect(res.statusCode).toBe(422);
    expect(res.json().message.vi).toContain('chưa xác định đơn vị');
    expect(res.json().message.en).toContain('has no unit');
  });

  it('answers 422 for a channel the procedure does not have, 404 for an unknown procedure', async () => {
    const online = await due(`unit=20122&receivedAt=${at('2026-03-02T09:00+07:00')}&procedure=1.003583&channel=online`);
    expect(online.statusCode).toBe(422);
    expect(online.json().message.vi).toContain('Trực tuyến');
    expect((await due('unit=20122&procedure=9.999999')).statusCode).toBe(404);
  });

  it('answers 422 when the procedure was not yet in force at the receipt time', async () => {
    const res = await due(`unit=20122&receivedAt=${at('2024-03-04T09:00+07:00')}&procedure=2.000908`);
    expect(res.statusCode).toBe(422);
    expect(res.json().message.en).toContain('not in force');
  });

  it('warns when the span reaches a year without a holiday schedule', async () => {
    const res = await due(`unit=20122&receivedAt=${at('2027-03-02T09:00+07:00')}&limit=1&limitUnit=working_day`);
    expect(res.json().calendar.yearsWithoutSchedule).toEqual([2027]);
    expect(res.json().calendar.warnings[0].vi).toContain('2027');
  });

  it('defaults the receipt to now', async () => {
    t.clock.set('2026-11-23T09:00:00+07:00');
    const res = await due('unit=20122&limit=1&limitUnit=working_day');
    expect(res.json().receivedAt).toBe('2026-11-23T09:00:00+07:00');
    expect(res.json().dueAt).toBe('2026-11-25T09:00:00+07:00'); // 24/11 is Vietnamese Culture Day
  });

  it.each([
    ['unit=99999&limit=1&limitUnit=day', 'querystring.unit'],
    ['unit=abc&limit=1&limitUnit=day', 'querystring.unit'],
    ['unit=20122&receivedAt=2026-02-30T09:00:00%2B07:00&limit=1&limitUnit=day', 'querystring.receivedAt'],
    ['unit=20122&receivedAt=tomorrow&limit=1&limitUnit=day', 'querystring.receivedAt'],
    ['unit=20122&receivedAt=2026-02-12&limit=1&limitUnit=day', 'querystring.receivedAt'],
    ['unit=20122&procedure=2.000908&limit=1&limitUnit=day', 'querystring.procedure'],
    ['unit=20122', 'querystring.procedure'],
    ['unit=20122&limit=-1&limitUnit=day', 'querystring.limit'],
    ['unit=20122&limit=1.5&limitUnit=day', 'querystring.limit'],
    ['unit=20122&limit=1', 'querystring.limitUnit'],
    ['unit=20122&limit=1&limitUnit=month', 'querystring.limitUnit'],
    ['unit=20122&limitUnit=day', 'querystring.limit'],
    ['unit=20122&limit=1&limitUnit=day&channel=fax', 'querystring.channel'],
  ])('rejects %s naming %s, in both languages', async (query, field) => {
    const res = await due(query);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message.vi).toBeTruthy();
    expect(res.json().message.en).toBeTruthy();
    expect(res.json().message.vi).not.toBe(res.json().message.en);
  });
});

describe('the public contract', () => {
  it('lists the public paths in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const path of ['/api/public/procedures', '/api/public/procedures/{code}', '/api/public/fields', '/api/public/due-date']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    const params = doc.paths['/api/public/due-date'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['unit', 'receivedAt', 'channel', 'procedure', 'limit', 'limitUnit']));
  });

  it('serves the public routes to a signed-in official the same way', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const res = await c.get('/api/public/procedures/2.000908');
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toBe('2.000908');
  });
});
