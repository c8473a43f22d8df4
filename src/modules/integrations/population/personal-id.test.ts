// The personal ID number's structure: tables of real-looking and broken numbers, and properties over every
// province, sex and birth year.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centuryAndSex, formatPersonalId, parsePersonalId, PROVINCE_CODES, vietnamYear, type PersonalIdPart } from './personal-id.js';

const NOW = new Date('2026-11-23T09:00:00+07:00');

describe('parsePersonalId: valid numbers', () => {
  it.each([
    ['001090123456', '001', 'Hà Nội', 'male', 1990],
    ['046190012345', '046', 'Thừa Thiên Huế', 'female', 1990],
    ['079203000001', '079', 'Hồ Chí Minh', 'male', 2003],
    ['096301999999', '096', 'Cà Mau', 'female', 2001],
    ['046026000000', '046', 'Thừa Thiên Huế', 'male', 1926],
    ['048300000000', '048', 'Đà Nẵng', 'female', 2000],
    ['077226123123', '077', 'Bà Rịa - Vũng Tàu', 'male', 2026],
    ['002100000000', '002', 'Hà Giang', 'female', 1900],
    ['067089000000', '067', 'Đắk Nông', 'male', 1989],
  ] as const)('%s → province %s, %s, born %i', (id, code, name, sex, year) => {
    const r = parsePersonalId(id, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ idNumber: id, provinceCode: code, provinceName: name, sex, century: Math.floor(year / 100) * 100, birthYear: year, serial: id.slice(6) });
  });

  it('trims surrounding spaces', () => {
    const r = parsePersonalId('  046190012345 ', NOW);
    expect(r.ok && r.value.idNumber).toBe('046190012345');
  });

  it('knows exactly the 63 pre-2025 provinces, from 001 to 096, with the official gaps', () => {
    const codes = Object.keys(PROVINCE_CODES);
    expect(codes).toHaveLength(63);
    expect(codes[0]).toBe('001');
    expect(codes.at(-1)).toBe('096');
    for (const gap of ['000', '003', '005', '007', '009', '013', '016', '018', '021', '023', '028', '029', '032', '039', '041', '043', '047', '050', '053', '055', '057', '059', '061', '063', '065', '069', '071', '073', '076', '078', '081', '085', '088', '090', '097', '099']) {
      expect(PROVINCE_CODES[gap], gap).toBeUndefined();
    }
    expect(PROVINCE_CODES['046']).toBe('Thừa Thiên Huế');
    expect(PROVINCE_CODES['045']).toBe('Quảng Trị');
    expect(PROVINCE_CODES['044']).toBe('Quảng Bình');
    expect(PROVINCE_CODES['092']).toBe('Cần Thơ');
  });

  it('maps digit 4 to century and sex for all ten digits', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => centuryAndSex(d))).toEqual([
      { century: 1900, sex: 'male' },
      { century: 1900, sex: 'female' },
      { century: 2000, sex: 'male' },
      { century: 2000, sex: 'female' },
      { century: 2100, sex: 'male' },
      { century: 2100, sex: 'female' },
      { century: 2200, sex: 'male' },
      { century: 2200, sex: 'female' },
      { century: 2300, sex: 'male' },
      { century: 2300, sex: 'female' },
    ]);
  });

  it('takes the year in Vietnam: 31 December 17:30 UTC is already the new year', () => {
    expect(vietnamYear(new Date('2026-12-31T17:30:00Z'))).toBe(2027);
    expect(parsePersonalId('046227000000', new Date('2026-12-31T16:59:00Z')).ok).toBe(false);
    expect(parsePersonalId('046227000000', new Date('2026-12-31T17:00:00Z')).ok).toBe(true);
  });
});

