// The procedure catalogue synced from the national portal (the simulator): an unchanged catalogue makes no new
// version; a changed time limit makes one, in force from the effective date, that new dossiers use; a new code
// becomes a new procedure; a broken record is rejected with its reason; only a system admin may sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, TEST_PROCEDURES, type TestApp, type TestClient } from '../../../test/app.js';
import { readDataFile } from '../../../seed.js';
import { startNationalPortalSimulator, toPortalRecord, type RunningNationalPortalSimulator } from '../../../simulators/national-portal.js';
import { syncCatalogue } from './catalogue-sync.js';

const PROCEDURE = '2.000908';
/** Left out of the portal's catalogue; its record is the template of a procedure the portal adds. */
const TEMPLATE = '1.001193';
const all = (readDataFile('procedures.json') as { procedures: Array<Record<string, any>> }).procedures;

let sim: RunningNationalPortalSimulator;
let t: TestApp;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  // The portal publishes the test catalogue but one procedure (which MotCua keeps: the portal deletes nothing).
  sim = await startNationalPortalSimulator({ catalogue: all.filter((p) => TEST_PROCEDURES.includes(p.code) && p.code !== TEMPLATE) });
  t = await createTestApp({
    config: { integrations: { ...testConfig().integrations, nationalPortal: { url: sim.url, clientId: sim.clientId, secret: sim.secret } } },
  });
  for (const u of ['admin', 'quantri.vinhloc', 'tiepnhan.vinhloc']) c[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const versionsOf = (code: string) =>
  t.ctx.db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .select(['v.version', 'v.effective_from', 'v.effective_to', 'v.channels', 'v.created_by'])
    .where('p.code', '=', code)
    .orderBy('v.version')
    .execute();

describe('catalogue sync from the national portal', () => {
  it('changes nothing when the portal publishes what the catalogue already holds', async () => {
    const res = await c.admin!.post('/api/admin/national-portal/catalogue-sync', {});
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ fetched: TEST_PROCEDURES.length - 1, created: 0, newVersions: 0, unchanged: TEST_PROCEDURES.length - 1, rejected: [], full: true });
    expect(r.cursor).toMatch(/^\d{14}$/);
    expect(await versionsOf(PROCEDURE)).toHaveLength(1);
    // The next sync asks only for what changed since, and nothing did.
    const again = (await c.admin!.post('/api/admin/national-portal/catalogue-sync', {})).json();
    expect(again).toMatchObject({ fetched: 0, created: 0, newVersions: 0, unchanged: 0, full: false });
  });

  it('makes a new version from the effective date when the portal changes a time limit, and intake uses it', async () => {
    expect(sim.changeProcedure(PROCEDURE, { channel: 'counter', timeLimit: 3 })).toBe(true);
    const res = await c.admin!.post('/api/admin/national-portal/catalogue-sync', { effectiveFrom: '2026-11-24T00:00:00+07:00' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fetched: 1, created: 0, newVersions: 1, unchanged: 0, effectiveFrom: '2026-11-23T17:00:00.000Z' });
    const versions = await versionsOf(PROCEDURE);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(new Date(versions[1]!.effective_from).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    expect(new Date(versions[0]!.effective_to!).toISOString()).toBe('2026-11-23T17:00:00.000Z');
    const counter = (versions[1]!.channels as Array<{ channel: string; timeLimit: { value: number; unit: string } }>).find((x) => x.channel === 'counter')!;
    expect(counter.timeLimit).toMatchObject({ value: 3, unit: 'working_day' });
    const online = (versions[1]!.channels as Array<{ channel: string; timeLimit: { value: number } }>).find((x) => x.channel === 'online')!;
    expect(online.timeLimit.value).toBe(1);

    // Received today: the old limit (1 working day). Received on the 25th: the new one (3 working days).
    const intake = async () =>
      (await c['tiepnhan.vinhloc']!.post('/api/dossiers', { procedureCode: PROCEDURE, applicant: { name: 'Ngô Văn Sơn' }, components: [{ key: 'c1-7d4524' }] })).json() as { id: number };
    const before = await intake();
    t.clock.set('2026-11-25T09:00:00+07:00');
    const after = await intake();
    const limit = async (id: number) => (await c['tiepnhan.vinhloc']!.get(`/api/dossiers/${id}`)).json().limit.value;
    expect([await limit(before.id), await limit(after.id)]).toEqual([1, 3]);
  });

  it('creates a procedure the catalogue does not have, and rejects a broken record with its reason', async () => {
    sim.putProcedure(toPortalRecord({ ...all.find((p) => p.code === TEMPLATE)!, code: '1.999001', name: 'Thủ tục thử nghiệm đồng bộ' }));
    sim.putProcedure({ MATTHC: '1.999002', TENTTHC: 'Thủ tục thiếu lĩnh vực', CACHTHUCTHUCHIEN: [] } as never);
    const r = await syncCatalogue(t.ctx, { actorId: null, actorRole: null });
    expect(r).toMatchObject({ fetched: 2, created: 1, newVersions: 0 });
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ code: '1.999002', message: { vi: expect.stringContaining('LINHVUCTHUCHIEN') } });
    expect(await versionsOf('1.999001')).toHaveLength(1);
    expect(await versionsOf('1.999002')).toHaveLength(0);
    const audit = await t.ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'catalogue.synced_national_portal').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ created: 1, rejected: [{ code: '1.999002' }] });
  });

  it('a full sync after all that finds everything unchanged', async () => {
    const r = (await c.admin!.post('/api/admin/national-portal/catalogue-sync', { full: true })).json();
    expect(r).toMatchObject({ full: true, created: 0, newVersions: 0, unchanged: TEST_PROCEDURES.length }); // 7 published from the start, and 1.999001
    expect(r.rejected).toHaveLength(1);
  });

  it('is a system admin task, and says so', async () => {
    const res = await c['quantri.vinhloc']!.post('/api/admin/national-portal/catalogue-sync', {});
    expect(res.statusCode).toBe(403);
    expect(res.json().message.vi).toContain('quản trị hệ thống');
    expect((await c.admin!.post('/api/admin/national-portal/catalogue-sync', { effectiveFrom: 'ngày mai' })).statusCode).toBe(400);
  });

  it('reports an unreachable portal as a failed run, changing nothing', async () => {
    sim.faults.failNext = 5;
    try {
      const res = await c.admin!.post('/api/admin/national-portal/catalogue-sync', {});
      expect(res.statusCode).toBe(422);
      expect(res.json().message.en).toContain('national portal');
    } finally {
      sim.faults.failNext = 0;
    }
    const s = (await c.admin!.get('/api/admin/national-portal/status?check=false')).json();
    expect(s.catalogue.lastSync).toMatchObject({ ok: false });
  });
});
