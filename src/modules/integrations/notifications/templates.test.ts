// The wording of the notifications: which action is news, dates in Vietnam time, the new date of an apology,
// diacritics kept, SMS short enough, and templates that name a placeholder the event does not have.
import { describe, expect, it } from 'vitest';
import {
  checkTemplate,
  DEFAULT_TEMPLATES,
  EVENT_PLACEHOLDERS,
  EVENTS,
  CHANNELS,
  eventForAction,
  fill,
  formatMoney,
  formatVnDateTime,
  placeholdersIn,
  problemMessage,
  render,
  sampleFacts,
  type Facts,
} from './templates.js';

const facts = (over: Partial<Facts> = {}): Facts => ({
  code: '000.00.01.H46-261123-0001',
  procedureName: 'Thủ tục đăng ký khai sinh lưu động',
  unitName: 'Xã Vinh Lộc',
  applicantName: 'Nguyễn Thị Hương',
  at: new Date('2026-11-23T02:00:00Z'),
  receivedAt: new Date('2026-11-23T02:00:00Z'),
  dueAt: new Date('2026-12-01T02:00:00Z'),
  previousDueAt: null,
  reason: null,
  missing: [],
  amount: null,
  feeDescription: null,
  resultDelivery: 'counter',
  publicBaseUrl: 'https://motcua.example.vn',
  onlinePayment: false,
  ...over,
});

describe('which dossier action is news for the applicant', () => {
  it.each([
    ['receive', 'received', 'submitted', 'received'],
    ['receive_supplement', 'received', 'intake_supplement', 'received'],
    ['receive_supplement', 'processing', 'supplement_requested', null],
    ['request_supplement', 'intake_supplement', 'submitted', 'supplement_requested'],
    ['request_supplement', 'supplement_requested', 'processing', 'supplement_requested'],
    ['request_fee', 'fee_requested', 'processing', 'fee_requested'],
    ['issue_result', 'resolved', 'approved', 'result_ready'],
    ['extend', 'processing', 'processing', 'extended'],
    ['return_result', 'returned', 'resolved', 'rating_invitation'],
    ['forward', 'processing', 'received', null],
    ['assign', 'processing', 'processing', null],
    ['submit', 'submitted', null, null],
    ['refuse', 'refused', 'submitted', null],
    // An action written later that also ends in "resolved" still tells the applicant.
    ['resolve_by_system', 'resolved', 'approved', 'result_ready'],
  ] as const)('%s (%s ← %s) → %s', (action, status, from, expected) => {
    expect(eventForAction(action, status, from)).toBe(expected);
  });
});

describe('dates and money as Vietnamese readers expect', () => {
  it.each([
    ['2026-11-23T02:00:00Z', '23/11/2026 09:00'],
    // 17:30 UTC is already the next day in Vietnam.
    ['2026-12-31T17:30:00Z', '01/01/2027 00:30'],
    ['2026-02-28T16:59:00Z', '28/02/2026 23:59'],
    ['2028-02-28T17:00:00Z', '29/02/2028 00:00'],
    ['2026-06-01T00:05:00+07:00', '01/06/2026 00:05'],
  ])('%s → %s', (iso, text) => {
    expect(formatVnDateTime(new Date(iso))).toBe(text);
  });
  it('an absent date is empty', () => expect(formatVnDateTime(null)).toBe(''));
  it.each([
    [0, '0 đồng'],
    [8000, '8.000 đồng'],
    [50_000, '50.000 đồng'],
    [1_250_000, '1.250.000 đồng'],
    [999, '999 đồng'],
  ])('%d → %s', (n, text) => expect(formatMoney(n)).toBe(text));
});

