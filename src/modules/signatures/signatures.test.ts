// Signing over HTTP, end to end: a dossier walked to the signing step, signed by its leader with the unit's
// demo certificate, checked by pdfsig, verified publicly (QR → /xac-thuc/{code}), copies checked; the wrong
// people refused; a generated result when there is no draft; a signed form.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { qrMatricesOnPage, readPdf } from '../forms/pdf-testing.js';
import { decodeQr } from '../forms/qr-decode.js';
import { verifyAudit } from '../audit/chain.js';
import { pdfsig, samplePdf } from './test-fixtures.js';
import { multipart, toSigningStep } from './test-http.js';
import { checkPdfSignatures } from './verify.js';

let t: TestApp;
const c: Record<string, TestClient> = {};

async function attachDraft(id: number, pdf: Uint8Array) {
  const up = await multipart(t, '/api/files', [{ name: 'file', value: Buffer.from(pdf), filename: 'du-thao.pdf' }], c.chuyenvien);
  expect(up.statusCode, up.body).toBe(201);
  const r = await c.chuyenvien!.post(`/api/dossiers/${id}/files`, { fileId: up.json().id, kind: 'draft_result' });
  expect(r.statusCode, r.body).toBe(200);
}

const fileOf = async (fileId: string) => Buffer.from((await t.ctx.db.selectFrom('files').select('content').where('id', '=', fileId).executeTakeFirstOrThrow()).content);

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-23T09:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'vanthu', 'quantri']) c[u] = await t.login(`${u}.vinhloc`);
  c.lanhdaoPhuvang = await t.login('lanhdao.phuvang');
});
afterAll(async () => t?.close());

describe('the demo seed', () => {
  it('gives each demo commune an active certificate named after its People’s Committee', async () => {
    const res = await c.quantri!.get('/api/units/20122/certificates');
    expect(res.statusCode, res.body).toBe(200);
    const [cert] = res.json().certificates;
    expect(cert).toMatchObject({ kind: 'pkcs12', commonName: 'UBND xã Vinh Lộc', active: true });
    expect(cert.issuer).toContain('CN=MotCua Demo CA');
    const rows = await t.ctx.db.selectFrom('unit_certificates').select(['common_name']).where('active', '=', true).execute();
    expect(rows.map((r) => r.common_name).sort()).toEqual(['UBND xã Phú Vang', 'UBND xã Vinh Lộc', 'UBND xã Đan Điền']);
  });
});

