// What a peer sends us, once its signature has been checked: a dossier transferred to one of our units (it
// joins that unit's queue, and the officials work it with the normal workflow), and the result of a dossier
// we transferred to the peer (it comes back to the unit that sent it). Each is one transaction and idempotent:
// the same package twice gives the first answer and changes nothing.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../../context.js';
import type { DB, DossierRow } from '../../../db/schema.js';
import { badInput, conflict, domainRule, forbidden, notFound } from '../../../errors.js';
import { toVietnamIso } from '../../../http/time.js';
import { loadWorkCalendar } from '../../calendar/store.js';
import { limitFor } from '../../catalogue/domain.js';
import { findVersionAt } from '../../catalogue/store.js';
import { storeFile } from '../../files/store.js';
import { actAsSystem, createDossier, numberDossier, type SystemActor } from '../../dossiers/service.js';
import { announceDecision, applyDecision, getDossierRow, newDossierState, recordSubmitted, writeHistory, type ActorStamp } from '../../dossiers/store.js';
import { decide } from '../../dossiers/transitions.js';
import { findWorkflow } from '../../dossiers/workflow-store.js';
import type { Peer } from './peers.js';
import type { ResultAnswer, ResultPackage, TransferAnswer, TransferPackage, WireFile } from './wire.js';

export const SOURCE = 'federation';

export function systemOf(peer: Pick<Peer, 'name'>): SystemActor {
  return { source: SOURCE, name: { vi: `Hệ thống ${peer.name}`, en: `${peer.name} system` } };
}

function stampOf(peer: Pick<Peer, 'name'>): ActorStamp {
  return { accountId: null, role: `system:${SOURCE}`, name: systemOf(peer).name.vi };
}

interface DecodedFile {
  wire: WireFile;
  content: Buffer;
}

/** Decodes the files and checks each against its SHA-256 before anything is written. */
function decodeFiles(files: WireFile[], field: string): DecodedFile[] {
  return files.map((f, i) => {
    const content = Buffer.from(f.content, 'base64');
    if (content.length === 0 || crypto.createHash('sha256').update(content).digest('hex') !== f.sha256) {
      throw badInput(`${field}.${i}.content`, { vi: `Tệp "${f.name}" bị hỏng trên đường truyền (mã SHA-256 không khớp).`, en: `File "${f.name}" was damaged in transit (SHA-256 mismatch).` });
    }
    return { wire: f, content };
  });
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === '23505';
}

/** The first answer for a package already taken in, rebuilt from what it created. */
async function answerFor(ctx: AppContext, inboundDossierId: number, at: Date): Promise<TransferAnswer> {
  await ctx.units.ready();
  const d = await getDossierRow(ctx.db, inboundDossierId);
  const unit = ctx.units.byId(d.unit_id)!;
  const received = await ctx.db.selectFrom('dossier_history').select('action').where('dossier_id', '=', d.id).where('action', '=', 'receive').executeTakeFirst();
  return { dossierCode: d.code, unitCode: unit.code, unitName: unit.name, status: received ? 'received' : 'submitted', receivedAt: toVietnamIso(at) };
}

/** Someone must be able to work the dossier here: a unit with no official of ours is not hosted here. */
async function checkHosted(ctx: AppContext, code: string): Promise<{ id: number; name: string; identifier: string }> {
  await ctx.units.ready();
  const unit = ctx.units.byCode(code);
  const notHosted = () =>
    domainRule({
      vi: `Đơn vị mã ${code} không được phục vụ trên hệ thống này; hãy kiểm tra danh sách mã đơn vị đã đăng ký cho hệ thống này.`,
      en: `Unit ${code} is not served by this system; check the unit codes registered for this system.`,
    });
  if (!unit || unit.mergedIntoId) throw notHosted();
  const grants = await ctx.db
    .selectFrom('role_grants as g')
    .innerJoin('accounts as a', 'a.id', 'g.account_id')
    .select('g.unit_id')
    .where('a.active', '=', true)
    .where('g.role', '=', 'receiving_officer')
    .execute();
  if (!grants.some((g) => ctx.units.covers(g.unit_id, unit.id))) throw notHosted();
  return unit;
}

