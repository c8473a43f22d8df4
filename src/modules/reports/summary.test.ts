// The periodic report over real dossiers driven through the HTTP API with the clock moved: every count of the
// summary for a period, by every breakdown, equals what happened; each figure drills down to exactly its dossiers;
// the XLSX and PDF carry the same numbers; who may read what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../lib/xlsx.js';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { readPdf } from '../forms/pdf-testing.js';

let t: TestApp;
const c: Record<string, TestClient> = {};
const ids: Record<string, number> = {};
const codes: Record<string, string> = {};
const dossier: Record<string, number> = {};

const A = '2.000908'; // Chứng thực, 1 working day
const A_REQUIRED = ['c1-7d4524'];
const B = '1.003583'; // Hộ tịch, 5 working days
const B_REQUIRED = ['c1-ba3109', 'c2-fb2596', 'c5-9e70d7', 'c6-85a38b'];
const PERIOD = 'from=2026-12-07&to=2026-12-11';

async function receive(name: string, procedure: string, opts: { who?: TestClient; channel?: string; applicant?: string } = {}) {
  const res = await (opts.who ?? c.tiepnhan!).post('/api/dossiers', {
    procedureCode: procedure,
    channel: opts.channel ?? 'counter',
    applicant: { name: opts.applicant ?? 'Nguyễn Thị Hương', idNumber: '046190001234', phone: '0912345678' },
    components: (procedure === A ? A_REQUIRED : B_REQUIRED).map((key) => ({ key })),
  });
  expect(res.statusCode, res.body).toBe(201);
  dossier[name] = res.json().id;
  codes[name] = res.json().code;
}

async function act(who: TestClient, name: string, action: string, body: unknown = {}) {
  const res = await who.post(`/api/dossiers/${dossier[name]}/actions/${action}`, body);
  expect(res.statusCode, `${name} ${action}: ${res.body}`).toBe(200);
}

/** Forward, assign, process, review, approve, sign and issue: resolved at the clock's time. */
async function resolve(name: string, unit: Record<string, TestClient> = c, specialist = 'chuyenvien.vinhloc') {
  await act(unit.tiepnhan!, name, 'forward');
  await act(unit.truongphong!, name, 'assign', { assigneeId: ids[specialist] });
  await act(unit.chuyenvien!, name, 'forward');
  await act(unit.truongphong!, name, 'submit_for_approval', { outcome: 'granted' });
  await act(unit.lanhdao!, name, 'approve');
  await act(unit.lanhdao!, name, 'sign');
  await act(unit.vanthu!, name, 'issue_result', { resultNumber: `${name}/KQ` });
}

const due = async (name: string) => (await c.tiepnhan!.get(`/api/dossiers/${dossier[name]}`)).json().dueAt as string;

