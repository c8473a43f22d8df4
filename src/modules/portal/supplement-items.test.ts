// The tracking page's needs: each requested item has a key to upload under (a component, or "missing-N" for
// a document the officer named freely), the public status says whether the dossier was rated, and the public
// list of communes that take online dossiers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';

let t: TestApp;
let officer: TestClient;
let code = '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const applicant = { name: 'Phan Văn Lợi', idNumber: '046301007788', phone: '0935222333' };

async function upload(name: string): Promise<{ id: string; token: string }> {
  const boundary = 'b' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({ method: 'POST', url: '/api/public/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-26T08:00:00+07:00' });
  officer = await t.login('tiepnhan.vinhloc');
  const f = await upload('cccd.pdf');
  const res = await t.anonymous.post('/api/public/dossiers', { procedureCode: '2.000908', unitCode: '20122', applicant, components: [{ key: 'c1-7d4524', files: [f] }] });
  expect(res.statusCode, res.body).toBe(201);
  code = res.json().code;
});
afterAll(async () => t?.close());

describe('supplement items on the tracking page', () => {
  it('lists each requested item with the key to upload it under; nothing is rated yet', async () => {
    const res = await officer.post(`/api/dossiers/${encodeURIComponent(code)}/actions/request_supplement`, {
      missing: [{ componentKey: 'c2-e23891' }, { name: 'Giấy xác nhận của Công an xã', requirement: 'Bản chính' }],
      reason: 'Thiếu giấy tờ chứng minh quan hệ',
    });
    expect(res.statusCode, res.body).toBe(200);
    const pub = (await t.anonymous.get(`/api/public/dossiers/${code}`)).json();
    expect(pub.missing).toEqual([
      { key: 'c2-e23891', name: expect.stringContaining('chứng minh quan hệ'), requirement: null },
      { key: 'missing-2', name: 'Giấy xác nhận của Công an xã', requirement: 'Bản chính' },
    ]);
    expect(pub.rated).toBe(false);
  });

  it('refuses an item number the request does not have, naming the field', async () => {
    const f = await upload('x.pdf');
    const res = await t.anonymous.post(`/api/public/dossiers/${code}/supplement`, { verify: { idNumber: applicant.idNumber }, components: [{ key: 'missing-3', files: [f] }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('components.0.key');
    expect(res.json().message.vi).toContain('không thuộc hồ sơ');
  });

  it('takes both items: the component keeps its key, the freely named item is kept without one', async () => {
    const a = await upload('quan-he.pdf');
    const b = await upload('xac-nhan.pdf');
    const res = await t.anonymous.post(`/api/public/dossiers/${code}/supplement`, {
      verify: { phone: applicant.phone },
      components: [
        { key: 'missing-1', files: [a] },
        { key: 'missing-2', files: [b] },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().files).toBe(2);
    const d = (await officer.get(`/api/dossiers/${encodeURIComponent(code)}`)).json();
    const supplements = d.files.filter((x: { kind: string }) => x.kind === 'supplement');
    expect(supplements.map((x: { name: string; componentKey: string | null }) => [x.name, x.componentKey])).toEqual([
      ['quan-he.pdf', 'c2-e23891'],
      ['xac-nhan.pdf', null],
    ]);
    expect(d.history.at(-1).action).toBe('supplement_uploaded');
  });

  it('says the dossier is rated once the citizen has rated it', async () => {
    t.clock.set('2026-11-26T09:00:00+07:00');
    const people: Record<string, TestClient> = {};
    for (const u of ['chuyenvien', 'truongphong', 'lanhdao', 'vanthu']) people[u] = await t.login(`${u}.vinhloc`);
    const steps: Array<[TestClient, string, unknown?]> = [
      [officer, 'receive_supplement', { components: ['c2-e23891'] }],
      [officer, 'forward'],
      [people.chuyenvien!, 'forward'],
      [people.truongphong!, 'submit_for_approval', { outcome: 'granted' }],
      [people.lanhdao!, 'approve'],
      [people.lanhdao!, 'sign'],
      [people.vanthu!, 'issue_result'],
    ];
    for (const [who, action, body] of steps) {
      const r = await who.post(`/api/dossiers/${encodeURIComponent(code)}/actions/${action}`, body ?? {});
      expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
    }
    const before = (await t.anonymous.get(`/api/public/dossiers/${code}`)).json();
    expect(before).toMatchObject({ status: 'resolved', rated: false, missing: [] });
    const rated = await t.anonymous.post(`/api/public/dossiers/${code}/rating`, { verify: { idNumber: applicant.idNumber }, answers: { overall: 'satisfied' } });
    expect(rated.statusCode, rated.body).toBe(201);
    expect((await t.anonymous.get(`/api/public/dossiers/${code}`)).json().rated).toBe(true);
  });
});

describe('GET /api/public/units', () => {
  it('lists only the communes with an active receiving officer, without signing in', async () => {
    const res = await t.anonymous.get('/api/public/units');
    expect(res.statusCode).toBe(200);
    const codes = res.json().units.map((u: { code: string }) => u.code);
    expect(codes.sort()).toEqual(['19885', '19942', '20122']);
    expect(res.json().units.find((u: { code: string }) => u.code === '20122')).toEqual({
      code: '20122',
      name: 'Xã Vinh Lộc',
      kind: 'commune',
      province: { code: '46', name: expect.stringContaining('Huế') },
    });
  });

  it('finds a commune typed without diacritics, and by province', async () => {
    const res = await t.anonymous.get('/api/public/units?q=vinh%20loc&province=46');
    expect(res.json().units.map((u: { name: string }) => u.name)).toEqual(['Xã Vinh Lộc']);
    expect((await t.anonymous.get('/api/public/units?q=ha%20noi')).json().units).toEqual([]);
  });

  it('drops a commune whose receiving officers are all inactive', async () => {
    await t.ctx.db.updateTable('accounts').set({ active: false }).where('username', '=', 'tiepnhan.dandien').execute();
    const codes = (await t.anonymous.get('/api/public/units')).json().units.map((u: { code: string }) => u.code);
    expect(codes).not.toContain('19885');
    expect(codes).toContain('20122');
  });

  it('names the bad field, in both languages', async () => {
    const bad = await t.anonymous.get('/api/public/units?province=4');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('querystring.province');
    expect(bad.json().message.en).toContain('2 digits');
    const unknown = await t.anonymous.get('/api/public/units?province=99');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message.vi).toContain('Không có tỉnh mã 99');
  });
});
