// The app as a whole: health, the OpenAPI contract, the docs page, errors for unknown routes, and logs that
// never carry personal data.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test/app.js';

let t: TestApp;
const log: string[] = [];
beforeAll(async () => {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => log.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  t = await createTestApp({ logStream: stream });
});
afterAll(async () => t?.close());

describe('the app', () => {
  it('answers the health check with the database kind', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: process.env.MOTCUA_TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('publishes an OpenAPI document with the public contract routes', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/health', '/api/public/dossiers/{code}', '/api/dossiers', '/api/dossiers/{ref}/actions/{action}', '/api/auth/login']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const intake = doc.paths['/api/dossiers'].post;
    expect(JSON.stringify(intake.requestBody)).toContain('procedureCode');
  });

  it('serves the docs page', async () => {
    const res = await t.anonymous.get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown route with a bilingual 404', async () => {
    const res = await t.anonymous.get('/api/public/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().message.vi).toContain('Không có đường dẫn');
  });

  it('explains bad input in Vietnamese and in English, separately', async () => {
    const officer = await t.login('tiepnhan.vinhloc');
    const own = (await officer.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Trần Văn An', idNumber: '046' } })).json();
    expect(own.field).toBe('body.applicant.idNumber');
    expect(own.message.vi).toContain('Số định danh cá nhân phải gồm đúng 12 chữ số');
    expect(own.message.vi).not.toContain('12 digits');
    expect(own.message.en).toContain('The personal ID number must be exactly 12 digits');
    expect(own.message.en).not.toContain('chữ số');
    const generic = (await officer.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'A' } })).json();
    expect(generic.field).toBe('body.applicant.name');
    expect(generic.message.en).toMatch(/too small/i);
    expect(generic.message.vi).not.toMatch(/too small/i);
    expect(generic.message.vi).toMatch(/quá (nhỏ|ngắn)|ít nhất|tối thiểu/i);
  });

  it('never writes ID numbers, phones, passwords or session cookies to the log', async () => {
    const officer = await t.login('tiepnhan.vinhloc');
    await officer.post('/api/dossiers', {
      procedureCode: '2.000908',
      applicant: { name: 'Đỗ Thị Lan', idNumber: '046199887766', phone: '0987654321' },
      components: [{ key: 'c1-7d4524' }],
    });
    await officer.get('/api/dossiers?q=046199887766');
    await officer.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'X', idNumber: '123', phone: '0987654321' } });
    const text = log.join('\n');
    expect(log.length).toBeGreaterThan(3);
    expect(text).not.toContain('046199887766');
    expect(text).not.toContain('0987654321');
    expect(text).not.toContain('motcua@2026');
    expect(text).not.toContain(officer.cookie.split(';')[0]!.split('=')[1]!);
  });
});