beforeAll(async () => {
  t = await createTestApp({ now: '2026-12-02T09:00:00+07:00' });
  for (const u of ['tiepnhan', 'chuyenvien', 'chuyenviendd', 'truongphong', 'lanhdao', 'vanthu', 'quantri']) c[u] = await t.login(`${u}.vinhloc`);
  const pv: Record<string, TestClient> = {};
  for (const u of ['tiepnhan', 'chuyenvien', 'truongphong', 'lanhdao', 'vanthu']) pv[u] = await t.login(`${u}.phuvang`);
  c.hue = await t.login('theodoi.hue');
  c.admin = await t.login('admin');
  c.lanhdaoPhuvang = pv.lanhdao!;
  c.chuyenvienPhuvang = pv.chuyenvien!;
  for (const a of await t.ctx.db.selectFrom('accounts').select(['id', 'username']).execute()) ids[a.username] = a.id;

  // Before the period, and finished before it: in no figure.
  await receive('before', A);
  t.clock.set('2026-12-03T08:00:00+07:00');
  await resolve('before');
  // Received before the period, open at its start: carried over, then resolved early inside it.
  t.clock.set('2026-12-04T09:00:00+07:00');
  await receive('carried', B);
  expect(await due('carried')).toBe('2026-12-11T09:00:00+07:00');

  t.clock.set('2026-12-07T09:00:00+07:00');
  await receive('early', B);
  await receive('onTime', A);
  await receive('late', A);
  await receive('withdrawn', A);
  await receive('practice', A);
  t.clock.set('2026-12-07T09:05:00+07:00');
  dossier.phuvang = 0;
  {
    const res = await pv.tiepnhan!.post('/api/dossiers', { procedureCode: A, applicant: { name: 'Trần Văn Bình', idNumber: '046190009999' }, components: A_REQUIRED.map((key) => ({ key })) });
    expect(res.statusCode, res.body).toBe(201);
    dossier.phuvang = res.json().id;
    codes.phuvang = res.json().code;
  }
  await t.ctx.db.updateTable('dossiers').set({ is_practice: true }).where('id', '=', dossier.practice!).execute();
  expect(await due('onTime')).toBe('2026-12-08T09:00:00+07:00');

  t.clock.set('2026-12-08T08:30:00+07:00');
  await resolve('onTime');
  await resolve('carried');
  await resolve('phuvang', pv, 'chuyenvien.phuvang');

  t.clock.set('2026-12-08T09:00:00+07:00');
  await receive('progressLate', A);
  await receive('paused', B);
  await receive('refused', A);
  await act(c.tiepnhan!, 'progressLate', 'forward');
  await act(c.truongphong!, 'progressLate', 'assign', { assigneeId: ids['chuyenviendd.vinhloc'] });
  await act(c.tiepnhan!, 'refused', 'refuse', { reason: 'Giấy tờ không hợp lệ' });

  t.clock.set('2026-12-09T10:00:00+07:00');
  await resolve('late');
  await resolve('early');
  await act(c.tiepnhan!, 'withdrawn', 'withdraw', { reason: 'Người nộp xin rút hồ sơ' });
  await act(c.tiepnhan!, 'paused', 'forward');
  await act(c.truongphong!, 'paused', 'assign', { assigneeId: ids['chuyenvien.vinhloc'] });
  await act(c.chuyenvien!, 'paused', 'request_supplement', { missing: [{ name: 'Tờ khai có chữ ký' }], reason: 'Tờ khai chưa ký' });

  t.clock.set('2026-12-10T09:00:00+07:00');
  await act(c.tiepnhan!, 'early', 'return_result', { receivedBy: 'Nguyễn Thị Hương' });

  t.clock.set('2026-12-11T09:00:00+07:00');
  await receive('within', A, { channel: 'online' });
  expect(await due('within')).toBe('2026-12-14T09:00:00+07:00');

  // After the period: none of this may change the period's figures.
  t.clock.set('2026-12-15T09:00:00+07:00');
  await receive('after', A);
  await act(c.chuyenviendd!, 'progressLate', 'forward');
  await act(c.truongphong!, 'progressLate', 'submit_for_approval', { outcome: 'granted' });
  await act(c.lanhdao!, 'progressLate', 'approve');
  await act(c.lanhdao!, 'progressLate', 'sign');
  await act(c.vanthu!, 'progressLate', 'issue_result', { resultNumber: 'PL/KQ' });
  await act(c.tiepnhan!, 'paused', 'receive_supplement');
}, 120_000);
afterAll(async () => t?.close());

type Counts = Record<string, number | null>;
const ZERO: Counts = {
  carriedOver: 0, receivedNew: 0, received: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, resolved: 0,
  inProgressWithinTime: 0, inProgressLate: 0, paused: 0, withdrawn: 0, refused: 0, returned: 0, onTimeRate: null,
};
const counts = (c: Partial<Counts>): Counts => {
  const r: Counts = { ...ZERO };
  for (const [k, v] of Object.entries(c)) r[k] = v ?? null;
  r.received = (r.carriedOver as number) + (r.receivedNew as number);
  r.resolved = (r.resolvedEarly as number) + (r.resolvedOnTime as number) + (r.resolvedLate as number);
  r.onTimeRate = r.resolved ? ((r.resolvedEarly as number) + (r.resolvedOnTime as number)) / (r.resolved as number) : null;
  return r;
};

