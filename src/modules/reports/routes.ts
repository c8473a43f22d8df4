// HTTP of the periodic report: the summary (JSON, XLSX, PDF), the dossiers behind each figure (JSON, XLSX) and
// the trend over days, weeks or months.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { badInput } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import { bi } from '../../http/errors.js';
import { sendXlsx, type XlsxColumn } from '../../lib/xlsx.js';
import { periodLine, REPORT_TITLE, renderSummaryPdf, summaryXlsxColumns } from './pdf.js';
import { BREAKDOWNS, CHANNEL_LABELS, METRICS, reportDossiers, reportSummary, reportTrend, type ReportDossier } from './summary.js';

const TAGS = ['reports'];

const Day = (field: string) =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bi(`${field === 'from' ? 'Ngày bắt đầu' : 'Ngày kết thúc'} có dạng YYYY-MM-DD`, `The ${field === 'from' ? 'start' : 'end'} date is YYYY-MM-DD`));
const UnitCode = z.string().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 (tỉnh) hoặc 5 (xã) chữ số', 'A unit code has 2 (province) or 5 (commune) digits'));
const Common = { unit: UnitCode, from: Day('from'), to: Day('to') };

const SummaryQuery = z.object({
  ...Common,
  by: z.enum(BREAKDOWNS).default('none'),
  format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
});

const DossiersQuery = z.object({
  ...Common,
  metric: z.enum(METRICS, bi(`Chỉ tiêu phải là một trong: ${METRICS.join(', ')}`, `The metric must be one of: ${METRICS.join(', ')}`)),
  field: z.string().trim().min(1).max(300).optional(),
  procedure: z.string().trim().min(1).max(40).optional(),
  channel: z.enum(['counter', 'online', 'postal']).optional(),
  official: z.coerce.number().int().min(0).optional(),
  office: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});

const TrendQuery = z.object({ ...Common, interval: z.enum(['day', 'week', 'month']).default('month') });

/** Most rows a JSON page carries; an XLSX download may carry up to 10 000. */
const MAX_JSON_PAGE = 500;

const OUTCOME_LABELS: Record<string, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
  refused: 'Từ chối',
  withdrawn: 'Rút hồ sơ',
};

const DOSSIER_COLUMNS: Array<XlsxColumn<ReportDossier>> = [
  { header: 'Mã hồ sơ', value: (d) => d.code, width: 30 },
  { header: 'Đơn vị', value: (d) => d.unit.name, width: 22 },
  { header: 'Mã TTHC', value: (d) => d.procedure.code, width: 12 },
  { header: 'Tên TTHC', value: (d) => d.procedure.name, width: 40 },
  { header: 'Lĩnh vực', value: (d) => d.field, width: 24 },
  { header: 'Hình thức nộp', value: (d) => CHANNEL_LABELS[d.channel]?.vi ?? d.channel, width: 14 },
  { header: 'Người nộp', value: (d) => d.applicantName, width: 24 },
  { header: 'Ngày tiếp nhận', value: (d) => (d.receivedAt ? new Date(d.receivedAt) : null), format: 'datetime', width: 17 },
  { header: 'Hạn giải quyết', value: (d) => (d.dueAt ? new Date(d.dueAt) : null), format: 'datetime', width: 17 },
  { header: 'Ngày kết thúc', value: (d) => (d.doneAt ? new Date(d.doneAt) : null), format: 'datetime', width: 17 },
  { header: 'Kết quả', value: (d) => (d.outcome ? (OUTCOME_LABELS[d.outcome] ?? d.outcome) : ''), width: 12 },
  { header: 'Cán bộ xử lý', value: (d) => d.official?.name ?? '', width: 22 },
];

export function reportRoutes(app: App, ctx: AppContext): void {
  app.get('/api/reports/summary', {
    schema: {
      tags: TAGS,
      summary: 'Báo cáo tình hình giải quyết hồ sơ theo kỳ (Periodic report for a commune or province: received, resolved, in progress; JSON, XLSX or PDF)',
      querystring: SummaryQuery,
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const q = req.query;
      const report = await reportSummary(ctx, actor, { unit: q.unit, from: q.from, to: q.to, by: q.by });
      const name = `bao-cao-${report.unit.code}-${q.from}-${q.to}`;
      if (q.format === 'xlsx') {
        return sendXlsx(reply, name, [
          {
            sheet: 'Báo cáo',
            title: REPORT_TITLE,
            subtitle: [`Đơn vị: ${report.unit.name}`, periodLine(q.from, q.to)],
            columns: summaryXlsxColumns(report.by),
            rows: report.rows,
            totals: { key: '', label: { vi: 'Tổng cộng', en: 'Total' }, counts: report.total },
          },
        ]);
      }
      if (q.format === 'pdf') {
        const pdf = await renderSummaryPdf(report, ctx.clock.now());
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${name}.pdf"`)
          .header('cache-control', 'no-store')
          .send(Buffer.from(pdf));
      }
      return report;
    },
  });

  app.get('/api/reports/dossiers', {
    schema: {
      tags: TAGS,
      summary: 'Danh sách hồ sơ của một số liệu báo cáo (The dossiers behind one figure of the report, paged; JSON or XLSX)',
      querystring: DossiersQuery,
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const q = req.query;
      const xlsx = q.format === 'xlsx';
      const pageSize = q.pageSize ?? (xlsx ? 10_000 : 50);
      if (!xlsx && pageSize > MAX_JSON_PAGE) {
        throw badInput('pageSize', { vi: `Mỗi trang tối đa ${MAX_JSON_PAGE} hồ sơ.`, en: `A page holds at most ${MAX_JSON_PAGE} dossiers.` });
      }
      const result = await reportDossiers(ctx, actor, {
        unit: q.unit,
        from: q.from,
        to: q.to,
        metric: q.metric,
        field: q.field,
        procedure: q.procedure,
        channel: q.channel,
        official: q.official,
        office: q.office,
        page: q.page,
        pageSize,
      });
      if (xlsx) {
        return sendXlsx(reply, `ho-so-${q.metric}-${q.unit}-${q.from}-${q.to}`, [
          {
            sheet: 'Hồ sơ',
            title: 'Danh sách hồ sơ',
            subtitle: [`Đơn vị: ${(await ctx.units.ready()).byCode(q.unit)?.name ?? q.unit}`, periodLine(q.from, q.to), `Chỉ tiêu: ${q.metric}; ${result.total} hồ sơ`],
            columns: DOSSIER_COLUMNS,
            rows: result.items,
          },
        ]);
      }
      return result;
    },
  });

  app.get('/api/reports/trend', {
    schema: {
      tags: TAGS,
      summary: 'Diễn biến tiếp nhận, giải quyết hồ sơ theo ngày, tuần, tháng (Received and resolved per day, week or month)',
      querystring: TrendQuery,
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      return reportTrend(ctx, actor, { unit: q.unit, from: q.from, to: q.to, interval: q.interval });
    },
  });
}
