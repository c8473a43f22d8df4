// The impact of a class: its passed trainees' send-back rate in the months before the class against the months
// after it, beside the unit's other officials, as a bar chart and the same figures as a table.
import { useMemo } from 'react';
import { Typography, Table } from 'antd';
import { ErrorState } from '../../../../components/common';
import { EChart, type ChartOption } from '../../../../components/EChart';
import { fmtDate } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { useApi } from '../../../../useApi';
import { num, pct, type Impact, type Rates } from '../model';
import { EmptyHint, Section } from './parts';

interface ImpactRow {
  key: string;
  label: string;
  before: Rates;
  after: Rates;
  strong?: boolean;
}

export function ImpactPanel({ classId }: { classId: number }) {
  const { t, lang } = useI18n();
  const data = useApi<Impact>(`/api/capacity/classes/${classId}/impact`, { months: 3 });
  const i = data.data;
  const option = useMemo<ChartOption | null>(() => {
    if (!i) return null;
    const val = (r: Rates) => (r.sendBackRate === null ? null : Math.round(r.sendBackRate * 1000) / 10);
    const cats = [t('cp.imp.attendees'), t('cp.imp.others')];
    const fmt = (v: unknown) => (typeof v === 'number' ? pct(v / 100, lang) : '—');
    const label = { show: true, position: 'top' as const, formatter: (p: { value?: unknown }) => fmt(p.value) };
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmt(v) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: cats },
      yAxis: { type: 'value', name: '%', min: 0 },
      series: [
        { name: t('cp.imp.before'), type: 'bar', data: [val(i.totals.attendees.before), val(i.totals.others.before)], itemStyle: { color: '#8c8c8c' }, label },
        { name: t('cp.imp.after'), type: 'bar', data: [val(i.totals.attendees.after), val(i.totals.others.after)], itemStyle: { color: '#0b57d0' }, label },
      ],
    };
  }, [i, t, lang]);
  if (data.error) {
    return (
      <Section title={t('cp.imp.title')}>
        <ErrorState error={data.error} onRetry={data.reload} />
      </Section>
    );
  }
  if (!i || !option) {
    return (
      <Section title={t('cp.imp.title')}>
        <EmptyHint text={t('app.loading')} />
      </Section>
    );
  }
  const rows: ImpactRow[] = [
    { key: 'attendees', label: t('cp.imp.attendeesAll'), ...i.totals.attendees, strong: true },
    { key: 'others', label: t('cp.imp.others'), ...i.totals.others, strong: true },
    ...i.attendees.map((a) => ({ key: `a${a.id}`, label: a.fullName, before: a.before, after: a.after })),
  ];
  const change = (r: ImpactRow) => {
    if (r.before.sendBackRate === null || r.after.sendBackRate === null) return '—';
    const d = (r.after.sendBackRate - r.before.sendBackRate) * 100;
    const s = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: 'exceptZero' }).format(d);
    return t('cp.imp.points', { n: s });
  };
  return (
    <Section title={t('cp.imp.title')} testId="cls-impact">
      <Typography.Paragraph type="secondary">
        {t('cp.imp.hint', { bf: fmtDate(i.before.from), bt: fmtDate(i.before.to), af: fmtDate(i.after.from), at: fmtDate(i.after.to) })}
      </Typography.Paragraph>
      <EChart option={option} height={260} label={t('cp.imp.chartLabel')} testId="impact-chart" />
      <Table<ImpactRow>
        className="section"
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="impact-table"
        rowClassName={(r) => (r.strong ? 'cap-strong-row' : '')}
        caption={<span className="cap-caption">{t('cp.imp.tableCaption')}</span>}
        columns={[
          { title: t('cp.imp.who'), render: (_: unknown, r) => r.label },
          { title: t('cp.imp.submittedBefore'), align: 'right', render: (_: unknown, r) => num(r.before.submitted, lang) },
          { title: t('cp.imp.sentBackBefore'), align: 'right', render: (_: unknown, r) => num(r.before.sentBack, lang) },
          { title: t('cp.imp.rateBefore'), align: 'right', render: (_: unknown, r) => pct(r.before.sendBackRate, lang) },
          { title: t('cp.imp.submittedAfter'), align: 'right', render: (_: unknown, r) => num(r.after.submitted, lang) },
          { title: t('cp.imp.sentBackAfter'), align: 'right', render: (_: unknown, r) => num(r.after.sentBack, lang) },
          { title: t('cp.imp.rateAfter'), align: 'right', render: (_: unknown, r) => pct(r.after.sendBackRate, lang) },
          { title: t('cp.imp.change'), align: 'right', render: (_: unknown, r) => change(r) },
          { title: t('cp.imp.onTime'), align: 'right', render: (_: unknown, r) => `${pct(r.before.onTimeRate, lang)} → ${pct(r.after.onTimeRate, lang)}` },
        ]}
      />
      {i.attendees.length ? null : <Typography.Paragraph type="secondary">{t('cp.imp.noAttendees')}</Typography.Paragraph>}
    </Section>
  );
}
