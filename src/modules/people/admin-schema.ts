// The zod schemas of the accounts API: what the routes accept and what they answer. Password rules: at least
// 10 characters, not digits only (and, checked in the routes, not containing the username).
import { z } from 'zod';
import { bi } from '../../http/errors.js';
import { ROLES } from './roles.js';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (s) => /^[a-z0-9][a-z0-9._-]{2,63}$/.test(s),
    bi('Tên đăng nhập gồm 3–64 chữ thường không dấu, chữ số, ".", "_" hoặc "-"', 'A username has 3–64 lower-case letters a–z, digits, ".", "_" or "-"'),
  );
export const Password = z
  .string()
  .min(10)
  .max(256)
  .refine((p) => !/^\d+$/.test(p), bi('Mật khẩu không được chỉ gồm chữ số', 'A password cannot be digits only'));
export const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.()-]/g, ''))
  .refine((s) => /^\+?\d{8,15}$/.test(s), bi('Số điện thoại gồm 8–15 chữ số', 'A phone number has 8–15 digits'));
export const FullName = z.string().trim().min(1).max(200);
export const Email = z.email().max(200);
export const Locale = z.enum(['vi', 'en']);

export const GrantInput = z.strictObject({
  role: z.enum(ROLES),
  unitCode: z.string().trim().min(1).max(10),
  officeCode: z.string().trim().toUpperCase().min(1).max(20).optional(),
});
export type GrantInput = z.infer<typeof GrantInput>;

export const CreateBody = z.strictObject({
  username: Username,
  fullName: FullName,
  password: Password,
  email: Email.optional(),
  phone: Phone.optional(),
  locale: Locale.optional(),
  grants: z.array(GrantInput).min(1).max(20),
});

export const PatchBody = z.strictObject({
  fullName: FullName.optional(),
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  locale: Locale.optional(),
  active: z.boolean().optional(),
});

export const GrantOut = z.object({
  id: z.number(),
  role: z.enum(ROLES),
  roleName: z.object({ vi: z.string(), en: z.string() }),
  unitCode: z.string(),
  unitName: z.string(),
  officeCode: z.string().nullable(),
  officeName: z.string().nullable(),
  grantedAt: z.string(),
});
export const AccountOut = z.object({
  id: z.number(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: Locale,
  active: z.boolean(),
  createdAt: z.string(),
  grants: z.array(GrantOut),
});

export const IdParams = z.object({ id: z.coerce.number().int().positive() });
export const ListQuery = z.object({
  unit: z.string().trim().max(10).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const Ok = z.object({ ok: z.literal(true) });
export const GrantParams = z.object({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() });
export const PasswordResetBody = z.strictObject({ password: Password });
export const PasswordChangeBody = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: Password });
