// Reports in a real browser (issue 5): a province viewer opens the dashboard, chooses last quarter, sees every
// commune of the province in the Decision 766 ranking, clicks through to the late dossiers of the worst
// commune and downloads the same ranking as XLSX; a commune leader sees only their own commune; a citizen sends
// feedback on the portal and reads the answer once an official has given it. Each new page is checked by axe.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readXlsx } from '../src/lib/xlsx.js';
import { Api } from './connected-helpers.js';
import { expectAccessible, launch, newPage, screenshot, signIn, signedInPage } from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string, lang: 'vi' | 'en' = 'vi'): Promise<Page> => signedInPage(browser, username, lang);

/** Last quarter in Vietnam local dates, as the page computes it. */
function lastQuarter(now = new Date()): { from: string; to: string } {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  let y = vn.getUTCFullYear();
  let q = Math.floor(vn.getUTCMonth() / 3) - 1;
  if (q < 0) {
    q = 3;
    y -= 1;
  }
  const last = new Date(Date.UTC(y, q * 3 + 3, 0)).getUTCDate();
  const p = (n: number) => String(n).padStart(2, '0');
  return { from: `${y}-${p(q * 3 + 1)}-01`, to: `${y}-${p(q * 3 + 3)}-${p(last)}` };
}
const dmy = (d: string) => d.split('-').reverse().join('/');

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** The rows of an AntD table by test id: each row's cell texts (the placeholder row of an empty table excluded). */
async function tableRows(page: Page, testId: string): Promise<string[][]> {
  const rows = page.getByTestId(testId).locator('tbody tr.ant-table-row');
  return rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
}

