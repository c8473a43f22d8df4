// The subscribers and background jobs of the integrations, in one list each. A module adds its factory here;
// a factory returns null when its connection is not configured, and then nothing is routed to it.
import type { AppContext } from '../../context.js';
import type { Subscriber, SubscriberFactory } from './types.js';
import { notificationsSubscriberFactory } from '../integrations/notifications/subscriber.js';
import { nationalPortalSubscriberFactory } from '../integrations/national-portal/subscriber.js';
import { inboundJobFactory } from '../integrations/national-portal/inbound.js';
import { federationSubscriber } from '../integrations/federation/subscriber.js';

/** A periodic task (e.g. fetching dossiers submitted on the national portal). */
export interface BackgroundJob {
  name: string;
  intervalMs: number;
  run(signal: AbortSignal): Promise<void>;
}
export type JobFactory = (ctx: AppContext) => BackgroundJob | null;

export const SUBSCRIBER_FACTORIES: SubscriberFactory[] = [notificationsSubscriberFactory, nationalPortalSubscriberFactory, federationSubscriber];

export const JOB_FACTORIES: JobFactory[] = [inboundJobFactory];

export function subscribersFor(ctx: AppContext): Subscriber[] {
  return SUBSCRIBER_FACTORIES.map((f) => f(ctx)).filter((s): s is Subscriber => s !== null);
}

export function jobsFor(ctx: AppContext): BackgroundJob[] {
  return JOB_FACTORIES.map((f) => f(ctx)).filter((j): j is BackgroundJob => j !== null);
}
