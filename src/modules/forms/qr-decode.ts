// Test support: a small QR decoder, written from the ISO/IEC 18004 layout rather than from the
// encoder, so a round trip through it checks what was really drawn. It reads a clean module
// matrix (no image processing, no error correction): versions 1–10, level M, and numeric,
// alphanumeric and byte segments, which is all that our tracking URLs produce.

import type { QrMatrix } from './qr.js';

const ALIGNMENT_CENTRES: Readonly<Record<number, readonly number[]>> = {
  1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34], 7: [6, 22, 38], 8: [6, 24, 42], 9: [6, 26, 46], 10: [6, 28, 50],
};
/** Level M: data codewords of each block, and error-correction codewords per block. */
const BLOCKS_M: Readonly<Record<number, { data: readonly number[]; ec: number }>> = {
  1: { data: [16], ec: 10 }, 2: { data: [28], ec: 16 }, 3: { data: [44], ec: 26 }, 4: { data: [32, 32], ec: 18 },
  5: { data: [43, 43], ec: 24 }, 6: { data: [27, 27, 27, 27], ec: 16 }, 7: { data: [31, 31, 31, 31], ec: 18 },
  8: { data: [38, 38, 39, 39], ec: 22 }, 9: { data: [36, 36, 36, 37, 37], ec: 22 }, 10: { data: [43, 43, 43, 43, 44], ec: 26 },
};
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const FORMAT_MASK = 0b101010000010010;

export function decodeQr(matrix: QrMatrix): string {
  const size = matrix.length;
  const version = (size - 17) / 4;
  const blocks = BLOCKS_M[version];
  if (!blocks) throw new Error(`Unsupported QR size ${size}`);
  const dark = (r: number, c: number): boolean => matrix[r]![c]!;

  // Format information, first copy: column 8, top to bottom, skipping the timing row.
  let format = 0;
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    if (dark(row, 8)) format |= 1 << i;
  }
  const formatData = (format ^ FORMAT_MASK) >> 10;
  if (formatData >> 3 !== 0) throw new Error('Not error-correction level M');
  const mask = formatData & 7;

  const reserved = functionModules(size, version);
  const bits: number[] = [];
  let upward = true;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col = 5; // the vertical timing column is skipped
    for (let k = 0; k < size; k++) {
      const row = upward ? size - 1 - k : k;
      for (const c of [col, col - 1]) {
        if (reserved[row]![c]) continue;
        bits.push((dark(row, c) ? 1 : 0) ^ (masked(mask, row, c) ? 1 : 0));
      }
    }
    upward = !upward;
  }

  const codewords: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  const expected = blocks.data.reduce((a, b) => a + b, 0) + blocks.data.length * blocks.ec;
  if (codewords.length !== expected) throw new Error(`Read ${codewords.length} codewords, expected ${expected}`);

  // Data codewords are interleaved block by block; error-correction codewords follow and are ignored.
  const perBlock: number[][] = blocks.data.map(() => []);
  let next = 0;
  for (let i = 0; i < Math.max(...blocks.data); i++) {
    blocks.data.forEach((length, b) => {
      if (i < length) perBlock[b]!.push(codewords[next++]!);
    });
  }
  return parseSegments(perBlock.flat(), version);
}

function functionModules(size: number, version: number): boolean[][] {
  const reserved = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const mark = (row: number, col: number, height: number, width: number): void => {
    for (let r = row; r < row + height; r++) for (let c = col; c < col + width; c++) if (r >= 0 && c >= 0 && r < size && c < size) reserved[r]![c] = true;
  };
  mark(0, 0, 9, 9); // finder, separator and format information, top left
  mark(0, size - 8, 9, 8); // top right
  mark(size - 8, 0, 8, 9); // bottom left, with the dark module
  mark(6, 0, 1, size); // timing patterns
  mark(0, 6, size, 1);
  const centres = ALIGNMENT_CENTRES[version]!;
  const last = centres.at(-1);
  for (const r of centres) {
    for (const c of centres) {
      if ((r === 6 && c === 6) || (r === 6 && c === last) || (r === last && c === 6)) continue;
      mark(r - 2, c - 2, 5, 5);
    }
  }
  if (version >= 7) {
    mark(0, size - 11, 6, 3);
    mark(size - 11, 0, 3, 6);
  }
  return reserved;
}

function masked(mask: number, i: number, j: number): boolean {
  switch (mask) {
    case 0: return (i + j) % 2 === 0;
    case 1: return i % 2 === 0;
    case 2: return j % 3 === 0;
    case 3: return (i + j) % 3 === 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

function parseSegments(data: number[], version: number): string {
  let position = 0;
  const read = (count: number): number => {
    let value = 0;
    for (let k = 0; k < count; k++, position++) value = (value << 1) | ((data[position >> 3]! >> (7 - (position & 7))) & 1);
    return value;
  };
  const small = version < 10;
  let text = '';
  while (data.length * 8 - position >= 4) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 1) {
      let count = read(small ? 10 : 12);
      for (; count >= 3; count -= 3) text += String(read(10)).padStart(3, '0');
      if (count === 2) text += String(read(7)).padStart(2, '0');
      if (count === 1) text += String(read(4));
    } else if (mode === 2) {
      let count = read(small ? 9 : 11);
      for (; count >= 2; count -= 2) {
        const pair = read(11);
        text += ALPHANUMERIC[Math.floor(pair / 45)]! + ALPHANUMERIC[pair % 45]!;
      }
      if (count === 1) text += ALPHANUMERIC[read(6)]!;
    } else if (mode === 4) {
      const bytes = Uint8Array.from({ length: read(small ? 8 : 16) }, () => read(8));
      text += new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } else {
      throw new Error(`Unsupported QR mode ${mode}`);
    }
  }
  return text;
}
