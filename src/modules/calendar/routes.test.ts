import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { verifyAudit } from '../audit/chain.js';
import { computeDueAt, formatVietnamTime, generateYear, parseVietnamTime } from './index.js';
import { calendarWarnings, checkDays } from './routes.js';
import { loadWorkCalendar } from './store.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const VINH_LOC = '20122';
type Day = { date: string; kind: string; name: string; scope: string; source: string | null; overridden: boolean };

async function vinhLocId(): Promise<number> {
  await t.ctx.units.ready();
  return t.ctx.units.byCode(VINH_LOC)!.id;
}

/** Due date of a one-working-day procedure received on Thursday 15/4/2027 at 09:00, in Vinh Lộc. */
async function dueOverGioTo2027(): Promise<string> {
  const cal = await loadWorkCalendar(t.ctx.db, await vinhLocId());
  return formatVietnamTime(computeDueAt(cal, parseVietnamTime('2027-04-15T09:00'), { value: 1, unit: 'working_day' }));
}

describe('GET /api/calendar/{year}', () => {
  it('lists the shipped 2026 schedule: Tết, the day off in lieu and the swapped Saturday', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const res = await c.get('/api/calendar/2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2026, unit: null, shipped: true });
    const byDate = new Map<string, Day>(body.days.map((d: Day) => [d.date, d]));
    expect(byDate.get('2026-02-17')).toMatchObject({ kind: 'holiday', name: 'Tết Nguyên đán (mùng 1 tháng Giêng)', scope: 'national', source: 'shipped' });
    expect(byDate.get('2026-04-27')).toMatchObject({ kind: 'day_off_in_lieu', scope: 'national' });
    expect(byDate.get('2026-01-10')).toMatchObject({ kind: 'working_day', nameEn: 'Working Saturday, swapped for Friday 2 January 2026' });
    expect(body.days.every((d: Day) => d.date.startsWith('2026-'))).toBe(true);
  });

  it('says 2027 has no shipped schedule and no days yet', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    expect((await c.get('/api/calendar/2027')).json()).toEqual({ year: 2027, unit: null, shipped: false, days: [] });
  });

  it('names bad input and refuses the anonymous', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const year = await c.get('/api/calendar/20266');
    expect(year.statusCode).toBe(400);
    expect(year.json().field).toBe('params.year');
    const unit = await c.get('/api/calendar/2026?unit=99999');
    expect(unit.statusCode).toBe(400);
    expect(unit.json().field).toBe('querystring.unit');
    expect((await t.anonymous.get('/api/calendar/2026')).statusCode).toBe(401);
  });
});

describe('GET /api/calendar/{year}/suggestions', () => {
  it('suggests 2027’s statutory days from the lunar calendar, each marked as a suggestion', async () => {
    const c = await t.login('quantri.vinhloc');
    const res = await c.get('/api/calendar/2027/suggestions');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ year: 2027, shipped: false, hasSchedule: false });
    expect(body.source).toContain('Bộ Nội vụ');
    const dates = body.days.map((d: { date: string }) => d.date);
    expect(dates).toEqual(expect.arrayContaining(['2027-02-06', '2027-04-16', '2027-11-24']));
    expect(body.days.every((d: { suggestion: boolean }) => d.suggestion === true)).toBe(true);
    expect(body.days.find((d: { date: string }) => d.date === '2027-04-16')).toMatchObject({ kind: 'holiday', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
  });

  it('knows 2026 already has a schedule', async () => {
    const c = await t.login('quantri.vinhloc');
    expect((await c.get('/api/calendar/2026/suggestions')).json()).toMatchObject({ shipped: true, hasSchedule: true });
  });
});

