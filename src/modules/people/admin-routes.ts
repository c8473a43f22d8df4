// Administration of accounts and role grants: system admins for the units they cover, centre admins for the
// working roles of their own unit (see admin-policy.ts). Passwords are stored as argon2id hashes only and
// never appear in a response or an audit entry.
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { App, AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, badInput, conflict, domainRule, forbidden, notFound } from '../../errors.js';
import { bi } from '../../http/errors.js';
import { requireActor } from '../../http/auth.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { isUniqueViolation } from '../units/store.js';
import { unitsWithRole, type Actor, type Grant } from './actor.js';
import { ADMIN_ROLES, grantAuthority, manageAuthority, removesLastAdminGrant } from './admin-policy.js';
import {
  deleteGrant,
  endSessions,
  findOfficeId,
  getAccount,
  insertAccount,
  insertGrant,
  listAccounts,
  passwordHashOf,
  setPasswordHash,
  updateAccount,
  usernameTaken,
  type AccountView,
} from './accounts-store.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { ROLE_NAMES, ROLES, type Role } from './roles.js';
import { clearFailures, lockedFor, recordFailure } from './throttle.js';

const TAGS = ['accounts'];

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => /^[a-z0-9][a-z0-9._-]{2,63}$/.test(s), bi('Tên đăng nhập gồm 3–64 chữ thường không dấu, chữ số, ".", "_" hoặc "-"', 'A username has 3–64 lower-case letters a–z, digits, ".", "_" or "-"'));
const Password = z
  .string()
  .min(10)
  .max(256)
  .refine((p) => !/^\d+$/.test(p), bi('Mật khẩu không được chỉ gồm chữ số', 'A password cannot be digits only'));
const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.()-]/g, ''))
  .refine((s) => /^\+?\d{8,15}$/.test(s), bi('Số điện thoại gồm 8–15 chữ số', 'A phone number has 8–15 digits'));
const FullName = z.string().trim().min(1).max(200);
const Email = z.email().max(200);
const Locale = z.enum(['vi', 'en']);

const GrantInput = z.strictObject({
  role: z.enum(ROLES),
  unitCode: z.string().trim().min(1).max(10),
  officeCode: z.string().trim().toUpperCase().min(1).max(20).optional(),
});
type GrantInput = z.infer<typeof GrantInput>;

const CreateBody = z.strictObject({
  username: Username,
  fullName: FullName,
  password: Password,
  email: Email.optional(),
  phone: Phone.optional(),
  locale: Locale.optional(),
  grants: z.array(GrantInput).min(1).max(20),
});

const PatchBody = z.strictObject({
  fullName: FullName.optional(),
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  locale: Locale.optional(),
  active: z.boolean().optional(),
});

