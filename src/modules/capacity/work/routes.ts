// HTTP of the capacity module's work part (issue 6, capacity-api.md §4): evidence of competence from real
// dossiers, workload and suggested reassignments, and the Decree 335/2025 appraisal feed (JSON, CSV, XLSX).
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { requireActor } from '../../../http/auth.js';
import { bi } from '../../../http/errors.js';
import { sendXlsx } from '../../../lib/xlsx.js';
import { addExemption, appraisal, appraisalCsv, appraisalDossiers, APPRAISAL_COLUMNS } from './appraisal.js';
import { decideEvidence, EVIDENCE_FLAGS, evidenceEntries, evidenceRows } from './evidence.js';
import { decideReassignment, listReassignments } from './reassign.js';
import { suggestReassignments, workload } from './workload.js';

const TAGS = ['capacity'];

const UnitCode = z.string().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 (tỉnh) hoặc 5 (xã) chữ số', 'A unit code has 2 (province) or 5 (commune) digits'));
const Day = (vi: string, en: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bi(`${vi} có dạng YYYY-MM-DD`, `${en} is YYYY-MM-DD`));
const From = Day('Ngày bắt đầu', 'The start date');
const To = Day('Ngày kết thúc', 'The end date');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, bi('Tháng có dạng YYYY-MM', 'The month is YYYY-MM'));
const Id = z.coerce.number().int().positive(bi('Mã số phải là số nguyên dương', 'An id is a positive integer'));
const Field = z.string().trim().min(1).max(300);

