// Admin routes of the procedure catalogue: versions, time limits an admin completes, and imports of the
// national file. The catalogue is national (one record per procedure for every commune), so every change
// here is a system_admin's; officials of any unit may read the versions. Changes are new versions: a
// dossier keeps the version it was received under.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { badInput, domainRule, forbidden, notFound } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import { appendAudit } from '../audit/chain.js';
import type { Actor, Grant } from '../people/actor.js';
import {
  applyPatch,
  attributeUnits,
  changedFields,
  checkOnlineLevel,
  contentOf,
  setTimeLimit,
  CHANNEL_NAMES,
  type ProcedureContent,
} from './domain.js';
import { parseInstant, toVietnamIso } from './due-date.js';
import { parseCatalogue, ProcedureRecord, recordToContent } from './importer.js';
import { ChannelName, LimitUnitName, OnlineLevel, ProcedureCode, ProcedureView, procedureView, VersionSummary } from './schema.js';
import { getVersionById, listVersions, reviseProcedure, saveCatalogueIn, type ProcedureVersion } from './store.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) => z.string().max(max).nullable().optional();

const ChannelInput = z
  .object({
    channel: ChannelName,
    timeLimit: z.object({
      value: z.number().int().min(0).max(3650).nullable(),
      unit: LimitUnitName.nullable(),
      text: z.string().max(500).nullable().default(null),
    }),
    fee: z
      .object({ amount: z.number().min(0).nullable(), currency: z.enum(['VND', 'USD']).nullable().default(null), text: z.string().max(500).nullable().default(null) })
      .default({ amount: null, currency: null, text: null }),
    description: z.string().max(5000).nullable().default(null),
  })
  .strict();

const ComponentFields = {
  form: Optional(500),
  originals: z.number().int().min(0).max(50),
  copies: z.number().int().min(0).max(50),
  note: Optional(2000),
  required: z.boolean().optional(),
};

/** Fields left out keep their value in the latest version. */
export const ProcedurePatch = z
  .object({
    name: Text(1000).optional(),
    field: Text(300).optional(),
    ministry: Optional(300),
    decision: Optional(300),
    levels: z.array(z.string().max(100)).max(10).optional(),
    applicants: Optional(2000),
    agency: Optional(1000),
    steps: Optional(50_000),
    requirements: Optional(50_000),
    source: Optional(1000),
    onlineLevel: OnlineLevel.optional(),
    channels: z.array(ChannelInput).min(1).max(30).optional(),
    components: z
      .array(z.object({ key: z.string().max(60), name: Text(5000).optional(), ...ComponentFields, originals: ComponentFields.originals.optional(), copies: ComponentFields.copies.optional() }).strict())
      .max(200)
      .optional(),
    addComponents: z.array(z.object({ name: Text(5000), ...ComponentFields }).strict()).max(100).optional(),
    removeComponents: z.array(z.string().max(60)).max(200).optional(),
    componentNotes: z.array(z.string().max(5000)).max(100).optional(),
    results: z.array(z.object({ name: Text(2000), code: z.string().max(100).nullable().default(null) })).max(50).optional(),
    legalBasis: z.array(z.object({ number: Text(200), title: z.string().max(2000).nullable().default(null) })).max(200).optional(),
  })
  .strict();

export const NewVersion = z
  .object({
    /** ISO 8601; default now. Not before the latest version's effective date. */
    effectiveFrom: z.string().max(64).optional(),
    note: z.string().trim().max(1000).optional(),
    /** The whole record, in the catalogue file's shape. */
    content: ProcedureRecord.omit({ code: true }).extend({ code: ProcedureCode.optional() }).optional(),
    patch: ProcedurePatch.optional(),
  })
  .strict();

const TimeLimitBody = z
  .object({
    value: z.number().int().min(0).max(365),
    unit: LimitUnitName,
    note: z.string().trim().max(1000).optional(),
    /** Which row of this channel, when the catalogue has several (different cases); 0 is the one intake uses. */
    row: z.number().int().min(0).max(30).default(0),
  })
  .strict();

const ImportReport = z.object({
  created: z.number().int(),
  newVersions: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.string().nullable(), reason: z.string(), message: z.object({ vi: z.string(), en: z.string() }) })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});

const CodeParams = z.object({ code: ProcedureCode });
const TAGS = ['catalogue'];

/** The catalogue is national: a system admin's grant anywhere is enough, a centre admin's never is. */
function requireSystemAdmin(actor: Actor): Grant {
  const grant = actor.grants.find((g) => g.role === 'system_admin');
  if (!grant) {
    throw forbidden({
      vi: 'Danh mục thủ tục hành chính là danh mục quốc gia: chỉ quản trị hệ thống được thay đổi.',
      en: 'The procedure catalogue is national: only a system admin may change it.',
    });
  }
  return grant;
}

function requireOfficial(actor: Actor): void {
  if (actor.grants.length === 0) throw forbidden();
}

const procedureNotFound = (code: string) => notFound({ vi: `thủ tục mã ${code}`, en: `procedure ${code}` });

