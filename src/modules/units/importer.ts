// Reads the official list of units (units-2025.json: 34 provinces, 3,321 communes with GSO codes) and
// writes them, adding each unit's identifier for dossier codes. Re-running it updates names and adds
// what is new; it never deletes a unit (dossiers point at units forever).
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const Commune = z.object({ code: z.string().regex(/^\d{5}$/), name: z.string().min(1), type: z.string() });
const Province = z.object({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  type: z.string(),
  communes: z.array(z.unknown()),
});
const UnitsFile = z.object({ source: z.string().optional(), provinces: z.array(z.unknown()) });

export type UnitKind = 'province' | 'commune' | 'ward' | 'special_zone';

export interface UnitRecord {
  code: string;
  kind: UnitKind;
  name: string;
  parentCode: string | null;
  identifier: string;
}

export interface UnitsParseResult {
  units: UnitRecord[];
  rejected: Array<{ where: string; reason: string }>;
}

const COMMUNE_KIND: Record<string, UnitKind> = { 'xã': 'commune', 'phường': 'ward', 'đặc khu': 'special_zone' };

/**
 * QCVN 102 identifiers (V1V2V3.Z1Z2.Y1Y2.MX1X2) for the post-2025 communes are assigned by each province and
 * are not in the GSO list. Until an admin enters the official one, we derive a stable, unique provisional
 * identifier: province `000.00.00.H<GSO code>`, the n-th commune of a province `000.<n div 100>.<n mod 100>.H<GSO>`
 * (both two digits), and mark it `derived` so the difference is visible.
 */
export function deriveIdentifier(provinceCode: string, communeIndex: number | null): string {
  if (communeIndex === null) return `000.00.00.H${provinceCode}`;
  const z1z2 = String(Math.floor(communeIndex / 100)).padStart(2, '0');
  const y1y2 = String(communeIndex % 100).padStart(2, '0');
  return `000.${z1z2}.${y1y2}.H${provinceCode}`;
}

export function parseUnitsFile(json: unknown): UnitsParseResult {
  const file = UnitsFile.safeParse(json);
  if (!file.success) return { units: [], rejected: [{ where: 'file', reason: 'not a units file: expected { provinces: [...] }' }] };
  const units: UnitRecord[] = [];
  const rejected: UnitsParseResult['rejected'] = [];
  const seen = new Set<string>();
  file.data.provinces.forEach((raw, pi) => {
    const p = Province.safeParse(raw);
    if (!p.success) {
      rejected.push({ where: `provinces[${pi}]`, reason: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    if (seen.has(p.data.code)) {
      rejected.push({ where: `provinces[${pi}]`, reason: `duplicate code ${p.data.code}` });
      return;
    }
    seen.add(p.data.code);
    units.push({ code: p.data.code, kind: 'province', name: p.data.name, parentCode: null, identifier: deriveIdentifier(p.data.code, null) });
    let index = 0;
    p.data.communes.forEach((rc, ci) => {
      const c = Commune.safeParse(rc);
      const where = `provinces[${pi}].communes[${ci}]`;
      if (!c.success) {
        rejected.push({ where, reason: c.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        return;
      }
      const kind = COMMUNE_KIND[c.data.type.trim().toLowerCase()];
      if (!kind) {
        rejected.push({ where, reason: `unknown unit type "${c.data.type}" (expected xã, phường or đặc khu)` });
        return;
      }
      if (seen.has(c.data.code)) {
        rejected.push({ where, reason: `duplicate code ${c.data.code}` });
        return;
      }
      seen.add(c.data.code);
      index += 1;
      units.push({ code: c.data.code, kind, name: c.data.name, parentCode: p.data.code, identifier: deriveIdentifier(p.data.code, index) });
    });
  });
  return { units, rejected };
}

export interface UnitsImportReport {
  inserted: number;
  updated: number;
  rejected: UnitsParseResult['rejected'];
}

export async function importUnits(db: Kysely<DB>, json: unknown): Promise<UnitsImportReport> {
  const { units, rejected } = parseUnitsFile(json);
  return db.transaction().execute(async (tx) => {
    let inserted = 0;
    let updated = 0;
    // Provinces first so communes can reference them.
    for (const batch of [units.filter((u) => u.kind === 'province'), units.filter((u) => u.kind !== 'province')]) {
      for (let i = 0; i < batch.length; i += 500) {
        const chunk = batch.slice(i, i + 500);
        const rows = await sql<{ inserted: boolean }>`
          insert into units (code, kind, name, parent_id, identifier)
          select v.code, v.kind, v.name, p.id, v.identifier
          from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
               as v(code text, kind text, name text, "parentCode" text, identifier text)
          left join units p on p.code = v."parentCode"
          on conflict (code) do update set name = excluded.name, kind = excluded.kind
          returning (xmax = 0) as inserted`.execute(tx);
        for (const r of rows.rows) r.inserted ? inserted++ : updated++;
      }
    }
    return { inserted, updated, rejected };
  });
}
