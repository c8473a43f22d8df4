// The citizens' portal in a real browser: what the first visit downloads, the catalogue, and the whole
// life of an online dossier — submitted by a citizen, a supplement asked for by the receiving officer and
// sent from the tracking page, processed, approved and returned by the officials (through their own pages),
// then rated once. Each main page is screenshotted and checked with axe-core; the tracking page also on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, expectAccessible, launch, newPage, screenshot, signIn } from './harness.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
// A 1×1 PNG: a phone photo of a document, as far as the server's content check is concerned.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const APPLICANT = { name: 'Hồ Thị Mai Lan', idNumber: '046302008899', phone: '0935 777 888' };
const PROCEDURE = 'Thủ tục cấp bản sao từ sổ gốc';
const RELATION = /^Bản chính hoặc bản sao có chứng thực giấy tờ chứng minh quan hệ/;
const POLICE = 'Giấy xác nhận của Công an xã về nơi cư trú';

let browser: Browser;
let code = '';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function official(username: string): Promise<Page> {
  const { page } = await newPage(browser);
  await signIn(page, username);
  return page;
}

async function openDossier(page: Page): Promise<void> {
  await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
}

/** An action on the officials' dossier page: its button, what the dialog asks, "Xác nhận", the outcome. */
async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await page.locator(`button[data-action="${action}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  // The leader's "sign" is a digital signature with the unit's certificate (its own dialog).
  await dialog.getByRole('button', { name: action === 'sign' ? 'Ký số' : 'Xác nhận', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(/^Đã thực hiện:/).first().waitFor();
}

/** One official signs in, acts on the dossier, and leaves. */
async function asOfficial(username: string, actions: Array<[string, ((d: ReturnType<Page['getByRole']>) => Promise<void>)?]>): Promise<void> {
  const page = await official(username);
  await openDossier(page);
  for (const [action, fill] of actions) await act(page, action, fill);
  await page.context().close();
}

async function track(page: Page): Promise<void> {
  // The path the receipt's QR code opens.
  await page.goto(`/tra-cuu/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
}

