// A page that is not there: say so plainly and offer the three ways on (catalogue, submit, follow a dossier).
import { useI18n } from '../i18n';
import { useLocation } from '../router';
import { ButtonLink, PageTitle } from './ui';
import { CodeForm } from './track/CodeForm';

export default function NotFound() {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <div className="p-narrow">
      <PageTitle title={t('portal.notFound.title')} lead={t('portal.notFound.lead', { path })} />
      <div className="p-actions">
        <ButtonLink to="/" variant="primary">
          {t('common.home')}
        </ButtonLink>
        <ButtonLink to="/thu-tuc">{t('portal.home.allProcedures')}</ButtonLink>
      </div>
      <section className="p-card" aria-labelledby="nf-track">
        <h2 id="nf-track">{t('portal.notFound.track')}</h2>
        <CodeForm />
      </section>
    </div>
  );
}
