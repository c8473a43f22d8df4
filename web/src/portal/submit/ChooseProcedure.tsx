// The first step of submitting online: choose the procedure, among those this system takes online.
import { useI18n } from '../../i18n';
import { PageTitle } from '../ui';
import { ProcedureSearch } from '../ProcedureSearch';

export default function ChooseProcedure() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle title={t('portal.choose.title')} lead={t('portal.choose.lead')} />
      <ProcedureSearch onlineOnly linkTo={(code) => `/nop-ho-so/${encodeURIComponent(code)}`} />
    </>
  );
}
