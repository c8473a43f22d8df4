// Administration of units (provinces, communes, wards, special zones): search, the unit page with its offices
// and office hours, the official QCVN 102 identifier used in dossier codes, and merges into a successor unit.
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { AppError, badInput, conflict, domainRule, notFound } from '../../errors.js';
import { requireActor } from '../../http/auth.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { CalendarError, weekSchedule, WeekScheduleConfig } from '../calendar/index.js';
import { invalidateCalendars } from '../calendar/store.js';
import { requireGrant } from '../people/actor.js';
import { listAccounts } from '../people/accounts-store.js';
import { ROLE_NAMES, WORKING_ROLES } from '../people/roles.js';
import type { UnitInfo } from './directory.js';
import {
  CodeParams,
  ListQuery,
  MergeBody,
  Office,
  OfficeBody,
  OfficeHours,
  OfficeHoursBody,
  parseInstant,
  UnitDetail,
  UnitPatch,
  UnitSummary,
} from './schema.js';
import {
  getUnit,
  identifierTaken,
  insertOffice,
  isUniqueViolation,
  listOffices,
  listPredecessors,
  mergeUnit,
  searchUnits,
  setOfficeHours,
  toSummary,
  updateUnit,
  type UnitRecord,
} from './store.js';

const TAGS = ['units'];

/** Roles that work dossiers: the people a dossier can be assigned or forwarded to. */

const Officials = z.object({
  officials: z.array(
    z.object({
      id: z.number(),
      fullName: z.string(),
      roles: z.array(z.object({ role: z.string(), roleName: z.object({ vi: z.string(), en: z.string() }), officeCode: z.string().nullable(), officeName: z.string().nullable() })),
    }),
  ),
  offices: z.array(Office.extend({ id: z.number() })),
});

function publicSummary(u: UnitRecord): UnitSummary {
  const { id: _, ...rest } = toSummary(u);
  return rest;
}

function officeHoursOf(stored: unknown): z.infer<typeof OfficeHours> {
  const parsed = WeekScheduleConfig.safeParse(stored ?? {});
  const config = parsed.success ? parsed.data : {};
  const s = weekSchedule(config);
  return {
    weekdayHours: (s.hours[1] ?? []).map((i) => ({ start: i.start, end: i.end })),
    saturdayMorning: s.hours[6]?.[0] ? { start: s.hours[6][0].start, end: s.hours[6][0].end } : null,
    saturdayCountsForDeadlines: s.saturdayCountsForDeadlines,
    sameDayCutoff: s.sameDayCutoff,
    isDefault: stored === null || stored === undefined || !parsed.success || Object.keys(config).length === 0,
  };
}

/**
 * Runs the calendar module's own check and names the field at fault. Monday–Friday share one list, so a
 * failure of that list alone is `weekdayHours`; then the Saturday shift; what remains is a counted Saturday
 * without a shift.
 */
function checkOfficeHours(config: WeekScheduleConfig): void {
  const attempt = (c: WeekScheduleConfig): CalendarError | null => {
    try {
      weekSchedule(c);
      return null;
    } catch (err) {
      if (err instanceof CalendarError) return err;
      throw err;
    }
  };
  const failure = attempt(config);
  if (!failure) return;
  const details = { reason: failure.message };
  if (attempt({ weekdayHours: config.weekdayHours })) {
    throw new AppError(
      'bad_input',
      {
        vi:
          'Giờ làm việc thứ Hai–thứ Sáu không hợp lệ: mỗi khoảng phải kết thúc sau khi bắt đầu, ' +
          'các khoảng xếp theo thứ tự và không chồng nhau.',
        en: 'Invalid Monday–Friday hours: each interval must end after it starts, in order, without overlaps.',
      },
      { field: 'body.weekdayHours', details },
    );
  }
  if (attempt({ saturdayMorning: config.saturdayMorning })) {
    throw new AppError(
      'bad_input',
      { vi: 'Ca sáng thứ Bảy phải kết thúc sau khi bắt đầu.', en: 'The Saturday-morning shift must end after it starts.' },
      { field: 'body.saturdayMorning', details },
    );
  }
  throw new AppError(
    'bad_input',
    {
      vi: 'Không thể tính thứ Bảy vào thời hạn giải quyết khi thứ Bảy không có ca làm việc.',
      en: 'Saturday cannot count toward deadlines without a Saturday shift.',
    },
    { field: 'body.saturdayCountsForDeadlines', details },
  );
}

