// A local population database (CSDL quốc gia về dân cư) for the demo and the tests: GET /citizens/{id} with a
// bearer token answers a citizen's record. Records are made up but consistent with the number (birth year, sex,
// province of birth registration) and the same number always gives the same person; about one number in ten is
// "not held" (404), except the demo numbers, which always exist. Residences are real communes of Huế (2025 list).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createSimulatorApp, type RunningSimulator, type SimulatorOptions } from './base.js';
import { parsePersonalId, vietnamYear, type Sex } from '../modules/integrations/population/personal-id.js';
import type { CitizenAddress, CitizenRecord } from '../modules/integrations/population/record.js';

export interface PopulationSimulatorOptions extends SimulatorOptions {
  /** The bearer token callers must send (default: the demo token of config.ts). */
  token?: string;
  /** Changes who the made-up people are (default 'motcua'); the same seed always gives the same people. */
  seed?: string;
  /** The simulator's clock (birth years and card dates are checked against it). */
  now?: () => Date;
}

export interface RunningPopulationSimulator extends RunningSimulator {
  token: string;
  seed: string;
}

/** Numbers that always exist, each living in one of the demo communes (Vinh Lộc, Phú Vang, Đan Điền). */
export const DEMO_CITIZENS: ReadonlyArray<{ idNumber: string; communeCode: string }> = [
  { idNumber: '046085001234', communeCode: '20122' },
  { idNumber: '046192004567', communeCode: '20122' },
  { idNumber: '046201007890', communeCode: '19942' },
  { idNumber: '046178002468', communeCode: '19885' },
  { idNumber: '048303001357', communeCode: '20122' },
];
export const DEMO_CITIZEN_IDS: readonly string[] = DEMO_CITIZENS.map((c) => c.idNumber);
const DEMO_COMMUNES = ['20122', '19942', '19885'];
const HUE = { code: '46', name: 'Thành phố Huế' };

interface Commune {
  code: string;
  name: string;
}

let hueCommunes: Commune[] | null = null;
function communesOfHue(): Commune[] {
  if (!hueCommunes) {
    const data = JSON.parse(fs.readFileSync(new URL('../../data/units-2025.json', import.meta.url), 'utf8')) as {
      provinces: Array<{ code: string; communes: Commune[] }>;
    };
    hueCommunes = data.provinces.find((p) => p.code === HUE.code)!.communes.map((c) => ({ code: c.code, name: c.name }));
  }
  return hueCommunes;
}

/** mulberry32 over a SHA-256 of the seed: small, fast and the same on every machine. */
function rngFor(...parts: string[]): () => number {
  let a = crypto.createHash('sha256').update(parts.join('\u0000')).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function weighted<T>(rng: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of items) if ((r -= w) < 0) return v;
  return items[items.length - 1]![0];
}

