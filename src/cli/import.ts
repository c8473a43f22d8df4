// `motcua import units|procedures <file>`: loads a JSON file, prints what was added and every record it
// rejected with the reason. Exit 1 when the file cannot be read at all, 3 when some records were rejected.
import fs from 'node:fs';
import { importUnits } from '../modules/units/importer.js';
import { parseCatalogue } from '../modules/catalogue/importer.js';
import { saveCatalogue } from '../modules/catalogue/store.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { CliError, EXIT, UsageError, bi, type Io } from './io.js';

const WARNINGS_SHOWN = 10;

export async function importCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const [what, ...rest] = args;
  if (what === 'units') return importUnitsCommand(rest, io, env);
  if (what === 'procedures') return importProceduresCommand(rest, io, env);
  throw new UsageError({
    vi: 'Cách dùng: motcua import units <tệp> | motcua import procedures <tệp> (xem "motcua help")',
    en: 'Usage: motcua import units <file> | motcua import procedures <file> (see "motcua help")',
  });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError({ vi: `Không đọc được tệp ${file}: ${(e as Error).message}`, en: `Cannot read ${file}: ${(e as Error).message}` });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError({ vi: `Tệp ${file} không phải JSON hợp lệ: ${(e as Error).message}`, en: `${file} is not valid JSON: ${(e as Error).message}` });
  }
}

async function importUnitsCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { positionals } = parseCommand('import units', args, {}, ['file']);
  const file = positionals[0]!;
  const json = readJson(file);
  return withDatabase(env, io, { migrate: true }, async (d) => {
    const r = await importUnits(d.db, json);
    const fileLevel = r.rejected.find((x) => x.where === 'file');
    if (fileLevel) throw new CliError({ vi: `Tệp ${file} không đúng định dạng danh mục đơn vị: ${fileLevel.reason}`, en: `${file} is not a units file: ${fileLevel.reason}` });
    io.out(
      bi(
        `Đơn vị hành chính: ${r.inserted} thêm mới, ${r.updated} cập nhật, ${r.rejected.length} bị từ chối`,
        `Units: ${r.inserted} inserted, ${r.updated} updated, ${r.rejected.length} rejected`,
      ),
    );
    for (const x of r.rejected) io.err(`  ✗ ${x.where}: ${x.reason}`);
    return rejectedExit(io, r.rejected.length);
  });
}

async function importProceduresCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { positionals, flags } = parseCommand(
    'import procedures',
    args,
    { 'effective-from': { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
    ['file'],
  );
  const file = positionals[0]!;
  const effectiveFrom = effectiveDate(flags['effective-from']);
  const parsed = parseCatalogue(readJson(file));
  const fileLevel = parsed.rejected.find((x) => x.index < 0);
  if (fileLevel) throw new CliError({ vi: `Tệp ${file} không đúng định dạng danh mục thủ tục: ${fileLevel.reason}`, en: `${file} is not a catalogue file: ${fileLevel.reason}` });
  return withDatabase(env, io, { migrate: true }, async (d) => {
    const r = await saveCatalogue(d.db, parsed, effectiveFrom);
    io.out(bi(`Hiệu lực từ ${effectiveFrom.toISOString()}`, `In force from ${effectiveFrom.toISOString()}`));
    io.out(
      bi(
        `Thủ tục: ${r.created} mới, ${r.newVersions} phiên bản mới, ${r.unchanged} không đổi, ${r.rejected.length} bị từ chối, ${r.warnings.length} cảnh báo`,
        `Procedures: ${r.created} new, ${r.newVersions} new versions, ${r.unchanged} unchanged, ${r.rejected.length} rejected, ${r.warnings.length} warnings`,
      ),
    );
    const shown = flags.verbose ? r.warnings : r.warnings.slice(0, WARNINGS_SHOWN);
    for (const w of shown) io.out(`  ! ${w.code}: ${w.message}`);
    if (shown.length < r.warnings.length) {
      io.out(bi(`  … và ${r.warnings.length - shown.length} cảnh báo khác (--verbose để xem hết)`, `… and ${r.warnings.length - shown.length} more (--verbose lists all)`));
    }
    for (const x of r.rejected) io.err(`  ✗ [${x.index}]${x.code ? ` ${x.code}` : ''}: ${x.reason}`);
    return rejectedExit(io, r.rejected.length);
  });
}

function rejectedExit(io: Io, rejected: number): number {
  if (!rejected) return EXIT.ok;
  io.err(bi(`Đã nhập phần hợp lệ; ${rejected} bản ghi bị từ chối (mã thoát 3).`, `Imported the valid records; ${rejected} rejected (exit code 3).`));
  return EXIT.rejected;
}

/** A new version is in force from the given day (00:00 Vietnam time), or from now. */
function effectiveDate(value: string | boolean | undefined): Date {
  if (typeof value !== 'string') return new Date();
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new UsageError({ vi: `--effective-from phải là ngày YYYY-MM-DD, nhận được "${value}"`, en: `--effective-from must be a date YYYY-MM-DD, got "${value}"` });
  }
  return d;
}
