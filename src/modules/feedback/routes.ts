// HTTP of feedback (PAKN): the public submission, status look-up and rating; the officials' list, intake,
// assignment, answer and report. Public writes are rate-limited per client address.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { bi } from '../../http/errors.js';
import { sendXlsx } from '../../lib/xlsx.js';
import { LocalDay, UnitCode } from '../satisfaction/scope.js';
import { CHANNEL_NAMES, KIND_NAMES, STATUS_NAMES, type Kind } from './domain.js';
import {
  Answer,
  answerFeedback,
  Assign,
  assignFeedback,
  CounterSubmission,
  feedbackReport,
  getFeedback,
  LIST_STATUSES,
  listFeedback,
  publicStatus,
  PublicRating,
  PublicSubmission,
  ratePublic,
  submitAtCounter,
  submitPublic,
  type FeedbackItem,
  type KindCounts,
} from './service.js';

const limited = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const Code = z.object({ code: z.string().trim().min(6).max(40) });
const Id = z.object({ id: z.coerce.number().int().positive(bi('Mã số phản ánh là số nguyên dương', 'The feedback id is a positive integer')) });
const TAGS = ['feedback'];

const ListQuery = z.object({
  unit: UnitCode,
  status: z.enum(LIST_STATUSES, bi('Trạng thái: open, overdue, answered hoặc all', 'The status is open, overdue, answered or all')).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(10_000).optional(),
  format: z.enum(['json', 'xlsx']).default('json'),
});
const ReportQuery = z.object({ unit: UnitCode, from: LocalDay, to: LocalDay, format: z.enum(['json', 'xlsx']).default('json') });

const dt = (s: string | null) => (s ? new Date(s) : null);

