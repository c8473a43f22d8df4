// A small flow layout over pdf-lib: a cursor that moves down the page, word-wrapped rich text
// (regular/bold/italic runs), dotted fill lines, a box that text flows around, automatic page
// breaks. Coordinates are PDF points with the origin at the bottom-left, as in pdf-lib.

import { rgb, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { FontSet, FontStyle } from './fonts.js';

export type Align = 'left' | 'center' | 'right';

/**
 * A piece of text in one style (`nowrap` keeps it on one line, e.g. a person's name), a dotted
 * leader for a blank to fill by hand (`{ dots: 60 }` is 60 pt wide, `{ dots: 'rest' }` stretches to
 * the end of the line), or a fixed horizontal gap between two fields.
 */
export type Run = { text: string; style?: FontStyle; nowrap?: boolean } | { dots: number | 'rest' } | { gap: number };
export type Rich = string | readonly Run[];

export interface TextOptions {
  size?: number;
  /** Style of a plain-string text; runs carry their own. */
  style?: FontStyle;
  align?: Align;
  /** Left edge; defaults to the left margin. */
  x?: number;
  /** Box width; defaults to the content width (less any float box beside the line). */
  width?: number;
  /** Extra left indent of every line after the first (hanging indent for numbered items). */
  hangingIndent?: number;
  /** Line height as a multiple of the font size. */
  lineHeight?: number;
  /** Narrow the box as far as the line count allows, so wrapped headings get lines of even length. */
  balance?: boolean;
  spaceAfter?: number;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type Piece =
  | { kind: 'text'; text: string; style: FontStyle; width: number }
  | { kind: 'dots'; width: number; rest: boolean }
  | { kind: 'gap'; width: number };
export interface Line {
  pieces: Piece[];
  width: number;
}

const DEFAULT_LINE_HEIGHT = 1.3;
const MIN_REST_DOTS = 24;

export function bold(text: string): Run {
  return { text, style: 'bold' };
}
export function italic(text: string): Run {
  return { text, style: 'italic' };
}
/** Bold and never wrapped inside: for names. */
export function name(text: string): Run {
  return { text, style: 'bold', nowrap: true };
}

export function toRuns(rich: Rich, style: FontStyle = 'regular'): readonly Run[] {
  return typeof rich === 'string' ? [{ text: rich, style }] : rich;
}

export class Layout {
  page!: PDFPage;
  /** Top of the next thing to draw. */
  y = 0;
  private float: { width: number; top: number; bottom: number } | undefined;
  private readonly widthCache = new Map<string, number>();

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: FontSet,
    readonly pageSize: readonly [number, number],
    readonly margins: Margins,
    /** Body font size; other sizes in a form are chosen relative to it. */
    readonly baseSize: number,
  ) {
    this.addPage();
  }

  get left(): number {
    return this.margins.left;
  }
  get right(): number {
    return this.pageSize[0] - this.margins.right;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  get top(): number {
    return this.pageSize[1] - this.margins.top;
  }
  get bottom(): number {
    return this.margins.bottom;
  }

  addPage(): PDFPage {
    this.page = this.doc.addPage([this.pageSize[0], this.pageSize[1]]);
    this.y = this.top;
    this.float = undefined;
    return this.page;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. Returns true on a break. */
  ensureSpace(height: number): boolean {
    if (this.y - height >= this.bottom || this.y === this.top) return false;
    this.addPage();
    return true;
  }

  gap(height: number): void {
    this.y -= height;
  }

  /** Reserves a box at the right edge from the cursor down; following text wraps beside it. */
  floatRight(width: number, height: number, gutter = 8): void {
    this.float = { width: width + gutter, top: this.y, bottom: this.y - height };
  }

  /** Moves the cursor below the float box, if any, and ends the wrap-around. */
  clearFloat(): void {
    if (this.float) this.y = Math.min(this.y, this.float.bottom);
    this.float = undefined;
  }

  /** Width in points. Cached: pdf-lib runs a full fontkit layout per call, and tables re-measure a lot. */
  measureText(text: string, style: FontStyle, size: number): number {
    const key = `${style}\u0000${size}\u0000${text}`;
    let width = this.widthCache.get(key);
    if (width === undefined) {
      width = this.fonts[style].widthOfTextAtSize(text, size);
      this.widthCache.set(key, width);
    }
    return width;
  }

  /** Draws wrapped text at the cursor, breaking pages between lines as needed. */
  text(rich: Rich, options: TextOptions = {}): void {
    const size = options.size ?? this.baseSize;
    const lineHeight = size * (options.lineHeight ?? DEFAULT_LINE_HEIGHT);
    const x = options.x ?? this.left;
    const hanging = options.hangingIndent ?? 0;
    const startY = this.y;
    const widthAt = (index: number): number => {
      const base = (options.width ?? this.right - x) - (index > 0 ? hanging : 0);
      const lineTop = startY - index * lineHeight;
      const besideFloat = this.float && options.width === undefined && lineTop > this.float.bottom && lineTop - lineHeight < this.float.top;
      return besideFloat ? base - this.float!.width : base;
    };
    const lines = this.wrap(toRuns(rich, options.style), size, widthAt);
    lines.forEach((line, index) => {
      this.ensureSpace(lineHeight);
      const lineX = x + (index > 0 ? hanging : 0);
      this.drawLine(line, lineX, this.y, widthAt(index), options.align ?? 'left', size);
      this.y -= lineHeight;
    });
    this.y -= options.spaceAfter ?? 0;
  }

  /** Draws wrapped text in a fixed box without moving the cursor or breaking pages; returns its height. */
  textBox(rich: Rich, box: { x: number; top: number; width: number }, options: TextOptions = {}): number {
    const size = options.size ?? this.baseSize;
    const lineHeight = size * (options.lineHeight ?? DEFAULT_LINE_HEIGHT);
    const hanging = options.hangingIndent ?? 0;
    const runs = toRuns(rich, options.style);
    const width = options.balance ? this.balancedWidth(runs, size, box.width) : box.width;
    const lines = this.wrap(runs, size, (i) => width - (i > 0 ? hanging : 0));
    const align = options.align ?? 'left';
    const offset = align === 'center' ? (box.width - width) / 2 : align === 'right' ? box.width - width : 0;
    lines.forEach((line, i) => {
      const lineX = box.x + offset + (i > 0 ? hanging : 0);
      const lineWidth = width - (i > 0 ? hanging : 0);
      this.drawLine(line, lineX, box.top - i * lineHeight, lineWidth, align, size);
    });
    return lines.length * lineHeight;
  }

  /** Height that `textBox` would use, without drawing. */
  measureBox(rich: Rich, width: number, options: TextOptions = {}): number {
    const size = options.size ?? this.baseSize;
    const hanging = options.hangingIndent ?? 0;
    const lines = this.wrap(toRuns(rich, options.style), size, (i) => width - (i > 0 ? hanging : 0));
    return lines.length * size * (options.lineHeight ?? DEFAULT_LINE_HEIGHT);
  }

  /** The narrowest width (to 1 pt) that wraps `runs` into no more lines than `width` does. */
  private balancedWidth(runs: readonly Run[], size: number, width: number): number {
    const count = this.wrap(runs, size, () => width).length;
    if (count <= 1) return width;
    let low = width / count;
    let high = width;
    while (high - low > 1) {
      const mid = (low + high) / 2;
      if (this.wrap(runs, size, () => mid).length > count) low = mid;
      else high = mid;
    }
    return high;
  }

  /** A horizontal rule, e.g. the short line under the unit name and the national motto. */
  rule(x1: number, x2: number, y: number, thickness = 0.6): void {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color: rgb(0, 0, 0) });
  }

  /** Greedy word wrap. `widthAt(i)` is the width available to line i. Text is NFC-normalised. */
  wrap(runs: readonly Run[], size: number, widthAt: (index: number) => number): Line[] {
    const lines: Line[] = [];
    let line: Line = { pieces: [], width: 0 };
    let pendingSpace: Piece | undefined;
    const pushLine = (): void => {
      lines.push(line);
      line = { pieces: [], width: 0 };
      pendingSpace = undefined;
    };
    const append = (piece: Piece): void => {
      const last = line.pieces.at(-1);
      if (piece.kind === 'text' && last?.kind === 'text' && last.style === piece.style) {
        last.text += piece.text;
        last.width += piece.width;
      } else {
        line.pieces.push({ ...piece });
      }
      line.width += piece.width;
    };
    const place = (word: Piece): void => {
      // A gap that does not fit is dropped rather than indenting the next line.
      if (word.kind === 'gap' && line.width + word.width > widthAt(lines.length)) return;
      const spaceWidth = pendingSpace?.width ?? 0;
      if (line.pieces.length > 0 && line.width + spaceWidth + word.width > widthAt(lines.length)) pushLine();
      if (line.pieces.length > 0 && pendingSpace) append(pendingSpace);
      pendingSpace = undefined;
      if (word.kind === 'text' && word.width > widthAt(lines.length)) {
        this.breakLongWord(word, size, widthAt, lines.length).forEach((chunk, i, all) => {
          append(chunk);
          if (i < all.length - 1) pushLine();
        });
      } else {
        append(word);
      }
    };

    for (const run of runs) {
      if ('dots' in run) {
        const rest = run.dots === 'rest';
        place({ kind: 'dots', width: rest ? MIN_REST_DOTS : (run.dots as number), rest });
        continue;
      }
      if ('gap' in run) {
        if (line.pieces.length > 0) place({ kind: 'gap', width: run.gap });
        continue;
      }
      const style = run.style ?? 'regular';
      const text = run.text.normalize('NFC');
      for (const token of run.nowrap ? [text.replace(/\s+/g, ' ')] : text.split(/(\n|[ \t]+)/)) {
        if (token === '') continue;
        if (token === '\n') {
          pushLine();
        } else if (/^[ \t]+$/.test(token)) {
          if (line.pieces.length > 0) pendingSpace = { kind: 'text', text: ' ', style, width: this.measureText(' ', style, size) };
        } else {
          place({ kind: 'text', text: token, style, width: this.measureText(token, style, size) });
        }
      }
    }
    if (line.pieces.length > 0 || lines.length === 0) lines.push(line);
    return lines;
  }

  /** Splits a word wider than the line, after a "-", "/" or "." when there is one (codes, URLs). */
  private breakLongWord(word: Piece & { kind: 'text' }, size: number, widthAt: (i: number) => number, firstIndex: number): Piece[] {
    const chunks: Piece[] = [];
    let current = '';
    for (const char of word.text) {
      const candidate = current + char;
      if (current !== '' && this.measureText(candidate, word.style, size) > widthAt(firstIndex + chunks.length)) {
        const cut = Math.max(current.lastIndexOf('-'), current.lastIndexOf('/'), current.lastIndexOf('.')) + 1;
        const head = cut > 0 ? current.slice(0, cut) : current;
        chunks.push({ kind: 'text', text: head, style: word.style, width: this.measureText(head, word.style, size) });
        current = current.slice(head.length) + char;
      } else {
        current = candidate;
      }
    }
    chunks.push({ kind: 'text', text: current, style: word.style, width: this.measureText(current, word.style, size) });
    return chunks;
  }

  private drawLine(line: Line, x: number, top: number, width: number, align: Align, size: number): void {
    const restCount = line.pieces.filter((p) => p.kind === 'dots' && p.rest).length;
    const extraPerRest = restCount > 0 ? Math.max(0, width - line.width) / restCount : 0;
    const lineWidth = restCount > 0 ? Math.max(line.width, width) : line.width;
    let cursor = align === 'center' ? x + (width - lineWidth) / 2 : align === 'right' ? x + width - lineWidth : x;
    const baseline = top - size * 0.92;
    for (const piece of line.pieces) {
      if (piece.kind === 'text') {
        this.page.drawText(piece.text, { x: cursor, y: baseline, size, font: this.fonts[piece.style], color: rgb(0, 0, 0) });
        cursor += piece.width;
      } else if (piece.kind === 'gap') {
        cursor += piece.width;
      } else {
        const w = piece.width + (piece.rest ? extraPerRest : 0);
        this.page.drawLine({
          start: { x: cursor + 1, y: baseline + 0.5 },
          end: { x: cursor + w - 1, y: baseline + 0.5 },
          thickness: 0.7,
          dashArray: [0.7, 1.6],
          color: rgb(0, 0, 0),
        });
        cursor += w;
      }
    }
  }

  /** Writes "Trang i/n" (or another label) at the foot of every page; call once, after all content. */
  numberPages(label: (index: number, count: number) => string, size = this.baseSize * 0.8): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const text = label(i + 1, pages.length);
      const width = this.measureText(text, 'italic', size);
      page.drawText(text, {
        x: this.right - width,
        y: this.bottom / 2 - size / 2,
        size,
        font: this.fonts.italic,
        color: rgb(0, 0, 0),
      });
    });
  }
}
