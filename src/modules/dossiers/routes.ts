// HTTP routes for dossiers: intake, lists, one dossier, its actions and files, and the public status lookup.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { requireActor } from '../../http/auth.js';
import { forbidden, notFound, AppError } from '../../errors.js';
import { isoVn } from '../../http/time.js';
import { storeFile } from '../files/store.js';
import { ACTIONS, type ActionName } from './workflow.js';
import { act, intake, IntakeInput } from './service.js';
import { parseIdempotencyKey } from './idempotency.js';
import { dossierDetail, listDossiers } from './view.js';
import { canRead, maskName } from './access.js';
import { findDossierRow } from './store.js';
import { NATIONAL_STATUS_NAMES, STATUS_NAMES, type Status } from './status.js';
import { DOSSIER_CODE } from './code.js';
import { ActionInputs } from './transitions.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';

const Ref = z.object({ ref: z.string().min(1).max(60) });
const refOf = (ref: string): number | string => (/^\d+$/.test(ref) ? Number(ref) : ref);
const Created = z.object({ id: z.number(), code: z.string() });
const ActionResult = z.object({ id: z.number(), code: z.string(), status: z.string(), revision: z.number() });

const ListQuery = z.object({
  scope: z.enum(['mine', 'office', 'unit']).optional(),
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined)),
  procedure: z.string().max(40).optional(),
  field: z.string().max(200).optional(),
  unit: z.string().regex(/^\d{2}(\d{3})?$/).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().trim().max(100).optional(),
  colour: z.enum(['late', 'due_soon']).optional(),
  open: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export function dossierRoutes(app: App, ctx: AppContext): void {
  app.post('/api/dossiers', {
    schema: {
      tags: ['dossiers'],
      summary: 'Tiếp nhận hồ sơ (Intake a dossier at the counter, or record a postal/online one)',
      description: 'Checks the required components, numbers the dossier, computes the due date. Accepts an Idempotency-Key header.',
      body: IntakeInput,
      response: { 201: Created, 200: Created },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const r = await intake(ctx, actor, req.body, parseIdempotencyKey(req.headers['idempotency-key']));
      return reply.status(r.status as 201).header('location', `/api/dossiers/${r.body.id}`).send(r.body);
    },
  });

  app.get('/api/dossiers', {
    schema: { tags: ['dossiers'], summary: 'Danh sách hồ sơ (Dossier inbox with filters)', querystring: ListQuery },
    handler: async (req) => {
      const actor = requireActor(req);
      const q = req.query;
      return listDossiers(ctx, actor, {
        scope: q.scope,
        status: q.status,
        procedureCode: q.procedure,
        field: q.field,
        unitCode: q.unit,
        from: q.from,
        to: q.to,
        q: q.q,
        colour: q.colour,
        open: q.open,
        limit: q.limit,
        offset: q.offset,
      });
    },
  });

  app.get('/api/dossiers/:ref', {
    schema: { tags: ['dossiers'], summary: 'Chi tiết hồ sơ (One dossier: applicant, components, files, history, pauses, due dates, allowed actions)', params: Ref },
    handler: async (req) => dossierDetail(ctx, requireActor(req), refOf(req.params.ref)),
  });

  app.post('/api/dossiers/:ref/actions/:action', {
    schema: {
      tags: ['dossiers'],
      summary: 'Thao tác trên hồ sơ (Take an action: receive, forward, approve, …)',
      description:
        'Actions: ' +
        ACTIONS.join(', ') +
        '. 409 with `allowed` when the state does not allow the action; 403 when your role or unit does not. Send If-Match: <revision> to guard against concurrent edits; Idempotency-Key to make retries safe.',
      params: Ref.extend({ action: z.enum(ACTIONS) }),
      body: z.record(z.string(), z.unknown()).optional(),
      response: { 200: ActionResult },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const ifMatch = req.headers['if-match'];
      const expected = typeof ifMatch === 'string' && /^\d+$/.test(ifMatch.replace(/"/g, '')) ? Number(ifMatch.replace(/"/g, '')) : undefined;
      const action = req.params.action as ActionName;
      const parsed = ActionInputs[action].safeParse(req.body ?? {});
      if (!parsed.success) throw parsed.error;
      const r = await act(ctx, actor, refOf(req.params.ref), action, parsed.data, parseIdempotencyKey(req.headers['idempotency-key']), expected);
      return r.body;
    },
  });

  app.post('/api/dossiers/:ref/files', {
    schema: {
      tags: ['dossiers'],
      summary: 'Đính kèm tệp vào hồ sơ (Attach a file: a component scan, a supplement, a draft or final result)',
      params: Ref,
      body: z.object({ fileId: z.uuid(), kind: z.enum(['component', 'supplement', 'draft_result', 'result']), componentKey: z.string().max(80).optional() }),
    },
    handler: async (req) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const now = ctx.clock.now();
      return ctx.db.transaction().execute(async (tx) => {
        const row = await findDossierRow(tx, refOf(req.params.ref), true);
        if (!row) throw notFound({ vi: 'hồ sơ', en: 'dossier' });
        if (!canRead(actor, row, ctx.units) || actor.grants.every((g) => g.role === 'province_viewer')) throw forbidden();
        if (row.closed_at) throw new AppError('conflict', { vi: 'Hồ sơ đã kết thúc.', en: 'The dossier is closed.' });
        const file = await tx.selectFrom('files').select(['id', 'uploaded_by']).where('id', '=', req.body.fileId).executeTakeFirst();
        if (!file || file.uploaded_by !== actor.accountId) throw notFound({ vi: 'tệp đã tải lên', en: 'uploaded file' });
        if (req.body.componentKey) {
          const c = await tx.selectFrom('dossier_components').select('component_key').where('dossier_id', '=', row.id).where('component_key', '=', req.body.componentKey).executeTakeFirst();
          if (!c) throw notFound({ vi: `thành phần ${req.body.componentKey}`, en: `component ${req.body.componentKey}` });
        }
        const inserted = await tx
          .insertInto('dossier_files')
          .values({ dossier_id: row.id, file_id: file.id, kind: req.body.kind, component_key: req.body.componentKey ?? null, added_by: actor.accountId, added_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(tx, { chain: chainForUnit(row.unit_id), at: now, actorId: actor.accountId, actorRole: null, action: 'dossier.attach_file', entity: 'dossier', entityId: row.code, details: { fileId: file.id, kind: req.body.kind } });
        return { id: inserted.id };
      });
    },
  });

  app.post('/api/files', {
    schema: {
      tags: ['files'],
      summary: 'Tải tệp lên (Upload a scan or document: PDF, JPEG or PNG, judged by content)',
      consumes: ['multipart/form-data'],
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const part = await req.file();
      if (!part) throw new AppError('bad_input', { vi: 'Không có tệp trong yêu cầu (trường "file").', en: 'No file in the request (field "file").' }, { field: 'file' });
      const content = await part.toBuffer();
      const stored = await storeFile(ctx.db, content, part.filename, actor.accountId, ctx.clock.now());
      return reply.status(201).send(stored);
    },
  });

  app.get('/api/files/:id', {
    schema: { tags: ['files'], summary: 'Xem tệp (Download or view a file inline)', params: z.object({ id: z.uuid() }) },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const file = await ctx.db.selectFrom('files').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!file) throw notFound({ vi: 'tệp', en: 'file' });
      if (file.uploaded_by !== actor.accountId) {
        const links = await ctx.db
          .selectFrom('dossier_files as df')
          .innerJoin('dossiers as d', 'd.id', 'df.dossier_id')
          .select(['d.unit_id', 'd.handling_unit_id'])
          .where('df.file_id', '=', file.id)
          .execute();
        if (!links.some((l) => canRead(actor, l, ctx.units))) throw forbidden();
      }
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=300')
        .send(Buffer.from(file.content));
    },
  });

  app.get('/api/public/dossiers/:code', {
    schema: {
      tags: ['public'],
      summary: 'Tra cứu hồ sơ (Public status of a dossier by its code — no personal data)',
      params: z.object({ code: z.string().max(60) }),
    },
    handler: async (req) => {
      const code = req.params.code.trim();
      if (!DOSSIER_CODE.test(code)) {
        throw new AppError('bad_input', { vi: 'Mã hồ sơ không đúng định dạng (ví dụ 000.00.01.H46-261123-0001).', en: 'The dossier code is malformed (e.g. 000.00.01.H46-261123-0001).' }, { field: 'code' });
      }
      await ctx.units.ready();
      const row = await ctx.db
        .selectFrom('dossiers as d')
        .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
        .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
        .select(['d.id', 'd.code', 'd.status', 'd.national_status', 'd.unit_id', 'd.handling_unit_id', 'd.applicant_name', 'd.submitted_at', 'd.received_at', 'd.due_at', 'd.resolved_at', 'd.returned_at', 'd.is_practice', 'p.code as procedure_code', 'v.name as procedure_name'])
        .where('d.code', '=', code)
        .executeTakeFirst();
      if (!row || row.is_practice) throw notFound({ vi: `hồ sơ mã ${code}`, en: `dossier ${code}` });
      const pause = await ctx.db.selectFrom('dossier_pauses').select(['kind', 'reason', 'details', 'started_at']).where('dossier_id', '=', row.id).where('ended_at', 'is', null).executeTakeFirst();
      // `key` is what the citizen uploads each item under (POST /api/public/dossiers/{code}/supplement): the
      // component's key, or "missing-N" (1-based) for an item the officer named freely.
      const missing =
        pause?.kind === 'supplement'
          ? ((pause.details as { missing?: Array<{ componentKey?: string | null; name: string; requirement: string | null }> }).missing ?? []).map((m, i) => ({
              key: m.componentKey ?? `missing-${i + 1}`,
              name: m.name,
              requirement: m.requirement,
            }))
          : [];
      const rated = !!(await ctx.db.selectFrom('ratings').select('dossier_id').where('dossier_id', '=', row.id).executeTakeFirst());
      return {
        code: row.code,
        status: row.status,
        statusName: STATUS_NAMES[row.status as Status],
        nationalStatus: row.national_status,
        nationalStatusName: NATIONAL_STATUS_NAMES[row.national_status]!,
        procedure: { code: row.procedure_code, name: row.procedure_name },
        unit: ctx.units.byId(row.unit_id)?.name ?? '',
        handlingUnit: ctx.units.byId(row.handling_unit_id)?.name ?? '',
        applicantName: maskName(row.applicant_name),
        submittedAt: isoVn(row.submitted_at),
        receivedAt: isoVn(row.received_at),
        dueAt: isoVn(row.due_at),
        resolvedAt: isoVn(row.resolved_at),
        returnedAt: isoVn(row.returned_at),
        pause: pause ? { kind: pause.kind, reason: pause.reason, since: isoVn(pause.started_at) } : null,
        missing,
        rated,
      };
    },
  });
}
