// Pieces the report pages share: a figure that opens the dossiers behind it, a number that is a link, a chart
// with the same data as a table for keyboards and screen readers, and a score bar.
import { useEffect, useRef, type ReactNode } from 'react';
import { Card, Progress, Statistic } from 'antd';
import { useI18n } from '../../../i18n';
import { Link } from '../../../router';
import { EChart, type ChartClick, type ChartOption } from '../../../components/EChart';
import { num } from './model';

/** A key figure as a card; the whole card is a link to the list behind it. */
export function Figure({ title, value, to, testId, hint }: { title: string; value: string; to?: string | undefined; testId?: string; hint?: string }) {
  const body = (
    <Card size="small" className={`report-figure ${to ? 'report-figure-link' : ''}`} hoverable={!!to}>
      <Statistic title={title} value={value} />
      {hint ? <div className="muted report-figure-hint">{hint}</div> : null}
    </Card>
  );
  return to ? (
    <Link to={to} className="report-figure-anchor" data-testid={testId}>
      {body}
    </Link>
  ) : (
    <div data-testid={testId}>{body}</div>
  );
}

/** A count that opens its dossiers (zero is plain text: there is nothing to open). */
export function CountLink({ n, to, label }: { n: number; to: string; label?: string }) {
  const { lang } = useI18n();
  if (!n) return <span className="report-zero">0</span>;
  return (
    <Link to={to} aria-label={label ? `${label}: ${num(n, lang)}` : undefined}>
      {num(n, lang)}
    </Link>
  );
}

/** A chart and, folded under it, the same figures as a table whose cells are links. */
export function ChartWithTable({
  title,
  option,
  onClick,
  table,
  height,
  testId,
}: {
  title: string;
  option: ChartOption;
  onClick?(e: ChartClick): void;
  table: ReactNode;
  height?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <Card className="section" size="small" title={<h2 className="report-card-title">{title}</h2>}>
      <EChart option={option} label={title} onClick={onClick} height={height} testId={testId} />
      <details className="report-chart-table">
        <summary>{t('rep.asTable')}</summary>
        {table}
      </details>
    </Card>
  );
}

export function ScoreBar({ score, max, label }: { score: number; max: number; label: string }) {
  const { lang } = useI18n();
  const percent = max > 0 ? Math.round((score / max) * 1000) / 10 : 0;
  return (
    <Progress
      percent={percent}
      aria-label={label}
      format={() => `${num(score, lang, 2)} / ${num(max, lang)}`}
      strokeColor={percent >= 80 ? '#237804' : percent >= 50 ? '#0b57d0' : '#c41d1d'}
    />
  );
}

export const CHART_COLOURS = ['#0b57d0', '#237804', '#ad4e00', '#c41d1d', '#6f42c1', '#00838f'];

/**
 * Lets the keyboard reach a table's horizontal scroll: AntD's scroll box takes no focus, and a table whose cells
 * hold no links (all zero) could not be scrolled without a mouse.
 */
export function KeyboardScroll({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const mark = () => {
      for (const s of el.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body')) {
        if (s.tabIndex !== 0) s.tabIndex = 0;
        if (!s.getAttribute('role')) {
          s.setAttribute('role', 'group');
          s.setAttribute('aria-label', label);
        }
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
  return <div ref={box}>{children}</div>;
}
