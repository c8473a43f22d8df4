import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { readDataFile } from '../../seed.js';
import { limitFor } from './domain.js';
import { getVersionAt, getVersionById } from './store.js';
import { findWorkflow } from '../dossiers/workflow-store.js';

let t: TestApp;
let admin: TestClient;
let centreAdmin: TestClient;
let officer: TestClient;
const file = readDataFile('procedures.json') as { procedures: Array<Record<string, unknown> & { code: string }> };
const record = (code: string) => structuredClone(file.procedures.find((p) => p.code === code)!);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  centreAdmin = await t.login('quantri.vinhloc');
  officer = await t.login('tiepnhan.vinhloc');
});
afterAll(async () => t?.close());

const auditActions = async (action: string) =>
  t.ctx.db.selectFrom('audit_log').select(['chain', 'entity_id', 'details', 'actor_role']).where('action', '=', action).orderBy('id').execute();

describe('who may call the admin routes', () => {
  it.each([
    ['GET', '/api/procedures/1.001193/versions'],
    ['POST', '/api/procedures/1.001193/versions'],
    ['PUT', '/api/procedures/1.000094/channels/counter/time-limit'],
    ['POST', '/api/procedures/import'],
  ])('anonymous gets 401 on %s %s', async (method, url) => {
    const res = method === 'GET' ? await t.anonymous.get(url) : method === 'PUT' ? await t.anonymous.put(url, { value: 1, unit: 'day' }) : await t.anonymous.post(url, {});
    expect(res.statusCode).toBe(401);
    expect(res.json().message.vi).toBe('Vui lòng đăng nhập.');
  });

  it('a centre admin cannot change the national catalogue (403 in both languages)', async () => {
    const imported = await centreAdmin.post('/api/procedures/import', { procedures: [record('1.001193')] });
    expect(imported.statusCode).toBe(403);
    expect(imported.json().message.vi).toContain('quản trị hệ thống');
    expect((await centreAdmin.post('/api/procedures/1.001193/versions', { patch: { name: 'Tên mới của thủ tục' } })).statusCode).toBe(403);
    expect((await centreAdmin.put('/api/procedures/1.000094/channels/counter/time-limit', { value: 3, unit: 'working_day' })).statusCode).toBe(403);
    expect((await officer.post('/api/procedures/import', [record('1.001193')])).statusCode).toBe(403);
  });
});

describe('GET /api/procedures/{code}/versions', () => {
  it('lists the versions with effective dates for any official', async () => {
    const res = await officer.get('/api/procedures/1.000656/versions');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '1.000656',
      versions: [{ version: 1, effectiveFrom: '2025-07-01T00:00:00+07:00', effectiveTo: null, inForce: true, name: 'Thủ tục đăng ký khai tử', changeNote: 'import' }],
    });
  });

  it('answers 404 for an unknown procedure', async () => {
    const res = await officer.get('/api/procedures/9.999999/versions');
    expect(res.statusCode).toBe(404);
    expect(res.json().message.en).toBe('Procedure 9.999999 not found.');
  });
});

