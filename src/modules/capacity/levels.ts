// The shared reading of capacity: a unit's officials with their current position, the competencies their
// positions require, the levels they hold (the latest assessment of each competency), and the gaps between
// the two. Gaps, the training plan, practice, evidence and reassignment all read through here.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { PositionGroup } from '../../db/schema-capacity.js';
import type { Role } from '../people/roles.js';
import { STAFF_ROLES } from './access.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Levels 1–4 (0 = none). The generic meaning when a competency gives none of its own. */
export const LEVELS = [
  { level: 0, vi: 'Chưa có', en: 'None' },
  { level: 1, vi: 'Biết: làm được khi có người hướng dẫn', en: 'Aware: works with guidance' },
  { level: 2, vi: 'Làm được: tự giải quyết việc thường gặp', en: 'Able: handles routine work alone' },
  { level: 3, vi: 'Thành thạo: giải quyết cả việc phức tạp', en: 'Proficient: handles complex cases' },
  { level: 4, vi: 'Chuyên gia: hướng dẫn người khác', en: 'Expert: guides others' },
] as const;

/** Held level from which an official counts as competent in a field (can take its dossiers alone). */
export const COMPETENT_LEVEL = 2;
/** Fewer competent officials than this in a field is a risk (capacity.md item 18). */
export const MIN_COMPETENT = 2;

export interface Official {
  id: number;
  username: string;
  fullName: string;
  unitId: number;
  roles: Role[];
  officeId: number | null;
  officeName: string | null;
  position: { id: number; code: string; name: string; grp: PositionGroup; since: string } | null;
}

/** Active accounts holding a staff role at any of the units, with their open position assignment. */
export async function unitOfficials(db: Db, unitIds: number[]): Promise<Official[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .leftJoin('offices as o', 'o.id', 'g.office_id')
    .leftJoin('position_assignments as pa', (j) => j.onRef('pa.account_id', '=', 'a.id').on('pa.ended_on', 'is', null))
    .leftJoin('job_positions as p', 'p.id', 'pa.position_id')
    .select([
      'a.id',
      'a.username',
      'a.full_name',
      'g.unit_id',
      'g.role',
      'g.office_id',
      'o.name as office_name',
      'p.id as position_id',
      'p.code as position_code',
      'p.name as position_name',
      'p.grp as position_grp',
      'pa.started_on',
    ])
    .where('g.unit_id', 'in', unitIds)
    .where('g.role', 'in', STAFF_ROLES as Role[])
    .where('a.active', '=', true)
    .orderBy('a.full_name')
    .orderBy('a.id')
    .execute();
  const byId = new Map<number, Official>();
  for (const r of rows) {
    let o = byId.get(r.id);
    if (!o) {
      o = {
        id: r.id,
        username: r.username,
        fullName: r.full_name,
        unitId: r.unit_id,
        roles: [],
        officeId: r.office_id,
        officeName: r.office_name,
        position: r.position_id ? { id: r.position_id, code: r.position_code!, name: r.position_name!, grp: r.position_grp!, since: r.started_on! } : null,
      };
      byId.set(r.id, o);
    }
    if (!o.roles.includes(r.role as Role)) o.roles.push(r.role as Role);
    if (o.officeId === null && r.office_id !== null) {
      o.officeId = r.office_id;
      o.officeName = r.office_name;
    }
  }
  return [...byId.values()];
}

export interface Held {
  level: number;
  source: string;
  assessedAt: Date;
  assessmentId: number;
}

/** The latest assessment of each competency for each account: account → competency → held. */
export async function heldLevels(db: Db, accountIds: number[]): Promise<Map<number, Map<number, Held>>> {
  const out = new Map<number, Map<number, Held>>();
  if (!accountIds.length) return out;
  const rows = await sql<{ id: number; account_id: number; competency_id: number; level: number; source: string; assessed_at: Date }>`
    select distinct on (account_id, competency_id) id, account_id, competency_id, level, source, assessed_at
    from competency_assessments
    where account_id in (${sql.join(accountIds)})
    order by account_id, competency_id, assessed_at desc, id desc`.execute(db);
  for (const r of rows.rows) {
    let m = out.get(r.account_id);
    if (!m) out.set(r.account_id, (m = new Map()));
    m.set(r.competency_id, { level: r.level, source: r.source, assessedAt: new Date(r.assessed_at), assessmentId: Number(r.id) });
  }
  return out;
}

