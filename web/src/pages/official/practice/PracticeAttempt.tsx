// Một lượt thực hành: the scenario's brief, the guidance step by step, the way into the real dossier screen,
// the answers form that finishes the attempt, and then the score with its breakdown and the answer key.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Popconfirm, Progress, Row, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../../api';
import { ErrorState, LinkButton, Loading, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useParams } from '../../../router';
import { useApi } from '../../../useApi';
import { Section } from '../capacity/people/parts';
import { dossierPath, type Attempt, type BreakdownItem } from './model';
import { useStartAttempt } from './PracticeList';

export default function PracticeAttempt() {
  const { id } = useParams<{ id: string }>();
  const { t, m } = useI18n();
  const attempt = useApi<Attempt>(`/api/capacity/practice/attempts/${encodeURIComponent(id)}`);
  const a = attempt.data;
  if (attempt.error) {
    return (
      <>
        <PageTitle title={t('pr.title')} />
        <ErrorState error={attempt.error} onRetry={attempt.reload} />
      </>
    );
  }
  if (!a) return attempt.loading ? <Loading /> : null;
  return (
    <>
      <PageTitle title={t('pr.attempt.title', { title: m(a.scenario.title) })} extra={<LinkButton to="/can-bo/thuc-hanh">{t('pr.back')}</LinkButton>} />
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Brief a={a} />
          <Guidance steps={a.guidance} />
        </Col>
        <Col xs={24} xl={12}>{a.finishedAt ? <Result a={a} /> : <Finish a={a} onDone={attempt.reload} />}</Col>
      </Row>
    </>
  );
}

function Brief({ a }: { a: Attempt }) {
  const { t, m } = useI18n();
  return (
    <Section title={t('pr.brief')} testId="practice-brief">
      <p>{m(a.scenario.brief)}</p>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('pr.procedure')}>
          {a.scenario.procedure.name} <span className="muted">({a.scenario.procedure.code})</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('pr.official')}>{a.official.fullName}</Descriptions.Item>
        <Descriptions.Item label={t('pr.target')}>{t('pr.minutes', { n: a.scenario.timeTargetMinutes })}</Descriptions.Item>
        {a.scenario.limitBasis ? <Descriptions.Item label={t('pr.limitBasis')}>{m(a.scenario.limitBasis)}</Descriptions.Item> : null}
        {a.dossier ? (
          <Descriptions.Item label={t('pr.col.dossier')}>
            <span className="mono">{a.dossier.code}</span> · {t(`status.${a.dossier.status}` as Key)}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('pr.col.started')}>{fmtDateTime(a.startedAt)}</Descriptions.Item>
      </Descriptions>
      {a.dossier && !a.finishedAt ? (
        <div style={{ marginTop: 12 }}>
          <LinkButton to={dossierPath(a.dossier.code)} type="primary">
            {t('pr.openDossier')}
          </LinkButton>
        </div>
      ) : null}
    </Section>
  );
}

export function Guidance({ steps, title }: { steps: Attempt['guidance']; title?: string }) {
  const { t, lang } = useI18n();
  return (
    <Section title={title ?? t('pr.guidance')} testId="practice-guidance">
      <ol className="practice-steps" style={{ paddingLeft: 20, margin: 0 }}>
        {steps.map((s) => (
          <li key={s.step} style={{ marginBottom: 8 }}>
            {lang === 'en' ? s.en : s.vi}
          </li>
        ))}
      </ol>
    </Section>
  );
}

interface FinishValues {
  fee?: number | null;
  dueDate?: Dayjs | null;
  originals?: string[];
  note?: string;
}

