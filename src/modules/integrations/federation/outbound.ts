// What we send to a peer: the transfer package of a dossier going to one of its units, and the result of a
// dossier it transferred to us; each as a signed POST. Also what we keep of the peer's answers.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB } from '../../../db/schema.js';
import type { Msg } from '../../../errors.js';
import { toVietnamIso } from '../../../http/time.js';
import type { DeliveryAttempt } from '../../outbox/types.js';
import { instanceKey } from './keys.js';
import type { Peer } from './peers.js';
import { signRequest } from './signed-request.js';
import { MAX_PACKAGE_BYTES, type ResultPackage, type TransferAnswer, type TransferPackage, type WireFile } from './wire.js';

export interface PeerResponse {
  status: number;
  body: unknown;
}

/** POSTs `body` to the peer, signed with this instance's key; the delivery's idempotency key goes along. */
export async function postSigned(ctx: AppContext, peer: Pick<Peer, 'baseUrl'>, path: string, body: unknown, attempt: Pick<DeliveryAttempt, 'idempotencyKey' | 'signal'>): Promise<PeerResponse> {
  const key = await instanceKey(ctx.db);
  const text = JSON.stringify(body);
  const headers = signRequest(key, { method: 'POST', path, body: text, now: ctx.clock.now() });
  const res = await fetch(`${peer.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': attempt.idempotencyKey, ...headers },
    body: text,
    signal: attempt.signal,
  });
  const raw = await res.text();
  let parsed: unknown = null;
  try {
    parsed = raw ? JSON.parse(raw) : null;
  } catch {
    parsed = { raw: raw.slice(0, 300) };
  }
  return { status: res.status, body: parsed };
}

/** The peer's reason, as it sent it, or a plain one built from the status. */
export function reasonOf(res: PeerResponse): Msg {
  const m = (res.body as { message?: Partial<Msg> } | null)?.message;
  if (m && typeof m.vi === 'string' && typeof m.en === 'string') return { vi: m.vi, en: m.en };
  return { vi: `Hệ thống nhận trả lời mã HTTP ${res.status}.`, en: `The receiving system answered HTTP ${res.status}.` };
}

type Db = Kysely<DB>;

async function wireFiles(db: Db, dossierId: number, kinds: Array<'component' | 'supplement' | 'result'>): Promise<WireFile[]> {
  const rows = await db
    .selectFrom('dossier_files as df')
    .innerJoin('files as f', 'f.id', 'df.file_id')
    .select(['df.kind', 'df.component_key', 'f.name', 'f.mime', 'f.sha256', 'f.content'])
    .where('df.dossier_id', '=', dossierId)
    .where('df.kind', 'in', kinds)
    .orderBy('df.id')
    .execute();
  return rows.map((r) => ({
    name: r.name,
    mime: r.mime as WireFile['mime'],
    sha256: r.sha256,
    kind: r.kind as WireFile['kind'],
    componentKey: r.component_key,
    content: Buffer.from(r.content).toString('base64'),
  }));
}

export class PackageTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`package of ${bytes} bytes`);
  }
}

function checkSize(pkg: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(pkg));
  if (bytes > MAX_PACKAGE_BYTES) throw new PackageTooLarge(bytes);
}

export interface RemoteTransferRow {
  id: number;
  dossier_id: number;
  remote_peer_id: number;
  remote_unit_code: string;
  reason: string;
  due_at: Date | null;
  returned_at: Date | null;
}

/** The remote transfer an outbox 'transfer' event is about: the dossier's latest one opened by then (one is open at a time). */
export async function findRemoteTransfer(db: Db, dossierId: number, at: Date): Promise<RemoteTransferRow | undefined> {
  const row = await db
    .selectFrom('dossier_transfers')
    .select(['id', 'dossier_id', 'remote_peer_id', 'remote_unit_code', 'reason', 'due_at', 'returned_at', 'sent_at'])
    .where('dossier_id', '=', dossierId)
    .where('remote_peer_id', 'is not', null)
    .where('sent_at', '<=', at)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, dossier_id: row.dossier_id, remote_peer_id: row.remote_peer_id!, remote_unit_code: row.remote_unit_code!, reason: row.reason, due_at: row.due_at, returned_at: row.returned_at };
}

export async function buildTransferPackage(ctx: AppContext, t: RemoteTransferRow): Promise<TransferPackage> {
  const db = ctx.db;
  const d = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .selectAll('d')
    .select('p.code as procedure_code')
    .where('d.id', '=', t.dossier_id)
    .executeTakeFirstOrThrow();
  const components = await db.selectFrom('dossier_components').select(['component_key', 'name', 'required', 'provided']).where('dossier_id', '=', d.id).orderBy('component_key').execute();
  const key = await instanceKey(db);
  const pkg: TransferPackage = {
    version: 1,
    originInstanceId: key.instanceId,
    transferId: t.id,
    dossierCode: d.code,
    toUnitCode: t.remote_unit_code,
    procedureCode: d.procedure_code,
    channel: d.channel,
    applicant: {
      kind: d.applicant_kind,
      name: d.applicant_name,
      ...(d.applicant_id_number ? { idNumber: d.applicant_id_number } : {}),
      ...(d.applicant_phone ? { phone: d.applicant_phone } : {}),
      ...(d.applicant_email ? { email: d.applicant_email } : {}),
      ...(d.applicant_address ? { address: d.applicant_address } : {}),
    },
    subject: d.subject,
    setsCount: d.sets_count,
    resultDelivery: d.result_delivery,
    receivedAt: d.received_at ? toVietnamIso(d.received_at) : null,
    components: components.map((c) => ({ key: c.component_key, name: c.name, required: c.required, provided: c.provided })),
    files: await wireFiles(db, d.id, ['component', 'supplement']),
    reason: t.reason,
    dueAt: t.due_at ? toVietnamIso(t.due_at) : null,
    callbackUrl: `${ctx.config.publicBaseUrl}/api/federation`,
    sentAt: toVietnamIso(ctx.clock.now()),
  };
  checkSize(pkg);
  return pkg;
}

/** The result of a dossier a peer sent us, as the event that reached it saw it. */
export async function buildResultPackage(ctx: AppContext, inbound: { dossier_id: number; origin_transfer_id: number }, status: 'resolved' | 'refused', at: Date): Promise<ResultPackage> {
  const db = ctx.db;
  const d = await db.selectFrom('dossiers').select(['id', 'code', 'outcome']).where('id', '=', inbound.dossier_id).executeTakeFirstOrThrow();
  const last = await db
    .selectFrom('dossier_history')
    .select(['note', 'details'])
    .where('dossier_id', '=', d.id)
    .where('action', 'in', ['issue_result', 'refuse'])
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const details = (last?.details ?? {}) as { resultNumber?: string | null };
  const pkg: ResultPackage = {
    version: 1,
    originTransferId: inbound.origin_transfer_id,
    dossierCode: d.code,
    status,
    outcome: status === 'refused' ? 'refused' : (d.outcome ?? 'granted'),
    resultNumber: details.resultNumber ?? null,
    note: last?.note ?? null,
    files: await wireFiles(db, d.id, ['result']),
    at: toVietnamIso(at),
  };
  checkSize(pkg);
  return pkg;
}

/** The peer took the package: its code for the dossier and its name for the unit. Never undoes a result. */
export async function recordAccepted(db: Db, transferId: number, peerId: number, answer: TransferAnswer, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const accepted = { state: 'accepted' as const, remote_dossier_code: answer.dossierCode, remote_status: answer.status, refusal: null, answered_at: now };
    await tx
      .insertInto('federation_outbound')
      .values({ transfer_id: transferId, peer_id: peerId, ...accepted })
      .onConflict((oc) => oc.column('transfer_id').doUpdateSet(accepted).where('federation_outbound.state', '<>', 'returned'))
      .execute();
    await tx.updateTable('dossier_transfers').set({ remote_unit_name: answer.unitName }).where('id', '=', transferId).execute();
  });
}

/** The peer refused the package: its reason, for the admin page and the dossier's history. */
export async function recordRefused(db: Db, transferId: number, peerId: number, reason: Msg, now: Date): Promise<void> {
  const refused = { state: 'refused' as const, refusal: JSON.stringify(reason), answered_at: now };
  await db
    .insertInto('federation_outbound')
    .values({ transfer_id: transferId, peer_id: peerId, ...refused })
    .onConflict((oc) => oc.column('transfer_id').doUpdateSet(refused).where('federation_outbound.state', '<>', 'returned'))
    .execute();
}
