import { beforeAll, describe, expect, it } from 'vitest';
import { renderLogbook } from './logbook.js';
import { readMetadata, readPdf, type ReadPdf } from './pdf-testing.js';
import { logbook } from './test-fixtures.js';

const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
const ROWS = 520;

describe('renderLogbook (Sổ theo dõi hồ sơ) with 520 entries', () => {
  let pdf: ReadPdf;
  let bytes: Uint8Array;
  const data = logbook(ROWS);

  beforeAll(async () => {
    bytes = await renderLogbook(data);
    pdf = await readPdf(bytes);
  });

  it('runs to many A4 landscape pages', () => {
    expect(pdf.pages.length).toBeGreaterThan(10);
    expect(new Set(pdf.sizes.map((s) => s.join('x')))).toEqual(new Set([A4_LANDSCAPE.join('x')]));
  });

  it('prints the title and period on the first page', () => {
    expect(pdf.pages[0]).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pdf.pages[0]).toContain('Quyển số: 01/2026');
    expect(pdf.pages[0]).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
  });

  it('repeats the column header on every page and numbers every page "Trang i/n"', () => {
    const n = pdf.pages.length;
    pdf.pages.forEach((page, i) => {
      for (const header of ['STT', 'Mã hồ sơ', 'Tên TTHC', 'Số lượng hồ sơ (bộ)', 'Cơ quan chủ trì giải quyết', 'Ngày nhận hồ sơ', 'Ngày hẹn trả kết quả', 'Ngày có kết quả', 'Ngày trả kết quả', 'Ghi chú']) {
        expect(page, `page ${i + 1}`).toContain(header);
      }
      expect(page).toContain(`Trang ${i + 1}/${n}`);
    });
    expect(pdf.pages.at(-1)).toContain(`Trang ${n}/${n}`);
  });

  it('prints every entry exactly once, in order, without splitting a row across pages', () => {
    const all = pdf.pages.join(' ');
    let from = 0;
    for (const entry of data.entries) {
      const at = all.indexOf(entry.dossierCode, from);
      expect(at, entry.dossierCode).toBeGreaterThanOrEqual(0);
      expect(all.indexOf(entry.dossierCode, at + 1), `${entry.dossierCode} printed twice`).toBe(-1);
      from = at;
    }
    // Each row is whole on one page: its code and its applicant's phone are on the same page.
    for (const entry of data.entries) {
      const page = pdf.pages.find((p) => p.includes(entry.dossierCode))!;
      expect(page).toContain(entry.applicant.phone!);
    }
    expect(pdf.pages.at(-1)).toMatch(new RegExp(`\\b${ROWS}\\b`));
  });

  it('prints dates in Vietnam time and the on-time note', () => {
    // Entry 1: received 08:00 02/11/2026, due 05/11, transferred 08:30, result 04/11 08:00, returned 09:00.
    expect(pdf.pages[0]).toContain('000.00.46.H57-261102-0001 Thủ tục đăng ký khai sinh 01 Nguyễn Thị Hương');
    expect(pdf.pages[0]).toContain('02/11/2026 08:00 05/11/2026 08:00 02/11/2026 08:30 04/11/2026 08:00 04/11/2026 09:00 Trước hạn');
    expect(pdf.pages.join(' ')).toContain('Đang xử lý');
  });

  it('carries the metadata', async () => {
    expect(await readMetadata(bytes)).toMatchObject({ author: 'Trung tâm Phục vụ hành chính công', creator: 'MotCua', language: 'vi' });
  });
});