describe('signing a result', () => {
  let dossier: { id: number; code: string };
  let signed: { code: string; fileId: string; verificationUrl: string };
  let pdf: Buffer;

  beforeAll(async () => {
    dossier = await toSigningStep(t, c);
  });

  it('is refused with 409 before approval, naming what is allowed, and stores nothing', async () => {
    const early = await c.tiepnhan!.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Trần Văn An' }, components: [{ key: 'c1-7d4524' }] });
    const res = await c.lanhdao!.post(`/api/dossiers/${early.json().id}/sign`, { method: 'pkcs12' });
    expect(res.statusCode).toBe(409);
    expect(res.json().allowed).toContain('forward');
    expect(res.json().message.vi).toContain('Ký số');
    expect(await t.ctx.db.selectFrom('signed_documents').select('id').execute()).toHaveLength(0);
  });

  it('is refused with 403 to another commune’s leader and to a specialist of the unit', async () => {
    expect((await c.lanhdaoPhuvang!.post(`/api/dossiers/${dossier.id}/sign`, { method: 'pkcs12' })).statusCode).toBe(403);
    expect((await c.chuyenvien!.post(`/api/dossiers/${dossier.id}/sign`, { method: 'pkcs12' })).statusCode).toBe(403);
    expect((await t.anonymous.post(`/api/dossiers/${dossier.id}/sign`, { method: 'pkcs12' })).statusCode).toBe(401);
  });

  it('asks for a valid method in both languages', async () => {
    const res = await c.lanhdao!.post(`/api/dossiers/${dossier.id}/sign`, { method: 'usb' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message.vi).toContain('Chọn cách ký');
    expect(res.json().message.en).toContain('Choose how to sign');
  });

  it('the leader signs the draft: the dossier takes the sign action and keeps the signed PDF as its result', async () => {
    await attachDraft(dossier.id, await samplePdf('Giấy khai sinh'));
    t.clock.set('2026-11-23T10:30:00+07:00');
    const res = await c.lanhdao!.post(`/api/dossiers/${dossier.id}/sign`, { method: 'pkcs12', note: 'Đồng ý ký' });
    expect(res.statusCode, res.body).toBe(200);
    signed = res.json();
    expect(signed.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(signed.verificationUrl).toBe(`http://motcua.test/xac-thuc/${signed.code}`);
    const d = (await c.lanhdao!.get(`/api/dossiers/${dossier.id}`)).json();
    expect(d.signedAt).toBe('2026-11-23T10:30:00+07:00');
    const h = d.history.at(-1);
    expect(h).toMatchObject({ action: 'sign' });
    expect(d.files.filter((f: { kind: string }) => f.kind === 'result').map((f: { fileId: string }) => f.fileId)).toEqual([signed.fileId]);
    // Signed: now the clerk may issue the result.
    const forClerk = (await c.vanthu!.get(`/api/dossiers/${dossier.id}`)).json();
    expect(forClerk.allowedActions.map((a: { action: string }) => a.action)).toContain('issue_result');
    pdf = await fileOf(signed.fileId);
  });

  it('the dossier page lists the signed document and the certificates to sign with; not for another commune', async () => {
    const res = await c.lanhdao!.get(`/api/dossiers/${dossier.id}/signatures`);
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.documents).toEqual([expect.objectContaining({ code: signed.code, kind: 'result', method: 'pkcs12', signerName: 'Hoàng Đức Thắng', certificate: 'UBND xã Vinh Lộc' })]);
    expect(v.certificates.map((x: { commonName: string }) => x.commonName)).toEqual(['UBND xã Vinh Lộc']);
    expect(v.remoteAvailable).toBe(false);
    expect((await c.lanhdaoPhuvang!.get(`/api/dossiers/${dossier.id}/signatures`)).statusCode).toBe(403);
  });

  it('the stored PDF is valid for pdfsig, with the unit’s Vietnamese name, and covers the whole file', () => {
    const out = pdfsig(pdf);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Signer Certificate Common Name: UBND xã Vinh Lộc');
    expect(out).toContain('Total document signed');
  });

  it('carries a QR code that decodes to the public verification page, and the code printed beside it', async () => {
    const qrs = (await qrMatricesOnPage(pdf, 0)).map(decodeQr);
    expect(qrs).toContain(`http://motcua.test/xac-thuc/${signed.code}`);
    const text = (await readPdf(new Uint8Array(pdf))).pages.join(' ');
    expect(text).toContain(`${signed.code.slice(0, 5)}-${signed.code.slice(5)}`);
    expect(text).toContain('UBND xã Vinh Lộc');
  });

  it('the public page says authentic and unchanged, who signed and when — and nothing personal', async () => {
    const res = await t.anonymous.get(`/api/public/signatures/${signed.code}`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ authentic: true, unchanged: true, dossierCode: dossier.code, signedAt: '2026-11-23T10:30:00+07:00', unit: { code: '20122', name: 'Xã Vinh Lộc' } });
    expect(v.verdict.vi).toBe('Văn bản hợp lệ, không bị thay đổi');
    expect(v.signerTitle.vi).toBe('Lãnh đạo đơn vị');
    expect(v.certificate.commonName).toBe('UBND xã Vinh Lộc');
    expect(v.document.kind).toBe('result');
    expect(JSON.stringify(v)).not.toMatch(/Nguyễn Thị Hương|046190001234|0912345678/);
  });

  it('accepts the code as people type it, and says clearly when it is malformed or unknown', async () => {
    const typed = `${signed.code.slice(0, 5).toLowerCase()}-${signed.code.slice(5)}`;
    expect((await t.anonymous.get(`/api/public/signatures/${typed}`)).json().code).toBe(signed.code);
    const bad = await t.anonymous.get('/api/public/signatures/ABC!!DEF!!');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message.vi).toContain('10 ký tự');
    expect((await t.anonymous.get('/api/public/signatures/0000000000')).statusCode).toBe(404);
  });

  it('downloads the signed PDF, byte for byte', async () => {
    const res = await t.anonymous.get(`/api/public/signatures/${signed.code}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(res.rawPayload).equals(pdf)).toBe(true);
  });

  it('checks a citizen’s copy: identical, altered, with content added after signing, or another document', async () => {
    const check = async (file: Buffer) => {
      const r = await multipart(t, `/api/public/signatures/${signed.code}/check`, [{ name: 'file', value: file, filename: 'ban-sao.pdf' }]);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    expect(await check(pdf)).toMatchObject({ identical: true, verdict: 'identical' });
    const altered = Buffer.from(pdf);
    altered[altered.indexOf('/Title') + 2] = 0x58;
    expect(await check(altered)).toMatchObject({ identical: false, signatureStillValid: false, verdict: 'altered' });
    const added = await check(Buffer.concat([pdf, Buffer.from('\n% ghi chú thêm\n')]));
    expect(added).toMatchObject({ identical: false, signatureStillValid: true, verdict: 'incremental_update' });
    expect(added.message.vi).toContain('SAU khi ký');
    expect((await check(Buffer.from(await samplePdf()))).verdict).toBe('altered');
    // Not the same bytes, same signed content: a hex digit of the signature written in the other case.
    const recased = Buffer.from(pdf);
    const start = recased.indexOf('/Contents <') + '/Contents <'.length;
    let i = start;
    while (!/[a-f]/.test(String.fromCharCode(recased[i]!))) i++;
    recased[i] = recased[i]! - 0x20;
    const same = await check(recased);
    expect(same).toMatchObject({ identical: false, signatureStillValid: true, verdict: 'signed_content_identical' });
    expect(same.message.en).not.toContain('byte-for-byte');
  });

  it('a change to the stored file is found on the next verification: not unchanged any more', async () => {
    const other = await toSigningStep(t, c, 'Lê Văn Bình');
    const r = (await c.lanhdao!.post(`/api/dossiers/${other.id}/sign`, { method: 'pkcs12' })).json();
    const stored = await fileOf(r.fileId);
    const tampered = Buffer.from(stored);
    tampered[tampered.indexOf('/Producer') + 3] = 0x58;
    await t.ctx.db.updateTable('files').set({ content: tampered }).where('id', '=', r.fileId).execute();
    const v = (await t.anonymous.get(`/api/public/signatures/${r.code}`)).json();
    expect(v.unchanged).toBe(false);
    expect(v.checks).toMatchObject({ fileHashMatches: false, digestMatches: false });
    expect(v.verdict.vi).toBe('Văn bản đã bị thay đổi sau khi ký');
  });

  it('another commune’s signature of an unrelated file is "another document" for this code', async () => {
    const other = await toSigningStep(t, c, 'Phan Thị Cúc');
    const r = (await c.lanhdao!.post(`/api/dossiers/${other.id}/sign`, { method: 'pkcs12' })).json();
    const res = await multipart(t, `/api/public/signatures/${signed.code}/check`, [{ name: 'file', value: await fileOf(r.fileId), filename: 'khac.pdf' }]);
    expect(res.json().verdict).toBe('other_document');
  });

  it('without a draft, signs a generated result document naming the dossier and the procedure', async () => {
    const plain = await toSigningStep(t, c, 'Võ Văn Dũng');
    const r = await c.lanhdao!.post(`/api/dossiers/${plain.id}/sign`, { method: 'pkcs12' });
    expect(r.statusCode, r.body).toBe(200);
    const file = await fileOf(r.json().fileId);
    const text = (await readPdf(new Uint8Array(file))).pages.join(' ');
    expect(text).toContain('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain(plain.code);
    expect(text).toContain('Võ Văn Dũng');
    expect(pdfsig(file)).toContain('Signature is Valid');
  });

  it('an Idempotency-Key makes a retried signing return the same document, signed once', async () => {
    const again = await toSigningStep(t, c, 'Đỗ Thị Em');
    const headers = { 'idempotency-key': 'sign-retry-0001' };
    const first = await c.lanhdao!.post(`/api/dossiers/${again.id}/sign`, { method: 'pkcs12' }, headers);
    const second = await c.lanhdao!.post(`/api/dossiers/${again.id}/sign`, { method: 'pkcs12' }, headers);
    expect(second.statusCode).toBe(200);
    expect(second.json().code).toBe(first.json().code);
    const rows = await t.ctx.db.selectFrom('signed_documents').select('id').where('dossier_id', '=', again.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('the public page is rate-limited per address, with a bilingual 429', async () => {
    const get = () => t.app.inject({ method: 'GET', url: `/api/public/signatures/${signed.code}`, remoteAddress: '203.0.113.77' });
    for (let i = 0; i < 60; i++) expect((await get()).statusCode).toBe(200);
    const limited = await get();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().message.vi).toContain('quá nhiều yêu cầu');
    // Another address is not affected.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/signatures/${signed.code}`, remoteAddress: '203.0.113.78' })).statusCode).toBe(200);
  });

  it('left the audit chain intact and one outbox event for the sign action', async () => {
    expect((await verifyAudit(t.ctx.db)).ok).toBe(true);
    const events = await t.ctx.db.selectFrom('outbox').select('payload').where('dossier_id', '=', dossier.id).execute();
    expect(events.filter((e) => (e.payload as { action: string }).action === 'sign')).toHaveLength(1);
  });
});

