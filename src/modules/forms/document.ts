// What every form shares: the page set-up and PDF metadata, the standard header (issuing unit on
// the left, national name and motto on the right, place and date line), the centred title,
// labelled fields and signature blocks.

import { PageSizes, PDFDocument } from 'pdf-lib';
import { embedFonts, type FontStyle } from './fonts.js';
import { formatDateLine } from './format.js';
import { formKindInfo, type FormKind, type PageFormat } from './kinds.js';
import { Layout, type Margins, type Rich, type Run } from './layout.js';
import type { UnitHeader } from './types.js';

const PAGE_SETUP: Readonly<Record<PageFormat, { size: [number, number]; margins: Margins; baseSize: number }>> = {
  A5: { size: PageSizes.A5, margins: { top: 28, right: 28, bottom: 30, left: 36 }, baseSize: 10 },
  'A4-landscape': { size: [PageSizes.A4[1], PageSizes.A4[0]], margins: { top: 34, right: 34, bottom: 38, left: 42 }, baseSize: 9 },
};

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface FormSetup {
  kind: FormKind;
  unit: UnitHeader;
  /** Appended to the document title, e.g. the dossier code. */
  titleSuffix?: string;
  issuedAt?: Date;
}

export async function createForm(setup: FormSetup): Promise<Layout> {
  const info = formKindInfo(setup.kind);
  const page = PAGE_SETUP[info.pageFormat];
  // No automatic metadata: pdf-lib would stamp the current time, and renderers do not read the clock.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const title = upperFirst(info.titleVi.toLocaleLowerCase('vi'));
  doc.setTitle(setup.titleSuffix ? `${title} ${setup.titleSuffix}` : title, { showInWindowTitleBar: true });
  doc.setSubject(info.titleEn);
  doc.setAuthor(setup.unit.unitName.normalize('NFC'));
  doc.setCreator('MotCua');
  doc.setProducer('MotCua (pdf-lib)');
  doc.setLanguage('vi');
  doc.setKeywords([`mau-${info.formNumber}`, setup.kind, ...(setup.titleSuffix ? [setup.titleSuffix] : [])]);
  if (setup.issuedAt) {
    doc.setCreationDate(setup.issuedAt);
    doc.setModificationDate(setup.issuedAt);
  }
  return new Layout(doc, await embedFonts(doc), page.size, page.margins, page.baseSize);
}

/** Numbers the pages ("Trang 1/3") when there is more than one, or always if asked, and serialises. */
export async function finishForm(layout: Layout, options: { alwaysNumberPages?: boolean } = {}): Promise<Uint8Array> {
  if (options.alwaysNumberPages || layout.doc.getPageCount() > 1) layout.numberPages((i, n) => `Trang ${i}/${n}`);
  return layout.doc.save();
}

export interface HeaderOptions {
  /** Document number under the unit name, e.g. "Số: 15/PYCBS". */
  reference?: string;
  issuedAt?: Date;
  /** Omit the place and date line (the logbook prints its period instead). */
  withoutDateLine?: boolean;
  size?: number;
}

