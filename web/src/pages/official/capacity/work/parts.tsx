// Pieces the evidence, workload and appraisal pages share: whose data the person may see (their unit as a
// leader, their own as an official, aggregates as the province), a level shown as a number and its words, a
// figure that opens what is behind it, and the names of dossier actions and roles.
import type { ReactNode } from 'react';
import { Button, Tooltip } from 'antd';
import { useI18n, type Key } from '../../../../i18n';
import { useSession } from '../../../../session';
import { useScope, type Scope } from '../../reports/ReportFilters';
import { ALL_ROLES, COMPETENT_LEVEL, WORK_LEADERS } from '../work-model';

export interface WorkScope extends Scope {
  /** The person leads the chosen commune: named rows of all its officials, and decisions. */
  isLeader: boolean;
  /** The person's own account id. */
  me: number;
}

/** The unit and period from the address, and what the person may do there. */
export function useWorkScope(): WorkScope {
  const session = useSession();
  const scope = useScope(ALL_ROLES);
  const isLeader = !scope.isProvince && !!session.me?.grants.some((g) => WORK_LEADERS.includes(g.role) && g.unitCode === scope.unit);
  return { ...scope, isLeader, me: session.me?.id ?? 0 };
}

const LEVEL_STYLE = [
  { color: '#3d3d3d', background: '#f5f5f5', border: '#bfbfbf' },
  { color: '#7a3300', background: '#fff7e6', border: '#ffc069' },
  { color: '#003eb3', background: '#e6f4ff', border: '#91caff' },
  { color: '#135200', background: '#f6ffed', border: '#95de64' },
  { color: '#391085', background: '#f9f0ff', border: '#d3adf7' },
];

/** A level 0–4 as "2 · Làm được", with the words of the level in a tooltip; colours of at least 4.5:1. */
export function LevelTag({ level, testId }: { level: number | null | undefined; testId?: string }) {
  const { t } = useI18n();
  if (level === null || level === undefined) return <span>—</span>;
  const s = LEVEL_STYLE[Math.max(0, Math.min(4, level))]!;
  return (
    <Tooltip title={t(`capw.levelHint.${level}` as Key)}>
      <span className="colour-tag capw-level" data-testid={testId} data-level={level} style={{ color: s.color, background: s.background, borderColor: s.border }}>
        {t('capw.levelShort', { n: level, name: t(`capw.level.${level}` as Key) })}
      </span>
    </Tooltip>
  );
}

/** Whether a level makes someone competent, in words (for the suggestion column). */
export function competentText(level: number, t: (k: Key) => string): string {
  return level >= COMPETENT_LEVEL ? t('capw.competent') : t('capw.notCompetent');
}

/**
 * A figure that opens the list behind it (a button: it opens a panel on this page). Zero opens nothing. `what`
 * is read before the figure by a screen reader ("Tỷ lệ bị trả lại: 14,7%"), the visible figure stays part of
 * the button's name.
 */
export function FigureButton({ children, onOpen, what, disabled, testId }: { children: ReactNode; onOpen(): void; what: string; disabled?: boolean; testId?: string }) {
  if (disabled) return <span className="report-zero">{children}</span>;
  return (
    <Button type="link" size="small" className="capw-figure" onClick={onOpen} data-testid={testId}>
      <span className="sr-only">{what}: </span>
      {children}
    </Button>
  );
}

/** The words of a dossier action (the server's action names), or the name itself when there are none. */
export function actionName(action: string, t: (k: Key) => string): string {
  const key = `outbox.action.${action}`;
  const s = t(key as Key);
  return s === key ? action : s;
}

export function roleName(role: string | null | undefined, t: (k: Key) => string): string {
  if (!role) return '—';
  const key = `capw.role.${role}`;
  const s = t(key as Key);
  return s === key ? role : s;
}
