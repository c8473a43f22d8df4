// The online submission's data while the citizen fills it in, and its checks (the same rules the server
// applies, so most mistakes are caught before sending; the server still has the last word).
import type { I18n } from '../../i18n';
import type { Attached } from '../FileAttach';
import { doneRefs } from '../FileAttach';
import type { Component } from '../types';

export type Delivery = 'counter' | 'postal' | 'online';

export interface ApplicantForm {
  unitCode: string;
  name: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  resultDelivery: Delivery;
}

export const EMPTY_APPLICANT: ApplicantForm = { unitCode: '', name: '', idNumber: '', phone: '', email: '', address: '', resultDelivery: 'counter' };

export type Errors = Partial<Record<keyof ApplicantForm | 'components' | 'consent' | `component:${string}`, string>>;

const digits = (s: string) => s.replace(/[\s.-]/g, '');

export function cleanPhone(s: string): string {
  return digits(s.trim());
}

export function checkApplicant(a: ApplicantForm, t: I18n['t']): Errors {
  const e: Errors = {};
  if (!a.unitCode) e.unitCode = t('portal.submit.err.unit');
  if (a.name.trim().length < 2) e.name = t('portal.submit.err.name');
  if (!/^\d{12}$/.test(digits(a.idNumber))) e.idNumber = t('portal.submit.err.idNumber');
  if (!/^(\+84|0)\d{9,10}$/.test(cleanPhone(a.phone))) e.phone = t('portal.submit.err.phone');
  if (a.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim())) e.email = t('portal.submit.err.email');
  if (a.resultDelivery === 'postal' && !a.address.trim()) e.address = t('portal.submit.err.addressForPost');
  return e;
}

export function checkAttachments(components: Component[], files: Record<string, Attached[]>, t: I18n['t']): Errors {
  const e: Errors = {};
  for (const c of components) {
    const list = files[c.key] ?? [];
    if (list.some((f) => f.status === 'uploading')) e[`component:${c.key}`] = t('portal.submit.err.stillUploading');
    else if (c.required && doneRefs(list).length === 0) e[`component:${c.key}`] = t('portal.submit.err.requiredComponent');
  }
  return e;
}

/** The request body of POST /api/public/dossiers. */
export function submissionBody(procedureCode: string, a: ApplicantForm, files: Record<string, Attached[]>) {
  const optional = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    procedureCode,
    unitCode: a.unitCode,
    applicant: { name: a.name.trim(), idNumber: digits(a.idNumber), phone: cleanPhone(a.phone), email: optional(a.email), address: optional(a.address) },
    resultDelivery: a.resultDelivery,
    components: Object.entries(files)
      .map(([key, list]) => ({ key, files: doneRefs(list) }))
      .filter((c) => c.files.length > 0),
  };
}

const RECENT = 'motcua.recentDossiers';

/** Codes submitted from this browser, newest first, so the tracking page can offer them (codes only). */
export function rememberCode(code: string): void {
  try {
    const list = recentCodes().filter((c) => c !== code);
    localStorage.setItem(RECENT, JSON.stringify([code, ...list].slice(0, 5)));
  } catch {
    /* storage blocked: nothing remembered */
  }
}

export function recentCodes(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
