// The dossiers behind one official's appraisal figure for a month (all assigned, the late ones, the ones sent
// back), each a link to the dossier. A leader records an objective cause on a late or sent-back dossier: it is
// then left out of that official's deductions.
import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../../../api';
import { ErrorState } from '../../../../components/common';
import { useI18n } from '../../../../i18n';
import { Link } from '../../../../router';
import { useApi } from '../../../../useApi';
import { num } from '../../reports/model';
import { textOf, type AppraisalDossier, type AppraisalFlag } from '../work-model';

export interface AppraisalDrill {
  unit: string;
  month: string;
  official: number;
  officialName: string;
  flag?: AppraisalFlag | undefined;
  title: string;
}

export function AppraisalDrawer({ query, canExempt, me, onClose, onChanged }: { query: AppraisalDrill | null; canExempt: boolean; me: number; onClose(): void; onChanged(): void }) {
  const { t, lang } = useI18n();
  const list = useApi<{ items: AppraisalDossier[]; total?: number }>(
    query ? '/api/capacity/appraisal/dossiers' : null,
    query ? { unit: query.unit, month: query.month, official: query.official, flag: query.flag } : undefined,
  );
  const [exempting, setExempting] = useState<AppraisalDossier | null>(null);
  const items = list.data?.items ?? [];
  const mayExempt = canExempt && !!query && query.official !== me;

  const columns: ColumnsType<AppraisalDossier> = [
    {
      title: t('capw.entry.dossier'),
      key: 'code',
      render: (_: unknown, d) => (
        <Link to={`/can-bo/ho-so/${encodeURIComponent(d.code)}`} className="mono">
          {d.code}
        </Link>
      ),
    },
    {
      title: t('capw.entry.procedure'),
      key: 'procedure',
      ellipsis: true,
      width: 220,
      render: (_: unknown, d) => (d.procedure ? textOf(d.procedure.name, lang) || d.procedure.code : '—'),
    },
    { title: t('capw.col.field'), dataIndex: 'field', render: (v: string | undefined) => v ?? '—' },
    { title: t('capw.ap.weight'), dataIndex: 'weight', render: (v: number | undefined) => num(v, lang, 1) },
    {
      title: t('capw.entry.outcome'),
      key: 'flags',
      render: (_: unknown, d) => (
        <Space size={4} wrap>
          {d.done ? <Tag color="green">{t('capw.ap.doneTag')}</Tag> : d.done === false ? <Tag>{t('capw.ap.openTag')}</Tag> : null}
          {d.late ? <Tag color="red">{t('capw.ap.lateTag', { n: d.late })}</Tag> : null}
          {d.sentBack ? <Tag color="red">{t('capw.ap.sentBackTag', { n: d.sentBack })}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('capw.ap.exemption'),
      key: 'exemption',
      render: (_: unknown, d) =>
        d.exempted ? (
          <div className="capw-sub" data-testid="ap-exemption">
            <Tag color="blue">{t('capw.ap.exemptedTag')}</Tag> {d.exemptionReason ?? ''}
          </div>
        ) : mayExempt && (d.late || d.sentBack) ? (
          <Button size="small" onClick={() => setExempting(d)} data-testid="ap-exempt" aria-label={t('capw.ap.exemptFor', { code: d.code })}>
            {t('capw.ap.exempt')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Drawer open={!!query} onClose={onClose} size={1000} title={query?.title ?? ''} destroyOnHidden>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<AppraisalDossier>
          rowKey={(d) => `${d.dossierId}|${d.code}`}
          size="small"
          loading={list.loading}
          columns={columns}
          dataSource={items}
          data-testid="appraisal-dossiers"
          caption={<span className="report-caption">{t('capw.entry.caption', { n: num(list.data?.total ?? items.length, lang) })}</span>}
          locale={{ emptyText: <span className="muted">{t('capw.entry.empty')}</span> }}
          tableLayout="auto"
          pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        />
      )}
      {query ? (
        <ExemptionModal
          dossier={exempting}
          accountId={query.official}
          name={query.officialName}
          onClose={() => setExempting(null)}
          onDone={() => {
            setExempting(null);
            list.reload();
            onChanged();
          }}
        />
      ) : null}
    </Drawer>
  );
}

function ExemptionModal({ dossier, accountId, name, onClose, onDone }: { dossier: AppraisalDossier | null; accountId: number; name: string; onClose(): void; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [shown, setShown] = useState(dossier);
  if (shown !== dossier) {
    setShown(dossier);
    setReason('');
    setMissing(false);
    setFailure(undefined);
  }
  if (!dossier) return null;
  const submit = async () => {
    if (reason.trim().length < 3) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      await api.post('/api/capacity/appraisal/exemptions', { dossierId: dossier.dossierId, accountId, reason: reason.trim() });
      message.success(t('capw.ap.exempted.done', { code: dossier.code }));
      onDone();
    } catch (e) {
      setFailure(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('capw.ap.exemptTitle')} okText={t('capw.ap.exemptSave')} cancelText={t('common.cancel')} onOk={submit} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <p>{t('capw.ap.exemptWhat', { code: dossier.code, name })}</p>
      <Form layout="vertical">
        <Form.Item label={t('capw.ap.exemptReason')} htmlFor="ap-exempt-reason" required validateStatus={missing ? 'error' : undefined} help={missing ? t('capw.ap.exemptReasonMissing') : t('capw.ap.exemptHelp')}>
          <Input.TextArea id="ap-exempt-reason" rows={3} maxLength={1000} value={reason} onChange={(e) => { setReason(e.target.value); setMissing(false); }} />
        </Form.Item>
      </Form>
      {failure ? <Alert type="error" showIcon title={failure} role="alert" /> : null}
    </Modal>
  );
}
