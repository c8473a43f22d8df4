// What a signed document shows on paper: a QR code to the public verification page, the verification code
// to type in, the signing unit and time — drawn at the bottom of the last page before signing, so the
// signature covers it. A result the system generates itself leaves room for it (see result.ts).
import fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument } from 'pdf-lib';
import { loadFontBytes } from '../forms/fonts.js';
import { formatClock, formatDate } from '../forms/format.js';
import { drawQrCode, qrMatrix } from '../forms/qr.js';

export const STAMP_HEIGHT = 74;
const BOX = STAMP_HEIGHT - 4;
// Four modules of white around the code (the quiet zone scanners need), inside the box's border.
const PAD = 8;
const QR = BOX - 2 * PAD;
const MARGIN = 14;
const TEXT = 7.5;

export interface StampData {
  /** e.g. https://motcua.example/xac-thuc/7K2M9QX4TB */
  url: string;
  /** As printed: "7K2M9-QX4TB". */
  displayCode: string;
  signerName: string;
  signedAt: Date;
}

/** "7K2M9QX4TB" → "7K2M9-QX4TB": easier to read out and type. */
export function displayCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export async function drawVerificationStamp(doc: PDFDocument, data: StampData): Promise<void> {
  const page = doc.getPages().at(-1)!;
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont((await loadFontBytes()).regular, { subset: true, features: { liga: false } });
  const lines = [
    `Văn bản điện tử được ký số bởi: ${data.signerName}`,
    `Thời gian ký: ${formatClock(data.signedAt)} ngày ${formatDate(data.signedAt)}`,
    `Mã xác thực: ${data.displayCode}`,
    'Quét mã QR hoặc truy cập để kiểm tra văn bản:',
    data.url,
  ];
  const { width: pageWidth } = page.getSize();
  const textX = PAD + QR + 4;
  const textWidth = Math.min(Math.max(...lines.map((l) => font.widthOfTextAtSize(l, TEXT))), pageWidth - 2 * MARGIN - textX - PAD);
  const x = MARGIN;
  const y = MARGIN;
  // A white box: the stamp stays legible over whatever the page has at its foot.
  page.drawRectangle({ x, y, width: textX + textWidth + PAD, height: BOX, color: rgb(1, 1, 1), borderColor: rgb(0.2, 0.2, 0.2), borderWidth: 0.5 });
  drawQrCode(page, qrMatrix(data.url), { x: x + PAD, y: y + PAD, size: QR });
  let lineY = y + BOX - PAD - TEXT;
  for (const line of lines) {
    page.drawText(line, { x: x + textX, y: lineY, size: TEXT, font, color: rgb(0, 0, 0), maxWidth: textWidth });
    lineY -= TEXT * 1.4;
  }
}
