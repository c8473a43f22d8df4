// The peer instances this MotCua trusts: where they answer, their public key, and the official unit codes each
// hosts. A transfer to a code an active peer hosts goes to that peer (the simplest rule, whatever this
// instance's own unit directory says about the code).
import type { KeyObject } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { DB, DossierRow } from '../../../db/schema.js';
import { conflict, domainRule, notFound } from '../../../errors.js';
import { bi } from '../../../http/errors.js';
import { appendAudit } from '../../audit/chain.js';
import type { RemoteTarget } from '../../dossiers/transitions.js';
import { parsePublicKey } from './keys.js';

type Db = Kysely<DB> | Transaction<DB>;

export const UnitCode = z.string().trim().regex(/^\d{2}(\d{3})?$/, bi('Mã đơn vị gồm 2 chữ số (tỉnh) hoặc 5 chữ số (xã)', 'A unit code has 2 digits (province) or 5 digits (commune)'));

export const PeerInput = z.object({
  name: z.string().trim().min(2, bi('Tên hệ thống cần ít nhất 2 ký tự', 'The system name needs at least 2 characters')).max(200),
  url: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, bi('Địa chỉ phải bắt đầu bằng http:// hoặc https://, không có ? hay #', 'The address must start with http:// or https:// and have no ? or #'))
    .transform((u) => u.replace(/\/+$/, '').replace(/\/api$/, '')),
  publicKey: z.string().trim().min(40).max(2000),
  unitCodes: z
    .array(UnitCode)
    .min(1, bi('Cần ít nhất một mã đơn vị mà hệ thống đó phục vụ', 'At least one unit code that system hosts is needed'))
    .max(5000)
    .transform((codes) => [...new Set(codes)].sort()),
});
export type PeerInput = z.infer<typeof PeerInput>;

export interface Peer {
  id: number;
  name: string;
  baseUrl: string;
  instanceId: string | null;
  publicKey: string;
  keyId: string;
  unitCodes: string[];
  active: boolean;
  createdAt: Date;
}

function toPeer(r: { id: number; name: string; base_url: string; instance_id: string | null; public_key: string; key_id: string; unit_codes: string[] | string; active: boolean; created_at: Date }): Peer {
  return {
    id: r.id,
    name: r.name,
    baseUrl: r.base_url,
    instanceId: r.instance_id,
    publicKey: r.public_key,
    keyId: r.key_id,
    unitCodes: parseTextArray(r.unit_codes),
    active: r.active,
    createdAt: new Date(r.created_at),
  };
}

/** pg and PGlite both turn text[] into arrays; a driver that hands back the literal '{a,b}' is handled too. */
function parseTextArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  return v.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

const textArray = (codes: string[]) => sql<string[]>`${`{${codes.join(',')}}`}::text[]`;

export async function listPeers(db: Db): Promise<Peer[]> {
  const rows = await db.selectFrom('federation_peers').selectAll().orderBy('active', 'desc').orderBy('name').execute();
  return rows.map(toPeer);
}

export async function findPeer(db: Db, id: number): Promise<Peer | undefined> {
  const r = await db.selectFrom('federation_peers').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toPeer(r) : undefined;
}

export async function getPeer(db: Db, id: number): Promise<Peer> {
  const p = await findPeer(db, id);
  if (!p) throw notFound({ vi: `hệ thống liên thông ${id}`, en: `peer system ${id}` });
  return p;
}

/** The active peer that signs with `keyId`, with its key ready to verify. */
export async function findActivePeerByKeyId(db: Db, keyId: string): Promise<(Peer & { publicKey: string; key: KeyObject }) | undefined> {
  const r = await db.selectFrom('federation_peers').selectAll().where('key_id', '=', keyId).where('active', '=', true).executeTakeFirst();
  if (!r) return undefined;
  return { ...toPeer(r), key: parsePublicKey(r.public_key).key };
}

/** The active peer hosting the official unit `code`, if any. */
export async function findPeerForUnit(db: Db, code: string): Promise<Peer | undefined> {
  const r = await db
    .selectFrom('federation_peers')
    .selectAll()
    .where('active', '=', true)
    .where(sql<boolean>`unit_codes @> ${textArray([code])}`)
    .orderBy('id')
    .executeTakeFirst();
  return r ? toPeer(r) : undefined;
}

