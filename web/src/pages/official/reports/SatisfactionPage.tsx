// Satisfaction with the service for a period: the rate, each criterion's answers, and the officials or fields
// ranked fairly — by the lower bound of a confidence interval, and only once they have enough ratings.
import { Card, Col, Form, Row, Segmented, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Msg } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { downloadUrl, num, pct, type Satisfaction } from './model';
import { Downloads, ReportFilters, useScope } from './ReportFilters';
import { Figure } from './parts';

type Criterion = Satisfaction['criteria'][number];
type RankRow = Satisfaction['ranking'][number];

export default function SatisfactionPage() {
  const { t, m, lang } = useI18n();
  const scope = useScope();
  const by = scope.search.by === 'field' ? 'field' : 'official';
  const q = { unit: scope.unit, from: scope.from, to: scope.to, by };
  const data = useApi<Satisfaction>(scope.unit ? '/api/satisfaction' : null, q);
  const form = useApi<{ levels: Array<{ key: string; name: Msg }> }>('/api/public/rating-criteria');
  const s = data.data;
  const levelKeys = form.data?.levels.map((l) => l.key) ?? [...new Set((s?.criteria ?? []).flatMap((c) => Object.keys(c.counts)))];
  const levelName = (k: string) => {
    const l = form.data?.levels.find((x) => x.key === k);
    return l ? m(l.name) : k;
  };

  const criteriaColumns: ColumnsType<Criterion> = [
    { title: t('rep.sat.criterion'), render: (_: unknown, c) => m(c.name) },
    ...levelKeys.map((k) => ({ title: levelName(k), key: k, align: 'right' as const, render: (_: unknown, c: Criterion) => num(c.counts[k] ?? 0, lang) })),
    { title: t('rep.sat.rate'), align: 'right', render: (_: unknown, c) => pct(c.satisfiedRate, lang) },
  ];
  const rankColumns: ColumnsType<RankRow> = [
    { title: t('rep.rank'), dataIndex: 'rank', width: 110, render: (v: number | null) => (v === null ? <span className="muted">{t('rep.sat.notEnough')}</span> : v) },
    { title: by === 'field' ? t('rep.by.field') : t('rep.by.official'), render: (_: unknown, r) => m(r.label) },
    { title: t('rep.sat.rated'), dataIndex: 'rated', align: 'right' },
    { title: t('rep.sat.satisfied'), dataIndex: 'satisfied', align: 'right' },
    { title: t('rep.sat.rate'), align: 'right', render: (_: unknown, r) => pct(r.rate, lang) },
    { title: t('rep.sat.lowerBound'), align: 'right', render: (_: unknown, r) => pct(r.lowerBound, lang) },
  ];

  return (
    <>
      <PageTitle title={t('rep.sat.title')} />
      <ReportFilters scope={scope}>
        <Form.Item label={t('rep.by')}>
          <Segmented
            aria-label={t('rep.by')}
            value={by}
            onChange={(v) => scope.set({ by: String(v) })}
            options={[
              { value: 'official', label: t('rep.by.official') },
              { value: 'field', label: t('rep.by.field') },
            ]}
          />
        </Form.Item>
      </ReportFilters>
      {data.error ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : (
        <>
          <Row gutter={[12, 12]} className="section">
            <Col xs={12} md={6}>
              <Figure title={t('rep.sat.rate')} value={s ? pct(s.rate, lang) : '…'} testId="sat-rate" />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('rep.sat.rated')} value={s ? num(s.rated, lang) : '…'} />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('rep.sat.satisfied')} value={s ? num(s.satisfied, lang) : '…'} />
            </Col>
            <Col xs={12} md={6}>
              <Figure title={t('rep.sat.minRatings')} value={s ? num(s.minRatings, lang) : '…'} hint={s ? t('rep.sat.confidence', { p: Math.round(s.confidence * 100) }) : undefined} />
            </Col>
          </Row>
          <Card className="section" size="small" title={<h2 className="report-card-title">{t('rep.sat.criteria')}</h2>}>
            <Table<Criterion> rowKey="key" size="small" pagination={false} loading={data.loading} columns={criteriaColumns} dataSource={s?.criteria ?? []} caption={<span className="sr-only">{t('rep.sat.criteria')}</span>} />
          </Card>
          <Card className="section" size="small" title={<h2 className="report-card-title">{by === 'field' ? t('rep.sat.rankingField') : t('rep.sat.rankingOfficial')}</h2>}>
            <Downloads links={[{ href: downloadUrl('/api/satisfaction', q, 'xlsx'), label: t('rep.download.xlsx'), testId: 'sat-xlsx' }]} />
            <Table<RankRow>
              rowKey="key"
              size="small"
              pagination={false}
              loading={data.loading}
              columns={rankColumns}
              dataSource={s?.ranking ?? []}
              caption={<span className="report-caption">{t('rep.sat.rankingNote', { n: s?.minRatings ?? '…' })}</span>}
              locale={{ emptyText: <span className="muted">{t('rep.empty')}</span> }}
            />
          </Card>
        </>
      )}
    </>
  );
}
