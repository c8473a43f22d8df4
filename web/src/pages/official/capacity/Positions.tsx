// Vị trí việc làm: the unit's job positions by group, each with its job description, duties and competency
// framework (competency + required level 1–4), who holds it, assigning an official from a date, and each
// official's assignment history (never overwritten).
import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api';
import { ErrorState, PageTitle, useSubmit } from '../../../components/common';
import { fmtDate, todayVn } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { CAP_ADMINS, POSITION_GROUPS, type Assignment, type Competency, type OfficialRow, type Position } from './model';
import { EmptyHint, LevelText, Section } from './people/parts';
import { UnitPicker, useCapacityUnit } from './people/unit';

export default function Positions() {
  const { t } = useI18n();
  const unit = useCapacityUnit();
  const session = useSession();
  const canEdit = session.unitsWith(...CAP_ADMINS).some((u) => u.code === unit.code);
  const list = useApi<{ items: Position[] }>(unit.code ? '/api/capacity/positions' : null, { unit: unit.code });
  const officials = useApi<{ items: OfficialRow[] }>(unit.code ? '/api/capacity/officials' : null, { unit: unit.code });
  const selectedId = Number(unit.search.position) || list.data?.items[0]?.id;
  const selected = list.data?.items.find((p) => p.id === selectedId);
  const [editing, setEditing] = useState<Position | 'new' | null>(null);
  const [assigning, setAssigning] = useState<Position | null>(null);

  const reload = () => {
    list.reload();
    officials.reload();
  };

  return (
    <>
      <PageTitle
        title={t('cp.pos.title')}
        extra={
          canEdit ? (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="pos-new">
              {t('cp.pos.new')}
            </Button>
          ) : null
        }
      />
      <Card className="section" size="small">
        <Form layout="inline">
          <UnitPicker unit={unit} />
        </Form>
      </Card>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Row gutter={[16, 16]} className="section">
          <Col xs={24} lg={9}>
            {POSITION_GROUPS.map((g) => {
              const items = (list.data?.items ?? []).filter((p) => p.grp === g);
              return (
                <Section key={g} title={t(`cp.grp.${g}` as Key)} testId={`pos-group-${g}`}>
                  <Table<Position>
                    rowKey="id"
                    size="small"
                    pagination={false}
                    loading={list.loading}
                    dataSource={items}
                    rowClassName={(p) => (p.id === selectedId ? 'ant-table-row-selected' : '')}
                    columns={[
                      {
                        title: t('cp.col.position'),
                        render: (_: unknown, p) => (
                          <>
                            <Button type="link" className="cap-link-button" onClick={() => unit.setSearch({ position: p.id })} aria-current={p.id === selectedId ? 'true' : undefined}>
                              {p.name}
                            </Button>
                            {p.active ? null : <span className="cap-tag cap-gap-none" style={{ marginLeft: 6 }}>{t('cp.pos.inactive')}</span>}
                          </>
                        ),
                      },
                      { title: t('cp.col.holders'), align: 'right', width: 110, render: (_: unknown, p) => `${p.holders.length}/${p.headcount}` },
                    ]}
                    locale={{ emptyText: <span className="muted">{canEdit ? t('cp.pos.emptyGroupAdmin') : t('cp.pos.emptyGroup')}</span> }}
                  />
                </Section>
              );
            })}
          </Col>
          <Col xs={24} lg={15}>
            {selected ? (
              <PositionDetail position={selected} canEdit={canEdit} onEdit={() => setEditing(selected)} onAssign={() => setAssigning(selected)} />
            ) : (
              <Section title={t('cp.pos.detail')}>
                <EmptyHint text={list.loading ? t('app.loading') : canEdit ? t('cp.pos.emptyAdmin') : t('cp.pos.empty')} />
              </Section>
            )}
          </Col>
        </Row>
      )}
      <Section title={t('cp.pos.officials')} testId="pos-officials">
        <OfficialsTable rows={officials.data?.items ?? []} loading={officials.loading} />
      </Section>
      {editing ? <PositionModal unitCode={unit.code} position={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={reload} /> : null}
      {assigning ? <AssignModal position={assigning} officials={officials.data?.items ?? []} onClose={() => setAssigning(null)} onDone={reload} /> : null}
    </>
  );
}