/** Registers a peer. A key or a unit code already taken by another active peer is refused (409, naming it). */
export async function addPeer(db: Kysely<DB>, input: PeerInput, actor: { accountId: number | null; role: string | null }, now: Date): Promise<Peer> {
  const key = parsePublicKey(input.publicKey);
  return db.transaction().execute(async (tx) => {
    // Serialises registrations, so two admins cannot give one unit code to two peers at the same moment.
    await sql`select pg_advisory_xact_lock(7240009)`.execute(tx);
    const sameKey = await tx.selectFrom('federation_peers').select(['id', 'name']).where('key_id', '=', key.keyId).executeTakeFirst();
    if (sameKey) {
      throw conflict({ vi: `Khoá công khai này đã đăng ký cho hệ thống "${sameKey.name}".`, en: `This public key is already registered for "${sameKey.name}".` });
    }
    await checkUnitsFree(tx, input.unitCodes, null);
    const row = await tx
      .insertInto('federation_peers')
      .values({ name: input.name, base_url: input.url, public_key: key.spki, key_id: key.keyId, unit_codes: textArray(input.unitCodes), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: 'system',
      at: now,
      actorId: actor.accountId,
      actorRole: actor.role,
      action: 'federation.add_peer',
      entity: 'federation_peer',
      entityId: String(row.id),
      details: { name: input.name, url: input.url, keyId: key.keyId, unitCodes: input.unitCodes },
    });
    return toPeer(row);
  });
}

async function checkUnitsFree(tx: Transaction<DB>, codes: string[], exceptId: number | null): Promise<void> {
  let q = tx.selectFrom('federation_peers').select(['name', 'unit_codes']).where('active', '=', true).where(sql<boolean>`unit_codes && ${textArray(codes)}`);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  const taken = await q.execute();
  if (taken.length) {
    const wanted = new Set(codes);
    const clash = taken.flatMap((t) => parseTextArray(t.unit_codes).filter((c) => wanted.has(c)).map((c) => `${c} (${t.name})`));
    throw conflict({
      vi: `Mã đơn vị đã thuộc một hệ thống liên thông khác đang hoạt động: ${clash.join(', ')}.`,
      en: `Unit codes already hosted by another active peer system: ${clash.join(', ')}.`,
    });
  }
}

export const PeerUpdate = PeerInput.omit({ publicKey: true });
export type PeerUpdate = z.infer<typeof PeerUpdate>;

/** Changes a peer's name, address or units (its key stays: a new key is a new peer). */
export async function updatePeer(db: Kysely<DB>, id: number, input: PeerUpdate, actor: { accountId: number | null; role: string | null }, now: Date): Promise<Peer> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7240009)`.execute(tx);
    const peer = await getPeer(tx, id);
    if (peer.active) await checkUnitsFree(tx, input.unitCodes, id);
    const row = await tx
      .updateTable('federation_peers')
      .set({ name: input.name, base_url: input.url, unit_codes: textArray(input.unitCodes), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: 'system',
      at: now,
      actorId: actor.accountId,
      actorRole: actor.role,
      action: 'federation.update_peer',
      entity: 'federation_peer',
      entityId: String(id),
      details: { name: input.name, url: input.url, unitCodes: input.unitCodes, before: { name: peer.name, url: peer.baseUrl, unitCodes: peer.unitCodes } },
    });
    return toPeer(row);
  });
}

/** Turns a peer on or off. Turning one on again re-checks that its unit codes are still free. */
export async function setPeerActive(db: Kysely<DB>, id: number, active: boolean, actor: { accountId: number | null; role: string | null }, now: Date): Promise<Peer> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7240009)`.execute(tx);
    const peer = await getPeer(tx, id);
    if (active && !peer.active) await checkUnitsFree(tx, peer.unitCodes, id);
    const row = await tx.updateTable('federation_peers').set({ active, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: 'system',
      at: now,
      actorId: actor.accountId,
      actorRole: actor.role,
      action: active ? 'federation.activate_peer' : 'federation.deactivate_peer',
      entity: 'federation_peer',
      entityId: String(id),
      details: { name: peer.name },
    });
    return toPeer(row);
  });
}

/**
 * For the transfer action: the peer that hosts `code`, as the state machine wants it, or null for a local
 * transfer. Practice dossiers never leave the system.
 */
export async function remoteTransferTarget(tx: Transaction<DB>, ctx: AppContext, row: Pick<DossierRow, 'is_practice'>, code: string): Promise<RemoteTarget | null> {
  const peer = await findPeerForUnit(tx, code);
  if (!peer) return null;
  if (row.is_practice) {
    throw domainRule({
      vi: `Hồ sơ thực hành không được liên thông sang hệ thống khác (${peer.name}).`,
      en: `A practice dossier cannot be transferred to another system (${peer.name}).`,
    });
  }
  const local = ctx.units.byCode(code);
  return { peerId: peer.id, unitCode: code, unitName: local?.name ?? null, localUnitId: local?.id ?? null };
}
