// What a citizen can do without an account: upload files, submit a dossier online, send a requested
// supplement, and rate the service once. The citizen proves a dossier is theirs with the personal ID number
// or phone number given at submission.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB, DossierRow } from '../../db/schema.js';
import type { AppContext } from '../../context.js';
import { AppError, badInput, domainRule, notFound } from '../../errors.js';
import { bi } from '../../http/errors.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { getVersionAt } from '../catalogue/store.js';
import { limitFor } from '../catalogue/domain.js';
import { storeFile } from '../files/store.js';
import { Applicant, createDossier, numberDossier } from '../dossiers/service.js';
import { findWorkflow } from '../dossiers/workflow-store.js';
import { findDossierRow, recordSubmitted, writeHistory } from '../dossiers/store.js';
import { applicantSources, recordDataSources } from '../integrations/population/provenance.js';
import { withIdempotency, type IdempotencyKey } from '../dossiers/idempotency.js';
import { CRITERIA, LEVELS, SCALE_VERSION } from './criteria.js';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

const FileRef = z.object({ id: z.uuid(), token: z.string().min(16).max(100) });
const ComponentFiles = z.array(z.object({ key: z.string().min(1).max(80), files: z.array(FileRef).max(10).default([]) })).max(60).default([]);

export const OnlineSubmission = z.object({
  procedureCode: z.string().trim().min(1).max(40),
  unitCode: z.string().regex(/^\d{5}$/, bi('Chọn xã, phường nơi nộp hồ sơ', 'Choose the commune or ward to submit to')),
  applicant: Applicant.extend({
    idNumber: Applicant.shape.idNumber.unwrap(),
    phone: Applicant.shape.phone.unwrap(),
  }),
  resultDelivery: z.enum(['counter', 'postal', 'online']).default('counter'),
  components: ComponentFiles,
  note: z.string().trim().max(2000).optional(),
});
export type OnlineSubmission = z.infer<typeof OnlineSubmission>;

export const Verify = z
  .object({ idNumber: z.string().trim().regex(/^\d{12}$/).optional(), phone: z.string().trim().max(15).optional() })
  .refine((v) => v.idNumber || v.phone, bi('Nhập số định danh cá nhân hoặc số điện thoại đã khai khi nộp hồ sơ', 'Enter the personal ID number or phone number given at submission'));

export const SupplementUpload = z.object({ verify: Verify, components: ComponentFiles, note: z.string().trim().max(2000).optional() });
export const Rating = z.object({
  verify: Verify,
  answers: z.record(z.string(), z.enum(LEVELS)).refine((a) => 'overall' in a, bi('Cần đánh giá mức độ hài lòng chung', 'The overall satisfaction is required')),
  comment: z.string().trim().max(2000).optional(),
});

export async function uploadPublicFile(ctx: AppContext, content: Uint8Array, name: string) {
  const token = crypto.randomBytes(24).toString('base64url');
  const stored = await storeFile(ctx.db, content, name, null, ctx.clock.now());
  await ctx.db.updateTable('files').set({ upload_token_hash: sha256(token) }).where('id', '=', stored.id).execute();
  return { ...stored, token };
}

/** Files uploaded anonymously are usable only by whoever holds their token, and only once. */
async function claimFiles(tx: Transaction<DB>, refs: Array<{ id: string; token: string }>, field: string): Promise<void> {
  if (!refs.length) return;
  const rows = await tx.selectFrom('files').select(['id', 'upload_token_hash']).where('id', 'in', refs.map((r) => r.id)).forUpdate().execute();
  const byId = new Map(rows.map((r) => [r.id, r.upload_token_hash]));
  for (const r of refs) {
    const hash = byId.get(r.id);
    if (!hash || hash !== sha256(r.token)) throw badInput(field, { vi: 'Tệp đính kèm không hợp lệ hoặc đã được dùng. Hãy tải lên lại.', en: 'An attached file is invalid or already used. Upload it again.' });
  }
  await tx.updateTable('files').set({ upload_token_hash: null }).where('id', 'in', refs.map((r) => r.id)).execute();
}

const APPLICANT = (row: Pick<DossierRow, 'applicant_name'>) => ({ accountId: null, role: 'applicant', name: row.applicant_name });