// Family names by rough frequency, with Huế's own (Tôn Thất, Tôn Nữ for the royal line; Hồ, Trương common there).
const FAMILY: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 10], ['Phạm', 6], ['Hoàng', 5], ['Phan', 5], ['Võ', 5], ['Hồ', 4], ['Trương', 3], ['Huỳnh', 3],
  ['Đặng', 2], ['Bùi', 2], ['Đỗ', 2], ['Ngô', 2], ['Dương', 1], ['Lý', 1], ['Mai', 1], ['Đoàn', 1], ['Tôn Thất', 1],
];
const MIDDLE: Record<Sex, readonly string[]> = {
  male: ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Công', 'Thanh', 'Ngọc', 'Đình'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Minh', 'Bảo', 'Phương'],
};
const GIVEN: Record<Sex, readonly string[]> = {
  male: ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hòa', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Lâm', 'Long', 'Lộc', 'Minh', 'Nam', 'Nhân', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thắng', 'Thành', 'Tiến', 'Trung', 'Tuấn', 'Vinh', 'Việt'],
  female: ['Anh', 'Châu', 'Diệp', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hoa', 'Hồng', 'Hương', 'Lan', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thủy', 'Trang', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Yến'],
};
const RELIGION: ReadonlyArray<readonly [string, number]> = [['Không', 62], ['Phật giáo', 29], ['Công giáo', 7], ['Tin lành', 2]];
/** Highland communes of Huế where Tà Ôi (Pa Kô) and Cơ Tu people live, by commune name. */
const HIGHLAND: ReadonlyArray<readonly [RegExp, ReadonlyArray<readonly [string, number]>]> = [
  [/^Xã A Lưới/, [['Tà Ôi', 45], ['Pa Kô', 20], ['Cơ Tu', 10], ['Kinh', 25]]],
  [/^Xã (Nam Đông|Khe Tre|Long Quảng)$/, [['Cơ Tu', 40], ['Kinh', 60]]],
];
const CENTRAL_CITIES = new Set(['001', '031', '048', '079', '092']);

function personName(rng: () => number, sex: Sex, family = weighted(rng, FAMILY)): string {
  // The royal family's women are "Tôn Nữ", its men "Tôn Thất".
  const fam = family === 'Tôn Thất' && sex === 'female' ? 'Tôn Nữ' : family;
  return `${fam} ${pick(rng, MIDDLE[sex])} ${pick(rng, GIVEN[sex])}`;
}

function hueAddress(rng: () => number, commune: Commune, withDetail = true): CitizenAddress {
  const detail = commune.name.startsWith('Phường') ? `Tổ dân phố ${1 + Math.floor(rng() * 15)}` : `Thôn ${1 + Math.floor(rng() * 12)}`;
  return { MaTinh: HUE.code, TenTinh: HUE.name, MaXa: commune.code, TenXa: commune.name, ChiTiet: withDetail ? detail : null };
}

function compact(y: number, m: number, d: number): string {
  return `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

function dayInRange(rng: () => number, from: Date, to: Date): Date {
  return new Date(from.getTime() + Math.floor(rng() * Math.max(1, (to.getTime() - from.getTime()) / 86_400_000)) * 86_400_000);
}

function compactOf(d: Date): string {
  const vn = new Date(d.getTime() + 7 * 3_600_000);
  return compact(vn.getUTCFullYear(), vn.getUTCMonth() + 1, vn.getUTCDate());
}

/** Whether the simulated database holds this number at all (demo numbers always; otherwise nine in ten). */
export function holdsCitizen(idNumber: string, seed = 'motcua'): boolean {
  if (DEMO_CITIZEN_IDS.includes(idNumber)) return true;
  return rngFor(seed, 'held', idNumber)() >= 0.1;
}

/** The made-up record for a number, or null when the number is malformed or not held. Same input, same person. */
export function simulatedCitizen(idNumber: string, now: Date, seed = 'motcua'): CitizenRecord | null {
  const parsed = parsePersonalId(idNumber, now);
  if (!parsed.ok || !holdsCitizen(idNumber, seed)) return null;
  const { sex, birthYear, provinceCode, provinceName } = parsed.value;
  const rng = rngFor(seed, 'person', idNumber);
  const today = new Date(now.getTime() + 7 * 3_600_000);
  const thisYear = vietnamYear(now);

  // Born on a real day of that year, and not after today.
  const lastMonth = birthYear === thisYear ? today.getUTCMonth() + 1 : 12;
  const month = 1 + Math.floor(rng() * lastMonth);
  const monthDays = new Date(Date.UTC(birthYear, month, 0)).getUTCDate();
  const lastDay = birthYear === thisYear && month === lastMonth ? today.getUTCDate() : monthDays;
  const day = 1 + Math.floor(rng() * lastDay);
  const birth = new Date(Date.UTC(birthYear, month - 1, day) - 7 * 3_600_000);
  const age = thisYear - birthYear - (month * 100 + day > (today.getUTCMonth() + 1) * 100 + today.getUTCDate() ? 1 : 0);

  const communes = communesOfHue();
  const demo = DEMO_CITIZENS.find((c) => c.idNumber === idNumber);
  const homeCode = demo?.communeCode ?? (rng() < 0.6 ? pick(rng, DEMO_COMMUNES) : pick(rng, communes).code);
  const home = communes.find((c) => c.code === homeCode)!;
  const permanent = hueAddress(rng, home);
  const current = rng() < 0.85 ? permanent : hueAddress(rng, pick(rng, communes));
  const hometown: CitizenAddress =
    provinceCode === '046'
      ? hueAddress(rng, rng() < 0.7 ? home : pick(rng, communes), false)
      : { MaTinh: provinceCode.slice(1), TenTinh: `${CENTRAL_CITIES.has(provinceCode) ? 'Thành phố' : 'Tỉnh'} ${provinceName}`, MaXa: null, TenXa: null, ChiTiet: null };

  const family = weighted(rng, FAMILY);
  const ethnicity = weighted(rng, HIGHLAND.find(([re]) => re.test(home.name))?.[1] ?? [['Kinh', 98], ['Hoa', 2]]);
  const name = personName(rng, sex, family);
  const father = personName(rng, 'male', family);
  let mother = personName(rng, 'female');
  while (mother.split(' ')[0] === family) mother = personName(rng, 'female');

  // A card from 14 (Luật Căn cước công dân 2014; Luật Căn cước 2023 from 1 July 2024, issued by the ministry).
  let issued: Date | null = null;
  if (age >= 14) {
    const fourteen = new Date(Date.UTC(birthYear + 14, month - 1, day));
    const from = fourteen > new Date('2016-01-01T00:00:00Z') ? fourteen : new Date('2016-01-01T00:00:00Z');
    issued = dayInRange(rng, from, now);
  }
  const place = issued ? (issued < new Date('2024-07-01T00:00:00+07:00') ? 'Cục Cảnh sát quản lý hành chính về trật tự xã hội' : 'Bộ Công an') : null;

  const marriageAge = sex === 'male' ? 20 : 18;
  const marital =
    age < marriageAge
      ? 'Chưa kết hôn'
      : weighted(rng, age < 26 ? [['Chưa kết hôn', 70], ['Đã kết hôn', 29], ['Ly hôn', 1]] : age < 60 ? [['Đã kết hôn', 75], ['Chưa kết hôn', 15], ['Ly hôn', 7], ['Góa', 3]] : [['Đã kết hôn', 68], ['Góa', 27], ['Ly hôn', 5]]);

  return {
    SoDinhDanh: idNumber,
    HoVaTen: name,
    NgaySinh: compactOf(birth),
    GioiTinh: sex === 'male' ? '1' : '2',
    DanToc: ethnicity,
    TonGiao: weighted(rng, RELIGION),
    QuocTich: 'Việt Nam',
    QueQuan: hometown,
    NoiThuongTru: permanent,
    NoiOHienTai: current,
    NgayCapCCCD: issued ? compactOf(issued) : null,
    NoiCapCCCD: place,
    HoTenCha: father,
    HoTenMe: mother,
    TinhTrangHonNhan: marital,
  };
}

export async function startPopulationSimulator(options: PopulationSimulatorOptions = {}): Promise<RunningPopulationSimulator> {
  const token = options.token ?? 'motcua-demo-token';
  const seed = options.seed ?? 'motcua';
  const now = options.now ?? (() => new Date());
  const { app, listen } = createSimulatorApp('population', options);
  const refuse = (error: string, vi: string, en: string, extra: Record<string, unknown> = {}) => ({ error, message: { vi, en }, ...extra });

  app.get<{ Params: { id: string } }>('/citizens/:id', async (req, reply) => {
    const auth = req.headers.authorization;
    const given = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!safeEqual(given, token)) return reply.status(401).send(refuse('unauthorized', 'Sai hoặc thiếu mã truy cập.', 'Missing or wrong bearer token.'));
    const parsed = parsePersonalId(req.params.id, now());
    if (!parsed.ok) {
      return reply.status(400).send(
        refuse('invalid_id', 'Số định danh cá nhân không đúng cấu trúc.', 'The personal ID number is malformed.', {
          problems: parsed.problems.map((p) => ({ part: p.part, message: p.message })),
        }),
      );
    }
    const record = simulatedCitizen(parsed.value.idNumber, now(), seed);
    if (!record) return reply.status(404).send(refuse('not_found', 'Không có công dân với số định danh này.', 'No citizen with this ID number.'));
    return reply.header('cache-control', 'no-store').send(record);
  });

  const running = await listen();
  return { ...running, token, seed };
}

function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
