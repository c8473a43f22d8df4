// Step 2: a scan or photo for each component of the procedure; the required ones are marked and checked.
import { useI18n } from '../../i18n';
import { FileAttach, type Attached, type AttachedUpdate } from '../FileAttach';
import { fmtCopies } from '../format';
import type { Component } from '../types';
import type { Errors } from './model';

export function AttachStep({
  components,
  files,
  update,
  errors,
}: {
  components: Component[];
  files: Record<string, Attached[]>;
  update(key: string): AttachedUpdate;
  errors: Errors;
}) {
  const { t } = useI18n();
  // Required first: what the citizen cannot skip is what they see first.
  const ordered = [...components].sort((a, b) => Number(b.required) - Number(a.required));
  return (
    <>
      <p>{t('portal.submit.attachIntro')}</p>
      {ordered.map((c) => (
        <FileAttach
          key={c.key}
          id={`file-${c.key}`}
          title={c.name}
          required={c.required}
          details={
            <p className="p-muted">
              {fmtCopies(c, t)}
              {c.note ? ` · ${t('portal.component.condition', { note: c.note })}` : ''}
            </p>
          }
          files={files[c.key] ?? []}
          update={update(c.key)}
          error={errors[`component:${c.key}`]}
        />
      ))}
    </>
  );
}
