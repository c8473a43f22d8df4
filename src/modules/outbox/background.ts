// The server's background work: the outbox dispatcher and the periodic jobs of the integrations (e.g. pulling
// dossiers submitted on the national portal). Started after the server listens, stopped before the database
// closes; a job never runs twice at once, and an error in one run is logged and the next run goes ahead.
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { describeError, Dispatcher } from './dispatcher.js';
import { jobsFor, subscribersFor } from './registry.js';

export interface Background {
  subscribers: string[];
  jobs: string[];
  stop(): Promise<void>;
}

export function startBackground(ctx: AppContext, log: FastifyBaseLogger): Background {
  const interval = ctx.config.dispatchIntervalMs;
  const subscribers = subscribersFor(ctx);
  const dispatcher = new Dispatcher(ctx, subscribers);
  if (interval > 0 && subscribers.length > 0) dispatcher.start(interval);

  const abort = new AbortController();
  const jobs = interval > 0 ? jobsFor(ctx) : [];
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  for (const job of jobs) {
    const tick = () => {
      if (abort.signal.aborted) return;
      const run = job
        .run(abort.signal)
        .catch((e: unknown) => log.warn({ job: job.name, error: describeError(e) }, 'background job failed'))
        .finally(() => {
          running.delete(run);
          if (!abort.signal.aborted) {
            const t = setTimeout(() => {
              timers.delete(t);
              tick();
            }, job.intervalMs);
            timers.add(t);
          }
        });
      running.add(run);
    };
    tick();
  }

  return {
    subscribers: subscribers.map((s) => s.name),
    jobs: jobs.map((j) => j.name),
    async stop() {
      abort.abort();
      for (const t of timers) clearTimeout(t);
      await Promise.all([dispatcher.stop(), ...running]);
    },
  };
}
