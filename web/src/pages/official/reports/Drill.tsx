// The dossiers behind one figure of a report. The query lives in the address, so the list can be shared; each
// code opens the dossier, and the list downloads as XLSX with the same rows and columns.
import { Card, Descriptions, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState, PageTitle, usePager } from '../../../components/common';
import { useI18n, type Key } from '../../../i18n';
import { Link, useSearch } from '../../../router';
import { useApi } from '../../../useApi';
import { fmtDate, fmtDateTime } from '../../../format';
import { downloadUrl, num, type DrillItem, type DrillList } from './model';
import { KeyboardScroll } from './parts';
import { Downloads } from './ReportFilters';

const PAGE_SIZE = 50;
const FILTERS = ['field', 'procedure', 'channel', 'official', 'office'] as const;
export const METRICS = ['carriedOver', 'receivedNew', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'resolved', 'inProgressWithinTime', 'inProgressLate', 'paused', 'withdrawn', 'refused', 'returned'] as const;

export default function Drill() {
  const { t, lang } = useI18n();
  const [search, setSearch] = useSearch();
  const page = Math.max(1, Number(search.page ?? 1) || 1);
  const query = {
    unit: search.unit,
    from: search.from,
    to: search.to,
    metric: search.metric,
    ...Object.fromEntries(FILTERS.map((f) => [f, search[f]])),
  };
  const list = useApi<DrillList>(search.unit && search.metric ? '/api/reports/dossiers' : null, { ...query, page, pageSize: PAGE_SIZE });
  const pager = usePager(page, PAGE_SIZE, list.data?.total ?? 0, (p) => setSearch({ page: p }, { replace: false }));
  const metricName = (METRICS as readonly string[]).includes(search.metric ?? '') ? t(`rep.metric.${search.metric}` as Key) : (search.metric ?? '');
  const title = t('rep.drill.title');

  const columns: ColumnsType<DrillItem> = [
    {
      title: t('rep.drill.code'),
      dataIndex: 'code',
      fixed: 'left',
      render: (code: string) => (
        <Link to={`/can-bo/ho-so/${encodeURIComponent(code)}`} className="mono">
          {code}
        </Link>
      ),
    },
    { title: t('rep.commune'), render: (_: unknown, r) => r.unit.name },
    { title: t('rep.by.procedure'), render: (_: unknown, r) => r.procedure.name, ellipsis: true, width: 260 },
    { title: t('rep.by.field'), dataIndex: 'field', ellipsis: true },
    { title: t('rep.by.channel'), dataIndex: 'channel', render: (v: string) => (v ? t(`rep.channel.${v}` as Key) || v : '—') },
    { title: t('rep.drill.applicant'), dataIndex: 'applicantName' },
    { title: t('rep.drill.received'), dataIndex: 'receivedAt', render: (v: string | null) => fmtDateTime(v), width: 140 },
    { title: t('rep.drill.due'), dataIndex: 'dueAt', render: (v: string | null) => fmtDateTime(v), width: 140 },
    { title: t('rep.drill.done'), dataIndex: 'doneAt', render: (v: string | null) => fmtDateTime(v), width: 140 },
    { title: t('rep.drill.outcome'), dataIndex: 'outcome', render: (v: string | null) => (v ? t(`rep.outcome.${v}` as Key) : '—') },
    { title: t('rep.by.official'), render: (_: unknown, r) => r.official?.name ?? '—' },
  ];

  return (
    <>
      <PageTitle title={title} />
      <Card className="section" size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('rep.drill.metric')}>
            <strong data-testid="drill-metric">{metricName}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('rep.unit')}>{list.data?.items[0] && search.unit?.length === 5 ? list.data.items[0].unit.name : search.unit}</Descriptions.Item>
          <Descriptions.Item label={t('rep.period')}>
            {fmtDate(search.from)} – {fmtDate(search.to)}
          </Descriptions.Item>
          {FILTERS.filter((f) => search[f]).map((f) => (
            <Descriptions.Item key={f} label={t(`rep.by.${f}` as Key)}>
              {search[f]}
            </Descriptions.Item>
          ))}
        </Descriptions>
        <Downloads links={[{ href: downloadUrl('/api/reports/dossiers', query, 'xlsx'), label: t('rep.download.xlsx'), testId: 'drill-xlsx' }]} />
      </Card>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Card className="section" size="small">
          <KeyboardScroll label={t('rep.drill.title')}>
            <Table<DrillItem>
              rowKey="id"
              size="small"
              loading={list.loading}
              columns={columns}
              dataSource={list.data?.items ?? []}
              caption={<span className="report-caption">{t('rep.drill.caption', { metric: metricName, n: num(list.data?.total ?? 0, lang) })}</span>}
              locale={{ emptyText: <span className="muted">{t('rep.drill.empty')}</span> }}
              scroll={{ x: 1500 }}
              data-testid="drill-table"
              pagination={pager}
            />
          </KeyboardScroll>
        </Card>
      )}
    </>
  );
}
