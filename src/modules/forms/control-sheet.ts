// Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ. It travels with the paper dossier; each
// hand-over between offices is one row, with the step judged early / on time / late against the
// time it was allotted.

import { createForm, drawStandardHeader, drawTitle, finishForm } from './document.js';
import { BLANK_DATE_TIME, formatDateTime, formatDuration, formatTimeLimit } from './format.js';
import { formKindInfo } from './kinds.js';
import { bold, type Rich, type Run } from './layout.js';
import { drawTable, type Column } from './table.js';
import { TIMELINESS_LABELS, type FormBase, type TimeLimit, type Timeliness } from './types.js';

export interface Handover {
  /** Step name, e.g. "Thẩm định hồ sơ". */
  step: string;
  /** Giving unit or office (Giao). */
  from: string;
  /** Receiving unit or office (Nhận). */
  to: string;
  /** Absent for a hand-over that has not happened yet: a blank to fill by hand is printed. */
  handedOverAt?: Date;
  giverName?: string;
  receiverName?: string;
  timeliness?: Timeliness;
  /** Working time the step took, in minutes. */
  timeSpentMinutes?: number;
  /** Time the step was allowed. */
  allotted?: TimeLimit;
  note?: string;
}

export interface ControlSheetData extends FormBase {
  dossierCode: string;
  /** "Kèm theo hồ sơ của": the applicant's name. */
  applicantName: string;
  procedureName?: string;
  /** Cơ quan (bộ phận) giải quyết hồ sơ. */
  leadAgency?: string;
  /** Cơ quan phối hợp giải quyết hồ sơ. */
  coordinatingAgencies?: readonly string[];
  receivedAt: Date;
  dueAt: Date;
  handovers: readonly Handover[];
}

const COLUMNS: readonly Column[] = [
  { header: 'TÊN CƠ QUAN / BƯỚC', weight: 26 },
  { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', weight: 17, align: 'center' },
  { header: 'NGƯỜI GIAO', weight: 13, align: 'center' },
  { header: 'NGƯỜI NHẬN', weight: 13, align: 'center' },
  { header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn / Đúng hạn / Quá hạn)', weight: 18, align: 'center' },
  { header: 'GHI CHÚ', weight: 13 },
];

export async function renderControlSheet(data: ControlSheetData): Promise<Uint8Array> {
  const layout = await createForm({ kind: 'control-sheet', unit: data.unit, titleSuffix: data.dossierCode, issuedAt: data.issuedAt });
  drawStandardHeader(layout, data.unit, { issuedAt: data.issuedAt });
  drawTitle(layout, formKindInfo('control-sheet').titleVi, [{ text: 'Mã hồ sơ: ' }, bold(data.dossierCode)], [
    { text: `(Kèm theo hồ sơ của: ${data.applicantName})`, style: 'italic' },
  ]);

  const line = (runs: Run[]): void => layout.text(runs, { spaceAfter: 1.5 });
  if (data.procedureName) line([{ text: 'Nội dung yêu cầu giải quyết: ' }, bold(data.procedureName)]);
  if (data.leadAgency) line([{ text: 'Cơ quan (bộ phận) giải quyết hồ sơ: ' }, bold(data.leadAgency)]);
  if (data.coordinatingAgencies?.length) line([{ text: 'Cơ quan phối hợp giải quyết hồ sơ: ' }, bold(data.coordinatingAgencies.join('; '))]);
  line([{ text: 'Thời gian nhận hồ sơ: ' }, bold(formatDateTime(data.receivedAt))]);
  line([{ text: 'Thời gian hẹn trả kết quả: ' }, bold(formatDateTime(data.dueAt))]);
  layout.gap(4);

  drawTable(layout, COLUMNS, data.handovers.map(handoverRow), { size: layout.baseSize * 0.75, headerSize: layout.baseSize * 0.7 });
  return finishForm(layout);
}

function handoverRow(h: Handover, index: number): Rich[] {
  return [
    [bold(`${index + 1}. ${h.step}`), { text: `\nGiao: ${h.from}\nNhận: ${h.to}` }],
    // On two lines, "08 giờ 37 phút," over "ngày 20/11/2026", so the narrow column breaks cleanly.
    (h.handedOverAt ? formatDateTime(h.handedOverAt) : BLANK_DATE_TIME).replace(', ngày', ',\nngày'),
    h.giverName ?? '',
    h.receiverName ?? '',
    resultCell(h),
    h.note ?? '',
  ];
}

/** "Đúng hạn" and, when known, "6 giờ 30 phút / 1 ngày làm việc" (time spent / time allotted). */
function resultCell(h: Handover): Rich {
  const runs: Run[] = [];
  if (h.timeliness) runs.push(bold(TIMELINESS_LABELS[h.timeliness]));
  const spent = h.timeSpentMinutes === undefined ? undefined : formatDuration(h.timeSpentMinutes);
  const allotted = h.allotted ? formatTimeLimit(h.allotted, { pad: false }) : undefined;
  const usage = spent && allotted ? `${spent} / ${allotted}` : (spent ?? allotted);
  if (usage) runs.push({ text: `${runs.length ? '\n' : ''}${usage}` });
  return runs;
}
