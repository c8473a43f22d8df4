// Maps every error to one JSON shape: { error, message: { vi, en }, field?, allowed?, details? }.
// Validation failures name the field in both languages; anything unexpected is a 500 and is logged.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type Msg } from '../errors.js';

const vi = z.locales.vi().localeError;
const en = z.locales.en().localeError;

export interface ErrorBody {
  error: string;
  message: Msg;
  field?: string;
  allowed?: string[];
  issues?: Array<{ field: string; message: Msg }>;
  details?: Record<string, unknown>;
}

/** A zod issue, or the form fastify-type-provider-zod gives it: { keyword: code, instancePath, message, params: rest }. */
type Issue = { path?: PropertyKey[]; message?: string; instancePath?: string; keyword?: string; params?: Record<string, unknown> & { issue?: z.core.$ZodIssue } };

function localise(issue: z.core.$ZodIssue | undefined, fallback: string): Msg {
  // Messages we wrote ourselves carry both languages as "vi | en" (see `bi` below).
  const own = issue?.message ?? fallback;
  if (own.includes(' | ')) {
    const [v, e] = own.split(' | ');
    return { vi: v!, en: e! };
  }
  if (!issue) return { vi: fallback, en: fallback };
  const asText = (r: unknown) => (typeof r === 'string' ? r : (r as { message?: string } | undefined)?.message);
  return { vi: asText(vi(issue as never)) ?? issue.message, en: asText(en(issue as never)) ?? issue.message };
}

/** The zod issue behind a validation error item, whichever of the two shapes it came in. */
function zodIssueOf(i: Issue, path: string[]): z.core.$ZodIssue | undefined {
  if (i.params?.issue) return i.params.issue;
  if (!i.keyword) return undefined;
  const { issue: _ignored, ...rest } = i.params ?? {};
  return { ...rest, code: i.keyword, path, message: i.message ?? '' } as unknown as z.core.$ZodIssue;
}

export function validationBody(context: string, issues: Issue[]): ErrorBody {
  const list = issues.map((i) => {
    const path = (i.path ?? i.instancePath?.replace(/^\//, '').split('/').filter(Boolean) ?? []).map(String);
    const zi = zodIssueOf(i, path);
    const field = [context, (zi?.path ?? path).map(String).join('.')].filter(Boolean).join('.');
    return { field, message: localise(zi, i.message ?? 'invalid') };
  });
  const first = list[0] ?? { field: context, message: { vi: 'không hợp lệ', en: 'invalid' } };
  return {
    error: 'bad_input',
    message: {
      vi: `Dữ liệu không hợp lệ ở trường "${first.field}": ${first.message.vi}`,
      en: `Invalid input in field "${first.field}": ${first.message.en}`,
    },
    field: first.field,
    issues: list,
  };
}

export function errorBody(err: AppError): ErrorBody {
  return {
    error: err.code,
    message: err.msg,
    ...(err.extra.field ? { field: err.extra.field } : {}),
    ...(err.extra.allowed ? { allowed: err.extra.allowed } : {}),
    ...(err.extra.details ? { details: err.extra.details } : {}),
  };
}

export function handleError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.extra.retryAfterSeconds) reply.header('retry-after', String(err.extra.retryAfterSeconds));
    return reply.status(err.status).send(errorBody(err));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as FastifyError).validationContext ?? 'body';
    return reply.status(400).send(validationBody(context, err.validation as unknown as Issue[]));
  }
  if (err instanceof z.ZodError) {
    return reply.status(400).send(validationBody('body', err.issues.map((issue) => ({ path: issue.path, message: issue.message, params: { issue } }))));
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) {
    return reply.status(413).send({
      error: 'payload_too_large',
      message: { vi: 'Tệp hoặc dữ liệu gửi lên quá lớn.', en: 'The file or request body is too large.' },
    } satisfies ErrorBody);
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.status(415).send({
      error: 'unsupported_media',
      message: { vi: 'Kiểu dữ liệu gửi lên không được hỗ trợ.', en: 'Unsupported content type.' },
    } satisfies ErrorBody);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send({
      error: 'bad_input',
      message: { vi: `Yêu cầu không hợp lệ: ${fe.message}`, en: `Bad request: ${fe.message}` },
    } satisfies ErrorBody);
  }
  req.log.error({ err }, 'unexpected error');
  return reply.status(500).send({
    error: 'internal',
    message: { vi: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo quản trị viên.', en: 'Internal error. Please retry or tell the administrator.' },
  } satisfies ErrorBody);
}

/** Zod schema helper for our own messages: refine(..., bi('tiếng Việt', 'English')). */
export const bi = (viText: string, enText: string) => ({ message: `${viText} | ${enText}` });
