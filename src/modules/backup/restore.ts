// Loads a backup into an empty database in one transaction: all of it or none of it. Values are cast back
// by the database from the JSON text, so what comes out is what went in, to the microsecond and the byte.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { listMigrations, migrate } from '../../db/migrate.js';
import { verifyAudit, type AuditVerification } from '../audit/chain.js';
import { BackupError, EndLine, TableLine, parseHeader, readLines, tryJson, type BackupHeader } from './format.js';
import { countRows, ident, listTables, type ColumnInfo, type ForeignKey, type TableInfo } from './tables.js';
import type { TableCount } from './backup.js';

export interface RestoreOptions {
  /** Empty every table first instead of refusing a database that holds data. */
  force?: boolean;
}

export interface RestoreReport {
  header: BackupHeader;
  tables: TableCount[];
  /** Tables of this database that the backup did not have (added by a later migration): left empty. */
  notInBackup: string[];
  /** Migrations of this version that the backup predates: its rows went into the newer schema as they were. */
  newerMigrations: string[];
  truncated: boolean;
  audit: AuditVerification;
}

const BATCH_ROWS = 500;
const BATCH_CHARS = 8 * 1024 * 1024;

export async function restoreBackup(db: Kysely<DB>, file: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  let header: BackupHeader | undefined;
  for await (const line of readLines(file)) {
    header = parseHeader(line, file);
    break;
  }
  if (!header) throw new BackupError({ vi: `Tệp ${file} rỗng.`, en: `${file} is empty.` });
  await migrate(db);
  const known = new Set(listMigrations());
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length) {
    throw new BackupError({
      vi: `Bản sao lưu được tạo bởi phiên bản MotCua mới hơn (có migration chưa biết: ${unknown.join(', ')}). Hãy cập nhật MotCua rồi khôi phục lại.`,
      en: `The backup was made by a newer MotCua (unknown migrations: ${unknown.join(', ')}). Update MotCua, then restore again.`,
    });
  }
  const tables = await listTables(db);
  if (!options.force) await refuseIfNotEmpty(db, tables);

  const counts = await db.transaction().execute(async (tx) => {
    if (options.force) await sql.raw(`truncate table ${tables.map((t) => ident(t.name)).join(', ')} restart identity cascade`).execute(tx);
    // Rows go in exactly as they were; user triggers (append-only guards, future insert hooks) stay out of it.
    const guarded = tables.filter((t) => t.hasUserTriggers);
    for (const t of guarded) await sql.raw(`alter table ${ident(t.name)} disable trigger user`).execute(tx);
    // A row may point at a later row of its own table (a unit merged into a newer one): foreign keys are
    // checked once everything is in. Neither step needs a superuser, only the tables' owner.
    await alterForeignKeys(tx, tables, () => 'deferrable initially deferred');
    const counts = await loadTables(tx, file, new Map(tables.map((t) => [t.name, t])));
    await sql`set constraints all immediate`.execute(tx).catch((e: Error) => {
      throw new BackupError({ vi: `Dữ liệu trong bản sao lưu không khớp khóa ngoại: ${e.message}`, en: `The backup's rows break a foreign key: ${e.message}` });
    });
    await alterForeignKeys(tx, tables, (fk) =>
      fk.deferrable ? `deferrable initially ${fk.initiallyDeferred ? 'deferred' : 'immediate'}` : 'not deferrable',
    );
    for (const t of guarded) await sql.raw(`alter table ${ident(t.name)} enable trigger user`).execute(tx);
    for (const t of tables) await resetSequences(tx, t);
    return counts;
  });
  const restored = new Set(counts.map((c) => c.table));
  return {
    header,
    tables: counts,
    notInBackup: tables.map((t) => t.name).filter((n) => !restored.has(n)),
    newerMigrations: [...known].filter((m) => !header.migrations.includes(m)),
    truncated: !!options.force,
    audit: await verifyAudit(db),
  };
}

async function alterForeignKeys(tx: Transaction<DB>, tables: TableInfo[], mode: (fk: ForeignKey) => string): Promise<void> {
  for (const t of tables) {
    for (const fk of t.foreignKeys) await sql.raw(`alter table ${ident(t.name)} alter constraint ${ident(fk.name)} ${mode(fk)}`).execute(tx);
  }
}

/** Tables a migration fills on a new database: not "data" for the emptiness check, replaced by the backup's. */
const MIGRATION_FILLED = ['instance_settings'];

async function refuseIfNotEmpty(db: Kysely<DB>, tables: TableInfo[]): Promise<void> {
  const filled: TableCount[] = [];
  for (const t of tables.filter((x) => !MIGRATION_FILLED.includes(x.name))) {
    const rows = await countRows(db, t.name);
    if (rows > 0) filled.push({ table: t.name, rows });
  }
  if (!filled.length) return;
  const list = filled.map((f) => `${f.table} ${f.rows}`).join(', ');
  throw new BackupError({
    vi: `Cơ sở dữ liệu không trống (${list}); chỉ khôi phục vào cơ sở dữ liệu trống. Thêm --force để XÓA HẾT dữ liệu hiện có rồi khôi phục.`,
    en: `The database is not empty (${list}); a restore goes into an empty database only. Add --force to DELETE all current data and restore.`,
  });
}

/** A table section being loaded: rows are sent to the database in batches of raw JSON lines. */
interface Section {
  table: TableInfo;
  insert: string;
  batch: string[];
  chars: number;
  rows: number;
}

