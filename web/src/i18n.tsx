// A small dictionary i18n: Vietnamese by default, English on request, the choice remembered in localStorage.
// Every string a person reads goes through t(); the server's messages come bilingual and go through m().
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, type Msg } from './api';
import { common } from './messages/common';
import { dossier } from './messages/dossier';
import { counter } from './messages/counter';
import { admin } from './messages/admin';
import { portal } from './messages/portal';
import { outbox } from './messages/outbox';
import { notifications } from './messages/notifications';
import { payments } from './messages/payments';
import { federation } from './messages/federation';
import { nationalPortal } from './messages/national-portal';
import { signatures } from './messages/signatures';
import { reports } from './messages/reports';
import { capacity } from './messages/capacity';
import { capacityPeople } from './messages/capacity-people';
import { capacityTraining } from './messages/capacity-training';
import { capacityWork } from './messages/capacity-work';
import { practice } from './messages/practice';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];

const dictionaries = {
  vi: { ...common.vi, ...dossier.vi, ...counter.vi, ...admin.vi, ...portal.vi, ...outbox.vi, ...notifications.vi, ...payments.vi, ...federation.vi, ...nationalPortal.vi, ...signatures.vi, ...reports.vi, ...capacity.vi, ...capacityPeople.vi, ...capacityTraining.vi, ...capacityWork.vi, ...practice.vi },
  en: { ...common.en, ...dossier.en, ...counter.en, ...admin.en, ...portal.en, ...outbox.en, ...notifications.en, ...payments.en, ...federation.en, ...nationalPortal.en, ...signatures.en, ...reports.en, ...capacity.en, ...capacityPeople.en, ...capacityTraining.en, ...capacityWork.en, ...practice.en },
};
export type Key = keyof typeof dictionaries.vi;
export type Vars = Record<string, string | number>;

const STORAGE_KEY = 'motcua.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'vi' || saved === 'en') return saved;
  } catch {
    /* storage blocked: keep the default */
  }
  return 'vi';
}

export function translate(lang: Lang, key: Key, vars?: Vars): string {
  const text: string = dictionaries[lang][key] ?? dictionaries.vi[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all)) : text;
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: Key, vars?: Vars): string;
  /** A bilingual message from the server, in the chosen language. */
  m(msg: Msg | null | undefined): string;
  /** The message of any error: the server's own words for an ApiError. */
  errorText(e: unknown): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* not remembered, still switched */
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const t = (key: Key, vars?: Vars) => translate(lang, key, vars);
    const m = (msg: Msg | null | undefined) => (msg ? msg[lang] || msg.vi : '');
    return {
      lang,
      setLang,
      t,
      m,
      errorText: (e: unknown) => (e instanceof ApiError ? m(e.body.message) : e instanceof Error ? `${t('error.unexpected')} (${e.message})` : t('error.unexpected')),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
