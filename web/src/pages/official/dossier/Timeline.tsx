// The dossier's history as a control sheet: each step's time spent against time allotted, the pauses, the due
// date and its changes, transfers, consultations and fees.
import { Card, Descriptions, List, Table, Typography } from 'antd';
import { ColourTag } from '../../../components/common';
import { fmtDateTime, fmtMoney, fmtWorkingMinutes } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import type { Dossier, HistoryEntry } from '../../../types';

export function Timeline({ d }: { d: Dossier }) {
  const { t, m } = useI18n();
  const stepName = (key: string | null) => {
    const s = d.steps.find((x) => x.key === key);
    return s ? m(s.name) : '';
  };
  const columns = [
    { title: t('dossier.timeline.at'), dataIndex: 'at', render: (v: string) => fmtDateTime(v), width: 140 },
    { title: t('dossier.timeline.action'), render: (_: unknown, h: HistoryEntry) => m(h.actionName) },
    { title: t('dossier.timeline.actor'), render: (_: unknown, h: HistoryEntry) => h.actor.name ?? '—' },
    {
      title: t('dossier.timeline.step'),
      render: (_: unknown, h: HistoryEntry) => (h.fromStep && h.fromStep !== h.toStep ? `${stepName(h.fromStep)} → ${stepName(h.toStep)}` : stepName(h.toStep) || '—'),
    },
    {
      title: t('dossier.timeline.spent'),
      render: (_: unknown, h: HistoryEntry) => (h.allottedMinutes === null ? '—' : `${fmtWorkingMinutes(h.spentMinutes, t)} / ${fmtWorkingMinutes(h.allottedMinutes, t)}`),
    },
    { title: t('dossier.timeline.result'), render: (_: unknown, h: HistoryEntry) => (h.timeliness ? <ColourTag colour={h.timeliness} done /> : '—') },
    { title: t('dossier.timeline.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
  ];
  return (
    <Card title={<h2 className="card-title">{t('dossier.timeline')}</h2>} size="small" className="section">
      <Table<HistoryEntry> rowKey="seq" size="small" columns={columns} dataSource={d.history} pagination={false} scroll={{ x: 800 }} />
    </Card>
  );
}

export function DueDates({ d }: { d: Dossier }) {
  const { t } = useI18n();
  return (
    <Card title={<h2 className="card-title">{t('dossier.dueChanges')}</h2>} size="small" className="section">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('dossier.receivedAt')}>{fmtDateTime(d.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.originalDueAt')}>{fmtDateTime(d.originalDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.dueAt')}>
          <strong>{fmtDateTime(d.dueAt)}</strong>
        </Descriptions.Item>
        {d.workingMinutesLeft !== null ? <Descriptions.Item label={t('dossier.timeLeft')}>{fmtWorkingMinutes(d.workingMinutesLeft, t)}</Descriptions.Item> : null}
      </Descriptions>
      {d.extension ? (
        <Typography.Paragraph>
          {t('dossier.extension', { from: fmtDateTime(d.extension.previousDueAt), to: fmtDateTime(d.extension.newDueAt), reason: d.extension.reason })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

type Missing = { name: string; requirement: string | null };

export function Pauses({ d }: { d: Dossier }) {
  const { t } = useI18n();
  if (d.pauses.length === 0) return null;
  return (
    <Card title={<h2 className="card-title">{t('dossier.pauses')}</h2>} size="small" className="section">
      <List
        size="small"
        dataSource={d.pauses}
        renderItem={(p) => {
          const missing = (p.details.missing as Missing[] | undefined) ?? [];
          return (
            <List.Item>
              <div>
                <strong>{t(`dossier.pause.${p.kind}` as Key)}</strong>: {fmtDateTime(p.startedAt)} → {p.endedAt ? fmtDateTime(p.endedAt) : t('dossier.pause.ongoing')}
                <div>{p.reason}</div>
                {missing.length ? (
                  <div>
                    {t('dossier.pause.missing')}: {missing.map((x) => x.name).join('; ')}
                  </div>
                ) : null}
              </div>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

export function Exchanges({ d }: { d: Dossier }) {
  const { t, lang } = useI18n();
  return (
    <>
      {d.transfers.length ? (
        <Card title={<h2 className="card-title">{t('dossier.transfers')}</h2>} size="small" className="section">
          <List
            size="small"
            dataSource={d.transfers}
            renderItem={(x) => (
              <List.Item>
                <div>
                  {t('dossier.transfer.line', {
                    from: x.from,
                    to: x.to,
                    sent: fmtDateTime(x.sentAt),
                    due: fmtDateTime(x.dueAt),
                    back: x.returnedAt ? t('dossier.transfer.back', { at: fmtDateTime(x.returnedAt) }) : t('dossier.transfer.open'),
                  })}
                  <div className="muted">{x.reason}</div>
                  {x.resultNote ? <div>{x.resultNote}</div> : null}
                </div>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {d.consultations.length ? (
        <Card title={<h2 className="card-title">{t('dossier.consultations')}</h2>} size="small" className="section">
          <List
            size="small"
            dataSource={d.consultations}
            renderItem={(c) => (
              <List.Item>
                <div>
                  <strong>{c.office.name}</strong> — {fmtDateTime(c.askedAt)} ({t('dossier.dueAt')}: {fmtDateTime(c.dueAt)})
                  <div>{c.question}</div>
                  <div className={c.answer ? '' : 'muted'}>{c.answer ? `${fmtDateTime(c.answeredAt)}: ${c.answer}` : t('dossier.consultation.waiting')}</div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {d.fees.length ? (
        <Card title={<h2 className="card-title">{t('dossier.fees')}</h2>} size="small" className="section">
          <List
            size="small"
            dataSource={d.fees}
            renderItem={(f) => (
              <List.Item>
                {f.description}: {fmtMoney(f.amount, lang)} — {f.paidAt ? t('dossier.fee.paid', { at: fmtDateTime(f.paidAt) }) : t('dossier.fee.unpaid')}
              </List.Item>
            )}
          />
        </Card>
      ) : null}
    </>
  );
}
