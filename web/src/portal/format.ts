// How the portal words catalogue data for a citizen: time limits, fees, counts of originals and copies.
import type { I18n, Key } from '../i18n';
import { fmtMoney } from '../format';
import type { Channel, Component, Fee, ProcedureHit, TimeLimit } from './types';

export function fmtTimeLimit(l: TimeLimit, t: I18n['t']): string {
  if (l.unit === 'same_day' || (l.value === 0 && l.unit)) return t('portal.limit.same_day');
  if (l.value !== null && l.unit) return t(`portal.limit.${l.unit}` as Key, { n: l.value });
  // The national catalogue sometimes gives a bare number: say so rather than guess days or working days.
  if (l.value !== null) return t('portal.limit.unknownUnit', { n: l.value });
  return l.text?.trim() || t('portal.limit.none');
}

export function fmtFee(f: Fee, lang: 'vi' | 'en', t: I18n['t']): string {
  const text = f.text?.trim();
  // Catalogue texts glue notes on ("Miễn phí(Mức lệ phí…))"): a space before the bracket, one bracket at the end.
  if (text) return text.replace(/\(\(/g, '(').replace(/\)\)$/, ')').replace(/([^\s(])\(/g, '$1 (');
  if (f.amount === 0) return t('portal.fee.free');
  if (f.amount === null) return t('portal.fee.unknown');
  return f.currency && f.currency !== 'VND' ? `${f.amount} ${f.currency}` : fmtMoney(f.amount, lang);
}

/** An instant as Vietnam wall-clock ISO (+07:00): the server sends some instants in UTC ("…Z"). */
export function vnIso(iso: string): string {
  if (iso.endsWith('+07:00')) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
}

export function fmtCopies(c: Pick<Component, 'originals' | 'copies'>, t: I18n['t']): string {
  const parts: string[] = [];
  if (c.originals) parts.push(t('portal.component.originals', { n: c.originals }));
  if (c.copies) parts.push(t('portal.component.copies', { n: c.copies }));
  return parts.length ? parts.join(', ') : t('portal.component.present');
}

/** The online channel, when the procedure can really be submitted online here (a limit the server can count). */
export function onlineChannel(p: ProcedureHit): Channel | null {
  if (p.onlineLevel === 'none') return null;
  const c = p.channels.find((ch) => ch.channel === 'online');
  return c && c.timeLimit.value !== null && c.timeLimit.unit !== null ? c : null;
}

export function channelOrder(a: Channel, b: Channel): number {
  const order = { online: 0, counter: 1, postal: 2 } as const;
  return order[a.channel] - order[b.channel];
}
