import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createForm } from './document.js';
import type { Layout, Line, Run } from './layout.js';
import { UNIT } from './test-fixtures.js';

let layout: Layout;
beforeAll(async () => {
  layout = await createForm({ kind: 'receipt', unit: UNIT });
});

const textOf = (line: Line): string => line.pieces.map((p) => (p.kind === 'text' ? p.text : p.kind === 'dots' ? '[…]' : '[gap]')).join('');
const wrap = (runs: Run[], width: number, size = 10): Line[] => layout.wrap(runs, size, () => width);

const WORDS = ['Thủ', 'tục', 'đăng', 'ký', 'khai', 'sinh', 'Nguyễn', 'Thị', 'Hương', 'chứng', 'thực', 'Ủy', 'ban', 'nhân', 'dân', 'xã', 'Vinh', 'Lộc', '000.00.46.H57-261120-0001'];

describe('Layout.wrap', () => {
  it('never exceeds the width and never loses or reorders a word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ word: fc.constantFrom(...WORDS), style: fc.constantFrom('regular', 'bold', 'italic') as fc.Arbitrary<'regular' | 'bold' | 'italic'> }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 60, max: 360 }),
        (words, width) => {
          const runs: Run[] = words.map(({ word, style }) => ({ text: `${word} `, style }));
          const lines = wrap(runs, width);
          for (const line of lines) expect(line.width).toBeLessThanOrEqual(width + 1e-6);
          const printed = lines.map(textOf).join(' ').split(/\s+/).filter(Boolean).join(' ');
          // A word longer than the line may be split, so compare without spaces.
          expect(printed.replace(/ /g, '')).toBe(words.map((w) => w.word).join(''));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('breaks lines at explicit newlines', () => {
    expect(wrap([{ text: 'Giao: Bộ phận Một cửa\nNhận: Công chức Tư pháp - Hộ tịch' }], 500).map(textOf)).toEqual([
      'Giao: Bộ phận Một cửa',
      'Nhận: Công chức Tư pháp - Hộ tịch',
    ]);
  });

  it('splits a code that is wider than the line after a "-" or "." rather than mid-number', () => {
    const lines = wrap([{ text: '000.00.46.H57-261120-0001' }], 75).map(textOf);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('000.00.46.H57-261120-0001');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/[-.]$/);
  });

  it('moves a nowrap name to the next line whole instead of splitting it', () => {
    const lines = wrap([{ text: 'Trung tâm tiếp nhận hồ sơ của: ' }, { text: 'Nguyễn Thị Hương', style: 'bold', nowrap: true }], 200).map(textOf);
    expect(lines).toEqual(['Trung tâm tiếp nhận hồ sơ của:', 'Nguyễn Thị Hương']);
  });

  it('normalises decomposed input to NFC', () => {
    expect(textOf(wrap([{ text: 'Hương'.normalize('NFD') }], 300)[0]!)).toBe('Hương'.normalize('NFC'));
  });

  it('keeps a dotted blank on the line and drops a gap that would start a line', () => {
    expect(wrap([{ text: 'Số điện thoại: ' }, { dots: 'rest' }], 300).map(textOf)).toEqual(['Số điện thoại: […]']);
    const lines = wrap([{ text: 'Số điện thoại: 0912 345 678' }, { gap: 40 }, { text: 'Email: huong@example.vn' }], 130).map(textOf);
    expect(lines.some((l) => l.startsWith('[gap]'))).toBe(false);
  });
});

describe('Layout.text', () => {
  it('wraps beside a float box and uses the full width below it', async () => {
    const form = await createForm({ kind: 'receipt', unit: UNIT });
    const words = Array.from({ length: 80 }, (_, i) => WORDS[i % 12]).join(' ');
    const full = form.wrap([{ text: words }], 10, () => form.contentWidth).length;
    form.floatRight(100, 40);
    const top = form.y;
    form.text(words);
    const lineHeight = 13;
    // The box narrows the first lines, so the paragraph needs more lines than at full width...
    expect(Math.round((top - form.y) / lineHeight)).toBeGreaterThan(full);
    // ...but only a few more: below the box the full width is used again.
    expect(Math.round((top - form.y) / lineHeight)).toBeLessThanOrEqual(full + 2);
  });

  it('starts a new page when the next line does not fit', async () => {
    const form = await createForm({ kind: 'receipt', unit: UNIT });
    for (let i = 0; i < 60; i++) form.text(`Dòng số ${i + 1}`);
    expect(form.doc.getPageCount()).toBe(2);
    expect(form.y).toBeGreaterThan(form.bottom);
  });
});
