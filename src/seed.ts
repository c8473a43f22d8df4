// Seeds a fresh database with the demo: Thành phố Huế (46) and its communes (Vinh Lộc, Phú Vang, Đan Điền …),
// their service centres and offices, demo accounts for every role, the national calendar and the real catalogue.
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Config } from './config.js';
import { importUnits } from './modules/units/importer.js';
import { parseCatalogue } from './modules/catalogue/importer.js';
import { saveCatalogue, type CatalogueImportReport } from './modules/catalogue/store.js';
import { hashPassword } from './modules/people/passwords.js';
import type { Role } from './modules/people/roles.js';
import { loadShippedSchedules } from './modules/calendar/load.js';
import { DEFAULT_WORKFLOW } from './modules/dossiers/workflow.js';
import { seedDemoCertificates } from './modules/signatures/demo.js';
import { seedPracticeScenarios } from './modules/capacity/practice/scenarios.js';

export const DATA_DIR = new URL('../data/', import.meta.url);
export const DEMO_PASSWORD = 'motcua@2026';
export const DEMO_PROVINCE = '46';
/** Demo communes: official code and login suffix, in the order they are shown. */
export const DEMO_COMMUNES: ReadonlyArray<readonly [code: string, suffix: string]> = [
  ['20122', 'vinhloc'],
  ['19942', 'phuvang'],
  ['19885', 'dandien'],
];

export const OFFICES = [
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công', kind: 'service_centre' },
  { code: 'VP', name: 'Văn phòng HĐND và UBND', kind: 'office' },
  { code: 'VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'office' },
  { code: 'KT', name: 'Phòng Kinh tế', kind: 'office' },
  { code: 'LD', name: 'Lãnh đạo UBND', kind: 'leadership' },
] as const;

const COMMUNE_STAFF: Array<{ prefix: string; role: Role; office: string; name: string }> = [
  { prefix: 'tiepnhan', role: 'receiving_officer', office: 'TTPVHCC', name: 'Trần Thị Thu' },
  { prefix: 'chuyenvien', role: 'specialist', office: 'VHXH', name: 'Lê Văn Minh' },
  { prefix: 'chuyenviendd', role: 'specialist', office: 'KT', name: 'Phạm Thị Lan' },
  { prefix: 'truongphong', role: 'head_of_office', office: 'VHXH', name: 'Nguyễn Văn Hùng' },
  { prefix: 'lanhdao', role: 'unit_leader', office: 'LD', name: 'Hoàng Đức Thắng' },
  { prefix: 'vanthu', role: 'clerk', office: 'VP', name: 'Võ Thị Mai' },
  { prefix: 'quantri', role: 'centre_admin', office: 'TTPVHCC', name: 'Đặng Quốc Bảo' },
];

export interface DemoAccount {
  username: string;
  role: Role;
  unit: string;
  fullName: string;
}

export function demoAccounts(): DemoAccount[] {
  const list: DemoAccount[] = [];
  for (const [code, suffix] of DEMO_COMMUNES) {
    for (const s of COMMUNE_STAFF) list.push({ username: `${s.prefix}.${suffix}`, role: s.role, unit: code, fullName: s.name });
  }
  list.push({ username: 'theodoi.hue', role: 'province_viewer', unit: DEMO_PROVINCE, fullName: 'Ngô Thanh Tâm' });
  list.push({ username: 'admin', role: 'system_admin', unit: DEMO_PROVINCE, fullName: 'Quản trị hệ thống' });
  return list;
}

export function readDataFile(name: string): unknown {
  return JSON.parse(fs.readFileSync(new URL(name, DATA_DIR), 'utf8'));
}

export interface SeedReport {
  units: number;
  accounts: DemoAccount[];
  catalogue: CatalogueImportReport | null;
  calendarDays: number;
}

export async function isSeeded(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst());
}

export async function seedDemo(
  db: Kysely<DB>,
  config: Pick<Config, 'argon2'>,
  options: { catalogue?: boolean | unknown; now?: Date } = {},
): Promise<SeedReport> {
  const now = options.now ?? new Date();
  const units = await importUnits(db, readDataFile('units-2025.json'));
  const calendarDays = await seedCalendar(db);
  await db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('workflows').select('id').where('procedure_id', 'is', null).where('unit_id', 'is', null).executeTakeFirst();
    if (!existing) await tx.insertInto('workflows').values({ definition: JSON.stringify(DEFAULT_WORKFLOW) }).execute();
  });
  const hash = await hashPassword(DEMO_PASSWORD, config.argon2);
  const accounts = demoAccounts();
  await db.transaction().execute(async (tx) => {
    for (const [code] of DEMO_COMMUNES) {
      const unit = await tx.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      for (const o of OFFICES) {
        await tx
          .insertInto('offices')
          .values({ unit_id: unit.id, code: o.code, name: o.name, kind: o.kind })
          .onConflict((oc) => oc.columns(['unit_id', 'code']).doNothing())
          .execute();
      }
    }
    for (const a of accounts) {
      const unit = await tx.selectFrom('units').select('id').where('code', '=', a.unit).executeTakeFirstOrThrow();
      const account =
        (await tx.selectFrom('accounts').select('id').where('username', '=', a.username).executeTakeFirst()) ??
        (await tx
          .insertInto('accounts')
          .values({ username: a.username, full_name: a.fullName, password_hash: hash })
          .returning('id')
          .executeTakeFirstOrThrow());
      const staff = COMMUNE_STAFF.find((s) => a.username.startsWith(`${s.prefix}.`));
      const office = staff
        ? await tx.selectFrom('offices').select('id').where('unit_id', '=', unit.id).where('code', '=', staff.office).executeTakeFirst()
        : undefined;
      await tx
        .insertInto('role_grants')
        .values({ account_id: account.id, role: a.role, unit_id: unit.id, office_id: office?.id ?? null })
        .onConflict((oc) => oc.columns(['account_id', 'role', 'unit_id']).doNothing())
        .execute();
    }
  });
  let catalogue: CatalogueImportReport | null = null;
  if (options.catalogue !== false) {
    const json = options.catalogue === true || options.catalogue === undefined ? readDataFile('procedures.json') : options.catalogue;
    // The catalogue is in force from the start of the 2025 reform, so demo history can use it.
    catalogue = await saveCatalogue(db, parseCatalogue(json), new Date('2025-07-01T00:00:00+07:00'));
  }
  // A demo signing certificate for each commune (three RSA keys, made in parallel); skipped when one exists.
  await seedDemoCertificates(db, DEMO_COMMUNES.map(([code]) => code), now);
  // Practice scenarios for the procedures in the catalogue (capacity/practice), refreshed on every run.
  await seedPracticeScenarios(db, now);
  return { units: units.inserted + units.updated, accounts, catalogue, calendarDays };
}

export async function seedCalendar(db: Kysely<DB>): Promise<number> {
  const days = loadShippedSchedules();
  let n = 0;
  await db.transaction().execute(async (tx) => {
    for (const d of days) {
      const exists = await tx.selectFrom('calendar_days').select('id').where('unit_id', 'is', null).where('date', '=', d.date).executeTakeFirst();
      if (exists) continue;
      await tx
        .insertInto('calendar_days')
        .values({ unit_id: null, date: d.date, kind: d.kind, name: d.name, name_en: d.nameEn ?? null, source: 'shipped' })
        .execute();
      n++;
    }
  });
  return n;
}