function Finish({ a, onDone }: { a: Attempt; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FinishValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async () => {
    const v = form.getFieldsValue();
    setBusy(true);
    setError(undefined);
    try {
      const done = await api.post<Attempt>(`/api/capacity/practice/attempts/${a.id}/finish`, {
        answers: {
          fee: typeof v.fee === 'number' ? v.fee : null,
          dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
          originals: v.originals ?? [],
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        },
      });
      message.success(t('pr.finished', { score: done.score ?? 0 }));
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('pr.finish')} testId="practice-finish">
      <p className="muted">{t('pr.finishHelp')}</p>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="fee" label={t('pr.answer.fee')}>
          <InputNumber min={0} step={1000} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('pr.answer.dueDate')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="originals" label={t('pr.answer.originals')}>
          <Checkbox.Group options={(a.components ?? []).map((c) => ({ value: c.key, label: c.name }))} style={{ display: 'grid', gap: 6 }} />
        </Form.Item>
        <Form.Item name="note" label={t('pr.answer.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Popconfirm title={t('pr.finishConfirm')} okText={t('pr.finish')} cancelText={t('common.cancel')} onConfirm={() => void submit()}>
          <Button type="primary" loading={busy} data-testid="practice-finish-button">
            {t('pr.finish')}
          </Button>
        </Popconfirm>
      </Form>
    </Section>
  );
}

function Result({ a }: { a: Attempt }) {
  const { t, m } = useI18n();
  const { start, busy } = useStartAttempt();
  const score = a.score ?? 0;
  const decision = (d: string | null) => t(`pr.decision.${d ?? 'none'}` as Key);
  return (
    <>
      <Section title={t('pr.result')} testId="practice-result">
        <div style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' }}>
          <Progress type="circle" percent={score} showInfo={false} size={96} status={score >= 85 ? 'success' : score >= 60 ? 'normal' : 'exception'} aria-hidden />
          <div data-testid="practice-score" style={{ fontSize: 32, fontWeight: 700, lineHeight: 1 }}>
            {score}
            <span style={{ fontSize: 18, fontWeight: 400 }}>/100</span>
          </div>
          <div>
            <div>
              {t('pr.yourDecision')}: <strong>{decision(a.decision)}</strong>
            </div>
            <div className="muted">{fmtDateTime(a.finishedAt)}</div>
            <Button style={{ marginTop: 12 }} loading={busy === a.scenario.id} onClick={() => void start(a.scenario.id)}>
              {t('pr.again')}
            </Button>
          </div>
        </div>
        <h3 className="card-subtitle" style={{ marginTop: 16 }}>
          {t('pr.breakdown')}
        </h3>
        <Table<BreakdownItem>
          rowKey="item"
          size="small"
          pagination={false}
          dataSource={a.breakdown ?? []}
          data-testid="practice-breakdown"
          columns={[
            { title: t('pr.col.item'), render: (_: unknown, b) => m(b.label) },
            { title: t('pr.col.detail'), render: (_: unknown, b) => m(b.detail) },
            { title: t('pr.col.points'), align: 'right', width: 90, render: (_: unknown, b) => <strong>{b.points}</strong> },
            { title: t('pr.col.max'), dataIndex: 'max', align: 'right', width: 70 },
          ]}
          summary={(rows) => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>
                <strong>{t('pr.score')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <strong>{rows.reduce((s, r) => s + r.points, 0)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                100
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Section>
      {a.expected ? (
        <Section title={t('pr.expected')} testId="practice-expected">
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('pr.expected.decision')}>
              <Tag color={a.decision === a.expected.decision ? 'success' : 'error'}>{decision(a.expected.decision)}</Tag>
            </Descriptions.Item>
            {a.expected.missing.length ? <Descriptions.Item label={t('pr.expected.missing')}>{a.expected.missing.map((c) => c.name).join('; ')}</Descriptions.Item> : null}
            {a.expected.originals.length ? <Descriptions.Item label={t('pr.expected.originals')}>{a.expected.originals.map((c) => c.name).join('; ')}</Descriptions.Item> : null}
            {a.expected.refusal ? <Descriptions.Item label={t('pr.expected.refusal')}>{m(a.expected.refusal)}</Descriptions.Item> : null}
          </Descriptions>
        </Section>
      ) : null}
    </>
  );
}
