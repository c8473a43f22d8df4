// Population data at the counter, end to end with the population database simulator on a real port: lookups
// that pre-fill (structure checked first), provenance recorded with the intake, documents reused only within
// the officer's own units, and ID numbers that never reach the log.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig, type TestApp, type TestClient } from '../../../test/app.js';
import { DEMO_CITIZEN_IDS, holdsCitizen, simulatedCitizen, startPopulationSimulator, type RunningPopulationSimulator } from '../../../simulators/population.js';
import { formatPersonalId } from './personal-id.js';
import { maskPath } from '../../../server.js';

const NOW = '2026-11-24T08:00:00+07:00';
const COPY = '2.000908'; // one required component
const COMPONENT = 'c1-7d4524';
const PERSON = DEMO_CITIZEN_IDS[0]!; // lives in Vinh Lộc
const REUSER = '046190055501'; // an applicant with an earlier dossier at Vinh Lộc
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082', 'hex');

let sim: RunningPopulationSimulator;
let t: TestApp;
let officer: TestClient;
const log: string[] = [];
const idsUsed = new Set<string>([PERSON, REUSER]);

beforeAll(async () => {
  sim = await startPopulationSimulator({ token: 'population-test-token', now: () => new Date(NOW) });
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => log.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  t = await createTestApp({
    now: NOW,
    logStream: stream,
    config: { integrations: { ...testConfig().integrations, population: { url: sim.url, token: 'population-test-token' } } },
  });
  officer = await t.login('tiepnhan.vinhloc');
});
afterAll(async () => {
  await t?.close();
  await sim?.close();
});

