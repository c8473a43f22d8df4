// Where each datum of a dossier came from: the population database (proven by the stored lookup), typed by the
// officer, or a document reused from an earlier dossier. Decided by a pure comparison at intake and written in
// the intake's transaction, so a dossier never exists without its sources.
import crypto from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { badInput } from '../../../errors.js';
import { isoVn } from '../../../http/time.js';
import { CitizenRecord, PREFILLED_FIELDS, toApplicantFields, type PopulationApplicant } from './record.js';

export const DATA_SOURCES = ['population_database', 'entered', 'reused_document', 'national_portal', 'online_form'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

export interface FieldSource {
  /** e.g. 'applicant.name', 'components.c1-7d4524' */
  field: string;
  source: DataSource;
  /** The lookup's id (population_database), the earlier dossier's code (reused_document). */
  reference: string | null;
}

/** The applicant fields whose source is recorded, in the order they are shown. */
export const APPLICANT_FIELDS = ['idNumber', 'name', 'address', 'phone', 'email'] as const;
type ApplicantField = (typeof APPLICANT_FIELDS)[number];

export interface LookupForIntake {
  id: string;
  applicant: PopulationApplicant;
}

/** A lookup this old is not trusted to describe the person in front of the desk any more. */
export const LOOKUP_VALID_HOURS = 24;

function same(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

/**
 * Each applicant field that has a value: 'population_database' when it equals what the lookup answered,
 * otherwise `fallback` (the officer typed or changed it).
 */
export function applicantSources(
  applicant: Partial<Record<ApplicantField, string | null | undefined>>,
  lookup: LookupForIntake | null,
  fallback: DataSource = 'entered',
): FieldSource[] {
  const out: FieldSource[] = [];
  for (const field of APPLICANT_FIELDS) {
    const value = applicant[field];
    if (typeof value !== 'string' || !value.trim()) continue;
    const fromLookup = lookup && (PREFILLED_FIELDS as readonly string[]).includes(field) ? lookup.applicant[field as (typeof PREFILLED_FIELDS)[number]] : null;
    out.push(
      typeof fromLookup === 'string' && same(value, fromLookup)
        ? { field: `applicant.${field}`, source: 'population_database', reference: lookup!.id }
        : { field: `applicant.${field}`, source: fallback, reference: null },
    );
  }
  return out;
}

export async function saveLookup(db: Kysely<DB>, accountId: number, idNumber: string, record: CitizenRecord, now: Date): Promise<string> {
  const id = crypto.randomUUID();
  await db.insertInto('population_lookups').values({ id, account_id: accountId, id_number: idNumber, fetched_at: now, data: JSON.stringify(record) }).execute();
  return id;
}

/** The officer's own recent lookup of this very number, or a 400 naming `populationLookupId`. */
export async function lookupForIntake(tx: Transaction<DB>, lookupId: string, accountId: number, idNumber: string | undefined, now: Date): Promise<LookupForIntake> {
  const row = await tx.selectFrom('population_lookups').selectAll().where('id', '=', lookupId).executeTakeFirst();
  if (!row || row.account_id !== accountId) {
    throw badInput('populationLookupId', { vi: 'Không có lượt tra cứu CSDL dân cư này của bạn.', en: 'No such population database lookup of yours.' });
  }
  if (!idNumber || idNumber !== row.id_number) {
    throw badInput('populationLookupId', {
      vi: 'Lượt tra cứu CSDL dân cư là của một số định danh khác với số định danh của người nộp. Hãy tra cứu lại.',
      en: "The population database lookup is for another ID number than the applicant's. Look the number up again.",
    });
  }
  if (now.getTime() - new Date(row.fetched_at).getTime() > LOOKUP_VALID_HOURS * 3_600_000) {
    throw badInput('populationLookupId', {
      vi: `Lượt tra cứu CSDL dân cư đã quá ${LOOKUP_VALID_HOURS} giờ. Hãy tra cứu lại.`,
      en: `The population database lookup is older than ${LOOKUP_VALID_HOURS} hours. Look the number up again.`,
    });
  }
  return { id: row.id, applicant: toApplicantFields(CitizenRecord.parse(row.data)) };
}

export async function recordDataSources(tx: Transaction<DB>, dossierId: number, sources: FieldSource[], now: Date): Promise<void> {
  if (!sources.length) return;
  await tx
    .insertInto('dossier_data_sources')
    .values(sources.map((s) => ({ dossier_id: dossierId, field: s.field, source: s.source, reference: s.reference, recorded_at: now })))
    .execute();
}

export async function listDataSources(db: Kysely<DB>, dossierId: number): Promise<Array<FieldSource & { recordedAt: string }>> {
  const rows = await db.selectFrom('dossier_data_sources').selectAll().where('dossier_id', '=', dossierId).orderBy('field').execute();
  const order = (f: string) => {
    const i = APPLICANT_FIELDS.indexOf(f.replace(/^applicant\./, '') as ApplicantField);
    return i >= 0 ? i : APPLICANT_FIELDS.length;
  };
  return rows
    .sort((a, b) => order(a.field) - order(b.field) || a.field.localeCompare(b.field))
    .map((r) => ({ field: r.field, source: r.source, reference: r.reference, recordedAt: isoVn(r.recorded_at)! }));
}
