// Search the catalogue while typing (diacritics optional: "khai sinh" finds "khai sinh"), narrow by field, and
// see the results grouped by field with their time limit, fee and whether they can be submitted online.
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { Link, useSearch } from '../router';
import { useApi } from '../useApi';
import { ErrorBox, Loading } from './ui';
import { channelOrder, fmtFee, fmtTimeLimit, onlineChannel } from './format';
import type { ProcedureHit } from './types';
import './catalogue.css';

export function ProcedureSearch({ onlineOnly, linkTo }: { onlineOnly?: boolean; linkTo(code: string): string }) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useSearch();
  const [text, setText] = useState(query.q ?? '');
  const field = query.field ?? '';

  // Typing updates the address after a pause, so the list follows without a request per keystroke.
  useEffect(() => {
    const id = window.setTimeout(() => {
      if ((query.q ?? '') !== text.trim()) setQuery({ q: text.trim() });
    }, 300);
    return () => window.clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const fields = useApi<{ fields: Array<{ field: string; count: number }> }>('/api/public/fields');
  const result = useApi<{ procedures: ProcedureHit[] }>('/api/public/procedures', { q: query.q, field: field || undefined, limit: 100 });
  const groups = useMemo(() => {
    const list = (result.data?.procedures ?? []).filter((p) => !onlineOnly || onlineChannel(p));
    const by = new Map<string, ProcedureHit[]>();
    for (const p of list) by.set(p.field, [...(by.get(p.field) ?? []), p]);
    return [...by];
  }, [result.data, onlineOnly]);
  const total = groups.reduce((n, [, ps]) => n + ps.length, 0);

  return (
    <>
      <form className="p-filters" role="search" aria-label={t('portal.catalogue.searchLabel')} onSubmit={(e) => (e.preventDefault(), setQuery({ q: text.trim() }))}>
        <div className="p-field">
          <label htmlFor="catalogue-q">{t('portal.catalogue.searchLabel')}</label>
          <input id="catalogue-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('portal.home.searchPlaceholder')} autoComplete="off" enterKeyHint="search" />
        </div>
        <div className="p-field">
          <label htmlFor="catalogue-field">{t('portal.catalogue.field')}</label>
          <select id="catalogue-field" value={field} onChange={(e) => setQuery({ field: e.target.value })}>
            <option value="">{t('portal.catalogue.allFields')}</option>
            {(fields.data?.fields ?? []).map((f) => (
              <option key={f.field} value={f.field}>
                {f.field} ({f.count})
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="p-result-count" role="status" aria-live="polite">
        {result.loading ? t('app.loading') : t('portal.catalogue.found', { n: total })}
      </p>
      {result.error ? <ErrorBox error={result.error} onRetry={result.reload} /> : null}
      {result.loading && !result.data ? <Loading /> : null}
      {!result.loading && total === 0 && !result.error ? <p>{onlineOnly ? t('portal.catalogue.noneOnline') : t('portal.catalogue.none')}</p> : null}
      {groups.map(([name, list]) => (
        <section key={name} className="p-section" aria-label={name}>
          <h2>{name}</h2>
          <ul className="p-proc-list">
            {list.map((p) => {
              const main = [...p.channels].sort(channelOrder)[0];
              return (
                <li key={p.code} className="p-proc">
                  <Link to={linkTo(p.code)} className="p-proc-name">
                    {p.name}
                  </Link>
                  <p className="p-proc-meta">
                    <span>
                      {t('portal.procedure.code')}: {p.code}
                    </span>
                    {main ? (
                      <>
                        <span>
                          {t('portal.procedure.limit')}: {fmtTimeLimit(main.timeLimit, t)}
                        </span>
                        <span className="p-clip">
                          {t('portal.procedure.fee')}: {fmtFee(main.fee, lang, t)}
                        </span>
                      </>
                    ) : null}
                    {onlineChannel(p) ? <span className="p-tag p-tag-online">{t('portal.procedure.online')}</span> : null}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
