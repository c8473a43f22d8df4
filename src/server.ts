// Builds the HTTP app from the modules' routes. One process serves the API, its OpenAPI document and docs.
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import type { App, AppContext } from './context.js';
import { handleError } from './http/errors.js';
import { AppError } from './errors.js';
import { registerAuth } from './http/auth.js';
import { peopleRoutes } from './modules/people/routes.js';
import { accountsRoutes } from './modules/people/admin-routes.js';
import { unitsRoutes } from './modules/units/routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { dossierRoutes } from './modules/dossiers/routes.js';
import { formRoutes } from './modules/dossiers/forms-routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import { publicUnitsRoutes } from './modules/portal/units-routes.js';
import { catalogueRoutes } from './modules/catalogue/routes.js';
import { cataloguePublicRoutes } from './modules/catalogue/public-routes.js';
import { workflowRoutes } from './modules/dossiers/workflow-routes.js';
import { webRoutes } from './http/web.js';
import { applicantRoutes } from './modules/dossiers/applicants.js';
import { paymentRoutes } from './modules/integrations/payments/routes.js';
import { paymentNotifyRoutes } from './modules/integrations/payments/notify-routes.js';
import { populationRoutes } from './modules/integrations/population/routes.js';
import { outboxRoutes } from './modules/outbox/routes.js';
import { notificationRoutes } from './modules/integrations/notifications/routes.js';
import { nationalPortalRoutes } from './modules/integrations/national-portal/routes.js';
import { federationRoutes } from './modules/integrations/federation/routes.js';
import { signatureRoutes } from './modules/signatures/routes.js';
import { signaturePublicRoutes } from './modules/signatures/public-routes.js';
import { satisfactionRoutes } from './modules/satisfaction/routes.js';
import { feedbackRoutes } from './modules/feedback/routes.js';
import { serviceIndexRoutes } from './modules/reports/service-index/routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { capacityRoutes } from './modules/capacity/routes.js';

/** Headers and body fields that may hold personal data or secrets: never written to logs. */
export const LOG_REDACT = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  // Database errors can quote a row's values (e.g. a unique-key detail with an ID number).
  'err.detail',
  'err.parameters',
];

export interface BuildOptions {
  logger?: boolean;
  /** Where log lines go (default stdout); tests pass a stream to read them. */
  logStream?: NodeJS.WritableStream;
  /** Extra route registrations (tests, later modules). */
  extraRoutes?: Array<(app: App, ctx: AppContext) => void>;
}

export const MODULE_ROUTES: Array<(app: App, ctx: AppContext) => void> = [peopleRoutes, dossierRoutes, formRoutes, portalRoutes, publicUnitsRoutes, unitsRoutes, accountsRoutes, calendarRoutes, cataloguePublicRoutes, catalogueRoutes, workflowRoutes, applicantRoutes, outboxRoutes, notificationRoutes, populationRoutes, paymentRoutes, paymentNotifyRoutes, nationalPortalRoutes, federationRoutes, signatureRoutes, signaturePublicRoutes, reportRoutes, serviceIndexRoutes, satisfactionRoutes, feedbackRoutes, capacityRoutes];

/** Hides personal ID numbers in a logged path: the segment after /citizens/ or /applicants/, and any run of 9+ digits. */
export function maskPath(path: string): string {
  return path.replace(/(?<=\/(?:citizens|applicants)\/)[^/]+/g, '***').replace(/(?<=\/)\d{9,}(?=\/|$)/g, '***');
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger
      ? {
          level: ctx.config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
          redact: { paths: LOG_REDACT, censor: '[redacted]' },
          // Query strings can carry an ID number or a phone: log the path only.
          serializers: {
            // Paths can too (/api/population/citizens/{idNumber}, /api/applicants/{idNumber}/documents), typos included.
            req: (req) => ({ method: req.method, url: maskPath(String(req.url).split('?')[0]!), id: req.id }),
          },
        }
      : false,
    trustProxy: true,
    bodyLimit: 1_048_576,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({
      error: 'not_found',
      message: { vi: `Không có đường dẫn ${req.method} ${req.url.split('?')[0]}.`, en: `No route ${req.method} ${req.url.split('?')[0]}.` },
    }),
  );

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: ctx.config.maxUploadBytes, files: 20, fields: 50, fieldSize: 100_000 },
    throwFileSizeLimit: true,
  });
  // Off by default; public write routes set their own limit in `config.rateLimit`.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new AppError(
        'too_many_requests',
        {
          vi: `Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${Math.ceil(context.ttl / 1000)} giây.`,
          en: `Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
        },
        { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      ),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'MotCua API',
        description:
          'Hệ thống thông tin giải quyết thủ tục hành chính cấp xã — the information system of a commune public administrative service centre. ' +
          'Errors have the shape { error, message: { vi, en }, field?, allowed? }. Unsafe requests with a session cookie must send X-CSRF-Token.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'motcua_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, ctx);

  app.get('/api/health', {
    schema: {
      tags: ['public'],
      summary: 'Health check',
      response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), time: z.string() }) },
    },
    handler: async () => {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' as const, database: ctx.dbKind, time: ctx.clock.now().toISOString() };
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of [...MODULE_ROUTES, ...(options.extraRoutes ?? [])]) register(app, ctx);
  // Last: the web app answers every path the API does not own.
  webRoutes(app, ctx);
  await app.ready();
  return app;
}
