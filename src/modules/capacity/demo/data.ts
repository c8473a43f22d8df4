// What the capacity demo writes for each demo commune: the job positions with their descriptions and competency
// frameworks, who holds which (with the July 2025 moves), the levels each official holds beside what their
// position requires, the certificates they brought, and the national training programmes. Plain data.

/** A competency by its national code ('iu01', 'leadership', …) or by catalogue field ('f:Đất đai'). */
export type CompetencyKey = string;

/** The catalogue fields the demo's frameworks name (created as field competencies when the catalogue lacks one). */
export const DEMO_FIELDS = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Đăng ký, quản lý cư trú', 'Hoạt động xây dựng', 'Tài chính đất đai', 'Giảm nghèo'];

export interface PositionDef {
  code: string;
  grp: 'leadership' | 'professional' | 'support';
  office: string;
  headcount: number;
  name: string;
  description: string;
  duties: string[];
  requirements: Array<readonly [CompetencyKey, number]>;
}

const IU_BASIC: Array<readonly [CompetencyKey, number]> = [['iu01', 2], ['iu02', 2], ['iu03', 2], ['iu06', 2]];

export const POSITIONS: PositionDef[] = [
  {
    code: 'PCT-TTPVHCC',
    grp: 'leadership',
    office: 'LD',
    headcount: 1,
    name: 'Phó Chủ tịch UBND xã, Giám đốc Trung tâm Phục vụ hành chính công',
    description:
      'Giúp Chủ tịch UBND xã chỉ đạo cải cách thủ tục hành chính và thực hiện cơ chế một cửa, một cửa liên thông; trực tiếp điều hành Trung tâm Phục vụ hành chính công xã; phê duyệt, ký số kết quả giải quyết thủ tục hành chính theo phân công.',
    duties: [
      'Điều hành hoạt động của Trung tâm Phục vụ hành chính công, phân công công chức làm việc tại Trung tâm',
      'Phê duyệt, ký số kết quả giải quyết thủ tục hành chính thuộc thẩm quyền của UBND xã',
      'Theo dõi, đôn đốc giải quyết hồ sơ đúng hạn; xin lỗi người dân khi hồ sơ trễ hạn',
      'Tổ chức tập huấn, đánh giá việc chấp hành nội quy của công chức làm việc tại Trung tâm',
      'Theo dõi mức độ hài lòng của người dân; chỉ đạo xử lý phản ánh, kiến nghị',
    ],
    requirements: [['leadership', 3], ['state-management', 3], ['digital-signature', 3], ['online-dossiers', 2], ['communication', 3], ['info-security', 2], ...IU_BASIC],
  },
  {
    code: 'TP-VHXH',
    grp: 'leadership',
    office: 'VHXH',
    headcount: 1,
    name: 'Trưởng phòng Văn hóa – Xã hội',
    description:
      'Đứng đầu Phòng Văn hóa – Xã hội, tham mưu UBND xã quản lý nhà nước về văn hóa, giáo dục, y tế, lao động, chính sách xã hội, tư pháp – hộ tịch; xem xét hồ sơ thủ tục hành chính của lĩnh vực phụ trách trước khi trình lãnh đạo UBND xã phê duyệt.',
    duties: [
      'Phân công công chức của phòng giải quyết hồ sơ thủ tục hành chính',
      'Xem xét kết quả thẩm định hồ sơ và trình lãnh đạo UBND xã phê duyệt',
      'Hướng dẫn nghiệp vụ hộ tịch, chứng thực cho công chức của phòng',
      'Báo cáo tình hình giải quyết thủ tục hành chính của lĩnh vực phụ trách',
    ],
    requirements: [['leadership', 2], ['state-management', 3], ['f:Hộ tịch', 3], ['f:Chứng thực', 3], ['online-dossiers', 2], ['digital-signature', 2], ['communication', 2], ['iu01', 2], ['iu03', 2], ['iu06', 2]],
  },
  {
    code: 'CC-TPHT',
    grp: 'professional',
    office: 'VHXH',
    headcount: 1,
    name: 'Công chức Tư pháp – Hộ tịch',
    description:
      'Tham mưu UBND xã thực hiện nhiệm vụ tư pháp, hộ tịch, chứng thực; nhận hồ sơ từ bộ phận một cửa, thẩm định hồ sơ đăng ký hộ tịch, chứng thực và dự thảo kết quả; cập nhật Cơ sở dữ liệu hộ tịch điện tử.',
    duties: [
      'Thẩm định hồ sơ đăng ký khai sinh, kết hôn, khai tử và các việc hộ tịch khác; dự thảo kết quả',
      'Chứng thực bản sao, chữ ký, hợp đồng, giao dịch theo thẩm quyền',
      'Cập nhật dữ liệu vào Phần mềm đăng ký, quản lý hộ tịch điện tử dùng chung',
      'Quản lý sổ hộ tịch, sổ chứng thực; lưu trữ hồ sơ',
      'Phổ biến, giáo dục pháp luật; hòa giải ở cơ sở',
    ],
    requirements: [['f:Hộ tịch', 3], ['f:Chứng thực', 3], ['online-dossiers', 2], ['digital-signature', 1], ['info-security', 1], ['communication', 2], ['state-management', 1], ['iu04', 2], ...IU_BASIC],
  },
  {
    code: 'CC-VHXH',
    grp: 'professional',
    office: 'VHXH',
    headcount: 1,
    name: 'Công chức Văn hóa – Xã hội',
    description:
      'Tham mưu UBND xã quản lý nhà nước về văn hóa, thể thao, thông tin cơ sở, lao động, người có công, bảo trợ xã hội và giảm nghèo; thẩm định hồ sơ thủ tục hành chính của các lĩnh vực này.',
    duties: [
      'Thẩm định hồ sơ trợ giúp xã hội, người có công, giảm nghèo; dự thảo kết quả',
      'Theo dõi, tổng hợp tình hình lao động, việc làm, an sinh xã hội trên địa bàn',
      'Quản lý hoạt động văn hóa, thể thao, thông tin cơ sở',
    ],
    requirements: [['f:Giảm nghèo', 2], ['communication', 2], ['online-dossiers', 2], ['state-management', 1], ...IU_BASIC],
  },
  {
    code: 'CC-DCXD',
    grp: 'professional',
    office: 'KT',
    headcount: 2,
    name: 'Công chức Địa chính – Xây dựng',
    description:
      'Tham mưu UBND xã quản lý nhà nước về đất đai, xây dựng, quy hoạch và môi trường trên địa bàn; nhận hồ sơ từ bộ phận một cửa, thẩm định hồ sơ đất đai, xây dựng; xác nhận nguồn gốc, hiện trạng sử dụng đất.',
    duties: [
      'Thẩm định hồ sơ đăng ký đất đai, xác nhận nguồn gốc và hiện trạng sử dụng đất; dự thảo kết quả',
      'Quản lý hồ sơ địa chính, bản đồ địa chính; cập nhật biến động đất đai',
      'Kiểm tra trật tự xây dựng; thẩm định hồ sơ xây dựng theo thẩm quyền',
      'Hòa giải tranh chấp đất đai ở cơ sở',
      'Thống kê, kiểm kê đất đai hằng năm',
    ],
    requirements: [['f:Đất đai', 3], ['f:Hoạt động xây dựng', 2], ['online-dossiers', 2], ['digital-signature', 2], ['communication', 2], ['iu04', 2], ...IU_BASIC],
  },
  {
    code: 'CC-TCKT',
    grp: 'professional',
    office: 'KT',
    headcount: 1,
    name: 'Công chức Tài chính – Kế toán',
    description:
      'Tham mưu UBND xã quản lý ngân sách, tài chính, tài sản công; kế toán ngân sách xã; theo dõi thu phí, lệ phí và phối hợp xác định nghĩa vụ tài chính về đất đai.',
    duties: [
      'Lập dự toán, quyết toán ngân sách xã; kế toán thu, chi',
      'Theo dõi thu phí, lệ phí thủ tục hành chính; đối chiếu với nền tảng thanh toán trực tuyến',
      'Phối hợp xác định nghĩa vụ tài chính về đất đai',
      'Quản lý tài sản công của xã',
    ],
    requirements: [['f:Tài chính đất đai', 2], ['state-management', 2], ['iu03', 2], ['iu04', 3], ['iu06', 2], ['digital-signature', 2], ['info-security', 2]],
  },
  {
    code: 'CC-VPTK',
    grp: 'professional',
    office: 'TTPVHCC',
    headcount: 1,
    name: 'Công chức Văn phòng – Thống kê (chuyển đổi số)',
    description:
      'Quản trị Hệ thống thông tin giải quyết thủ tục hành chính của xã và phân quyền tài khoản; hỗ trợ người dân, công chức sử dụng dịch vụ công trực tuyến; thống kê, báo cáo; thường trực Tổ công nghệ số cộng đồng.',
    duties: [
      'Quản trị hệ thống, phân quyền tài khoản, cấu hình quy trình giải quyết thủ tục',
      'Hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán trực tuyến',
      'Bảo đảm an toàn thông tin của hệ thống và thiết bị tại Trung tâm',
      'Tổng hợp số liệu, báo cáo định kỳ',
    ],
    requirements: [['digital-skills', 3], ['info-security', 3], ['online-dossiers', 3], ['communication', 2], ['iu01', 3], ['iu02', 3], ['iu06', 3]],
  },
  {
    code: 'TN-TKQ',
    grp: 'support',
    office: 'TTPVHCC',
    headcount: 2,
    name: 'Cán bộ tiếp nhận và trả kết quả',
    description:
      'Làm việc tại bộ phận một cửa của Trung tâm Phục vụ hành chính công: hướng dẫn, tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý; trả kết quả, thu phí, lệ phí; tiếp nhận phản ánh, kiến nghị.',
    duties: [
      'Hướng dẫn người dân chuẩn bị hồ sơ một lần, đầy đủ',
      'Tiếp nhận, kiểm tra, số hóa hồ sơ; lập giấy tiếp nhận và hẹn trả kết quả',
      'Tiếp nhận hồ sơ trực tuyến từ Cổng Dịch vụ công quốc gia',
      'Trả kết quả, thu phí, lệ phí; mời người dân đánh giá mức độ hài lòng',
      'Tiếp nhận phản ánh, kiến nghị tại quầy',
    ],
    requirements: [['communication', 3], ['online-dossiers', 3], ['f:Hộ tịch', 1], ['f:Chứng thực', 2], ['f:Đăng ký, quản lý cư trú', 1], ['digital-signature', 1], ['info-security', 2], ['digital-skills', 2], ...IU_BASIC],
  },
  {
    code: 'VT-LT',
    grp: 'support',
    office: 'VP',
    headcount: 1,
    name: 'Văn thư – Lưu trữ',
    description: 'Quản lý văn bản đi, đến; đóng dấu, ký số của cơ quan và phát hành kết quả giải quyết thủ tục hành chính; lưu trữ hồ sơ.',
    duties: [
      'Đăng ký, phát hành văn bản; ký số của cơ quan trên kết quả giải quyết',
      'Quản lý con dấu, thiết bị ký số của cơ quan',
      'Lập hồ sơ, lưu trữ hồ sơ thủ tục hành chính đã giải quyết',
    ],
    requirements: [['digital-signature', 3], ['iu03', 2], ['iu06', 2], ['info-security', 2], ['online-dossiers', 1]],
  },
];

