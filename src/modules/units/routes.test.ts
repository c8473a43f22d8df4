import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { loadWorkCalendar } from '../calendar/store.js';
import { verifyAudit } from '../audit/chain.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const VINH_LOC = '20122';
const PHU_VANG = '19942';
const DAN_DIEN = '19885';

async function unitId(code: string): Promise<number> {
  await t.ctx.units.ready();
  return t.ctx.units.byCode(code)!.id;
}

describe('GET /api/units', () => {
  it('finds a commune by its name typed without diacritics, and ranks the exact spelling first', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const res = await c.get('/api/units?q=vinh%20loc');
    expect(res.statusCode).toBe(200);
    const units = res.json().units as Array<{ code: string; name: string }>;
    // Xã Vinh Lộc (Huế) and Xã Vĩnh Lộc (elsewhere) both fold to "xa vinh loc".
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['Xã Vinh Lộc', 'Xã Vĩnh Lộc']));
    const exact = (await c.get(`/api/units?q=${encodeURIComponent('Vinh Lộc')}`)).json().units;
    expect(exact[0]).toMatchObject({ code: VINH_LOC, name: 'Xã Vinh Lộc', kind: 'commune', parentCode: '46', parentName: 'Thành phố Huế', identifierSource: 'derived', mergedInto: null, mergedAt: null });
    expect(exact.map((u: { name: string }) => u.name)).toContain('Xã Vĩnh Lộc');
  });

  it('finds a unit by its code and by its identifier', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const byCode = (await c.get(`/api/units?q=${PHU_VANG}`)).json().units;
    expect(byCode.map((u: { code: string }) => u.code)).toEqual([PHU_VANG]);
    const identifier = byCode[0].identifier as string;
    expect(identifier).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H46$/);
    const byIdentifier = (await c.get(`/api/units?q=${encodeURIComponent(identifier)}`)).json().units;
    expect(byIdentifier.map((u: { code: string }) => u.code)).toEqual([PHU_VANG]);
  });

  it('filters by province and kind, and honours the limit', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const res = (await c.get('/api/units?province=46&kind=ward&limit=500')).json().units as Array<{ kind: string; parentCode: string }>;
    expect(res.length).toBeGreaterThan(5);
    expect(res.every((u) => u.kind === 'ward' && u.parentCode === '46')).toBe(true);
    expect((await c.get('/api/units?province=46&limit=3')).json().units).toHaveLength(3);
    expect((await c.get('/api/units?kind=province&limit=500')).json().units).toHaveLength(34);
  });

  it('names the bad query field, and refuses the anonymous', async () => {
    const c = await t.login('tiepnhan.vinhloc');
    const bad = await c.get('/api/units?province=99');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'querystring.province', message: { vi: expect.stringContaining('tỉnh') } });
    const limit = await c.get('/api/units?limit=0');
    expect(limit.statusCode).toBe(400);
    expect(limit.json().field).toBe('querystring.limit');
    expect((await t.anonymous.get('/api/units?q=vinh')).statusCode).toBe(401);
  });
});

