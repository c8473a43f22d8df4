// The demo's national systems: every simulator started in this process on fixed loopback ports next to the
// app's (so links stored in the database, such as a payment page, still work after a restart), each with a
// journal in the data folder, and the settings that point MotCua at them. A port already taken falls back to a
// free one. `npm start` uses this; a real installation sets the MOTCUA_*_URL variables to the real systems.
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { RunningSimulator } from './base.js';
import { startNationalPortalSimulator, type RunningNationalPortalSimulator } from './national-portal.js';
import { startPopulationSimulator } from './population.js';
import { startPaymentSimulator } from './payment.js';
import { startSmsSimulator } from './sms.js';
import { startMailCatcher } from './mail.js';
import { startSigningSimulator } from './signing.js';

export const SIMULATOR_NAMES = ['national-portal', 'population', 'payment', 'sms', 'mail', 'signing'] as const;
export type SimulatorName = (typeof SIMULATOR_NAMES)[number];

export interface StartedSimulator {
  name: SimulatorName;
  /** Where a person looks (the mail catcher's inbox page, a simulator's control routes). */
  url: string;
  /** Settings that point MotCua at it. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Offsets from the app's port: 3000 → 3101 … 3106, SMTP on 3125. */
const OFFSETS: Record<SimulatorName, number> = { 'national-portal': 101, population: 102, payment: 103, sms: 104, mail: 106, signing: 105 };
const SMTP_OFFSET = 125;

export async function startSimulator(
  name: SimulatorName,
  options: { port?: number; smtpPort?: number; journalDir?: string; /** Give the national portal its demo submissions. */ demo?: boolean },
): Promise<StartedSimulator> {
  const journalFile = options.journalDir ? path.join(options.journalDir, `${name}.jsonl`) : undefined;
  const port = options.port ?? 0;
  const base = { port, ...(journalFile ? { journalFile } : {}) };
  switch (name) {
    case 'national-portal': {
      const s = await startNationalPortalSimulator(base);
      if (options.demo) await seedPortalSubmissions(s);
      return wrap(name, s, { MOTCUA_NATIONAL_PORTAL_URL: s.url });
    }
    case 'population': {
      const s = await startPopulationSimulator(base);
      return wrap(name, s, { MOTCUA_POPULATION_URL: s.url });
    }
    case 'payment': {
      const s = await startPaymentSimulator(base);
      return wrap(name, s, { MOTCUA_PAYMENT_URL: s.url });
    }
    case 'sms': {
      const s = await startSmsSimulator(base);
      return wrap(name, s, { MOTCUA_SMS_URL: s.url });
    }
    case 'signing': {
      const s = await startSigningSimulator({ ...base, autoApproveMs: 3000 });
      return wrap(name, s, { MOTCUA_SIGNING_URL: s.url });
    }
    case 'mail': {
      const s = await startMailCatcher({ httpPort: port, smtpPort: options.smtpPort ?? 0, ...(journalFile ? { journalFile } : {}) });
      return { name, url: `${s.url}/_sim/mail`, env: { MOTCUA_SMTP_URL: s.smtpUrl }, close: () => s.close() };
    }
  }
}

function wrap(name: SimulatorName, s: RunningSimulator, env: Record<string, string>): StartedSimulator {
  return { name, url: `${s.url}/_sim/health`, env, close: () => s.close() };
}

export interface DemoSimulators {
  started: StartedSimulator[];
  /** Settings for every simulator, to lay under the environment (the environment wins). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startDemoSimulators(appPort: number, dataDir: string): Promise<DemoSimulators> {
  const journalDir = path.join(dataDir, 'simulators');
  const started: StartedSimulator[] = [];
  for (const name of SIMULATOR_NAMES) {
    const fixed = { port: appPort + OFFSETS[name], smtpPort: appPort + SMTP_OFFSET };
    const s = await startSimulator(name, { ...fixed, journalDir, demo: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE') throw e;
      return startSimulator(name, { port: 0, smtpPort: 0, journalDir, demo: true });
    });
    started.push(s);
  }
  return {
    started,
    env: Object.assign({}, ...started.map((s) => s.env)),
    async close() {
      await Promise.all(started.map((s) => s.close().catch(() => undefined)));
    },
  };
}

/**
 * Two dossiers "submitted by citizens on the national portal" for Xã Vinh Lộc, the first time the demo starts
 * (the simulator's journal remembers them), so the commune's queue shows what arrives from the portal.
 */
export async function seedPortalSubmissions(portal: Pick<RunningNationalPortalSimulator, 'addSubmission' | 'stats'>): Promise<number> {
  const stats = portal.stats() as { submissions?: { pending: number; acked: number } };
  if ((stats.submissions?.pending ?? 0) + (stats.submissions?.acked ?? 0) > 0) return 0;
  const pdf = await demoPdf('Giay to / Document (demo scan)');
  const people = [
    { ChuHoSo: 'Hoàng Thị Mai', SoDienThoai: '0905123456', Email: 'hoangthimai@example.vn', DiaChi: 'Thôn Vinh Lộc, xã Vinh Lộc, thành phố Huế', MaDoiTuong: '046185000123' },
    { ChuHoSo: 'Nguyễn Văn Tâm', SoDienThoai: '0935987654', Email: 'nguyenvantam@example.vn', DiaChi: 'Thôn Hà Trung, xã Vinh Lộc, thành phố Huế', MaDoiTuong: '046090004567' },
  ];
  portal.addSubmission({
    MaDonVi: '20122',
    MaTTHC: '2.000908',
    LoaiDoiTuong: 1,
    TrichYeuHoSo: 'Cấp bản sao giấy khai sinh từ sổ gốc',
    ...people[0]!,
    TaiLieuNop: [{ MaGiayTo: 'c1-7d4524', TenGiayTo: 'Giấy tờ tùy thân', TenTep: 'can-cuoc.pdf', LoaiTep: 'application/pdf', DuLieu: pdf }],
  });
  // A household split: 5 working days and a fee, for the online payment part of the tour.
  portal.addSubmission({
    MaDonVi: '20122',
    MaTTHC: '1.010038',
    LoaiDoiTuong: 1,
    TrichYeuHoSo: 'Tách hộ cho gia đình ông Nguyễn Văn Tâm',
    ...people[1]!,
    TaiLieuNop: [{ MaGiayTo: 'c3-a500d7', TenGiayTo: 'Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', TenTep: 'to-khai-ct01.pdf', LoaiTep: 'application/pdf', DuLieu: pdf }],
  });
  return people.length;
}

async function demoPdf(title: string): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  // Helvetica has no Vietnamese letters: the demo scan's text stays ASCII.
  page.drawText(title, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save()).toString('base64');
}

/**
 * What the demo communes need to take payments online: a beneficiary account at the (simulated) platform, and
 * fee lines as the national catalogue gives them — for "Tách hộ" (1.010038, 5 working days: 10,000 đồng at the
 * counter, 5,000 đồng online, Circular 75/2022/TT-BTC). Only for the demo (`serve --simulators`); a real commune
 * enters its own on the administration pages. Existing settings are kept.
 */
export async function prepareDemoConnections(db: Kysely<DB>, now: Date = new Date()): Promise<void> {
  const communes = await db.selectFrom('units').select(['id', 'code', 'name']).where('code', 'in', ['20122', '19942', '19885']).execute();
  await db.transaction().execute(async (tx) => {
    for (const u of communes) {
      await tx
        .insertInto('payment_accounts')
        .values({ unit_id: u.id, platform_unit: `H46.${u.code}`, account_no: `3713${u.code}0001`, bank_code: 'VBA', account_name: `UBND ${u.name}`, updated_at: now })
        .onConflict((oc) => oc.column('unit_id').doNothing())
        .execute();
    }
  });
  await addFeeLines(db, '1.010038', [{ code: 'LP-TH', name: 'Lệ phí đăng ký cư trú (tách hộ), nộp trực tiếp', kind: 'charge', amount: 10_000 }], now);
}

/** Fee lines of one procedure at the demo communes, unless the commune already has that line. */
export async function addFeeLines(
  db: Kysely<DB>,
  procedureCode: string,
  lines: Array<{ code: string; name: string; kind: 'fee' | 'charge'; amount: number }>,
  now: Date = new Date(),
): Promise<void> {
  const procedure = await db.selectFrom('procedures').select('id').where('code', '=', procedureCode).executeTakeFirst();
  if (!procedure) return;
  const communes = await db.selectFrom('units').select('id').where('code', 'in', ['20122', '19942', '19885']).execute();
  for (const u of communes) {
    for (const [position, l] of lines.entries()) {
      await db
        .insertInto('procedure_fee_lines')
        .values({ unit_id: u.id, procedure_id: procedure.id, ...l, position, updated_at: now })
        .onConflict((oc) => oc.columns(['unit_id', 'procedure_id', 'code']).doNothing())
        .execute();
    }
  }
}
