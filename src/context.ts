// What every module's routes and services receive: the database, settings and the clock.
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DB } from './db/schema.js';
import type { DatabaseKind } from './db/connection.js';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { UnitDirectory } from './modules/units/directory.js';

export interface AppContext {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  clock: Clock;
  units: UnitDirectory;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;
