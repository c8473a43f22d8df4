// X.509 certificates made with pkijs and Node's crypto, no openssl at run time: the demo CA and the units'
// demo signing certificates (made at seed time), the simulator's CA, and reading any certificate back.
// Names are UTF8String, so "UBND xã Vinh Lộc" survives intact into every tool that prints it.
import crypto, { X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const OID = {
  commonName: '2.5.4.3',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  province: '2.5.4.8',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  documentSigning: '1.3.6.1.4.1.311.10.3.12',
} as const;

export interface DistinguishedName {
  commonName: string;
  organisation?: string;
  organisationalUnit?: string;
  locality?: string;
  province?: string;
  /** Two letters; defaults to VN. */
  country?: string;
}

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface Issued {
  /** DER */
  certificate: Buffer;
  privateKey: KeyObject;
}

export function generateKeyPair(): Promise<KeyPair> {
  return new Promise((resolve, reject) =>
    crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey }))),
  );
}

function rdn(name: DistinguishedName): pkijs.RelativeDistinguishedNames {
  const parts: Array<[string, asn1js.PrintableString | asn1js.Utf8String]> = [[OID.country, new asn1js.PrintableString({ value: name.country ?? 'VN' })]];
  const utf8 = (oid: string, value: string | undefined) => {
    if (value) parts.push([oid, new asn1js.Utf8String({ value: value.normalize('NFC') })]);
  };
  utf8(OID.province, name.province);
  utf8(OID.locality, name.locality);
  utf8(OID.organisation, name.organisation);
  utf8(OID.organisationalUnit, name.organisationalUnit);
  utf8(OID.commonName, name.commonName);
  // One attribute per RDN (pkijs would put them all in one multi-valued RDN, printed "C=VN + O=… + CN=…").
  const sequence = new asn1js.Sequence({
    value: parts.map(([type, value]) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] })),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

function keyId(spkiDer: Buffer): Buffer {
  // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents.
  const spki = pkijs.PublicKeyInfo.fromBER(new Uint8Array(spkiDer));
  return crypto.createHash('sha1').update(Buffer.from(spki.subjectPublicKey.valueBlock.valueHexView)).digest();
}

export interface IssueOptions {
  subject: DistinguishedName;
  publicKey: KeyObject;
  /** The issuer; absent for a self-signed CA. */
  issuer?: { certificate: Buffer; privateKey: KeyObject };
  /** The key that signs a self-signed certificate. */
  selfKey?: KeyObject;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
}

/** Issues a certificate: a CA (keyCertSign) or an end entity for document signing (nonRepudiation). */
export function issueCertificate(o: IssueOptions): Buffer {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  // Positive 16-byte serial: random, with the top bit cleared so DER needs no sign byte games.
  const serial = crypto.randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x10;
  cert.serialNumber = new asn1js.Integer({ valueHex: serial });
  const subject = rdn(o.subject);
  cert.subject = subject;
  const spkiDer = o.publicKey.export({ type: 'spki', format: 'der' });
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(spkiDer);
  cert.notBefore = new pkijs.Time({ type: 0, value: o.notBefore });
  cert.notAfter = new pkijs.Time({ type: o.notAfter.getUTCFullYear() >= 2050 ? 1 : 0, value: o.notAfter });
  let issuerKeyId: Buffer;
  if (o.issuer) {
    const issuer = pkijs.Certificate.fromBER(new Uint8Array(o.issuer.certificate));
    cert.issuer = issuer.subject;
    issuerKeyId = keyId(Buffer.from(issuer.subjectPublicKeyInfo.toSchema().toBER()));
  } else {
    cert.issuer = subject;
    issuerKeyId = keyId(spkiDer);
  }
  const bits = o.ca ? 0x06 : 0xc0; // keyCertSign|cRLSign, or digitalSignature|nonRepudiation
  cert.extensions = [
    new pkijs.Extension({
      extnID: OID.basicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: o.ca }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: OID.keyUsage,
      critical: true,
      extnValue: new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: o.ca ? 1 : 6 }).toBER(false),
    }),
    new pkijs.Extension({ extnID: OID.subjectKeyId, extnValue: new asn1js.OctetString({ valueHex: keyId(spkiDer) }).toBER(false) }),
    new pkijs.Extension({ extnID: OID.authorityKeyId, extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: issuerKeyId }) }).toSchema().toBER(false) }),
    ...(o.ca ? [] : [new pkijs.Extension({ extnID: OID.extKeyUsage, extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID.emailProtection, OID.documentSigning] }).toSchema().toBER(false) })]),
  ];
  const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() });
  cert.signature = algorithm;
  cert.signatureAlgorithm = algorithm;
  const tbs = Buffer.from(cert.encodeTBS().toBER(false));
  const signingKey = o.issuer?.privateKey ?? o.selfKey;
  if (!signingKey) throw new Error('issueCertificate: an issuer or a self-signing key is needed');
  cert.signatureValue = new asn1js.BitString({ valueHex: crypto.sign('sha256', tbs, signingKey) });
  return Buffer.from(cert.toSchema(true).toBER(false));
}

