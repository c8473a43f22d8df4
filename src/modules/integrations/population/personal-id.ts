// The structure of a 12-digit personal ID number (số định danh cá nhân, also the CCCD number), as Circular
// 07/2016/TT-BCA (Art. 7 and Appendix I) and Circular 59/2021/TT-BCA set it: province of birth registration,
// century and sex, the last two digits of the birth year, then six random digits. No check digit exists, so
// only these parts can be checked. Pure and import-free: the web app imports this very file.

export interface PersonalIdMsg {
  vi: string;
  en: string;
}

/**
 * Digits 1–3: the province where the birth was registered, by the 63 provinces before the 2025 merger (the
 * codes stay valid for every number already issued). The list has gaps (003, 005, 007, …) on purpose.
 */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export type Sex = 'male' | 'female';

/** The oldest birth year accepted is this many years before `now`. */
export const MAX_AGE_YEARS = 130;

export interface PersonalId {
  idNumber: string;
  provinceCode: string;
  provinceName: string;
  sex: Sex;
  /** First year of the century of birth: 1900, 2000, 2100, 2200 or 2300. */
  century: number;
  birthYear: number;
  /** Digits 7–12. */
  serial: string;
}

export type PersonalIdPart = 'length' | 'province' | 'century_sex' | 'birth_year' | 'serial';

export interface PersonalIdProblem {
  part: PersonalIdPart;
  /** 1-based digit positions the problem is about, first and last. */
  positions: [number, number];
  message: PersonalIdMsg;
}

export type ParsedPersonalId = { ok: true; value: PersonalId } | { ok: false; problems: PersonalIdProblem[] };

/** Digit 4: even is male, odd is female; 0–1 the 1900s, 2–3 the 2000s, … 8–9 the 2300s. */
export function centuryAndSex(digit: number): { century: number; sex: Sex } {
  return { century: 1900 + Math.floor(digit / 2) * 100, sex: digit % 2 === 0 ? 'male' : 'female' };
}

export function centurySexDigit(birthYear: number, sex: Sex): number {
  return Math.floor((birthYear - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
}

/** The year in Vietnam (UTC+7, no daylight saving) at `now`: the birth-year check must not hinge on the server's zone. */
export function vietnamYear(now: Date): number {
  return new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear();
}

const PART_NAMES: Record<Exclude<PersonalIdPart, 'length'>, PersonalIdMsg & { positions: [number, number] }> = {
  province: { vi: 'Ba chữ số đầu (mã tỉnh nơi đăng ký khai sinh)', en: 'Digits 1–3 (province of birth registration)', positions: [1, 3] },
  century_sex: { vi: 'Chữ số thứ 4 (thế kỷ sinh và giới tính)', en: 'Digit 4 (century of birth and sex)', positions: [4, 4] },
  birth_year: { vi: 'Chữ số thứ 5–6 (hai số cuối năm sinh)', en: 'Digits 5–6 (last two digits of the birth year)', positions: [5, 6] },
  serial: { vi: 'Sáu chữ số cuối (số ngẫu nhiên)', en: 'Digits 7–12 (random number)', positions: [7, 12] },
};

function notDigits(part: Exclude<PersonalIdPart, 'length'>, text: string): PersonalIdProblem {
  const p = PART_NAMES[part];
  return { part, positions: p.positions, message: { vi: `${p.vi} chỉ được là chữ số, không phải "${text}".`, en: `${p.en} must be digits, not "${text}".` } };
}

/**
 * Checks and decodes a personal ID number. `now` bounds the birth year: not in the future, not more than
 * MAX_AGE_YEARS ago. Every problem names the part that is wrong, in Vietnamese and English.
 */
export function parsePersonalId(input: string, now: Date): ParsedPersonalId {
  const s = input.trim();
  if (s.length !== 12) {
    return {
      ok: false,
      problems: [
        {
          part: 'length',
          positions: [1, 12],
          message: { vi: `Số định danh cá nhân phải gồm đúng 12 chữ số (đang có ${s.length} ký tự).`, en: `A personal ID number has exactly 12 digits (this one has ${s.length} characters).` },
        },
      ],
    };
  }
  const problems: PersonalIdProblem[] = [];
  const province = s.slice(0, 3);
  const cs = s.slice(3, 4);
  const yy = s.slice(4, 6);
  const serial = s.slice(6);
  if (!/^\d{3}$/.test(province)) problems.push(notDigits('province', province));
  else if (!PROVINCE_CODES[province]) {
    problems.push({
      part: 'province',
      positions: [1, 3],
      message: {
        vi: `${PART_NAMES.province.vi} "${province}" không phải mã tỉnh, thành phố nào (từ 001 Hà Nội đến 096 Cà Mau).`,
        en: `${PART_NAMES.province.en} "${province}" is not a province code (001 Hà Nội to 096 Cà Mau).`,
      },
    });
  }
  if (!/^\d$/.test(cs)) problems.push(notDigits('century_sex', cs));
  if (!/^\d{2}$/.test(yy)) problems.push(notDigits('birth_year', yy));
  if (!/^\d{6}$/.test(serial)) problems.push(notDigits('serial', serial));
  if (/^\d$/.test(cs) && /^\d{2}$/.test(yy)) {
    const { century } = centuryAndSex(Number(cs));
    const birthYear = century + Number(yy);
    const year = vietnamYear(now);
    // The year comes from digits 4–6 together: either the century digit or the two year digits may be the wrong one.
    if (birthYear > year) {
      problems.push({
        part: 'birth_year',
        positions: [4, 6],
        message: {
          vi: `Chữ số thứ 4–6 (thế kỷ và năm sinh) cho năm sinh ${birthYear}, ở tương lai.`,
          en: `Digits 4–6 (century and birth year) give the birth year ${birthYear}, which is in the future.`,
        },
      });
    } else if (birthYear < year - MAX_AGE_YEARS) {
      problems.push({
        part: 'birth_year',
        positions: [4, 6],
        message: {
          vi: `Chữ số thứ 4–6 (thế kỷ và năm sinh) cho năm sinh ${birthYear}, cách đây hơn ${MAX_AGE_YEARS} năm.`,
          en: `Digits 4–6 (century and birth year) give the birth year ${birthYear}, more than ${MAX_AGE_YEARS} years ago.`,
        },
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  const { century, sex } = centuryAndSex(Number(cs));
  return { ok: true, value: { idNumber: s, provinceCode: province, provinceName: PROVINCE_CODES[province]!, sex, century, birthYear: century + Number(yy), serial } };
}

/** Builds a number from its parts (simulator, tests). The caller keeps the parts valid. */
export function formatPersonalId(p: { provinceCode: string; sex: Sex; birthYear: number; serial: string }): string {
  if (p.birthYear < 1900 || p.birthYear > 2399) throw new RangeError(`no century digit for ${p.birthYear}`);
  return `${p.provinceCode}${centurySexDigit(p.birthYear, p.sex)}${String(p.birthYear % 100).padStart(2, '0')}${p.serial}`;
}

/** All problems as one sentence per language, for a single error message. */
export function describeProblems(problems: PersonalIdProblem[]): PersonalIdMsg {
  return { vi: problems.map((p) => p.message.vi).join(' '), en: problems.map((p) => p.message.en).join(' ') };
}
