// Request schemas of the positions part of capacity, each with a bilingual message naming the problem.
import { z } from 'zod';
import { bi } from '../../../http/errors.js';
import { isLocalDate } from '../../calendar/time.js';

export const UnitCode = z.string().trim().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 (tỉnh) hoặc 5 (xã) chữ số', 'A unit code has 2 (province) or 5 (commune) digits'));
export const Day = (vi: string, en: string) => z.string().trim().refine(isLocalDate, bi(`${vi} có dạng YYYY-MM-DD`, `${en} is a date YYYY-MM-DD`));
const Level = (min: number) =>
  z.number(bi('Mức là một số', 'The level is a number')).int(bi('Mức là số nguyên', 'The level is a whole number')).min(min, bi(`Mức từ ${min} đến 4`, `The level is ${min} to 4`)).max(4, bi(`Mức từ ${min} đến 4`, `The level is ${min} to 4`));
const Id = (vi: string, en: string) => z.number(bi(`${vi} là một số`, `${en} is a number`)).int().positive(bi(`${vi} là số nguyên dương`, `${en} is a positive integer`));

export const UnitQuery = z.object({ unit: UnitCode });
export const IdParam = z.object({ id: z.coerce.number().int().positive(bi('Mã số là số nguyên dương', 'The id is a positive integer')) });

export const COMPETENCY_KINDS = ['field', 'digital', 'communication', 'management'] as const;
export const NewCompetency = z
  .object({
    unit: UnitCode,
    code: z.string().trim().regex(/^[a-z0-9][a-z0-9_.-]{1,60}$/, bi('Mã năng lực: 2–61 ký tự thường, số, dấu chấm, gạch (ví dụ "dat-dai.gcn")', 'The competency code is 2–61 lowercase letters, digits, dots or dashes (e.g. "land.certificates")')),
    kind: z.enum(COMPETENCY_KINDS, bi('Loại năng lực: field, digital, communication hoặc management', 'The kind is field, digital, communication or management')),
    field: z.string().trim().min(2, bi('Lĩnh vực cần ít nhất 2 ký tự', 'The field needs at least 2 characters')).max(300).optional(),
    nameVi: z.string().trim().min(2, bi('Tên tiếng Việt cần 2–200 ký tự', 'The Vietnamese name needs 2–200 characters')).max(200, bi('Tên tiếng Việt cần 2–200 ký tự', 'The Vietnamese name needs 2–200 characters')),
    nameEn: z.string().trim().min(2, bi('Tên tiếng Anh cần 2–200 ký tự', 'The English name needs 2–200 characters')).max(200, bi('Tên tiếng Anh cần 2–200 ký tự', 'The English name needs 2–200 characters')),
    description: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, c) => {
    if (v.kind === 'field' && !v.field) c.addIssue({ code: 'custom', path: ['field'], ...bi('Năng lực nghiệp vụ (field) phải ghi lĩnh vực', 'A field competency names its field') });
    if (v.kind !== 'field' && v.field) c.addIssue({ code: 'custom', path: ['field'], ...bi('Chỉ năng lực nghiệp vụ (field) mới ghi lĩnh vực', 'Only a field competency names a field') });
  });

export const POSITION_GROUPS = ['leadership', 'professional', 'support'] as const;
const Requirement = z.object({ competencyId: Id('Mã năng lực', 'The competency id'), requiredLevel: Level(1) });
const PositionFields = {
  code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/, bi('Mã vị trí: 1–41 chữ, số, dấu chấm, gạch (ví dụ "CV-HT")', 'The position code is 1–41 letters, digits, dots or dashes (e.g. "CV-HT")')),
  grp: z.enum(POSITION_GROUPS, bi('Nhóm vị trí: leadership (lãnh đạo), professional (chuyên môn) hoặc support (hỗ trợ)', 'The group is leadership, professional or support')),
  name: z.string().trim().min(2, bi('Tên vị trí cần 2–200 ký tự', 'The position name needs 2–200 characters')).max(200, bi('Tên vị trí cần 2–200 ký tự', 'The position name needs 2–200 characters')),
  description: z.string().trim().max(10_000, bi('Bản mô tả công việc tối đa 10.000 ký tự', 'The job description has at most 10,000 characters')).default(''),
  duties: z.array(z.string().trim().min(2, bi('Mỗi nhiệm vụ cần ít nhất 2 ký tự', 'Each duty needs at least 2 characters')).max(500), bi('Nhiệm vụ là danh sách dòng chữ', 'The duties are a list of lines')).max(50).default([]),
  headcount: z.number(bi('Số người là một số', 'The headcount is a number')).int().min(0, bi('Số người từ 0 đến 100', 'The headcount is 0 to 100')).max(100, bi('Số người từ 0 đến 100', 'The headcount is 0 to 100')).default(1),
  officeId: Id('Mã phòng', 'The office id').nullish(),
  requirements: z
    .array(Requirement, bi('Khung năng lực là danh sách {competencyId, requiredLevel}', 'The framework is a list of {competencyId, requiredLevel}'))
    .max(60)
    .default([])
    .superRefine((list, c) => {
      const seen = new Set<number>();
      list.forEach((r, i) => {
        if (seen.has(r.competencyId)) c.addIssue({ code: 'custom', path: [i, 'competencyId'], ...bi('Năng lực này đã có trong khung', 'This competency is already in the framework') });
        seen.add(r.competencyId);
      });
    }),
};
export const NewPosition = z.object({ unit: UnitCode, ...PositionFields });
export const PositionUpdate = z.object({ ...PositionFields, active: z.boolean(bi('active là true hoặc false', 'active is true or false')).default(true) });