const countLookups = async () => Number((await t.ctx.db.selectFrom('population_lookups').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const countDossiers = async () => Number((await t.ctx.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const lookUp = (c: TestClient, id: string) => {
  idsUsed.add(id);
  return c.get(`/api/population/citizens/${id}`);
};
const upload = async (c: TestClient, name: string) => {
  const boundary = '----motcua' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({ method: 'POST', url: '/api/files', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: c.cookie, 'x-csrf-token': c.csrf } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; size: number; mime: string };
};

describe('GET /api/population/citizens/:idNumber', () => {
  it('answers the mapped applicant fields, the raw record and a stored lookup', async () => {
    const before = await countLookups();
    const res = await lookUp(officer, PERSON);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const record = simulatedCitizen(PERSON, new Date(NOW))!;
    expect(body.source).toBe('population_database');
    expect(body.record).toEqual(record);
    expect(body.applicant).toEqual({
      kind: 'citizen',
      idNumber: PERSON,
      name: record.HoVaTen,
      address: `${record.NoiThuongTru.ChiTiet}, Xã Vinh Lộc, Thành phố Huế`,
      birthDate: `${record.NgaySinh.slice(0, 4)}-${record.NgaySinh.slice(4, 6)}-${record.NgaySinh.slice(6)}`,
      sex: 'male',
    });
    expect(body.fetchedAt).toBe('2026-11-24T08:00:00+07:00');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await countLookups()).toBe(before + 1);
    const stored = await t.ctx.db.selectFrom('population_lookups').selectAll().where('id', '=', body.lookupId).executeTakeFirstOrThrow();
    expect(stored.id_number).toBe(PERSON);
    expect(stored.data).toEqual(record);
    const me = await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'tiepnhan.vinhloc').executeTakeFirstOrThrow();
    expect(stored.account_id).toBe(me.id);
  });

  it('lets specialists look up, and refuses other roles (403) and anonymous callers (401)', async () => {
    expect((await lookUp(await t.login('chuyenvien.vinhloc'), PERSON)).statusCode).toBe(200);
    for (const who of ['vanthu.vinhloc', 'quantri.vinhloc', 'theodoi.hue']) {
      const res = await lookUp(await t.login(who), PERSON);
      expect(res.statusCode, who).toBe(403);
    }
    expect((await t.anonymous.get(`/api/population/citizens/${PERSON}`)).statusCode).toBe(401);
  });

  it.each([
    ['003190012345', 'province', 'mã tỉnh', 'province'],
    ['046227012345', 'birth_year', 'ở tương lai', 'in the future'],
    ['04619001234', 'length', '12 chữ số', '12 digits'],
    ['04619001234x', 'serial', 'Sáu chữ số cuối', 'Digits 7–12'],
  ])('checks the structure first: %s → 400 naming %s, nothing asked, nothing stored', async (id, part, vi, en) => {
    const before = await countLookups();
    const res = await lookUp(officer, id);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.field).toBe('idNumber');
    expect(body.details.problems.map((p: { part: string }) => p.part)).toEqual([part]);
    expect(body.message.vi).toContain(vi);
    expect(body.message.en).toContain(en);
    expect(await countLookups()).toBe(before);
  });

  it('answers 404 for a number the database does not hold, and stores nothing', async () => {
    const missing = Array.from({ length: 300 }, (_, i) => formatPersonalId({ provinceCode: '046', sex: 'female', birthYear: 1960 + (i % 50), serial: String(200_000 + i) })).find((id) => !holdsCitizen(id))!;
    const before = await countLookups();
    const res = await lookUp(officer, missing);
    expect(res.statusCode).toBe(404);
    expect(res.json().message.vi).toContain('CSDL quốc gia về dân cư');
    expect(await countLookups()).toBe(before);
  });

  it('answers 503 with a clear message when the system fails, refuses our token, or the connection is off', async () => {
    const integrations = t.ctx.config.integrations;
    sim.faults.failNext = 1;
    const down = await lookUp(officer, PERSON);
    expect(down.statusCode).toBe(503);
    expect(down.json().message.vi).toContain('CSDL quốc gia về dân cư đang gặp sự cố');
    expect(down.json().message.en).toContain('population database is having trouble');

    const saved = integrations.population;
    try {
      integrations.population = { url: sim.url, token: 'wrong-token' };
      const refused = await lookUp(officer, PERSON);
      expect(refused.statusCode).toBe(503);
      expect(refused.json().message.en).toContain('refused');
      integrations.population = null;
      const off = await lookUp(officer, PERSON);
      expect(off.statusCode).toBe(503);
      expect(off.json().message.vi).toContain('Chưa kết nối CSDL quốc gia về dân cư');
    } finally {
      integrations.population = saved;
    }
    expect((await lookUp(officer, PERSON)).statusCode).toBe(200);
  });
});

describe('intake with a lookup: where each datum came from', () => {
  it('records population_database for the fields kept as looked up and entered for the one edited', async () => {
    const { lookupId, applicant } = (await lookUp(officer, PERSON)).json();
    const res = await officer.post('/api/dossiers', {
      procedureCode: COPY,
      components: [{ key: COMPONENT }],
      applicant: { name: applicant.name, idNumber: PERSON, address: 'Thôn 2, Xã Vinh Lộc, Thành phố Huế', phone: '0912345678' },
      populationLookupId: lookupId,
    });
    expect(res.statusCode).toBe(201);
    const detail = (await officer.get(`/api/dossiers/${res.json().id}`)).json();
    const sources = Object.fromEntries(detail.dataSources.map((s: { field: string; source: string; reference: string | null }) => [s.field, [s.source, s.reference]]));
    expect(sources).toEqual({
      'applicant.idNumber': ['population_database', lookupId],
      'applicant.name': ['population_database', lookupId],
      'applicant.address': ['entered', null],
      'applicant.phone': ['entered', null],
    });
    expect(detail.dataSources[0].recordedAt).toBe('2026-11-24T08:00:00+07:00');
  });

  it('records every field as entered without a lookup', async () => {
    const res = await officer.post('/api/dossiers', { procedureCode: COPY, components: [{ key: COMPONENT }], applicant: { name: 'Lê Thị Hạnh', idNumber: '046185000777' } });
    idsUsed.add('046185000777');
    const detail = (await officer.get(`/api/dossiers/${res.json().id}`)).json();
    expect(detail.dataSources.map((s: { field: string; source: string }) => `${s.field}:${s.source}`)).toEqual(['applicant.idNumber:entered', 'applicant.name:entered']);
  });

  it('refuses a lookup of another number or of another officer, and creates nothing', async () => {
    const { lookupId } = (await lookUp(officer, PERSON)).json();
    const before = await countDossiers();
    const other = DEMO_CITIZEN_IDS[1]!;
    const wrongPerson = await officer.post('/api/dossiers', { procedureCode: COPY, components: [{ key: COMPONENT }], applicant: { name: 'Trần Văn Bình', idNumber: other }, populationLookupId: lookupId });
    idsUsed.add(other);
    expect(wrongPerson.statusCode).toBe(400);
    expect(wrongPerson.json().field).toBe('populationLookupId');
    expect(wrongPerson.json().message.vi).toContain('số định danh khác');
    const colleague = await t.login('tiepnhan.phuvang');
    const notTheirs = await colleague.post('/api/dossiers', { procedureCode: COPY, components: [{ key: COMPONENT }], applicant: { name: 'Trần Văn Bình', idNumber: PERSON }, populationLookupId: lookupId });
    expect(notTheirs.statusCode).toBe(400);
    expect(notTheirs.json().field).toBe('populationLookupId');
    expect(await countDossiers()).toBe(before);
  });
});

describe('reusing digitised documents', () => {
  let earlier: { id: number; code: string };
  let file: { id: string; size: number; mime: string };

  beforeAll(async () => {
    file = await upload(officer, 'ban-sao-giay-khai-sinh.png');
    const res = await officer.post('/api/dossiers', { procedureCode: COPY, components: [{ key: COMPONENT, fileIds: [file.id] }], applicant: { name: 'Võ Thị Mai', idNumber: REUSER } });
    expect(res.statusCode).toBe(201);
    earlier = res.json();
    t.clock.set('2026-11-24T10:00:00+07:00');
  });

  it("lists the files of the person's earlier dossiers in the officer's units", async () => {
    const res = await officer.get(`/api/applicants/${REUSER}/documents`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ fileId: file.id, componentKey: COMPONENT, dossierId: earlier.id, dossierCode: earlier.code, mime: 'image/png', size: file.size, submittedAt: '2026-11-24T08:00:00+07:00' }),
    ]);
    expect(res.json().items[0].componentName.length).toBeGreaterThan(3);
    const elsewhere = await (await t.login('tiepnhan.phuvang')).get(`/api/applicants/${REUSER}/documents`);
    expect(elsewhere.json().items).toEqual([]);
    expect((await (await t.login('vanthu.vinhloc')).get(`/api/applicants/${REUSER}/documents`)).statusCode).toBe(403);
  });

  it('links the file to the new dossier, counts the component as provided and records where it came from', async () => {
    // Receiving needs the required component: the reused file is what provides it.
    const res = await officer.post('/api/dossiers', { procedureCode: COPY, applicant: { name: 'Võ Thị Mai', idNumber: REUSER }, reuse: [{ componentKey: COMPONENT, fileId: file.id }] });
    expect(res.statusCode).toBe(201);
    const detail = (await officer.get(`/api/dossiers/${res.json().id}`)).json();
    expect(detail.status).not.toBe('submitted');
    expect(detail.receivedAt).not.toBeNull();
    expect(detail.components.find((c: { key: string }) => c.key === COMPONENT).provided).toBe(true);
    expect(detail.files).toEqual([expect.objectContaining({ fileId: file.id, componentKey: COMPONENT, kind: 'component' })]);
    expect(detail.dataSources).toContainEqual(expect.objectContaining({ field: `components.${COMPONENT}`, source: 'reused_document', reference: earlier.code }));
    const link = await t.ctx.db.selectFrom('dossier_files').select('reused_from_dossier_id').where('dossier_id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(Number(link.reused_from_dossier_id)).toBe(earlier.id);
  });

  it("refuses another commune's officer (403) and another person's file (400), creating nothing", async () => {
    const before = await countDossiers();
    const phuvang = await t.login('tiepnhan.phuvang');
    const foreign = await phuvang.post('/api/dossiers', { procedureCode: COPY, applicant: { name: 'Võ Thị Mai', idNumber: REUSER }, reuse: [{ componentKey: COMPONENT, fileId: file.id }] });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message.vi).toContain('đơn vị khác');
    const stranger = '046190055502';
    idsUsed.add(stranger);
    const otherPerson = await officer.post('/api/dossiers', { procedureCode: COPY, applicant: { name: 'Phan Văn Lâm', idNumber: stranger }, reuse: [{ componentKey: COMPONENT, fileId: file.id }] });
    expect(otherPerson.statusCode).toBe(400);
    expect(otherPerson.json().field).toBe('reuse.0.fileId');
    const noNumber = await officer.post('/api/dossiers', { procedureCode: COPY, applicant: { name: 'Võ Thị Mai' }, reuse: [{ componentKey: COMPONENT, fileId: file.id }] });
    expect(noNumber.statusCode).toBe(400);
    const wrongComponent = await officer.post('/api/dossiers', { procedureCode: COPY, applicant: { name: 'Võ Thị Mai', idNumber: REUSER }, reuse: [{ componentKey: 'c9-nothing', fileId: file.id }] });
    expect(wrongComponent.statusCode).toBe(400);
    expect(wrongComponent.json().field).toBe('reuse.0.componentKey');
    expect(await countDossiers()).toBe(before);
  });
});

