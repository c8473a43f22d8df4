// Khoảng trống năng lực: for a commune leader, the heat map of officials × competencies (required against
// held, the number in every cell), the summary per position, the fields with fewer than two competent
// officials, and "who can cover this field if X is away"; for a province viewer, the same as counts per commune.
import { Alert, Button, Card, Col, Form, Row, Select, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ErrorState, Loading, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { Link } from '../../../router';
import { useApi } from '../../../useApi';
import { num, pct, xlsxUrl, type Competency, type Cover, type Gaps as GapsData, type GapsAggregate, type GapsUnit } from './model';
import { EmptyHint, GapLegend, gapClass, LevelText, Section } from './people/parts';
import { UnitPicker, useCapacityUnit, type CapUnit } from './people/unit';

export default function Gaps() {
  const { t } = useI18n();
  const unit = useCapacityUnit({ aggregate: true });
  const data = useApi<GapsData>(unit.code ? '/api/capacity/gaps' : null, { unit: unit.code });
  const g = data.data;
  return (
    <>
      <PageTitle title={t('cp.gaps.title')} />
      <Card className="section" size="small">
        <Form layout="inline">
          <UnitPicker unit={unit} />
          {g?.scope === 'unit' ? (
            <Form.Item>
              <Button href={xlsxUrl('/api/capacity/gaps', { unit: unit.code })} download icon={<DownloadOutlined />} data-testid="gaps-xlsx">
                {t('cp.downloadXlsx')}
              </Button>
            </Form.Item>
          ) : null}
        </Form>
      </Card>
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : !g ? <Loading /> : g.scope === 'unit' ? <UnitGaps g={g} unit={unit} /> : <AggregateGaps g={g} />}
    </>
  );
}

