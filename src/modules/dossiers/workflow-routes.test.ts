import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { DEFAULT_WORKFLOW, type Workflow } from './workflow.js';
import { findWorkflow, replaceWorkflow } from './workflow-store.js';

let t: TestApp;
let admin: TestClient;
let vinhlocAdmin: TestClient;
let officer: TestClient;
let ids: { procedure: number; other: number; vinhloc: number; phuvang: number };

/** The default with shares moved between two steps, so each definition is told apart by its percents. */
function variant(processing: number): Workflow {
  const w = structuredClone(DEFAULT_WORKFLOW);
  w.steps[1]!.percent = processing;
  w.steps[2]!.percent = 65 - processing;
  return w;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  vinhlocAdmin = await t.login('quantri.vinhloc');
  officer = await t.login('chuyenvien.vinhloc');
  await t.ctx.units.ready();
  const proc = async (code: string) => (await t.ctx.db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  ids = {
    procedure: await proc('1.001193'),
    other: await proc('2.000908'),
    vinhloc: t.ctx.units.byCode('20122')!.id,
    phuvang: t.ctx.units.byCode('19942')!.id,
  };
});
afterAll(async () => t?.close());

const percentOf = (w: { definition: Workflow }) => w.definition.steps[1]!.percent;

describe('who may read and set workflows', () => {
  it('anonymous gets 401', async () => {
    expect((await t.anonymous.get('/api/procedures/1.001193/workflow')).statusCode).toBe(401);
    expect((await t.anonymous.get('/api/workflows/default')).statusCode).toBe(401);
    const put = await t.anonymous.put('/api/procedures/1.001193/workflow', { definition: DEFAULT_WORKFLOW });
    expect(put.statusCode).toBe(401);
  });

  it('a centre admin may not set another unit’s workflow nor the one for every unit; a specialist none', async () => {
    const other = await vinhlocAdmin.put('/api/procedures/1.001193/workflow', { unit: '19942', definition: variant(40) });
    expect(other.statusCode).toBe(403);
    expect(other.json().message.vi).toContain('Xã Phú Vang');
    const national = await vinhlocAdmin.put('/api/procedures/1.001193/workflow', { definition: variant(40) });
    expect(national.statusCode).toBe(403);
    expect(national.json().message.en).toContain('system admin');
    expect((await officer.put('/api/procedures/1.001193/workflow', { unit: '20122', definition: variant(40) })).statusCode).toBe(403);
    const rows = await t.ctx.db.selectFrom('workflows').select('id').where('procedure_id', 'is not', null).execute();
    expect(rows).toEqual([]);
  });
});

