// `npm run bench`: seeds N dossiers and measures MotCua over HTTP — intake and public status lookup —
// against two baselines from the same run (a bare Fastify handler, single-row INSERT transactions), so
// the figures read as ratios. Prints a table and writes bench/results/<YYYY-MM-DD>.json. Not a test.
import os from 'node:os';
import { machineInfo, resultTable, waitLines, writeResults, type DatabaseRun } from './report.js';
import { parseOptions, USAGE, type BenchDb } from './options.js';
import { postgresAnswers, benchDatabaseUrl } from './databases.js';
import { redactUrl } from '../src/db/connection.js';
import { runDatabase } from './suite.js';
import { toLocalDate } from '../src/modules/calendar/time.js';
import { capacityTable, runCapacity, SLOW_MS, type CapacityRun } from './capacity.js';

const started = new Date();
const t0 = performance.now();
const log = (line: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const parsed = (() => {
  try {
    return parseOptions(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
})();
if (parsed === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const options = parsed;

const serverShown = redactUrl(benchDatabaseUrl(options.postgresUrl));
let databases: BenchDb[] = options.databases;
if (databases.length === 0) {
  if (await postgresAnswers(options.postgresUrl)) {
    databases = ['pglite', 'postgres'];
  } else {
    console.log(`PostgreSQL at ${serverShown} does not answer: running PGlite only.`);
    databases = ['pglite'];
  }
} else if (databases.includes('postgres') && !(await postgresAnswers(options.postgresUrl))) {
  console.error(`PostgreSQL at ${serverShown} does not answer.`);
  process.exit(1);
}
log(options.capacity ? `databases: ${databases.join(', ')}; staff capacity phase only` : `databases: ${databases.join(', ')}; ${options.connections} connections, ${options.duration} s per phase`);
const idleLoad = os.loadavg()[0]!;
if (idleLoad > os.cpus().length / 2) {
  log(`WARNING: the machine is already busy (1-minute load average ${idleLoad.toFixed(1)} on ${os.cpus().length} cores): figures will be low and noisy`);
}

if (options.capacity) {
  const done: CapacityRun[] = [];
  const files: string[] = [];
  for (const kind of databases) {
    log(`${kind}: staff capacity phase`);
    const run = await runCapacity(kind, options, log);
    done.push(run);
    files.push(
      writeResults(
        {
          date: started.toISOString(),
          dateVietnam: toLocalDate(started),
          machine: machineInfo(),
          phase: 'capacity',
          repetitions: 9,
          slowMs: SLOW_MS,
          loadAverageAtStart: Math.round(idleLoad * 10) / 10,
          // Busy: already at the start as the load bench counts it, or above one per core while the phase (itself
          // about 1: one request at a time) ran.
          busy: idleLoad > os.cpus().length / 2 || Math.max(run.loadAverage.afterSeeding, run.loadAverage.end, ...run.timings.map((t) => t.loadAverage)) > os.cpus().length,
          run,
          seconds: Math.round((performance.now() - t0) / 1000),
        },
        started,
        `-capacity-${kind}`,
      ),
    );
  }
  const machine = machineInfo();
  console.log(`\nMotCua staff capacity, ${started.toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  console.log(`one request at a time, a warm-up and 9 repetitions each; ms; ! = median above ${SLOW_MS} ms\n`);
  console.log(capacityTable(done));
  for (const r of done) {
    for (const t of r.timings) if (t.status !== 200 && t.status !== 201) console.log(`WARNING ${r.database}: "${t.name}" answered HTTP ${t.status}`);
    const busiest = Math.max(r.loadAverage.start, r.loadAverage.end, ...r.timings.map((t) => t.loadAverage));
    if (r.loadAverage.start > os.cpus().length / 2 || busiest > os.cpus().length) console.log(`WARNING ${r.database}: the machine was busy (1-minute load average up to ${busiest} on ${os.cpus().length} cores): figures are high and noisy`);
  }
  console.log(`\nResults: ${files.join(', ')} (total ${Math.round((performance.now() - t0) / 1000)} s)`);
  process.exit(0);
}

const runs: DatabaseRun[] = [];
for (const kind of databases) {
  const run = await runDatabase(kind, options, log);
  runs.push(run);
  if (databases.length > 1) console.log('\n' + resultTable([run], options) + '\n');
}

const machine = machineInfo();
console.log(`\nMotCua benchmark, ${started.toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
for (const r of runs) {
  for (const t of r.reports.timings) if (t.status !== 200) console.log(`WARNING ${r.database}: report "${t.name}" answered HTTP ${t.status}`);
  if (!r.reports.verify.ok) console.log(`WARNING ${r.database}: the report tables differ from a full recount (${r.reports.verify.differences} differences)`);
}
for (const r of runs) console.log(`${r.database}: ${r.facts.version.split(',')[0]} (fsync ${r.facts.settings.fsync ?? '?'}, synchronous_commit ${r.facts.settings.synchronous_commit ?? '?'})${r.poolSize ? `, app pool ${r.poolSize} connections` : ''}`);
console.log(`${options.connections} concurrent HTTP clients, ${options.duration} s per measured phase; latencies in ms\n`);
console.log(resultTable(runs, options));

for (const { database, load: r } of runs) {
  if (!r) continue;
  const i = r.intake;
  if (i.non2xx > 0 || i.errors > 0) console.log(`\nWARNING ${database}: intake had ${i.non2xx} non-2xx responses and ${i.errors} errors: ${JSON.stringify(i.statusCodes)}`);
  if (r.lookup.non2xx > 0 || r.lookup.errors > 0) console.log(`\nWARNING ${database}: lookup had ${r.lookup.non2xx} non-2xx responses and ${r.lookup.errors} errors: ${JSON.stringify(r.lookup.statusCodes)}`);
  if (!i.codesConsecutive) console.log(`\nWARNING ${database}: today's dossier codes are not consecutive or do not match the counter`);
  console.log(`\n${database} intake: ${i.dossiersAdded} dossiers added (warm-up included), codes consecutive: ${i.codesConsecutive ? 'yes' : 'NO'}` + (i.fsyncsPerIntake !== undefined ? `, ${i.fsyncsPerIntake} fsync() per intake` : ''));
  if (i.waits) console.log(waitLines(i.waits).join('\n'));
}

const file = writeResults(
  {
    date: started.toISOString(),
    dateVietnam: toLocalDate(started),
    machine,
    options: { connections: options.connections, durationSeconds: options.duration, databases, reportsOnly: options.reportsOnly },
    loadAverageAtStart: Math.round(idleLoad * 10) / 10,
    runs,
    totalSeconds: Math.round((performance.now() - t0) / 1000),
  },
  started,
  options.reportsOnly ? `-reports-${runs.map((r) => r.dossiers).join('-')}` : '',
);
console.log(`\nResults: ${file} (total ${Math.round((performance.now() - t0) / 1000)} s)`);
