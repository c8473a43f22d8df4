// HTTP of the capacity module's positions part (issue 6): competencies, officials, job positions with their
// frameworks and holders, profiles, assessments, certificates, gaps (JSON or XLSX) and the cover finder.
// Routes parse, call one service function and shape the output; access is checked in the services.
import type { App, AppContext } from '../../../context.js';
import { requireActor } from '../../../http/auth.js';
import { sendXlsx } from '../../../lib/xlsx.js';
import { cover, gaps, type GapsAggregate, type GapsUnit } from './gaps.js';
import { officialProfile } from './profile.js';
import { addAssessment, addCertificate, expiringCertificates, revokeCertificate } from './records.js';
import {
  CoverQuery,
  ExpiringQuery,
  GapsQuery,
  IdParam,
  NewAssessment,
  NewAssignment,
  NewCertificate,
  NewCompetency,
  NewPosition,
  PositionUpdate,
  ProfileQuery,
  Revocation,
  UnitQuery,
} from './schemas.js';
import { addCompetency, assignPosition, createPosition, listAssignments, listCompetencies, listOfficials, listPositions, updatePosition } from './service.js';

const TAGS = ['capacity'];
const P = '/api/capacity';

export function positionsRoutes(app: App, ctx: AppContext): void {
  app.get(`${P}/competencies`, {
    schema: { tags: TAGS, summary: 'Danh mục năng lực (Competencies: the national list and the unit\'s own)', querystring: UnitQuery },
    handler: async (req) => listCompetencies(ctx, requireActor(req), req.query.unit),
  });
  app.post(`${P}/competencies`, {
    schema: { tags: TAGS, summary: 'Thêm năng lực của đơn vị (Add a unit\'s own competency)', body: NewCompetency },
    handler: async (req, reply) => reply.status(201).send(await addCompetency(ctx, requireActor(req), req.body)),
  });

  app.get(`${P}/officials`, {
    schema: { tags: TAGS, summary: 'Cán bộ của đơn vị và vị trí hiện giữ (The unit\'s officials with their current position)', querystring: UnitQuery },
    handler: async (req) => listOfficials(ctx, requireActor(req), req.query.unit),
  });

  app.get(`${P}/positions`, {
    schema: { tags: TAGS, summary: 'Vị trí việc làm, bản mô tả công việc và khung năng lực (Job positions with job description, framework and holders)', querystring: UnitQuery },
    handler: async (req) => listPositions(ctx, requireActor(req), req.query.unit),
  });
  app.post(`${P}/positions`, {
    schema: { tags: TAGS, summary: 'Thêm vị trí việc làm (Create a job position with its competency framework)', body: NewPosition },
    handler: async (req, reply) => reply.status(201).send(await createPosition(ctx, requireActor(req), req.body)),
  });
  app.put(`${P}/positions/:id`, {
    schema: { tags: TAGS, summary: 'Sửa vị trí việc làm và khung năng lực (Update a position and replace its framework)', params: IdParam, body: PositionUpdate },
    handler: async (req) => updatePosition(ctx, requireActor(req), req.params.id, req.body),
  });
  app.post(`${P}/positions/:id/assignments`, {
    schema: { tags: TAGS, summary: 'Bố trí cán bộ vào vị trí (Assign an official; their open assignment ends the day before)', params: IdParam, body: NewAssignment },
    handler: async (req, reply) => reply.status(201).send(await assignPosition(ctx, requireActor(req), req.params.id, req.body)),
  });
  app.get(`${P}/officials/:id/assignments`, {
    schema: { tags: TAGS, summary: 'Quá trình giữ vị trí của cán bộ (An official\'s position history)', params: IdParam },
    handler: async (req) => listAssignments(ctx, requireActor(req), req.params.id),
  });

  app.get(`${P}/officials/me/profile`, {
    schema: { tags: TAGS, summary: 'Hồ sơ năng lực của tôi (My capacity profile)', querystring: ProfileQuery },
    handler: async (req) => {
      const actor = requireActor(req);
      return officialProfile(ctx, actor, actor.accountId, req.query.year);
    },
  });
  app.get(`${P}/officials/:id/profile`, {
    schema: { tags: TAGS, summary: 'Hồ sơ năng lực của cán bộ (An official\'s capacity profile: levels, evidence, certificates, training, practice)', params: IdParam, querystring: ProfileQuery },
    handler: async (req) => officialProfile(ctx, requireActor(req), req.params.id, req.query.year),
  });
  app.post(`${P}/officials/:id/assessments`, {
    schema: { tags: TAGS, summary: 'Đánh giá mức năng lực (Assess a level: a leader\'s assessment, or the official\'s own)', params: IdParam, body: NewAssessment },
    handler: async (req, reply) => reply.status(201).send(await addAssessment(ctx, requireActor(req), req.params.id, req.body)),
  });
  app.post(`${P}/officials/:id/certificates`, {
    schema: { tags: TAGS, summary: 'Ghi chứng chỉ (Record a certificate)', params: IdParam, body: NewCertificate },
    handler: async (req, reply) => reply.status(201).send(await addCertificate(ctx, requireActor(req), req.params.id, req.body)),
  });
  app.post(`${P}/certificates/:id/revoke`, {
    schema: { tags: TAGS, summary: 'Thu hồi chứng chỉ (Revoke a certificate)', params: IdParam, body: Revocation },
    handler: async (req) => revokeCertificate(ctx, requireActor(req), req.params.id, req.body),
  });
  app.get(`${P}/certificates/expiring`, {
    schema: { tags: TAGS, summary: 'Chứng chỉ sắp hết hạn, đã hết hạn (Certificates expiring or expired; the province gets counts per commune)', querystring: ExpiringQuery },
    handler: async (req) => expiringCertificates(ctx, requireActor(req), req.query.unit, req.query.days),
  });

  app.get(`${P}/gaps`, {
    schema: { tags: TAGS, summary: 'Khoảng cách năng lực, bản đồ nhiệt, lĩnh vực rủi ro (Gaps: heat map, positions, fields at risk; JSON or XLSX)', querystring: GapsQuery },
    handler: async (req, reply) => {
      const r = await gaps(ctx, requireActor(req), req.query.unit);
      if (req.query.format !== 'xlsx') return r;
      return sendXlsx(reply, `khoang-cach-nang-luc-${r.unit.code}`, r.scope === 'unit' ? unitSheets(r) : aggregateSheets(r));
    },
  });

  app.get(`${P}/cover`, {
    schema: { tags: TAGS, summary: 'Ai thay được khi cán bộ vắng (Who can handle a field\'s dossiers while an official is away)', querystring: CoverQuery },
    handler: async (req) => cover(ctx, requireActor(req), req.query),
  });
}

