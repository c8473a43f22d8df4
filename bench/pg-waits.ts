// Samples what the bench database's backends are doing while a phase runs (PostgreSQL only), from a
// connection of its own: where intakes spend their time — on the CPU, waiting for a row lock, for the
// WAL flush, or idle in a transaction while Node prepares the next statement.
import pg from 'pg';

export interface WaitEntry {
  state: string;
  wait: string;
  query: string;
  /** Average number of backends seen in this state per sample. */
  avgBackends: number;
}

export interface WaitProfile {
  samples: number;
  intervalMs: number;
  /** Average number of backends doing anything (not idle) per sample. */
  avgBusyBackends: number;
  /** The same by (state, wait) alone: how the busy backends split between lock waits, CPU, I/O and waiting for Node. */
  byState: Array<Omit<WaitEntry, 'query'>>;
  top: WaitEntry[];
}

const SAMPLE = `
select state, coalesce(wait_event_type || ':' || wait_event, 'CPU') as wait,
       left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as query, count(*)::int as n
  from pg_stat_activity
 where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' and state <> 'idle'
 group by 1, 2, 3`;

export function sampleWaits(url: string, intervalMs = 25): { stop(): Promise<WaitProfile> } {
  const client = new pg.Client({ connectionString: url });
  const counts = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const r = await client.query<{ state: string; wait: string; query: string; n: number }>(SAMPLE);
      samples++;
      for (const row of r.rows) {
        const key = JSON.stringify([row.state, row.wait, row.query]);
        counts.set(key, (counts.get(key) ?? 0) + row.n);
        busy += row.n;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop.finally(() => client.end().catch(() => undefined));
      const avg = (n: number) => Math.round((n / Math.max(1, samples)) * 100) / 100;
      const entries = [...counts.entries()].map(([key, n]) => {
        const [state, wait, query] = JSON.parse(key) as [string, string, string];
        return { state, wait, query, n };
      });
      const states = new Map<string, number>();
      for (const e of entries) states.set(JSON.stringify([e.state, e.wait]), (states.get(JSON.stringify([e.state, e.wait])) ?? 0) + e.n);
      const byState = [...states.entries()]
        .map(([key, n]) => {
          const [state, wait] = JSON.parse(key) as [string, string];
          return { state, wait, avgBackends: avg(n) };
        })
        .sort((a, b) => b.avgBackends - a.avgBackends);
      const top = entries
        .map((e) => ({ state: e.state, wait: e.wait, query: e.query, avgBackends: avg(e.n) }))
        .sort((a, b) => b.avgBackends - a.avgBackends)
        .slice(0, 12);
      return { samples, intervalMs, avgBusyBackends: avg(busy), byState, top };
    },
  };
}
