// Runs one HTTP phase: forks the load generator (bench/load.ts), hands it the spec, and measures this
// process (the server's) CPU while the measured part runs. `during` starts side measurements with it.
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { LoadMessage, LoadResult, LoadSpec } from './load.js';

export interface PhaseResult extends LoadResult {
  /** CPU time of the server process (Node and, for PGlite, the database) as a share of one core. */
  serverCpu: number;
  /** The machine's 1-minute load average when the measured part began and ended: other work skews the figures. */
  loadAverage: [number, number];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
const LOAD_TS = fileURLToPath(new URL('./load.ts', import.meta.url));

export function runPhase<T>(spec: LoadSpec, during?: () => { stop(): Promise<T> }): Promise<{ result: PhaseResult; side: T | undefined }> {
  return new Promise((resolve, reject) => {
    const child = fork(RUN_TS, [LOAD_TS], { env: { ...process.env, MOTCUA_BENCH_LOAD_CHILD: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let cpu0: NodeJS.CpuUsage | undefined;
    let t0 = 0;
    let load0 = 0;
    let side: { stop(): Promise<T> } | undefined;
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      void side?.stop().catch(() => undefined);
      child.kill();
      reject(e);
    };
    child.on('message', (m: LoadMessage) => {
      if (m.type === 'measuring') {
        cpu0 = process.cpuUsage();
        t0 = performance.now();
        load0 = os.loadavg()[0]!;
        side = during?.();
      } else if (m.type === 'result') {
        const cpu = process.cpuUsage(cpu0);
        const wall = (performance.now() - t0) / 1000;
        settled = true;
        const serverCpu = Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 100) / 100;
        const loadAverage: [number, number] = [round1(load0), round1(os.loadavg()[0]!)];
        (side ? side.stop() : Promise.resolve(undefined)).then((s) => resolve({ result: { ...m.result, serverCpu, loadAverage }, side: s }), reject);
      } else {
        fail(new Error(`load generator failed: ${m.message}`));
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      if (!settled) fail(new Error(`load generator exited with code ${code} before reporting`));
    });
    child.send(spec);
  });
}