describe('reports for a province viewer', () => {
  it('opens the dashboard for last quarter, ranks every commune, drills to the worst commune’s late dossiers and downloads the ranking', async () => {
    const viewer = await Api.login('theodoi.hue');
    const { units } = await viewer.get<{ units: Array<{ code: string; name: string; kind: string }> }>('/api/units?province=46&limit=500');
    const communes = units.filter((u) => u.kind !== 'province');
    expect(communes.length).toBeGreaterThan(3);
    const period = lastQuarter();

    const page = await as('theodoi.hue');
    await page.getByRole('menuitem', { name: 'Tổng quan' }).click();
    await heading(page, 'Tổng quan');
    await page.getByText('Quý trước', { exact: true }).click();
    await page.waitForURL(/period=lastQuarter/);
    await expect.poll(() => page.getByTestId('report-dates').textContent()).toBe(`${dmy(period.from)} – ${dmy(period.to)}`);
    await page.getByTestId('chart-ranking').waitFor();
    await expect.poll(() => page.getByTestId('fig-received').textContent()).not.toContain('…');
    await screenshot(page, 'reports-01-dashboard-province');
    await expectAccessible(page, 'dashboard');

    // The ranking of every commune of the province, for the same period.
    await page.getByRole('link', { name: 'Xem bảng xếp hạng chỉ số 766' }).click();
    await heading(page, 'Chỉ số phục vụ 766');
    expect(new URL(page.url()).searchParams.get('period')).toBe('lastQuarter');
    await expect.poll(async () => (await tableRows(page, 'ranking-table')).length).toBe(communes.length);
    const rows = await tableRows(page, 'ranking-table');
    const names = rows.map((r) => r[1]);
    expect([...names].sort()).toEqual(communes.map((c) => c.name).sort());
    const ranks = rows.map((r) => Number(r[0]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    await screenshot(page, 'reports-02-service-index-ranking');
    await expectAccessible(page, 'service index, province');

    // The same table as XLSX: the browser downloads it; its rows are the page's rows.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ranking-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = await readXlsx(await readFile((await download.path())!));
    const sheet = Object.values(book)[0]!;
    const header = sheet.findIndex((r) => String(r[0] ?? '').startsWith('Hạng'));
    expect(header).toBeGreaterThan(-1);
    const nameCol = sheet[header]!.findIndex((h) => String(h).startsWith('Đơn vị /'));
    const totalCol = sheet[header]!.findIndex((h) => String(h).startsWith('Tổng điểm'));
    const xlsxRows = sheet.slice(header + 1).filter((r) => r.length > 0 && r[0] !== null && r[0] !== undefined);
    expect(xlsxRows.map((r) => String(r[nameCol]))).toEqual(names);
    expect(xlsxRows.map((r) => Number(r[0]))).toEqual(ranks);
    const pageTotals = rows.map((r) => Number(r[2]!.replace(/\./g, '').replace(',', '.')));
    expect(xlsxRows.map((r) => Number(Number(r[totalCol]).toFixed(2)))).toEqual(pageTotals);

    // The worst commune: its own index, and the late dossiers behind its progress metric.
    const worst = names.at(-1)!;
    await page.getByTestId('ranking-table').getByRole('link', { name: worst, exact: true }).click();
    await page.waitForURL((u) => /^\d{5}$/.test(u.searchParams.get('unit') ?? ''));
    await expect.poll(() => page.locator('.report-index-total').textContent()).toBe(worst);
    await page.getByTestId('drill-PROGRESS_ON_TIME').waitFor();
    await screenshot(page, 'reports-03-service-index-commune');
    await expectAccessible(page, 'service index, commune');

    await page.getByTestId('drill-PROGRESS_ON_TIME').click();
    await heading(page, 'Danh sách hồ sơ');
    expect(await page.getByTestId('drill-metric').textContent()).toBe('Hồ sơ giải quyết quá hạn');
    await expect.poll(async () => (await tableRows(page, 'drill-table')).length).toBeGreaterThan(0);
    const late = await tableRows(page, 'drill-table');
    for (const r of late) {
      expect(r[1]).toBe(worst);
      expect(r).toContain('Quá hạn');
    }
    // A code opens the dossier.
    const first = late[0]![0]!;
    expect(await page.getByRole('link', { name: first, exact: true }).getAttribute('href')).toBe(`/can-bo/ho-so/${encodeURIComponent(first)}`);
    await screenshot(page, 'reports-04-drill-late');
    await expectAccessible(page, 'drill-down');
    // The address is the query: opened again, the same list.
    const url = page.url();
    await page.goto(url);
    await expect.poll(async () => (await tableRows(page, 'drill-table')).length).toBe(late.length);
    await page.context().close();
  });

  it('shows the periodic report by commune with a totals row, each number opening its dossiers, and the satisfaction ranking', async () => {
    const page = await as('theodoi.hue');
    await page.goto('/can-bo/bao-cao/dinh-ky?unit=46&period=lastQuarter');
    await heading(page, 'Báo cáo định kỳ');
    const table = page.getByTestId('periodic-table');
    for (const h of ['Tồn kỳ trước', 'Mới tiếp nhận', 'Tổng tiếp nhận', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Đang xử lý trong hạn', 'Đang xử lý quá hạn', 'Tạm dừng', 'Rút hồ sơ', 'Từ chối', 'Tỷ lệ đúng hạn']) {
      await table.getByRole('columnheader', { name: h, exact: true }).first().waitFor();
    }
    await expect.poll(async () => (await tableRows(page, 'periodic-table')).length).toBeGreaterThan(3);
    const rows = await tableRows(page, 'periodic-table');
    expect(rows.at(-1)![0]).toBe('Tổng cộng');
    expect(await page.getByTestId('summary-xlsx').getAttribute('href')).toContain('format=xlsx');
    expect(await page.getByTestId('summary-pdf').getAttribute('href')).toContain('format=pdf');
    await screenshot(page, 'reports-05-periodic-province');
    await expectAccessible(page, 'periodic report');

    // A number is a link to the dossiers behind it.
    const link = table.locator('tbody tr.ant-table-row').first().locator('a').first();
    await link.click();
    await heading(page, 'Danh sách hồ sơ');
    expect(new URL(page.url()).searchParams.get('metric')).toBeTruthy();

    await page.goto('/can-bo/bao-cao/hai-long?unit=46&period=lastQuarter');
    await heading(page, 'Mức độ hài lòng');
    await expect.poll(() => page.getByTestId('sat-rate').textContent()).not.toContain('…');
    await screenshot(page, 'reports-06-satisfaction');
    await expectAccessible(page, 'satisfaction');
    await page.context().close();
  });
});

describe('reports in English', () => {
  it('shows a commune\'s Decision 766 index with English names, formulas and inputs', async () => {
    const { page } = await newPage(browser, { lang: 'en' });
    await signIn(page, 'lanhdao.vinhloc', 'en');
    const { from, to } = lastQuarter();
    await page.goto(`/can-bo/bao-cao/chi-so-766?unit=20122&from=${from}&to=${to}`);
    await heading(page, 'Service index (Decision 766)');
    await page.getByTestId('drill-PROGRESS_ON_TIME').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('columnheader', { name: 'Formula' }).first().waitFor();
    // The inputs are named in words, in English, not by their keys.
    expect(await page.getByText('Synced to the national portal').count()).toBeGreaterThan(0);
    expect(await page.getByText('Chỉ số phục vụ 766').count()).toBe(0);
    await expectAccessible(page, 'service index (English)');
  });
});

describe('reports for a commune leader', () => {
  it('shows only the leader’s own commune', async () => {
    const page = await as('lanhdao.vinhloc');
    await page.getByRole('menuitem', { name: 'Báo cáo định kỳ' }).click();
    await heading(page, 'Báo cáo định kỳ');
    expect(await page.getByTestId('report-unit').textContent()).toBe('Xã Vinh Lộc');
    expect(await page.locator('#report-unit').count()).toBe(0);
    await expect.poll(() => page.locator('#periodic-caption').textContent()).toContain('Xã Vinh Lộc');
    expect(await page.getByTestId('logbook-pdf').getAttribute('href')).toMatch(/^\/api\/units\/20122\/logbook\?/);
    await expectAccessible(page, 'periodic report, commune');

    // Another commune's report, asked for by address, is refused in the server's words.
    await page.goto('/can-bo/bao-cao/dinh-ky?unit=19942&period=thisMonth');
    await page.getByTestId('error-message').waitFor();
    // And the province's report too (the province's index ranking is theirs to see: "second in the province").
    const period = lastQuarter();
    const res = await page.context().request.get(`/api/reports/summary?unit=46&from=${period.from}&to=${period.to}`);
    expect(res.status()).toBe(403);

    await page.goto('/can-bo/bao-cao');
    await heading(page, 'Tổng quan');
    await expect.poll(() => page.getByTestId('fig-received').textContent()).not.toContain('…');
    expect(await page.getByTestId('chart-ranking').count()).toBe(0);
    await screenshot(page, 'reports-07-dashboard-commune');
    await expectAccessible(page, 'dashboard, commune');
    await page.context().close();
  });
});

describe('feedback (PAKN)', () => {
  it('takes a citizen’s feedback on the portal, lets an official answer it, and shows the answer to the citizen', async () => {
    const phone = '0912345678';
    const { page: citizen } = await newPage(browser);
    await citizen.goto('/');
    await citizen.getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await heading(citizen, 'Gửi phản ánh, kiến nghị');
    await expectAccessible(citizen, 'portal feedback form');
    await citizen.getByLabel(/^Gửi đến xã, phường/).selectOption('20122');
    await citizen.getByLabel('Phản ánh', { exact: true }).check();
    await citizen.getByLabel(/^Tiêu đề/).fill('Thời gian chờ ở quầy quá lâu');
    await citizen.getByLabel(/^Nội dung/).fill('Sáng thứ Hai tôi chờ hơn một giờ mới được tiếp nhận hồ sơ. Đề nghị bố trí thêm người.');
    await citizen.getByLabel(/^Họ và tên/).fill('Lê Văn Bình');
    await citizen.getByLabel(/^Số điện thoại/).fill(phone);
    await screenshot(citizen, 'reports-08-portal-feedback-form');
    await citizen.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
    await heading(citizen, 'Đã gửi phản ánh, kiến nghị');
    const code = ((await citizen.getByTestId('feedback-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^PA\.20122\.\d{6}\.\d{4,}$/);
    await expectAccessible(citizen, 'portal feedback sent');

    // Before the answer: being handled.
    await citizen.getByRole('link', { name: 'Tra cứu trả lời phản ánh, kiến nghị' }).click();
    await heading(citizen, 'Tra cứu trả lời phản ánh, kiến nghị');
    expect(await citizen.getByLabel(/^Mã phản ánh, kiến nghị/).inputValue()).toBe(code);
    await citizen.getByLabel(/^Số điện thoại/).fill(phone);
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => citizen.getByTestId('feedback-state').textContent()).toBe('Đang xử lý');
    expect(await citizen.getByTestId('feedback-answer').count()).toBe(0);

    // The leader finds it among the unanswered, assigns it and answers.
    const answer = 'Xã đã bố trí thêm một cán bộ tiếp nhận vào sáng thứ Hai từ tuần này. Cảm ơn ông đã phản ánh.';
    const official = await as('lanhdao.vinhloc');
    await official.getByRole('menuitem', { name: 'Phản ánh, kiến nghị' }).click();
    await heading(official, 'Phản ánh, kiến nghị');
    await official.getByTestId('fb-table').getByRole('link', { name: code }).waitFor();
    await screenshot(official, 'reports-09-feedback-list');
    await expectAccessible(official, 'feedback list');
    await official.getByTestId('fb-table').getByRole('link', { name: code }).click();
    await heading(official, `Phản ánh, kiến nghị ${code}`);
    await expectAccessible(official, 'feedback detail');
    // Answering too short is refused in the server's words.
    await official.getByLabel('Nội dung trả lời').fill('Đã xem.');
    await official.getByRole('button', { name: 'Gửi trả lời' }).click();
    await official.getByRole('alert').filter({ hasText: '10 ký tự' }).waitFor();
    await official.locator('#fb-assignee').click();
    await official.locator('.ant-select-item-option').filter({ hasText: /Chuyên viên/ }).first().click();
    await official.getByRole('button', { name: 'Phân công xử lý' }).click();
    await official.getByText('Đã phân công.').waitFor();
    await official.getByLabel('Nội dung trả lời').fill(answer);
    await official.getByRole('button', { name: 'Gửi trả lời' }).click();
    await official.getByTestId('fb-answer').waitFor();
    expect(await official.getByTestId('fb-state').textContent()).toBe('Đã trả lời');
    await screenshot(official, 'reports-10-feedback-answered');
    await official.context().close();

    // The citizen reads the answer and rates it.
    await citizen.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => citizen.getByTestId('feedback-answer').textContent()).toBe(answer);
    expect(await citizen.getByTestId('feedback-state').textContent()).toBe('Đã trả lời');
    await citizen.getByRole('button', { name: 'Hài lòng', exact: true }).click();
    await citizen.getByText('Bạn đã đánh giá: hài lòng.').waitFor();
    await screenshot(citizen, 'reports-11-portal-feedback-answer');
    await expectAccessible(citizen, 'portal feedback answer');
    await citizen.context().close();
  });
});