function Figures({ items }: { items: Array<{ title: string; value: string; testId?: string }> }) {
  return (
    <Row gutter={[12, 12]} className="section cap-figures">
      {items.map((f) => (
        <Col xs={12} md={6} key={f.title}>
          <Card size="small" data-testid={f.testId}>
            <Statistic title={f.title} value={f.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function UnitGaps({ g, unit }: { g: GapsUnit; unit: CapUnit }) {
  const { t, m, lang } = useI18n();
  const riskIds = new Set(g.risks.map((r) => r.competencyId));
  return (
    <>
      <Figures
        items={[
          { title: t('cp.gaps.officials'), value: num(g.summary.officials, lang), testId: 'gaps-officials' },
          { title: t('cp.gaps.withGap'), value: num(g.summary.withGap, lang), testId: 'gaps-with-gap' },
          { title: t('cp.gaps.gapCells'), value: num(g.summary.gapCells, lang) },
          { title: t('cp.gaps.riskFields'), value: num(g.summary.riskFields, lang), testId: 'gaps-risk-count' },
        ]}
      />
      {g.risks.length ? (
        <Alert
          className="section cap-alert"
          type="warning"
          showIcon
          data-testid="gaps-risks"
          title={t('cp.gaps.risks', { n: g.risks.length })}
          description={
            <>
              <ul className="cap-plain-list">
                {g.risks.map((r) => (
                  <li key={r.competencyId}>
                    <strong>{r.field ?? m(r.name)}</strong>: {t('cp.gaps.riskLine', { n: r.competent })}{' '}
                    {r.officials.length
                      ? t('cp.gaps.riskWho', { list: r.officials.map((o) => `${o.fullName} (${t('cp.levelN', { n: o.level })})`).join(', ') })
                      : t('cp.gaps.riskNobody')}
                  </li>
                ))}
              </ul>
              <div className="muted" style={{ marginTop: 4 }}>{t('cp.gaps.risksHint')}</div>
            </>
          }
        />
      ) : null}
      <CoverFinder g={g} unit={unit} />
      <Section title={t('cp.gaps.heat')} testId="gaps-heat">
        <Typography.Paragraph type="secondary">{t('cp.gaps.heatHint')}</Typography.Paragraph>
        <GapLegend />
        {g.officials.length && g.competencies.length ? (
          <div className="cap-heat-wrap" tabIndex={0} role="region" aria-label={t('cp.gaps.heat')}>
            <table className="cap-heat" data-testid="heat-table">
              <caption>{t('cp.gaps.heatCaption', { unit: g.unit.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cp.gaps.officialPosition')}</th>
                  {g.competencies.map((c) => (
                    <th scope="col" key={c.id}>
                      {m(c.name)}
                      {riskIds.has(c.id) ? (
                        <>
                          <br />
                          <span className="cap-tag cap-gap-big">{t('cp.gaps.risk')}</span>
                        </>
                      ) : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {g.officials.map((o) => {
                  const cells = new Map(o.cells.map((c) => [c.competencyId, c]));
                  return (
                    <tr key={o.id}>
                      <th scope="row">
                        <Link to={`/can-bo/nang-luc/can-bo/${o.id}`}>{o.fullName}</Link>
                        <span className="cap-row-sub">{o.position?.name ?? t('cp.pos.unassigned')}</span>
                      </th>
                      {g.competencies.map((c) => {
                        const cell = cells.get(c.id);
                        if (!cell) return <td key={c.id} className="cap-gap-none">—</td>;
                        const cls = gapClass(cell.required, cell.gap);
                        return (
                          <td key={c.id} className={`cap-gap-${cls}`}>
                            {cell.required === null ? (
                              <span>{cell.held > 0 ? cell.held : '—'}</span>
                            ) : (
                              <span>
                                {cell.held} / {cell.required}
                              </span>
                            )}
                            {cell.gap > 0 ? <span className="cap-cell-gap">{t('cp.gap.missingShort', { n: cell.gap })}</span> : null}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyHint text={t('cp.gaps.noHeat')} />
        )}
      </Section>
      <Section title={t('cp.gaps.byPosition')} testId="gaps-positions">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={g.positions}
          columns={[
            { title: t('cp.col.position'), dataIndex: 'name' },
            { title: t('cp.col.holders'), dataIndex: 'holders', align: 'right' },
            {
              title: t('cp.gaps.metCol'),
              align: 'right',
              render: (_: unknown, p) => t('cp.gaps.met', { ok: p.competencies.filter((c) => c.withGap === 0).length, all: p.competencies.length }),
            },
            {
              title: t('cp.gaps.shortCol'),
              render: (_: unknown, p) => {
                const short = p.competencies.filter((c) => c.withGap > 0);
                if (!p.competencies.length) return <span className="muted">{t('cp.pos.noFramework')}</span>;
                if (!short.length) return <span className="cap-tag cap-gap-ok">{t('cp.gap.ok')}</span>;
                return (
                  <ul className="cap-plain-list">
                    {short.map((c) => {
                      const comp = g.competencies.find((x) => x.id === c.competencyId);
                      return (
                        <li key={c.competencyId}>
                          {comp ? m(comp.name) : c.competencyId}: {t('cp.gaps.posLine', { required: c.required, min: c.minHeld ?? '—', n: c.withGap })}
                        </li>
                      );
                    })}
                  </ul>
                );
              },
            },
          ]}
          locale={{ emptyText: <EmptyHint text={t('cp.gaps.noPositions')} /> }}
        />
        <div style={{ marginTop: 8 }}>
          <Link to={`/can-bo/nang-luc/vi-tri?unit=${unit.code}`}>{t('cp.gaps.goPositions')}</Link>
        </div>
      </Section>
    </>
  );
}

/** "Who can handle this field's dossiers if X is away": the field, the absent official, then the candidates. */
function CoverFinder({ g, unit }: { g: GapsUnit; unit: CapUnit }) {
  const { t, m, lang } = useI18n();
  const comps = useApi<{ items: Competency[] }>('/api/capacity/competencies', { unit: unit.code });
  const fields = [...new Set((comps.data?.items ?? []).filter((c) => c.kind === 'field' && c.field).map((c) => c.field!))].sort((a, b) => a.localeCompare(b, 'vi'));
  const field = unit.search.field ?? (fields.includes('Đất đai') ? 'Đất đai' : (fields[0] ?? 'Đất đai'));
  const absent = unit.search.absent ? Number(unit.search.absent) : undefined;
  const cover = useApi<Cover>(absent ? '/api/capacity/cover' : null, { unit: unit.code, field, absent });
  const c = cover.data;
  return (
    <Section title={t('cp.cover.title')} testId="cover">
      <Typography.Paragraph type="secondary">{t('cp.cover.hint')}</Typography.Paragraph>
      <Form layout="inline" className="cap-toolbar">
        <Form.Item label={t('cp.cover.field')} htmlFor="cover-field">
          <Select
            id="cover-field"
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 220 }}
            value={field}
            loading={comps.loading}
            onChange={(v: string) => unit.setSearch({ field: v })}
            options={(fields.length ? fields : [field]).map((f) => ({ value: f, label: f }))}
          />
        </Form.Item>
        <Form.Item label={t('cp.cover.absent')} htmlFor="cover-absent">
          <Select
            id="cover-absent"
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 260 }}
            placeholder={t('cp.cover.pickAbsent')}
            value={absent}
            onChange={(v: number) => unit.setSearch({ absent: v })}
            options={g.officials.map((o) => ({ value: o.id, label: o.fullName }))}
          />
        </Form.Item>
      </Form>
      {!absent ? (
        <EmptyHint text={t('cp.cover.choose')} />
      ) : cover.error ? (
        <ErrorState error={cover.error} onRetry={cover.reload} />
      ) : !c ? (
        <EmptyHint text={t('app.loading')} />
      ) : (
        <>
          <Alert className="section cap-alert" type={c.risk ? 'error' : 'info'} showIcon title={m(c.message)} data-testid="cover-message" />
          <Typography.Paragraph>
            {t('cp.cover.absentLevel', { name: c.absent.fullName, competency: m(c.competency.name) })} <LevelText level={c.absent.level} />
          </Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={c.candidates}
            data-testid="cover-candidates"
            caption={<span className="cap-caption">{t('cp.cover.candidates', { field: c.field })}</span>}
            columns={[
              { title: t('cp.col.official'), render: (_: unknown, r) => <Link to={`/can-bo/nang-luc/can-bo/${r.id}`}>{r.fullName}</Link> },
              { title: t('cp.col.position'), render: (_: unknown, r) => r.position?.name ?? '—' },
              { title: t('cp.col.level'), render: (_: unknown, r) => <LevelText level={r.level} /> },
              {
                title: t('cp.cover.competent'),
                render: (_: unknown, r) => <span className={`cap-tag cap-gap-${r.competent ? 'ok' : 'small'}`}>{r.competent ? t('cp.cover.yes') : t('cp.cover.notYet')}</span>,
              },
              { title: t('cp.cover.open'), align: 'right', render: (_: unknown, r) => num(r.openDossiers, lang) },
              { title: t('cp.cover.volume'), align: 'right', render: (_: unknown, r) => num(r.fieldDossiers90d, lang) },
              { title: t('cp.cover.onTime'), align: 'right', render: (_: unknown, r) => pct(r.onTimeRate90d, lang) },
            ]}
            locale={{ emptyText: <EmptyHint text={t('cp.cover.noCandidates')} /> }}
          />
          <Table
            className="section"
            rowKey="dossierId"
            size="small"
            pagination={false}
            dataSource={c.absentOpen}
            data-testid="cover-open"
            caption={<span className="cap-caption">{t('cp.cover.absentOpen', { name: c.absent.fullName, n: c.absentOpen.length })}</span>}
            columns={[
              { title: t('cp.col.dossier'), render: (_: unknown, d) => <Link to={`/can-bo/ho-so/${encodeURIComponent(d.code)}`}>{d.code}</Link> },
              { title: t('cp.col.procedure'), render: (_: unknown, d) => (typeof d.procedure === 'string' ? d.procedure : m(d.procedure)) },
              { title: t('cp.col.due'), render: (_: unknown, d) => fmtDateTime(d.dueAt) },
            ]}
            locale={{ emptyText: <span className="muted">{t('cp.cover.noOpen')}</span> }}
          />
        </>
      )}
    </Section>
  );
}

function AggregateGaps({ g }: { g: GapsAggregate }) {
  const { t, m, lang } = useI18n();
  const total = g.communes.reduce((a, c) => ({ officials: a.officials + c.officials, withGap: a.withGap + c.withGap, riskFields: a.riskFields + c.riskFields }), { officials: 0, withGap: 0, riskFields: 0 });
  return (
    <>
      <Alert className="section cap-alert" type="info" showIcon title={t('cp.gaps.aggregateNote')} />
      <Figures
        items={[
          { title: t('cp.gaps.officials'), value: num(total.officials, lang) },
          { title: t('cp.gaps.withGap'), value: num(total.withGap, lang) },
          { title: t('cp.gaps.riskFields'), value: num(total.riskFields, lang) },
        ]}
      />
      <Section title={t('cp.gaps.byCommune')} testId="gaps-communes">
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={g.communes}
          columns={[
            { title: t('cp.col.commune'), dataIndex: 'name' },
            { title: t('cp.gaps.officials'), dataIndex: 'officials', align: 'right' },
            { title: t('cp.gaps.withGap'), dataIndex: 'withGap', align: 'right' },
            { title: t('cp.gaps.gapCells'), dataIndex: 'gapCells', align: 'right' },
            {
              title: t('cp.gaps.riskFields'),
              align: 'right',
              render: (_: unknown, c) => (c.riskFields > 0 ? <span className="cap-tag cap-gap-big">{num(c.riskFields, lang)}</span> : '0'),
            },
          ]}
          locale={{ emptyText: <EmptyHint text={t('cp.gaps.noCommunes')} /> }}
        />
      </Section>
      <Section title={t('cp.gaps.byCompetency')} testId="gaps-competencies">
        <Table
          rowKey="competencyId"
          size="small"
          pagination={false}
          dataSource={g.competencies}
          columns={[
            { title: t('cp.col.competency'), render: (_: unknown, c) => m(c.name) },
            { title: t('cp.gaps.requiredOf'), dataIndex: 'required', align: 'right' },
            { title: t('cp.gaps.withGapOf'), dataIndex: 'withGap', align: 'right' },
          ]}
          locale={{ emptyText: <EmptyHint text={t('cp.gaps.noCompetencies')} /> }}
        />
      </Section>
    </>
  );
}
