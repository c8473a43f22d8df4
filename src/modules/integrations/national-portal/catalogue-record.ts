// The national catalogue's procedure record (MATTHC, TENTTHC, LINHVUCTHUCHIEN, CACHTHUCTHUCHIEN…, regulation.md
// §2.8) read into the shape of MotCua's catalogue file, so that the one importer checks and versions it. Pure.
import { z } from 'zod';
import type { Msg } from '../../../errors.js';

const Text = z.string().nullable().optional();

const PortalProcedure = z.object({
  MATTHC: z.string().trim().min(1),
  TENTTHC: z.string(),
  LINHVUCTHUCHIEN: z.array(z.object({ MALINHVUC: Text, TENLINHVUC: z.string() })).min(1),
  COQUANCONGBO: Text,
  QUYETDINHCONGBO: Text,
  CAPTHUCHIEN: z.array(z.object({ TENCAP: z.string() })).default([]),
  MOTADOITUONGTHUCHIEN: Text,
  COQUANTHUCHIEN: Text,
  CACHTHUCTHUCHIEN: z.array(
    z.object({
      KENH: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      MOTA: Text,
      THOIGIAN: z
        .array(
          z.object({
            THOIGIANGIAIQUYET: z.number().nullable().optional(),
            DONVITINH: Text,
            MOTA: Text,
            PHILEPHI: z.array(z.object({ SOTIEN: z.number().nullable().optional(), DONVI: Text, MOTA: Text })).default([]),
          }),
        )
        .min(1),
    }),
  ),
  THANHPHANHOSO: z
    .array(
      z.object({
        TRUONGHOP: Text,
        GIAYTO: z.array(
          z.object({
            MAGIAYTO: Text,
            TENGIAYTO: z.string(),
            TENMAUDON: Text,
            URL: Text,
            SOBANCHINH: z.number().int().nonnegative().default(0),
            SOBANSAO: z.number().int().nonnegative().default(0),
            GHICHU: Text,
          }),
        ),
      }),
    )
    .default([]),
  GHICHUTHANHPHANHOSO: z.array(z.string()).default([]),
  KETQUATHUCHIEN: z.array(z.object({ MAKETQUA: Text, TENKETQUA: z.string() })).default([]),
  CANCUPHAPLY: z.array(z.object({ SOVANBAN: z.string(), TENVANBAN: Text })).default([]),
  TRINHTUTHUCHIEN: z.array(z.object({ TRUONGHOP: Text, TRINHTU: z.array(z.object({ TENTRINHTU: z.string() })) })).default([]),
  YEUCAU: Text,
  DUONGDAN: Text,
});
export type PortalProcedure = z.infer<typeof PortalProcedure>;

const CHANNELS = { 1: 'counter', 2: 'online', 3: 'postal' } as const;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
const UNITS: Record<string, string> = {
  'ngay lam viec': 'working_day',
  ngay: 'day',
  'ngay lich': 'day',
  gio: 'hour',
  'gio lam viec': 'hour',
  thang: 'month',
  'trong ngay': 'same_day',
};

export type Converted =
  | { ok: true; record: Record<string, unknown>; warnings: string[] }
  | { ok: false; code: string | null; message: Msg };

/**
 * One portal record as a catalogue-file record. A unit of time the text does not name clearly stays null (an
 * admin sets it, as for the national file): MotCua never guesses a legal time limit.
 */
export function fromPortalRecord(raw: unknown): Converted {
  const code = typeof (raw as { MATTHC?: unknown })?.MATTHC === 'string' ? (raw as { MATTHC: string }).MATTHC : null;
  const parsed = PortalProcedure.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || 'record');
    return {
      ok: false,
      code,
      message: {
        vi: `Bản ghi thủ tục từ Cổng DVCQG thiếu hoặc sai trường: ${where.join(', ')}`,
        en: `The national portal's procedure record has missing or invalid fields: ${where.join(', ')}`,
      },
    };
  }
  const p = parsed.data;
  const warnings: string[] = [];
  const channels = p.CACHTHUCTHUCHIEN.flatMap((c) =>
    c.THOIGIAN.map((t) => {
      const unitText = t.DONVITINH?.trim() ? fold(t.DONVITINH) : null;
      const unit = unitText ? (UNITS[unitText] ?? null) : null;
      if (unitText && !unit) warnings.push(`${CHANNELS[c.KENH]}: đơn vị thời gian "${t.DONVITINH}" không rõ / unknown time unit "${t.DONVITINH}"`);
      const fee = t.PHILEPHI[0];
      return {
        channel: CHANNELS[c.KENH],
        timeLimit: { value: t.THOIGIANGIAIQUYET ?? null, unit, text: t.MOTA ?? null },
        fee: fee ? { amount: fee.SOTIEN ?? null, currency: fee.DONVI ?? null, text: fee.MOTA ?? null } : null,
        description: c.MOTA ?? null,
      };
    }),
  );
  return {
    ok: true,
    warnings,
    record: {
      code: p.MATTHC,
      name: p.TENTTHC,
      field: p.LINHVUCTHUCHIEN[0]!.TENLINHVUC,
      ministry: p.COQUANCONGBO ?? null,
      decision: p.QUYETDINHCONGBO ?? null,
      levels: p.CAPTHUCHIEN.map((l) => l.TENCAP),
      applicants: p.MOTADOITUONGTHUCHIEN ?? null,
      agency: p.COQUANTHUCHIEN ?? null,
      channels,
      components: p.THANHPHANHOSO.flatMap((g) =>
        g.GIAYTO.map((c) => ({ name: c.TENGIAYTO, form: c.TENMAUDON ?? null, originals: c.SOBANCHINH, copies: c.SOBANSAO, note: c.GHICHU ?? null })),
      ),
      componentNotes: p.GHICHUTHANHPHANHOSO,
      results: p.KETQUATHUCHIEN.map((r) => ({ name: r.TENKETQUA, code: r.MAKETQUA ?? null })),
      legalBasis: p.CANCUPHAPLY.map((l) => ({ number: l.SOVANBAN, title: l.TENVANBAN ?? null })),
      steps: p.TRINHTUTHUCHIEN.length ? p.TRINHTUTHUCHIEN.flatMap((s) => s.TRINHTU.map((x) => x.TENTRINHTU)).join('\n') : null,
      requirements: p.YEUCAU ?? null,
      source: p.DUONGDAN ?? null,
    },
  };
}
