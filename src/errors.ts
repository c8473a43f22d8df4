// Typed errors, each mapped to one HTTP status in http/errors.ts. Every message is bilingual so the
// person in front of the screen can act on it, in Vietnamese first.
export interface Msg {
  vi: string;
  en: string;
}

export type ErrorCode =
  | 'bad_input'
  | 'not_authenticated'
  | 'forbidden'
  | 'not_found'
  | 'illegal_action'
  | 'conflict'
  | 'domain_rule'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'unsupported_media';

const STATUS: Record<ErrorCode, number> = {
  bad_input: 400,
  not_authenticated: 401,
  forbidden: 403,
  not_found: 404,
  illegal_action: 409,
  conflict: 409,
  domain_rule: 422,
  too_many_requests: 429,
  payload_too_large: 413,
  unsupported_media: 415,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly msg: Msg,
    readonly extra: { field?: string; allowed?: string[]; details?: Record<string, unknown>; retryAfterSeconds?: number } = {},
  ) {
    super(msg.en);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const badInput = (field: string, msg: Msg) => new AppError('bad_input', msg, { field });
export const notFound = (what: Msg) =>
  new AppError('not_found', { vi: `Không tìm thấy ${what.vi}.`, en: `${capitalise(what.en)} not found.` });
export const forbidden = (msg: Msg = { vi: 'Bạn không có quyền thực hiện việc này.', en: 'You are not allowed to do this.' }) =>
  new AppError('forbidden', msg);
export const notAuthenticated = () =>
  new AppError('not_authenticated', { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' });
export const domainRule = (msg: Msg, details?: Record<string, unknown>) =>
  new AppError('domain_rule', msg, details ? { details } : {});
export const conflict = (msg: Msg, details?: Record<string, unknown>) =>
  new AppError('conflict', msg, details ? { details } : {});

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
