// The practice scenarios shipped with MotCua: for each procedure the demo and the tests use (and one land
// procedure when the catalogue has it), dossiers with planted problems — a missing component, a wrong fee, a
// due date across Tết, a component that needs an original, a ground for refusal — planted on the procedure's
// real component keys, each with the expected answer and step-by-step guidance. seedPracticeScenarios upserts
// them by code, so running it again only refreshes them.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Msg } from '../../../errors.js';
import { buildWorkCalendar, DEFAULT_WEEK_SCHEDULE, type Limit } from '../../calendar/index.js';
import { findVersionAt, type ProcedureVersion } from '../../catalogue/store.js';
import { limitFor, type ComponentInfo } from '../../catalogue/domain.js';
import { expectedDueDate, type Expected, type GuidanceStep, type Planted, type PracticeDecision, type ScenarioDossier } from './domain.js';

type Db = Kysely<DB> | Transaction<DB>;
type Recipe = 'missing' | 'fee_original' | 'tet' | 'refuse';

interface Plan {
  codes: string[];
  /** The component the scenarios turn on (the one that goes missing, or is handed in only as a copy). */
  main: RegExp;
  recipes: Recipe[];
  /** The legal time limit when the catalogue's record has none (MotCua never guesses one for real intake). */
  limit?: { limit: Limit; basis: Msg };
  /** For a wrong-fee scenario: what the applicant declared. */
  declaredFee?: number;
  /** For a refusal scenario: the ground the official should find. */
  refusal?: { story: Msg; reason: Msg };
}

const HOTICH_SAME_DAY = (article: number): Plan['limit'] => ({
  limit: { value: 0, unit: 'same_day' },
  basis: {
    vi: `Luật Hộ tịch 2014, Điều ${article}: giải quyết ngay trong ngày khi nhận đủ giấy tờ hợp lệ`,
    en: `Civil Status Law 2014, Art. ${article}: decided the same day once the papers are complete`,
  },
});

const PLANS: Plan[] = [
  { codes: ['1.001193'], main: /giấy chứng sinh/i, recipes: ['missing', 'fee_original'], limit: HOTICH_SAME_DAY(16), declaredFee: 8_000 },
  { codes: ['1.000894'], main: /hộ chiếu|căn cước/i, recipes: ['missing', 'fee_original'], limit: HOTICH_SAME_DAY(18), declaredFee: 30_000 },
  { codes: ['1.000656'], main: /giấy báo tử/i, recipes: ['missing'], limit: HOTICH_SAME_DAY(34) },
  { codes: ['2.000908'], main: /căn cước|giấy tờ/i, recipes: ['tet', 'missing'] },
  {
    codes: ['2.000815'],
    main: /bản chính/i,
    recipes: ['refuse', 'missing'],
    limit: {
      limit: { value: 0, unit: 'same_day' },
      basis: {
        vi: 'Nghị định 23/2015/NĐ-CP, Điều 21: trong ngày tiếp nhận (sau 15 giờ thì trong ngày làm việc tiếp theo)',
        en: 'Decree 23/2015/NĐ-CP, Art. 21: the same day (after 15:00, the next working day)',
      },
    },
    refusal: {
      story: {
        vi: 'Bản chính Giấy khai sinh mà người yêu cầu xuất trình có ngày sinh bị tẩy xoá, viết đè, không có xác nhận của cơ quan đã cấp.',
        en: 'The original birth certificate the applicant shows has its date of birth erased and overwritten, with no confirmation by the issuing body.',
      },
      reason: {
        vi: 'Bản chính bị tẩy xoá, sửa chữa nội dung không hợp lệ: không được chứng thực bản sao (Nghị định 23/2015/NĐ-CP, Điều 22).',
        en: 'The original has been erased and altered without validation: a copy of it may not be certified (Decree 23/2015/NĐ-CP, Art. 22).',
      },
    },
  },
  { codes: ['1.003583'], main: /giấy chứng sinh/i, recipes: ['tet', 'missing'] },
  // Land (Đất đai): the first of these the catalogue holds.
  { codes: ['1.012796', '1.013979', '1.013978'], main: /giấy chứng nhận|văn bản|đơn/i, recipes: ['missing', 'tet'] },
];

