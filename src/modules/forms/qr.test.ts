import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qrMatrix } from './qr.js';
import { decodeQr } from './qr-decode.js';
import { STATUS_URL } from './test-fixtures.js';

describe('qrMatrix', () => {
  it('encodes exactly the given URL', () => {
    expect(decodeQr(qrMatrix(STATUS_URL))).toBe(STATUS_URL);
  });

  it('round-trips any URL that fits a version-10 symbol', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }).filter((u) => u.length <= 150), (url) => {
        expect(decodeQr(qrMatrix(url))).toBe(url);
      }),
      { numRuns: 150 },
    );
  });

  it('gives a square matrix with the three finder patterns', () => {
    const m = qrMatrix(STATUS_URL);
    const n = m.length;
    expect(m.every((row) => row.length === n)).toBe(true);
    for (const [r, c] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      expect(m[r]!.slice(c, c + 7).every(Boolean)).toBe(true); // top edge of the finder
      expect(m[r + 1]![c + 1]).toBe(false); // its white ring
      expect(m[r + 3]![c + 3]).toBe(true); // its centre
    }
  });

  it('differs for a URL that differs by one character', () => {
    expect(decodeQr(qrMatrix(STATUS_URL.replace('0001', '0002')))).not.toBe(STATUS_URL);
  });
});
