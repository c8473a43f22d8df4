// Reading the national catalogue's records: every procedure of data/procedures.json, published by the simulator
// in the portal's shape and read back, is the same catalogue content (so an unchanged catalogue makes no new
// version); odd units stay unset, and broken records are rejected with their reason.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../catalogue/importer.js';
import { toPortalRecord } from '../../../simulators/national-portal.js';
import { fromPortalRecord } from './catalogue-record.js';
import { readPortalCatalogue } from './catalogue-sync.js';

const file = JSON.parse(fs.readFileSync(new URL('../../../../data/procedures.json', import.meta.url), 'utf8')) as { procedures: Array<Record<string, any>> };

describe('fromPortalRecord', () => {
  it('reads back all 198 procedures of the national file without losing anything', () => {
    const direct = parseCatalogue(file.procedures);
    const viaPortal = readPortalCatalogue(file.procedures.map(toPortalRecord));
    expect(viaPortal.rejected).toEqual([]);
    expect(viaPortal.procedures).toHaveLength(198);
    expect(viaPortal.procedures).toEqual(direct.procedures);
    expect(viaPortal.warnings.length).toBe(direct.warnings.length);
  });

  const base = toPortalRecord(file.procedures.find((p) => p.code === '2.000908')!);
  const withUnit = (unit: string | null) => ({
    ...base,
    CACHTHUCTHUCHIEN: [{ KENH: 1, MOTA: null, THOIGIAN: [{ THOIGIANGIAIQUYET: 3, DONVITINH: unit, MOTA: `3 ${unit ?? ''}`, PHILEPHI: [] }] }],
  });

  it.each([
    ['Ngày làm việc', 'working_day'],
    ['ngày làm việc', 'working_day'],
    ['Ngày', 'day'],
    ['Giờ', 'hour'],
    ['Giờ làm việc', 'hour'],
    ['Tháng', 'month'],
    ['Trong ngày', 'same_day'],
    [null, null],
    ['', null],
    ['Tuần', null],
  ])('DONVITINH %j → %j', (text, unit) => {
    const c = fromPortalRecord(withUnit(text));
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect((c.record.channels as Array<{ timeLimit: { unit: string | null } }>)[0]!.timeLimit.unit).toBe(unit);
    expect(c.warnings.length).toBe(text === 'Tuần' ? 1 : 0);
  });

  it('reads grouped channels (several THOIGIAN under one KENH) in order', () => {
    const c = fromPortalRecord({
      ...base,
      CACHTHUCTHUCHIEN: [
        { KENH: 2, MOTA: 'Nộp trên Cổng', THOIGIAN: [{ THOIGIANGIAIQUYET: 1, DONVITINH: 'Ngày làm việc', MOTA: '1 Ngày làm việc', PHILEPHI: [{ SOTIEN: 8000, DONVI: 'VND', MOTA: '8.000 đồng' }] }, { THOIGIANGIAIQUYET: 2, DONVITINH: 'Ngày', MOTA: null }] },
        { KENH: 3, THOIGIAN: [{ THOIGIANGIAIQUYET: null, DONVITINH: null }] },
      ],
    });
    expect(c.ok && c.record.channels).toEqual([
      { channel: 'online', timeLimit: { value: 1, unit: 'working_day', text: '1 Ngày làm việc' }, fee: { amount: 8000, currency: 'VND', text: '8.000 đồng' }, description: 'Nộp trên Cổng' },
      { channel: 'online', timeLimit: { value: 2, unit: 'day', text: null }, fee: null, description: 'Nộp trên Cổng' },
      { channel: 'postal', timeLimit: { value: null, unit: null, text: null }, fee: null, description: null },
    ]);
  });

  it.each([
    ['no MATTHC', { ...base, MATTHC: undefined }, 'MATTHC'],
    ['no field', { ...base, LINHVUCTHUCHIEN: [] }, 'LINHVUCTHUCHIEN'],
    ['an unknown channel', { ...base, CACHTHUCTHUCHIEN: [{ KENH: 7, THOIGIAN: [{ THOIGIANGIAIQUYET: 1, DONVITINH: 'Ngày' }] }] }, 'CACHTHUCTHUCHIEN.0.KENH'],
    ['a negative number of copies', { ...base, THANHPHANHOSO: [{ GIAYTO: [{ TENGIAYTO: 'Tờ khai', SOBANCHINH: 1, SOBANSAO: -1 }] }] }, 'THANHPHANHOSO.0.GIAYTO.0.SOBANSAO'],
    ['not an object', 'MATTHC', 'record'],
  ])('rejects a record with %s, naming the field', (_what, raw, field) => {
    const c = fromPortalRecord(raw);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.message.vi).toContain(field);
    expect(c.message.en).toContain(field);
  });
});

describe('readPortalCatalogue', () => {
  it('keeps each rejection at its index in the portal list, from either check', () => {
    const good = toPortalRecord(file.procedures[0]!);
    const noChannels = { ...toPortalRecord(file.procedures[1]!), CACHTHUCTHUCHIEN: [] }; // the importer's rule
    const broken = { MATTHC: 'X.1', TENTTHC: 'Thủ tục hỏng' }; // the portal record's shape
    const r = readPortalCatalogue([broken, good, noChannels]);
    expect(r.procedures.map((p) => p.code)).toEqual([file.procedures[0]!.code]);
    expect(r.rejected.map((x) => [x.index, x.code])).toEqual([
      [0, 'X.1'],
      [2, file.procedures[1]!.code],
    ]);
    expect(r.rejected[1]!.message.vi).toContain('cách thức thực hiện');
  });
});
