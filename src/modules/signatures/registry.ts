// The certificates a unit signs with: a .p12 it holds (uploaded by its admin, key sealed at rest) or a
// credential at a remote-signing service. Registering one is what makes signatures by it authentic here.
import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError, badInput, conflict, domainRule, notFound, type Msg } from '../../errors.js';
import { isoVn } from '../../http/time.js';
import { appendAudit, chainForUnit } from '../audit/chain.js';
import type { Actor } from '../people/actor.js';
import { requireGrant } from '../people/actor.js';
import type { Role } from '../people/roles.js';
import { describeCertificate, type CertificateInfo } from './certificates.js';
import { localProvider, type SignatureProvider } from './cms.js';
import { seal, unseal, KeyringError } from './keyring.js';
import { readPkcs12, Pkcs12Error, type Pkcs12Problem } from './pkcs12.js';
import { RemoteSigningClient, RemoteSigningError, remoteProvider, type PollOptions } from './remote-signing-client.js';
import { activeFingerprintExists, deactivate, findCertificate, insertCertificate, listCertificates, type CertificateRow } from './store.js';

export const CERTIFICATE_ADMINS: readonly Role[] = ['centre_admin', 'system_admin'];
const CERTIFICATE_READERS: readonly Role[] = ['centre_admin', 'system_admin', 'unit_leader', 'clerk', 'receiving_officer'];

const PKCS12_MESSAGES: Record<Pkcs12Problem, Msg> = {
  bad_password: { vi: 'Mật khẩu của tệp chứng thư số (.p12) không đúng.', en: 'Wrong password for the certificate file (.p12).' },
  malformed: { vi: 'Tệp không phải tệp chứng thư số PKCS#12 (.p12, .pfx) hợp lệ.', en: 'The file is not a valid PKCS#12 certificate file (.p12, .pfx).' },
  unsupported_encryption: {
    vi: 'Tệp .p12 dùng kiểu mã hóa cũ (3DES, RC2) chưa được hỗ trợ. Hãy xuất lại với mã hóa AES-256 (mặc định của OpenSSL 3: openssl pkcs12 -export …).',
    en: 'The .p12 uses an old cipher (3DES, RC2), which is not supported. Export it again with AES-256 (the OpenSSL 3 default: openssl pkcs12 -export …).',
  },
  no_private_key: { vi: 'Tệp .p12 không chứa khóa bí mật: không dùng để ký được.', en: 'The .p12 holds no private key, so it cannot sign.' },
  no_certificate: { vi: 'Tệp .p12 không chứa chứng thư số.', en: 'The .p12 holds no certificate.' },
  key_mismatch: { vi: 'Khóa bí mật trong tệp .p12 không khớp với chứng thư số nào trong tệp.', en: 'The private key in the .p12 matches none of its certificates.' },
};

const fmtDay = (d: Date) => isoVn(d).slice(0, 10).split('-').reverse().join('/');

export function certificateView(c: CertificateRow) {
  return {
    id: c.id,
    kind: c.kind,
    subject: c.subject,
    commonName: c.common_name,
    issuer: c.issuer,
    serial: c.serial,
    notBefore: isoVn(c.not_before),
    notAfter: isoVn(c.not_after),
    fingerprint: c.fingerprint,
    remoteUserId: c.remote_user_id,
    active: c.active,
    createdAt: isoVn(c.created_at),
    deactivatedAt: isoVn(c.deactivated_at),
  };
}
export type CertificateView = ReturnType<typeof certificateView>;

function unitOf(ctx: AppContext, code: string) {
  const unit = ctx.units.byCode(code);
  if (!unit) throw notFound({ vi: `đơn vị mã ${code}`, en: `unit ${code}` });
  return unit;
}

/** Refuses a certificate that cannot sign now: expired, not yet valid, a CA, not RSA. */
function checkUsable(info: CertificateInfo, keyType: string | undefined, now: Date): void {
  if (info.notAfter < now) {
    throw badInput('file', { vi: `Chứng thư số đã hết hạn ngày ${fmtDay(info.notAfter)}.`, en: `The certificate expired on ${fmtDay(info.notAfter)}.` });
  }
  if (info.notBefore > now) {
    throw badInput('file', { vi: `Chứng thư số chỉ có hiệu lực từ ngày ${fmtDay(info.notBefore)}.`, en: `The certificate is only valid from ${fmtDay(info.notBefore)}.` });
  }
  if (info.isCa) throw badInput('file', { vi: 'Đây là chứng thư của tổ chức cấp (CA), không phải chứng thư ký số của đơn vị.', en: 'This is a certificate authority certificate, not a signing certificate.' });
  if (keyType !== undefined && keyType !== 'rsa') {
    throw badInput('file', { vi: `Chỉ hỗ trợ khóa RSA (tệp này dùng khóa ${keyType.toUpperCase()}).`, en: `Only RSA keys are supported (this file has a ${keyType.toUpperCase()} key).` });
  }
}

