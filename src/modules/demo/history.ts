// A realistic past for the demo: about six months of dossiers before `now` at every commune of Thành phố Huế
// (46), so that reports, rankings and the Decision 766 index have figures to show. Deterministic: the same seed
// and `now` give the same rows. Every dossier goes through the real state machine's steps (receive, forward,
// review, approval, issue, return; some refused, withdrawn, paused for a supplement or a fee), with due dates and
// step times from the calendar module, as the live system would have written them. Rows are built in memory and
// written in large batches; the report facts and day counts are computed once, set-based, at the end.
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays, isWorkingDay, toLocalDate, type WorkCalendar } from '../calendar/index.js';
import { loadWorkCalendar } from '../calendar/store.js';
import { limitFor, type ChannelInfo, type ComponentInfo } from '../catalogue/domain.js';
import { formatDossierCode } from '../dossiers/code.js';
import { Workflow } from '../dossiers/workflow.js';
import { addContributions } from '../reports/aggregates.js';
import { DEMO_PROFILES, Rng, WORST, fieldWeight, lightProfile, personName } from './history-profiles.js';
import {
  buildDossier,
  buildFeedback,
  officeInstant,
  type Proc,
  type Row,
  type Rows,
  type Staff,
  type UnitPlan,
} from './history-rows.js';
import { DEMO_COMMUNES, DEMO_PROVINCE } from '../../seed.js';
import { FIELD_HANDLERS, impactClass, sendBackChance, type Suffix } from '../capacity/demo/plan.js';
import { ensureExtraOfficials, HISTORY_ONLY_PASSWORD } from '../capacity/demo/officials.js';

export interface HistoryOptions {
  now: Date;
  months?: number;
  seed?: number;
}

export interface HistoryReport {
  skipped: boolean;
  units: number;
  accounts: number;
  dossiers: number;
  components: number;
  history: number;
  pauses: number;
  fees: number;
  payments: number;
  ratings: number;
  syncs: number;
  dataSources: number;
  files: number;
  feedback: number;
  facts: number;
  from: string;
  to: string;
  seconds: number;
}

/** instance_settings key that marks a database as holding the demo history (seeded once). */
export const HISTORY_MARK = 'demo_history';

export async function hasHistory(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('instance_settings').select('key').where('key', '=', HISTORY_MARK).executeTakeFirst());
}

