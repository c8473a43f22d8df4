// Administration of accounts and role grants: system admins for the units they cover, centre admins for the
// working roles of their own unit (see admin-policy.ts). Passwords are stored as argon2id hashes only and
// never appear in a response or an audit entry.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError, badInput, conflict, domainRule, forbidden, notFound } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import { isUniqueViolation } from '../units/store.js';
import {
  accountAdmin,
  auditAccount,
  checkNotUsername,
  grantConflict,
  noUnit,
  usernameConflict,
  type ResolvedGrant,
} from './account-admin.js';
import { grantAuthority, removesLastAdminGrant } from './admin-policy.js';
import {
  deleteGrant,
  endSessions,
  getAccount,
  insertAccount,
  insertGrant,
  listAccounts,
  passwordHashOf,
  setPasswordHash,
  updateAccount,
  usernameTaken,
} from './accounts-store.js';
import {
  AccountOut,
  CreateBody,
  GrantInput,
  GrantParams,
  IdParams,
  ListQuery,
  Ok,
  PasswordChangeBody,
  PasswordResetBody,
  PatchBody,
} from './admin-schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { clearFailures, lockedFor, recordFailure } from './throttle.js';

const TAGS = ['accounts'];

export function accountsRoutes(app: App, ctx: AppContext): void {
  const { adminUnits, visibleAccount, shape, requireManage, resolveGrant } = accountAdmin(ctx);

  app.get('/api/accounts', {
    schema: {
      tags: TAGS,
      summary: 'Danh sách tài khoản của các đơn vị bạn quản trị (Accounts in the units you administer)',
      querystring: ListQuery,
      response: { 200: z.object({ accounts: z.array(AccountOut) }) },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const visible = await adminUnits(actor);
      const { unit: unitCode, q, limit, offset } = req.query;
      let unitIds = [...visible];
      if (unitCode) {
        const unit = ctx.units.byCode(unitCode);
        if (!unit) throw noUnit('querystring.unit', unitCode);
        if (!visible.has(unit.id)) throw forbidden();
        unitIds = ctx.units.covered(unit.id).filter((id) => visible.has(id));
      }
      const accounts = await listAccounts(ctx.db, { unitIds, q, limit, offset });
      return { accounts: accounts.map((a) => shape(a, visible)) };
    },
  });

  app.get('/api/accounts/:id', {
    schema: { tags: TAGS, summary: 'Một tài khoản (One account)', params: IdParams, response: { 200: AccountOut } },
    handler: async (req) => {
      const actor = requireActor(req);
      const { account, visible } = await visibleAccount(actor, req.params.id);
      return shape(account, visible, account.id === actor.accountId);
    },
  });

  app.post('/api/accounts', {
    schema: {
      tags: TAGS,
      summary: 'Tạo tài khoản và cấp vai trò (Create an account with its role grants)',
      body: CreateBody,
      response: { 201: AccountOut },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const visible = await adminUnits(actor);
      const b = req.body;
      const grants: ResolvedGrant[] = [];
      for (const [i, g] of b.grants.entries()) grants.push(await resolveGrant(actor, g, `body.grants.${i}`));
      const dup = grants.findIndex((g, i) => grants.findIndex((h) => h.role === g.role && h.unitId === g.unitId) !== i);
      if (dup >= 0) {
        throw badInput(`body.grants.${dup}`, {
          vi: 'Vai trò này đã có ở trên cho cùng đơn vị.',
          en: 'This role is listed twice for the same unit.',
        });
      }
      checkNotUsername('body.password', b.password, b.username);
      if (await usernameTaken(ctx.db, b.username)) throw usernameConflict(b.username);
      const passwordHash = await hashPassword(b.password, ctx.config.argon2);
      const now = ctx.clock.now();
      let id: number;
      try {
        id = await ctx.db.transaction().execute(async (tx) => {
          const accountId = await insertAccount(tx, {
            username: b.username,
            fullName: b.fullName,
            passwordHash,
            email: b.email ?? null,
            phone: b.phone ?? null,
            locale: b.locale ?? 'vi',
            createdAt: now,
          });
          for (const g of grants) await insertGrant(tx, { accountId, role: g.role, unitId: g.unitId, officeId: g.officeId, at: now });
          await auditAccount(tx, now, {
            actor,
            role: grants[0]!.authority.role,
            unitIds: grants.map((g) => g.unitId),
            action: 'account.create',
            accountId,
            details: {
              username: b.username,
              fullName: b.fullName,
              grants: grants.map((g) => ({ role: g.role, unit: g.unitCode, office: g.officeCode })),
            },
          });
          return accountId;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw usernameConflict(b.username);
        throw err;
      }
      reply.status(201);
      return shape(await getAccount(ctx.db, id), visible);
    },
  });

  app.patch('/api/accounts/:id', {
    schema: {
      tags: TAGS,
      summary: 'Sửa thông tin, khóa hoặc mở khóa tài khoản (Edit, deactivate or reactivate an account)',
      params: IdParams,
      body: PatchBody,
      response: { 200: AccountOut },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { account, visible } = await visibleAccount(actor, req.params.id);
      const isSelf = account.id === actor.accountId;
      const p = req.body;
      if (isSelf && p.active !== undefined) {
        throw domainRule({
          vi: 'Bạn không thể tự khóa hoặc mở khóa tài khoản của mình.',
          en: 'You cannot deactivate or reactivate your own account.',
        });
      }
      const role = isSelf ? (actor.grants[0]?.role ?? null) : requireManage(actor, account).role;
      const changed = Object.keys(p).filter((k) => p[k as keyof typeof p] !== undefined).sort();
      await ctx.db.transaction().execute(async (tx) => {
        await updateAccount(tx, account.id, p);
        if (p.active === false) await endSessions(tx, account.id);
        await auditAccount(tx, ctx.clock.now(), {
          actor,
          role,
          unitIds: account.grants.map((g) => g.unitId),
          action: 'account.update',
          accountId: account.id,
          // Contact details are personal data: the audit records that they changed, not their values.
          details: {
            changed,
            ...(p.fullName !== undefined ? { fullName: { from: account.fullName, to: p.fullName } } : {}),
            ...(p.locale !== undefined ? { locale: p.locale } : {}),
            ...(p.active !== undefined ? { active: p.active } : {}),
          },
        });
      });
      return shape(await getAccount(ctx.db, account.id), visible, isSelf);
    },
  });

  app.post('/api/accounts/me/password', {
    schema: {
      tags: TAGS,
      summary: 'Đổi mật khẩu của chính mình (Change your own password; your other sessions end)',
      body: PasswordChangeBody,
      response: { 200: Ok },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { currentPassword, newPassword } = req.body;
      const now = ctx.clock.now();
      // The same lock as sign-in: a stolen session must not become a way to guess the password.
      const key = `user:${actor.username}`;
      const wait = await lockedFor(ctx.db, key, now);
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60);
        throw new AppError(
          'too_many_requests',
          {
            vi: `Nhập sai mật khẩu quá nhiều lần. Thử lại sau ${minutes} phút.`,
            en: `Too many wrong passwords. Try again in ${minutes} minutes.`,
          },
          { retryAfterSeconds: wait },
        );
      }
      const stored = await passwordHashOf(ctx.db, actor.accountId);
      if (!stored || !(await verifyPassword(stored, currentPassword))) {
        await recordFailure(ctx.db, key, now);
        throw badInput('body.currentPassword', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' });
      }
      if (newPassword === currentPassword) {
        throw badInput('body.newPassword', {
          vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
          en: 'The new password must differ from the current one.',
        });
      }
      checkNotUsername('body.newPassword', newPassword, actor.username);
      await clearFailures(ctx.db, key);
      const hash = await hashPassword(newPassword, ctx.config.argon2);
      await ctx.db.transaction().execute(async (tx) => {
        await setPasswordHash(tx, actor.accountId, hash);
        const ended = await endSessions(tx, actor.accountId, actor.csrfToken);
        await auditAccount(tx, now, {
          actor,
          role: actor.grants[0]?.role ?? null,
          unitIds: actor.grants.map((g) => g.unitId),
          action: 'account.password_change',
          accountId: actor.accountId,
          details: { otherSessionsEnded: ended },
        });
      });
      return { ok: true as const };
    },
  });

  app.post('/api/accounts/:id/password', {
    schema: {
      tags: TAGS,
      summary: 'Đặt lại mật khẩu cho tài khoản khác (Reset another account’s password; its sessions end)',
      params: IdParams,
      body: PasswordResetBody,
      response: { 200: Ok },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { account } = await visibleAccount(actor, req.params.id);
      if (account.id === actor.accountId) {
        throw domainRule({
          vi: 'Để đổi mật khẩu của chính mình, dùng /api/accounts/me/password.',
          en: 'To change your own password use /api/accounts/me/password.',
        });
      }
      const authority = requireManage(actor, account);
      checkNotUsername('body.password', req.body.password, account.username);
      const hash = await hashPassword(req.body.password, ctx.config.argon2);
      await ctx.db.transaction().execute(async (tx) => {
        await setPasswordHash(tx, account.id, hash);
        const ended = await endSessions(tx, account.id);
        await auditAccount(tx, ctx.clock.now(), {
          actor,
          role: authority.role,
          unitIds: account.grants.map((g) => g.unitId),
          action: 'account.password_reset',
          accountId: account.id,
          details: { sessionsEnded: ended },
        });
      });
      return { ok: true as const };
    },
  });

  app.post('/api/accounts/:id/grants', {
    schema: { tags: TAGS, summary: 'Cấp thêm vai trò (Grant a role)', params: IdParams, body: GrantInput, response: { 201: AccountOut } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const { account, visible } = await visibleAccount(actor, req.params.id);
      const isSelf = account.id === actor.accountId;
      // Someone else's account needs the right to manage it; one's own only the right to grant this role.
      if (!isSelf) requireManage(actor, account);
      const g = await resolveGrant(actor, req.body, 'body');
      if (account.grants.some((h) => h.role === g.role && h.unitId === g.unitId)) throw grantConflict();
      try {
        await ctx.db.transaction().execute(async (tx) => {
          const at = ctx.clock.now();
          const grantId = await insertGrant(tx, { accountId: account.id, role: g.role, unitId: g.unitId, officeId: g.officeId, at });
          await auditAccount(tx, at, {
            actor,
            role: g.authority.role,
            unitIds: [g.unitId],
            action: 'grant.add',
            accountId: account.id,
            details: { grantId, role: g.role, unit: g.unitCode, office: g.officeCode },
          });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw grantConflict();
        throw err;
      }
      reply.status(201);
      return shape(await getAccount(ctx.db, account.id), visible, isSelf);
    },
  });

  app.delete('/api/accounts/:id/grants/:grantId', {
    schema: { tags: TAGS, summary: 'Thu hồi vai trò (Remove a role grant)', params: GrantParams, response: { 200: AccountOut } },
    handler: async (req) => {
      const actor = requireActor(req);
      const { account, visible } = await visibleAccount(actor, req.params.id);
      const grant = account.grants.find((g) => g.id === req.params.grantId);
      if (!grant) {
        throw notFound({
          vi: `vai trò số ${req.params.grantId} của tài khoản này`,
          en: `grant ${req.params.grantId} of this account`,
        });
      }
      const authority = grantAuthority(actor, grant.role, grant.unitId, ctx.units);
      if (!authority) throw forbidden();
      const isSelf = account.id === actor.accountId;
      if (isSelf && removesLastAdminGrant(account.grants, grant.id)) {
        throw domainRule({
          vi: 'Bạn không thể tự thu hồi quyền quản trị cuối cùng của mình.',
          en: 'You cannot remove your own last admin role.',
        });
      }
      await ctx.db.transaction().execute(async (tx) => {
        if (!(await deleteGrant(tx, account.id, grant.id))) {
          throw conflict({ vi: 'Vai trò vừa bị thu hồi; hãy tải lại.', en: 'The grant was just removed; reload.' });
        }
        await auditAccount(tx, ctx.clock.now(), {
          actor,
          role: authority.role,
          unitIds: [grant.unitId],
          action: 'grant.remove',
          accountId: account.id,
          details: { grantId: grant.id, role: grant.role, unit: grant.unitCode, office: grant.officeCode },
        });
      });
      return shape(await getAccount(ctx.db, account.id), visible, isSelf);
    },
  });
}
