// Hồ sơ năng lực: an official's own profile (/can-bo/nang-luc) or, for a leader, one of their unit's officials
// (/can-bo/nang-luc/can-bo/:id): position, competencies required / held / gap with each assessment and its
// evidence, certificates with expiry alerts, training hours and classes, practice scores.
import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Descriptions, Form, Input, Modal, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { api, type Msg } from '../../../api';
import { ErrorState, Loading, PageTitle, useSubmit } from '../../../components/common';
import { fmtDate, fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link, useParams } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { CAP_LEADERS, LEVEL_VALUES, num, pct, type AssessmentEntry, type Certificate, type Competency, type Profile as ProfileData, type ProfileCompetency } from './model';
import { CertStatusTag, EmptyHint, GapTag, LevelText, Section } from './people/parts';

const CERT_KINDS = ['it_basic', 'digital_skills', 'state_management', 'digital_signature', 'training', 'professional', 'other'] as const;

export default function Profile() {
  const { t, m } = useI18n();
  const { id } = useParams<{ id?: string }>();
  const session = useSession();
  const path = id ? `/api/capacity/officials/${encodeURIComponent(id)}/profile` : '/api/capacity/officials/me/profile';
  const data = useApi<ProfileData>(path);
  const [assessing, setAssessing] = useState(false);
  const [addingCert, setAddingCert] = useState(false);
  const p = data.data;
  const self = !!p && p.official.id === session.me?.id;
  const leader = !!p && !self && session.unitsWith(...CAP_LEADERS).some((u) => u.code === p.official.unit.code);

  if (data.error) {
    return (
      <>
        <PageTitle title={t('cp.profile.title')} />
        <ErrorState error={data.error} onRetry={data.reload} />
        {!id && session.has('province_viewer') ? (
          <Typography.Paragraph style={{ textAlign: 'center' }}>
            <Link to="/can-bo/nang-luc/khoang-trong">{t('cp.profile.goAggregate')}</Link>
          </Typography.Paragraph>
        ) : null}
      </>
    );
  }
  if (!p) return <Loading />;

  return (
    <>
      <PageTitle
        title={self ? t('cp.profile.title') : t('cp.profile.titleOf', { name: p.official.fullName })}
        extra={
          <Space wrap>
            {leader ? (
              <Button type="primary" onClick={() => setAssessing(true)} data-testid="profile-assess">
                {t('cp.profile.assess')}
              </Button>
            ) : null}
            {self || leader ? (
              <Button onClick={() => setAddingCert(true)} data-testid="profile-add-cert">
                {t('cp.cert.add')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {p.alerts.length ? (
        <Space orientation="vertical" style={{ width: '100%' }} className="section" data-testid="profile-alerts">
          {p.alerts.map((a) => (
            <Alert key={`${a.kind}-${a.certificateId}`} type={a.kind === 'certificate_expired' ? 'error' : 'warning'} showIcon title={m(a.message)} />
          ))}
        </Space>
      ) : null}
      <Section title={t('cp.profile.official')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="profile-official">
          <Descriptions.Item label={t('cp.col.official')}>{p.official.fullName}</Descriptions.Item>
          <Descriptions.Item label={t('cp.unit')}>{p.official.unit.name}</Descriptions.Item>
          <Descriptions.Item label={t('cp.col.office')}>{p.official.office?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('cp.col.position')}>
            {p.official.position ? (
              <span>
                {p.official.position.name}
                {p.official.position.since ? <span className="muted"> ({t('cp.since', { date: fmtDate(p.official.position.since) })})</span> : null}
              </span>
            ) : (
              <span className="muted">{t('cp.profile.noPosition')}</span>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Section>
      <CompetencyTable rows={p.competencies} />
      <Certificates items={p.certificates} />
      <Training training={p.training} />
      <Section title={t('cp.profile.practice')}>
        <Table
          rowKey="attemptId"
          size="small"
          pagination={false}
          dataSource={p.practice}
          columns={[
            { title: t('cp.col.scenario'), render: (_: unknown, r) => m(r.scenario) },
            { title: t('cp.col.score'), align: 'right', render: (_: unknown, r) => (r.score === null ? '—' : num(r.score, 'vi', 1)) },
            { title: t('cp.col.finishedAt'), render: (_: unknown, r) => fmtDateTime(r.finishedAt) },
          ]}
          locale={{ emptyText: <EmptyHint text={t('cp.profile.noPractice')} /> }}
        />
        <div style={{ marginTop: 8 }}>
          <Link to="/can-bo/thuc-hanh">{t('cp.profile.goPractice')}</Link>
        </div>
      </Section>
      {assessing ? <AssessModal profile={p} onClose={() => setAssessing(false)} onDone={data.reload} /> : null}
      {addingCert ? <CertificateModal profile={p} onClose={() => setAddingCert(false)} onDone={data.reload} /> : null}
    </>
  );
}

function CompetencyTable({ rows }: { rows: ProfileCompetency[] }) {
  const { t, m } = useI18n();
  const columns: ColumnsType<ProfileCompetency> = [
    { title: t('cp.col.competency'), render: (_: unknown, r) => m(r.name) },
    { title: t('cp.col.kind'), render: (_: unknown, r) => t(`cp.kind.${r.kind}` as Key) },
    { title: t('cp.col.required'), render: (_: unknown, r) => (r.required === null ? <span className="muted">{t('cp.gap.notRequired')}</span> : <LevelText level={r.required} />) },
    { title: t('cp.col.held'), render: (_: unknown, r) => <LevelText level={r.held} /> },
    { title: t('cp.col.gap'), render: (_: unknown, r) => <GapTag required={r.required} gap={r.gap} /> },
    { title: t('cp.col.source'), render: (_: unknown, r) => (r.source ? t(`cp.source.${r.source}` as Key) : <span className="muted">{t('cp.profile.notAssessed')}</span>) },
    { title: t('cp.col.assessedAt'), render: (_: unknown, r) => fmtDate(r.assessedAt) },
  ];
  return (
    <Section title={t('cp.profile.competencies')} testId="profile-competencies">
      <Typography.Paragraph type="secondary">{t('cp.profile.competenciesHint')}</Typography.Paragraph>
      <Table<ProfileCompetency>
        rowKey="competencyId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={rows}
        expandable={{
          rowExpandable: (r) => r.history.length > 0,
          expandedRowRender: (r) => <History entries={r.history} />,
        }}
        locale={{ emptyText: <EmptyHint text={t('cp.profile.noCompetencies')} /> }}
      />
    </Section>
  );
}

/** The assessments of one competency, newest first, with what each was based on. */
function History({ entries }: { entries: AssessmentEntry[] }) {
  const { t } = useI18n();
  return (
    <Table<AssessmentEntry>
      rowKey={(r) => `${r.assessedAt}-${r.source}-${r.level}`}
      size="small"
      pagination={false}
      dataSource={entries}
      caption={<span className="cap-sr-only">{t('cp.profile.history')}</span>}
      columns={[
        { title: t('cp.col.assessedAt'), render: (_: unknown, r) => fmtDateTime(r.assessedAt) },
        { title: t('cp.col.level'), render: (_: unknown, r) => <LevelText level={r.level} /> },
        { title: t('cp.col.source'), render: (_: unknown, r) => t(`cp.source.${r.source}` as Key) },
        {
          title: t('cp.col.decision'),
          render: (_: unknown, r) =>
            r.decision ? `${t(`cp.decision.${r.decision}` as Key)}${r.suggestedLevel !== null ? ` (${t('cp.suggested', { n: r.suggestedLevel })})` : ''}` : '—',
        },
        { title: t('cp.col.by'), render: (_: unknown, r) => r.by ?? '—' },
        { title: t('cp.col.evidence'), render: (_: unknown, r) => <Evidence evidence={r.evidence} note={r.note} /> },
      ]}
    />
  );
}

/** What an assessment rests on, in words: the figures of real work, the class and certificate, the practice score. */
const EVIDENCE_KEYS: Array<{ key: string; label: Key; kind: 'num' | 'pct' | 'text' }> = [
  { key: 'dossiers', label: 'cp.ev.dossiers', kind: 'num' },
  { key: 'submitted', label: 'cp.ev.submitted', kind: 'num' },
  { key: 'sendBackRate', label: 'cp.ev.sendBackRate', kind: 'pct' },
  { key: 'onTimeRate', label: 'cp.ev.onTimeRate', kind: 'pct' },
  { key: 'satisfactionRate', label: 'cp.ev.satisfactionRate', kind: 'pct' },
  { key: 'classCode', label: 'cp.ev.classCode', kind: 'text' },
  { key: 'verificationCode', label: 'cp.ev.certificate', kind: 'text' },
  { key: 'previousLevel', label: 'cp.ev.previousLevel', kind: 'num' },
  { key: 'scenario', label: 'cp.ev.scenario', kind: 'text' },
  { key: 'score', label: 'cp.ev.score', kind: 'num' },
];

function Evidence({ evidence, note }: { evidence: Record<string, unknown> | null; note: string | null }) {
  const { t, m, lang } = useI18n();
  const e = evidence ?? {};
  const parts = EVIDENCE_KEYS.filter((k) => e[k.key] !== null && e[k.key] !== undefined && typeof e[k.key] !== 'object').map((k) => {
    const v = e[k.key];
    const text = k.kind === 'pct' ? pct(v as number, lang) : k.kind === 'num' ? num(v as number, lang, 2) : String(v);
    return `${t(k.label)}: ${text}`;
  });
  const reason = e.reason && typeof e.reason === 'object' ? m(e.reason as Msg) : null;
  if (!parts.length && !note && !reason) return <span className="muted">—</span>;
  return (
    <div>
      {note ? <div>{note}</div> : null}
      {parts.length ? <div className="muted">{parts.join(' · ')}</div> : null}
      {reason ? <div className="muted">{reason}</div> : null}
    </div>
  );
}

function Certificates({ items }: { items: Certificate[] }) {
  const { t, m } = useI18n();
  const columns: ColumnsType<Certificate> = [
    {
      title: t('cp.col.certificate'),
      width: '26%',
      render: (_: unknown, c) => (
        <>
          {c.name}
          <span className="cap-row-sub">{t(`cp.certKind.${c.kind}` as Key)}</span>
        </>
      ),
    },
    { title: t('cp.col.issuer'), dataIndex: 'issuer' },
    { title: t('cp.col.issuedOn'), render: (_: unknown, c) => fmtDate(c.issuedOn) },
    { title: t('cp.col.expiresOn'), render: (_: unknown, c) => (c.expiresOn ? fmtDate(c.expiresOn) : t('cp.cert.noExpiry')) },
    { title: t('cp.col.code'), render: (_: unknown, c) => (c.verificationCode ? <span className="mono cap-code">{c.verificationCode}</span> : '—') },
    { title: t('cp.col.competency'), render: (_: unknown, c) => (c.competency ? `${m(c.competency.name)}${c.level ? ` (${t('cp.levelN', { n: c.level })})` : ''}` : '—') },
    { title: t('cp.col.status'), render: (_: unknown, c) => <CertStatusTag status={c.status} daysLeft={c.daysLeft} /> },
  ];
  return (
    <Section title={t('cp.profile.certificates')} testId="profile-certificates">
      <Table<Certificate> rowKey="id" size="small" pagination={false} columns={columns} dataSource={items} locale={{ emptyText: <EmptyHint text={t('cp.profile.noCertificates')} /> }} />
    </Section>
  );
}

function Training({ training }: { training: ProfileData['training'] }) {
  const { t, lang } = useI18n();
  return (
    <Section title={t('cp.profile.training')} testId="profile-training">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Statistic title={t('cp.profile.hoursYear', { year: training.year })} value={num(training.hours, lang, 1)} suffix={t('cp.hoursUnit')} />
          <Table
            className="section"
            rowKey="year"
            size="small"
            pagination={false}
            dataSource={training.hoursByYear}
            caption={<span className="cap-sr-only">{t('cp.profile.hoursByYear')}</span>}
            columns={[
              { title: t('cp.col.year'), dataIndex: 'year' },
              { title: t('cp.col.hours'), align: 'right', render: (_: unknown, r) => num(r.hours, lang, 1) },
            ]}
            locale={{ emptyText: <span className="muted">{t('cp.profile.noHours')}</span> }}
          />
        </Col>
        <Col xs={24} md={16}>
          <Table
            rowKey="classId"
            size="small"
            pagination={false}
            dataSource={training.classes}
            caption={<span className="cap-sr-only">{t('cp.profile.classes')}</span>}
            columns={[
              { title: t('cp.col.class'), dataIndex: 'name' },
              { title: t('cp.col.dates'), render: (_: unknown, r) => `${fmtDate(r.startsOn)} – ${fmtDate(r.endsOn)}` },
              { title: t('cp.col.hours'), align: 'right', render: (_: unknown, r) => num(r.hours, lang, 1) },
              { title: t('cp.col.result'), render: (_: unknown, r) => t(`cp.enrolment.${r.status}` as Key) },
            ]}
            locale={{ emptyText: <EmptyHint text={t('cp.profile.noClasses')} /> }}
          />
        </Col>
      </Row>
    </Section>
  );
}

function AssessModal({ profile, onClose, onDone }: { profile: ProfileData; onClose(): void; onDone(): void }) {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ competencyId: number; level: number; note?: string }>();
  const { busy, submit } = useSubmit();
  const all = useApi<{ items: Competency[] }>('/api/capacity/competencies', { unit: profile.official.unit.code });
  const options = (all.data?.items ?? profile.competencies.map((c) => ({ id: c.competencyId, name: c.name }))).map((c) => ({ value: c.id, label: m(c.name) }));
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      await api.post(`/api/capacity/officials/${profile.official.id}/assessments`, { competencyId: v.competencyId, level: v.level, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      message.success(t('cp.profile.assessed'));
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={t('cp.profile.assessOf', { name: profile.official.fullName })} onCancel={onClose} onOk={save} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="competencyId" label={t('cp.col.competency')} rules={[{ required: true, message: t('cp.required.competency') }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={all.loading} />
        </Form.Item>
        <Form.Item name="level" label={t('cp.col.level')} rules={[{ required: true, message: t('cp.required.level') }]}>
          <Select options={LEVEL_VALUES.map((l) => ({ value: l, label: `${l} – ${t(`cp.level.${l}` as Key)}` }))} />
        </Form.Item>
        <Form.Item name="note" label={t('cp.col.note')} extra={t('cp.profile.noteHint')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CertForm {
  kind: string;
  name: string;
  issuer: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs;
  verificationCode?: string;
}

function CertificateModal({ profile, onClose, onDone }: { profile: ProfileData; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CertForm>();
  const { busy, submit } = useSubmit();
  const save = async () => {
    const v = await form.validateFields();
    await submit(async () => {
      await api.post(`/api/capacity/officials/${profile.official.id}/certificates`, {
        kind: v.kind,
        name: v.name.trim(),
        issuer: v.issuer.trim(),
        issuedOn: v.issuedOn.format('YYYY-MM-DD'),
        ...(v.expiresOn ? { expiresOn: v.expiresOn.format('YYYY-MM-DD') } : {}),
        ...(v.verificationCode?.trim() ? { verificationCode: v.verificationCode.trim() } : {}),
      });
      message.success(t('cp.cert.added'));
      onDone();
      onClose();
    });
  };
  return (
    <Modal open title={t('cp.cert.addFor', { name: profile.official.fullName })} onCancel={onClose} onOk={save} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'it_basic' }}>
        <Form.Item name="kind" label={t('cp.col.kind')} rules={[{ required: true }]}>
          <Select options={CERT_KINDS.map((k) => ({ value: k, label: t(`cp.certKind.${k}` as Key) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('cp.col.certificate')} rules={[{ required: true, min: 2, message: t('cp.required.certName') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="issuer" label={t('cp.col.issuer')} rules={[{ required: true, min: 2, message: t('cp.required.issuer') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('cp.col.issuedOn')} rules={[{ required: true, message: t('cp.required.issuedOn') }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="expiresOn"
          label={t('cp.col.expiresOn')}
          extra={t('cp.cert.expiryHint')}
          dependencies={['issuedOn']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | undefined) => {
                const issued = getFieldValue('issuedOn') as Dayjs | undefined;
                return !value || !issued || !value.isBefore(issued, 'day') ? Promise.resolve() : Promise.reject(new Error(t('cp.cert.expiryBeforeIssue')));
              },
            }),
          ]}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="verificationCode" label={t('cp.col.code')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