export function catalogueRoutes(app: App, ctx: AppContext): void {
  app.get('/api/procedures/:code/versions', {
    schema: {
      tags: TAGS,
      summary: 'Các phiên bản của thủ tục (Versions of a procedure)',
      params: CodeParams,
      response: { 200: z.object({ code: z.string(), versions: z.array(VersionSummary) }) },
    },
    handler: async (req) => {
      requireOfficial(requireActor(req));
      const versions = await listVersions(ctx.db, req.params.code);
      if (versions.length === 0) throw procedureNotFound(req.params.code);
      const now = ctx.clock.now();
      return { code: req.params.code, versions: versions.map((v) => versionSummary(v, now)) };
    },
  });

  app.get('/api/procedures/:code/versions/:version', {
    schema: {
      tags: TAGS,
      summary: 'Một phiên bản của thủ tục (One version of a procedure)',
      params: CodeParams.extend({ version: z.coerce.number().int().min(1) }),
      response: { 200: ProcedureView },
    },
    handler: async (req) => {
      requireOfficial(requireActor(req));
      const v = (await listVersions(ctx.db, req.params.code)).find((x) => x.version === req.params.version);
      if (!v) throw notFound({ vi: `phiên bản ${req.params.version} của thủ tục ${req.params.code}`, en: `version ${req.params.version} of procedure ${req.params.code}` });
      return procedureView(v);
    },
  });

  app.post('/api/procedures/:code/versions', {
    schema: {
      tags: TAGS,
      summary: 'Thêm phiên bản mới của thủ tục (Add a new version)',
      description:
        'Quản trị hệ thống. Gửi `content` (toàn bộ, dạng tệp danh mục) hoặc `patch` (chỉ những gì thay đổi, áp lên phiên bản mới nhất). ' +
        '/ System admin. Send `content` (the whole record, in the catalogue file shape) or `patch` (only what changes, applied to the latest version).',
      params: CodeParams,
      body: NewVersion,
      response: { 201: ProcedureView },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const grant = requireSystemAdmin(actor);
      const { code } = req.params;
      const body = req.body;
      if ((body.content === undefined) === (body.patch === undefined)) {
        throw badInput('body.patch', { vi: 'Gửi đúng một trong hai: content (toàn bộ) hoặc patch (phần thay đổi).', en: 'Send exactly one of content (the whole record) or patch (the changes).' });
      }
      if (body.content?.code !== undefined && body.content.code !== code) {
        throw badInput('body.content.code', { vi: `Mã trong nội dung (${body.content.code}) khác mã trên đường dẫn (${code}).`, en: `The code in the content (${body.content.code}) differs from the path (${code}).` });
      }
      const effectiveFrom = body.effectiveFrom === undefined ? ctx.clock.now() : parseInstant(body.effectiveFrom);
      if (!effectiveFrom) throw badInput('body.effectiveFrom', { vi: 'Ngày hiệu lực không hợp lệ (ISO 8601).', en: 'Invalid effective date (ISO 8601).' });
      const now = ctx.clock.now();
      const created = await ctx.db.transaction().execute(async (tx) => {
        let changed: string[] = [];
        const next = (latest: ProcedureVersion): ProcedureContent => {
          if (effectiveFrom <= latest.effectiveFrom) {
            throw badInput('body.effectiveFrom', {
              vi: `Ngày hiệu lực phải sau ngày hiệu lực của phiên bản ${latest.version} (${toVietnamIso(latest.effectiveFrom)}).`,
              en: `The effective date must be after that of version ${latest.version} (${toVietnamIso(latest.effectiveFrom)}).`,
            });
          }
          const content = body.content ? fromRecord(code, body.content, latest) : fromPatch(latest, body.patch!);
          changed = changedFields(contentOf(latest), content);
          return content;
        };
        const { created: r } = await reviseProcedure(tx, code, effectiveFrom, { accountId: actor.accountId, note: body.note ?? null, at: now }, next);
        if (!r) throw domainRule({ vi: 'Nội dung không khác phiên bản mới nhất: không tạo phiên bản mới.', en: 'Nothing differs from the latest version: no new version was made.' });
        await appendAudit(tx, {
          chain: 'system',
          at: now,
          actorId: actor.accountId,
          actorRole: grant.role,
          action: 'procedure.version_added',
          entity: 'procedure',
          entityId: code,
          details: { version: r.version, versionId: r.versionId, effectiveFrom: effectiveFrom.toISOString(), changed, note: body.note ?? null },
        });
        return getVersionById(tx, r.versionId);
      });
      return reply.status(201).send(procedureView(created));
    },
  });

  app.put('/api/procedures/:code/channels/:channel/time-limit', {
    schema: {
      tags: TAGS,
      summary: 'Đặt thời hạn giải quyết của một cách thức (Set a channel’s time limit)',
      description:
        'Quản trị hệ thống. Khi nguồn không ghi đơn vị thời hạn, quản trị viên đặt đơn vị (và số); tạo phiên bản mới có hiệu lực ngay. ' +
        '/ System admin. Where the source lacks a time limit’s unit, set it; makes a new version in force now.',
      params: CodeParams.extend({ channel: ChannelName }),
      body: TimeLimitBody,
      response: { 200: ProcedureView },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const grant = requireSystemAdmin(actor);
      const { code, channel } = req.params;
      const { value, unit, note, row } = req.body;
      const now = ctx.clock.now();
      return ctx.db.transaction().execute(async (tx) => {
        const next = (latest: ProcedureVersion): ProcedureContent => {
          const content = setTimeLimit(latest, channel, row, { value, unit });
          if (!content) {
            throw notFound({
              vi: `dòng ${row + 1} của cách thức "${CHANNEL_NAMES[channel].vi}" trong thủ tục ${code}`,
              en: `row ${row + 1} of the ${CHANNEL_NAMES[channel].en} channel of procedure ${code}`,
            });
          }
          return content;
        };
        const by = { accountId: actor.accountId, note: note ?? `time limit: ${channel} ${value} ${unit}`, at: now };
        const { created: r, latest } = await reviseProcedure(tx, code, now, by, next);
        // PUT is idempotent: the same limit again changes nothing and answers with the latest version.
        if (!r) return procedureView(latest);
        await appendAudit(tx, {
          chain: 'system',
          at: now,
          actorId: actor.accountId,
          actorRole: grant.role,
          action: 'procedure.time_limit_set',
          entity: 'procedure',
          entityId: code,
          details: { version: r.version, versionId: r.versionId, channel, row, value, unit, note: note ?? null },
        });
        return procedureView(await getVersionById(tx, r.versionId));
      });
    },
  });

  app.post('/api/procedures/import', {
    bodyLimit: 10 * 1024 * 1024,
    schema: {
      tags: TAGS,
      summary: 'Nhập danh mục thủ tục từ tệp (Import the catalogue file)',
      description:
        'Quản trị hệ thống. Thân yêu cầu là tệp danh mục (dạng procedures.json). Bản ghi lỗi bị loại kèm lý do, các bản ghi khác vẫn được nhập; đơn vị thời hạn và thành phần bắt buộc do quản trị viên đặt được giữ lại. ' +
        '/ System admin. The body is a catalogue file; bad records are rejected with the reason and the rest imported; units and required flags an admin set are kept.',
      querystring: z.object({ effectiveFrom: z.string().max(64).optional() }),
      body: z.union([z.object({ procedures: z.array(z.unknown()) }).loose(), z.array(z.unknown())]),
      response: { 200: ImportReport },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const grant = requireSystemAdmin(actor);
      const effectiveFrom = req.query.effectiveFrom === undefined ? ctx.clock.now() : parseInstant(req.query.effectiveFrom);
      if (!effectiveFrom) throw badInput('querystring.effectiveFrom', { vi: 'Ngày hiệu lực không hợp lệ (ISO 8601).', en: 'Invalid effective date (ISO 8601).' });
      const parsed = parseCatalogue(req.body);
      return ctx.db.transaction().execute(async (tx) => {
        const report = await saveCatalogueIn(tx, parsed, effectiveFrom, actor.accountId);
        await appendAudit(tx, {
          chain: 'system',
          at: ctx.clock.now(),
          actorId: actor.accountId,
          actorRole: grant.role,
          action: 'catalogue.imported',
          entity: 'catalogue',
          entityId: 'national',
          details: {
            effectiveFrom: effectiveFrom.toISOString(),
            created: report.created,
            newVersions: report.newVersions,
            unchanged: report.unchanged,
            rejected: report.rejected.map((r) => ({ index: r.index, code: r.code })),
          },
        });
        return report;
      });
    },
  });
}