/** Takes in a dossier a peer transferred to one of our units. 201 the first time, 200 with the same answer after. */
export async function receiveTransfer(ctx: AppContext, peer: Peer, pkg: TransferPackage): Promise<{ status: 200 | 201; body: TransferAnswer }> {
  if (peer.instanceId && peer.instanceId !== pkg.originInstanceId) {
    throw forbidden({
      vi: `Gói liên thông ghi mã hệ thống ${pkg.originInstanceId}, khác mã đã biết của "${peer.name}".`,
      en: `The package names instance ${pkg.originInstanceId}, not the one known for "${peer.name}".`,
    });
  }
  const seen = await findInbound(ctx, pkg.originInstanceId, pkg.transferId);
  if (seen) return { status: 200, body: await answerFor(ctx, seen.dossier_id, seen.received_at) };

  const unit = await checkHosted(ctx, pkg.toUnitCode);
  const now = ctx.clock.now();
  const version = await findVersionAt(ctx.db, pkg.procedureCode, now);
  if (!version) {
    throw domainRule({
      vi: `Thủ tục mã ${pkg.procedureCode} không có trong danh mục thủ tục đang có hiệu lực của hệ thống này, nên không nhận được hồ sơ ${pkg.dossierCode}.`,
      en: `Procedure ${pkg.procedureCode} is not in this system's catalogue in force, so dossier ${pkg.dossierCode} cannot be taken in.`,
    });
  }
  const limit = limitFor(version.channels, pkg.channel);
  if (!limit.ok) throw domainRule(limit.reason);
  const files = decodeFiles(pkg.files, 'files');
  const workflow = await findWorkflow(ctx.db, version.procedureId, unit.id);
  const cal = await loadWorkCalendar(ctx.db, unit.id);
  const known = new Set(version.components.map((c) => c.key));
  const provided = pkg.components.filter((c) => c.provided && known.has(c.key)).map((c) => c.key);
  const complete = version.components.every((c) => !c.required || provided.includes(c.key));
  const stamp = stampOf(peer);
  const note = `Nhận liên thông từ ${peer.name}, hồ sơ ${pkg.dossierCode}: ${pkg.reason}`.slice(0, 2000);

  try {
    const dossierId = await ctx.db.transaction().execute(async (tx) => {
      const row = await createDossier(tx, {
        unitId: unit.id,
        identifier: unit.identifier,
        version,
        workflowId: workflow.id,
        channel: pkg.channel,
        applicant: pkg.applicant,
        subject: pkg.subject,
        setsCount: pkg.setsCount,
        resultDelivery: pkg.resultDelivery,
        limit: limit.limit,
        fee: limit.fee,
        receiverId: null,
        source: SOURCE,
        components: [],
        actor: stamp,
        now,
      });
      for (const f of files) {
        const stored = await storeFile(tx, f.content, f.wire.name, null, now);
        const componentKey = f.wire.componentKey && known.has(f.wire.componentKey) ? f.wire.componentKey : null;
        const kind = f.wire.kind === 'supplement' ? 'supplement' : 'component';
        await tx.insertInto('dossier_files').values({ dossier_id: row.id, file_id: stored.id, component_key: componentKey, kind, added_by: null, added_at: now }).execute();
      }
      let final: DossierRow;
      if (complete) {
        // Received at the origin's counter already: it joins the unit's queue at the first step, clock started.
        const state = newDossierState(row, version.components, []);
        const d = decide('receive', state, { components: provided, note }, { now, cal, workflow: workflow.definition, actorId: null });
        d.details = { ...d.details, federation: { peer: peer.name, originDossierCode: pkg.dossierCode, originTransferId: pkg.transferId } };
        const decided = await applyDecision(tx, row, 'receive', d, stamp, now, { announce: false });
        final = await numberDossier(tx, decided, unit.identifier, now);
        await announceDecision(tx, row, 'receive', final, stamp, now);
      } else {
        // Our catalogue asks for more than the origin's did: our receiving officer checks it, as at the counter.
        if (provided.length) await tx.updateTable('dossier_components').set({ provided: true }).where('dossier_id', '=', row.id).where('component_key', 'in', provided).execute();
        await writeHistory(tx, row.id, {
          action: 'submit',
          actor: stamp,
          at: now,
          fromStatus: 'submitted',
          toStatus: 'submitted',
          fromStep: null,
          toStep: null,
          note: `${note} — Cần kiểm tra thành phần hồ sơ theo danh mục của đơn vị.`,
          details: { federation: { peer: peer.name, originDossierCode: pkg.dossierCode, originTransferId: pkg.transferId } },
          stepTime: null,
        });
        final = await numberDossier(tx, row, unit.identifier, now);
        await recordSubmitted(tx, final, stamp, now);
      }
      await tx
        .insertInto('federation_inbound')
        .values({
          peer_id: peer.id,
          origin_instance_id: pkg.originInstanceId,
          origin_transfer_id: pkg.transferId,
          origin_dossier_code: pkg.dossierCode,
          dossier_id: final.id,
          callback_url: pkg.callbackUrl || null,
          expected_back_at: pkg.dueAt ? new Date(pkg.dueAt) : null,
          received_at: now,
        })
        .execute();
      if (!peer.instanceId) await tx.updateTable('federation_peers').set({ instance_id: pkg.originInstanceId, updated_at: now }).where('id', '=', peer.id).where('instance_id', 'is', null).execute();
      return final.id;
    });
    return { status: 201, body: await answerFor(ctx, dossierId, now) };
  } catch (e) {
    // The same package arriving twice at once: the second insert loses on the unique key and answers as a repeat.
    if (isUniqueViolation(e)) {
      const first = await findInbound(ctx, pkg.originInstanceId, pkg.transferId);
      if (first) return { status: 200, body: await answerFor(ctx, first.dossier_id, first.received_at) };
    }
    throw e;
  }
}

