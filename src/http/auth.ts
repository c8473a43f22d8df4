// Reads the session cookie on every request and enforces CSRF on unsafe methods.
import type { FastifyRequest } from 'fastify';
import { AppError, notAuthenticated } from '../errors.js';
import type { Actor } from '../modules/people/actor.js';
import { actorForSession, csrfMatches, CSRF_HEADER, SESSION_COOKIE } from '../modules/people/sessions.js';
import type { App, AppContext } from '../context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** API paths anyone may call; every other /api path needs a session (checked before the body is even validated). */
// /api/federation/transfers: other MotCua instances, authenticated by their signed requests (integrations/federation).
const PUBLIC_API = ['/api/public/', '/api/health', '/api/openapi.json', '/api/docs', '/api/auth/login', '/api/federation/transfers'];

export function isPublicPath(url: string): boolean {
  const path = url.split('?')[0]!;
  return !path.startsWith('/api/') || PUBLIC_API.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`) || path === p.replace(/\/$/, ''));
}

export function registerAuth(app: App, ctx: AppContext): void {
  app.decorateRequest('actor', undefined);
  app.addHook('preValidation', async (req) => {
    const raw = req.cookies?.[SESSION_COOKIE];
    const actor = raw ? await actorForSession(ctx.db, raw, ctx.clock.now()) : undefined;
    if (!actor) {
      if (!isPublicPath(req.url)) throw notAuthenticated();
      return;
    }
    if (!SAFE.has(req.method) && !csrfMatches(actor.csrfToken, header(req, CSRF_HEADER))) {
      throw new AppError('forbidden', {
        vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF). Hãy tải lại trang và thử lại.',
        en: 'Missing or wrong CSRF token. Reload the page and try again.',
      });
    }
    req.actor = actor;
  });
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw notAuthenticated();
  return req.actor;
}