describe('POST /api/procedures/{code}/versions', () => {
  it('makes version 2 from a patch; version 1 and the dossier bound to it stay as they were', async () => {
    const v1 = await getVersionAt(t.ctx.db, '1.001193', t.clock.now());
    const before = structuredClone(await getVersionById(t.ctx.db, v1.versionId));
    const dossierId = await insertDossier(v1.procedureId, v1.versionId);
    const optional = v1.components.find((c) => c.required)!;

    t.clock.set('2026-11-23T10:00:00+07:00');
    const res = await admin.post('/api/procedures/1.001193/versions', {
      note: 'Quyết định công bố mới',
      patch: { name: 'Thủ tục đăng ký khai sinh (sửa đổi)', components: [{ key: optional.key, required: false }], onlineLevel: 'full' },
    });
    expect(res.statusCode).toBe(201);
    const v2 = res.json();
    expect(v2).toMatchObject({ code: '1.001193', version: 2, name: 'Thủ tục đăng ký khai sinh (sửa đổi)', onlineLevel: 'full', effectiveFrom: '2026-11-23T10:00:00+07:00' });
    expect(v2.components.find((c: { key: string }) => c.key === optional.key).required).toBe(false);
    expect(v2.components).toHaveLength(v1.components.length);

    const old = await getVersionById(t.ctx.db, v1.versionId);
    expect({ ...old, effectiveTo: null }).toEqual(before);
    expect(old.effectiveTo?.toISOString()).toBe('2026-11-23T03:00:00.000Z');
    const dossier = await t.ctx.db.selectFrom('dossiers').select('procedure_version_id').where('id', '=', dossierId).executeTakeFirstOrThrow();
    expect(dossier.procedure_version_id).toBe(v1.versionId);

    expect((await t.anonymous.get('/api/public/procedures/1.001193')).json().version).toBe(2);
    const listed = (await officer.get('/api/procedures/1.001193/versions')).json().versions;
    expect(listed.map((v: { version: number; inForce: boolean }) => [v.version, v.inForce])).toEqual([[1, false], [2, true]]);
    const [audit] = await auditActions('procedure.version_added');
    expect(audit).toMatchObject({ chain: 'system', entity_id: '1.001193', actor_role: 'system_admin' });
    expect((audit!.details as { changed: string[] }).changed).toEqual(['name', 'components', 'onlineLevel']);
  });

  it('a version effective later leaves the one in force until then', async () => {
    const res = await admin.post('/api/procedures/1.000656/versions', {
      effectiveFrom: '2026-12-01T00:00:00+07:00',
      patch: { addComponents: [{ name: 'Giấy báo tử hoặc giấy tờ thay thế', originals: 1, copies: 0 }], removeComponents: [] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().components.at(-1)).toMatchObject({ name: 'Giấy báo tử hoặc giấy tờ thay thế', required: true });
    expect((await t.anonymous.get('/api/public/procedures/1.000656')).json().version).toBe(1);
    t.clock.set('2026-12-01T08:00:00+07:00');
    expect((await t.anonymous.get('/api/public/procedures/1.000656')).json().version).toBe(2);
    t.clock.set('2026-11-23T10:00:00+07:00');
  });

  it('replaces the whole record from `content`, keeping the source attribution of unchanged time limits', async () => {
    const content = record('2.000908');
    content.name = 'Thủ tục cấp bản sao từ sổ gốc (nội dung mới)';
    const res = await admin.post('/api/procedures/2.000908/versions', { content });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('Thủ tục cấp bản sao từ sổ gốc (nội dung mới)');
    expect(res.json().channels.map((c: { timeLimit: { unitSetBy: string } }) => c.timeLimit.unitSetBy)).toEqual(['source', 'source', 'source']);
  });

  it.each([
    ['an unknown component key', { patch: { components: [{ key: 'c99-000000', required: true }] } }, 'body.patch.components.0.key'],
    ['removing an unknown component', { patch: { removeComponents: ['nope'] } }, 'body.patch.removeComponents.0'],
    ['a misspelt field', { patch: { nmae: 'typo' } }, 'body.patch'],
    ['both content and patch', { patch: { name: 'x' }, content: record('1.000894') }, 'body.patch'],
    ['neither content nor patch', {}, 'body.patch'],
    ['a date before the latest version', { patch: { name: 'Tên đủ dài' }, effectiveFrom: '2025-01-01T00:00:00+07:00' }, 'body.effectiveFrom'],
    ['a date that is not one', { patch: { name: 'Tên đủ dài' }, effectiveFrom: 'soon' }, 'body.effectiveFrom'],
    ['no channels', { patch: { channels: [] } }, 'body.patch.channels'],
    ['a negative time limit', { patch: { channels: [{ channel: 'counter', timeLimit: { value: -1, unit: 'day' } }] } }, 'body.patch.channels.0.timeLimit.value'],
    ['another procedure’s code', { content: { ...record('1.000894'), code: '1.000656' } }, 'body.content.code'],
    ['a whole record without channels', { content: { ...record('1.000894'), channels: [] } }, 'body.content.channels'],
  ])('rejects %s naming the field', async (_label, body, field) => {
    const res = await admin.post('/api/procedures/1.000894/versions', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message.vi).not.toBe(res.json().message.en);
  });

  it('refuses full online service for a procedure without an online channel', async () => {
    const res = await admin.post('/api/procedures/1.003583/versions', { patch: { onlineLevel: 'full' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.patch.onlineLevel');
    expect(res.json().message.vi).toContain('kênh nộp trực tuyến');
  });

  it('answers 422 when nothing changes, 404 for an unknown procedure', async () => {
    const same = await admin.post('/api/procedures/1.000894/versions', { patch: { name: 'Thủ tục đăng ký kết hôn' } });
    expect(same.statusCode).toBe(422);
    expect((await admin.post('/api/procedures/9.999999/versions', { patch: { name: 'Không có' } })).statusCode).toBe(404);
  });
});

describe('PUT /api/procedures/{code}/channels/{channel}/time-limit', () => {
  it('lets an admin set the unit the source lacks; intake can then compute the limit', async () => {
    const before = await getVersionAt(t.ctx.db, '1.000094', t.clock.now());
    const refused = limitFor(before.channels, 'counter');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason.vi).toContain('chưa xác định đơn vị');
    expect((await t.anonymous.get('/api/public/due-date?unit=20122&procedure=1.000094')).statusCode).toBe(422);

    const res = await admin.put('/api/procedures/1.000094/channels/counter/time-limit', { value: 3, unit: 'working_day', note: 'Theo Luật Hộ tịch' });
    expect(res.statusCode).toBe(200);
    const counter = res.json().channels.find((c: { channel: string }) => c.channel === 'counter');
    expect(counter.timeLimit).toEqual({ value: 3, unit: 'working_day', text: '3', unitSetBy: 'admin' });
    expect(res.json().version).toBe(2);

    const after = await getVersionAt(t.ctx.db, '1.000094', t.clock.now());
    expect(limitFor(after.channels, 'counter')).toEqual({ ok: true, limit: { value: 3, unit: 'working_day' }, fee: after.channels.find((c) => c.channel === 'counter')!.fee.amount });
    expect(limitFor(after.channels, 'online').ok).toBe(false); // only the counter row was set
    expect(limitFor(before.channels, 'counter').ok).toBe(false); // version 1 is unchanged
    const due = await t.anonymous.get('/api/public/due-date?unit=20122&procedure=1.000094&receivedAt=2026-12-01T09:00');
    expect(due.json().dueAt).toBe('2026-12-04T09:00:00+07:00');

    const [audit] = await auditActions('procedure.time_limit_set');
    expect(audit).toMatchObject({ chain: 'system', entity_id: '1.000094' });
    expect(audit!.details).toMatchObject({ channel: 'counter', value: 3, unit: 'working_day', note: 'Theo Luật Hộ tịch', version: 2 });
  });

  it('is idempotent: the same limit again makes no version and no audit entry', async () => {
    const res = await admin.put('/api/procedures/1.000094/channels/counter/time-limit', { value: 3, unit: 'working_day' });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(2);
    expect(await auditActions('procedure.time_limit_set')).toHaveLength(1);
  });

  it.each([
    [{ value: 3, unit: 'month' }, 'body.unit'],
    [{ value: -2, unit: 'day' }, 'body.value'],
    [{ value: 2.5, unit: 'day' }, 'body.value'],
    [{ unit: 'day' }, 'body.value'],
  ])('rejects %j naming %s', async (body, field) => {
    const res = await admin.put('/api/procedures/1.000094/channels/counter/time-limit', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
  });

  it('answers 404 for a channel row the procedure lacks, 400 for an unknown channel', async () => {
    const res = await admin.put('/api/procedures/1.003583/channels/online/time-limit', { value: 1, unit: 'day' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message.vi).toContain('Trực tuyến');
    const bad = await admin.put('/api/procedures/1.003583/channels/fax/time-limit', { value: 1, unit: 'day' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('params.channel');
  });
});

describe('POST /api/procedures/import', () => {
  it('imports good records and rejects bad ones with the reason', async () => {
    const changed = record('1.000656');
    changed.name = 'Thủ tục đăng ký khai tử (bản nhập mới)';
    const fresh = file.procedures.find((p) => !['1.001193', '1.000894', '1.000656', '2.000908', '1.000094', '1.001695', '2.000815', '1.003583'].includes(p.code))!;
    const noChannels = { ...record('1.000894'), code: '1.777777', channels: [] };
    const badCode = { ...record('1.000894'), code: '1.000 894' };
    const res = await admin.post('/api/procedures/import?effectiveFrom=2026-12-15T00:00:00%2B07:00', { procedures: [changed, noChannels, fresh, badCode] });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 1, newVersions: 1, unchanged: 0 });
    expect(report.rejected).toEqual([
      expect.objectContaining({ index: 1, code: '1.777777', reason: expect.stringContaining('channels') }),
      expect.objectContaining({ index: 3, code: '1.000 894', reason: expect.stringContaining('code') }),
    ]);
    expect(report.rejected[0].message.vi).toContain('Cần ít nhất một cách thức');
    expect(report.rejected[1].message.vi).toContain('Mã thủ tục');
    const versions = (await officer.get(`/api/procedures/${fresh.code}/versions`)).json().versions;
    expect(versions).toEqual([expect.objectContaining({ version: 1, effectiveFrom: '2026-12-15T00:00:00+07:00', inForce: false })]);
    expect((await t.anonymous.get(`/api/public/procedures/${fresh.code}`)).statusCode).toBe(404); // not in force yet
    expect((await officer.get('/api/procedures/1.777777/versions')).statusCode).toBe(404);
    const [audit] = await auditActions('catalogue.imported');
    expect(audit!.details).toMatchObject({ created: 1, newVersions: 1, rejected: [{ index: 1, code: '1.777777' }, { index: 3, code: '1.000 894' }] });
  });

  it('re-importing the same records changes nothing and keeps the units an admin set', async () => {
    const res = await admin.post('/api/procedures/import', [record('1.000094'), record('1.000894'), record('1.001695')]);
    expect(res.json()).toMatchObject({ created: 0, newVersions: 0, unchanged: 3, rejected: [] });
    expect(res.json().warnings.some((w: { code: string }) => w.code === '1.000094')).toBe(true);
    const v = await getVersionAt(t.ctx.db, '1.000094', t.clock.now());
    expect(v.version).toBe(2);
    expect(limitFor(v.channels, 'counter').ok).toBe(true);
  });

  it('rejects a body that is not a catalogue file', async () => {
    const res = await admin.post('/api/procedures/import', { items: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toMatch(/^body/);
  });
});

/** A dossier row bound to a version, written directly: the dossier service is another module's. */
async function insertDossier(procedureId: number, versionId: number): Promise<number> {
  await t.ctx.units.ready();
  const unit = t.ctx.units.byCode('20122')!;
  const workflow = await findWorkflow(t.ctx.db, procedureId, unit.id);
  const row = await t.ctx.db
    .insertInto('dossiers')
    .values({
      code: 'TEST.01.01.H46-261123-0001',
      unit_id: unit.id,
      handling_unit_id: unit.id,
      procedure_id: procedureId,
      procedure_version_id: versionId,
      workflow_id: workflow.id,
      channel: 'counter',
      status: 'submitted',
      national_status: 1,
      applicant_name: 'Nguyễn Văn A',
      limit_value: 1,
      limit_unit: 'working_day',
      submitted_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
