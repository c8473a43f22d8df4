// Chế độ thực hành: the scenarios (with my attempts and best score, and a button that starts one: MotCua creates
// its practice dossier), my attempts, and for a unit's leaders the attempts of the unit's officials.
import { useState } from 'react';
import { Alert, App, Button, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, ApiError } from '../../../api';
import { ErrorState, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link, navigate } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { Section } from '../capacity/people/parts';
import { attemptPath, dossierPath, PRACTICE_LEADERS, type Attempt, type Scenario } from './model';

export default function PracticeList() {
  const { t } = useI18n();
  const session = useSession();
  const led = session.unitsWith(...PRACTICE_LEADERS);
  return (
    <>
      <PageTitle title={t('pr.title')} />
      <Alert type="info" showIcon title={t('pr.intro')} style={{ marginBottom: 12 }} />
      <Scenarios />
      <Attempts title={t('pr.mine')} query={{}} testId="practice-mine" />
      {led.map((u) => (
        <Attempts key={u.code} title={`${t('pr.unitAttempts')} — ${u.name}`} query={{ unit: u.code }} withOfficial testId={`practice-unit-${u.code}`} />
      ))}
    </>
  );
}

export function useStartAttempt() {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);
  const start = async (scenarioId: number) => {
    setBusy(scenarioId);
    try {
      const a = await api.post<Attempt>('/api/capacity/practice/attempts', { scenarioId });
      message.success(t('pr.started', { code: a.dossier?.code ?? '' }));
      navigate(attemptPath(a.id));
    } catch (e) {
      // An unfinished attempt at the same scenario: go on with it.
      const open = e instanceof ApiError && e.status === 409 ? Number(e.body.details?.attemptId) || undefined : undefined;
      if (open) navigate(attemptPath(open));
      else message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return { start, busy };
}

function Scenarios() {
  const { t, m } = useI18n();
  const list = useApi<{ items: Scenario[] }>('/api/capacity/practice/scenarios');
  const { start, busy } = useStartAttempt();
  const columns: ColumnsType<Scenario> = [
    {
      title: t('pr.col.scenario'),
      width: 300,
      render: (_: unknown, s) => (
        <>
          <strong>{m(s.title)}</strong>
          <div className="muted">{m(s.brief).slice(0, 120)}{m(s.brief).length > 120 ? '…' : ''}</div>
        </>
      ),
    },
    { title: t('pr.col.procedure'), render: (_: unknown, s) => <span title={s.procedure.name}>{s.procedure.code} · {s.procedure.field}</span>, width: 150 },
    { title: t('pr.col.level'), render: (_: unknown, s) => t('pr.levelN', { n: s.level }), width: 70 },
    {
      title: t('pr.col.problems'),
      width: 170,
      render: (_: unknown, s) => (
        <Space size={[4, 4]} wrap>
          {s.problems.map((p) => (
            <Tag key={p}>{t(`pr.problem.${p}` as Key)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('pr.col.target'), render: (_: unknown, s) => t('pr.minutes', { n: s.timeTargetMinutes }), width: 100 },
    { title: t('pr.col.attempts'), dataIndex: 'attempts', align: 'right', width: 70 },
    { title: t('pr.col.best'), render: (_: unknown, s) => (s.best === null ? '—' : `${s.best}/100`), align: 'right', width: 100 },
    {
      title: '',
      width: 110,
      fixed: 'right',
      render: (_: unknown, s) =>
        s.openAttemptId ? (
          <Button onClick={() => navigate(attemptPath(s.openAttemptId!))} aria-label={`${t('pr.continue')}: ${m(s.title)}`}>
            {t('pr.continue')}
          </Button>
        ) : (
          <Button type="primary" loading={busy === s.id} onClick={() => void start(s.id)} aria-label={`${t('pr.start')}: ${m(s.title)}`} data-scenario={s.code}>
            {t('pr.start')}
          </Button>
        ),
    },
  ];
  return (
    <Section title={t('pr.scenarios')} testId="practice-scenarios">
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Scenario>
          rowKey="id"
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1070 }}
          locale={{ emptyText: <span className="muted">{t('pr.noScenarios')}</span> }}
        />
      )}
    </Section>
  );
}

function Attempts({ title, query, withOfficial, testId }: { title: string; query: Record<string, string>; withOfficial?: boolean; testId: string }) {
  const { t, m } = useI18n();
  const list = useApi<{ items: Attempt[] }>('/api/capacity/practice/attempts', query);
  const columns: ColumnsType<Attempt> = [
    ...(withOfficial ? [{ title: t('pr.col.official'), render: (_: unknown, a: Attempt) => a.official.fullName }] : []),
    { title: t('pr.col.scenario'), render: (_: unknown, a) => <Link to={attemptPath(a.id)}>{m(a.scenario.title)}</Link> },
    { title: t('pr.col.dossier'), render: (_: unknown, a) => (a.dossier ? <Link to={dossierPath(a.dossier.code)} className="mono">{a.dossier.code}</Link> : '—') },
    { title: t('pr.col.started'), render: (_: unknown, a) => fmtDateTime(a.startedAt), width: 150 },
    { title: t('pr.col.finished'), render: (_: unknown, a) => (a.finishedAt ? fmtDateTime(a.finishedAt) : <Tag color="processing">{t('pr.inProgress')}</Tag>), width: 150 },
    { title: t('pr.col.score'), render: (_: unknown, a) => (a.score === null ? '—' : <strong>{a.score}/100</strong>), align: 'right', width: 90 },
  ];
  return (
    <Section title={title} testId={testId}>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<Attempt>
          rowKey="id"
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          locale={{ emptyText: <span className="muted">{t('pr.none')}</span> }}
        />
      )}
    </Section>
  );
}
