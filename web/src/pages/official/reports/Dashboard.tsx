// The leaders' and the province's overview for a period: the key figures, the trend by month, the breakdown by
// field and, for a province, the communes ranked by the Decision 766 index. Every figure and bar opens the
// dossiers (or the index) behind it.
import { useMemo } from 'react';
import { Col, Row, Table } from 'antd';
import { ErrorState, LinkButton, PageTitle } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { navigate } from '../../../router';
import { useApi } from '../../../useApi';
import type { ChartOption } from '../../../components/EChart';
import { drillPath, num, pct, type RankingRow, type Ranking, type Satisfaction, type ServiceIndex, type Summary, type Trend } from './model';
import { ReportFilters, useScope } from './ReportFilters';
import { CHART_COLOURS, ChartWithTable, CountLink, Figure } from './parts';

/** The first day of the month five months before `to`: the trend shows at least six months. */
function trendFrom(from: string, to: string): string {
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7)) - 5;
  const start = m >= 1 ? `${y}-${String(m).padStart(2, '0')}-01` : `${y - 1}-${String(m + 12).padStart(2, '0')}-01`;
  return start < from ? start : from;
}

export default function Dashboard() {
  const { t, m, lang } = useI18n();
  const scope = useScope();
  const q = { unit: scope.unit, from: scope.from, to: scope.to };
  const ready = scope.unit ? true : false;
  const summary = useApi<Summary>(ready ? '/api/reports/summary' : null, { ...q, by: 'none' });
  const byField = useApi<Summary>(ready ? '/api/reports/summary' : null, { ...q, by: 'field' });
  const trendStart = trendFrom(scope.from, scope.to);
  const trend = useApi<Trend>(ready ? '/api/reports/trend' : null, { unit: scope.unit, from: trendStart, to: scope.to, interval: 'month' });
  const satisfaction = useApi<Satisfaction>(ready ? '/api/satisfaction' : null, { ...q, by: 'field' });
  const index = useApi<ServiceIndex>(ready ? '/api/service-index' : null, q);
  const ranking = useApi<Ranking>(scope.isProvince ? '/api/service-index/ranking' : null, { province: scope.unit, from: scope.from, to: scope.to });
  const periodQuery = `period=${scope.preset}${scope.preset === 'custom' ? `&from=${scope.from}&to=${scope.to}` : ''}`;
  const drill = (metric: string, extra: Record<string, string> = {}) => drillPath({ ...q, metric, ...extra });
  const indexPath = (unit: string) => `/can-bo/bao-cao/chi-so-766?unit=${unit}&${periodQuery}`;

  const total = summary.data?.total;
  const trendOption = useMemo<ChartOption>(() => {
    const pts = trend.data?.points ?? [];
    return {
      color: CHART_COLOURS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: pts.map((p) => p.period) },
      yAxis: [
        { type: 'value', name: t('rep.chart.dossiers'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { type: 'bar', name: t('rep.col.receivedNew'), data: pts.map((p) => p.receivedNew) },
        { type: 'bar', name: t('rep.resolved'), data: pts.map((p) => p.resolvedEarly + p.resolvedOnTime + p.resolvedLate) },
        { type: 'line', name: t('rep.col.onTimeRate'), yAxisIndex: 1, data: pts.map((p) => (p.onTimeRate === null ? null : Math.round(p.onTimeRate * 1000) / 10)) },
      ],
    };
  }, [trend.data, t]);
  const monthRange = (period: string) => {
    const [y, mo] = period.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    return { from: `${period.slice(0, 7)}-01`, to: `${period.slice(0, 7)}-${String(last).padStart(2, '0')}` };
  };

  const fieldRows = byField.data?.rows ?? [];
  const fieldOption = useMemo<ChartOption>(
    () => ({
      color: CHART_COLOURS,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 200, right: 24, top: 40, bottom: 24 },
      yAxis: { type: 'category', data: fieldRows.map((r) => m(r.label)), inverse: true, axisLabel: { width: 190, overflow: 'truncate' } },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('rep.col.receivedNew'), data: fieldRows.map((r) => r.counts.receivedNew) },
        { type: 'bar', name: t('rep.resolved'), data: fieldRows.map((r) => r.counts.resolved) },
        { type: 'bar', name: t('rep.col.resolvedLate'), data: fieldRows.map((r) => r.counts.resolvedLate) },
      ],
    }),
    [fieldRows, m, t],
  );
  const fieldMetrics = ['receivedNew', 'resolved', 'resolvedLate'];

  const rankRows = ranking.data?.rows ?? [];
  const rankOption = useMemo<ChartOption>(
    () => ({
      color: CHART_COLOURS,
      tooltip: { trigger: 'axis' },
      grid: { left: 180, right: 40, top: 16, bottom: 24 },
      yAxis: { type: 'category', data: rankRows.map((r) => r.unit.name), inverse: true },
      xAxis: { type: 'value', max: 100 },
      series: [{ type: 'bar', name: t('rep.index.total'), data: rankRows.map((r) => r.total), label: { show: true, position: 'right' } }],
    }),
    [rankRows, t],
  );

  const error = summary.error;
  return (
    <>
      <PageTitle title={t('rep.dashboard.title')} extra={<LinkButton to={`/can-bo/bao-cao/dinh-ky?unit=${scope.unit}&${periodQuery}`}>{t('rep.periodic.title')}</LinkButton>} />
      <ReportFilters scope={scope} />
      {error ? (
        <ErrorState error={error} onRetry={summary.reload} />
      ) : (
        <>
          <section aria-labelledby="figures-title" className="section">
            <h2 id="figures-title" className="sr-only">
              {t('rep.figures')}
            </h2>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={8} xl={4}>
                <Figure title={t('rep.fig.received')} value={total ? num(total.received, lang) : '…'} to={drill('receivedNew')} testId="fig-received" hint={total ? t('rep.fig.receivedHint', { n: num(total.carriedOver, lang) }) : undefined} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Figure title={t('rep.resolved')} value={total ? num(total.resolved, lang) : '…'} to={drill('resolved')} testId="fig-resolved" />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Figure title={t('rep.col.onTimeRate')} value={total ? pct(total.onTimeRate, lang) : '…'} to={drill('resolvedLate')} testId="fig-on-time" hint={t('rep.fig.onTimeHint')} />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Figure title={t('rep.col.inProgressLate')} value={total ? num(total.inProgressLate, lang) : '…'} to={drill('inProgressLate')} testId="fig-late" />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Figure
                  title={t('rep.fig.satisfaction')}
                  value={satisfaction.data ? pct(satisfaction.data.rate, lang) : satisfaction.error ? '—' : '…'}
                  to={`/can-bo/bao-cao/hai-long?unit=${scope.unit}&${periodQuery}`}
                  testId="fig-satisfaction"
                  hint={satisfaction.data ? t('rep.fig.rated', { n: num(satisfaction.data.rated, lang) }) : undefined}
                />
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Figure title={t('rep.fig.index')} value={index.data ? `${num(index.data.total, lang, 2)} / 100` : index.error ? '—' : '…'} to={indexPath(scope.unit)} testId="fig-index" />
              </Col>
            </Row>
          </section>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={12}>
              <ChartWithTable
                title={t('rep.chart.trend')}
                option={trendOption}
                testId="chart-trend"
                onClick={(e) => {
                  const p = trend.data?.points[e.dataIndex];
                  if (!p) return;
                  const metric = e.seriesIndex === 0 ? 'receivedNew' : e.seriesIndex === 1 ? 'resolved' : 'resolvedLate';
                  navigate(drillPath({ unit: scope.unit, ...monthRange(p.period), metric }));
                }}
                table={
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="period"
                    caption={t('rep.chart.trend')}
                    dataSource={trend.data?.points ?? []}
                    columns={[
                      { title: t('rep.month'), dataIndex: 'period' },
                      { title: t('rep.col.receivedNew'), render: (_: unknown, p) => <CountLink n={p.receivedNew} to={drillPath({ unit: scope.unit, ...monthRange(p.period), metric: 'receivedNew' })} /> },
                      { title: t('rep.resolved'), render: (_: unknown, p) => <CountLink n={p.resolvedEarly + p.resolvedOnTime + p.resolvedLate} to={drillPath({ unit: scope.unit, ...monthRange(p.period), metric: 'resolved' })} /> },
                      { title: t('rep.col.onTimeRate'), render: (_: unknown, p) => pct(p.onTimeRate, lang) },
                    ]}
                  />
                }
              />
            </Col>
            <Col xs={24} xl={12}>
              <ChartWithTable
                title={t('rep.chart.byField')}
                option={fieldOption}
                height={Math.max(240, 60 + fieldRows.length * 42)}
                testId="chart-field"
                onClick={(e) => {
                  const r = fieldRows[e.dataIndex];
                  if (r) navigate(drill(fieldMetrics[e.seriesIndex ?? 0] ?? 'receivedNew', { field: r.key }));
                }}
                table={
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="key"
                    caption={t('rep.chart.byField')}
                    dataSource={fieldRows}
                    columns={[
                      { title: t('rep.by.field'), render: (_: unknown, r) => m(r.label) },
                      { title: t('rep.col.receivedNew'), render: (_: unknown, r) => <CountLink n={r.counts.receivedNew} to={drill('receivedNew', { field: r.key })} /> },
                      { title: t('rep.resolved'), render: (_: unknown, r) => <CountLink n={r.counts.resolved} to={drill('resolved', { field: r.key })} /> },
                      { title: t('rep.col.resolvedLate'), render: (_: unknown, r) => <CountLink n={r.counts.resolvedLate} to={drill('resolvedLate', { field: r.key })} /> },
                    ]}
                  />
                }
              />
            </Col>
          </Row>
          {scope.isProvince ? (
            ranking.error ? (
              <ErrorState error={ranking.error} onRetry={ranking.reload} />
            ) : (
              <ChartWithTable
                title={t('rep.chart.ranking')}
                option={rankOption}
                height={Math.max(240, 40 + rankRows.length * 28)}
                testId="chart-ranking"
                onClick={(e) => {
                  const r = rankRows[e.dataIndex];
                  if (r) navigate(indexPath(r.unit.code));
                }}
                table={
                  <Table<RankingRow>
                    size="small"
                    pagination={false}
                    rowKey={(r) => r.unit.code}
                    caption={t('rep.chart.ranking')}
                    dataSource={rankRows}
                    columns={[
                      { title: t('rep.rank'), dataIndex: 'rank', width: 80 },
                      { title: t('rep.commune'), render: (_: unknown, r) => <a href={indexPath(r.unit.code)} onClick={(ev) => { ev.preventDefault(); navigate(indexPath(r.unit.code)); }}>{r.unit.name}</a> },
                      { title: t('rep.index.total'), render: (_: unknown, r) => num(r.total, lang, 2) },
                    ]}
                  />
                }
              />
            )
          ) : null}
          {scope.isProvince ? (
            <p>
              <LinkButton to={`/can-bo/bao-cao/chi-so-766?unit=${scope.unit}&${periodQuery}`} type="primary">
                {t('rep.index.openRanking')}
              </LinkButton>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
