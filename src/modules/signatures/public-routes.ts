// Public verification of signed documents, reached from the QR code on each one: no sign-in, rate-limited.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { checkCopy, signedFile, verifyByCode } from './verification.js';

const limited = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const Code = z.object({ code: z.string().trim().min(10).max(20) });

export function signaturePublicRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/signatures/:code', {
    config: limited(60),
    schema: {
      tags: ['public'],
      summary: 'Xác thực văn bản ký số (Is the signed document authentic and unchanged? Re-verified on every request)',
      params: Code,
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyByCode(ctx, req.params.code);
    },
  });

  app.post('/api/public/signatures/:code/check', {
    config: limited(10),
    schema: {
      tags: ['public'],
      summary: 'Kiểm tra bản văn bản đang giữ (Is this PDF — multipart field "file" — the signed document, unchanged?)',
      params: Code,
      consumes: ['multipart/form-data'],
    },
    handler: async (req) => {
      const part = req.isMultipart() ? await req.file() : undefined;
      if (!part) throw new AppError('bad_input', { vi: 'Không có tệp cần kiểm tra (trường "file").', en: 'No file to check (field "file").' }, { field: 'file' });
      return checkCopy(ctx, req.params.code, await part.toBuffer());
    },
  });

  app.get('/api/public/signatures/:code/file', {
    config: limited(30),
    schema: { tags: ['public'], summary: 'Tải văn bản đã ký (Download the signed PDF)', params: Code },
    handler: async (req, reply) => {
      const f = await signedFile(ctx, req.params.code);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(f.content);
    },
  });
}
