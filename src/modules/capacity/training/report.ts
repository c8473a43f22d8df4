// What training achieved: the report (classes held, officials trained, hours, hours per official, by content
// group; the province sees one line per commune and no names) and a class's impact on its passed attendees'
// work, read from the evidence ledger before the class and after it, beside the unit's other officials.
import { sql } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { Actor } from '../../people/actor.js';
import type { Role } from '../../people/roles.js';
import { capacityScope, requireUnitLeader, STAFF_ROLES } from '../access.js';
import { unitOfficials } from '../levels.js';
import { parsePeriod, periodBounds } from '../../reports/period.js';
import { classRows, findClass, today, type ClassRow } from './classes.js';
import { CONTENT_GROUPS, impactWindows, rates, sumCounts, ZERO_COUNTS, type RateCounts, type Rates } from './domain.js';

const round1 = (n: number) => Math.round(n * 10) / 10;
const perHead = (hours: number, heads: number) => (heads ? round1(hours / heads) : null);

interface Figures {
  /** Active officials per unit (the first unit of each official among those asked). */
  officials: Map<number, { unitId: number }>;
  /** Per official: classes attended (ids), hours present, certificates issued by a class in the period. */
  byOfficial: Map<number, { classes: Set<number>; hours: number; certificates: number }>;
  /** Per organising unit and content group: classes held (a session in the period), and hours attended by the units' officials. */
  classes: Array<{ unitId: number; contentGroup: string; classes: number }>;
  hoursByGroup: Array<{ unitId: number; contentGroup: string; hours: number }>;
}

async function figures(ctx: AppContext, unitIds: number[], from: string, to: string): Promise<Figures> {
  // A class counts as held once one of its sessions in the period has taken place.
  const day = today(ctx);
  const staff = sql.join(STAFF_ROLES as Role[]);
  const units = sql.join(unitIds);
  // Each active official once, in the first of the units they work in.
  const o = sql`(
    select distinct on (g.account_id) g.account_id, g.unit_id
    from role_grants g join accounts a on a.id = g.account_id and a.active
    where g.unit_id in (${units}) and g.role in (${staff})
    order by g.account_id, g.unit_id)`;
  const officials = await sql<{ account_id: number; unit_id: number }>`select * from ${o} o`.execute(ctx.db);
  const attended = await sql<{ account_id: number; unit_id: number; content_group: string; class_ids: number[]; hours: number }>`
    with o as ${o}
    select o.account_id, o.unit_id, p.content_group, array_agg(distinct c.id) as class_ids, sum(s.hours)::float8 as hours
    from attendance at
    join o on o.account_id = at.account_id
    join class_sessions s on s.id = at.session_id
    join training_classes c on c.id = s.class_id and c.status <> 'cancelled'
    join training_programmes p on p.id = c.programme_id
    where at.present and s.held_on between ${from} and ${to}
    group by o.account_id, o.unit_id, p.content_group`.execute(ctx.db);
  // Certificates of a class, whoever organised it (a commune's officials may pass a province's class).
  const certs = await sql<{ account_id: number; n: number }>`
    with o as ${o}
    select cert.account_id, count(*)::int as n
    from certificates cert join o on o.account_id = cert.account_id
    where cert.class_id is not null and cert.revoked_at is null and cert.issued_on between ${from} and ${to}
    group by cert.account_id`.execute(ctx.db);
  const classes = await sql<{ unit_id: number; content_group: string; classes: number }>`
    select c.unit_id, p.content_group, count(*)::int as classes
    from training_classes c join training_programmes p on p.id = c.programme_id
    where c.unit_id in (${units}) and c.status <> 'cancelled'
      and exists (select 1 from class_sessions s where s.class_id = c.id and s.held_on between ${from} and ${to} and s.held_on <= ${day})
    group by c.unit_id, p.content_group`.execute(ctx.db);

  const out: Figures = { officials: new Map(), byOfficial: new Map(), classes: [], hoursByGroup: [] };
  for (const o of officials.rows) out.officials.set(o.account_id, { unitId: o.unit_id });
  const entry = (id: number) => {
    let e = out.byOfficial.get(id);
    if (!e) out.byOfficial.set(id, (e = { classes: new Set(), hours: 0, certificates: 0 }));
    return e;
  };
  const groupHours = new Map<string, number>();
  for (const a of attended.rows) {
    const e = entry(a.account_id);
    for (const c of a.class_ids) e.classes.add(Number(c));
    e.hours += Number(a.hours);
    const k = `${a.unit_id}|${a.content_group}`;
    groupHours.set(k, (groupHours.get(k) ?? 0) + Number(a.hours));
  }
  for (const c of certs.rows) entry(c.account_id).certificates += c.n;
  out.classes = classes.rows.map((r) => ({ unitId: r.unit_id, contentGroup: r.content_group, classes: r.classes }));
  out.hoursByGroup = [...groupHours].map(([k, hours]) => {
    const [u, g] = k.split('|');
    return { unitId: Number(u), contentGroup: g!, hours: round1(hours) };
  });
  return out;
}

