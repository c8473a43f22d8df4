// The dossier-code box: typed or pasted from the receipt, spaces and case forgiven, checked before asking.
import { useI18n } from '../../i18n';
import { LookupForm } from '../LookupForm';

/** QCVN 102 code: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX, e.g. 000.00.01.H46-261123-0001. */
const CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;

export function normaliseCode(raw: string): string {
  return raw.trim().replace(/\s+/g, '').toUpperCase();
}

export function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  return (
    <LookupForm
      id="dossier-code"
      label={t('portal.track.codeLabel')}
      hint={t('portal.track.codeHint')}
      formLabel={t('portal.track.formLabel')}
      submitLabel={t('portal.track.go')}
      initial={initial}
      resolve={(raw) => {
        const c = normaliseCode(raw);
        if (CODE.test(c)) return { path: `/tra-cuu/${encodeURIComponent(c)}` };
        return { error: c ? t('portal.track.codeInvalid') : t('portal.track.codeRequired') };
      }}
    />
  );
}
