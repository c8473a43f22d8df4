// Once per browser-test run: make sure the web app is built and Chromium is there, start the real server on a
// free port, hand its address (and its simulators' addresses) to the tests, and at the end stop it and say
// where the screenshots are.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM, SCREENSHOTS } from './paths.js';

let server: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const dist = process.env.MOTCUA_WEB_DIST ?? 'web/dist';
  if (!existsSync(`${dist}/index.html`)) {
    const built = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--outDir', path.resolve(dist), '--emptyOutDir'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the web build failed');
  }
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });

  const free = await freePort();
  server = spawn(process.execPath, ['bin/run-ts.js', 'e2e/server.ts'], {
    env: { ...process.env, PORT: String(free), PUBLIC_BASE_URL: `http://127.0.0.1:${free}`, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let simulators: Record<string, string> = {};
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 120 s')), 120_000);
    let out = '';
    server!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const sims = /SIMULATORS (\{.*\})\n/.exec(out);
      if (sims) simulators = JSON.parse(sims[1]!) as Record<string, string>;
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    server!.once('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
  });
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('simulators', simulators);

  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
    console.log(`\nScreenshots of the main pages: ${SCREENSHOTS}`);
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** Base URL of each simulator of a national system, by name ('national-portal', 'payment', 'mail', …). */
    simulators: Record<string, string>;
  }
}
