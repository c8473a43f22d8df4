// A one-box search form of the portal (a dossier code, a verification code): the typed text is resolved to the
// page to open, or to the problem to show under the box, which then takes the focus again.
import { useState, type FormEvent } from 'react';
import { navigate } from '../router';
import { TextField } from './ui';

export interface LookupFormProps {
  id: string;
  label: string;
  hint: string;
  /** The form's accessible name. */
  formLabel: string;
  submitLabel: string;
  initial?: string;
  resolve(raw: string): { path: string } | { error: string };
}

export function LookupForm({ id, label, hint, formLabel, submitLabel, initial = '', resolve }: LookupFormProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = resolve(value);
    if ('error' in r) {
      setError(r.error);
      document.getElementById(id)?.focus();
      return;
    }
    setError(undefined);
    navigate(r.path);
  };
  return (
    <form className="p-inline-form" onSubmit={submit} noValidate role="search" aria-label={formLabel}>
      <TextField id={id} label={label} hint={hint} value={value} onChange={setValue} error={error} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
      <button type="submit" className="p-btn p-btn-primary">
        {submitLabel}
      </button>
    </form>
  );
}
