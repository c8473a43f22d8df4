import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  attributeUnits,
  carryOverAdminChoices,
  changedFields,
  contentOf,
  sameContent,
  setTimeLimit,
  type ChannelInfo,
  type ProcedureContent,
} from './domain.js';
import { parseCatalogue, recordToContent, ProcedureRecord } from './importer.js';
import { readDataFile } from '../../seed.js';

const file = readDataFile('procedures.json') as { procedures: Array<{ code: string }> };
const parsed = parseCatalogue(file);
const byCode = (code: string) => structuredClone(parsed.procedures.find((p) => p.code === code)!);

/** What jsonb does to an object: same content, keys in another order. */
function reorderKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reorderKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorderKeys(v)])) as T;
  }
  return value;
}

describe('the national file', () => {
  it('parses every record of procedures.json with no rejection', () => {
    expect(parsed.rejected).toEqual([]);
    expect(parsed.procedures).toHaveLength(198);
  });

  it('keeps a time limit without a unit unset and warns, never guessing', () => {
    const p = byCode('1.000094');
    expect(p.channels.every((c) => c.timeLimit.unit === null && c.timeLimit.unitSetBy === null)).toBe(true);
    expect(parsed.warnings.some((w) => w.code === '1.000094' && w.message.includes('has no unit'))).toBe(true);
  });

  it('honours `required` and `onlineLevel` when a file states them (a file exported from MotCua)', () => {
    const raw = structuredClone(file.procedures.find((p) => p.code === '1.003583')!) as unknown as Record<string, unknown> & { components: Array<Record<string, unknown>> };
    raw.components[0]!.required = false;
    raw.onlineLevel = 'none';
    const content = recordToContent(ProcedureRecord.parse(raw));
    expect(content.components[0]!.required).toBe(false);
    expect(content.onlineLevel).toBe('none');
  });
});

describe('sameContent', () => {
  it('is blind to key order (jsonb reorders keys) and to version metadata', () => {
    const p = byCode('1.001193');
    const fromDb = { ...reorderKeys(p), procedureId: 1, versionId: 7, version: 3 } as ProcedureContent;
    expect(sameContent(contentOf(fromDb), p)).toBe(true);
  });

  it.each([
    ['name', (p: ProcedureContent) => void (p.name = `${p.name} (mới)`)],
    ['channels', (p: ProcedureContent) => void (p.channels[0]!.fee.amount = 1000)],
    ['components', (p: ProcedureContent) => void (p.components[0]!.required = !p.components[0]!.required)],
    ['onlineLevel', (p: ProcedureContent) => void (p.onlineLevel = 'full')],
    ['steps', (p: ProcedureContent) => void (p.steps = null)],
  ])('sees a change of %s', (field, change) => {
    const a = byCode('1.001193');
    const b = byCode('1.001193');
    change(b);
    expect(sameContent(a, b)).toBe(false);
    expect(changedFields(a, b)).toEqual([field]);
  });
});

