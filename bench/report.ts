// What a run found, as a table for people and as bench/results/<YYYY-MM-DD>.json (Vietnam date) for the record.
import fs from 'node:fs';
import os from 'node:os';
import { toLocalDate } from '../src/modules/calendar/time.js';
import type { BulkSeedReport } from './bulk-seed.js';
import type { DatabaseFacts } from './databases.js';
import type { PhaseResult } from './http-load.js';
import type { InsertResult } from './baselines.js';
import type { WaitProfile } from './pg-waits.js';
import type { BenchDb, BenchOptions } from './options.js';
import type { ReportsRun } from './reports.js';

export interface IntakeFindings {
  /** Dossiers the intake phase (warm-up included) added, and whether their codes are 1..n without a gap. */
  dossiersAdded: number;
  codesConsecutive: boolean;
  /** PostgreSQL: what the backends were doing during the measured intake phase. */
  waits?: WaitProfile;
  /** PGlite: fsync() calls per intake (durable commits). */
  fsyncsPerIntake?: number;
}

/** Phase 5: the outbox delivered to the national portal simulator. */
export interface OutboxRun {
  events: number;
  delivered: number;
  failed: number;
  seconds: number;
  perSecond: number;
  /** Syncs and status updates the simulator applied (equal to `delivered` when nothing was sent twice). */
  applied: number;
}

export interface DatabaseRun {
  database: BenchDb;
  location: string;
  dossiers: number;
  facts: DatabaseFacts;
  poolSize: number | null;
  /** Absent with --reuse (the database of an earlier run). */
  seeding?: { migrateSeconds: number; demoSeconds: number; realIntakes: number; bulk: BulkSeedReport };
  /** Absent with --reports (seeding and the reports phase only). */
  load?: LoadRun;
  reports: ReportsRun;
}

/** The HTTP load phases and their baselines. */
export interface LoadRun {
  bare: PhaseResult;
  lookup: PhaseResult;
  intake: PhaseResult & IntakeFindings;
  outbox: OutboxRun;
  inserts: { sequential: InsertResult; concurrent: InsertResult | null };
  ratios: { intakeVsBare: number; lookupVsBare: number; intakeVsInsertSequential: number; intakeVsInsertConcurrent: number | null };
}

export function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 1000) / 1000 : 0;
}

