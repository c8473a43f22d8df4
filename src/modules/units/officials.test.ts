// The officials and offices of a unit, for the assign / forward / consult pickers: names and roles only,
// for the unit's own officials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('GET /api/units/:code/officials', () => {
  it("lists the unit's working officials with their roles and offices, and the offices with ids", async () => {
    const head = await t.login('truongphong.vinhloc');
    const res = await head.get('/api/units/20122/officials');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const names = body.officials.map((o: { fullName: string }) => o.fullName);
    expect(names).toContain('Lê Văn Minh');
    const minh = body.officials.find((o: { fullName: string }) => o.fullName === 'Lê Văn Minh');
    expect(minh.roles).toEqual([{ role: 'specialist', roleName: { vi: 'Chuyên viên', en: 'Specialist' }, officeCode: 'VHXH', officeName: 'Phòng Văn hóa - Xã hội' }]);
    // Admins and province viewers are not people a dossier is assigned to.
    const roles = body.officials.flatMap((o: { roles: Array<{ role: string }> }) => o.roles.map((r) => r.role));
    expect(roles).not.toContain('centre_admin');
    expect(roles).not.toContain('province_viewer');
    expect(roles).not.toContain('system_admin');
    // No personal data.
    expect(JSON.stringify(body)).not.toMatch(/phone|email|username/);
    const vhxh = body.offices.find((o: { code: string }) => o.code === 'VHXH');
    expect(vhxh).toMatchObject({ name: 'Phòng Văn hóa - Xã hội', kind: 'office' });
    expect(typeof vhxh.id).toBe('number');
  });

  it("does not list another commune's officials", async () => {
    const head = await t.login('truongphong.vinhloc');
    const names = (await head.get('/api/units/20122/officials')).json().officials.map((o: { id: number }) => o.id);
    const other = (await (await t.login('truongphong.phuvang')).get('/api/units/19942/officials')).json().officials.map((o: { id: number }) => o.id);
    expect(names.filter((id: number) => other.includes(id))).toEqual([]);
  });

  it("refuses another commune's official (403), a province viewer (403) and anonymous callers (401)", async () => {
    const res = await (await t.login('truongphong.phuvang')).get('/api/units/20122/officials');
    expect(res.statusCode).toBe(403);
    expect(res.json().message.vi).toContain('Xã Vinh Lộc');
    expect((await (await t.login('theodoi.hue')).get('/api/units/20122/officials')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/units/20122/officials')).statusCode).toBe(401);
  });

  it('answers 400 naming the field for a malformed code and 404 for an unknown one', async () => {
    const head = await t.login('truongphong.vinhloc');
    const bad = await head.get('/api/units/abc/officials');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('params.code');
    expect((await head.get('/api/units/99999/officials')).statusCode).toBe(404);
  });
});
