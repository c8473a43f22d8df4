// Realistic input for the form tests (Xã Vinh Lộc, Thành phố Huế). Times are given in UTC; the
// comments show the Vietnam time (UTC+7) the forms must print.

import type { ApologyData } from './apology.js';
import type { ControlSheetData } from './control-sheet.js';
import type { LogbookData, LogbookEntry } from './logbook.js';
import type { ReceiptData } from './receipt.js';
import type { RefusalData } from './refusal.js';
import type { SupplementRequestData } from './supplement-request.js';
import type { UnitHeader } from './types.js';

export const UNIT: UnitHeader = {
  unitName: 'Trung tâm Phục vụ hành chính công',
  parentName: 'UBND xã Vinh Lộc',
  placeName: 'Vinh Lộc',
};

export const DOSSIER_CODE = '000.00.46.H57-261120-0001';
export const STATUS_URL = `https://dichvucong.hue.gov.vn/tra-cuu-ho-so?ma=${DOSSIER_CODE}`;
export const APPLICANT = {
  name: 'Nguyễn Thị Hương',
  address: 'Thôn Phú Xuân, xã Vinh Lộc, thành phố Huế',
  phone: '0912 345 678',
  email: 'huong.nguyen@example.vn',
};
export const PROCEDURE = 'Thủ tục đăng ký khai sinh';

/** 08:37 on 20/11/2026 in Vietnam. */
export const RECEIVED_AT = new Date('2026-11-20T01:37:00Z');
/** 08:37 on 25/11/2026 in Vietnam (3 working days). */
export const DUE_AT = new Date('2026-11-25T01:37:00Z');