export function machineInfo() {
  const cpus = os.cpus();
  // Read from node_modules directly: some packages (kysely) do not export their package.json.
  const version = (name: string) =>
    (JSON.parse(fs.readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    fastify: version('fastify'),
    kysely: version('kysely'),
    pglite: version('@electric-sql/pglite'),
    autocannon: version('autocannon'),
  };
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const mib = (bytes: number) => `${int(bytes / 2 ** 20)} MiB`;
const lat = (l: { p50: number; p95: number; p99: number }) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`;
const x = (r: number | null) => (r === null ? '—' : r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toFixed(3)}×`);

function phaseRows(label: string, runs: LoadRun[], pick: (r: LoadRun) => PhaseResult): string[][] {
  return [
    [`${label}: req/s`, ...runs.map((r) => int(pick(r).requestsPerSecond))],
    [`${label}: p50 / p95 / p99 ms`, ...runs.map((r) => lat(pick(r).latencyMs))],
    [`${label}: non-2xx / errors`, ...runs.map((r) => `${pick(r).non2xx} / ${pick(r).errors}`)],
    [`${label}: CPU server / load gen`, ...runs.map((r) => `${pick(r).serverCpu.toFixed(2)} / ${pick(r).loadGeneratorCpu.toFixed(2)}`)],
    [`${label}: machine load avg`, ...runs.map((r) => pick(r).loadAverage.join(' → '))],
  ];
}

/** A figure of the seeding, or a dash for a run on the database of an earlier run (--reuse). */
const seeded = (r: DatabaseRun, f: (bulk: BulkSeedReport) => string): string => (r.seeding ? f(r.seeding.bulk) : '—');

export function resultTable(all: DatabaseRun[], options: Pick<BenchOptions, 'connections' | 'duration'>): string {
  const rows: string[][] = [
    ['', ...all.map((r) => r.database)],
    ['dossiers seeded', ...all.map((r) => (r.seeding ? `${int(r.dossiers)} in ${r.seeding.bulk.communes} communes of ${r.seeding.bulk.province}` : `${int(r.dossiers)} (database of an earlier run)`))],
    ['  + components / history rows / ratings', ...all.map((r) => seeded(r, (b) => `${int(b.components)} / ${int(b.history)} / ${int(b.ratings)}`))],
    ['migrate + demo seed s', ...all.map((r) => (r.seeding ? `${r.seeding.migrateSeconds} + ${r.seeding.demoSeconds}` : '—'))],
    ['bulk seed s (load + indexes/keys + reports rebuild + vacuum)', ...all.map((r) => seeded(r, ({ seconds: s }) => `${s.total} (${s.load} + ${s.indexesAndKeys} + ${s.reportsRebuild} + ${s.vacuumAnalyze})`))],
    ['  reports rebuild: facts / day rows / unit-day rows', ...all.map((r) => seeded(r, ({ reports: b }) => `${int(b.facts)} / ${int(b.daily)} / ${int(b.dailyUnit)}`))],
    ['  reports rebuild s: facts + day + unit-day', ...all.map((r) => seeded(r, ({ reports: { seconds: b } }) => `${b.facts.toFixed(1)} + ${b.daily.toFixed(1)} + ${b.dailyUnit.toFixed(1)}`))],
    ['database size', ...all.map((r) => mib(r.facts.sizeBytes) + (r.facts.folderBytes ? ` (${mib(r.facts.folderBytes)} on disk)` : ''))],
    ...reportRows(all),
  ];
  const runs = all.flatMap((r) => (r.load ? [r.load] : []));
  if (runs.length !== all.length) return formatTable(rows);
  rows.push(
    ...phaseRows(`bare Fastify GET`, runs, (r) => r.bare),
    ...phaseRows(`public status lookup`, runs, (r) => r.lookup),
    ...phaseRows(`intake POST`, runs, (r) => r.intake),
    ['outbox to national portal: deliveries', ...runs.map((r) => `${int(r.outbox.delivered)} of ${int(r.outbox.events)} events (${r.outbox.failed} failed)`)],
    ['outbox to national portal: deliveries/s', ...runs.map((r) => `${int(r.outbox.perSecond)} (${r.outbox.seconds} s; portal applied ${int(r.outbox.applied)})`)],
    ['insert tx, 1 worker: tx/s', ...runs.map((r) => int(r.inserts.sequential.perSecond))],
    ['insert tx, 1 worker: p50 / p95 / p99 ms', ...runs.map((r) => lat(r.inserts.sequential.latencyMs))],
    ['insert tx, 1 worker: machine load avg', ...runs.map((r) => r.inserts.sequential.loadAverage.join(' → '))],
    [`insert tx, ${options.connections} workers: tx/s`, ...runs.map((r) => (r.inserts.concurrent ? int(r.inserts.concurrent.perSecond) : '—'))],
    [`insert tx, ${options.connections} workers: p50 / p95 / p99 ms`, ...runs.map((r) => (r.inserts.concurrent ? lat(r.inserts.concurrent.latencyMs) : '—'))],
    ['ratio intake / bare handler', ...runs.map((r) => x(r.ratios.intakeVsBare))],
    ['ratio intake / insert tx (1 worker)', ...runs.map((r) => x(r.ratios.intakeVsInsertSequential))],
    [`ratio intake / insert tx (${options.connections} workers)`, ...runs.map((r) => x(r.ratios.intakeVsInsertConcurrent))],
    ['ratio lookup / bare handler', ...runs.map((r) => x(r.ratios.lookupVsBare))],
  );
  return formatTable(rows);
}

/** One line per report request: median / p95 ms (one request at a time), and the report triggers' cost. */
function reportRows(runs: DatabaseRun[]): string[][] {
  const names = runs[0]?.reports.timings.map((t) => t.name) ?? [];
  return [
    ...names.map((name) => [
      `report: ${name} — median / p95 ms`,
      ...runs.map((r) => {
        const t = r.reports.timings.find((x) => x.name === name);
        return t ? `${ms(t.medianMs)} / ${ms(t.p95Ms)}${t.status === 200 ? '' : ` (HTTP ${t.status})`}` : '—';
      }),
    ]),
    [
      'intake → resolved (7 requests), report triggers on / off: median ms',
      ...runs.map((r) => {
        const c = r.reports.triggerCost;
        return c ? `${ms(c.withTriggersMs.median)} / ${ms(c.withoutTriggersMs.median)} (${c.addedPerDossierMs >= 0 ? '+' : ''}${ms(c.addedPerDossierMs)})` : '—';
      }),
    ],
    ['reports verify: full recount equals the kept tables (s)', ...runs.map((r) => `${r.reports.verify.ok ? 'yes' : `NO, ${r.reports.verify.differences} differences`} (${r.reports.verify.seconds})`)],
  ];
}

export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  │  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('──┼──');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

export function waitLines(profile: WaitProfile): string[] {
  return [
    `  backends busy on average: ${profile.avgBusyBackends} (${profile.samples} samples every ${profile.intervalMs} ms):`,
    `    ${profile.byState.slice(0, 6).map((e) => `${e.avgBackends.toFixed(2)} ${e.state} · ${e.wait}`).join(';  ')}`,
    '  by statement:',
    ...profile.top.slice(0, 6).map((e) => `    ${e.avgBackends.toFixed(2).padStart(6)}  ${e.state} · ${e.wait} · ${e.query}`),
  ];
}

/** Writes the results file through a temporary name, so a crash never leaves half a file. */
export function writeResults(payload: unknown, now: Date, suffix = ''): string {
  const dir = new URL('./results/', import.meta.url);
  fs.mkdirSync(dir, { recursive: true });
  const file = new URL(`${toLocalDate(now)}${suffix}.json`, dir);
  const tmp = new URL(`${toLocalDate(now)}${suffix}.json.tmp`, dir);
  fs.writeFileSync(tmp, JSON.stringify(payload, null, 2) + '\n');
  fs.renameSync(tmp, file);
  return file.pathname;
}