export function feedbackRoutes(app: App, ctx: AppContext): void {
  app.post('/api/public/feedback', {
    config: limited(10),
    schema: {
      tags: ['public'],
      summary: 'Gửi phản ánh, kiến nghị (Send a complaint or suggestion about a procedure or the service)',
      description: 'Answered within 10 working days of the unit. Give a phone number to look the answer up and rate it.',
      body: PublicSubmission,
      response: { 201: z.object({ code: z.string(), dueAt: z.string() }) },
    },
    handler: async (req, reply) => reply.status(201).send(await submitPublic(ctx, req.body)),
  });

  app.get('/api/public/feedback/:code', {
    config: limited(20),
    schema: {
      tags: ['public'],
      summary: 'Tra cứu phản ánh, kiến nghị (Look up feedback and its answer: the sender\'s phone is required)',
      params: Code,
      querystring: z.object({ phone: z.string().trim().max(20).optional() }),
    },
    handler: async (req) => publicStatus(ctx, req.params.code, req.query.phone),
  });

  app.post('/api/public/feedback/:code/rating', {
    config: limited(10),
    schema: { tags: ['public'], summary: 'Đánh giá câu trả lời (Rate the answer, once)', params: Code, body: PublicRating },
    handler: async (req, reply) => reply.status(201).send(await ratePublic(ctx, req.params.code, req.body)),
  });

  app.get('/api/feedback', {
    schema: { tags: TAGS, summary: 'Danh sách phản ánh, kiến nghị của đơn vị (The unit\'s feedback; JSON or XLSX)', querystring: ListQuery },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const q = req.query;
      const pageSize = q.pageSize ?? (q.format === 'xlsx' ? 10_000 : 50);
      const r = await listFeedback(ctx, actor, { unit: q.unit, status: q.status, page: q.page, pageSize: q.format === 'xlsx' ? pageSize : Math.min(pageSize, 500) });
      if (q.format !== 'xlsx') return r;
      return sendXlsx(reply, `phan-anh-${q.unit}-${q.status}`, [
        {
          sheet: 'Phản ánh, kiến nghị',
          title: 'Danh sách phản ánh, kiến nghị',
          subtitle: [`Đơn vị: ${ctx.units.byCode(q.unit)?.name ?? q.unit}`, `Trạng thái: ${q.status}; ${r.total} phản ánh, kiến nghị`],
          columns: [
            { header: 'Mã', value: (i: FeedbackItem) => i.code, width: 24 },
            { header: 'Loại', value: (i: FeedbackItem) => KIND_NAMES[i.kind].vi, width: 12 },
            { header: 'Kênh', value: (i: FeedbackItem) => CHANNEL_NAMES[i.channel]?.vi ?? i.channel, width: 14 },
            { header: 'Tiêu đề', value: 'subject', width: 40 },
            { header: 'Người gửi', value: 'senderName', width: 24 },
            { header: 'Điện thoại', value: 'senderPhone', width: 14 },
            { header: 'Hồ sơ liên quan', value: 'dossierCode', width: 28 },
            { header: 'Ngày nhận', value: (i: FeedbackItem) => dt(i.receivedAt), format: 'datetime', width: 17 },
            { header: 'Hạn trả lời', value: (i: FeedbackItem) => dt(i.dueAt), format: 'datetime', width: 17 },
            { header: 'Trạng thái', value: (i: FeedbackItem) => STATUS_NAMES[i.status].vi, width: 16 },
            { header: 'Cán bộ xử lý', value: (i: FeedbackItem) => i.assignee?.name ?? '', width: 22 },
            { header: 'Ngày trả lời', value: (i: FeedbackItem) => dt(i.answeredAt), format: 'datetime', width: 17 },
            { header: 'Đúng hạn', value: (i: FeedbackItem) => (i.onTime === null ? '' : i.onTime ? 'Đúng hạn' : 'Quá hạn'), width: 10 },
            { header: 'Hài lòng', value: (i: FeedbackItem) => (i.satisfied === null ? '' : i.satisfied ? 'Hài lòng' : 'Không hài lòng'), width: 14 },
          ],
          rows: r.items,
        },
      ]);
    },
  });

  app.post('/api/feedback', {
    schema: { tags: TAGS, summary: 'Tiếp nhận phản ánh, kiến nghị tại quầy, qua điện thoại hoặc thư (Take feedback at the counter, by phone or mail)', body: CounterSubmission },
    handler: async (req, reply) => reply.status(201).send(await submitAtCounter(ctx, requireActor(req), req.body)),
  });

  app.get('/api/feedback/report', {
    schema: { tags: TAGS, summary: 'Báo cáo tiếp nhận, trả lời phản ánh, kiến nghị (Feedback received, answered on time or late, open, rated; JSON or XLSX)', querystring: ReportQuery },
    handler: async (req, reply) => {
      const q = req.query;
      const r = await feedbackReport(ctx, requireActor(req), q);
      if (q.format !== 'xlsx') return r;
      type Line = KindCounts & { label: string; onTimeRate: number | null };
      const line = (label: string, c: KindCounts): Line => ({ ...c, label, onTimeRate: c.answered ? c.answeredOnTime / c.answered : null });
      return sendXlsx(reply, `bao-cao-phan-anh-${r.unit.code}-${r.from}-${r.to}`, [
        {
          sheet: 'Phản ánh, kiến nghị',
          title: 'Báo cáo tiếp nhận, xử lý phản ánh, kiến nghị',
          subtitle: [
            `Đơn vị: ${r.unit.name}`,
            `Kỳ: ${r.from} – ${r.to}`,
            `Đánh giá câu trả lời: ${r.rated}; hài lòng: ${r.satisfied}`,
          ],
          columns: [
            { header: 'Loại', value: 'label', width: 18 },
            { header: 'Tiếp nhận', value: 'received', format: 'integer' },
            { header: 'Đã trả lời', value: 'answered', format: 'integer' },
            { header: 'Trả lời đúng hạn', value: 'answeredOnTime', format: 'integer' },
            { header: 'Trả lời quá hạn', value: 'answeredLate', format: 'integer' },
            { header: 'Chưa trả lời, trong hạn', value: 'openWithinTime', format: 'integer' },
            { header: 'Chưa trả lời, quá hạn', value: 'openOverdue', format: 'integer' },
            { header: 'Tỷ lệ đúng hạn', value: 'onTimeRate', format: 'percent' },
          ],
          rows: (['complaint', 'suggestion'] as Kind[]).map((k) => line(KIND_NAMES[k].vi, r.byKind[k])),
          totals: line('Tổng cộng', r),
        },
      ]);
    },
  });

  app.get('/api/feedback/:id', {
    schema: { tags: TAGS, summary: 'Chi tiết phản ánh, kiến nghị (One feedback with its answer and the actions allowed)', params: Id },
    handler: async (req) => getFeedback(ctx, requireActor(req), req.params.id),
  });

  app.post('/api/feedback/:id/assign', {
    schema: { tags: TAGS, summary: 'Phân công cán bộ xử lý (Assign to an official of the unit)', params: Id, body: Assign },
    handler: async (req) => assignFeedback(ctx, requireActor(req), req.params.id, req.body),
  });

  app.post('/api/feedback/:id/answer', {
    schema: { tags: TAGS, summary: 'Trả lời phản ánh, kiến nghị (Answer; once)', params: Id, body: Answer },
    handler: async (req) => answerFeedback(ctx, requireActor(req), req.params.id, req.body),
  });
}
