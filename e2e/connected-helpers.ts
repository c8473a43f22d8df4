// What the connected-systems browser tests share: the simulators' addresses, a small API client for the steps
// a scenario only needs done (not watched), and the dossier page's action dialogs.
import { expect, inject } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { baseUrl, newPage, PASSWORD, signIn } from './harness.js';

/** Base URL of one of the national systems' simulators the test server runs. */
export function sim(name: 'national-portal' | 'population' | 'payment' | 'sms' | 'mail' | 'signing'): string {
  const url = inject('simulators')[name];
  if (!url) throw new Error(`the test server runs no ${name} simulator`);
  return url;
}

/** Calls a simulator's control route (JSON in, JSON out). */
export async function simCall<T = unknown>(name: Parameters<typeof sim>[0], method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim(name)}${path}`, { method, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
  expect(res.status, `${method} ${name}${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** One official's session on the API, as the web app holds it (cookie and CSRF token). */
export class Api {
  private constructor(
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async login(username: string): Promise<Api> {
    const res = await fetch(`${baseUrl()}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status, `login ${username}`).toBe(200);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return new Api(cookie, csrfToken);
  }

  async send<T = any>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text.slice(0, 500)}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : null) as T;
  }

  get<T = any>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  /** Uploads a file (multipart), as the web app's upload buttons do. */
  async upload(name: string, bytes: Buffer, type = 'application/pdf'): Promise<{ id: string }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${baseUrl()}/api/files`, { method: 'POST', headers: { cookie: this.cookie, 'x-csrf-token': this.csrf }, body: form });
    expect(res.status, `upload ${name}`).toBeLessThan(300);
    return (await res.json()) as { id: string };
  }
}

/** A dossier of 2.000908 (certified copy, one required component) received at Vinh Lộc's counter. */
export async function receiveCopyDossier(applicant: { name: string; idNumber?: string; phone?: string; email?: string }): Promise<{ id: number; code: string }> {
  const officer = await Api.login('tiepnhan.vinhloc');
  return officer.post('/api/dossiers', { procedureCode: '2.000908', unitCode: '20122', channel: 'counter', components: [{ key: 'c1-7d4524' }], applicant: { kind: 'citizen', ...applicant } });
}

/** Takes actions on a dossier through the API, each as the official who may. */
export async function actAs(username: string, ref: number | string, ...steps: Array<[string, Record<string, unknown>?]>): Promise<void> {
  const who = await Api.login(username);
  for (const [action, body] of steps) await who.post(`/api/dossiers/${encodeURIComponent(ref)}/actions/${action}`, body ?? {});
}

/** Opens the officials' page of a dossier. */
export async function openDossier(page: Page, code: string): Promise<void> {
  await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
}

/** Opens the citizens' tracking page of a dossier, the address its receipt's QR code holds. */
export async function track(page: Page, code: string): Promise<void> {
  await page.goto(`/tra-cuu/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
}

/** A one-page PDF (a draft result to sign); Helvetica has no Vietnamese letters, so the text stays ASCII. */
export async function draftPdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(title, { x: 72, y: 760, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

/** A new page of `browser`, signed in as `username`. */
export async function signedInPage(browser: Browser, username: string): Promise<Page> {
  const { page } = await newPage(browser);
  await signIn(page, username);
  return page;
}
