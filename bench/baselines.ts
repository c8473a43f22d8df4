// The two baselines every figure is read against, measured on the same machine in the same run: a bare
// Fastify handler (what the framework costs with nothing behind it) and a loop of single-row INSERT
// transactions through the same Kysely layer (what one durable commit costs on this database).
import os from 'node:os';
import Fastify from 'fastify';
import { sql, type Generated, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { percentile } from './load.js';

export async function startBareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ status: 'ok', time: new Date().toISOString() }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('bare server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export interface InsertResult {
  workers: number;
  transactions: number;
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  loadAverage: [number, number];
}

type Scratch = {
  bench_insert_baseline: { id: Generated<number>; at: Date; note: string };
};

export async function createScratchTable(db: Kysely<DB>): Promise<void> {
  await sql`drop table if exists bench_insert_baseline`.execute(db);
  await sql`create table bench_insert_baseline (id bigserial primary key, at timestamptz not null, note text not null)`.execute(db);
}

export async function dropScratchTable(db: Kysely<DB>): Promise<void> {
  await sql`drop table if exists bench_insert_baseline`.execute(db);
}

/** `workers` async loops, each committing one-row transactions one after another for `seconds`. */
export async function insertLoop(db: Kysely<DB>, seconds: number, workers: number): Promise<InsertResult> {
  const scratch = db.withTables<Scratch>();
  const latencies: number[] = [];
  const load0 = os.loadavg()[0]!;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      await scratch.transaction().execute((tx) => tx.insertInto('bench_insert_baseline').values({ at: new Date(), note: 'baseline' }).execute());
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    workers,
    transactions: latencies.length,
    seconds: r2(elapsed),
    perSecond: Math.round((latencies.length / elapsed) * 10) / 10,
    latencyMs: { p50: r2(percentile(latencies, 50)), p95: r2(percentile(latencies, 95)), p99: r2(percentile(latencies, 99)) },
    loadAverage: [Math.round(load0 * 10) / 10, Math.round(os.loadavg()[0]! * 10) / 10],
  };
}