describe('signing a form', () => {
  it('the receiving officer signs the receipt; the signed copy verifies and the dossier state is unchanged', async () => {
    const res = await c.tiepnhan!.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Hồ Văn Giang' }, components: [{ key: 'c1-7d4524' }] });
    const { id } = res.json();
    const before = (await c.tiepnhan!.get(`/api/dossiers/${id}`)).json();
    const r = await c.tiepnhan!.post(`/api/dossiers/${id}/forms/receipt/sign`, { method: 'pkcs12' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'form', form: 'receipt' });
    const after = (await c.tiepnhan!.get(`/api/dossiers/${id}`)).json();
    expect(after.revision).toBe(before.revision);
    expect(after.files.find((f: { kind: string }) => f.kind === 'form').fileId).toBe(r.json().fileId);
    const file = await fileOf(r.json().fileId);
    expect(pdfsig(file)).toContain('Signature is Valid');
    expect(checkPdfSignatures(file)).toHaveLength(1);
    const v = (await t.anonymous.get(`/api/public/signatures/${r.json().code}`)).json();
    expect(v).toMatchObject({ authentic: true, unchanged: true, document: { kind: 'form', form: 'receipt' } });
    expect(v.document.name.vi).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  });

  it('a specialist may not sign forms, nor another commune’s leader', async () => {
    const res = await c.tiepnhan!.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Hồ Văn Hải' }, components: [{ key: 'c1-7d4524' }] });
    const { id } = res.json();
    expect((await c.chuyenvien!.post(`/api/dossiers/${id}/forms/receipt/sign`, { method: 'pkcs12' })).statusCode).toBe(403);
    expect((await c.lanhdaoPhuvang!.post(`/api/dossiers/${id}/forms/receipt/sign`, { method: 'pkcs12' })).statusCode).toBe(403);
  });
});
