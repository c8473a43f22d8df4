// The index over real dossiers: the inputs and scores of specific metrics move as dossiers are handled, the
// public endpoint needs no sign-in, the ranking lists every commune of the province, and its XLSX matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { readXlsx } from '../../../lib/xlsx.js';
import { lastDayWithin3Years } from '../period.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const PERIOD = 'from=2026-11-01&to=2026-11-30';

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T08:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'vanthu']) c[u] = await t.login(`${u}.vinhloc`);
  c.phuvang = await t.login('lanhdao.phuvang');
  c.viewer = await t.login('theodoi.hue');
  c.admin = await t.login('admin');
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;
});
afterAll(async () => t?.close());

type Metric = { key: string; score: number; rate: number | null; inputs: Record<string, number>; formula: { vi: string; en: string }; drill?: unknown };
const index = async (unit = '20122', who: { get(url: string): Promise<{ statusCode: number; json(): any; body: string }> } = t.anonymous) => {
  const res = await who.get(`/api/public/service-index?unit=${unit}&${PERIOD}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const metricOf = (body: any, key: string): Metric => body.groups.flatMap((g: { metrics: Metric[] }) => g.metrics).find((m: Metric) => m.key === key);

/** Receives a 1-working-day dossier (2.000908) at the counter and takes it to an issued result. */
async function resolveDossier(resolveAt: string): Promise<number> {
  const proc = (await t.anonymous.get('/api/public/procedures/2.000908')).json();
  const required = (proc.components as Array<{ key: string; required: boolean }>).filter((x) => x.required).map((x) => ({ key: x.key }));
  const res = await c.tiepnhan!.post('/api/dossiers', {
    procedureCode: '2.000908',
    applicant: { name: 'Trần Văn An', idNumber: '046190009876', phone: '0912000111', address: 'Thôn Vinh Lộc' },
    components: required,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  const act = async (who: TestClient, action: string, body: unknown = {}) => {
    const r = await who.post(`/api/dossiers/${id}/actions/${action}`, body);
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  };
  await act(c.tiepnhan!, 'forward');
  await act(c.truongphong!, 'assign', { assigneeId: ids['chuyenvien.vinhloc'] });
  t.clock.set(resolveAt);
  await act(c.chuyenvien!, 'forward');
  await act(c.truongphong!, 'submit_for_approval', { outcome: 'granted' });
  await act(c.lanhdao!, 'approve');
  await act(c.lanhdao!, 'sign');
  await act(c.vanthu!, 'issue_result', { resultNumber: `${id}/KQ` });
  return id;
}

describe('the public index', () => {
  it('answers without sign-in with six groups, maxima adding to 100, and formulas beside each figure', async () => {
    const body = await index();
    expect(body.unit).toEqual({ code: '20122', name: expect.stringContaining('Vinh Lộc'), kind: 'commune' });
    expect(body).toMatchObject({ from: '2026-11-01', to: '2026-11-30', max: 100 });
    expect(body.groups.map((g: { key: string; max: number }) => [g.key, g.max])).toEqual([
      ['publicity', 18], ['progress', 20], ['online_services', 12], ['online_payment', 10], ['satisfaction', 18], ['digitisation', 22],
    ]);
    const sum = body.groups.reduce((s: number, g: { score: number }) => s + g.score, 0);
    expect(body.total).toBeCloseTo(sum, 6);
    const progress = metricOf(body, 'PROGRESS_ON_TIME');
    expect(progress.rate).toBeNull();
    expect(progress.inputs.received).toBe(0);
    expect(progress.formula.vi).toContain('đúng hạn');
    expect(progress.drill).toEqual({ metric: 'resolvedLate', params: { unit: '20122', from: '2026-11-01', to: '2026-11-30' } });
    // No feedback in the period: both feedback metrics in full.
    expect(metricOf(body, 'FEEDBACK_ON_TIME').score).toBe(6);
    // The test catalogue (8 procedures) is in force; the content check reads it.
    expect(metricOf(body, 'PUBLIC_CONTENT_FULL').inputs.proceduresInForce).toBe(8);
  });

  it('a dossier resolved on time gives full progress; a late one lowers it', async () => {
    await resolveDossier('2026-11-23T15:00:00+07:00');
    let p = metricOf(await index(), 'PROGRESS_ON_TIME');
    expect(p.inputs).toMatchObject({ received: 1, receivedOnTime: 1, receivedEnded: 0, counted: 1 });
    expect(p.score).toBe(20);

    t.clock.set('2026-11-25T09:00:00+07:00');
    // Received on 25/11, due 26/11; resolved on 30/11: late.
    await resolveDossier('2026-11-30T10:00:00+07:00');
    p = metricOf(await index(), 'PROGRESS_ON_TIME');
    expect(p.inputs).toMatchObject({ received: 2, receivedOnTime: 1, counted: 2 });
    expect(p.rate).toBe(0.5);
    expect(p.score).toBe(10);
    // Approved with the workflow's "sign" step but no digitally signed PDF result: not an electronic result.
    expect(metricOf(await index(), 'E_RESULT').inputs).toEqual({ eResult: 0, counted: 2 });
    // The other communes are untouched.
    expect(metricOf(await index('19942'), 'PROGRESS_ON_TIME').inputs.received).toBe(0);
  });

  it('a dossier the national portal holds shows in DOSSIER_SYNC; a rating in satisfaction', async () => {
    const before = await index();
    expect(metricOf(before, 'DOSSIER_SYNC').inputs).toEqual({ synced: 0, received: 2 });
    const first = await t.ctx.db.selectFrom('dossiers').select('id').where('unit_id', '=', (await t.ctx.units.ready()).byCode('20122')!.id).orderBy('id').executeTakeFirstOrThrow();
    await t.ctx.db.transaction().execute(async (tx) => {
      const ev = await tx.insertInto('outbox').values({ topic: 'test', dossier_id: first.id, payload: JSON.stringify({}) }).returning('id').executeTakeFirstOrThrow();
      await sql`insert into national_portal_sync (dossier_id, first_synced_at, last_synced_at, last_national_status, last_event_id)
                values (${first.id}, now(), now(), 10, ${ev.id})`.execute(tx);
      await sql`insert into ratings (dossier_id, scale_version, answers, satisfied, channel, rated_at)
                values (${first.id}, 'test', '{}'::jsonb, true, 'online', ${new Date('2026-11-24T09:00:00+07:00')})`.execute(tx);
    });
    const after = await index();
    const sync = metricOf(after, 'DOSSIER_SYNC');
    expect(sync.inputs).toEqual({ synced: 1, received: 2 });
    expect(sync.score).toBe(3);
    const sat = metricOf(after, 'DOSSIER_RECEIVING_SATISFACTION');
    expect(sat.inputs).toEqual({ satisfied: 1, rated: 1 });
    expect(sat.score).toBe(6);
    // On the portal, but without an electronic result: nothing reaches the citizen's data store.
    expect(metricOf(after, 'CITIZEN_STORE_SYNC').inputs).toEqual({ eResultSynced: 0, counted: 2 });
    expect(after.total).toBeCloseTo(before.total + 3 + 6, 6);
  });

  it('a province sums its communes\' inputs', async () => {
    const province = await index('46');
    expect(province.unit.kind).toBe('province');
    expect(metricOf(province, 'PROGRESS_ON_TIME').inputs).toMatchObject({ received: 2, receivedOnTime: 1 });
    const communes = await t.ctx.db.selectFrom('units').select('id').where('parent_id', '=', t.ctx.units.byCode('46')!.id).where('merged_into_id', 'is', null).execute();
    expect(metricOf(province, 'PUBLIC_CONTENT_FULL').inputs.proceduresInForce).toBe(8 * communes.length);
  });

  it('refuses bad periods and unknown units in both languages', async () => {
    const cases: Array<[string, number, string]> = [
      ['unit=20122&from=2026-02-30&to=2026-03-01', 400, 'from'],
      ['unit=20122&from=2026-11-01&to=30/11/2026', 400, 'to'],
      ['unit=20122&from=2026-11-30&to=2026-11-01', 400, 'to'],
      ['unit=20122&from=2023-01-01&to=2026-01-01', 400, 'to'],
      ['unit=abc&from=2026-11-01&to=2026-11-30', 400, 'unit'],
      ['from=2026-11-01&to=2026-11-30', 400, 'unit'],
    ];
    for (const [q, status, field] of cases) {
      const res = await t.anonymous.get(`/api/public/service-index?${q}`);
      expect(res.statusCode, q).toBe(status);
      expect(res.json().field, q).toContain(field);
      expect(res.json().message.vi, q).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
    }
    const unknown = await t.anonymous.get('/api/public/service-index?unit=99999&from=2026-11-01&to=2026-11-30');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message.en).toContain('99999');
    expect((await t.anonymous.get('/api/public/service-index?unit=20122&from=2023-12-01&to=2026-11-30')).statusCode).toBe(200);
  });

  it('allows exactly three years', () => {
    expect(lastDayWithin3Years('2024-01-01')).toBe('2026-12-31');
    expect(lastDayWithin3Years('2024-02-29')).toBe('2027-02-28');
    expect(lastDayWithin3Years('2025-03-01')).toBe('2028-02-29');
  });
});

describe('officials and the ranking', () => {
  it('the officials\' index needs a sign-in and a grant on the unit, and gives the public body', async () => {
    expect((await t.anonymous.get(`/api/service-index?unit=20122&${PERIOD}`)).statusCode).toBe(401);
    expect((await c.phuvang!.get(`/api/service-index?unit=20122&${PERIOD}`)).statusCode).toBe(403);
    const own = await c.lanhdao!.get(`/api/service-index?unit=20122&${PERIOD}`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual(await index());
    expect((await c.viewer!.get(`/api/service-index?unit=46&${PERIOD}`)).statusCode).toBe(200);
    expect((await c.tiepnhan!.get(`/api/service-index?unit=46&${PERIOD}`)).statusCode).toBe(403);
  });

  it('ranks every commune of the province by total; ties share a rank', async () => {
    const res = await c.viewer!.get(`/api/service-index/ranking?province=46&${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.province.code).toBe('46');
    const communes = await t.ctx.db
      .selectFrom('units')
      .select('code')
      .where('parent_id', '=', t.ctx.units.byCode('46')!.id)
      .where('merged_into_id', 'is', null)
      .execute();
    expect(body.rows.map((r: { unit: { code: string } }) => r.unit.code).sort()).toEqual(communes.map((u) => u.code).sort());
    const totals = body.rows.map((r: { total: number }) => r.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    for (let i = 0; i < body.rows.length; i++) {
      const r = body.rows[i];
      if (i === 0) expect(r.rank).toBe(1);
      else expect(r.rank).toBe(r.total === body.rows[i - 1].total ? body.rows[i - 1].rank : i + 1);
    }
    const vinhloc = body.rows.find((r: { unit: { code: string } }) => r.unit.code === '20122');
    expect(vinhloc.total).toBe((await index()).total);
    expect(vinhloc).toMatchObject({ received: 2, onTimeRate: 0.5, groups: { progress: 10 } });
    // Vinh Lộc has dossiers and a rating, the others nothing: it ranks first, the others tie.
    expect(vinhloc.rank).toBe(1);
    const rest = body.rows.filter((r: { unit: { code: string } }) => r.unit.code !== '20122');
    expect(new Set(rest.map((r: { rank: number }) => r.rank)).size).toBe(1);
    expect(rest[0].rank).toBe(2);
  });

  it('commune leaders and system admins see it; others do not', async () => {
    expect((await c.lanhdao!.get(`/api/service-index/ranking?province=46&${PERIOD}`)).statusCode).toBe(200);
    expect((await c.admin!.get(`/api/service-index/ranking?province=46&${PERIOD}`)).statusCode).toBe(200);
    expect((await c.tiepnhan!.get(`/api/service-index/ranking?province=46&${PERIOD}`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/service-index/ranking?province=46&${PERIOD}`)).statusCode).toBe(401);
    expect((await c.viewer!.get(`/api/service-index/ranking?province=20122&${PERIOD}`)).statusCode).toBe(404);
  });

  it('the XLSX holds the same rows and columns as the JSON', async () => {
    const json = (await c.viewer!.get(`/api/service-index/ranking?province=46&${PERIOD}`)).json();
    const res = await c.viewer!.get(`/api/service-index/ranking?province=46&${PERIOD}&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheets = await readXlsx(res.rawPayload);
    const rows = Object.values(sheets)[0]!;
    const headerAt = rows.findIndex((r) => String(r[0]).startsWith('Hạng'));
    expect(headerAt).toBeGreaterThan(0);
    expect(rows[headerAt]!.length).toBe(12);
    const data = rows.slice(headerAt + 1).filter((r) => r.length > 0);
    expect(data).toEqual(
      json.rows.map((r: any) => [
        r.rank, r.unit.code, r.unit.name, r.total,
        r.groups.publicity, r.groups.progress, r.groups.online_services, r.groups.online_payment, r.groups.satisfaction, r.groups.digitisation,
        r.received, ...(r.onTimeRate === null ? [] : [r.onTimeRate]),
      ]),
    );
  });
});
