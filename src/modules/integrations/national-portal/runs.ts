// The log of pulls and catalogue syncs (national_portal_runs) and the counts the admin page and the
// Decision 766 report read (national_portal_sync).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface Run {
  kind: 'pull' | 'catalogue';
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  report: Record<string, unknown>;
  error: string | null;
  actorId: number | null;
}

/**
 * Adds a run to the log. A quiet run (`quiet`: nothing found, nothing failed) after a quiet run updates that row
 * instead: the background pull runs every minute, and the log keeps what happened rather than a row per minute.
 */
export async function recordRun(db: Db, run: Run, quiet = false): Promise<void> {
  if (quiet && run.ok) {
    const last = await db.selectFrom('national_portal_runs').select(['id', 'ok', 'report']).where('kind', '=', run.kind).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const lastReport = (typeof last?.report === 'string' ? JSON.parse(last.report) : last?.report) as { quiet?: boolean } | undefined;
    if (last?.ok && lastReport?.quiet) {
      await db
        .updateTable('national_portal_runs')
        .set({ started_at: run.startedAt, finished_at: run.finishedAt, actor_id: run.actorId, report: JSON.stringify({ ...run.report, quiet: true }) })
        .where('id', '=', last.id)
        .execute();
      return;
    }
  }
  await db
    .insertInto('national_portal_runs')
    .values({
      kind: run.kind,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      ok: run.ok,
      report: JSON.stringify(quiet ? { ...run.report, quiet: true } : run.report),
      error: run.error,
      actor_id: run.actorId,
    })
    .execute();
}

export async function lastRun(db: Db, kind: Run['kind'], okOnly = false): Promise<Run | undefined> {
  const row = await db
    .selectFrom('national_portal_runs')
    .selectAll()
    .where('kind', '=', kind)
    .$if(okOnly, (q) => q.where('ok', '=', true))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const report = (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as Record<string, unknown>;
  return { kind: row.kind, startedAt: new Date(row.started_at), finishedAt: new Date(row.finished_at), ok: row.ok, report, error: row.error, actorId: row.actor_id };
}

/**
 * Dossiers the portal has (Decision 766 DOSSIER_SYNC counts them), optionally only those received by `unitIds`
 * and first synced in [from, to).
 */
export async function syncedDossierCount(db: Db, filter: { unitIds?: number[]; from?: Date; to?: Date } = {}): Promise<{ synced: number; lastSyncedAt: Date | null }> {
  if (filter.unitIds && filter.unitIds.length === 0) return { synced: 0, lastSyncedAt: null };
  const row = await db
    .selectFrom('national_portal_sync as s')
    .innerJoin('dossiers as d', 'd.id', 's.dossier_id')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | null>`max(s.last_synced_at)`.as('last')])
    .$if(!!filter.unitIds, (q) => q.where('d.unit_id', 'in', filter.unitIds!))
    .$if(!!filter.from, (q) => q.where('s.first_synced_at', '>=', filter.from!))
    .$if(!!filter.to, (q) => q.where('s.first_synced_at', '<', filter.to!))
    .executeTakeFirstOrThrow();
  return { synced: row.n, lastSyncedAt: row.last ? new Date(row.last) : null };
}
