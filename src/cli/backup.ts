// `motcua backup <file>` and `motcua restore <file>`: the whole database to one gzip'd JSON-lines file and back.
import path from 'node:path';
import { restoreBackup, writeBackup, type TableCount } from '../modules/backup/index.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { EXIT, bi, formatBytes, table, type Io } from './io.js';

export async function backupCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { positionals, flags } = parseCommand('backup', args, { force: { type: 'boolean' } }, ['file']);
  const file = path.resolve(positionals[0]!);
  return withDatabase(env, io, { mustExist: true }, async (d) => {
    const r = await writeBackup(d.db, d.kind, file, { overwrite: !!flags.force });
    printCounts(io, r.tables);
    io.out(
      bi(
        `Đã sao lưu ${total(r.tables)} dòng của ${r.tables.length} bảng vào ${r.file} (${formatBytes(r.bytes)})`,
        `Backed up ${total(r.tables)} rows of ${r.tables.length} tables to ${r.file} (${formatBytes(r.bytes)})`,
      ),
    );
    return EXIT.ok;
  });
}

export async function restoreCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { positionals, flags } = parseCommand('restore', args, { force: { type: 'boolean' } }, ['file']);
  const file = path.resolve(positionals[0]!);
  return withDatabase(env, io, {}, async (d) => {
    const r = await restoreBackup(d.db, file, { force: !!flags.force });
    if (r.truncated) io.out(bi('Đã xóa toàn bộ dữ liệu cũ (--force).', 'Deleted all previous data (--force).'));
    printCounts(io, r.tables);
    io.out(
      bi(
        `Đã khôi phục ${total(r.tables)} dòng của ${r.tables.length} bảng từ ${file} (sao lưu lúc ${r.header.createdAt}, từ ${r.header.database})`,
        `Restored ${total(r.tables)} rows of ${r.tables.length} tables from ${file} (backed up at ${r.header.createdAt}, from ${r.header.database})`,
      ),
    );
    if (r.newerMigrations.length) {
      io.out(
        bi(
          `Bản sao lưu có trước các migration ${r.newerMigrations.join(', ')}: dữ liệu được nạp vào cấu trúc mới, cột mới nhận giá trị mặc định.`,
          `The backup predates migrations ${r.newerMigrations.join(', ')}: its rows went into the newer schema, new columns got their defaults.`,
        ),
      );
    }
    if (r.notInBackup.length) {
      io.out(bi(`Bảng mới hơn bản sao lưu, để trống: ${r.notInBackup.join(', ')}`, `Tables newer than the backup, left empty: ${r.notInBackup.join(', ')}`));
    }
    if (r.audit.ok) {
      io.out(`OK: ${r.audit.entries} entries in ${r.audit.chains} chains / ${bi('nhật ký kiểm toán toàn vẹn', 'the audit log verifies')}`);
      return EXIT.ok;
    }
    io.err(
      bi(
        `Đã khôi phục, nhưng nhật ký kiểm toán KHÔNG toàn vẹn (${r.audit.problems.length} vấn đề) — bản sao lưu chứa dữ liệu đã bị sửa`,
        `Restored, but the audit log does NOT verify (${r.audit.problems.length} problems) — the backup holds altered data`,
      ),
    );
    for (const p of r.audit.problems) io.err(`  ✗ ${p.chain}${p.seq !== null ? ` #${p.seq}` : ''} [${p.problem}]: ${p.message}`);
    return EXIT.failure;
  });
}

function printCounts(io: Io, tables: TableCount[]): void {
  for (const line of table([bi('Bảng', 'Table'), bi('Số dòng', 'Rows')], tables.map((t) => [t.table, t.rows]))) io.out(line);
}

const total = (tables: TableCount[]) => tables.reduce((n, t) => n + t.rows, 0);