const APPLICANTS: ScenarioDossier['applicant'][] = [
  { name: 'Nguyễn Thị Thực Hành', idNumber: '046190000101', phone: '0905000101', address: 'Thôn Mỹ Lợi, xã Vinh Lộc, thành phố Huế' },
  { name: 'Trần Văn Luyện Tập', idNumber: '046088000202', phone: '0905000202', address: 'Thôn Hiền An, xã Vinh Lộc, thành phố Huế' },
  { name: 'Lê Thị Mẫu', idNumber: '046195000303', phone: '0905000303', address: 'Thôn Phú Xuân, xã Phú Vang, thành phố Huế' },
  { name: 'Phạm Văn Thử', idNumber: '046079000404', phone: '0905000404', address: 'Thôn Đông Lâm, xã Đan Điền, thành phố Huế' },
];

/** Receipt just before Tết Đinh Mùi (mùng 1 = Saturday 6 February 2027): Thursday 4 February 2027, 15:00. */
export const TET_RECEIPT = '2027-02-04T15:00:00+07:00';

const RECIPE_NAMES: Record<Recipe, { slug: string; title: Msg; level: number; minutes: number }> = {
  missing: { slug: 'thieu-thanh-phan', title: { vi: 'Hồ sơ thiếu thành phần', en: 'A component is missing' }, level: 1, minutes: 10 },
  fee_original: { slug: 'le-phi-ban-chinh', title: { vi: 'Lệ phí kê khai sai, giấy tờ phải có bản chính', en: 'Wrong fee declared, a component needs its original' }, level: 2, minutes: 12 },
  tet: { slug: 'hen-tra-qua-tet', title: { vi: 'Ngày hẹn trả qua Tết Nguyên đán', en: 'Due date across Tết' }, level: 2, minutes: 10 },
  refuse: { slug: 'tu-choi', title: { vi: 'Giấy tờ không đủ điều kiện giải quyết', en: 'A dossier that must be refused' }, level: 1, minutes: 8 },
};

export interface ScenarioSpec {
  code: string;
  procedureCode: string;
  titleVi: string;
  titleEn: string;
  briefVi: string;
  briefEn: string;
  level: number;
  dossier: ScenarioDossier;
  planted: Planted[];
  expected: Expected;
  guidance: GuidanceStep[];
  timeTargetMinutes: number;
}

const short = (name: string, max = 90) => (name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name);
const money = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
const LIMIT_WORDS: Record<Limit['unit'], Msg> = {
  working_day: { vi: 'ngày làm việc', en: 'working days' },
  day: { vi: 'ngày', en: 'days' },
  hour: { vi: 'giờ làm việc', en: 'working hours' },
  same_day: { vi: 'trong ngày', en: 'same day' },
};

/** The component a scenario turns on: the first required one matching the plan, else the first required one. */
function mainComponent(components: ComponentInfo[], plan: Plan): ComponentInfo | undefined {
  const required = components.filter((c) => c.required);
  return required.find((c) => plan.main.test(c.name)) ?? required[0];
}

function steps(list: Array<[vi: string, en: string]>): GuidanceStep[] {
  return list.map(([vi, en], i) => ({ step: i + 1, vi, en }));
}

const OPEN_STEP: [string, string] = [
  'Bấm "Mở hồ sơ thực hành": đây là màn hình hồ sơ thật. Mọi thao tác được ghi lại như thật nhưng hồ sơ thực hành không vào báo cáo, không gửi Cổng Dịch vụ công quốc gia.',
  'Click "Open the practice dossier": this is the real dossier screen. Every action is recorded as for real, but a practice dossier never reaches reports or the national portal.',
];
const CHECK_STEP: [string, string] = [
  'Đối chiếu bảng "Thành phần hồ sơ" với quy định của thủ tục: thành phần in đậm là bắt buộc, cột "Đã nộp" cho biết người dân đã nộp gì, cột "Bản chính" cho biết giấy tờ nào phải có bản chính.',
  'Check the "Components" table against the procedure: bold components are required, the "Provided" column shows what the applicant handed in, the "Originals" column which documents need an original.',
];
const FINISH_STEP: [string, string] = [
  'Quay lại trang lượt thực hành, điền câu trả lời (lệ phí đúng, ngày hẹn trả, giấy tờ phải có bản chính nếu có) và bấm "Hoàn thành" để xem điểm.',
  'Go back to the practice attempt page, fill in your answers (the correct fee, the due date, the documents needing an original, if any) and click "Finish" to see your score.',
];

