import { describe, expect, it } from 'vitest';
import { FORM_KINDS, renderApology, renderControlSheet, renderReceipt, renderRefusal, renderSupplementRequest } from './index.js';
import { qrMatricesOnPage, readMetadata, readPdf } from './pdf-testing.js';
import { decodeQr } from './qr-decode.js';
import { APOLOGY, CONTROL_SHEET, DOSSIER_CODE, RECEIPT, REFUSAL, STATUS_URL, SUPPLEMENT_REQUEST, UNIT } from './test-fixtures.js';

const A5: [number, number] = [419.53, 595.28];
const HEADER = ['UBND XÃ VINH LỘC', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

async function text(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).pages.join(' ');
}

function expectAll(haystack: string, needles: readonly string[]): void {
  expect(needles.filter((n) => !haystack.includes(n))).toEqual([]);
}

describe('renderReceipt (Mẫu 01)', () => {
  it('prints the header, code, applicant, procedure, components and times in Vietnam time', async () => {
    const bytes = await renderReceipt(RECEIPT);
    const all = await text(bytes);
    expectAll(all, [
      ...HEADER,
      'Vinh Lộc, ngày 20 tháng 11 năm 2026', // the date line defaults to the receipt time
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${DOSSIER_CODE}`,
      '(Liên 2: Giao người nộp hồ sơ)',
      'Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của: Nguyễn Thị Hương',
      'Địa chỉ: Thôn Phú Xuân, xã Vinh Lộc, thành phố Huế',
      'Số điện thoại: 0912 345 678',
      'Email: huong.nguyen@example.vn',
      'Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh',
      '1. Thành phần hồ sơ nộp gồm:',
      '1) Tờ khai đăng ký khai sinh (theo mẫu) (01 bản chính)',
      '(01 bản chính, 01 bản sao)',
      '2. Số lượng hồ sơ: 01 (bộ)',
      '3. Thời gian giải quyết hồ sơ theo quy định: 03 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 08 giờ 37 phút, ngày 20/11/2026',
      '5. Thời gian trả kết quả giải quyết hồ sơ: 08 giờ 37 phút, ngày 25/11/2026',
      '6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Vinh Lộc',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 01 Số thứ tự: 0001',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Bình',
    ]);
    expect(all.toLocaleLowerCase('vi')).toContain('đăng ký khai sinh');
    // The URL is printed under the QR code, broken over lines at "/", "-", "." and "?".
    expect(all.replace(/\s/g, '')).toContain(STATUS_URL);
  });

  it('rejects a status URL that is not an absolute http(s) URL', async () => {
    await expect(renderReceipt({ ...RECEIPT, statusUrl: '/tra-cuu/0001' })).rejects.toMatchObject({ status: 400, extra: { field: 'statusUrl' } });
  });

  it('draws a QR code that decodes to the status URL', async () => {
    const matrices = await qrMatricesOnPage(await renderReceipt(RECEIPT));
    expect(matrices).toHaveLength(1);
    expect(decodeQr(matrices[0]!)).toBe(STATUS_URL);
  });

  it('is one A5 page with the expected metadata', async () => {
    const bytes = await renderReceipt(RECEIPT);
    expect((await readPdf(bytes)).sizes).toEqual([A5]);
    expect(await readMetadata(bytes)).toEqual({
      title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${DOSSIER_CODE}`,
      author: UNIT.unitName,
      creator: 'MotCua',
      language: 'vi',
    });
  });

  it('prints dotted blanks, not "undefined", for missing optional data, and flows a long list onto a second page', async () => {
    const components = Array.from({ length: 30 }, (_, i) => ({ name: `Giấy tờ số ${i + 1} về việc xác nhận nơi cư trú`, originals: 1, copies: i % 2 }));
    const { logbookVolume: _v, logbookEntry: _e, copyLabel: _c, ...rest } = RECEIPT;
    const bytes = await renderReceipt({ ...rest, applicant: { name: 'Lê Văn Tám' }, components });
    const { pages, sizes } = await readPdf(bytes);
    expect(sizes).toEqual([A5, A5]);
    expect(pages.join(' ')).not.toMatch(/undefined|NaN/);
    expect(pages[1]).toContain('Giấy tờ số 30 về việc xác nhận nơi cư trú');
    expect(pages[0]).toContain('Trang 1/2');
    expect(pages[1]).toContain('Trang 2/2');
    expect(pages[1]).toContain('NGƯỜI TIẾP NHẬN HỒ SƠ');
  });
});

