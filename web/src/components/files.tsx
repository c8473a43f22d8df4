// Files of a dossier: viewed inline (PDF in a frame, images as images) and the printed forms in a new tab.
import { useState } from 'react';
import { Button, Modal, Space } from 'antd';
import { useI18n, type Key } from '../i18n';
import { fmtSize } from '../format';

export interface ViewableFile {
  fileId: string;
  name: string;
  mime: string;
  size?: number;
}

export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;

export function FileView({ file, height }: { file: ViewableFile; height?: string }) {
  const { t } = useI18n();
  if (file.mime.startsWith('image/')) return <img className="file-image" src={fileUrl(file.fileId)} alt={file.name} />;
  return <iframe className="file-frame" style={height ? { height } : undefined} src={fileUrl(file.fileId)} title={t('dossier.file.viewTitle', { name: file.name })} />;
}

/** A link-like button per file; opens the file in a dialog. */
export function FileButtons({ files }: { files: ViewableFile[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ViewableFile | null>(null);
  if (files.length === 0) return <span className="muted">—</span>;
  return (
    <>
      <Space wrap size={4}>
        {files.map((f) => (
          <Button key={f.fileId} size="small" type="link" onClick={() => setOpen(f)} aria-label={t('dossier.file.viewTitle', { name: f.name })}>
            {f.name}
            {f.size ? <span className="muted"> ({fmtSize(f.size)})</span> : null}
          </Button>
        ))}
      </Space>
      <Modal
        open={!!open}
        onCancel={() => setOpen(null)}
        width="min(1000px, 96vw)"
        title={open ? t('dossier.file.viewTitle', { name: open.name }) : ''}
        footer={
          open ? (
            <Space>
              <Button href={fileUrl(open.fileId)} target="_blank" rel="noopener">
                {t('dossier.file.download')}
              </Button>
              <Button type="primary" onClick={() => setOpen(null)}>
                {t('common.close')}
              </Button>
            </Space>
          ) : null
        }
      >
        {open ? <FileView file={open} /> : null}
      </Modal>
    </>
  );
}

export type FormName = 'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'control-sheet';

export const formUrl = (dossierRef: string | number, form: FormName) => `/api/dossiers/${encodeURIComponent(String(dossierRef))}/forms/${form}`;

/** Opens a printed form (PDF) in a new tab, where the browser's own viewer prints it. */
export function PrintButton({ dossier, form, type }: { dossier: string | number; form: FormName; type?: 'primary' | 'default' }) {
  const { t } = useI18n();
  return (
    <Button type={type ?? 'default'} href={formUrl(dossier, form)} target="_blank" rel="noopener" data-form={form}>
      {t(`dossier.form.${form}` as Key)}
    </Button>
  );
}