/** The scenario of one recipe for one procedure version, or null when the procedure does not lend itself to it. */
export function buildScenario(version: ProcedureVersion, plan: Plan, recipe: Recipe, index: number, nationalDue: (basis: { receivedAt: string; limit: Limit }) => string): ScenarioSpec | null {
  const main = mainComponent(version.components, plan);
  if (!main) return null;
  const online = version.onlineLevel !== 'none' && version.channels.some((c) => c.channel === 'online');
  const channel: ScenarioDossier['channel'] = online ? 'online' : 'counter';
  const catalogue = limitFor(version.channels, channel);
  const limit = catalogue.ok ? catalogue.limit : (plan.limit?.limit ?? null);
  if (!limit) return null;
  const fee = catalogue.ok ? (catalogue.fee ?? 0) : 0;
  const required = version.components.filter((c) => c.required);
  const applicant = APPLICANTS[index % APPLICANTS.length]!;
  const meta = RECIPE_NAMES[recipe];
  const name = short(version.name.replace(/^Thủ tục\s+/i, ''), 80);
  const arrives = { vi: channel === 'online' ? 'nộp trực tuyến' : 'nộp tại Bộ phận Một cửa', en: channel === 'online' ? 'online' : 'at the one-stop desk' };
  /** "A dossier for procedure 1.001193 from X has arrived online." */
  const arrivedEn = (what = 'A dossier') => `${what} for procedure ${version.code} from ${applicant.name} has arrived ${arrives.en}.`;
  const base = {
    code: `TH-${version.code}-${meta.slug}`,
    procedureCode: version.code,
    titleVi: `${meta.title.vi}: ${name}`,
    titleEn: `${meta.title.en}: ${version.code}`,
    level: meta.level,
    timeTargetMinutes: meta.minutes,
  };
  const dossier = (provided: ScenarioDossier['provided'], declaredFee: number | null): ScenarioDossier => ({
    channel,
    applicant,
    subject: `[THỰC HÀNH] ${short(version.name, 200)}`,
    provided,
    declaredFee,
    limit: catalogue.ok ? null : limit,
    limitBasis: catalogue.ok ? null : (plan.limit?.basis ?? null),
  });
  const all = (copy?: string) => required.map((c) => ({ key: c.key, as: c.key === copy ? ('copy' as const) : ('original' as const) }));
  const expected = (decision: PracticeDecision, over: Partial<Expected> = {}): Expected => ({ decision, missing: [], originals: [], fee, dueDate: null, dueBasis: null, ...over });

  switch (recipe) {
    case 'missing': {
      const provided = required.filter((c) => c.key !== main.key).map((c) => ({ key: c.key, as: 'original' as const }));
      return {
        ...base,
        briefVi: `${applicant.name} ${arrives.vi} hồ sơ "${name}". Hãy kiểm tra thành phần hồ sơ trên màn hình hồ sơ thật và ra quyết định: tiếp nhận, yêu cầu bổ sung hay từ chối tiếp nhận.`,
        briefEn: `${arrivedEn()} Check its components on the real dossier screen and decide: receive it, request a supplement, or refuse it.`,
        dossier: dossier(provided, null),
        planted: [{ kind: 'missing_component', componentKey: main.key }],
        expected: expected('request_supplement', { missing: [main.key] }),
        guidance: steps([
          OPEN_STEP,
          CHECK_STEP,
          [
            'Có thành phần bắt buộc chưa nộp thì không tiếp nhận và không tự đánh dấu là đã nhận. Bấm "Yêu cầu bổ sung", chọn đúng (và chỉ) các thành phần còn thiếu, ghi lý do: người dân được hướng dẫn một lần, đầy đủ (Mẫu 02).',
            'If a required component is missing, do not receive the dossier and do not tick it as handed in. Click "Request supplement", select exactly the missing components, and give the reason: the applicant is guided once, completely (form 02).',
          ],
          FINISH_STEP,
        ]),
      };
    }
    case 'fee_original': {
      if (main.originals < 1) return null;
      const declared = plan.declaredFee && plan.declaredFee !== fee ? plan.declaredFee : fee + 10_000;
      return {
        ...base,
        briefVi: `${applicant.name} ${arrives.vi} hồ sơ "${name}", kê khai đã nộp lệ phí ${money(declared)}; giấy tờ "${short(main.name, 70)}" chỉ là bản chụp. Hãy kiểm tra hồ sơ, ra quyết định, rồi cho biết mức lệ phí đúng và những giấy tờ phải xuất trình bản chính.`,
        briefEn: `${arrivedEn()} The applicant declares a fee of ${money(declared)} paid; the document "${short(main.name, 70)}" is only a photocopy. Check the dossier, decide, then give the correct fee and the documents whose original must be shown.`,
        dossier: dossier(all(main.key), declared),
        planted: [
          { kind: 'wrong_fee', declared },
          { kind: 'needs_original', componentKey: main.key },
        ],
        expected: expected('receive', { originals: [main.key] }),
        guidance: steps([
          OPEN_STEP,
          CHECK_STEP,
          [
            `Kiểm tra phí, lệ phí: đối chiếu số tiền người dân kê khai (${money(declared)}) với mức thu của thủ tục trong danh mục (mục "Phí, lệ phí" của thủ tục). Thu sai phải hoàn trả hoặc thu bổ sung.`,
            `Check the fee: compare what the applicant declared (${money(declared)}) with the procedure's fee in the catalogue. A wrong fee must be refunded or topped up.`,
          ],
          [
            'Giấy tờ có số "Bản chính" từ 1 trở lên mà người dân chỉ nộp bản chụp: hồ sơ vẫn đủ thành phần nên tiếp nhận, nhưng ghi chú yêu cầu xuất trình bản chính để đối chiếu và đánh dấu giấy tờ đó ở ô "Giấy tờ phải có bản chính".',
            'A document with 1 or more in "Originals" handed in only as a photocopy: the dossier is complete, so receive it, but note that the original must be shown for comparison and flag that document under "Documents needing an original".',
          ],
          FINISH_STEP,
        ]),
      };
    }
    case 'tet': {
      if (limit.unit === 'same_day' || limit.value < 1) return null;
      const basis = { receivedAt: TET_RECEIPT, limit };
      const words = LIMIT_WORDS[limit.unit];
      return {
        ...base,
        briefVi: `${applicant.name} ${arrives.vi} hồ sơ "${name}" đủ thành phần. Giả sử bạn tiếp nhận hồ sơ lúc 15 giờ thứ Năm 04/02/2027, ngay trước Tết Nguyên đán Đinh Mùi; thời hạn giải quyết ${limit.value} ${words.vi}. Hãy tiếp nhận hồ sơ trên màn hình thật rồi tính ngày hẹn trả cho lần tiếp nhận giả định đó.`,
        briefEn: `${arrivedEn('A complete dossier')} Suppose you receive it at 15:00 on Thursday 4 February 2027, just before Tết; the time limit is ${limit.value} ${words.en}. Receive the dossier on the real screen, then work out the due date for that supposed receipt.`,
        dossier: dossier(all(), null),
        planted: [{ kind: 'due_across_tet', receivedAt: TET_RECEIPT, limit }],
        expected: expected('receive', { dueDate: nationalDue(basis), dueBasis: basis }),
        guidance: steps([
          OPEN_STEP,
          CHECK_STEP,
          ['Hồ sơ đủ thành phần: bấm "Tiếp nhận".', 'The dossier is complete: click "Receive".'],
          [
            `Tính ngày hẹn trả: đếm ${limit.value} ${words.vi} kể từ sau ngày tiếp nhận, bỏ thứ Bảy, Chủ nhật, các ngày nghỉ Tết Nguyên đán và ngày nghỉ bù theo lịch làm việc của đơn vị; giờ hẹn giữ nguyên giờ tiếp nhận.`,
            `Work out the due date: count ${limit.value} ${words.en} after the day of receipt, skipping Saturdays, Sundays, the Tết holidays and days off in lieu in the unit's working calendar; the time of day stays that of the receipt.`,
          ],
          FINISH_STEP,
        ]),
      };
    }
    case 'refuse': {
      if (!plan.refusal) return null;
      return {
        ...base,
        briefVi: `${applicant.name} ${arrives.vi} yêu cầu "${name}". ${plan.refusal.story.vi} Hãy kiểm tra và ra quyết định trên màn hình hồ sơ thật.`,
        briefEn: `${arrivedEn('A request')} ${plan.refusal.story.en} Check it and decide on the real dossier screen.`,
        dossier: dossier(all(), null),
        planted: [{ kind: 'refusal_ground', reason: plan.refusal.reason }],
        expected: expected('refuse'),
        guidance: steps([
          OPEN_STEP,
          CHECK_STEP,
          [
            'Hồ sơ thuộc trường hợp không được giải quyết (ví dụ bản chính bị tẩy xoá, sửa chữa): không yêu cầu bổ sung mà bấm "Từ chối tiếp nhận" và ghi rõ lý do, căn cứ pháp lý (Mẫu 03).',
            'A dossier that may not be granted (e.g. an erased or altered original): do not request a supplement; click "Refuse" and give the reason and its legal basis (form 03).',
          ],
          FINISH_STEP,
        ]),
      };
    }
  }
}

