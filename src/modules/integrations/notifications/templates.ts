// What the applicant is told, and when: the events worth a message, the default Vietnamese wording per channel,
// the placeholders a unit may use in its own wording, and the rendering. Pure: facts in, text out.
import type { Msg } from '../../../errors.js';

export const EVENTS = ['received', 'supplement_requested', 'fee_requested', 'result_ready', 'extended', 'rating_invitation'] as const;
export type NotificationEvent = (typeof EVENTS)[number];
export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const EVENT_NAMES: Record<NotificationEvent, Msg> = {
  received: { vi: 'Tiếp nhận hồ sơ', en: 'Dossier received' },
  supplement_requested: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  fee_requested: { vi: 'Đề nghị nộp phí, lệ phí', en: 'Payment requested' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  extended: { vi: 'Xin lỗi và hẹn lại ngày trả', en: 'Apology with a new date' },
  rating_invitation: { vi: 'Mời đánh giá mức độ hài lòng', en: 'Rating invitation' },
};

export const CHANNEL_NAMES: Record<Channel, Msg> = {
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  sms: { vi: 'Tin nhắn SMS', en: 'SMS' },
};

/** The event a dossier action tells the applicant about, or null when it is not worth a message. */
export function eventForAction(action: string, status: string, fromStatus: string | null): NotificationEvent | null {
  switch (action) {
    case 'receive':
      return 'received';
    case 'receive_supplement':
      // Before intake the supplement completes the dossier: this is its receipt. During processing it is not news.
      return fromStatus === 'intake_supplement' ? 'received' : null;
    case 'request_supplement':
      return 'supplement_requested';
    case 'request_fee':
      return 'fee_requested';
    case 'issue_result':
      return 'result_ready';
    case 'extend':
      return 'extended';
    case 'return_result':
      return 'rating_invitation';
    default:
      return status === 'resolved' && fromStatus !== 'resolved' ? 'result_ready' : null;
  }
}

export type ResultDelivery = 'counter' | 'postal' | 'online';

/** What is known about the event, read from the dossier, its history entry and the event itself. */
export interface Facts {
  code: string;
  procedureName: string;
  /** As in the unit directory, e.g. "Xã Vinh Lộc". */
  unitName: string;
  applicantName: string;
  /** When the action happened. */
  at: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  /** The due date before an extension. */
  previousDueAt: Date | null;
  reason: string | null;
  missing: Array<{ name: string; requirement: string | null }>;
  amount: number | null;
  feeDescription: string | null;
  resultDelivery: ResultDelivery;
  publicBaseUrl: string;
  /** Online payment is connected: the tracking page offers it. */
  onlinePayment: boolean;
}

interface PlaceholderDef {
  description: Msg;
  value(f: Facts): string;
}

const trackingUrl = (f: Facts) => `${f.publicBaseUrl}/tra-cuu/${encodeURIComponent(f.code)}`;
/** Mid-sentence the unit's name reads "xã Vinh Lộc": every unit name starts with its kind. */
const unitPhrase = (f: Facts) => (f.unitName ? f.unitName.charAt(0).toLocaleLowerCase('vi') + f.unitName.slice(1) : '');

export const PLACEHOLDERS = {
  ma_ho_so: { description: { vi: 'Mã hồ sơ', en: 'Dossier code' }, value: (f) => f.code },
  ten_thu_tuc: { description: { vi: 'Tên thủ tục hành chính', en: 'Procedure name' }, value: (f) => f.procedureName },
  ten_don_vi: { description: { vi: 'Tên đơn vị, chữ đầu viết thường (ví dụ: xã Vinh Lộc)', en: 'Unit name, lower-case first letter (e.g. xã Vinh Lộc)' }, value: unitPhrase },
  nguoi_nop: { description: { vi: 'Họ tên người nộp hồ sơ', en: "Applicant's name" }, value: (f) => f.applicantName },
  thoi_diem: { description: { vi: 'Thời điểm xảy ra sự việc (dd/MM/yyyy HH:mm)', en: 'When it happened (dd/MM/yyyy HH:mm)' }, value: (f) => formatVnDateTime(f.at) },
  duong_dan: { description: { vi: 'Đường dẫn tra cứu hồ sơ', en: 'Tracking link' }, value: trackingUrl },
  ngay_tiep_nhan: { description: { vi: 'Thời điểm tiếp nhận', en: 'Received at' }, value: (f) => formatVnDateTime(f.receivedAt) },
  han_tra: { description: { vi: 'Ngày hẹn trả kết quả (mới nhất)', en: 'Due date (current)' }, value: (f) => formatVnDateTime(f.dueAt) },
  han_tra_cu: { description: { vi: 'Ngày hẹn trả trước khi gia hạn', en: 'Due date before the extension' }, value: (f) => formatVnDateTime(f.previousDueAt) },
  han_tra_moi: { description: { vi: 'Ngày hẹn trả mới', en: 'New due date' }, value: (f) => formatVnDateTime(f.dueAt) },
  ly_do: { description: { vi: 'Lý do', en: 'Reason' }, value: (f) => f.reason ?? '' },
  giay_to_thieu: {
    description: { vi: 'Danh sách giấy tờ cần bổ sung, mỗi dòng một giấy tờ', en: 'Missing documents, one per line' },
    value: (f) => f.missing.map((m, i) => `${i + 1}. ${m.name}${m.requirement ? ` (${m.requirement})` : ''}`).join('\n'),
  },
  so_tien: { description: { vi: 'Số tiền phải nộp (ví dụ: 50.000 đồng)', en: 'Amount to pay (e.g. 50.000 đồng)' }, value: (f) => (f.amount === null ? '' : formatMoney(f.amount)) },
  noi_dung_phi: { description: { vi: 'Nội dung khoản phí, lệ phí', en: 'What the fee is for' }, value: (f) => f.feeDescription ?? '' },
  cach_nop: {
    description: { vi: 'Cách nộp phí, lệ phí', en: 'How to pay' },
    value: (f) =>
      f.onlinePayment
        ? `thanh toán trực tuyến tại ${trackingUrl(f)} hoặc nộp trực tiếp tại Bộ phận Một cửa ${unitPhrase(f)}`
        : `nộp trực tiếp tại Bộ phận Một cửa ${unitPhrase(f)}, xuất trình mã hồ sơ ${f.code}`,
  },
  ngay_co_ket_qua: { description: { vi: 'Thời điểm có kết quả (nhận từ lúc này)', en: 'When the result became available' }, value: (f) => formatVnDateTime(f.at) },
  noi_nhan: {
    description: { vi: 'Nơi nhận kết quả', en: 'Where to collect the result' },
    value: (f) =>
      f.resultDelivery === 'postal'
        ? 'gửi qua dịch vụ bưu chính công ích đến địa chỉ Ông/Bà đã đăng ký'
        : f.resultDelivery === 'online'
          ? `trực tuyến tại ${trackingUrl(f)}`
          : `Bộ phận Một cửa ${unitPhrase(f)}`,
  },
  duong_dan_danh_gia: { description: { vi: 'Đường dẫn đánh giá mức độ hài lòng', en: 'Rating link' }, value: (f) => `${trackingUrl(f)}#danh-gia` },
} satisfies Record<string, PlaceholderDef>;
export type Placeholder = keyof typeof PLACEHOLDERS;

const COMMON: Placeholder[] = ['ma_ho_so', 'ten_thu_tuc', 'ten_don_vi', 'nguoi_nop', 'thoi_diem', 'duong_dan'];

/** Which placeholders make sense for which event: a value that does not exist for an event is refused in a template. */
export const EVENT_PLACEHOLDERS: Record<NotificationEvent, readonly Placeholder[]> = {
  received: [...COMMON, 'ngay_tiep_nhan', 'han_tra'],
  supplement_requested: [...COMMON, 'giay_to_thieu', 'ly_do'],
  fee_requested: [...COMMON, 'so_tien', 'noi_dung_phi', 'cach_nop'],
  result_ready: [...COMMON, 'ngay_co_ket_qua', 'noi_nhan', 'han_tra'],
  extended: [...COMMON, 'han_tra_cu', 'han_tra_moi', 'han_tra', 'ly_do'],
  rating_invitation: [...COMMON, 'duong_dan_danh_gia'],
};

export interface Template {
  /** E-mail only. */
  subject: string | null;
  body: string;
}

const SIGNATURE = '\n\nĐây là thư tự động của hệ thống MotCua; vui lòng không trả lời thư này.';

export const DEFAULT_TEMPLATES: Record<NotificationEvent, Record<Channel, Template>> = {
  received: {
    email: {
      subject: 'Hồ sơ {{ma_ho_so}} đã được tiếp nhận',
      body:
        'Kính gửi Ông/Bà {{nguoi_nop}},\n\n' +
        'Trung tâm Phục vụ hành chính công {{ten_don_vi}} đã tiếp nhận hồ sơ của Ông/Bà.\n\n' +
        'Mã hồ sơ: {{ma_ho_so}}\nThủ tục: {{ten_thu_tuc}}\nThời gian tiếp nhận: {{ngay_tiep_nhan}}\nNgày hẹn trả kết quả: {{han_tra}}\n\n' +
        'Ông/Bà theo dõi tình trạng giải quyết hồ sơ tại: {{duong_dan}}' +
        SIGNATURE,
    },
    sms: { subject: null, body: 'UBND {{ten_don_vi}} đã tiếp nhận hồ sơ {{ma_ho_so}}, hẹn trả kết quả {{han_tra}}. Tra cứu: {{duong_dan}}' },
  },
  supplement_requested: {
    email: {
      subject: 'Hồ sơ {{ma_ho_so}} cần bổ sung, hoàn thiện',
      body:
        'Kính gửi Ông/Bà {{nguoi_nop}},\n\n' +
        'Hồ sơ {{ma_ho_so}} (thủ tục {{ten_thu_tuc}}) cần được bổ sung, hoàn thiện các giấy tờ sau:\n{{giay_to_thieu}}\n\n' +
        'Lý do: {{ly_do}}\n\n' +
        'Ông/Bà nộp bổ sung trực tuyến tại {{duong_dan}} hoặc trực tiếp tại Bộ phận Một cửa {{ten_don_vi}}. ' +
        'Thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ.' +
        SIGNATURE,
    },
    sms: { subject: null, body: 'UBND {{ten_don_vi}}: hồ sơ {{ma_ho_so}} cần bổ sung giấy tờ. Xem danh sách và nộp bổ sung tại {{duong_dan}}' },
  },
  fee_requested: {
    email: {
      subject: 'Hồ sơ {{ma_ho_so}}: đề nghị nộp phí, lệ phí',
      body:
        'Kính gửi Ông/Bà {{nguoi_nop}},\n\n' +
        'Để tiếp tục giải quyết hồ sơ {{ma_ho_so}} (thủ tục {{ten_thu_tuc}}), Ông/Bà vui lòng nộp {{so_tien}}: {{noi_dung_phi}}.\n\n' +
        'Cách nộp: {{cach_nop}}.\n\n' +
        'Thời hạn giải quyết tạm dừng cho đến khi Ông/Bà hoàn thành nghĩa vụ tài chính.' +
        SIGNATURE,
    },
    sms: { subject: null, body: 'UBND {{ten_don_vi}}: hồ sơ {{ma_ho_so}} cần nộp {{so_tien}} phí, lệ phí để tiếp tục giải quyết. Hướng dẫn: {{duong_dan}}' },
  },
  result_ready: {
    email: {
      subject: 'Hồ sơ {{ma_ho_so}} đã có kết quả',
      body:
        'Kính gửi Ông/Bà {{nguoi_nop}},\n\n' +
        'Hồ sơ {{ma_ho_so}} (thủ tục {{ten_thu_tuc}}) đã có kết quả giải quyết.\n\n' +
        'Nhận kết quả từ: {{ngay_co_ket_qua}}\nNơi nhận: {{noi_nhan}}\n\n' +
        'Khi nhận kết quả trực tiếp, Ông/Bà mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả cùng giấy tờ tùy thân. Tra cứu: {{duong_dan}}' +
        SIGNATURE,
    },
    sms: { subject: null, body: 'UBND {{ten_don_vi}}: hồ sơ {{ma_ho_so}} đã có kết quả từ {{ngay_co_ket_qua}}. Nơi nhận: {{noi_nhan}}.' },
  },
  extended: {
    email: {
      subject: 'Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{ma_ho_so}}',
      body:
        'Kính gửi Ông/Bà {{nguoi_nop}},\n\n' +
        'Trung tâm Phục vụ hành chính công {{ten_don_vi}} đã tiếp nhận hồ sơ {{ma_ho_so}} (thủ tục {{ten_thu_tuc}}), hẹn trả kết quả vào {{han_tra_cu}}.\n\n' +
        'Hồ sơ chưa giải quyết được đúng hạn vì: {{ly_do}}\n\n' +
        'Chúng tôi xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả vào {{han_tra_moi}}.\n\n' +
        'Ông/Bà theo dõi hồ sơ tại: {{duong_dan}}' +
        SIGNATURE,
    },
    sms: { subject: null, body: 'UBND {{ten_don_vi}} xin lỗi: hồ sơ {{ma_ho_so}} chưa giải quyết kịp hạn {{han_tra_cu}}, hẹn trả lại vào {{han_tra_moi}}. Chi tiết: {{duong_dan}}' },
  },
  rating_invitation: {
    email: {
      subject: 'Mời đánh giá mức độ hài lòng về hồ sơ {{ma_ho_so}}',
      body:
        'Kính gửi Ông/Bà {{nguoi_nop}},\n\n' +
        'Hồ sơ {{ma_ho_so}} (thủ tục {{ten_thu_tuc}}) đã được trả kết quả lúc {{thoi_diem}}. Cảm ơn Ông/Bà đã sử dụng dịch vụ của Trung tâm Phục vụ hành chính công {{ten_don_vi}}.\n\n' +
        'Mời Ông/Bà dành một phút đánh giá mức độ hài lòng tại: {{duong_dan_danh_gia}}\n' +
        'Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.' +
        SIGNATURE,
    },
    sms: { subject: null, body: 'UBND {{ten_don_vi}} cảm ơn Ông/Bà. Mời đánh giá mức độ hài lòng về hồ sơ {{ma_ho_so}} tại {{duong_dan_danh_gia}}' },
  },
};

/** Longest text a unit may store for each part of a template. */
export const LIMITS = { subject: 200, emailBody: 5000, smsBody: 480 } as const;

const PLACEHOLDER_RE = /\{\{([^{}]*)\}\}/g;

/** The placeholder names a text uses, as written (trimmed), in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_RE)].map((m) => m[1]!.trim()))];
}

export type TemplateProblem =
  | { kind: 'unknown_placeholder'; part: 'subject' | 'body'; names: string[] }
  | { kind: 'missing'; part: 'subject' | 'body' }
  | { kind: 'too_long'; part: 'subject' | 'body'; max: number }
  | { kind: 'unexpected_subject' };

/** Everything wrong with a unit's template for (event, channel); empty when it may be stored. */
export function checkTemplate(event: NotificationEvent, channel: Channel, t: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const allowed = new Set<string>(EVENT_PLACEHOLDERS[event]);
  const parts: Array<['subject' | 'body', string | null]> = [['subject', t.subject], ['body', t.body]];
  if (channel === 'sms' && t.subject !== null && t.subject.trim() !== '') problems.push({ kind: 'unexpected_subject' });
  for (const [part, text] of parts) {
    if (part === 'subject' && channel === 'sms') continue;
    if (text === null || text.trim() === '') {
      problems.push({ kind: 'missing', part });
      continue;
    }
    const max = part === 'subject' ? LIMITS.subject : channel === 'sms' ? LIMITS.smsBody : LIMITS.emailBody;
    if (text.length > max) problems.push({ kind: 'too_long', part, max });
    const unknown = placeholdersIn(text).filter((n) => !allowed.has(n));
    if (unknown.length) problems.push({ kind: 'unknown_placeholder', part, names: unknown });
  }
  return problems;
}

/** A problem as a message a unit admin can act on. */
export function problemMessage(event: NotificationEvent, p: TemplateProblem): Msg {
  const where = { vi: p.kind === 'unexpected_subject' ? 'tiêu đề' : p.part === 'subject' ? 'tiêu đề' : 'nội dung', en: p.kind === 'unexpected_subject' ? 'subject' : p.part };
  switch (p.kind) {
    case 'unknown_placeholder': {
      const names = p.names.map((n) => `{{${n}}}`).join(', ');
      const allowed = EVENT_PLACEHOLDERS[event].map((n) => `{{${n}}}`).join(', ');
      return {
        vi: `Biến ${names} ở ${where.vi} không dùng được trong mẫu "${EVENT_NAMES[event].vi}". Các biến dùng được: ${allowed}.`,
        en: `Placeholder ${names} in the ${where.en} cannot be used in the "${EVENT_NAMES[event].en}" template. Available: ${allowed}.`,
      };
    }
    case 'missing':
      return { vi: `Cần nhập ${where.vi} của mẫu.`, en: `The template's ${where.en} is required.` };
    case 'too_long':
      return { vi: `${capitalise(where.vi)} dài quá ${p.max} ký tự.`, en: `The ${where.en} is longer than ${p.max} characters.` };
    case 'unexpected_subject':
      return { vi: 'Tin nhắn SMS không có tiêu đề.', en: 'An SMS has no subject.' };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** The values of every placeholder of `event`. */
export function variablesFor(event: NotificationEvent, facts: Facts): Record<string, string> {
  return Object.fromEntries(EVENT_PLACEHOLDERS[event].map((name) => [name, (PLACEHOLDERS[name] as PlaceholderDef).value(facts)]));
}

/** Fills the placeholders; one the variables do not hold stays as written, visibly. */
export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(PLACEHOLDER_RE, (all, name: string) => vars[name.trim()] ?? all);
}

export interface Rendered {
  subject: string | null;
  body: string;
}

export function render(event: NotificationEvent, channel: Channel, template: Template, facts: Facts): Rendered {
  const vars = variablesFor(event, facts);
  return {
    subject: channel === 'email' ? fill(template.subject ?? '', vars).replace(/\s+/g, ' ').trim() : null,
    body: fill(template.body, vars),
  };
}

const VN_OFFSET_MS = 7 * 3600_000;

/** "01/12/2026 09:00" in Vietnam time (UTC+7, no daylight saving); empty for no date. */
export function formatVnDateTime(at: Date | null): string {
  if (!at) return '';
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** "1.250.000 đồng": Vietnamese digit grouping, without relying on the runtime's locale data. */
export function formatMoney(amount: number): string {
  const digits = String(Math.trunc(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}${digits} đồng`;
}

/** Example facts for previews of a template. */
export function sampleFacts(publicBaseUrl: string, unitName: string, now: Date): Facts {
  const day = 86_400_000;
  return {
    code: '000.00.01.H46-261123-0001',
    procedureName: 'Cấp bản sao trích lục hộ tịch',
    unitName,
    applicantName: 'Nguyễn Thị Hương',
    at: now,
    receivedAt: now,
    dueAt: new Date(now.getTime() + 5 * day),
    previousDueAt: new Date(now.getTime() + 3 * day),
    reason: 'Cần xác minh thông tin cư trú với Công an xã',
    missing: [
      { name: 'Giấy tờ chứng minh nơi cư trú', requirement: 'Bản sao có chứng thực' },
      { name: 'Tờ khai theo mẫu', requirement: null },
    ],
    amount: 8000,
    feeDescription: 'Lệ phí cấp bản sao trích lục',
    resultDelivery: 'counter',
    publicBaseUrl,
    onlinePayment: false,
  };
}