describe('the workflow in force: the most specific active row', () => {
  it('starts with the default for every procedure and unit', async () => {
    const res = await officer.get('/api/procedures/1.001193/workflow?unit=20122');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 1, appliesTo: { procedure: null, unit: null }, definition: DEFAULT_WORKFLOW });
    const byDefault = await officer.get('/api/workflows/default');
    expect(byDefault.json()).toMatchObject({ id: res.json().id, definition: DEFAULT_WORKFLOW });
  });

  it('prefers (procedure, unit) over (procedure, every unit) over (every procedure, unit) over the default', async () => {
    const at = t.clock.now();
    const defaultId = (await findWorkflow(t.ctx.db, ids.procedure, ids.vinhloc)).id;
    await t.ctx.db.transaction().execute((tx) => replaceWorkflow(tx, { procedureId: null, unitId: ids.vinhloc }, variant(30), { accountId: null, at }));
    expect(percentOf(await findWorkflow(t.ctx.db, ids.procedure, ids.vinhloc))).toBe(30);

    const national = await admin.put('/api/procedures/1.001193/workflow', { definition: variant(35) });
    expect(national.statusCode).toBe(200);
    expect(national.json()).toMatchObject({ version: 1, appliesTo: { procedure: '1.001193', unit: null } });
    expect(percentOf(await findWorkflow(t.ctx.db, ids.procedure, ids.vinhloc))).toBe(35);

    const own = await vinhlocAdmin.put('/api/procedures/1.001193/workflow', { unit: '20122', definition: variant(40) });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ version: 1, appliesTo: { procedure: '1.001193', unit: { code: '20122', name: 'Xã Vinh Lộc' } } });
    expect(percentOf(await findWorkflow(t.ctx.db, ids.procedure, ids.vinhloc))).toBe(40);

    // the others keep theirs
    expect(percentOf(await findWorkflow(t.ctx.db, ids.procedure, ids.phuvang))).toBe(35);
    expect(percentOf(await findWorkflow(t.ctx.db, ids.other, ids.vinhloc))).toBe(30);
    expect((await findWorkflow(t.ctx.db, ids.other, ids.phuvang)).id).toBe(defaultId);
    expect(percentOf((await officer.get('/api/procedures/1.001193/workflow?unit=19942')).json())).toBe(35);
    expect(percentOf((await officer.get('/api/procedures/1.001193/workflow?unit=20122')).json())).toBe(40);
    expect(percentOf((await officer.get('/api/procedures/1.001193/workflow')).json())).toBe(35);
  });

  it('a change deactivates the row it replaces (kept for the dossiers on it) and adds the next version', async () => {
    const before = await findWorkflow(t.ctx.db, ids.procedure, ids.vinhloc);
    const res = await vinhlocAdmin.put('/api/procedures/1.001193/workflow', { unit: '20122', definition: variant(45) });
    expect(res.json()).toMatchObject({ version: 2 });
    const old = await t.ctx.db.selectFrom('workflows').select(['active', 'definition']).where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(old.active).toBe(false);
    expect((old.definition as Workflow).steps[1]!.percent).toBe(40);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['chain', 'actor_role', 'details'])
      .where('action', '=', 'workflow.set')
      .where('entity_id', '=', String(res.json().id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ chain: `unit:${ids.vinhloc}`, actor_role: 'centre_admin', details: { procedure: '1.001193', unit: '20122', version: 2, previousId: before.id } });
  });

  it('concurrent changes of one scope queue instead of colliding', async () => {
    const [a, b] = await Promise.all([
      admin.put('/api/procedures/2.000908/workflow', { unit: '19942', definition: variant(20) }),
      admin.put('/api/procedures/2.000908/workflow', { unit: '19942', definition: variant(25) }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json().version, b.json().version].sort()).toEqual([1, 2]);
    const active = await t.ctx.db.selectFrom('workflows').select('id').where('procedure_id', '=', ids.other).where('unit_id', '=', ids.phuvang).where('active', '=', true).execute();
    expect(active).toHaveLength(1);
  });

  it('recreates the default from the built-in one when the database has none', async () => {
    const rolledBack = new Error('roll back');
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await tx.updateTable('workflows').set({ active: false }).execute();
        const found = await findWorkflow(tx, ids.other, ids.vinhloc);
        expect(found).toMatchObject({ procedureId: null, unitId: null, version: 1, definition: DEFAULT_WORKFLOW });
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
  });
});

describe('bad input', () => {
  it('names the step and field of an invalid definition, in both languages', async () => {
    const bad = structuredClone(DEFAULT_WORKFLOW) as unknown as { steps: Array<{ percent: number }> };
    bad.steps[2]!.percent = 150;
    const res = await admin.put('/api/procedures/1.001193/workflow', { definition: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.definition.steps.2.percent');
    expect(res.json().message.vi).not.toBe(res.json().message.en);
  });

  it('rejects shares that do not add up to 100% with our own message', async () => {
    const over = structuredClone(DEFAULT_WORKFLOW);
    over.steps[1]!.percent = 60; // 105% in all
    const res = await admin.put('/api/procedures/1.001193/workflow', { definition: over });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.definition.steps');
    expect(res.json().message.vi).toContain('Tổng thời gian các bước phải là 100%');
  });

  it.each([
    ['put', '/api/procedures/1.001193/workflow', 400, 'body.unit', { unit: '99999', definition: DEFAULT_WORKFLOW }],
    ['put', '/api/procedures/1.001193/workflow', 400, 'body', { unit: '20122', definition: DEFAULT_WORKFLOW, extra: 1 }],
    ['get', '/api/procedures/1.001193/workflow?unit=x', 400, 'querystring.unit', undefined],
    ['get', '/api/procedures/1.001193/workflow?unit=00000', 400, 'querystring.unit', undefined],
    ['put', '/api/procedures/9.999999/workflow', 404, undefined, { definition: DEFAULT_WORKFLOW }],
    ['get', '/api/procedures/9.999999/workflow', 404, undefined, undefined],
  ])('%s %s → %i %s', async (method, url, status, field, body) => {
    const res = method === 'get' ? await admin.get(url) : await admin.put(url, body);
    expect(res.statusCode).toBe(status);
    if (field) expect(res.json().field).toBe(field);
    expect(res.json().message.vi).toBeTruthy();
  });
});
