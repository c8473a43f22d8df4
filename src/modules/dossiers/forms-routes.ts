// Printed forms as PDF: a dossier's forms (01–05) and a unit's logbook for a period.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { badInput } from '../../errors.js';
import { requireGrant } from '../people/actor.js';
import { DOSSIER_FORMS, renderDossierForm, renderUnitLogbook, type DossierForm } from './forms.js';

const LOGBOOK_ROLES = ['receiving_officer', 'head_of_office', 'unit_leader', 'clerk', 'centre_admin'] as const;
const localMidnight = (date: string) => new Date(`${date}T00:00:00+07:00`);

export function formRoutes(app: App, ctx: AppContext): void {
  app.get('/api/dossiers/:ref/forms/:form', {
    schema: {
      tags: ['forms'],
      summary: 'In phiếu của hồ sơ (Print a form: receipt 01, supplement request 02, refusal 03, apology 04, control sheet) as PDF',
      params: z.object({ ref: z.string().min(1).max(60), form: z.enum(DOSSIER_FORMS) }),
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const ref = /^\d+$/.test(req.params.ref) ? Number(req.params.ref) : req.params.ref;
      const { pdf, filename } = await renderDossierForm(ctx, actor, ref, req.params.form as DossierForm);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf));
    },
  });

  app.get('/api/units/:code/logbook', {
    schema: {
      tags: ['forms'],
      summary: 'Sổ theo dõi hồ sơ (The logbook of a unit for a period, A4 PDF)',
      params: z.object({ code: z.string().regex(/^\d{5}$/) }),
      querystring: z.object({ from: z.iso.date(), to: z.iso.date() }),
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const unit = ctx.units.byCode(req.params.code);
      if (!unit) throw badInput('code', { vi: `Không có đơn vị mã ${req.params.code}.`, en: `No unit with code ${req.params.code}.` });
      requireGrant(actor, LOGBOOK_ROLES, unit.id, ctx.units);
      const from = localMidnight(req.query.from);
      const to = new Date(localMidnight(req.query.to).getTime() + 86_400_000);
      if (to <= from) throw badInput('to', { vi: 'Ngày kết thúc phải sau ngày bắt đầu.', en: 'The end date must be after the start date.' });
      if (to.getTime() - from.getTime() > 366 * 86_400_000) throw badInput('to', { vi: 'Sổ theo dõi in tối đa một năm.', en: 'A logbook covers at most one year.' });
      const pdf = await renderUnitLogbook(ctx, unit.id, from, to);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="so-theo-doi-${unit.code}-${req.query.from}-${req.query.to}.pdf"`)
        .send(Buffer.from(pdf));
    },
  });
}
