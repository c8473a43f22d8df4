// The verification-code box: the 10 characters printed beside the QR code, dashes, spaces and case forgiven.
import { useI18n } from '../../i18n';
import { LookupForm } from '../LookupForm';
import { normaliseVerificationCode } from './model';

export function VerifyCodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  return (
    <LookupForm
      id="verification-code"
      label={t('verify.codeLabel')}
      hint={t('verify.codeHint')}
      formLabel={t('verify.title')}
      submitLabel={t('verify.codeSubmit')}
      initial={initial}
      resolve={(raw) => {
        const c = normaliseVerificationCode(raw);
        return c ? { path: `/xac-thuc/${c}` } : { error: t('verify.codeRequired') };
      }}
    />
  );
}