describe('PUT /api/calendar/{year}', () => {
  it('refuses a centre admin the national days (403) and leaves them untouched', async () => {
    const centre = await t.login('quantri.vinhloc');
    const res = await centre.put('/api/calendar/2027', { days: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json().message.vi).toContain('toàn quốc');
    expect((await t.login('lanhdao.vinhloc').then((c) => c.put('/api/calendar/2027', { unit: VINH_LOC, days: [] }))).statusCode).toBe(403);
    expect((await t.anonymous.put('/api/calendar/2027', { days: [] })).statusCode).toBe(401);
  });

  it('lets the system admin confirm 2027’s national days, which due dates then follow', async () => {
    expect(await dueOverGioTo2027()).toBe('2027-04-16T09:00');
    const admin = await t.login('admin');
    const days = generateYear(2027).days;
    const res = await admin.put('/api/calendar/2027', { source: 'Thông báo của Bộ Nội vụ (thử nghiệm)', days });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.days).toHaveLength(days.length);
    expect(body.days[0]).toMatchObject({ date: '2027-01-01', scope: 'national', source: 'Thông báo của Bộ Nội vụ (thử nghiệm)' });
    expect(body.warnings).toEqual([]);
    // Giỗ Tổ, Friday 16/4/2027, is now off: the one-day limit runs to Monday.
    expect(await dueOverGioTo2027()).toBe('2027-04-19T09:00');
    expect((await admin.get('/api/calendar/2027/suggestions')).json().hasSchedule).toBe(true);
  });

  it('replaces the year as a whole, and audits what changed', async () => {
    const admin = await t.login('admin');
    const days = generateYear(2027).days.filter((d) => d.date !== '2027-04-16');
    expect((await admin.put('/api/calendar/2027', { days })).statusCode).toBe(200);
    expect(await dueOverGioTo2027()).toBe('2027-04-16T09:00');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['chain', 'details']).where('action', '=', 'calendar.replace_year').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.chain).toBe('system');
    expect(audit.details).toMatchObject({ year: 2027, unit: null, added: [], removed: ['2027-04-16'], changed: [] });
  });

  it('lets a centre admin enter their commune’s own days, which win over the national ones', async () => {
    const centre = await t.login('quantri.vinhloc');
    const res = await centre.put('/api/calendar/2027', {
      unit: VINH_LOC,
      days: [{ date: '2027-04-16', kind: 'day_off', name: 'Nghỉ lễ hội địa phương', nameEn: 'Local festival day off' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().days.filter((d: Day) => d.scope === 'unit')).toEqual([
      expect.objectContaining({ date: '2027-04-16', kind: 'day_off', overridden: false }),
    ]);
    expect(await dueOverGioTo2027()).toBe('2027-04-19T09:00');
    // Phú Vang keeps the national calendar.
    const phuVang = (await centre.get('/api/calendar/2027?unit=19942')).json().days;
    expect(phuVang.some((d: Day) => d.date === '2027-04-16')).toBe(false);
    expect((await (await t.login('quantri.phuvang')).put('/api/calendar/2027', { unit: VINH_LOC, days: [] })).statusCode).toBe(403);
  });

  it('marks a national day that the unit replaces', async () => {
    const centre = await t.login('quantri.vinhloc');
    await centre.put('/api/calendar/2027', { unit: VINH_LOC, days: [{ date: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch (xã)', nameEn: "New Year's Day (commune)" }] });
    const days = (await centre.get(`/api/calendar/2027?unit=${VINH_LOC}`)).json().days.filter((d: Day) => d.date === '2027-01-01');
    expect(days.map((d: Day) => [d.scope, d.overridden])).toEqual([
      ['national', true],
      ['unit', false],
    ]);
  });

  it.each([
    [[{ date: '2028-01-03', kind: 'holiday', name: 'A', nameEn: 'A' }], 'body.days.0.date', 'không thuộc năm 2027'],
    [[{ date: '2027-02-30', kind: 'holiday', name: 'A', nameEn: 'A' }], 'body.days.0.date', 'YYYY-MM-DD'],
    [
      [
        { date: '2027-05-03', kind: 'holiday', name: 'A', nameEn: 'A' },
        { date: '2027-05-03', kind: 'day_off', name: 'B', nameEn: 'B' },
      ],
      'body.days.1.date',
      'hai lần',
    ],
    [[{ date: '2027-05-04', kind: 'working_day', name: 'A', nameEn: 'A' }], 'body.days.0.date', 'thứ Bảy hoặc Chủ nhật'],
    [[{ date: '2027-05-08', kind: 'day_off_in_lieu', name: 'A', nameEn: 'A' }], 'body.days.0.date', 'cuối tuần'],
    [[{ date: '2027-05-04', kind: 'vacation', name: 'A', nameEn: 'A' }], 'body.days.0.kind', ''],
    [[{ date: '2027-05-04', kind: 'holiday', name: '', nameEn: 'A' }], 'body.days.0.name', ''],
  ])('refuses %j naming %s', async (days, field, vi) => {
    const admin = await t.login('admin');
    const res = await admin.put('/api/calendar/2027', { days });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message.vi).toContain(vi);
    expect(res.json().message.en.length).toBeGreaterThan(5);
  });

  it('keeps the audit chains intact', async () => {
    expect((await verifyAudit(t.ctx.db)).problems).toEqual([]);
  });
});

describe('GET /api/calendar/working-day', () => {
  it.each([
    ['2026-01-10', true, 'working_day'],
    ['2026-01-02', false, 'day_off'],
    ['2026-02-17', false, 'holiday'],
    ['2026-04-27', false, 'day_off_in_lieu'],
    ['2026-11-25', true, 'weekday'],
    ['2026-11-28', false, 'weekend'],
  ])('%s is working=%s (%s) in Vinh Lộc', async (date, working, reason) => {
    const c = await t.login('chuyenvien.vinhloc');
    const res = await c.get(`/api/calendar/working-day?unit=${VINH_LOC}&date=${date}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ date, unit: VINH_LOC, working, reason });
    expect(res.json().officeHours.length > 0).toBe(working);
  });

  it('names the missing or bad field', async () => {
    const c = await t.login('chuyenvien.vinhloc');
    expect((await c.get(`/api/calendar/working-day?unit=${VINH_LOC}&date=2026-13-01`)).json().field).toBe('querystring.date');
    expect((await c.get('/api/calendar/working-day?date=2026-11-25')).json().field).toBe('querystring.unit');
  });
});

describe('checkDays and calendarWarnings', () => {
  it('accepts both shipped-shape suggestions and flags an uncompensated weekend holiday', () => {
    expect(() => checkDays(2027, generateYear(2027).days)).not.toThrow();
    expect(calendarWarnings(generateYear(2027).days)).toEqual([]);
    const withoutInLieu = generateYear(2027).days.filter((d) => d.date !== '2027-05-03');
    expect(calendarWarnings(withoutInLieu).map((w) => w.date)).toEqual(['2027-05-01']);
  });

  it('warns when swaps do not balance', () => {
    const warnings = calendarWarnings([{ date: '2027-01-02', kind: 'working_day' }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message.en).toContain('do not balance');
  });
});
