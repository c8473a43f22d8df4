// Signing a dossier's result (the `sign` step of the workflow) or one of its forms. The document is prepared and
// signed first — with the unit's sealed key, or remotely while the signer confirms on a phone — and only then,
// in ONE transaction, the signed PDF, its verification record and (for a result) the `sign` action are stored.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { DB, DossierRow } from '../../db/schema.js';
import { AppError, domainRule, forbidden } from '../../errors.js';
import { isoVn } from '../../http/time.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import { loadWorkCalendar } from '../calendar/store.js';
import { getVersionById } from '../catalogue/store.js';
import { canRead } from '../dossiers/access.js';
import { DOSSIER_FORMS, renderDossierForm, unitHeader, type DossierForm } from '../dossiers/forms.js';
import { withIdempotency, type IdempotencyKey } from '../dossiers/idempotency.js';
import { ACTION_NAMES, allowedActions } from '../dossiers/rules.js';
import { workflowOf } from '../dossiers/service.js';
import { applyDecision, getDossierRow, loadState } from '../dossiers/store.js';
import { decide } from '../dossiers/transitions.js';
import type { ActionName } from '../dossiers/workflow.js';
import type { Actor } from '../people/actor.js';
import { requireGrant } from '../people/actor.js';
import type { Role } from '../people/roles.js';
import { bi } from '../../http/errors.js';
import { newVerificationCode } from './codes.js';
import { signPdf } from './pades.js';
import { providerFor, remoteError } from './registry.js';
import { RemoteSigningError, type PollOptions } from './remote-signing-client.js';
import { renderResultDocument } from './result.js';
import { displayCode, drawVerificationStamp } from './stamp.js';
import { findCertificate, latestActiveCertificate, latestDraftResult, listDossierSignedDocuments, recordSignedDocument, type CertificateRow } from './store.js';
import { checkPdfSignatures, intact } from './verify.js';

export const SignInput = z.object({
  method: z.enum(['pkcs12', 'remote'], bi('Chọn cách ký: pkcs12 (chứng thư của đơn vị) hoặc remote (ký số từ xa)', 'Choose how to sign: pkcs12 (the unit certificate) or remote (remote signing)')),
  certificateId: z.number().int().positive().optional(),
  note: z.string().trim().max(2000).optional(),
});
export type SignInput = z.infer<typeof SignInput>;

/** Who signs: the result by the unit's leader; a form also by the clerk or the receiving officer (the receipt). */
const RESULT_SIGNERS: readonly Role[] = ['unit_leader'];
const FORM_SIGNERS: readonly Role[] = ['unit_leader', 'clerk', 'receiving_officer'];

export function verificationUrl(ctx: AppContext, code: string): string {
  return `${ctx.config.publicBaseUrl}/xac-thuc/${code}`;
}

export interface SignedResult {
  code: string;
  displayCode: string;
  verificationUrl: string;
  fileId: string;
  kind: 'result' | 'form';
  form: DossierForm | null;
  signedAt: string;
  certificate: { id: number; commonName: string };
  dossier: { id: number; code: string; status: string; revision: number };
}

async function chooseCertificate(ctx: AppContext, unitId: number, input: SignInput, now: Date): Promise<CertificateRow> {
  const cert = input.certificateId ? await findCertificate(ctx.db, input.certificateId) : await latestActiveCertificate(ctx.db, unitId, input.method);
  if (!cert || cert.unit_id !== unitId || !cert.active || cert.kind !== input.method) {
    throw domainRule(
      input.certificateId
        ? { vi: 'Chứng thư số đã chọn không phải chứng thư đang dùng của đơn vị cho cách ký này.', en: "The chosen certificate is not one of the unit's active certificates for this signing method." }
        : input.method === 'pkcs12'
          ? { vi: 'Đơn vị chưa có chứng thư số (.p12) đang dùng. Quản trị trung tâm cần tải lên chứng thư của đơn vị.', en: 'The unit has no active certificate (.p12). The centre admin must upload it.' }
          : { vi: 'Đơn vị chưa đăng ký chứng thư ký số từ xa.', en: 'The unit has no registered remote-signing credential.' },
    );
  }
  if (new Date(cert.not_after) < now || new Date(cert.not_before) > now) {
    throw domainRule({ vi: `Chứng thư số "${cert.common_name}" không còn hiệu lực (đến ${isoVn(cert.not_after)}).`, en: `Certificate "${cert.common_name}" is not valid now (until ${isoVn(cert.not_after)}).` });
  }
  return cert;
}

