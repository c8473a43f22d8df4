// Admin routes of the national portal connection: its state (connection, synced dossiers, deliveries waiting
// or refused, the last pull and catalogue sync), pulling submitted dossiers now, and syncing the catalogue.
import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { badInput, forbidden } from '../../../errors.js';
import { requireActor } from '../../../http/auth.js';
import { isoVn } from '../../../http/time.js';
import type { Actor } from '../../people/actor.js';
import { unitsWithRole } from '../../people/actor.js';
import { parseInstant } from '../../catalogue/due-date.js';
import { NationalPortalClient } from './client.js';
import { syncCatalogue } from './catalogue-sync.js';
import { pullSubmissions } from './inbound.js';
import { lastRun, syncedDossierCount, type Run } from './runs.js';
import { SUBSCRIBER_NAME } from './subscriber.js';

const TAGS = ['national-portal'];
const Msg = z.object({ vi: z.string(), en: z.string() });
const RunView = z
  .object({ at: z.string(), finishedAt: z.string(), ok: z.boolean(), error: z.string().nullable(), report: z.record(z.string(), z.unknown()) })
  .nullable();

const Status = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  connection: z.object({ ok: z.boolean(), checkedAt: z.string(), error: z.string().nullable() }).nullable(),
  sync: z.object({ dossiers: z.number().int(), lastSyncedAt: z.string().nullable(), pending: z.number().int(), failed: z.number().int(), lastError: z.string().nullable() }),
  inbound: z.object({ received: z.number().int(), unacknowledged: z.number().int(), lastPull: RunView }),
  catalogue: z.object({ lastSync: RunView }),
});

const PullReport = z.object({
  units: z.number().int(),
  fetched: z.number().int(),
  created: z.array(z.object({ submissionId: z.string(), code: z.string(), unitCode: z.string() })),
  alreadyReceived: z.number().int(),
  acknowledged: z.number().int(),
  failed: z.array(z.object({ submissionId: z.string(), unitCode: z.string(), message: Msg })),
  unreachable: z.array(z.object({ unitCode: z.string(), error: z.string() })),
});

const CatalogueReport = z.object({
  fetched: z.number().int(),
  created: z.number().int(),
  newVersions: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.string().nullable(), reason: z.string(), message: Msg })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  cursor: z.string().nullable(),
  full: z.boolean(),
  effectiveFrom: z.string(),
});

/** The units an admin answers for; null means every unit (a system admin). */
function adminScope(ctx: AppContext, actor: Actor): number[] | null {
  if (actor.grants.some((g) => g.role === 'system_admin')) return null;
  const units = unitsWithRole(actor, ['centre_admin'], ctx.units);
  if (units.length === 0) {
    throw forbidden({ vi: 'Chỉ quản trị hệ thống hoặc quản trị trung tâm được xem kết nối Cổng DVCQG.', en: 'Only a system admin or a centre admin may see the national portal connection.' });
  }
  return units;
}

function runView(r: Run | undefined): z.infer<typeof RunView> {
  return r ? { at: isoVn(r.startedAt), finishedAt: isoVn(r.finishedAt), ok: r.ok, error: r.error, report: r.report } : null;
}

