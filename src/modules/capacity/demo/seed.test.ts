// The capacity demo answers the leader's questions: who covers land when Ms X is away, who needs which training,
// and how last quarter's class changed its attendees' send-back rate; seeded once, deterministic, and without
// disturbing the reports' counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { verifyAggregates } from '../../reports/aggregates.js';
import { gapRows } from '../levels.js';
import { seedCapacityDemo } from './seed.js';
import { demoClasses, impactClass, lastQuarter } from './plan.js';

const NOW = '2026-11-23T09:00:00+07:00';

describe('capacity demo plan', () => {
  it('places the impact class in the quarter before now, on working days', () => {
    expect(lastQuarter(new Date(NOW))).toEqual({ from: '2026-07-01', to: '2026-09-30', label: 'III/2026' });
    expect(lastQuarter(new Date('2026-01-05T09:00:00+07:00'))).toMatchObject({ from: '2025-10-01', to: '2025-12-31' });
    const c = impactClass(new Date(NOW));
    expect(c.startsOn).toBe('2026-08-10');
    expect(c.endsOn).toBe('2026-08-13');
    expect(c.passed).toEqual(['chuyenvien', 'truongphong']);
    // Tết 2026 (16–20 February) moves a February class to the next week free of holidays.
    const tet = new Set(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    const feb = impactClass(new Date('2026-04-20T09:00:00+07:00'), (d) => !tet.has(d) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    expect(feb.startsOn).toBe('2026-02-23');
    for (const k of demoClasses(new Date(NOW))) {
      for (const s of k.sessions) expect([0, 6]).not.toContain(new Date(`${s.heldOn}T00:00:00Z`).getUTCDay());
      if (k.status === 'planned') expect(k.startsOn > '2026-11-23').toBe(true);
      else expect(k.endsOn < '2026-11-23').toBe(true);
    }
  });
});

describe('capacity demo', () => {
  let t: TestApp;
  let vinhloc: number;
  const id = async (username: string) => (await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  beforeAll(async () => {
    t = await createTestApp({ now: NOW, capacity: true });
    vinhloc = (await t.ctx.db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow()).id;
  }, 240_000);
  afterAll(() => t?.close());

  it('runs once: a second call adds nothing', async () => {
    const counts = async () =>
      (await sql<Record<string, number>>`select (select count(*)::int from job_positions) as p, (select count(*)::int from competency_assessments) as a,
        (select count(*)::int from certificates) as c, (select count(*)::int from training_classes) as k, (select count(*)::int from accounts) as u`.execute(t.ctx.db)).rows[0]!;
    const before = await counts();
    expect(before.p).toBeGreaterThan(100);
    expect((await seedCapacityDemo(t.ctx.db, { now: t.clock.now() })).skipped).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('gives the extra officials the demo password', async () => {
    const c = await t.login('diachinh.vinhloc');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('lets Vĩnh Lộc cover land without Ms X: two others hold a level, one is competent', async () => {
    const msX = await id('chuyenviendd.vinhloc');
    const rows = (
      await sql<{ account_id: number; level: number }>`
        select distinct on (a.account_id) a.account_id, a.level
          from competency_assessments a join competencies c on c.id = a.competency_id and c.field = 'Đất đai' and c.unit_id is null
         where a.unit_id = ${vinhloc}
         order by a.account_id, a.assessed_at desc, a.id desc`.execute(t.ctx.db)
    ).rows;
    expect(rows.find((r) => r.account_id === msX)?.level).toBe(3);
    const others = rows.filter((r) => r.account_id !== msX && r.level >= 1);
    expect(others.length).toBeGreaterThanOrEqual(2);
    expect(others.some((r) => r.level >= 2)).toBe(true);
    expect(new Set(others.map((r) => r.level)).size).toBeGreaterThan(1);
  });

  it('leaves real gaps, with the moved official weak in land and his move kept in the history', async () => {
    const gaps = await gapRows(t.ctx.db, [vinhloc]);
    const phuc = await id('diachinh.vinhloc');
    const land = (await t.ctx.db.selectFrom('competencies').select('id').where('field', '=', 'Đất đai').where('unit_id', 'is', null).executeTakeFirstOrThrow()).id;
    expect(gaps.find((g) => g.accountId === phuc && g.competencyId === land)).toMatchObject({ required: 3, held: 1, gap: 2 });
    const withGap = new Set(gaps.filter((g) => g.gap > 0).map((g) => g.accountId));
    expect(withGap.size).toBeGreaterThanOrEqual(4);
    expect(gaps.filter((g) => g.gap === 0).length).toBeGreaterThan(gaps.filter((g) => g.gap > 0).length);
    const moves = await t.ctx.db.selectFrom('position_assignments').selectAll().where('account_id', '=', phuc).orderBy('started_on').execute();
    expect(moves.map((m) => [m.started_on, m.ended_on])).toEqual([['2019-09-03', '2025-06-30'], ['2025-07-01', null]]);
    const grps = await t.ctx.db.selectFrom('job_positions').select('grp').distinct().where('unit_id', '=', vinhloc).execute();
    expect(grps.map((g) => g.grp).sort()).toEqual(['leadership', 'professional', 'support']);
  });

  it('has certificates expiring within 60 days and an expired one', async () => {
    const r = (
      await sql<{ expiring: number; expired: number }>`
        select count(*) filter (where expires_on between ${'2026-11-23'}::date and ${'2027-01-22'}::date)::int as expiring,
               count(*) filter (where expires_on < ${'2026-11-23'}::date)::int as expired
          from certificates where unit_id = ${vinhloc} and revoked_at is null`.execute(t.ctx.db)
    ).rows[0]!;
    expect(r.expiring).toBeGreaterThanOrEqual(2);
    expect(r.expired).toBeGreaterThanOrEqual(1);
  });

  it("closes last quarter's class: certificates for full attendance, the absent learner not passed; plans one next month", async () => {
    const classes = await t.ctx.db.selectFrom('training_classes').selectAll().where('unit_id', '=', vinhloc).orderBy('starts_on').execute();
    const q3 = classes.find((c) => c.starts_on === '2026-08-10')!;
    expect(q3).toMatchObject({ status: 'closed', ends_on: '2026-08-13' });
    const enrolments = await t.ctx.db.selectFrom('enrolments as e').innerJoin('accounts as a', 'a.id', 'e.account_id').select(['a.username', 'e.status', 'e.certificate_id', 'e.result_note']).where('e.class_id', '=', q3.id).orderBy('a.username').execute();
    expect(enrolments.map((e) => [e.username, e.status, e.certificate_id !== null])).toEqual([
      ['chuyenvien.vinhloc', 'passed', true],
      ['tiepnhan.vinhloc', 'not_passed', false],
      ['truongphong.vinhloc', 'passed', true],
    ]);
    expect(JSON.parse(enrolments[1]!.result_note!).vi).toContain('vắng buổi 3');
    const low = await sql<{ n: number }>`select count(*)::int as n from test_scores s join class_tests t on t.id = s.test_id where t.class_id = ${q3.id} and s.score < 5`.execute(t.ctx.db);
    expect(low.rows[0]!.n).toBe(0);
    const raised = await t.ctx.db.selectFrom('competency_assessments').select('level').where('source', '=', 'training').where('account_id', '=', await id('chuyenvien.vinhloc')).where('note', 'like', '%hộ tịch%').execute();
    expect(raised.map((r) => r.level)).toEqual([3, 3]);
    const planned = classes.filter((c) => c.status === 'planned');
    expect(planned).toHaveLength(1);
    expect(planned[0]!.starts_on.slice(0, 7)).toBe('2026-12');
  });

  it("lowers the send-back rate of last quarter's class attendees after it, and no one else's", async () => {
    const rate = async (who: 'attendees' | 'others', from: string, to: string) =>
      (
        await sql<{ submitted: number; sent_back: number }>`
          select count(*)::int as submitted, count(*) filter (where l.sent_back)::int as sent_back
            from evidence_ledger l
           where l.submitted and motcua_local_day(l.at) between ${from}::date and ${to}::date
             and (l.account_id in (select e.account_id from enrolments e join training_classes c on c.id = e.class_id
                                    where c.starts_on = ${'2026-08-10'}::date and e.status = 'passed')) = ${who === 'attendees'}`.execute(t.ctx.db)
      ).rows[0]!;
    const before = await rate('attendees', '2026-05-10', '2026-08-09');
    const after = await rate('attendees', '2026-08-14', '2026-11-22');
    expect(before.submitted).toBeGreaterThan(300);
    expect(after.submitted).toBeGreaterThan(300);
    const r = (x: { submitted: number; sent_back: number }) => x.sent_back / x.submitted;
    expect(r(before)).toBeGreaterThan(0.15);
    expect(r(after)).toBeLessThan(r(before) - 0.08);
    const ob = await rate('others', '2026-05-10', '2026-08-09');
    const oa = await rate('others', '2026-08-14', '2026-11-22');
    expect(Math.abs(r(oa) - r(ob))).toBeLessThan(0.04);
  });

  it('follows the workflow around a send-back: head of office returns it, the specialist submits again', async () => {
    const bad = await sql<{ dossier_id: number }>`
      select h.dossier_id from dossier_history h
        left join dossier_history n on n.dossier_id = h.dossier_id and n.seq = h.seq + 1
        left join dossier_history n2 on n2.dossier_id = h.dossier_id and n2.seq = h.seq + 2
       where h.action = 'send_back'
         and not (h.actor_role = 'unit_leader' and h.from_step = 'approval' and h.to_step = 'review' and h.note is not null
                  and (n.seq is null or (n.action = 'return_to_step' and n.actor_role = 'head_of_office' and n.to_step = 'processing'
                       and (n2.seq is null or (n2.action = 'forward' and n2.actor_role = 'specialist')))))
       limit 5`.execute(t.ctx.db);
    expect(bad.rows).toEqual([]);
    const n = await sql<{ n: number }>`select count(*)::int as n from dossier_history where action = 'send_back'`.execute(t.ctx.db);
    expect(n.rows[0]!.n).toBeGreaterThan(500);
    const stuck = await sql<{ n: number }>`select count(*)::int as n from dossiers where status = 'returned' and outcome is null`.execute(t.ctx.db);
    expect(stuck.rows[0]!.n).toBe(0);
  });

  it('keeps the report aggregates equal to a recount, with no practice dossiers', async () => {
    const check = await verifyAggregates(t.ctx.db);
    expect(check.ok, JSON.stringify(check)).toBe(true);
    const practice = await sql<{ n: number }>`select count(*)::int as n from dossiers where is_practice`.execute(t.ctx.db);
    expect(practice.rows[0]!.n).toBe(0);
  });

  it('gives the province figures for every commune', async () => {
    const r = (
      await sql<{ units: number; assessed: number; tokens: number }>`
        select (select count(distinct p.unit_id)::int from job_positions p join units u on u.id = p.unit_id join units pr on pr.id = u.parent_id and pr.code = '46') as units,
               (select count(distinct a.unit_id)::int from competency_assessments a) as assessed,
               (select count(*)::int from certificates where kind = 'digital_signature' and expires_on < ${'2027-01-22'}::date) as tokens`.execute(t.ctx.db)
    ).rows[0]!;
    const communes = await sql<{ n: number }>`select count(*)::int as n from units u join units p on p.id = u.parent_id and p.code = '46' where u.merged_into_id is null`.execute(t.ctx.db);
    expect(r.units).toBe(communes.rows[0]!.n);
    expect(r.assessed).toBe(communes.rows[0]!.n);
    expect(r.tokens).toBeGreaterThan(3);
    // The city's own class trained officials of many communes; the absent ones got no certificate.
    const city = (
      await sql<{ communes: number; passed: number; not_passed: number }>`
        select count(distinct c.unit_id)::int as communes,
               (select count(*)::int from enrolments e where e.class_id = k.id and e.status = 'passed') as passed,
               (select count(*)::int from enrolments e where e.class_id = k.id and e.status = 'not_passed') as not_passed
          from training_classes k join units u on u.id = k.unit_id and u.code = '46'
          join certificates c on c.class_id = k.id group by k.id`.execute(t.ctx.db)
    ).rows;
    expect(city).toHaveLength(1);
    expect(city[0]!.communes).toBeGreaterThan(10);
    expect(city[0]!.passed).toBeGreaterThan(city[0]!.not_passed);
  });
});