const EvidenceQuery = z.object({ unit: UnitCode, from: From, to: To, official: Id.optional(), field: Field.optional() });
const EntriesQuery = EvidenceQuery.extend({
  flag: z.enum(EVIDENCE_FLAGS, bi(`Cờ phải là một trong: ${EVIDENCE_FLAGS.join(', ')}`, `The flag is one of: ${EVIDENCE_FLAGS.join(', ')}`)).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const EvidenceDecision = z.object({
  accountId: z.number().int().positive(),
  field: Field,
  from: From,
  to: To,
  level: z.number().int().min(0, bi('Mức từ 0 đến 4', 'A level is 0 to 4')).max(4, bi('Mức từ 0 đến 4', 'A level is 0 to 4')),
  note: z.string().trim().max(2000).optional(),
});

const UnitQuery = z.object({ unit: UnitCode });
const SuggestionsQuery = UnitQuery.extend({
  absent: z
    .string()
    .regex(/^\d+(,\d+)*$/, bi('Danh sách cán bộ vắng là các mã số cách nhau bởi dấu phẩy', 'The absent officials are ids separated by commas'))
    .optional(),
});
const ReassignmentDecision = z.object({
  dossierId: z.number().int().positive(),
  toAccountId: z.number().int().positive(),
  suggested: z.boolean(),
  decision: z.enum(['accepted', 'rejected'], bi('Quyết định là accepted hoặc rejected', 'The decision is accepted or rejected')),
  reason: z.string().trim().max(2000).optional(),
});

const AppraisalQuery = z.object({ unit: UnitCode, month: Month, format: z.enum(['json', 'csv', 'xlsx']).default('json') });
const AppraisalDossiersQuery = z.object({ unit: UnitCode, month: Month, official: Id.optional(), flag: z.enum(['late', 'sent_back', 'done', 'exempted']).optional() });
const Exemption = z.object({
  dossierId: z.number().int().positive(),
  accountId: z.number().int().positive(),
  reason: z.string().trim().min(3, bi('Lý do miễn trừ cần ít nhất 3 ký tự', 'The reason needs at least 3 characters')).max(2000),
});

export function workRoutes(app: App, ctx: AppContext): void {
  app.get('/api/capacity/evidence', {
    schema: { tags: TAGS, summary: 'Minh chứng năng lực từ hồ sơ thực tế theo cán bộ × lĩnh vực × kỳ, mức gợi ý (Evidence from real dossiers per official × field × period, with the suggested level)', querystring: EvidenceQuery },
    handler: async (req) => evidenceRows(ctx, requireActor(req), req.query),
  });

  app.get('/api/capacity/evidence/entries', {
    schema: { tags: TAGS, summary: 'Các thao tác trên hồ sơ đứng sau số liệu minh chứng (The ledger entries behind the evidence figures)', querystring: EntriesQuery },
    handler: async (req) => evidenceEntries(ctx, requireActor(req), req.query),
  });

  app.post('/api/capacity/evidence/decisions', {
    schema: { tags: TAGS, summary: 'Lãnh đạo xác nhận hoặc quyết định mức khác với mức gợi ý (A leader confirms or overrides the suggested level)', body: EvidenceDecision },
    handler: async (req, reply) => reply.code(201).send(await decideEvidence(ctx, requireActor(req), req.body)),
  });

  app.get('/api/capacity/workload', {
    schema: { tags: TAGS, summary: 'Khối lượng công việc đang giữ theo cán bộ, phòng và độ tồn (Open workload per official and office, weighted, with queue ageing)', querystring: UnitQuery },
    handler: async (req) => workload(ctx, requireActor(req), req.query.unit),
  });

  app.get('/api/capacity/workload/suggestions', {
    schema: { tags: TAGS, summary: 'Gợi ý điều chuyển hồ sơ để cân bằng khối lượng, theo năng lực (Suggested reassignments that balance load and respect competence)', querystring: SuggestionsQuery },
    handler: async (req) => suggestReassignments(ctx, requireActor(req), req.query.unit, req.query.absent ? req.query.absent.split(',').map(Number) : []),
  });

  app.post('/api/capacity/workload/decisions', {
    schema: { tags: TAGS, summary: 'Quyết định điều chuyển hồ sơ; chấp nhận thì hồ sơ được phân công lại (A reassignment decision; accepted reassigns the dossier)', body: ReassignmentDecision },
    handler: async (req, reply) => reply.code(201).send(await decideReassignment(ctx, requireActor(req), req.body)),
  });

  app.get('/api/capacity/workload/decisions', {
    schema: { tags: TAGS, summary: 'Các quyết định điều chuyển hồ sơ của đơn vị (The unit’s reassignment decisions)', querystring: UnitQuery },
    handler: async (req) => listReassignments(ctx, requireActor(req), req.query.unit),
  });

  app.get('/api/capacity/appraisal', {
    schema: { tags: TAGS, summary: 'Số liệu đánh giá theo Nghị định 335/2025 theo cán bộ và tháng (Decree 335/2025 figures per official and month; JSON, CSV or XLSX)', querystring: AppraisalQuery },
    handler: async (req, reply) => {
      const q = req.query;
      const result = await appraisal(ctx, requireActor(req), q);
      const name = `danh-gia-${result.unit.code}-${q.month}`;
      if (q.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .header('cache-control', 'no-store')
          .send(appraisalCsv(q.month, result.rows));
      }
      if (q.format === 'xlsx') {
        return sendXlsx(reply, name, [
          {
            sheet: 'Đánh giá',
            title: 'Kết quả thực hiện nhiệm vụ giải quyết hồ sơ (Nghị định 335/2025/NĐ-CP)',
            subtitle: [`Đơn vị: ${result.unit.name}`, `Tháng: ${q.month.slice(5)}/${q.month.slice(0, 4)}`, result.rule.vi],
            columns: APPRAISAL_COLUMNS.map((c) => ({ header: c.header, value: c.value, format: c.format })),
            rows: result.rows,
          },
        ]);
      }
      return result;
    },
  });

  app.get('/api/capacity/appraisal/dossiers', {
    schema: { tags: TAGS, summary: 'Các hồ sơ đứng sau số liệu đánh giá của một cán bộ (The dossiers behind an official’s appraisal figures)', querystring: AppraisalDossiersQuery },
    handler: async (req) => appraisalDossiers(ctx, requireActor(req), req.query),
  });

  app.post('/api/capacity/appraisal/exemptions', {
    schema: { tags: TAGS, summary: 'Lãnh đạo xác nhận nguyên nhân khách quan: hồ sơ không bị trừ điểm (A leader confirms an objective cause: the dossier is not deducted)', body: Exemption },
    handler: async (req, reply) => reply.code(201).send(await addExemption(ctx, requireActor(req), req.body)),
  });
}