describe('parsePersonalId: broken numbers name the wrong part', () => {
  it.each<[string, PersonalIdPart[], string, string]>([
    ['04619001234', ['length'], '12 chữ số', '12 digits'],
    ['0461900123456', ['length'], 'đang có 13', 'has 13'],
    ['', ['length'], 'đang có 0', 'has 0'],
    ['003190012345', ['province'], '"003" không phải mã tỉnh', '"003" is not a province code'],
    ['000190012345', ['province'], 'mã tỉnh', 'province'],
    ['097190012345', ['province'], '"097"', '"097"'],
    ['005190012345', ['province'], '"005"', '"005"'],
    ['0a6190012345', ['province'], 'chỉ được là chữ số', 'must be digits'],
    ['046x90012345', ['century_sex'], 'Chữ số thứ 4', 'Digit 4'],
    ['0461a0012345', ['birth_year'], 'Chữ số thứ 5–6', 'Digits 5–6'],
    ['04619001234x', ['serial'], 'Sáu chữ số cuối', 'Digits 7–12'],
    ['046227012345', ['birth_year'], 'năm sinh 2027, ở tương lai', 'birth year 2027, which is in the future'],
    ['046490012345', ['birth_year'], 'năm sinh 2190', '2190'],
    ['046999012345', ['birth_year'], 'năm sinh 2399', '2399'],
    ['003x9001234y', ['province', 'century_sex', 'serial'], 'mã tỉnh', 'province'],
  ])('%s → %j', (id, parts, vi, en) => {
    const r = parsePersonalId(id, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.part)).toEqual(parts);
    expect(r.problems.map((p) => p.message.vi).join(' ')).toContain(vi);
    expect(r.problems.map((p) => p.message.en).join(' ')).toContain(en);
    for (const p of r.problems) {
      expect(p.message.vi).not.toMatch(/\bdigits?\b/);
      expect(p.message.en).not.toContain('chữ số');
    }
  });

  it('refuses a birth year more than 130 years before now', () => {
    const later = new Date('2035-06-01T00:00:00+07:00');
    const r = parsePersonalId('046004012345', later); // 1904, 131 years before 2035
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ part: 'birth_year', positions: [4, 6] });
    expect(parsePersonalId('046005012345', later).ok).toBe(true); // 1905: 130 years
  });
});

const province = fc.constantFrom(...Object.keys(PROVINCE_CODES));
const sex = fc.constantFrom('male' as const, 'female' as const);
const serial = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));
const nowYear = vietnamYear(NOW);
// The scheme starts with the 1900s (digit 4 = 0 or 1).
const birthYear = fc.integer({ min: Math.max(1900, nowYear - 130), max: nowYear });
const person = fc.record({ provinceCode: province, sex, birthYear, serial });

function partAt(position: number): PersonalIdPart {
  return position <= 3 ? 'province' : position === 4 ? 'century_sex' : position <= 6 ? 'birth_year' : 'serial';
}

describe('parsePersonalId: properties', () => {
  it('every well-formed number parses back to the parts it was made of', () => {
    fc.assert(
      fc.property(person, (p) => {
        const r = parsePersonalId(formatPersonalId(p), NOW);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toMatchObject({ provinceCode: p.provinceCode, provinceName: PROVINCE_CODES[p.provinceCode], sex: p.sex, birthYear: p.birthYear, serial: p.serial });
        expect(r.value.century).toBe(Math.floor(p.birthYear / 100) * 100);
      }),
      { numRuns: 2000 },
    );
  });

  it('every single-character change is either reported at the changed position or decodes to exactly what the new digit means', () => {
    const change = fc.record({ at: fc.integer({ min: 0, max: 11 }), to: fc.constantFrom(...'0123456789aO -'.split('')) });
    fc.assert(
      fc.property(person, change, (p, c) => {
        const original = formatPersonalId(p);
        if (original[c.at] === c.to) return;
        const changed = original.slice(0, c.at) + c.to + original.slice(c.at + 1);
        const r = parsePersonalId(changed, NOW);
        const position = c.at + 1;
        if (!/\d/.test(c.to) || (c.at === 0 && c.to === ' ')) {
          // A non-digit is always reported (a leading space is trimmed and leaves 11 characters: a length problem).
          expect(r.ok).toBe(false);
        }
        if (!r.ok) {
          expect(r.problems.some((pr) => pr.positions[0] <= position && position <= pr.positions[1])).toBe(true);
          return;
        }
        // Accepted: only the field the changed digit belongs to may differ, and it says what the digit says.
        const before = parsePersonalId(original, NOW);
        if (!before.ok) throw new Error('generated number must be valid');
        const part = partAt(position);
        const { century, sex: newSex } = centuryAndSex(Number(changed[3]));
        expect(r.value.provinceCode).toBe(part === 'province' ? changed.slice(0, 3) : before.value.provinceCode);
        expect(PROVINCE_CODES[r.value.provinceCode]).toBe(r.value.provinceName);
        expect(r.value.sex).toBe(part === 'century_sex' ? newSex : before.value.sex);
        expect(r.value.birthYear).toBe(century + Number(changed.slice(4, 6)));
        expect(r.value.serial).toBe(changed.slice(6));
        if (part !== 'century_sex' && part !== 'birth_year') expect(r.value.birthYear).toBe(before.value.birthYear);
      }),
      { numRuns: 5000 },
    );
  });

  it('any number accepted has a known province and a birth year within 130 years of now', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (s) => {
        const r = parsePersonalId(s, NOW);
        const expectOk = !!PROVINCE_CODES[s.slice(0, 3)] && (() => {
          const y = centuryAndSex(Number(s[3])).century + Number(s.slice(4, 6));
          return y <= nowYear && y >= nowYear - 130;
        })();
        expect(r.ok).toBe(expectOk);
      }),
      { numRuns: 3000 },
    );
  });
});
