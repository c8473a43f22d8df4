// Returning results at the desk: find the dossier by its code or the QR code on its receipt (a scanner types
// the address and Enter), record the hand-over, print. Below, the results waiting to be returned.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table } from 'antd';
import { api } from '../../api';
import { ColourTag, ErrorState, PageTitle } from '../../components/common';
import { PrintButton } from '../../components/files';
import { fmtDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useApi } from '../../useApi';
import type { ActionResult, Dossier, DossierList, DossierListItem } from '../../types';
import { ActionDialog } from './dossier/ActionDialog';

/** A dossier code from what was typed, pasted or scanned: the code itself, or a …/tra-cuu/{code} address. */
export function codeFrom(input: string): string | null {
  const s = input.trim();
  const url = /\/tra-cuu\/([^/?#\s]+)/.exec(s);
  const code = url ? decodeURIComponent(url[1]!) : s;
  return /^[0-9A-Za-z.]+-\d{6}-\d{4,}$/.test(code) ? code : null;
}

export default function Returns() {
  const { t, m } = useI18n();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [bad, setBad] = useState(false);
  const [found, setFound] = useState<Dossier | null>(null);
  const [error, setError] = useState<unknown>();
  const [recording, setRecording] = useState(false);
  const ready = useApi<DossierList>('/api/dossiers', { status: 'resolved', limit: 50 });

  const find = async (input: string) => {
    const code = codeFrom(input);
    setBad(!code);
    setFound(null);
    setError(undefined);
    if (!code) return;
    try {
      setFound(await api.get<Dossier>(`/api/dossiers/${encodeURIComponent(code)}`));
    } catch (e) {
      setError(e);
    }
  };
  const done = async (r: ActionResult) => {
    setRecording(false);
    message.success(t('returns.done', { code: r.code }));
    ready.reload();
    await find(r.code);
  };
  const canReturn = found?.allowedActions.some((a) => a.action === 'return_result');

  return (
    <>
      <PageTitle title={t('returns.title')} />
      <Card size="small" className="section">
        <Form layout="vertical" onFinish={() => find(text)}>
          <Form.Item label={t('returns.find')} htmlFor="returns-code" extra={t('returns.findHint')} validateStatus={bad ? 'error' : undefined} help={bad ? t('returns.badCode') : undefined}>
            <Input.Search id="returns-code" autoFocus value={text} onChange={(e) => setText(e.target.value)} onSearch={find} enterButton={t('common.search')} allowClear />
          </Form.Item>
        </Form>
      </Card>
      {error ? <ErrorState error={error} /> : null}
      {found ? (
        <Card size="small" className="section" title={<h2 className="card-title mono">{found.code}</h2>} extra={<ColourTag colour={found.colour} done={!!found.resolvedAt} />}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('dossier.procedure')}>{found.procedure.name}</Descriptions.Item>
            <Descriptions.Item label={t('dossier.applicant')}>{found.applicant.name}</Descriptions.Item>
            <Descriptions.Item label={t('dossier.status')}>{m(found.statusName)}</Descriptions.Item>
            <Descriptions.Item label={t('dossier.dueAt')}>{fmtDateTime(found.dueAt)}</Descriptions.Item>
            <Descriptions.Item label={t('dossier.resolvedAt')}>{fmtDateTime(found.resolvedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('dossier.returnedAt')}>{fmtDateTime(found.returnedAt)}</Descriptions.Item>
          </Descriptions>
          {!canReturn && !found.returnedAt ? <Alert type="warning" showIcon title={t('returns.notReady', { status: m(found.statusName) })} style={{ marginBottom: 12 }} /> : null}
          <Space wrap>
            {canReturn ? (
              <Button type="primary" onClick={() => setRecording(true)} data-action="return_result">
                {t('returns.record')}
              </Button>
            ) : null}
            {found.receivedAt ? <PrintButton dossier={found.id} form="receipt" /> : null}
            {found.receivedAt ? <PrintButton dossier={found.id} form="control-sheet" /> : null}
            <Link to={`/can-bo/ho-so/${encodeURIComponent(found.code)}`}>{t('approvals.openDossier')}</Link>
          </Space>
          {recording ? <ActionDialog dossier={found} action="return_result" onClose={() => setRecording(false)} onDone={done} /> : null}
        </Card>
      ) : null}
      <Card size="small" className="section" title={<h2 className="card-title">{t('returns.ready')}</h2>}>
        {ready.error ? (
          <ErrorState error={ready.error} onRetry={ready.reload} />
        ) : (
          <Table<DossierListItem>
            rowKey="id"
            size="small"
            loading={ready.loading}
            dataSource={ready.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: <span className="muted">{t('inbox.empty')}</span> }}
            columns={[
              {
                title: t('inbox.col.code'),
                render: (_, r) => (
                  <Button type="link" className="mono" style={{ padding: 0 }} onClick={() => { setText(r.code); void find(r.code); }}>
                    {r.code}
                  </Button>
                ),
              },
              { title: t('inbox.col.procedure'), render: (_, r) => r.procedure.name, ellipsis: true },
              { title: t('inbox.col.applicant'), dataIndex: 'applicantName' },
              { title: t('dossier.resolvedAt'), render: (_, r) => fmtDateTime(r.resolvedAt) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
