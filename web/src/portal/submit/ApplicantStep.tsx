// Step 1: where to submit, who is applying, and how the result should come back.
import { useMemo } from 'react';
import { useI18n, type Key } from '../../i18n';
import { TextField } from '../ui';
import type { PublicUnit } from '../types';
import type { ApplicantForm, Delivery, Errors } from './model';

const DELIVERIES: Delivery[] = ['counter', 'postal', 'online'];

export function ApplicantStep({
  value,
  onChange,
  errors,
  units,
}: {
  value: ApplicantForm;
  onChange(patch: Partial<ApplicantForm>): void;
  errors: Errors;
  units: PublicUnit[];
}) {
  const { t } = useI18n();
  const byProvince = useMemo(() => {
    const m = new Map<string, PublicUnit[]>();
    for (const u of units) {
      const p = u.province?.name ?? '';
      m.set(p, [...(m.get(p) ?? []), u]);
    }
    return [...m];
  }, [units]);

  return (
    <>
      <div className={`p-field ${errors.unitCode ? 'p-field-invalid' : ''}`}>
        <label htmlFor="unitCode">
          {t('portal.submit.unit')}
          <span className="p-req"> ({t('portal.form.required')})</span>
        </label>
        <p className="p-hint" id="unitCode-hint">
          {t('portal.submit.unitHint')}
        </p>
        <select
          id="unitCode"
          value={value.unitCode}
          onChange={(e) => onChange({ unitCode: e.target.value })}
          aria-required
          aria-invalid={errors.unitCode ? true : undefined}
          aria-describedby={errors.unitCode ? 'unitCode-hint unitCode-error' : 'unitCode-hint'}
        >
          <option value="">{t('portal.submit.unitChoose')}</option>
          {byProvince.map(([province, list]) =>
            province ? (
              <optgroup key={province} label={province}>
                {list.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name}
                  </option>
                ))}
              </optgroup>
            ) : (
              list.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))
            ),
          )}
        </select>
        {errors.unitCode ? (
          <p className="p-error" id="unitCode-error">
            {errors.unitCode}
          </p>
        ) : null}
      </div>

      <fieldset className="p-fieldset">
        <legend>{t('portal.submit.applicant')}</legend>
        <TextField id="name" label={t('portal.submit.name')} value={value.name} onChange={(name) => onChange({ name })} error={errors.name} required autoComplete="name" maxLength={200} />
        <TextField
          id="idNumber"
          label={t('portal.submit.idNumber')}
          hint={t('portal.submit.idNumberHint')}
          value={value.idNumber}
          onChange={(idNumber) => onChange({ idNumber })}
          error={errors.idNumber}
          required
          inputMode="numeric"
          autoComplete="off"
          maxLength={14}
        />
        <TextField
          id="phone"
          label={t('portal.submit.phone')}
          hint={t('portal.submit.phoneHint')}
          value={value.phone}
          onChange={(phone) => onChange({ phone })}
          error={errors.phone}
          required
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={15}
        />
        <TextField id="email" label={t('portal.submit.email')} value={value.email} onChange={(email) => onChange({ email })} error={errors.email} type="email" autoComplete="email" maxLength={200} />
        <TextField id="address" label={t('portal.submit.address')} value={value.address} onChange={(address) => onChange({ address })} error={errors.address} autoComplete="street-address" maxLength={500} />
      </fieldset>

      <fieldset className="p-fieldset">
        <legend>{t('portal.submit.delivery')}</legend>
        <div className="p-radios">
          {DELIVERIES.map((d) => (
            <label key={d} className="p-radio">
              <input type="radio" name="resultDelivery" value={d} checked={value.resultDelivery === d} onChange={() => onChange({ resultDelivery: d })} />
              <span>{t(`portal.delivery.${d}` as Key)}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