const YEAR_MS = 365 * 86_400_000;

/** A self-signed demo root: "MotCua Demo CA". Valid ten years from `now` (from a day before, or `notBefore`). */
export async function createDemoCa(now: Date, commonName = 'MotCua Demo CA', notBefore?: Date): Promise<Issued> {
  const keys = await generateKeyPair();
  const certificate = issueCertificate({
    subject: { commonName, organisation: 'MotCua (chứng thư thử nghiệm)' },
    publicKey: keys.publicKey,
    selfKey: keys.privateKey,
    notBefore: notBefore ?? new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 10 * YEAR_MS),
    ca: true,
  });
  return { certificate, privateKey: keys.privateKey };
}

/** An end-entity signing certificate issued by `ca`, valid `years` from `now` (from a day before, or `notBefore`). */
export async function issueSigningCertificate(ca: Issued, subject: DistinguishedName, now: Date, years = 3, notBefore?: Date): Promise<Issued> {
  const keys = await generateKeyPair();
  const certificate = issueCertificate({
    subject,
    publicKey: keys.publicKey,
    issuer: ca,
    notBefore: notBefore ?? new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + years * YEAR_MS),
    ca: false,
  });
  return { certificate, privateKey: keys.privateKey };
}

export interface CertificateInfo {
  subject: string;
  commonName: string;
  issuer: string;
  issuerCommonName: string;
  /** Upper-case hex, as tools print it. */
  serial: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
  isCa: boolean;
}

/** "C=VN\nO=…\nCN=…" (Node's form) → "CN=…, O=…, C=VN", the order people read. */
function readable(name: string): string {
  return name.split('\n').filter(Boolean).reverse().join(', ');
}

function cnOf(name: string): string {
  return name.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? readable(name);
}

export function describeCertificate(der: Uint8Array): CertificateInfo {
  const x = new X509Certificate(Buffer.from(der));
  return {
    subject: readable(x.subject),
    commonName: cnOf(x.subject),
    issuer: readable(x.issuer),
    issuerCommonName: cnOf(x.issuer),
    serial: x.serialNumber.toUpperCase(),
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
    fingerprint: crypto.createHash('sha256').update(der).digest('hex'),
    isCa: x.ca,
  };
}

export function isValidAt(der: Uint8Array, at: Date): boolean {
  const info = describeCertificate(der);
  return info.notBefore <= at && at <= info.notAfter;
}

/** True when `child` was signed by `issuer`'s key and names it as issuer. */
export function issuedBy(child: Uint8Array, issuer: Uint8Array): boolean {
  const c = new X509Certificate(Buffer.from(child));
  const i = new X509Certificate(Buffer.from(issuer));
  return c.checkIssued(i) && c.verify(i.publicKey);
}

/**
 * Whether `child`'s issuer is among `candidates` and really signed it: true, false (a certificate names itself
 * the issuer but did not sign it), or null when the issuer is not included (nothing to check).
 */
export function issuerCheck(child: Uint8Array, candidates: readonly Uint8Array[]): boolean | null {
  const c = new X509Certificate(Buffer.from(child));
  const named = candidates.map((d) => new X509Certificate(Buffer.from(d))).filter((i) => i.subject === c.issuer && !i.raw.equals(c.raw));
  if (!named.length) return null;
  return named.some((i) => c.verify(i.publicKey));
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}
