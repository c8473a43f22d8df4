// Reusing an applicant's details at the counter: the latest ones, only from the officer's own units, only to
// the roles that need them, and the number never in the logs' paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';

let t: TestApp;
let officer: TestClient;
const ID = '046190012345';
const COPY = { procedureCode: '2.000908', components: [{ key: 'c1-7d4524' }] };

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-24T08:00:00+07:00' });
  officer = await t.login('tiepnhan.vinhloc');
  const first = await officer.post('/api/dossiers', { ...COPY, applicant: { name: 'Nguyễn Thị Hoa', idNumber: ID, phone: '0912345678', address: 'Thôn 1, Vinh Lộc' } });
  expect(first.statusCode).toBe(201);
  t.clock.set('2026-11-24T10:00:00+07:00');
  // The later dossier has a new name spelling and e-mail but no phone: the phone comes from the earlier one.
  const second = await officer.post('/api/dossiers', { ...COPY, applicant: { name: 'Nguyễn Thị Hòa', idNumber: ID, email: 'hoa@example.vn' } });
  expect(second.statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('GET /api/applicants', () => {
  it('gives the latest details, filling blanks from earlier dossiers', async () => {
    const res = await officer.get(`/api/applicants?idNumber=${ID}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ idNumber: ID, kind: 'citizen', name: 'Nguyễn Thị Hòa', phone: '0912345678', email: 'hoa@example.vn', address: 'Thôn 1, Vinh Lộc', dossierCount: 2 });
    expect(body.lastDossier.unit).toBe('Xã Vinh Lộc');
    expect(body.lastDossier.submittedAt).toBe('2026-11-24T10:00:00+07:00');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('lets a specialist of the unit look up too', async () => {
    const specialist = await t.login('chuyenvien.vinhloc');
    expect((await specialist.get(`/api/applicants?idNumber=${ID}`)).json().name).toBe('Nguyễn Thị Hòa');
  });

  it('answers 404 for a number with no earlier dossier', async () => {
    const res = await officer.get('/api/applicants?idNumber=046199999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().message.vi).toContain('Không tìm thấy');
  });

  it('shows nothing of another commune: its officer gets 404', async () => {
    const other = await t.login('tiepnhan.phuvang');
    expect((await other.get(`/api/applicants?idNumber=${ID}`)).statusCode).toBe(404);
  });

  it('refuses roles that do not work with applicants (403) and anonymous callers (401)', async () => {
    for (const who of ['vanthu.vinhloc', 'quantri.vinhloc', 'theodoi.hue']) {
      const res = await (await t.login(who)).get(`/api/applicants?idNumber=${ID}`);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().message.en).toContain('receiving officers');
    }
    expect((await t.anonymous.get(`/api/applicants?idNumber=${ID}`)).statusCode).toBe(401);
  });

  it('names the field of a malformed number, in both languages', async () => {
    for (const bad of ['12345', '04619001234x', '']) {
      const res = await officer.get(`/api/applicants?idNumber=${bad}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('querystring.idNumber');
      expect(res.json().message.vi).toContain('12 chữ số');
      expect(res.json().message.en).toContain('12 digits');
    }
  });
});