const GrantOut = z.object({
  id: z.number(),
  role: z.enum(ROLES),
  roleName: z.object({ vi: z.string(), en: z.string() }),
  unitCode: z.string(),
  unitName: z.string(),
  officeCode: z.string().nullable(),
  officeName: z.string().nullable(),
  grantedAt: z.string(),
});
const AccountOut = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: Locale,
  active: z.boolean(),
  createdAt: z.string(),
  grants: z.array(GrantOut),
});

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const ListQuery = z.object({
  unit: z.string().trim().max(10).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const Ok = z.object({ ok: z.literal(true) });

interface ResolvedGrant {
  role: Role;
  unitId: number;
  unitCode: string;
  officeId: number | null;
  officeCode: string | null;
  authority: Grant;
}

export function accountsRoutes(app: App, ctx: AppContext): void {
  /** Units whose accounts the actor administers; 403 for anyone who administers none. */
  const adminUnits = async (actor: Actor): Promise<Set<number>> => {
    await ctx.units.ready();
    const ids = unitsWithRole(actor, ADMIN_ROLES, ctx.units);
    if (ids.length === 0) throw forbidden();
    return new Set(ids);
  };

  /** The account as this admin sees it: only grants in units they administer (all of their own). 404 when none. */
  const visibleAccount = async (actor: Actor, id: number): Promise<{ account: AccountView; visible: Set<number> }> => {
    const visible = await adminUnits(actor).catch((err) => {
      if (id === actor.accountId) return new Set<number>();
      throw err;
    });
    const account = await getAccount(ctx.db, id);
    const isSelf = id === actor.accountId;
    const seen = account.grants.some((g) => visible.has(g.unitId));
    const orphanForSystemAdmin = account.grants.length === 0 && actor.grants.some((g) => g.role === 'system_admin');
    if (!isSelf && !seen && !orphanForSystemAdmin) throw notFound({ vi: `tài khoản số ${id}`, en: `account ${id}` });
    return { account, visible };
  };

  const shape = (a: AccountView, visible: Set<number>, all = false): z.infer<typeof AccountOut> => ({
    ...a,
    grants: a.grants
      .filter((g) => all || visible.has(g.unitId))
      .map(({ unitId: _, ...g }) => ({ ...g, roleName: ROLE_NAMES[g.role] })),
  });

  const requireManage = (actor: Actor, account: AccountView): Grant => {
    const authority = manageAuthority(actor, account.grants, ctx.units);
    if (!authority) {
      throw forbidden({
        vi: 'Bạn chỉ quản lý được tài khoản mà mọi vai trò của nó đều do bạn có quyền cấp.',
        en: 'You may manage an account only if you may grant every role it holds.',
      });
    }
    return authority;
  };

  const resolveGrant = async (actor: Actor, input: GrantInput, field: string): Promise<ResolvedGrant> => {
    await ctx.units.ready();
    const unit = ctx.units.byCode(input.unitCode);
    if (!unit) throw badInput(`${field}.unitCode`, { vi: `Không có đơn vị mã ${input.unitCode}.`, en: `No unit with code ${input.unitCode}.` });
    const authority = grantAuthority(actor, input.role, unit.id, ctx.units);
    if (!authority) {
      const role = ROLE_NAMES[input.role];
      throw forbidden({
        vi: `Bạn không được cấp vai trò "${role.vi}" tại ${unit.name}.`,
        en: `You may not grant the role "${role.en}" in ${unit.name}.`,
      });
    }
    if (unit.mergedIntoId) {
      const s = ctx.units.successor(unit.id);
      throw new AppError(
        'domain_rule',
        { vi: `${unit.name} đã sáp nhập vào ${s?.name ?? '?'}; hãy cấp quyền tại đơn vị đó.`, en: `${unit.name} was merged into ${s?.name ?? '?'}; grant the role there.` },
        { field: `${field}.unitCode` },
      );
    }
    const officeId = input.officeCode ? await findOfficeId(ctx.db, unit.id, input.officeCode) : null;
    if (officeId === undefined) {
      throw badInput(`${field}.officeCode`, { vi: `${unit.name} không có phòng mã ${input.officeCode}.`, en: `${unit.name} has no office ${input.officeCode}.` });
    }
    return { role: input.role, unitId: unit.id, unitCode: unit.code, officeId, officeCode: input.officeCode ?? null, authority };
  };

  /** One audit entry in the chain of every unit the account works in (the system chain for none). */
  const audit = async (tx: Transaction<DB>, actor: Actor, role: Role | null, unitIds: number[], action: string, accountId: number, details: Record<string, unknown>) => {
    const chains = unitIds.length ? [...new Set(unitIds)].map(chainForUnit) : [chainForUnit(null)];
    for (const chain of chains) {
      await appendAudit(tx, { chain, at: ctx.clock.now(), actorId: actor.accountId, actorRole: role, action, entity: 'account', entityId: String(accountId), details });
    }
  };

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
      let unitIds = [...visible];
      if (req.query.unit) {
        const unit = ctx.units.byCode(req.query.unit);
        if (!unit) throw badInput('querystring.unit', { vi: `Không có đơn vị mã ${req.query.unit}.`, en: `No unit with code ${req.query.unit}.` });
        if (!visible.has(unit.id)) throw forbidden();
        unitIds = ctx.units.covered(unit.id).filter((id) => visible.has(id));
      }
      const accounts = await listAccounts(ctx.db, { unitIds, q: req.query.q, limit: req.query.limit, offset: req.query.offset });
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
    schema: { tags: TAGS, summary: 'Tạo tài khoản và cấp vai trò (Create an account with its role grants)', body: CreateBody, response: { 201: AccountOut } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const visible = await adminUnits(actor);
      const b = req.body;
      const grants: ResolvedGrant[] = [];
      for (const [i, g] of b.grants.entries()) grants.push(await resolveGrant(actor, g, `body.grants.${i}`));
      const dup = grants.findIndex((g, i) => grants.findIndex((h) => h.role === g.role && h.unitId === g.unitId) !== i);
      if (dup >= 0) throw badInput(`body.grants.${dup}`, { vi: 'Vai trò này đã có ở trên cho cùng đơn vị.', en: 'This role is listed twice for the same unit.' });
      if (b.password.toLowerCase().includes(b.username)) {
        throw badInput('body.password', { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the username.' });
      }
      if (await usernameTaken(ctx.db, b.username)) throw usernameConflict(b.username);
      const passwordHash = await hashPassword(b.password, ctx.config.argon2);
      const now = ctx.clock.now();
      let id: number;
      try {
        id = await ctx.db.transaction().execute(async (tx) => {
          const accountId = await insertAccount(tx, { username: b.username, fullName: b.fullName, passwordHash, email: b.email ?? null, phone: b.phone ?? null, locale: b.locale ?? 'vi', createdAt: now });
          for (const g of grants) await insertGrant(tx, { accountId, role: g.role, unitId: g.unitId, officeId: g.officeId, at: now });
          const listed = grants.map((g) => ({ role: g.role, unit: g.unitCode, office: g.officeCode }));
          await audit(tx, actor, grants[0]!.authority.role, grants.map((g) => g.unitId), 'account.create', accountId, { username: b.username, fullName: b.fullName, grants: listed });
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
        throw domainRule({ vi: 'Bạn không thể tự khóa hoặc mở khóa tài khoản của mình.', en: 'You cannot deactivate or reactivate your own account.' });
      }
      const role = isSelf ? (actor.grants[0]?.role ?? null) : requireManage(actor, account).role;
      const changed = Object.keys(p).filter((k) => p[k as keyof typeof p] !== undefined).sort();
      await ctx.db.transaction().execute(async (tx) => {
        await updateAccount(tx, account.id, p);
        if (p.active === false) await endSessions(tx, account.id);
        // Contact details are personal data: the audit records that they changed, not their values.
        await audit(tx, actor, role, account.grants.map((g) => g.unitId), 'account.update', account.id, {
          changed,
          ...(p.fullName !== undefined ? { fullName: { from: account.fullName, to: p.fullName } } : {}),
          ...(p.locale !== undefined ? { locale: p.locale } : {}),
          ...(p.active !== undefined ? { active: p.active } : {}),
        });
      });
      return shape(await getAccount(ctx.db, account.id), visible, isSelf);
    },
  });

  app.post('/api/accounts/me/password', {
    schema: {
      tags: TAGS,
      summary: 'Đổi mật khẩu của chính mình (Change your own password; your other sessions end)',
      body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: Password }),
      response: { 200: Ok },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const now = ctx.clock.now();
      // The same lock as sign-in: a stolen session must not become a way to guess the password.
      const key = `user:${actor.username}`;
      const wait = await lockedFor(ctx.db, key, now);
      if (wait > 0) {
        throw new AppError(
          'too_many_requests',
          { vi: `Nhập sai mật khẩu quá nhiều lần. Thử lại sau ${Math.ceil(wait / 60)} phút.`, en: `Too many wrong passwords. Try again in ${Math.ceil(wait / 60)} minutes.` },
          { retryAfterSeconds: wait },
        );
      }
      const stored = await passwordHashOf(ctx.db, actor.accountId);
      if (!stored || !(await verifyPassword(stored, req.body.currentPassword))) {
        await recordFailure(ctx.db, key, now);
        throw badInput('body.currentPassword', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' });
      }
      if (req.body.newPassword === req.body.currentPassword) {
        throw badInput('body.newPassword', { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' });
      }
      if (req.body.newPassword.toLowerCase().includes(actor.username)) {
        throw badInput('body.newPassword', { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the username.' });
      }
      await clearFailures(ctx.db, key);
      const hash = await hashPassword(req.body.newPassword, ctx.config.argon2);
      await ctx.db.transaction().execute(async (tx) => {
        await setPasswordHash(tx, actor.accountId, hash);
        const ended = await endSessions(tx, actor.accountId, actor.csrfToken);
        await audit(tx, actor, actor.grants[0]?.role ?? null, actor.grants.map((g) => g.unitId), 'account.password_change', actor.accountId, { otherSessionsEnded: ended });
      });
      return { ok: true as const };
    },
  });

  app.post('/api/accounts/:id/password', {
    schema: {
      tags: TAGS,
      summary: 'Đặt lại mật khẩu cho tài khoản khác (Reset another account’s password; its sessions end)',
      params: IdParams,
      body: z.strictObject({ password: Password }),
      response: { 200: Ok },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { account } = await visibleAccount(actor, req.params.id);
      if (account.id === actor.accountId) {
        throw domainRule({ vi: 'Để đổi mật khẩu của chính mình, dùng /api/accounts/me/password.', en: 'To change your own password use /api/accounts/me/password.' });
      }
      const authority = requireManage(actor, account);
      if (req.body.password.toLowerCase().includes(account.username)) {
        throw badInput('body.password', { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the username.' });
      }
      const hash = await hashPassword(req.body.password, ctx.config.argon2);
      await ctx.db.transaction().execute(async (tx) => {
        await setPasswordHash(tx, account.id, hash);
        const ended = await endSessions(tx, account.id);
        await audit(tx, actor, authority.role, account.grants.map((g) => g.unitId), 'account.password_reset', account.id, { sessionsEnded: ended });
      });
      return { ok: true as const };
    },
  });

  app.post('/api/accounts/:id/grants', {
    schema: { tags: TAGS, summary: 'Cấp thêm vai trò (Grant a role)', params: IdParams, body: GrantInput, response: { 201: AccountOut } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const { account, visible } = await visibleAccount(actor, req.params.id);
      // Someone else's account needs the right to manage it; one's own only the right to grant this role.
      if (account.id !== actor.accountId) requireManage(actor, account);
      const g = await resolveGrant(actor, req.body, 'body');
      if (account.grants.some((h) => h.role === g.role && h.unitId === g.unitId)) throw grantConflict();
      try {
        await ctx.db.transaction().execute(async (tx) => {
          const grantId = await insertGrant(tx, { accountId: account.id, role: g.role, unitId: g.unitId, officeId: g.officeId, at: ctx.clock.now() });
          await audit(tx, actor, g.authority.role, [g.unitId], 'grant.add', account.id, { grantId, role: g.role, unit: g.unitCode, office: g.officeCode });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw grantConflict();
        throw err;
      }
      reply.status(201);
      return shape(await getAccount(ctx.db, account.id), new Set([...visible, g.unitId]), account.id === actor.accountId);
    },
  });

  app.delete('/api/accounts/:id/grants/:grantId', {
    schema: {
      tags: TAGS,
      summary: 'Thu hồi vai trò (Remove a role grant)',
      params: z.object({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() }),
      response: { 200: AccountOut },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { account, visible } = await visibleAccount(actor, req.params.id);
      const grant = account.grants.find((g) => g.id === req.params.grantId);
      if (!grant) throw notFound({ vi: `vai trò số ${req.params.grantId} của tài khoản này`, en: `grant ${req.params.grantId} of this account` });
      const authority = grantAuthority(actor, grant.role, grant.unitId, ctx.units);
      if (!authority) throw forbidden();
      const isSelf = account.id === actor.accountId;
      if (isSelf && removesLastAdminGrant(account.grants, grant.id)) {
        throw domainRule({ vi: 'Bạn không thể tự thu hồi quyền quản trị cuối cùng của mình.', en: 'You cannot remove your own last admin role.' });
      }
      await ctx.db.transaction().execute(async (tx) => {
        if (!(await deleteGrant(tx, account.id, grant.id))) throw conflict({ vi: 'Vai trò vừa bị thu hồi; hãy tải lại.', en: 'The grant was just removed; reload.' });
        await audit(tx, actor, authority.role, [grant.unitId], 'grant.remove', account.id, { grantId: grant.id, role: grant.role, unit: grant.unitCode, office: grant.officeCode });
      });
      return shape(await getAccount(ctx.db, account.id), visible, isSelf);
    },
  });
}

function usernameConflict(username: string): AppError {
  return new AppError('conflict', { vi: `Tên đăng nhập ${username} đã có người dùng.`, en: `The username ${username} is taken.` }, { field: 'body.username' });
}

function grantConflict(): AppError {
  return new AppError('conflict', { vi: 'Tài khoản đã có vai trò này tại đơn vị này.', en: 'The account already holds this role in this unit.' }, { field: 'body.role' });
}
