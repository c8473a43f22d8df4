// The units a dossier can be transferred to: those hosted by peer MotCua systems (sent over the API) first,
// then this system's units matching the search. A code a peer hosts always goes to that peer.
import { useI18n } from '../../../i18n';
import { useApi } from '../../../useApi';
import type { UnitSummary } from '../../../types';

interface RemoteUnit {
  code: string;
  name: string;
  peerName: string;
}

type Option = { value: string; label: string };
type Group = { label: string; options: Option[] };

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

export function useTransferTargets(active: boolean, query: string, local: UnitSummary[]): { options: Array<Option | Group>; loading: boolean } {
  const { t } = useI18n();
  const remote = useApi<{ units: RemoteUnit[] }>(active ? '/api/federation/units' : null);
  const peerUnits = remote.data?.units ?? [];
  const hosted = new Set(peerUnits.map((u) => u.code));
  const q = fold(query.trim());
  const remoteOptions = peerUnits.filter((u) => !q || fold(`${u.name} ${u.code} ${u.peerName}`).includes(q)).map((u) => ({ value: u.code, label: `${u.name} (${u.code}) — ${u.peerName}` }));
  const localOptions = local.filter((u) => !u.mergedInto && !hosted.has(u.code)).map((u) => ({ value: u.code, label: `${u.name} (${u.code})${u.parentName ? ` — ${u.parentName}` : ''}` }));
  if (!remoteOptions.length) return { options: localOptions, loading: remote.loading };
  return {
    options: [{ label: t('action.remoteUnits'), options: remoteOptions }, ...(localOptions.length ? [{ label: t('action.localUnits'), options: localOptions }] : [])],
    loading: remote.loading,
  };
}
