// Pieces the capacity pages share: a card with an h2, a level as words, a gap as a coloured tag that also says
// the number (never colour alone), certificate status tags, and an empty state that says what to do.
import type { ReactNode } from 'react';
import { Card, Empty, Tooltip } from 'antd';
import { useI18n, type Key } from '../../../../i18n';
import type { CertificateStatus } from '../model';
import './capacity.css';

export function Section({ title, extra, children, testId }: { title: string; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card className="section" size="small" title={<h2 className="cap-card-title">{title}</h2>} extra={extra} data-testid={testId}>
      {children}
    </Card>
  );
}

export function EmptyHint({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span className="muted">{text}</span>} />;
}

/** "2 – Làm được" with the level's meaning on hover. */
export function LevelText({ level }: { level: number | null | undefined }) {
  const { t } = useI18n();
  if (level === null || level === undefined) return <span className="muted">—</span>;
  return (
    <Tooltip title={t(`cp.levelHint.${level}` as Key)}>
      <span className="cap-level" tabIndex={0}>
        {level} – {t(`cp.level.${level}` as Key)}
      </span>
    </Tooltip>
  );
}

/** The gap class: ok (no gap), small (1), big (≥ 2), none (not required). */
export function gapClass(required: number | null, gap: number): 'none' | 'ok' | 'small' | 'big' {
  if (required === null) return 'none';
  if (gap <= 0) return 'ok';
  return gap === 1 ? 'small' : 'big';
}

export function GapTag({ required, gap }: { required: number | null; gap: number }) {
  const { t } = useI18n();
  const cls = gapClass(required, gap);
  const text = cls === 'none' ? t('cp.gap.notRequired') : cls === 'ok' ? t('cp.gap.ok') : t('cp.gap.missing', { n: gap });
  return <span className={`cap-tag cap-gap-${cls}`}>{text}</span>;
}

export function CertStatusTag({ status, daysLeft }: { status: CertificateStatus; daysLeft: number | null }) {
  const { t } = useI18n();
  const cls = status === 'valid' ? 'ok' : status === 'expiring' ? 'small' : status === 'expired' ? 'big' : 'none';
  const text = status === 'expiring' && daysLeft !== null ? t('cp.cert.expiringIn', { n: daysLeft }) : t(`cp.cert.status.${status}` as Key);
  return <span className={`cap-tag cap-gap-${cls}`}>{text}</span>;
}

/** The legend of the gap colours, in words. */
export function GapLegend() {
  const { t } = useI18n();
  return (
    <div className="cap-legend" aria-label={t('cp.legend')}>
      <span className="cap-tag cap-gap-ok">{t('cp.gap.ok')}</span>
      <span className="cap-tag cap-gap-small">{t('cp.legend.small')}</span>
      <span className="cap-tag cap-gap-big">{t('cp.legend.big')}</span>
      <span className="cap-tag cap-gap-none">{t('cp.gap.notRequired')}</span>
    </div>
  );
}
