// HTTP of practice mode (issue 6, item 5): scenarios, attempts (each with its practice dossier, worked on the
// real dossier screens), finishing and scoring. An official sees their own attempts; a unit's leaders its unit's.
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { requireActor } from '../../../http/auth.js';
import { bi } from '../../../http/errors.js';
import { UnitCode } from '../../satisfaction/scope.js';
import { finishAttempt, FinishInput, getAttempt, listAttempts, listScenarios, startAttempt, StartInput } from './service.js';

const TAGS = ['capacity'];
const Id = z.object({ id: z.coerce.number().int().positive(bi('Mã lượt thực hành là số nguyên dương', 'The attempt id is a positive integer')) });
const ListQuery = z.object({
  unit: UnitCode.optional(),
  dossier: z.coerce.number().int().positive(bi('Mã hồ sơ là số nguyên dương', 'The dossier id is a positive integer')).optional(),
  mine: z.string().optional(),
});

export function practiceRoutes(app: App, ctx: AppContext): void {
  app.get('/api/capacity/practice/scenarios', {
    schema: { tags: TAGS, summary: 'Tình huống thực hành (Practice scenarios, with my attempts and best score)' },
    handler: async (req) => listScenarios(ctx, requireActor(req)),
  });

  app.post('/api/capacity/practice/attempts', {
    schema: {
      tags: TAGS,
      summary: 'Bắt đầu thực hành (Start an attempt: creates its practice dossier, waiting for receipt)',
      description: 'The practice dossier (code THUCHANH-<unit>-<attempt>) is seen only by the official practising and the unit’s leaders, never counted, never sent to connected systems.',
      body: StartInput,
    },
    handler: async (req, reply) => reply.status(201).send(await startAttempt(ctx, requireActor(req), req.body)),
  });

  app.get('/api/capacity/practice/attempts', {
    schema: { tags: TAGS, summary: 'Lượt thực hành (My attempts; a leader: ?unit=; the attempt of a practice dossier: ?dossier=)', querystring: ListQuery },
    handler: async (req) => listAttempts(ctx, requireActor(req), { unit: req.query.unit, dossier: req.query.dossier }),
  });

  app.get('/api/capacity/practice/attempts/:id', {
    schema: { tags: TAGS, summary: 'Một lượt thực hành (One attempt: brief, guidance, score and breakdown)', params: Id },
    handler: async (req) => getAttempt(ctx, requireActor(req), req.params.id),
  });

  app.post('/api/capacity/practice/attempts/:id/finish', {
    schema: {
      tags: TAGS,
      summary: 'Hoàn thành lượt thực hành (Finish: scored from the practice dossier’s history and the answers)',
      params: Id,
      body: FinishInput,
    },
    handler: async (req) => finishAttempt(ctx, requireActor(req), req.params.id, req.body),
  });
}
