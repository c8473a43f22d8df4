// SQL for the administration of accounts and role grants. Password hashes leave this file only through
// passwordHashOf (for checking the current password); every other read leaves them out.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { Role } from './roles.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface GrantView {
  id: number;
  role: Role;
  unitId: number;
  unitCode: string;
  unitName: string;
  officeCode: string | null;
  officeName: string | null;
  grantedAt: string;
}

export interface AccountView {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  locale: 'vi' | 'en';
  active: boolean;
  createdAt: string;
  grants: GrantView[];
}

export interface AccountSearch {
  /** Accounts holding at least one grant on one of these units. */
  unitIds: number[];
  q?: string | undefined;
  limit: number;
  offset: number;
}

const accountColumns = ['a.id', 'a.username', 'a.full_name', 'a.email', 'a.phone', 'a.locale', 'a.active', 'a.created_at'] as const;

type AccountRow = {
  id: number;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  locale: 'vi' | 'en';
  active: boolean;
  created_at: Date;
};

const likeEscape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listAccounts(db: Db, s: AccountSearch): Promise<AccountView[]> {
  if (s.unitIds.length === 0) return [];
  const words = (s.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  const rows = await db
    .selectFrom('accounts as a')
    .select(accountColumns)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('role_grants as g').select('g.id').whereRef('g.account_id', '=', 'a.id').where('g.unit_id', 'in', s.unitIds)),
    )
    .$if(words.length > 0, (qb) =>
      qb.where((eb) =>
        eb.and(
          words.map((w) =>
            eb.or([
              eb(sql`motcua_fold(a.full_name)`, 'like', sql`'%' || motcua_fold(${likeEscape(w)}) || '%'`),
              eb('a.username', 'like', `%${likeEscape(w.toLowerCase())}%`),
            ]),
          ),
        ),
      ),
    )
    .orderBy('a.username')
    .limit(s.limit)
    .offset(s.offset)
    .execute();
  return withGrants(db, rows);
}

export async function findAccount(db: Db, id: number): Promise<AccountView | undefined> {
  const row = await db.selectFrom('accounts as a').select(accountColumns).where('a.id', '=', id).executeTakeFirst();
  return row ? (await withGrants(db, [row]))[0] : undefined;
}

export async function getAccount(db: Db, id: number): Promise<AccountView> {
  const account = await findAccount(db, id);
  if (!account) throw notFound({ vi: `tài khoản số ${id}`, en: `account ${id}` });
  return account;
}

async function withGrants(db: Db, rows: AccountRow[]): Promise<AccountView[]> {
  if (rows.length === 0) return [];
  const grants = await db
    .selectFrom('role_grants as g')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .leftJoin('offices as o', 'o.id', 'g.office_id')
    .select(['g.id', 'g.account_id', 'g.role', 'g.unit_id', 'g.granted_at'])
    .select(['u.code as unit_code', 'u.name as unit_name', 'o.code as office_code', 'o.name as office_name'])
    .where('g.account_id', 'in', rows.map((r) => r.id))
    .orderBy('g.id')
    .execute();
  const byAccount = new Map<number, GrantView[]>();
  for (const g of grants) {
    const list = byAccount.get(g.account_id) ?? [];
    list.push({
      id: g.id,
      role: g.role as Role,
      unitId: g.unit_id,
      unitCode: g.unit_code,
      unitName: g.unit_name,
      officeCode: g.office_code,
      officeName: g.office_name,
      grantedAt: new Date(g.granted_at).toISOString(),
    });
    byAccount.set(g.account_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    email: r.email,
    phone: r.phone,
    locale: r.locale,
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
    grants: byAccount.get(r.id) ?? [],
  }));
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return !!(await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst());
}

export async function findOfficeId(db: Db, unitId: number, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('offices').select('id').where('unit_id', '=', unitId).where('code', '=', code).executeTakeFirst();
  return row?.id;
}

export interface NewAccount {
  username: string;
  fullName: string;
  passwordHash: string;
  email: string | null;
  phone: string | null;
  locale: 'vi' | 'en';
  createdAt: Date;
}

export async function insertAccount(tx: Transaction<DB>, a: NewAccount): Promise<number> {
  const row = await tx
    .insertInto('accounts')
    .values({
      username: a.username,
      full_name: a.fullName,
      password_hash: a.passwordHash,
      email: a.email,
      phone: a.phone,
      locale: a.locale,
      created_at: a.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertGrant(
  tx: Transaction<DB>,
  g: { accountId: number; role: Role; unitId: number; officeId: number | null; at: Date },
): Promise<number> {
  const row = await tx
    .insertInto('role_grants')
    .values({ account_id: g.accountId, role: g.role, unit_id: g.unitId, office_id: g.officeId, granted_at: g.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteGrant(tx: Transaction<DB>, accountId: number, grantId: number): Promise<boolean> {
  const res = await tx.deleteFrom('role_grants').where('id', '=', grantId).where('account_id', '=', accountId).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export interface AccountPatch {
  fullName?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  locale?: 'vi' | 'en' | undefined;
  active?: boolean | undefined;
}

export async function updateAccount(tx: Transaction<DB>, id: number, p: AccountPatch): Promise<void> {
  const set = {
    ...(p.fullName !== undefined ? { full_name: p.fullName } : {}),
    ...(p.email !== undefined ? { email: p.email } : {}),
    ...(p.phone !== undefined ? { phone: p.phone } : {}),
    ...(p.locale !== undefined ? { locale: p.locale } : {}),
    ...(p.active !== undefined ? { active: p.active } : {}),
  };
  if (Object.keys(set).length > 0) await tx.updateTable('accounts').set(set).where('id', '=', id).execute();
}

export async function passwordHashOf(db: Db, id: number): Promise<string | undefined> {
  const row = await db.selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash;
}

export async function setPasswordHash(tx: Transaction<DB>, id: number, hash: string): Promise<void> {
  await tx.updateTable('accounts').set({ password_hash: hash }).where('id', '=', id).execute();
}

/**
 * Signs the account out everywhere, except the session whose CSRF token is `keepCsrf` (the person who just
 * changed their own password stays signed in on the device they used). The CSRF token is unique per session.
 */
export async function endSessions(tx: Transaction<DB>, accountId: number, keepCsrf?: string): Promise<number> {
  const res = await tx
    .deleteFrom('sessions')
    .where('account_id', '=', accountId)
    .$if(keepCsrf !== undefined, (qb) => qb.where('csrf_token', '<>', keepCsrf!))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