describe('renderSupplementRequest (Mẫu 02)', () => {
  it('lists every item in the table and says the guidance is complete', async () => {
    const bytes = await renderSupplementRequest(SUPPLEMENT_REQUEST);
    const { pages, sizes } = await readPdf(bytes);
    expect(sizes).toEqual([A5]);
    expectAll(pages[0]!, [
      ...HEADER,
      'Số: 15/PYCBS',
      'Vinh Lộc, ngày 20 tháng 11 năm 2026',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Mã hồ sơ: ${DOSSIER_CODE}`,
      'tiếp nhận hồ sơ của: Nguyễn Thị Hương',
      'Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh',
      'TT', 'Thành phần hồ sơ', 'Số lượng', 'Bản chính', 'Bản chứng thực', 'Bản photo', 'Lý do / yêu cầu',
      'Tờ khai đăng ký khai sinh (theo mẫu)',
      'Bản đã nộp bị mờ, không đọc được số giấy; nộp lại bản chính.',
      'Bổ sung văn bản ủy quyền đã được chứng thực.',
      'Lý do: Hồ sơ chưa đầy đủ, chưa hợp lệ theo quy định tại Luật Hộ tịch năm 2014.',
      'hướng dẫn một lần, đầy đủ',
      'Ông/Bà liên hệ Trần Văn Bình, số điện thoại 0234 3861 234, email motcua.vinhloc@hue.gov.vn để được hướng dẫn.',
      'NGƯỜI HƯỚNG DẪN',
    ]);
  });
});

describe('renderRefusal (Mẫu 03)', () => {
  it('prints the applicant, the procedure and the reason', async () => {
    const all = await text(await renderRefusal(REFUSAL));
    expectAll(all, [
      ...HEADER,
      'Số: 03/PTC',
      'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ',
      'tiếp nhận hồ sơ của: Nguyễn Thị Hương',
      'Nội dung yêu cầu giải quyết: Thủ tục đăng ký khai sinh',
      'không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      REFUSAL.reason,
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Văn Bình',
    ]);
  });

  it('refuses to print a refusal without a reason', async () => {
    await expect(renderRefusal({ ...REFUSAL, reason: '  ' })).rejects.toMatchObject({ status: 400, extra: { field: 'reason' } });
  });

  it('leaves the date line blank for hand filling when no issue date is given', async () => {
    const { issuedAt: _drop, ...undated } = REFUSAL;
    expect(await text(await renderRefusal(undated))).toContain('Vinh Lộc, ngày …… tháng …… năm ………');
  });
});

describe('renderApology (Mẫu 04)', () => {
  it('prints the original and new dates, the reason and the apology, signed by the head', async () => {
    const all = await text(await renderApology(APOLOGY));
    expectAll(all, [
      ...HEADER,
      'Vinh Lộc, ngày 24 tháng 11 năm 2026',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${DOSSIER_CODE}`,
      'Ngày 20/11/2026, Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của: Nguyễn Thị Hương',
      'Thời gian hẹn trả kết quả giải quyết hồ sơ: 08 giờ 37 phút, ngày 25/11/2026.',
      'Lý do: Cần xác minh thông tin nơi cư trú của người mẹ với Công an xã Vinh Lộc.',
      'xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào: 14 giờ 00 phút, ngày 27/11/2026.',
      'GIÁM ĐỐC',
      '(Ký, ghi rõ họ tên và đóng dấu)',
      'Lê Văn Minh',
    ]);
  });
});

describe('renderControlSheet (Mẫu 05)', () => {
  it('prints each hand-over with times, people, result and time used against time allotted', async () => {
    const { pages, sizes } = await readPdf(await renderControlSheet(CONTROL_SHEET));
    expect(sizes).toEqual([A5]);
    expectAll(pages[0]!, [
      ...HEADER,
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      `Mã hồ sơ: ${DOSSIER_CODE}`,
      '(Kèm theo hồ sơ của: Nguyễn Thị Hương)',
      'Thời gian nhận hồ sơ: 08 giờ 37 phút, ngày 20/11/2026',
      'Thời gian hẹn trả kết quả: 08 giờ 37 phút, ngày 25/11/2026',
      'TÊN CƠ QUAN / BƯỚC', 'THỜI GIAN GIAO, NHẬN HỒ SƠ', 'NGƯỜI GIAO', 'NGƯỜI NHẬN', 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ', 'GHI CHÚ',
      '1. Tiếp nhận và chuyển hồ sơ',
      'Giao: Bộ phận Một cửa',
      'Nhận: Công chức Tư pháp - Hộ tịch',
      '09 giờ 05 phút, ngày 20/11/2026',
      '15 giờ 35 phút, ngày 21/11/2026',
      'Phạm Thị Lan', 'Hoàng Đức Thắng',
      'Trước hạn', '28 phút / 4 giờ làm việc',
      'Đúng hạn', '6 giờ 30 phút / 1 ngày làm việc',
      'Đã xác minh nơi cư trú',
      '3. Ký duyệt kết quả',
      '… giờ … phút, ngày …/…/……', // a hand-over still to come
    ]);
    expect(pages[0]!.split('Quá hạn')).toHaveLength(2); // only in the column header
  });

  it('continues the table on a new A5 page with its header when there are many hand-overs', async () => {
    const handovers = Array.from({ length: 14 }, (_, i) => ({ ...CONTROL_SHEET.handovers[1]!, step: `Bước xử lý số ${i + 1}` }));
    const { pages, sizes } = await readPdf(await renderControlSheet({ ...CONTROL_SHEET, handovers }));
    expect(sizes.length).toBeGreaterThan(1);
    for (const page of pages.slice(1)) expect(page).toContain('TÊN CƠ QUAN / BƯỚC');
    expect(pages.at(-1)).toContain('14. Bước xử lý số 14');
  });
});

describe('FORM_KINDS', () => {
  it('names the six forms in Vietnamese and English, with their paper format', () => {
    expect(FORM_KINDS.map((k) => [k.kind, k.formNumber, k.pageFormat])).toEqual([
      ['receipt', '01', 'A5'],
      ['supplement-request', '02', 'A5'],
      ['refusal', '03', 'A5'],
      ['apology', '04', 'A5'],
      ['control-sheet', '05', 'A5'],
      ['logbook', '06', 'A4-landscape'],
    ]);
    for (const kind of FORM_KINDS) {
      expect(kind.titleVi).toBe(kind.titleVi.toLocaleUpperCase('vi'));
      expect(kind.titleEn).toMatch(/^[A-Z][a-z]/);
    }
  });
});
