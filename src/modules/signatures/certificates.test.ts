// Certificates made with pkijs, checked by OpenSSL (an independent reader): names in UTF-8 with one attribute
// per RDN, a chain that verifies, document-signing key usage; and the verification codes printed beside the QR.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCa, describeCertificate, issuerCheck, issueSigningCertificate, toPem } from './certificates.js';
import { CODE_PATTERN, newVerificationCode, normaliseCode } from './codes.js';
import { testPki, VIETNAMESE_CN, type TestPki } from './test-fixtures.js';

let pki: TestPki;
let dir: string;
const openssl = (...args: string[]) => {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
};

beforeAll(async () => {
  pki = await testPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-x509-'));
  fs.writeFileSync(path.join(dir, 'ca.pem'), toPem(pki.ca.certificate));
  fs.writeFileSync(path.join(dir, 'unit.pem'), toPem(pki.unit.certificate));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('certificates', () => {
  it('OpenSSL verifies the chain and reads the Vietnamese name, one attribute per RDN', () => {
    expect(openssl('verify', '-CAfile', path.join(dir, 'ca.pem'), path.join(dir, 'unit.pem'))).toContain('unit.pem: OK');
    const text = openssl('x509', '-in', path.join(dir, 'unit.pem'), '-noout', '-subject', '-ext', 'keyUsage,extendedKeyUsage,basicConstraints', '-nameopt', 'utf8,sep_comma_plus');
    expect(text).toContain(`subject=C=VN,ST=Thành phố Huế,O=${VIETNAMESE_CN},CN=${VIETNAMESE_CN}`);
    expect(text).toContain('Digital Signature, Non Repudiation');
    expect(text).toContain('CA:FALSE');
  });

  it('encodes the names as UTF8String (tag 0x0C), not as Latin-1 or BMP strings', () => {
    const der = pki.unit.certificate;
    const cn = Buffer.from(VIETNAMESE_CN, 'utf8');
    const at = der.indexOf(cn);
    expect(at).toBeGreaterThan(0);
    expect(der[at - 2]).toBe(0x0c);
    expect(der[at - 1]).toBe(cn.length);
  });

  it('describes subject, issuer, serial and validity as people read them', () => {
    const info = describeCertificate(pki.unit.certificate);
    expect(info.subject).toBe(`CN=${VIETNAMESE_CN}, O=${VIETNAMESE_CN}, ST=Thành phố Huế, C=VN`);
    expect(info.commonName).toBe(VIETNAMESE_CN);
    expect(info.issuerCommonName).toBe('MotCua Test CA');
    expect(info.serial).toMatch(/^[0-9A-F]{32}$/);
    expect(info.notBefore.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(info.isCa).toBe(false);
    expect(describeCertificate(pki.ca.certificate).isCa).toBe(true);
  });

  it('checks the issuer: signed by it, a look-alike that did not sign, or not included', async () => {
    expect(issuerCheck(pki.unit.certificate, [pki.unit.certificate, pki.ca.certificate])).toBe(true);
    const impostor = await createDemoCa(new Date(), 'MotCua Test CA', new Date('2025-01-01T00:00:00Z'));
    expect(issuerCheck(pki.unit.certificate, [impostor.certificate])).toBe(false);
    const stranger = await issueSigningCertificate(impostor, { commonName: 'Khác' }, new Date());
    expect(issuerCheck(pki.unit.certificate, [stranger.certificate])).toBeNull();
  });
});

describe('verification codes', () => {
  it('are 10 Crockford base32 characters', () => {
    fc.assert(
      fc.property(fc.integer(), () => CODE_PATTERN.test(newVerificationCode())),
      { numRuns: 200 },
    );
  });

  it.each([
    ['7k2m9-qx4tb', '7K2M9QX4TB'],
    [' 7K2M9 QX4TB ', '7K2M9QX4TB'],
    ['OOOOO-IIIII', '0000011111'],
    ['LLLLL-00000', '1111100000'],
    ['7K2M9QX4T', null],
    ['7K2M9QX4TU', null],
    ['7K2M9QX4TB1', null],
    ['', null],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseCode(input)).toBe(expected);
  });
});
