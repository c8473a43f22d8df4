// SQL for the catalogue: procedures and their versions.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ProcedureVersionRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { ParsedCatalogue } from './importer.js';
import { sameContent, type ProcedureContent } from './domain.js';

export interface ProcedureVersion extends ProcedureContent {
  procedureId: number;
  versionId: number;
  version: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
}

export function toVersion(code: string, row: ProcedureVersionRow): ProcedureVersion {
  return {
    procedureId: row.procedure_id,
    versionId: row.id,
    version: row.version,
    effectiveFrom: new Date(row.effective_from),
    effectiveTo: row.effective_to ? new Date(row.effective_to) : null,
    code,
    name: row.name,
    field: row.field,
    ministry: row.ministry,
    decision: row.decision,
    levels: row.levels as string[],
    applicants: row.applicants,
    agency: row.agency,
    channels: row.channels as ProcedureContent['channels'],
    components: row.components as ProcedureContent['components'],
    componentNotes: row.component_notes as string[],
    results: row.results as ProcedureContent['results'],
    legalBasis: row.legal_basis as ProcedureContent['legalBasis'],
    steps: row.steps,
    requirements: row.requirements,
    onlineLevel: row.online_level,
    source: row.source,
  };
}

function contentColumns(p: ProcedureContent) {
  return {
    name: p.name,
    field: p.field,
    ministry: p.ministry,
    decision: p.decision,
    levels: JSON.stringify(p.levels),
    applicants: p.applicants,
    agency: p.agency,
    channels: JSON.stringify(p.channels),
    components: JSON.stringify(p.components),
    component_notes: JSON.stringify(p.componentNotes),
    results: JSON.stringify(p.results),
    legal_basis: JSON.stringify(p.legalBasis),
    steps: p.steps,
    requirements: p.requirements,
    online_level: p.onlineLevel,
    source: p.source,
  };
}

/** The version in force at `at` (the latest one whose effective_from ≤ at < effective_to). */
export async function findVersionAt(db: Kysely<DB> | Transaction<DB>, code: string, at: Date): Promise<ProcedureVersion | undefined> {
  const row = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .selectAll('v')
    .where('p.code', '=', code)
    .where('v.effective_from', '<=', at)
    .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>', at)]))
    .orderBy('v.effective_from', 'desc')
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(code, row) : undefined;
}

export async function getVersionAt(db: Kysely<DB> | Transaction<DB>, code: string, at: Date): Promise<ProcedureVersion> {
  const v = await findVersionAt(db, code, at);
  if (!v) throw notFound({ vi: `thủ tục mã ${code}`, en: `procedure ${code}` });
  return v;
}

export async function getVersionById(db: Kysely<DB> | Transaction<DB>, versionId: number): Promise<ProcedureVersion> {
  const row = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .selectAll('v')
    .select('p.code')
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!row) throw notFound({ vi: `phiên bản thủ tục ${versionId}`, en: `procedure version ${versionId}` });
  return toVersion(row.code, row);
}

export async function listVersions(db: Kysely<DB>, code: string): Promise<ProcedureVersion[]> {
  const rows = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .selectAll('v')
    .where('p.code', '=', code)
    .orderBy('v.version')
    .execute();
  return rows.map((r) => toVersion(code, r));
}

/**
 * Adds `content` as the new version of its procedure from `effectiveFrom`, closing the current one.
 * Returns null when the content equals the version in force (nothing to do).
 */
export async function addVersion(
  tx: Transaction<DB>,
  content: ProcedureContent,
  effectiveFrom: Date,
  by: { accountId: number | null; note: string | null },
): Promise<{ versionId: number; version: number } | null> {
  const procedure =
    (await tx.selectFrom('procedures').select('id').where('code', '=', content.code).forUpdate().executeTakeFirst()) ??
    (await tx.insertInto('procedures').values({ code: content.code }).returning('id').executeTakeFirstOrThrow());
  const current = await tx
    .selectFrom('procedure_versions')
    .selectAll()
    .where('procedure_id', '=', procedure.id)
    .where('effective_to', 'is', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (current && sameContent(toVersion(content.code, current), { ...content })) return null;
  if (current) {
    const from = new Date(Math.max(effectiveFrom.getTime(), new Date(current.effective_from).getTime() + 1));
    effectiveFrom = from;
    await tx.updateTable('procedure_versions').set({ effective_to: from }).where('id', '=', current.id).execute();
  }
  const version = (current?.version ?? 0) + 1;
  const row = await tx
    .insertInto('procedure_versions')
    .values({
      procedure_id: procedure.id,
      version,
      effective_from: effectiveFrom,
      ...contentColumns(content),
      change_note: by.note,
      created_by: by.accountId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { versionId: row.id, version };
}

export interface CatalogueImportReport {
  created: number;
  newVersions: number;
  unchanged: number;
  rejected: ParsedCatalogue['rejected'];
  warnings: ParsedCatalogue['warnings'];
}

export async function saveCatalogue(
  db: Kysely<DB>,
  parsed: ParsedCatalogue,
  effectiveFrom: Date,
  accountId: number | null = null,
): Promise<CatalogueImportReport> {
  return db.transaction().execute(async (tx) => {
    const report: CatalogueImportReport = { created: 0, newVersions: 0, unchanged: 0, rejected: parsed.rejected, warnings: parsed.warnings };
    for (const p of parsed.procedures) {
      const r = await addVersion(tx, p, effectiveFrom, { accountId, note: 'import' });
      if (!r) report.unchanged++;
      else if (r.version === 1) report.created++;
      else report.newVersions++;
    }
    return report;
  });
}

export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  onlineLevel: string;
  versionId: number;
}

/** Diacritic-insensitive search over the versions in force: every word must appear; trigram similarity ranks. */
export async function searchProcedures(db: Kysely<DB>, q: string, at: Date, limit = 20, field?: string): Promise<ProcedureSummary[]> {
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 12);
  const rows = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .select(['p.code', 'v.name', 'v.field', 'v.online_level', 'v.id'])
    .where('v.effective_from', '<=', at)
    .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>', at)]))
    .$if(!!field, (qb) => qb.where('v.field', '=', field!))
    .$if(words.length > 0, (qb) =>
      qb.where((eb) =>
        eb.and(
          words.map((w) =>
            eb.or([
              eb(sql`motcua_fold(v.name)`, 'like', sql`'%' || motcua_fold(${w}) || '%'`),
              eb('p.code', '=', w),
            ]),
          ),
        ),
      ),
    )
    .orderBy(sql`similarity(motcua_fold(v.name), motcua_fold(${q}))`, 'desc')
    .orderBy('p.code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, field: r.field, onlineLevel: r.online_level, versionId: r.id }));
}

export async function listFields(db: Kysely<DB>): Promise<Array<{ field: string; count: number }>> {
  const rows = await db
    .selectFrom('procedure_versions')
    .select(['field', sql<number>`count(*)::int`.as('count')])
    .where('effective_to', 'is', null)
    .groupBy('field')
    .orderBy('field')
    .execute();
  return rows;
}
