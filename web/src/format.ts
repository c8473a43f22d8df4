// Dates as Vietnamese officials write them (HH:mm dd/MM/yyyy), always in Vietnam time, and working time.
import type { I18n } from './i18n';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/;

/** The server sends instants with +07:00: the wall-clock parts are read as they are, whatever the browser's zone. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = ISO.exec(iso);
  if (!m) return iso;
  return m[4] ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = ISO.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Today's date in Vietnam as YYYY-MM-DD. */
export function todayVn(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Working minutes as "2 ngày 3 giờ 15 phút" (a working day is 8 hours). */
export function fmtWorkingMinutes(minutes: number | null | undefined, t: I18n['t']): string {
  if (minutes === null || minutes === undefined) return '—';
  const sign = minutes < 0 ? '−' : '';
  let m = Math.abs(Math.round(minutes));
  const days = Math.floor(m / 480);
  m -= days * 480;
  const hours = Math.floor(m / 60);
  m -= hours * 60;
  const parts: string[] = [];
  if (days) parts.push(t('time.days', { n: days }));
  if (hours) parts.push(t('time.hours', { n: hours }));
  if (m || parts.length === 0) parts.push(t('time.minutes', { n: m }));
  return sign + parts.join(' ');
}

export function fmtMoney(amount: number | null | undefined, lang: 'vi' | 'en'): string {
  if (amount === null || amount === undefined) return '—';
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(amount)} đ`;
}

export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
