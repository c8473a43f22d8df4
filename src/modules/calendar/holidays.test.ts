import { describe, expect, it } from 'vitest';
import { CalendarError } from './errors.js';
import { CULTURE_DAY_FROM_YEAR, generateYear, nationalDayAdjacent, statutoryHolidays } from './holidays.js';
import { loadShippedYears } from './load.js';
import { CalendarYear } from './schema.js';

const brief = (year: number) => statutoryHolidays(year).map((h) => `${h.date} ${h.kind}`);

describe('statutoryHolidays', () => {
  it('suggests the 2026 days (Tết eve on 29 Chạp, Giỗ Tổ on a Sunday, 24/11)', () => {
    expect(brief(2026)).toEqual([
      '2026-01-01 holiday',
      '2026-02-16 holiday',
      '2026-02-17 holiday',
      '2026-02-18 holiday',
      '2026-02-19 holiday',
      '2026-02-20 holiday',
      '2026-04-26 holiday',
      '2026-04-27 day_off_in_lieu',
      '2026-04-30 holiday',
      '2026-05-01 holiday',
      '2026-09-01 holiday',
      '2026-09-02 holiday',
      '2026-11-24 holiday',
    ]);
  });

  it('suggests 2027: Tết 6/2 on a Saturday, so two days in lieu after mùng 4; Giỗ Tổ 16/4', () => {
    expect(brief(2027)).toEqual([
      '2027-01-01 holiday',
      '2027-02-05 holiday', // 29 tháng Chạp, Friday
      '2027-02-06 holiday', // mùng 1, Saturday
      '2027-02-07 holiday', // mùng 2, Sunday
      '2027-02-08 holiday',
      '2027-02-09 holiday',
      '2027-02-10 day_off_in_lieu', // for Saturday 6/2 (8/2 and 9/2 are already Tết)
      '2027-02-11 day_off_in_lieu', // for Sunday 7/2
      '2027-04-16 holiday',
      '2027-04-30 holiday',
      '2027-05-01 holiday', // Saturday
      '2027-05-03 day_off_in_lieu',
      '2027-09-02 holiday', // Thursday
      '2027-09-03 holiday', // Friday joins the weekend
      '2027-11-24 holiday',
    ]);
  });

  it('names days in Vietnamese with diacritics and in English', () => {
    const byDate = new Map(statutoryHolidays(2027).map((h) => [h.date, h]));
    expect(byDate.get('2027-02-05')).toMatchObject({ name: 'Tết Nguyên đán (29 tháng Chạp)' });
    expect(byDate.get('2027-02-06')).toMatchObject({
      name: 'Tết Nguyên đán (mùng 1 tháng Giêng)',
      nameEn: 'Lunar New Year (1st day of the 1st lunar month)',
    });
    expect(byDate.get('2027-04-16')).toMatchObject({ name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
    expect(byDate.get('2027-11-24')).toMatchObject({ name: 'Ngày Văn hóa Việt Nam (24/11)', nameEn: 'Vietnamese Culture Day (24 November)' });
    expect(byDate.get('2027-05-03')).toMatchObject({ kind: 'day_off_in_lieu', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5)' });
  });

  it.each([
    [2024, '2024-02-09', 30],
    [2025, '2025-01-28', 29],
    [2026, '2026-02-16', 29],
    [2027, '2027-02-05', 29],
  ])('the Tết eve of %i is %s, the %i of tháng Chạp', (year, eve, day) => {
    const first = statutoryHolidays(year).find((h) => h.name.startsWith('Tết Nguyên đán'));
    expect(first?.date).toBe(eve);
    expect(first?.name).toBe(`Tết Nguyên đán (${day} tháng Chạp)`);
  });

  it('gives 11 statutory days a year (Art.112), 12 from 2026 (24/11)', () => {
    for (const year of [2021, 2025, 2026, 2030, 2045]) {
      const holidays = statutoryHolidays(year).filter((h) => h.kind === 'holiday');
      expect(holidays).toHaveLength(year >= CULTURE_DAY_FROM_YEAR ? 12 : 11);
    }
  });

  it('gives exactly one day in lieu per weekend holiday, on a weekday that is not a holiday', () => {
    for (let year = 2021; year <= 2060; year++) {
      const all = statutoryHolidays(year);
      const dates = all.map((h) => h.date);
      expect(new Set(dates).size).toBe(dates.length);
      const weekend = all.filter((h) => h.kind === 'holiday' && [0, 6].includes(new Date(`${h.date}T00:00Z`).getUTCDay()));
      const inLieu = all.filter((h) => h.kind === 'day_off_in_lieu');
      expect(inLieu).toHaveLength(weekend.length);
      for (const d of inLieu) {
        expect([1, 2, 3, 4, 5]).toContain(new Date(`${d.date}T00:00Z`).getUTCDay());
        expect(d.date.startsWith(String(year))).toBe(true);
      }
    }
  });

  it('puts 1/1 on a Sunday in lieu on Monday 2/1 (2023)', () => {
    expect(brief(2023).slice(0, 2)).toEqual(['2023-01-01 holiday', '2023-01-02 day_off_in_lieu']);
  });

  it.each([1900, 2200, 2026.5])('refuses year %s', (year) => {
    expect(() => statutoryHolidays(year)).toThrow(CalendarError);
  });
});

describe('nationalDayAdjacent: the day next to 2/9 that joins a weekend, else 1/9', () => {
  it.each([
    [2022, 'Fri', '2022-09-01'],
    [2023, 'Sat', '2023-09-01'],
    [2024, 'Mon', '2024-09-03'],
    [2025, 'Tue', '2025-09-01'],
    [2026, 'Wed', '2026-09-01'],
    [2027, 'Thu', '2027-09-03'],
    [2029, 'Sun', '2029-09-03'],
  ])('%i (2/9 is a %s) → %s', (year, _weekday, expected) => {
    expect(nationalDayAdjacent(year)).toBe(expected);
  });

  it('2/9/2029 on a Sunday: 3/9 is the adjacent holiday and 2/9 is compensated on Tuesday 4/9', () => {
    expect(brief(2029).filter((d) => d.startsWith('2029-09'))).toEqual([
      '2029-09-02 holiday',
      '2029-09-03 holiday',
      '2029-09-04 day_off_in_lieu',
    ]);
  });
});

describe('generateYear', () => {
  it('returns a document in the shipped JSON shape for an admin to confirm', () => {
    const doc = generateYear(2027);
    expect(CalendarYear.parse(doc)).toEqual(doc);
    expect(doc.year).toBe(2027);
    expect(doc.source).toMatch(/Bộ luật Lao động 2019/);
    expect(doc.days.find((d) => d.name.includes('mùng 1'))?.date).toBe('2027-02-06');
    expect(doc.days.find((d) => d.name.startsWith('Giỗ Tổ'))?.date).toBe('2027-04-16');
  });
});

describe('suggestions against the official shipped schedules', () => {
  const shipped = new Map(loadShippedYears().map((y) => [y.year, new Map(y.days.map((d) => [d.date, d.kind]))]));

  it('2026: every suggestion is in the official schedule with the same kind; the official one adds swaps only', () => {
    const official = shipped.get(2026);
    for (const s of statutoryHolidays(2026)) expect(official?.get(s.date), s.date).toBe(s.kind);
    const extra = [...(official ?? [])].filter(([date]) => !statutoryHolidays(2026).some((s) => s.date === date));
    expect(extra.map(([, kind]) => kind).sort()).toEqual(['day_off', 'day_off', 'working_day', 'working_day']);
  });

  it('2025: the Prime Minister placed Tết on 28 Chạp–mùng 3 instead of 29 Chạp–mùng 4 + a day in lieu', () => {
    const official = shipped.get(2025);
    const differing = statutoryHolidays(2025)
      .filter((s) => official?.get(s.date) !== s.kind)
      .map((s) => `${s.date} ${s.kind}`);
    expect(differing).toEqual(['2025-02-01 holiday', '2025-02-03 day_off_in_lieu']);
    expect(official?.get('2025-01-27')).toBe('holiday');
  });
});
