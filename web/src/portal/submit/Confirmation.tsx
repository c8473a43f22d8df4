// After submitting: the dossier code, where to follow it (link and QR), and a confirmation to print or save.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../format';
import { Link } from '../../router';
import { Notice } from '../ui';
import { vnIso } from '../format';
import type { Procedure, PublicUnit, Submitted } from '../types';

/** The QR library is only needed here: loaded on this page, never on the first visit. */
function useQr(text: string): string | null {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      // A CommonJS package: the bundler may hand it over as the default export.
      .then((m) => ((m as unknown as { default?: typeof m }).default ?? m).toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src;
}

export function Confirmation({ result, procedure, unit, applicantName }: { result: Submitted; procedure: Procedure; unit: PublicUnit | undefined; applicantName: string }) {
  const { t } = useI18n();
  const trackPath = `/tra-cuu/${encodeURIComponent(result.code)}`;
  const qr = useQr(result.statusUrl);
  return (
    <div className="p-confirmation">
      <Notice kind="success" role="status" title={t('portal.done.title')}>
        <p>{t('portal.done.next')}</p>
      </Notice>
      <section className="p-card p-receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title">{t('portal.done.receipt')}</h2>
        <p className="p-code-label">{t('portal.done.code')}</p>
        <p className="p-code" data-testid="dossier-code">
          {result.code}
        </p>
        <div className="p-receipt-body">
          <dl className="p-dl">
            <dt>{t('portal.done.procedure')}</dt>
            <dd>{procedure.name}</dd>
            <dt>{t('portal.submit.unit')}</dt>
            <dd>{unit?.name ?? '—'}</dd>
            <dt>{t('portal.submit.name')}</dt>
            <dd>{applicantName}</dd>
            <dt>{t('portal.done.submittedAt')}</dt>
            <dd>{fmtDateTime(vnIso(result.submittedAt))}</dd>
            <dt>{t('portal.done.trackAt')}</dt>
            <dd className="p-break">{result.statusUrl}</dd>
          </dl>
          {qr ? <img className="p-qr" src={qr} width={148} height={148} alt={t('portal.done.qrAlt', { code: result.code })} /> : null}
        </div>
        <p className="p-muted">{t('portal.done.keep')}</p>
      </section>
      <div className="p-actions p-no-print">
        <Link to={trackPath} className="p-btn p-btn-primary">
          {t('portal.done.track')}
        </Link>
        <button type="button" className="p-btn" onClick={() => window.print()}>
          {t('portal.done.print')}
        </button>
        <Link to="/" className="p-btn p-btn-quiet">
          {t('common.home')}
        </Link>
      </div>
    </div>
  );
}
