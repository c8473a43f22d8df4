// The load generator, in a process of its own: sharing the server's event loop would slow both and blur
// the figures. The parent sends one LoadSpec over IPC; this runs an unmeasured warm-up, says "measuring",
// runs the measured phase with autocannon and sends back a LoadResult with exact latency percentiles.
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  /** Each request takes one of these at random. */
  paths: string[];
  headers: Record<string, string>;
  /** `{{seq}}` becomes a running 8-digit number, so each request can carry a different applicant. */
  bodyTemplate?: string;
  connections: number;
  duration: number;
  warmup: number;
}

export interface LoadResult {
  seconds: number;
  responses: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** CPU time of this process during the measured phase, as a share of one core. */
  loadGeneratorCpu: number;
}

export type LoadMessage = { type: 'measuring' } | { type: 'result'; result: LoadResult } | { type: 'error'; message: string };

function requestsFor(spec: LoadSpec): autocannon.Request[] {
  let seq = 0;
  const paths = spec.paths;
  const template = spec.bodyTemplate;
  return [
    {
      method: spec.method,
      headers: spec.headers,
      setupRequest: (req) => {
        const path = paths[Math.floor(Math.random() * paths.length)]!;
        if (!template) return { ...req, path };
        seq++;
        return { ...req, path, body: template.replaceAll('{{seq}}', String(seq % 100_000_000).padStart(8, '0')) };
      },
    },
  ];
}

async function run(spec: LoadSpec, seconds: number, latencies: number[] | null): Promise<autocannon.Result> {
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: seconds,
    timeout: 30,
    requests: requestsFor(spec),
  });
  if (latencies) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  return instance;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function main(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmup > 0) await run(spec, spec.warmup, null);
  process.send!({ type: 'measuring' } satisfies LoadMessage);
  const latencies: number[] = [];
  const cpu0 = process.cpuUsage();
  const r = await run(spec, spec.duration, latencies);
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count]));
  const ok2xx = Object.entries(statusCodes).reduce((sum, [code, count]) => (code.startsWith('2') ? sum + count : sum), 0);
  return {
    seconds: r.duration,
    responses: latencies.length,
    ok2xx,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
    requestsPerSecond: round(latencies.length / r.duration, 1),
    latencyMs: {
      mean: round(latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length)),
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    loadGeneratorCpu: round((cpu.user + cpu.system) / 1e6 / r.duration),
  };
}

// Only as the forked child; importing this file for its types or percentile() does nothing.
if (process.send && process.env.MOTCUA_BENCH_LOAD_CHILD === '1') {
  process.once('message', (spec: LoadSpec) => {
    main(spec).then(
      (result) => process.send!({ type: 'result', result } satisfies LoadMessage, () => process.exit(0)),
      (e: Error) => process.send!({ type: 'error', message: e.stack ?? e.message } satisfies LoadMessage, () => process.exit(1)),
    );
  });
}