/** Positions the light data gives every other commune of the province (held by its history-only accounts). */
export const LIGHT_POSITIONS: ReadonlyArray<readonly [positionCode: string, holderPrefix: string]> = [
  ['PCT-TTPVHCC', 'lanhdao'],
  ['CC-TPHT', 'chuyenvien'],
  ['TN-TKQ', 'tiepnhan'],
];

/** Who holds which position; `before` is the post they held until the reform of 1 July 2025. */
export const HOLDERS: Record<string, { position: string; since?: string; before?: { position: string; since: string; note: string } }> = {
  lanhdao: { position: 'PCT-TTPVHCC' },
  truongphong: { position: 'TP-VHXH' },
  chuyenvien: { position: 'CC-TPHT' },
  chuyenviendd: { position: 'CC-DCXD' },
  diachinh: { position: 'CC-DCXD', before: { position: 'CC-VHXH', since: '2019-09-03', note: 'Công chức Văn hóa – Xã hội của xã cũ, trước khi sắp xếp đơn vị hành chính' } },
  taichinh: { position: 'CC-TCKT', before: { position: 'CC-DCXD', since: '2014-03-17', note: 'Công chức Địa chính – Xây dựng của xã cũ, trước khi sắp xếp đơn vị hành chính' } },
  tiepnhan: { position: 'TN-TKQ' },
  vanthu: { position: 'VT-LT' },
  quantri: { position: 'CC-VPTK' },
};
export const REFORM_DAY = '2025-07-01';
export const REFORM_NOTE = 'Bố trí theo Đề án sắp xếp đơn vị hành chính cấp xã, từ ngày 01/7/2025';
export const MOVE_NOTE = 'Điều động sang vị trí mới khi sắp xếp đơn vị hành chính cấp xã (01/7/2025)';

