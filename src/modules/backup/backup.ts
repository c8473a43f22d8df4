// Writes a consistent snapshot of every table. The database renders each row as JSON itself
// (json_build_array), so timestamps keep their microseconds and numbers their exact digits.
import fs from 'node:fs';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DatabaseKind } from '../../db/connection.js';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, LineWriter, type BackupHeader, type EndLine } from './format.js';
import { ident, listTables, type ColumnInfo, type TableInfo } from './tables.js';

export interface TableCount {
  table: string;
  rows: number;
}

export interface BackupReport {
  file: string;
  header: BackupHeader;
  tables: TableCount[];
  bytes: number;
}

export interface BackupOptions {
  now?: Date;
  /** Replace an existing file (it is replaced only once the new backup is complete). */
  overwrite?: boolean;
}

export async function writeBackup(db: Kysely<DB>, kind: DatabaseKind, file: string, options: BackupOptions = {}): Promise<BackupReport> {
  if (!options.overwrite && fs.existsSync(file)) {
    throw new BackupError({
      vi: `Tệp ${file} đã có; chọn tên khác hoặc thêm --force để ghi đè.`,
      en: `${file} already exists; choose another name or add --force to replace it.`,
    });
  }
  // Written beside the target and renamed at the end: a failed backup never leaves a half file under the real name.
  const partial = `${file}.partial-${process.pid}`;
  const writer = new LineWriter(partial);
  try {
    const report = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        await sql`set transaction read only`.execute(tx);
        const migrations = (await sql<{ version: string }>`select version from schema_migrations order by version`.execute(tx)).rows.map((r) => r.version);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: (options.now ?? new Date()).toISOString(),
          migrations,
          database: kind,
        };
        await writer.write(JSON.stringify(header));
        const tables: TableCount[] = [];
        for (const table of await listTables(tx)) tables.push({ table: table.name, rows: await writeTable(tx, table, writer) });
        const end: EndLine = { end: true, rows: Object.fromEntries(tables.map((t) => [t.table, t.rows])) };
        await writer.write(JSON.stringify(end));
        return { header, tables };
      });
    await writer.close();
    fs.renameSync(partial, file);
    return { file, ...report, bytes: fs.statSync(file).size };
  } catch (e) {
    writer.destroy();
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

async function writeTable(tx: Transaction<DB>, table: TableInfo, writer: LineWriter): Promise<number> {
  await writer.write(JSON.stringify({ table: table.name, columns: table.columns.map((c) => c.name) }));
  const cursor = ident(`motcua_backup_${table.name}`);
  const order = table.primaryKey.length ? ` order by ${table.primaryKey.map(ident).join(', ')}` : '';
  await sql
    .raw(`declare ${cursor} no scroll cursor for select ${rowExpression(table.columns)} as line from ${ident(table.name)}${order}`)
    .execute(tx);
  // Rows with stored files can be megabytes each: fetch few of them at a time.
  const batch = table.columns.some((c) => c.kind === 'bytea') ? 4 : 1000;
  let rows = 0;
  for (;;) {
    const result = await sql.raw<{ line: string }>(`fetch forward ${batch} from ${cursor}`).execute(tx);
    for (const r of result.rows) await writer.write(r.line);
    rows += result.rows.length;
    if (result.rows.length < batch) break;
  }
  await sql.raw(`close ${cursor}`).execute(tx);
  return rows;
}

/** One row as a JSON array in column order. */
export function rowExpression(columns: ColumnInfo[]): string {
  const values = columns.map((c) => {
    const col = ident(c.name);
    if (c.kind === 'bytea') return `translate(encode(${col}, 'base64'), E'\\n', '')`;
    // to_json of an array would turn e.g. a timestamp[] into strings we could not cast back as a whole.
    if (c.kind === 'array') return `${col}::text`;
    return col;
  });
  // A function takes at most 100 arguments; wider tables are built from pieces.
  const pieces: string[] = [];
  for (let i = 0; i < values.length; i += 100) pieces.push(`jsonb_build_array(${values.slice(i, i + 100).join(', ')})`);
  return pieces.length === 1 ? `json_build_array(${values.join(', ')})::text` : `(${pieces.join(' || ')})::text`;
}
