// Public routes of the citizens' portal (no account): uploads, online submission, supplement, rating.
// Writes are rate-limited per client address.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { parseIdempotencyKey } from '../dossiers/idempotency.js';
import { CRITERIA, LEVEL_NAMES, LEVELS, SCALE_VERSION } from './criteria.js';
import { OnlineSubmission, Rating, SupplementUpload, rateDossier, submitOnline, uploadPublicFile, uploadSupplement } from './service.js';

const limited = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });
const Code = z.object({ code: z.string().trim().min(10).max(60) });

export function portalRoutes(app: App, ctx: AppContext): void {
  app.post('/api/public/files', {
    config: limited(30),
    schema: { tags: ['public'], summary: 'Tải tệp lên khi nộp trực tuyến (Upload a file for an online submission: PDF, JPEG or PNG)', consumes: ['multipart/form-data'] },
    handler: async (req, reply) => {
      const part = await req.file();
      if (!part) throw new AppError('bad_input', { vi: 'Không có tệp trong yêu cầu (trường "file").', en: 'No file in the request (field "file").' }, { field: 'file' });
      return reply.status(201).send(await uploadPublicFile(ctx, await part.toBuffer(), part.filename));
    },
  });

  app.post('/api/public/dossiers', {
    config: limited(10),
    schema: {
      tags: ['public'],
      summary: 'Nộp hồ sơ trực tuyến (Submit a dossier online)',
      description: 'Creates the dossier in status "submitted" (national status 1); the receiving officer checks it within 8 working hours. Accepts an Idempotency-Key header.',
      body: OnlineSubmission,
      response: { 201: z.object({ code: z.string(), status: z.string(), submittedAt: z.string(), statusUrl: z.string() }) },
    },
    handler: async (req, reply) => {
      const r = await submitOnline(ctx, req.body, parseIdempotencyKey(req.headers['idempotency-key']));
      return reply.status(201).send(r.body);
    },
  });

  app.post('/api/public/dossiers/:code/supplement', {
    config: limited(10),
    schema: { tags: ['public'], summary: 'Nộp bổ sung hồ sơ (Upload a requested supplement)', params: Code, body: SupplementUpload },
    handler: async (req) => uploadSupplement(ctx, req.params.code, req.body),
  });

  app.post('/api/public/dossiers/:code/rating', {
    config: limited(10),
    schema: { tags: ['public'], summary: 'Đánh giá mức độ hài lòng (Rate the service for a dossier, once)', params: Code, body: Rating },
    handler: async (req, reply) => reply.status(201).send(await rateDossier(ctx, req.params.code, req.body)),
  });

  app.get('/api/public/rating-criteria', {
    schema: { tags: ['public'], summary: 'Tiêu chí đánh giá (The rating form: criteria and scale)' },
    handler: async () => ({
      scaleVersion: SCALE_VERSION,
      levels: LEVELS.map((l) => ({ key: l, name: LEVEL_NAMES[l] })),
      criteria: CRITERIA,
    }),
  });
}
