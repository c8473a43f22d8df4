// Attaching files to one document (a component, or a requested supplement item): choose one or more files,
// each uploads at once with its progress shown, and can be removed. The upload tokens go with the submission.
import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { fmtSize } from '../format';
import { ACCEPT, checkFile, MAX_TEXT, uploadFile, type UploadedRef } from './upload';
import './attach.css';

export interface Attached {
  localId: string;
  name: string;
  size: number;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  error?: string;
  ref?: UploadedRef;
}

export type AttachedUpdate = (fn: (prev: Attached[]) => Attached[]) => void;

let seq = 0;

export const doneRefs = (files: Attached[] | undefined): UploadedRef[] => (files ?? []).flatMap((f) => (f.status === 'done' && f.ref ? [f.ref] : []));
export const uploading = (files: Attached[] | undefined): boolean => (files ?? []).some((f) => f.status === 'uploading');

export function FileAttach({
  id,
  title,
  details,
  required,
  files,
  update,
  error,
  tag,
}: {
  id: string;
  title: string;
  details?: ReactNode;
  required?: boolean;
  /** Replaces the "required / optional" tag. */
  tag?: string;
  files: Attached[];
  update: AttachedUpdate;
  error?: string | undefined;
}) {
  const { t, errorText } = useI18n();
  const input = useRef<HTMLInputElement>(null);

  const add = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const localId = `f${++seq}`;
      const problem = checkFile(file);
      const entry: Attached = { localId, name: file.name, size: file.size, progress: 0, status: problem ? 'error' : 'uploading' };
      if (problem) entry.error = t(`portal.file.problem.${problem}`, { max: MAX_TEXT });
      update((prev) => [...prev, entry]);
      if (problem) continue;
      const patch = (p: Partial<Attached>) => update((prev) => prev.map((f) => (f.localId === localId ? { ...f, ...p } : f)));
      uploadFile(file, (progress) => patch({ progress }))
        .then((u) => patch({ status: 'done', progress: 1, ref: { id: u.id, token: u.token } }))
        .catch((e: unknown) => patch({ status: 'error', error: errorText(e) }));
    }
    if (input.current) input.current.value = '';
  };

  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`p-attach ${error ? 'p-field-invalid' : ''}`} role="group" aria-labelledby={`${id}-title`}>
      <div className="p-attach-head">
        <p className="p-attach-title" id={`${id}-title`}>
          {title}
        </p>
        <span className={`p-tag ${required ? 'p-tag-required' : ''}`}>{tag ?? (required ? t('common.required') : t('common.optional'))}</span>
      </div>
      {details ? <div className="p-attach-details">{details}</div> : null}
      <p className="p-hint" id={`${id}-hint`}>
        {t('portal.file.hint', { max: MAX_TEXT })}
      </p>
      <div className="p-file">
        <input
          ref={input}
          id={id}
          type="file"
          multiple
          accept={ACCEPT}
          className="p-visually-hidden"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={(e) => add(e.target.files)}
        />
        <label htmlFor={id} className="p-btn">
          {files.length ? t('portal.file.addMore') : t('portal.file.choose')}
          <span className="p-visually-hidden">: {title}</span>
        </label>
      </div>
      {error ? (
        <p className="p-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {files.length ? (
        <ul className="p-files" aria-label={t('portal.file.list', { name: title })}>
          {files.map((f) => (
            <li key={f.localId} className={`p-file-item p-file-${f.status}`}>
              <span className="p-file-name">
                {f.name} <span className="p-muted">({fmtSize(f.size)})</span>
              </span>
              {f.status === 'uploading' ? (
                <progress max={1} value={f.progress} aria-label={t('portal.file.uploading', { name: f.name })} />
              ) : (
                <span className="p-file-state" role={f.status === 'error' ? 'alert' : 'status'}>
                  {f.status === 'done' ? t('portal.file.done') : f.error}
                </span>
              )}
              <button
                type="button"
                className="p-btn p-btn-small p-btn-quiet"
                onClick={() => update((prev) => prev.filter((x) => x.localId !== f.localId))}
                aria-label={t('portal.file.remove', { name: f.name })}
              >
                {t('portal.file.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