/**
 * Held levels that differ from what the position requires (the rest are held at the required level): the real
 * gaps of the demo. A key the position does not require is a level held beside the framework (e.g. the finance
 * officer, formerly cadastral, still able in land).
 */
export const HELD: Record<string, Record<CompetencyKey, number>> = {
  lanhdao: { 'digital-signature': 2 },
  truongphong: { 'f:Hộ tịch': 2, 'f:Chứng thực': 2, 'online-dossiers': 1, leadership: 2 },
  chuyenvien: { 'f:Hộ tịch': 2, 'f:Chứng thực': 2, iu04: 1, 'info-security': 0 },
  chuyenviendd: { 'f:Đất đai': 3, 'f:Hoạt động xây dựng': 3, 'digital-signature': 1, communication: 2 },
  diachinh: { 'f:Đất đai': 1, 'f:Hoạt động xây dựng': 1, iu04: 1, 'f:Giảm nghèo': 2 },
  taichinh: { 'f:Đất đai': 2, 'f:Tài chính đất đai': 3, iu04: 2, 'digital-signature': 1 },
  tiepnhan: { 'online-dossiers': 2, 'f:Hộ tịch': 2 },
  vanthu: { 'info-security': 1 },
  quantri: {},
};
/** Self-assessments that said more than the leader later found. */
export const SELF_HIGHER: Record<string, Record<CompetencyKey, number>> = {
  diachinh: { 'f:Đất đai': 2, 'f:Hoạt động xây dựng': 2 },
  chuyenvien: { 'f:Hộ tịch': 3 },
  tiepnhan: { 'online-dossiers': 3 },
};

