// The role's home: what is waiting for me, what is due soon, what is late — each a link into the inbox with
// the same filter — and, for leaders, the day's overview of the commune.
import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { LinkButton, PageTitle } from '../../components/common';
import { useI18n, type Key } from '../../i18n';
import { Link } from '../../router';
import { useSession } from '../../session';
import { useApi } from '../../useApi';
import { withQuery, type Query } from '../../api';
import { fmtDate, todayVn } from '../../format';
import type { DossierList, Role } from '../../types';

/** What "waiting" means for each role, as inbox filters. */
const WAITING: Array<{ role: Role; query: Query }> = [
  { role: 'receiving_officer', query: { status: 'submitted,intake_supplement,resolved' } },
  { role: 'specialist', query: { scope: 'mine', open: 'true' } },
  { role: 'head_of_office', query: { scope: 'office', open: 'true' } },
  { role: 'unit_leader', query: { status: 'pending_approval' } },
  { role: 'clerk', query: { status: 'approved' } },
];

function inboxLink(query: Query): string {
  return withQuery('/can-bo/ho-so', query);
}

function CountCard({ title, hint, query, tone }: { title: string; hint: string; query: Query; tone?: 'late' | 'due_soon' }) {
  const { data, loading } = useApi<DossierList>('/api/dossiers', { ...query, limit: 1 });
  const colour = tone === 'late' ? '#a8071a' : tone === 'due_soon' ? '#7a3300' : undefined;
  return (
    <Link to={inboxLink(query)} className="stat-link">
      <Card hoverable>
        <Statistic title={title} value={data?.total ?? 0} loading={loading} styles={{ content: colour ? { color: colour } : {} }} />
        <Typography.Text type="secondary">{hint}</Typography.Text>
      </Card>
    </Link>
  );
}

export default function Home() {
  const { t, m } = useI18n();
  const session = useSession();
  const me = session.me!;
  const waiting = WAITING.filter((w) => session.has(w.role));
  const mineOnly = session.has('specialist') && !session.has('head_of_office', 'unit_leader', 'receiving_officer');
  const scope: Query = mineOnly ? { scope: 'mine' } : {};
  const leader = session.has('unit_leader', 'head_of_office', 'centre_admin', 'province_viewer');
  const today = todayVn();
  const roles = [...new Set(me.grants.map((g) => m(g.roleName)))].join(', ');

  return (
    <>
      <PageTitle title={t('home.greeting', { name: me.fullName })} />
      <Typography.Paragraph type="secondary">{t('home.roles', { roles })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {(waiting.length ? waiting : [{ role: 'other' as const, query: { open: 'true' } }]).map((w) => (
          <Col xs={24} sm={12} lg={8} key={w.role}>
            <CountCard title={t('home.waiting')} hint={t(`home.waitingHint.${w.role}` as Key)} query={w.query} />
          </Col>
        ))}
        <Col xs={24} sm={12} lg={8}>
          <CountCard title={t('home.dueSoon')} hint={t('home.dueSoonHint')} query={{ ...scope, colour: 'due_soon' }} tone="due_soon" />
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <CountCard title={t('home.late')} hint={t('home.lateHint')} query={{ ...scope, colour: 'late' }} tone="late" />
        </Col>
      </Row>
      {leader ? (
        <section className="section" aria-labelledby="today-heading" style={{ marginTop: 24 }}>
          <Typography.Title level={2} id="today-heading" style={{ fontSize: 20 }}>
            {t('home.today', { date: fmtDate(today) })}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} lg={6}>
              <CountCard title={t('home.todayReceived')} hint={fmtDate(today)} query={{ from: `${today}T00:00:00+07:00` }} />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <CountCard title={t('home.todayOpen')} hint={t('inbox.openOnly')} query={{ open: 'true' }} />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <CountCard title={t('home.todayPendingApproval')} hint={t('status.pending_approval')} query={{ status: 'pending_approval' }} />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <CountCard title={t('home.todayToReturn')} hint={t('status.resolved')} query={{ status: 'resolved' }} />
            </Col>
          </Row>
        </section>
      ) : null}
      <section className="section" aria-labelledby="quick-heading" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="quick-heading" style={{ fontSize: 20 }}>
          {t('home.quick')}
        </Typography.Title>
        <Space wrap>
          {session.has('receiving_officer') ? (
            <LinkButton type="primary" to="/can-bo/tiep-nhan">
              {t('nav.counter')}
            </LinkButton>
          ) : null}
          {session.has('receiving_officer') ? <LinkButton to="/can-bo/tra-ket-qua">{t('nav.returns')}</LinkButton> : null}
          {session.has('unit_leader') ? (
            <LinkButton type="primary" to="/can-bo/phe-duyet">
              {t('nav.approvals')}
            </LinkButton>
          ) : null}
          <LinkButton to="/can-bo/ho-so">{t('nav.inbox')}</LinkButton>
        </Space>
      </section>
    </>
  );
}
