// Keeps the procedure catalogue in step with the national portal: fetches the records changed since the last
// sync (the portal's own time is the cursor), reads them with catalogue-record.ts and hands them to the
// catalogue's importer — unchanged records change nothing, a changed time limit, fee or component list becomes
// a new version from the effective date, a new code a new procedure, and every rejection keeps its reason.
import type { AppContext } from '../../../context.js';
import { AppError, domainRule, type Msg } from '../../../errors.js';
import { appendAudit } from '../../audit/chain.js';
import { parseCatalogue, type ParsedCatalogue } from '../../catalogue/importer.js';
import { saveCatalogueIn, type CatalogueImportReport } from '../../catalogue/store.js';
import { fromPortalRecord } from './catalogue-record.js';
import { clientFor, type NationalPortalClient } from './client.js';
import { recordRun, lastRun } from './runs.js';

export interface CatalogueSyncReport extends CatalogueImportReport {
  /** Records the portal sent. */
  fetched: number;
  /** The portal's time of this answer; the next sync asks for what changed since. */
  cursor: string | null;
  /** Whether every record was asked for (first sync, or `full`). */
  full: boolean;
  effectiveFrom: string;
}

export interface CatalogueSyncOptions {
  actorId: number | null;
  actorRole: string | null;
  /** When new versions take effect (default now). */
  effectiveFrom?: Date;
  /** Ask for every record, not only those changed since the last sync. */
  full?: boolean;
  client?: NationalPortalClient;
  signal?: AbortSignal;
}

export function notConfigured(): AppError {
  return domainRule({
    vi: 'Chưa cấu hình kết nối Cổng Dịch vụ công quốc gia (đặt MOTCUA_NATIONAL_PORTAL_URL).',
    en: 'The national portal connection is not configured (set MOTCUA_NATIONAL_PORTAL_URL).',
  });
}

/** The portal's records as the importer's input; rejections keep the index in the portal's list. */
export function readPortalCatalogue(list: unknown[]): ParsedCatalogue {
  const rejected: ParsedCatalogue['rejected'] = [];
  const warnings: ParsedCatalogue['warnings'] = [];
  const kept: Array<{ index: number; record: Record<string, unknown> }> = [];
  list.forEach((raw, index) => {
    const c = fromPortalRecord(raw);
    if (!c.ok) {
      rejected.push({ index, code: c.code, reason: c.message.en, message: c.message });
      return;
    }
    kept.push({ index, record: c.record });
    for (const w of c.warnings) warnings.push({ code: String(c.record.code), message: w });
  });
  const parsed = parseCatalogue(kept.map((k) => k.record));
  return {
    procedures: parsed.procedures,
    rejected: [...rejected, ...parsed.rejected.map((r) => ({ ...r, index: r.index >= 0 ? kept[r.index]!.index : r.index }))].sort((a, b) => a.index - b.index),
    warnings: [...warnings, ...parsed.warnings],
  };
}

export async function syncCatalogue(ctx: AppContext, options: CatalogueSyncOptions): Promise<CatalogueSyncReport> {
  const config = ctx.config.integrations.nationalPortal;
  if (!config) throw notConfigured();
  const client = options.client ?? clientFor(config);
  const startedAt = ctx.clock.now();
  const previous = options.full ? null : await lastRun(ctx.db, 'catalogue', true);
  const since = typeof previous?.report.cursor === 'string' ? previous.report.cursor : null;
  const effectiveFrom = options.effectiveFrom ?? startedAt;
  let answer: Awaited<ReturnType<NationalPortalClient['procedures']>>;
  try {
    answer = await client.procedures(since, options.signal);
  } catch (e) {
    const message = (e as Error).message;
    await recordRun(ctx.db, { kind: 'catalogue', startedAt, finishedAt: ctx.clock.now(), ok: false, report: { since }, error: message, actorId: options.actorId });
    throw unreachable(message);
  }
  const parsed = readPortalCatalogue(answer.DanhSach);
  return ctx.db.transaction().execute(async (tx) => {
    const saved = await saveCatalogueIn(tx, parsed, effectiveFrom, options.actorId);
    const report: CatalogueSyncReport = { ...saved, fetched: answer.DanhSach.length, cursor: answer.ThoiDiem, full: since === null, effectiveFrom: effectiveFrom.toISOString() };
    await appendAudit(tx, {
      chain: 'system',
      at: ctx.clock.now(),
      actorId: options.actorId,
      actorRole: options.actorRole,
      action: 'catalogue.synced_national_portal',
      entity: 'catalogue',
      entityId: 'national',
      details: {
        fetched: report.fetched,
        created: report.created,
        newVersions: report.newVersions,
        unchanged: report.unchanged,
        rejected: report.rejected.map((r) => ({ index: r.index, code: r.code })),
        effectiveFrom: report.effectiveFrom,
      },
    });
    // The log keeps the counts, the rejections and the first warnings; the caller gets all of them.
    const logged = { ...report, since, warnings: report.warnings.slice(0, 50), warningCount: report.warnings.length };
    await recordRun(tx, { kind: 'catalogue', startedAt, finishedAt: ctx.clock.now(), ok: true, report: logged, error: null, actorId: options.actorId });
    return report;
  });
}

export function unreachable(detail: string): AppError {
  const msg: Msg = { vi: `Không lấy được dữ liệu từ Cổng DVCQG: ${detail}`, en: `Could not get data from the national portal: ${detail}` };
  return domainRule(msg);
}
