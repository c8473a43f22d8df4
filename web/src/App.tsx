// The app: language, AntD theme and locale, the session, and the page for the current path.
import { Suspense, useEffect, useMemo } from 'react';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { ErrorBoundary, ErrorState, Loading, PageTitle } from './components/common';
import { I18nProvider, useI18n } from './i18n';
import { matchPath, navigate, ParamsProvider, useLocation } from './router';
import { routes } from './routes';
import { SessionProvider, useSession } from './session';
import { OfficialLayout } from './shell/OfficialLayout';
import { ApiError } from './api';

/** Darker text and primary colours than AntD's defaults, so every text passes WCAG AA contrast. */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#0b57d0',
    colorLink: '#0b57d0',
    colorLinkHover: '#0842a0',
    colorPrimaryHover: '#0842a0',
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.66)',
    colorTextDescription: 'rgba(0, 0, 0, 0.66)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorError: '#c41d1d',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
    borderRadius: 6,
  },
  components: {
    // Light selection colours, so that links in a selected row keep their contrast.
    Table: { rowSelectedBg: '#eef4ff', rowSelectedHoverBg: '#e3edff' },
  },
};

function CurrentPage() {
  const { path } = useLocation();
  const session = useSession();
  const { t } = useI18n();
  const found = useMemo(() => {
    for (const r of routes) {
      const params = matchPath(r.path, path);
      if (params) return { route: r, params };
    }
    return null;
  }, [path]);

  const needsSession = found?.route.area === 'official' || (!found && path.startsWith('/can-bo'));
  useEffect(() => {
    if (needsSession && !session.loading && !session.me) {
      navigate(`/can-bo/dang-nhap?next=${encodeURIComponent(path + window.location.search)}`, { replace: true });
    }
  }, [needsSession, session.loading, session.me, path]);

  if (session.loading) return <Loading />;
  if (!found) {
    const body = (
      <>
        <PageTitle title={t('error.notFound')} />
        <p>{t('error.notFoundPage')}</p>
      </>
    );
    return session.me && path.startsWith('/can-bo') ? <OfficialLayout>{body}</OfficialLayout> : <main id="main">{body}</main>;
  }
  const Page = found.route.page;
  const content = (
    <ParamsProvider value={found.params}>
      <ErrorBoundary key={path} fallback={() => <ErrorState error={new Error(t('error.boundary'))} onRetry={() => window.location.reload()} />}>
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </ErrorBoundary>
    </ParamsProvider>
  );
  if (found.route.area === 'public') return content;
  if (!session.me) return <Loading />;
  const roles = found.route.roles;
  if (roles && !session.has(...roles)) {
    const refusal = new ApiError(403, {
      error: 'forbidden',
      message: { vi: 'Trang này dành cho vai trò khác.', en: 'This page is for another role.' },
    });
    return (
      <OfficialLayout>
        <ErrorState error={refusal} />
      </OfficialLayout>
    );
  }
  return <OfficialLayout>{content}</OfficialLayout>;
}

function Themed() {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  }, [lang]);
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={THEME}>
      <AntApp>
        <SessionProvider>
          <CurrentPage />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