export async function listUnitCertificates(ctx: AppContext, actor: Actor, unitCode: string): Promise<{ unit: { code: string; name: string }; certificates: CertificateView[] }> {
  await ctx.units.ready();
  const unit = unitOf(ctx, unitCode);
  requireGrant(actor, CERTIFICATE_READERS, unit.id, ctx.units);
  return { unit: { code: unit.code, name: unit.name }, certificates: (await listCertificates(ctx.db, unit.id)).map(certificateView) };
}

/** Registers an uploaded .p12: opened with its password, checked, its key sealed; the password is not kept. */
export async function registerPkcs12(ctx: AppContext, actor: Actor, unitCode: string, file: Buffer, password: string): Promise<CertificateView> {
  await ctx.units.ready();
  const unit = unitOf(ctx, unitCode);
  const grant = requireGrant(actor, CERTIFICATE_ADMINS, unit.id, ctx.units);
  if (!file.length) throw badInput('file', { vi: 'Chưa chọn tệp chứng thư số (.p12).', en: 'No certificate file (.p12) was sent.' });
  if (!password) throw badInput('password', { vi: 'Cần nhập mật khẩu của tệp .p12.', en: 'The .p12 password is required.' });
  let contents;
  try {
    contents = await readPkcs12(file, password);
  } catch (e) {
    if (e instanceof Pkcs12Error) throw badInput(e.problem === 'bad_password' ? 'password' : 'file', PKCS12_MESSAGES[e.problem]);
    throw e;
  }
  const now = ctx.clock.now();
  const info = describeCertificate(contents.certificate);
  checkUsable(info, contents.privateKey.asymmetricKeyType, now);
  // Sealed before the transaction: on PGlite a second query outside it would wait for it forever.
  const keySealed = await seal(ctx.db, contents.privateKey.export({ type: 'pkcs8', format: 'der' }));
  return saveCertificate(ctx, actor, grant.role, unit.id, info, now, {
    kind: 'pkcs12',
    certificate: contents.certificate,
    chain: contents.chain,
    key_sealed: keySealed,
  }, { serial: info.serial });
}

function rowInfo(info: CertificateInfo) {
  return { subject: info.subject, common_name: info.commonName, issuer: info.issuer, serial: info.serial, not_before: info.notBefore, not_after: info.notAfter, fingerprint: info.fingerprint };
}

function signingService(ctx: AppContext, poll?: PollOptions): RemoteSigningClient {
  const cfg = ctx.config.integrations.signing;
  if (!cfg) {
    throw domainRule({ vi: 'Chưa cấu hình dịch vụ ký số từ xa (MOTCUA_SIGNING_URL).', en: 'No remote-signing service is configured (MOTCUA_SIGNING_URL).' });
  }
  return new RemoteSigningClient(cfg, poll);
}

/** Registers a credential at the remote-signing service: its certificate is fetched and kept. */
export async function registerRemote(ctx: AppContext, actor: Actor, unitCode: string, input: { userId: string; credentialId?: string | undefined }): Promise<CertificateView> {
  await ctx.units.ready();
  const unit = unitOf(ctx, unitCode);
  const grant = requireGrant(actor, CERTIFICATE_ADMINS, unit.id, ctx.units);
  const client = signingService(ctx);
  let credentials;
  try {
    credentials = await client.listCredentials(input.userId);
  } catch (e) {
    if (e instanceof RemoteSigningError) throw remoteError(e);
    throw e;
  }
  const chosen = input.credentialId ? credentials.find((c) => c.credentialId === input.credentialId) : credentials.find((c) => c.status === 'valid');
  if (!chosen) {
    throw badInput(input.credentialId ? 'credentialId' : 'userId', {
      vi: `Dịch vụ ký số không có chứng thư ${input.credentialId ? `mã ${input.credentialId} ` : 'hợp lệ '}cho tài khoản ${input.userId}.`,
      en: `The signing service has no ${input.credentialId ? `credential ${input.credentialId}` : 'valid credential'} for user ${input.userId}.`,
    });
  }
  const now = ctx.clock.now();
  const info = describeCertificate(chosen.certificate);
  checkUsable(info, undefined, now);
  return saveCertificate(ctx, actor, grant.role, unit.id, info, now, {
    kind: 'remote',
    certificate: chosen.certificate,
    chain: chosen.chain,
    key_sealed: null,
    remote_user_id: input.userId,
    remote_credential_id: chosen.credentialId,
  });
}

