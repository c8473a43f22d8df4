// The population database (CSDL quốc gia về dân cư) as MotCua calls it: one read, GET /citizens/{id} with a
// bearer token. The answer is checked against the record's shape before anything uses it. A person at the
// counter is waiting, so the timeout is short and there is no retry: the officer can press again or type.
import { CitizenRecord } from './record.js';

export interface PopulationConfig {
  url: string;
  token: string;
}

export type CitizenLookup = { found: true; record: CitizenRecord } | { found: false };

/** The connection is off, the system did not answer in time, answered 5xx, refused our token, or spoke nonsense. */
export class PopulationUnavailable extends Error {
  override name = 'PopulationUnavailable';
  constructor(
    readonly reason: 'off' | 'timeout' | 'unreachable' | 'server_error' | 'credentials' | 'bad_answer',
    readonly status: number | null = null,
  ) {
    super(`population database unavailable: ${reason}${status ? ` (HTTP ${status})` : ''}`);
  }
}

const TIMEOUT_MS = 8_000;

export async function fetchCitizen(config: PopulationConfig | null, idNumber: string, options: { timeoutMs?: number } = {}): Promise<CitizenLookup> {
  if (!config) throw new PopulationUnavailable('off');
  let res: Response;
  try {
    res = await fetch(`${config.url}/citizens/${encodeURIComponent(idNumber)}`, {
      headers: { authorization: `Bearer ${config.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    });
  } catch (e) {
    const name = (e as Error).name;
    throw new PopulationUnavailable(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable');
  }
  if (res.status === 404) {
    await res.body?.cancel();
    return { found: false };
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new PopulationUnavailable('credentials', res.status);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new PopulationUnavailable(res.status >= 500 ? 'server_error' : 'bad_answer', res.status);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new PopulationUnavailable('bad_answer', res.status);
  }
  const parsed = CitizenRecord.safeParse(body);
  // A record for another number than the one asked is as bad as no record.
  if (!parsed.success || parsed.data.SoDinhDanh !== idNumber) throw new PopulationUnavailable('bad_answer', res.status);
  return { found: true, record: parsed.data };
}