export interface CertificateDef {
  prefix: string;
  kind: 'it_basic' | 'digital_skills' | 'state_management' | 'digital_signature' | 'professional' | 'other';
  name: string;
  issuer: string;
  /** Issue date, or days before `now`. */
  issued: string | number;
  /** Days from `now` to the expiry (negative: expired); null: none. */
  expiresIn: number | null;
  code: 'it' | 'bdhvs' | 'token' | 'qlnn' | 'other';
  competency?: CompetencyKey;
  level?: number;
}

const IT = { kind: 'it_basic', name: 'Chứng chỉ ứng dụng công nghệ thông tin cơ bản (IU01–IU06)', issuer: 'Trường Đại học Khoa học, Đại học Huế', expiresIn: null, code: 'it', competency: 'iu01', level: 2 } as const;
const BDHVS = { kind: 'digital_skills', name: 'Chứng nhận hoàn thành chương trình Bình dân học vụ số', issuer: 'Nền tảng Bình dân học vụ số (binhdanhocvuso.gov.vn)', expiresIn: null, code: 'bdhvs', competency: 'digital-skills', level: 2 } as const;
const TOKEN = { kind: 'digital_signature', name: 'Chứng thư số cá nhân trên thiết bị USB Token (chữ ký số chuyên dùng Chính phủ)', issuer: 'Cục Chứng thực số và Bảo mật thông tin – Ban Cơ yếu Chính phủ', code: 'token' } as const;
const QLNN = { kind: 'state_management', issuer: 'Trường Chính trị tỉnh Thừa Thiên Huế', expiresIn: null, code: 'qlnn', competency: 'state-management' } as const;

export const CERTIFICATES: CertificateDef[] = [
  { prefix: 'lanhdao', ...QLNN, name: 'Chứng chỉ bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính', issued: '2019-11-22', level: 3 },
  // The leader's signing token expires within 60 days; the head of office's has expired.
  { prefix: 'lanhdao', ...TOKEN, issued: 5 * 365 - 38, expiresIn: 38 },
  { prefix: 'truongphong', ...QLNN, name: 'Chứng chỉ bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên', issued: '2018-06-15', level: 2 },
  { prefix: 'truongphong', ...TOKEN, issued: 3 * 365 + 12, expiresIn: -12 },
  { prefix: 'vanthu', ...TOKEN, name: 'Chứng thư số của cơ quan trên thiết bị USB Token (dấu của UBND xã)', issued: 5 * 365 - 52, expiresIn: 52 },
  { prefix: 'vanthu', ...IT, issued: '2016-04-09' },
  { prefix: 'chuyenvien', ...IT, issued: '2017-05-20' },
  { prefix: 'chuyenvien', ...BDHVS, issued: 430 },
  { prefix: 'chuyenviendd', ...IT, issued: '2016-10-08' },
  { prefix: 'chuyenviendd', ...BDHVS, issued: 445 },
  { prefix: 'chuyenviendd', ...TOKEN, issued: 2 * 365, expiresIn: 3 * 365 },
  {
    prefix: 'chuyenviendd',
    kind: 'professional',
    name: 'Giấy chứng nhận bồi dưỡng nghiệp vụ quản lý đất đai cấp xã',
    issuer: 'Sở Tài nguyên và Môi trường tỉnh Thừa Thiên Huế',
    issued: '2022-10-14',
    expiresIn: null,
    code: 'other',
    competency: 'f:Đất đai',
    level: 3,
  },
  { prefix: 'diachinh', ...BDHVS, issued: 410 },
  { prefix: 'taichinh', ...QLNN, name: 'Chứng chỉ bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên', issued: '2020-06-26', level: 2 },
  { prefix: 'taichinh', ...IT, issued: '2014-12-02' },
  { prefix: 'tiepnhan', ...IT, issued: '2019-08-17' },
  { prefix: 'tiepnhan', ...BDHVS, issued: 420 },
  { prefix: 'quantri', ...BDHVS, issued: 450 },
  {
    prefix: 'quantri',
    kind: 'other',
    name: 'Chứng nhận bồi dưỡng an toàn thông tin cho cán bộ phụ trách CNTT',
    issuer: 'Cục An toàn thông tin – Bộ Thông tin và Truyền thông',
    issued: 3 * 365 - 25,
    expiresIn: 25,
    code: 'other',
    competency: 'info-security',
    level: 3,
  },
];

