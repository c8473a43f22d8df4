// Test support: read a rendered PDF back the way a reader would (pdfjs text extraction) and the
// way a printer would (the page content stream, for the vector QR code).

import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, PDFStream } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { QR_MARKED_CONTENT_TAG, type QrMatrix } from './qr.js';

export interface ReadPdf {
  /** Text of each page, NFC-normalised, whitespace collapsed to single spaces. */
  pages: string[];
  /** [width, height] of each page in points. */
  sizes: [number, number][];
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  // pdfjs takes ownership of (detaches) the buffer it is given: pass a copy.
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const sizes: [number, number][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(normalise(joinItems(content.items)));
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      sizes.push([round2(x1 - x0), round2(y1 - y0)]);
    }
    return { pages, sizes };
  } finally {
    await doc.destroy();
  }
}

/**
 * Joins text items as a reader sees them: a space between items, except where one item continues
 * the previous one on the same line (a bold value followed by "." or ",").
 */
function joinItems(items: readonly unknown[]): string {
  let text = '';
  let end: { x: number; y: number } | undefined;
  for (const item of items) {
    if (!item || typeof item !== 'object' || !('str' in item)) continue;
    const { str, transform, width } = item as { str: string; transform: number[]; width: number };
    const [x, y] = [transform[4]!, transform[5]!];
    const continues = end !== undefined && Math.abs(y - end.y) < 0.5 && Math.abs(x - end.x) < 0.5;
    text += (continues ? '' : ' ') + str;
    end = { x: x + width, y };
  }
  return text;
}

export function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export async function readMetadata(bytes: Uint8Array): Promise<{ title?: string; author?: string; creator?: string; language?: string }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = doc.catalog.lookup(PDFName.of('Lang'));
  return {
    ...optional('title', doc.getTitle()),
    ...optional('author', doc.getAuthor()),
    ...optional('creator', doc.getCreator()),
    ...optional('language', lang ? String((lang as { decodeText?: () => string }).decodeText?.() ?? lang) : undefined),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Rebuilds the module matrix of each QR code drawn on a page from its `re` operators. */
export async function qrMatricesOnPage(bytes: Uint8Array, pageIndex = 0): Promise<QrMatrix[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const contents = doc.getPage(pageIndex).node.Contents();
  const streams: PDFStream[] =
    contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref, PDFStream)) : contents ? [contents] : [];
  const text = streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');

  const matrices: QrMatrix[] = [];
  const section = new RegExp(`/${QR_MARKED_CONTENT_TAG} BMC([\\s\\S]*?)EMC`, 'g');
  for (const [, body] of text.matchAll(section)) {
    const rects = [...body!.matchAll(/([\d.-]+) ([\d.-]+) ([\d.-]+) ([\d.-]+) re/g)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
    const module = rects[0]![3];
    const left = Math.min(...rects.map((r) => r[0]));
    const top = Math.max(...rects.map((r) => r[1] + r[3]));
    const size = Math.round((Math.max(...rects.map((r) => r[0] + r[2])) - left) / module);
    const matrix = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    for (const [x, y, w, h] of rects) {
      const row = Math.round((top - (y + h)) / module);
      const first = Math.round((x - left) / module);
      for (let c = first; c < first + Math.round(w / module); c++) matrix[row]![c] = true;
    }
    matrices.push(matrix);
  }
  return matrices;
}