const VINHLOC = counts({ carriedOver: 1, receivedNew: 8, resolvedEarly: 2, resolvedOnTime: 1, resolvedLate: 1, inProgressWithinTime: 1, inProgressLate: 1, paused: 1, withdrawn: 1, refused: 1, returned: 1 });
const PHUVANG = counts({ receivedNew: 1, resolvedOnTime: 1 });
const METRIC_DOSSIERS: Record<string, string[]> = {
  carriedOver: ['carried'],
  receivedNew: ['early', 'onTime', 'late', 'withdrawn', 'progressLate', 'paused', 'refused', 'within'],
  resolvedEarly: ['carried', 'early'],
  resolvedOnTime: ['onTime'],
  resolvedLate: ['late'],
  resolved: ['carried', 'early', 'onTime', 'late'],
  inProgressWithinTime: ['within'],
  inProgressLate: ['progressLate'],
  paused: ['paused'],
  withdrawn: ['withdrawn'],
  refused: ['refused'],
  returned: ['early'],
};
const DRILL_PARAM: Record<string, string> = { field: 'field', procedure: 'procedure', channel: 'channel', official: 'official', office: 'office' };

async function summary(who: TestClient, unit: string, by: string) {
  const res = await who.get(`/api/reports/summary?unit=${unit}&${PERIOD}&by=${by}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { unit: { code: string; name: string; kind: string }; by: string; rows: Array<{ key: string; label: { vi: string; en: string }; counts: Counts }>; total: Counts };
}

/** Every figure of every row equals the drill-down total behind it. */
async function expectDrillsMatch(who: TestClient, unit: string, by: string, rows: Array<{ key: string; counts: Counts }>) {
  for (const row of rows) {
    for (const metric of Object.keys(METRIC_DOSSIERS)) {
      const drillUnit = by === 'unit' ? row.key : unit;
      const extra = DRILL_PARAM[by] ? `&${DRILL_PARAM[by]}=${encodeURIComponent(row.key)}` : '';
      const res = await who.get(`/api/reports/dossiers?unit=${drillUnit}&${PERIOD}&metric=${metric}${extra}&pageSize=100`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.total, `${by}=${row.key} ${metric}`).toBe(row.counts[metric]);
      expect(body.items).toHaveLength(body.total);
    }
  }
}

describe('the periodic report', () => {
  it('counts every figure of a commune for the period, practice dossiers excluded', async () => {
    const r = await summary(c.lanhdao!, '20122', 'none');
    expect(r.unit).toEqual({ code: '20122', name: expect.stringContaining('Vinh Lộc'), kind: 'commune' });
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]!.key).toBe('all');
    expect(r.rows[0]!.counts).toEqual(VINHLOC);
    expect(r.total).toEqual(VINHLOC);
    expect(r.total.onTimeRate).toBe(0.75);
    // The balance: everything received is resolved, withdrawn, refused or still open at the end.
    const n = (k: string) => r.total[k] as number;
    expect(n('received')).toBe(n('resolved') + n('withdrawn') + n('refused') + n('inProgressWithinTime') + n('inProgressLate') + n('paused'));
  });

  it('each figure drills down to exactly its dossiers, ordered by code', async () => {
    for (const [metric, names] of Object.entries(METRIC_DOSSIERS)) {
      const res = await c.lanhdao!.get(`/api/reports/dossiers?unit=20122&${PERIOD}&metric=${metric}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.total, metric).toBe(names.length);
      expect(body.items.map((i: { code: string }) => i.code), metric).toEqual(names.map((n) => codes[n]).sort());
    }
    const paused = (await c.lanhdao!.get(`/api/reports/dossiers?unit=20122&${PERIOD}&metric=paused`)).json().items[0];
    expect(paused).toMatchObject({
      id: dossier.paused,
      unit: { code: '20122' },
      procedure: { code: B, name: expect.stringContaining('khai sinh') },
      field: 'Hộ tịch',
      channel: 'counter',
      applicantName: 'Nguyễn Thị Hương',
      receivedAt: '2026-12-08T09:00:00+07:00',
      doneAt: null,
      outcome: null,
      official: { id: ids['chuyenvien.vinhloc'], name: 'Lê Văn Minh' },
    });
    // Paging.
    const p2 = (await c.lanhdao!.get(`/api/reports/dossiers?unit=20122&${PERIOD}&metric=receivedNew&page=2&pageSize=3`)).json();
    expect(p2).toMatchObject({ total: 8, page: 2, pageSize: 3 });
    expect(p2.items.map((i: { code: string }) => i.code)).toEqual(METRIC_DOSSIERS.receivedNew!.map((n) => codes[n]).sort().slice(3, 6));
  });

  it('breaks down by field, procedure, channel, official and office, each row drilling down to its dossiers', async () => {
    const byField = await summary(c.lanhdao!, '20122', 'field');
    expect(Object.fromEntries(byField.rows.map((r) => [r.key, r.counts]))).toEqual({
      'Chứng thực': counts({ receivedNew: 6, resolvedOnTime: 1, resolvedLate: 1, inProgressWithinTime: 1, inProgressLate: 1, withdrawn: 1, refused: 1 }),
      'Hộ tịch': counts({ carriedOver: 1, receivedNew: 2, resolvedEarly: 2, paused: 1, returned: 1 }),
    });
    expect(byField.total).toEqual(VINHLOC);

    const byProcedure = await summary(c.lanhdao!, '20122', 'procedure');
    expect(byProcedure.rows.map((r) => r.key).sort()).toEqual([B, A].sort());
    expect(byProcedure.rows.find((r) => r.key === B)!.label.vi).toContain('khai sinh');
    expect(byProcedure.rows.find((r) => r.key === A)!.counts).toEqual(byField.rows.find((r) => r.key === 'Chứng thực')!.counts);
    expect(byProcedure.total).toEqual(VINHLOC);

    const byChannel = await summary(c.lanhdao!, '20122', 'channel');
    expect(Object.fromEntries(byChannel.rows.map((r) => [r.key, r.counts]))).toEqual({
      online: counts({ receivedNew: 1, inProgressWithinTime: 1 }),
      counter: counts({ carriedOver: 1, receivedNew: 7, resolvedEarly: 2, resolvedOnTime: 1, resolvedLate: 1, inProgressLate: 1, paused: 1, withdrawn: 1, refused: 1, returned: 1 }),
    });
    expect(byChannel.rows.find((r) => r.key === 'online')!.label).toEqual({ vi: 'Trực tuyến', en: 'Online' });

    const byOfficial = await summary(c.lanhdao!, '20122', 'official');
    const specialist = counts({ carriedOver: 1, receivedNew: 4, resolvedEarly: 2, resolvedOnTime: 1, resolvedLate: 1, paused: 1, returned: 1 });
    const other = counts({ receivedNew: 1, inProgressLate: 1 });
    const receiver = counts({ receivedNew: 3, inProgressWithinTime: 1, withdrawn: 1, refused: 1 });
    expect(Object.fromEntries(byOfficial.rows.map((r) => [r.key, r.counts]))).toEqual({
      [String(ids['chuyenvien.vinhloc'])]: specialist,
      [String(ids['chuyenviendd.vinhloc'])]: other,
      [String(ids['tiepnhan.vinhloc'])]: receiver,
    });
    expect(byOfficial.rows.find((r) => r.key === String(ids['chuyenvien.vinhloc']))!.label.vi).toBe('Lê Văn Minh');
    expect(byOfficial.total).toEqual(VINHLOC);

    const byOffice = await summary(c.lanhdao!, '20122', 'office');
    expect(Object.fromEntries(byOffice.rows.map((r) => [r.key, r.counts]))).toEqual({ VHXH: specialist, KT: other, TTPVHCC: receiver });
    expect(byOffice.rows.find((r) => r.key === 'KT')!.label.vi).toBe('Phòng Kinh tế');
    expect(byOffice.total).toEqual(VINHLOC);

    for (const r of [byField, byProcedure, byChannel, byOfficial, byOffice]) await expectDrillsMatch(c.lanhdao!, '20122', r.by, r.rows);
  });

  it('a province viewer reads the province by commune, every commune listed, names masked', async () => {
    const r = await summary(c.hue!, '46', 'unit');
    expect(r.unit.kind).toBe('province');
    const communes = await t.ctx.db.selectFrom('units as u').innerJoin('units as p', 'p.id', 'u.parent_id').select('u.code').where('p.code', '=', '46').where('u.merged_into_id', 'is', null).execute();
    expect(r.rows.map((x) => x.key).sort()).toEqual(communes.map((x) => x.code).sort());
    const rows = Object.fromEntries(r.rows.map((x) => [x.key, x.counts]));
    expect(rows['20122']).toEqual(VINHLOC);
    expect(rows['19942']).toEqual(PHUVANG);
    expect(rows['19885']).toEqual(ZERO);
    expect(r.total).toEqual(counts({ carriedOver: 1, receivedNew: 9, resolvedEarly: 2, resolvedOnTime: 2, resolvedLate: 1, inProgressWithinTime: 1, inProgressLate: 1, paused: 1, withdrawn: 1, refused: 1, returned: 1 }));
    expect((await summary(c.hue!, '46', 'none')).total).toEqual(r.total);
    await expectDrillsMatch(c.hue!, '46', 'unit', r.rows.filter((x) => x.key === '20122' || x.key === '19942'));
    const items = (await c.hue!.get(`/api/reports/dossiers?unit=46&${PERIOD}&metric=resolvedOnTime`)).json().items;
    expect(items.map((i: { code: string }) => i.code).sort()).toEqual([codes.onTime, codes.phuvang].sort());
    expect(items.map((i: { applicantName: string }) => i.applicantName).sort()).toEqual(['N***** T** H****', 'T*** V** B***']);
    // The trend over the same days.
    const trend = (await c.hue!.get(`/api/reports/trend?unit=46&${PERIOD}&interval=day`)).json();
    expect(trend.points.map((p: { period: string }) => p.period)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']);
    expect(trend.points.map((p: { receivedNew: number }) => p.receivedNew)).toEqual([5, 3, 0, 0, 1]);
    expect(trend.points[1]).toMatchObject({ resolvedEarly: 1, resolvedOnTime: 2, resolvedLate: 0, onTimeRate: 1 });
  });

  it('downloads the same numbers as XLSX, and the dossiers behind a figure', async () => {
    const res = await c.lanhdao!.get(`/api/reports/summary?unit=20122&${PERIOD}&by=office&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheet = Object.values(await readXlsx(res.rawPayload))[0]!;
    const header = sheet.findIndex((row) => row[0] === 'Mã');
    const json = await summary(c.lanhdao!, '20122', 'office');
    const data = sheet.slice(header + 1);
    expect(data).toHaveLength(json.rows.length + 1);
    const keys = Object.keys(ZERO);
    json.rows.forEach((row, i) => {
      expect(data[i]![0]).toBe(row.key);
      expect(keys.map((_, j) => data[i]![2 + j] ?? null)).toEqual(keys.map((k) => row.counts[k] ?? null));
    });
    expect(keys.map((_, j) => data.at(-1)![2 + j] ?? null)).toEqual(keys.map((k) => VINHLOC[k]));

    const drill = await c.lanhdao!.get(`/api/reports/dossiers?unit=20122&${PERIOD}&metric=resolved&format=xlsx`);
    expect(drill.statusCode).toBe(200);
    const rows = Object.values(await readXlsx(drill.rawPayload))[0]!;
    const h = rows.findIndex((row) => row[0] === 'Mã hồ sơ');
    expect(rows.slice(h + 1).map((row) => row[0])).toEqual(METRIC_DOSSIERS.resolved!.map((n) => codes[n]).sort());
  });

  it('prints the report as an A4 PDF with the unit and the totals', async () => {
    const res = await c.quantri!.get(`/api/reports/summary?unit=20122&${PERIOD}&by=official&format=pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await readPdf(new Uint8Array(res.rawPayload));
    expect(pdf.sizes[0]).toEqual([841.89, 595.28]);
    const text = pdf.pages.join(' ');
    expect(text).toContain('BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Xã Vinh Lộc');
    expect(text).toContain('Từ ngày 07/12/2026 đến ngày 11/12/2026');
    expect(text).toContain('Lê Văn Minh');
    expect(text).toMatch(/Tổng cộng 1 8 9 2 1 1 4 1 1 1 1 1 1 75,0%/);
  });

  it('the logbook downloads as XLSX with the printed columns', async () => {
    const res = await c.tiepnhan!.get('/api/units/20122/logbook?from=2026-12-07&to=2026-12-11&format=xlsx');
    expect(res.statusCode, res.body).toBe(200);
    const rows = Object.values(await readXlsx(res.rawPayload))[0]!;
    const h = rows.findIndex((row) => row[0] === 'STT');
    expect(rows[h]).toEqual(['STT', 'Mã hồ sơ', 'Tên TTHC', 'Số lượng hồ sơ (bộ)', 'Tên người nộp hồ sơ / Địa chỉ, số điện thoại', 'Cơ quan chủ trì giải quyết', 'Ngày nhận hồ sơ', 'Ngày hẹn trả kết quả', 'Ngày chuyển hồ sơ', 'Ngày có kết quả', 'Ngày trả kết quả', 'Ghi chú']);
    const data = rows.slice(h + 1);
    expect(data).toHaveLength(8);
    expect(data.map((r) => r[1]).sort()).toEqual(METRIC_DOSSIERS.receivedNew!.map((n) => codes[n]).sort());
    const pdf = await c.tiepnhan!.get('/api/units/20122/logbook?from=2026-12-07&to=2026-12-11');
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('refuses readers without a reporting role on the unit', async () => {
    expect((await c.chuyenvienPhuvang!.get(`/api/reports/summary?unit=20122&${PERIOD}`)).statusCode).toBe(403);
    expect((await c.lanhdaoPhuvang!.get(`/api/reports/summary?unit=20122&${PERIOD}`)).statusCode).toBe(403);
    expect((await c.lanhdaoPhuvang!.get(`/api/reports/dossiers?unit=20122&${PERIOD}&metric=paused`)).statusCode).toBe(403);
    expect((await c.lanhdao!.get(`/api/reports/summary?unit=46&${PERIOD}`)).statusCode).toBe(403);
    expect((await c.chuyenvien!.get(`/api/reports/summary?unit=20122&${PERIOD}`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/reports/summary?unit=20122&${PERIOD}`)).statusCode).toBe(401);
    expect((await c.admin!.get(`/api/reports/summary?unit=20122&${PERIOD}`)).json().total).toEqual(VINHLOC);
    expect((await c.truongphong!.get(`/api/reports/trend?unit=20122&${PERIOD}&interval=month`)).json().points).toEqual([
      { period: '2026-12', receivedNew: 8, resolvedEarly: 2, resolvedOnTime: 1, resolvedLate: 1, onTimeRate: 0.75 },
    ]);
  });

  it('answers 400 for bad periods and metrics, 404 for an unknown unit', async () => {
    const bad = async (url: string, field: string) => {
      const res = await c.lanhdao!.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain(field);
    };
    await bad('/api/reports/summary?unit=20122&from=2026-12-11&to=2026-12-07', 'querystring.to'); // the end before the start: the end is named, as on every report route
    await bad('/api/reports/summary?unit=20122&from=2026-02-30&to=2026-12-07', 'from');
    await bad('/api/reports/summary?unit=20122&from=2026-12-01&to=12/12/2026', 'to');
    await bad('/api/reports/summary?unit=20122&from=2020-01-01&to=2026-12-07', 'to');
    await bad(`/api/reports/summary?unit=20122&${PERIOD}&by=colour`, 'by');
    await bad(`/api/reports/dossiers?unit=20122&${PERIOD}&metric=lost`, 'metric');
    const missing = await c.lanhdao!.get(`/api/reports/summary?unit=99999&${PERIOD}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message.vi).toContain('99999');
  });
});
