// The periodic report printed on A4 (landscape): the standard header, the title, the unit and period, and the
// breakdown table with its totals, drawn with the forms module's building blocks (Liberation Serif).
import { PageSizes, PDFDocument } from 'pdf-lib';
import { unitHeader } from '../dossiers/forms.js';
import { drawStandardHeader, drawTitle, finishForm } from '../forms/document.js';
import { embedFonts } from '../forms/fonts.js';
import { formatDate } from '../forms/format.js';
import { bold, Layout, type Rich } from '../forms/layout.js';
import { drawTable, type Column } from '../forms/table.js';
import type { XlsxColumn } from '../../lib/xlsx.js';
import type { Counts, ReportSummary, SummaryRow } from './summary.js';
import { localMidnight } from './period.js';

export const REPORT_TITLE = 'Báo cáo tình hình giải quyết hồ sơ';

const BY_HEADERS: Record<ReportSummary['by'], string> = {
  none: 'Đơn vị',
  unit: 'Xã, phường',
  field: 'Lĩnh vực',
  procedure: 'Thủ tục hành chính',
  channel: 'Hình thức nộp',
  office: 'Phòng chuyên môn',
  official: 'Cán bộ xử lý',
};

/** The figures of a row, in print order: header, group header, the figure. */
export const COUNT_COLUMNS: ReadonlyArray<{ header: string; group?: string; value: (c: Counts) => number | null; rate?: boolean }> = [
  { header: 'Kỳ trước chuyển qua', group: 'Số hồ sơ nhận', value: (c) => c.carriedOver },
  { header: 'Mới tiếp nhận', group: 'Số hồ sơ nhận', value: (c) => c.receivedNew },
  { header: 'Tổng số', group: 'Số hồ sơ nhận', value: (c) => c.received },
  { header: 'Trước hạn', group: 'Đã giải quyết', value: (c) => c.resolvedEarly },
  { header: 'Đúng hạn', group: 'Đã giải quyết', value: (c) => c.resolvedOnTime },
  { header: 'Quá hạn', group: 'Đã giải quyết', value: (c) => c.resolvedLate },
  { header: 'Tổng số', group: 'Đã giải quyết', value: (c) => c.resolved },
  { header: 'Trong hạn', group: 'Đang giải quyết', value: (c) => c.inProgressWithinTime },
  { header: 'Quá hạn', group: 'Đang giải quyết', value: (c) => c.inProgressLate },
  { header: 'Tạm dừng', value: (c) => c.paused },
  { header: 'Rút hồ sơ', value: (c) => c.withdrawn },
  { header: 'Từ chối', value: (c) => c.refused },
  { header: 'Đã trả kết quả', value: (c) => c.returned },
  { header: 'Tỷ lệ đúng hạn', value: (c) => c.onTimeRate, rate: true },
];

const percent = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1).replace('.', ',')}%`);
const integer = (v: number): string => v.toLocaleString('vi-VN');

/** "Từ ngày 01/11/2026 đến ngày 30/11/2026". */
export function periodLine(from: string, to: string): string {
  return `Từ ngày ${formatDate(localMidnight(from))} đến ngày ${formatDate(localMidnight(to))}`;
}

/** The XLSX columns of the summary: the same as the printed table (a flat header "group – figure"). */
export function summaryXlsxColumns(by: ReportSummary['by']): Array<XlsxColumn<SummaryRow>> {
  return [
    { header: 'Mã', value: (r) => r.key, width: 12 },
    { header: BY_HEADERS[by], value: (r) => r.label.vi, width: 40 },
    ...COUNT_COLUMNS.map(
      (c): XlsxColumn<SummaryRow> => ({
        header: c.group ? `${c.group} - ${c.header}` : c.header,
        value: (r) => c.value(r.counts),
        format: c.rate ? 'percent' : 'integer',
        width: 14,
      }),
    ),
  ];
}

export async function renderSummaryPdf(report: ReportSummary, issuedAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`${REPORT_TITLE} - ${report.unit.name}`, { showInWindowTitleBar: true });
  doc.setSubject('Periodic report on dossier processing');
  doc.setAuthor(report.unit.name.normalize('NFC'));
  doc.setCreator('MotCua');
  doc.setProducer('MotCua (pdf-lib)');
  doc.setLanguage('vi');
  doc.setCreationDate(issuedAt);
  doc.setModificationDate(issuedAt);
  const layout = new Layout(doc, await embedFonts(doc), [PageSizes.A4[1], PageSizes.A4[0]], { top: 34, right: 30, bottom: 38, left: 34 }, 9);

  const header =
    report.unit.kind === 'province'
      ? { unitName: `UBND ${report.unit.name}`, placeName: report.unit.name.replace(/^(Tỉnh|Thành phố)\s+/u, '') }
      : unitHeader(report.unit.name);
  drawStandardHeader(layout, header, { issuedAt, size: 10 });
  drawTitle(layout, REPORT_TITLE.toLocaleUpperCase('vi'), [bold(`Đơn vị: ${report.unit.name}`)], [{ text: periodLine(report.from, report.to), style: 'italic' }]);

  const columns: Column[] = [
    { header: 'STT', weight: 3, align: 'center' },
    { header: BY_HEADERS[report.by], weight: 18 },
    ...COUNT_COLUMNS.map((c): Column => ({ header: c.header, weight: c.rate ? 5.5 : 5, align: 'right', ...(c.group ? { group: c.group } : {}) })),
  ];
  const cells = (counts: Counts): string[] => COUNT_COLUMNS.map((c) => (c.rate ? percent(c.value(counts)) : integer(c.value(counts) ?? 0)));
  const rows: Rich[][] = report.rows.map((r, i) => [String(i + 1), r.label.vi, ...cells(r.counts)]);
  rows.push(['', [bold('Tổng cộng')], ...cells(report.total).map((s) => [bold(s)])]);
  drawTable(layout, columns, rows, { size: 8, headerSize: 8 });
  layout.gap(8);
  layout.text(
    'Ghi chú: "Kỳ trước chuyển qua" là hồ sơ tiếp nhận trước kỳ, chưa giải quyết xong khi bắt đầu kỳ; "Đang giải quyết" và "Tạm dừng" tính tại thời điểm cuối kỳ.',
    { size: 8, style: 'italic' },
  );
  return finishForm(layout, { alwaysNumberPages: true });
}
