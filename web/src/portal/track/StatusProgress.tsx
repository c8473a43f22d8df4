// Where a dossier is, on the national status path (1 → 2 → 4 → 9 → 10), in plain words. Side
// states (supplement, fee, stopped, withdrawn, not accepted) are shown at the stage where they happened.
import { useI18n, type Key } from '../../i18n';
import type { PublicDossier } from '../types';

const PATH = [1, 2, 4, 9, 10] as const;
const ENDED = new Set([3, 7, 8]);

/** The stage reached on the main path (0-based), and whether the dossier stopped there for good. */
export function stageOf(d: Pick<PublicDossier, 'nationalStatus' | 'receivedAt' | 'resolvedAt'>): { index: number; ended: boolean } {
  const onPath = PATH.indexOf(d.nationalStatus as (typeof PATH)[number]);
  if (onPath >= 0) return { index: onPath, ended: false };
  const reached = d.resolvedAt ? 3 : d.receivedAt ? 2 : 0;
  return { index: reached, ended: ENDED.has(d.nationalStatus) };
}

export function StatusProgress({ dossier }: { dossier: PublicDossier }) {
  const { t, m } = useI18n();
  const { index, ended } = stageOf(dossier);
  const side = !PATH.includes(dossier.nationalStatus as (typeof PATH)[number]);
  const percent = Math.round((index / (PATH.length - 1)) * 100);
  return (
    <div className="p-progress">
      <div className="p-bar" aria-hidden="true">
        <div className={`p-bar-fill ${ended ? 'p-bar-ended' : side ? 'p-bar-paused' : ''}`} style={{ width: `${Math.max(percent, 4)}%` }} />
      </div>
      <ol className="p-stages" aria-label={t('portal.track.progress')}>
        {PATH.map((n, i) => {
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li key={n} className={`p-stage p-stage-${state}`} aria-current={i === index ? 'step' : undefined}>
              <span className="p-stage-dot" aria-hidden="true">
                {i < index ? '✓' : i + 1}
              </span>
              <span className="p-stage-name">
                {t(`portal.national.${n}` as Key)}
                {i < index ? <span className="p-visually-hidden"> ({t('portal.track.stageDone')})</span> : null}
                {i === index && side ? <span className="p-stage-side">{m(dossier.nationalStatusName)}</span> : null}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