export interface ProgrammeDef {
  code: string;
  name: string;
  description: string;
  contentGroup: 'political' | 'state_management' | 'professional' | 'digital' | 'other';
  hours: number;
  validMonths: number | null;
  competencies: Array<readonly [CompetencyKey, number]>;
}

/** National programmes (unit null: offered to every unit). */
export const PROGRAMMES: ProgrammeDef[] = [
  {
    code: 'QG-DATDAI-CX',
    name: 'Nghiệp vụ đăng ký đất đai cho công chức cấp xã',
    description: 'Luật Đất đai 2024 và văn bản hướng dẫn; thẩm quyền của UBND cấp xã sau sắp xếp; đăng ký lần đầu, đăng ký biến động; hồ sơ địa chính; hòa giải tranh chấp đất đai.',
    contentGroup: 'professional',
    hours: 40,
    validMonths: null,
    competencies: [['f:Đất đai', 3]],
  },
  {
    code: 'QG-KNS-IU',
    name: 'Kỹ năng số cơ bản (IU01–IU06)',
    description: 'Chuẩn kỹ năng sử dụng CNTT cơ bản theo Thông tư 03/2014/TT-BTTTT: máy tính, văn bản, bảng tính, trình chiếu, Internet; Khung năng lực số (QĐ 757/QĐ-BKHCN).',
    contentGroup: 'digital',
    hours: 24,
    validMonths: null,
    competencies: [['iu01', 2], ['iu02', 2], ['iu03', 2], ['iu04', 2], ['iu05', 2], ['iu06', 2], ['digital-skills', 2]],
  },
  {
    code: 'QG-KSHS',
    name: 'Ký số và xử lý hồ sơ trực tuyến',
    description: 'Chữ ký số chuyên dùng và ký số từ xa; xử lý hồ sơ trực tuyến toàn trình; an toàn thông tin khi dùng thiết bị ký số.',
    contentGroup: 'digital',
    hours: 16,
    validMonths: 24,
    competencies: [['digital-signature', 2], ['online-dossiers', 3], ['info-security', 2]],
  },
  {
    code: 'QG-GTUX',
    name: 'Giao tiếp, ứng xử với người dân',
    description: 'Văn hóa công vụ, quy tắc ứng xử của công chức tại bộ phận một cửa; kỹ năng lắng nghe, giải thích, xử lý tình huống khó.',
    contentGroup: 'other',
    hours: 8,
    validMonths: null,
    competencies: [['communication', 3]],
  },
  {
    code: 'QG-HTCT',
    name: 'Bồi dưỡng nghiệp vụ hộ tịch, chứng thực cho công chức cấp xã',
    description: 'Đăng ký hộ tịch và chứng thực sau sắp xếp đơn vị hành chính; Phần mềm hộ tịch điện tử dùng chung; lỗi thường gặp khiến hồ sơ bị trả lại.',
    contentGroup: 'professional',
    hours: 32,
    validMonths: null,
    competencies: [['f:Hộ tịch', 3], ['f:Chứng thực', 3]],
  },
  {
    code: 'QG-QLNN-CV',
    name: 'Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên',
    description: 'Chương trình bồi dưỡng ngạch chuyên viên: nhà nước và pháp luật, quản lý hành chính nhà nước, kỹ năng thực thi công vụ.',
    contentGroup: 'state_management',
    hours: 240,
    validMonths: null,
    competencies: [['state-management', 2]],
  },
];
