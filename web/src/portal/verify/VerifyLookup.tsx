// /xac-thuc: type the verification code from a signed document (its QR code opens /xac-thuc/{code} directly).
import { useI18n } from '../../i18n';
import { PageTitle } from '../ui';
import { VerifyCodeForm } from './VerifyCodeForm';

export default function VerifyLookup() {
  const { t } = useI18n();
  return (
    <div className="p-narrow">
      <PageTitle title={t('verify.title')} lead={t('verify.lead')} />
      <div className="p-card">
        <VerifyCodeForm />
      </div>
    </div>
  );
}
