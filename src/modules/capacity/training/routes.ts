// HTTP of the capacity module's training part (issue 6): programmes, classes with enrolment, attendance, scores
// and closing with certificates, the yearly plan drafted from the gaps, the training report and a class's impact.
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { requireActor } from '../../../http/auth.js';
import { bi } from '../../../http/errors.js';
import { sendXlsx } from '../../../lib/xlsx.js';
import { Attendance, classDetail, createClass, Day, enrol, Enrol, listClasses, markAttendance, NewClass, readableClass, recordScores, Scores, withdraw } from './classes.js';
import { closeClass } from './close.js';
import { CONTENT_GROUP_NAMES, type ContentGroupName } from './domain.js';
import { addItem, approvePlan, changeItem, draftPlan, getPlan, ItemChange, NewItem, NewPlan, Year, type PlanItem } from './plans.js';
import { createProgramme, listProgrammes, NewProgramme, UnitCode } from './programmes.js';
import { classImpact, trainingReport } from './report.js';

const TAGS = ['capacity'];
const Id = z.object({ id: z.coerce.number().int().positive(bi('Mã số là số nguyên dương', 'The id is a positive integer')) });
const Format = z.enum(['json', 'xlsx']).default('json');
const levelText = (n: number | null) => (n === null ? '' : String(n));

