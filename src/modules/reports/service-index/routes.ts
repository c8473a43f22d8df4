// Routes of the Decision 766 service index: public like the national portal's, the same for signed-in officials,
// and the ranking of a province's communes (JSON or XLSX) for those who steer the province.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { App, AppContext } from '../../../context.js';
import { forbidden } from '../../../errors.js';
import { requireActor } from '../../../http/auth.js';
import { bi } from '../../../http/errors.js';
import { sendXlsx, type XlsxColumn } from '../../../lib/xlsx.js';
import { isLocalDate } from '../../calendar/time.js';
import { findGrant, type Actor } from '../../people/actor.js';
import { DOSSIER_READERS } from '../../people/roles.js';
import type { UnitDirectory, UnitInfo } from '../../units/directory.js';
import { lastDayWithin3Years } from '../period.js';
import { GROUPS } from './domain.js';
import { serviceIndex, serviceIndexRanking, unitByCode, type RankingRow } from './service.js';

const UnitCode = z
  .string()
  .trim()
  .regex(/^\d{2,5}$/, bi('Mã đơn vị hành chính gồm 2 (tỉnh) hoặc 5 (xã) chữ số, ví dụ 20122', 'A unit code has 2 (province) or 5 (commune) digits, e.g. 20122'));

const LocalDate = (name: { vi: string; en: string }) =>
  z
    .string()
    .trim()
    .refine(
      (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isLocalDate(s),
      bi(`${name.vi} phải là ngày hợp lệ dạng YYYY-MM-DD`, `${name.en} must be a valid date as YYYY-MM-DD`),
    );


const period = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, from: LocalDate({ vi: 'Từ ngày', en: 'From' }), to: LocalDate({ vi: 'Đến ngày', en: 'To' }) })
    .superRefine((q, ctx) => {
      const { from, to } = q as { from: string; to: string };
      if (!isLocalDate(from) || !isLocalDate(to)) return;
      if (from > to) ctx.addIssue({ code: 'custom', path: ['to'], ...bi('"Đến ngày" phải sau hoặc bằng "Từ ngày"', '"to" must be on or after "from"') });
      else if (to > lastDayWithin3Years(from))
        ctx.addIssue({ code: 'custom', path: ['to'], ...bi('Kỳ báo cáo dài tối đa 3 năm', 'The period is at most 3 years long') });
    });

const IndexQuery = period({ unit: UnitCode });
const RankingQuery = period({ province: UnitCode, format: z.enum(['json', 'xlsx']).default('json') });

const Bilingual = z.object({ vi: z.string(), en: z.string() });
const GroupKeyName = z.enum(['publicity', 'progress', 'online_services', 'online_payment', 'satisfaction', 'digitisation']);

const IndexBody = z.object({
  unit: z.object({ code: z.string(), name: z.string(), kind: z.string() }),
  from: z.string(),
  to: z.string(),
  total: z.number(),
  max: z.literal(100),
  groups: z.array(
    z.object({
      key: GroupKeyName,
      name: Bilingual,
      max: z.number(),
      score: z.number(),
      metrics: z.array(
        z.object({
          key: z.string(),
          name: Bilingual,
          max: z.number(),
          score: z.number(),
          formula: Bilingual,
          inputs: z.record(z.string(), z.number()),
          rate: z.number().nullable(),
          drill: z.object({ metric: z.string(), params: z.record(z.string(), z.string()) }).optional(),
        }),
      ),
    }),
  ),
});

const RankingBodySchema = z.object({
  province: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      rank: z.number().int(),
      unit: z.object({ code: z.string(), name: z.string() }),
      total: z.number(),
      groups: z.record(z.string(), z.number()),
      received: z.number().int(),
      onTimeRate: z.number().nullable(),
    }),
  ),
});

const DESCRIPTION =
  'Chỉ số phục vụ người dân, doanh nghiệp theo Quyết định 766/QĐ-TTg: tổng điểm, từng nhóm với điểm tối đa, từng chỉ tiêu với công thức và số liệu đầu vào. ' +
  'Mã tỉnh (2 chữ số) tính trên tổng số liệu các xã. / The Decision 766 service index: total, each group with its maximum, each metric with its formula and inputs; a province code sums its communes.';

