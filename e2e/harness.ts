// Helpers for the browser tests: Debian's Chromium through playwright-core, signing in as a demo account,
// screenshots of the main pages, and an axe-core accessibility check.
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { CHROMIUM, SCREENSHOTS } from './paths.js';

const require = createRequire(import.meta.url);
export const baseUrl = () => inject('baseUrl');
export const PASSWORD = 'motcua@2026';

export function launch(): Promise<Browser> {
  // Each launch gets a fresh temporary profile (user-data-dir) from playwright. Contexts bypass our CSP only
  // so that axe-core can be injected.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function newPage(browser: Browser, options: { lang?: 'vi' | 'en' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1366, height: 900 }, bypassCSP: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  if (options.lang) await context.addInitScript((l) => localStorage.setItem('motcua.lang', l), options.lang);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function signIn(page: Page, username: string, lang: 'vi' | 'en' = 'vi'): Promise<void> {
  await page.goto('/can-bo/dang-nhap');
  await page.getByLabel(lang === 'vi' ? 'Tên đăng nhập' : 'Username').fill(username);
  await page.getByLabel(lang === 'vi' ? 'Mật khẩu' : 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: lang === 'vi' ? 'Đăng nhập' : 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname.startsWith('/can-bo') && !u.pathname.startsWith('/can-bo/dang-nhap'));
  await page.getByTestId('header-user').waitFor();
}

/** A new page in its own context, signed in as `username`, in `lang`. */
export async function signedInPage(browser: Browser, username: string, lang: 'vi' | 'en' = 'vi'): Promise<Page> {
  const { page } = await newPage(browser, { lang });
  await signIn(page, username, lang);
  return page;
}

/** Waits for the network to go quiet; a PDF shown in a frame may keep it busy, so not for ever. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
}

/** A full-page screenshot in e2e/screenshots/<name>.png, once the page has settled. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await settle(page);
  // Let drawers and dialogs finish sliding in.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Waits until dialogs, drop-downs and pickers have finished their enter/leave animations (axe reads colours). */
export async function still(page: Page): Promise<void> {
  // Only what is still on screen counts: a closed drop-down may keep its leave class once it is hidden. On a busy
  // machine an animation may outlast the wait; axe then reads the page as it is rather than failing here.
  await page
    .waitForFunction(() =>
      Array.from(document.querySelectorAll('[class*="-appear"], [class*="-enter"], [class*="-leave"]')).every((el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0;
      }),
    )
    .catch(() => undefined);
}

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page (not inside frames: they hold PDFs); fails on any serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await settle(page);
  await still(page);
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'], iframes: false });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${name}: ${JSON.stringify(bad, null, 1)}`).toEqual([]);
}

/** Fetches a URL with the page's cookies (e.g. a printed form) and returns its bytes. */
export async function fetchBytes(page: Page, url: string): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const res = await page.context().request.get(url);
  return { status: res.status(), type: res.headers()['content-type'] ?? '', bytes: new Uint8Array(await res.body()) };
}
