// The public answer to "is this document authentic and unchanged?", from re-verifying the stored signed PDF
// each time (never from a flag saved at signing): the file's hash, the signature's byte range, digest and
// RSA signature, and the signer certificate against the unit's registered one. No personal data is shown.
import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import { badInput, notFound, type Msg } from '../../errors.js';
import { isoVn } from '../../http/time.js';
import { ROLE_NAMES, type Role } from '../people/roles.js';
import { issuerCheck } from './certificates.js';
import { normaliseCode } from './codes.js';
import { displayCode } from './stamp.js';
import { findSignedDocument } from './store.js';
import { checkPdfSignatures, intact, type SignatureCheck } from './verify.js';

const FORM_NAMES: Record<string, Msg> = {
  receipt: { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'Dossier receipt' },
  'supplement-request': { vi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', en: 'Supplement request' },
  refusal: { vi: 'Phiếu từ chối tiếp nhận, giải quyết hồ sơ', en: 'Refusal' },
  apology: { vi: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new date' },
  'control-sheet': { vi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', en: 'Control sheet' },
};
const RESULT_NAME: Msg = { vi: 'Kết quả giải quyết thủ tục hành chính', en: 'Result of the procedure' };

async function load(ctx: AppContext, rawCode: string) {
  const code = normaliseCode(rawCode);
  if (!code) throw badInput('code', { vi: 'Mã xác thực gồm 10 ký tự chữ và số (ví dụ 7K2M9-QX4TB).', en: 'A verification code has 10 letters and digits (e.g. 7K2M9-QX4TB).' });
  const doc = await findSignedDocument(ctx.db, code);
  // Practice dossiers never leave the system, not even through their QR code.
  if (!doc || doc.is_practice) throw notFound({ vi: `văn bản có mã xác thực ${displayCode(code)}`, en: `document with verification code ${displayCode(code)}` });
  return doc;
}
type Doc = Awaited<ReturnType<typeof load>>;

interface Checks {
  fileHashMatches: boolean;
  coversWholeFile: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  certificateRegistered: boolean;
  certificateValidAtSigning: boolean;
  chainVerified: boolean | null;
}

/** The signature of ours in `sig`, judged against the registered certificate and the signing time. */
function judge(doc: Doc, sig: SignatureCheck | undefined): Omit<Checks, 'fileHashMatches'> {
  const signer = sig?.signerCertificate ?? null;
  const registered = !!signer && signer.equals(Buffer.from(doc.certificate));
  const signedAt = new Date(doc.signed_at);
  return {
    coversWholeFile: !!sig?.coversWholeFile,
    digestMatches: !!sig?.digestMatches,
    signatureValid: !!sig && sig.signatureValid && sig.certificateBound,
    certificateRegistered: registered,
    certificateValidAtSigning: new Date(doc.not_before) <= signedAt && signedAt <= new Date(doc.not_after),
    chainVerified: signer ? issuerCheck(signer, sig!.certificates) : false,
  };
}

const VERDICTS = {
  valid: { vi: 'Văn bản hợp lệ, không bị thay đổi', en: 'The document is authentic and unchanged' },
  changed: { vi: 'Văn bản đã bị thay đổi sau khi ký', en: 'The document was changed after it was signed' },
  notAuthentic: { vi: 'Không xác thực được chữ ký số của văn bản', en: 'The digital signature of the document cannot be verified' },
} satisfies Record<string, Msg>;

/** GET /api/public/signatures/:code */
export async function verifyByCode(ctx: AppContext, rawCode: string) {
  await ctx.units.ready();
  const doc = await load(ctx, rawCode);
  const file = Buffer.from(doc.content);
  const fileHashMatches = crypto.createHash('sha256').update(file).digest('hex') === doc.sha256;
  const sig = checkPdfSignatures(file).at(-1);
  const checks: Checks = { fileHashMatches, ...judge(doc, sig) };
  const authentic = checks.signatureValid && checks.certificateRegistered && checks.certificateValidAtSigning && checks.chainVerified !== false;
  const unchanged = checks.fileHashMatches && checks.coversWholeFile && checks.digestMatches;
  const unit = ctx.units.byId(doc.unit_id);
  return {
    code: doc.code,
    displayCode: displayCode(doc.code),
    authentic,
    unchanged,
    verdict: authentic && unchanged ? VERDICTS.valid : !unchanged ? VERDICTS.changed : VERDICTS.notAuthentic,
    document: { kind: doc.kind, form: doc.form, name: doc.kind === 'form' ? (FORM_NAMES[doc.form ?? ''] ?? RESULT_NAME) : RESULT_NAME },
    dossierCode: doc.dossier_code,
    unit: { code: unit?.code ?? '', name: unit?.name ?? '' },
    signedAt: isoVn(doc.signed_at),
    signerTitle: ROLE_NAMES[doc.signer_role as Role] ?? { vi: doc.signer_role, en: doc.signer_role },
    method: doc.method,
    certificate: {
      subject: doc.subject,
      commonName: doc.common_name,
      issuer: doc.issuer,
      serial: doc.serial,
      notBefore: isoVn(doc.not_before),
      notAfter: isoVn(doc.not_after),
      fingerprint: doc.fingerprint,
    },
    file: { name: doc.file_name, size: file.length, sha256: doc.sha256, url: `/api/public/signatures/${doc.code}/file` },
    checks,
  };
}

/** GET /api/public/signatures/:code/file */
export async function signedFile(ctx: AppContext, rawCode: string): Promise<{ name: string; content: Buffer }> {
  const doc = await load(ctx, rawCode);
  return { name: doc.file_name, content: Buffer.from(doc.content) };
}

export type CopyVerdict = 'identical' | 'signed_content_identical' | 'incremental_update' | 'altered' | 'other_document';

const COPY_MESSAGES: Record<CopyVerdict, Msg> = {
  identical: { vi: 'Tệp của bạn trùng khớp hoàn toàn với văn bản đã ký: văn bản hợp lệ, không bị thay đổi.', en: 'Your file is byte-for-byte the signed document: authentic and unchanged.' },
  signed_content_identical: {
    vi: 'Toàn bộ nội dung đã ký trong tệp của bạn còn nguyên vẹn và chữ ký hợp lệ; tệp chỉ khác bản lưu ở phần không mang nội dung (vùng dành cho chữ ký).',
    en: 'All the signed content of your file is intact and its signature verifies; the file differs from the stored one only where no content is (the space reserved for the signature).',
  },
  incremental_update: {
    vi: 'Phần đã ký trong tệp của bạn còn nguyên vẹn, nhưng tệp có thêm nội dung được thêm vào SAU khi ký (không được chữ ký bảo đảm). Hãy đối chiếu với bản gốc.',
    en: 'The signed part of your file is intact, but content was added AFTER signing (not covered by the signature). Compare it with the original.',
  },
  altered: { vi: 'Tệp của bạn KHÔNG khớp với văn bản đã ký: nội dung đã bị sửa đổi hoặc chữ ký không còn hợp lệ.', en: 'Your file does NOT match the signed document: its content was altered or its signature no longer verifies.' },
  other_document: { vi: 'Tệp của bạn là một văn bản ký số khác, không phải văn bản mang mã xác thực này.', en: 'Your file is a different signed document, not the one with this verification code.' },
};

/** POST /api/public/signatures/:code/check — is the citizen's copy the signed document? */
export async function checkCopy(ctx: AppContext, rawCode: string, copy: Buffer) {
  const doc = await load(ctx, rawCode);
  if (!copy.length) throw badInput('file', { vi: 'Chưa chọn tệp cần kiểm tra.', en: 'No file to check was sent.' });
  const original = Buffer.from(doc.content);
  const identical = crypto.createHash('sha256').update(copy).digest('hex') === doc.sha256;
  let verdict: CopyVerdict;
  let signatureStillValid = identical;
  if (identical) {
    verdict = 'identical';
  } else {
    const ours = checkPdfSignatures(original).at(-1)?.cms;
    const sigs = checkPdfSignatures(copy);
    const same = ours && ours.length ? sigs.find((s) => s.cms.equals(ours)) : undefined;
    if (same) {
      signatureStillValid = intact(same);
      verdict = !signatureStillValid ? 'altered' : same.coversWholeFile ? 'signed_content_identical' : 'incremental_update';
    } else {
      verdict = sigs.some(intact) ? 'other_document' : 'altered';
    }
  }
  return { code: doc.code, identical, signatureStillValid, verdict, message: COPY_MESSAGES[verdict] };
}
