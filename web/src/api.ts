// A typed fetch client for the MotCua API: same-origin cookies, the CSRF header on unsafe methods, and errors
// turned into ApiError carrying the server's bilingual message, the field at fault and the allowed actions.
export interface Msg {
  vi: string;
  en: string;
}

export interface ErrorBody {
  error: string;
  message: Msg;
  field?: string;
  allowed?: string[];
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  constructor(status: number, body: ErrorBody) {
    super(body.message.en);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
  get code(): string {
    return this.body.error;
  }
  get field(): string | undefined {
    return this.body.field;
  }
  get allowed(): string[] | undefined {
    return this.body.allowed;
  }
}

const CSRF_COOKIE = 'motcua_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Set after sign-in, in case the cookie is not readable (it normally is). */
let csrfFallback = '';

export function setCsrfToken(token: string): void {
  csrfFallback = token;
}

function csrfToken(): string {
  const m = document.cookie.match(new RegExp(`(?:^|; )${CSRF_COOKIE}=([^;]*)`));
  return m ? decodeURIComponent(m[1]!) : csrfFallback;
}

/** Listeners told when any call answers 401, so the app can send the person to the sign-in page. */
const unauthorisedListeners = new Set<() => void>();
export function onUnauthorised(fn: () => void): () => void {
  unauthorisedListeners.add(fn);
  return () => unauthorisedListeners.delete(fn);
}

export type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (!SAFE.has(method)) headers['x-csrf-token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, {
      error: 'network',
      message: { vi: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', en: 'Cannot reach the server. Check the network and try again.' },
    });
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = isErrorBody(data)
      ? data
      : { error: 'http_' + res.status, message: { vi: `Lỗi máy chủ (${res.status}).`, en: `Server error (${res.status}).` } };
    if (res.status === 401 && path !== '/api/auth/login') for (const fn of unauthorisedListeners) fn();
    throw new ApiError(res.status, err);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isErrorBody(x: unknown): x is ErrorBody {
  return typeof x === 'object' && x !== null && 'error' in x && 'message' in x && typeof (x as ErrorBody).message === 'object';
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body: body ?? {}, ...(headers ? { headers } : {}) }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Uploads one file (PDF, JPEG, PNG) and returns its id. */
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<StoredFile>('POST', '/api/files', { body: form });
  },
};

export interface StoredFile {
  id: string;
  name: string;
  mime: string;
  size: number;
}

/** A fresh key for Idempotency-Key: a retried click must not act twice. */
export function newIdempotencyKey(): string {
  // crypto.randomUUID needs a secure context; a commune's LAN server is often plain http.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
