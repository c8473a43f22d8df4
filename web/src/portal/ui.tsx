// Small building blocks of the portal's pages, in plain React and portal.css: the AntD components the
// officials' workspace uses would weigh more than the whole portal on a phone's first visit.
import { useEffect, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import './forms.css';

/** The page's one h1, and the browser tab's title. */
export function PageTitle({ title, lead }: { title: string; lead?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('portal.brand')}`;
  }, [title, t]);
  return (
    <header className="p-page-head">
      <h1>{title}</h1>
      {lead ? <p className="p-lead">{lead}</p> : null}
    </header>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="p-loading" role="status" aria-live="polite">
      <span className="p-spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}

export function Notice({ kind = 'info', title, children, role }: { kind?: 'info' | 'success' | 'warning' | 'error'; title?: ReactNode; children?: ReactNode; role?: 'alert' | 'status' }) {
  return (
    <div className={`p-notice p-notice-${kind}`} role={role}>
      {title ? <p className="p-notice-title">{title}</p> : null}
      {children}
    </div>
  );
}

/** An error in the server's own words (a 404 says what was not found), with a retry when it may help. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, errorText } = useI18n();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Notice kind="error" role="alert" title={notFound ? t('error.notFound') : t('error.title')}>
      <p>{errorText(error)}</p>
      {onRetry && !notFound ? (
        <button type="button" className="p-btn" onClick={onRetry}>
          {t('error.retry')}
        </button>
      ) : null}
    </Notice>
  );
}

/** A link that looks like a button: large, for a thumb. */
export function ButtonLink({ to, children, variant = 'secondary', className }: { to: string; children: ReactNode; variant?: 'primary' | 'secondary'; className?: string }) {
  return (
    <Link to={to} className={`p-btn ${variant === 'primary' ? 'p-btn-primary' : ''} ${className ?? ''}`}>
      {children}
    </Link>
  );
}

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  error?: string | undefined;
};

/** A labelled input whose hint and error are read out with it. */
export function TextField({ id, label, value, onChange, hint, error, required, ...rest }: FieldProps) {
  const { t } = useI18n();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`p-field ${error ? 'p-field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="p-req"> ({t('portal.form.required')})</span> : null}
      </label>
      {hint ? (
        <p className="p-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={described}
        {...rest}
      />
      {error ? (
        <p className="p-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Moves keyboard focus to the first field marked invalid, so a screen reader hears what to fix. */
export function focusFirstInvalid(root: ParentNode = document): void {
  const el = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
}
