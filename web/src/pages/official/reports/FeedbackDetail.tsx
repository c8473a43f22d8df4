// One feedback item: what was sent, by whom and about what, its time limit, who it is assigned to, and the
// forms to assign it (to an official of the unit) and to answer it.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Typography } from 'antd';
import { api } from '../../../api';
import { ErrorState, Loading, PageTitle } from '../../../components/common';
import { useI18n, type Key } from '../../../i18n';
import { Link, useParams } from '../../../router';
import { useApi } from '../../../useApi';
import { fmtDateTime } from '../../../format';
import type { FeedbackItem } from './model';
import { feedbackState } from './Feedback';

interface Officials {
  officials: Array<{ id: number; fullName: string; roles: Array<{ roleName: { vi: string; en: string } }> }>;
}

export default function FeedbackDetail() {
  const { t, m, errorText } = useI18n();
  const { message } = App.useApp();
  const { id } = useParams<{ id: string }>();
  const item = useApi<FeedbackItem>(`/api/feedback/${encodeURIComponent(id)}`);
  const f = item.data;
  const unitCode = f?.unit?.code;
  const canAssign = f?.allowedActions ? f.allowedActions.includes('assign') : !f?.answeredAt;
  const canAnswer = f?.allowedActions ? f.allowedActions.includes('answer') : !f?.answeredAt;
  const officials = useApi<Officials>(unitCode && canAssign ? `/api/units/${unitCode}/officials` : null);
  const [assignee, setAssignee] = useState<number>();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState<'assign' | 'answer' | null>(null);
  const [failure, setFailure] = useState<string>();

  if (item.error) return <ErrorState error={item.error} onRetry={item.reload} />;
  if (!f) return <Loading />;
  const state = feedbackState(f);

  const run = async (what: 'assign' | 'answer', body: unknown) => {
    setBusy(what);
    setFailure(undefined);
    try {
      await api.post(`/api/feedback/${f.id}/${what}`, body);
      message.success(t(what === 'assign' ? 'fb.assigned' : 'fb.answered'));
      if (what === 'answer') setAnswer('');
      item.reload();
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageTitle title={t('fb.detail.title', { code: f.code })} extra={<Link to="/can-bo/bao-cao/phan-anh">{t('fb.backToList')}</Link>} />
      <Card className="section" size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label={t('fb.code')}>
            <span className="mono">{f.code}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('fb.status')}>
            <span data-testid="fb-state">{t(`fb.state.${state}` as Key)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('fb.kind')}>{t(`fb.kind.${f.kind}` as Key)}</Descriptions.Item>
          <Descriptions.Item label={t('fb.channel')}>{f.channel ? t(`fb.channel.${f.channel}` as Key) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fb.sender')}>{f.senderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fb.contact')}>{[f.senderPhone, f.senderEmail].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fb.received')}>{fmtDateTime(f.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('fb.due')}>{fmtDateTime(f.dueAt)}</Descriptions.Item>
          {f.dossierCode ? (
            <Descriptions.Item label={t('fb.dossier')}>
              <Link to={`/can-bo/ho-so/${encodeURIComponent(f.dossierCode)}`} className="mono">
                {f.dossierCode}
              </Link>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('fb.assignee')}>{f.assignee?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fb.subject')} span={2}>
            <strong>{f.subject}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('fb.content')} span={2}>
            <Typography.Paragraph className="pre-wrap">{f.content}</Typography.Paragraph>
          </Descriptions.Item>
          {f.answer ? (
            <>
              <Descriptions.Item label={t('fb.answer')} span={2}>
                <Typography.Paragraph className="pre-wrap" data-testid="fb-answer">
                  {f.answer}
                </Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('fb.answeredAt')}>{fmtDateTime(f.answeredAt)}</Descriptions.Item>
              <Descriptions.Item label={t('fb.rating')}>{f.satisfied === true ? t('fb.rating.yes') : f.satisfied === false ? t('fb.rating.no') : t('fb.rating.none')}</Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      </Card>
      {failure ? (
        <div role="alert" className="ant-alert-like section">
          <Typography.Text type="danger">{failure}</Typography.Text>
        </div>
      ) : null}
      {canAssign ? (
          <Card className="section" size="small" title={<h2 className="report-card-title">{t('fb.assign')}</h2>}>
            <Form layout="inline" onFinish={() => (assignee ? run('assign', { assigneeId: assignee }) : setFailure(t('fb.err.assignee')))}>
              <Form.Item label={t('fb.assignTo')} htmlFor="fb-assignee">
                <Select
                  id="fb-assignee"
                  style={{ minWidth: 280 }}
                  showSearch
                  optionFilterProp="label"
                  loading={officials.loading}
                  value={assignee}
                  onChange={(v: number) => setAssignee(v)}
                  options={(officials.data?.officials ?? []).map((o) => ({ value: o.id, label: `${o.fullName} — ${o.roles.map((r) => m(r.roleName)).join(', ')}` }))}
                />
              </Form.Item>
              <Button htmlType="submit" loading={busy === 'assign'}>
                {t('fb.assign')}
              </Button>
            </Form>
          </Card>
      ) : null}
      {canAnswer ? (
          <Card className="section" size="small" title={<h2 className="report-card-title">{t('fb.answerTitle')}</h2>}>
            <Form layout="vertical" onFinish={() => run('answer', { answer: answer.trim() })}>
              <Form.Item label={t('fb.answer')} htmlFor="fb-answer-text" extra={t('fb.answerHint')}>
                <Input.TextArea id="fb-answer-text" rows={5} value={answer} onChange={(e) => setAnswer(e.target.value)} maxLength={5000} showCount />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy === 'answer'}>
                {t('fb.sendAnswer')}
              </Button>
            </Form>
          </Card>
      ) : null}
    </>
  );
}