function PositionDetail({ position: p, canEdit, onEdit, onAssign }: { position: Position; canEdit: boolean; onEdit(): void; onAssign(): void }) {
  const { t, m } = useI18n();
  return (
    <Section title={`${p.name} (${p.code})`} testId="pos-detail">
      {canEdit ? (
        <Space wrap className="cap-toolbar">
          <Button onClick={onEdit} data-testid="pos-edit">
            {t('cp.pos.edit')}
          </Button>
          <Button type="primary" onClick={onAssign} data-testid="pos-assign">
            {t('cp.pos.assign')}
          </Button>
        </Space>
      ) : null}
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('cp.col.group')}>{t(`cp.grp.${p.grp}` as Key)}</Descriptions.Item>
        <Descriptions.Item label={t('cp.col.office')}>{p.office?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('cp.col.headcount')}>{p.headcount}</Descriptions.Item>
        <Descriptions.Item label={t('cp.col.status')}>{p.active ? t('cp.pos.active') : t('cp.pos.inactive')}</Descriptions.Item>
      </Descriptions>
      <h3 className="cap-h3">{t('cp.pos.description')}</h3>
      <Typography.Paragraph>{p.description || <span className="muted">{t('cp.pos.noDescription')}</span>}</Typography.Paragraph>
      <h3 className="cap-h3">{t('cp.pos.duties')}</h3>
      {p.duties.length ? (
        <ol className="cap-duties">
          {p.duties.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ol>
      ) : (
        <Typography.Paragraph className="muted">{t('cp.pos.noDuties')}</Typography.Paragraph>
      )}
      <h3 className="cap-h3">{t('cp.pos.framework')}</h3>
      <Table
        rowKey="competencyId"
        size="small"
        pagination={false}
        dataSource={p.requirements}
        data-testid="pos-framework"
        columns={[
          { title: t('cp.col.competency'), render: (_: unknown, r) => m(r.name) },
          { title: t('cp.col.kind'), render: (_: unknown, r) => t(`cp.kind.${r.kind}` as Key) },
          { title: t('cp.col.required'), render: (_: unknown, r) => <LevelText level={r.requiredLevel} /> },
        ]}
        locale={{ emptyText: <EmptyHint text={canEdit ? t('cp.pos.noFrameworkAdmin') : t('cp.pos.noFramework')} /> }}
      />
      <h3 className="cap-h3">{t('cp.pos.holders')}</h3>
      <Table
        rowKey="accountId"
        size="small"
        pagination={false}
        dataSource={p.holders}
        data-testid="pos-holders"
        columns={[
          { title: t('cp.col.official'), render: (_: unknown, h) => <Link to={`/can-bo/nang-luc/can-bo/${h.accountId}`}>{h.fullName}</Link> },
          { title: t('cp.col.since'), render: (_: unknown, h) => fmtDate(h.since) },
        ]}
        locale={{ emptyText: <EmptyHint text={canEdit ? t('cp.pos.noHoldersAdmin') : t('cp.pos.noHolders')} /> }}
      />
    </Section>
  );
}

/** The unit's officials with their current position; a row opens its assignment history. */
function OfficialsTable({ rows, loading }: { rows: OfficialRow[]; loading: boolean }) {
  const { t } = useI18n();
  const columns: ColumnsType<OfficialRow> = [
    { title: t('cp.col.official'), render: (_: unknown, o) => <Link to={`/can-bo/nang-luc/can-bo/${o.id}`}>{o.fullName}</Link> },
    { title: t('cp.col.office'), render: (_: unknown, o) => o.office?.name ?? '—' },
    { title: t('cp.col.position'), render: (_: unknown, o) => o.position?.name ?? <span className="muted">{t('cp.pos.unassigned')}</span> },
    { title: t('cp.col.since'), render: (_: unknown, o) => fmtDate(o.position?.since) },
  ];
  return (
    <Table<OfficialRow>
      rowKey="id"
      size="small"
      pagination={false}
      loading={loading}
      columns={columns}
      dataSource={rows}
      expandable={{ expandedRowRender: (o) => <History accountId={o.id} />, columnTitle: <span className="cap-sr-only">{t('cp.pos.history')}</span> }}
      locale={{ emptyText: <EmptyHint text={t('cp.pos.noOfficials')} /> }}
    />
  );
}

function History({ accountId }: { accountId: number }) {
  const { t } = useI18n();
  const h = useApi<{ items: Assignment[] }>(`/api/capacity/officials/${accountId}/assignments`);
  if (h.error) return <ErrorState error={h.error} onRetry={h.reload} />;
  return (
    <Table<Assignment>
      rowKey="id"
      size="small"
      pagination={false}
      loading={h.loading}
      dataSource={h.data?.items ?? []}
      caption={<span className="cap-caption">{t('cp.pos.history')}</span>}
      columns={[
        { title: t('cp.col.position'), render: (_: unknown, a) => `${a.position.name} (${a.position.code})` },
        { title: t('cp.col.from'), render: (_: unknown, a) => fmtDate(a.startedOn) },
        { title: t('cp.col.to'), render: (_: unknown, a) => (a.endedOn ? fmtDate(a.endedOn) : <Tag>{t('cp.pos.current')}</Tag>) },
        { title: t('cp.col.decidedBy'), render: (_: unknown, a) => a.decidedBy ?? '—' },
        { title: t('cp.col.note'), render: (_: unknown, a) => a.note ?? '—' },
      ]}
      locale={{ emptyText: <span className="muted">{t('cp.pos.noHistory')}</span> }}
    />
  );
}

