// Serves the web app (built by Vite into web/dist) from the same process as the API: hashed assets with a
// year-long cache, every other non-/api path answered with index.html so the browser's router can take over.
// Without a build, a plain page says how to make one instead of a confusing 404.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../context.js';

/** MOTCUA_WEB_DIST serves another build (two browser-test runs side by side, each with its own build). */
export const WEB_DIST = process.env.MOTCUA_WEB_DIST ? `${process.env.MOTCUA_WEB_DIST.replace(/\/$/, '')}/` : fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** AntD writes its styles at run time (CSS-in-JS), hence 'unsafe-inline' for styles only; scripts stay 'self'. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const NOT_BUILT = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>MotCua</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>MotCua</h1>
<p>Giao diện web chưa được dựng. Chạy <code>npm run build:web</code> (hoặc <code>npm install</code>) rồi khởi động lại.
API vẫn hoạt động: <a href="/api/docs">/api/docs</a>.</p>
<p lang="en">The web app has not been built. Run <code>npm run build:web</code> (or <code>npm install</code>) and restart.
The API works: <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'SAMEORIGIN');
}

export function webRoutes(app: App, _ctx: AppContext, dist: string = WEB_DIST): void {
  const built = existsSync(`${dist}index.html`);
  if (built) {
    // Hashed bundles: a file name changes whenever its content does, so browsers may keep them for a year.
    void app.register(fastifyStatic, {
      root: `${dist}assets`,
      prefix: '/assets/',
      index: false,
      preCompressed: true,
      cacheControl: false,
      // Also applies to sendFile below: only the hashed bundles are immutable, index.html is always revalidated.
      setHeaders(reply, path) {
        const file = path.replaceAll('\\', '/');
        if (file.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
        else if (file.endsWith('/index.html')) reply.header('cache-control', 'no-cache');
        else reply.header('cache-control', 'public, max-age=86400');
      },
    });
  }

  const page = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0]!;
    // Unknown API paths keep their JSON 404.
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    if (!built) return htmlHeaders(reply).type('text/html; charset=utf-8').send(NOT_BUILT);
    // Files at the top of dist (favicon.svg, …) as they are; every other path is a page of the app.
    const top = /^\/([\w.-]+\.(svg|png|ico|txt|webmanifest))$/.exec(path);
    if (top && existsSync(`${dist}${top[1]}`)) return reply.sendFile(top[1]!, dist);
    return htmlHeaders(reply).sendFile('index.html', dist, { cacheControl: false });
  };
  app.get('/', { schema: { hide: true } }, page);
  app.get('/*', { schema: { hide: true } }, page);
}
