// The serif face shipped in data/fonts (Liberation Serif, metric-compatible with Times New Roman,
// SIL OFL 1.1) embedded as subsets, so each PDF carries only the glyphs it uses.

import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

export type FontStyle = 'regular' | 'bold' | 'italic';
export type FontSet = Readonly<Record<FontStyle, PDFFont>>;

/** This file sits in src/modules/forms/, three levels below the project root. */
export const FONT_DIR = new URL('../../../data/fonts/', import.meta.url);

export const FONT_FILES: Readonly<Record<FontStyle, string>> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
};

let cachedBytes: Promise<Record<FontStyle, Uint8Array>> | undefined;

export function loadFontBytes(): Promise<Record<FontStyle, Uint8Array>> {
  cachedBytes ??= (async () => {
    const [regular, bold, italic] = await Promise.all(
      (['regular', 'bold', 'italic'] as const).map((style) => readFile(new URL(FONT_FILES[style], FONT_DIR))),
    );
    return { regular: regular!, bold: bold!, italic: italic! };
  })();
  // A failed read (e.g. a missing file) must not poison every later call.
  cachedBytes.catch(() => {
    cachedBytes = undefined;
  });
  return cachedBytes;
}

export async function embedFonts(doc: PDFDocument): Promise<FontSet> {
  const bytes = await loadFontBytes();
  doc.registerFontkit(fontkit);
  // Ligatures off: "fi"/"fl" ligature glyphs would break copy-paste and text search.
  const options = { subset: true, features: { liga: false } };
  const [regular, bold, italic] = await Promise.all([
    doc.embedFont(bytes.regular, options),
    doc.embedFont(bytes.bold, options),
    doc.embedFont(bytes.italic, options),
  ]);
  return { regular, bold, italic };
}
