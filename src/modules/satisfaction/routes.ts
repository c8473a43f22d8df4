// GET /api/satisfaction: the satisfaction rate, the answers per criterion, and officials or fields ranked fairly.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { bi } from '../../http/errors.js';
import { sendXlsx } from '../../lib/xlsx.js';
import { NOT_ENOUGH_RATINGS } from './domain.js';
import { LocalDay, UnitCode } from './scope.js';
import { satisfactionReport, type RankingRow } from './service.js';
import type { CriterionSummary } from './domain.js';

const Query = z.object({
  unit: UnitCode,
  from: LocalDay,
  to: LocalDay,
  by: z.enum(['official', 'field'], bi('Xếp hạng theo official (cán bộ) hoặc field (lĩnh vực)', 'Rank by official or field')).default('official'),
  minRatings: z.coerce.number().int().min(1).max(10_000).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});

export function satisfactionRoutes(app: App, ctx: AppContext): void {
  app.get('/api/satisfaction', {
    schema: {
      tags: ['reports'],
      summary: 'Mức độ hài lòng (Satisfaction: rate, answers per criterion, officials or fields ranked by the Wilson lower bound; JSON or XLSX)',
      querystring: Query,
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const q = req.query;
      const r = await satisfactionReport(ctx, actor, q);
      if (q.format !== 'xlsx') return r;
      const subtitle = [`Đơn vị: ${r.unit.name}`, `Kỳ: ${r.from} – ${r.to}`, `Đã đánh giá: ${r.rated}; hài lòng: ${r.satisfied}`];
      return sendXlsx(reply, `hai-long-${r.unit.code}-${r.from}-${r.to}`, [
        {
          sheet: 'Xếp hạng',
          title: `Mức độ hài lòng theo ${r.by === 'official' ? 'cán bộ' : 'lĩnh vực'} (tối thiểu ${r.minRatings} đánh giá, độ tin cậy 95%)`,
          subtitle,
          columns: [
            { header: 'Hạng', value: (x: RankingRow) => x.rank ?? NOT_ENOUGH_RATINGS.vi, width: 18 },
            { header: r.by === 'official' ? 'Cán bộ' : 'Lĩnh vực', value: (x: RankingRow) => x.label.vi, width: 36 },
            { header: 'Số đánh giá', value: 'rated', format: 'integer' },
            { header: 'Hài lòng', value: 'satisfied', format: 'integer' },
            { header: 'Tỷ lệ hài lòng', value: 'rate', format: 'percent' },
            { header: 'Cận dưới Wilson 95%', value: 'lowerBound', format: 'percent' },
          ],
          rows: r.ranking,
        },
        {
          sheet: 'Tiêu chí',
          title: 'Kết quả đánh giá theo tiêu chí',
          subtitle,
          columns: [
            { header: 'Tiêu chí', value: (c: CriterionSummary) => c.name.vi, width: 44 },
            { header: 'Phiên bản thang đo', value: 'scaleVersion', width: 20 },
            { header: 'Rất hài lòng', value: (c: CriterionSummary) => c.counts.very_satisfied ?? null, format: 'integer' },
            { header: 'Hài lòng', value: (c: CriterionSummary) => c.counts.satisfied ?? null, format: 'integer' },
            { header: 'Không hài lòng', value: (c: CriterionSummary) => c.counts.unsatisfied ?? null, format: 'integer' },
            { header: 'Tỷ lệ hài lòng', value: 'satisfiedRate', format: 'percent' },
          ],
          rows: r.criteria,
        },
      ]);
    },
  });
}
