import { access, readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createForm, finishForm } from './document.js';
import { embedFonts, FONT_DIR, FONT_FILES } from './fonts.js';
import { readPdf } from './pdf-testing.js';
import { UNIT } from './test-fixtures.js';

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323']; // huyền, hỏi, ngã, sắc, nặng
const LOWER = [...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))), ...'bcdđghklmnpqrstvx'].join('');
/** Every letter of the Vietnamese alphabet with every tone mark, lower and upper case, NFC. */
const VIETNAMESE_LETTERS = LOWER + LOWER.toLocaleUpperCase('vi');

describe('shipped font', () => {
  it('the alphabet under test is complete: 12 vowels × 6 tones + 17 consonants, both cases', () => {
    expect([...VIETNAMESE_LETTERS]).toHaveLength((12 * 6 + 17) * 2);
    expect(VIETNAMESE_LETTERS).toContain('ặ');
    expect(VIETNAMESE_LETTERS).toContain('Ữ');
    expect(VIETNAMESE_LETTERS).toContain('Đ');
  });

  it.each(Object.entries(FONT_FILES))('%s face has a glyph for every Vietnamese letter', async (_style, file) => {
    const font = fontkit.create(await readFile(new URL(file, FONT_DIR)));
    const missing = [...VIETNAMESE_LETTERS].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
    expect(missing).toEqual([]);
  });

  it('the embedded fonts cover every Vietnamese letter', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc);
    for (const font of Object.values(fonts)) {
      const charset = new Set(font.getCharacterSet());
      expect([...VIETNAMESE_LETTERS].filter((ch) => !charset.has(ch.codePointAt(0)!))).toEqual([]);
    }
  });

  it('Vietnamese text drawn in each style reads back identically from the PDF, also from decomposed (NFD) input', async () => {
    const layout = await createForm({ kind: 'refusal', unit: UNIT });
    for (const style of ['regular', 'bold', 'italic'] as const) layout.text(VIETNAMESE_LETTERS.normalize('NFD'), { style });
    const { pages } = await readPdf(await finishForm(layout));
    const compact = pages.join('').replace(/\s/g, '');
    expect(compact.split(VIETNAMESE_LETTERS)).toHaveLength(4);
  });

  it('ships its licence next to the font files', async () => {
    await expect(access(new URL('OFL.txt', FONT_DIR))).resolves.toBeUndefined();
    expect(await readFile(new URL('OFL.txt', FONT_DIR), 'utf8')).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });
});
