// PKCS#12 files as units really have them: made by `openssl pkcs12 -export` with OpenSSL 3's defaults (PBES2,
// AES-256-CBC, PBKDF2-SHA256, SHA-256 MAC), and ours made with pkijs, read back by OpenSSL.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate, toPem } from './certificates.js';
import { readPkcs12, writePkcs12, Pkcs12Error } from './pkcs12.js';
import { testPki, VIETNAMESE_CN, type TestPki } from './test-fixtures.js';

let pki: TestPki;
let dir: string;
const PASSWORD = 'Mật-khẩu 2026';

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const file = (name: string) => path.join(dir, name);
/** `openssl pkcs12 -info` writes what it found to stderr. */
const p12Info = (p12: string) => {
  const r = spawnSync('openssl', ['pkcs12', '-in', p12, '-info', '-noout', '-passin', `pass:${PASSWORD}`], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
};

beforeAll(async () => {
  pki = await testPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-p12-'));
  fs.writeFileSync(file('key.pem'), pki.unit.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(file('cert.pem'), toPem(pki.unit.certificate));
  fs.writeFileSync(file('ca.pem'), toPem(pki.ca.certificate));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function problemOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof Pkcs12Error ? e.problem : `other: ${(e as Error).message}`;
  }
}

describe('a .p12 made by openssl pkcs12 -export (OpenSSL 3 defaults)', () => {
  beforeAll(() => {
    openssl('pkcs12', '-export', '-inkey', file('key.pem'), '-in', file('cert.pem'), '-certfile', file('ca.pem'), '-out', file('openssl.p12'), '-passout', `pass:${PASSWORD}`);
  });

  it('is in the format we claim to read: PBES2 / AES-256-CBC / SHA-256 MAC', () => {
    const info = p12Info(file('openssl.p12'));
    expect(info).toContain('MAC: sha256');
    expect(info).toContain('AES-256-CBC');
  });

  it('loads: the key, the matching certificate with its Vietnamese name, and the CA', async () => {
    const c = await readPkcs12(fs.readFileSync(file('openssl.p12')), PASSWORD);
    expect(c.certificate.equals(pki.unit.certificate)).toBe(true);
    expect(describeCertificate(c.certificate).commonName).toBe(VIETNAMESE_CN);
    expect(c.chain).toHaveLength(1);
    expect(c.chain[0]!.equals(pki.ca.certificate)).toBe(true);
    expect(c.privateKey.export({ type: 'pkcs8', format: 'der' }).equals(pki.unit.privateKey.export({ type: 'pkcs8', format: 'der' }))).toBe(true);
  });

  it('refuses a wrong password as such', async () => {
    expect(await problemOf(readPkcs12(fs.readFileSync(file('openssl.p12')), 'sai mật khẩu'))).toBe('bad_password');
    expect(await problemOf(readPkcs12(fs.readFileSync(file('openssl.p12')), ''))).toBe('bad_password');
  });

  it('refuses a file without a private key', async () => {
    openssl('pkcs12', '-export', '-nokeys', '-in', file('cert.pem'), '-out', file('nokey.p12'), '-passout', `pass:${PASSWORD}`);
    expect(await problemOf(readPkcs12(fs.readFileSync(file('nokey.p12')), PASSWORD))).toBe('no_private_key');
  });

  it('names the old 3DES encryption instead of failing vaguely', async () => {
    openssl('pkcs12', '-export', '-inkey', file('key.pem'), '-in', file('cert.pem'), '-out', file('legacy.p12'), '-passout', 'pass:abc', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1');
    expect(await problemOf(readPkcs12(fs.readFileSync(file('legacy.p12')), 'abc'))).toBe('unsupported_encryption');
  });

  it('refuses what is not a PKCS#12 file at all', async () => {
    expect(await problemOf(readPkcs12(fs.readFileSync(file('cert.pem')), PASSWORD))).toBe('malformed');
    expect(await problemOf(readPkcs12(pki.unit.certificate, PASSWORD))).toBe('malformed');
  });
});

describe('a .p12 written with pkijs', () => {
  it('is read back by OpenSSL with the same key and certificate', async () => {
    const p12 = await writePkcs12({ privateKey: pki.unit.privateKey, certificate: pki.unit.certificate, chain: [pki.ca.certificate], password: PASSWORD, friendlyName: VIETNAMESE_CN });
    fs.writeFileSync(file('ours.p12'), p12);
    const pem = openssl('pkcs12', '-in', file('ours.p12'), '-nodes', '-passin', `pass:${PASSWORD}`);
    expect(pem).toContain(toPem(pki.unit.certificate).trim());
    expect(pem).toContain(pki.unit.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim());
    const info = p12Info(file('ours.p12'));
    expect(info).toContain('MAC: sha256');
    expect(info).toContain('AES-256-CBC');
    const back = await readPkcs12(p12, PASSWORD);
    expect(back.certificate.equals(pki.unit.certificate)).toBe(true);
  });
});
