// What the account administration routes share: which accounts an admin sees and may manage, how a requested
// grant is checked, how an account is shown, and the audit entry of every change.
import type { z } from 'zod';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { AppError, badInput, forbidden, notFound } from '../../errors.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { unitsWithRole, type Actor, type Grant } from './actor.js';
import { ADMIN_ROLES, grantAuthority, manageAuthority } from './admin-policy.js';
import type { AccountOut, GrantInput } from './admin-schema.js';
import { findOfficeId, getAccount, type AccountView } from './accounts-store.js';
import { ROLE_NAMES, type Role } from './roles.js';

export interface ResolvedGrant {
  role: Role;
  unitId: number;
  unitCode: string;
  officeId: number | null;
  officeCode: string | null;
  authority: Grant;
}

export interface AccountAudit {
  actor: Actor;
  role: Role | null;
  /** The units the account works in: one entry in each unit's chain, the system chain for none. */
  unitIds: number[];
  action: string;
  accountId: number;
  details: Record<string, unknown>;
}

export async function auditAccount(tx: Transaction<DB>, at: Date, a: AccountAudit): Promise<void> {
  const chains = a.unitIds.length ? [...new Set(a.unitIds)].map(chainForUnit) : [chainForUnit(null)];
  for (const chain of chains) {
    await appendAudit(tx, {
      chain,
      at,
      actorId: a.actor.accountId,
      actorRole: a.role,
      action: a.action,
      entity: 'account',
      entityId: String(a.accountId),
      details: a.details,
    });
  }
}

export const noUnit = (field: string, code: string) =>
  badInput(field, { vi: `Không có đơn vị mã ${code}.`, en: `No unit with code ${code}.` });

/** Beyond the schema's rules: a password must not contain the username. */
export function checkNotUsername(field: string, password: string, username: string): void {
  if (password.toLowerCase().includes(username)) {
    throw badInput(field, { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the username.' });
  }
}

export function usernameConflict(username: string): AppError {
  return new AppError(
    'conflict',
    { vi: `Tên đăng nhập ${username} đã có người dùng.`, en: `The username ${username} is taken.` },
    { field: 'body.username' },
  );
}

export function grantConflict(): AppError {
  return new AppError(
    'conflict',
    { vi: 'Tài khoản đã có vai trò này tại đơn vị này.', en: 'The account already holds this role in this unit.' },
    { field: 'body.role' },
  );
}

export function accountAdmin(ctx: AppContext) {
  /** Units whose accounts the actor administers; 403 for anyone who administers none. */
  const adminUnits = async (actor: Actor): Promise<Set<number>> => {
    await ctx.units.ready();
    const ids = unitsWithRole(actor, ADMIN_ROLES, ctx.units);
    if (ids.length === 0) throw forbidden();
    return new Set(ids);
  };

  /**
   * The account if this actor may see it: their own, one with a grant in a unit they administer, or (for a
   * system admin) one left without grants. 404 otherwise, so account numbers reveal nothing.
   */
  const visibleAccount = async (actor: Actor, id: number): Promise<{ account: AccountView; visible: Set<number> }> => {
    const isSelf = id === actor.accountId;
    const visible = await adminUnits(actor).catch((err) => {
      if (isSelf) return new Set<number>();
      throw err;
    });
    const account = await getAccount(ctx.db, id);
    const seen = account.grants.some((g) => visible.has(g.unitId));
    const orphanForSystemAdmin = account.grants.length === 0 && actor.grants.some((g) => g.role === 'system_admin');
    if (!isSelf && !seen && !orphanForSystemAdmin) throw notFound({ vi: `tài khoản số ${id}`, en: `account ${id}` });
    return { account, visible };
  };

  /** The answer shows only the grants in units the admin administers; one's own account shows them all. */
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
    if (!unit) throw noUnit(`${field}.unitCode`, input.unitCode);
    const authority = grantAuthority(actor, input.role, unit.id, ctx.units);
    if (!authority) {
      const role = ROLE_NAMES[input.role];
      throw forbidden({
        vi: `Bạn không được cấp vai trò "${role.vi}" tại ${unit.name}.`,
        en: `You may not grant the role "${role.en}" in ${unit.name}.`,
      });
    }
    if (unit.mergedIntoId) {
      const s = ctx.units.successor(unit.id)?.name ?? '?';
      throw new AppError(
        'domain_rule',
        {
          vi: `${unit.name} đã sáp nhập vào ${s}; hãy cấp quyền tại đơn vị đó.`,
          en: `${unit.name} was merged into ${s}; grant the role there.`,
        },
        { field: `${field}.unitCode` },
      );
    }
    const officeId = input.officeCode ? await findOfficeId(ctx.db, unit.id, input.officeCode) : null;
    if (officeId === undefined) {
      throw badInput(`${field}.officeCode`, {
        vi: `${unit.name} không có phòng mã ${input.officeCode}.`,
        en: `${unit.name} has no office ${input.officeCode}.`,
      });
    }
    return { role: input.role, unitId: unit.id, unitCode: unit.code, officeId, officeCode: input.officeCode ?? null, authority };
  };

  return { adminUnits, visibleAccount, shape, requireManage, resolveGrant };
}
