// The fee lines of a procedure at a unit and the unit's beneficiary account, through the HTTP API: who may read
// and set them, the catalogue's default, the checks on bad input, the audit entry. And request_fee's two forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/app.js';
import { ActionInputs } from '../../dossiers/transitions.js';
import { catalogueDefaultLines } from './fee-lines.js';

let t: TestApp;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['tiepnhan.vinhloc', 'quantri.vinhloc', 'quantri.phuvang', 'admin', 'chuyenvien.vinhloc']) c[u] = await t.login(u);
});
afterAll(async () => t?.close());

const LINES = [
  { code: 'LP01', name: 'Lệ phí cấp bản sao trích lục', kind: 'charge', amount: 8_000 },
  { code: 'P02', name: 'Phí sao y', kind: 'fee', amount: 2_000, active: false },
];

describe('fee lines of a procedure at a unit', () => {
  it('offers the catalogue fee when the unit has set no lines, and nothing for a free procedure', async () => {
    const paid = await c['tiepnhan.vinhloc']!.get('/api/procedures/2.000815/fee-lines?unit=20122');
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ source: 'catalogue', unit: { code: '20122' }, procedure: { code: '2.000815' } });
    expect(paid.json().lines).toEqual([expect.objectContaining({ code: 'P01', kind: 'fee', amount: 2_000, active: true })]);
    const free = await c['tiepnhan.vinhloc']!.get('/api/procedures/2.000908/fee-lines');
    expect(free.json()).toMatchObject({ source: 'none', lines: [] });
  });

  it('lets the unit admin set them, in order, with an audit entry', async () => {
    const res = await c['quantri.vinhloc']!.put('/api/procedures/2.000908/fee-lines?unit=20122', { lines: LINES });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().source).toBe('unit');
    expect(res.json().lines.map((l: { code: string; active: boolean }) => [l.code, l.active])).toEqual([
      ['LP01', true],
      ['P02', false],
    ]);
    const read = await c['tiepnhan.vinhloc']!.get('/api/procedures/2.000908/fee-lines?unit=20122');
    expect(read.json().lines).toHaveLength(2);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'procedure.fee_lines_set').execute();
    expect(audit).toEqual([{ action: 'procedure.fee_lines_set', entity_id: '2.000908' }]);
    // Another unit still sees its own (none).
    const other = await c['quantri.phuvang']!.get('/api/procedures/2.000908/fee-lines?unit=19942');
    expect(other.json().lines).toEqual([]);
  });

  it('replaces the whole list on the next save', async () => {
    const res = await c['quantri.vinhloc']!.put('/api/procedures/2.000908/fee-lines?unit=20122', { lines: [LINES[0]] });
    expect(res.json().lines.map((l: { code: string }) => l.code)).toEqual(['LP01']);
  });

  it('refuses officials who are not admins of that unit', async () => {
    expect((await c['tiepnhan.vinhloc']!.put('/api/procedures/2.000908/fee-lines?unit=20122', { lines: LINES })).statusCode).toBe(403);
    expect((await c['quantri.phuvang']!.put('/api/procedures/2.000908/fee-lines?unit=20122', { lines: LINES })).statusCode).toBe(403);
    expect((await c['quantri.phuvang']!.get('/api/procedures/2.000908/fee-lines?unit=20122')).statusCode).toBe(403);
    // The system admin covers every unit.
    expect((await c.admin!.put('/api/procedures/2.000908/fee-lines?unit=19942', { lines: [LINES[0]] })).statusCode).toBe(200);
    // Lines belong to a commune: the province is refused, by name.
    const province = await c.admin!.get('/api/procedures/2.000908/fee-lines');
    expect(province.statusCode).toBe(400);
    expect(province.json().field).toBe('unit');
  });

  it('names the field of bad input and changes nothing', async () => {
    const before = await t.ctx.db.selectFrom('procedure_fee_lines').selectAll().execute();
    const dup = await c['quantri.vinhloc']!.put('/api/procedures/2.000908/fee-lines?unit=20122', { lines: [LINES[0], { ...LINES[1], code: 'LP01' }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().field).toBe('body.lines.1.code');
    expect(dup.json().message.vi).toContain('bị lặp');
    const negative = await c['quantri.vinhloc']!.put('/api/procedures/2.000908/fee-lines?unit=20122', { lines: [{ ...LINES[0], amount: -1 }] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().field).toBe('body.lines.0.amount');
    const badCode = await c['quantri.vinhloc']!.put('/api/procedures/2.000908/fee-lines?unit=20122', { lines: [{ ...LINES[0], code: 'lệ phí' }] });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().field).toBe('body.lines.0.code');
    const unknown = await c['quantri.vinhloc']!.put('/api/procedures/9.999999/fee-lines?unit=20122', { lines: [] });
    expect(unknown.statusCode).toBe(404);
    expect(await t.ctx.db.selectFrom('procedure_fee_lines').selectAll().execute()).toEqual(before);
  });
});