export async function submitOnline(ctx: AppContext, input: OnlineSubmission, idem: IdempotencyKey | null) {
  await ctx.units.ready();
  const unit = ctx.units.byCode(input.unitCode);
  if (!unit || unit.kind === 'province') throw badInput('unitCode', { vi: `Không có xã, phường mã ${input.unitCode}.`, en: `No commune or ward with code ${input.unitCode}.` });
  const target = unit.mergedIntoId ? ctx.units.successor(unit.id)! : unit;
  const now = ctx.clock.now();
  const version = await getVersionAt(ctx.db, input.procedureCode, now);
  if (version.onlineLevel === 'none') throw domainRule({ vi: 'Thủ tục này không nộp trực tuyến được; vui lòng nộp tại Bộ phận Một cửa.', en: 'This procedure cannot be submitted online; please apply at the one-stop desk.' });
  const limit = limitFor(version.channels, 'online');
  if (!limit.ok) throw domainRule(limit.reason);
  const known = new Set(version.components.map((c) => c.key));
  input.components.forEach((c, i) => {
    if (!known.has(c.key)) throw badInput(`components.${i}.key`, { vi: `Thành phần "${c.key}" không thuộc thủ tục.`, en: `Component "${c.key}" is not part of the procedure.` });
  });
  const workflow = await findWorkflow(ctx.db, version.procedureId, target.id);
  return withIdempotency(ctx, `public:${input.applicant.idNumber}`, idem, input, async (tx) => {
    await claimFiles(tx, input.components.flatMap((c) => c.files), 'components.files');
    const applicant = { ...input.applicant };
    const row = await createDossier(tx, {
      unitId: target.id,
      identifier: target.identifier,
      version,
      workflowId: workflow.id,
      channel: 'online',
      applicant,
      subject: input.note ?? null,
      setsCount: 1,
      resultDelivery: input.resultDelivery,
      limit: limit.limit,
      fee: limit.fee,
      receiverId: null,
      components: input.components.map((c) => ({ key: c.key, fileIds: c.files.map((f) => f.id) })),
      actor: APPLICANT({ applicant_name: applicant.name }),
      now,
    });
    const attached = input.components.filter((c) => c.files.length).map((c) => c.key);
    if (attached.length) await tx.updateTable('dossier_components').set({ provided: true }).where('dossier_id', '=', row.id).where('component_key', 'in', attached).execute();
    // Everything in an online submission is what the citizen typed or attached on the form.
    await recordDataSources(tx, row.id, [...applicantSources(applicant, null, 'online_form'), ...attached.map((key) => ({ field: `components.${key}`, source: 'online_form' as const, reference: null }))], now);
    const numbered = await numberDossier(tx, row, target.identifier, now);
    await recordSubmitted(tx, numbered, APPLICANT(row), now);
    return { status: 201, body: { code: numbered.code, status: numbered.status, submittedAt: now.toISOString(), statusUrl: `${ctx.config.publicBaseUrl}/tra-cuu/${encodeURIComponent(numbered.code)}` } };
  });
}

export async function ownedDossier(tx: Transaction<DB>, code: string, verify: z.infer<typeof Verify>): Promise<DossierRow> {
  const row = await findDossierRow(tx, code, true);
  const digits = (s: string | null | undefined) => (s ?? '').replace(/\D/g, '').replace(/^84/, '0');
  const ok =
    row &&
    !row.is_practice &&
    ((verify.idNumber && row.applicant_id_number === verify.idNumber) || (verify.phone && row.applicant_phone && digits(row.applicant_phone) === digits(verify.phone)));
  // The same answer whether the code is unknown or the proof is wrong: codes must not be probed.
  if (!row || !ok) throw notFound({ vi: 'hồ sơ có mã và thông tin xác minh này', en: 'a dossier with this code and proof of identity' });
  return row;
}