describe('the citizens’ portal', () => {
  it('loads little on a first visit: HTML, JS and CSS well under 150 kB gzip, and none of AntD', async () => {
    // A fresh profile (empty cache); gzip asked for explicitly, as the weight is quoted in gzip bytes.
    const { context: ctx, page } = await newPage(browser);
    await ctx.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' });
    const rows: Array<{ url: string; type: string; encoding: string; body: number; headers: number }> = [];
    const pending: Array<Promise<void>> = [];
    page.on('requestfinished', (req) => {
      pending.push(
        (async () => {
          const res = await req.response();
          const sizes = await req.sizes();
          rows.push({
            url: new URL(req.url()).pathname,
            type: req.resourceType(),
            encoding: res?.headers()['content-encoding'] ?? '',
            body: Math.max(0, sizes.responseBodySize),
            headers: Math.max(0, sizes.responseHeadersSize),
          });
        })(),
      );
    });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Dịch vụ công trực tuyến cấp xã' }).waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    const assets = rows.filter((r) => ['document', 'script', 'stylesheet'].includes(r.type));
    const sum = (list: typeof rows) => list.reduce((n, r) => n + r.body + r.headers, 0);
    console.log(`Portal home, first visit (Accept-Encoding: gzip):\n${rows.map((r) => `  ${r.url} ${r.type} ${r.encoding || 'identity'} ${r.body} B + ${r.headers} B headers`).join('\n')}`);
    console.log(`  HTML + JS + CSS: ${sum(assets)} B; everything: ${sum(rows)} B`);
    expect(sum(assets)).toBeLessThan(150_000);
    // The big bundles come compressed, and the officials' AntD bundle is not among them.
    for (const r of assets.filter((x) => x.body > 2_000 && x.type !== 'document')) expect(r.encoding, r.url).toBe('gzip');
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(scripts.some((s) => /\/assets\/(App|common|table)-/.test(s))).toBe(false);
    await ctx.close();
  });

  it('opens on a home page with a search and the two big buttons, accessibly', async () => {
    const { page } = await newPage(browser);
    await page.goto('/');
    await expect.poll(() => page.title()).toBe('Dịch vụ công trực tuyến cấp xã · Dịch vụ công MotCua');
    expect(await page.getByRole('link', { name: /^Nộp hồ sơ trực tuyến/ }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /^Tra cứu hồ sơ/ }).count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^Hộ tịch/ }).waitFor();
    await screenshot(page, 'portal-01-home');
    await expectAccessible(page, 'portal home');

    // A search typed without diacritics, from the keyboard.
    await page.getByRole('searchbox', { name: 'Tìm thủ tục hành chính' }).fill('cap ban sao');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/thu-tuc\?q=cap/);
    await page.getByRole('link', { name: PROCEDURE }).waitFor();
    expect(await page.getByText('Nộp trực tuyến được').count()).toBeGreaterThan(0);
    await screenshot(page, 'portal-02-catalogue');
    await expectAccessible(page, 'portal catalogue');

    // Switching to English is remembered.
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administrative procedures' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Commune public services online' }).waitFor();
    await screenshot(page, 'portal-03-home-english');
    await page.context().close();
  });

  it('shows a procedure: the documents as a checklist, forms, time limit and fee per channel, legal basis', async () => {
    const { page } = await newPage(browser);
    await page.goto('/thu-tuc');
    await page.getByRole('link', { name: PROCEDURE }).click();
    await page.getByRole('heading', { level: 1, name: PROCEDURE }).waitFor();
    expect(await page.getByRole('checkbox', { name: /^Một trong các giấy tờ sau: Căn cước điện tử/ }).count()).toBe(1);
    await page.getByRole('checkbox', { name: RELATION }).check();
    for (const text of ['Giấy tờ cần chuẩn bị', 'Mẫu đơn, tờ khai', 'Thời hạn và phí theo cách nộp', 'Căn cứ pháp lý']) {
      await page.getByRole('heading', { level: 2, name: text }).waitFor();
    }
    expect(await page.getByText('1 ngày làm việc').count()).toBeGreaterThan(0);
    expect(await page.getByText('23/2015/NĐ-CP', { exact: true }).count()).toBe(1);
    await screenshot(page, 'portal-04-procedure');
    await expectAccessible(page, 'portal procedure');

    // A procedure taken only at the counter says so instead of offering to submit online.
    await page.goto('/thu-tuc/1.003583');
    await page.getByText('Thủ tục này hiện chưa nhận hồ sơ trực tuyến tại đây.').waitFor();
    expect(await page.getByRole('link', { name: 'Nộp trực tuyến' }).count()).toBe(0);
    await page.context().close();
  });

  it('(1) a citizen submits online; a double click still makes one dossier', async () => {
    const { page } = await newPage(browser);
    await page.goto('/');
    await page.getByRole('link', { name: /^Nộp hồ sơ trực tuyến/ }).click();
    await page.getByRole('searchbox', { name: 'Tìm theo tên hoặc mã thủ tục' }).fill('cap ban sao tu so goc');
    await page.getByRole('link', { name: PROCEDURE }).click();
    await page.getByRole('heading', { level: 2, name: 'Bước 1/3: Thông tin người nộp' }).waitFor();

    // Nothing filled in: every problem is named, and the keyboard lands on the first one.
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.').waitFor();
    // The keyboard moves there a tick after the messages appear.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('unitCode');
    await page.getByLabel('Nộp tại xã, phường').selectOption('20122');
    await page.getByLabel('Họ và tên').fill(APPLICANT.name);
    await page.getByLabel('Số định danh cá nhân').fill(APPLICANT.idNumber);
    await page.getByLabel('Số điện thoại').fill(APPLICANT.phone);
    await page.getByLabel('Địa chỉ liên hệ', { exact: true }).fill('Thôn Phú Xuân, xã Vinh Lộc');
    await screenshot(page, 'portal-05-submit-applicant');
    await expectAccessible(page, 'portal submission: applicant');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 2, name: 'Bước 2/3: Giấy tờ đính kèm' }).waitFor();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText('Giấy tờ bắt buộc: hãy đính kèm ít nhất một tệp.').waitFor();
    await page.locator('#file-c1-7d4524').setInputFiles({ name: 'can-cuoc.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Đã tải lên').waitFor();
    // Not a PDF, JPEG or PNG: refused before sending.
    await page.locator('#file-c2-e23891').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
    await page.getByText('Chỉ nhận tệp PDF, JPEG hoặc PNG.').waitFor();
    await page.getByRole('button', { name: 'Bỏ tệp ghi-chu.txt' }).click();
    await screenshot(page, 'portal-06-submit-attach');
    await expectAccessible(page, 'portal submission: attachments');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await page.getByRole('heading', { level: 2, name: 'Bước 3/3: Kiểm tra và nộp' }).waitFor();
    expect(await page.getByText('can-cuoc.pdf').count()).toBe(1);
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();
    await page.getByText('Cần đánh dấu cam đoan trước khi nộp.').waitFor();
    await page.getByLabel(/^Tôi cam đoan/).check();
    await screenshot(page, 'portal-07-submit-review');
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).dblclick();

    await page.getByRole('heading', { level: 1, name: 'Đã nộp hồ sơ' }).waitFor();
    code = ((await page.getByTestId('dossier-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H46-\d{6}-\d{4}$/);
    expect(await page.getByText(`/tra-cuu/${encodeURIComponent(code)}`).count()).toBe(1);
    await page.locator('img.p-qr').waitFor();
    await screenshot(page, 'portal-08-submit-done');
    await expectAccessible(page, 'portal submission: confirmation');

    const officer = await official('tiepnhan.vinhloc');
    const list = await (await officer.request.get(`/api/dossiers?scope=unit&q=${encodeURIComponent(APPLICANT.name)}`)).json();
    expect(list.items.map((i: { code: string }) => i.code)).toEqual([code]);
    await officer.context().close();

    // The confirmation's link opens the tracking page.
    await page.getByRole('link', { name: 'Xem trang tra cứu hồ sơ' }).click();
    await page.getByTestId('status-name').waitFor();
    expect(await page.getByTestId('status-name').textContent()).toBe('Chờ tiếp nhận');
    // The tracking page offers the codes submitted from this browser.
    await page.goto('/tra-cuu');
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await page.context().close();
  });

  it('(1) the receiving officer asks for what is missing; the citizen sends it from the tracking page', async () => {
    await asOfficial('tiepnhan.vinhloc', [
      [
        'request_supplement',
        async (d) => {
          await d.getByRole('checkbox', { name: RELATION }).check();
          await d.getByLabel('Giấy tờ khác còn thiếu (mỗi dòng một giấy tờ)').fill(POLICE);
          await d.getByLabel('Lý do').fill('Người yêu cầu không phải người được cấp bản chính');
        },
      ],
    ]);

    const { page } = await newPage(browser);
    await track(page);
    expect(await page.getByTestId('status-name').textContent()).toBe('Chờ bổ sung trước khi tiếp nhận');
    await page.getByRole('heading', { level: 2, name: 'Giấy tờ cần bổ sung' }).waitFor();
    expect(await page.locator('.p-missing li').count()).toBe(2);
    await page.getByText('Lý do: Người yêu cầu không phải người được cấp bản chính').waitFor();

    // A wrong proof is found out only when sending; the files chosen are kept for the second try.
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill('046302000000');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.locator('#supplement-1').setInputFiles({ name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.locator('#supplement-2').setInputFiles({ name: 'xac-nhan-cong-an.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.getByText('Đã tải lên').count()).toBe(2);
    await screenshot(page, 'portal-09-tracking-supplement');
    await expectAccessible(page, 'portal tracking: supplement');
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByText('Thông tin xác minh không khớp với hồ sơ.', { exact: false }).waitFor();
    await page.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill(APPLICANT.idNumber);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await page.getByText('Đã gửi 2 tệp bổ sung.').waitFor();
    await screenshot(page, 'portal-10-tracking-supplement-sent');
    await page.context().close();
  });

  it('(1) the officials take the supplement in, process, approve, issue and return the result', async () => {
    await asOfficial('tiepnhan.vinhloc', [['receive_supplement'], ['forward']]);
    await asOfficial('chuyenvien.vinhloc', [['forward']]);
    await asOfficial('truongphong.vinhloc', [['submit_for_approval']]);
    await asOfficial('lanhdao.vinhloc', [['approve'], ['sign']]);
    await asOfficial('vanthu.vinhloc', [['issue_result', (d) => d.getByLabel('Số, ký hiệu văn bản kết quả').fill('27/2026/BS')]]);
    await asOfficial('tiepnhan.vinhloc', [['return_result']]);
  });

  it('(1) the citizen sees the result returned and rates the service, once', async () => {
    const { page } = await newPage(browser);
    await track(page);
    expect(await page.getByTestId('status-name').textContent()).toBe('Đã trả kết quả');
    expect(await page.locator('.p-stage-done').count()).toBe(4);
    await page.getByRole('heading', { level: 2, name: 'Đánh giá mức độ hài lòng' }).waitFor();
    expect(await page.locator('fieldset.p-criterion').count()).toBe(12);

    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Chọn mức độ hài lòng chung.').waitFor();
    await page.getByRole('radio', { name: 'Số điện thoại' }).check();
    await page.getByRole('textbox', { name: /^Số điện thoại/ }).fill(APPLICANT.phone);
    await page.getByRole('group', { name: /^Mức độ hài lòng chung/ }).getByLabel('Rất hài lòng').check();
    await page.getByRole('group', { name: 'Thái độ của cán bộ, công chức' }).getByLabel('Rất hài lòng').check();
    await page.getByRole('group', { name: 'Trả kết quả đúng hẹn' }).getByLabel('Hài lòng', { exact: true }).check();
    await page.getByLabel('Góp ý thêm (không bắt buộc)').fill('Cán bộ hướng dẫn bổ sung rõ ràng.');
    await screenshot(page, 'portal-11-tracking-rating');
    await expectAccessible(page, 'portal tracking: rating');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Cảm ơn bạn đã đánh giá!').waitFor();

    // Coming back: the page knows the dossier is rated and does not offer the form again.
    await page.reload();
    await page.getByText('Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    await screenshot(page, 'portal-12-tracking-rated');
    await page.context().close();
  });

  it('fits a phone: the tracking page at 390×844, without sideways scrolling', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      // As the harness does: only so that axe-core can be injected.
      bypassCSP: true,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    await track(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Touch targets: the language buttons and navigation links are at least 40 px tall.
    for (const box of await page.locator('.p-nav-link, .p-lang-option').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) {
      expect(box).toBeGreaterThanOrEqual(40);
    }
    await screenshot(page, 'portal-13-tracking-phone');
    await expectAccessible(page, 'portal tracking (phone)');
    await page.goto('/nop-ho-so/2.000908');
    await page.getByRole('heading', { level: 2, name: 'Bước 1/3: Thông tin người nộp' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'portal-14-submit-phone');
    await context.close();
  });

  it('answers an unknown page or dossier code helpfully', async () => {
    const { page } = await newPage(browser);
    await page.goto('/tra-cuu');
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Nhập mã hồ sơ.').waitFor();
    await screenshot(page, 'portal-15-lookup');
    await expectAccessible(page, 'portal lookup');
    await page.goto('/trang-khong-co');
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    await screenshot(page, 'portal-16-page-not-found');
    await expectAccessible(page, 'portal page not found');
    await page.getByRole('textbox', { name: 'Mã hồ sơ' }).fill('000.00.01.H46-261123-9999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' }).waitFor();
    await page.getByText('Không có hồ sơ mã 000.00.01.H46-261123-9999.').waitFor();
    await screenshot(page, 'portal-17-dossier-not-found');
    await expectAccessible(page, 'portal dossier not found');
    await page.context().close();
  });
});
