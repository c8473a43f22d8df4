// A citizen online: submit with attachments, supply what is missing from the tracking page, rate once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';

let t: TestApp;
let officer: TestClient;
let code = '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const applicant = { name: 'Hồ Thị Thanh Tâm', idNumber: '046301004455', phone: '0935111222', email: 'tam@example.vn', address: 'Thôn An Bằng, xã Vinh Lộc' };

const publicUpload = async (name = 'giay-to.pdf', content = PDF, ip = '203.0.113.5') => {
  const boundary = 'b' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: '/api/public/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, remoteAddress: ip });
};

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-25T20:30:00+07:00' });
  officer = await t.login('tiepnhan.vinhloc');
});
afterAll(async () => t?.close());

describe('online submission', () => {
  it('submits a dossier online with attached files, without an account', async () => {
    const f = (await publicUpload()).json();
    expect(f.token).toBeTruthy();
    const res = await t.anonymous.post('/api/public/dossiers', {
      procedureCode: '2.000908',
      unitCode: '20122',
      applicant,
      components: [{ key: 'c1-7d4524', files: [{ id: f.id, token: f.token }] }],
    });
    expect(res.statusCode, res.body).toBe(201);
    code = res.json().code;
    expect(code).toMatch(/-261125-\d{4}$/);
    expect(res.json().statusUrl).toBe(`http://motcua.test/tra-cuu/${encodeURIComponent(code)}`);
    const pub = (await t.anonymous.get(`/api/public/dossiers/${code}`)).json();
    expect(pub).toMatchObject({ status: 'submitted', nationalStatus: 1, receivedAt: null, dueAt: null });
  });

  it('a file token works once: it cannot be attached to a second submission', async () => {
    const f = (await publicUpload()).json();
    const body = { procedureCode: '2.000908', unitCode: '20122', applicant: { ...applicant, idNumber: '046301004456' }, components: [{ key: 'c1-7d4524', files: [{ id: f.id, token: f.token }] }] };
    expect((await t.anonymous.post('/api/public/dossiers', body)).statusCode).toBe(201);
    const again = await t.anonymous.post('/api/public/dossiers', { ...body, applicant: { ...applicant, idNumber: '046301004457' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().field).toBe('components.files');
    const forged = await t.anonymous.post('/api/public/dossiers', { ...body, components: [{ key: 'c1-7d4524', files: [{ id: f.id, token: 'x'.repeat(32) }] }] });
    expect(forged.statusCode).toBe(400);
  });

  it('requires the ID number and phone, and names a bad field', async () => {
    const res = await t.anonymous.post('/api/public/dossiers', { procedureCode: '2.000908', unitCode: '20122', applicant: { name: 'Lê Văn Tư', phone: '0935111222' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('body.applicant.idNumber');
  });

  it('the officer finds it waiting and asks for a supplement before intake; the clock has not started', async () => {
    const list = (await officer.get('/api/dossiers?status=submitted')).json();
    const item = list.items.find((i: { code: string }) => i.code === code);
    expect(item.channel).toBe('online');
    // Where each datum came from: the citizen's own online form.
    const sources = (await officer.get(`/api/dossiers/${encodeURIComponent(code)}`)).json().dataSources as Array<{ field: string; source: string }>;
    expect(sources.find((x) => x.field === 'applicant.name')?.source).toBe('online_form');
    expect(sources.some((x) => x.field.startsWith('components.') && x.source === 'online_form')).toBe(true);
    t.clock.set('2026-11-26T08:00:00+07:00');
    const res = await officer.post(`/api/dossiers/${encodeURIComponent(code)}/actions/request_supplement`, {
      missing: [{ componentKey: 'c2-e23891', requirement: 'Bản chụp rõ nét' }],
      reason: 'Thiếu giấy tờ chứng minh quan hệ với người được cấp bản sao',
    });
    expect(res.statusCode, res.body).toBe(200);
    const pub = (await t.anonymous.get(`/api/public/dossiers/${code}`)).json();
    expect(pub.nationalStatus).toBe(5);
    expect(pub.missing[0].name).toContain('chứng minh quan hệ');
  });

  it('the citizen uploads the supplement from the tracking page after proving the dossier is theirs', async () => {
    const f = (await publicUpload('quan-he.pdf')).json();
    const wrong = await t.anonymous.post(`/api/public/dossiers/${code}/supplement`, { verify: { idNumber: '046301009999' }, components: [{ key: 'c2-e23891', files: [{ id: f.id, token: f.token }] }] });
    expect(wrong.statusCode).toBe(404);
    const ok = await t.anonymous.post(`/api/public/dossiers/${code}/supplement`, { verify: { phone: '+84935111222' }, components: [{ key: 'c2-e23891', files: [{ id: f.id, token: f.token }] }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const d = (await officer.get(`/api/dossiers/${encodeURIComponent(code)}`)).json();
    expect(d.files.filter((x: { kind: string }) => x.kind === 'supplement')).toHaveLength(1);
    expect(d.history.at(-1)).toMatchObject({ action: 'supplement_uploaded', actor: { role: 'applicant', name: 'Hồ Thị Thanh Tâm' } });
  });

  it('the officer accepts the supplement; the clock starts; the dossier is processed and returned', async () => {
    t.clock.set('2026-11-26T09:00:00+07:00');
    const r = await officer.post(`/api/dossiers/${encodeURIComponent(code)}/actions/receive_supplement`, { components: ['c2-e23891'] });
    expect(r.statusCode, r.body).toBe(200);
    const d = (await officer.get(`/api/dossiers/${encodeURIComponent(code)}`)).json();
    expect(d.status).toBe('received');
    expect(d.receivedAt).toBe('2026-11-26T09:00:00+07:00');
    expect(d.dueAt).toBe('2026-11-27T09:00:00+07:00');
    const head = await t.login('truongphong.vinhloc');
    const leader = await t.login('lanhdao.vinhloc');
    const clerk = await t.login('vanthu.vinhloc');
    const specialist = await t.login('chuyenvien.vinhloc');
    const step = async (c: TestClient, action: string, body: unknown = {}) => {
      const res = await c.post(`/api/dossiers/${encodeURIComponent(code)}/actions/${action}`, body);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    };
    await step(officer, 'forward');
    await step(specialist, 'forward');
    await step(head, 'submit_for_approval', { outcome: 'granted' });
    await step(leader, 'approve');
    await step(leader, 'sign');
    await step(clerk, 'issue_result');
    await step(officer, 'return_result');
  });

  it('the citizen rates the service once', async () => {
    const criteria = (await t.anonymous.get('/api/public/rating-criteria')).json();
    expect(criteria.criteria).toHaveLength(12);
    const answers = Object.fromEntries(criteria.criteria.map((c: { key: string }) => [c.key, 'satisfied']));
    const bad = await t.anonymous.post(`/api/public/dossiers/${code}/rating`, { verify: { idNumber: applicant.idNumber }, answers: { ...answers, smile: 'satisfied' } });
    expect(bad.statusCode).toBe(400);
    const first = await t.anonymous.post(`/api/public/dossiers/${code}/rating`, { verify: { idNumber: applicant.idNumber }, answers: { ...answers, overall: 'very_satisfied' }, comment: 'Cán bộ hướng dẫn tận tình' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await t.anonymous.post(`/api/public/dossiers/${code}/rating`, { verify: { idNumber: applicant.idNumber }, answers });
    expect(second.statusCode).toBe(409);
    const stored = await t.ctx.db.selectFrom('ratings').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ satisfied: true, scale_version: 'hue-12-3level-v1', channel: 'online' });
    expect((stored.answers as Record<string, string>).overall).toBe('very_satisfied');
  });

  it('limits how fast one address can write', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 32; i++) codes.push((await publicUpload('x.pdf', PDF, '198.51.100.7')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 201)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });
});
