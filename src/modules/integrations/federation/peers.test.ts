// The peer store against a real database: unit codes as text[], one active host per unit code (also when two
// admins register at the same moment), deactivation, and the audit entries.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../db/connection.js';
import { createTestDatabase } from '../../../test/db.js';
import { addPeer, findActivePeerByKeyId, findPeerForUnit, listPeers, PeerInput, PeerUpdate, setPeerActive, updatePeer } from './peers.js';

let database: Database;
const NOW = new Date('2026-11-23T02:00:00Z');
const ADMIN = { accountId: null, role: 'system_admin' };
const newKey = () => crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const input = (name: string, unitCodes: string[]) => PeerInput.parse({ name, url: 'https://motcua.example.vn/', publicKey: newKey(), unitCodes });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('federation peers', () => {
  it('stores a peer with its unit codes and finds it by unit and by key', async () => {
    const p = await addPeer(database.db, input('Sở Tư pháp tỉnh Huế', ['46', '19942', '19942']), ADMIN, NOW);
    expect(p).toMatchObject({ name: 'Sở Tư pháp tỉnh Huế', baseUrl: 'https://motcua.example.vn', unitCodes: ['19942', '46'], active: true });
    expect(p.keyId).toMatch(/^[0-9a-f]{32}$/);
    expect((await findPeerForUnit(database.db, '46'))?.id).toBe(p.id);
    expect(await findPeerForUnit(database.db, '4')).toBeUndefined();
    expect(await findPeerForUnit(database.db, '19943')).toBeUndefined();
    expect((await findActivePeerByKeyId(database.db, p.keyId))?.name).toBe('Sở Tư pháp tỉnh Huế');
    const audit = await database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'federation.add_peer').execute();
    expect(audit).toEqual([{ action: 'federation.add_peer', entity_id: String(p.id) }]);
  });

  it('refuses bad input with field-named reasons', () => {
    const bad = PeerInput.safeParse({ name: 'X', url: 'ftp://a', publicKey: newKey(), unitCodes: ['123'] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['name', 'unitCodes.0', 'url']);
  });

  it('gives a unit code to one active peer only; a deactivated peer frees its codes until it is turned on again', async () => {
    await expect(addPeer(database.db, input('Hệ thống trùng', ['19942']), ADMIN, NOW)).rejects.toMatchObject({ code: 'conflict' });
    const first = (await listPeers(database.db))[0]!;
    await setPeerActive(database.db, first.id, false, ADMIN, NOW);
    expect(await findPeerForUnit(database.db, '19942')).toBeUndefined();
    expect(await findActivePeerByKeyId(database.db, first.keyId)).toBeUndefined();
    const second = await addPeer(database.db, input('Hệ thống mới', ['19942']), ADMIN, NOW);
    expect((await findPeerForUnit(database.db, '19942'))?.id).toBe(second.id);
    await expect(setPeerActive(database.db, first.id, true, ADMIN, NOW)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('changes a peer\'s units and address, keeping its key, and still refuses a code another active peer hosts', async () => {
    const p = await addPeer(database.db, input('Sở Xây dựng', ['48']), ADMIN, NOW);
    const changed = await updatePeer(database.db, p.id, PeerUpdate.parse({ name: 'Sở Xây dựng TP Đà Nẵng', url: 'https://sxd.example.vn', unitCodes: ['48', '20194'] }), ADMIN, NOW);
    expect(changed).toMatchObject({ name: 'Sở Xây dựng TP Đà Nẵng', baseUrl: 'https://sxd.example.vn', unitCodes: ['20194', '48'], keyId: p.keyId });
    expect((await findPeerForUnit(database.db, '20194'))?.id).toBe(p.id);
    await expect(updatePeer(database.db, p.id, PeerUpdate.parse({ name: 'Sở Xây dựng', url: 'https://sxd.example.vn', unitCodes: ['19942'] }), ADMIN, NOW)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('of two registrations claiming the same code at the same moment, exactly one wins', async () => {
    const results = await Promise.allSettled([addPeer(database.db, input('Hệ thống A', ['01001', '01004']), ADMIN, NOW), addPeer(database.db, input('Hệ thống B', ['01004']), ADMIN, NOW)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['conflict']);
  });

  it('the database itself refuses malformed unit codes and addresses', async () => {
    const row = { name: 'Thử', base_url: 'https://a.vn', public_key: 'x', key_id: 'a'.repeat(32), created_at: NOW, updated_at: NOW };
    await expect(database.db.insertInto('federation_peers').values({ ...row, unit_codes: ['1234'] }).execute()).rejects.toThrow();
    await expect(database.db.insertInto('federation_peers').values({ ...row, unit_codes: ['12345'], base_url: 'https://a.vn/' }).execute()).rejects.toThrow();
  });
});
