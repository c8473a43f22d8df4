// SQL for units and their offices: search, the unit page, identifier and name changes, office hours, merges.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, OfficesTable } from '../../db/schema.js';
import { notFound } from '../../errors.js';

type Db = Kysely<DB> | Transaction<DB>;
export type UnitKind = DB['units']['kind'];
export type OfficeKind = OfficesTable['kind'];

export interface UnitSummary {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  parentName: string | null;
  identifier: string;
  identifierSource: 'derived' | 'official';
  mergedInto: { code: string; name: string } | null;
  mergedAt: string | null;
}

export interface UnitRecord extends UnitSummary {
  officeHours: unknown;
}

export interface Office {
  id: number;
  code: string;
  name: string;
  kind: OfficeKind;
}

function unitQuery(db: Db) {
  return db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .leftJoin('units as s', 's.id', 'u.merged_into_id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.kind',
      'u.identifier',
      'u.identifier_source',
      'u.merged_at',
      'u.office_hours',
      'p.code as parent_code',
      'p.name as parent_name',
      's.code as successor_code',
      's.name as successor_name',
    ]);
}

type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: UnitRow): UnitRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentCode: r.parent_code,
    parentName: r.parent_name,
    identifier: r.identifier,
    identifierSource: r.identifier_source,
    mergedInto: r.successor_code && r.successor_name ? { code: r.successor_code, name: r.successor_name } : null,
    mergedAt: r.merged_at ? new Date(r.merged_at).toISOString() : null,
    officeHours: r.office_hours,
  };
}

export function toSummary({ officeHours: _, ...summary }: UnitRecord): UnitSummary {
  return summary;
}

export interface UnitSearch {
  q?: string | undefined;
  provinceId?: number | undefined;
  kind?: UnitKind | undefined;
  limit: number;
}

const likeEscape = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Diacritic-insensitive name search ("vinh loc" finds "Xã Vinh Lộc"): every word must appear in the name;
 * the whole query may also be a GSO code or a QCVN 102 identifier. Names containing the query as typed come
 * first, then trigram similarity ranks them.
 */
export async function searchUnits(db: Db, s: UnitSearch): Promise<UnitSummary[]> {
  const q = s.q?.trim() ?? '';
  const words = q.split(/\s+/).filter(Boolean).slice(0, 12);
  const rows = await unitQuery(db)
    .$if(s.provinceId !== undefined, (qb) => qb.where('u.parent_id', '=', s.provinceId!))
    .$if(s.kind !== undefined, (qb) => qb.where('u.kind', '=', s.kind!))
    .$if(words.length > 0, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb.and(words.map((w) => eb(sql`motcua_fold(u.name)`, 'like', sql`'%' || motcua_fold(${likeEscape(w)}) || '%'`))),
          eb('u.code', '=', q),
          eb('u.identifier', '=', q),
        ]),
      ),
    )
    .$if(words.length > 0, (qb) =>
      qb
        // "Vinh Lộc" typed with its diacritics ranks Xã Vinh Lộc above Xã Vĩnh Lộc; both match.
        .orderBy(sql`strpos(lower(u.name), lower(${q})) > 0`, 'desc')
        .orderBy(sql`similarity(motcua_fold(u.name), motcua_fold(${q}))`, 'desc'),
    )
    .orderBy(sql`motcua_fold(u.name)`)
    .orderBy('u.code')
    .limit(s.limit)
    .execute();
  return rows.map((r) => toSummary(toRecord(r)));
}

export async function findUnit(db: Db, code: string): Promise<UnitRecord | undefined> {
  const row = await unitQuery(db).where('u.code', '=', code).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function getUnit(db: Db, code: string): Promise<UnitRecord> {
  const unit = await findUnit(db, code);
  if (!unit) throw notFound({ vi: `đơn vị hành chính mã ${code}`, en: `unit ${code}` });
  return unit;
}

/** Every unit whose chain of merges ends in `unitId` (merged into it directly or through another merged unit). */
export async function listPredecessors(db: Db, unitId: number): Promise<UnitSummary[]> {
  const rows = await unitQuery(db)
    .where(
      'u.id',
      'in',
      sql<number>`(
        with recursive merged(id) as (
          select id from units where merged_into_id = ${unitId}
          union
          select u.id from units u join merged m on u.merged_into_id = m.id
        )
        select id from merged)`,
    )
    .orderBy('u.merged_at')
    .orderBy('u.code')
    .execute();
  return rows.map((r) => toSummary(toRecord(r)));
}

export async function identifierTaken(db: Db, identifier: string, exceptUnitId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('units')
    .select('code')
    .where('identifier', '=', identifier)
    .where('id', '<>', exceptUnitId)
    .executeTakeFirst();
  return row?.code;
}

export async function updateUnit(tx: Transaction<DB>, unitId: number, patch: { name?: string; identifier?: string }): Promise<void> {
  await tx
    .updateTable('units')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.identifier !== undefined ? { identifier: patch.identifier, identifier_source: 'official' as const } : {}),
    })
    .where('id', '=', unitId)
    .execute();
}

/** Stores a unit's week; null returns it to the default week. */
export async function setOfficeHours(tx: Transaction<DB>, unitId: number, config: object | null): Promise<void> {
  await tx
    .updateTable('units')
    .set({ office_hours: config === null ? null : JSON.stringify(config) })
    .where('id', '=', unitId)
    .execute();
}

/**
 * Marks a unit as merged into its successor. Only the unit row changes: dossiers keep the unit that received
 * them, and the unit directory makes them visible under the successor.
 */
export async function mergeUnit(tx: Transaction<DB>, unitId: number, successorId: number, at: Date): Promise<boolean> {
  // The guard repeats the route's check inside the transaction, so two concurrent merges cannot both win.
  const res = await tx
    .updateTable('units')
    .set({ merged_into_id: successorId, merged_at: at })
    .where('id', '=', unitId)
    .where('merged_into_id', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('units as s').select('s.id').where('s.id', '=', successorId).where('s.merged_into_id', 'is', null)),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listOffices(db: Db, unitId: number): Promise<Office[]> {
  return db.selectFrom('offices').select(['id', 'code', 'name', 'kind']).where('unit_id', '=', unitId).orderBy('code').execute();
}

export async function insertOffice(tx: Transaction<DB>, unitId: number, o: Omit<Office, 'id'>): Promise<Office> {
  return tx
    .insertInto('offices')
    .values({ unit_id: unitId, code: o.code, name: o.name, kind: o.kind })
    .returning(['id', 'code', 'name', 'kind'])
    .executeTakeFirstOrThrow();
}

/** PostgreSQL's unique_violation, on the server and in PGlite alike. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
