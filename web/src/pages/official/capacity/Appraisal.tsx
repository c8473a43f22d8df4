// The appraisal feed (issue 6 item 8, Decree 335/2025): for one month, each official's dossier work as
// quantity, quality and timeliness figures and a score, downloadable as CSV and XLSX for the province's scoring
// software. The late and sent-back figures open the dossiers behind them, where a leader records an objective
// cause that excuses a dossier. An official sees only their own row.
import { useState } from 'react';
import { Alert, Card, DatePicker, Form, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import { todayVn } from '../../../format';
import { num } from '../reports/model';
import { KeyboardScroll } from '../reports/parts';
import { Downloads, ReportFilters } from '../reports/ReportFilters';
import { fmtMonth, fmtScore, previousMonth, queryString, type Appraisal as AppraisalData, type AppraisalFlag, type AppraisalRow } from './work-model';
import { AppraisalDrawer, type AppraisalDrill } from './work/AppraisalDrawer';
import { FigureButton, useWorkScope } from './work/parts';
import './work/work.css';

export default function Appraisal() {
  const { t, m, lang } = useI18n();
  const scope = useWorkScope();
  const thisMonth = todayVn().slice(0, 7);
  const month = /^\d{4}-\d{2}$/.test(scope.search.month ?? '') && scope.search.month! <= thisMonth ? scope.search.month! : previousMonth(todayVn());
  const q = scope.unit && !scope.isProvince ? { unit: scope.unit, month } : undefined;
  const data = useApi<AppraisalData>(q ? '/api/capacity/appraisal' : null, q);
  const [drill, setDrill] = useState<AppraisalDrill | null>(null);
  const rows = data.data?.rows ?? [];
  const title = scope.isLeader ? t('capw.ap.title') : t('capw.ap.titleMine');

  const open = (r: AppraisalRow, what: string, flag?: AppraisalFlag) =>
    setDrill({ unit: scope.unit, month, official: r.official.id, officialName: r.official.fullName, flag, title: t('capw.ap.drillTitle', { what, name: r.official.fullName, month: fmtMonth(month) }) });
  const pctCell = (v: number | null) => (v === null || v === undefined ? '—' : `${fmtScore(v, lang)}%`);

  const columns: ColumnsType<AppraisalRow> = [
    { title: t('capw.col.official'), key: 'official', fixed: 'left', width: 180, render: (_: unknown, r) => r.official.fullName },
    { title: t('capw.ap.position'), dataIndex: 'position', width: 160, render: (v: string | null) => v ?? '—' },
    {
      title: t('capw.ap.assigned'),
      dataIndex: 'assigned',
      render: (v: number, r) => (
        <FigureButton onOpen={() => open(r, t('capw.ap.assigned'))} disabled={!v} what={t('capw.ap.assigned')} testId="ap-assigned">
          {num(v, lang)}
        </FigureButton>
      ),
    },
    {
      title: t('capw.ap.done'),
      dataIndex: 'done',
      render: (v: number, r) => (
        <FigureButton onOpen={() => open(r, t('capw.ap.done'), 'done')} disabled={!v} what={t('capw.ap.done')} testId="ap-done">
          {num(v, lang)}
        </FigureButton>
      ),
    },
    {
      title: t('capw.ap.converted'),
      key: 'converted',
      render: (_: unknown, r) => (r.assignedWeight === undefined ? num(r.converted, lang, 1) : `${num(r.converted, lang, 1)} / ${num(r.assignedWeight, lang, 1)}`),
    },
    { title: t('capw.ap.quantity'), dataIndex: 'quantity', render: pctCell },
    {
      title: t('capw.ap.quality'),
      key: 'quality',
      width: 140,
      render: (_: unknown, r) => (
        <div>
          {pctCell(r.quality)}
          <div className="capw-sub">
            <FigureButton onOpen={() => open(r, t('capw.ap.sentBack'), 'sent_back')} disabled={!r.sentBack} what={t('capw.ap.quality')} testId="ap-sentback">
              {t('capw.ap.sentBackN', { n: num(r.sentBack, lang) })}
            </FigureButton>
          </div>
        </div>
      ),
    },
    {
      title: t('capw.ap.timeliness'),
      key: 'timeliness',
      width: 140,
      render: (_: unknown, r) => (
        <div>
          {pctCell(r.timeliness)}
          <div className="capw-sub">
            <FigureButton onOpen={() => open(r, t('capw.ap.late'), 'late')} disabled={!r.late} what={t('capw.ap.timeliness')} testId="ap-late">
              {t('capw.ap.lateN', { n: num(r.late, lang) })}
            </FigureButton>
          </div>
        </div>
      ),
    },
    {
      title: t('capw.ap.exempted'),
      dataIndex: 'exempted',
      render: (v: number, r) => (
        <FigureButton onOpen={() => open(r, t('capw.ap.exempted'), 'exempted')} disabled={!v} what={t('capw.ap.exempted')} testId="ap-exempted">
          {num(v, lang)}
        </FigureButton>
      ),
    },
    { title: t('capw.ap.score'), dataIndex: 'score', fixed: 'right', width: 80, render: (v: number | null) => <strong data-testid="ap-score">{fmtScore(v, lang)}</strong> },
  ];

  const download = (format: 'csv' | 'xlsx') => `/api/capacity/appraisal?${queryString({ unit: scope.unit, month, format })}`;

  if (scope.isProvince)
    return (
      <>
        <PageTitle title={t('capw.ap.title')} />
        <Alert type="info" showIcon title={t('capw.ap.provinceNote')} />
      </>
    );
  return (
    <>
      <PageTitle title={title} />
      <ReportFilters scope={scope} period={false}>
        <Form.Item label={t('capw.ap.month')} htmlFor="ap-month">
          <DatePicker
            id="ap-month"
            picker="month"
            format="MM/YYYY"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
            onChange={(d) => d && scope.set({ month: d.format('YYYY-MM') })}
          />
        </Form.Item>
        <Form.Item>
          <Downloads
            links={[
              { href: download('xlsx'), label: t('capw.ap.xlsx'), testId: 'ap-xlsx' },
              { href: download('csv'), label: t('capw.ap.csv'), testId: 'ap-csv' },
            ]}
          />
        </Form.Item>
      </ReportFilters>
      <Alert className="section" type="info" showIcon title={t('capw.ap.intro')} description={
          <>
            <p>{data.data?.rule ? m(data.data.rule) : t('capw.ap.rules')}</p>
            {data.data?.counting ? (
              <details>
                <summary>{t('capw.ap.counting')}</summary>
                {m(data.data.counting)}
              </details>
            ) : null}
          </>
        } />
      {data.error ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : (
        <Card className="section" size="small">
          <KeyboardScroll label={title}>
            <Table<AppraisalRow>
              rowKey={(r) => String(r.official.id)}
              size="small"
              loading={data.loading}
              columns={columns}
              dataSource={rows}
              data-testid="appraisal-table"
              caption={<span className="report-caption">{t('capw.ap.caption', { month: fmtMonth(month), n: num(rows.length, lang) })}</span>}
              locale={{ emptyText: <span className="muted">{scope.isLeader ? t('capw.ap.empty') : t('capw.ap.emptyMine')}</span> }}
              scroll={{ x: 1250 }}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            />
          </KeyboardScroll>
        </Card>
      )}
      <AppraisalDrawer
        query={drill}
        canExempt={scope.isLeader}
        me={scope.me}
        onClose={() => setDrill(null)}
        onChanged={data.reload}
      />
    </>
  );
}
