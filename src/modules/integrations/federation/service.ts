// Transfers between MotCua instances (liên thông), seen from the admin page and the transfer dialog: this
// instance's identity to hand to a peer, the units the peers host, and the recent transfers in and out with
// their state.
import type { AppContext } from '../../../context.js';
import type { Msg } from '../../../errors.js';
import { isoVn } from '../../../http/time.js';
import { instanceKey } from './keys.js';
import { listPeers } from './peers.js';
import { TRANSFERS_PATH } from './wire.js';

export interface InstanceIdentity {
  instanceId: string;
  keyId: string;
  publicKey: string;
  /** The address a peer registers for us. */
  baseUrl: string;
  receivingPath: string;
}

export async function instanceIdentity(ctx: AppContext): Promise<InstanceIdentity> {
  const key = await instanceKey(ctx.db);
  return { instanceId: key.instanceId, keyId: key.keyId, publicKey: key.publicKey, baseUrl: ctx.config.publicBaseUrl, receivingPath: TRANSFERS_PATH };
}

export interface PeerUnit {
  code: string;
  name: string;
  peerId: number;
  peerName: string;
}

/** Every unit an active peer hosts, named from our unit directory, else from the peer's last answer, else by code. */
export async function peerUnits(ctx: AppContext): Promise<PeerUnit[]> {
  await ctx.units.ready();
  const peers = (await listPeers(ctx.db)).filter((p) => p.active);
  if (!peers.length) return [];
  const named = await ctx.db
    .selectFrom('dossier_transfers')
    .select(['remote_unit_code', 'remote_unit_name'])
    .where('remote_unit_name', 'is not', null)
    .where('remote_unit_code', 'is not', null)
    .orderBy('id', 'desc')
    .limit(2000)
    .execute();
  const lastName = new Map<string, string>();
  for (const n of named) if (!lastName.has(n.remote_unit_code!)) lastName.set(n.remote_unit_code!, n.remote_unit_name!);
  return peers
    .flatMap((p) => p.unitCodes.map((code) => ({ code, name: ctx.units.byCode(code)?.name ?? lastName.get(code) ?? code, peerId: p.id, peerName: p.name })))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export type OutgoingState = 'sending' | 'accepted' | 'refused' | 'returned' | 'taken_back';

export interface OutgoingTransfer {
  transferId: number;
  dossierId: number;
  dossierCode: string;
  peer: string;
  unitCode: string;
  unitName: string;
  sentAt: string;
  state: OutgoingState;
  remoteDossierCode: string | null;
  refusal: Msg | null;
  resultOutcome: 'granted' | 'refused' | null;
  returnedAt: string | null;
}

export interface IncomingTransfer {
  id: number;
  dossierId: number;
  dossierCode: string;
  status: string;
  peer: string;
  originDossierCode: string;
  unitName: string;
  receivedAt: string;
  expectedBackAt: string | null;
  resultSentAt: string | null;
}

/** A transfer an official took back by hand is 'taken_back', whatever the peer had answered before. */
function stateOf(answer: 'accepted' | 'refused' | 'returned' | null, returnedAt: Date | null): OutgoingState {
  if (answer === 'returned' || answer === 'refused') return answer;
  if (returnedAt) return 'taken_back';
  return answer ?? 'sending';
}

export async function recentTransfers(ctx: AppContext, limit = 50): Promise<{ outgoing: OutgoingTransfer[]; incoming: IncomingTransfer[] }> {
  await ctx.units.ready();
  const [out, inc] = await Promise.all([
    ctx.db
      .selectFrom('dossier_transfers as t')
      .innerJoin('dossiers as d', 'd.id', 't.dossier_id')
      .innerJoin('federation_peers as p', 'p.id', 't.remote_peer_id')
      .leftJoin('federation_outbound as o', 'o.transfer_id', 't.id')
      .select(['t.id', 't.dossier_id', 'd.code', 'p.name as peer_name', 't.remote_unit_code', 't.remote_unit_name', 't.to_unit_id', 't.sent_at', 't.returned_at'])
      .select(['o.state', 'o.remote_dossier_code', 'o.refusal', 'o.result_outcome'])
      .orderBy('t.id', 'desc')
      .limit(limit)
      .execute(),
    ctx.db
      .selectFrom('federation_inbound as i')
      .innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
      .innerJoin('federation_peers as p', 'p.id', 'i.peer_id')
      .select(['i.id', 'i.dossier_id', 'd.code', 'd.status', 'd.unit_id', 'p.name as peer_name', 'i.origin_dossier_code', 'i.received_at', 'i.expected_back_at', 'i.result_sent_at'])
      .orderBy('i.id', 'desc')
      .limit(limit)
      .execute(),
  ]);
  return {
    outgoing: out.map((r) => ({
      transferId: r.id,
      dossierId: r.dossier_id,
      dossierCode: r.code,
      peer: r.peer_name,
      unitCode: r.remote_unit_code ?? '',
      unitName: r.remote_unit_name ?? (r.to_unit_id ? ctx.units.byId(r.to_unit_id)?.name : undefined) ?? r.remote_unit_code ?? '',
      sentAt: isoVn(r.sent_at),
      state: stateOf(r.state, r.returned_at),
      remoteDossierCode: r.remote_dossier_code,
      refusal: (typeof r.refusal === 'string' ? JSON.parse(r.refusal) : r.refusal) as Msg | null,
      resultOutcome: r.result_outcome,
      returnedAt: isoVn(r.returned_at),
    })),
    incoming: inc.map((r) => ({
      id: r.id,
      dossierId: r.dossier_id,
      dossierCode: r.code,
      status: r.status,
      peer: r.peer_name,
      originDossierCode: r.origin_dossier_code,
      unitName: ctx.units.byId(r.unit_id)?.name ?? '',
      receivedAt: isoVn(r.received_at),
      expectedBackAt: isoVn(r.expected_back_at),
      resultSentAt: isoVn(r.result_sent_at),
    })),
  };
}