function illegal(allowed: readonly ActionName[]): AppError {
  return new AppError(
    'illegal_action',
    {
      vi: `Không thể "${ACTION_NAMES.sign.vi}" khi hồ sơ đang ở trạng thái hiện tại. Được phép: ${allowed.map((a) => ACTION_NAMES[a].vi).join(', ') || 'không có'}.`,
      en: `"${ACTION_NAMES.sign.en}" is not allowed in the dossier's current state. Allowed: ${allowed.join(', ') || 'none'}.`,
    },
    { allowed: [...allowed] },
  );
}

async function loadForSigning(ctx: AppContext, actor: Actor, ref: number | string, roles: readonly Role[]): Promise<{ row: DossierRow; role: Role }> {
  await ctx.units.ready();
  const row = await getDossierRow(ctx.db, ref);
  if (!canRead(actor, row, ctx.units)) throw forbidden({ vi: 'Hồ sơ không thuộc đơn vị của bạn.', en: 'This dossier is not in your unit.' });
  const grant = requireGrant(actor, roles, row.unit_id, ctx.units);
  return { row, role: grant.role };
}

/** Signs with the stamp drawn in; a remote refusal or timeout becomes a bilingual 422 and nothing is stored. */
async function produce(ctx: AppContext, cert: CertificateRow, source: Uint8Array, o: { code: string; now: Date; reason: string; place: string; poll?: PollOptions | undefined }): Promise<Buffer> {
  const provider = await providerFor(ctx, cert, o.reason, o.poll);
  let signed: Buffer;
  try {
    signed = await signPdf(source, provider, { signingTime: o.now, name: cert.common_name, reason: o.reason, location: o.place }, (doc) =>
      drawVerificationStamp(doc, { url: verificationUrl(ctx, o.code), displayCode: displayCode(o.code), signerName: cert.common_name, signedAt: o.now }),
    );
  } catch (e) {
    if (e instanceof RemoteSigningError) throw remoteError(e);
    if (e instanceof Error && /Failed to parse|encrypted|Invalid PDF|No PDF header/i.test(e.message)) {
      throw domainRule({ vi: `Không đọc được tệp PDF để ký: ${e.message}`, en: `The PDF cannot be read for signing: ${e.message}` });
    }
    throw e;
  }
  // Our own check before anything is stored: a signature that does not verify here is a bug, never a result.
  const last = checkPdfSignatures(signed).at(-1);
  if (!last || !intact(last) || !last.coversWholeFile) throw new Error('The freshly signed PDF does not verify');
  return signed;
}

