// The CMS SignedData inside a PAdES signature (baseline B-B, ETSI EN 319 142-1), built with pkijs + asn1js and
// Node's crypto: signed attributes contentType, messageDigest (SHA-256) and signingCertificateV2 (RFC 5035);
// no signing-time attribute (PAdES puts the time in the signature dictionary's /M). Detached: the PDF bytes
// are not inside. We build it ourselves because @signpdf's node-forge signer double-encodes non-ASCII names.
import crypto, { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

/** DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): what a "sign hash" service wraps the hash in. */
export const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/** Signs a SHA-256 digest with RSASSA-PKCS1-v1_5 — a local key, or a remote service holding the key. */
export interface SignatureProvider {
  /** The signer's certificate (DER): known before signing, since signingCertificateV2 names it. */
  certificate: Buffer;
  /** Issuer certificates to embed, nearest first. */
  chain: Buffer[];
  signDigest(digest: Buffer): Promise<Buffer>;
}

/** RSASSA-PKCS1-v1_5 over a precomputed SHA-256 digest: the same bytes crypto.sign('sha256', data) gives. */
export function signDigestWithKey(key: crypto.KeyObject, digest: Buffer): Buffer {
  if (digest.length !== 32) throw new Error('A SHA-256 digest is 32 bytes');
  return crypto.privateEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]));
}

export function localProvider(privateKey: crypto.KeyObject, certificate: Buffer, chain: Buffer[] = []): SignatureProvider {
  return { certificate, chain, signDigest: async (digest) => signDigestWithKey(privateKey, digest) };
}

const sha256 = (data: Uint8Array) => crypto.createHash('sha256').update(data).digest();
const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function attribute(type: string, value: asn1js.BaseBlock): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** ESS SigningCertificateV2 { certs: [ESSCertIDv2 { certHash, issuerSerial }] }; SHA-256 is the default, so omitted. */
function signingCertificateV2(certificateDer: Buffer): asn1js.Sequence {
  const cert = pkijs.Certificate.fromBER(ab(certificateDer));
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })] }),
      cert.serialNumber,
    ],
  });
  const essCertId = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: ab(sha256(certificateDer)) }), issuerSerial] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] });
}

export interface SignedAttributes {
  attributes: pkijs.Attribute[];
  /** DER of the SET OF attributes (tag 0x31): what is hashed and signed. */
  der: Buffer;
  /** SHA-256 of `der`: what a remote "sign hash" service receives. */
  digest: Buffer;
}

/** The attributes to sign over a content digest, in DER order (SET OF sorted by encoding). */
export function buildSignedAttributes(contentDigest: Buffer, certificateDer: Buffer): SignedAttributes {
  const attrs = [
    attribute(OIDS.contentType, new asn1js.ObjectIdentifier({ value: OIDS.data })),
    attribute(OIDS.messageDigest, new asn1js.OctetString({ valueHex: ab(contentDigest) })),
    attribute(OIDS.signingCertificateV2, signingCertificateV2(certificateDer)),
  ];
  const encoded = attrs.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) })).sort((x, y) => Buffer.compare(x.der, y.der));
  const der = Buffer.from(new asn1js.Set({ value: encoded.map((e) => asn1js.fromBER(ab(e.der)).result) }).toBER(false));
  return { attributes: encoded.map((e) => e.a), der, digest: sha256(der) };
}

const sha256Algorithm = () => new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 });

/** Wraps a signature over `signed` into a DER ContentInfo(SignedData) with the certificate and its chain. */
export function assembleCms(signed: SignedAttributes, signature: Buffer, certificateDer: Buffer, chain: Buffer[]): Buffer {
  const cert = pkijs.Certificate.fromBER(ab(certificateDer));
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: sha256Algorithm(),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: signed.attributes }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.rsaEncryption, algorithmParams: new asn1js.Null() }),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256Algorithm()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data }),
    certificates: [cert, ...chain.map((c) => pkijs.Certificate.fromBER(ab(c)))],
    signerInfos: [signerInfo],
  });
  const der = Buffer.from(new pkijs.ContentInfo({ contentType: OIDS.signedData, content: signedData.toSchema(true) }).toSchema().toBER(false));
  // The bytes a verifier hashes are the ones in the CMS: they must be exactly the ones we signed.
  if (!parseCms(der).signedAttributesDer.equals(signed.der)) throw new Error('CMS signed attributes were re-encoded differently');
  return der;
}

/** Builds the whole CMS for a content digest: signed attributes, the provider's signature, certificates. */
export async function signCms(contentDigest: Buffer, provider: SignatureProvider): Promise<Buffer> {
  const signed = buildSignedAttributes(contentDigest, provider.certificate);
  const signature = await provider.signDigest(signed.digest);
  return assembleCms(signed, signature, provider.certificate, provider.chain);
}

