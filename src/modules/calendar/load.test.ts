import { describe, expect, it } from 'vitest';
import { loadShippedSchedules, loadShippedYears, shippedYears } from './load.js';
import { weekdayOf } from './time.js';

describe('shipped official schedules (data/calendar/*.json)', () => {
  it('ships 2025 and 2026', () => {
    expect(shippedYears()).toEqual([2025, 2026]);
    expect(loadShippedYears().map((y) => y.year)).toEqual([2025, 2026]);
  });

  it('records a source for each year', () => {
    for (const y of loadShippedYears()) expect(y.source.length).toBeGreaterThan(40);
  });

  it('returns every entry sorted by date, with a Vietnamese and an English name', () => {
    const days = loadShippedSchedules();
    expect(days.length).toBe(30);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    for (const d of days) {
      expect(d.name).not.toBe(d.nameEn);
      expect(d.nameEn).toMatch(/^[\x20-\x7e]+$/); // English names are plain ASCII
    }
  });

  it('has swapped working days only on weekends and days off only on weekdays', () => {
    for (const d of loadShippedSchedules()) {
      const wd = weekdayOf(d.date);
      if (d.kind === 'working_day') expect([0, 6]).toContain(wd);
      if (d.kind === 'day_off' || d.kind === 'day_off_in_lieu') expect([1, 2, 3, 4, 5]).toContain(wd);
    }
  });

  it('balances each swap: as many days off as weekend days worked', () => {
    for (const y of loadShippedYears()) {
      const count = (kind: string) => y.days.filter((d) => d.kind === kind).length;
      expect(count('day_off'), String(y.year)).toBe(count('working_day'));
    }
  });

  it('lists the 2026 Tết weekdays 16–20/2 and the 2026 day off in lieu 27/4', () => {
    const byDate = new Map(loadShippedSchedules().map((d) => [d.date, d]));
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(byDate.get(date)?.kind).toBe('holiday');
    }
    expect(byDate.get('2026-04-27')).toMatchObject({ kind: 'day_off_in_lieu', name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)' });
    expect(byDate.get('2026-11-24')).toMatchObject({ kind: 'holiday', name: 'Ngày Văn hóa Việt Nam (24/11)' });
  });
});