/** A retry of a signing already done answers at once, before anyone is asked to sign again. */
async function replayed(db: Kysely<DB>, scope: string, key: IdempotencyKey | null, request: unknown): Promise<SignedResult | null> {
  if (!key) return null;
  const prior = await db.selectFrom('idempotency_keys').select(['response', 'request_hash']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
  if (!prior?.response) return null;
  // The same hash withIdempotency keeps: a key reused for another request is refused the same way.
  if (prior.request_hash !== crypto.createHash('sha256').update(JSON.stringify(request)).digest('hex')) {
    throw domainRule({ vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.', en: 'This Idempotency-Key was already used for a different request.' });
  }
  return prior.response as SignedResult;
}

/** POST /api/dossiers/:ref/sign — the leader signs the result; the dossier takes the `sign` action. */
export async function signDossierResult(ctx: AppContext, actor: Actor, ref: number | string, input: SignInput, idem: IdempotencyKey | null, options: { poll?: PollOptions } = {}): Promise<SignedResult> {
  const scope = `account:${actor.accountId}`;
  const request = { signResult: String(ref), method: input.method, certificateId: input.certificateId ?? null, note: input.note ?? null };
  const prior = await replayed(ctx.db, scope, idem, request);
  if (prior) return prior;
  const { row, role } = await loadForSigning(ctx, actor, ref, RESULT_SIGNERS);
  const workflow = await workflowOf(ctx.db, row.workflow_id);
  const allowed = allowedActions(await loadState(ctx.db, row), workflow);
  if (!allowed.includes('sign')) throw illegal(allowed);
  const now = ctx.clock.now();
  const cert = await chooseCertificate(ctx, row.unit_id, input, now);
  const header = unitHeader(ctx.units.byId(row.unit_id)?.name ?? '');
  const draft = await latestDraftResult(ctx.db, row.id);
  const source =
    draft?.content ??
    (await renderResultDocument({
      unit: header,
      issuedAt: now,
      dossierCode: row.code,
      procedureName: (await getVersionById(ctx.db, row.procedure_version_id)).name,
      applicantName: row.applicant_name,
      receivedAt: row.received_at ? new Date(row.received_at) : null,
      outcome: row.outcome,
      note: input.note ?? null,
      signerTitle: `TM. ${header.parentName ?? header.unitName}`,
      signerName: actor.fullName,
    }));
  const code = newVerificationCode();
  const signed = await produce(ctx, cert, source, { code, now, reason: `Ký số kết quả giải quyết hồ sơ ${row.code}`, place: header.placeName, poll: options.poll });
  const fileId = crypto.randomUUID();
  const sha256 = crypto.createHash('sha256').update(signed).digest('hex');

  const stored = await withIdempotency(ctx, scope, idem, request, async (tx) => {
    const locked = await getDossierRow(tx, row.id, true);
    const wf = await workflowOf(tx, locked.workflow_id);
    const state = await loadState(tx, locked);
    const allowedNow = allowedActions(state, wf);
    if (!allowedNow.includes('sign')) throw illegal(allowedNow);
    const draftNow = await latestDraftResult(tx, row.id);
    if ((draftNow?.id ?? null) !== (draft?.id ?? null)) {
      throw new AppError('conflict', {
        vi: 'Dự thảo kết quả vừa được thay bằng tệp khác trong khi ký. Hãy xem lại và ký lại.',
        en: 'The draft result was replaced while signing. Review it and sign again.',
      });
    }
    await recordSignedDocument(tx, {
      fileId,
      pdf: signed,
      fileName: `ket-qua-${row.code}.pdf`,
      sha256,
      code,
      dossier_id: row.id,
      kind: 'result',
      form: null,
      unit_id: row.unit_id,
      signer_id: actor.accountId,
      signer_role: role,
      certificate_id: cert.id,
      method: cert.kind,
      signed_at: now,
    });
    const d = decide('sign', state, { note: input.note }, { now, cal: await loadWorkCalendar(tx, row.unit_id), workflow: wf, actorId: actor.accountId });
    d.details = { ...d.details, verificationCode: code, fileId, method: cert.kind, certificate: cert.fingerprint };
    const updated = await applyDecision(tx, locked, 'sign', d, { accountId: actor.accountId, role, name: actor.fullName }, now);
    return { status: 200, body: signedResult(ctx, { code, fileId, kind: 'result', form: null, now, cert, dossier: updated }) };
  });
  return stored.body;
}

function signedResult(ctx: AppContext, r: { code: string; fileId: string; kind: 'result' | 'form'; form: DossierForm | null; now: Date; cert: CertificateRow; dossier: DossierRow }): SignedResult {
  return {
    code: r.code,
    displayCode: displayCode(r.code),
    verificationUrl: verificationUrl(ctx, r.code),
    fileId: r.fileId,
    kind: r.kind,
    form: r.form,
    signedAt: isoVn(r.now),
    certificate: { id: r.cert.id, commonName: r.cert.common_name },
    dossier: { id: r.dossier.id, code: r.dossier.code, status: r.dossier.status, revision: r.dossier.revision },
  };
}

/** POST /api/dossiers/:ref/forms/:form/sign — a signed copy of a form; the dossier's state does not change. */
export async function signDossierForm(ctx: AppContext, actor: Actor, ref: number | string, form: DossierForm, input: SignInput, options: { poll?: PollOptions } = {}): Promise<SignedResult> {
  if (!DOSSIER_FORMS.includes(form)) throw domainRule({ vi: `Không có phiếu "${form}".`, en: `No form "${form}".` });
  const { row, role } = await loadForSigning(ctx, actor, ref, FORM_SIGNERS);
  const now = ctx.clock.now();
  const cert = await chooseCertificate(ctx, row.unit_id, input, now);
  const { pdf, filename } = await renderDossierForm(ctx, actor, row.id, form);
  const header = unitHeader(ctx.units.byId(row.unit_id)?.name ?? '');
  const code = newVerificationCode();
  const signed = await produce(ctx, cert, pdf, { code, now, reason: `Ký số phiếu ${filename.replace(/\.pdf$/, '')}`, place: header.placeName, poll: options.poll });
  const fileId = crypto.randomUUID();
  const sha256 = crypto.createHash('sha256').update(signed).digest('hex');
  return ctx.db.transaction().execute(async (tx) => {
    const locked = await getDossierRow(tx, row.id, true);
    await recordSignedDocument(tx, {
      fileId,
      pdf: signed,
      fileName: filename.replace(/\.pdf$/, '-da-ky-so.pdf'),
      sha256,
      code,
      dossier_id: row.id,
      kind: 'form',
      form,
      unit_id: row.unit_id,
      signer_id: actor.accountId,
      signer_role: role,
      certificate_id: cert.id,
      method: cert.kind,
      signed_at: now,
    });
    await appendAudit(tx, {
      chain: chainForUnit(row.unit_id),
      at: now,
      actorId: actor.accountId,
      actorRole: role,
      action: 'dossier.sign_form',
      entity: 'dossier',
      entityId: row.code,
      details: { form, verificationCode: code, fileId, method: cert.kind, certificate: cert.fingerprint },
    });
    return signedResult(ctx, { code, fileId, kind: 'form', form, now, cert, dossier: locked });
  });
}

/** What the dossier page shows: its signed documents, and the certificates the person may sign with. */
export async function dossierSignatures(ctx: AppContext, actor: Actor, ref: number | string) {
  await ctx.units.ready();
  const row = await getDossierRow(ctx.db, ref);
  if (!canRead(actor, row, ctx.units)) throw forbidden({ vi: 'Hồ sơ không thuộc đơn vị của bạn.', en: 'This dossier is not in your unit.' });
  const [documents, certificates] = await Promise.all([
    listDossierSignedDocuments(ctx.db, row.id),
    ctx.db
      .selectFrom('unit_certificates')
      .select(['id', 'kind', 'common_name', 'issuer', 'not_after'])
      .where('unit_id', '=', row.unit_id)
      .where('active', '=', true)
      .where('not_after', '>', ctx.clock.now())
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  return {
    documents: documents.map((d) => ({
      code: d.code,
      displayCode: displayCode(d.code),
      verificationUrl: verificationUrl(ctx, d.code),
      kind: d.kind,
      form: d.form,
      fileId: d.file_id,
      method: d.method,
      signedAt: isoVn(d.signed_at),
      signerName: d.signer_name,
      signerRole: d.signer_role,
      certificate: d.common_name,
    })),
    certificates: certificates.map((c) => ({ id: c.id, kind: c.kind, commonName: c.common_name, issuer: c.issuer, notAfter: isoVn(c.not_after) })),
    remoteAvailable: ctx.config.integrations.signing !== null,
  };
}
