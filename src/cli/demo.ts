// The demo logins that exist in the database, as a table for `serve` and `seed`.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DEMO_COMMUNES, DEMO_PASSWORD, demoAccounts } from '../seed.js';
import { EXTRA_OFFICIALS } from '../modules/capacity/demo/plan.js';
import { ROLE_NAMES, type Role } from '../modules/people/roles.js';
import { bi, table } from './io.js';

export async function demoLoginLines(db: Kysely<DB>): Promise<string[]> {
  // Per commune its seven staff, then the capacity demo's extra officials; then the province's accounts.
  const base = demoAccounts().map((a) => a.username);
  const usernames = [
    ...DEMO_COMMUNES.flatMap(([, suffix]) => [...base.filter((u) => u.endsWith(`.${suffix}`)), ...EXTRA_OFFICIALS.map((e) => `${e.prefix}.${suffix}`)]),
    ...base.filter((u) => !DEMO_COMMUNES.some(([, suffix]) => u.endsWith(`.${suffix}`))),
  ];
  const rows = await db
    .selectFrom('accounts as a')
    .innerJoin('role_grants as g', 'g.account_id', 'a.id')
    .innerJoin('units as u', 'u.id', 'g.unit_id')
    .select(['a.username', 'g.role', 'u.name', 'u.code'])
    .where('a.username', 'in', usernames)
    .where('a.active', '=', true)
    .execute();
  if (!rows.length) return [];
  // Keep the demo's own order: per commune, then the province accounts.
  rows.sort((x, y) => usernames.indexOf(x.username) - usernames.indexOf(y.username));
  return [
    bi('Tài khoản mẫu', 'Demo logins') + ` — ${bi('mật khẩu', 'password')}: ${DEMO_PASSWORD}`,
    ...table(
      [bi('Tên đăng nhập', 'Username'), bi('Vai trò', 'Role'), bi('Đơn vị', 'Unit')],
      rows.map((r) => [r.username, `${ROLE_NAMES[r.role as Role]?.vi ?? r.role} (${r.role})`, `${r.name} (${r.code})`]),
    ),
  ];
}
