// The Decision 766 service index of a unit for a period: the total out of 100, each group with its maximum and
// score, each metric with its formula beside the figure and the inputs it was computed from. For a province,
// the ranking of all its communes (XLSX too); a commune opens its own index, and the progress metric opens
// the late dossiers behind it.
import { Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { Link } from '../../../router';
import { useApi } from '../../../useApi';
import { fmtDate } from '../../../format';
import { downloadUrl, drillPath, num, pct, type IndexMetric, type Ranking, type RankingRow, type ServiceIndex as Index } from './model';
import { Downloads, ReportFilters, useScope } from './ReportFilters';
import { ScoreBar, KeyboardScroll } from './parts';

export default function ServiceIndex() {
  const { t, m, lang } = useI18n();
  // Input names the dictionary knows are shown in words; a new one shows its key until it is added.
  const inputLabel = (k: string) => {
    const label = t(`rep.input.${k}` as never);
    return label === `rep.input.${k}` ? k : label;
  };
  const scope = useScope();
  const q = { unit: scope.unit, from: scope.from, to: scope.to };
  const index = useApi<Index>(scope.unit ? '/api/service-index' : null, q);
  const ranking = useApi<Ranking>(scope.isProvince ? '/api/service-index/ranking' : null, { province: scope.unit, from: scope.from, to: scope.to });
  const periodQuery = `period=${scope.preset}${scope.preset === 'custom' ? `&from=${scope.from}&to=${scope.to}` : ''}`;
  const unitPath = (code: string) => `/can-bo/bao-cao/chi-so-766?unit=${code}&${periodQuery}`;
  const groups = index.data?.groups ?? [];

  const metricColumns: ColumnsType<IndexMetric> = [
    { title: t('rep.index.metric'), render: (_: unknown, x) => <strong>{m(x.name)}</strong>, width: 260 },
    {
      title: t('rep.index.score'),
      width: 130,
      align: 'right',
      render: (_: unknown, x) => (
        <span data-testid={`metric-${x.key}`}>
          {num(x.score, lang, 2)} / {num(x.max, lang)}
        </span>
      ),
    },
    { title: t('rep.index.rate'), width: 90, align: 'right', render: (_: unknown, x) => pct(x.rate, lang) },
    { title: t('rep.index.formula'), render: (_: unknown, x) => <span className="report-formula">{m(x.formula)}</span> },
    {
      title: t('rep.index.inputs'),
      render: (_: unknown, x) => (
        <Space size={[4, 4]} wrap>
          {Object.entries(x.inputs).map(([k, v]) => (
            <Tag key={k} title={k}>
              {inputLabel(k)}: <span className="mono">{num(v, lang, Number.isInteger(v) ? 0 : 2)}</span>
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('rep.index.dossiers'),
      width: 150,
      render: (_: unknown, x) =>
        x.drill ? (
          <Link to={drillPath({ ...q, metric: x.drill.metric, ...(x.drill.params ?? {}) })} data-testid={`drill-${x.key}`}>
            {t('rep.index.openDossiers')}
          </Link>
        ) : null,
    },
  ];

  const groupKeys = ranking.data?.rows[0] ? Object.keys(ranking.data.rows[0].groups) : groups.map((g) => g.key);
  const groupName = (k: string) => {
    const g = groups.find((x) => x.key === k);
    return g ? m(g.name) : k;
  };
  const rankColumns: ColumnsType<RankingRow> = [
    { title: t('rep.rank'), dataIndex: 'rank', width: 70, align: 'right' },
    {
      title: t('rep.commune'),
      render: (_: unknown, r) => (
        <Link to={unitPath(r.unit.code)} data-testid="ranking-commune">
          {r.unit.name}
        </Link>
      ),
    },
    { title: t('rep.index.total'), align: 'right', render: (_: unknown, r) => <span data-testid="ranking-total">{num(r.total, lang, 2)}</span> },
    ...groupKeys.map((k) => ({ title: groupName(k), key: k, align: 'right' as const, render: (_: unknown, r: RankingRow) => num(r.groups[k] ?? 0, lang, 2) })),
    { title: t('rep.col.received'), dataIndex: 'received', align: 'right', render: (v: number) => num(v, lang) },
    { title: t('rep.col.onTimeRate'), align: 'right', render: (_: unknown, r) => pct(r.onTimeRate, lang) },
  ];

  return (
    <>
      <PageTitle title={t('rep.index.title')} />
      <ReportFilters scope={scope} />
      {index.error ? (
        <ErrorState error={index.error} onRetry={index.reload} />
      ) : (
        <>
          <Card className="section" size="small" loading={index.loading && !index.data}>
            <Row gutter={[24, 12]} align="middle">
              <Col xs={24} md={8}>
                <Typography.Title level={2} className="report-index-total">
                  {index.data?.unit.name ?? scope.unitName}
                </Typography.Title>
                <div className="report-big" data-testid="index-total">
                  {index.data ? num(index.data.total, lang, 2) : '…'}
                  <span className="muted"> / {num(index.data?.max ?? 100, lang)}</span>
                </div>
                <Typography.Text type="secondary">
                  {fmtDate(scope.from)} – {fmtDate(scope.to)}
                </Typography.Text>
              </Col>
              <Col xs={24} md={16}>
                <Descriptions size="small" column={1} bordered>
                  {groups.map((g) => (
                    <Descriptions.Item key={g.key} label={m(g.name)}>
                      <ScoreBar score={g.score} max={g.max} label={`${m(g.name)}: ${num(g.score, lang, 2)} / ${num(g.max, lang)}`} />
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Col>
            </Row>
          </Card>
          {groups.map((g) => (
            <Card key={g.key} className="section" size="small" title={<h2 className="report-card-title">{`${m(g.name)} — ${num(g.score, lang, 2)} / ${num(g.max, lang)}`}</h2>}>
              <KeyboardScroll label={m(g.name)}>
                <Table<IndexMetric> rowKey="key" size="small" pagination={false} columns={metricColumns} dataSource={g.metrics} caption={<span className="sr-only">{m(g.name)}</span>} scroll={{ x: 1000 }} />
              </KeyboardScroll>
            </Card>
          ))}
        </>
      )}
      {scope.isProvince ? (
        ranking.error ? (
          <ErrorState error={ranking.error} onRetry={ranking.reload} />
        ) : (
          <Card className="section" size="small" title={<h2 className="report-card-title">{t('rep.index.ranking')}</h2>}>
            <Downloads links={[{ href: downloadUrl('/api/service-index/ranking', { province: scope.unit, from: scope.from, to: scope.to }, 'xlsx'), label: t('rep.download.xlsx'), testId: 'ranking-xlsx' }]} />
            <KeyboardScroll label={t('rep.index.ranking')}>
              <Table<RankingRow>
                rowKey={(r) => r.unit.code}
                size="small"
                loading={ranking.loading}
                columns={rankColumns}
                dataSource={ranking.data?.rows ?? []}
                pagination={false}
                scroll={{ x: 1000 }}
                caption={<span className="report-caption">{t('rep.index.rankingCaption', { province: ranking.data?.province.name ?? scope.unitName, from: fmtDate(scope.from), to: fmtDate(scope.to) })}</span>}
                data-testid="ranking-table"
              />
            </KeyboardScroll>
          </Card>
        )
      ) : null}
    </>
  );
}
