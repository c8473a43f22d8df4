// The 'federation' subscriber of the outbox: sends a dossier transferred to a unit on a peer instance, and
// sends back the result of a dossier a peer transferred to us. Peers live in the database, so the subscriber
// is always on; with no peers it has nothing to send.
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../errors.js';
import { PermanentDeliveryError, type DeliveryAttempt, type OutboxEvent, type Subscriber } from '../../outbox/types.js';
import { actAsSystem } from '../../dossiers/service.js';
import { systemOf } from './inbound.js';
import { findPeer } from './peers.js';
import { buildResultPackage, buildTransferPackage, findRemoteTransfer, PackageTooLarge, postSigned, reasonOf, recordAccepted, recordRefused, type PeerResponse } from './outbound.js';
import { resultPath, TransferAnswer, TRANSFERS_PATH } from './wire.js';

export const SUBSCRIBER_NAME = 'federation';

/**
 * Decided on the event alone. A transfer to a peer leaves the dossier's handling unit as it was (no unit here
 * holds it), while a local transfer always moves it to the target unit: so a 'transfer' event whose handling
 * unit is still the receiving unit is a remote one. Results: resolved or refused dossiers that a peer sent us
 * (source 'federation' when the event says where the dossier came from; otherwise `deliver` looks it up).
 */
export function wantsEvent(e: OutboxEvent): boolean {
  const p = e.payload;
  if (e.topic !== 'dossier.status_changed' || p.practice === true || e.dossierId === null) return false;
  if (p.action === 'transfer') return p.handlingUnitId === p.unitId;
  if (p.status === 'resolved' || p.status === 'refused') return p.source === undefined || p.source === 'federation';
  return false;
}

export function federationSubscriber(ctx: AppContext): Subscriber {
  return {
    name: SUBSCRIBER_NAME,
    wants: wantsEvent,
    deliver: (event, attempt) => (event.payload.action === 'transfer' ? sendTransfer(ctx, event, attempt) : sendResult(ctx, event, attempt)),
  };
}

/** 4xx but 408 and 429: the receiver looked at the request and said no; sending it again changes nothing. */
const refused = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

function failure(res: PeerResponse): Error {
  const reason = reasonOf(res);
  const text = `HTTP ${res.status}: ${reason.vi} / ${reason.en}`;
  return refused(res.status) ? new PermanentDeliveryError(text) : new Error(text);
}

function tooLarge(e: unknown): never {
  if (e instanceof PackageTooLarge) {
    const mb = (e.bytes / 1024 / 1024).toFixed(1);
    throw new PermanentDeliveryError(`Hồ sơ quá lớn để gửi liên thông (${mb} MB) / The dossier is too large to transfer (${mb} MB)`);
  }
  throw e;
}

async function sendTransfer(ctx: AppContext, event: OutboxEvent, attempt: DeliveryAttempt): Promise<void> {
  const transfer = await findRemoteTransfer(ctx.db, event.dossierId!, new Date(String(event.payload.at)));
  // A local transfer, or one an official took back before it left: nothing to send.
  if (!transfer || transfer.returned_at) return;
  const peer = await findPeer(ctx.db, transfer.remote_peer_id);
  if (!peer?.active) throw new PermanentDeliveryError(`Hệ thống liên thông ${peer?.name ?? transfer.remote_peer_id} đã bị tắt / The peer system is deactivated`);
  const pkg = await buildTransferPackage(ctx, transfer).catch(tooLarge);
  const res = await postSigned(ctx, peer, TRANSFERS_PATH, pkg, attempt);
  const now = ctx.clock.now();
  if (res.status === 200 || res.status === 201) {
    await recordAccepted(ctx.db, transfer.id, peer.id, TransferAnswer.parse(res.body), now);
    return;
  }
  if (refused(res.status)) {
    const reason = reasonOf(res);
    await recordRefused(ctx.db, transfer.id, peer.id, reason, now);
    // The peer cannot take this dossier (no such procedure there, unit not served): it comes back here at
    // once, with the peer's reason in its history, so the officials are not left waiting.
    if (res.status === 422) await takeBack(ctx, event.dossierId!, `${peer.name} không nhận hồ sơ liên thông: ${reason.vi}`, systemOf(peer));
  }
  throw failure(res);
}

async function takeBack(ctx: AppContext, dossierId: number, note: string, system: ReturnType<typeof systemOf>): Promise<void> {
  try {
    await ctx.db.transaction().execute((tx) => actAsSystem(ctx, tx, dossierId, 'receive_back', { note: note.slice(0, 2000) }, system));
  } catch (e) {
    // Taken back, withdrawn or stopped meanwhile: the state machine has the last word.
    if (!(e instanceof AppError && e.code === 'illegal_action')) throw e;
  }
}

async function sendResult(ctx: AppContext, event: OutboxEvent, attempt: DeliveryAttempt): Promise<void> {
  const inbound = await ctx.db.selectFrom('federation_inbound').select(['id', 'peer_id', 'dossier_id', 'origin_transfer_id']).where('dossier_id', '=', event.dossierId!).executeTakeFirst();
  if (!inbound) return;
  const peer = await findPeer(ctx.db, inbound.peer_id);
  if (!peer?.active) throw new PermanentDeliveryError(`Hệ thống liên thông ${peer?.name ?? inbound.peer_id} đã bị tắt / The peer system is deactivated`);
  const status = event.payload.status === 'refused' ? 'refused' : 'resolved';
  const pkg = await buildResultPackage(ctx, inbound, status, new Date(String(event.payload.at))).catch(tooLarge);
  const res = await postSigned(ctx, peer, resultPath(inbound.origin_transfer_id), pkg, attempt);
  if (res.status !== 200) throw failure(res);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('federation_inbound').set({ result_sent_at: now }).where('id', '=', inbound.id).where('result_sent_at', 'is', null).execute();
    // The result went back to the unit that received the dossier: here it is returned, and leaves the desk's queue.
    const row = await tx.selectFrom('dossiers').select('status').where('id', '=', inbound.dossier_id).forUpdate().executeTakeFirstOrThrow();
    if (row.status === 'resolved') {
      await actAsSystem(ctx, tx, inbound.dossier_id, 'return_result', { receivedBy: systemOf(peer).name.vi.slice(0, 200), note: `Kết quả đã gửi về ${peer.name} (hồ sơ gốc)`.slice(0, 2000) }, systemOf(peer));
    }
  });
}