describe('applyPatch', () => {
  it('changes only what the patch names', () => {
    const current = byCode('1.001193');
    const key = current.components[3]!.key;
    const r = applyPatch(current, { name: 'Tên mới', components: [{ key, required: false, note: 'nếu có' }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(changedFields(current, r.content)).toEqual(['name', 'components']);
    expect(r.content.components[3]).toEqual({ ...current.components[3], required: false, note: 'nếu có' });
    expect(r.content.components.filter((_, i) => i !== 3)).toEqual(current.components.filter((_, i) => i !== 3));
  });

  it('adds components with fresh keys and the required rule, and removes by key', () => {
    const current = byCode('1.000656');
    const gone = current.components[0]!.key;
    const r = applyPatch(current, {
      removeComponents: [gone],
      addComponents: [
        { name: 'Giấy báo tử', originals: 1, copies: 0 },
        { name: 'Giấy ủy quyền', originals: 1, copies: 0, note: 'nếu có' },
      ],
    });
    if (!r.ok) throw new Error(r.reason.en);
    const keys = r.content.components.map((c) => c.key);
    expect(keys).not.toContain(gone);
    expect(new Set(keys).size).toBe(keys.length);
    expect(r.content.components.slice(-2).map((c) => c.required)).toEqual([true, false]);
  });

  it('names the bad key relative to the patch', () => {
    const r = applyPatch(byCode('1.000656'), { components: [{ key: 'c1-aaaaaa', required: true }] });
    expect(r).toMatchObject({ ok: false, field: 'components.0.key' });
  });

  it('recomputes the online level when channels change, unless the patch sets it', () => {
    const current = byCode('2.000908'); // online, postal, counter → partial
    const counterOnly = current.channels.filter((c) => c.channel === 'counter');
    const r = applyPatch(current, { channels: counterOnly });
    expect(r.ok && r.content.onlineLevel).toBe('none');
    const full = applyPatch(current, { onlineLevel: 'full' });
    expect(full.ok && full.content.onlineLevel).toBe('full');
    const impossible = applyPatch(current, { channels: counterOnly, onlineLevel: 'full' });
    expect(impossible).toMatchObject({ ok: false, field: 'onlineLevel' });
  });
});

describe('time limits set by an admin', () => {
  it('setTimeLimit sets the first row of the channel and says who set it', () => {
    const p = byCode('1.000094');
    const next = setTimeLimit(p, 'online', 0, { value: 3, unit: 'working_day' })!;
    const online = next.channels.find((c) => c.channel === 'online')!;
    expect(online.timeLimit).toEqual({ value: 3, unit: 'working_day', text: '3', unitSetBy: 'admin' });
    expect(next.channels.filter((c) => c.channel !== 'online')).toEqual(p.channels.filter((c) => c.channel !== 'online'));
    expect(setTimeLimit(p, 'online', 1, { value: 3, unit: 'day' })).toBeNull();
    expect(setTimeLimit(byCode('1.003583'), 'online', 0, { value: 3, unit: 'day' })).toBeNull();
  });

  it('attributeUnits keeps the attribution of a repeated row and credits the admin for a changed one', () => {
    const current = byCode('2.000908').channels;
    const next: ChannelInfo[] = structuredClone(current);
    next[1]!.timeLimit.value = 2;
    expect(attributeUnits(next, current).map((c) => c.timeLimit.unitSetBy)).toEqual(['source', 'admin', 'source']);
  });

  it('a re-import keeps a unit an admin set while the source still lacks it, and yields when the source gains it', () => {
    const source = byCode('1.000094');
    const fixed = setTimeLimit(source, 'counter', 0, { value: 3, unit: 'working_day' })!;
    const reimported = carryOverAdminChoices(byCode('1.000094'), fixed);
    expect(sameContent(reimported, fixed)).toBe(true);

    const corrected = byCode('1.000094');
    const counter = corrected.channels.find((c) => c.channel === 'counter')!;
    counter.timeLimit = { value: 5, unit: 'day', text: '5 Ngày', unitSetBy: 'source' };
    const after = carryOverAdminChoices(corrected, fixed);
    expect(after.channels.find((c) => c.channel === 'counter')!.timeLimit).toEqual({ value: 5, unit: 'day', text: '5 Ngày', unitSetBy: 'source' });
  });

  it('a re-import keeps the required flag and online level an admin chose', () => {
    const source = byCode('1.001193');
    const edited = { ...byCode('1.001193'), onlineLevel: 'full' as const };
    edited.components[1]!.required = !edited.components[1]!.required;
    expect(sameContent(carryOverAdminChoices(source, edited), edited)).toBe(true);
    // a changed set of channels lets the file's online level through
    const noOnline = { ...source, channels: source.channels.filter((c) => c.channel !== 'online'), onlineLevel: 'none' as const };
    expect(carryOverAdminChoices(noOnline, edited).onlineLevel).toBe('none');
  });
});
