// Đào tạo, bồi dưỡng: the programmes, the unit's classes of a year (an admin opens a class with its sessions
// and tests), and the training report (classes held, officials trained, hours per official) with its XLSX;
// a province viewer sees the report per commune, without names.
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Row, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDate, todayVn } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link } from '../../../router';
import { useSession } from '../../../session';
import { useApi, type Loaded } from '../../../useApi';
import { CAP_ADMINS, num, xlsxUrl, type ClassRow, type Programme, type TrainingReport } from './model';
import { EmptyHint, Section } from './people/parts';
import { ClassModal, ProgrammeModal } from './people/training-forms';
import { UnitPicker, useCapacityUnit, YearPicker } from './people/unit';

export default function Training() {
  const { t } = useI18n();
  const unit = useCapacityUnit({ aggregate: true });
  const session = useSession();
  const year = Number(unit.search.year) || Number(todayVn().slice(0, 4));
  const canEdit = session.unitsWith(...CAP_ADMINS).some((u) => u.code === unit.code);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const report = useApi<TrainingReport>(unit.code ? '/api/capacity/training-report' : null, { unit: unit.code, from, to });
  return (
    <>
      <PageTitle title={t('cp.tr.title')} />
      <Card className="section" size="small">
        <Form layout="inline">
          <UnitPicker unit={unit} />
          <YearPicker year={year} onChange={(y) => unit.setSearch({ year: y })} />
        </Form>
      </Card>
      {unit.named ? <Classes unitCode={unit.code} year={year} canEdit={canEdit} /> : null}
      <Report report={report} unitCode={unit.code} from={from} to={to} year={year} />
      <Programmes unitCode={unit.code} canEdit={canEdit} />
    </>
  );
}

function Classes({ unitCode, year, canEdit }: { unitCode: string; year: number; canEdit: boolean }) {
  const { t } = useI18n();
  const list = useApi<{ items: ClassRow[] }>('/api/capacity/classes', { unit: unitCode, year });
  const [creating, setCreating] = useState(false);
  const columns: ColumnsType<ClassRow> = [
    {
      title: t('cp.col.class'),
      render: (_: unknown, c) => (
        <>
          <Link to={`/can-bo/nang-luc/dao-tao/lop/${c.id}`}>{c.name}</Link>
          <span className="cap-row-sub">{c.code}</span>
        </>
      ),
    },
    { title: t('cp.col.programme'), render: (_: unknown, c) => c.programme.name },
    { title: t('cp.col.dates'), render: (_: unknown, c) => `${fmtDate(c.startsOn)} – ${fmtDate(c.endsOn)}` },
    { title: t('cp.col.trainer'), dataIndex: 'trainer' },
    { title: t('cp.col.place'), render: (_: unknown, c) => (c.online ? t('cp.tr.online') : (c.place ?? '—')) },
    { title: t('cp.col.status'), render: (_: unknown, c) => t(`cp.classStatus.${c.status}` as Key) },
    { title: t('cp.col.enrolled'), dataIndex: 'enrolled', align: 'right' },
    { title: t('cp.col.passed'), dataIndex: 'passed', align: 'right' },
    { title: t('cp.col.hours'), align: 'right', render: (_: unknown, c) => num(c.hours, 'vi', 1) },
  ];
  return (
    <Section
      title={t('cp.tr.classes', { year })}
      testId="tr-classes"
      extra={
        canEdit ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="tr-new-class">
            {t('cp.tr.newClass')}
          </Button>
        ) : null
      }
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<ClassRow>
          rowKey="id"
          size="small"
          pagination={false}
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <EmptyHint text={canEdit ? t('cp.tr.noClassesAdmin', { year }) : t('cp.tr.noClasses', { year })} /> }}
        />
      )}
      {creating ? <ClassModal unitCode={unitCode} onClose={() => setCreating(false)} /> : null}
    </Section>
  );
}