describe('the default templates', () => {
  it.each(EVENTS.flatMap((e) => CHANNELS.map((c) => [e, c] as const)))('%s by %s uses only its own placeholders and renders all of them', (event, channel) => {
    const t = DEFAULT_TEMPLATES[event][channel];
    expect(checkTemplate(event, channel, t)).toEqual([]);
    const out = render(event, channel, t, sampleFacts('https://motcua.example.vn', 'Xã Vinh Lộc', new Date('2026-11-23T02:00:00Z')));
    expect(out.body).not.toMatch(/\{\{|\}\}/);
    expect(out.body).toContain('000.00.01.H46-261123-0001');
    if (channel === 'email') {
      expect(out.subject).toContain('000.00.01.H46-261123-0001');
      expect(out.body).toContain('Nguyễn Thị Hương');
    } else {
      expect(out.subject).toBeNull();
      // Vietnamese SMS are sent as UCS-2 (70 characters a part): at most a few parts.
      expect(out.body.length).toBeLessThanOrEqual(300);
      expect(out.body).toContain('xã Vinh Lộc');
    }
  });

  it('SMS stay short even with a long procedure name and a long unit name', () => {
    const long = facts({ procedureName: 'Thủ tục '.repeat(40), unitName: 'Phường Thừa Thiên Huế Mở Rộng Tên Dài', previousDueAt: new Date('2026-11-30T02:00:00Z'), amount: 1_250_000, resultDelivery: 'online' });
    for (const event of EVENTS) expect(render(event, 'sms', DEFAULT_TEMPLATES[event].sms, long).body.length, event).toBeLessThanOrEqual(300);
  });

  it('receipt: procedure, unit, receipt time and due date in UTC+7, tracking link, diacritics intact', () => {
    const out = render('received', 'email', DEFAULT_TEMPLATES.received.email, facts());
    expect(out.subject).toBe('Hồ sơ 000.00.01.H46-261123-0001 đã được tiếp nhận');
    expect(out.body).toContain('Kính gửi Ông/Bà Nguyễn Thị Hương,');
    expect(out.body).toContain('Trung tâm Phục vụ hành chính công xã Vinh Lộc đã tiếp nhận hồ sơ');
    expect(out.body).toContain('Thủ tục: Thủ tục đăng ký khai sinh lưu động');
    expect(out.body).toContain('Thời gian tiếp nhận: 23/11/2026 09:00');
    expect(out.body).toContain('Ngày hẹn trả kết quả: 01/12/2026 09:00');
    expect(out.body).toContain('https://motcua.example.vn/tra-cuu/000.00.01.H46-261123-0001');
    expect(out.body.normalize('NFC')).toBe(out.body);
  });

  it('supplement: every missing item on its own line with its requirement, and the reason', () => {
    const out = render(
      'supplement_requested',
      'email',
      DEFAULT_TEMPLATES.supplement_requested.email,
      facts({ missing: [{ name: 'Giấy tờ chứng minh nơi cư trú', requirement: 'Bản sao có chứng thực' }, { name: 'Văn bản xác nhận của Công an xã', requirement: null }], reason: 'Không khai thác được thông tin cư trú' }),
    );
    expect(out.body).toContain('1. Giấy tờ chứng minh nơi cư trú (Bản sao có chứng thực)\n2. Văn bản xác nhận của Công an xã\n');
    expect(out.body).toContain('Lý do: Không khai thác được thông tin cư trú');
  });

  it('fee: the amount and how to pay, online only when online payment is connected', () => {
    const offline = render('fee_requested', 'email', DEFAULT_TEMPLATES.fee_requested.email, facts({ amount: 8000, feeDescription: 'Lệ phí cấp bản sao' }));
    expect(offline.body).toContain('vui lòng nộp 8.000 đồng: Lệ phí cấp bản sao.');
    expect(offline.body).toContain('nộp trực tiếp tại Bộ phận Một cửa xã Vinh Lộc');
    expect(offline.body).not.toContain('trực tuyến');
    const online = render('fee_requested', 'email', DEFAULT_TEMPLATES.fee_requested.email, facts({ amount: 8000, feeDescription: 'Lệ phí', onlinePayment: true }));
    expect(online.body).toContain('thanh toán trực tuyến tại https://motcua.example.vn/tra-cuu/000.00.01.H46-261123-0001');
  });

  it('apology (Mẫu 04): the original date, the reason and the NEW date', () => {
    const f = facts({ previousDueAt: new Date('2026-12-01T02:00:00Z'), dueAt: new Date('2026-12-04T09:30:00Z'), reason: 'Chờ kết quả xác minh của Công an tỉnh' });
    const email = render('extended', 'email', DEFAULT_TEMPLATES.extended.email, f);
    expect(email.body).toContain('hẹn trả kết quả vào 01/12/2026 09:00');
    expect(email.body).toContain('vì: Chờ kết quả xác minh của Công an tỉnh');
    expect(email.body).toContain('xin lỗi Ông/Bà vì sự chậm trễ này và hẹn trả kết quả vào 04/12/2026 16:30');
    const sms = render('extended', 'sms', DEFAULT_TEMPLATES.extended.sms, f);
    expect(sms.body).toContain('hẹn trả lại vào 04/12/2026 16:30');
  });

  it.each([
    ['counter', 'Nơi nhận: Bộ phận Một cửa xã Vinh Lộc'],
    ['postal', 'Nơi nhận: gửi qua dịch vụ bưu chính công ích'],
    ['online', 'Nơi nhận: trực tuyến tại https://motcua.example.vn/tra-cuu/'],
  ] as const)('result ready, delivered by %s: says where and from when', (delivery, where) => {
    const out = render('result_ready', 'email', DEFAULT_TEMPLATES.result_ready.email, facts({ at: new Date('2026-11-30T08:15:00Z'), resultDelivery: delivery }));
    expect(out.body).toContain('Nhận kết quả từ: 30/11/2026 15:15');
    expect(out.body).toContain(where);
  });

  it('rating invitation links to the rating part of the tracking page', () => {
    const out = render('rating_invitation', 'sms', DEFAULT_TEMPLATES.rating_invitation.sms, facts());
    expect(out.body).toContain('https://motcua.example.vn/tra-cuu/000.00.01.H46-261123-0001#danh-gia');
  });
});

