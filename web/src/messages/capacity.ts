// Words of the staff-capacity pages shared by all of them (menu).
import { dict } from './dict';

export const capacity = dict(
  {
    'nav.capacity': 'Năng lực cán bộ',
    'nav.capProfile': 'Hồ sơ năng lực',
    'nav.capPositions': 'Vị trí việc làm',
    'nav.capGaps': 'Khoảng trống năng lực',
    'nav.capTraining': 'Đào tạo, bồi dưỡng',
    'nav.capPlan': 'Kế hoạch đào tạo',
    'nav.capEvidence': 'Minh chứng năng lực',
    'nav.capWorkload': 'Khối lượng công việc',
    'nav.capAppraisal': 'Đánh giá, xếp loại',
    'nav.practice': 'Thực hành',
  },
  {
    'nav.capacity': 'Staff capacity',
    'nav.capProfile': 'Capacity profile',
    'nav.capPositions': 'Job positions',
    'nav.capGaps': 'Competency gaps',
    'nav.capTraining': 'Training',
    'nav.capPlan': 'Training plan',
    'nav.capEvidence': 'Evidence from work',
    'nav.capWorkload': 'Workload',
    'nav.capAppraisal': 'Appraisal',
    'nav.practice': 'Practice',
  },
);
