// The forms of the training page: opening a class with its sessions and tests, and adding a programme with the
// competency levels it raises.
import { useSubmit } from '../../../../components/common';
import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../../api';
import { useI18n, type Key } from '../../../../i18n';
import { navigate } from '../../../../router';
import { useApi } from '../../../../useApi';
import { CONTENT_GROUPS, type ClassDetail, type Competency, type Programme } from '../model';

interface ClassForm {
  programmeId: number;
  name: string;
  dates: [Dayjs, Dayjs];
  trainer: string;
  online: boolean;
  place?: string;
  capacity?: number;
  sessions: Array<{ heldOn: Dayjs; hours: number; topic?: string }>;
  tests: Array<{ name: string; heldOn?: Dayjs }>;
}

export function ClassModal({ unitCode, onClose }: { unitCode: string; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClassForm>();
  const { busy, submit } = useSubmit();
  const programmes = useApi<{ items: Programme[] }>('/api/capacity/programmes', { unit: unitCode });
  const online = Form.useWatch('online', form);
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      const d = await api.post<ClassDetail>('/api/capacity/classes', {
        unit: unitCode,
        programmeId: v.programmeId,
        name: v.name.trim(),
        startsOn: v.dates[0].format('YYYY-MM-DD'),
        endsOn: v.dates[1].format('YYYY-MM-DD'),
        trainer: v.trainer.trim(),
        online: !!v.online,
        ...(v.place?.trim() ? { place: v.place.trim() } : {}),
        ...(v.capacity ? { capacity: v.capacity } : {}),
        sessions: (v.sessions ?? []).map((s) => ({ heldOn: s.heldOn.format('YYYY-MM-DD'), hours: s.hours, ...(s.topic?.trim() ? { topic: s.topic.trim() } : {}) })),
        tests: (v.tests ?? []).map((x) => ({ name: x.name.trim(), ...(x.heldOn ? { heldOn: x.heldOn.format('YYYY-MM-DD') } : {}) })),
      });
      message.success(t('cp.tr.classCreated'));
      onClose();
      navigate(`/can-bo/nang-luc/dao-tao/lop/${d.id}`);
    });
  };
  return (
    <Modal open width={760} title={t('cp.tr.newClass')} onCancel={onClose} onOk={save} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ online: false, sessions: [{ hours: 4 }], tests: [{ name: t('cp.tr.finalTest') }] }}>
        <Form.Item name="programmeId" label={t('cp.col.programme')} rules={[{ required: true, message: t('cp.required.programme') }]} extra={programmes.data && !programmes.data.items.length ? t('cp.tr.noProgrammesAdmin') : undefined}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={programmes.loading}
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` }))}
            onChange={(id: number) => {
              const p = programmes.data?.items.find((x) => x.id === id);
              if (p && !form.getFieldValue('name')) form.setFieldsValue({ name: p.name });
            }}
          />
        </Form.Item>
        <Form.Item name="name" label={t('cp.tr.className')} rules={[{ required: true, min: 2, message: t('cp.required.className') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="dates" label={t('cp.col.dates')} rules={[{ required: true, message: t('cp.required.dates') }]}>
              <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="trainer" label={t('cp.col.trainer')} rules={[{ required: true, min: 2, message: t('cp.required.trainer') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="online" label={t('cp.tr.online')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="place" label={t('cp.col.place')} rules={[{ required: !online, message: t('cp.required.place') }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="capacity" label={t('cp.tr.capacity')}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <fieldset className="cap-fieldset">
          <legend>{t('cp.tr.sessions')}</legend>
          <Form.List name="sessions" rules={[{ validator: async (_, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error(t('cp.required.session')))) }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'heldOn']} label={t('cp.tr.sessionDate', { n: i + 1 })} rules={[{ required: true, message: t('cp.required.date') }]}>
                      <DatePicker format="DD/MM/YYYY" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'hours']} label={t('cp.tr.sessionHours', { n: i + 1 })} rules={[{ required: true, message: t('cp.required.hours') }]}>
                      <InputNumber min={0.5} max={24} step={0.5} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'topic']} label={t('cp.tr.sessionTopic', { n: i + 1 })}>
                      <Input maxLength={300} style={{ width: 220 }} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} aria-label={t('cp.tr.removeSession', { n: i + 1 })}>
                      {t('cp.remove')}
                    </Button>
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                <Button onClick={() => add({ hours: 4 })}>{t('cp.tr.addSession')}</Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <fieldset className="cap-fieldset section">
          <legend>{t('cp.tr.tests')}</legend>
          <Typography.Paragraph type="secondary">{t('cp.tr.testsHint')}</Typography.Paragraph>
          <Form.List name="tests">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} label={t('cp.tr.testName', { n: i + 1 })} rules={[{ required: true, min: 2, message: t('cp.required.testName') }]}>
                      <Input maxLength={200} style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'heldOn']} label={t('cp.tr.testDate', { n: i + 1 })}>
                      <DatePicker format="DD/MM/YYYY" />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} aria-label={t('cp.tr.removeTest', { n: i + 1 })}>
                      {t('cp.remove')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({})}>{t('cp.tr.addTest')}</Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </Form>
    </Modal>
  );
}

interface ProgrammeForm {
  code: string;
  name: string;
  description?: string;
  contentGroup: Programme['contentGroup'];
  hours: number;
  certificateValidMonths?: number;
  competencies: Array<{ competencyId: number; level: number }>;
}

export function ProgrammeModal({ unitCode, onClose, onDone }: { unitCode: string; onClose(): void; onDone(): void }) {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProgrammeForm>();
  const { busy, submit } = useSubmit();
  const comps = useApi<{ items: Competency[] }>('/api/capacity/competencies', { unit: unitCode });
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      await api.post('/api/capacity/programmes', {
        unit: unitCode,
        code: v.code.trim(),
        name: v.name.trim(),
        description: (v.description ?? '').trim(),
        contentGroup: v.contentGroup,
        hours: v.hours,
        ...(v.certificateValidMonths ? { certificateValidMonths: v.certificateValidMonths } : {}),
        competencies: (v.competencies ?? []).filter((c) => c && c.competencyId),
      });
      message.success(t('common.saved'));
      onDone();
      onClose();
    });
  };
  return (
    <Modal open width={720} title={t('cp.tr.newProgramme')} onCancel={onClose} onOk={save} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ contentGroup: 'professional', hours: 8, competencies: [] }}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('cp.col.code')} rules={[{ required: true, pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$/, message: t('cp.pos.codeRule') }]}>
              <Input maxLength={41} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('cp.col.programme')} rules={[{ required: true, min: 2, message: t('cp.required.programmeName') }]}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contentGroup" label={t('cp.col.contentGroup')} rules={[{ required: true }]}>
              <Select options={CONTENT_GROUPS.map((g) => ({ value: g, label: t(`cp.cg.${g}` as Key) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="hours" label={t('cp.col.hours')} rules={[{ required: true, message: t('cp.required.hours') }]}>
              <InputNumber min={0.5} max={2000} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="certificateValidMonths" label={t('cp.tr.validityMonths')}>
              <InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('cp.pos.description')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <fieldset className="cap-fieldset">
          <legend>{t('cp.tr.raises')}</legend>
          <Form.List name="competencies">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'competencyId']} label={t('cp.pos.reqCompetency', { n: i + 1 })} rules={[{ required: true, message: t('cp.required.competency') }]}>
                      <Select showSearch optionFilterProp="label" style={{ width: 340 }} loading={comps.loading} options={(comps.data?.items ?? []).map((c) => ({ value: c.id, label: m(c.name) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'level']} label={t('cp.pos.reqLevel', { n: i + 1 })} rules={[{ required: true, message: t('cp.required.level') }]}>
                      <Select style={{ width: 180 }} options={[1, 2, 3, 4].map((l) => ({ value: l, label: `${l} – ${t(`cp.level.${l}` as Key)}` }))} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)} aria-label={t('cp.pos.removeReq', { n: i + 1 })}>
                      {t('cp.remove')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ level: 2 })}>{t('cp.pos.addReq')}</Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </Form>
    </Modal>
  );
}