export async function seedHistory(db: Kysely<DB>, options: HistoryOptions): Promise<HistoryReport> {
  const t0 = performance.now();
  const now = options.now;
  const months = options.months ?? 6;
  const seed = options.seed ?? 1;
  const empty = { skipped: true, units: 0, accounts: 0, dossiers: 0, components: 0, history: 0, pauses: 0, fees: 0, payments: 0, ratings: 0, syncs: 0, dataSources: 0, files: 0, feedback: 0, facts: 0 };
  if (await hasHistory(db)) return { ...empty, from: '', to: '', seconds: 0 };
  const rng = new Rng(seed);

  const province = await db.selectFrom('units').select('id').where('code', '=', DEMO_PROVINCE).executeTakeFirstOrThrow();
  const communes = await db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'identifier'])
    .where('parent_id', '=', province.id)
    .where('merged_into_id', 'is', null)
    .orderBy('code')
    .execute();
  const workflowRow = await db.selectFrom('workflows').select(['id', 'definition']).where('procedure_id', 'is', null).where('unit_id', 'is', null).where('active', '=', true).executeTakeFirstOrThrow();
  const workflow = Workflow.parse(workflowRow.definition);
  const percent = (kind: string) => workflow.steps.filter((s) => s.key === kind).reduce((a, s) => a + s.percent, 0);
  const steps = workflow.steps.map((s) => s.key);
  const [kReception, kProcessing, kReview, kApproval, kIssue] = [steps[0]!, steps[1]!, steps[2]!, steps.at(-2)!, steps.at(-1)!];

  const procs = await loadProcedures(db);
  if (!procs.length) throw new Error('no commune-level procedures in the catalogue: seed the demo first');

  // Read before the transaction: PGlite has one connection, which the transaction holds.
  const calendars = new Map<number, WorkCalendar>();
  for (const c of communes) calendars.set(c.id, await loadWorkCalendar(db, c.id));

  return db.transaction().execute(async (tx) => {
    const demoCodes = new Set(DEMO_COMMUNES.map(([c]) => c));
    const others = communes.filter((c) => !demoCodes.has(c.code));
    const worstCode = others.length ? others[Math.floor(others.length * 0.37)]!.code : '';
    const accounts = await ensureStaff(tx, communes, demoCodes, rng);
    const plans: UnitPlan[] = [];
    for (const c of communes) {
      const { byPrefix, ...staff } = accounts.get(c.id)!;
      const profile = DEMO_PROFILES[c.code] ?? (c.code === worstCode ? WORST : lightProfile(rng));
      const unhappiness = new Map<number, number>();
      for (const s of [staff.specialists.social, staff.specialists.other]) unhappiness.set(s.id, 0.6 + rng.u() * 0.8);
      const cal = calendars.get(c.id)!;
      plans.push({ ...c, profile, cal, unhappiness, ...staff, ...workPlan(byPrefix, cal, now, rng) });
    }

    const last = addDays(toLocalDate(now), -1);
    const first = addDays(last, -Math.round(months * 30.44));
    const counters = await tx
      .selectFrom('dossier_code_counters')
      .select(['unit_id', 'day', 'last'])
      .where('day', '>=', first)
      .where('day', '<=', last)
      .execute();
    const startSeq = new Map(counters.map((c) => [`${c.unit_id}:${c.day}`, c.last]));

    const rows: Rows = { dossiers: [], components: [], history: [], pauses: [], fees: [], payments: [], ratings: [], outbox: [], syncs: [], lookups: [], sources: [], dossierFiles: [], feedback: [], counters: new Map() };
    const ids = { dossier: await nextIds(tx, 'dossiers_id_seq'), outbox: await nextIds(tx, 'outbox_id_seq'), fee: await nextIds(tx, 'dossier_fees_id_seq') };
    const scan = rng.uuid();
    const earlier = new Map<number, string[]>(); // unit → codes of its past dossiers, for reused documents

    for (const unit of plans) {
      for (let day = first; day <= last; day = addDays(day, 1)) {
        if (!isWorkingDay(unit.cal, day)) continue;
        // A busier start of the week, a quieter Friday afternoon; volume grows slowly over the months.
        const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
        const growth = 0.85 + 0.3 * ((Date.parse(day) - Date.parse(first)) / (Date.parse(last) - Date.parse(first) || 1));
        const n = rng.count(unit.profile.volume * growth * (wd === 1 ? 1.25 : wd === 5 ? 0.85 : 1));
        const times = Array.from({ length: n }, () => officeInstant(day, rng)).sort((a, b) => a.getTime() - b.getTime());
        const key = `${unit.id}:${day}`;
        let seq = startSeq.get(key) ?? 0;
        for (const submittedAt of times) {
          seq++;
          const code = formatDossierCode(unit.identifier, submittedAt, seq);
          buildDossier(rows, ids, { unit, code, submittedAt, now, rng, procs, workflow, percent, keys: { kReception, kProcessing, kReview, kApproval, kIssue }, scan, earlier });
        }
        if (seq > (startSeq.get(key) ?? 0)) rows.counters.set(key, { unit_id: unit.id, day, last: seq });
        const fb = rng.count(unit.profile.volume * unit.profile.feedback * 0.12);
        for (let i = 1; i <= fb; i++) buildFeedback(rows, unit, day, i, now, rng);
      }
    }

    await writeRows(tx, rows, workflowRow.id, scan, now);
    const facts = await refreshFacts(tx, ids.dossier.first, ids.dossier.next - 1);
    const report: HistoryReport = {
      skipped: false,
      units: plans.length,
      accounts: [...accounts.values()].filter((a) => a.created).length * 3,
      dossiers: rows.dossiers.length,
      components: rows.components.length,
      history: rows.history.length,
      pauses: rows.pauses.length,
      fees: rows.fees.length,
      payments: rows.payments.length,
      ratings: rows.ratings.length,
      syncs: rows.syncs.length,
      dataSources: rows.sources.length,
      files: rows.dossierFiles.length,
      feedback: rows.feedback.length,
      facts,
      from: first,
      to: last,
      seconds: 0,
    };
    await tx
      .insertInto('instance_settings')
      .values({ key: HISTORY_MARK, value: JSON.stringify({ seed, months, now: now.toISOString(), dossiers: report.dossiers, from: first, to: last }), updated_at: now })
      .execute();
    report.seconds = Math.round((performance.now() - t0) / 100) / 10;
    return report;
  });
}

/** A run of ids taken from a sequence, handed out one by one. */
async function nextIds(tx: Transaction<DB>, seq: string) {
  const res = await sql<{ v: string }>`select nextval(${seq}::regclass)::text as v`.execute(tx);
  const start = Number(res.rows[0]!.v);
  return {
    first: start,
    next: start,
    take() {
      return this.next++;
    },
  };
}
type Ids = Awaited<ReturnType<typeof nextIds>>;