export function unitsRoutes(app: App, ctx: AppContext): void {
  const unitInfo = async (code: string): Promise<UnitInfo> => {
    await ctx.units.ready();
    const u = ctx.units.byCode(code);
    if (!u) throw notFound({ vi: `đơn vị hành chính mã ${code}`, en: `unit ${code}` });
    return u;
  };

  app.get('/api/units', {
    schema: {
      tags: TAGS,
      summary: 'Tìm đơn vị hành chính (Search units by name, code or identifier)',
      querystring: ListQuery,
      response: { 200: z.object({ units: z.array(UnitSummary) }) },
    },
    handler: async (req) => {
      requireActor(req);
      const { q, province, kind, limit } = req.query;
      let provinceId: number | undefined;
      if (province) {
        const p = (await ctx.units.ready()).byCode(province);
        if (!p || p.kind !== 'province') {
          throw badInput('querystring.province', {
            vi: `Không có tỉnh mã ${province}.`,
            en: `No province with code ${province}.`,
          });
        }
        provinceId = p.id;
      }
      const units = await searchUnits(ctx.db, { q, provinceId, kind, limit });
      return { units: units.map(({ id: _, ...u }) => u) };
    },
  });

  app.get('/api/units/:code', {
    schema: {
      tags: TAGS,
      summary: 'Thông tin đơn vị, phòng ban, giờ làm việc, đơn vị đã sáp nhập vào (Unit with offices, office hours and merged units)',
      params: CodeParams,
      response: { 200: UnitDetail },
    },
    handler: async (req) => {
      requireActor(req);
      const unit = await getUnit(ctx.db, req.params.code);
      const [offices, merged] = await Promise.all([listOffices(ctx.db, unit.id), listPredecessors(ctx.db, unit.id)]);
      return {
        ...publicSummary(unit),
        offices: offices.map(({ id: _, ...o }) => o),
        officeHours: officeHoursOf(unit.officeHours),
        mergedUnits: merged.map(({ id: _, ...u }) => u),
      };
    },
  });

  app.patch('/api/units/:code', {
    schema: {
      tags: TAGS,
      summary: 'Sửa tên, mã định danh QCVN 102 của đơn vị (Set a unit name or its official identifier)',
      params: CodeParams,
      body: UnitPatch,
      response: { 200: UnitSummary },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const info = await unitInfo(req.params.code);
      const grant = requireGrant(actor, ['system_admin'], info.id, ctx.units);
      const before = await getUnit(ctx.db, info.code);
      const { name, identifier } = req.body;
      const takenBy = identifier !== undefined ? await identifierTaken(ctx.db, identifier, info.id) : undefined;
      if (takenBy) throw identifierConflict(identifier!, takenBy);
      try {
        await ctx.db.transaction().execute(async (tx) => {
          await updateUnit(tx, info.id, { name, identifier });
          await appendAudit(tx, {
            chain: chainForUnit(info.id),
            at: ctx.clock.now(),
            actorId: actor.accountId,
            actorRole: grant.role,
            action: 'unit.update',
            entity: 'unit',
            entityId: info.code,
            details: {
              ...(name !== undefined ? { name: { from: before.name, to: name } } : {}),
              ...(identifier !== undefined ? { identifier: { from: before.identifier, to: identifier } } : {}),
            },
          });
        });
      } catch (err) {
        // Another admin took the identifier between our check and the write.
        if (isUniqueViolation(err) && identifier !== undefined) {
          throw identifierConflict(identifier, (await identifierTaken(ctx.db, identifier, info.id)) ?? '?');
        }
        throw err;
      }
      ctx.units.invalidate();
      return publicSummary(await getUnit(ctx.db, info.code));
    },
  });

  app.put('/api/units/:code/office-hours', {
    schema: {
      tags: TAGS,
      summary: 'Đặt giờ làm việc của đơn vị (Set a unit’s office hours; {} returns to the default week)',
      params: CodeParams,
      body: OfficeHoursBody,
      response: { 200: OfficeHours },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const info = await unitInfo(req.params.code);
      const grant = requireGrant(actor, ['system_admin', 'centre_admin'], info.id, ctx.units);
      const { saturdayMorning, ...rest } = req.body;
      const config: WeekScheduleConfig = { ...rest, ...(saturdayMorning ? { saturdayMorning } : {}) };
      checkOfficeHours(config);
      const stored = Object.keys(config).length === 0 ? null : config;
      await ctx.db.transaction().execute(async (tx) => {
        await setOfficeHours(tx, info.id, stored);
        await appendAudit(tx, {
          chain: chainForUnit(info.id),
          at: ctx.clock.now(),
          actorId: actor.accountId,
          actorRole: grant.role,
          action: 'unit.office_hours',
          entity: 'unit',
          entityId: info.code,
          details: { officeHours: stored },
        });
      });
      invalidateCalendars();
      return officeHoursOf(stored);
    },
  });

  app.post('/api/units/:code/merge', {
    schema: {
      tags: TAGS,
      summary:
        'Sáp nhập đơn vị vào đơn vị kế thừa ' +
        '(Merge a unit into its successor; its dossiers stay with it and are found under the successor)',
      params: CodeParams,
      body: MergeBody,
      response: { 200: UnitSummary },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const unit = await unitInfo(req.params.code);
      const successor = ctx.units.byCode(req.body.successorCode);
      if (!successor) {
        throw badInput('body.successorCode', {
          vi: `Không có đơn vị mã ${req.body.successorCode}.`,
          en: `No unit with code ${req.body.successorCode}.`,
        });
      }
      const grant = requireGrant(actor, ['system_admin'], unit.id, ctx.units);
      requireGrant(actor, ['system_admin'], successor.id, ctx.units);
      checkMerge(ctx, unit, successor);
      const at = req.body.mergedAt ? parseInstant(req.body.mergedAt)! : ctx.clock.now();
      await ctx.db.transaction().execute(async (tx) => {
        if (!(await mergeUnit(tx, unit.id, successor.id, at))) {
          throw conflict({
            vi: 'Đơn vị vừa được sáp nhập bởi người khác; hãy tải lại.',
            en: 'The unit was just merged by someone else; reload.',
          });
        }
        const audit = { at: ctx.clock.now(), actorId: actor.accountId, actorRole: grant.role, entity: 'unit' };
        const details = { unit: unit.code, successor: successor.code, mergedAt: at.toISOString() };
        await appendAudit(tx, { ...audit, chain: chainForUnit(unit.id), action: 'unit.merge', entityId: unit.code, details });
        await appendAudit(tx, { ...audit, chain: chainForUnit(successor.id), action: 'unit.absorb', entityId: successor.code, details });
      });
      ctx.units.invalidate();
      return publicSummary(await getUnit(ctx.db, unit.code));
    },
  });

  app.get('/api/units/:code/officials', {
    schema: {
      tags: TAGS,
      summary: 'Cán bộ và phòng ban của đơn vị, để phân công, chuyển, xin ý kiến (Officials and offices of a unit, to assign, forward or consult)',
      description: 'Chỉ tên và vai trò, không có dữ liệu cá nhân. Cho cán bộ của đơn vị. / Names and roles only, no personal data; for the unit’s own officials.',
      params: CodeParams,
      response: { 200: Officials },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const unit = await unitInfo(req.params.code);
      requireGrant(actor, [...WORKING_ROLES, 'centre_admin', 'system_admin'], unit.id, ctx.units);
      // A grant on the unit, on a unit it was merged into, or on its province covers the unit.
      const above = [...ctx.units.ancestry(unit.id)];
      const [accounts, offices] = await Promise.all([listAccounts(ctx.db, { unitIds: above, limit: 500, offset: 0 }), listOffices(ctx.db, unit.id)]);
      const officials = accounts
        .filter((a) => a.active)
        .map((a) => ({
          id: a.id,
          fullName: a.fullName,
          roles: a.grants
            .filter((g) => WORKING_ROLES.includes(g.role) && above.includes(g.unitId))
            .map((g) => ({ role: g.role, roleName: ROLE_NAMES[g.role], officeCode: g.officeCode, officeName: g.officeName })),
        }))
        .filter((a) => a.roles.length > 0);
      return { officials, offices };
    },
  });

  app.get('/api/units/:code/offices', {
    schema: {
      tags: TAGS,
      summary: 'Các phòng ban của đơn vị (Offices of a unit)',
      params: CodeParams,
      response: { 200: z.object({ offices: z.array(Office) }) },
    },
    handler: async (req) => {
      requireActor(req);
      const unit = await unitInfo(req.params.code);
      return { offices: (await listOffices(ctx.db, unit.id)).map(({ id: _, ...o }) => o) };
    },
  });

  app.post('/api/units/:code/offices', {
    schema: {
      tags: TAGS,
      summary: 'Thêm phòng ban (Add an office to a unit)',
      params: CodeParams,
      body: OfficeBody,
      response: { 201: Office },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const unit = await unitInfo(req.params.code);
      const grant = requireGrant(actor, ['system_admin', 'centre_admin'], unit.id, ctx.units);
      if (unit.mergedIntoId) throw mergedUnitRule(ctx, unit);
      if ((await listOffices(ctx.db, unit.id)).some((o) => o.code === req.body.code)) throw officeConflict(unit, req.body.code);
      try {
        const office = await ctx.db.transaction().execute(async (tx) => {
          const o = await insertOffice(tx, unit.id, req.body);
          await appendAudit(tx, {
            chain: chainForUnit(unit.id),
            at: ctx.clock.now(),
            actorId: actor.accountId,
            actorRole: grant.role,
            action: 'office.create',
            entity: 'office',
            entityId: String(o.id),
            details: { unit: unit.code, code: o.code, name: o.name, kind: o.kind },
          });
          return o;
        });
        reply.status(201);
        return { code: office.code, name: office.name, kind: office.kind };
      } catch (err) {
        if (isUniqueViolation(err)) throw officeConflict(unit, req.body.code);
        throw err;
      }
    },
  });
}