describe('an old lookup', () => {
  it('is refused after 24 hours: the officer looks the person up again', async () => {
    const { lookupId, applicant } = (await lookUp(officer, PERSON)).json();
    t.clock.set('2026-11-26T09:00:00+07:00');
    const res = await officer.post('/api/dossiers', { procedureCode: COPY, components: [{ key: COMPONENT }], applicant: { name: applicant.name, idNumber: PERSON }, populationLookupId: lookupId });
    expect(res.statusCode).toBe(400);
    expect(res.json().message.en).toContain('older than 24 hours');
  });
});

describe('logs', () => {
  it('mask ID numbers in logged paths, typos included', () => {
    expect(maskPath('/api/population/citizens/046190012345')).toBe('/api/population/citizens/***');
    expect(maskPath('/api/population/citizens/04619001234x')).toBe('/api/population/citizens/***');
    expect(maskPath('/api/applicants/046190012345/documents')).toBe('/api/applicants/***/documents');
    expect(maskPath('/api/applicants')).toBe('/api/applicants');
    expect(maskPath('/api/dossiers/42/actions/forward')).toBe('/api/dossiers/42/actions/forward');
    expect(maskPath('/api/files/0123456789')).toBe('/api/files/***');
  });


  it('never carry the ID numbers looked up, listed or reused', () => {
    const text = log.join('\n');
    expect(log.length).toBeGreaterThan(10);
    expect(text).toContain('/api/population/citizens/***');
    expect(text).toContain('/api/applicants/***/documents');
    for (const id of idsUsed) expect(text, id).not.toContain(id);
  });
});
