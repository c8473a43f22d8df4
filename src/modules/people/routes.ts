// Sign in and out, and who am I.
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import type { App, AppContext } from '../../context.js';
import { dummyHash, verifyPassword } from './passwords.js';
import { clearFailures, lockedFor, recordFailure } from './throttle.js';
import { createSession, CSRF_COOKIE, endSession, grantsOf, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './sessions.js';
import { ROLE_NAMES, type Role } from './roles.js';
import type { Actor } from './actor.js';

const Login = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});

const Me = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  locale: z.enum(['vi', 'en']),
  csrfToken: z.string(),
  grants: z.array(
    z.object({
      role: z.string(),
      roleName: z.object({ vi: z.string(), en: z.string() }),
      unitId: z.number(),
      unitCode: z.string(),
      unitName: z.string(),
      officeId: z.number().nullable(),
    }),
  ),
});

export function peopleRoutes(app: App, ctx: AppContext): void {
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: ctx.config.secureCookies };

  const describe = async (actor: Actor): Promise<z.infer<typeof Me>> => {
    await ctx.units.ready();
    return {
      id: actor.accountId,
      username: actor.username,
      fullName: actor.fullName,
      locale: actor.locale,
      csrfToken: actor.csrfToken,
      grants: actor.grants.map((g) => {
        const u = ctx.units.byId(g.unitId);
        return {
          role: g.role,
          roleName: ROLE_NAMES[g.role as Role],
          unitId: g.unitId,
          unitCode: u?.code ?? '',
          unitName: u?.name ?? '',
          officeId: g.officeId,
        };
      }),
    };
  };

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in (Đăng nhập)', body: Login, response: { 200: Me } },
    handler: async (req, reply) => {
      const { username, password } = req.body;
      const now = ctx.clock.now();
      const keys = [`user:${username}`, `addr:${req.ip}`];
      for (const key of keys) {
        const wait = await lockedFor(ctx.db, key, now);
        if (wait > 0) {
          throw new AppError(
            'too_many_requests',
            {
              vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
              en: `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minutes.`,
            },
            { retryAfterSeconds: wait },
          );
        }
      }
      const account = await ctx.db
        .selectFrom('accounts')
        .select(['id', 'username', 'full_name', 'password_hash', 'locale', 'active'])
        .where('username', '=', username)
        .executeTakeFirst();
      const ok = await verifyPassword(account?.password_hash ?? (await dummyHash(ctx.config.argon2)), password);
      if (!account || !ok || !account.active) {
        for (const key of keys) await recordFailure(ctx.db, key, now);
        throw new AppError('not_authenticated', {
          vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
          en: 'Wrong username or password.',
        });
      }
      await clearFailures(ctx.db, keys[0]!);
      const session = await createSession(ctx.db, account.id, now);
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieBase, httpOnly: true, maxAge: SESSION_ABSOLUTE_MS / 1000 });
      reply.setCookie(CSRF_COOKIE, session.csrfToken, { ...cookieBase, httpOnly: false, maxAge: SESSION_ABSOLUTE_MS / 1000 });
      return describe({
        accountId: account.id,
        username: account.username,
        fullName: account.full_name,
        locale: account.locale,
        csrfToken: session.csrfToken,
        grants: await grantsOf(ctx.db, account.id),
      });
    },
  });

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out (Đăng xuất)' },
    handler: async (req, reply) => {
      requireActor(req);
      const raw = req.cookies[SESSION_COOKIE];
      if (raw) await endSession(ctx.db, raw);
      reply.clearCookie(SESSION_COOKIE, cookieBase).clearCookie(CSRF_COOKIE, cookieBase);
      return { ok: true };
    },
  });

  app.get('/api/auth/me', {
    schema: { tags: ['auth'], summary: 'The signed-in account and its roles', response: { 200: Me } },
    handler: async (req) => describe(requireActor(req)),
  });
}