function checkMerge(ctx: AppContext, unit: UnitInfo, successor: UnitInfo): void {
  if (unit.id === successor.id) {
    throw badInput('body.successorCode', { vi: 'Không thể sáp nhập một đơn vị vào chính nó.', en: 'A unit cannot be merged into itself.' });
  }
  if (unit.kind === 'province' || successor.kind === 'province') {
    throw domainRule({
      vi: 'Chỉ sáp nhập xã, phường, đặc khu vào xã, phường, đặc khu.',
      en: 'Only communes, wards and special zones are merged, into one of them.',
    });
  }
  if (unit.mergedIntoId) throw mergedUnitRule(ctx, unit);
  if (successor.mergedIntoId) {
    const next = ctx.units.successor(successor.id);
    throw domainRule(
      {
        vi: `${successor.name} đã được sáp nhập vào ${next?.name ?? '?'}; hãy chọn đơn vị đang hoạt động.`,
        en: `${successor.name} was itself merged into ${next?.name ?? '?'}; choose a unit that is still active.`,
      },
      { activeSuccessor: next?.code },
    );
  }
  if (ctx.units.provinceOf(unit.id)?.id !== ctx.units.provinceOf(successor.id)?.id) {
    throw domainRule({ vi: 'Đơn vị kế thừa phải cùng tỉnh, thành phố.', en: 'The successor must be in the same province.' });
  }
  if (ctx.units.ancestry(successor.id).has(unit.id)) {
    throw domainRule({ vi: 'Sáp nhập này tạo thành vòng lặp.', en: 'This merge would make a cycle.' });
  }
}

function mergedUnitRule(ctx: AppContext, unit: UnitInfo): AppError {
  const s = ctx.units.successor(unit.id);
  return conflict(
    { vi: `${unit.name} đã được sáp nhập vào ${s?.name ?? '?'}.`, en: `${unit.name} has been merged into ${s?.name ?? '?'}.` },
    { successor: s?.code },
  );
}

function identifierConflict(identifier: string, unitCode: string): AppError {
  return new AppError(
    'conflict',
    {
      vi: `Mã định danh ${identifier} đã được dùng cho đơn vị ${unitCode}.`,
      en: `Identifier ${identifier} is already used by unit ${unitCode}.`,
    },
    { field: 'body.identifier' },
  );
}

function officeConflict(unit: UnitInfo, code: string): AppError {
  return new AppError(
    'conflict',
    { vi: `${unit.name} đã có phòng mã ${code}.`, en: `${unit.name} already has an office with code ${code}.` },
    { field: 'body.code' },
  );
}