describe('GET /api/units/{code}', () => {
  it('shows the offices and the default office hours', async () => {
    const c = await t.login('chuyenvien.phuvang');
    const res = await c.get(`/api/units/${VINH_LOC}`);
    expect(res.statusCode).toBe(200);
    const u = res.json();
    expect(u.offices.map((o: { code: string }) => o.code)).toEqual(['KT', 'LD', 'TTPVHCC', 'VHXH', 'VP']);
    expect(u.officeHours).toEqual({
      weekdayHours: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      saturdayMorning: null,
      saturdayCountsForDeadlines: false,
      sameDayCutoff: '15:00',
      isDefault: true,
    });
    expect(u.mergedUnits).toEqual([]);
  });

  it('answers 404 for an unknown code and 400 for a malformed one', async () => {
    const c = await t.login('chuyenvien.phuvang');
    expect((await c.get('/api/units/99999')).statusCode).toBe(404);
    const bad = await c.get('/api/units/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('params.code');
  });
});

describe('PATCH /api/units/{code}', () => {
  it('lets the system admin set the official identifier, which the directory then uses', async () => {
    const admin = await t.login('admin');
    const res = await admin.patch(`/api/units/${VINH_LOC}`, { identifier: '000.24.31.H46' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ identifier: '000.24.31.H46', identifierSource: 'official' });
    await t.ctx.units.ready();
    expect(t.ctx.units.byCode(VINH_LOC)?.identifier).toBe('000.24.31.H46');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', VINH_LOC).execute();
    expect(audit).toContainEqual({ action: 'unit.update', details: { identifier: { from: expect.stringMatching(/H46$/), to: '000.24.31.H46' } } });
  });

  it('refuses an identifier already used by another unit (409) and a malformed one (400)', async () => {
    const admin = await t.login('admin');
    const taken = await admin.patch(`/api/units/${PHU_VANG}`, { identifier: '000.24.31.H46' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ field: 'body.identifier', message: { vi: expect.stringContaining(VINH_LOC) } });
    const bad = await admin.patch(`/api/units/${PHU_VANG}`, { identifier: '000.24.31.h46' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'body.identifier', message: { vi: expect.stringContaining('QCVN 102'), en: expect.stringContaining('QCVN 102') } });
    const empty = await admin.patch(`/api/units/${PHU_VANG}`, {});
    expect(empty.statusCode).toBe(400);
  });

  it('is for system admins only', async () => {
    const centre = await t.login('quantri.vinhloc');
    const res = await centre.patch(`/api/units/${VINH_LOC}`, { name: 'Xã Vinh Lộc mới' });
    expect(res.statusCode).toBe(403);
    const unit = await t.ctx.db.selectFrom('units').select('name').where('code', '=', VINH_LOC).executeTakeFirstOrThrow();
    expect(unit.name).toBe('Xã Vinh Lộc');
  });
});

describe('PUT /api/units/{code}/office-hours', () => {
  const week = {
    weekdayHours: [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
    saturdayMorning: { start: '07:30', end: '11:30' },
    sameDayCutoff: '15:30',
  };

  it('lets the centre admin set the week, and the working calendar follows at once', async () => {
    const id = await unitId(VINH_LOC);
    expect((await loadWorkCalendar(t.ctx.db, id)).schedule.hours[6]).toEqual([]);
    const centre = await t.login('quantri.vinhloc');
    const res = await centre.put(`/api/units/${VINH_LOC}/office-hours`, week);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...week, saturdayCountsForDeadlines: false, isDefault: false });
    const cal = await loadWorkCalendar(t.ctx.db, id);
    expect(cal.schedule.hours[1]?.[0]).toEqual({ start: '07:00', end: '11:30' });
    expect(cal.schedule.hours[6]).toEqual([{ start: '07:30', end: '11:30' }]);
    expect(cal.schedule.sameDayCutoff).toBe('15:30');
    expect((await centre.get(`/api/units/${VINH_LOC}`)).json().officeHours.sameDayCutoff).toBe('15:30');
  });

  it('names the field at fault, in both languages', async () => {
    const centre = await t.login('quantri.vinhloc');
    const backwards = await centre.put(`/api/units/${VINH_LOC}/office-hours`, { weekdayHours: [{ start: '11:30', end: '07:30' }] });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ field: 'body.weekdayHours', message: { vi: expect.stringContaining('thứ Hai'), en: expect.stringContaining('Monday') } });
    const overlap = await centre.put(`/api/units/${VINH_LOC}/office-hours`, {
      weekdayHours: [
        { start: '07:30', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
    });
    expect(overlap.json().field).toBe('body.weekdayHours');
    const saturday = await centre.put(`/api/units/${VINH_LOC}/office-hours`, { saturdayCountsForDeadlines: true });
    expect(saturday.statusCode).toBe(400);
    expect(saturday.json().field).toBe('body.saturdayCountsForDeadlines');
    const clock = await centre.put(`/api/units/${VINH_LOC}/office-hours`, { sameDayCutoff: '25:00' });
    expect(clock.statusCode).toBe(400);
    expect(clock.json()).toMatchObject({ field: 'body.sameDayCutoff', message: { vi: expect.stringContaining('HH:MM') } });
    // Nothing was stored by the refused requests.
    expect((await loadWorkCalendar(t.ctx.db, await unitId(VINH_LOC))).schedule.sameDayCutoff).toBe('15:30');
  });

  it('refuses another commune’s centre admin and officials who are not admins', async () => {
    expect((await (await t.login('quantri.phuvang')).put(`/api/units/${VINH_LOC}/office-hours`, week)).statusCode).toBe(403);
    expect((await (await t.login('lanhdao.vinhloc')).put(`/api/units/${VINH_LOC}/office-hours`, week)).statusCode).toBe(403);
    expect((await t.anonymous.put(`/api/units/${VINH_LOC}/office-hours`, week)).statusCode).toBe(401);
  });

  it('returns to the default week with {}', async () => {
    const centre = await t.login('quantri.vinhloc');
    const res = await centre.put(`/api/units/${VINH_LOC}/office-hours`, {});
    expect(res.json()).toMatchObject({ isDefault: true, saturdayMorning: null, sameDayCutoff: '15:00' });
    expect((await loadWorkCalendar(t.ctx.db, await unitId(VINH_LOC))).schedule.hours[6]).toEqual([]);
  });
});