export async function uploadSupplement(ctx: AppContext, code: string, input: z.infer<typeof SupplementUpload>) {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await ownedDossier(tx, code, input.verify);
    if (row.status !== 'supplement_requested' && row.status !== 'intake_supplement') {
      throw new AppError('illegal_action', { vi: 'Hồ sơ không ở trạng thái chờ bổ sung.', en: 'The dossier is not waiting for a supplement.' }, { allowed: [] });
    }
    const keys = new Set((await tx.selectFrom('dossier_components').select('component_key').where('dossier_id', '=', row.id).execute()).map((c) => c.component_key));
    const requested = await requestedItems(tx, row.id);
    // Each upload names a component of the dossier, or "missing-N": the N-th item of the open request, which
    // may be a document the officer named freely (no component); its files are then kept without a component.
    const targets = input.components.map((c, i) => {
      if (keys.has(c.key)) return { ...c, componentKey: c.key as string | null, item: null as string | null };
      const n = /^missing-(\d{1,3})$/.exec(c.key);
      const item = n ? requested[Number(n[1]) - 1] : undefined;
      if (!item) throw badInput(`components.${i}.key`, { vi: `Thành phần "${c.key}" không thuộc hồ sơ.`, en: `Component "${c.key}" is not part of the dossier.` });
      return { ...c, componentKey: item.componentKey ?? null, item: item.componentKey ? null : item.name };
    });
    const refs = input.components.flatMap((c) => c.files);
    if (!refs.length) throw badInput('components', { vi: 'Cần đính kèm ít nhất một tệp bổ sung.', en: 'Attach at least one file.' });
    await claimFiles(tx, refs, 'components.files');
    await tx
      .insertInto('dossier_files')
      .values(targets.flatMap((c) => c.files.map((f) => ({ dossier_id: row.id, file_id: f.id, component_key: c.componentKey, kind: 'supplement' as const, added_by: null, added_at: now }))))
      .execute();
    await writeHistory(tx, row.id, {
      action: 'supplement_uploaded',
      actor: APPLICANT(row),
      at: now,
      fromStatus: row.status,
      toStatus: row.status,
      fromStep: row.step,
      toStep: row.step,
      note: input.note ?? null,
      details: {
        components: targets.flatMap((c) => (c.componentKey && c.files.length ? [c.componentKey] : [])),
        items: targets.flatMap((c) => (c.item && c.files.length ? [c.item] : [])),
        files: refs.length,
      },
      stepTime: null,
    });
    await tx.insertInto('outbox').values({ topic: 'dossier.supplement_uploaded', dossier_id: row.id, payload: JSON.stringify({ code: row.code, at: now.toISOString() }) }).execute();
    await appendAudit(tx, { chain: chainForUnit(row.unit_id), at: now, actorId: null, actorRole: 'applicant', action: 'dossier.supplement_uploaded', entity: 'dossier', entityId: row.code, details: { files: refs.length } });
    return { code: row.code, files: refs.length };
  });
}

/** The items of the dossier's open supplement request, in the order the officer listed them. */
async function requestedItems(tx: Transaction<DB>, dossierId: number): Promise<Array<{ componentKey: string | null; name: string }>> {
  const pause = await tx
    .selectFrom('dossier_pauses')
    .select('details')
    .where('dossier_id', '=', dossierId)
    .where('kind', '=', 'supplement')
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  const missing = (pause?.details as { missing?: Array<{ componentKey?: string | null; name: string }> } | undefined)?.missing ?? [];
  return missing.map((m) => ({ componentKey: m.componentKey ?? null, name: m.name }));
}

export async function rateDossier(ctx: AppContext, code: string, input: z.infer<typeof Rating>) {
  const known = new Set(CRITERIA.map((c) => c.key));
  const unknown = Object.keys(input.answers).filter((k) => !known.has(k));
  if (unknown.length) throw badInput('answers', { vi: `Tiêu chí không có trong phiếu: ${unknown.join(', ')}`, en: `Criteria not on the form: ${unknown.join(', ')}` });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await ownedDossier(tx, code, input.verify);
    if (row.status !== 'resolved' && row.status !== 'returned') {
      throw new AppError('illegal_action', { vi: 'Chỉ đánh giá được khi hồ sơ đã có kết quả.', en: 'A dossier can be rated once it has a result.' }, { allowed: [] });
    }
    const already = await tx.selectFrom('ratings').select('dossier_id').where('dossier_id', '=', row.id).executeTakeFirst();
    if (already) throw new AppError('conflict', { vi: 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.', en: 'This dossier has already been rated. Each dossier is rated once.' });
    const satisfied = input.answers.overall !== 'unsatisfied';
    await tx
      .insertInto('ratings')
      .values({ dossier_id: row.id, scale_version: SCALE_VERSION, answers: JSON.stringify(input.answers), satisfied, comment: input.comment ?? null, channel: 'online', rated_at: now })
      .execute();
    await tx.insertInto('outbox').values({ topic: 'dossier.rated', dossier_id: row.id, payload: JSON.stringify({ code: row.code, satisfied, at: now.toISOString() }) }).execute();
    await appendAudit(tx, { chain: chainForUnit(row.unit_id), at: now, actorId: null, actorRole: 'applicant', action: 'dossier.rated', entity: 'dossier', entityId: row.code, details: { satisfied } });
    return { code: row.code, satisfied };
  });
}
