// Every page of the web app, by path. Pages load on demand so the first visit downloads only what it shows.
// The officials' workspace lives under /can-bo; the citizens' portal owns the rest (portal/routes.tsx).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './types';
import { portalRoutes } from './portal/routes';
import { FEEDBACK_ROLES, REPORT_ROLES as REPORTERS } from './pages/official/reports/model';

export interface RouteDef {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Officials' pages need a session; a role list narrows them further. */
  area: 'official' | 'public';
  roles?: Role[];
}

const ADMINS: Role[] = ['system_admin', 'centre_admin'];
/** Leaders see their unit's officials (capacity); the province viewer sees aggregates. */
export const CAPACITY_LEADERS: Role[] = ['unit_leader', 'head_of_office', 'centre_admin'];
export const CAPACITY_READERS: Role[] = [...CAPACITY_LEADERS, 'province_viewer'];

export const officialRoutes: RouteDef[] = [
  { path: '/can-bo/dang-nhap', page: lazy(() => import('./pages/official/SignIn')), area: 'public' },
  { path: '/can-bo', page: lazy(() => import('./pages/official/Home')), area: 'official' },
  { path: '/can-bo/ho-so', page: lazy(() => import('./pages/official/Inbox')), area: 'official' },
  { path: '/can-bo/ho-so/:ref', page: lazy(() => import('./pages/official/DossierPage')), area: 'official' },
  { path: '/can-bo/tiep-nhan', page: lazy(() => import('./pages/official/Counter')), area: 'official', roles: ['receiving_officer'] },
  { path: '/can-bo/phe-duyet', page: lazy(() => import('./pages/official/Approvals')), area: 'official', roles: ['unit_leader'] },
  { path: '/can-bo/tra-ket-qua', page: lazy(() => import('./pages/official/Returns')), area: 'official', roles: ['receiving_officer'] },
  { path: '/can-bo/nang-luc', page: lazy(() => import('./pages/official/capacity/Profile')), area: 'official' },
  { path: '/can-bo/nang-luc/can-bo/:id', page: lazy(() => import('./pages/official/capacity/Profile')), area: 'official', roles: CAPACITY_LEADERS },
  { path: '/can-bo/nang-luc/vi-tri', page: lazy(() => import('./pages/official/capacity/Positions')), area: 'official', roles: CAPACITY_LEADERS },
  { path: '/can-bo/nang-luc/khoang-trong', page: lazy(() => import('./pages/official/capacity/Gaps')), area: 'official', roles: CAPACITY_READERS },
  { path: '/can-bo/nang-luc/dao-tao', page: lazy(() => import('./pages/official/capacity/Training')), area: 'official', roles: CAPACITY_READERS },
  { path: '/can-bo/nang-luc/dao-tao/lop/:id', page: lazy(() => import('./pages/official/capacity/ClassPage')), area: 'official', roles: CAPACITY_LEADERS },
  { path: '/can-bo/nang-luc/ke-hoach', page: lazy(() => import('./pages/official/capacity/Plan')), area: 'official', roles: CAPACITY_LEADERS },
  { path: '/can-bo/nang-luc/minh-chung', page: lazy(() => import('./pages/official/capacity/Evidence')), area: 'official' },
  { path: '/can-bo/nang-luc/khoi-luong', page: lazy(() => import('./pages/official/capacity/Workload')), area: 'official', roles: CAPACITY_READERS },
  { path: '/can-bo/nang-luc/danh-gia', page: lazy(() => import('./pages/official/capacity/Appraisal')), area: 'official' },
  { path: '/can-bo/thuc-hanh', page: lazy(() => import('./pages/official/practice/PracticeList')), area: 'official' },
  { path: '/can-bo/thuc-hanh/:id', page: lazy(() => import('./pages/official/practice/PracticeAttempt')), area: 'official' },
  { path: '/can-bo/quan-tri/don-vi', page: lazy(() => import('./pages/official/admin/Units')), area: 'official', roles: ADMINS },
  { path: '/can-bo/quan-tri/tai-khoan', page: lazy(() => import('./pages/official/admin/Accounts')), area: 'official', roles: ADMINS },
  { path: '/can-bo/quan-tri/thu-tuc', page: lazy(() => import('./pages/official/admin/Procedures')), area: 'official', roles: ADMINS },
  { path: '/can-bo/quan-tri/lich', page: lazy(() => import('./pages/official/admin/Calendar')), area: 'official', roles: ADMINS },
  { path: '/can-bo/quan-tri/phi-le-phi', page: lazy(() => import('./pages/official/admin/FeeLines')), area: 'official', roles: ADMINS },
  { path: '/can-bo/doi-soat', page: lazy(() => import('./pages/official/admin/Reconciliation')), area: 'official', roles: ['centre_admin', 'receiving_officer'] },
  { path: '/can-bo/quan-tri/mau-thong-bao', page: lazy(() => import('./pages/official/admin/NotificationTemplates')), area: 'official', roles: ADMINS },
  { path: '/can-bo/quan-tri/ket-noi', page: lazy(() => import('./pages/official/admin/Outbox')), area: 'official', roles: ADMINS },
  { path: '/can-bo/quan-tri/cong-dvcqg', page: lazy(() => import('./pages/official/admin/NationalPortal')), area: 'official', roles: ADMINS },
  { path: '/can-bo/quan-tri/lien-thong', page: lazy(() => import('./pages/official/admin/Peers')), area: 'official', roles: ['system_admin'] },
  { path: '/can-bo/quan-tri/chung-thu-so', page: lazy(() => import('./pages/official/admin/Certificates')), area: 'official', roles: ADMINS },
  { path: '/can-bo/bao-cao', page: lazy(() => import('./pages/official/reports/Dashboard')), area: 'official', roles: REPORTERS },
  { path: '/can-bo/bao-cao/dinh-ky', page: lazy(() => import('./pages/official/reports/Periodic')), area: 'official', roles: REPORTERS },
  { path: '/can-bo/bao-cao/ho-so', page: lazy(() => import('./pages/official/reports/Drill')), area: 'official', roles: REPORTERS },
  { path: '/can-bo/bao-cao/chi-so-766', page: lazy(() => import('./pages/official/reports/ServiceIndex')), area: 'official', roles: REPORTERS },
  { path: '/can-bo/bao-cao/hai-long', page: lazy(() => import('./pages/official/reports/SatisfactionPage')), area: 'official', roles: REPORTERS },
  { path: '/can-bo/bao-cao/phan-anh', page: lazy(() => import('./pages/official/reports/Feedback')), area: 'official', roles: FEEDBACK_ROLES },
  { path: '/can-bo/bao-cao/phan-anh/:id', page: lazy(() => import('./pages/official/reports/FeedbackDetail')), area: 'official', roles: FEEDBACK_ROLES },
];

export const routes: RouteDef[] = [...officialRoutes, ...portalRoutes];
