// Small pieces every page uses: the page title, the urgency tag, error and loading states.
import { Component, useCallback, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { App, Button, Result, Spin, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd/es/table';
import { ApiError } from '../api';
import { useI18n, type Key } from '../i18n';
import type { Colour } from '../types';
import { navigate } from '../router';

/** Sets the document title and renders the page's one h1. */
export function PageTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="page-title">
      <Typography.Title level={1}>{title}</Typography.Title>
      {extra ? <div className="page-title-extra">{extra}</div> : null}
    </div>
  );
}

/** Text as well as colour, and colours with at least 4.5:1 contrast (WCAG AA). */
const TAG_STYLE: Record<Colour, { color: string; background: string; border: string }> = {
  early: { color: '#135200', background: '#f6ffed', border: '#95de64' },
  on_time: { color: '#003eb3', background: '#e6f4ff', border: '#91caff' },
  due_soon: { color: '#7a3300', background: '#fff7e6', border: '#ffc069' },
  late: { color: '#a8071a', background: '#fff1f0', border: '#ff7875' },
  paused: { color: '#3d3d3d', background: '#f5f5f5', border: '#bfbfbf' },
  closed: { color: '#3d3d3d', background: '#fafafa', border: '#d9d9d9' },
  not_started: { color: '#3d3d3d', background: '#fafafa', border: '#d9d9d9' },
};

export function ColourTag({ colour, done }: { colour: Colour; done?: boolean }) {
  const { t } = useI18n();
  const s = TAG_STYLE[colour];
  const key: Key = colour === 'on_time' && done ? 'colour.on_time_done' : (`colour.${colour}` as Key);
  return (
    <span className={`colour-tag colour-${colour}`} style={{ color: s.color, background: s.background, borderColor: s.border }}>
      {t(key)}
    </span>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading" role="status" aria-live="polite">
      <Spin />
      <span>{t('app.loading')}</span>
    </div>
  );
}

/** An error as a page: 403 and 404 in their own words, both languages shown for a refusal. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, m, lang, errorText } = useI18n();
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    const other = lang === 'vi' ? 'en' : 'vi';
    return (
      <Result
        status={error.status === 403 ? '403' : '404'}
        title={error.status === 403 ? t('error.forbidden') : t('error.notFound')}
        subTitle={
          <div role="alert" data-testid="error-message">
            <p>{m(error.body.message)}</p>
            <p lang={other} className="other-language">
              {error.body.message[other]}
            </p>
          </div>
        }
      />
    );
  }
  return (
    <Result
      status="error"
      title={t('error.title')}
      subTitle={<span role="alert">{errorText(error)}</span>}
      extra={onRetry ? <Button onClick={onRetry}>{t('error.retry')}</Button> : undefined}
    />
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode; fallback: (reset: () => void) => ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}

/** A button that is a real link (Ctrl+click opens a new tab) and navigates in place on a plain click. */
export function LinkButton({ to, children, type, icon }: { to: string; children: ReactNode; type?: 'primary' | 'default' | 'link'; icon?: ReactNode }) {
  return (
    <Button
      type={type ?? 'default'}
      href={to}
      icon={icon}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

/**
 * The pager of a list whose page lives in the address: a fixed page size, the total in words, and `go` called with
 * the new page (undefined for the first, so the address stays short).
 */
export function usePager(page: number, pageSize: number, total: number, go: (page: number | undefined) => void): TablePaginationConfig {
  const { t } = useI18n();
  return {
    current: page,
    pageSize,
    total,
    showSizeChanger: false,
    showTotal: (n) => t('common.total', { n }),
    onChange: (p) => go(p === 1 ? undefined : p),
  };
}

/**
 * A dialog's or form's save: `busy` while `work` runs; if it fails, the server's message (in the reader's
 * language) is shown and the dialog stays open with what was typed.
 */
export function useSubmit(): { busy: boolean; submit: (work: () => Promise<void>) => Promise<void> } {
  const { errorText } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      try {
        await work();
      } catch (e) {
        message.error(errorText(e));
      } finally {
        setBusy(false);
      }
    },
    [errorText, message],
  );
  return { busy, submit };
}
