// Documents already digitised for the same person ("only once"): the files of an applicant's earlier dossiers in
// the officer's own units, and linking one of them to a new dossier's component instead of scanning it again.
// The same access rule as the applicant lookup: receiving officers and specialists, their own units only.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { AppError, badInput, forbidden } from '../../../errors.js';
import { isoVn } from '../../../http/time.js';
import type { Role } from '../../people/roles.js';
import type { FieldSource } from './provenance.js';

export const REUSE_ROLES: readonly Role[] = ['receiving_officer', 'specialist'];

export interface ReusableDocument {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  componentKey: string;
  componentName: string;
  dossierId: number;
  dossierCode: string;
  procedureName: string;
  /** When the earlier dossier was submitted. */
  submittedAt: string;
}

/** Files handed in as components of earlier, real dossiers with this ID number in `unitIds`; newest first, each file once. */
export async function listReusableDocuments(db: Kysely<DB>, unitIds: number[], idNumber: string, limit = 100): Promise<ReusableDocument[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectFrom('dossier_files as df')
    .innerJoin('dossiers as d', 'd.id', 'df.dossier_id')
    .innerJoin('dossier_components as c', (j) => j.onRef('c.dossier_id', '=', 'df.dossier_id').onRef('c.component_key', '=', 'df.component_key'))
    .innerJoin('files as f', 'f.id', 'df.file_id')
    .innerJoin('procedure_versions as v', 'v.id', 'd.procedure_version_id')
    .select(['df.file_id', 'f.name', 'f.mime', 'f.size', 'df.component_key', 'c.name as component_name', 'd.id as dossier_id', 'd.code', 'v.name as procedure_name', 'd.submitted_at'])
    .where('d.applicant_id_number', '=', idNumber)
    .where('d.unit_id', 'in', unitIds)
    .where('d.is_practice', '=', false)
    .where('df.kind', 'in', ['component', 'supplement'])
    .orderBy('d.submitted_at', 'desc')
    .orderBy('df.id', 'desc')
    .limit(limit * 4)
    .execute();
  const seen = new Set<string>();
  const out: ReusableDocument[] = [];
  for (const r of rows) {
    if (seen.has(r.file_id) || !r.component_key) continue;
    seen.add(r.file_id);
    out.push({
      fileId: r.file_id,
      name: r.name,
      mime: r.mime,
      size: r.size,
      componentKey: r.component_key,
      componentName: r.component_name,
      dossierId: r.dossier_id,
      dossierCode: r.code,
      procedureName: r.procedure_name,
      submittedAt: isoVn(r.submitted_at),
    });
    if (out.length >= limit) break;
  }
  return out;
}

export interface ReuseRequest {
  componentKey: string;
  fileId: string;
}

export interface CheckedReuse extends ReuseRequest {
  fromDossierId: number;
  fromDossierCode: string;
}

/**
 * Each requested file must be a component of an earlier dossier with the same ID number (else 400) in a unit
 * the officer covers (else 403). The newest such dossier is recorded as the source.
 */
export async function checkReuse(tx: Transaction<DB>, unitIds: number[], idNumber: string | undefined, reuse: ReuseRequest[]): Promise<CheckedReuse[]> {
  if (!reuse.length) return [];
  if (!idNumber) {
    throw badInput('reuse', {
      vi: 'Chỉ dùng lại được giấy tờ đã số hoá khi có số định danh cá nhân của người nộp.',
      en: "Digitised documents can only be reused with the applicant's personal ID number.",
    });
  }
  const seen = new Set<string>();
  reuse.forEach((r, i) => {
    const key = `${r.componentKey}\u0000${r.fileId}`;
    if (seen.has(key)) throw badInput(`reuse.${i}`, { vi: 'Một tệp được dùng lại hai lần cho cùng thành phần.', en: 'The same file is reused twice for the same component.' });
    seen.add(key);
  });
  const links = await tx
    .selectFrom('dossier_files as df')
    .innerJoin('dossiers as d', 'd.id', 'df.dossier_id')
    .select(['df.file_id', 'd.id', 'd.code', 'd.unit_id', 'd.submitted_at'])
    .where('df.file_id', 'in', [...new Set(reuse.map((r) => r.fileId))])
    .where('d.applicant_id_number', '=', idNumber)
    .where('d.is_practice', '=', false)
    .where('df.kind', 'in', ['component', 'supplement'])
    .orderBy('d.submitted_at', 'desc')
    .execute();
  const covered = new Set(unitIds);
  return reuse.map((r, i) => {
    const mine = links.filter((l) => l.file_id === r.fileId);
    if (!mine.length) {
      throw badInput(`reuse.${i}.fileId`, {
        vi: 'Tệp này không thuộc hồ sơ nào trước đây của cùng số định danh cá nhân.',
        en: 'This file does not belong to an earlier dossier with the same personal ID number.',
      });
    }
    const source = mine.find((l) => covered.has(l.unit_id));
    if (!source) {
      throw forbidden({
        vi: 'Tệp này thuộc hồ sơ của đơn vị khác: bạn không được dùng lại.',
        en: 'This file belongs to a dossier of another unit: you may not reuse it.',
      });
    }
    return { ...r, fromDossierId: source.id, fromDossierCode: source.code };
  });
}

/** Links the checked files to the new dossier's components, in the intake's transaction. */
export async function linkReused(tx: Transaction<DB>, dossierId: number, reused: CheckedReuse[], accountId: number, now: Date): Promise<FieldSource[]> {
  if (!reused.length) return [];
  await tx
    .insertInto('dossier_files')
    .values(reused.map((r) => ({ dossier_id: dossierId, file_id: r.fileId, component_key: r.componentKey, kind: 'component' as const, added_by: accountId, added_at: now, reused_from_dossier_id: r.fromDossierId })))
    .execute();
  // One source per component; a component with two reused files names the first file's dossier.
  const byComponent = new Map<string, FieldSource>();
  for (const r of reused) if (!byComponent.has(r.componentKey)) byComponent.set(r.componentKey, { field: `components.${r.componentKey}`, source: 'reused_document', reference: r.fromDossierCode });
  return [...byComponent.values()];
}

/** The 403 for roles that do not work with applicants. */
export function reuseForbidden(): AppError {
  return forbidden({ vi: 'Chỉ cán bộ tiếp nhận và chuyên viên được xem giấy tờ đã số hoá của người nộp.', en: "Only receiving officers and specialists may see an applicant's digitised documents." });
}
