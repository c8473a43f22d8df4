// The Decision 766 service index (regulation.md §2.7): six groups, 100 points, computed from counts a unit logs.
// Pure functions over plain numbers: the store gathers the counts, this file says what each metric means.
// Where MotCua holds no data the national portal uses, the metric measures the closest thing MotCua does log,
// and its formula text says so. A rate whose denominator is 0 is null and earns 0 points ("không có dữ liệu"),
// except the two feedback (PAKN) metrics, which the regulation gives in full when there is nothing to judge.
import type { Msg } from '../../../errors.js';

/** Everything the index needs for one unit (or the sum over a province's communes) and one period. */
export interface IndexInputs {
  // Dossiers received in the period (by the local day received), and what is logged about each.
  received: number;
  receivedOnline: number;
  /** Of those received: resolved early or on time. */
  receivedOnTime: number;
  /** Of those received: refused or withdrawn after receipt (not counted for progress or results). */
  receivedEnded: number;
  feeBearing: number;
  paidOnline: number;
  eResult: number;
  /** Of those received: with a signed electronic result that the national portal holds. */
  eResultSynced: number;
  digitised: number;
  reused: number;
  populationUsed: number;
  synced: number;
  /** Of those received: dossiers of the certification field ("Chứng thực"), and those with an electronic result. */
  certificationReceived: number;
  certificationEResult: number;
  // Ratings given in the period.
  rated: number;
  satisfied: number;
  // Procedures as used by the unit in the period.
  proceduresWithDossiers: number;
  proceduresPopulationUsed: number;
  onlineProceduresUsed: number;
  feeProceduresPaidOnline: number;
  // The catalogue in force at the end of the period (per commune; summed over communes for a province).
  proceduresInForce: number;
  proceduresContentFull: number;
  proceduresOnline: number;
  feeProcedures: number;
  feeProceduresPayable: number;
  // Catalogue versions that took effect in the period: new procedures (version 1) and changes (later versions).
  newVersions: number;
  newVersionsOnTime: number;
  changedVersions: number;
  changedVersionsOnTime: number;
  // Feedback (PAKN).
  feedbackReceived: number;
  feedbackAnsweredOnTime: number;
  feedbackRated: number;
  feedbackSatisfied: number;
}

export const INPUT_KEYS = [
  'received', 'receivedOnline', 'receivedOnTime', 'receivedEnded', 'feeBearing', 'paidOnline', 'eResult', 'eResultSynced',
  'digitised', 'reused', 'populationUsed', 'synced', 'certificationReceived', 'certificationEResult', 'rated', 'satisfied',
  'proceduresWithDossiers', 'proceduresPopulationUsed', 'onlineProceduresUsed', 'feeProceduresPaidOnline', 'proceduresInForce',
  'proceduresContentFull', 'proceduresOnline', 'feeProcedures', 'feeProceduresPayable', 'newVersions', 'newVersionsOnTime',
  'changedVersions', 'changedVersionsOnTime', 'feedbackReceived', 'feedbackAnsweredOnTime', 'feedbackRated', 'feedbackSatisfied',
] as const satisfies ReadonlyArray<keyof IndexInputs>;

export function zeroInputs(): IndexInputs {
  return Object.fromEntries(INPUT_KEYS.map((k) => [k, 0])) as unknown as IndexInputs;
}

/** A province's inputs: the sum of its communes'. */
export function sumInputs(list: readonly IndexInputs[]): IndexInputs {
  const out = zeroInputs();
  for (const i of list) for (const k of INPUT_KEYS) out[k] += i[k];
  return out;
}

export type GroupKey = 'publicity' | 'progress' | 'online_services' | 'online_payment' | 'satisfaction' | 'digitisation';

/** Where a metric's dossiers can be listed: a metric of GET /api/reports/dossiers and its extra filters. */
export interface DrillSpec {
  metric: string;
  params?: Record<string, string>;
}