export async function trainingReport(ctx: AppContext, actor: Actor, q: { unit: string; from: string; to: string }) {
  const scope = capacityScope(ctx, actor, q.unit);
  parsePeriod(q.from, q.to);
  const f = await figures(ctx, scope.unitIds, q.from, q.to);
  const totalHours = round1([...f.byOfficial.values()].reduce((s, e) => s + e.hours, 0));
  const trained = [...f.byOfficial.values()].filter((e) => e.hours > 0).length;
  const totals = {
    classesHeld: f.classes.reduce((s, c) => s + c.classes, 0),
    officialsTrained: trained,
    officials: f.officials.size,
    hours: totalHours,
    hoursPerOfficial: perHead(totalHours, f.officials.size),
    certificates: [...f.byOfficial.values()].reduce((s, e) => s + e.certificates, 0),
  };
  const unit = { code: scope.unit.code, name: scope.unit.name };
  if (scope.kind === 'aggregate') {
    const communes = scope.unitIds
      .map((id) => ctx.units.byId(id)!)
      .filter((u) => u.kind !== 'province')
      .map((u) => {
        const mine = [...f.officials].filter(([, o]) => o.unitId === u.id).map(([id]) => f.byOfficial.get(id));
        const hours = round1(mine.reduce((s, e) => s + (e?.hours ?? 0), 0));
        return {
          code: u.code,
          name: u.name,
          classesHeld: f.classes.filter((c) => c.unitId === u.id).reduce((s, c) => s + c.classes, 0),
          officials: mine.length,
          officialsTrained: mine.filter((e) => e && e.hours > 0).length,
          hours,
          hoursPerOfficial: perHead(hours, mine.length),
          certificates: mine.reduce((s, e) => s + (e?.certificates ?? 0), 0),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return { scope: 'aggregate' as const, unit, from: q.from, to: q.to, ...totals, communes };
  }
  const people = await unitOfficials(ctx.db, scope.unitIds);
  return {
    scope: 'unit' as const,
    unit,
    from: q.from,
    to: q.to,
    ...totals,
    byOfficial: people.map((o) => {
      const e = f.byOfficial.get(o.id);
      return { id: o.id, fullName: o.fullName, classes: e?.classes.size ?? 0, hours: round1(e?.hours ?? 0), certificates: e?.certificates ?? 0 };
    }),
    byGroup: CONTENT_GROUPS.map((g) => ({
      contentGroup: g,
      classes: f.classes.filter((c) => c.contentGroup === g).reduce((s, c) => s + c.classes, 0),
      hours: round1(f.hoursByGroup.filter((h) => h.contentGroup === g).reduce((s, h) => s + h.hours, 0)),
    })),
  };
}

export interface Impact {
  class: ClassRow;
  months: number;
  before: { from: string; to: string };
  after: { from: string; to: string };
  attendees: Array<{ id: number; fullName: string; before: Rates; after: Rates }>;
  totals: { attendees: { before: Rates; after: Rates }; others: { officials: number; before: Rates; after: Rates } };
}

/** "How did the class change their send-back rate": the passed attendees' work before and after, and everyone else's. */
export async function classImpact(ctx: AppContext, actor: Actor, classId: number, months: number): Promise<Impact> {
  const row = await findClass(ctx.db, classId);
  requireUnitLeader(ctx, actor, row.unit_id);
  const [view] = await classRows(ctx, ctx.db, { ids: [classId] });
  const w = impactWindows(row.starts_on, row.ends_on, months, today(ctx));
  const b = periodBounds(w.before.from, w.before.to);
  // An empty window (the class has not ended yet) is the empty interval at its start.
  const a = w.after.to >= w.after.from ? periodBounds(w.after.from, w.after.to) : { start: b.end, end: b.end };
  const counts = await sql<{ account_id: number; win: 'before' | 'after' } & Record<'submitted' | 'sent_back' | 'steps' | 'late' | 'supplements' | 'rated' | 'satisfied', number>>`
    select account_id,
           case when at < ${b.end} then 'before' else 'after' end as win,
           count(*) filter (where submitted)::int as submitted,
           count(*) filter (where sent_back)::int as sent_back,
           count(*) filter (where timeliness is not null)::int as steps,
           count(*) filter (where late)::int as late,
           count(*) filter (where supplement)::int as supplements,
           count(distinct dossier_id) filter (where satisfied is not null)::int as rated,
           count(distinct dossier_id) filter (where satisfied)::int as satisfied
    from evidence_ledger
    where unit_id = ${row.unit_id}
      and ((at >= ${b.start} and at < ${b.end}) or (at >= ${a.start} and at < ${a.end}))
    group by 1, 2`.execute(ctx.db);
  const byAccount = new Map<number, { before: RateCounts; after: RateCounts }>();
  for (const r of counts.rows) {
    let e = byAccount.get(r.account_id);
    if (!e) byAccount.set(r.account_id, (e = { before: { ...ZERO_COUNTS }, after: { ...ZERO_COUNTS } }));
    e[r.win] = { submitted: r.submitted, sentBack: r.sent_back, steps: r.steps, late: r.late, supplements: r.supplements, rated: r.rated, satisfied: r.satisfied };
  }
  const passed = await ctx.db
    .selectFrom('enrolments as e')
    .innerJoin('accounts as ac', 'ac.id', 'e.account_id')
    .select(['e.account_id', 'ac.full_name'])
    .where('e.class_id', '=', classId)
    .where('e.status', '=', 'passed')
    .orderBy('ac.full_name')
    .execute();
  const attendeeIds = new Set(passed.map((p) => p.account_id));
  const empty = { before: ZERO_COUNTS, after: ZERO_COUNTS };
  const attendees = passed.map((p) => {
    const e = byAccount.get(p.account_id) ?? empty;
    return { id: p.account_id, fullName: p.full_name, before: rates(e.before), after: rates(e.after), raw: e };
  });
  // The comparison: the unit's other officials who handed work on in either window.
  const others = (await unitOfficials(ctx.db, [row.unit_id]))
    .filter((o) => !attendeeIds.has(o.id))
    .map((o) => byAccount.get(o.id))
    .filter((e): e is { before: RateCounts; after: RateCounts } => !!e && e.before.submitted + e.after.submitted > 0);
  return {
    class: view!,
    months,
    before: w.before,
    after: w.after,
    attendees: attendees.map(({ raw: _raw, ...x }) => x),
    totals: {
      attendees: { before: rates(sumCounts(attendees.map((x) => x.raw.before))), after: rates(sumCounts(attendees.map((x) => x.raw.after))) },
      others: { officials: others.length, before: rates(sumCounts(others.map((o) => o.before))), after: rates(sumCounts(others.map((o) => o.after))) },
    },
  };
}
