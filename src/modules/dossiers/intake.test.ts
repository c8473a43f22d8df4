// Intake under pressure: concurrent counters, retried requests, bad input, uploads, merged units.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { parseDossierCode } from './code.js';

let t: TestApp;
let officer: TestClient;

// Thủ tục cấp bản sao từ sổ gốc: 1 working day, one required component.
const COPY = { procedureCode: '2.000908', components: [{ key: 'c1-7d4524' }] };
const applicant = (i: number) => ({ name: `Nguyễn Văn Khách ${i}`, idNumber: `0461900${String(10000 + i).slice(-5)}` });

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-25T08:00:00+07:00' });
  officer = await t.login('tiepnhan.vinhloc');
});
afterAll(async () => t?.close());

const multipart = (name: string, content: Buffer, type: string) => {
  const boundary = '----motcua' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};
const upload = (c: TestClient, name: string, content: Buffer, type = 'application/octet-stream') => {
  const m = multipart(name, content, type);
  return t.app.inject({ method: 'POST', url: '/api/files', payload: m.payload, headers: { ...m.headers, cookie: c.cookie, 'x-csrf-token': c.csrf } });
};
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('dossier codes under concurrent intake', () => {
  it('50 parallel intakes at one unit get 50 distinct, consecutive codes', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => officer.post('/api/dossiers', { ...COPY, applicant: applicant(i) })));
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    const codes = results.map((r) => r.json().code as string);
    expect(new Set(codes).size).toBe(50);
    const parsed = codes.map((c) => parseDossierCode(c)!);
    expect(new Set(parsed.map((p) => `${p.identifier}|${p.date}`)).size).toBe(1);
    expect(parsed[0]!.date).toBe('2026-11-25');
    expect(parsed.map((p) => p.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('another unit and another day start their own sequences at 0001', async () => {
    const other = await t.login('tiepnhan.phuvang');
    const r1 = await other.post('/api/dossiers', { ...COPY, applicant: applicant(99) });
    expect(r1.json().code).toMatch(/-261125-0001$/);
    t.clock.set('2026-11-26T08:00:00+07:00');
    const r2 = await officer.post('/api/dossiers', { ...COPY, applicant: applicant(98) });
    expect(r2.json().code).toMatch(/-261126-0001$/);
  });
});

describe('idempotency', () => {
  it('a retry with the same Idempotency-Key returns the first result and creates nothing', async () => {
    const body = { ...COPY, applicant: applicant(200) };
    const count = async () => (await t.ctx.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const first = await officer.post('/api/dossiers', body, { 'idempotency-key': 'counter-7-retry-0001' });
    const again = await officer.post('/api/dossiers', body, { 'idempotency-key': 'counter-7-retry-0001' });
    expect(first.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(Number(await count())).toBe(before + 1);
    const different = await officer.post('/api/dossiers', { ...body, applicant: applicant(201) }, { 'idempotency-key': 'counter-7-retry-0001' });
    expect(different.statusCode).toBe(422);
  });

  it('concurrent duplicates of one action apply it once', async () => {
    const { id } = (await officer.post('/api/dossiers', { ...COPY, applicant: applicant(300) })).json();
    const key = { 'idempotency-key': `forward-${id}-abcdef` };
    const [a, b] = await Promise.all([officer.post(`/api/dossiers/${id}/actions/forward`, {}, key), officer.post(`/api/dossiers/${id}/actions/forward`, {}, key)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual(b.json());
    const history = await t.ctx.db.selectFrom('dossier_history').select('action').where('dossier_id', '=', id).execute();
    expect(history.filter((h) => h.action === 'forward')).toHaveLength(1);
  });

  it('a stale If-Match revision is refused with 409 and changes nothing', async () => {
    const { id } = (await officer.post('/api/dossiers', { ...COPY, applicant: applicant(301) })).json();
    const res = await t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/actions/forward`, payload: {}, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'if-match': '0' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().message.vi).toContain('vừa được người khác cập nhật');
    expect((await officer.get(`/api/dossiers/${id}`)).json().status).toBe('received');
  });
});

describe('bad input', () => {
  it('names the field in Vietnamese and English and changes nothing', async () => {
    const res = await officer.post('/api/dossiers', { ...COPY, applicant: { name: 'Trần Văn An', idNumber: '04619000123' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.field).toBe('body.applicant.idNumber');
    expect(body.message.vi).toContain('12 chữ số');
    expect(body.message.en).toContain('12 digits');
  });

  it('a missing required component is refused at intake with the list of what is missing', async () => {
    const res = await officer.post('/api/dossiers', { procedureCode: '2.000908', applicant: applicant(400), components: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.missing[0].key).toBe('c1-7d4524');
  });

  it('a procedure whose time limit has no unit cannot be received until an admin sets it', async () => {
    const res = await officer.post('/api/dossiers', { procedureCode: '1.001193', applicant: applicant(401) });
    expect(res.statusCode).toBe(422);
    expect(res.json().message.vi).toContain('chưa xác định đơn vị');
  });

  it('unknown procedure, component or action', async () => {
    expect((await officer.post('/api/dossiers', { procedureCode: '9.999999', applicant: applicant(402) })).statusCode).toBe(404);
    const c = await officer.post('/api/dossiers', { procedureCode: '2.000908', applicant: applicant(403), components: [{ key: 'nope' }] });
    expect(c.statusCode).toBe(400);
    expect(c.json().field).toBe('components.0.key');
    expect((await officer.post('/api/dossiers/1/actions/fly', {})).statusCode).toBe(400);
  });

  it('an action without its reason is a 400 naming the field', async () => {
    const { id } = (await officer.post('/api/dossiers', { ...COPY, applicant: applicant(404) })).json();
    const res = await officer.post(`/api/dossiers/${id}/actions/withdraw`, { reason: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.reason');
  });
});

describe('uploads', () => {
  it('accepts a PNG and a PDF judged by content and attaches them at intake', async () => {
    const png = await upload(officer, 'so-goc.png', PNG);
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json().mime).toBe('image/png');
    const pdf = await upload(officer, 'scan.bin', PDF);
    expect(pdf.json().mime).toBe('application/pdf');
    const res = await officer.post('/api/dossiers', { procedureCode: '2.000908', applicant: applicant(500), components: [{ key: 'c1-7d4524', fileIds: [png.json().id, pdf.json().id] }] });
    expect(res.statusCode, res.body).toBe(201);
    const d = (await officer.get(`/api/dossiers/${res.json().id}`)).json();
    expect(d.files.map((f: { mime: string }) => f.mime).sort()).toEqual(['application/pdf', 'image/png']);
    const file = await officer.get(`/api/files/${png.json().id}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);
    const other = await t.login('tiepnhan.phuvang');
    expect((await other.get(`/api/files/${png.json().id}`)).statusCode).toBe(403);
  });

  it('refuses a text file named .pdf, and an empty file', async () => {
    const fake = await upload(officer, 'to-khai.pdf', Buffer.from('Tôi là tờ khai, không phải PDF'), 'application/pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json().message.vi).toContain('Chỉ nhận tệp PDF, JPEG hoặc PNG');
    const count = await t.ctx.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('refuses a file over the size limit', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(t.ctx.config.maxUploadBytes + 10, 32)]);
    const res = await upload(officer, 'big.pdf', big);
    expect(res.statusCode).toBe(413);
  });
});

describe('merged units', () => {
  it("a merged unit's dossiers keep their unit and are found under the successor", async () => {
    const dandien = await t.login('tiepnhan.dandien');
    const { id, code } = (await dandien.post('/api/dossiers', { ...COPY, applicant: applicant(600) })).json();
    const vinhloc = await t.login('truongphong.vinhloc');
    expect((await vinhloc.get(`/api/dossiers/${id}`)).statusCode).toBe(403);
    const units = await t.ctx.db.selectFrom('units').select(['id', 'code']).where('code', 'in', ['19885', '20122']).execute();
    const byCode = Object.fromEntries(units.map((u) => [u.code, u.id]));
    await t.ctx.db.updateTable('units').set({ merged_into_id: byCode['20122']!, merged_at: t.clock.now() }).where('id', '=', byCode['19885']!).execute();
    t.ctx.units.invalidate();
    const d = (await vinhloc.get(`/api/dossiers/${id}`)).json();
    expect(d.code).toBe(code);
    expect(d.unit.code).toBe('19885');
    const list = (await vinhloc.get('/api/dossiers?unit=20122&limit=200')).json();
    expect(list.items.map((i: { code: string }) => i.code)).toContain(code);
    // New intake at the merged unit is refused: it goes to the successor.
    const again = await dandien.post('/api/dossiers', { ...COPY, applicant: applicant(601), unitCode: '19885' });
    expect(again.statusCode).toBe(422);
  });
});