function unitSheets(r: GapsUnit) {
  const names = new Map(r.competencies.map((c) => [c.id, c.name.vi]));
  type Line = { official: string; position: string; competency: string; required: number | null; held: number; gap: number };
  const lines: Line[] = r.officials.flatMap((o) =>
    o.cells
      .filter((c) => c.required !== null || c.held > 0)
      .map((c) => ({ official: o.fullName, position: o.position?.name ?? '', competency: names.get(c.competencyId) ?? '', required: c.required, held: c.held, gap: c.gap })),
  );
  type Risk = GapsUnit['risks'][number];
  const subtitle = [`Đơn vị: ${r.unit.name}`, `${r.summary.officials} cán bộ, ${r.summary.withGap} cán bộ còn thiếu, ${r.summary.riskFields} lĩnh vực rủi ro`];
  return [
    {
      sheet: 'Khoảng cách năng lực',
      title: 'Khoảng cách năng lực: mức yêu cầu và mức hiện có',
      subtitle,
      columns: [
        { header: 'Cán bộ', value: 'official' as const, width: 26 },
        { header: 'Vị trí việc làm', value: 'position' as const, width: 30 },
        { header: 'Năng lực', value: 'competency' as const, width: 40 },
        { header: 'Mức yêu cầu', value: 'required' as const, format: 'integer' as const },
        { header: 'Mức hiện có', value: 'held' as const, format: 'integer' as const },
        { header: 'Còn thiếu', value: 'gap' as const, format: 'integer' as const },
      ],
      rows: lines,
    },
    {
      sheet: 'Lĩnh vực rủi ro',
      title: 'Lĩnh vực có dưới 2 cán bộ đủ năng lực',
      subtitle,
      columns: [
        { header: 'Lĩnh vực', value: (x: Risk) => x.field ?? x.name.vi, width: 30 },
        { header: 'Số cán bộ đủ năng lực', value: 'competent' as const, format: 'integer' as const, width: 20 },
        { header: 'Cán bộ có năng lực (mức)', value: (x: Risk) => x.officials.map((o) => `${o.fullName} (${o.level})`).join('; '), width: 60 },
      ],
      rows: r.risks,
    },
  ];
}

function aggregateSheets(r: GapsAggregate) {
  type Commune = GapsAggregate['communes'][number];
  type Comp = GapsAggregate['competencies'][number];
  return [
    {
      sheet: 'Theo xã, phường',
      title: 'Khoảng cách năng lực theo xã, phường',
      subtitle: [`Đơn vị: ${r.unit.name}`],
      columns: [
        { header: 'Mã', value: 'code' as const, width: 8 },
        { header: 'Xã, phường', value: 'name' as const, width: 28 },
        { header: 'Số cán bộ', value: 'officials' as const, format: 'integer' as const },
        { header: 'Cán bộ còn thiếu', value: 'withGap' as const, format: 'integer' as const },
        { header: 'Ô còn thiếu', value: 'gapCells' as const, format: 'integer' as const },
        { header: 'Lĩnh vực rủi ro', value: 'riskFields' as const, format: 'integer' as const },
      ],
      rows: r.communes as Commune[],
    },
    {
      sheet: 'Theo năng lực',
      title: 'Khoảng cách theo năng lực',
      subtitle: [`Đơn vị: ${r.unit.name}`],
      columns: [
        { header: 'Năng lực', value: (x: Comp) => x.name.vi, width: 40 },
        { header: 'Số cán bộ được yêu cầu', value: 'required' as const, format: 'integer' as const },
        { header: 'Số cán bộ còn thiếu', value: 'withGap' as const, format: 'integer' as const },
      ],
      rows: r.competencies as Comp[],
    },
  ];
}