function findInbound(ctx: AppContext, originInstanceId: string, transferId: number) {
  return ctx.db.selectFrom('federation_inbound').select(['dossier_id', 'received_at']).where('origin_instance_id', '=', originInstanceId).where('origin_transfer_id', '=', transferId).executeTakeFirst();
}

const OUTCOME = { granted: { vi: 'giải quyết', en: 'granted' }, refused: { vi: 'từ chối giải quyết', en: 'refused' } } as const;

/** The receive-back note on the origin's dossier: who answered, what, and the peer's own words. */
export function resultNote(peer: Pick<Peer, 'name'>, pkg: ResultPackage): string {
  const parts = [`Kết quả liên thông từ ${peer.name} (hồ sơ ${pkg.dossierCode}): ${OUTCOME[pkg.outcome].vi}`];
  if (pkg.resultNumber) parts.push(`số ${pkg.resultNumber}`);
  return `${parts.join(', ')}${pkg.note ? ` — ${pkg.note}` : ''}`.slice(0, 2000);
}

/** Takes in the result of a dossier we transferred to `peer`: files on the dossier, then receive_back. */
export async function receiveResult(ctx: AppContext, peer: Peer, transferId: number, pkg: ResultPackage): Promise<{ status: 200; body: ResultAnswer }> {
  if (pkg.originTransferId !== transferId) {
    throw badInput('originTransferId', { vi: 'Mã liên thông trong nội dung khác mã trên đường dẫn.', en: 'The transfer id in the body differs from the one in the path.' });
  }
  const transfer = await ctx.db.selectFrom('dossier_transfers').select(['id', 'dossier_id']).where('id', '=', transferId).where('remote_peer_id', '=', peer.id).executeTakeFirst();
  if (!transfer) throw notFound({ vi: `hồ sơ liên thông số ${transferId} gửi tới ${peer.name}`, en: `transfer ${transferId} sent to ${peer.name}` });
  const files = decodeFiles(pkg.files, 'files');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    // The dossier first, as every action locks it: then the transfer cannot change under us.
    const dossier = await getDossierRow(tx, transfer.dossier_id, true);
    const t = await tx.selectFrom('dossier_transfers').select(['returned_at']).where('id', '=', transferId).executeTakeFirstOrThrow();
    const answered = await tx.selectFrom('federation_outbound').selectAll().where('transfer_id', '=', transferId).executeTakeFirst();
    if (t.returned_at) {
      if (answered?.state === 'returned' && answered.result_received_at) {
        return { status: 200 as const, body: { dossierCode: dossier.code, status: dossier.status, receivedBackAt: toVietnamIso(answered.result_received_at) } };
      }
      throw conflict({
        vi: `Hồ sơ ${dossier.code} đã được cán bộ nhận lại từ liên thông lúc ${toVietnamIso(t.returned_at)}, trước khi có kết quả này; kết quả không được ghi nhận tự động.`,
        en: `Dossier ${dossier.code} was received back by an official at ${toVietnamIso(t.returned_at)}, before this result; the result was not recorded automatically.`,
      });
    }
    for (const f of files) {
      const stored = await storeFile(tx, f.content, f.wire.name, null, now);
      // The competent authority's signed decision: a final result, never a draft for us to sign again.
      await tx.insertInto('dossier_files').values({ dossier_id: dossier.id, file_id: stored.id, component_key: null, kind: 'result', added_by: null, added_at: now }).execute();
    }
    const updated = await actAsSystem(ctx, tx, dossier.id, 'receive_back', { note: resultNote(peer, pkg) }, systemOf(peer));
    await recordResult(tx, transferId, peer.id, pkg, now);
    return { status: 200 as const, body: { dossierCode: updated.code, status: updated.status, receivedBackAt: toVietnamIso(now) } };
  });
}

async function recordResult(tx: Transaction<DB>, transferId: number, peerId: number, pkg: ResultPackage, now: Date): Promise<void> {
  const result = {
    state: 'returned' as const,
    result_outcome: pkg.outcome,
    result_note: pkg.note,
    result_at: new Date(pkg.at),
    result_received_at: now,
  };
  await tx
    .insertInto('federation_outbound')
    .values({ transfer_id: transferId, peer_id: peerId, remote_dossier_code: pkg.dossierCode, answered_at: now, ...result })
    .onConflict((oc) => oc.column('transfer_id').doUpdateSet({ ...result, remote_dossier_code: pkg.dossierCode }))
    .execute();
}
