// The population database simulator: records consistent with the number, the same person every time, 404 for
// numbers it does not hold, 400 for malformed ones, 401 without the token, and injected faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZENS, DEMO_CITIZEN_IDS, holdsCitizen, simulatedCitizen, startPopulationSimulator, type RunningPopulationSimulator } from './population.js';
import { CitizenRecord, toApplicantFields } from '../modules/integrations/population/record.js';
import { formatPersonalId, parsePersonalId, PROVINCE_CODES } from '../modules/integrations/population/personal-id.js';
import { readDataFile } from '../seed.js';

const NOW = new Date('2026-11-23T09:00:00+07:00');
let sim: RunningPopulationSimulator;
const get = (id: string, token: string | null = sim.token) =>
  fetch(`${sim.url}/citizens/${id}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  sim = await startPopulationSimulator({ token: 'test-token', now: () => NOW });
});
afterAll(async () => sim?.close());

const hue = (readDataFile('units-2025.json') as { provinces: Array<{ code: string; communes: Array<{ code: string; name: string }> }> }).provinces.find((p) => p.code === '46')!;
const hueCommunes = new Map(hue.communes.map((c) => [c.code, c.name]));

/** A spread of numbers over provinces, sexes and birth years. */
function sampleIds(n: number): string[] {
  const codes = Object.keys(PROVINCE_CODES);
  return Array.from({ length: n }, (_, i) =>
    formatPersonalId({ provinceCode: codes[(i * 7) % codes.length]!, sex: i % 2 ? 'female' : 'male', birthYear: 1930 + ((i * 13) % 97), serial: String(100_000 + i * 37).padStart(6, '0') }),
  );
}

describe('records', () => {
  it('are consistent with the number: birth year, sex, Huế residence, card after 14, parents', () => {
    let held = 0;
    for (const id of sampleIds(300)) {
      const r = simulatedCitizen(id, NOW);
      if (!r) continue;
      held += 1;
      expect(CitizenRecord.parse(r)).toEqual(r);
      const p = parsePersonalId(id, NOW);
      if (!p.ok) throw new Error('sample must be valid');
      expect(r.SoDinhDanh).toBe(id);
      expect(Number(r.NgaySinh.slice(0, 4))).toBe(p.value.birthYear);
      const birth = new Date(`${r.NgaySinh.slice(0, 4)}-${r.NgaySinh.slice(4, 6)}-${r.NgaySinh.slice(6)}T00:00:00+07:00`);
      expect(Number.isNaN(birth.getTime())).toBe(false);
      expect(birth.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(r.GioiTinh).toBe(p.value.sex === 'male' ? '1' : '2');
      // Vietnamese names with diacritics; women of the royal line are Tôn Nữ, and "Thị" is never a man's middle name.
      expect(r.HoVaTen.split(' ').length).toBeGreaterThanOrEqual(3);
      if (p.value.sex === 'male') expect(r.HoVaTen).not.toMatch(/ Thị |Tôn Nữ/);
      expect(r.HoTenCha!.split(' ')[0]).toBe(r.HoVaTen.startsWith('Tôn Nữ') ? 'Tôn' : r.HoVaTen.split(' ')[0]);
      expect(r.HoTenMe!.split(' ')[0]).not.toBe(r.HoTenCha!.split(' ')[0]);
      for (const a of [r.NoiThuongTru, r.NoiOHienTai]) {
        expect(a.MaTinh).toBe('46');
        expect(a.TenTinh).toBe('Thành phố Huế');
        expect(hueCommunes.get(a.MaXa!)).toBe(a.TenXa);
      }
      if (id.startsWith('046')) expect(hueCommunes.get(r.QueQuan.MaXa!)).toBe(r.QueQuan.TenXa);
      else expect(r.QueQuan.TenTinh).toContain(PROVINCE_CODES[id.slice(0, 3)]!);
      const age = 2026 - p.value.birthYear;
      if (age < 14) expect(r.NgayCapCCCD).toBeNull();
      if (r.NgayCapCCCD) {
        expect(Number(r.NgayCapCCCD.slice(0, 4))).toBeGreaterThanOrEqual(Math.max(2016, p.value.birthYear + 14));
        expect(r.NgayCapCCCD <= '20261123').toBe(true);
        expect(r.NoiCapCCCD).toBe(r.NgayCapCCCD >= '20240701' ? 'Bộ Công an' : 'Cục Cảnh sát quản lý hành chính về trật tự xã hội');
      }
      if (age < 18) expect(r.TinhTrangHonNhan).toBe('Chưa kết hôn');
      expect(r.QuocTich).toBe('Việt Nam');
    }
    // About one number in ten is not held.
    expect(held).toBeGreaterThan(240);
    expect(held).toBeLessThan(300);
  });

  it('are the same person for the same number, and another person with another seed', () => {
    const id = DEMO_CITIZEN_IDS[0]!;
    expect(simulatedCitizen(id, NOW)).toEqual(simulatedCitizen(id, NOW));
    const names = new Set(DEMO_CITIZEN_IDS.map((d) => simulatedCitizen(d, NOW)!.HoVaTen));
    expect(names.size).toBeGreaterThan(1);
    const seeds = new Set(['a', 'b', 'c', 'd', 'e'].map((s) => JSON.stringify(simulatedCitizen(id, NOW, s))));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('always hold the demo numbers, each living in its demo commune', () => {
    for (const { idNumber, communeCode } of DEMO_CITIZENS) {
      expect(holdsCitizen(idNumber)).toBe(true);
      expect(simulatedCitizen(idNumber, NOW)!.NoiThuongTru.MaXa).toBe(communeCode);
    }
  });

  it('map to MotCua applicant fields', () => {
    const r = simulatedCitizen(DEMO_CITIZEN_IDS[0]!, NOW)!;
    const a = toApplicantFields(r);
    expect(a).toMatchObject({ kind: 'citizen', idNumber: r.SoDinhDanh, name: r.HoVaTen, sex: 'male' });
    expect(a.birthDate).toBe(`${r.NgaySinh.slice(0, 4)}-${r.NgaySinh.slice(4, 6)}-${r.NgaySinh.slice(6)}`);
    expect(a.address).toBe(`${r.NoiThuongTru.ChiTiet}, ${r.NoiThuongTru.TenXa}, Thành phố Huế`);
    expect(a.address).toContain('Xã Vinh Lộc');
  });
});

describe('HTTP', () => {
  it('answers a held number with its record', async () => {
    const res = await get(DEMO_CITIZEN_IDS[1]!);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(simulatedCitizen(DEMO_CITIZEN_IDS[1]!, NOW));
  });

  it('answers 404 for a well-formed number it does not hold', async () => {
    const missing = sampleIds(200).find((id) => !holdsCitizen(id))!;
    expect(missing).toBeDefined();
    const res = await get(missing);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: { vi: string } }).message.vi).toContain('Không có công dân');
  });

  it('answers 400 naming the wrong part of a malformed number', async () => {
    const res = await get('003190012345');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { problems: unknown }).problems).toEqual([expect.objectContaining({ part: 'province' })]);
    expect((await get('046227012345')).status).toBe(400);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await get(DEMO_CITIZEN_IDS[0]!, null)).status).toBe(401);
    expect((await get(DEMO_CITIZEN_IDS[0]!, 'wrong')).status).toBe(401);
  });

  it('fails on demand (injected faults), then recovers', async () => {
    const put = await fetch(`${sim.url}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ failNext: 2 }) });
    expect(put.status).toBe(200);
    expect((await get(DEMO_CITIZEN_IDS[0]!)).status).toBe(503);
    expect((await get(DEMO_CITIZEN_IDS[0]!)).status).toBe(503);
    expect((await get(DEMO_CITIZEN_IDS[0]!)).status).toBe(200);
  });
});
