// The dossier-code box: typed or pasted from the receipt, spaces and case forgiven, checked before asking.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { TextField } from '../ui';

/** QCVN 102 code: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX, e.g. 000.00.01.H46-261123-0001. */
const CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4,}$/;

export function normaliseCode(raw: string): string {
  return raw.trim().replace(/\s+/g, '').toUpperCase();
}

export function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = normaliseCode(code);
    if (!CODE.test(c)) {
      setError(c ? t('portal.track.codeInvalid') : t('portal.track.codeRequired'));
      document.getElementById('dossier-code')?.focus();
      return;
    }
    setError(undefined);
    navigate(`/tra-cuu/${encodeURIComponent(c)}`);
  };
  return (
    <form className="p-inline-form" onSubmit={submit} noValidate role="search" aria-label={t('portal.track.formLabel')}>
      <TextField
        id="dossier-code"
        label={t('portal.track.codeLabel')}
        hint={t('portal.track.codeHint')}
        value={code}
        onChange={setCode}
        error={error}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
      />
      <button type="submit" className="p-btn p-btn-primary">
        {t('portal.track.go')}
      </button>
    </form>
  );
}
