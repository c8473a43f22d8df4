// PAdES signatures checked by an independent verifier (poppler's pdfsig) and by our own verify.ts: a valid
// signature with the Vietnamese unit name intact, and every kind of change after signing detected.
import * as asn1js from 'asn1js';
import { PDFDocument, PDFName, PDFDict } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { OIDS, buildSignedAttributes, localProvider, parseCms, signDigestWithKey } from './cms.js';
import { signPdf } from './pades.js';
import { drawVerificationStamp } from './stamp.js';
import { checkPdfSignatures, intact } from './verify.js';
import { pdfsig, samplePdf, tamper, testPki, VIETNAMESE_CN, type TestPki } from './test-fixtures.js';
import { qrMatricesOnPage } from '../forms/pdf-testing.js';
import { decodeQr } from '../forms/qr-decode.js';
import crypto from 'node:crypto';

let pki: TestPki;
let signed: Buffer;
const signingTime = new Date('2026-11-23T02:15:00Z');
const URL = 'http://motcua.test/xac-thuc/7K2M9QX4TB';

beforeAll(async () => {
  pki = await testPki();
  signed = await signPdf(
    await samplePdf(),
    localProvider(pki.unit.privateKey, pki.unit.certificate, [pki.ca.certificate]),
    { signingTime, name: VIETNAMESE_CN, reason: 'Ký số kết quả giải quyết hồ sơ', location: 'Vĩnh Lộc' },
    (doc) => drawVerificationStamp(doc, { url: URL, displayCode: '7K2M9-QX4TB', signerName: VIETNAMESE_CN, signedAt: signingTime }),
  );
});

describe('a signed PDF', () => {
  it('is valid for pdfsig, which prints the Vietnamese common name correctly', () => {
    const out = pdfsig(signed);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain(`Signer Certificate Common Name: ${VIETNAMESE_CN}`);
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Total document signed');
    // Double-encoded UTF-8 (the node-forge trap) would print "xÃ£ VÄ©nh".
    expect(out).not.toMatch(/Ã|Ä/);
  });

  it('verifies with verify.ts: the byte range covers the whole file, digest and signature hold', () => {
    const [sig, ...more] = checkPdfSignatures(signed);
    expect(more).toHaveLength(0);
    expect(sig!.byteRange[0]).toBe(0);
    expect(sig!.coversWholeFile).toBe(true);
    expect(intact(sig!)).toBe(true);
    expect(sig!.signerCertificate!.equals(pki.unit.certificate)).toBe(true);
    expect(sig!.signingTime?.toISOString()).toBe(signingTime.toISOString());
  });

  it('carries PAdES B-B signed attributes: contentType, messageDigest, signingCertificateV2 and no signing-time', () => {
    const [sig] = checkPdfSignatures(signed);
    const cms = parseCms(sig!.cms);
    const set = asn1js.fromBER(cms.signedAttributesDer.buffer.slice(cms.signedAttributesDer.byteOffset, cms.signedAttributesDer.byteOffset + cms.signedAttributesDer.byteLength) as ArrayBuffer).result as asn1js.Set;
    const types = set.valueBlock.value.map((a) => ((a as asn1js.Sequence).valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString());
    expect(types.sort()).toEqual([OIDS.contentType, OIDS.messageDigest, OIDS.signingCertificateV2].sort());
    expect(types).not.toContain(OIDS.signingTime);
    expect(cms.signingCertificateHash!.equals(crypto.createHash('sha256').update(pki.unit.certificate).digest())).toBe(true);
    expect(cms.certificates).toHaveLength(2);
  });

  it('has a signature dictionary with /SubFilter ETSI.CAdES.detached and /M the signing time', async () => {
    const doc = await PDFDocument.load(signed);
    const form = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    const field = form.lookup(PDFName.of('Fields')) as unknown as { lookup(i: number, t: typeof PDFDict): PDFDict };
    const v = field.lookup(0, PDFDict).lookup(PDFName.of('V'), PDFDict);
    expect(v.get(PDFName.of('SubFilter'))?.toString()).toBe('/ETSI.CAdES.detached');
    expect(v.get(PDFName.of('M'))?.toString()).toBe('(D:20261123021500Z)');
  });

  it('shows a QR code on the last page that decodes to the verification URL', async () => {
    const matrices = await qrMatricesOnPage(signed, 0);
    expect(matrices.map(decodeQr)).toContain(URL);
  });
});

describe('a change after signing', () => {
  it('a byte changed inside the signed range: pdfsig reports a digest mismatch, verify.ts too', () => {
    const bad = tamper(signed, '/Title', 1);
    expect(pdfsig(bad)).toContain('Digest Mismatch');
    const [sig] = checkPdfSignatures(bad);
    expect(sig!.digestMatches).toBe(false);
    expect(sig!.signatureValid).toBe(true); // the signature itself is fine: it just signs other bytes
    expect(intact(sig!)).toBe(false);
  });

  it('a byte changed in the signature value: neither accepts it', () => {
    const [sig] = checkPdfSignatures(signed);
    const hexStart = sig!.byteRange[1] + 1;
    const b = Buffer.from(signed);
    const i = hexStart + (sig!.cms.length - 10) * 2; // inside the RSA signature, the CMS's last bytes
    b[i] = b[i] === 0x30 ? 0x31 : 0x30;
    const [after] = checkPdfSignatures(b);
    expect(after!.digestMatches).toBe(true);
    expect(after!.signatureValid).toBe(false);
    expect(pdfsig(b)).not.toContain('Signature is Valid');
  });

  it('bytes appended after signing: the signature still verifies but no longer covers the whole file', () => {
    const longer = Buffer.concat([signed, Buffer.from('\n% added later\n')]);
    const [sig] = checkPdfSignatures(longer);
    expect(intact(sig!)).toBe(true);
    expect(sig!.coversWholeFile).toBe(false);
    expect(pdfsig(longer)).not.toContain('Total document signed');
  });
});

describe('the signing primitives', () => {
  it('signing a precomputed digest gives exactly what crypto.sign gives over the data', () => {
    const data = Buffer.from('dữ liệu');
    const digest = crypto.createHash('sha256').update(data).digest();
    expect(signDigestWithKey(pki.unit.privateKey, digest).equals(crypto.sign('sha256', data, pki.unit.privateKey))).toBe(true);
  });

  it('orders the signed attributes as DER requires (SET OF sorted by encoding)', () => {
    const attrs = buildSignedAttributes(crypto.randomBytes(32), pki.unit.certificate);
    const set = asn1js.fromBER(attrs.der.buffer.slice(attrs.der.byteOffset, attrs.der.byteOffset + attrs.der.byteLength) as ArrayBuffer).result as asn1js.Set;
    const encoded = set.valueBlock.value.map((v) => Buffer.from(v.toBER(false)));
    expect(encoded.slice().sort(Buffer.compare)).toEqual(encoded);
    expect(attrs.der[0]).toBe(0x31);
  });
});
