// Mẫu 06: Sổ theo dõi hồ sơ, the register of every dossier received in a period, on A4 landscape.
// Runs to many pages: the column header is repeated on each page and every page is numbered.

import { createForm, drawStandardHeader, drawTitle, finishForm } from './document.js';
import { formatClock, formatCount, formatDate } from './format.js';
import { formKindInfo } from './kinds.js';
import { bold, type Rich, type Run } from './layout.js';
import { drawTable, type Column } from './table.js';
import { TIMELINESS_LABELS, type Applicant, type FormBase, type Timeliness } from './types.js';

export interface LogbookEntry {
  /** STT; defaults to the position in `entries`, starting at 1. */
  sequence?: number;
  dossierCode: string;
  procedureName: string;
  /** Số lượng hồ sơ, in sets (bộ). */
  setCount: number;
  applicant: Applicant;
  /** Cơ quan chủ trì giải quyết. */
  leadAgency: string;
  receivedAt: Date;
  dueAt: Date;
  transferredAt?: Date;
  resultAt?: Date;
  returnedAt?: Date;
  timeliness?: Timeliness;
  note?: string;
}

export interface LogbookData extends FormBase {
  /** First day of the period. */
  periodStart: Date;
  /** Last day of the period, inclusive. */
  periodEnd: Date;
  /** Quyển số: the paper logbook is opened per year and numbered continuously. */
  volume?: string;
  entries: readonly LogbookEntry[];
}

export const LOGBOOK_COLUMNS: readonly Column[] = [
  { header: 'STT', weight: 3.4, align: 'center' },
  { header: 'Mã hồ sơ', weight: 13.6 },
  { header: 'Tên TTHC', weight: 13 },
  { header: 'Số lượng hồ sơ (bộ)', weight: 4.8, align: 'center' },
  { header: 'Tên người nộp hồ sơ / Địa chỉ, số điện thoại', weight: 14.5 },
  { header: 'Cơ quan chủ trì giải quyết', weight: 9.5 },
  { header: 'Ngày nhận hồ sơ', weight: 6.4, align: 'center' },
  { header: 'Ngày hẹn trả kết quả', weight: 6.4, align: 'center' },
  { header: 'Ngày chuyển hồ sơ', weight: 6.4, align: 'center' },
  { header: 'Ngày có kết quả', weight: 6.4, align: 'center' },
  { header: 'Ngày trả kết quả', weight: 6.4, align: 'center' },
  { header: 'Ghi chú', weight: 8.2 },
];

export async function renderLogbook(data: LogbookData): Promise<Uint8Array> {
  const period = `Từ ngày ${formatDate(data.periodStart)} đến ngày ${formatDate(data.periodEnd)}`;
  const layout = await createForm({ kind: 'logbook', unit: data.unit, titleSuffix: period.toLocaleLowerCase('vi'), issuedAt: data.issuedAt });
  drawStandardHeader(layout, data.unit, { issuedAt: data.issuedAt, size: 11 });
  drawTitle(layout, formKindInfo('logbook').titleVi, ...(data.volume ? [`Quyển số: ${data.volume}`] : []), [{ text: period, style: 'italic' }]);

  const rows = data.entries.map((entry, i) => entryRow(entry, i));
  drawTable(layout, LOGBOOK_COLUMNS, rows, { size: 8, headerSize: 8 });
  return finishForm(layout, { alwaysNumberPages: true });
}

function entryRow(e: LogbookEntry, index: number): Rich[] {
  const applicant: Run[] = [bold(e.applicant.name)];
  const contact = [e.applicant.address, e.applicant.phone].filter((s) => s && s.trim() !== '').join('\n');
  if (contact) applicant.push({ text: `\n${contact}` });
  const note = [e.timeliness ? TIMELINESS_LABELS[e.timeliness] : undefined, e.note].filter(Boolean).join('. ');
  return [
    String(e.sequence ?? index + 1),
    e.dossierCode,
    e.procedureName,
    formatCount(e.setCount),
    applicant,
    e.leadAgency,
    dateCell(e.receivedAt),
    dateCell(e.dueAt),
    dateCell(e.transferredAt),
    dateCell(e.resultAt),
    dateCell(e.returnedAt),
    note,
  ];
}

/** "20/11/2026" over "08:37", in Vietnam time. */
function dateCell(date: Date | undefined): string {
  return date ? `${formatDate(date)}\n${formatClock(date)}` : '';
}
