// Anonymous uploads for an online submission or a supplement. XMLHttpRequest rather than fetch: only it
// reports upload progress, which matters for a 5 MB scan on a slow mobile link.
import { ApiError, type ErrorBody } from '../api';

export const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
const TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);
/** The server's default (MOTCUA_MAX_UPLOAD_MB = 20); a lower server setting still answers with its own message. */
export const MAX_BYTES = 20 * 1024 * 1024;
export const MAX_TEXT = `${MAX_BYTES / 1024 / 1024} MB`;

export interface UploadedRef {
  id: string;
  token: string;
}

export interface Uploaded extends UploadedRef {
  name: string;
  mime: string;
  size: number;
}

export type FileProblem = 'type' | 'size' | 'empty';

/** Checks what can be checked before sending: the server judges the content again, by its bytes. */
export function checkFile(file: File): FileProblem | null {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_BYTES) return 'size';
  const byName = /\.(pdf|jpe?g|png)$/i.test(file.name);
  if (!TYPES.has(file.type) && !byName) return 'type';
  return null;
}

function csrfToken(): string {
  const m = document.cookie.match(/(?:^|; )motcua_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]!) : '';
}

export function uploadFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/public/files');
    xhr.setRequestHeader('accept', 'application/json');
    // Only checked when an official is signed in on the same browser; harmless otherwise.
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 201) {
        onProgress(1);
        resolve(body as Uploaded);
        return;
      }
      const err =
        body && typeof body === 'object' && 'message' in body
          ? (body as ErrorBody)
          : { error: `http_${xhr.status}`, message: { vi: `Lỗi máy chủ (${xhr.status}).`, en: `Server error (${xhr.status}).` } };
      reject(new ApiError(xhr.status, err));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, {
          error: 'network',
          message: { vi: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', en: 'Cannot reach the server. Check the network and try again.' },
        }),
      );
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
