// The inbox of specialists, leaders and the desk: dossiers of mine, my office or the unit, coloured by
// urgency, filtered by status, procedure, field and period, searched by code or applicant. Filters live in
// the address, so a link from the home page or a colleague opens the same list.
import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Segmented, Select, Space, Switch, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ColourTag, ErrorState, PageTitle, usePager } from '../../components/common';
import { useI18n, type Key } from '../../i18n';
import { Link, useSearch } from '../../router';
import { useApi } from '../../useApi';
import { fmtDateTime } from '../../format';
import { STATUSES } from '../../messages/common';
import type { DossierList, DossierListItem } from '../../types';
import { PracticeTag } from './practice/PracticeBanner';

const PAGE_SIZE = 20;
const nextDay = (d: string) => dayjs(d).add(1, 'day').format('YYYY-MM-DD');

export default function Inbox() {
  const { t, m } = useI18n();
  const [search, setSearch] = useSearch();
  const [q, setQ] = useState(search.q ?? '');
  const page = Math.max(1, Number(search.page ?? 1) || 1);
  const fields = useApi<{ fields: Array<{ field: string; count: number }> }>('/api/public/fields');
  const list = useApi<DossierList>('/api/dossiers', {
    scope: search.scope,
    status: search.status,
    procedure: search.procedure,
    field: search.field,
    from: search.from ? `${search.from}T00:00:00+07:00` : undefined,
    to: search.to ? `${nextDay(search.to)}T00:00:00+07:00` : undefined,
    q: search.q,
    colour: search.colour,
    open: search.open,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const pager = usePager(page, PAGE_SIZE, list.data?.total ?? 0, (p) => setSearch({ page: p }, { replace: false }));
  const set = (changes: Record<string, string | undefined>) => setSearch({ ...changes, page: undefined });
  const range: [Dayjs, Dayjs] | null = search.from && search.to ? [dayjs(search.from), dayjs(search.to)] : null;

  const columns = [
    {
      title: t('inbox.col.code'),
      dataIndex: 'code',
      render: (code: string, r: DossierListItem) => (
        <>
          <Link to={`/can-bo/ho-so/${encodeURIComponent(code)}`} className="mono">
            {code}
          </Link>
          {r.source === 'national_portal' ? <div className="muted" data-source="national_portal">{t('np.source')}</div> : null}
          {r.practice ? <div><PracticeTag /></div> : null}
        </>
      ),
    },
    { title: t('inbox.col.procedure'), render: (_: unknown, r: DossierListItem) => r.procedure.name, ellipsis: true },
    { title: t('inbox.col.applicant'), dataIndex: 'applicantName' },
    { title: t('inbox.col.status'), render: (_: unknown, r: DossierListItem) => m(r.statusName) },
    { title: t('inbox.col.due'), dataIndex: 'dueAt', render: (v: string | null) => fmtDateTime(v), width: 150 },
    { title: t('inbox.col.progress'), render: (_: unknown, r: DossierListItem) => <ColourTag colour={r.colour} done={!!r.resolvedAt} />, width: 130 },
    { title: t('inbox.col.assignee'), dataIndex: 'assignee', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageTitle title={t('inbox.title')} />
      <Card className="section" size="small">
        <Form layout="inline" className="filters" onFinish={() => set({ q: q.trim() || undefined })}>
          <Form.Item label={t('inbox.scope')}>
            <Segmented
              value={search.scope ?? 'unit'}
              onChange={(v) => set({ scope: v === 'unit' ? undefined : String(v) })}
              options={[
                { label: t('inbox.scope.mine'), value: 'mine' },
                { label: t('inbox.scope.office'), value: 'office' },
                { label: t('inbox.scope.unit'), value: 'unit' },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('inbox.search')} htmlFor="inbox-q">
            <Input.Search id="inbox-q" value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => set({ q: v.trim() || undefined })} allowClear style={{ width: 280 }} enterButton={t('common.search')} />
          </Form.Item>
          <Form.Item label={t('inbox.status')} htmlFor="inbox-status">
            <Select
              id="inbox-status"
              mode="multiple"
              allowClear
              style={{ minWidth: 220 }}
              value={search.status ? search.status.split(',') : []}
              onChange={(v: string[]) => set({ status: v.join(',') || undefined })}
              options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as Key) }))}
              maxTagCount="responsive"
            />
          </Form.Item>
          <Form.Item label={t('inbox.urgency')} htmlFor="inbox-colour">
            <Select
              id="inbox-colour"
              allowClear
              style={{ width: 160 }}
              value={search.colour}
              onChange={(v?: string) => set({ colour: v })}
              options={[
                { value: 'due_soon', label: t('colour.due_soon') },
                { value: 'late', label: t('colour.late') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('inbox.field')} htmlFor="inbox-field">
            <Select
              id="inbox-field"
              allowClear
              showSearch
              style={{ width: 220 }}
              value={search.field}
              onChange={(v?: string) => set({ field: v })}
              options={(fields.data?.fields ?? []).map((f) => ({ value: f.field, label: `${f.field} (${f.count})` }))}
            />
          </Form.Item>
          <Form.Item label={t('inbox.procedure')} htmlFor="inbox-procedure">
            <Input id="inbox-procedure" defaultValue={search.procedure} style={{ width: 130 }} onBlur={(e) => set({ procedure: e.target.value.trim() || undefined })} onPressEnter={(e) => set({ procedure: e.currentTarget.value.trim() || undefined })} />
          </Form.Item>
          <Form.Item label={t('inbox.period')}>
            <DatePicker.RangePicker
              value={range}
              format="DD/MM/YYYY"
              onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            />
          </Form.Item>
          <Form.Item label={t('inbox.openOnly')}>
            <Switch aria-label={t('inbox.openOnly')} checked={search.open === 'true'} onChange={(v) => set({ open: v ? 'true' : undefined })} />
          </Form.Item>
          <Button onClick={() => { setQ(''); setSearch({ scope: undefined, status: undefined, procedure: undefined, field: undefined, from: undefined, to: undefined, q: undefined, colour: undefined, open: undefined, page: undefined }); }}>
            {t('inbox.clear')}
          </Button>
        </Form>
      </Card>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Card className="section" size="small">
          <Table<DossierListItem>
            rowKey="id"
            size="middle"
            loading={list.loading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <span className="muted">{t('inbox.empty')}</span> }}
            scroll={{ x: 900 }}
            pagination={pager}
          />
          <Space />
        </Card>
      )}
    </>
  );
}