interface Computed {
  inputs: Record<string, number>;
  rate: number | null;
  score: number;
}

export interface MetricDefinition {
  key: string;
  group: GroupKey;
  name: Msg;
  max: number;
  formula: Msg;
  drill?: DrillSpec;
  compute(i: IndexInputs): Computed;
}

export interface GroupDefinition {
  key: GroupKey;
  name: Msg;
  max: number;
}

export const GROUPS: readonly GroupDefinition[] = [
  { key: 'publicity', name: { vi: 'Công khai, minh bạch', en: 'Publicity and transparency' }, max: 18 },
  { key: 'progress', name: { vi: 'Tiến độ giải quyết', en: 'Processing progress' }, max: 20 },
  { key: 'online_services', name: { vi: 'Dịch vụ công trực tuyến', en: 'Online public services' }, max: 12 },
  { key: 'online_payment', name: { vi: 'Thanh toán trực tuyến', en: 'Online payment' }, max: 10 },
  { key: 'satisfaction', name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' }, max: 18 },
  { key: 'digitisation', name: { vi: 'Số hóa hồ sơ', en: 'Digitisation' }, max: 22 },
];

/** n / d, kept within 0..1; null when there is nothing to divide by. */
export function ratio(n: number, d: number): number | null {
  if (!(d > 0)) return null;
  return Math.min(1, Math.max(0, n / d));
}

/** max × rate; a null rate earns nothing. */
export function linear(max: number, rate: number | null): number {
  return rate === null ? 0 : max * rate;
}

/** min(max, max × rate / target): full points from `target` on (e.g. 6 points from 90 % satisfied). */
export function capped(max: number, rate: number | null, target: number): number {
  return rate === null ? 0 : Math.min(max, (max * rate) / target);
}

/** Two decimals, the way the figure is shown (and summed). */
export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

const RECEIVED_NOTE = {
  vi: 'hồ sơ tiếp nhận trong kỳ (theo ngày tiếp nhận)',
  en: 'dossiers received in the period (by the day received)',
};
const COUNTED_NOTE = {
  vi: 'hồ sơ tiếp nhận trong kỳ, trừ hồ sơ bị từ chối hoặc rút sau khi tiếp nhận',
  en: 'dossiers received in the period, less those refused or withdrawn after receipt',
};

/** Dossiers received in the period that can have a result: neither refused nor withdrawn. */
const counted = (i: IndexInputs) => Math.max(0, i.received - i.receivedEnded);

function simple(
  key: string,
  group: GroupKey,
  name: Msg,
  max: number,
  formula: Msg,
  parts: (i: IndexInputs) => { n: [string, number]; d: [string, number]; extra?: Record<string, number> },
  points: (rate: number | null) => number = (r) => linear(max, r),
  drill?: DrillSpec,
): MetricDefinition {
  return {
    key,
    group,
    name,
    max,
    formula,
    ...(drill ? { drill } : {}),
    compute(i) {
      const { n, d, extra } = parts(i);
      const rate = ratio(n[1], d[1]);
      return { inputs: { [n[0]]: n[1], [d[0]]: d[1], ...extra }, rate, score: points(rate) };
    },
  };
}

export const METRICS: readonly MetricDefinition[] = [
  // Publicity and transparency (18).
  simple(
    'PUBLISH_ON_TIME', 'publicity',
    { vi: 'Công khai thủ tục hành chính đúng hạn', en: 'Procedures published on time' }, 6,
    {
      vi: '6 × (thủ tục mới có hiệu lực trong kỳ được nhập vào danh mục công khai của MotCua chậm nhất ngày có hiệu lực) / (thủ tục mới có hiệu lực trong kỳ). MotCua không biết ngày ban hành quyết định công bố, nên đo theo ngày có hiệu lực. Không có thủ tục mới: không có dữ liệu (0 điểm).',
      en: '6 × (new procedures taking effect in the period that were in MotCua\'s public catalogue by the day they took effect) / (new procedures taking effect in the period). MotCua does not know the date of the publishing decision, so it measures against the day the procedure takes effect. No new procedure: no data (0 points).',
    },
    (i) => ({ n: ['newVersionsOnTime', i.newVersionsOnTime], d: ['newVersions', i.newVersions] }),
  ),
  simple(
    'PUBLIC_UPDATE_ON_TIME', 'publicity',
    { vi: 'Cập nhật, công khai thủ tục sửa đổi đúng hạn', en: 'Changed procedures published on time' }, 4,
    {
      vi: '4 × (phiên bản sửa đổi có hiệu lực trong kỳ được nhập vào danh mục chậm nhất ngày có hiệu lực) / (phiên bản sửa đổi có hiệu lực trong kỳ). Không có sửa đổi: không có dữ liệu (0 điểm).',
      en: '4 × (changed versions taking effect in the period that were in the catalogue by the day they took effect) / (changed versions taking effect in the period). No change: no data (0 points).',
    },
    (i) => ({ n: ['changedVersionsOnTime', i.changedVersionsOnTime], d: ['changedVersions', i.changedVersions] }),
  ),
  simple(
    'PUBLIC_CONTENT_FULL', 'publicity',
    { vi: 'Công khai đầy đủ nội dung thủ tục', en: 'Procedures published in full' }, 2,
    {
      vi: '2 × (thủ tục đang có hiệu lực cuối kỳ có đủ thành phần hồ sơ, thời hạn giải quyết (có số và đơn vị) ở mọi cách thức, phí/lệ phí ở mọi cách thức và căn cứ pháp lý) / (thủ tục đang có hiệu lực).',
      en: '2 × (procedures in force at the end of the period whose record has components, a time limit (value and unit) for every channel, a fee for every channel and a legal basis) / (procedures in force).',
    },
    (i) => ({ n: ['proceduresContentFull', i.proceduresContentFull], d: ['proceduresInForce', i.proceduresInForce] }),
  ),
  simple(
    'DOSSIER_SYNC', 'publicity',
    { vi: 'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia', en: 'Dossiers synced to the national portal' }, 6,
    {
      vi: `6 × (hồ sơ đã đồng bộ lên Cổng DVCQG) / (${RECEIVED_NOTE.vi}).`,
      en: `6 × (dossiers the national portal holds) / (${RECEIVED_NOTE.en}).`,
    },
    (i) => ({ n: ['synced', i.synced], d: ['received', i.received] }),
  ),
  // Processing progress (20).
  {
    key: 'PROGRESS_ON_TIME',
    group: 'progress',
    name: { vi: 'Giải quyết hồ sơ đúng hạn', en: 'Dossiers resolved on time' },
    max: 20,
    formula: {
      vi: `20 × (hồ sơ giải quyết trước hạn hoặc đúng hạn) / (${COUNTED_NOTE.vi}). Hồ sơ còn đang giải quyết được tính ở mẫu số nhưng chưa tính là đúng hạn.`,
      en: `20 × (dossiers resolved early or on time) / (${COUNTED_NOTE.en}). Dossiers still in progress count in the denominator but not yet as on time.`,
    },
    drill: { metric: 'resolvedLate' },
    compute(i) {
      const rate = ratio(i.receivedOnTime, counted(i));
      return {
        inputs: { receivedOnTime: i.receivedOnTime, received: i.received, receivedEnded: i.receivedEnded, counted: counted(i) },
        rate,
        score: linear(20, rate),
      };
    },
  },
  // Online public services (12).
  simple(
    'ONLINE_PROCEDURES', 'online_services',
    { vi: 'Thủ tục cung cấp dịch vụ công trực tuyến', en: 'Procedures offered online' }, 2,
    {
      vi: 'min(2; 2 × A / 0,8); A = (thủ tục trực tuyến một phần hoặc toàn trình) / (thủ tục đang có hiệu lực).',
      en: 'min(2, 2 × A / 0.8); A = (procedures offered partly or fully online) / (procedures in force).',
    },
    (i) => ({ n: ['proceduresOnline', i.proceduresOnline], d: ['proceduresInForce', i.proceduresInForce] }),
    (r) => capped(2, r, 0.8),
  ),
  simple(
    'ONLINE_SERVICES_USED', 'online_services',
    { vi: 'Dịch vụ công trực tuyến phát sinh hồ sơ', en: 'Online services with dossiers' }, 4,
    {
      vi: '4 × B; B = (thủ tục trực tuyến có ít nhất một hồ sơ nộp trực tuyến tiếp nhận trong kỳ) / (thủ tục trực tuyến một phần hoặc toàn trình).',
      en: '4 × B; B = (online procedures with at least one online dossier received in the period) / (procedures offered partly or fully online).',
    },
    (i) => ({ n: ['onlineProceduresUsed', i.onlineProceduresUsed], d: ['proceduresOnline', i.proceduresOnline] }),
  ),
  simple(
    'ONLINE_DOSSIERS', 'online_services',
    { vi: 'Hồ sơ nộp trực tuyến', en: 'Dossiers submitted online' }, 6,
    {
      vi: `min(6; 6 × C / 0,5); C = (hồ sơ nộp trực tuyến) / (${RECEIVED_NOTE.vi}).`,
      en: `min(6, 6 × C / 0.5); C = (dossiers submitted online) / (${RECEIVED_NOTE.en}).`,
    },
    (i) => ({ n: ['receivedOnline', i.receivedOnline], d: ['received', i.received] }),
    (r) => capped(6, r, 0.5),
    { metric: 'receivedNew', params: { channel: 'online' } },
  ),
  // Online payment (10).
  simple(
    'ONLINE_PAYMENT_DOSSIERS', 'online_payment',
    { vi: 'Hồ sơ thanh toán trực tuyến', en: 'Dossiers paid online' }, 6,
    {
      vi: `6 × (hồ sơ có phí, lệ phí đã thanh toán trực tuyến) / (hồ sơ có phí, lệ phí trong số ${RECEIVED_NOTE.vi}).`,
      en: `6 × (fee-bearing dossiers paid online) / (fee-bearing dossiers among the ${RECEIVED_NOTE.en}).`,
    },
    (i) => ({ n: ['paidOnline', i.paidOnline], d: ['feeBearing', i.feeBearing] }),
  ),
  simple(
    'PAYMENT_PROCEDURES_ENABLED', 'online_payment',
    { vi: 'Thủ tục có phí cho phép thanh toán trực tuyến', en: 'Fee-bearing procedures payable online' }, 2,
    {
      vi: 'min(2; 2,5 × B); B = (thủ tục có phí, lệ phí nộp được trực tuyến và đơn vị đã khai báo tài khoản thụ hưởng) / (thủ tục có phí, lệ phí: theo danh mục hoặc theo mức thu đơn vị khai báo).',
      en: 'min(2, 2.5 × B); B = (fee-bearing procedures that can be submitted online at a unit with a beneficiary account) / (fee-bearing procedures: by the catalogue or the unit\'s fee lines).',
    },
    (i) => ({ n: ['feeProceduresPayable', i.feeProceduresPayable], d: ['feeProcedures', i.feeProcedures] }),
    (r) => (r === null ? 0 : Math.min(2, 2.5 * r)),
  ),
  simple(
    'PAYMENT_PROCEDURES_USED', 'online_payment',
    { vi: 'Thủ tục có phí phát sinh thanh toán trực tuyến', en: 'Fee-bearing procedures paid online' }, 2,
    {
      vi: 'min(2; 2,5 × C); C = (thủ tục có phí, lệ phí có ít nhất một hồ sơ tiếp nhận trong kỳ đã thanh toán trực tuyến) / (thủ tục có phí, lệ phí). Giới hạn 2 điểm để nhóm tối đa 10 điểm.',
      en: 'min(2, 2.5 × C); C = (fee-bearing procedures with at least one dossier received in the period and paid online) / (fee-bearing procedures). Capped at 2 so that the group\'s maximum is 10.',
    },
    (i) => ({ n: ['feeProceduresPaidOnline', i.feeProceduresPaidOnline], d: ['feeProcedures', i.feeProcedures] }),
    (r) => (r === null ? 0 : Math.min(2, 2.5 * r)),
  ),
  // Satisfaction (18).
  simple(
    'DOSSIER_RECEIVING_SATISFACTION', 'satisfaction',
    { vi: 'Mức độ hài lòng trong tiếp nhận, giải quyết hồ sơ', en: 'Satisfaction with dossier handling' }, 6,
    {
      vi: 'min(6; 6 × r / 0,9); r = (đánh giá hài lòng hoặc rất hài lòng) / (đánh giá nhận được trong kỳ). Không có đánh giá: không có dữ liệu (0 điểm).',
      en: 'min(6, 6 × r / 0.9); r = (ratings "satisfied" or "very satisfied") / (ratings given in the period). No rating: no data (0 points).',
    },
    (i) => ({ n: ['satisfied', i.satisfied], d: ['rated', i.rated] }),
    (r) => capped(6, r, 0.9),
  ),
  simple(
    'FEEDBACK_ON_TIME', 'satisfaction',
    { vi: 'Xử lý phản ánh, kiến nghị đúng hạn', en: 'Feedback answered on time' }, 6,
    {
      vi: '6 × (phản ánh, kiến nghị tiếp nhận trong kỳ đã trả lời đúng hạn) / (phản ánh, kiến nghị tiếp nhận trong kỳ). Không có phản ánh, kiến nghị: 6 điểm.',
      en: '6 × (feedback received in the period and answered by its due time) / (feedback received in the period). No feedback: 6 points.',
    },
    (i) => ({ n: ['feedbackAnsweredOnTime', i.feedbackAnsweredOnTime], d: ['feedbackReceived', i.feedbackReceived] }),
    (r) => (r === null ? 6 : 6 * r),
  ),
  simple(
    'FEEDBACK_SATISFACTION', 'satisfaction',
    { vi: 'Mức độ hài lòng về xử lý phản ánh, kiến nghị', en: 'Satisfaction with feedback answers' }, 6,
    {
      vi: '6 × (người gửi hài lòng với câu trả lời) / (câu trả lời trong kỳ được người gửi đánh giá). Không có phản ánh, kiến nghị được đánh giá: 6 điểm.',
      en: '6 × (senders satisfied with the answer) / (answers given in the period that the sender rated). No rated feedback: 6 points.',
    },
    (i) => ({ n: ['feedbackSatisfied', i.feedbackSatisfied], d: ['feedbackRated', i.feedbackRated] }),
    (r) => (r === null ? 6 : 6 * r),
  ),
  // Digitisation (22).
  {
    key: 'E_RESULT',
    group: 'digitisation',
    name: { vi: 'Kết quả giải quyết điện tử', en: 'Electronic results' },
    max: 6,
    formula: {
      vi: `6 × (hồ sơ có kết quả điện tử được ký số) / (${COUNTED_NOTE.vi}).`,
      en: `6 × (dossiers with a digitally signed electronic result) / (${COUNTED_NOTE.en}).`,
    },
    compute(i) {
      const rate = ratio(i.eResult, counted(i));
      return { inputs: { eResult: i.eResult, counted: counted(i) }, rate, score: linear(6, rate) };
    },
  },
  simple(
    'DIGITISED_COMPONENTS', 'digitisation',
    { vi: 'Số hóa thành phần hồ sơ', en: 'Digitised dossier components' }, 4,
    {
      vi: `4 × (hồ sơ mà mọi thành phần đã nộp đều có bản số hóa) / (${RECEIVED_NOTE.vi}).`,
      en: `4 × (dossiers with a scan of every component provided) / (${RECEIVED_NOTE.en}).`,
    },
    (i) => ({ n: ['digitised', i.digitised], d: ['received', i.received] }),
  ),
  simple(
    'E_CERTIFIED_COPY', 'digitisation',
    { vi: 'Cấp bản sao điện tử có chứng thực', en: 'Electronic certified copies' }, 2,
    {
      vi: '2 × (hồ sơ lĩnh vực Chứng thực tiếp nhận trong kỳ có kết quả điện tử được ký số) / (hồ sơ lĩnh vực Chứng thực tiếp nhận trong kỳ). MotCua không ghi riêng việc cấp bản sao điện tử, nên đo theo kết quả điện tử của lĩnh vực Chứng thực. Không có hồ sơ: không có dữ liệu (0 điểm).',
      en: '2 × (dossiers of the certification field ("Chứng thực") received in the period with a signed electronic result) / (dossiers of that field received in the period). MotCua does not log electronic certified copies as such, so this counts the field\'s electronic results. No dossier: no data (0 points).',
    },
    (i) => ({ n: ['certificationEResult', i.certificationEResult], d: ['certificationReceived', i.certificationReceived] }),
  ),
  simple(
    'DATA_REUSE', 'digitisation',
    { vi: 'Tái sử dụng dữ liệu số hóa', en: 'Reuse of digitised data' }, 2,
    {
      vi: `min(2; 2 × r / 0,8); r = (hồ sơ dùng lại giấy tờ đã số hóa trước đó) / (${RECEIVED_NOTE.vi}).`,
      en: `min(2, 2 × r / 0.8); r = (dossiers that reused an earlier digitised document) / (${RECEIVED_NOTE.en}).`,
    },
    (i) => ({ n: ['reused', i.reused], d: ['received', i.received] }),
    (r) => capped(2, r, 0.8),
  ),
  {
    key: 'CITIZEN_STORE_SYNC',
    group: 'digitisation',
    name: { vi: 'Đồng bộ kết quả vào Kho dữ liệu của công dân', en: 'Results synced to the citizen\'s data store' },
    max: 4,
    formula: {
      vi: `4 × (hồ sơ có kết quả điện tử đã đồng bộ lên Cổng DVCQG) / (${COUNTED_NOTE.vi}). MotCua không kết nối trực tiếp Kho dữ liệu công dân; kết quả đến Kho qua Cổng DVCQG, nên đo kết quả điện tử mà Cổng đã có.`,
      en: `4 × (dossiers with an electronic result that the national portal holds) / (${COUNTED_NOTE.en}). MotCua has no link to the citizen's data store; results reach it through the national portal, so this counts the electronic results the portal holds.`,
    },
    compute(i) {
      const rate = ratio(i.eResultSynced, counted(i));
      return { inputs: { eResultSynced: i.eResultSynced, counted: counted(i) }, rate, score: linear(4, rate) };
    },
  },
  simple(
    'POPULATION_DATA_USED', 'digitisation',
    { vi: 'Hồ sơ khai thác CSDL quốc gia về dân cư', en: 'Dossiers using the population database' }, 2,
    {
      vi: `2 × (hồ sơ lấy thông tin từ CSDL quốc gia về dân cư) / (${RECEIVED_NOTE.vi}).`,
      en: `2 × (dossiers with data taken from the population database) / (${RECEIVED_NOTE.en}).`,
    },
    (i) => ({ n: ['populationUsed', i.populationUsed], d: ['received', i.received] }),
  ),
  simple(
    'POPULATION_CONNECTED_PROCEDURES', 'digitisation',
    { vi: 'Thủ tục kết nối CSDL quốc gia về dân cư', en: 'Procedures connected to the population database' }, 2,
    {
      vi: '2 × (thủ tục có ít nhất một hồ sơ tiếp nhận trong kỳ lấy thông tin từ CSDL dân cư) / (thủ tục có hồ sơ tiếp nhận trong kỳ). Danh mục không ghi thủ tục nào đã kết nối, nên đo theo việc sử dụng thực tế. Không có hồ sơ: không có dữ liệu (0 điểm).',
      en: '2 × (procedures with at least one dossier received in the period that took data from the population database) / (procedures with dossiers received in the period). The catalogue does not record which procedures are connected, so this measures actual use. No dossier: no data (0 points).',
    },
    (i) => ({ n: ['proceduresPopulationUsed', i.proceduresPopulationUsed], d: ['proceduresWithDossiers', i.proceduresWithDossiers] }),
  ),
];

export interface MetricScore {
  key: string;
  name: Msg;
  max: number;
  score: number;
  formula: Msg;
  inputs: Record<string, number>;
  rate: number | null;
  drill?: DrillSpec;
}

export interface GroupScore {
  key: GroupKey;
  name: Msg;
  max: number;
  score: number;
  metrics: MetricScore[];
}

export interface IndexScore {
  total: number;
  max: 100;
  groups: GroupScore[];
}

/**
 * The index for one unit's inputs. Each metric's score is rounded to 2 decimals; a group's score is the sum of its
 * metrics' (never above the group's maximum), and the total the sum of the groups', so the figures shown add up.
 */
export function scoreIndex(inputs: IndexInputs): IndexScore {
  const groups = GROUPS.map((g) => {
    const metrics = METRICS.filter((m) => m.group === g.key).map((m): MetricScore => {
      const c = m.compute(inputs);
      return {
        key: m.key,
        name: m.name,
        max: m.max,
        score: round2(Math.min(m.max, Math.max(0, c.score))),
        formula: m.formula,
        inputs: c.inputs,
        rate: c.rate,
        ...(m.drill ? { drill: m.drill } : {}),
      };
    });
    const score = round2(Math.min(g.max, metrics.reduce((s, m) => s + m.score, 0)));
    return { key: g.key, name: g.name, max: g.max, score, metrics };
  });
  return { total: round2(groups.reduce((s, g) => s + g.score, 0)), max: 100, groups };
}

/** Competition ranking by total, highest first: equal totals share a rank and the next rank skips (1, 1, 3). */
export function rankByTotal<T extends { total: number; name: string }>(rows: readonly T[]): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'vi'));
  let rank = 0;
  return sorted.map((r, i) => {
    if (i === 0 || round2(r.total) !== round2(sorted[i - 1]!.total)) rank = i + 1;
    return { ...r, rank };
  });
}

/** What the index reads of a procedure's published record. */
export interface CatalogueRecord {
  channels: ReadonlyArray<{ timeLimit?: { value: number | null; unit: string | null } | null; fee?: { amount: number | null; text: string | null } | null }>;
  components: readonly unknown[];
  legalBasis: readonly unknown[];
}

/** Published in full: components, a time limit (value and unit, or "same day") and a fee for every channel, a legal basis. */
export function isContentFull(p: CatalogueRecord): boolean {
  return (
    p.components.length > 0 &&
    p.legalBasis.length > 0 &&
    p.channels.length > 0 &&
    p.channels.every(
      (c) =>
        !!c.timeLimit && c.timeLimit.unit !== null && (c.timeLimit.unit === 'same_day' || c.timeLimit.value !== null) &&
        !!c.fee && (c.fee.amount !== null || !!c.fee.text?.trim()),
    )
  );
}

/** The catalogue charges a fee on some channel (a unit's own fee lines are checked by the caller). */
export function catalogueFee(p: Pick<CatalogueRecord, 'channels'>): boolean {
  return p.channels.some((c) => (c.fee?.amount ?? 0) > 0);
}
