// `motcua seed`: loads the demo (Thành phố Huế and its communes, offices, accounts, calendar, the catalogue).
// Safe to repeat: what is there already is kept, and the command says that nothing changed.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { configFromEnv } from '../config.js';
import { seedDemo } from '../seed.js';
import { seedHistory } from '../modules/demo/history.js';
import { seedCapacityDemo } from '../modules/capacity/demo/seed.js';
import { countRows, listTables } from '../modules/backup/index.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { demoLoginLines } from './demo.js';
import { EXIT, bi, table, type Io } from './io.js';

export async function seedCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { flags } = parseCommand('seed', args, { history: { type: 'boolean' } }, []);
  const config = configFromEnv(env);
  return withDatabase(env, io, { migrate: true }, async (d) => {
    io.out(bi('Đang nạp dữ liệu mẫu…', 'Loading the demo data…'));
    const before = await rowCounts(d.db);
    const report = await seedDemo(d.db, config);
    if (flags.history) {
      // Months of past dossiers at every commune of Huế (once: a second run finds them and adds nothing).
      io.out(bi('Đang nạp lịch sử hồ sơ của các xã…', "Loading the communes' dossier history…"));
      const h = await seedHistory(d.db, { now: new Date() });
      if (!h.skipped) io.out(bi(`Lịch sử: ${h.dossiers} hồ sơ từ ${h.from} đến ${h.to} (${h.seconds} giây)`, `History: ${h.dossiers} dossiers from ${h.from} to ${h.to} (${h.seconds} s)`));
      // The capacity demo (positions, levels, certificates, training) on top of that history, also once.
      const k = await seedCapacityDemo(d.db, { now: new Date() });
      if (!k.skipped) io.out(bi(`Năng lực: ${k.positions} vị trí việc làm, ${k.classes} lớp bồi dưỡng, ${k.certificates} chứng chỉ`, `Capacity: ${k.positions} job positions, ${k.classes} training classes, ${k.certificates} certificates`));
    }
    const after = await rowCounts(d.db);
    const added = Object.keys(after)
      .filter((t) => after[t]! !== (before[t] ?? 0))
      .map((t) => [t, after[t]! - (before[t] ?? 0)] as [string, number]);
    if (!added.length) {
      io.out(bi('Dữ liệu mẫu đã có sẵn; không thay đổi gì.', 'The demo data was already there; nothing changed.'));
      return EXIT.ok;
    }
    io.out(bi('Đã thêm', 'Added') + ':');
    for (const line of table([bi('Bảng', 'Table'), bi('Số dòng', 'Rows')], added)) io.out(line);
    const c = report.catalogue;
    if (c) {
      io.out(
        bi(
          `Danh mục thủ tục: ${c.created} mới, ${c.newVersions} phiên bản mới, ${c.unchanged} không đổi, ${c.rejected.length} bị từ chối, ${c.warnings.length} cảnh báo`,
          `Catalogue: ${c.created} new, ${c.newVersions} new versions, ${c.unchanged} unchanged, ${c.rejected.length} rejected, ${c.warnings.length} warnings`,
        ),
      );
    }
    for (const line of await demoLoginLines(d.db)) io.out(line);
    return EXIT.ok;
  });
}

async function rowCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await listTables(db)) out[t.name] = await countRows(db, t.name);
  return out;
}
