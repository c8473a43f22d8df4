// SQL for the catalogue: procedures and their versions.
import { ensureFieldCompetencies } from '../capacity/levels.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ProcedureVersionRow } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { ParsedCatalogue } from './importer.js';
import { carryOverAdminChoices, contentOf, sameContent, type ChannelInfo, type ProcedureContent } from './domain.js';

export interface ProcedureVersion extends ProcedureContent {
  procedureId: number;
  versionId: number;
  version: number;
  effectiveFrom: Date;
  effectiveTo: Date | null;
  changeNote: string | null;
  createdBy: number | null;
  createdAt: Date;
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
    changeNote: row.change_note,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
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

export async function listVersions(db: Kysely<DB> | Transaction<DB>, code: string): Promise<ProcedureVersion[]> {
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
 * Locks the procedure's row until the transaction ends and returns its id (undefined for an unknown code).
 * Everything that changes what belongs to one procedure (its versions, its workflows) queues on this row.
 */
export async function lockProcedure(tx: Transaction<DB>, code: string): Promise<number | undefined> {
  const row = await tx.selectFrom('procedures').select('id').where('code', '=', code).forUpdate().executeTakeFirst();
  return row?.id;
}

/** The procedure's id, or undefined when the catalogue has no such code. */
export async function findProcedureId(db: Kysely<DB> | Transaction<DB>, code: string): Promise<number | undefined> {
  const row = await db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id;
}

type VersionAuthor = { accountId: number | null; note: string | null; at?: Date };

/**
 * Adds `content` as the new version of its procedure from `effectiveFrom`, closing the current one.
 * Returns null when the content equals the latest version (nothing to do). `prepare` sees the latest
 * version under the procedure's row lock, so a concurrent writer cannot slip a version in between.
 */
export async function addVersion(
  tx: Transaction<DB>,
  content: ProcedureContent,
  effectiveFrom: Date,
  by: VersionAuthor,
  prepare?: (latest: ProcedureVersion | undefined) => ProcedureContent,
): Promise<{ versionId: number; version: number } | null> {
  const procedure =
    (await tx.selectFrom('procedures').select('id').where('code', '=', content.code).forUpdate().executeTakeFirst()) ??
    (await tx.insertInto('procedures').values({ code: content.code }).returning('id').executeTakeFirstOrThrow());
  const latest = await latestVersion(tx, procedure.id, content.code);
  return writeVersion(tx, procedure.id, latest, prepare ? prepare(latest) : content, effectiveFrom, by);
}

/**
 * A new version of an existing procedure computed from its latest one (a patch, a time limit). Throws
 * not found for an unknown code. `created` is null when `next` changed nothing.
 */
export async function reviseProcedure(
  tx: Transaction<DB>,
  code: string,
  effectiveFrom: Date,
  by: VersionAuthor,
  next: (latest: ProcedureVersion) => ProcedureContent,
): Promise<{ created: { versionId: number; version: number } | null; latest: ProcedureVersion }> {
  const procedure = await tx.selectFrom('procedures').select('id').where('code', '=', code).forUpdate().executeTakeFirst();
  const latest = procedure && (await latestVersion(tx, procedure.id, code));
  if (!procedure || !latest) throw notFound({ vi: `thủ tục mã ${code}`, en: `procedure ${code}` });
  const created = await writeVersion(tx, procedure.id, latest, { ...next(latest), code }, effectiveFrom, by);
  return { created, latest };
}

async function latestVersion(tx: Transaction<DB>, procedureId: number, code: string): Promise<ProcedureVersion | undefined> {
  const row = await tx
    .selectFrom('procedure_versions')
    .selectAll()
    .where('procedure_id', '=', procedureId)
    .where('effective_to', 'is', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(code, row) : undefined;
}

async function writeVersion(
  tx: Transaction<DB>,
  procedureId: number,
  latest: ProcedureVersion | undefined,
  content: ProcedureContent,
  effectiveFrom: Date,
  by: VersionAuthor,
): Promise<{ versionId: number; version: number } | null> {
  if (latest && sameContent(contentOf(latest), content)) return null;
  if (latest) {
    // Versions never overlap: the new one starts strictly after the latest one did.
    effectiveFrom = new Date(Math.max(effectiveFrom.getTime(), latest.effectiveFrom.getTime() + 1));
    await tx.updateTable('procedure_versions').set({ effective_to: effectiveFrom }).where('id', '=', latest.versionId).execute();
  }
  const version = (latest?.version ?? 0) + 1;
  const row = await tx
    .insertInto('procedure_versions')
    .values({
      procedure_id: procedureId,
      version,
      effective_from: effectiveFrom,
      ...contentColumns(contentOf(content)),
      change_note: by.note,
      created_by: by.accountId,
      ...(by.at ? { created_at: by.at } : {}),
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
  return db.transaction().execute((tx) => saveCatalogueIn(tx, parsed, effectiveFrom, accountId));
}

/** saveCatalogue inside the caller's transaction (so the caller can audit in the same one). */
export async function saveCatalogueIn(
  tx: Transaction<DB>,
  parsed: ParsedCatalogue,
  effectiveFrom: Date,
  accountId: number | null = null,
): Promise<CatalogueImportReport> {
  const report: CatalogueImportReport = { created: 0, newVersions: 0, unchanged: 0, rejected: parsed.rejected, warnings: parsed.warnings };
  for (const p of parsed.procedures) {
    const r = await addVersion(tx, p, effectiveFrom, { accountId, note: 'import' }, (latest) => carryOverAdminChoices(p, latest));
    if (!r) report.unchanged++;
    else if (r.version === 1) report.created++;
    else report.newVersions++;
  }
  // Each field of the catalogue is a professional competency officials can be assessed in.
  await ensureFieldCompetencies(tx);
  return report;
}

export interface ProcedureSummary {
  code: string;
  name: string;
  field: string;
  onlineLevel: 'full' | 'partial' | 'none';
  versionId: number;
  channels: ChannelInfo[];
}

/**
 * Search over the versions in force at `at`, without diacritics. Every word of the query must be a whole
 * word of the folded name, or the start of the code: Vietnamese words are syllables, and matching inside
 * words would let "tử" (folded "tu") find every "thủ tục". Only letters and digits reach the regular
 * expression, and the trigram index on motcua_fold(name) serves it. An exact code comes first, then the
 * names that contain the query best (word_similarity), then the closest whole names, then the code.
 */
/** A last word written without diacritics and not followed by a space may be unfinished: match it as a prefix. */
function stillTyping(query: string, word: string): boolean {
  return !/\s$/.test(query) && !/[đĐ]/.test(word) && word === word.normalize('NFD').replace(/\p{M}/gu, '');
}

export async function searchProcedures(db: Kysely<DB>, q: string, at: Date, limit = 20, field?: string): Promise<ProcedureSummary[]> {
  const query = q.normalize('NFC').trim().replace(/\s+/g, ' ');
  const words = query
    .split(' ')
    .filter(Boolean)
    .slice(0, 12)
    .map((raw) => ({ raw, letters: raw.replace(/[^\p{L}\p{N}]+/gu, '') }));
  const rows = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .select(['p.code', 'v.name', 'v.field', 'v.online_level', 'v.id', 'v.channels'])
    .where('v.effective_from', '<=', at)
    .where((eb) => eb.or([eb('v.effective_to', 'is', null), eb('v.effective_to', '>', at)]))
    .$if(!!field, (qb) => qb.where(sql<string>`motcua_fold(v.field)`, '=', sql<string>`motcua_fold(${field!.trim()})`))
    .$if(words.length > 0, (qb) =>
      qb.where((eb) =>
        eb.and(
          words.map((w, i) =>
            eb.or([
              sql<boolean>`starts_with(p.code, ${w.raw})`,
              // Whole words, except the last one while it may still be being typed ("dang ky khai s").
              ...(w.letters
                ? [
                    i === words.length - 1 && stillTyping(q, w.letters)
                      ? sql<boolean>`motcua_fold(v.name) ~ ('\\m' || motcua_fold(${w.letters}))`
                      : sql<boolean>`motcua_fold(v.name) ~ ('\\m' || motcua_fold(${w.letters}) || '\\M')`,
                  ]
                : []),
            ]),
          ),
        ),
      ),
    )
    .$if(words.length > 0, (qb) =>
      qb
        .orderBy(sql`p.code = ${query}`, 'desc')
        .orderBy(sql`word_similarity(motcua_fold(${query}), motcua_fold(v.name))`, 'desc')
        .orderBy(sql`similarity(motcua_fold(v.name), motcua_fold(${query}))`, 'desc'),
    )
    .orderBy('p.code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    field: r.field,
    onlineLevel: r.online_level,
    versionId: r.id,
    channels: r.channels as ChannelInfo[],
  }));
}

/** Fields with the number of procedures in force at `at` (or, without `at`, of the latest versions). */
export async function listFields(db: Kysely<DB>, at?: Date): Promise<Array<{ field: string; count: number }>> {
  return db
    .selectFrom('procedure_versions')
    .select(['field', sql<number>`count(*)::int`.as('count')])
    .$if(!at, (qb) => qb.where('effective_to', 'is', null))
    .$if(!!at, (qb) =>
      qb.where('effective_from', '<=', at!).where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', at!)])),
    )
    .groupBy('field')
    .orderBy('field')
    .execute();
}
