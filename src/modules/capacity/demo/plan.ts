// The capacity demo's plan, shared by the dossier history (src/modules/demo) and seedCapacityDemo: the extra
// officials of the demo communes, who handles which field, the demo's classes with their dates relative to
// `now`, and each specialist's chance of being sent back by the leader — which drops after last quarter's class
// for the officials who passed it. Pure: no I/O, no clock (callers pass `now` and the working-day check).
import { addDays, toLocalDate, weekdayOf, type LocalDate } from '../../calendar/time.js';

/** instance_settings key marking a database that holds the capacity demo (seeded once). */
export const CAPACITY_MARK = 'demo_capacity';

export type Suffix = 'vinhloc' | 'phuvang' | 'dandien';

/**
 * Officials the capacity demo adds to each demo commune (beside the seven of src/seed.ts), both in the economy
 * office: a cadastral official moved there in July 2025, still weak in land, and a finance officer who was the
 * cadastral official of a former commune before the merger, still competent in land.
 */
export const EXTRA_OFFICIALS = [
  {
    prefix: 'diachinh',
    role: 'specialist',
    office: 'KT',
    names: { vinhloc: 'Nguyễn Hữu Phúc', phuvang: 'Trần Quốc Việt', dandien: 'Hồ Văn Khánh' },
  },
  {
    prefix: 'taichinh',
    role: 'specialist',
    office: 'KT',
    names: { vinhloc: 'Lê Thị Hạnh', phuvang: 'Đoàn Thị Thảo', dandien: 'Bùi Thị Kim Oanh' },
  },
] as const satisfies ReadonlyArray<{ prefix: string; role: 'specialist'; office: string; names: Record<Suffix, string> }>;

/** Ms X of the demo: the land specialist (chuyenviendd.<commune>, Phạm Thị Lan in src/seed.ts). */
export const LAND_SPECIALIST = 'chuyenviendd';
export const LAND_FIELD = 'Đất đai';

/**
 * Who handles a field's dossiers at a demo commune, by login prefix with a weight (the rest of the economy
 * fields stay with chuyenviendd, the social ones with chuyenvien, as in the history's default).
 */
export const FIELD_HANDLERS: Readonly<Record<string, ReadonlyArray<readonly [prefix: string, weight: number]>>> = {
  'Đất đai': [['chuyenviendd', 0.75], ['diachinh', 0.25]],
  'Hoạt động xây dựng': [['chuyenviendd', 0.4], ['diachinh', 0.6]],
  'Quy hoạch đô thị và nông thôn': [['diachinh', 1]],
  'Tài chính đất đai': [['taichinh', 1]],
  'Quản lý công sản': [['taichinh', 1]],
};

/** How often the leader sends a specialist's dossier back, by login prefix; before and after the class. */
export const SEND_BACK: Readonly<Record<string, number>> = {
  chuyenvien: 0.25,
  chuyenviendd: 0.07,
  diachinh: 0.18,
  taichinh: 0.1,
};
/** The send-back rate of a specialist who passed last quarter's class, for dossiers they submit after it. */
export const SEND_BACK_AFTER_CLASS = 0.08;

export interface PlannedSession {
  heldOn: LocalDate;
  hours: number;
  topic: string;
}
export interface PlannedClass {
  key: 'iu' | 'gt' | 'q3' | 'ks' | 'dd' | 'city';
  programme: string;
  name: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  trainer: string;
  place: string | null;
  online: boolean;
  status: 'closed' | 'planned';
  sessions: PlannedSession[];
  tests: Array<{ name: string; heldOn: LocalDate }>;
  /** Login prefixes enrolled; `missed` lists the session numbers (1-based) each one missed. */
  attendees: Array<{ prefix: string; missed?: number[] }>;
}

type IsWorking = (day: LocalDate) => boolean;
const weekday: IsWorking = (d) => weekdayOf(d) !== 0 && weekdayOf(d) !== 6;

