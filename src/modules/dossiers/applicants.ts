// Applicant details reused at the counter: the latest name, phone, e-mail and address given with a personal
// ID number in earlier dossiers of the units the officer works for, so nobody retypes them. Personal data:
// only receiving officers and specialists see it, only for their own units' dossiers.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { bi } from '../../http/errors.js';
import { forbidden, notFound } from '../../errors.js';
import { isoVn } from '../../http/time.js';
import { unitsWithRole } from '../people/actor.js';
import type { Role } from '../people/roles.js';

const LOOKUP_ROLES: readonly Role[] = ['receiving_officer', 'specialist'];

// The number travels in the query string, not the path: request paths are logged, query strings never are.
const LookupQuery = z.object({
  idNumber: z.string().trim().regex(/^\d{12}$/, bi('Số định danh cá nhân phải gồm đúng 12 chữ số', 'The personal ID number must be exactly 12 digits')),
});

export const ApplicantView = z.object({
  idNumber: z.string(),
  kind: z.enum(['citizen', 'organisation']),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  /** How many earlier dossiers of the officer's units carry this number. */
  dossierCount: z.number().int(),
  lastDossier: z.object({ code: z.string(), submittedAt: z.string(), unit: z.string() }),
});
export type ApplicantView = z.infer<typeof ApplicantView>;

export async function findApplicant(ctx: AppContext, unitIds: number[], idNumber: string): Promise<ApplicantView | undefined> {
  if (unitIds.length === 0) return undefined;
  const rows = await ctx.db
    .selectFrom('dossiers')
    .select(['code', 'unit_id', 'applicant_kind', 'applicant_name', 'applicant_phone', 'applicant_email', 'applicant_address', 'submitted_at'])
    .where('applicant_id_number', '=', idNumber)
    .where('unit_id', 'in', unitIds)
    .where('is_practice', '=', false)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  const last = rows[0];
  if (!last) return undefined;
  // A detail left blank on the latest dossier is taken from the most recent one that has it.
  const latest = <K extends 'applicant_phone' | 'applicant_email' | 'applicant_address'>(k: K) => rows.find((r) => r[k])?.[k] ?? null;
  return {
    idNumber,
    kind: last.applicant_kind,
    name: last.applicant_name,
    phone: latest('applicant_phone'),
    email: latest('applicant_email'),
    address: latest('applicant_address'),
    dossierCount: rows.length,
    lastDossier: { code: last.code, submittedAt: isoVn(last.submitted_at)!, unit: ctx.units.byId(last.unit_id)?.name ?? '' },
  };
}

export function applicantRoutes(app: App, ctx: AppContext): void {
  app.get('/api/applicants', {
    schema: {
      tags: ['dossiers'],
      summary: 'Thông tin người nộp từ hồ sơ trước (Applicant details from earlier dossiers, by personal ID number)',
      description:
        'Cán bộ tiếp nhận, chuyên viên: chỉ hồ sơ của đơn vị mình. 404 nếu chưa có hồ sơ nào. / Receiving officers and specialists, their own units’ dossiers only; 404 when there is none.',
      querystring: LookupQuery,
      response: { 200: ApplicantView },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const units = unitsWithRole(actor, LOOKUP_ROLES, ctx.units);
      if (units.length === 0) {
        throw forbidden({ vi: 'Chỉ cán bộ tiếp nhận và chuyên viên được tra cứu người nộp.', en: 'Only receiving officers and specialists may look applicants up.' });
      }
      const found = await findApplicant(ctx, units, req.query.idNumber);
      if (!found) throw notFound({ vi: 'hồ sơ trước đây của số định danh này tại đơn vị', en: 'earlier dossier with this ID number in your unit' });
      reply.header('cache-control', 'no-store');
      return found;
    },
  });
}