/** Province viewers and system admins of the province, and the leaders of its communes. */
function canSeeProvince(actor: Actor, province: UnitInfo, units: UnitDirectory): boolean {
  return actor.grants.some(
    (g) =>
      g.role === 'system_admin' ||
      (g.role === 'province_viewer' && units.covers(g.unitId, province.id)) ||
      (g.role === 'unit_leader' && units.provinceOf(g.unitId)?.id === province.id),
  );
}

function canSeeIndex(actor: Actor, unit: UnitInfo, units: UnitDirectory): boolean {
  return unit.kind === 'province' ? canSeeProvince(actor, unit, units) : !!findGrant(actor, DOSSIER_READERS, unit.id, units);
}

const noAccess = (unit: UnitInfo) =>
  forbidden({
    vi: `Bạn không có quyền xem chỉ số của ${unit.name}.`,
    en: `You may not see the index of ${unit.name}.`,
  });

async function sendRankingXlsx(reply: FastifyReply, body: Awaited<ReturnType<typeof serviceIndexRanking>>) {
  const columns: Array<XlsxColumn<RankingRow>> = [
    { header: 'Hạng / Rank', value: 'rank', format: 'integer', width: 10 },
    { header: 'Mã đơn vị / Unit code', value: (r) => r.unit.code, width: 12 },
    { header: 'Đơn vị / Unit', value: (r) => r.unit.name, width: 28 },
    { header: 'Tổng điểm / Total (100)', value: 'total', format: 'decimal', width: 14 },
    ...GROUPS.map(
      (g): XlsxColumn<RankingRow> => ({ header: `${g.name.vi} / ${g.name.en} (${g.max})`, value: (r) => r.groups[g.key], format: 'decimal', width: 18 }),
    ),
    { header: 'Hồ sơ tiếp nhận / Received', value: 'received', format: 'integer', width: 14 },
    { header: 'Tỷ lệ đúng hạn / On-time rate', value: (r) => r.onTimeRate, format: 'percent', width: 14 },
  ];
  return sendXlsx(reply, `xep-hang-chi-so-766-${body.province.code}-${body.from}-${body.to}`, [
    {
      sheet: 'Xếp hạng',
      title: `Xếp hạng Chỉ số 766 các xã — ${body.province.name} / Decision 766 index ranking`,
      subtitle: [`Kỳ / Period: ${body.from} – ${body.to}`],
      columns,
      rows: body.rows,
    },
  ]);
}

export function serviceIndexRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/service-index', {
    schema: { tags: ['public', 'reports'], summary: 'Chỉ số 766 (Decision 766 service index)', description: DESCRIPTION, querystring: IndexQuery, response: { 200: IndexBody } },
    handler: async (req) => {
      const { unit, from, to } = req.query;
      return serviceIndex(ctx.db, ctx.units, unit, from, to);
    },
  });

  app.get('/api/service-index', {
    schema: { tags: ['reports'], summary: 'Chỉ số 766 cho cán bộ (Decision 766 service index, officials)', description: DESCRIPTION, querystring: IndexQuery, response: { 200: IndexBody } },
    handler: async (req) => {
      const actor = requireActor(req);
      const { unit, from, to } = req.query;
      const u = await unitByCode(ctx.units, unit);
      if (!canSeeIndex(actor, u, ctx.units)) throw noAccess(u);
      return serviceIndex(ctx.db, ctx.units, unit, from, to);
    },
  });

  app.get('/api/service-index/ranking', {
    schema: {
      tags: ['reports'],
      summary: 'Xếp hạng Chỉ số 766 các xã của tỉnh (Ranking of a province\'s communes)',
      description: 'Mọi xã của tỉnh, theo tổng điểm giảm dần; bằng điểm thì cùng hạng. format=xlsx tải cùng bảng. / Every commune, by total; ties share a rank.',
      querystring: RankingQuery,
      response: { 200: RankingBodySchema },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const { province, from, to, format } = req.query;
      const p = await unitByCode(ctx.units, province);
      if (p.kind === 'province' && !canSeeProvince(actor, p, ctx.units)) throw noAccess(p);
      const body = await serviceIndexRanking(ctx.db, ctx.units, province, from, to);
      if (format === 'xlsx') return sendRankingXlsx(reply, body);
      return body;
    },
  });
}
