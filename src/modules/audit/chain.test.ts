import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db/connection.js';
import { createTestDatabase } from '../../test/db.js';
import { appendAudit, canonical, verifyAudit } from './chain.js';

let d: Database;
beforeAll(async () => {
  d = await createTestDatabase();
  for (let i = 0; i < 6; i++) {
    await d.db.transaction().execute((tx) =>
      appendAudit(tx, {
        chain: i % 2 ? 'unit:1' : 'unit:2',
        at: new Date(Date.UTC(2026, 10, 23, 2, i)),
        actorId: null,
        actorRole: 'receiving_officer',
        action: 'receive',
        entity: 'dossier',
        entityId: String(100 + i),
        details: { note: `Tiếp nhận hồ sơ ${i}`, n: i },
      }),
    );
  }
});
afterAll(async () => d?.close());

async function tamper(statement: string) {
  // The table refuses UPDATE and DELETE; an attacker with superuser rights could disable that. We do the same.
  await sql.raw(`alter table audit_log disable trigger audit_log_append_only; ${statement}; alter table audit_log enable trigger audit_log_append_only;`).execute(d.db);
}

describe('audit chain', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonical({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('verifies an untouched log', async () => {
    const v = await verifyAudit(d.db);
    expect(v).toMatchObject({ ok: true, chains: 2, entries: 6, problems: [] });
  });

  it('the database refuses to edit or delete an entry', async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(d.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(d.db)).rejects.toThrow(/append-only/);
  });

  it('detects an edited entry', async () => {
    await tamper(`update audit_log set details = '{"note":"sửa","n":1}' where chain = 'unit:1' and seq = 1`);
    const v = await verifyAudit(d.db);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual(expect.objectContaining({ chain: 'unit:1', seq: 1, problem: 'hash_mismatch' }));
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    await tamper(`delete from audit_log where chain = 'unit:2' and seq = 2`);
    await tamper(`delete from audit_log where chain = 'unit:2' and seq = 3`);
    const v = await verifyAudit(d.db);
    const kinds = v.problems.filter((p) => p.chain === 'unit:2').map((p) => p.problem);
    expect(kinds).toContain('head_mismatch');
    await d.db.transaction().execute((tx) =>
      appendAudit(tx, { chain: 'unit:2', at: new Date(), actorId: null, actorRole: null, action: 'x', entity: 'e', entityId: '1' }),
    );
    await tamper(`delete from audit_log where chain = 'unit:2' and seq = 2`);
    const v2 = await verifyAudit(d.db);
    expect(v2.problems.filter((p) => p.chain === 'unit:2').map((p) => p.problem)).toEqual(expect.arrayContaining(['missing_entry', 'broken_link']));
  });
});
