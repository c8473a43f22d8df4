// Reads the shape of the database from PostgreSQL's catalog, so a backup includes tables that later
// migrations add without anyone listing them here. Works the same on PGlite and a PostgreSQL server.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** How a column travels in a backup line: bytea as base64, arrays as PostgreSQL's text form, the rest via to_json. */
export type ColumnKind = 'bytea' | 'json' | 'jsonb' | 'array' | 'plain';

export interface ColumnInfo {
  name: string;
  /** The full type, e.g. `timestamp with time zone`, used to cast values back on restore. */
  type: string;
  kind: ColumnKind;
  notNull: boolean;
  /** The sequence behind a serial or identity column, reset to max(column) after a restore. */
  sequence: string | null;
}

export interface ForeignKey {
  name: string;
  deferrable: boolean;
  initiallyDeferred: boolean;
}

export interface TableInfo {
  name: string;
  /** Stored columns in table order (generated columns are left out: PostgreSQL computes them). */
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Its foreign keys, which a restore defers to the end of the load (a unit may point at a later unit). */
  foreignKeys: ForeignKey[];
  hasUserTriggers: boolean;
}

/** Tables that describe the schema itself rather than hold data. */
export const EXCLUDED_TABLES = ['schema_migrations'];

export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every data table of schema `public`, parents before children (foreign-key order). */
export async function listTables(db: Executor): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const columns = await sql<{ table: string; column: string; type: string; typname: string; category: string; not_null: boolean; sequence: string | null }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
           t.typname, t.typcategory as category, a.attnotnull as not_null,
           pg_get_serial_sequence(format('public.%I', c.relname), a.attname) as sequence
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where n.nspname = 'public' and i.indisprimary
    order by c.relname, k.ord`.execute(db);
  const foreignKeys = await sql<{ child: string; parent: string; name: string; deferrable: boolean; deferred: boolean }>`
    select ch.relname as child, pa.relname as parent, k.conname as name, k.condeferrable as deferrable, k.condeferred as deferred
    from pg_constraint k
    join pg_class ch on ch.oid = k.conrelid
    join pg_class pa on pa.oid = k.confrelid
    join pg_namespace n on n.oid = ch.relnamespace
    where k.contype = 'f' and n.nspname = 'public'
    order by ch.relname, k.conname`.execute(db);
  const triggers = await sql<{ table: string }>`
    select distinct c.relname as table
    from pg_trigger t
    join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and not t.tgisinternal`.execute(db);

  const withTriggers = new Set(triggers.rows.map((r) => r.table));
  const infos = new Map<string, TableInfo>();
  for (const t of tables.rows) {
    if (EXCLUDED_TABLES.includes(t.name)) continue;
    infos.set(t.name, { name: t.name, columns: [], primaryKey: [], foreignKeys: [], hasUserTriggers: withTriggers.has(t.name) });
  }
  for (const c of columns.rows) {
    infos.get(c.table)?.columns.push({ name: c.column, type: c.type, kind: kindOf(c.typname, c.category), notNull: c.not_null, sequence: c.sequence });
  }
  for (const k of keys.rows) infos.get(k.table)?.primaryKey.push(k.column);
  const parents = new Map<string, Set<string>>();
  for (const fk of foreignKeys.rows) {
    const info = infos.get(fk.child);
    if (!info) continue;
    info.foreignKeys.push({ name: fk.name, deferrable: fk.deferrable, initiallyDeferred: fk.deferred });
    if (fk.child !== fk.parent) parents.set(fk.child, (parents.get(fk.child) ?? new Set()).add(fk.parent));
  }
  return dependencyOrder([...infos.keys()], parents).map((name) => infos.get(name)!);
}

function kindOf(typname: string, category: string): ColumnKind {
  if (typname === 'bytea' || typname === 'json' || typname === 'jsonb') return typname;
  return category === 'A' ? 'array' : 'plain';
}

/**
 * Parents before children; ties in name order so the same schema always gives the same order. Tables in a
 * foreign-key cycle (none today) come last in name order; a restore defers its foreign-key checks anyway.
 */
export function dependencyOrder(names: string[], parents: Map<string, Set<string>>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  const pending = [...names].sort();
  let progress = true;
  while (progress) {
    progress = false;
    for (const name of pending) {
      if (done.has(name)) continue;
      if ([...(parents.get(name) ?? [])].every((p) => done.has(p) || !names.includes(p))) {
        done.add(name);
        order.push(name);
        progress = true;
        break; // restart so the earliest ready name (alphabetically) always goes next
      }
    }
  }
  return [...order, ...pending.filter((n) => !done.has(n))];
}

export async function countRows(db: Executor, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.raw(ident(table))}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
