// The portal's frame: language, header with the three things a citizen comes for, the page for the path,
// and a footer. Plain React and portal.css only — no AntD — so a phone's first visit downloads little.
import { Component, Suspense, useEffect, useMemo, useRef, type ErrorInfo, type ReactNode } from 'react';
import { I18nProvider, useI18n, type Lang } from '../i18n';
import { Link, matchPath, ParamsProvider, useLocation } from '../router';
import { portalRoutes } from './routes';
import { Loading } from './ui';
import NotFound from './NotFound';
import './portal.css';

class Boundary extends Component<{ children: ReactNode; fallback: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const option = (l: Lang, label: string, title: string) => (
    <button type="button" lang={l} title={title} aria-pressed={lang === l} className="p-lang-option" onClick={() => setLang(l)}>
      {label}
    </button>
  );
  return (
    <div className="p-lang" role="group" aria-label={t('app.language')}>
      {option('vi', 'VI', 'Tiếng Việt')}
      {option('en', 'EN', 'English')}
    </div>
  );
}

function NavLink({ to, children, current }: { to: string; children: ReactNode; current: boolean }) {
  return (
    <Link to={to} className="p-nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Frame() {
  const { t } = useI18n();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const found = useMemo(() => {
    for (const r of portalRoutes) {
      const params = matchPath(r.path, path);
      if (params) return { route: r, params };
    }
    return null;
  }, [path]);

  // After an in-app navigation, a screen reader starts reading the new page from its main region.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [path]);

  const section = path.startsWith('/nop-ho-so') ? 'submit' : path.startsWith('/tra-cuu') ? 'track' : path.startsWith('/thu-tuc') ? 'catalogue' : path.startsWith('/phan-anh') ? 'feedback' : '';
  const Page = found?.route.page;
  return (
    <div className="portal">
      <a className="p-skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="p-header">
        <div className="p-header-row">
          <Link to="/" className="p-brand">
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <span>
              <span className="p-brand-name">{t('portal.brand')}</span>
              <span className="p-brand-sub">{t('portal.brandSub')}</span>
            </span>
          </Link>
          <LanguageSwitch />
        </div>
        <nav className="p-nav" aria-label={t('app.menu')}>
          <NavLink to="/thu-tuc" current={section === 'catalogue'}>
            {t('portal.nav.catalogue')}
          </NavLink>
          <NavLink to="/nop-ho-so" current={section === 'submit'}>
            {t('portal.nav.submit')}
          </NavLink>
          <NavLink to="/tra-cuu" current={section === 'track'}>
            {t('portal.nav.track')}
          </NavLink>
          <NavLink to="/phan-anh" current={section === 'feedback'}>
            {t('pfb.nav')}
          </NavLink>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="p-main">
        {Page ? (
          <ParamsProvider value={found.params}>
            <Boundary
              key={path}
              fallback={
                <div className="p-notice p-notice-error" role="alert">
                  <p>{t('error.boundary')}</p>
                  <button type="button" className="p-btn" onClick={() => window.location.reload()}>
                    {t('error.reload')}
                  </button>
                </div>
              }
            >
              <Suspense fallback={<Loading />}>
                <Page />
              </Suspense>
            </Boundary>
          </ParamsProvider>
        ) : (
          <NotFound />
        )}
      </main>
      <footer className="p-footer">
        <p>{t('app.tagline')}</p>
        <p>
          {/* A full page load: the officials' workspace is a separate, heavier part of the app. */}
          <a href="/can-bo/dang-nhap">{t('portal.footer.officials')}</a>
        </p>
      </footer>
    </div>
  );
}

export function PortalApp() {
  return (
    <I18nProvider>
      <Frame />
    </I18nProvider>
  );
}
