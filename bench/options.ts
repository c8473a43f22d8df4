// Benchmark options from the command line (`--db=pglite --n=20000 --duration=5 --connections=50`) or the
// environment (MOTCUA_BENCH_DB, MOTCUA_BENCH_N, MOTCUA_BENCH_DURATION, MOTCUA_BENCH_CONNECTIONS); arguments win.
import { parseArgs } from 'node:util';

export type BenchDb = 'pglite' | 'postgres';

export interface BenchOptions {
  /** Databases to run, in order. Empty until resolved: no choice means both if PostgreSQL answers. */
  databases: BenchDb[];
  /** Dossiers to seed; undefined means the default of each database. */
  n: number | undefined;
  /** Seconds of each measured phase (an unmeasured warm-up of up to 3 s comes before each HTTP phase). */
  duration: number;
  connections: number;
  /** PostgreSQL server URL; the bench always works in a database of its own on that server. */
  postgresUrl: string;
  /** Communes the bulk dossiers spread over (of one province); undefined: 40, or 100 from 5,000,000 dossiers. */
  communes: number | undefined;
  /** Only the seeding and the reports phase: no HTTP load phases. */
  reportsOnly: boolean;
  /** PostgreSQL only, implies reportsOnly: the reports phase on the bench database as the last run left it. */
  reuse: boolean;
  /** The staff capacity phase alone, on a database of its own (demo, full catalogue, history, capacity demo). */
  capacity: boolean;
}

/** 40 communes (Huế, province 46, where the demo accounts are); from 5,000,000 dossiers a province of 100. */
export const communesFor = (options: BenchOptions, n: number): number => options.communes ?? (n >= 5_000_000 ? 100 : 40);

export const DEFAULT_N: Record<BenchDb, number> = { postgres: 1_000_000, pglite: 100_000 };
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/motcua_bench';

export const USAGE = `npm run bench [-- --db=pglite|postgres] [--n=<dossiers>] [--duration=<seconds>] [--connections=<n>] [--communes=<n>] [--reports] [--capacity]
  --db           one database; without it both run, PostgreSQL only if it answers
  --n            dossiers to seed (default 1,000,000 on PostgreSQL, 100,000 on PGlite); also --dossiers
  --communes     communes of one province they spread over (default 40, Huế; 100 from 5,000,000 dossiers,
                 then the first province that has that many)
  --reports      seed, then only the reports phase (no HTTP load phases); e.g. --db=postgres --reports --dossiers=5000000
  --reuse        PostgreSQL: skip the seeding and run the reports phase on the bench database the last run
                 left (after a change to the report queries; migrations not yet applied there are applied)
  --capacity     only the staff capacity phase: a database of its own (motcua_bench_capacity on PostgreSQL)
                 with the demo, the full catalogue, the 6-month history and the capacity demo, then the
                 /api/capacity endpoints one request at a time (9 repetitions); results in
                 bench/results/<date>-capacity-<db>.json. --n, --communes, --duration, --connections do not apply
  --duration     seconds per measured phase (default 10)
  --connections  concurrent HTTP clients (default 50)
PostgreSQL: DATABASE_URL names the server (default ${DEFAULT_POSTGRES_URL}); the bench drops and creates
its own database there (motcua_bench, or the URL's database if its name starts with motcua_bench).`;

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      n: { type: 'string' },
      dossiers: { type: 'string' },
      communes: { type: 'string' },
      reports: { type: 'boolean' },
      reuse: { type: 'boolean' },
      capacity: { type: 'boolean' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const db = values.db ?? env.MOTCUA_BENCH_DB;
  if (db !== undefined && db !== 'pglite' && db !== 'postgres') throw new Error(`--db must be pglite or postgres, not "${db}"`);
  const n = values.n ?? values.dossiers ?? env.MOTCUA_BENCH_N;
  if (values.capacity && (values.reports || values.reuse)) throw new Error('--capacity runs on a database of its own: not with --reports or --reuse');
  return {
    databases: db ? [db] : [],
    n: n === undefined ? undefined : positiveInt('n', n.replace(/[_,]/g, ''), 1_000, 50_000_000),
    duration: positiveInt('duration', values.duration ?? env.MOTCUA_BENCH_DURATION ?? '10', 1, 600),
    connections: positiveInt('connections', values.connections ?? env.MOTCUA_BENCH_CONNECTIONS ?? '50', 1, 1_000),
    postgresUrl: env.DATABASE_URL ?? DEFAULT_POSTGRES_URL,
    communes: values.communes === undefined ? undefined : positiveInt('communes', values.communes, 1, 200),
    reportsOnly: values.reports === true || values.reuse === true,
    reuse: values.reuse === true,
    capacity: values.capacity === true,
  };
}

function positiveInt(name: string, text: string, min: number, max: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return v;
}
