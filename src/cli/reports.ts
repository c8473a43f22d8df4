// `motcua reports verify | rebuild`: recount the reporting tables from scratch (facts from the view, day counts
// from the facts) and compare with what the triggers kept — exit 1 on any difference — or replace them with it.
import { rebuildAggregates, verifyAggregates, type AggregatesCheck } from '../modules/reports/aggregates.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { EXIT, UsageError, bi, type Io } from './io.js';

const USAGE = { vi: 'Cách dùng: motcua reports verify | rebuild (xem "motcua help")', en: 'Usage: motcua reports verify | rebuild (see "motcua help")' };

const secs = (s: number) => `${s.toFixed(1)} s`;

export async function reportsCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') {
    parseCommand('reports verify', rest, {}, []);
    return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
      const v = await verifyAggregates(d.db);
      if (v.ok) {
        io.out(
          bi(
            `OK: ${v.facts.rows} dòng dữ kiện, ${v.daily.rows} + ${v.monthly.rows} + ${v.dailyUnit.rows} dòng số liệu theo ngày, tháng khớp với phép đếm lại (${secs(v.seconds)}).`,
            `OK: ${v.facts.rows} fact rows and ${v.daily.rows} + ${v.monthly.rows} + ${v.dailyUnit.rows} day and month count rows equal a full recount (${secs(v.seconds)}).`,
          ),
        );
        return EXIT.ok;
      }
      printDifferences(v, io);
      return EXIT.failure;
    });
  }
  if (sub === 'rebuild') {
    parseCommand('reports rebuild', rest, {}, []);
    return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
      const r = await rebuildAggregates(d.db);
      io.out(
        bi(
          `Đã dựng lại: ${r.facts} dòng dữ kiện (${secs(r.seconds.facts)}), ${r.daily} dòng theo ngày (${secs(r.seconds.daily)}), ${r.monthly} dòng theo tháng (${secs(r.seconds.monthly)}), ${r.dailyUnit} dòng theo đơn vị và ngày (${secs(r.seconds.dailyUnit)}); tổng ${secs(r.seconds.total)}.`,
          `Rebuilt: ${r.facts} fact rows (${secs(r.seconds.facts)}), ${r.daily} day rows (${secs(r.seconds.daily)}), ${r.monthly} month rows (${secs(r.seconds.monthly)}), ${r.dailyUnit} unit-day rows (${secs(r.seconds.dailyUnit)}); ${secs(r.seconds.total)} in all.`,
        ),
      );
      return EXIT.ok;
    });
  }
  throw new UsageError(USAGE);
}

function printDifferences(v: AggregatesCheck, io: Io): void {
  const f = v.facts;
  io.err(bi('Số liệu báo cáo KHÁC phép đếm lại', 'The report tables DIFFER from a full recount') + ` — "motcua reports rebuild" ${bi('sẽ sửa', 'repairs them')}`);
  io.err(
    `  report_facts: ${bi('thiếu', 'missing')} ${f.missing}, ${bi('thừa', 'extra')} ${f.extra}, ${bi('sai', 'different')} ${f.different}` +
      ` (${f.rows} / ${f.viewRows} ${bi('dòng', 'rows')})${f.examples.length ? `; ${bi('hồ sơ', 'dossier ids')} ${f.examples.join(', ')}` : ''}`,
  );
  for (const [table, level] of [['report_daily', v.daily], ['report_monthly', v.monthly], ['report_daily_unit', v.dailyUnit]] as const) {
    io.err(`  ${table}: ${level.different} ${bi('dòng khác', 'rows differ')} (${level.rows} ${bi('dòng', 'rows')})`);
    for (const ex of level.examples) {
      const key = Object.entries(ex.key).map(([k, x]) => `${k}=${x}`).join(' ');
      const counts = Object.entries(ex.counts).map(([k, x]) => `${k} ${x.stored} ≠ ${x.recount}`).join(', ');
      io.err(`    ✗ ${key}: ${counts}`);
    }
  }
}
