// Practice mode in a real browser (issue 6, item 5): a new official of Vinh Lộc opens Thực hành, starts a
// scenario with a missing component, works the practice dossier on the real dossier screen (marked as practice,
// with the guidance beside it, and tagged in the inbox), requests a supplement listing the missing component,
// finishes, and sees the score with its breakdown — then the same result in English. Every page is checked by axe.
// The attempt is finished before the test ends, so the practice dossier leaves the inbox the other tests share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launch, screenshot, signedInPage } from './harness.js';

const SCENARIO = 'TH-1.001193-thieu-thanh-phan';
const USER = 'tiepnhan.vinhloc';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string, lang: 'vi' | 'en' = 'vi'): Promise<Page> => signedInPage(browser, username, lang);

describe('practice mode', () => {
  let attemptUrl = '';
  let dossierCode = '';

  it('a new official starts a scenario, works the real dossier screen, finishes and sees the score', async () => {
    const page = await as(USER);
    await page.goto('/can-bo/thuc-hanh');
    await page.getByRole('heading', { level: 1, name: 'Thực hành nghiệp vụ' }).waitFor();
    await page.locator(`[data-scenario="${SCENARIO}"]`).waitFor();
    await screenshot(page, 'practice-01-scenarios');
    await expectAccessible(page, 'practice scenarios');

    // Start: MotCua creates the practice dossier and opens the attempt with its brief and guidance.
    await page.locator(`[data-scenario="${SCENARIO}"]`).click();
    await page.waitForURL(/\/can-bo\/thuc-hanh\/\d+$/);
    attemptUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: /^Lượt thực hành: Hồ sơ thiếu thành phần/ }).waitFor();
    const guidance = page.getByTestId('practice-guidance');
    expect(await guidance.locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await guidance.textContent()).toContain('Yêu cầu bổ sung');
    dossierCode = (await page.getByTestId('practice-brief').locator('.mono').textContent())!.trim();
    expect(dossierCode).toMatch(/^THUCHANH-20122-\d+$/);
    await screenshot(page, 'practice-02-attempt');
    await expectAccessible(page, 'practice attempt');

    // The real dossier screen, marked as practice, with the guidance and the way back.
    await page.getByRole('link', { name: 'Mở hồ sơ thực hành' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(dossierCode) }).waitFor();
    const banner = page.getByTestId('practice-banner');
    await banner.getByText('HỒ SƠ THỰC HÀNH', { exact: true }).waitFor();
    await banner.getByText('Hướng dẫn thực hành').waitFor();
    await screenshot(page, 'practice-03-dossier');
    await expectAccessible(page, 'practice dossier');

    // The inbox tags it as practice.
    await page.goto(`/can-bo/ho-so?q=${encodeURIComponent(dossierCode)}`);
    const row = page.locator('tbody tr.ant-table-row').filter({ hasText: dossierCode });
    await row.waitFor();
    await row.locator('[data-practice="true"]').getByText('THỰC HÀNH').waitFor();
    await row.getByRole('link', { name: dossierCode }).click();
    await page.getByTestId('practice-banner').waitFor();

    // Request a supplement listing the missing birth certificate (giấy chứng sinh), on the real action dialog.
    await page.locator('[data-action="request_supplement"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('label.ant-checkbox-wrapper').filter({ hasText: /^Giấy chứng sinh/ }).click();
    await dialog.getByLabel('Lý do').fill('Thiếu Giấy chứng sinh (bản chính)');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(/Đã thực hiện: Yêu cầu bổ sung/).first().waitFor();

    // Back to the attempt: finish and see the score with its breakdown.
    await page.getByRole('link', { name: 'Quay lại lượt thực hành' }).click();
    await page.waitForURL((u) => u.pathname === attemptUrl);
    await page.getByTestId('practice-finish-button').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Hoàn thành và chấm điểm' }).click();
    const result = page.getByTestId('practice-result');
    await result.waitFor();
    expect((await result.getByTestId('practice-score').textContent())?.trim()).toBe('100/100');
    const rows = await page.getByTestId('practice-breakdown').locator('tbody tr.ant-table-row').allTextContents();
    expect(rows.length).toBe(3);
    expect(rows[0]).toContain('Quyết định đúng');
    expect(rows[1]).toContain('Tìm đúng 1/1 thành phần còn thiếu');
    await page.getByTestId('practice-expected').getByText(/Giấy chứng sinh/).waitFor();
    await screenshot(page, 'practice-04-score');
    await expectAccessible(page, 'practice score');

    // The finished attempt is listed with its score; its dossier has left the inbox.
    await page.goto('/can-bo/thuc-hanh');
    const mine = page.getByTestId('practice-mine').locator('tbody tr.ant-table-row').filter({ hasText: dossierCode });
    await mine.getByText('100/100').waitFor();
    await page.goto(`/can-bo/ho-so?q=${encodeURIComponent(dossierCode)}`);
    await page.getByText('Không có hồ sơ', { exact: false }).or(page.locator('.ant-table-placeholder')).first().waitFor();
    expect(await page.locator('tbody tr.ant-table-row').filter({ hasText: dossierCode }).count()).toBe(0);
  });

  it('shows the score and its breakdown in English', async () => {
    expect(attemptUrl).not.toBe('');
    const page = await as(USER, 'en');
    await page.goto(attemptUrl);
    await page.getByRole('heading', { level: 1, name: /^Practice attempt: A component is missing/ }).waitFor();
    const result = page.getByTestId('practice-result');
    await result.getByText('Score by item').waitFor();
    const rows = await page.getByTestId('practice-breakdown').locator('tbody tr.ant-table-row').allTextContents();
    expect(rows[0]).toContain('Correct decision');
    expect(rows[1]).toContain('Found 1 of 1 missing components');
    await screenshot(page, 'practice-05-score-en');
    await expectAccessible(page, 'practice score (en)');
  });
});
