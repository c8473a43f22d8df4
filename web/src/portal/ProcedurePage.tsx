// One procedure as a citizen needs it: what to bring (a checklist with originals, copies and conditions), the
// forms, the time limit and fee per channel, how it goes, the legal basis, and "Nộp trực tuyến" when possible.
import { useI18n, type Key } from '../i18n';
import { useParams } from '../router';
import { useApi } from '../useApi';
import { ButtonLink, ErrorBox, Loading, Notice, PageTitle } from './ui';
import { channelOrder, fmtCopies, fmtFee, fmtTimeLimit, onlineChannel } from './format';
import type { Procedure } from './types';
import './procedure.css';

/** Source texts come as lines starting with "-" or "+": shown as a list, the markers dropped. */
function Lines({ text }: { text: string }) {
  const lines = text
    .split(/\n+/)
    .map((l) => l.replace(/^\s*[-+•]\s*/, '').trim())
    .filter(Boolean);
  if (lines.length < 2) return <p>{lines[0]}</p>;
  return (
    <ul className="p-lines">
      {lines.map((l, i) => (
        <li key={i}>{l}</li>
      ))}
    </ul>
  );
}

function Checklist({ p }: { p: Procedure }) {
  const { t } = useI18n();
  return (
    <ul className="p-checklist">
      {p.components.map((c) => (
        <li key={c.key}>
          <input type="checkbox" id={`have-${c.key}`} aria-describedby={`have-${c.key}-d`} />
          <div>
            <label htmlFor={`have-${c.key}`}>{c.name}</label>
            <p className="p-check-details" id={`have-${c.key}-d`}>
              <span className={`p-tag ${c.required ? 'p-tag-required' : ''}`}>{c.required ? t('common.required') : t('portal.component.ifApplicable')}</span>{' '}
              <span>{fmtCopies(c, t)}</span>
              {c.note ? <span className="p-condition"> · {t('portal.component.condition', { note: c.note })}</span> : null}
              {c.form ? <span> · {t('portal.component.form', { form: c.form })}</span> : null}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

export default function ProcedurePage() {
  const { t, lang } = useI18n();
  const { code } = useParams<{ code: string }>();
  const { data: p, error, loading, reload } = useApi<Procedure>(`/api/public/procedures/${encodeURIComponent(code)}`);
  if (loading && !p) return <Loading />;
  if (error || !p) {
    return (
      <>
        <PageTitle title={t('portal.procedure.notFound')} />
        <ErrorBox error={error} onRetry={reload} />
        <ButtonLink to="/thu-tuc">{t('portal.procedure.backToCatalogue')}</ButtonLink>
      </>
    );
  }
  const online = onlineChannel(p);
  const forms = p.components.filter((c) => c.form);
  const channels = [...p.channels].sort(channelOrder);
  return (
    <article className="p-procedure">
      <PageTitle title={p.name} lead={`${p.field} · ${t('portal.procedure.code')} ${p.code}`} />
      <div className="p-card p-cta">
        {online ? (
          <>
            <p>{t('portal.procedure.onlineYes', { limit: fmtTimeLimit(online.timeLimit, t) })}</p>
            <ButtonLink to={`/nop-ho-so/${encodeURIComponent(p.code)}`} variant="primary">
              {t('portal.procedure.submitOnline')}
            </ButtonLink>
          </>
        ) : (
          <p>{t('portal.procedure.onlineNo')}</p>
        )}
      </div>

      <section className="p-section" aria-labelledby="sec-bring">
        <h2 id="sec-bring">{t('portal.procedure.bring')}</h2>
        <p className="p-muted">{t('portal.procedure.bringHint')}</p>
        <Checklist p={p} />
        {p.componentNotes.length ? (
          <details className="p-details">
            <summary>{t('portal.procedure.notes', { n: p.componentNotes.length })}</summary>
            <ul className="p-lines">
              {p.componentNotes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section className="p-section" aria-labelledby="sec-forms">
        <h2 id="sec-forms">{t('portal.procedure.forms')}</h2>
        {forms.length ? (
          <ul className="p-lines">
            {forms.map((c) => (
              <li key={c.key}>
                <strong>{c.form}</strong> — {c.name}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('portal.procedure.noForms')}</p>
        )}
        {p.source ? (
          <p>
            <a href={p.source} target="_blank" rel="noopener noreferrer">
              {t('portal.procedure.source')}
            </a>
          </p>
        ) : null}
      </section>

      <section className="p-section" aria-labelledby="sec-limit">
        <h2 id="sec-limit">{t('portal.procedure.limitAndFee')}</h2>
        <ul className="p-channels">
          {channels.map((c, i) => (
            <li key={`${c.channel}-${i}`} className="p-card">
              <h3>{t(`portal.channel.${c.channel}` as Key)}</h3>
              <dl className="p-dl">
                <dt>{t('portal.procedure.limit')}</dt>
                <dd>{fmtTimeLimit(c.timeLimit, t)}</dd>
                <dt>{t('portal.procedure.fee')}</dt>
                <dd>{fmtFee(c.fee, lang, t)}</dd>
                {c.description ? (
                  <>
                    <dt>{t('common.note')}</dt>
                    <dd>{c.description}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          ))}
        </ul>
      </section>

      <section className="p-section" aria-labelledby="sec-about">
        <h2 id="sec-about">{t('portal.procedure.about')}</h2>
        <dl className="p-dl">
          {p.agency ? (
            <>
              <dt>{t('portal.procedure.agency')}</dt>
              <dd>{p.agency}</dd>
            </>
          ) : null}
          {p.applicants ? (
            <>
              <dt>{t('portal.procedure.applicants')}</dt>
              <dd>{p.applicants}</dd>
            </>
          ) : null}
          <dt>{t('portal.procedure.results')}</dt>
          <dd>{p.results.map((r) => r.name).join('; ') || '—'}</dd>
        </dl>
        {p.requirements ? (
          <>
            <h3>{t('portal.procedure.requirements')}</h3>
            <Lines text={p.requirements} />
          </>
        ) : null}
        {p.steps ? (
          <details className="p-details">
            <summary>{t('portal.procedure.steps')}</summary>
            <Lines text={p.steps} />
          </details>
        ) : null}
      </section>

      {p.legalBasis.length ? (
        <section className="p-section" aria-labelledby="sec-legal">
          <h2 id="sec-legal">{t('portal.procedure.legal')}</h2>
          <ul className="p-lines">
            {p.legalBasis.map((l) => (
              <li key={l.number}>
                <strong>{l.number}</strong>
                {l.title ? ` — ${l.title}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {online ? (
        <Notice>
          <ButtonLink to={`/nop-ho-so/${encodeURIComponent(p.code)}`} variant="primary">
            {t('portal.procedure.submitOnline')}
          </ButtonLink>
        </Notice>
      ) : null}
    </article>
  );
}
