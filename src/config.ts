// Settings from the environment, checked once at start-up.
import { z } from 'zod';
import { dataDirFromEnv } from './db/connection.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MOTCUA_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  MOTCUA_MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(20),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicBaseUrl: string;
  logLevel: string;
  secureCookies: boolean;
  maxUploadBytes: number;
  /** argon2id cost; tests lower it, production keeps the OWASP-recommended default. */
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const e = Env.parse(env);
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: dataDirFromEnv(env),
    databaseUrl: e.DATABASE_URL,
    publicBaseUrl,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.MOTCUA_SECURE_COOKIES ? e.MOTCUA_SECURE_COOKIES === 'true' : publicBaseUrl.startsWith('https:'),
    maxUploadBytes: Math.round(e.MOTCUA_MAX_UPLOAD_MB * 1024 * 1024),
    argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  };
}