interface PositionForm {
  code: string;
  grp: Position['grp'];
  name: string;
  description: string;
  duties: string;
  headcount: number;
  active: boolean;
  requirements: Array<{ competencyId: number; requiredLevel: number }>;
}

function PositionModal({ unitCode, position, onClose, onDone }: { unitCode: string; position: Position | null; onClose(): void; onDone(): void }) {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PositionForm>();
  const { busy, submit } = useSubmit();
  const competencies = useApi<{ items: Competency[] }>('/api/capacity/competencies', { unit: unitCode });
  const options = (competencies.data?.items ?? []).map((c) => ({ value: c.id, label: m(c.name) }));
  const initial: PositionForm = position
    ? {
        code: position.code,
        grp: position.grp,
        name: position.name,
        description: position.description ?? '',
        duties: position.duties.join('\n'),
        headcount: position.headcount,
        active: position.active,
        requirements: position.requirements.map((r) => ({ competencyId: r.competencyId, requiredLevel: r.requiredLevel })),
      }
    : { code: '', grp: 'professional', name: '', description: '', duties: '', headcount: 1, active: true, requirements: [] };

  const save = async () => {
    const v = await form.validateFields();
    const body = {
      code: v.code.trim(),
      grp: v.grp,
      name: v.name.trim(),
      description: (v.description ?? '').trim(),
      duties: (v.duties ?? '')
        .split('\n')
        .map((d) => d.trim())
        .filter(Boolean),
      headcount: v.headcount,
      ...(position?.office ? { officeId: position.office.id } : {}),
      requirements: (v.requirements ?? []).filter((r) => r && r.competencyId),
    };
    await submit(async () => {
      if (position) await api.put(`/api/capacity/positions/${position.id}`, { ...body, active: v.active });
      else await api.post('/api/capacity/positions', { unit: unitCode, ...body });
      message.success(t('common.saved'));
      onDone();
      onClose();
    });
  };

  return (
    <Modal open width={760} title={position ? t('cp.pos.editTitle', { name: position.name }) : t('cp.pos.new')} onCancel={onClose} onOk={save} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('cp.col.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/, message: t('cp.pos.codeRule') }]}>
              <Input maxLength={41} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('cp.col.position')} rules={[{ required: true, min: 2, message: t('cp.pos.nameRule') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="grp" label={t('cp.col.group')} rules={[{ required: true }]}>
              <Select options={POSITION_GROUPS.map((g) => ({ value: g, label: t(`cp.grp.${g}` as Key) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="headcount" label={t('cp.col.headcount')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {position ? (
            <Col xs={24} md={8}>
              <Form.Item name="active" label={t('cp.pos.activeLabel')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item name="description" label={t('cp.pos.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="duties" label={t('cp.pos.duties')} extra={t('cp.pos.dutiesHint')}>
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <fieldset className="cap-fieldset">
          <legend>{t('cp.pos.framework')}</legend>
          <Form.List name="requirements">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'competencyId']} label={t('cp.pos.reqCompetency', { n: i + 1 })} rules={[{ required: true, message: t('cp.required.competency') }]}>
                      <Select showSearch optionFilterProp="label" options={options} style={{ width: 360 }} loading={competencies.loading} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'requiredLevel']} label={t('cp.pos.reqLevel', { n: i + 1 })} rules={[{ required: true, message: t('cp.required.level') }]}>
                      <Select style={{ width: 200 }} options={[1, 2, 3, 4].map((l) => ({ value: l, label: `${l} – ${t(`cp.level.${l}` as Key)}` }))} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} aria-label={t('cp.pos.removeReq', { n: i + 1 })}>
                      {t('cp.remove')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ requiredLevel: 2 })}>{t('cp.pos.addReq')}</Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </Form>
    </Modal>
  );
}

function AssignModal({ position, officials, onClose, onDone }: { position: Position; officials: OfficialRow[]; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ accountId: number; startedOn: Dayjs; note?: string }>();
  const { busy, submit } = useSubmit();
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      await api.post(`/api/capacity/positions/${position.id}/assignments`, { accountId: v.accountId, startedOn: v.startedOn.format('YYYY-MM-DD'), ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      message.success(t('cp.pos.assigned'));
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={t('cp.pos.assignTo', { name: position.name })} onCancel={onClose} onOk={save} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('cp.pos.assignHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ startedOn: dayjs(todayVn()) }}>
        <Form.Item name="accountId" label={t('cp.col.official')} rules={[{ required: true, message: t('cp.required.official') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={officials.map((o) => ({ value: o.id, label: o.position ? `${o.fullName} — ${o.position.name}` : o.fullName }))}
          />
        </Form.Item>
        <Form.Item name="startedOn" label={t('cp.col.from')} rules={[{ required: true, message: t('cp.required.date') }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('cp.col.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
