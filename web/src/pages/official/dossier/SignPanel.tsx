// Digital signatures on the dossier page: the documents signed so far (with their verification codes and the
// public page each QR leads to), and the dialog that signs the result (the workflow's "sign" action) or a form,
// with the unit's certificate or remotely — then the request waits while the signer confirms on the phone.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Table } from 'antd';
import { api, newIdempotencyKey } from '../../../api';
import { FileButtons, type FormName } from '../../../components/files';
import { fmtDate, fmtDateTime } from '../../../format';
import { useI18n, type Key } from '../../../i18n';
import { useSession } from '../../../session';
import { useApi } from '../../../useApi';
import type { ActionResult, Dossier } from '../../../types';

type Method = 'pkcs12' | 'remote';

interface SignedDocument {
  code: string;
  displayCode: string;
  verificationUrl: string;
  kind: 'result' | 'form';
  form: FormName | null;
  fileId: string;
  method: Method;
  signedAt: string;
  signerName: string | null;
  certificate: string;
}

interface SignaturesView {
  documents: SignedDocument[];
  certificates: Array<{ id: number; kind: Method; commonName: string; issuer: string; notAfter: string }>;
  remoteAvailable: boolean;
}

interface SignResponse {
  code: string;
  displayCode: string;
  dossier: ActionResult;
}

const FORM_SIGNERS = ['unit_leader', 'clerk', 'receiving_officer'] as const;

export function SignDialog({ dossier, forms, onClose, onDone }: { dossier: Pick<Dossier, 'id'>; forms?: FormName[]; onClose(): void; onDone(r: SignResponse): void }) {
  const { t, errorText } = useI18n();
  const view = useApi<SignaturesView>(`/api/dossiers/${dossier.id}/signatures`);
  const [method, setMethod] = useState<Method>('pkcs12');
  const [certificateId, setCertificateId] = useState<number | undefined>();
  const [form, setForm] = useState<FormName | undefined>(forms?.[0]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const key = useMemo(() => newIdempotencyKey(), []);
  const usable = (view.data?.certificates ?? []).filter((c) => c.kind === method);
  const chosen = certificateId && usable.some((c) => c.id === certificateId) ? certificateId : usable[0]?.id;
  const signingForm = forms !== undefined;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body = { method, ...(chosen ? { certificateId: chosen } : {}), ...(!signingForm && note.trim() ? { note: note.trim() } : {}) };
      const r = signingForm
        ? await api.post<SignResponse>(`/api/dossiers/${dossier.id}/forms/${form}/sign`, body)
        : await api.post<SignResponse>(`/api/dossiers/${dossier.id}/sign`, body, { 'idempotency-key': key });
      onDone(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(signingForm ? 'sign.dialog.form' : 'sign.dialog.result')}
      onCancel={busy ? undefined : onClose}
      onOk={submit}
      okText={t('sign.submit')}
      okButtonProps={{ disabled: !chosen || (signingForm && !form) }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      closable={!busy}
      maskClosable={false}
      destroyOnHidden
      width={620}
    >
      <p className="muted">{t('sign.dialog.intro')}</p>
      {error ? <Alert type="error" showIcon role="alert" title={errorText(error)} style={{ marginBottom: 12 }} /> : null}
      {busy ? <Alert type="info" showIcon role="status" title={t(method === 'remote' ? 'sign.waitingPhone' : 'sign.waiting')} style={{ marginBottom: 12 }} /> : null}
      <Form layout="vertical">
        {signingForm ? (
          <Form.Item label={t('sign.formToSign')} required htmlFor="sign-form">
            <Select<FormName> id="sign-form" value={form} onChange={setForm} options={(forms ?? []).map((f) => ({ value: f, label: t(`dossier.form.${f}` as Key) }))} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('sign.method')}>
          <Radio.Group
            value={method}
            onChange={(e) => setMethod(e.target.value as Method)}
            options={[
              { value: 'pkcs12', label: t('sign.method.pkcs12') },
              { value: 'remote', label: t('sign.method.remote'), disabled: !view.data?.remoteAvailable },
            ]}
            style={{ display: 'grid', gap: 6 }}
          />
        </Form.Item>
        <Form.Item label={t('sign.certificate')} required htmlFor="sign-certificate">
          {view.data && usable.length === 0 ? (
            <Alert type="warning" showIcon title={t('sign.noCertificate')} />
          ) : (
            <Select<number>
              id="sign-certificate"
              loading={view.loading}
              value={chosen}
              onChange={setCertificateId}
              options={usable.map((c) => ({ value: c.id, label: `${c.commonName} — ${t('sign.certificate.until', { date: fmtDate(c.notAfter) })}` }))}
            />
          )}
        </Form.Item>
        {!signingForm ? (
          <Form.Item label={t('sign.note')} htmlFor="sign-note">
            <Input.TextArea id="sign-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** The card of signed documents, with "sign a form" for those who may. */
export function SignPanel({ d, forms, onChanged }: { d: Dossier; forms: FormName[]; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const view = useApi<SignaturesView>(`/api/dossiers/${d.id}/signatures`, { revision: d.revision });
  const [signing, setSigning] = useState(false);
  const mayForms = forms.length > 0 && session.unitsWith(...FORM_SIGNERS).length > 0;
  const docs = view.data?.documents ?? [];
  return (
    <Card
      title={<h2 className="card-title">{t('sign.panel')}</h2>}
      size="small"
      className="section"
      extra={mayForms ? <Button onClick={() => setSigning(true)}>{t('sign.form')}</Button> : null}
    >
      {docs.length === 0 ? (
        <span className="muted">{t('sign.none')}</span>
      ) : (
        <Table<SignedDocument>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={docs}
          columns={[
            { title: t('sign.col.document'), render: (_, x) => (x.kind === 'result' ? t('sign.kind.result') : t(`dossier.form.${x.form}` as Key)) },
            {
              title: t('sign.col.code'),
              render: (_, x) => (
                <a href={`/xac-thuc/${x.code}`} target="_blank" rel="noopener" aria-label={`${t('sign.verify')} ${x.displayCode}`}>
                  <code>{x.displayCode}</code>
                </a>
              ),
            },
            { title: t('sign.col.signedAt'), render: (_, x) => fmtDateTime(x.signedAt) },
            { title: t('sign.col.signer'), render: (_, x) => `${x.signerName ?? '—'} (${x.certificate})` },
            { title: t('sign.col.method'), render: (_, x) => t(`sign.method.${x.method}`).split(' (')[0] },
            { title: t('sign.view'), render: (_, x) => <FileButtons files={[{ fileId: x.fileId, name: `${x.displayCode}.pdf`, mime: 'application/pdf' }]} /> },
          ]}
        />
      )}
      {signing ? (
        <SignDialog
          dossier={d}
          forms={forms}
          onClose={() => setSigning(false)}
          onDone={(r) => {
            message.success(t('sign.done', { code: r.displayCode }));
            setSigning(false);
            view.reload();
            onChanged();
          }}
        />
      ) : null}
    </Card>
  );
}

/** The result's signature, as the workflow's "sign" action: what the action dialog shows for it. */
export function SignResultDialog({ dossier, onClose, onDone }: { dossier: Dossier; onClose(): void; onDone(r: ActionResult): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <SignDialog
      dossier={dossier}
      onClose={onClose}
      onDone={(r) => {
        message.info(t('sign.done', { code: r.displayCode }));
        onDone(r.dossier);
      }}
    />
  );
}