async function loadProcedures(db: Kysely<DB>): Promise<Proc[]> {
  const rows = await sql<{ procedure_id: number; id: number; version: number; code: string; name: string; field: string; channels: ChannelInfo[]; components: ComponentInfo[]; levels: string[] }>`
    select distinct on (v.procedure_id) v.procedure_id, v.id, v.version, p.code, v.name, v.field, v.channels, v.components, v.levels
      from procedure_versions v join procedures p on p.id = v.procedure_id
     where v.effective_to is null
     order by v.procedure_id, v.effective_from desc, v.version desc`.execute(db);
  return rows.rows
    .filter((r) => (r.levels ?? []).includes('Cấp xã') && limitFor(r.channels, 'counter').ok)
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => ({ procedureId: r.procedure_id, versionId: r.id, version: r.version, code: r.code, name: r.name, field: r.field, channels: r.channels, components: r.components, weight: fieldWeight(r.field) }));
}

/**
 * The demo communes have their staff; the others get a receiving officer (also clerk), a specialist and a leader
 * (also head of office) who cannot sign in: names in the history and the officials the reports break down by.
 */
async function ensureStaff(tx: Transaction<DB>, communes: Array<{ id: number; code: string }>, demoCodes: Set<string>, r: Rng) {
  const out = new Map<number, { created: boolean; receiver: Staff; specialists: { social: Staff; other: Staff }; head: Staff; leader: Staff; clerk: Staff; byPrefix: Map<string, Staff> | null }>();
  const byUsername = async (u: string): Promise<Staff> => {
    const a = await tx.selectFrom('accounts').select(['id', 'full_name']).where('username', '=', u).executeTakeFirstOrThrow();
    return { id: a.id, name: a.full_name };
  };
  for (const c of communes) {
    if (demoCodes.has(c.code)) {
      const suffix = DEMO_COMMUNES.find(([code]) => code === c.code)![1];
      const s = async (p: string) => byUsername(`${p}.${suffix}`);
      const byPrefix = await ensureExtraOfficials(tx, c.id, suffix as Suffix);
      for (const p of ['tiepnhan', 'chuyenvien', 'chuyenviendd', 'truongphong', 'lanhdao', 'vanthu']) byPrefix.set(p, await s(p));
      const p = (x: string) => byPrefix.get(x)!;
      out.set(c.id, { created: false, receiver: p('tiepnhan'), specialists: { social: p('chuyenvien'), other: p('chuyenviendd') }, head: p('truongphong'), leader: p('lanhdao'), clerk: p('vanthu'), byPrefix });
      continue;
    }
    const made: Staff[] = [];
    let created = false;
    for (const [prefix, roles] of [
      ['tiepnhan', ['receiving_officer', 'clerk']],
      ['chuyenvien', ['specialist']],
      ['lanhdao', ['unit_leader', 'head_of_office']],
    ] as const) {
      const username = `${prefix}.x${c.code}`;
      let a = await tx.selectFrom('accounts').select(['id', 'full_name']).where('username', '=', username).executeTakeFirst();
      if (!a) {
        // No password: these officials exist for the history and the reports; nobody signs in as them.
        a = await tx.insertInto('accounts').values({ username, full_name: personName(r).name, password_hash: HISTORY_ONLY_PASSWORD }).returning(['id', 'full_name']).executeTakeFirstOrThrow();
        created = true;
      }
      for (const role of roles) {
        await tx.insertInto('role_grants').values({ account_id: a.id, role, unit_id: c.id }).onConflict((oc) => oc.columns(['account_id', 'role', 'unit_id']).doNothing()).execute();
      }
      made.push({ id: a.id, name: a.full_name });
    }
    const [receiver, specialist, leader] = made as [Staff, Staff, Staff];
    out.set(c.id, { created, receiver, specialists: { social: specialist, other: specialist }, head: leader, leader, clerk: receiver, byPrefix: null });
  }
  return out;
}

/**
 * Who takes which field and how often the leader sends their work back. Demo communes follow the capacity
 * demo's plan (Ms X takes most land dossiers; last quarter's class lowers its attendees' send-backs); elsewhere
 * one constant rate per commune.
 */
