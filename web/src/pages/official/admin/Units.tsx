// Administration of units: search, a unit's offices and office hours (editable by its admins), and merging a
// unit into its successor (system admins).
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, List, Space, Table } from 'antd';
import { api } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { useI18n, type Key } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import type { UnitSummary } from '../../../types';

interface Interval {
  start: string;
  end: string;
}
interface UnitDetail extends UnitSummary {
  offices: Array<{ code: string; name: string; kind: string }>;
  officeHours: { weekdayHours: Interval[]; saturdayMorning: Interval | null; saturdayCountsForDeadlines: boolean; sameDayCutoff: string; isDefault: boolean };
  mergedUnits: UnitSummary[];
}

const showIntervals = (list: Interval[]) => list.map((i) => `${i.start}-${i.end}`).join(', ');
function parseIntervals(text: string): Interval[] | null {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const out: Interval[] = [];
  for (const p of parts) {
    const m = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(p);
    if (!m) return null;
    out.push({ start: m[1]!, end: m[2]! });
  }
  return out;
}

function UnitPanel({ code, onChanged }: { code: string; onChanged(): void }) {
  const { t, errorText } = useI18n();
  const { message, modal } = App.useApp();
  const session = useSession();
  const unit = useApi<UnitDetail>(`/api/units/${code}`);
  const [error, setError] = useState<unknown>();
  if (unit.error) return <ErrorState error={unit.error} />;
  const u = unit.data;
  if (!u) return null;
  const h = u.officeHours;
  const saveHours = async (v: { weekday: string; saturday: string; counts: boolean; cutoff: string }) => {
    const weekdayHours = parseIntervals(v.weekday);
    const saturday = v.saturday.trim() ? parseIntervals(v.saturday) : [];
    if (!weekdayHours || !saturday || saturday.length > 1) return setError(new Error(t('units.hours.bad')));
    try {
      await api.put(`/api/units/${code}/office-hours`, { weekdayHours, saturdayMorning: saturday[0] ?? null, saturdayCountsForDeadlines: v.counts, sameDayCutoff: v.cutoff.trim() });
      message.success(t('common.saved'));
      setError(undefined);
      unit.reload();
    } catch (e) {
      setError(e);
    }
  };
  const merge = (v: { successor: string; date?: string }) =>
    modal.confirm({
      title: t('units.merge.confirm', { unit: u.name, successor: v.successor }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.post(`/api/units/${code}/merge`, { successorCode: v.successor.trim(), ...(v.date?.trim() ? { mergedAt: v.date.trim() } : {}) });
          message.success(t('units.merge.done'));
          unit.reload();
          onChanged();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('units.col.code')}>{u.code}</Descriptions.Item>
        <Descriptions.Item label={t('units.col.kind')}>{t(`units.kind.${u.kind}` as Key)}</Descriptions.Item>
        <Descriptions.Item label={t('units.col.parent')}>{u.parentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('units.col.identifier')}>{u.identifier}</Descriptions.Item>
        <Descriptions.Item label={t('units.col.merged')}>{u.mergedInto ? `${u.mergedInto.name} (${u.mergedInto.code})` : '—'}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={<h2 className="card-title">{t('units.offices')}</h2>}>
        <List size="small" dataSource={u.offices} renderItem={(o) => <List.Item>{`${o.code} — ${o.name}`}</List.Item>} />
      </Card>
      {u.mergedUnits.length ? (
        <Card size="small" title={<h2 className="card-title">{t('units.mergedUnits')}</h2>}>
          <List size="small" dataSource={u.mergedUnits} renderItem={(m) => <List.Item>{`${m.name} (${m.code})`}</List.Item>} />
        </Card>
      ) : null}
      <Card size="small" title={<h2 className="card-title">{t('units.hours')}</h2>}>
        {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
        <Form layout="vertical" onFinish={saveHours} initialValues={{ weekday: showIntervals(h.weekdayHours), saturday: h.saturdayMorning ? showIntervals([h.saturdayMorning]) : '', counts: h.saturdayCountsForDeadlines, cutoff: h.sameDayCutoff }}>
          <Form.Item name="weekday" label={t('units.hours.weekday')}>
            <Input />
          </Form.Item>
          <Form.Item name="saturday" label={t('units.hours.saturday')}>
            <Input />
          </Form.Item>
          <Form.Item name="counts" valuePropName="checked">
            <Checkbox>{t('units.hours.saturdayCounts')}</Checkbox>
          </Form.Item>
          <Form.Item name="cutoff" label={t('units.hours.cutoff')}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      {session.has('system_admin') && u.kind !== 'province' && !u.mergedInto ? (
        <Card size="small" title={<h2 className="card-title">{t('units.merge')}</h2>}>
          <Form layout="vertical" onFinish={merge}>
            <Form.Item name="successor" label={t('units.merge.successor')} rules={[{ required: true, pattern: /^\d{5}$/ }]}>
              <Input style={{ width: 160 }} inputMode="numeric" />
            </Form.Item>
            <Form.Item name="date" label={t('units.merge.date')}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Button danger htmlType="submit">
              {t('units.merge')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}

export default function Units() {
  const { t } = useI18n();
  const session = useSession();
  const own = session.unitsWith('centre_admin', 'system_admin');
  const [q, setQ] = useState(own[0]?.name ?? '');
  const [open, setOpen] = useState<string | null>(null);
  const list = useApi<{ units: UnitSummary[] }>('/api/units', { q: q.trim() || undefined, limit: 50 });
  return (
    <>
      <PageTitle title={t('units.title')} />
      <Card size="small" className="section">
        <Input.Search aria-label={t('units.search')} placeholder={t('units.search')} defaultValue={q} onSearch={setQ} enterButton={t('common.search')} allowClear style={{ maxWidth: 480 }} />
      </Card>
      {list.error ? (
        <ErrorState error={list.error} />
      ) : (
        <Card size="small" className="section">
          <Table<UnitSummary>
            rowKey="code"
            size="small"
            loading={list.loading}
            dataSource={list.data?.units ?? []}
            pagination={false}
            columns={[
              { title: t('units.col.code'), dataIndex: 'code', width: 90 },
              {
                title: t('units.col.name'),
                render: (_, u) => (
                  <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(u.code)}>
                    {u.name}
                  </Button>
                ),
              },
              { title: t('units.col.kind'), render: (_, u) => t(`units.kind.${u.kind}` as Key) },
              { title: t('units.col.parent'), dataIndex: 'parentName' },
              { title: t('units.col.identifier'), dataIndex: 'identifier' },
              { title: t('units.col.merged'), render: (_, u) => u.mergedInto?.name ?? '—' },
            ]}
          />
        </Card>
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} size={560} title={open}>
        {open ? <UnitPanel key={open} code={open} onChanged={list.reload} /> : null}
      </Drawer>
    </>
  );
}
