// The administration pages in a real browser, as the province's system admin: a processing step added to a
// procedure's workflow at one commune (and the server's refusal while the shares do not add up), a component
// made optional as a new procedure version, and a clerk's password reset and used. Each change is undone at
// the end, since the other browser tests share the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launch, newPage, PASSWORD, screenshot, signIn } from './harness.js';

const CODE = '2.000908';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

async function openProcedure(page: Page): Promise<void> {
  await page.goto('/can-bo/quan-tri/thu-tuc');
  await page.locator('#procedure-search').fill(CODE);
  await page.locator('.ant-select-item-option').filter({ hasText: CODE }).first().click();
  await page.getByRole('heading', { name: 'Quy trình xử lý' }).waitFor();
}

async function showUnit(page: Page, unit: string): Promise<void> {
  await page.getByText('Một đơn vị', { exact: true }).click();
  await page.getByRole('searchbox', { name: 'Mã đơn vị (5 số)' }).fill(unit);
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  await page.getByText(/Áp dụng cho: .*\(v\d+\)/).waitFor();
}

async function saveWorkflow(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Lưu thành quy trình riêng của / }).click();
}

describe('the administration pages', () => {
  it('adds a processing step to a procedure’s workflow at one commune, then removes it', async () => {
    const { page } = await newPage(browser);
    await signIn(page, 'admin');
    await openProcedure(page);
    await showUnit(page, '20122');
    const stepsBefore = await page.locator('.ant-table-row').count();

    await page.getByLabel('Mã bước', { exact: true }).fill('kiem_tra');
    await page.getByLabel('Tên bước (tiếng Việt)').fill('Kiểm tra hồ sơ gốc');
    await page.getByLabel('Tên bước (tiếng Anh)').fill('Check of the originals');
    await page.getByLabel('Thời gian (%)', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Thêm bước xử lý (trước bước phê duyệt)' }).click();
    await page.getByText('Kiểm tra hồ sơ gốc (kiem_tra)').waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Tổng' }).textContent()).toBe('Tổng: 110%');

    // The server refuses shares that do not add up to 100%, naming the field in both languages.
    await saveWorkflow(page);
    const refusal = page.getByRole('alert').filter({ hasText: 'definition' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Tổng thời gian các bước phải là 100% (hiện 110%)');
    expect(await refusal.textContent()).toContain('Step shares must add up to 100% (now 110%)');
    await screenshot(page, 'admin-01-workflow-refused');

    await page.getByLabel('Thời gian (%): Kiểm tra hồ sơ gốc').fill('0');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Tổng' }).textContent()).toBe('Tổng: 100%');
    await saveWorkflow(page);
    await page.getByText('Đã lưu').first().waitFor();

    await page.reload();
    await openProcedure(page);
    await showUnit(page, '20122');
    await page.getByText('Kiểm tra hồ sơ gốc (kiem_tra)').waitFor();
    expect(await page.locator('.ant-table-row').count()).toBe(stepsBefore + 1);
    // Inserted right before the approval step.
    const rows = await page.locator('.ant-table-row td:first-child').allTextContents();
    const at = rows.findIndex((r) => r.includes('kiem_tra'));
    expect(rows[at + 1]).toMatch(/\(approval\)|phê duyệt/i);
    await screenshot(page, 'admin-02-workflow-step-added');
    await expectAccessible(page, 'procedures admin');

    await page.getByRole('button', { name: 'Xóa bước Kiểm tra hồ sơ gốc' }).click();
    await saveWorkflow(page);
    await page.getByText('Đã lưu').first().waitFor();
    await page.reload();
    await openProcedure(page);
    await showUnit(page, '20122');
    await expect.poll(() => page.locator('.ant-table-row').filter({ hasText: 'kiem_tra' }).count()).toBe(0);
    await page.context().close();
  });

  it('makes a component optional, which lists version 2', async () => {
    const { page } = await newPage(browser);
    await signIn(page, 'admin');
    await openProcedure(page);
    const versions = page.locator('.ant-card').filter({ has: page.getByRole('columnheader', { name: 'Hiệu lực từ' }) }).locator('.ant-table-row');
    await expect.poll(() => versions.count()).toBe(1);
    const required = page.locator('input[type=checkbox][aria-label^="Bắt buộc: "]:checked').first();
    const label = (await required.getAttribute('aria-label'))!;
    await page.getByLabel(label, { exact: true }).uncheck();
    await page.getByLabel('Ghi chú thay đổi', { exact: true }).fill('Không bắt buộc thành phần này');
    await page.getByRole('button', { name: 'Lưu thành phiên bản mới' }).click();
    await expect.poll(() => versions.count()).toBe(2);
    await page.getByRole('cell', { name: 'Không bắt buộc thành phần này' }).waitFor();
    await expect.poll(() => page.getByLabel(label, { exact: true }).isChecked()).toBe(false);
    await screenshot(page, 'admin-03-procedure-version-2');

    // Undone as version 3, for the portal's tests.
    await page.getByLabel(label, { exact: true }).check();
    await page.getByRole('button', { name: 'Lưu thành phiên bản mới' }).click();
    await expect.poll(() => versions.count()).toBe(3);
    await page.context().close();
  });

  it('resets a clerk’s password, which then signs the clerk in', async () => {
    const NEW = 'VanThu-moi-2026';
    const { page } = await newPage(browser);
    await signIn(page, 'admin');
    await page.goto('/can-bo/quan-tri/tai-khoan');
    await page.getByRole('searchbox', { name: 'Tìm theo tên hoặc tên đăng nhập' }).fill('vanthu.vinhloc');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByRole('button', { name: 'Đặt lại mật khẩu cho vanthu.vinhloc' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('short');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText(/ít nhất 10|at least 10|10/).first().waitFor();
    await dialog.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(NEW);
    await screenshot(page, 'admin-04-reset-password');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã đặt mật khẩu mới').first().waitFor();
    await page.context().close();

    const clerk = (await newPage(browser)).page;
    await clerk.goto('/can-bo/dang-nhap');
    await clerk.getByLabel('Tên đăng nhập').fill('vanthu.vinhloc');
    await clerk.getByLabel('Mật khẩu').fill(PASSWORD);
    await clerk.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => clerk.getByRole('alert').first().textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await clerk.getByLabel('Mật khẩu').fill(NEW);
    await clerk.getByRole('button', { name: 'Đăng nhập' }).click();
    await clerk.getByTestId('header-user').waitFor();

    // Back to the demo password, for the workspace tests.
    await clerk.context().close();
    const admin = (await newPage(browser)).page;
    await signIn(admin, 'admin');
    await admin.goto('/can-bo/quan-tri/tai-khoan');
    await admin.getByRole('searchbox', { name: 'Tìm theo tên hoặc tên đăng nhập' }).fill('vanthu.vinhloc');
    await admin.getByRole('button', { name: 'Tìm', exact: true }).click();
    await admin.getByRole('button', { name: 'Đặt lại mật khẩu cho vanthu.vinhloc' }).click();
    await admin.getByRole('dialog').getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill(PASSWORD);
    await admin.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    await admin.getByText('Đã đặt mật khẩu mới').first().waitFor();
    await admin.context().close();
  });
});
