// "This dossier is mine": the personal ID number or the phone number given at submission. Anyone with the
// code can see the status; only its applicant can add a supplement or rate.
import { useI18n } from '../../i18n';
import { TextField } from '../ui';
import type { Verify } from '../types';

export interface VerifyState {
  by: 'idNumber' | 'phone';
  value: string;
}

export const EMPTY_VERIFY: VerifyState = { by: 'idNumber', value: '' };

const clean = (s: string) => s.replace(/[\s.-]/g, '');

/** The check the server will make, done first so a typo is caught before anything is sent. */
export function verifyError(v: VerifyState, t: ReturnType<typeof useI18n>['t']): string | undefined {
  const s = clean(v.value);
  if (v.by === 'idNumber') return /^\d{12}$/.test(s) ? undefined : t('portal.submit.err.idNumber');
  return /^(\+84|0)\d{9,10}$/.test(s) ? undefined : t('portal.submit.err.phone');
}

export function verifyBody(v: VerifyState): Verify {
  return v.by === 'idNumber' ? { idNumber: clean(v.value) } : { phone: clean(v.value) };
}

export function VerifyFields({ id, value, onChange, error }: { id: string; value: VerifyState; onChange(v: VerifyState): void; error?: string | undefined }) {
  const { t } = useI18n();
  return (
    <fieldset className="p-fieldset">
      <legend>{t('portal.verify.legend')}</legend>
      <p className="p-hint">{t('portal.verify.hint')}</p>
      <div className="p-radios p-radios-inline">
        {(['idNumber', 'phone'] as const).map((by) => (
          <label key={by} className="p-radio">
            <input type="radio" name={`${id}-by`} value={by} checked={value.by === by} onChange={() => onChange({ by, value: '' })} />
            <span>{by === 'idNumber' ? t('portal.verify.byId') : t('portal.verify.byPhone')}</span>
          </label>
        ))}
      </div>
      <TextField
        id={`${id}-value`}
        label={value.by === 'idNumber' ? t('portal.submit.idNumber') : t('portal.submit.phone')}
        value={value.value}
        onChange={(v) => onChange({ ...value, value: v })}
        error={error}
        required
        inputMode={value.by === 'idNumber' ? 'numeric' : 'tel'}
        type={value.by === 'phone' ? 'tel' : 'text'}
        autoComplete={value.by === 'phone' ? 'tel' : 'off'}
        maxLength={15}
      />
    </fieldset>
  );
}
