// SQL for the units' certificates and the signed documents.
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SignedDocumentsTable, UnitCertificatesTable } from '../../db/schema-integrations.js';

type Db = Kysely<DB> | Transaction<DB>;
export type CertificateRow = Selectable<UnitCertificatesTable>;
export type SignedDocumentRow = Selectable<SignedDocumentsTable>;

export async function insertCertificate(tx: Db, row: Insertable<UnitCertificatesTable>): Promise<CertificateRow> {
  return tx.insertInto('unit_certificates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCertificate(db: Db, id: number): Promise<CertificateRow | undefined> {
  return db.selectFrom('unit_certificates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCertificates(db: Db, unitId: number): Promise<CertificateRow[]> {
  return db.selectFrom('unit_certificates').selectAll().where('unit_id', '=', unitId).orderBy('active', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function activeFingerprintExists(db: Db, unitId: number, fingerprint: string): Promise<boolean> {
  return !!(await db.selectFrom('unit_certificates').select('id').where('unit_id', '=', unitId).where('fingerprint', '=', fingerprint).where('active', '=', true).executeTakeFirst());
}

/** The newest active certificate of a kind for the unit. */
export async function latestActiveCertificate(db: Db, unitId: number, kind: 'pkcs12' | 'remote'): Promise<CertificateRow | undefined> {
  return db
    .selectFrom('unit_certificates')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('kind', '=', kind)
    .where('active', '=', true)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function deactivate(tx: Db, id: number, now: Date): Promise<CertificateRow | undefined> {
  return tx.updateTable('unit_certificates').set({ active: false, deactivated_at: now }).where('id', '=', id).where('active', '=', true).returningAll().executeTakeFirst();
}

/** The newest PDF draft result attached to the dossier. */
export async function latestDraftResult(db: Db, dossierId: number): Promise<{ id: string; name: string; content: Uint8Array } | undefined> {
  return db
    .selectFrom('dossier_files as df')
    .innerJoin('files as f', 'f.id', 'df.file_id')
    .select(['f.id', 'f.name', 'f.content'])
    .where('df.dossier_id', '=', dossierId)
    .where('df.kind', '=', 'draft_result')
    .where('f.mime', '=', 'application/pdf')
    .orderBy('df.added_at', 'desc')
    .orderBy('df.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Stores the signed PDF, links it to the dossier and records the signed document, in the caller's transaction. */
export async function recordSignedDocument(
  tx: Transaction<DB>,
  d: Omit<Insertable<SignedDocumentsTable>, 'file_id' | 'sha256'> & { fileId: string; pdf: Buffer; fileName: string; sha256: string },
): Promise<void> {
  await tx
    .insertInto('files')
    .values({ id: d.fileId, sha256: d.sha256, mime: 'application/pdf', size: d.pdf.length, name: d.fileName, content: d.pdf, uploaded_by: d.signer_id ?? null, created_at: d.signed_at })
    .execute();
  await tx
    .insertInto('dossier_files')
    .values({ dossier_id: d.dossier_id, file_id: d.fileId, kind: d.kind, component_key: null, added_by: d.signer_id ?? null, added_at: d.signed_at })
    .execute();
  await tx
    .insertInto('signed_documents')
    .values({
      code: d.code,
      dossier_id: d.dossier_id,
      file_id: d.fileId,
      kind: d.kind,
      form: d.form ?? null,
      sha256: d.sha256,
      unit_id: d.unit_id,
      signer_id: d.signer_id ?? null,
      signer_role: d.signer_role,
      certificate_id: d.certificate_id,
      method: d.method,
      signed_at: d.signed_at,
    })
    .execute();
}

export async function findSignedDocument(db: Db, code: string) {
  return db
    .selectFrom('signed_documents as s')
    .innerJoin('files as f', 'f.id', 's.file_id')
    .innerJoin('dossiers as d', 'd.id', 's.dossier_id')
    .innerJoin('unit_certificates as c', 'c.id', 's.certificate_id')
    .select([
      's.code',
      's.kind',
      's.form',
      's.sha256',
      's.unit_id',
      's.signer_role',
      's.method',
      's.signed_at',
      'f.name as file_name',
      'f.content',
      'd.code as dossier_code',
      'd.is_practice',
      'c.certificate',
      'c.fingerprint',
      'c.subject',
      'c.common_name',
      'c.issuer',
      'c.serial',
      'c.not_before',
      'c.not_after',
    ])
    .where('s.code', '=', code)
    .executeTakeFirst();
}

export async function listDossierSignedDocuments(db: Db, dossierId: number) {
  return db
    .selectFrom('signed_documents as s')
    .innerJoin('unit_certificates as c', 'c.id', 's.certificate_id')
    .leftJoin('accounts as a', 'a.id', 's.signer_id')
    .select(['s.code', 's.kind', 's.form', 's.file_id', 's.method', 's.signed_at', 's.signer_role', 'a.full_name as signer_name', 'c.common_name'])
    .where('s.dossier_id', '=', dossierId)
    .orderBy('s.signed_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
}
