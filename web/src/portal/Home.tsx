// The portal's front page: find a procedure, submit online, follow a dossier — and the fields to browse.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { navigate, Link } from '../router';
import { useApi } from '../useApi';
import { ButtonLink, PageTitle } from './ui';

export default function Home() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const fields = useApi<{ fields: Array<{ field: string; count: number }> }>('/api/public/fields');
  const search = (e: FormEvent) => {
    e.preventDefault();
    navigate(q.trim() ? `/thu-tuc?q=${encodeURIComponent(q.trim())}` : '/thu-tuc');
  };
  return (
    <>
      <section className="p-hero">
        <PageTitle title={t('portal.home.title')} lead={t('portal.home.lead')} />
        <form className="p-search" role="search" onSubmit={search} aria-label={t('portal.home.searchLabel')}>
          <label htmlFor="home-search" className="p-search-label">
            {t('portal.home.searchLabel')}
          </label>
          <div className="p-search-row">
            <input id="home-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('portal.home.searchPlaceholder')} autoComplete="off" enterKeyHint="search" />
            <button type="submit" className="p-btn p-btn-primary">
              {t('common.search')}
            </button>
          </div>
        </form>
        <div className="p-big-actions">
          <ButtonLink to="/nop-ho-so" variant="primary" className="p-btn-big">
            {t('portal.home.submit')}
            <span className="p-btn-sub">{t('portal.home.submitSub')}</span>
          </ButtonLink>
          <ButtonLink to="/tra-cuu" className="p-btn-big">
            {t('portal.home.track')}
            <span className="p-btn-sub">{t('portal.home.trackSub')}</span>
          </ButtonLink>
        </div>
      </section>
      <section className="p-section" aria-labelledby="home-fields">
        <h2 id="home-fields">{t('portal.home.fields')}</h2>
        {fields.data ? (
          <ul className="p-field-list">
            {fields.data.fields.map((f) => (
              <li key={f.field}>
                <Link to={`/thu-tuc?field=${encodeURIComponent(f.field)}`}>
                  <span>{f.field}</span>
                  <span className="p-count">{t('portal.catalogue.count', { n: f.count })}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : fields.error ? null : (
          <p className="p-muted">{t('app.loading')}</p>
        )}
        <p>
          <Link to="/thu-tuc">{t('portal.home.allProcedures')}</Link>
        </p>
      </section>
      <section className="p-section" aria-labelledby="home-how">
        <h2 id="home-how">{t('portal.home.how')}</h2>
        <ol className="p-how">
          <li>{t('portal.home.how1')}</li>
          <li>{t('portal.home.how2')}</li>
          <li>{t('portal.home.how3')}</li>
        </ol>
      </section>
    </>
  );
}
