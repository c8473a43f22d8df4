// The working calendar of a year: national days off and swapped working days, or a unit's own; suggestions
// from the law and the lunar calendar for a year without an official schedule. Saving replaces the year.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, Select, Space, Table } from 'antd';
import { api, type Msg } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDate } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';

type Kind = 'holiday' | 'day_off_in_lieu' | 'day_off' | 'working_day';
interface Day {
  date: string;
  kind: Kind;
  name: string;
  nameEn: string;
  scope?: 'national' | 'unit';
}
const KINDS: Kind[] = ['holiday', 'day_off_in_lieu', 'day_off', 'working_day'];

export default function Calendar() {
  const { t, m, errorText } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const units = session.unitsWith('centre_admin', 'system_admin').filter((u) => /^\d{5}$/.test(u.code));
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [unit, setUnit] = useState<string>(session.has('system_admin') ? '' : (units[0]?.code ?? ''));
  const data = useApi<{ shipped: boolean; days: Day[] }>(`/api/calendar/${year}`, { unit: unit || undefined });
  const [days, setDays] = useState<Day[]>([]);
  const [warnings, setWarnings] = useState<Array<{ date: string; message: Msg }>>([]);
  const [error, setError] = useState<unknown>();
  useEffect(() => setDays((data.data?.days ?? []).filter((d) => (unit ? d.scope === 'unit' : d.scope === 'national'))), [data.data, unit]);
  const canEdit = unit ? true : session.has('system_admin');

  const set = (i: number, patch: Partial<Day>) => setDays((list) => list.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const save = async () => {
    try {
      const r = await api.put<{ warnings: Array<{ date: string; message: Msg }> }>(`/api/calendar/${year}`, {
        ...(unit ? { unit } : {}),
        days: days.map(({ date, kind, name, nameEn }) => ({ date, kind, name, nameEn })),
      });
      setWarnings(r.warnings);
      setError(undefined);
      message.success(t('common.saved'));
      data.reload();
    } catch (e) {
      setError(e);
    }
  };
  const suggest = async () => {
    try {
      const r = await api.get<{ days: Day[] }>(`/api/calendar/${year}/suggestions`);
      setDays(r.days.map(({ date, kind, name, nameEn }) => ({ date, kind, name, nameEn })));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageTitle title={t('calendar.title')} />
      <Card size="small" className="section">
        <Space wrap>
          <label>
            {t('calendar.year')}:{' '}
            <Select value={year} onChange={setYear} style={{ width: 100 }} options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: String(y) }))} />
          </label>
          <label>
            {t('calendar.scope')}:{' '}
            <Select value={unit} onChange={setUnit} style={{ width: 220 }} options={[{ value: '', label: t('calendar.national') }, ...units.map((u) => ({ value: u.code, label: u.name }))]} />
          </label>
          {canEdit && !unit ? <Button onClick={suggest}>{t('calendar.suggest')}</Button> : null}
        </Space>
        {data.data?.shipped && !unit ? <p className="muted">{t('calendar.shipped')}</p> : null}
        {!canEdit ? <p className="muted">{t('calendar.readOnly')}</p> : null}
      </Card>
      {data.error ? <ErrorState error={data.error} /> : null}
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      {warnings.length ? <Alert type="warning" showIcon title={t('calendar.warnings')} description={warnings.map((w) => `${fmtDate(w.date)}: ${m(w.message)}`).join(' · ')} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" className="section">
        <Table<Day>
          rowKey={(d) => `${d.date}-${days.indexOf(d)}`}
          size="small"
          loading={data.loading}
          pagination={false}
          dataSource={days}
          columns={[
            { title: t('calendar.col.date'), width: 150, render: (_, d, i) => (canEdit ? <Input aria-label={t('calendar.col.date')} value={d.date} onChange={(e) => set(i, { date: e.target.value })} /> : fmtDate(d.date)) },
            {
              title: t('calendar.col.kind'),
              width: 230,
              render: (_, d, i) =>
                canEdit ? (
                  <Select aria-label={t('calendar.col.kind')} value={d.kind} style={{ width: 220 }} onChange={(kind: Kind) => set(i, { kind })} options={KINDS.map((k) => ({ value: k, label: t(`calendar.kind.${k}` as Key) }))} />
                ) : (
                  t(`calendar.kind.${d.kind}` as Key)
                ),
            },
            { title: t('calendar.col.name'), render: (_, d, i) => (canEdit ? <Input aria-label={t('calendar.col.name')} value={d.name} onChange={(e) => set(i, { name: e.target.value })} /> : d.name) },
            { title: t('calendar.col.nameEn'), render: (_, d, i) => (canEdit ? <Input aria-label={t('calendar.col.nameEn')} value={d.nameEn} onChange={(e) => set(i, { nameEn: e.target.value })} /> : d.nameEn) },
            {
              title: '',
              width: 60,
              render: (_, d, i) =>
                canEdit ? (
                  <Button size="small" danger aria-label={t('calendar.remove', { date: d.date })} onClick={() => setDays((list) => list.filter((_, j) => j !== i))}>
                    ×
                  </Button>
                ) : null,
            },
          ]}
        />
        {canEdit ? (
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => setDays((list) => [...list, { date: `${year}-01-01`, kind: 'day_off', name: '', nameEn: '' }])}>{t('calendar.add')}</Button>
            <Button type="primary" onClick={save}>
              {t('common.save')}
            </Button>
          </Space>
        ) : null}
      </Card>
    </>
  );
}
