// A unit's wording of the e-mails and SMS sent to applicants: per event and channel, the default, the unit's own
// text with the placeholders it may use, a preview with example data, save and back to the default.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { api, type Msg } from '../../../api';
import { ErrorState, Loading, PageTitle } from '../../../components/common';
import { fmtDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';

interface Template {
  subject: string | null;
  body: string;
}
interface ChannelTemplates {
  channel: 'email' | 'sms';
  name: Msg;
  default: Template;
  override: (Template & { updatedAt: string; updatedBy: string | null }) | null;
}
interface EventTemplates {
  event: string;
  name: Msg;
  placeholders: Array<{ name: string; description: Msg }>;
  channels: ChannelTemplates[];
}
interface TemplatesResponse {
  unit: { code: string; name: string };
  units: Array<{ code: string; name: string }>;
  events: EventTemplates[];
}

function Editor({ unit, ev, ch, onSaved }: { unit: string; ev: EventTemplates; ch: ChannelTemplates; onSaved(): void }) {
  const { t, m, errorText } = useI18n();
  const { message } = App.useApp();
  const start = ch.override ?? ch.default;
  const [subject, setSubject] = useState(start.subject ?? '');
  const [body, setBody] = useState(start.body);
  const [preview, setPreview] = useState<{ subject: string | null; body: string; length: number } | null>(null);
  const [error, setError] = useState<unknown>();
  const area = useRef<TextAreaRef>(null);
  useEffect(() => {
    setSubject(start.subject ?? '');
    setBody(start.body);
    setPreview(null);
    setError(undefined);
  }, [start.subject, start.body]);

  const payload = () => ({ body, ...(ch.channel === 'email' ? { subject } : {}) });
  const insert = (name: string) => {
    const el = area.current?.resizableTextArea?.textArea;
    const at = el ? el.selectionStart : body.length;
    setBody(`${body.slice(0, at)}{{${name}}}${body.slice(el ? el.selectionEnd : at)}`);
  };
  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
      setError(undefined);
    } catch (e) {
      setError(e);
      setPreview(null);
    }
  };
  const doPreview = () => run(async () => setPreview(await api.post('/api/notification-templates/preview', { unit, event: ev.event, channel: ch.channel, ...payload() })));
  const save = () =>
    run(async () => {
      await api.put(`/api/notification-templates/${unit}/${ev.event}/${ch.channel}`, payload());
      message.success(t('templates.saved'));
      onSaved();
    });
  const reset = () =>
    run(async () => {
      await api.delete(`/api/notification-templates/${unit}/${ev.event}/${ch.channel}`);
      message.success(t('templates.resetDone'));
      onSaved();
    });

  const label = `${m(ev.name)} — ${m(ch.name)}`;
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{m(ch.name)}</h2>} extra={<Tag>{ch.override ? t('templates.own') : t('templates.default')}</Tag>}>
      {ch.override ? <p className="muted">{t('templates.updated', { at: fmtDateTime(ch.override.updatedAt), by: ch.override.updatedBy ?? '—' })}</p> : null}
      {ch.channel === 'email' ? (
        <label style={{ display: 'block', marginBottom: 8 }}>
          {t('templates.subject')}
          <Input aria-label={`${t('templates.subject')} — ${label}`} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
        </label>
      ) : null}
      <label style={{ display: 'block', marginBottom: 8 }}>
        {t('templates.body')}
        <Input.TextArea ref={area} aria-label={`${t('templates.body')} — ${label}`} value={body} autoSize={{ minRows: ch.channel === 'sms' ? 3 : 8 }} onChange={(e) => setBody(e.target.value)} />
      </label>
      {ch.channel === 'sms' ? <p className="muted">{t('templates.smsHint')}</p> : null}
      <div style={{ margin: '8px 0' }}>
        <span>{t('templates.placeholders')}: </span>
        {ev.placeholders.map((p) => (
          <Button key={p.name} size="small" style={{ margin: 2 }} title={m(p.description)} onClick={() => insert(p.name)}>
            {`{{${p.name}}}`}
          </Button>
        ))}
      </div>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 8 }} /> : null}
      <Space wrap>
        <Button onClick={doPreview}>{t('templates.preview')}</Button>
        <Button type="primary" onClick={save}>
          {t('templates.save')}
        </Button>
        {ch.override ? (
          <Popconfirm title={t('templates.resetConfirm')} onConfirm={reset}>
            <Button danger>{t('templates.reset')}</Button>
          </Popconfirm>
        ) : null}
      </Space>
      {preview ? (
        <div className="section" style={{ marginTop: 12 }} aria-live="polite">
          <h3 className="card-subtitle">{t('templates.previewTitle', { length: preview.length })}</h3>
          {preview.subject ? (
            <p>
              <strong>{t('templates.subject')}:</strong> {preview.subject}
            </p>
          ) : null}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8 }}>{preview.body}</Typography.Paragraph>
        </div>
      ) : null}
    </Card>
  );
}

export default function NotificationTemplates() {
  const { t, m } = useI18n();
  const [unit, setUnit] = useState<string | undefined>();
  const { data, error, loading, reload } = useApi<TemplatesResponse>('/api/notification-templates', { unit });

  if (error) {
    return (
      <>
        <PageTitle title={t('templates.title')} />
        <ErrorState error={error} onRetry={reload} />
      </>
    );
  }
  if (!data) return loading ? <Loading /> : null;
  return (
    <>
      <PageTitle title={t('templates.title')} />
      <Card size="small" className="section">
        <p>{t('templates.intro')}</p>
        {data.units.length > 1 ? (
          <label>
            {t('templates.unit')}:{' '}
            <Select
              showSearch
              optionFilterProp="label"
              value={data.unit.code}
              onChange={setUnit}
              style={{ width: 280 }}
              options={data.units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))}
            />
          </label>
        ) : (
          <strong>{data.unit.name}</strong>
        )}
      </Card>
      <Tabs
        items={data.events.map((ev) => ({
          key: ev.event,
          label: m(ev.name),
          children: (
            <>
              {ev.channels.map((ch) => (
                <Editor key={`${data.unit.code}-${ch.channel}`} unit={data.unit.code} ev={ev} ch={ch} onSaved={reload} />
              ))}
            </>
          ),
        }))}
      />
    </>
  );
}