/** The header of Vietnamese administrative documents (Decree 30/2020 layout). */
export function drawStandardHeader(layout: Layout, unit: UnitHeader, options: HeaderOptions = {}): void {
  const size = options.size ?? layout.baseSize * 0.9;
  const lineHeight = size * 1.3;
  const leftWidth = Math.min(layout.contentWidth * 0.42, 270);
  const rightWidth = Math.min(layout.contentWidth - leftWidth, 340);
  const leftX = layout.left;
  const rightX = layout.right - rightWidth;
  const top = layout.y;

  let leftHeight = 0;
  if (unit.parentName) {
    leftHeight += layout.textBox(upper(unit.parentName), { x: leftX, top, width: leftWidth }, { size, align: 'center', balance: true });
  }
  leftHeight += layout.textBox(upper(unit.unitName), { x: leftX, top: top - leftHeight, width: leftWidth }, { size, style: 'bold', align: 'center', balance: true });
  const leftRule = leftWidth * 0.36;
  layout.rule(leftX + (leftWidth - leftRule) / 2, leftX + (leftWidth + leftRule) / 2, top - leftHeight - 1.5);

  let rightHeight = layout.textBox(NATIONAL_NAME, { x: rightX, top, width: rightWidth }, { size, style: 'bold', align: 'center' });
  const mottoSize = size * 1.05;
  rightHeight += layout.textBox(NATIONAL_MOTTO, { x: rightX, top: top - rightHeight, width: rightWidth }, { size: mottoSize, style: 'bold', align: 'center' });
  const mottoWidth = layout.measureText(NATIONAL_MOTTO, 'bold', mottoSize);
  layout.rule(rightX + (rightWidth - mottoWidth) / 2, rightX + (rightWidth + mottoWidth) / 2, top - rightHeight - 1.5);

  const secondRow = top - Math.max(leftHeight, rightHeight) - lineHeight * 0.6;
  let secondHeight = 0;
  if (options.reference) {
    secondHeight = layout.textBox(options.reference, { x: leftX, top: secondRow, width: leftWidth }, { size, align: 'center' });
  }
  if (!options.withoutDateLine) {
    const dateLine = formatDateLine(unit.placeName, options.issuedAt);
    secondHeight = Math.max(secondHeight, layout.textBox(dateLine, { x: rightX, top: secondRow, width: rightWidth }, { size, style: 'italic', align: 'center' }));
  }
  layout.y = secondRow - secondHeight - lineHeight * 0.8;
}

/** The form title, bold and centred, with optional centred lines under it. */
export function drawTitle(layout: Layout, title: string, ...subtitles: Rich[]): void {
  layout.text(title, { size: layout.baseSize * 1.25, style: 'bold', align: 'center', lineHeight: 1.25 });
  for (const subtitle of subtitles) layout.text(subtitle, { align: 'center' });
  layout.gap(layout.baseSize * 0.8);
}

/** "Label: value", or "Label: ……" with a dotted blank to fill by hand when the value is missing. */
export function field(label: string, value: string | undefined, style: FontStyle = 'regular'): Run[] {
  const present = value !== undefined && value.trim() !== '';
  return [{ text: `${label}: ` }, present ? { text: value, style } : { dots: 'rest' }];
}

export interface SignatureBlock {
  /** Role in capitals, e.g. "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  title: string;
  hint?: string;
  name?: string;
}

/**
 * Signature blocks side by side, kept together on one page. A single block sits on the right
 * half, where Vietnamese documents place the signer.
 */
export function drawSignatures(layout: Layout, blocks: readonly SignatureBlock[], options: { signingSpace?: number } = {}): void {
  const size = layout.baseSize;
  const space = options.signingSpace ?? size * 5;
  const slots = blocks.length === 1 ? 2 : blocks.length;
  const width = layout.contentWidth / slots;
  const heightOf = (b: SignatureBlock): number =>
    layout.measureBox(b.title, width - 8, { size, style: 'bold' }) +
    (b.hint ? layout.measureBox(b.hint, width - 8, { size: size * 0.9, style: 'italic' }) : 0) +
    space +
    (b.name ? layout.measureBox(b.name, width - 8, { size, style: 'bold' }) : 0);
  layout.ensureSpace(Math.max(...blocks.map(heightOf)));
  const top = layout.y;
  let tallest = 0;
  blocks.forEach((block, i) => {
    const x = layout.left + (slots - blocks.length + i) * width + 4;
    const box = { x, width: width - 8 };
    let h = layout.textBox(block.title, { ...box, top }, { size, style: 'bold', align: 'center' });
    if (block.hint) h += layout.textBox(block.hint, { ...box, top: top - h }, { size: size * 0.9, style: 'italic', align: 'center' });
    h += space;
    if (block.name) h += layout.textBox(block.name, { ...box, top: top - h }, { size, style: 'bold', align: 'center' });
    tallest = Math.max(tallest, h);
  });
  layout.y = top - tallest;
}

export const SIGN_HINT = '(Ký và ghi rõ họ tên)';

function upper(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi');
}

function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}