describe('offices', () => {
  it('lets the centre admin add an office to their unit, once', async () => {
    const centre = await t.login('quantri.vinhloc');
    const res = await centre.post(`/api/units/${VINH_LOC}/offices`, { code: 'tp', name: 'Phòng Tư pháp', kind: 'office' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ code: 'TP', name: 'Phòng Tư pháp', kind: 'office' });
    expect((await centre.get(`/api/units/${VINH_LOC}/offices`)).json().offices.map((o: { code: string }) => o.code)).toContain('TP');
    const again = await centre.post(`/api/units/${VINH_LOC}/offices`, { code: 'TP', name: 'Phòng Tư pháp 2', kind: 'office' });
    expect(again.statusCode).toBe(409);
    expect(again.json().field).toBe('body.code');
  });

  it('refuses another commune’s admin and bad input', async () => {
    const other = await t.login('quantri.phuvang');
    expect((await other.post(`/api/units/${VINH_LOC}/offices`, { code: 'X', name: 'X', kind: 'office' })).statusCode).toBe(403);
    const centre = await t.login('quantri.vinhloc');
    const bad = await centre.post(`/api/units/${VINH_LOC}/offices`, { code: 'Tư pháp', name: 'Phòng', kind: 'office' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.code');
    const kind = await centre.post(`/api/units/${VINH_LOC}/offices`, { code: 'Y', name: 'Phòng', kind: 'department' });
    expect(kind.json().field).toBe('body.kind');
  });
});

describe('POST /api/units/{code}/merge', () => {
  it('is for system admins only', async () => {
    const centre = await t.login('quantri.vinhloc');
    expect((await centre.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: VINH_LOC })).statusCode).toBe(403);
  });

  it('refuses a merge into itself, into a province, and an unknown successor', async () => {
    const admin = await t.login('admin');
    const self = await admin.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: DAN_DIEN });
    expect(self.statusCode).toBe(400);
    expect(self.json().field).toBe('body.successorCode');
    expect((await admin.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: '46' })).statusCode).toBe(422);
    const unknown = await admin.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: '99999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('body.successorCode');
  });

  it('refuses a successor in another province, even to an admin covering both', async () => {
    const admin = await t.login('admin');
    const province = await t.ctx.db.selectFrom('units').select('id').where('code', '=', '01').executeTakeFirstOrThrow();
    const commune = await t.ctx.db.selectFrom('units').select('code').where('parent_id', '=', province.id).limit(1).executeTakeFirstOrThrow();
    expect((await admin.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: commune.code })).statusCode).toBe(403);
    const account = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('role_grants').values({ account_id: account.id, role: 'system_admin', unit_id: province.id }).execute();
    const res = await admin.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: commune.code });
    expect(res.statusCode).toBe(422);
    expect(res.json().message.en).toContain('same province');
    await t.ctx.db.deleteFrom('role_grants').where('account_id', '=', account.id).where('unit_id', '=', province.id).execute();
  });

  it('merges Đan Điền into Vinh Lộc: Vinh Lộc’s officials now cover it, Phú Vang’s do not', async () => {
    await t.ctx.units.ready();
    const [danDien, vinhLoc, phuVang] = [await unitId(DAN_DIEN), await unitId(VINH_LOC), await unitId(PHU_VANG)];
    expect(t.ctx.units.covers(vinhLoc, danDien)).toBe(false);

    const admin = await t.login('admin');
    const res = await admin.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: VINH_LOC, mergedAt: '2026-11-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: DAN_DIEN, mergedInto: { code: VINH_LOC, name: 'Xã Vinh Lộc' }, mergedAt: '2026-10-31T17:00:00.000Z' });

    await t.ctx.units.ready();
    expect(t.ctx.units.covers(vinhLoc, danDien)).toBe(true);
    expect(t.ctx.units.covers(phuVang, danDien)).toBe(false);
    expect(t.ctx.units.successor(danDien)?.code).toBe(VINH_LOC);

    const vinhLocPage = (await admin.get(`/api/units/${VINH_LOC}`)).json();
    expect(vinhLocPage.mergedUnits).toEqual([expect.objectContaining({ code: DAN_DIEN, name: 'Xã Đan Điền', mergedInto: { code: VINH_LOC, name: 'Xã Vinh Lộc' } })]);
    expect((await admin.get(`/api/units?q=dan%20dien`)).json().units[0].mergedInto).toEqual({ code: VINH_LOC, name: 'Xã Vinh Lộc' });
  });

  it('lets a Vinh Lộc centre admin administer Đan Điền after the merge, not a Phú Vang one', async () => {
    const vinhLoc = await t.login('quantri.vinhloc');
    expect((await vinhLoc.put(`/api/units/${DAN_DIEN}/office-hours`, { sameDayCutoff: '16:00' })).statusCode).toBe(200);
    expect((await (await t.login('quantri.phuvang')).put(`/api/units/${DAN_DIEN}/office-hours`, {})).statusCode).toBe(403);
  });

  it('refuses to merge again, to merge into a merged unit, and to add offices to a merged unit', async () => {
    const admin = await t.login('admin');
    expect((await admin.post(`/api/units/${DAN_DIEN}/merge`, { successorCode: PHU_VANG })).statusCode).toBe(409);
    const intoMerged = await admin.post(`/api/units/${PHU_VANG}/merge`, { successorCode: DAN_DIEN });
    expect(intoMerged.statusCode).toBe(422);
    expect(intoMerged.json().message.vi).toContain('Xã Vinh Lộc');
    expect((await admin.post(`/api/units/${DAN_DIEN}/offices`, { code: 'NEW', name: 'Phòng mới', kind: 'office' })).statusCode).toBe(409);
  });

  it('keeps the audit chains intact', async () => {
    const v = await verifyAudit(t.ctx.db);
    expect(v.problems).toEqual([]);
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('action', 'in', ['unit.merge', 'unit.absorb']).execute()).map((r) => r.action);
    expect(actions.sort()).toEqual(['unit.absorb', 'unit.merge']);
  });
});
