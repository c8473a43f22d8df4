// The officials' workspace frame: header (unit, person, language, sign out), the side menu for the person's
// roles, and the main region the skip link jumps to.
import { useMemo, type ReactNode } from 'react';
import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { useI18n, type Key, type Lang } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import type { Role } from '../types';

interface NavItem {
  key: string;
  path: string;
  label: Key;
  roles?: Role[];
  /** Shown inside a submenu of this name. */
  group?: Key;
}

const ADMINS: Role[] = ['system_admin', 'centre_admin'];
const CAP_LEADERS: Role[] = ['unit_leader', 'head_of_office', 'centre_admin'];
const CAP_READERS: Role[] = [...CAP_LEADERS, 'province_viewer'];
const REPORTERS: Role[] = ['unit_leader', 'head_of_office', 'centre_admin', 'province_viewer', 'system_admin'];

export const NAV: NavItem[] = [
  { key: 'home', path: '/can-bo', label: 'nav.home' },
  { key: 'counter', path: '/can-bo/tiep-nhan', label: 'nav.counter', roles: ['receiving_officer'] },
  { key: 'inbox', path: '/can-bo/ho-so', label: 'nav.inbox' },
  { key: 'approvals', path: '/can-bo/phe-duyet', label: 'nav.approvals', roles: ['unit_leader'] },
  { key: 'returns', path: '/can-bo/tra-ket-qua', label: 'nav.returns', roles: ['receiving_officer'] },
  { key: 'dashboard', path: '/can-bo/bao-cao', label: 'nav.dashboard', roles: REPORTERS, group: 'nav.reports' },
  { key: 'periodic', path: '/can-bo/bao-cao/dinh-ky', label: 'nav.periodic', roles: REPORTERS, group: 'nav.reports' },
  { key: 'serviceIndex', path: '/can-bo/bao-cao/chi-so-766', label: 'nav.serviceIndex', roles: REPORTERS, group: 'nav.reports' },
  { key: 'satisfaction', path: '/can-bo/bao-cao/hai-long', label: 'nav.satisfaction', roles: REPORTERS, group: 'nav.reports' },
  { key: 'feedback', path: '/can-bo/bao-cao/phan-anh', label: 'nav.feedback', roles: [...REPORTERS, 'specialist'], group: 'nav.reports' },
  { key: 'capProfile', path: '/can-bo/nang-luc', label: 'nav.capProfile', group: 'nav.capacity' },
  { key: 'capPositions', path: '/can-bo/nang-luc/vi-tri', label: 'nav.capPositions', roles: CAP_LEADERS, group: 'nav.capacity' },
  { key: 'capGaps', path: '/can-bo/nang-luc/khoang-trong', label: 'nav.capGaps', roles: CAP_READERS, group: 'nav.capacity' },
  { key: 'capTraining', path: '/can-bo/nang-luc/dao-tao', label: 'nav.capTraining', roles: CAP_READERS, group: 'nav.capacity' },
  { key: 'capPlan', path: '/can-bo/nang-luc/ke-hoach', label: 'nav.capPlan', roles: CAP_LEADERS, group: 'nav.capacity' },
  { key: 'capEvidence', path: '/can-bo/nang-luc/minh-chung', label: 'nav.capEvidence', group: 'nav.capacity' },
  { key: 'capWorkload', path: '/can-bo/nang-luc/khoi-luong', label: 'nav.capWorkload', roles: CAP_READERS, group: 'nav.capacity' },
  { key: 'capAppraisal', path: '/can-bo/nang-luc/danh-gia', label: 'nav.capAppraisal', group: 'nav.capacity' },
  { key: 'practice', path: '/can-bo/thuc-hanh', label: 'nav.practice', group: 'nav.capacity' },
  { key: 'units', path: '/can-bo/quan-tri/don-vi', label: 'nav.units', roles: ADMINS },
  { key: 'accounts', path: '/can-bo/quan-tri/tai-khoan', label: 'nav.accounts', roles: ADMINS },
  { key: 'procedures', path: '/can-bo/quan-tri/thu-tuc', label: 'nav.procedures', roles: ADMINS },
  { key: 'calendar', path: '/can-bo/quan-tri/lich', label: 'nav.calendar', roles: ADMINS },
  { key: 'feeLines', path: '/can-bo/quan-tri/phi-le-phi', label: 'nav.feeLines', roles: ADMINS },
  { key: 'reconciliation', path: '/can-bo/doi-soat', label: 'nav.reconciliation', roles: ['centre_admin', 'receiving_officer'] },
  { key: 'notificationTemplates', path: '/can-bo/quan-tri/mau-thong-bao', label: 'nav.notificationTemplates', roles: ADMINS },
  { key: 'outbox', path: '/can-bo/quan-tri/ket-noi', label: 'nav.outbox', roles: ADMINS },
  { key: 'nationalPortal', path: '/can-bo/quan-tri/cong-dvcqg', label: 'nav.nationalPortal', roles: ADMINS },
  { key: 'peers', path: '/can-bo/quan-tri/lien-thong', label: 'nav.peers', roles: ['system_admin'] },
  { key: 'certificates', path: '/can-bo/quan-tri/chung-thu-so', label: 'nav.certificates', roles: ADMINS },
];

function activeKey(path: string): string {
  const hit = [...NAV].sort((a, b) => b.path.length - a.path.length).find((n) => path === n.path || path.startsWith(`${n.path}/`));
  return hit?.key ?? 'home';
}

export function OfficialLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const { path } = useLocation();
  const me = session.me!;
  const units = session.unitsWith();
  const items = useMemo(() => {
    type Item = { key: string; label: ReactNode; children?: Item[] };
    const out: Item[] = [];
    for (const n of NAV.filter((x) => !x.roles || session.has(...x.roles))) {
      const item = { key: n.key, label: <Link to={n.path}>{t(n.label)}</Link> };
      if (!n.group) out.push(item);
      else {
        const group = out.find((g) => g.key === n.group);
        if (group) group.children!.push(item);
        else out.push({ key: n.group, label: t(n.group), children: [item] });
      }
    }
    return out;
  }, [session, t]);

  const signOut = async () => {
    await session.signOut();
    navigate('/can-bo/dang-nhap');
  };

  return (
    <Layout className="official-layout">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/can-bo" className="brand" aria-label={`${t('app.name')} — ${t('nav.home')}`}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </Link>
        <span className="header-unit" data-testid="header-unit">
          {units.map((u) => u.name).join(' · ')}
        </span>
        <Space className="header-tools" size="middle" wrap>
          <span className="header-user" data-testid="header-user">
            {me.fullName}
          </span>
          <Segmented<Lang>
            aria-label={t('app.language')}
            size="small"
            value={lang}
            onChange={(v) => setLang(v)}
            options={[
              { label: <span lang="vi">VI</span>, value: 'vi', title: 'Tiếng Việt' },
              { label: <span lang="en">EN</span>, value: 'en', title: 'English' },
            ]}
          />
          <Button onClick={signOut}>{t('app.signOut')}</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} breakpoint="lg" collapsedWidth={0} theme="light" className="app-sider">
          <nav aria-label={t('app.menu')}>
            <Menu mode="inline" selectedKeys={[activeKey(path)]} defaultOpenKeys={['nav.reports']} items={items} />
          </nav>
        </Layout.Sider>
        <Layout.Content>
          <main id="main" tabIndex={-1} className="app-main">
            {children}
          </main>
          <footer className="app-footer">
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </footer>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
