// The roles of a service centre (regulation.md §2.5), each granted for given units.
import type { Msg } from '../../errors.js';

export const ROLES = [
  'receiving_officer',
  'specialist',
  'head_of_office',
  'unit_leader',
  'clerk',
  'centre_admin',
  'province_viewer',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, Msg> = {
  receiving_officer: { vi: 'Cán bộ tiếp nhận', en: 'Receiving officer' },
  specialist: { vi: 'Chuyên viên', en: 'Specialist' },
  head_of_office: { vi: 'Lãnh đạo phòng', en: 'Head of office' },
  unit_leader: { vi: 'Lãnh đạo đơn vị', en: 'Unit leader' },
  clerk: { vi: 'Văn thư', en: 'Clerk' },
  centre_admin: { vi: 'Quản trị trung tâm', en: 'Centre admin' },
  province_viewer: { vi: 'Cán bộ theo dõi cấp tỉnh', en: 'Province viewer' },
  system_admin: { vi: 'Quản trị hệ thống', en: 'System admin' },
};

/** Roles that work on dossiers in a unit; a centre admin may grant these in their own unit. */
export const WORKING_ROLES: readonly Role[] = ['receiving_officer', 'specialist', 'head_of_office', 'unit_leader', 'clerk'];

/** Roles that only look: they never act on a dossier. */
export const READ_ONLY_ROLES: readonly Role[] = ['province_viewer'];
/** Roles that may read a unit's dossiers. */
export const DOSSIER_READERS: readonly Role[] = [
  'receiving_officer',
  'specialist',
  'head_of_office',
  'unit_leader',
  'clerk',
  'centre_admin',
  'province_viewer',
  'system_admin',
];