function workPlan(byPrefix: Map<string, Staff> | null, cal: WorkCalendar, now: Date, r: Rng): Pick<UnitPlan, 'handlers' | 'sendBack'> {
  if (!byPrefix) {
    const p = 0.04 + r.u() * 0.08;
    return { handlers: new Map(), sendBack: () => p };
  }
  const handlers = new Map<string, ReadonlyArray<readonly [Staff, number]>>();
  for (const [field, list] of Object.entries(FIELD_HANDLERS)) handlers.set(field, list.map(([prefix, w]) => [byPrefix.get(prefix)!, w] as const));
  const prefixOf = new Map([...byPrefix].map(([prefix, s]) => [s.id, prefix]));
  const impact = impactClass(now, (d) => isWorkingDay(cal, d));
  return { handlers, sendBack: (s, day) => sendBackChance(prefixOf.get(s.id) ?? '', day, impact) };
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** The report triggers of 010_reports.sql: set aside during the load, the facts are computed once at the end. */
const REPORT_TRIGGERS: ReadonlyArray<readonly [table: string, trigger: string]> = [
  ['dossiers', 'report_dossiers'],
  ['ratings', 'report_ratings'],
  ['payments', 'report_payments'],
  ['dossier_fees', 'report_dossier_fees'],
  ['dossier_files', 'report_dossier_files'],
  ['dossier_components', 'report_dossier_components'],
  ['dossier_data_sources', 'report_data_sources'],
  ['national_portal_sync', 'report_portal_sync'],
  ['dossier_history', 'report_history'],
];

async function setReportTriggers(tx: Transaction<DB>, enabled: boolean): Promise<void> {
  for (const [table, trigger] of REPORT_TRIGGERS) {
    await sql`alter table ${sql.id(table)} ${sql.raw(enabled ? 'enable' : 'disable')} trigger ${sql.id(trigger)}`.execute(tx);
  }
}

/** Inserts rows (all with the same keys) through one JSON parameter per batch: one statement per few thousand rows. */
async function bulkInsert(tx: Transaction<DB>, table: string, rows: Row[], batch = 4000): Promise<void> {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!);
  const list = sql.join(cols.map((c) => sql.id(c)));
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch).map((row) => Object.fromEntries(cols.map((c) => [c, row[c] instanceof Date ? (row[c] as Date).toISOString() : row[c]])));
    await sql`insert into ${sql.id(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.id(table)}, ${JSON.stringify(chunk)}::json)`.execute(tx);
  }
}

async function writeRows(tx: Transaction<DB>, rows: Rows, workflowId: number, scan: string, now: Date): Promise<void> {
  await setReportTriggers(tx, false);
  if (rows.dossierFiles.length) {
    await tx
      .insertInto('files')
      .values({ id: scan, sha256: crypto.createHash('sha256').update(SCAN_PDF).digest('hex'), mime: 'application/pdf', size: SCAN_PDF.length, name: 'ban-scan.pdf', content: SCAN_PDF, uploaded_by: null, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  await bulkInsert(tx, 'dossiers', rows.dossiers.map((d) => ({ ...d, workflow_id: workflowId, sets_count: 1, is_practice: false, applicant_email: null, signed_at: null })));
  await bulkInsert(tx, 'dossier_components', rows.components);
  await bulkInsert(tx, 'dossier_history', rows.history);
  await bulkInsert(tx, 'dossier_pauses', rows.pauses);
  await bulkInsert(tx, 'dossier_fees', rows.fees);
  await bulkInsert(tx, 'payments', rows.payments);
  await bulkInsert(tx, 'ratings', rows.ratings);
  await bulkInsert(tx, 'outbox', rows.outbox);
  await bulkInsert(tx, 'national_portal_sync', rows.syncs);
  await bulkInsert(tx, 'population_lookups', rows.lookups);
  await bulkInsert(tx, 'dossier_data_sources', rows.sources);
  await bulkInsert(tx, 'dossier_files', rows.dossierFiles);
  await bulkInsert(tx, 'feedback', rows.feedback);
  const counters = [...rows.counters.values()];
  if (counters.length) {
    await sql`insert into dossier_code_counters as c (unit_id, day, last)
              select unit_id, day, last from json_populate_recordset(null::dossier_code_counters, ${JSON.stringify(counters)}::json)
              on conflict (unit_id, day) do update set last = greatest(c.last, excluded.last)`.execute(tx);
  }
  // The sequences move past the ids handed out here.
  for (const [seq, table] of [['dossiers_id_seq', 'dossiers'], ['outbox_id_seq', 'outbox'], ['dossier_fees_id_seq', 'dossier_fees']] as const) {
    await sql`select setval(${seq}::regclass, greatest((select coalesce(max(id), 1) from ${sql.id(table)}), (select last_value from ${sql.id(seq)})))`.execute(tx);
  }
  await setReportTriggers(tx, true);
}

/**
 * The facts of dossiers first..last from the view, and their contributions to the counts, added set-based by
 * the reports module (the recount's arithmetic, restricted to these facts).
 */
async function refreshFacts(tx: Transaction<DB>, first: number, last: number): Promise<number> {
  if (last < first) return 0;
  await sql`alter table report_facts disable trigger report_facts_contribute`.execute(tx);
  const ins = await sql`insert into report_facts select * from report_facts_v where dossier_id between ${first} and ${last}
                        on conflict (dossier_id) do nothing`.execute(tx);
  await sql`alter table report_facts enable trigger report_facts_contribute`.execute(tx);
  await addContributions(tx, first, last);
  return Number(ins.numAffectedRows ?? 0);
}

/** One small PDF standing for the scans of the demo history's components. */
const SCAN_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
