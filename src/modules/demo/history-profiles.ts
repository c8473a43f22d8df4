// The demo history's seeded randomness and what it draws from: names, how often each field comes in, the
// fees asked, and each commune's profile (volume, on-time rate, online share, satisfaction…), one clearly worst.

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  u(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  weighted<T>(list: ReadonlyArray<readonly [T, number]>): T {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of list) {
      x -= w;
      if (x < 0) return v;
    }
    return list.at(-1)![0];
  }
  /** Poisson-like count around `mean` (normal approximation, at least 0). */
  count(mean: number): number {
    const z = Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
    return Math.max(0, Math.round(mean + z * Math.sqrt(mean)));
  }
  uuid(): string {
    const h = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(this.next() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Who and what

export const NAMES = {
  family: ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Trương', 'Đoàn', 'Tôn Thất', 'Nguyễn Phước'],
  middleMale: ['Văn', 'Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Đình'],
  middleFemale: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thanh', 'Thu', 'Minh', 'Kim', 'Diệu', 'Bảo'],
  givenMale: ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Long', 'Nam', 'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tài', 'Thắng', 'Thành', 'Trung', 'Tuấn', 'Việt'],
  givenFemale: ['Anh', 'Châu', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'My', 'Nga', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Uyên', 'Vy', 'Yến'],
};

export function personName(r: Rng): { name: string; male: boolean } {
  const male = r.chance(0.5);
  const name = male
    ? `${r.pick(NAMES.family)} ${r.pick(NAMES.middleMale)} ${r.pick(NAMES.givenMale)}`
    : `${r.pick(NAMES.family)} ${r.pick(NAMES.middleFemale)} ${r.pick(NAMES.givenFemale)}`;
  return { name, male };
}

/** How much of a commune's work each field is (civil status and certification are most of it). */
export function fieldWeight(field: string): number {
  if (field === 'Hộ tịch') return 40;
  if (field === 'Chứng thực') return 30;
  if (field === 'Đăng ký, quản lý cư trú') return 8;
  if (field === 'Đất đai') return 6;
  if (field === 'Cấp, quản lý căn cước') return 3;
  if (field.startsWith('Thành lập và hoạt động doanh nghiệp')) return 3;
  if (field === 'Hoạt động xây dựng') return 2;
  return 1;
}

/** Fields handled by the culture and society office (chuyenvien); the rest go to the economy office (chuyenviendd). */
export const SOCIAL_FIELDS = new Set(['Hộ tịch', 'Chứng thực', 'Nuôi con nuôi', 'Giảm nghèo', 'Chính sách', 'Hòa giải ở cơ sở', 'Bảo hiểm', 'Khiếu nại, tố cáo', 'Tổ chức, cán bộ']);

/** Fees the catalogue leaves to the province (certification per page, residence registration), in đồng. */
export function requestedFee(field: string, r: Rng): number | null {
  if (field === 'Chứng thực') return 2000 * r.int(1, 5);
  if (field === 'Đăng ký, quản lý cư trú') return 10_000;
  if (field === 'Hộ tịch') return r.pick([5000, 8000, 10_000]);
  return null;
}

export interface Profile {
  /** Dossiers per working day. */
  volume: number;
  onTime: number;
  online: number;
  satisfied: number;
  sync: number;
  population: number;
  payOnline: number;
  digitised: number;
  feedback: number;
}

export const DEMO_PROFILES: Record<string, Profile> = {
  '20122': { volume: 16, onTime: 0.97, online: 0.55, satisfied: 0.97, sync: 0.97, population: 0.7, payOnline: 0.6, digitised: 0.85, feedback: 0.35 },
  '19942': { volume: 13, onTime: 0.93, online: 0.42, satisfied: 0.93, sync: 0.92, population: 0.55, payOnline: 0.45, digitised: 0.7, feedback: 0.3 },
  '19885': { volume: 11, onTime: 0.89, online: 0.33, satisfied: 0.9, sync: 0.88, population: 0.45, payOnline: 0.35, digitised: 0.6, feedback: 0.25 },
};
export const WORST: Profile = { volume: 3, onTime: 0.6, online: 0.08, satisfied: 0.75, sync: 0.55, population: 0.1, payOnline: 0.05, digitised: 0.2, feedback: 0.15 };

export function lightProfile(r: Rng): Profile {
  const q = r.u(); // overall quality of the commune's centre
  return {
    volume: 0.8 + r.u() * 3,
    onTime: 0.8 + 0.18 * q,
    online: 0.12 + 0.4 * r.u() * (0.5 + q / 2),
    satisfied: 0.88 + 0.1 * (0.5 * q + 0.5 * r.u()),
    sync: 0.7 + 0.28 * q,
    population: 0.15 + 0.5 * r.u(),
    payOnline: 0.1 + 0.5 * r.u(),
    digitised: 0.3 + 0.6 * q,
    feedback: 0.1 + 0.2 * r.u(),
  };
}