/** 'YYYY-MM-01' of the month `months` after the month of `day`. */
function monthStart(day: LocalDate, months: number): LocalDate {
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** `n` working days from the first working Monday on or after day `from` of the month starting at `month`. */
function workingRun(month: LocalDate, from: number, n: number, isWorking: IsWorking): LocalDate[] {
  let d = addDays(month, from - 1);
  // A Monday that starts n working days in a row (a holiday week moves the class on by a week).
  for (;;) {
    if (weekdayOf(d) === 1) {
      const run: LocalDate[] = [];
      for (let x = d; run.length < n; x = addDays(x, 1)) if (isWorking(x)) run.push(x);
      if (dayCount(d, run.at(-1)!) <= n + 2) return run;
    }
    d = addDays(d, 1);
  }
}
const dayCount = (a: LocalDate, b: LocalDate) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

/** The quarter before `now`'s: e.g. 2026-07-01 … 2026-09-30 for any day of October–December 2026. */
export function lastQuarter(now: Date): { from: LocalDate; to: LocalDate; label: string } {
  const today = toLocalDate(now);
  const month = Number(today.slice(5, 7));
  const thisQuarter = `${today.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  const from = monthStart(thisQuarter, -3);
  const q = Math.floor((Number(from.slice(5, 7)) - 1) / 3) + 1;
  return { from, to: addDays(thisQuarter, -1), label: `${['I', 'II', 'III', 'IV'][q - 1]}/${from.slice(0, 4)}` };
}

const sessions = (days: LocalDate[], hours: number, topics: string[]): PlannedSession[] => days.map((heldOn, i) => ({ heldOn, hours, topic: topics[i] ?? topics.at(-1)! }));

/**
 * The demo's classes at each demo commune, relative to `now`: three held earlier this year, last quarter's class
 * on civil status and certification (held in the middle month of the quarter before `now`'s), a recent one and
 * one planned next month.
 */
export function demoClasses(now: Date, isWorking: IsWorking = weekday): PlannedClass[] {
  const today = toLocalDate(now);
  const thisMonth = monthStart(today, 0);
  const q3Month = monthStart(lastQuarter(now).from, 1);
  const iu = workingRun(monthStart(thisMonth, -8), 10, 3, isWorking);
  const gt = workingRun(monthStart(thisMonth, -6), 10, 2, isWorking);
  const q3 = workingRun(q3Month, 10, 4, isWorking);
  const ks = workingRun(monthStart(thisMonth, -1), 12, 2, isWorking);
  const dd = workingRun(monthStart(thisMonth, 1), 8, 5, isWorking);
  const qLabel = lastQuarter(now).label;
  return [
    {
      key: 'iu',
      programme: 'QG-KNS-IU',
      name: `Kỹ năng số cơ bản (IU01–IU06) – đợt ${iu[0]!.slice(5, 7)}/${iu[0]!.slice(0, 4)}`,
      startsOn: iu[0]!,
      endsOn: iu.at(-1)!,
      trainer: 'ThS. Trương Công Minh – Trung tâm Công nghệ thông tin thành phố Huế',
      place: 'Phòng máy, Trung tâm Phục vụ hành chính công xã',
      online: false,
      status: 'closed',
      sessions: sessions(iu, 8, ['Hiểu biết CNTT cơ bản, sử dụng máy tính (IU01, IU02)', 'Xử lý văn bản, bảng tính, trình chiếu (IU03–IU05)', 'Sử dụng Internet an toàn (IU06)']),
      tests: [{ name: 'Bài kiểm tra thực hành trên máy', heldOn: iu.at(-1)! }],
      attendees: [{ prefix: 'tiepnhan' }, { prefix: 'vanthu' }, { prefix: 'diachinh' }],
    },
    {
      key: 'gt',
      programme: 'QG-GTUX',
      name: `Giao tiếp, ứng xử với người dân – ${gt[0]!.slice(5, 7)}/${gt[0]!.slice(0, 4)}`,
      startsOn: gt[0]!,
      endsOn: gt.at(-1)!,
      trainer: 'TS. Lê Thị Diệu Hiền – Trường Chính trị thành phố Huế',
      place: 'Hội trường UBND xã',
      online: false,
      status: 'closed',
      sessions: sessions(gt, 4, ['Văn hóa công vụ, quy tắc ứng xử tại bộ phận một cửa', 'Xử lý tình huống khó với người dân; tiếp nhận phản ánh']),
      tests: [{ name: 'Bài thu hoạch xử lý tình huống', heldOn: gt.at(-1)! }],
      attendees: [{ prefix: 'tiepnhan' }, { prefix: 'chuyenvien' }, { prefix: 'chuyenviendd' }],
    },
    {
      key: 'q3',
      programme: 'QG-HTCT',
      name: `Bồi dưỡng nghiệp vụ hộ tịch, chứng thực – quý ${qLabel}`,
      startsOn: q3[0]!,
      endsOn: q3.at(-1)!,
      trainer: 'Phòng Hành chính tư pháp, Sở Tư pháp thành phố Huế',
      place: 'Hội trường UBND xã',
      online: false,
      status: 'closed',
      sessions: sessions(q3, 8, [
        'Đăng ký khai sinh, khai tử, kết hôn: hồ sơ, thẩm quyền, lỗi thường gặp',
        'Chứng thực bản sao, chữ ký, hợp đồng: những trường hợp không được chứng thực',
        'Thực hành trên Phần mềm đăng ký, quản lý hộ tịch điện tử dùng chung',
        'Xử lý hồ sơ trực tuyến, ký số kết quả; rút kinh nghiệm các hồ sơ bị trả lại',
      ]),
      tests: [
        { name: 'Kiểm tra giữa khóa (hộ tịch)', heldOn: q3[1]! },
        { name: 'Kiểm tra cuối khóa (chứng thực, xử lý tình huống)', heldOn: q3.at(-1)! },
      ],
      attendees: [{ prefix: 'chuyenvien' }, { prefix: 'truongphong' }, { prefix: 'tiepnhan', missed: [3] }],
    },
    {
      key: 'ks',
      programme: 'QG-KSHS',
      name: `Ký số và xử lý hồ sơ trực tuyến – ${ks[0]!.slice(5, 7)}/${ks[0]!.slice(0, 4)}`,
      startsOn: ks[0]!,
      endsOn: ks.at(-1)!,
      trainer: 'Sở Khoa học và Công nghệ thành phố Huế',
      place: null,
      online: true,
      status: 'closed',
      sessions: sessions(ks, 8, ['Chữ ký số chuyên dùng, ký số từ xa; bảo quản thiết bị ký số', 'Xử lý hồ sơ trực tuyến toàn trình trên Hệ thống thông tin giải quyết TTHC']),
      tests: [{ name: 'Bài kiểm tra trực tuyến', heldOn: ks.at(-1)! }],
      attendees: [{ prefix: 'lanhdao' }, { prefix: 'vanthu' }, { prefix: 'quantri' }, { prefix: 'taichinh' }],
    },
    {
      key: 'dd',
      programme: 'QG-DATDAI-CX',
      name: `Nghiệp vụ đăng ký đất đai cho công chức cấp xã – ${dd[0]!.slice(5, 7)}/${dd[0]!.slice(0, 4)}`,
      startsOn: dd[0]!,
      endsOn: dd.at(-1)!,
      trainer: 'Văn phòng Đăng ký đất đai thành phố Huế',
      place: 'Hội trường UBND xã',
      online: false,
      status: 'planned',
      sessions: sessions(dd, 8, [
        'Luật Đất đai 2024 và các nghị định hướng dẫn: thẩm quyền của cấp xã',
        'Đăng ký đất đai lần đầu, đăng ký biến động',
        'Hồ sơ địa chính, bản đồ địa chính; xác nhận nguồn gốc, hiện trạng sử dụng đất',
        'Thực hành trên Hệ thống thông tin đất đai',
        'Giải quyết tranh chấp, hòa giải đất đai ở cơ sở',
      ]),
      tests: [{ name: 'Kiểm tra cuối khóa', heldOn: dd.at(-1)! }],
      attendees: [{ prefix: 'diachinh' }, { prefix: 'taichinh' }],
    },
  ];
}

/**
 * The city's own class for the officials of the other communes (the light data): basic digital skills, early in
 * the year; its learners are chosen by seedCapacityDemo.
 */
export function cityClass(now: Date, isWorking: IsWorking = weekday): PlannedClass {
  const days = workingRun(monthStart(monthStart(toLocalDate(now), 0), -9), 10, 3, isWorking);
  return {
    key: 'city',
    programme: 'QG-KNS-IU',
    name: `Kỹ năng số cơ bản (IU01–IU06) cho công chức cấp xã – lớp của thành phố, ${days[0]!.slice(5, 7)}/${days[0]!.slice(0, 4)}`,
    startsOn: days[0]!,
    endsOn: days.at(-1)!,
    trainer: 'Trung tâm Công nghệ thông tin thành phố Huế',
    place: 'Trung tâm Công nghệ thông tin thành phố Huế',
    online: false,
    status: 'closed',
    sessions: sessions(days, 8, ['Hiểu biết CNTT cơ bản, sử dụng máy tính (IU01, IU02)', 'Xử lý văn bản, bảng tính, trình chiếu (IU03–IU05)', 'Sử dụng Internet an toàn; dịch vụ công trực tuyến (IU06)']),
    tests: [{ name: 'Bài kiểm tra thực hành trên máy', heldOn: days.at(-1)! }],
    attendees: [],
  };
}

/** Last quarter's class: its dates and the prefixes of the attendees who passed it (full attendance). */
export function impactClass(now: Date, isWorking: IsWorking = weekday): { startsOn: LocalDate; endsOn: LocalDate; passed: string[] } {
  const c = demoClasses(now, isWorking).find((x) => x.key === 'q3')!;
  return { startsOn: c.startsOn, endsOn: c.endsOn, passed: c.attendees.filter((a) => !a.missed?.length).map((a) => a.prefix) };
}

/**
 * The chance that the leader sends back a dossier a demo commune's specialist (by login prefix) submits on
 * `day`: the specialist's usual rate, and a lower one after last quarter's class if they passed it.
 */
export function sendBackChance(prefix: string, day: LocalDate, impact: { endsOn: LocalDate; passed: readonly string[] }): number {
  const base = SEND_BACK[prefix] ?? 0.1;
  return impact.passed.includes(prefix) && day > impact.endsOn ? SEND_BACK_AFTER_CLASS : base;
}