export interface ParsedCms {
  certificates: Buffer[];
  /** The certificate named by the signer's issuer and serial, if embedded. */
  signerCertificate: Buffer | null;
  signedAttributesDer: Buffer;
  contentType: string | null;
  messageDigest: Buffer | null;
  /** certHash of signingCertificateV2's first ESSCertIDv2 (SHA-256 assumed when the algorithm is absent). */
  signingCertificateHash: Buffer | null;
  signatureAlgorithm: string;
  digestAlgorithm: string;
  signature: Buffer;
}

/** Parses a DER ContentInfo(SignedData) with exactly one signer. Throws on anything else. */
export function parseCms(der: Uint8Array): ParsedCms {
  const asn = asn1js.fromBER(ab(der));
  if (asn.offset === -1) throw new Error('Not DER');
  const info = new pkijs.ContentInfo({ schema: asn.result });
  if (info.contentType !== OIDS.signedData) throw new Error('Not SignedData');
  const sd = new pkijs.SignedData({ schema: info.content });
  if (sd.signerInfos.length !== 1) throw new Error(`Expected one signer, found ${sd.signerInfos.length}`);
  const si = sd.signerInfos[0]!;
  if (!si.signedAttrs) throw new Error('No signed attributes');
  const certificates = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate).map((c) => Buffer.from(c.toSchema().toBER(false)));
  const sid = si.sid instanceof pkijs.IssuerAndSerialNumber ? si.sid : null;
  const signerCertificate =
    certificates.find((c) => {
      if (!sid) return false;
      const x = pkijs.Certificate.fromBER(c);
      return x.issuer.isEqual(sid.issuer) && x.serialNumber.isEqual(sid.serialNumber);
    }) ?? null;
  const attr = (type: string) => si.signedAttrs!.attributes.find((a) => a.type === type)?.values[0];
  const ct = attr(OIDS.contentType);
  const md = attr(OIDS.messageDigest);
  const scv2 = attr(OIDS.signingCertificateV2) as asn1js.Sequence | undefined;
  let signingCertificateHash: Buffer | null = null;
  try {
    const first = ((scv2?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence | undefined)?.valueBlock.value;
    const hash = first?.find((v) => v instanceof asn1js.OctetString) as asn1js.OctetString | undefined;
    signingCertificateHash = hash ? Buffer.from(hash.valueBlock.valueHexView) : null;
  } catch {
    signingCertificateHash = null;
  }
  return {
    certificates,
    signerCertificate,
    signedAttributesDer: Buffer.from(si.signedAttrs.encodedValue),
    contentType: ct instanceof asn1js.ObjectIdentifier ? ct.valueBlock.toString() : null,
    messageDigest: md instanceof asn1js.OctetString ? Buffer.from(md.valueBlock.valueHexView) : null,
    signingCertificateHash,
    signatureAlgorithm: si.signatureAlgorithm.algorithmId,
    digestAlgorithm: si.digestAlgorithm.algorithmId,
    signature: Buffer.from(si.signature.valueBlock.valueHexView),
  };
}

export interface CmsCheck {
  /** messageDigest equals the digest of the signed bytes. */
  digestMatches: boolean;
  /** The RSA signature over the signed attributes verifies with the signer certificate's key. */
  signatureValid: boolean;
  /** signingCertificateV2 names the embedded signer certificate. */
  certificateBound: boolean;
  signerCertificate: Buffer | null;
  certificates: Buffer[];
}

/** Checks a CMS against the SHA-256 digest of the content it claims to sign. */
export function checkCms(der: Uint8Array, contentDigest: Buffer): CmsCheck {
  const p = parseCms(der);
  const digestMatches = p.digestAlgorithm === OIDS.sha256 && p.contentType === OIDS.data && !!p.messageDigest && p.messageDigest.equals(contentDigest);
  let signatureValid = false;
  if (p.signerCertificate && (p.signatureAlgorithm === OIDS.rsaEncryption || p.signatureAlgorithm === OIDS.sha256WithRsa)) {
    try {
      signatureValid = crypto.verify('sha256', p.signedAttributesDer, new X509Certificate(p.signerCertificate).publicKey, p.signature);
    } catch {
      signatureValid = false;
    }
  }
  const certificateBound = !!p.signerCertificate && !!p.signingCertificateHash && p.signingCertificateHash.equals(sha256(p.signerCertificate));
  return { digestMatches, signatureValid, certificateBound, signerCertificate: p.signerCertificate, certificates: p.certificates };
}
