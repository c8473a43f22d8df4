// QR codes drawn as vector modules: crisp at any zoom or print resolution, and the exact module
// pattern can be read back from the PDF (tests decode it). The modules are wrapped in a marked
// content section tagged /QRCode.

import {
  beginMarkedContent,
  endMarkedContent,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import QRCode from 'qrcode';

/** Rows of modules, top row first; true is dark. */
export type QrMatrix = readonly (readonly boolean[])[];

export const QR_MARKED_CONTENT_TAG = 'QRCode';

/** Error correction M (15%) survives a crease or a smudge on a paper receipt. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => modules.get(row, col) === 1),
  );
}

/**
 * Draws the matrix as a square of `size` points with its bottom-left corner at (x, y). The caller
 * keeps a quiet zone of white around it (four modules is the standard).
 */
export function drawQrCode(page: PDFPage, matrix: QrMatrix, box: { x: number; y: number; size: number }): void {
  const module = box.size / matrix.length;
  // Edges are rounded to 1/1000 pt once and shared by neighbouring modules, so abutting modules
  // meet exactly and the content stream does not carry 17-digit numbers.
  const edgeX = (col: number): number => round3(box.x + col * module);
  const edgeY = (row: number): number => round3(box.y + box.size - row * module);
  const operators: PDFOperator[] = [beginMarkedContent(QR_MARKED_CONTENT_TAG), pushGraphicsState(), setFillingGrayscaleColor(0)];
  matrix.forEach((row, r) => {
    const bottom = edgeY(r + 1);
    const height = round3(edgeY(r) - bottom);
    // One rectangle per horizontal run of dark modules keeps the content stream small.
    let runStart = -1;
    for (let c = 0; c <= row.length; c++) {
      const dark = c < row.length && row[c];
      if (dark && runStart < 0) runStart = c;
      if (!dark && runStart >= 0) {
        operators.push(rectangle(edgeX(runStart), bottom, round3(edgeX(c) - edgeX(runStart)), height));
        runStart = -1;
      }
    }
  });
  operators.push(fill(), popGraphicsState(), endMarkedContent());
  page.pushOperators(...operators);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
