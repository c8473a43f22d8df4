// The forms a dossier produces, fetched over HTTP as PDF and read back as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../test/app.js';
import { readPdf, qrMatricesOnPage } from '../forms/pdf-testing.js';
import { decodeQr } from '../forms/qr-decode.js';

let t: TestApp;
let officer: TestClient;
let leader: TestClient;
let specialist: TestClient;
let receivedCode = '';
let receivedId = 0;

const pdfOf = async (c: TestClient, url: string) => {
  const res = await c.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  return readPdf(new Uint8Array(res.rawPayload));
};
const text = (p: Awaited<ReturnType<typeof readPdf>>) => p.pages.join(' ');

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-20T08:37:00+07:00' });
  officer = await t.login('tiepnhan.vinhloc');
  leader = await t.login('lanhdao.vinhloc');
  specialist = await t.login('chuyenvien.vinhloc');
  const res = await officer.post('/api/dossiers', {
    procedureCode: '1.003583',
    applicant: { name: 'Phạm Văn Đức', phone: '0905123456', address: 'Thôn Hòa Duân, xã Vinh Lộc' },
    components: ['c1-ba3109', 'c2-fb2596', 'c5-9e70d7', 'c6-85a38b'].map((key) => ({ key })),
  });
  ({ id: receivedId, code: receivedCode } = res.json());
});
afterAll(async () => t?.close());

describe('printed forms', () => {
  it('01 receipt: code, applicant, procedure, components, received and due times, and a QR to the status page', async () => {
    const res = await officer.get(`/api/dossiers/${receivedId}/forms/receipt`);
    const pdf = await readPdf(new Uint8Array(res.rawPayload));
    const s = text(pdf);
    expect(s).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(s).toContain(receivedCode);
    expect(s).toContain('Phạm Văn Đức');
    expect(s).toContain('Thủ tục đăng ký khai sinh lưu động');
    expect(s).toContain('Tờ khai đăng ký khai sinh theo mẫu');
    expect(s).toContain('UBND XÃ VINH LỘC');
    // Friday 20/11/2026 08:37 + 5 working days (23, 25, 26, 27, 30/11 — 24/11 is a holiday): Monday 30/11 08:37.
    expect(s).toMatch(/08 giờ 37 phút, ngày 20\/11\/2026/);
    expect(s).toMatch(/08 giờ 37 phút, ngày 30\/11\/2026/);
    expect(pdf.sizes[0]).toEqual([419.53, 595.28]);
    const [qr] = await qrMatricesOnPage(new Uint8Array(res.rawPayload));
    expect(decodeQr(qr!)).toBe(`http://motcua.test/tra-cuu/${encodeURIComponent(receivedCode)}`);
  });

  it('02 supplement request lists every missing item with the reason', async () => {
    await officer.post(`/api/dossiers/${receivedId}/actions/forward`, {});
    const head = await t.login('truongphong.vinhloc');
    const sid = (await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'chuyenvien.vinhloc').executeTakeFirstOrThrow()).id;
    await head.post(`/api/dossiers/${receivedId}/actions/assign`, { assigneeId: sid });
    const r = await specialist.post(`/api/dossiers/${receivedId}/actions/request_supplement`, {
      missing: [{ componentKey: 'c7-adfff3', requirement: 'Bản sao có chứng thực' }, { name: 'Giấy xác nhận tình trạng hôn nhân' }],
      reason: 'Không khai thác được dữ liệu cư trú',
    });
    expect(r.statusCode, r.body).toBe(200);
    const s = text(await pdfOf(officer, `/api/dossiers/${receivedId}/forms/supplement-request`));
    expect(s).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(s).toContain('Giấy xác nhận tình trạng hôn nhân');
    expect(s).toContain('Giấy tờ có giá trị chứng minh thông tin về cư trú');
    expect(s).toContain('Không khai thác được dữ liệu cư trú');
    expect(s).toContain('Lê Văn Minh');
  });

  it('04 apology and new date after an extension; the control sheet lists the hand-overs', async () => {
    t.clock.set('2026-11-23T09:00:00+07:00');
    await officer.post(`/api/dossiers/${receivedId}/actions/receive_supplement`, { components: ['c7-adfff3'] });
    const ext = await leader.post(`/api/dossiers/${receivedId}/actions/extend`, { newDueAt: '2026-12-07T10:00:00+07:00', reason: 'Chờ kết quả xác minh của Công an xã' });
    expect(ext.statusCode, ext.body).toBe(200);
    const apology = text(await pdfOf(officer, `/api/dossiers/${receivedId}/forms/apology`));
    expect(apology).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(apology).toContain('Chờ kết quả xác minh của Công an xã');
    expect(apology).toContain('07/12/2026');
    expect(apology).toContain('Hoàng Đức Thắng');
    const sheet = text(await pdfOf(officer, `/api/dossiers/${receivedId}/forms/control-sheet`));
    expect(sheet).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(sheet).toContain('Tiếp nhận hồ sơ');
    expect(sheet).toContain('Thẩm định, xử lý');
    expect(sheet).toContain('Trần Thị Thu');
  });

  it('03 refusal with the reason', async () => {
    const res = await officer.post('/api/dossiers', {
      procedureCode: '2.000908',
      applicant: { name: 'Trương Thị Bích' },
      decision: 'refuse',
      reason: 'Yêu cầu cấp bản sao không thuộc thẩm quyền của UBND xã',
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = text(await pdfOf(officer, `/api/dossiers/${res.json().id}/forms/refusal`));
    expect(s).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN');
    expect(s).toContain('Yêu cầu cấp bản sao không thuộc thẩm quyền của UBND xã');
    expect(s).toContain('Trương Thị Bích');
  });

  it('a form that does not apply is a 422, and an official of another commune gets 403', async () => {
    const res = await officer.post('/api/dossiers', { procedureCode: '2.000908', applicant: { name: 'Lê Thị Na' }, components: [{ key: 'c1-7d4524' }] });
    const id = res.json().id;
    expect((await officer.get(`/api/dossiers/${id}/forms/apology`)).statusCode).toBe(422);
    const other = await t.login('tiepnhan.phuvang');
    expect((await other.get(`/api/dossiers/${id}/forms/receipt`)).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/dossiers/${id}/forms/receipt`)).statusCode).toBe(401);
  });

  it('the logbook of the period lists the dossiers received', async () => {
    const pdf = await pdfOf(officer, '/api/units/20122/logbook?from=2026-11-01&to=2026-11-30');
    const s = text(pdf);
    expect(s).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(s).toContain(receivedCode);
    expect(s).toContain('Phạm Văn Đức');
    expect(pdf.sizes[0]![0]).toBeGreaterThan(pdf.sizes[0]![1]);
    const bad = await officer.get('/api/units/20122/logbook?from=2026-11-30&to=2026-11-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('to');
    expect((await (await t.login('tiepnhan.phuvang')).get('/api/units/20122/logbook?from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
  });
});
