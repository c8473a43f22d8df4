// What the applicant was told about this dossier, by e-mail and SMS: when, about what, to whom (masked for those who
// may not see personal data), whether it went out, and the text itself on demand.
import { useEffect, useRef } from 'react';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import type { Msg } from '../../../api';
import { fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useApi } from '../../../useApi';

export interface SentNotification {
  id: number;
  event: string;
  eventName: Msg;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  state: 'sending' | 'sent' | 'failed';
  error: Msg | null;
  providerMessageId: string | null;
  createdAt: string;
  sentAt: string | null;
}

// Preset colours: the theme's darker success green would give a murky, low-contrast "success" tag.
const STATE_COLOUR = { sending: 'blue', sent: 'green', failed: 'red' } as const;

/** `revision` reloads the list after an action on the dossier (the message itself follows within seconds). */
export function NotificationsPanel({ dossierId, revision }: { dossierId: number; revision: number }) {
  const { t, m, errorText } = useI18n();
  const { data, error, loading, reload } = useApi<{ notifications: SentNotification[] }>(`/api/dossiers/${dossierId}/notifications`);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else reload();
  }, [revision, reload]);
  const list = data?.notifications ?? [];
  return (
    <Card
      title={<h2 className="card-title">{t('notif.title')}</h2>}
      size="small"
      className="section"
      extra={
        <Button size="small" onClick={reload} loading={loading}>
          {t('notif.reload')}
        </Button>
      }
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {!error && !loading && !list.length ? <Typography.Text type="secondary">{t('notif.none')}</Typography.Text> : null}
      {list.length ? (
        <Table<SentNotification>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list}
          scroll={{ x: 640 }}
          expandable={{
            expandedRowRender: (n) => (
              <div className="notification-text">
                {n.subject ? (
                  <p>
                    <strong>{t('notif.subject')}:</strong> {n.subject}
                  </p>
                ) : null}
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{n.body}</Typography.Paragraph>
              </div>
            ),
          }}
          columns={[
            { title: t('notif.col.time'), dataIndex: 'createdAt', width: 140, render: (v: string) => fmtDateTime(v) },
            { title: t('notif.col.event'), render: (_: unknown, n) => m(n.eventName) },
            { title: t('notif.col.channel'), width: 110, render: (_: unknown, n) => t(`notif.channel.${n.channel}` as Key) },
            { title: t('notif.col.recipient'), dataIndex: 'recipient' },
            {
              title: t('notif.col.state'),
              render: (_: unknown, n) => (
                <>
                  <Tag color={STATE_COLOUR[n.state]}>{t(`notif.state.${n.state}` as Key)}</Tag>
                  {n.state === 'sent' && n.sentAt ? <div className="muted">{t('notif.sentAt', { at: fmtDateTime(n.sentAt) })}</div> : null}
                  {n.state === 'failed' && n.error ? <div className="muted">{m(n.error)}</div> : null}
                  {n.state === 'sending' && n.error ? <div className="muted">{t('notif.retrying', { error: m(n.error) })}</div> : null}
                </>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
