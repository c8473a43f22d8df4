// One class (/can-bo/nang-luc/dao-tao/lop/:id): enrol officials, the attendance grid per session, the score grid
// per test (0–10), closing the class (a certificate only with full attendance and every test at 5/10 or above),
// and the impact: the attendees' send-back rate before the class against after it, beside the other officials.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Descriptions, Form, InputNumber, Popconfirm, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../../api';
import { ErrorState, Loading, PageTitle, useSubmit } from '../../../components/common';
import { fmtDate } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { Link, useParams } from '../../../router';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import { CAP_ADMINS, num, type ClassDetail, type CloseResult, type Enrolment, type OfficialRow } from './model';
import { EmptyHint, Section } from './people/parts';
import { ImpactPanel } from './people/impact';

export default function ClassPage() {
  const { t } = useI18n();
  const { id } = useParams<{ id: string }>();
  const session = useSession();
  const data = useApi<ClassDetail>(`/api/capacity/classes/${encodeURIComponent(id)}`);
  const [closed, setClosed] = useState<CloseResult | null>(null);
  const c = data.data;
  if (data.error) {
    return (
      <>
        <PageTitle title={t('cp.cls.title')} />
        <ErrorState error={data.error} onRetry={data.reload} />
      </>
    );
  }
  if (!c) return <Loading />;
  const canEdit = session.unitsWith(...CAP_ADMINS).some((u) => u.code === c.unit.code);
  const open = c.status !== 'closed' && c.status !== 'cancelled';
  const editable = canEdit && open;
  const active = c.enrolments.filter((e) => e.status !== 'withdrawn');

  return (
    <>
      <PageTitle title={c.name} extra={<Link to={`/can-bo/nang-luc/dao-tao?unit=${c.unit.code}&year=${c.startsOn.slice(0, 4)}`}>{t('cp.cls.back')}</Link>} />
      <Section title={t('cp.cls.about')} testId="cls-about">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('cp.col.code')}>{c.code}</Descriptions.Item>
          <Descriptions.Item label={t('cp.col.programme')}>{c.programme.name}</Descriptions.Item>
          <Descriptions.Item label={t('cp.col.status')}>
            <span data-testid="cls-status">{t(`cp.classStatus.${c.status}` as Key)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('cp.col.dates')}>
            {fmtDate(c.startsOn)} – {fmtDate(c.endsOn)}
          </Descriptions.Item>
          <Descriptions.Item label={t('cp.col.trainer')}>{c.trainer}</Descriptions.Item>
          <Descriptions.Item label={t('cp.col.place')}>{c.online ? t('cp.tr.online') : (c.place ?? '—')}</Descriptions.Item>
          <Descriptions.Item label={t('cp.col.hours')}>{num(c.hours, 'vi', 1)}</Descriptions.Item>
          <Descriptions.Item label={t('cp.col.enrolled')}>
            {c.enrolled}
            {c.capacity ? ` / ${c.capacity}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('cp.col.passed')}>{c.passed}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('cp.cls.rule')}
        </Typography.Paragraph>
      </Section>
      {editable ? <EnrolBox detail={c} onDone={data.reload} /> : null}
      <AttendanceGrid detail={c} rows={active} editable={editable} onDone={data.reload} />
      <ScoreGrid detail={c} rows={active} editable={editable} onDone={data.reload} />
      {closed ? <CloseSummary result={closed} /> : null}
      {!open ? <Results rows={active} /> : null}
      {editable ? (
        <Section title={t('cp.cls.closeTitle')}>
          <Typography.Paragraph>{t('cp.cls.closeHint')}</Typography.Paragraph>
          <CloseButton detail={c} onClosed={(r) => { setClosed(r); data.reload(); }} />
        </Section>
      ) : null}
      <ImpactPanel classId={c.id} />
    </>
  );
}

function EnrolBox({ detail, onDone }: { detail: ClassDetail; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const officials = useApi<{ items: OfficialRow[] }>('/api/capacity/officials', { unit: detail.unit.code });
  const [chosen, setChosen] = useState<number[]>([]);
  const { busy, submit } = useSubmit();
  const enrolled = new Set(detail.enrolments.filter((e) => e.status !== 'withdrawn').map((e) => e.accountId));
  const enrol = async () => {
    if (!chosen.length) return;
    await submit(async () => {
      await api.post(`/api/capacity/classes/${detail.id}/enrolments`, { accountIds: chosen });
      message.success(t('cp.cls.enrolled', { n: chosen.length }));
      setChosen([]);
      onDone();
    });
  };
  return (
    <Section title={t('cp.cls.enrol')} testId="cls-enrol">
      <Form layout="inline">
        <Form.Item label={t('cp.cls.chooseOfficials')} htmlFor="cls-enrol-select">
          <Select
            id="cls-enrol-select"
            mode="multiple"
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 360 }}
            value={chosen}
            onChange={setChosen}
            loading={officials.loading}
            options={(officials.data?.items ?? []).filter((o) => !enrolled.has(o.id)).map((o) => ({ value: o.id, label: o.fullName }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" onClick={enrol} disabled={!chosen.length} loading={busy} data-testid="cls-enrol-button">
            {t('cp.cls.enrolButton')}
          </Button>
        </Form.Item>
      </Form>
    </Section>
  );
}

/** Draft changes of a grid, keyed by column then official; sent one PUT per changed column. */
function useDraft<V>() {
  const [draft, setDraft] = useState<Record<string, Record<number, V>>>({});
  return {
    draft,
    set: (col: number, accountId: number, v: V) => setDraft((d) => ({ ...d, [col]: { ...d[col], [accountId]: v } })),
    clear: () => setDraft({}),
    changed: Object.values(draft).reduce((n, c) => n + Object.keys(c).length, 0),
  };
}

function AttendanceGrid({ detail, rows, editable, onDone }: { detail: ClassDetail; rows: Enrolment[]; editable: boolean; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const d = useDraft<boolean>();
  const { busy, submit } = useSubmit();
  const value = (sessionId: number, e: Enrolment) => d.draft[sessionId]?.[e.accountId] ?? e.attendance[String(sessionId)] ?? null;
  const save = async () => {
    await submit(async () => {
      for (const [sessionId, marks] of Object.entries(d.draft)) {
        await api.put(`/api/capacity/classes/${detail.id}/attendance`, { sessionId: Number(sessionId), marks: Object.entries(marks).map(([accountId, present]) => ({ accountId: Number(accountId), present })) });
      }
      message.success(t('cp.cls.attendanceSaved'));
      d.clear();
      onDone();
    });
  };
  const withdraw = async (e: Enrolment) => {
    try {
      await api.delete(`/api/capacity/classes/${detail.id}/enrolments/${e.accountId}`);
      message.success(t('cp.cls.withdrawn', { name: e.fullName }));
      onDone();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const markAll = (sessionId: number) => rows.forEach((e) => d.set(sessionId, e.accountId, true));
  const columns: ColumnsType<Enrolment> = [
    { title: t('cp.col.official'), render: (_: unknown, e) => <Link to={`/can-bo/nang-luc/can-bo/${e.accountId}`}>{e.fullName}</Link> },
    ...detail.sessions.map((s) => ({
      key: `s${s.id}`,
      title: (
        <div>
          <div>{t('cp.cls.session', { n: s.seq })}</div>
          <div className="muted">
            {fmtDate(s.heldOn)} · {num(s.hours, 'vi', 1)} {t('cp.hoursUnit')}
          </div>
          {editable ? (
            <Button size="small" type="link" className="cap-link-button" onClick={() => markAll(s.id)}>
              {t('cp.cls.allPresent')}
            </Button>
          ) : null}
        </div>
      ),
      align: 'center' as const,
      render: (_: unknown, e: Enrolment) => {
        const v = value(s.id, e);
        const label = t('cp.cls.presentAria', { name: e.fullName, n: s.seq });
        return editable ? (
          <Checkbox aria-label={label} checked={v === true} onChange={(ev) => d.set(s.id, e.accountId, ev.target.checked)} />
        ) : (
          <span>{v === true ? t('cp.cls.present') : v === false ? t('cp.cls.absent') : '—'}</span>
        );
      },
    })),
    { title: t('cp.cls.attendedCol'), align: 'right', render: (_: unknown, e) => `${e.attended}/${e.sessions}` },
    { title: t('cp.cls.hoursAttended'), align: 'right', render: (_: unknown, e) => num(e.hoursAttended, 'vi', 1) },
    ...(editable
      ? [
          {
            key: 'withdraw',
            title: <span className="cap-sr-only">{t('cp.plan.actions')}</span>,
            render: (_: unknown, e: Enrolment) => (
              <Popconfirm title={t('cp.cls.withdrawConfirm', { name: e.fullName })} okText={t('cp.cls.withdraw')} cancelText={t('common.cancel')} onConfirm={() => withdraw(e)}>
                <Button size="small" aria-label={t('cp.cls.withdrawAria', { name: e.fullName })}>
                  {t('cp.cls.withdraw')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <Section
      title={t('cp.cls.attendance')}
      testId="cls-attendance"
      extra={
        editable ? (
          <Button type="primary" onClick={save} disabled={!d.changed} loading={busy} data-testid="cls-save-attendance">
            {d.changed ? t('cp.cls.saveN', { n: d.changed }) : t('common.save')}
          </Button>
        ) : null
      }
    >
      {detail.sessions.length ? (
        <Table<Enrolment> rowKey="accountId" size="small" pagination={false} columns={columns} dataSource={rows} locale={{ emptyText: <EmptyHint text={editable ? t('cp.cls.noEnrolmentsAdmin') : t('cp.cls.noEnrolments')} /> }} />
      ) : (
        <EmptyHint text={t('cp.cls.noSessions')} />
      )}
    </Section>
  );
}

function ScoreGrid({ detail, rows, editable, onDone }: { detail: ClassDetail; rows: Enrolment[]; editable: boolean; onDone(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const d = useDraft<number | null>();
  const { busy, submit } = useSubmit();
  const save = async () => {
    await submit(async () => {
      for (const [testId, marks] of Object.entries(d.draft)) {
        const list = Object.entries(marks)
          .filter(([, score]) => score !== null && score !== undefined)
          .map(([accountId, score]) => ({ accountId: Number(accountId), score: score as number }));
        if (list.length) await api.put(`/api/capacity/classes/${detail.id}/scores`, { testId: Number(testId), marks: list });
      }
      message.success(t('cp.cls.scoresSaved'));
      d.clear();
      onDone();
    });
  };
  const columns: ColumnsType<Enrolment> = [
    { title: t('cp.col.official'), render: (_: unknown, e) => e.fullName },
    ...detail.tests.map((x) => ({
      key: `t${x.id}`,
      title: (
        <div>
          <div>{x.name}</div>
          {x.heldOn ? <div className="muted">{fmtDate(x.heldOn)}</div> : null}
        </div>
      ),
      align: 'center' as const,
      render: (_: unknown, e: Enrolment) => {
        const drafted = d.draft[x.id]?.[e.accountId];
        const v = drafted !== undefined ? drafted : (e.scores[String(x.id)] ?? null);
        const label = t('cp.cls.scoreAria', { name: e.fullName, test: x.name });
        if (!editable) return v === null ? '—' : <span className={v < 5 ? 'cap-tag cap-gap-big' : undefined}>{num(v, lang, 2)}</span>;
        return <InputNumber className="cap-grid-input" aria-label={label} min={0} max={10} step={0.25} value={v} onChange={(n) => d.set(x.id, e.accountId, n === null ? null : Number(n))} />;
      },
    })),
  ];
  return (
    <Section
      title={t('cp.cls.scores')}
      testId="cls-scores"
      extra={
        editable ? (
          <Button type="primary" onClick={save} disabled={!d.changed} loading={busy} data-testid="cls-save-scores">
            {d.changed ? t('cp.cls.saveN', { n: d.changed }) : t('common.save')}
          </Button>
        ) : null
      }
    >
      {detail.tests.length ? (
        <Table<Enrolment> rowKey="accountId" size="small" pagination={false} columns={columns} dataSource={rows} locale={{ emptyText: <EmptyHint text={t('cp.cls.noEnrolments')} /> }} />
      ) : (
        <EmptyHint text={t('cp.cls.noTests')} />
      )}
    </Section>
  );
}

function CloseButton({ detail, onClosed }: { detail: ClassDetail; onClosed(r: CloseResult): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { busy, submit } = useSubmit();
  const close = async () => {
    await submit(async () => {
      const r = await api.post<CloseResult>(`/api/capacity/classes/${detail.id}/close`);
      message.success(t('cp.cls.closed'));
      onClosed(r);
    });
  };
  return (
    <Popconfirm title={t('cp.cls.closeConfirm')} okText={t('cp.cls.closeButton')} cancelText={t('common.cancel')} onConfirm={close}>
      <Button danger loading={busy} data-testid="cls-close">
        {t('cp.cls.closeButton')}
      </Button>
    </Popconfirm>
  );
}

function CloseSummary({ result }: { result: CloseResult }) {
  const { t, m } = useI18n();
  return (
    <Alert
      className="section cap-alert"
      type="success"
      showIcon
      data-testid="cls-close-summary"
      title={t('cp.cls.closedSummary', { passed: result.passed.length, failed: result.notPassed.length })}
      description={
        <ul className="cap-plain-list">
          {result.passed.map((p) => (
            <li key={p.accountId}>{t('cp.cls.passedLine', { name: p.fullName, code: p.verificationCode ?? '—' })}</li>
          ))}
          {result.notPassed.map((p) => (
            <li key={p.accountId}>{t('cp.cls.failedLine', { name: p.fullName, reason: m(p.reason) })}</li>
          ))}
        </ul>
      }
    />
  );
}

/** Who passed (with the certificate code) and who did not, and why. */
function Results({ rows }: { rows: Enrolment[] }) {
  const { t, m } = useI18n();
  return (
    <Section title={t('cp.cls.results')} testId="cls-results">
      <Table<Enrolment>
        rowKey="accountId"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('cp.col.official'), render: (_: unknown, e) => <Link to={`/can-bo/nang-luc/can-bo/${e.accountId}`}>{e.fullName}</Link> },
          {
            title: t('cp.col.result'),
            render: (_: unknown, e) => <span className={`cap-tag cap-gap-${e.status === 'passed' ? 'ok' : e.status === 'not_passed' ? 'big' : 'none'}`}>{t(`cp.enrolment.${e.status}` as Key)}</span>,
          },
          { title: t('cp.col.certCode'), render: (_: unknown, e) => (e.certificate?.verificationCode ? <span className="mono">{e.certificate.verificationCode}</span> : '—') },
          { title: t('cp.col.reason'), render: (_: unknown, e) => (e.resultNote ? m(e.resultNote) : '—') },
        ]}
        locale={{ emptyText: <EmptyHint text={t('cp.cls.noEnrolments')} /> }}
      />
    </Section>
  );
}
