// The procedure's components as a checklist: originals and copies to take, a tick when handed in, and scans.
// When the applicant's earlier dossiers (same ID number, this officer's units) hold a digitised copy of a
// component with the same name, "Dùng lại bản đã số hoá" links it instead of scanning the paper again.
import { useEffect, type Dispatch, type SetStateAction } from 'react';
import { App, Button, Checkbox, Space, Table, Tag, Upload } from 'antd';
import { api, type StoredFile } from '../../../api';
import { fmtDate } from '../../../format';
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import type { ProcedureComponent } from '../../../types';

/** One file of GET /api/applicants/{idNumber}/documents. */
export interface ReusableDocument {
  fileId: string;
  name: string;
  mime: string;
  size: number;
  componentKey: string;
  componentName: string;
  dossierId: number;
  dossierCode: string;
  procedureName: string;
  submittedAt: string;
}

export interface Checklist {
  received: string[];
  files: Record<string, StoredFile[]>;
  /** Digitised copies from earlier dossiers, by component key: sent as `reuse` with the intake. */
  reused: Record<string, ReusableDocument>;
}

/** Names compared without case, diacritics or extra spaces: "Bản sao Giấy khai sinh" = "ban sao giay khai sinh". */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function ComponentsChecklist({
  components,
  value,
  onChange,
  idNumber,
}: {
  components: ProcedureComponent[];
  value: Checklist;
  onChange: Dispatch<SetStateAction<Checklist>>;
  idNumber?: string | undefined;
}) {
  const { t, errorText } = useI18n();
  const { message } = App.useApp();
  const id = (idNumber ?? '').trim();
  const docs = useApi<{ items: ReusableDocument[] }>(/^\d{12}$/.test(id) ? `/api/applicants/${id}/documents` : null);
  const available = /^\d{12}$/.test(id) ? (docs.data?.items ?? []) : [];
  // The newest earlier copy of each component name (the list comes newest first).
  const match = (c: ProcedureComponent) => available.find((d) => foldName(d.componentName) === foldName(c.name));

  // Copies reused for one person are not the next person's: drop them when the number changes.
  useEffect(() => {
    onChange((v) => {
      const stale = Object.entries(v.reused).filter(([, d]) => !available.some((a) => a.fileId === d.fileId)).map(([k]) => k);
      if (!stale.length) return v;
      const reused = Object.fromEntries(Object.entries(v.reused).filter(([k]) => !stale.includes(k)));
      return { ...v, reused, received: v.received.filter((k) => !stale.includes(k) || (v.files[k] ?? []).length > 0) };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, docs.data]);

  const toggle = (key: string, on: boolean) =>
    onChange((v) => ({
      ...v,
      received: on ? [...new Set([...v.received, key])] : v.received.filter((k) => k !== key),
      reused: on ? v.reused : Object.fromEntries(Object.entries(v.reused).filter(([k]) => k !== key)),
    }));

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
          render: (_, c) => {
            const reused = value.reused[c.key];
            const earlier = reused ? undefined : match(c);
            return (
              <Space direction="vertical" size={2}>
                {reused ? (
                  <Space size={4} data-reused={c.key}>
                    <Tag color="purple">{t('counter.reuse.tag')}</Tag>
                    <a href={`/api/files/${reused.fileId}`} target="_blank" rel="noopener" title={t('counter.reuse.from', { code: reused.dossierCode, date: fmtDate(reused.submittedAt) })}>
                      {reused.name}
                    </a>
                    <Button
                      size="small"
                      type="text"
                      aria-label={t('counter.reuse.remove', { name: reused.name })}
                      onClick={() => onChange((v) => ({ ...v, reused: Object.fromEntries(Object.entries(v.reused).filter(([k]) => k !== c.key)) }))}
                    >
                      ✕
                    </Button>
                  </Space>
                ) : null}
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
                {earlier ? (
                  <Button
                    size="small"
                    aria-label={t('counter.reuse.label', { name: c.name })}
                    title={t('counter.reuse.from', { code: earlier.dossierCode, date: fmtDate(earlier.submittedAt) })}
                    data-reuse={c.key}
                    onClick={() => onChange((v) => ({ ...v, received: [...new Set([...v.received, c.key])], reused: { ...v.reused, [c.key]: earlier } }))}
                  >
                    {t('counter.reuse.button')}
                  </Button>
                ) : null}
                <Upload
                  accept="application/pdf,image/jpeg,image/png"
                  multiple
                  showUploadList={false}
                  customRequest={async ({ file, onSuccess, onError }) => {
                    try {
                      const stored = await api.upload(file as File);
                      onChange((v) => ({
                        ...v,
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
            );
          },
        },
      ]}
    />
  );
}
