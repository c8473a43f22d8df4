// Kế hoạch đào tạo (/can-bo/nang-luc/ke-hoach): the unit's yearly training plan, drafted from the gaps (one line
// per official × competency with a gap), listed by official; an admin edits a line's programme, quarter, status
// and note, adds lines, approves the plan (then it is fixed) and downloads it as XLSX.
import { useState } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, ApiError } from '../../../api';
import { ErrorState, PageTitle, useSubmit } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { CAP_ADMINS, num, PLAN_ITEM_STATUSES, xlsxUrl, type Competency, type OfficialRow, type Plan as PlanData, type PlanItem, type PlanItemStatus, type Programme } from './model';
import { EmptyHint, LevelText, Section } from './people/parts';
import { thisYear, UnitPicker, useCapacityUnit, YearPicker } from './people/unit';

export default function Plan() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const unit = useCapacityUnit();
  const session = useSession();
  const year = Number(unit.search.year) || thisYear();
  const canEdit = session.unitsWith(...CAP_ADMINS).some((u) => u.code === unit.code);
  const plan = useApi<PlanData>(unit.code ? '/api/capacity/plans' : null, { unit: unit.code, year });
  const { busy, submit } = useSubmit();
  const [editing, setEditing] = useState<PlanItem | null>(null);
  const [adding, setAdding] = useState(false);
  const missing = plan.error instanceof ApiError && plan.error.status === 404;
  const p = missing ? undefined : plan.data;

  const act = async (fn: () => Promise<unknown>, done: string) => {
    await submit(async () => {
      await fn();
      message.success(done);
      plan.reload();
    });
  };
  const draft = () => act(() => api.post('/api/capacity/plans', { unit: unit.code, year }), t('cp.plan.drafted', { year }));
  const approve = () => p && act(() => api.post(`/api/capacity/plans/${p.id}/approve`), t('cp.plan.approvedMsg'));
  const editable = canEdit && p?.status === 'draft';

  return (
    <>
      <PageTitle title={t('cp.plan.title')} />
      <Card className="section" size="small">
        <Form layout="inline">
          <UnitPicker unit={unit} />
          <YearPicker year={year} onChange={(y) => unit.setSearch({ year: y })} />
          {p ? (
            <Form.Item>
              <Button href={xlsxUrl('/api/capacity/plans', { unit: unit.code, year })} download icon={<DownloadOutlined />} data-testid="plan-xlsx">
                {t('cp.downloadXlsx')}
              </Button>
            </Form.Item>
          ) : null}
        </Form>
      </Card>
      {plan.error && !missing ? (
        <ErrorState error={plan.error} onRetry={plan.reload} />
      ) : missing ? (
        <Section title={t('cp.plan.none', { year })} testId="plan-empty">
          <Typography.Paragraph>{canEdit ? t('cp.plan.noneAdmin', { year }) : t('cp.plan.noneReader', { year })}</Typography.Paragraph>
          {canEdit ? (
            <Button type="primary" onClick={draft} loading={busy} data-testid="plan-draft">
              {t('cp.plan.draft', { year })}
            </Button>
          ) : null}
        </Section>
      ) : !p ? (
        <Section title={t('cp.plan.title')}>
          <EmptyHint text={t('app.loading')} />
        </Section>
      ) : (
        <>
          <Section
            title={t('cp.plan.heading', { unit: p.unit.name, year: p.year })}
            testId="plan-head"
            extra={
              <Space>
                {editable ? (
                  <Button onClick={() => setAdding(true)} data-testid="plan-add">
                    {t('cp.plan.add')}
                  </Button>
                ) : null}
                {editable ? (
                  <Popconfirm title={t('cp.plan.approveConfirm')} okText={t('cp.plan.approve')} cancelText={t('common.cancel')} onConfirm={approve}>
                    <Button type="primary" loading={busy} data-testid="plan-approve">
                      {t('cp.plan.approve')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            }
          >
            {p.status === 'approved' ? (
              <Alert className="section cap-alert" type="success" showIcon title={t('cp.plan.approvedNote', { at: fmtDateTime(p.approvedAt), by: p.approvedBy ?? '—' })} />
            ) : (
              <Alert className="section cap-alert" type="info" showIcon title={canEdit ? t('cp.plan.draftNoteAdmin') : t('cp.plan.draftNote')} />
            )}
            <Row gutter={[12, 12]} className="cap-figures">
              <Col xs={12} md={6}>
                <Statistic title={t('cp.col.status')} value={t(`cp.planStatus.${p.status}` as Key)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('cp.plan.officials')} value={num(p.summary.officials, lang)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('cp.plan.items')} value={num(p.summary.items, lang)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('cp.plan.hours')} value={num(p.summary.hours, lang, 1)} />
              </Col>
            </Row>
            <Descriptions size="small" className="section">
              <Descriptions.Item label={t('cp.plan.draftedAt')}>{fmtDateTime(p.draftedAt)}</Descriptions.Item>
            </Descriptions>
          </Section>
          <Section title={t('cp.plan.byOfficial')} testId="plan-items">
            <ItemsTable items={p.items} editable={editable} onEdit={setEditing} />
          </Section>
        </>
      )}
      {editing && p ? <EditItemModal plan={p} item={editing} unitCode={unit.code} onClose={() => setEditing(null)} onDone={plan.reload} /> : null}
      {adding && p ? <AddItemModal plan={p} unitCode={unit.code} onClose={() => setAdding(false)} onDone={plan.reload} /> : null}
    </>
  );
}

/** The lines sorted by official, the official's name spanning their lines. */
function ItemsTable({ items, editable, onEdit }: { items: PlanItem[]; editable: boolean; onEdit(i: PlanItem): void }) {
  const { t, m, lang } = useI18n();
  const sorted = [...items].sort((a, b) => a.official.fullName.localeCompare(b.official.fullName, 'vi') || a.official.id - b.official.id || (a.quarter ?? 9) - (b.quarter ?? 9));
  const span = new Map<number, number>();
  sorted.forEach((it, i) => {
    if (i === 0 || sorted[i - 1]!.official.id !== it.official.id) span.set(it.id, sorted.filter((x) => x.official.id === it.official.id).length);
    else span.set(it.id, 0);
  });
  const columns: ColumnsType<PlanItem> = [
    {
      title: t('cp.col.official'),
      onCell: (it) => ({ rowSpan: span.get(it.id) ?? 1 }),
      render: (_: unknown, it) => <Link to={`/can-bo/nang-luc/can-bo/${it.official.id}`}>{it.official.fullName}</Link>,
    },
    { title: t('cp.col.competency'), render: (_: unknown, it) => (it.competency ? m(it.competency.name) : <span className="muted">{t('cp.plan.noCompetency')}</span>) },
    {
      title: t('cp.plan.levels'),
      render: (_: unknown, it) =>
        it.requiredLevel !== null ? (
          <span>
            <LevelText level={it.heldLevel ?? 0} /> → <LevelText level={it.requiredLevel} />
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('cp.col.programme'), render: (_: unknown, it) => it.programme?.name ?? <span className="muted">{t('cp.plan.noProgramme')}</span> },
    { title: t('cp.col.quarter'), render: (_: unknown, it) => <span className="cap-nowrap">{it.quarter ? t('cp.quarterN', { n: it.quarter }) : '—'}</span> },
    { title: t('cp.col.hours'), align: 'right', render: (_: unknown, it) => num(it.hours, lang, 1) },
    { title: t('cp.col.origin'), render: (_: unknown, it) => t(`cp.origin.${it.origin}` as Key) },
    {
      title: t('cp.col.status'),
      render: (_: unknown, it) => <span className={`cap-tag cap-gap-${it.status === 'done' ? 'ok' : it.status === 'dropped' ? 'none' : 'small'}`}>{t(`cp.itemStatus.${it.status}` as Key)}</span>,
    },
    { title: t('cp.col.note'), render: (_: unknown, it) => it.note ?? '—' },
    ...(editable
      ? [
          {
            title: <span className="cap-sr-only">{t('cp.plan.actions')}</span>,
            key: 'edit',
            render: (_: unknown, it: PlanItem) => (
              <Button size="small" onClick={() => onEdit(it)} aria-label={t('cp.plan.editAria', { name: it.official.fullName, competency: it.competency ? m(it.competency.name) : '' })}>
                {t('cp.plan.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<PlanItem>
      rowKey="id"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={sorted}
      data-testid="plan-table"
      locale={{ emptyText: <EmptyHint text={t('cp.plan.noItems')} /> }}
    />
  );
}

function ProgrammeSelect({ unitCode, id, value, onChange }: { unitCode: string; id?: string; value?: number | null; onChange?(v: number | null): void }) {
  const { t } = useI18n();
  const list = useApi<{ items: Programme[] }>('/api/capacity/programmes', { unit: unitCode });
  return (
    <Select
      id={id}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={t('cp.plan.noProgramme')}
      loading={list.loading}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      options={(list.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${num(p.hours, 'vi', 1)} ${t('cp.hoursUnit')})` }))}
    />
  );
}

const QUARTERS = [1, 2, 3, 4];

function EditItemModal({ plan, item, unitCode, onClose, onDone }: { plan: PlanData; item: PlanItem; unitCode: string; onClose(): void; onDone(): void }) {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ programmeId: number | null; quarter: number | null; status: PlanItemStatus; note?: string }>();
  const { busy, submit } = useSubmit();
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      await api.put(`/api/capacity/plans/${plan.id}/items/${item.id}`, { programmeId: v.programmeId ?? null, quarter: v.quarter ?? null, status: v.status, note: (v.note ?? '').trim() || null });
      message.success(t('common.saved'));
      onDone();
      onClose();
    });
  };
  return (
    <Modal
      open
      title={t('cp.plan.editTitle', { name: item.official.fullName })}
      onCancel={onClose}
      onOk={save}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      {item.competency ? <Typography.Paragraph>{t('cp.plan.forCompetency', { competency: m(item.competency.name) })}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" initialValues={{ programmeId: item.programme?.id ?? null, quarter: item.quarter, status: item.status, note: item.note ?? '' }}>
        <Form.Item name="programmeId" label={t('cp.col.programme')}>
          <ProgrammeSelect unitCode={unitCode} />
        </Form.Item>
        <Form.Item name="quarter" label={t('cp.col.quarter')}>
          <Select allowClear options={QUARTERS.map((q) => ({ value: q, label: t('cp.quarterN', { n: q }) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('cp.col.status')} rules={[{ required: true }]}>
          <Select options={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: t(`cp.itemStatus.${s}` as Key) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('cp.col.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AddItemModal({ plan, unitCode, onClose, onDone }: { plan: PlanData; unitCode: string; onClose(): void; onDone(): void }) {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountId: number; competencyId?: number; programmeId?: number | null; quarter?: number; note?: string }>();
  const { busy, submit } = useSubmit();
  const officials = useApi<{ items: OfficialRow[] }>('/api/capacity/officials', { unit: unitCode });
  const comps = useApi<{ items: Competency[] }>('/api/capacity/competencies', { unit: unitCode });
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      await api.post(`/api/capacity/plans/${plan.id}/items`, {
        accountId: v.accountId,
        ...(v.competencyId ? { competencyId: v.competencyId } : {}),
        ...(v.programmeId ? { programmeId: v.programmeId } : {}),
        ...(v.quarter ? { quarter: v.quarter } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      message.success(t('cp.plan.added'));
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={t('cp.plan.add')} onCancel={onClose} onOk={save} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="accountId" label={t('cp.col.official')} rules={[{ required: true, message: t('cp.required.official') }]}>
          <Select showSearch optionFilterProp="label" loading={officials.loading} options={(officials.data?.items ?? []).map((o) => ({ value: o.id, label: o.fullName }))} />
        </Form.Item>
        <Form.Item name="competencyId" label={t('cp.col.competency')}>
          <Select allowClear showSearch optionFilterProp="label" loading={comps.loading} options={(comps.data?.items ?? []).map((c) => ({ value: c.id, label: m(c.name) }))} />
        </Form.Item>
        <Form.Item name="programmeId" label={t('cp.col.programme')}>
          <ProgrammeSelect unitCode={unitCode} />
        </Form.Item>
        <Form.Item name="quarter" label={t('cp.col.quarter')}>
          <Select allowClear options={QUARTERS.map((q) => ({ value: q, label: t('cp.quarterN', { n: q }) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('cp.col.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
