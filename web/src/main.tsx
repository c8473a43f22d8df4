// Entry point of the web app. The officials' workspace (AntD) is loaded only for /can-bo paths, so the
// citizens' portal's first visit downloads none of it (see portal/PortalApp.tsx).
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useLocation } from './router';
import { isOfficialPath } from './portal/routes';
import { PortalApp } from './portal/PortalApp';
import './styles.css';

const App = lazy(() => import('./App').then((m) => ({ default: m.App })));

function Root() {
  const { path } = useLocation();
  return isOfficialPath(path) ? (
    <Suspense fallback={<p style={{ padding: '2rem' }}>Đang tải… / Loading…</p>}>
      <App />
    </Suspense>
  ) : (
    <PortalApp />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
