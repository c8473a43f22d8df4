// The procedure catalogue: every procedure in force, by field, searchable.
import { useI18n } from '../i18n';
import { PageTitle } from './ui';
import { ProcedureSearch } from './ProcedureSearch';

export default function Catalogue() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('portal.catalogue.title')} lead={t('portal.catalogue.lead')} />
      <ProcedureSearch linkTo={(code) => `/thu-tuc/${encodeURIComponent(code)}`} />
    </>
  );
}