export function nationalPortalRoutes(app: App, ctx: AppContext): void {
  app.get('/api/admin/national-portal/status', {
    schema: {
      tags: TAGS,
      summary: 'Tình trạng kết nối Cổng DVCQG (National portal connection: state and counts)',
      description: 'Quản trị hệ thống (mọi đơn vị) hoặc quản trị trung tâm (đơn vị của mình). / System admin (every unit) or centre admin (own units).',
      querystring: z.object({ check: z.enum(['true', 'false']).default('true') }),
      response: { 200: Status },
    },
    handler: async (req) => {
      await ctx.units.ready();
      const scope = adminScope(ctx, requireActor(req));
      const config = ctx.config.integrations.nationalPortal;
      let connection: z.infer<typeof Status>['connection'] = null;
      if (config && req.query.check === 'true') {
        try {
          await new NationalPortalClient(config).authenticate(AbortSignal.timeout(5000));
          connection = { ok: true, checkedAt: isoVn(ctx.clock.now()), error: null };
        } catch (e) {
          connection = { ok: false, checkedAt: isoVn(ctx.clock.now()), error: (e as Error).message };
        }
      }
      const synced = await syncedDossierCount(ctx.db, scope ? { unitIds: scope } : {});
      const deliveries = await ctx.db
        .selectFrom('deliveries as dl')
        .innerJoin('outbox as o', 'o.id', 'dl.event_id')
        .leftJoin('dossiers as d', 'd.id', 'o.dossier_id')
        .select([
          sql<number>`count(*) filter (where dl.state = 'pending')::int`.as('pending'),
          sql<number>`count(*) filter (where dl.state = 'failed')::int`.as('failed'),
          sql<string | null>`(array_agg(dl.last_error order by dl.id desc) filter (where dl.state = 'failed'))[1]`.as('last_error'),
        ])
        .where('dl.subscriber', '=', SUBSCRIBER_NAME)
        .where('dl.state', '<>', 'delivered')
        .$if(!!scope, (q) => q.where('d.unit_id', 'in', scope!))
        .executeTakeFirstOrThrow();
      const inbound = await ctx.db
        .selectFrom('national_portal_inbound')
        .select([sql<number>`count(*)::int`.as('n'), sql<number>`count(*) filter (where acked_at is null)::int`.as('unacked')])
        .$if(!!scope, (q) => q.where('unit_id', 'in', scope!))
        .executeTakeFirstOrThrow();
      return {
        configured: !!config,
        url: config?.url ?? null,
        connection,
        sync: { dossiers: synced.synced, lastSyncedAt: isoVn(synced.lastSyncedAt), pending: deliveries.pending, failed: deliveries.failed, lastError: deliveries.last_error },
        inbound: { received: inbound.n, unacknowledged: inbound.unacked, lastPull: runView(await lastRun(ctx.db, 'pull')) },
        catalogue: { lastSync: runView(await lastRun(ctx.db, 'catalogue')) },
      };
    },
  });

  app.post('/api/admin/national-portal/pull', {
    schema: {
      tags: TAGS,
      summary: 'Lấy hồ sơ nộp trên Cổng DVCQG (Pull the dossiers submitted on the national portal now)',
      description:
        'Tạo hồ sơ trực tuyến cho mỗi hồ sơ công dân nộp trên Cổng, một lần, rồi báo mã hồ sơ cho Cổng. Quản trị trung tâm: chỉ đơn vị của mình. / ' +
        'Creates an online dossier for each submission, once, then acknowledges it with the dossier code. A centre admin pulls for their own units.',
      body: z.object({}).strict().optional(),
      response: { 200: PullReport },
    },
    handler: async (req) => {
      await ctx.units.ready();
      const actor = requireActor(req);
      const scope = adminScope(ctx, actor);
      return pullSubmissions(ctx, { ...(scope ? { unitIds: scope } : {}), actorId: actor.accountId });
    },
  });

  app.post('/api/admin/national-portal/catalogue-sync', {
    schema: {
      tags: TAGS,
      summary: 'Đồng bộ danh mục thủ tục từ Cổng DVCQG (Sync the procedure catalogue from the national portal)',
      description:
        'Quản trị hệ thống. Thủ tục không đổi: không làm gì; thay đổi thời hạn, phí, thành phần: phiên bản mới từ ngày hiệu lực; mã mới: thêm thủ tục. / ' +
        'System admin. Unchanged: nothing; a changed time limit, fee or component list: a new version from the effective date; a new code: a new procedure.',
      body: z.object({ effectiveFrom: z.string().max(64).optional(), full: z.boolean().default(false) }).strict().default({ full: false }),
      response: { 200: CatalogueReport },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const grant = actor.grants.find((g) => g.role === 'system_admin');
      if (!grant) {
        throw forbidden({ vi: 'Danh mục thủ tục là danh mục quốc gia: chỉ quản trị hệ thống được đồng bộ.', en: 'The procedure catalogue is national: only a system admin may sync it.' });
      }
      const body = req.body ?? { full: false };
      let effectiveFrom: Date | undefined;
      if (body.effectiveFrom !== undefined) {
        effectiveFrom = parseInstant(body.effectiveFrom) ?? undefined;
        if (!effectiveFrom) throw badInput('body.effectiveFrom', { vi: 'Ngày hiệu lực không hợp lệ (ISO 8601).', en: 'Invalid effective date (ISO 8601).' });
      }
      return syncCatalogue(ctx, { actorId: actor.accountId, actorRole: grant.role, full: body.full, ...(effectiveFrom ? { effectiveFrom } : {}) });
    },
  });
}
