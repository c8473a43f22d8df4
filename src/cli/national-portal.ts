// `motcua national-portal pull | sync-catalogue [--full] [--effective-from YYYY-MM-DD]`: takes in the dossiers
// citizens submitted on the national portal (Cổng DVCQG), or syncs the procedure catalogue from it, once — e.g.
// from cron, or when the server is stopped. Needs MOTCUA_NATIONAL_PORTAL_URL. Exit 3 when records were refused.
import { configFromEnv } from '../config.js';
import { contextFor } from '../context-factory.js';
import { AppError } from '../errors.js';
import { syncCatalogue } from '../modules/integrations/national-portal/catalogue-sync.js';
import { pullSubmissions } from '../modules/integrations/national-portal/inbound.js';
import { parseCommand } from './args.js';
import { withDatabase } from './database.js';
import { CliError, EXIT, UsageError, bi, biMsg, type Io } from './io.js';

const USAGE = {
  vi: 'Cách dùng: motcua national-portal pull | sync-catalogue [--full] [--effective-from YYYY-MM-DD]',
  en: 'Usage: motcua national-portal pull | sync-catalogue [--full] [--effective-from YYYY-MM-DD]',
};

export async function nationalPortalCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'pull' && sub !== 'sync-catalogue') throw new UsageError(USAGE);
  const { flags } = parseCommand(
    `national-portal ${sub}`,
    rest,
    sub === 'sync-catalogue' ? { full: { type: 'boolean' }, 'effective-from': { type: 'string' } } : {},
    [],
  );
  const config = configFromEnv(env);
  if (!config.integrations.nationalPortal) {
    throw new CliError({ vi: 'Chưa cấu hình Cổng DVCQG: đặt MOTCUA_NATIONAL_PORTAL_URL.', en: 'The national portal is not configured: set MOTCUA_NATIONAL_PORTAL_URL.' });
  }
  const effectiveFrom = effectiveDate(flags['effective-from']);
  return withDatabase(env, io, { mustExist: true, migrate: true }, async (d) => {
    const ctx = contextFor(d, config);
    io.out(`${bi('Cổng DVCQG', 'National portal')}: ${config.integrations.nationalPortal!.url}`);
    try {
      return sub === 'pull' ? await pull(ctx, io) : await catalogue(ctx, io, !!flags.full, effectiveFrom);
    } catch (e) {
      if (e instanceof AppError) throw new CliError(e.msg);
      throw e;
    }
  });
}

async function pull(ctx: Parameters<typeof pullSubmissions>[0], io: Io): Promise<number> {
  const r = await pullSubmissions(ctx);
  io.out(
    bi(
      `${r.units} đơn vị: ${r.fetched} hồ sơ chờ trên Cổng, ${r.created.length} hồ sơ mới, ${r.alreadyReceived} đã có từ trước, ${r.acknowledged} đã báo mã cho Cổng, ${r.failed.length} không nhận được`,
      `${r.units} units: ${r.fetched} waiting on the portal, ${r.created.length} new dossiers, ${r.alreadyReceived} already received, ${r.acknowledged} acknowledged, ${r.failed.length} not taken in`,
    ),
  );
  for (const x of r.created) io.out(`  + ${x.unitCode} ${x.code} (${x.submissionId})`);
  for (const x of r.unreachable) io.err(`  ! ${x.unitCode}: ${x.error}`);
  for (const x of r.failed) io.err(`  ✗ ${x.unitCode} ${x.submissionId}: ${biMsg(x.message)}`);
  return r.failed.length ? EXIT.rejected : EXIT.ok;
}

async function catalogue(ctx: Parameters<typeof syncCatalogue>[0], io: Io, full: boolean, effectiveFrom: Date | undefined): Promise<number> {
  const r = await syncCatalogue(ctx, { actorId: null, actorRole: 'cli', full, ...(effectiveFrom ? { effectiveFrom } : {}) });
  io.out(bi(`Hiệu lực từ ${r.effectiveFrom}`, `In force from ${r.effectiveFrom}`));
  io.out(
    bi(
      `Thủ tục: ${r.fetched} nhận từ Cổng, ${r.created} mới, ${r.newVersions} phiên bản mới, ${r.unchanged} không đổi, ${r.rejected.length} bị từ chối, ${r.warnings.length} cảnh báo`,
      `Procedures: ${r.fetched} from the portal, ${r.created} new, ${r.newVersions} new versions, ${r.unchanged} unchanged, ${r.rejected.length} rejected, ${r.warnings.length} warnings`,
    ),
  );
  for (const w of r.warnings.slice(0, 10)) io.out(`  ! ${w.code}: ${w.message}`);
  for (const x of r.rejected) io.err(`  ✗ [${x.index}]${x.code ? ` ${x.code}` : ''}: ${biMsg(x.message)}`);
  return r.rejected.length ? EXIT.rejected : EXIT.ok;
}

function effectiveDate(value: string | boolean | undefined): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    throw new UsageError({ vi: `--effective-from phải là ngày YYYY-MM-DD, nhận được "${value}"`, en: `--effective-from must be a date YYYY-MM-DD, got "${value}"` });
  }
  return d;
}
