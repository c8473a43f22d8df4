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
  // Connections to national systems (each a real endpoint, or the local simulator in the demo and tests).
  MOTCUA_NATIONAL_PORTAL_URL: z.string().url().optional(),
  MOTCUA_NATIONAL_PORTAL_CLIENT_ID: z.string().default('motcua'),
  MOTCUA_NATIONAL_PORTAL_SECRET: z.string().default('motcua-demo-secret'),
  MOTCUA_POPULATION_URL: z.string().url().optional(),
  MOTCUA_POPULATION_TOKEN: z.string().default('motcua-demo-token'),
  MOTCUA_PAYMENT_URL: z.string().url().optional(),
  MOTCUA_PAYMENT_MERCHANT: z.string().default('MOTCUA'),
  MOTCUA_PAYMENT_SECRET: z.string().default('motcua-demo-payment-secret'),
  MOTCUA_SMS_URL: z.string().url().optional(),
  MOTCUA_SMS_TOKEN: z.string().default('motcua-demo-sms-token'),
  MOTCUA_SMTP_URL: z.string().optional(),
  MOTCUA_MAIL_FROM: z.string().default('MotCua <no-reply@motcua.local>'),
  MOTCUA_SIGNING_URL: z.string().url().optional(),
  MOTCUA_SIGNING_CLIENT_ID: z.string().default('motcua'),
  MOTCUA_SIGNING_SECRET: z.string().default('motcua-demo-signing-secret'),
  /** Seals the units' signing keys at rest (src/modules/signatures/keyring.ts); unset: a random key kept in the database (demo only). */
  MOTCUA_SECRET_KEY: z.string().min(16).optional(),
  /** The dispatcher's poll interval; 0 turns the in-process dispatcher off (e.g. when another process runs it). */
  MOTCUA_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
});

/** Endpoints of the national systems; an absent URL means that connection is off. */
export interface IntegrationsConfig {
  nationalPortal: { url: string; clientId: string; secret: string } | null;
  population: { url: string; token: string } | null;
  payment: { url: string; merchant: string; secret: string } | null;
  sms: { url: string; token: string } | null;
  smtp: { url: string; from: string } | null;
  signing: { url: string; clientId: string; secret: string } | null;
}

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
  integrations: IntegrationsConfig;
  dispatchIntervalMs: number;
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
    integrations: {
      nationalPortal: e.MOTCUA_NATIONAL_PORTAL_URL
        ? { url: trimSlash(e.MOTCUA_NATIONAL_PORTAL_URL), clientId: e.MOTCUA_NATIONAL_PORTAL_CLIENT_ID, secret: e.MOTCUA_NATIONAL_PORTAL_SECRET }
        : null,
      population: e.MOTCUA_POPULATION_URL ? { url: trimSlash(e.MOTCUA_POPULATION_URL), token: e.MOTCUA_POPULATION_TOKEN } : null,
      payment: e.MOTCUA_PAYMENT_URL ? { url: trimSlash(e.MOTCUA_PAYMENT_URL), merchant: e.MOTCUA_PAYMENT_MERCHANT, secret: e.MOTCUA_PAYMENT_SECRET } : null,
      sms: e.MOTCUA_SMS_URL ? { url: trimSlash(e.MOTCUA_SMS_URL), token: e.MOTCUA_SMS_TOKEN } : null,
      smtp: e.MOTCUA_SMTP_URL ? { url: e.MOTCUA_SMTP_URL, from: e.MOTCUA_MAIL_FROM } : null,
      signing: e.MOTCUA_SIGNING_URL ? { url: trimSlash(e.MOTCUA_SIGNING_URL), clientId: e.MOTCUA_SIGNING_CLIENT_ID, secret: e.MOTCUA_SIGNING_SECRET } : null,
    },
    dispatchIntervalMs: e.MOTCUA_DISPATCH_INTERVAL_MS,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
