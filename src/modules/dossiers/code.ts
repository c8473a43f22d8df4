// Dossier codes `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX` (ND61 Art.26, TT01 Art.19): the receiving unit's QCVN 102
// identifier, the receipt date in Vietnam time and a sequence that is consecutive per unit per day.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toLocalDate } from '../calendar/time.js';

const IDENTIFIER = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
export const DOSSIER_CODE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{6})-(\d{4,})$/;

export function formatDossierCode(identifier: string, at: Date, sequence: number): string {
  if (!IDENTIFIER.test(identifier)) throw new RangeError(`not a QCVN 102 identifier: ${identifier}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad sequence ${sequence}`);
  const [y, m, d] = toLocalDate(at).split('-');
  return `${identifier}-${y!.slice(2)}${m}${d}-${String(sequence).padStart(4, '0')}`;
}

export function parseDossierCode(code: string): { identifier: string; date: string; sequence: number } | undefined {
  const m = DOSSIER_CODE.exec(code);
  if (!m) return undefined;
  const ymd = m[2]!;
  return { identifier: m[1]!, date: `20${ymd.slice(0, 2)}-${ymd.slice(2, 4)}-${ymd.slice(4, 6)}`, sequence: Number(m[3]) };
}

/**
 * The next sequence for a unit and day. The counter row stays locked until the caller's transaction ends,
 * so concurrent intakes queue here and a rolled-back intake gives its number back: codes stay consecutive.
 */
export async function nextSequence(tx: Transaction<DB>, unitId: number, at: Date): Promise<number> {
  const day = toLocalDate(at);
  const row = await sql<{ last: number }>`
    insert into dossier_code_counters as c (unit_id, day, last) values (${unitId}, ${day}, 1)
    on conflict (unit_id, day) do update set last = c.last + 1
    returning last`.execute(tx);
  return Number(row.rows[0]!.last);
}
