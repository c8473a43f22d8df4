// Feedback (PAKN) of a unit: the list by status (open, overdue, answered), and the period's figures —
// received, answered on time or late, still open, and the senders' satisfaction with the answers.
import { Card, Col, Form, Row, Segmented, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState, PageTitle, usePager } from '../../../components/common';
import { useI18n, type Key } from '../../../i18n';
import { Link } from '../../../router';
import { useApi } from '../../../useApi';
import { fmtDateTime } from '../../../format';
import { downloadUrl, FEEDBACK_ROLES, num, pct, type FeedbackItem, type FeedbackReport } from './model';
import { Downloads, ReportFilters, useScope } from './ReportFilters';
import { Figure, KeyboardScroll } from './parts';

const PAGE_SIZE = 20;
const STATUSES = ['open', 'overdue', 'answered', 'all'] as const;
type Status = (typeof STATUSES)[number];

/** What a feedback item's state is now: the server's status (received, assigned, overdue, answered). */
export function feedbackState(f: Pick<FeedbackItem, 'answeredAt' | 'dueAt' | 'status'>, now = Date.now()): string {
  if (f.status) return f.status;
  if (f.answeredAt) return 'answered';
  return new Date(f.dueAt).getTime() < now ? 'overdue' : 'received';
}

export default function Feedback() {
  const { t, lang } = useI18n();
  const scope = useScope(FEEDBACK_ROLES);
  const status: Status = STATUSES.includes(scope.search.status as Status) ? (scope.search.status as Status) : 'open';
  const page = Math.max(1, Number(scope.search.page ?? 1) || 1);
  const list = useApi<{ total: number; items: FeedbackItem[] }>(scope.unit ? '/api/feedback' : null, { unit: scope.unit, status, page, pageSize: PAGE_SIZE });
  const pager = usePager(page, PAGE_SIZE, list.data?.total ?? 0, (p) => scope.set({ page: p }));
  const report = useApi<FeedbackReport>(scope.unit ? '/api/feedback/report' : null, { unit: scope.unit, from: scope.from, to: scope.to });
  const r = report.data;

  const columns: ColumnsType<FeedbackItem> = [
    {
      title: t('fb.code'),
      dataIndex: 'code',
      render: (code: string, f) => (
        <Link to={`/can-bo/bao-cao/phan-anh/${f.id}`} className="mono">
          {code}
        </Link>
      ),
    },
    { title: t('fb.kind'), dataIndex: 'kind', render: (k: string) => t(`fb.kind.${k}` as Key) },
    { title: t('fb.subject'), dataIndex: 'subject', ellipsis: true },
    { title: t('fb.received'), dataIndex: 'receivedAt', render: (v: string) => fmtDateTime(v), width: 140 },
    { title: t('fb.due'), dataIndex: 'dueAt', render: (v: string) => fmtDateTime(v), width: 140 },
    { title: t('fb.assignee'), render: (_: unknown, f) => f.assignee?.name ?? '—' },
    { title: t('fb.status'), render: (_: unknown, f) => <span className={`fb-state fb-state-${feedbackState(f)}`}>{t(`fb.state.${feedbackState(f)}` as Key)}</span> },
  ];

  return (
    <>
      <PageTitle title={t('fb.title')} />
      <ReportFilters scope={scope} />
      <section aria-labelledby="fb-figures" className="section">
        <h2 id="fb-figures" className="report-card-title">
          {t('fb.figures')}
        </h2>
        {report.error ? (
          <ErrorState error={report.error} onRetry={report.reload} />
        ) : (
          <Row gutter={[12, 12]}>
            {(
              [
                ['fb.fig.received', r ? num(r.received, lang) : '…', r ? t('fb.fig.byKind', { c: r.byKind.complaint.received, s: r.byKind.suggestion.received }) : undefined],
                ['fb.fig.answeredOnTime', r ? num(r.answeredOnTime, lang) : '…', r ? t('fb.fig.late', { n: r.answeredLate }) : undefined],
                ['fb.fig.onTimeRate', r ? pct(r.onTimeRate, lang) : '…', undefined],
                ['fb.fig.openWithinTime', r ? num(r.openWithinTime, lang) : '…', undefined],
                ['fb.fig.openOverdue', r ? num(r.openOverdue, lang) : '…', undefined],
                ['fb.fig.satisfaction', r ? pct(r.satisfactionRate, lang) : '…', r ? t('rep.fig.rated', { n: r.rated }) : undefined],
              ] as Array<[Key, string, string | undefined]>
            ).map(([k, v, hint]) => (
              <Col key={k} xs={12} md={8} xl={4}>
                <Figure title={t(k)} value={v} hint={hint} />
              </Col>
            ))}
          </Row>
        )}
        <p>
          <Downloads links={[{ href: downloadUrl('/api/feedback/report', { unit: scope.unit, from: scope.from, to: scope.to }, 'xlsx'), label: t('fb.download.report'), testId: 'fb-report-xlsx' }]} />
        </p>
      </section>
      <Card className="section" size="small" title={<h2 className="report-card-title">{t('fb.list')}</h2>}>
        <Form layout="inline" className="filters">
          <Form.Item label={t('fb.status')}>
            <Segmented<Status>
              aria-label={t('fb.status')}
              value={status}
              onChange={(v) => scope.set({ status: v, page: undefined })}
              options={STATUSES.map((s) => ({ value: s, label: t(`fb.filter.${s}` as Key) }))}
            />
          </Form.Item>
          <Downloads links={[{ href: downloadUrl('/api/feedback', { unit: scope.unit, status }, 'xlsx'), label: t('rep.download.xlsx'), testId: 'fb-xlsx' }]} />
        </Form>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <KeyboardScroll label={t('fb.list')}>
            <Table<FeedbackItem>
              rowKey="id"
              size="small"
              loading={list.loading}
              columns={columns}
              dataSource={list.data?.items ?? []}
              caption={<span className="sr-only">{t('fb.list')}</span>}
              locale={{ emptyText: <span className="muted">{t('fb.empty')}</span> }}
              data-testid="fb-table"
              scroll={{ x: 900 }}
              pagination={pager}
            />
          </KeyboardScroll>
        )}
      </Card>
    </>
  );
}
