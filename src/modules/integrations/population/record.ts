// A citizen's record as the population database (CSDL quốc gia về dân cư) answers it, with the national
// system's Vietnamese field names, and the pure mapping to MotCua's applicant fields.
import { z } from 'zod';

/** yyyyMMdd, the date form of the national systems' messages (regulation.md §2.8). */
const CompactDate = z.string().regex(/^\d{8}$/);

export const CitizenAddress = z.object({
  /** Province code (2 digits, 2025 list) or null when only a name is known. */
  MaTinh: z.string().nullable(),
  TenTinh: z.string(),
  /** Commune code (5 digits) or null. */
  MaXa: z.string().nullable(),
  TenXa: z.string().nullable(),
  /** Village, hamlet, street and house number. */
  ChiTiet: z.string().nullable(),
});
export type CitizenAddress = z.infer<typeof CitizenAddress>;

export const CitizenRecord = z.object({
  SoDinhDanh: z.string().regex(/^\d{12}$/),
  HoVaTen: z.string().min(1),
  NgaySinh: CompactDate,
  /** 1 Nam (male), 2 Nữ (female). */
  GioiTinh: z.enum(['1', '2']),
  DanToc: z.string(),
  TonGiao: z.string(),
  QuocTich: z.string(),
  QueQuan: CitizenAddress,
  NoiThuongTru: CitizenAddress,
  NoiOHienTai: CitizenAddress,
  /** The card (thẻ Căn cước công dân / thẻ Căn cước): null for a child who has none yet. */
  NgayCapCCCD: CompactDate.nullable(),
  NoiCapCCCD: z.string().nullable(),
  HoTenCha: z.string().nullable(),
  HoTenMe: z.string().nullable(),
  TinhTrangHonNhan: z.string(),
});
export type CitizenRecord = z.infer<typeof CitizenRecord>;

/** MotCua's applicant fields a lookup fills, plus what the officer checks the person against. */
export const PopulationApplicant = z.object({
  kind: z.literal('citizen'),
  idNumber: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
});
export type PopulationApplicant = z.infer<typeof PopulationApplicant>;

/** The dossier fields a lookup can be the source of (the rest of PopulationApplicant is for display). */
export const PREFILLED_FIELDS = ['idNumber', 'name', 'address'] as const;

export function formatAddress(a: CitizenAddress): string | null {
  const parts = [a.ChiTiet, a.TenXa, a.TenTinh].map((p) => p?.trim()).filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : null;
}

export function isoDate(compact: string): string {
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

/** The record as MotCua's applicant: the permanent residence (nơi thường trú) is the address of record. */
export function toApplicantFields(r: CitizenRecord): PopulationApplicant {
  return {
    kind: 'citizen',
    idNumber: r.SoDinhDanh,
    name: r.HoVaTen.normalize('NFC').trim(),
    address: formatAddress(r.NoiThuongTru),
    birthDate: isoDate(r.NgaySinh),
    sex: r.GioiTinh === '1' ? 'male' : 'female',
  };
}
