// HTTP routes of population data at the counter: look a person up in the population database (structure
// checked first, every successful answer stored as proof), and list the documents digitised for the same
// person in earlier dossiers. ID numbers travel in the path; the logger masks them (src/server.ts).
import { z } from 'zod';
import type { App, AppContext } from '../../../context.js';
import { AppError, notFound } from '../../../errors.js';
import { requireActor } from '../../../http/auth.js';
import { bi } from '../../../http/errors.js';
import { isoVn } from '../../../http/time.js';
import { unitsWithRole } from '../../people/actor.js';
import type { Msg } from '../../../errors.js';
import { describeProblems, parsePersonalId } from './personal-id.js';
import { fetchCitizen, PopulationUnavailable } from './client.js';
import { CitizenRecord, PopulationApplicant, toApplicantFields } from './record.js';
import { saveLookup } from './provenance.js';
import { listReusableDocuments, REUSE_ROLES, reuseForbidden } from './reuse.js';

const LookupResult = z.object({
  lookupId: z.uuid(),
  source: z.literal('population_database'),
  fetchedAt: z.string(),
  applicant: PopulationApplicant,
  record: CitizenRecord,
});

const ReusableDocumentView = z.object({
  fileId: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  componentKey: z.string(),
  componentName: z.string(),
  dossierId: z.number().int(),
  dossierCode: z.string(),
  procedureName: z.string(),
  submittedAt: z.string(),
});

const Unavailable = z.object({ error: z.literal('unavailable'), message: z.object({ vi: z.string(), en: z.string() }) });

const UNAVAILABLE: Record<PopulationUnavailable['reason'], Msg> = {
  off: {
    vi: 'Chưa kết nối CSDL quốc gia về dân cư (quản trị hệ thống cấu hình MOTCUA_POPULATION_URL). Hãy nhập thông tin theo giấy tờ của người nộp.',
    en: "The population database is not connected (the system admin sets MOTCUA_POPULATION_URL). Enter the details from the applicant's papers.",
  },
  timeout: {
    vi: 'CSDL quốc gia về dân cư không trả lời kịp. Hãy thử lại sau ít phút, hoặc nhập thông tin theo giấy tờ của người nộp.',
    en: "The population database did not answer in time. Try again in a few minutes, or enter the details from the applicant's papers.",
  },
  unreachable: {
    vi: 'Không kết nối được CSDL quốc gia về dân cư. Hãy thử lại sau ít phút, hoặc nhập thông tin theo giấy tờ của người nộp.',
    en: "The population database cannot be reached. Try again in a few minutes, or enter the details from the applicant's papers.",
  },
  server_error: {
    vi: 'CSDL quốc gia về dân cư đang gặp sự cố. Hãy thử lại sau ít phút, hoặc nhập thông tin theo giấy tờ của người nộp.',
    en: "The population database is having trouble. Try again in a few minutes, or enter the details from the applicant's papers.",
  },
  credentials: {
    vi: 'CSDL quốc gia về dân cư từ chối mã truy cập của MotCua. Hãy báo quản trị hệ thống; trong lúc chờ, nhập thông tin theo giấy tờ.',
    en: "The population database refused MotCua's access token. Tell the system admin; meanwhile enter the details from the papers.",
  },
  bad_answer: {
    vi: 'CSDL quốc gia về dân cư trả lời không đúng định dạng. Hãy báo quản trị hệ thống; trong lúc chờ, nhập thông tin theo giấy tờ.',
    en: 'The population database gave an answer MotCua cannot read. Tell the system admin; meanwhile enter the details from the papers.',
  },
};

function requireApplicantRole(ctx: AppContext, actor: ReturnType<typeof requireActor>): number[] {
  const units = unitsWithRole(actor, REUSE_ROLES, ctx.units);
  if (units.length === 0) throw reuseForbidden();
  return units;
}

export function populationRoutes(app: App, ctx: AppContext): void {
  app.get('/api/population/citizens/:idNumber', {
    schema: {
      tags: ['population'],
      summary: 'Tra cứu CSDL quốc gia về dân cư (Look a citizen up in the population database by personal ID number)',
      description:
        'Cán bộ tiếp nhận, chuyên viên. Kiểm tra cấu trúc số trước (400 nêu phần sai), 404 nếu CSDL không có, 503 nếu mất kết nối. Mỗi lượt tra cứu được lưu (lookupId) để chứng minh nguồn dữ liệu khi tiếp nhận. / ' +
        'Receiving officers and specialists. The structure is checked first (400 naming the wrong part); 404 when the database has no such person; 503 when it cannot be reached. Each lookup is stored (lookupId) to prove the data source at intake.',
      params: z.object({ idNumber: z.string().max(40) }),
      response: { 200: LookupResult, 503: Unavailable },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      requireApplicantRole(ctx, actor);
      const now = ctx.clock.now();
      const parsed = parsePersonalId(req.params.idNumber, now);
      if (!parsed.ok) {
        throw new AppError('bad_input', describeProblems(parsed.problems), {
          field: 'idNumber',
          details: { problems: parsed.problems.map((p) => ({ part: p.part, positions: p.positions, message: p.message })) },
        });
      }
      const idNumber = parsed.value.idNumber;
      let answer;
      try {
        answer = await fetchCitizen(ctx.config.integrations.population, idNumber);
      } catch (e) {
        if (!(e instanceof PopulationUnavailable)) throw e;
        if (e.reason !== 'off') req.log.warn({ reason: e.reason, status: e.status }, 'population database unavailable');
        return reply.status(503).header('retry-after', '60').send({ error: 'unavailable' as const, message: UNAVAILABLE[e.reason] });
      }
      if (!answer.found) throw notFound({ vi: 'công dân có số định danh này trong CSDL quốc gia về dân cư', en: 'citizen with this ID number in the population database' });
      const lookupId = await saveLookup(ctx.db, actor.accountId, idNumber, answer.record, now);
      reply.header('cache-control', 'no-store');
      return { lookupId, source: 'population_database' as const, fetchedAt: isoVn(now), applicant: toApplicantFields(answer.record), record: answer.record };
    },
  });

  app.get('/api/applicants/:idNumber/documents', {
    schema: {
      tags: ['dossiers'],
      summary: 'Giấy tờ đã số hoá của người nộp (Documents digitised in the applicant’s earlier dossiers, newest first)',
      description:
        'Cán bộ tiếp nhận, chuyên viên: chỉ hồ sơ của đơn vị mình. Dùng lại khi tiếp nhận bằng trường `reuse`. / Receiving officers and specialists, their own units’ dossiers only. Reuse one at intake with `reuse`.',
      params: z.object({
        idNumber: z.string().trim().regex(/^\d{12}$/, bi('Số định danh cá nhân phải gồm đúng 12 chữ số', 'The personal ID number must be exactly 12 digits')),
      }),
      response: { 200: z.object({ items: z.array(ReusableDocumentView) }) },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      await ctx.units.ready();
      const units = requireApplicantRole(ctx, actor);
      reply.header('cache-control', 'no-store');
      return { items: await listReusableDocuments(ctx.db, units, req.params.idNumber) };
    },
  });
}