/** The national working calendar (no unit's own days), for the due dates stored with the scenarios. */
async function nationalCalendar(db: Db) {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind', 'name', 'name_en']).where('unit_id', 'is', null).execute();
  return buildWorkCalendar(rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, nameEn: r.name_en })), DEFAULT_WEEK_SCHEDULE);
}

/** Every scenario whose procedure is in the catalogue (a plan with several codes takes the first present). */
export async function practiceScenarioSpecs(db: Db, now: Date = new Date()): Promise<ScenarioSpec[]> {
  const cal = await nationalCalendar(db);
  const due = (basis: { receivedAt: string; limit: Limit }) => expectedDueDate(cal, basis);
  const out: ScenarioSpec[] = [];
  let index = 0;
  for (const plan of PLANS) {
    let version: ProcedureVersion | undefined;
    for (const code of plan.codes) if (!version) version = await findVersionAt(db, code, now);
    if (!version) continue;
    for (const recipe of plan.recipes) {
      const spec = buildScenario(version, plan, recipe, index++, due);
      if (spec) out.push(spec);
    }
  }
  return out;
}

/** Upserts the shipped scenarios by code (idempotent). Returns how many there are. */
export async function seedPracticeScenarios(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  const specs = await practiceScenarioSpecs(db, now);
  if (!specs.length) return 0;
  await db.transaction().execute(async (tx) => {
    const procs = await tx.selectFrom('procedures').select(['id', 'code']).where('code', 'in', specs.map((s) => s.procedureCode)).execute();
    const idOf = new Map(procs.map((p) => [p.code, p.id]));
    for (const s of specs) {
      const values = {
        procedure_id: idOf.get(s.procedureCode)!,
        title_vi: s.titleVi,
        title_en: s.titleEn,
        brief_vi: s.briefVi,
        brief_en: s.briefEn,
        level: s.level,
        dossier: JSON.stringify(s.dossier),
        planted: JSON.stringify(s.planted),
        expected: JSON.stringify(s.expected),
        guidance: JSON.stringify(s.guidance),
        time_target_minutes: s.timeTargetMinutes,
      };
      await tx
        .insertInto('practice_scenarios')
        .values({ code: s.code, ...values })
        .onConflict((oc) => oc.column('code').doUpdateSet(values))
        .execute();
    }
  });
  return specs.length;
}
