// The periodic report (logbook figures) of a unit for a period, broken down by unit, field, procedure, channel,
// office or official: every number opens the dossiers behind it; the table downloads as XLSX or PDF, and a
// commune's logbook as PDF or XLSX.
import { Card, Form, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n, type Key } from '../../../i18n';
import { useApi } from '../../../useApi';
import { fmtDate } from '../../../format';
import { BYS, byFilter, COUNT_KEYS, downloadUrl, drillPath, num, pct, type By, type Counts, type Summary } from './model';
import { Downloads, ReportFilters, useScope } from './ReportFilters';
import { CountLink, KeyboardScroll } from './parts';

interface Row {
  key: string;
  label: string;
  counts: Counts;
  filter: Record<string, string | undefined>;
  total?: boolean;
}

/** Figures whose dossiers can be listed (received = carried over + new is listed as its two parts). */
const DRILLABLE = new Set<string>(COUNT_KEYS.filter((k) => k !== 'received'));

export default function Periodic() {
  const { t, m, lang } = useI18n();
  const scope = useScope();
  const by: By = BYS.includes(scope.search.by as By) ? (scope.search.by as By) : scope.isProvince ? 'unit' : 'none';
  const q = { unit: scope.unit, from: scope.from, to: scope.to, by };
  const summary = useApi<Summary>(scope.unit ? '/api/reports/summary' : null, q);

  const rows: Row[] = (summary.data?.rows ?? []).map((r) => ({ key: r.key, label: m(r.label), counts: r.counts, filter: by === 'none' ? {} : byFilter(by, r.key) }));
  if (summary.data && by !== 'none') rows.push({ key: '__total', label: t('rep.totalRow'), counts: summary.data.total, filter: {}, total: true });

  const columns: ColumnsType<Row> = [
    {
      title: by === 'none' ? t('rep.unit') : t(`rep.by.${by}` as Key),
      dataIndex: 'label',
      fixed: 'left',
      width: 220,
      render: (v: string, r) => (r.total ? <strong>{v}</strong> : v),
    },
    ...COUNT_KEYS.map((k) => ({
      title: t(`rep.col.${k}` as Key),
      key: k,
      align: 'right' as const,
      width: 100,
      render: (_: unknown, r: Row) =>
        DRILLABLE.has(k) ? (
          <CountLink n={r.counts[k]} label={`${r.label} — ${t(`rep.col.${k}` as Key)}`} to={drillPath({ unit: scope.unit, from: scope.from, to: scope.to, metric: k, ...r.filter })} />
        ) : (
          <span>{num(r.counts[k], lang)}</span>
        ),
    })),
    { title: t('rep.col.onTimeRate'), key: 'onTimeRate', align: 'right', width: 100, render: (_: unknown, r) => pct(r.counts.onTimeRate, lang) },
  ];

  const isCommune = !scope.isProvince && /^\d{5}$/.test(scope.unit);
  const base = { unit: scope.unit, from: scope.from, to: scope.to, by };
  return (
    <>
      <PageTitle title={t('rep.periodic.title')} />
      <ReportFilters scope={scope}>
        <Form.Item label={t('rep.by')} htmlFor="report-by">
          <Select
            id="report-by"
            style={{ width: 200 }}
            value={by}
            onChange={(v: By) => scope.set({ by: v })}
            options={BYS.filter((b) => b !== 'unit' || scope.isProvince).map((b) => ({ value: b, label: t(`rep.by.${b}` as Key) }))}
          />
        </Form.Item>
      </ReportFilters>
      {summary.error ? (
        <ErrorState error={summary.error} onRetry={summary.reload} />
      ) : (
        <Card className="section" size="small">
          <Space wrap className="report-toolbar">
            <Downloads
              links={[
                { href: downloadUrl('/api/reports/summary', base, 'xlsx'), label: t('rep.download.xlsx'), testId: 'summary-xlsx' },
                { href: downloadUrl('/api/reports/summary', base, 'pdf'), label: t('rep.download.pdf'), testId: 'summary-pdf' },
                ...(isCommune
                  ? [
                      { href: downloadUrl(`/api/units/${scope.unit}/logbook`, { from: scope.from, to: scope.to }, 'pdf'), label: t('rep.logbook.pdf'), testId: 'logbook-pdf' },
                      { href: downloadUrl(`/api/units/${scope.unit}/logbook`, { from: scope.from, to: scope.to }, 'xlsx'), label: t('rep.logbook.xlsx'), testId: 'logbook-xlsx' },
                    ]
                  : []),
              ]}
            />
          </Space>
          <KeyboardScroll label={t('rep.periodic.title')}>
            <Table<Row>
              rowKey="key"
              size="small"
              bordered
              loading={summary.loading}
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 1500 }}
              rowClassName={(r) => (r.total ? 'report-total-row' : '')}
              caption={
                <Typography.Text strong id="periodic-caption">
                  {t('rep.periodic.caption', { unit: scope.unitName, from: fmtDate(scope.from), to: fmtDate(scope.to) })}
                </Typography.Text>
              }
              locale={{ emptyText: <span className="muted">{t('rep.empty')}</span> }}
              data-testid="periodic-table"
            />
          </KeyboardScroll>
          <p className="muted">{t('rep.periodic.note')}</p>
        </Card>
      )}
    </>
  );
}
