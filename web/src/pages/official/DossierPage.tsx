// Everything about one dossier: summary, applicant, components with their files (viewable inline), the
// history with time spent against time allotted, pauses and due dates, and only the actions allowed now.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Row, Select, Space, Table, Upload } from 'antd';
import { api } from '../../api';
import { ColourTag, ErrorState, LinkButton, Loading, PageTitle } from '../../components/common';
import { FileButtons, PrintButton, type FormName } from '../../components/files';
import { fmtDateTime, fmtMoney } from '../../format';
import { useI18n, type Key } from '../../i18n';
import { useParams } from '../../router';
import { useApi } from '../../useApi';
import type { ActionName, ActionResult, Dossier, DossierFile } from '../../types';
import { ActionDialog, FORM_AFTER } from './dossier/ActionDialog';
import { DueDates, Exchanges, Pauses, Timeline } from './dossier/Timeline';
import { PaymentPanel } from './dossier/PaymentPanel';
import { DataSources } from './dossier/DataSources';
import { NotificationsPanel } from './dossier/NotificationsPanel';
import { SignPanel } from './dossier/SignPanel';
import { PracticeBanner } from './practice/PracticeBanner';

export function availableForms(d: Dossier): FormName[] {
  const forms: FormName[] = [];
  if (d.receivedAt) forms.push('receipt');
  if (d.status === 'intake_supplement' || d.pauses.some((p) => p.kind === 'supplement')) forms.push('supplement-request');
  if (d.status === 'refused') forms.push('refusal');
  if (d.extension) forms.push('apology');
  if (d.receivedAt) forms.push('control-sheet');
  return forms;
}

function Attach({ d, onDone }: { d: Dossier; onDone(): void }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<DossierFile['kind']>(d.status === 'processing' ? 'draft_result' : 'component');
  return (
    <Space wrap>
      <Select<DossierFile['kind']>
        aria-label={t('dossier.file.attachKind')}
        value={kind}
        onChange={setKind}
        style={{ width: 180 }}
        options={(['component', 'supplement', 'draft_result', 'result'] as const).map((k) => ({ value: k, label: t(`dossier.file.kind.${k}`) }))}
      />
      <Upload
        accept="application/pdf,image/jpeg,image/png"
        showUploadList={false}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            const stored = await api.upload(file as File);
            await api.post(`/api/dossiers/${d.id}/files`, { fileId: stored.id, kind });
            message.success(t('dossier.file.attached', { name: stored.name }));
            onSuccess?.(stored);
            onDone();
          } catch (e) {
            message.error(errorText(e));
            onError?.(e as Error);
          }
        }}
      >
        <Button>{t('dossier.file.attach')}</Button>
      </Upload>
    </Space>
  );
}