function versionSummary(v: ProcedureVersion, now: Date): z.infer<typeof VersionSummary> {
  return {
    version: v.version,
    versionId: v.versionId,
    effectiveFrom: toVietnamIso(v.effectiveFrom),
    effectiveTo: v.effectiveTo ? toVietnamIso(v.effectiveTo) : null,
    inForce: v.effectiveFrom <= now && (v.effectiveTo === null || now < v.effectiveTo),
    name: v.name,
    changeNote: v.changeNote,
    createdBy: v.createdBy,
    createdAt: toVietnamIso(v.createdAt),
  };
}

type ContentInput = NonNullable<z.infer<typeof NewVersion>['content']>;

/** A whole record from an admin: rows that differ from the latest version are attributed to the admin. */
function fromRecord(code: string, record: ContentInput, latest: ProcedureVersion): ProcedureContent {
  const content = recordToContent({ ...record, code });
  const next = { ...content, channels: attributeUnits(content.channels, latest.channels) };
  const problem = checkOnlineLevel(next);
  if (problem) throw badInput('body.content.onlineLevel', problem);
  return next;
}

function fromPatch(latest: ProcedureVersion, patch: z.infer<typeof ProcedurePatch>): ProcedureContent {
  const result = applyPatch(latest, patch);
  if (!result.ok) throw badInput(`body.patch.${result.field}`, result.reason);
  return result.content;
}