/** Stores a unit's certificate and its audit entry in one transaction; the same active certificate twice is a 409. */
async function saveCertificate(
  ctx: AppContext,
  actor: Actor,
  role: string,
  unitId: number,
  info: CertificateInfo,
  now: Date,
  c: { kind: 'pkcs12' | 'remote'; certificate: Buffer; chain: Buffer[]; key_sealed: Buffer | null; remote_user_id?: string; remote_credential_id?: string },
  auditDetails: Record<string, unknown> = {},
): Promise<CertificateView> {
  if (await activeFingerprintExists(ctx.db, unitId, info.fingerprint)) {
    throw conflict({ vi: 'Chứng thư số này đã được đăng ký cho đơn vị.', en: 'This certificate is already registered for the unit.' });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertCertificate(tx, {
      unit_id: unitId,
      ...rowInfo(info),
      ...c,
      chain: JSON.stringify(c.chain.map((x) => x.toString('base64'))),
      created_by: actor.accountId,
      created_at: now,
    });
    await appendAudit(tx, { chain: chainForUnit(unitId), at: now, actorId: actor.accountId, actorRole: role, action: 'certificate.register', entity: 'unit_certificate', entityId: String(row.id), details: { kind: c.kind, fingerprint: info.fingerprint, ...auditDetails } });
    return certificateView(row);
  });
}

export async function deactivateCertificate(ctx: AppContext, actor: Actor, unitCode: string, id: number): Promise<CertificateView> {
  await ctx.units.ready();
  const unit = unitOf(ctx, unitCode);
  const grant = requireGrant(actor, CERTIFICATE_ADMINS, unit.id, ctx.units);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await findCertificate(tx, id);
    if (!row || row.unit_id !== unit.id) throw notFound({ vi: `chứng thư số ${id} của đơn vị`, en: `certificate ${id} of the unit` });
    const updated = await deactivate(tx, id, now);
    if (!updated) throw conflict({ vi: 'Chứng thư số đã ngừng sử dụng từ trước.', en: 'The certificate was already deactivated.' });
    await appendAudit(tx, { chain: chainForUnit(unit.id), at: now, actorId: actor.accountId, actorRole: grant.role, action: 'certificate.deactivate', entity: 'unit_certificate', entityId: String(id), details: { fingerprint: row.fingerprint } });
    return certificateView(updated);
  });
}

/** A bilingual error for a remote-signing failure: nothing was signed, nothing changed. */
export function remoteError(e: RemoteSigningError): AppError {
  const m: Record<RemoteSigningError['kind'], Msg> = {
    rejected: { vi: 'Người ký đã từ chối yêu cầu ký trên ứng dụng. Hồ sơ không thay đổi.', en: 'The signer declined the request in the app. The dossier is unchanged.' },
    expired: { vi: 'Yêu cầu ký đã hết hạn mà chưa được xác nhận trên điện thoại. Hồ sơ không thay đổi; hãy ký lại.', en: 'The signing request expired before it was confirmed on the phone. The dossier is unchanged; sign again.' },
    timeout: { vi: 'Quá thời gian chờ xác nhận ký trên điện thoại. Hồ sơ không thay đổi; hãy ký lại.', en: 'Timed out waiting for the confirmation on the phone. The dossier is unchanged; sign again.' },
    unavailable: { vi: 'Không kết nối được dịch vụ ký số từ xa. Hồ sơ không thay đổi; hãy thử lại sau.', en: 'The remote-signing service cannot be reached. The dossier is unchanged; try again later.' },
    unauthorised: { vi: 'Dịch vụ ký số từ chối thông tin xác thực của hệ thống (MOTCUA_SIGNING_CLIENT_ID / SECRET).', en: 'The signing service refused our client credentials (MOTCUA_SIGNING_CLIENT_ID / SECRET).' },
    unknown_credential: { vi: 'Dịch vụ ký số không còn chứng thư đã đăng ký; hãy đăng ký lại chứng thư.', en: 'The signing service no longer has the registered credential; register it again.' },
    bad_response: { vi: 'Dịch vụ ký số trả lời không hợp lệ; chữ ký không được dùng. Hồ sơ không thay đổi.', en: 'The signing service gave an invalid answer; the signature was not used. The dossier is unchanged.' },
  };
  return domainRule(m[e.kind], { reason: e.kind });
}

/** The provider for a registered certificate: its sealed key, or the remote service. */
export async function providerFor(ctx: AppContext, cert: CertificateRow, description: string, poll?: PollOptions): Promise<SignatureProvider> {
  const chain = (cert.chain as unknown as string[]).map((c) => Buffer.from(c, 'base64'));
  const certificate = Buffer.from(cert.certificate);
  if (cert.kind === 'remote') {
    return remoteProvider(signingService(ctx, poll), { credentialId: cert.remote_credential_id!, certificate, chain }, description);
  }
  let der: Buffer;
  try {
    der = await unseal(ctx.db, cert.key_sealed!);
  } catch (e) {
    if (e instanceof KeyringError) {
      throw domainRule({ vi: `Không mở được khóa ký của chứng thư: ${e.message}. Hãy báo quản trị hệ thống.`, en: `The certificate's signing key cannot be opened: ${e.message}. Tell the system administrator.` });
    }
    throw e;
  }
  return localProvider(crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), certificate, chain);
}