/** Each position's framework: position → [{competencyId, requiredLevel}]. */
export async function requirementsOf(db: Db, positionIds: number[]): Promise<Map<number, Array<{ competencyId: number; requiredLevel: number }>>> {
  const out = new Map<number, Array<{ competencyId: number; requiredLevel: number }>>();
  if (!positionIds.length) return out;
  const rows = await db.selectFrom('position_requirements').selectAll().where('position_id', 'in', positionIds).execute();
  for (const r of rows) {
    const list = out.get(r.position_id) ?? [];
    list.push({ competencyId: r.competency_id, requiredLevel: r.required_level });
    out.set(r.position_id, list);
  }
  return out;
}

export interface GapRow {
  accountId: number;
  positionId: number;
  competencyId: number;
  required: number;
  held: number;
  /** required − held when positive, else 0. */
  gap: number;
}

/** Required against held for every official of the units who holds a position with a framework. */
export async function gapRows(db: Db, unitIds: number[]): Promise<GapRow[]> {
  const officials = await unitOfficials(db, unitIds);
  const withPosition = officials.filter((o) => o.position);
  const reqs = await requirementsOf(db, [...new Set(withPosition.map((o) => o.position!.id))]);
  const held = await heldLevels(db, withPosition.map((o) => o.id));
  const out: GapRow[] = [];
  for (const o of withPosition) {
    for (const r of reqs.get(o.position!.id) ?? []) {
      const h = held.get(o.id)?.get(r.competencyId)?.level ?? 0;
      out.push({ accountId: o.id, positionId: o.position!.id, competencyId: r.competencyId, required: r.requiredLevel, held: h, gap: Math.max(0, r.requiredLevel - h) });
    }
  }
  return out;
}

/** "dat-dai" from "Đất đai": the code part of a field competency. */
export function fieldSlug(field: string): string {
  return field
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 54);
}

/** The national competencies every commune's frameworks draw on, besides one per field of the catalogue. */
export const NATIONAL_COMPETENCIES: ReadonlyArray<{ code: string; kind: 'digital' | 'communication' | 'management'; vi: string; en: string; sort: number }> = [
  { code: 'iu01', kind: 'digital', vi: 'Hiểu biết về công nghệ thông tin cơ bản (IU01)', en: 'Basic IT knowledge (IU01)', sort: 101 },
  { code: 'iu02', kind: 'digital', vi: 'Sử dụng máy tính cơ bản (IU02)', en: 'Basic computer use (IU02)', sort: 102 },
  { code: 'iu03', kind: 'digital', vi: 'Xử lý văn bản cơ bản (IU03)', en: 'Basic word processing (IU03)', sort: 103 },
  { code: 'iu04', kind: 'digital', vi: 'Sử dụng bảng tính cơ bản (IU04)', en: 'Basic spreadsheets (IU04)', sort: 104 },
  { code: 'iu05', kind: 'digital', vi: 'Sử dụng trình chiếu cơ bản (IU05)', en: 'Basic presentations (IU05)', sort: 105 },
  { code: 'iu06', kind: 'digital', vi: 'Sử dụng Internet cơ bản (IU06)', en: 'Basic Internet use (IU06)', sort: 106 },
  { code: 'digital-signature', kind: 'digital', vi: 'Ký số và sử dụng chữ ký số', en: 'Digital signatures', sort: 110 },
  { code: 'online-dossiers', kind: 'digital', vi: 'Tiếp nhận, xử lý hồ sơ trực tuyến', en: 'Handling online dossiers', sort: 111 },
  { code: 'info-security', kind: 'digital', vi: 'An toàn thông tin', en: 'Information security', sort: 112 },
  { code: 'digital-skills', kind: 'digital', vi: 'Kỹ năng số (Khung năng lực số, QĐ 757/QĐ-BKHCN)', en: 'Digital skills (framework of Decision 757/QĐ-BKHCN)', sort: 113 },
  { code: 'communication', kind: 'communication', vi: 'Giao tiếp, ứng xử với người dân, doanh nghiệp', en: 'Communicating with citizens and businesses', sort: 120 },
  { code: 'state-management', kind: 'management', vi: 'Kiến thức quản lý nhà nước', en: 'State management', sort: 130 },
  { code: 'leadership', kind: 'management', vi: 'Lãnh đạo, điều hành', en: 'Leading and directing', sort: 131 },
];