export const RECEIPT: ReceiptData = {
  unit: UNIT,
  dossierCode: DOSSIER_CODE,
  applicant: APPLICANT,
  procedureName: PROCEDURE,
  components: [
    { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', originals: 1, copies: 0 },
    {
      name: 'Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh',
      originals: 1,
      copies: 0,
    },
    { name: 'Văn bản ủy quyền được chứng thực (trường hợp ủy quyền đăng ký khai sinh)', originals: 1, copies: 1 },
  ],
  setCount: 1,
  timeLimit: { kind: 'working-days', amount: 3 },
  receivedAt: RECEIVED_AT,
  dueAt: DUE_AT,
  resultDelivery: 'Trung tâm Phục vụ hành chính công xã Vinh Lộc',
  logbookVolume: '01',
  logbookEntry: '0001',
  receivingOfficerName: 'Trần Văn Bình',
  statusUrl: STATUS_URL,
  copyLabel: 'Liên 2: Giao người nộp hồ sơ',
};

export const SUPPLEMENT_REQUEST: SupplementRequestData = {
  unit: UNIT,
  referenceNumber: '15/PYCBS',
  dossierCode: DOSSIER_CODE,
  applicant: APPLICANT,
  procedureName: PROCEDURE,
  items: [
    {
      name: 'Tờ khai đăng ký khai sinh (theo mẫu)',
      originals: 1,
      requirement: 'Ghi đầy đủ họ, chữ đệm, tên và ngày, tháng, năm sinh của người mẹ; ký và ghi rõ họ tên người đi đăng ký.',
    },
    { name: 'Giấy chứng sinh', originals: 1, requirement: 'Bản đã nộp bị mờ, không đọc được số giấy; nộp lại bản chính.' },
    { name: 'Văn bản ủy quyền', certifiedCopies: 1, photocopies: 1, requirement: 'Bổ sung văn bản ủy quyền đã được chứng thực.' },
  ],
  reason: 'Hồ sơ chưa đầy đủ, chưa hợp lệ theo quy định tại Luật Hộ tịch năm 2014.',
  contact: { name: 'Trần Văn Bình', phone: '0234 3861 234', email: 'motcua.vinhloc@hue.gov.vn' },
  guideName: 'Trần Văn Bình',
  issuedAt: RECEIVED_AT,
};

export const REFUSAL: RefusalData = {
  unit: UNIT,
  referenceNumber: '03/PTC',
  applicant: APPLICANT,
  procedureName: PROCEDURE,
  reason: 'Việc khai sinh cho trẻ đã được đăng ký tại Ủy ban nhân dân phường Thuận Hóa ngày 12/10/2026; không đăng ký khai sinh lần thứ hai.',
  signer: { name: 'Trần Văn Bình' },
  issuedAt: RECEIVED_AT,
};

export const APOLOGY: ApologyData = {
  unit: UNIT,
  referenceNumber: '07/PXL',
  dossierCode: DOSSIER_CODE,
  applicant: APPLICANT,
  procedureName: PROCEDURE,
  receivedAt: RECEIVED_AT,
  originalDueAt: DUE_AT,
  delayReason: 'Cần xác minh thông tin nơi cư trú của người mẹ với Công an xã Vinh Lộc.',
  /** 14:00 on 27/11/2026 in Vietnam. */
  newDueAt: new Date('2026-11-27T07:00:00Z'),
  head: { name: 'Lê Văn Minh', position: 'Giám đốc' },
  issuedAt: new Date('2026-11-24T02:00:00Z'),
};

export const CONTROL_SHEET: ControlSheetData = {
  unit: UNIT,
  dossierCode: DOSSIER_CODE,
  applicantName: APPLICANT.name,
  procedureName: PROCEDURE,
  leadAgency: 'Công chức Tư pháp - Hộ tịch',
  receivedAt: RECEIVED_AT,
  dueAt: DUE_AT,
  issuedAt: RECEIVED_AT,
  handovers: [
    {
      step: 'Tiếp nhận và chuyển hồ sơ',
      from: 'Bộ phận Một cửa',
      to: 'Công chức Tư pháp - Hộ tịch',
      handedOverAt: new Date('2026-11-20T02:05:00Z'),
      giverName: 'Trần Văn Bình',
      receiverName: 'Phạm Thị Lan',
      timeliness: 'early',
      timeSpentMinutes: 28,
      allotted: { kind: 'working-hours', amount: 4 },
    },
    {
      step: 'Thẩm định hồ sơ, trình ký',
      from: 'Công chức Tư pháp - Hộ tịch',
      to: 'Lãnh đạo UBND xã',
      handedOverAt: new Date('2026-11-21T08:35:00Z'),
      giverName: 'Phạm Thị Lan',
      receiverName: 'Hoàng Đức Thắng',
      timeliness: 'on-time',
      timeSpentMinutes: 390,
      allotted: { kind: 'working-days', amount: 1 },
      note: 'Đã xác minh nơi cư trú',
    },
    { step: 'Ký duyệt kết quả', from: 'Lãnh đạo UBND xã', to: 'Bộ phận Một cửa', allotted: { kind: 'working-days', amount: 1 } },
  ],
};

const PROCEDURES = [
  'Thủ tục đăng ký khai sinh',
  'Thủ tục đăng ký kết hôn',
  'Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp',
  'Thủ tục đăng ký khai tử',
  'Thủ tục cấp bản sao trích lục hộ tịch',
];
const NAMES = ['Nguyễn Thị Hương', 'Trần Văn Bình', 'Lê Thị Ánh Tuyết', 'Phạm Đức Thắng', 'Hoàng Thị Ngọc Ánh', 'Võ Quốc Việt'];
const TIMELINESS = ['early', 'on-time', 'late'] as const;

/** `count` entries: 30 a day from 2 November 2026, one every 15 minutes from 08:00 (Vietnam time). */
export function logbookEntries(count: number): LogbookEntry[] {
  const firstDay = Date.parse('2026-11-02T01:00:00Z');
  const day = 24 * 60 * 60_000;
  return Array.from({ length: count }, (_, i) => {
    const dayIndex = Math.floor(i / 30);
    const receivedAt = new Date(firstDay + dayIndex * day + (i % 30) * 15 * 60_000);
    const done = i % 7 !== 6;
    return {
      dossierCode: `000.00.46.H57-2611${String(2 + dayIndex).padStart(2, '0')}-${String((i % 30) + 1).padStart(4, '0')}`,
      procedureName: PROCEDURES[i % PROCEDURES.length]!,
      setCount: 1 + (i % 2),
      applicant: {
        name: NAMES[i % NAMES.length]!,
        address: `Thôn ${['Phú Xuân', 'Hà Trung', 'Lương Viện'][i % 3]}, xã Vinh Lộc`,
        phone: `09${String(10_000_000 + i * 7919).slice(0, 8)}`,
      },
      leadAgency: i % 4 === 0 ? 'Công chức Văn phòng - Thống kê' : 'Công chức Tư pháp - Hộ tịch',
      receivedAt,
      dueAt: new Date(receivedAt.getTime() + 3 * day),
      transferredAt: new Date(receivedAt.getTime() + 30 * 60_000),
      ...(done ? { resultAt: new Date(receivedAt.getTime() + 2 * day), returnedAt: new Date(receivedAt.getTime() + 2 * day + 3_600_000) } : {}),
      ...(done ? { timeliness: TIMELINESS[i % 3]! } : { note: 'Đang xử lý' }),
    };
  });
}

export function logbook(count: number): LogbookData {
  return {
    unit: UNIT,
    volume: '01/2026',
    periodStart: new Date('2026-10-31T17:00:00Z'),
    periodEnd: new Date('2026-11-30T10:00:00Z'),
    entries: logbookEntries(count),
    issuedAt: new Date('2026-12-01T01:00:00Z'),
  };
}
