// A unit's certificates over HTTP: the centre admin uploads a .p12 made by `openssl pkcs12 -export` with its
// password; wrong password, expired certificate, no private key are bilingual 400s; the key is sealed at rest;
// others cannot upload; a deactivated certificate no longer signs but its signatures stay verifiable.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { createDemoCa, describeCertificate, issueSigningCertificate, toPem } from './certificates.js';
import { checkPdfSignatures } from './verify.js';
import { writePkcs12 } from './pkcs12.js';
import { seal, unseal } from './keyring.js';
import { pdfsig } from './test-fixtures.js';
import { multipart, toSigningStep } from './test-http.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
let dir: string;
const PASSWORD = 'Đan Điền #2026';
const unitName = 'UBND xã Đan Điền';

const upload = (client: TestClient | undefined, unit: string, file: Buffer, password: string) =>
  multipart(t, `/api/units/${unit}/certificates`, [{ name: 'password', value: password }, { name: 'file', value: file, filename: 'don-vi.p12' }], client);

async function opensslP12(now: Date, notBefore: Date, years: number, name: string): Promise<Buffer> {
  const ca = await createDemoCa(now, 'Test CA', notBefore);
  const unit = await issueSigningCertificate(ca, { commonName: unitName, organisation: unitName }, now, years, notBefore);
  fs.writeFileSync(path.join(dir, `${name}.key`), unit.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(path.join(dir, `${name}.crt`), toPem(unit.certificate));
  fs.writeFileSync(path.join(dir, `${name}-ca.crt`), toPem(ca.certificate));
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', path.join(dir, `${name}.key`), '-in', path.join(dir, `${name}.crt`), '-certfile', path.join(dir, `${name}-ca.crt`), '-out', path.join(dir, `${name}.p12`), '-passout', `pass:${PASSWORD}`]);
  return fs.readFileSync(path.join(dir, `${name}.p12`));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cert-'));
  t = await createTestApp({ now: '2026-11-23T09:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'quantri']) c[u] = await t.login(`${u}.dandien`);
  c.quantriVinhloc = await t.login('quantri.vinhloc');
  c.admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('uploading a .p12', () => {
  let p12: Buffer;
  let certId = 0;
  beforeAll(async () => {
    p12 = await opensslP12(new Date('2026-11-01T00:00:00Z'), new Date('2026-10-01T00:00:00Z'), 2, 'good');
  });

  it('a wrong password is a bilingual 400 naming the password, and registers nothing', async () => {
    const res = await upload(c.quantri, '19885', p12, 'sai mật khẩu');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_input', field: 'password' });
    expect(res.json().message.vi).toContain('Mật khẩu');
    expect(res.json().message.en).toContain('Wrong password');
    expect(await t.ctx.db.selectFrom('unit_certificates').select('id').where('common_name', '=', unitName).where('issuer', 'like', '%Test CA%').execute()).toHaveLength(0);
  });

  it('the centre admin uploads the openssl-made file: subject, issuer and validity are shown', async () => {
    const res = await upload(c.quantri, '19885', p12, PASSWORD);
    expect(res.statusCode, res.body).toBe(201);
    const cert = res.json();
    expect(cert).toMatchObject({ kind: 'pkcs12', commonName: unitName, active: true });
    expect(cert.subject).toBe(`CN=${unitName}, O=${unitName}, C=VN`);
    expect(cert.issuer).toContain('CN=Test CA');
    expect(cert.notAfter).toMatch(/^2028-/);
    certId = cert.id;
  });

  it('keeps the private key sealed: not the PKCS#8 bytes, and opens only with the instance key', async () => {
    const row = await t.ctx.db.selectFrom('unit_certificates').select(['key_sealed']).where('id', '=', certId).executeTakeFirstOrThrow();
    const plain = fs.readFileSync(path.join(dir, 'good.key'), 'utf8');
    const der = Buffer.from(plain.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    expect(Buffer.from(row.key_sealed!).includes(der.subarray(40, 80))).toBe(false);
    expect((await unseal(t.ctx.db, row.key_sealed!)).equals(der)).toBe(true);
  });

  it('with MOTCUA_SECRET_KEY, keys open only under that same secret', async () => {
    const env = { MOTCUA_SECRET_KEY: 'một khóa bí mật đủ dài 2026' };
    const sealed = await seal(t.ctx.db, Buffer.from('khóa'), env);
    expect((await unseal(t.ctx.db, sealed, env)).toString()).toBe('khóa');
    await expect(unseal(t.ctx.db, sealed, { MOTCUA_SECRET_KEY: 'another secret, also long' })).rejects.toThrow(/not the key/);
    await expect(unseal(t.ctx.db, sealed, {})).rejects.toThrow(/not set/);
  });

  it('the same certificate twice is a conflict', async () => {
    expect((await upload(c.quantri, '19885', p12, PASSWORD)).statusCode).toBe(409);
  });

  it('the leader signs with the uploaded certificate, and pdfsig shows its name', async () => {
    const d = await toSigningStep(t, c);
    const res = await c.lanhdao!.post(`/api/dossiers/${d.id}/sign`, { method: 'pkcs12', certificateId: certId });
    expect(res.statusCode, res.body).toBe(200);
    const file = await t.ctx.db.selectFrom('files').select('content').where('id', '=', res.json().fileId).executeTakeFirstOrThrow();
    const out = pdfsig(file.content);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain(`Signer Certificate Common Name: ${unitName}`);
    // The chain from the .p12 travels in the signature.
    const [sig] = checkPdfSignatures(file.content);
    expect(sig!.certificates.map((x) => describeCertificate(x).commonName)).toEqual([unitName, 'Test CA']);
  });

  it('an expired certificate is refused with its date', async () => {
    const old = await opensslP12(new Date('2021-01-01T00:00:00Z'), new Date('2021-01-01T00:00:00Z'), 1, 'old');
    const res = await upload(c.quantri, '19885', old, PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().message.vi).toContain('hết hạn ngày 01/01/2022');
    expect(res.json().message.en).toContain('expired on 01/01/2022');
  });

  it('a file without a private key is refused: it cannot sign', async () => {
    execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', path.join(dir, 'good.crt'), '-out', path.join(dir, 'nokey.p12'), '-passout', `pass:${PASSWORD}`]);
    const res = await upload(c.quantri, '19885', fs.readFileSync(path.join(dir, 'nokey.p12')), PASSWORD);
    expect(res.statusCode).toBe(400);
    expect(res.json().message.vi).toContain('không chứa khóa bí mật');
  });

  it('a leader, or another commune’s admin, may not upload; the system admin may', async () => {
    expect((await upload(c.lanhdao, '19885', p12, PASSWORD)).statusCode).toBe(403);
    expect((await upload(c.quantriVinhloc, '19885', p12, PASSWORD)).statusCode).toBe(403);
    expect((await upload(undefined, '19885', p12, PASSWORD)).statusCode).toBe(401);
    const ours = await writePkcs12({ ...(await (async () => {
      const ca = await createDemoCa(new Date('2026-01-01T00:00:00Z'), 'Another CA');
      const u = await issueSigningCertificate(ca, { commonName: unitName }, new Date('2026-01-01T00:00:00Z'));
      return { privateKey: u.privateKey, certificate: u.certificate, chain: [ca.certificate] };
    })()), password: PASSWORD });
    expect((await upload(c.admin, '19885', ours, PASSWORD)).statusCode).toBe(201);
  });

  it('a deactivated certificate no longer signs, and what it signed still verifies', async () => {
    const d = await toSigningStep(t, c, 'Ngô Văn Khoa');
    const signed = (await c.lanhdao!.post(`/api/dossiers/${d.id}/sign`, { method: 'pkcs12', certificateId: certId })).json();
    const off = await c.quantri!.post(`/api/units/19885/certificates/${certId}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    const d2 = await toSigningStep(t, c, 'Ngô Văn Lâm');
    const refused = await c.lanhdao!.post(`/api/dossiers/${d2.id}/sign`, { method: 'pkcs12', certificateId: certId });
    expect(refused.statusCode).toBe(422);
    const v = (await t.anonymous.get(`/api/public/signatures/${signed.code}`)).json();
    expect(v).toMatchObject({ authentic: true, unchanged: true });
  });
});
