// Printed forms as PDF: a dossier's forms (01–05) and a unit's logbook for a period.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { badInput } from '../../errors.js';
import { requireGrant } from '../people/actor.js';
import { sendXlsx, type XlsxColumn } from '../../lib/xlsx.js';
import { LOGBOOK_COLUMNS } from '../forms/logbook.js';
import { renderLogbook, TIMELINESS_LABELS, type LogbookEntry } from '../forms/index.js';
import { formatDate } from '../forms/format.js';
import { DOSSIER_FORMS, renderDossierForm, unitLogbookData, type DossierForm } from './forms.js';

/** One function per printed logbook column, in LOGBOOK_COLUMNS' order. */
const LOGBOOK_VALUES: ReadonlyArray<(e: LogbookEntry) => string | number | Date | null> = [
  (e) => e.sequence ?? null,
  (e) => e.dossierCode,
  (e) => e.procedureName,
  (e) => e.setCount,
  (e) => [e.applicant.name, e.applicant.address, e.applicant.phone].filter((s) => s && s.trim() !== '').join(' / '),
  (e) => e.leadAgency,
  (e) => e.receivedAt,
  (e) => e.dueAt,
  (e) => e.transferredAt ?? null,
  (e) => e.resultAt ?? null,
  (e) => e.returnedAt ?? null,
  (e) => [e.timeliness ? TIMELINESS_LABELS[e.timeliness] : undefined, e.note].filter(Boolean).join('. '),
];

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
      summary: 'Sổ theo dõi hồ sơ (The logbook of a unit for a period, A4 PDF or XLSX)',
      params: z.object({ code: z.string().regex(/^\d{5}$/) }),
      querystring: z.object({ from: z.iso.date(), to: z.iso.date(), format: z.enum(['pdf', 'xlsx']).default('pdf') }),
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
      const data = await unitLogbookData(ctx, unit.id, from, to);
      if (req.query.format === 'xlsx') {
        return sendXlsx(reply, `so-theo-doi-${unit.code}-${req.query.from}-${req.query.to}`, [
          {
            sheet: 'Sổ theo dõi',
            title: 'SỔ THEO DÕI HỒ SƠ',
            subtitle: [unit.name, `Từ ngày ${formatDate(data.periodStart)} đến ngày ${formatDate(data.periodEnd)}`],
            columns: LOGBOOK_XLSX_COLUMNS,
            rows: data.entries,
          },
        ]);
      }
      const pdf = await renderLogbook(data);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="so-theo-doi-${unit.code}-${req.query.from}-${req.query.to}.pdf"`)
        .send(Buffer.from(pdf));
    },
  });
}

/** The logbook's columns as printed (Mẫu 06), one XLSX column each. */
const LOGBOOK_XLSX_COLUMNS: Array<XlsxColumn<LogbookEntry>> = LOGBOOK_COLUMNS.map((c, i) => ({
  header: c.header,
  value: LOGBOOK_VALUES[i]!,
  ...(i === 0 || i === 3 ? { format: 'integer' as const, width: 8 } : {}),
  ...(i >= 6 && i <= 10 ? { format: 'datetime' as const, width: 17 } : {}),
  ...(i === 1 || i === 2 || i === 4 ? { width: 32 } : {}),
}));