export const NewAssignment = z.object({
  accountId: Id('Mã cán bộ', 'The official id'),
  startedOn: Day('Ngày bắt đầu', 'The start date'),
  note: z.string().trim().max(1000).optional(),
});

export const NewAssessment = z.object({
  competencyId: Id('Mã năng lực', 'The competency id'),
  level: Level(0),
  note: z.string().trim().max(2000).optional(),
});

export const CERTIFICATE_KINDS = ['it_basic', 'digital_skills', 'state_management', 'digital_signature', 'training', 'professional', 'other'] as const;
export const NewCertificate = z
  .object({
    kind: z.enum(CERTIFICATE_KINDS, bi(`Loại chứng chỉ: ${CERTIFICATE_KINDS.join(', ')}`, `The certificate kind is one of ${CERTIFICATE_KINDS.join(', ')}`)),
    name: z.string().trim().min(2, bi('Tên chứng chỉ cần 2–300 ký tự', 'The certificate name needs 2–300 characters')).max(300, bi('Tên chứng chỉ cần 2–300 ký tự', 'The certificate name needs 2–300 characters')),
    issuer: z.string().trim().min(2, bi('Nơi cấp cần 2–300 ký tự', 'The issuer needs 2–300 characters')).max(300, bi('Nơi cấp cần 2–300 ký tự', 'The issuer needs 2–300 characters')),
    issuedOn: Day('Ngày cấp', 'The issue date'),
    expiresOn: Day('Ngày hết hạn', 'The expiry date').nullish(),
    verificationCode: z.string().trim().min(3, bi('Mã xác thực cần 3–100 ký tự', 'The verification code needs 3–100 characters')).max(100).nullish(),
    competencyId: Id('Mã năng lực', 'The competency id').nullish(),
    level: Level(1).nullish(),
  })
  .superRefine((v, c) => {
    if (v.expiresOn && v.expiresOn < v.issuedOn) c.addIssue({ code: 'custom', path: ['expiresOn'], ...bi('Ngày hết hạn không được trước ngày cấp', 'The expiry date cannot be before the issue date') });
    if (v.level != null && v.competencyId == null) c.addIssue({ code: 'custom', path: ['level'], ...bi('Chỉ ghi mức khi chứng chỉ gắn với một năng lực', 'A level is given only with a competency') });
  });

export const Revocation = z.object({ reason: z.string().trim().min(3, bi('Lý do thu hồi cần ít nhất 3 ký tự', 'The reason needs at least 3 characters')).max(1000) });

export const ExpiringQuery = z.object({
  unit: UnitCode,
  days: z.coerce.number(bi('Số ngày là một số', 'days is a number')).int().min(1, bi('Số ngày từ 1 đến 365', 'days is 1 to 365')).max(365, bi('Số ngày từ 1 đến 365', 'days is 1 to 365')).default(60),
});

export const GapsQuery = z.object({ unit: UnitCode, format: z.enum(['json', 'xlsx'], bi('Định dạng: json hoặc xlsx', 'The format is json or xlsx')).default('json') });

export const CoverQuery = z.object({
  unit: UnitCode,
  field: z.string().trim().min(2, bi('Chọn lĩnh vực (ví dụ "Đất đai")', 'Choose a field (e.g. "Đất đai")')).max(300),
  absent: z.coerce.number(bi('Chọn cán bộ vắng mặt', 'Choose the absent official')).int().positive(bi('Chọn cán bộ vắng mặt', 'Choose the absent official')),
});

export const ProfileQuery = z.object({
  year: z.coerce.number(bi('Năm là một số', 'The year is a number')).int().min(2000, bi('Năm từ 2000 đến 2100', 'The year is 2000 to 2100')).max(2100, bi('Năm từ 2000 đến 2100', 'The year is 2000 to 2100')).optional(),
});
