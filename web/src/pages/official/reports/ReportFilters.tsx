// The unit and period every report page is about, kept in the address (so a link opens the same report): a
// leader sees their own unit; a province viewer chooses the province or one of its communes.
import type { ReactNode } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n, type Key } from '../../../i18n';
import { useSearch } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { fmtDate } from '../../../format';
import { PRESETS, presetRange, REPORT_ROLES, type Preset, type UnitRef } from './model';
import type { Role } from '../../../types';
import './reports.css';

export interface Scope {
  unit: string;
  unitName: string;
  /** The chosen unit is a province (all its communes). */
  isProvince: boolean;
  /** The province the person may rank, when they view a province. */
  province: UnitRef | null;
  from: string;
  to: string;
  preset: Preset;
  search: Record<string, string>;
  set(changes: Record<string, string | number | undefined | null>): void;
  units: UnitRef[];
}

/** The unit and period from the address, with defaults: the person's first unit, this month. */
export function useScope(roles: Role[] = REPORT_ROLES): Scope {
  const session = useSession();
  const [search, setSearch] = useSearch();
  const granted = session.unitsWith(...roles);
  const province = granted.find((u) => /^\d{2}$/.test(u.code)) ?? null;
  const communes = useApi<{ units: UnitRef[] }>(province ? '/api/units' : null, province ? { province: province.code, limit: 500 } : undefined);
  const units: UnitRef[] = [
    ...granted.map((u) => ({ ...u, kind: /^\d{2}$/.test(u.code) ? 'province' : 'commune' })),
    ...(communes.data?.units ?? []).filter((u) => u.kind !== 'province' && !granted.some((g) => g.code === u.code)).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  ];
  const unit = search.unit && units.some((u) => u.code === search.unit) ? search.unit : (search.unit ?? granted[0]?.code ?? '');
  const preset: Preset = PRESETS.includes(search.period as Preset) ? (search.period as Preset) : search.from && search.to ? 'custom' : 'thisMonth';
  const range = preset === 'custom' ? { from: search.from ?? presetRange('thisMonth').from, to: search.to ?? presetRange('thisMonth').to } : presetRange(preset);
  return {
    unit,
    unitName: units.find((u) => u.code === unit)?.name ?? unit,
    isProvince: /^\d{2}$/.test(unit),
    province,
    from: range.from,
    to: range.to,
    preset,
    search,
    set: (changes) => setSearch(changes),
    units,
  };
}

/**
 * The filter card: unit, period preset, the dates of a custom period, and a page's own filters. Pages about "now"
 * or one month (workload, appraisal) leave the period out.
 */
export function ReportFilters({ scope, children, period = true }: { scope: Scope; children?: ReactNode; period?: boolean }) {
  const { t } = useI18n();
  return (
    <Card className="section report-filters" size="small">
      <Form layout="inline" className="filters">
        {scope.units.length > 1 ? (
          <Form.Item label={t('rep.unit')} htmlFor="report-unit">
            <Select
              id="report-unit"
              showSearch
              optionFilterProp="label"
              style={{ minWidth: 240 }}
              value={scope.unit}
              onChange={(v: string) => scope.set({ unit: v })}
              options={scope.units.map((u) => ({ value: u.code, label: u.kind === 'province' ? `${u.name} (${t('rep.wholeProvince')})` : u.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item label={t('rep.unit')}>
            <Typography.Text strong data-testid="report-unit">
              {scope.unitName}
            </Typography.Text>
          </Form.Item>
        )}
        {period ? <PeriodFields scope={scope} /> : null}
        {children}
      </Form>
    </Card>
  );
}

/** The period preset and, for a custom period, its dates; otherwise the dates the preset means. */
function PeriodFields({ scope }: { scope: Scope }) {
  const { t } = useI18n();
  const range: [Dayjs, Dayjs] = [dayjs(scope.from), dayjs(scope.to)];
  return (
    <>
      <Form.Item label={t('rep.period')}>
        <Segmented<Preset>
          aria-label={t('rep.period')}
          value={scope.preset}
          onChange={(p) => (p === 'custom' ? scope.set({ period: 'custom', from: scope.from, to: scope.to }) : scope.set({ period: p, from: undefined, to: undefined }))}
          options={PRESETS.map((p) => ({ value: p, label: t(`rep.preset.${p}` as Key) }))}
        />
      </Form.Item>
      {scope.preset === 'custom' ? (
        <Form.Item label={t('rep.dates')}>
          <DatePicker.RangePicker
            value={range}
            format="DD/MM/YYYY"
            allowClear={false}
            aria-label={t('rep.dates')}
            onChange={(v) => v?.[0] && v[1] && scope.set({ period: 'custom', from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
          />
        </Form.Item>
      ) : (
        <Form.Item>
          <Typography.Text type="secondary" data-testid="report-dates">
            {fmtDate(scope.from)} – {fmtDate(scope.to)}
          </Typography.Text>
        </Form.Item>
      )}
    </>
  );
}

/** Download buttons as plain links: the browser saves what the server sends. */
export function Downloads({ links }: { links: Array<{ href: string; label: string; testId?: string }> }) {
  return (
    <Space wrap>
      {links.map((l) => (
        <Button key={l.href} href={l.href} download icon={<DownloadOutlined />} data-testid={l.testId}>
          {l.label}
        </Button>
      ))}
    </Space>
  );
}
