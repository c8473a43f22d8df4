// What every local simulator of a national system shares: a real HTTP server (Fastify) on a loopback port,
// faults that tests and the demo can switch on (latency, a number of failures, a failure rate, a refusal),
// and an append-only journal so a simulator that is killed and restarted remembers what it received.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';

export interface Faults {
  /** Added to every answer of the simulated API (not to /_sim). */
  latencyMs: number;
  /** The next N calls answer 503. */
  failNext: number;
  /** Share of calls (0–1) that answer 503. */
  failRate: number;
}

export interface RunningSimulator {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  app: FastifyInstance;
  faults: Faults;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Journal file; without one the simulator forgets everything when it stops. */
  journalFile?: string;
  /** Deterministic randomness for failRate (tests). */
  random?: () => number;
}

/**
 * Creates the server with the fault hooks and the control routes:
 * GET /_sim/health, GET and PUT /_sim/faults. The caller adds its API routes, then calls `listen`.
 */
export function createSimulatorApp(name: string, options: SimulatorOptions = {}): { app: FastifyInstance; faults: Faults; listen(): Promise<RunningSimulator> } {
  const app = Fastify({ logger: false, bodyLimit: 25 * 1024 * 1024 });
  const faults: Faults = { latencyMs: 0, failNext: 0, failRate: 0 };
  const random = options.random ?? Math.random;

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/_sim')) return;
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.failNext > 0 || (faults.failRate > 0 && random() < faults.failRate)) {
      if (faults.failNext > 0) faults.failNext -= 1;
      return reply.status(503).send({ error: 'unavailable', message: `${name} simulator: injected failure` });
    }
  });
  app.get('/_sim/health', async () => ({ status: 'ok', simulator: name }));
  app.get('/_sim/faults', async () => faults);
  app.put<{ Body: Partial<Faults> }>('/_sim/faults', async (req) => {
    const b = req.body ?? {};
    if (typeof b.latencyMs === 'number' && b.latencyMs >= 0) faults.latencyMs = b.latencyMs;
    if (typeof b.failNext === 'number' && b.failNext >= 0) faults.failNext = Math.floor(b.failNext);
    if (typeof b.failRate === 'number' && b.failRate >= 0 && b.failRate <= 1) faults.failRate = b.failRate;
    return faults;
  });

  return {
    app,
    faults,
    async listen() {
      await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      return { name, url: `http://${options.host ?? '127.0.0.1'}:${port}`, app, faults, close: () => app.close() };
    },
  };
}

/**
 * An append-only JSON-lines file, fsynced on every append: what a simulator received survives a kill -9.
 * `load` replays it at start.
 */
export class Journal<T> {
  private fd: number | null = null;
  constructor(private readonly file: string | undefined) {}

  load(): T[] {
    if (!this.file || !fs.existsSync(this.file)) return [];
    return fs
      .readFileSync(this.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as T];
        } catch {
          return []; // a line cut short by a kill mid-write
        }
      });
  }

  append(entry: T): void {
    if (!this.file) return;
    if (this.fd === null) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = fs.openSync(this.file, 'a');
    }
    fs.writeSync(this.fd, JSON.stringify(entry) + '\n');
    fs.fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
