// Records that a backup must carry exactly: a stored file (bytea with zero bytes and quotes), a dossier with
// its file link and history, audit entries with nested Vietnamese details, a unit pointing at a later unit.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { appendAudit } from '../audit/chain.js';
import { ident, listTables, type TableInfo } from './tables.js';

export const SAMPLE_FILE_BYTES = Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(200_000), Buffer.from([0, 0, 255, 39, 92])]);

/** Needs a seeded database (units 20122 and 00004, a procedure version, the default workflow). */
export async function addSampleRecords(db: Kysely<DB>): Promise<{ dossierId: number; fileId: string }> {
  // A unit merged into one with a higher id: on restore its row goes in before the row it points at.
  await sql`update units set merged_into_id = (select id from units where code = '20122'), merged_at = '2026-01-01T00:00:00.123456Z'
            where code = '00004'`.execute(db);
  const unit = await db.selectFrom('units').select('id').where('code', '=', '20122').executeTakeFirstOrThrow();
  const proc = await db.selectFrom('procedure_versions').select(['id', 'procedure_id']).orderBy('id').limit(1).executeTakeFirstOrThrow();
  const workflow = await db.selectFrom('workflows').select('id').limit(1).executeTakeFirstOrThrow();
  const fileId = crypto.randomUUID();
  const bytes = SAMPLE_FILE_BYTES;
  await db
    .insertInto('files')
    .values({ id: fileId, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), mime: 'application/pdf', size: bytes.length, name: 'Tờ khai đăng ký.pdf', content: bytes })
    .execute();
  const dossier = await db
    .insertInto('dossiers')
    .values({
      code: '000.00.01.H46-261123-0001', unit_id: unit.id, handling_unit_id: unit.id, procedure_id: proc.procedure_id,
      procedure_version_id: proc.id, workflow_id: workflow.id, channel: 'counter', status: 'received', national_status: 2,
      applicant_name: 'Nguyễn Thị Hoà', applicant_id_number: '046123456789', limit_value: 5, limit_unit: 'working_day',
      fee_amount: 9_007_199_254_740_000, submitted_at: new Date('2026-11-23T02:00:00Z'), received_at: new Date('2026-11-23T02:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('dossier_files').values({ dossier_id: dossier.id, file_id: fileId, kind: 'component', component_key: 'to-khai' }).execute();
  await db
    .insertInto('dossier_history')
    .values({ dossier_id: dossier.id, seq: 1, action: 'receive', at: new Date('2026-11-23T02:00:00Z'), to_status: 'received', details: JSON.stringify({ note: 'Đủ thành phần' }) })
    .execute();
  for (let i = 0; i < 3; i++) {
    await db.transaction().execute((tx) =>
      appendAudit(tx, {
        chain: `unit:${unit.id}`, at: new Date(Date.UTC(2026, 10, 23, 2, i)), actorId: null, actorRole: 'receiving_officer',
        action: 'receive', entity: 'dossier', entityId: String(dossier.id), details: { note: `Tiếp nhận "${i}"`, nested: { a: [1, null, 'ư'] } },
      }),
    );
  }
  return { dossierId: dossier.id, fileId };
}

/**
 * Every row of every table as PostgreSQL's own text form, in key order: independent of the backup's JSON path.
 * With `shape` (another database's tables), only those tables and columns: a newer schema may have added some.
 */
export async function snapshot(db: Kysely<DB>, shape?: TableInfo[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of shape ?? (await listTables(db))) {
    const order = t.primaryKey.length ? `order by ${t.primaryKey.map((k) => `t.${ident(k)}`).join(', ')}` : 'order by 1';
    const row = `row(${t.columns.map((c) => `t.${ident(c.name)}`).join(', ')})::text`;
    out[t.name] = (await sql.raw<{ r: string }>(`select ${row} as r from ${ident(t.name)} t ${order}`).execute(db)).rows.map((x) => x.r);
  }
  return out;
}