export default function DossierPage() {
  const { ref } = useParams<{ ref: string }>();
  const { t, m, lang } = useI18n();
  const { message } = App.useApp();
  const { data: d, error, loading, reload } = useApi<Dossier>(`/api/dossiers/${encodeURIComponent(ref)}`);
  const [action, setAction] = useState<ActionName | null>(null);
  const [printNext, setPrintNext] = useState<FormName | null>(null);

  if (error) {
    return (
      <>
        <PageTitle title={t('dossier.title', { code: ref })} />
        <ErrorState error={error} onRetry={reload} />
      </>
    );
  }
  if (!d) return loading ? <Loading /> : null;

  const done = (r: ActionResult) => {
    const name = m(d.allowedActions.find((a) => a.action === action)?.name);
    message.success(t('action.done', { action: name, status: t(`status.${r.status}` as Key) }));
    setPrintNext(action ? (FORM_AFTER[action] ?? null) : null);
    setAction(null);
    reload();
  };
  const componentFiles = (key: string) => d.files.filter((f) => f.componentKey === key);
  const otherFiles = d.files.filter((f) => !f.componentKey);
  const working = d.allowedActions.length > 0;

  return (
    <>
      <PageTitle
        title={t('dossier.title', { code: d.code })}
        extra={
          <Space>
            <ColourTag colour={d.colour} done={!!d.resolvedAt} />
            <LinkButton to="/can-bo/ho-so">{t('dossier.back')}</LinkButton>
          </Space>
        }
      />
      {d.isPractice ? <PracticeBanner dossierId={d.id} /> : null}
      {printNext ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('action.printAfter', { form: t(`dossier.form.${printNext}` as Key) })}
          action={<PrintButton dossier={d.id} form={printNext} type="primary" />}
          closable={{ onClose: () => setPrintNext(null) }}
        />
      ) : null}
      <Card title={<h2 className="card-title">{t('dossier.actions')}</h2>} size="small" className="section">
        {working ? (
          <Space wrap>
            {d.allowedActions.map((a, i) => (
              <Button key={a.action} type={i === 0 ? 'primary' : 'default'} danger={['refuse', 'withdraw', 'stop'].includes(a.action)} onClick={() => setAction(a.action)} data-action={a.action}>
                {m(a.name)}
              </Button>
            ))}
          </Space>
        ) : (
          <span className="muted">{t('dossier.noActions')}</span>
        )}
        {availableForms(d).length ? (
          <div style={{ marginTop: 12 }}>
            <Space wrap>
              <span>{t('dossier.print')}:</span>
              {availableForms(d).map((f) => (
                <PrintButton key={f} dossier={d.id} form={f} />
              ))}
            </Space>
          </div>
        ) : null}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xxl={15}>
          <Card title={<h2 className="card-title">{t('dossier.summary')}</h2>} size="small" className="section">
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('dossier.procedure')} span={2}>
                {d.procedure.name} <span className="muted">({d.procedure.code}, v{d.procedure.version})</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.field')}>{d.procedure.field}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.status')}>{m(d.statusName)}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.step')}>{d.step ? m(d.step.name) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.assignee')}>{d.assignee?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.unit')}>{d.unit.name}</Descriptions.Item>
              {d.handlingUnit.code !== d.unit.code ? <Descriptions.Item label={t('dossier.handlingUnit')}>{d.handlingUnit.name}</Descriptions.Item> : null}
              <Descriptions.Item label={t('dossier.channel')}>{t(`dossier.channel.${d.channel}` as Key)}{d.source === 'national_portal' ? ` (${t('np.source')})` : ''}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.limit')}>
                {d.limit.value} {m(d.limit.name)}
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.submittedAt')}>{fmtDateTime(d.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.dueAt')}>{fmtDateTime(d.dueAt)}</Descriptions.Item>
              {d.outcome ? <Descriptions.Item label={t('dossier.outcome')}>{t(`dossier.outcome.${d.outcome}`)}</Descriptions.Item> : null}
              {d.feeAmount ? <Descriptions.Item label={t('dossier.fee')}>{fmtMoney(d.feeAmount, lang)}</Descriptions.Item> : null}
              <Descriptions.Item label={t('dossier.nationalStatus')}>{m(d.nationalStatusName)}</Descriptions.Item>
              {d.subject ? (
                <Descriptions.Item label={t('dossier.subject')} span={2}>
                  {d.subject}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card title={<h2 className="card-title">{t('dossier.components')}</h2>} size="small" className="section" extra={working && !d.returnedAt ? <Attach d={d} onDone={reload} /> : null}>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={d.components}
              columns={[
                { title: t('dossier.component.name'), dataIndex: 'name', render: (v: string, c) => (c.required ? <strong>{v}</strong> : v) },
                { title: t('dossier.component.originals'), dataIndex: 'originals', width: 76 },
                { title: t('dossier.component.copies'), dataIndex: 'copies', width: 70 },
                { title: t('dossier.component.provided'), dataIndex: 'provided', width: 80, render: (v: boolean) => (v ? `✓ ${t('common.yes')}` : t('common.no')) },
                { title: t('dossier.component.files'), width: 170, render: (_, c) => <FileButtons files={componentFiles(c.key)} /> },
              ]}
            />
            {otherFiles.length ? (
              <div style={{ marginTop: 12 }}>
                <h3 className="card-subtitle">{t('dossier.files')}</h3>
                {(['supplement', 'draft_result', 'result', 'component'] as const).map((k) =>
                  otherFiles.some((f) => f.kind === k) ? (
                    <div key={k}>
                      {t(`dossier.file.kind.${k}`)}: <FileButtons files={otherFiles.filter((f) => f.kind === k)} />
                    </div>
                  ) : null,
                )}
              </div>
            ) : null}
          </Card>
          <SignPanel d={d} forms={availableForms(d)} onChanged={reload} />
        </Col>
        <Col xs={24} xxl={9}>
          <Card title={<h2 className="card-title">{t('dossier.applicant')}</h2>} size="small" className="section">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('dossier.applicant.name')}>{d.applicant.name}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.applicant.idNumber')}>{d.applicant.idNumber ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.applicant.phone')}>{d.applicant.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.applicant.email')}>{d.applicant.email ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.applicant.address')}>{d.applicant.address ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <DataSources d={d} />
          <DueDates d={d} />
          <Pauses d={d} />
          <PaymentPanel d={d} onChanged={reload} />
          <Exchanges d={d} />
        </Col>
      </Row>
      <Timeline d={d} />
      <NotificationsPanel dossierId={d.id} revision={d.revision} />
      {action ? <ActionDialog dossier={d} action={action} onClose={() => setAction(null)} onDone={done} /> : null}
    </>
  );
}
