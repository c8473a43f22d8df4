// The communes and wards a citizen can submit to online: those whose one-stop desk has at least one active
// receiving officer, so an online dossier never lands where nobody will pick it up. Public, no personal data.
import { sql } from 'kysely';
import { z } from 'zod';
import type { App, AppContext } from '../../context.js';
import { badInput } from '../../errors.js';
import { bi } from '../../http/errors.js';

const Query = z.object({
  q: z.string().trim().max(100).optional(),
  province: z
    .string()
    .trim()
    .regex(/^\d{2}$/, bi('Mã tỉnh gồm 2 chữ số, ví dụ 46', 'A province code has 2 digits, e.g. 46'))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const PublicUnit = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['commune', 'ward', 'special_zone']),
  province: z.object({ code: z.string(), name: z.string() }).nullable(),
});
type PublicUnit = z.infer<typeof PublicUnit>;

const likeEscape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

export function publicUnitsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/public/units', {
    schema: {
      tags: ['public'],
      summary: 'Xã, phường nhận hồ sơ trực tuyến (Communes and wards that take online dossiers)',
      description:
        'Không phân biệt dấu; mỗi từ phải có trong tên. Chỉ các đơn vị có cán bộ tiếp nhận đang hoạt động. / Diacritic-insensitive; every word must appear in the name. Only units with an active receiving officer.',
      querystring: Query,
      response: { 200: z.object({ units: z.array(PublicUnit) }) },
    },
    handler: async (req, reply) => {
      const { q, province, limit } = req.query;
      let provinceId: number | undefined;
      if (province) {
        const p = (await ctx.units.ready()).byCode(province);
        if (!p || p.kind !== 'province') throw badInput('querystring.province', { vi: `Không có tỉnh mã ${province}.`, en: `No province with code ${province}.` });
        provinceId = p.id;
      }
      const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
      // The staff tables belong to the people module; this one existence test is the portal's own rule of
      // "who takes online dossiers", kept here rather than widening that module's API for a single use.
      const rows = await ctx.db
        .selectFrom('units as u')
        .leftJoin('units as p', 'p.id', 'u.parent_id')
        .select(['u.code', 'u.name', 'u.kind', 'p.code as province_code', 'p.name as province_name'])
        .where('u.kind', '!=', 'province')
        .where('u.merged_into_id', 'is', null)
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('role_grants as g')
              .innerJoin('accounts as a', 'a.id', 'g.account_id')
              .select(sql`1`.as('one'))
              .whereRef('g.unit_id', '=', 'u.id')
              .where('g.role', '=', 'receiving_officer')
              .where('a.active', '=', true),
          ),
        )
        .$if(provinceId !== undefined, (qb) => qb.where('u.parent_id', '=', provinceId!))
        .$if(words.length > 0, (qb) =>
          qb.where((eb) =>
            eb.or([
              eb.and(words.map((w) => eb(sql`motcua_fold(u.name)`, 'like', sql`'%' || motcua_fold(${likeEscape(w)}) || '%'`))),
              eb('u.code', '=', q!),
            ]),
          ),
        )
        .orderBy('p.name')
        .orderBy(sql`motcua_fold(u.name)`)
        .orderBy('u.code')
        .limit(limit)
        .execute();
      reply.header('cache-control', 'public, max-age=300');
      return {
        units: rows.map(
          (r): PublicUnit => ({
            code: r.code,
            name: r.name,
            kind: r.kind as PublicUnit['kind'],
            province: r.province_code && r.province_name ? { code: r.province_code, name: r.province_name } : null,
          }),
        ),
      };
    },
  });
}