function Report({ report, unitCode, from, to, year }: { report: Loaded<TrainingReport>; unitCode: string; from: string; to: string; year: number }) {
  const { t, lang } = useI18n();
  const r = report.data;
  const figure = (title: string, value: string, testId?: string) => (
    <Col xs={12} md={r?.scope === 'unit' ? 4 : 6} key={title}>
      <Card size="small" data-testid={testId}>
        <Statistic title={title} value={value} />
      </Card>
    </Col>
  );
  return (
    <Section
      title={t('cp.tr.report', { year })}
      testId="tr-report"
      extra={
        r ? (
          <Button href={xlsxUrl('/api/capacity/training-report', { unit: unitCode, from, to })} download icon={<DownloadOutlined />} data-testid="tr-report-xlsx">
            {t('cp.downloadXlsx')}
          </Button>
        ) : null
      }
    >
      {report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : !r ? (
        <EmptyHint text={t('app.loading')} />
      ) : (
        <>
          <Row gutter={[12, 12]} className="cap-figures">
            {figure(t('cp.tr.classesHeld'), num(r.classesHeld, lang), 'tr-classes-held')}
            {figure(t('cp.tr.officialsTrained'), num(r.officialsTrained, lang), 'tr-officials-trained')}
            {figure(t('cp.tr.hours'), num(r.hours, lang, 1))}
            {figure(t('cp.tr.hoursPerOfficial'), num(r.hoursPerOfficial, lang, 1))}
            {r.scope === 'unit' ? figure(t('cp.tr.certificates'), num(r.certificates, lang)) : null}
          </Row>
          {r.scope === 'unit' ? (
            <Row gutter={[16, 16]} className="section">
              <Col xs={24} lg={15}>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={r.byOfficial}
                  caption={<span className="cap-caption">{t('cp.tr.byOfficial')}</span>}
                  columns={[
                    { title: t('cp.col.official'), render: (_: unknown, o) => <Link to={`/can-bo/nang-luc/can-bo/${o.id}`}>{o.fullName}</Link> },
                    { title: t('cp.col.classes'), dataIndex: 'classes', align: 'right' },
                    { title: t('cp.col.hours'), align: 'right', render: (_: unknown, o) => num(o.hours, lang, 1) },
                    { title: t('cp.tr.certificates'), dataIndex: 'certificates', align: 'right' },
                  ]}
                  locale={{ emptyText: <EmptyHint text={t('cp.tr.noTrained')} /> }}
                />
              </Col>
              <Col xs={24} lg={9}>
                <Table
                  rowKey="contentGroup"
                  size="small"
                  pagination={false}
                  dataSource={r.byGroup}
                  caption={<span className="cap-caption">{t('cp.tr.byGroup')}</span>}
                  columns={[
                    { title: t('cp.col.contentGroup'), render: (_: unknown, g) => t(`cp.cg.${g.contentGroup}` as Key) },
                    { title: t('cp.col.classes'), dataIndex: 'classes', align: 'right' },
                    { title: t('cp.col.hours'), align: 'right', render: (_: unknown, g) => num(g.hours, lang, 1) },
                  ]}
                  locale={{ emptyText: <span className="muted">{t('cp.tr.noGroups')}</span> }}
                />
              </Col>
            </Row>
          ) : (
            <Table
              className="section"
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={r.communes}
              data-testid="tr-communes"
              caption={<span className="cap-caption">{t('cp.tr.byCommune')}</span>}
              columns={[
                { title: t('cp.col.commune'), dataIndex: 'name' },
                { title: t('cp.tr.classesHeld'), dataIndex: 'classesHeld', align: 'right' },
                { title: t('cp.tr.officialsTrained'), dataIndex: 'officialsTrained', align: 'right' },
                { title: t('cp.tr.hours'), align: 'right', render: (_: unknown, c) => num(c.hours, lang, 1) },
                { title: t('cp.tr.hoursPerOfficial'), align: 'right', render: (_: unknown, c) => num(c.hoursPerOfficial, lang, 1) },
              ]}
              locale={{ emptyText: <EmptyHint text={t('cp.tr.noCommunes')} /> }}
            />
          )}
        </>
      )}
    </Section>
  );
}

function Programmes({ unitCode, canEdit }: { unitCode: string; canEdit: boolean }) {
  const { t, m, lang } = useI18n();
  const list = useApi<{ items: Programme[] }>(unitCode ? '/api/capacity/programmes' : null, { unit: unitCode });
  const [creating, setCreating] = useState(false);
  return (
    <Section
      title={t('cp.tr.programmes')}
      testId="tr-programmes"
      extra={
        canEdit ? (
          <Button onClick={() => setCreating(true)} data-testid="tr-new-programme">
            {t('cp.tr.newProgramme')}
          </Button>
        ) : null
      }
    >
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Programme>
          rowKey="id"
          size="small"
          pagination={false}
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={[
            { title: t('cp.col.code'), dataIndex: 'code' },
            { title: t('cp.col.programme'), render: (_: unknown, p) => p.name },
            { title: t('cp.col.contentGroup'), render: (_: unknown, p) => t(`cp.cg.${p.contentGroup}` as Key) },
            { title: t('cp.col.hours'), align: 'right', render: (_: unknown, p) => num(p.hours, lang, 1) },
            { title: t('cp.tr.validity'), render: (_: unknown, p) => (p.certificateValidMonths ? t('cp.tr.months', { n: p.certificateValidMonths }) : t('cp.cert.noExpiry')) },
            { title: t('cp.tr.raises'), render: (_: unknown, p) => (p.competencies.length ? p.competencies.map((c) => `${m(c.name)} → ${c.level}`).join('; ') : '—') },
          ]}
          locale={{ emptyText: <EmptyHint text={canEdit ? t('cp.tr.noProgrammesAdmin') : t('cp.tr.noProgrammes')} /> }}
        />
      )}
      {creating ? <ProgrammeModal unitCode={unitCode} onClose={() => setCreating(false)} onDone={list.reload} /> : null}
    </Section>
  );
}