describe('the unit’s beneficiary account', () => {
  it('is empty at first, set by the unit admin, checked, and read back', async () => {
    const empty = await c['quantri.vinhloc']!.get('/api/payments/accounts/20122');
    expect(empty.json().account).toBeNull();
    const bad = await c['quantri.vinhloc']!.put('/api/payments/accounts/20122', { platformUnit: '000.00.01.H46', accountNo: '12', bankCode: 'VCB', accountName: 'UBND xã Vinh Lộc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.accountNo');
    const ok = await c['quantri.vinhloc']!.put('/api/payments/accounts/20122', { platformUnit: '000.00.01.H46', accountNo: '0123456789', bankCode: 'VCB', accountName: 'UBND xã Vinh Lộc' });
    expect(ok.statusCode, ok.body).toBe(200);
    const read = await c['quantri.vinhloc']!.get('/api/payments/accounts/20122');
    expect(read.json().account).toMatchObject({ accountNo: '0123456789', bankCode: 'VCB' });
    expect((await c['tiepnhan.vinhloc']!.put('/api/payments/accounts/20122', { platformUnit: 'X', accountNo: '0123456789', bankCode: 'VCB', accountName: 'Ai đó' })).statusCode).toBe(403);
    expect((await c['quantri.phuvang']!.get('/api/payments/accounts/20122')).statusCode).toBe(403);
  });
});

describe('request_fee input', () => {
  const parse = (v: unknown) => ActionInputs.request_fee.safeParse(v);

  it('keeps the { amount, description } form', () => {
    expect(parse({ amount: 8000, description: 'Lệ phí' })).toMatchObject({ success: true, data: { amount: 8000, description: 'Lệ phí', lines: [] } });
  });

  it('takes lines: the amount is their sum, the description their names', () => {
    const r = parse({ lines: [LINES[0], { code: 'P02', name: 'Phí sao y', kind: 'fee', amount: 2000 }] });
    expect(r).toMatchObject({ success: true, data: { amount: 10_000, description: 'Lệ phí cấp bản sao trích lục; Phí sao y' } });
    // What the route parsed parses again to the same thing in the service.
    expect(parse(r.data).data).toEqual(r.data);
  });

  it('refuses an amount that is not the sum, repeated codes, and nothing at all', () => {
    expect(parse({ amount: 1, lines: [LINES[0]] }).error?.issues[0]?.path).toEqual(['amount']);
    expect(parse({ lines: [LINES[0], LINES[0]] }).error?.issues[0]?.path).toEqual(['lines']);
    expect(parse({}).error?.issues.map((i) => i.path[0])).toEqual(['amount', 'description']);
  });

  it('derives the catalogue default line and its kind from the catalogue text', () => {
    const ch = (amount: number | null, currency: string | null, text: string) => ({ channel: 'counter' as const, timeLimit: { value: 1, unit: 'working_day' as const, text: null, unitSetBy: null }, fee: { amount, currency, text }, description: null });
    expect(catalogueDefaultLines('Thủ tục cấp bản sao', [ch(0, null, 'Miễn phí')])).toEqual([]);
    expect(catalogueDefaultLines('Cấp lại thẻ', [ch(10, 'USD', '10 USD'), ch(70_000, 'VND', '70,000 Việt Nam Đồng (lệ phí)')])).toEqual([{ code: 'LP01', name: 'Lệ phí cấp lại thẻ', kind: 'charge', amount: 70_000 }]);
    expect(catalogueDefaultLines('Thủ tục chứng thực', [ch(2000, 'VND', '2,000 Việt Nam Đồng(/trang)')])[0]).toMatchObject({ code: 'P01', name: 'Phí chứng thực', kind: 'fee' });
  });
});
