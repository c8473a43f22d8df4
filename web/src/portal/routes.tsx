// The citizens' portal: the procedure catalogue, online submission, follow-up by code or by the receipt's QR
// (which encodes /tra-cuu/{code}: that path must not change), supplements and rating. Paths outside /can-bo.
import { lazy } from 'react';
import type { RouteDef } from '../routes';

export const portalRoutes: RouteDef[] = [
  { path: '/', page: lazy(() => import('./Home')), area: 'public' },
  { path: '/thu-tuc', page: lazy(() => import('./Catalogue')), area: 'public' },
  { path: '/thu-tuc/:code', page: lazy(() => import('./ProcedurePage')), area: 'public' },
  { path: '/nop-ho-so', page: lazy(() => import('./submit/ChooseProcedure')), area: 'public' },
  { path: '/nop-ho-so/:code', page: lazy(() => import('./submit/Submit')), area: 'public' },
  { path: '/tra-cuu', page: lazy(() => import('./track/Lookup')), area: 'public' },
  { path: '/tra-cuu/:code', page: lazy(() => import('./track/Track')), area: 'public' },
  { path: '/phan-anh', page: lazy(() => import('./feedback/FeedbackSend')), area: 'public' },
  { path: '/phan-anh/tra-cuu', page: lazy(() => import('./feedback/FeedbackLookup')), area: 'public' },
  // Printed in the QR code of every signed document: this path must not change either.
  { path: '/xac-thuc', page: lazy(() => import('./verify/VerifyLookup')), area: 'public' },
  { path: '/xac-thuc/:code', page: lazy(() => import('./verify/Verify')), area: 'public' },
];

/** The officials' workspace (AntD, signed in) owns /can-bo; every other path is the portal's. */
export function isOfficialPath(path: string): boolean {
  return path === '/can-bo' || path.startsWith('/can-bo/');
}
