// The procedure's components as a checklist: originals and copies to take, a tick when handed in, and scans.
import type { Dispatch, SetStateAction } from 'react';
import { App, Button, Checkbox, Space, Table, Tag, Upload } from 'antd';
import { api, type StoredFile } from '../../../api';
import { useI18n } from '../../../i18n';
import type { ProcedureComponent } from '../../../types';

export interface Checklist {
  received: string[];
  files: Record<string, StoredFile[]>;
}

export function ComponentsChecklist({ components, value, onChange }: { components: ProcedureComponent[]; value: Checklist; onChange: Dispatch<SetStateAction<Checklist>> }) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const toggle = (key: string, on: boolean) =>
    onChange((v) => ({ ...v, received: on ? [...new Set([...v.received, key])] : v.received.filter((k) => k !== key) }));

  return (
    <Table<ProcedureComponent>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={components}
      columns={[
        {
          title: t('counter.received'),
          width: 90,
          render: (_, c) => (
            <Checkbox checked={value.received.includes(c.key)} onChange={(e) => toggle(c.key, e.target.checked)} aria-label={t('counter.receivedLabel', { name: c.name })} data-component={c.key} />
          ),
        },
        {
          title: t('dossier.component.name'),
          render: (_, c) => (
            <div>
              <span>{c.name}</span> {c.required ? <Tag color="default">{t('common.required')}</Tag> : null}
              {c.form ? <div className="muted">{t('counter.form', { form: c.form })}</div> : null}
            </div>
          ),
        },
        { title: t('dossier.component.originals'), dataIndex: 'originals', width: 80 },
        { title: t('dossier.component.copies'), dataIndex: 'copies', width: 80 },
        {
          title: t('dossier.component.files'),
          width: 260,
          render: (_, c) => (
            <Space direction="vertical" size={2}>
              {(value.files[c.key] ?? []).map((f) => (
                <Space key={f.id} size={4}>
                  <a href={`/api/files/${f.id}`} target="_blank" rel="noopener">
                    {f.name}
                  </a>
                  <Button
                    size="small"
                    type="text"
                    aria-label={t('counter.removeFile', { name: f.name })}
                    onClick={() => onChange((v) => ({ ...v, files: { ...v.files, [c.key]: (v.files[c.key] ?? []).filter((x) => x.id !== f.id) } }))}
                  >
                    ✕
                  </Button>
                </Space>
              ))}
              <Upload
                accept="application/pdf,image/jpeg,image/png"
                multiple
                showUploadList={false}
                customRequest={async ({ file, onSuccess, onError }) => {
                  try {
                    const stored = await api.upload(file as File);
                    onChange((v) => ({
                      received: [...new Set([...v.received, c.key])],
                      files: { ...v.files, [c.key]: [...(v.files[c.key] ?? []), stored] },
                    }));
                    message.success(t('counter.uploaded', { name: stored.name }));
                    onSuccess?.(stored);
                  } catch (e) {
                    message.error(errorText(e));
                    onError?.(e as Error);
                  }
                }}
              >
                <Button size="small" aria-label={t('counter.uploadLabel', { name: c.name })} data-upload={c.key}>
                  {t('counter.upload')}
                </Button>
              </Upload>
            </Space>
          ),
        },
      ]}
    />
  );
}
