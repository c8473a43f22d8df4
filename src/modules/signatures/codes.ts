// Verification codes printed on signed documents: 10 characters of Crockford base32 (50 random bits), short
// enough to type from paper, too many to guess at the public page's rate limit.
import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export function newVerificationCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
}

/** What a person typed ("7k2m9-qx4tb", "7K2M9 QX4TO") → the stored form, or null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const code = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return CODE_PATTERN.test(code) ? code : null;
}
