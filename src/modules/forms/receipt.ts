// Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả, the receipt given to the applicant when a
// complete dossier is received, with a QR code to the public tracking page.

import { badInput } from '../../errors.js';
import { createForm, drawSignatures, drawStandardHeader, drawTitle, field, finishForm, SIGN_HINT } from './document.js';
import { formatCount, formatDateTime, formatTimeLimit } from './format.js';
import { formKindInfo } from './kinds.js';
import { bold, name, type Layout, type Run } from './layout.js';
import { drawQrCode, qrMatrix } from './qr.js';
import type { Applicant, FormBase, TimeLimit } from './types.js';

export interface ReceiptComponent {
  name: string;
  /** Number of originals (bản chính) received. */
  originals: number;
  /** Number of copies (bản sao) received. */
  copies: number;
}

export interface ReceiptData extends FormBase {
  dossierCode: string;
  applicant: Applicant;
  /** Nội dung yêu cầu giải quyết: the procedure name as in the national catalogue. */
  procedureName: string;
  components: readonly ReceiptComponent[];
  /** Số lượng hồ sơ, in sets (bộ). */
  setCount: number;
  timeLimit: TimeLimit;
  receivedAt: Date;
  dueAt: Date;
  /** Đăng ký nhận kết quả tại, e.g. the centre's counter or "Qua dịch vụ bưu chính công ích". */
  resultDelivery: string;
  /** Logbook volume (Quyển số) and entry number (Số thứ tự); dotted blanks when absent. */
  logbookVolume?: string;
  logbookEntry?: string | number;
  receivingOfficerName: string;
  /** Public tracking page of the dossier, encoded in the QR code and printed under it. */
  statusUrl: string;
  /** Which copy this is, e.g. "Liên 2: Giao người nộp hồ sơ" (the receipt is made in two). */
  copyLabel?: string;
}

const QR_SIZE = 70;
const QR_BLOCK_WIDTH = 96;
const URL_SIZE = 5.5;

/** The date line defaults to the receipt time, which is when the receipt is issued. */
export async function renderReceipt(data: ReceiptData): Promise<Uint8Array> {
  if (!/^https?:\/\/\S+$/.test(data.statusUrl)) {
    throw badInput('statusUrl', { vi: 'Địa chỉ tra cứu hồ sơ không hợp lệ.', en: 'The status URL must be an absolute http(s) URL.' });
  }
  const issuedAt = data.issuedAt ?? data.receivedAt;
  const layout = await createForm({ kind: 'receipt', unit: data.unit, titleSuffix: data.dossierCode, issuedAt });
  drawStandardHeader(layout, data.unit, { issuedAt });
  drawTitle(
    layout,
    formKindInfo('receipt').titleVi,
    [{ text: 'Mã hồ sơ: ' }, bold(data.dossierCode)],
    ...(data.copyLabel ? [[{ text: `(${data.copyLabel})`, style: 'italic' } as const]] : []),
  );

  drawTrackingCode(layout, data.statusUrl);
  const line = (runs: Run[]): void => layout.text(runs, { spaceAfter: 1.5 });
  line([{ text: `${data.unit.unitName} tiếp nhận hồ sơ của: ` }, name(data.applicant.name)]);
  line(field('Địa chỉ', data.applicant.address));
  line(field('Số điện thoại', data.applicant.phone));
  line(field('Email', data.applicant.email));
  line([{ text: 'Nội dung yêu cầu giải quyết: ' }, bold(data.procedureName)]);

  line([{ text: '1. Thành phần hồ sơ nộp gồm:' }]);
  data.components.forEach((component, i) => {
    const counts = componentCounts(component);
    const label = `${i + 1}) `;
    layout.text([{ text: `${label}${component.name}` }, ...(counts ? [{ text: ` (${counts})`, style: 'italic' } as const] : [])], {
      x: layout.left + 10,
      hangingIndent: layout.measureText(label, 'regular', layout.baseSize),
      spaceAfter: 1.5,
    });
  });
  line([{ text: '2. Số lượng hồ sơ: ' }, bold(formatCount(data.setCount)), { text: ' (bộ)' }]);
  line([{ text: '3. Thời gian giải quyết hồ sơ theo quy định: ' }, bold(formatTimeLimit(data.timeLimit))]);
  line([{ text: '4. Thời gian nhận hồ sơ: ' }, bold(formatDateTime(data.receivedAt))]);
  line([{ text: '5. Thời gian trả kết quả giải quyết hồ sơ: ' }, bold(formatDateTime(data.dueAt))]);
  line([{ text: '6. Đăng ký nhận kết quả tại: ' }, bold(data.resultDelivery)]);
  layout.clearFloat();
  line([
    { text: 'Vào Sổ theo dõi hồ sơ, Quyển số: ' },
    ...blankOr(data.logbookVolume),
    { gap: 14 },
    { text: 'Số thứ tự: ' },
    ...blankOr(data.logbookEntry === undefined ? undefined : String(data.logbookEntry)),
  ]);
  layout.gap(layout.baseSize * 0.8);

  drawSignatures(layout, [
    { title: 'NGƯỜI NỘP HỒ SƠ', hint: SIGN_HINT, name: data.applicant.name },
    { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: SIGN_HINT, name: data.receivingOfficerName },
  ]);
  return finishForm(layout);
}

/** "01 bản chính, 01 bản sao"; counts of zero are left out. */
export function componentCounts(component: ReceiptComponent): string {
  const parts: string[] = [];
  if (component.originals > 0) parts.push(`${formatCount(component.originals)} bản chính`);
  if (component.copies > 0) parts.push(`${formatCount(component.copies)} bản sao`);
  return parts.join(', ');
}

/** QR code at the right of the body, the URL in small print under it; the body text wraps beside. */
function drawTrackingCode(layout: Layout, url: string): void {
  const urlText = breakUrl(layout, url, QR_BLOCK_WIDTH).join('\n');
  const urlHeight = layout.measureBox(urlText, QR_BLOCK_WIDTH, { size: URL_SIZE, lineHeight: 1.2 });
  const blockX = layout.right - QR_BLOCK_WIDTH;
  const top = layout.y;
  drawQrCode(layout.page, qrMatrix(url), { x: blockX + (QR_BLOCK_WIDTH - QR_SIZE) / 2, y: top - QR_SIZE, size: QR_SIZE });
  layout.textBox(urlText, { x: blockX, top: top - QR_SIZE - 3, width: QR_BLOCK_WIDTH }, { size: URL_SIZE, align: 'center', lineHeight: 1.2 });
  layout.floatRight(QR_BLOCK_WIDTH, QR_SIZE + 3 + urlHeight);
}

/** Splits a URL into lines that fit `width`, breaking after "/", ".", "-", "?", "&" or "=". */
export function breakUrl(layout: Layout, url: string, width: number): string[] {
  const pieces = url.match(/[^/.?&=-]*[/.?&=-]*/g)?.filter((p) => p !== '') ?? [url];
  const lines: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current !== '' && layout.measureText(current + piece, 'regular', URL_SIZE) > width) {
      lines.push(current);
      current = piece;
    } else {
      current += piece;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function blankOr(value: string | undefined): Run[] {
  return value ? [bold(value)] : [{ dots: 45 }];
}