async function loadTables(tx: Transaction<DB>, file: string, tables: Map<string, TableInfo>): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  let section: Section | null = null;
  let end: EndLine | null = null;
  let lineNo = 0;
  const finish = async () => {
    if (!section) return;
    await flush(tx, section);
    counts.push({ table: section.table.name, rows: section.rows });
    section = null;
  };
  for await (const line of readLines(file)) {
    lineNo++;
    if (lineNo === 1) continue; // the header, already checked
    if (end) throw damaged(file, lineNo, { vi: 'còn dữ liệu sau dòng kết thúc', en: 'data after the end line' });
    if (line.startsWith('[')) {
      if (!section) throw damaged(file, lineNo, { vi: 'dòng dữ liệu nằm trước dòng tên bảng', en: 'a row before any table line' });
      const s: Section = section;
      s.batch.push(line);
      s.chars += line.length;
      s.rows++;
      if (s.batch.length >= BATCH_ROWS || s.chars >= BATCH_CHARS) await flush(tx, s);
      continue;
    }
    const json = tryJson(line);
    const endLine = EndLine.safeParse(json);
    if (endLine.success) {
      await finish();
      end = endLine.data;
      continue;
    }
    const tableLine = TableLine.safeParse(json);
    if (!tableLine.success) throw damaged(file, lineNo, { vi: 'dòng không phải tên bảng, dữ liệu hay dòng kết thúc', en: 'a line that is neither a table, a row nor the end' });
    await finish();
    section = openSection(tables, tableLine.data);
    // A migration filled it (e.g. the instance id): the backup's rows replace the fresh installation's.
    if (MIGRATION_FILLED.includes(section.table.name)) await sql.raw(`delete from ${ident(section.table.name)}`).execute(tx);
  }
  if (!end) throw damaged(file, lineNo, { vi: 'thiếu dòng kết thúc: tệp bị cắt cụt', en: 'no end line: the file was cut short' });
  const counted = Object.fromEntries(counts.map((c) => [c.table, c.rows]));
  for (const table of new Set([...Object.keys(counted), ...Object.keys(end.rows)])) {
    const [has, says] = [counted[table] ?? 0, end.rows[table] ?? 0];
    if (has !== says) {
      throw damaged(file, lineNo, { vi: `bảng ${table} có ${has} dòng, dòng kết thúc ghi ${says}`, en: `table ${table} has ${has} rows, the end line says ${says}` });
    }
  }
  return counts;
}

function openSection(tables: Map<string, TableInfo>, line: TableLine): Section {
  const table = tables.get(line.table);
  if (!table) {
    throw new BackupError({
      vi: `Bảng ${line.table} trong bản sao lưu không có trong cơ sở dữ liệu này.`,
      en: `Table ${line.table} in the backup does not exist in this database.`,
    });
  }
  const columns = line.columns.map((name) => {
    const c = table.columns.find((col) => col.name === name);
    if (!c) throw new BackupError({ vi: `Cột ${line.table}.${name} trong bản sao lưu không có trong cơ sở dữ liệu này.`, en: `Column ${line.table}.${name} in the backup does not exist in this database.` });
    return c;
  });
  const insert =
    `insert into ${ident(table.name)} (${columns.map((c) => ident(c.name)).join(', ')}) overriding system value ` +
    `select ${columns.map(valueExpression).join(', ')} from jsonb_array_elements($1::jsonb) as e(r)`;
  return { table, insert, batch: [], chars: 0, rows: 0 };
}

/** The SQL that turns element `i` of the JSON row `r` back into the column's value. */
export function valueExpression(c: ColumnInfo, i: number): string {
  switch (c.kind) {
    case 'bytea':
      return `decode(r->>${i}, 'base64')`;
    case 'jsonb':
    case 'json':
      // A JSON null in a nullable column was an SQL NULL when backed up (json_build_array cannot tell them apart).
      return `${c.notNull ? `(r->${i})` : `nullif(r->${i}, 'null'::jsonb)`}::${c.kind}`;
    default:
      return `(r->>${i})::${c.type}`;
  }
}

async function flush(tx: Transaction<DB>, s: Section): Promise<void> {
  if (!s.batch.length) return;
  const json = `[${s.batch.join(',')}]`;
  await withJson(s.insert, json).execute(tx).catch((e: Error) => {
    throw new BackupError({ vi: `Không nạp được bảng ${s.table.name}: ${e.message}`, en: `Cannot load table ${s.table.name}: ${e.message}` });
  });
  s.batch = [];
  s.chars = 0;
}

/** Runs a statement whose `$1` is the batch of rows, sent as a parameter. */
function withJson(statement: string, json: string) {
  const [head, tail] = statement.split('$1') as [string, string];
  return sql`${sql.raw(head)}${json}${sql.raw(tail)}`;
}

async function resetSequences(tx: Transaction<DB>, t: TableInfo): Promise<void> {
  for (const c of t.columns) {
    if (!c.sequence) continue;
    // The next value is max + 1 (or 1 for an empty table), so new rows never collide with restored ones.
    const max = sql.raw(`(select max(${ident(c.name)}) from ${ident(t.name)})`);
    await sql`select setval(${c.sequence}::regclass, coalesce(${max}, 0) + 1, false)`.execute(tx);
  }
}

function damaged(file: string, line: number, what: { vi: string; en: string }): BackupError {
  return new BackupError({ vi: `Tệp ${file} bị hỏng ở dòng ${line}: ${what.vi}.`, en: `${file} is damaged at line ${line}: ${what.en}.` });
}
