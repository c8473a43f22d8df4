// Uploaded files (scans, results): accepted only as PDF, JPEG or PNG judged by their content, never by name,
// and kept in the database so that one transaction and one backup cover them.
import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';

export const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedMime = (typeof ACCEPTED)[number];

export async function sniff(content: Uint8Array): Promise<AcceptedMime> {
  const type = await fileTypeFromBuffer(content);
  const mime = type?.mime as string | undefined;
  if (!mime || !(ACCEPTED as readonly string[]).includes(mime)) {
    throw new AppError(
      'unsupported_media',
      {
        vi: `Chỉ nhận tệp PDF, JPEG hoặc PNG (nội dung tệp này là ${mime ?? 'không xác định'}).`,
        en: `Only PDF, JPEG or PNG files are accepted (this file's content is ${mime ?? 'unknown'}).`,
      },
      { field: 'file' },
    );
  }
  return mime as AcceptedMime;
}

export function safeName(name: string): string {
  const cleaned = name.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return (cleaned || 'tep').slice(0, 200);
}

export async function storeFile(db: Kysely<DB>, content: Uint8Array, name: string, uploadedBy: number | null, now: Date) {
  if (content.byteLength === 0) throw new AppError('bad_input', { vi: 'Tệp rỗng.', en: 'The file is empty.' }, { field: 'file' });
  const mime = await sniff(content);
  const id = crypto.randomUUID();
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  await db
    .insertInto('files')
    .values({ id, sha256, mime, size: content.byteLength, name: safeName(name), content, uploaded_by: uploadedBy, created_at: now })
    .execute();
  return { id, name: safeName(name), mime, size: content.byteLength, sha256 };
}