describe("a unit's own template", () => {
  it.each([
    ['received', 'Hồ sơ {{ma_ho_so}} hẹn trả {{han_tra}}', []],
    ['received', 'Hồ sơ {{ ma_ho_so }} hẹn trả {{han_tra}}', []],
    ['received', 'Nộp {{so_tien}}', ['so_tien']],
    ['received', 'Xin chào {{ten_nguoi}} {{ma_hs}}', ['ten_nguoi', 'ma_hs']],
    ['fee_requested', 'Nộp {{so_tien}} theo {{cach_nop}}', []],
    ['extended', 'Hẹn lại {{han_tra_moi}} thay cho {{han_tra_cu}}', []],
    ['rating_invitation', 'Đánh giá: {{duong_dan_danh_gia}}', []],
    ['rating_invitation', 'Lý do {{ly_do}}', ['ly_do']],
    ['supplement_requested', '{{Ma_Ho_So}}', ['Ma_Ho_So']],
  ] as const)('%s "%s" — unknown: %j', (event, body, unknown) => {
    const problems = checkTemplate(event, 'sms', { subject: null, body });
    const named = problems.flatMap((p) => (p.kind === 'unknown_placeholder' ? p.names : []));
    expect(named).toEqual(unknown);
  });

  it('the refusal names the placeholder and the allowed ones, in Vietnamese and English', () => {
    const [p] = checkTemplate('received', 'email', { subject: 'Hồ sơ {{ma_ho_so}}', body: 'Số tiền {{so_tien}}' });
    const msg = problemMessage('received', p!);
    expect(msg.vi).toContain('Biến {{so_tien}} ở nội dung không dùng được trong mẫu "Tiếp nhận hồ sơ"');
    expect(msg.vi).toContain('{{han_tra}}');
    expect(msg.en).toContain('Placeholder {{so_tien}} in the body cannot be used in the "Dossier received" template');
  });

  it.each([
    ['email', { subject: '', body: 'x' }, 'missing'],
    ['email', { subject: 'Tiêu đề', body: '   ' }, 'missing'],
    ['email', { subject: 'a'.repeat(201), body: 'x' }, 'too_long'],
    ['sms', { subject: null, body: 'a'.repeat(481) }, 'too_long'],
    ['sms', { subject: 'Tiêu đề', body: 'x' }, 'unexpected_subject'],
  ] as const)('%s %j → %s', (channel, t, kind) => {
    expect(checkTemplate('received', channel, t).map((p) => p.kind)).toContain(kind);
  });

  it('fills known placeholders and leaves an unknown one visible', () => {
    expect(fill('{{ma_ho_so}} / {{la}}', { ma_ho_so: 'X-1' })).toBe('X-1 / {{la}}');
    expect(placeholdersIn('{{a}} {{ b }} {{a}}')).toEqual(['a', 'b']);
  });

  it('renders a known placeholder with no value as empty, not as "null"', () => {
    const out = render('extended', 'sms', { subject: null, body: 'Cũ: {{han_tra_cu}}. Lý do: {{ly_do}}.' }, facts());
    expect(out.body).toBe('Cũ: . Lý do: .');
  });

  it('every placeholder listed for an event is one the renderer knows', () => {
    for (const event of EVENTS) {
      const vars = render(event, 'sms', { subject: null, body: EVENT_PLACEHOLDERS[event].map((p) => `{{${p}}}`).join('|') }, facts({ previousDueAt: new Date(), amount: 1 }));
      expect(vars.body).not.toContain('{{');
    }
  });
});
