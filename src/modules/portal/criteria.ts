// The per-dossier rating form (capacity.md §B: the Huế portal's 12 criteria) on a 3-level scale, as counter
// devices show it. Answers are stored raw with the scale version, so a later scale can coexist.
import type { Msg } from '../../errors.js';

export const SCALE_VERSION = 'hue-12-3level-v1';
export const LEVELS = ['very_satisfied', 'satisfied', 'unsatisfied'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, Msg> = {
  very_satisfied: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  unsatisfied: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

export const CRITERIA: ReadonlyArray<{ key: string; name: Msg }> = [
  { key: 'overall', name: { vi: 'Mức độ hài lòng chung', en: 'Overall satisfaction' } },
  { key: 'convenience', name: { vi: 'Sự thuận tiện khi thực hiện thủ tục', en: 'Convenience of the procedure' } },
  { key: 'on_time', name: { vi: 'Trả kết quả đúng hẹn', en: 'Result returned on time' } },
  { key: 'attitude', name: { vi: 'Thái độ của cán bộ, công chức', en: 'Attitude of the officials' } },
  { key: 'total_time', name: { vi: 'Tổng thời gian giải quyết so với quy định', en: 'Total time against the legal limit' } },
  { key: 'handling_time', name: { vi: 'Thời gian xử lý tại từng cơ quan so với quy định', en: 'Handling time at each agency against the rule' } },
  { key: 'contacts', name: { vi: 'Số lần phải liên hệ để hoàn thiện hồ sơ', en: 'Number of contacts needed to complete the dossier' } },
  { key: 'agencies', name: { vi: 'Số cơ quan phải liên hệ', en: 'Number of agencies contacted' } },
  { key: 'one_stop', name: { vi: 'Được giải quyết tại Bộ phận Một cửa', en: 'Handled at the one-stop desk' } },
  { key: 'publicity', name: { vi: 'Công khai thủ tục hành chính', en: 'Publicity of the procedure' } },
  { key: 'feedback', name: { vi: 'Tiếp nhận, xử lý phản ánh, kiến nghị', en: 'Handling of feedback' } },
  { key: 'online', name: { vi: 'Tiến độ, chất lượng dịch vụ công trực tuyến', en: 'Progress and quality of the online service' } },
];
