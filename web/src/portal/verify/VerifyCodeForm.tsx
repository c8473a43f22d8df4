// The verification-code box: the 10 characters printed beside the QR code, dashes, spaces and case forgiven.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { TextField } from '../ui';
import { normaliseVerificationCode } from './model';

export function VerifyCodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = normaliseVerificationCode(code);
    if (!c) {
      setError(t('verify.codeRequired'));
      document.getElementById('verification-code')?.focus();
      return;
    }
    setError(undefined);
    navigate(`/xac-thuc/${c}`);
  };
  return (
    <form className="p-inline-form" onSubmit={submit} noValidate role="search" aria-label={t('verify.title')}>
      <TextField
        id="verification-code"
        label={t('verify.codeLabel')}
        hint={t('verify.codeHint')}
        value={code}
        onChange={setCode}
        error={error}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
      />
      <button type="submit" className="p-btn p-btn-primary">
        {t('verify.codeSubmit')}
      </button>
    </form>
  );
}