export function trainingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/capacity/programmes', {
    schema: { tags: TAGS, summary: 'Chương trình đào tạo, bồi dưỡng (Training programmes: national and the unit\'s own, with the competencies they raise)', querystring: z.object({ unit: UnitCode }) },
    handler: async (req) => listProgrammes(ctx, requireActor(req), req.query.unit),
  });

  app.post('/api/capacity/programmes', {
    schema: { tags: TAGS, summary: 'Thêm chương trình đào tạo của đơn vị (Add a unit\'s training programme)', body: NewProgramme },
    handler: async (req, reply) => reply.status(201).send(await createProgramme(ctx, requireActor(req), req.body)),
  });

  app.get('/api/capacity/classes', {
    schema: {
      tags: TAGS,
      summary: 'Lớp đào tạo, bồi dưỡng của đơn vị (The unit\'s classes, of a year if given)',
      querystring: z.object({ unit: UnitCode, year: Year.optional() }),
    },
    handler: async (req) => listClasses(ctx, requireActor(req), req.query.unit, req.query.year),
  });

  app.post('/api/capacity/classes', {
    schema: { tags: TAGS, summary: 'Mở lớp đào tạo (Open a class: a run of a programme with its sessions and tests)', body: NewClass },
    handler: async (req, reply) => reply.status(201).send(await createClass(ctx, requireActor(req), req.body)),
  });

  app.get('/api/capacity/classes/:id', {
    schema: { tags: TAGS, summary: 'Chi tiết lớp: buổi học, bài kiểm tra, học viên, điểm danh, điểm (A class with its learners, attendance and scores)', params: Id },
    handler: async (req) => {
      await readableClass(ctx, requireActor(req), req.params.id);
      return classDetail(ctx, ctx.db, req.params.id);
    },
  });

  app.post('/api/capacity/classes/:id/enrolments', {
    schema: { tags: TAGS, summary: 'Ghi danh cán bộ vào lớp (Enrol officials of the unit)', params: Id, body: Enrol },
    handler: async (req) => enrol(ctx, requireActor(req), req.params.id, req.body),
  });

  app.delete('/api/capacity/classes/:id/enrolments/:accountId', {
    schema: {
      tags: TAGS,
      summary: 'Rút tên học viên khỏi lớp (Withdraw a learner; kept as withdrawn)',
      params: z.object({ id: z.coerce.number().int().positive(), accountId: z.coerce.number().int().positive() }),
    },
    handler: async (req) => withdraw(ctx, requireActor(req), req.params.id, req.params.accountId),
  });

  app.put('/api/capacity/classes/:id/attendance', {
    schema: { tags: TAGS, summary: 'Điểm danh một buổi học (Take attendance for one session)', params: Id, body: Attendance },
    handler: async (req) => markAttendance(ctx, requireActor(req), req.params.id, req.body),
  });

  app.put('/api/capacity/classes/:id/scores', {
    schema: { tags: TAGS, summary: 'Nhập điểm bài kiểm tra, thang 10, bước 0,25 (Record a test\'s scores out of 10)', params: Id, body: Scores },
    handler: async (req) => recordScores(ctx, requireActor(req), req.params.id, req.body),
  });

  app.post('/api/capacity/classes/:id/close', {
    schema: {
      tags: TAGS,
      summary: 'Kết thúc lớp, cấp chứng chỉ (Close a class: certificates for full attendance and every test ≥ 5/10; the others get the reason)',
      params: Id,
    },
    handler: async (req) => closeClass(ctx, requireActor(req), req.params.id),
  });

  app.get('/api/capacity/classes/:id/impact', {
    schema: {
      tags: TAGS,
      summary: 'Tác động của lớp học đến kết quả giải quyết hồ sơ (A class\'s impact: send-back and on-time rates of its passed attendees before and after, beside the other officials)',
      params: Id,
      querystring: z.object({ months: z.coerce.number().int().min(1, bi('Số tháng từ 1 đến 12', 'Months is 1 to 12')).max(12, bi('Số tháng từ 1 đến 12', 'Months is 1 to 12')).default(3) }),
    },
    handler: async (req) => classImpact(ctx, requireActor(req), req.params.id, req.query.months),
  });

  app.get('/api/capacity/training-report', {
    schema: {
      tags: TAGS,
      summary: 'Báo cáo đào tạo, bồi dưỡng (Classes held, officials trained, hours, hours per official; the province sees communes only; JSON or XLSX)',
      querystring: z.object({ unit: UnitCode, from: Day, to: Day, format: Format }),
    },
    handler: async (req, reply) => {
      const q = req.query;
      const r = await trainingReport(ctx, requireActor(req), q);
      if (q.format !== 'xlsx') return r;
      const subtitle = [`Đơn vị: ${r.unit.name}`, `Kỳ: ${q.from} – ${q.to}`, `Lớp đã tổ chức: ${r.classesHeld}; chứng chỉ cấp: ${r.certificates}`];
      const name = `bao-cao-dao-tao-${r.unit.code}-${q.from}-${q.to}`;
      const totals = { name: 'Tổng cộng', ...r };
      if (r.scope === 'aggregate') {
        type Line = (typeof r.communes)[number];
        return sendXlsx(reply, name, [
          {
            sheet: 'Đào tạo theo xã',
            title: 'Báo cáo đào tạo, bồi dưỡng cán bộ theo xã, phường',
            subtitle,
            columns: [
              { header: 'Mã', value: (l: Line) => l.code, width: 8 },
              { header: 'Xã, phường', value: 'name', width: 28 },
              { header: 'Lớp đã tổ chức', value: 'classesHeld', format: 'integer' },
              { header: 'Số cán bộ', value: 'officials', format: 'integer' },
              { header: 'Cán bộ được đào tạo', value: 'officialsTrained', format: 'integer' },
              { header: 'Số giờ học', value: 'hours', format: 'decimal' },
              { header: 'Giờ học bình quân / cán bộ', value: 'hoursPerOfficial', format: 'decimal' },
              { header: 'Chứng chỉ', value: 'certificates', format: 'integer' },
            ],
            rows: r.communes,
            totals: { ...totals, code: '' } as unknown as Line,
          },
        ]);
      }
      type Person = (typeof r.byOfficial)[number];
      type Group = (typeof r.byGroup)[number];
      return sendXlsx(reply, name, [
        {
          sheet: 'Theo cán bộ',
          title: 'Báo cáo đào tạo, bồi dưỡng theo cán bộ',
          subtitle: [...subtitle, `Giờ học bình quân / cán bộ: ${r.hoursPerOfficial ?? ''}`],
          columns: [
            { header: 'Họ và tên', value: (p: Person) => p.fullName, width: 28 },
            { header: 'Số lớp', value: 'classes', format: 'integer' },
            { header: 'Số giờ học', value: 'hours', format: 'decimal' },
            { header: 'Chứng chỉ', value: 'certificates', format: 'integer' },
          ],
          rows: r.byOfficial,
          totals: { id: 0, fullName: 'Tổng cộng', classes: r.classesHeld, hours: r.hours, certificates: r.certificates },
        },
        {
          sheet: 'Theo nhóm nội dung',
          title: 'Báo cáo đào tạo, bồi dưỡng theo nhóm nội dung (Nghị định 171/2025/NĐ-CP)',
          subtitle,
          columns: [
            { header: 'Nhóm nội dung', value: (g: Group) => CONTENT_GROUP_NAMES[g.contentGroup as ContentGroupName].vi, width: 32 },
            { header: 'Số lớp', value: 'classes', format: 'integer' },
            { header: 'Số giờ học', value: 'hours', format: 'decimal' },
          ],
          rows: r.byGroup,
        },
      ]);
    },
  });

  app.get('/api/capacity/plans', {
    schema: {
      tags: TAGS,
      summary: 'Kế hoạch đào tạo năm của đơn vị (The unit\'s yearly training plan; JSON or XLSX; 404 when none)',
      querystring: z.object({ unit: UnitCode, year: Year, format: Format }),
    },
    handler: async (req, reply) => {
      const q = req.query;
      const plan = await getPlan(ctx, requireActor(req), q.unit, q.year);
      if (q.format !== 'xlsx') return plan;
      const STATUS: Record<PlanItem['status'], string> = { planned: 'Dự kiến', dropped: 'Bỏ', done: 'Đã học' };
      return sendXlsx(reply, `ke-hoach-dao-tao-${plan.unit.code}-${plan.year}`, [
        {
          sheet: `Kế hoạch ${plan.year}`,
          title: `Kế hoạch đào tạo, bồi dưỡng năm ${plan.year}`,
          subtitle: [
            `Đơn vị: ${plan.unit.name}`,
            `Trạng thái: ${plan.status === 'approved' ? `đã phê duyệt${plan.approvedBy ? ` (${plan.approvedBy})` : ''}` : 'dự thảo'}`,
            `${plan.summary.officials} cán bộ, ${plan.summary.items} nội dung, ${plan.summary.hours} giờ`,
          ],
          columns: [
            { header: 'Quý', value: (i: PlanItem) => i.quarter, format: 'integer', width: 6 },
            { header: 'Cán bộ', value: (i: PlanItem) => i.official.fullName, width: 26 },
            { header: 'Năng lực', value: (i: PlanItem) => i.competency?.name.vi ?? '', width: 36 },
            { header: 'Mức đang có', value: (i: PlanItem) => levelText(i.heldLevel), width: 10 },
            { header: 'Mức yêu cầu', value: (i: PlanItem) => levelText(i.requiredLevel), width: 10 },
            { header: 'Chương trình', value: (i: PlanItem) => i.programme?.name ?? 'Chưa có chương trình phù hợp', width: 40 },
            { header: 'Số giờ', value: (i: PlanItem) => i.hours, format: 'decimal', width: 8 },
            { header: 'Nguồn', value: (i: PlanItem) => (i.origin === 'gap' ? 'Từ khoảng thiếu hụt' : 'Bổ sung'), width: 16 },
            { header: 'Trạng thái', value: (i: PlanItem) => STATUS[i.status], width: 10 },
            { header: 'Ghi chú', value: (i: PlanItem) => i.note, width: 30 },
          ],
          rows: plan.items,
        },
      ]);
    },
  });

  app.post('/api/capacity/plans', {
    schema: { tags: TAGS, summary: 'Lập dự thảo kế hoạch đào tạo năm từ khoảng thiếu hụt năng lực (Draft the yearly plan from the gaps; 409 if one exists)', body: NewPlan },
    handler: async (req, reply) => reply.status(201).send(await draftPlan(ctx, requireActor(req), req.body)),
  });

  app.post('/api/capacity/plans/:id/items', {
    schema: { tags: TAGS, summary: 'Thêm nội dung vào kế hoạch (Add an item to a draft plan)', params: Id, body: NewItem },
    handler: async (req, reply) => reply.status(201).send(await addItem(ctx, requireActor(req), req.params.id, req.body)),
  });

  app.put('/api/capacity/plans/:id/items/:itemId', {
    schema: {
      tags: TAGS,
      summary: 'Sửa, bỏ một nội dung của kế hoạch (Change or drop an item of a draft plan)',
      params: z.object({ id: z.coerce.number().int().positive(), itemId: z.coerce.number().int().positive() }),
      body: ItemChange,
    },
    handler: async (req) => changeItem(ctx, requireActor(req), req.params.id, req.params.itemId, req.body),
  });

  app.post('/api/capacity/plans/:id/approve', {
    schema: { tags: TAGS, summary: 'Phê duyệt kế hoạch đào tạo (Approve the plan; it is no longer edited)', params: Id },
    handler: async (req) => approvePlan(ctx, requireActor(req), req.params.id),
  });
}
