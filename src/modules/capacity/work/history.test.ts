// Evidence, workload and appraisal over the demo's six months of history (every commune of Huế): the roll-ups
// agree with a direct count of the history, suggestions reach the higher levels with volume, the province sees
// every commune without a name, and the appraisal figures stay within their bounds.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const FROM = '2026-08-01';
const TO = '2026-10-31';

beforeAll(async () => {
  t = await createTestApp({ history: true });
  c.lanhdao = await t.login('lanhdao.vinhloc');
  c.hue = await t.login('theodoi.hue');
}, 300_000);
afterAll(async () => t?.close());

type Row = Record<string, any>;

describe('over six months of history', () => {
  it('rolls up what the history holds, and volume earns higher suggested levels', async () => {
    const res = await c.lanhdao!.get(`/api/capacity/evidence?unit=20122&from=${FROM}&to=${TO}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows: Row[] = res.json().rows;
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect(r.sentBack).toBeLessThanOrEqual(r.submitted);
      expect(r.late).toBeLessThanOrEqual(r.steps);
      expect(r.satisfied).toBeLessThanOrEqual(r.rated);
      expect(r.suggestedLevel).toBeGreaterThanOrEqual(0);
      expect(r.suggestedLevel).toBeLessThanOrEqual(4);
    }
    expect(Math.max(...rows.map((r) => r.suggestedLevel))).toBeGreaterThanOrEqual(2);
    // The actions of one busy official, counted straight from the history.
    const busiest = rows.reduce((a, r) => (r.actions > a.actions ? r : a));
    const direct = await sql<{ n: number; d: number }>`
      select count(*)::int as n, count(distinct h.dossier_id)::int as d
      from dossier_history h join dossiers x on x.id = h.dossier_id and not x.is_practice
      join procedure_versions v on v.id = x.procedure_version_id
      join units u on u.id = x.handling_unit_id
      where u.code = '20122' and h.actor_id = ${busiest.official.id} and v.field = ${busiest.field}
        and h.at >= '2026-08-01T00:00:00+07:00' and h.at < '2026-11-01T00:00:00+07:00'`.execute(t.ctx.db);
    expect(busiest.actions).toBe(direct.rows[0]!.n);
    expect(busiest.dossiers).toBe(direct.rows[0]!.d);
  });

  it('the province sees every commune, counts only', async () => {
    const res = await c.hue!.get(`/api/capacity/evidence?unit=46&from=${FROM}&to=${TO}`);
    expect(res.statusCode, res.body).toBe(200);
    const units = new Set(res.json().rows.map((r: Row) => r.unit.code));
    expect(units.size).toBeGreaterThan(3);
    expect(res.body).not.toContain('fullName');
    const load = await c.hue!.get('/api/capacity/workload?unit=46');
    expect(load.statusCode, load.body).toBe(200);
    expect(load.json().units.length).toBeGreaterThan(3);
    expect(load.body).not.toContain('fullName');
  });

  it('appraisal figures stay within their bounds and agree with the drill-down', async () => {
    const res = await c.lanhdao!.get('/api/capacity/appraisal?unit=20122&month=2026-10');
    expect(res.statusCode, res.body).toBe(200);
    const rows: Row[] = res.json().rows;
    const working = rows.filter((r) => r.assigned > 0);
    expect(working.length).toBeGreaterThan(2);
    for (const r of working) {
      expect(r.done).toBeLessThanOrEqual(r.assigned);
      expect(r.quantity).toBeGreaterThanOrEqual(0);
      expect(r.quantity).toBeLessThanOrEqual(100);
      expect(r.quality).toBe(Math.max(0, 100 - 25 * r.sentBack));
      expect(r.timeliness).toBe(Math.max(0, 100 - 25 * r.late));
      expect(r.score).toBeCloseTo((r.quantity + r.quality + r.timeliness) / 3, 0);
    }
    const one = working.reduce((a, r) => (r.late > a.late ? r : a));
    const late = (await c.lanhdao!.get(`/api/capacity/appraisal/dossiers?unit=20122&month=2026-10&official=${one.official.id}&flag=late`)).json();
    expect(late.items.reduce((a: number, d: Row) => a + d.late, 0)).toBe(one.late);
    const all = (await c.lanhdao!.get(`/api/capacity/appraisal/dossiers?unit=20122&month=2026-10&official=${one.official.id}`)).json();
    expect(all.total).toBe(one.assigned);
  });
});