/** English names of the catalogue's fields, for their competencies; a field not listed keeps its Vietnamese name. */
const FIELD_NAMES_EN = new Map<string, string>([
  ["Hộ tịch", "Civil status"],
  ["Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã", "Cooperative groups, cooperatives and unions of cooperatives"],
  ["Thủy lợi", "Irrigation"],
  ["Cấp, quản lý căn cước", "Identity cards"],
  ["Đất đai", "Land"],
  ["Đăng ký, quản lý cư trú", "Residence registration"],
  ["Đăng ký, quản lý phương tiện giao thông cơ giới, xe máy chuyên dùng", "Registration of motor vehicles and special-purpose machines"],
  ["Chứng thực", "Certification"],
  ["Hoạt động xây dựng", "Construction"],
  ["Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)", "Household businesses"],
  ["Thủy sản", "Fisheries"],
  ["Lâm nghiệp", "Forestry"],
  ["Hòa giải ở cơ sở", "Grassroots mediation"],
  ["Hạ tầng kỹ thuật", "Technical infrastructure"],
  ["Nuôi con nuôi", "Adoption"],
  ["Giảm nghèo", "Poverty reduction"],
  ["Quy hoạch đô thị và nông thôn", "Urban and rural planning"],
  ["Đường bộ", "Roads"],
  ["Biển và hải đảo", "Sea and islands"],
  ["Khiếu nại, tố cáo", "Complaints and denunciations"],
  ["Quản lý Đê điều và Phòng, chống thiên tai", "Dykes and natural disaster prevention"],
  ["Chính sách", "Social policy"],
  ["Nhà ở và công sở", "Housing and public offices"],
  ["Thành lập và hoạt động của tổ hợp tác", "Cooperative groups"],
  ["Định danh và xác thực điện tử", "Electronic identification and authentication"],
  ["Phòng cháy, chữa cháy", "Fire prevention and fighting"],
  ["Tài nguyên nước", "Water resources"],
  ["Kinh tế hợp tác và Phát triển nông thôn", "Cooperative economy and rural development"],
  ["Nông nghiệp", "Agriculture"],
  ["Bảo hiểm", "Insurance"],
  ["Trồng trọt", "Crop production"],
  ["Môi trường", "Environment"],
  ["Đăng ký biện pháp bảo đảm", "Registration of security interests"],
  ["Tổ chức, cán bộ", "Organisation and personnel"],
  ["Kiểm lâm", "Forest protection"],
  ["Chăn nuôi", "Livestock"],
  ["Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ và pháo", "Weapons, explosives, support tools and fireworks"],
  ["Thú y", "Veterinary"],
  ["Địa chất và khoáng sản", "Geology and minerals"],
  ["Quản lý công sản", "Public property"],
  ["Quản lý chất lượng nông lâm sản và thủy sản", "Quality of agricultural, forestry and fishery products"],
  ["Tài chính đất đai", "Land finance"],
  ["Tổ chức cai nghiên ma túy và quản lý sau cai nghiện", "Drug rehabilitation and after-care"],
  ["Quản lý chương trình mục tiêu quốc gia", "National target programmes"],
  ["Hỗ trợ tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã", "Support for cooperative groups and cooperatives"],
  ["Bồi thường nhà nước", "State compensation"],
]);

/**
 * The national competencies (NATIONAL_COMPETENCIES) and one per field of the catalogue (code `field.<slug>`), added
 * when missing; run by every catalogue import. Idempotent. (Not in the migration: a fresh database stays empty,
 * which a restore requires.)
 */
export async function ensureFieldCompetencies(db: Db): Promise<number> {
  await db
    .insertInto('competencies')
    .values(NATIONAL_COMPETENCIES.map((c) => ({ unit_id: null, code: c.code, kind: c.kind, field: null, name_vi: c.vi, name_en: c.en, sort: c.sort })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const fields = await db.selectFrom('procedure_versions').select('field').distinct().execute();
  const have = new Set((await db.selectFrom('competencies').select('field').where('unit_id', 'is', null).where('field', 'is not', null).execute()).map((r) => r.field));
  const taken = new Set((await db.selectFrom('competencies').select('code').where('unit_id', 'is', null).execute()).map((r) => r.code));
  const add = fields.map((f) => f.field).filter((f) => !have.has(f)).sort((a, b) => a.localeCompare(b, 'vi'));
  for (const field of add) {
    let code = `field.${fieldSlug(field) || 'x'}`;
    for (let i = 2; taken.has(code); i++) code = `field.${fieldSlug(field).slice(0, 50)}-${i}`;
    taken.add(code);
    await db
      .insertInto('competencies')
      .values({ unit_id: null, code, kind: 'field', field, name_vi: `Nghiệp vụ ${field}`.slice(0, 200), name_en: `${FIELD_NAMES_EN.get(field) ?? field} (professional field)`.slice(0, 200), sort: 0 })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return add.length;
}

/** The competency of a catalogue field, creating the field competencies first if needed. */
export async function competencyForField(db: Db, field: string): Promise<number | undefined> {
  const find = () => db.selectFrom('competencies').select('id').where('unit_id', 'is', null).where('field', '=', field).executeTakeFirst();
  let row = await find();
  if (!row) {
    await ensureFieldCompetencies(db);
    row = await find();
  }
  return row?.id;
}
