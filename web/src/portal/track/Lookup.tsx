// Follow a dossier: type the code from the receipt (or scan its QR, which opens /tra-cuu/{code} directly).
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { PageTitle } from '../ui';
import { recentCodes } from '../submit/model';
import { CodeForm } from './CodeForm';

export default function Lookup() {
  const { t } = useI18n();
  const recent = recentCodes();
  return (
    <div className="p-narrow">
      <PageTitle title={t('portal.track.title')} lead={t('portal.track.lead')} />
      <div className="p-card">
        <CodeForm />
      </div>
      {recent.length ? (
        <section className="p-section" aria-labelledby="recent-title">
          <h2 id="recent-title">{t('portal.track.recent')}</h2>
          <ul className="p-lines">
            {recent.map((c) => (
              <li key={c}>
                <Link to={`/tra-cuu/${encodeURIComponent(c)}`} className="p-mono">
                  {c}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="p-muted">{t('portal.track.qrHint')}</p>
    </div>
  );
}
