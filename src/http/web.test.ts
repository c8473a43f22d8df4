// Serving the web app from the API process: long-cached hashed assets (precompressed when the browser
// accepts it), index.html for every page path, API paths left to the API, and a helpful page when unbuilt.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { App, AppContext } from '../context.js';
import { webRoutes } from './web.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function appWith(files: Record<string, string | Buffer> | null) {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-web-')) + '/';
  dirs.push(dir);
  for (const [name, content] of Object.entries(files ?? {})) {
    mkdirSync(path.dirname(dir + name), { recursive: true });
    writeFileSync(dir + name, content);
  }
  const app = Fastify();
  app.get('/api/health', async () => ({ status: 'ok' }));
  webRoutes(app as unknown as App, {} as AppContext, dir);
  await app.ready();
  return app;
}

const INDEX = '<!doctype html><html lang="vi"><body><div id="root"></div></body></html>';
const BUNDLE = 'console.log("MotCua");'.repeat(100);

describe('webRoutes', () => {
  it('answers every page path with index.html, revalidated, under a strict CSP', async () => {
    const app = await appWith({ 'index.html': INDEX, 'assets/app-1a2b.js': BUNDLE, 'favicon.svg': '<svg/>' });
    for (const url of ['/', '/can-bo', '/can-bo/ho-so/000.00.34.H46-261124-0001', '/tra-cuu/000.00.34.H46-261124-0001?x=1']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    }
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('serves hashed assets for a year, precompressed when a .br file exists', async () => {
    const app = await appWith({ 'index.html': INDEX, 'assets/app-1a2b.js': BUNDLE, 'assets/app-1a2b.js.br': brotliCompressSync(Buffer.from(BUNDLE)) });
    const plain = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(BUNDLE);
    const br = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBeLessThan(BUNDLE.length / 5);
  });

  it('leaves API paths and missing assets as 404s, not the app', async () => {
    const app = await appWith({ 'index.html': INDEX });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    for (const url of ['/api/nothing-here', '/api', '/assets/missing-0000.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('<div id="root">');
    }
  });

  it('says how to build the app when web/dist is missing, in both languages', async () => {
    const app = await appWith(null);
    const res = await app.inject({ method: 'GET', url: '/can-bo' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build:web');
    expect(res.body).toContain('Giao diện web chưa được dựng');
    expect(res.body).toContain('The web app has not been built');
  });
});
