// The officials' workspace in a real browser: signing in, a counter intake with its printed receipt, the
// specialist → head of office → leader → clerk → desk flow, another commune kept out, and the app in English.
// Each main page is screenshotted and checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readPdf } from '../src/modules/forms/pdf-testing.js';
import { expectAccessible, fetchBytes, launch, newPage, screenshot, signIn, signedInPage } from './harness.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const ID_NUMBER = '046190055501';
let browser: Browser;
let code = '';
/** The printed receipt, reused as a real PDF for the draft result the leader reads. */
let receiptPdf: Buffer = PDF;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string, lang: 'vi' | 'en' = 'vi'): Promise<Page> => signedInPage(browser, username, lang);

/** Clicks an action button on the dossier page, fills what the dialog asks, confirms and waits for the result. */
async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await page.locator(`button[data-action="${action}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  await page.getByText(/^Đã thực hiện:/).first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
}

async function openDossier(page: Page): Promise<void> {
  await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
}

describe('the officials’ workspace', () => {
  it('signs a receiving officer in to a home page of counts, accessibly', async () => {
    const { page } = await newPage(browser);
    await page.goto('/can-bo');
    await page.waitForURL(/\/can-bo\/dang-nhap\?next=/);
    await expect.poll(() => page.title()).toBe('Đăng nhập dành cho cán bộ · MotCua');
    await screenshot(page, '01-sign-in');
    await expectAccessible(page, 'sign-in');

    await page.getByLabel('Tên đăng nhập').fill('tiepnhan.vinhloc');
    await page.getByLabel('Mật khẩu').fill('wrong-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');

    await signIn(page, 'tiepnhan.vinhloc');
    await expect.poll(() => page.getByTestId('header-unit').textContent()).toContain('Xã Vinh Lộc');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Xin chào, Trần Thị Thu');
    for (const label of ['Đang chờ xử lý', 'Sắp đến hạn', 'Quá hạn']) expect(await page.getByText(label, { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, '02-home-receiving-officer');
    await expectAccessible(page, 'home');
    await page.context().close();
  });

  it('takes in a dossier at the counter in one screen and prints its receipt (form 01)', async () => {
    const page = await as('tiepnhan.vinhloc');
    const started = Date.now();
    await page.goto('/can-bo/tiep-nhan');
    // Typed without diacritics.
    await page.locator('#procedure-search').fill('cap ban sao tu so goc');
    await page.locator('.ant-select-item-option').filter({ hasText: 'Thủ tục cấp bản sao từ sổ gốc' }).first().click();
    await page.getByRole('heading', { name: 'Thủ tục cấp bản sao từ sổ gốc' }).waitFor();
    const component = page.getByRole('checkbox', { name: /^Đã nhận: Một trong các giấy tờ/ });
    await page.locator('input[type=file]').first().setInputFiles({ name: 'ban-scan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Đã tải ban-scan.pdf').waitFor();
    expect(await component.isChecked()).toBe(true);
    await page.getByLabel('Số định danh cá nhân (12 số)').fill(ID_NUMBER);
    await page.getByText('Chưa có hồ sơ trước với số định danh này').waitFor();
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Hương');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByLabel('Địa chỉ').fill('Thôn An Bằng, xã Vinh Lộc');
    await expect.poll(() => page.getByTestId('due-preview').textContent()).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    await screenshot(page, '03-counter-intake');
    await expectAccessible(page, 'counter');

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Đã tiếp nhận hồ sơ').waitFor();
    code = ((await page.getByTestId('dossier-code').textContent()) ?? '').replace('Mã hồ sơ: ', '').trim();
    expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
    expect(Date.now() - started).toBeLessThan(60_000);
    await screenshot(page, '04-counter-received');

    const href = await page.getByRole('link', { name: 'Giấy tiếp nhận và hẹn trả (Mẫu 01)' }).getAttribute('href');
    const pdf = await fetchBytes(page, href!);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = (await readPdf(pdf.bytes)).pages.join(' ');
    expect(text).toContain(code);
    expect(text).toContain('Nguyễn Thị Hương');
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    receiptPdf = Buffer.from(pdf.bytes);

    // The next applicant with the same ID number: the details come back from the first dossier.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await page.locator('#procedure-search').fill('cap ban sao');
    await page.locator('.ant-select-item-option').filter({ hasText: 'Thủ tục cấp bản sao từ sổ gốc' }).first().click();
    await page.getByLabel('Số định danh cá nhân (12 số)').fill(ID_NUMBER);
    await page.getByText(`Đã điền từ hồ sơ ${code}`).waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Thị Hương');
    expect(await page.getByLabel('Số điện thoại').inputValue()).toBe('0912345678');
    await page.context().close();
  });

  it("keeps another commune's official out of the dossier, saying so in both languages", async () => {
    const page = await as('tiepnhan.phuvang');
    await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
    const message = page.getByTestId('error-message');
    await message.waitFor();
    expect(await message.textContent()).toContain('Hồ sơ không thuộc đơn vị của bạn.');
    expect(await message.textContent()).toContain('This dossier is not in your unit.');
    expect(await page.getByText('Bạn không có quyền xem trang này').count()).toBe(1);
    expect(await page.getByText('Xã Vinh Lộc').count()).toBe(0);
    await screenshot(page, '05-other-commune-refused');
    await page.context().close();
  });

  it('works a dossier through specialist, head of office, leader, clerk and back to the desk', async () => {
    const officer = await as('tiepnhan.vinhloc');
    await openDossier(officer);
    await act(officer, 'forward');
    await officer.context().close();

    const specialist = await as('chuyenvien.vinhloc');
    await specialist.goto('/can-bo/ho-so');
    await specialist.getByLabel('Tìm theo mã hồ sơ hoặc tên người nộp').fill(code);
    await specialist.keyboard.press('Enter');
    await specialist.getByRole('link', { name: code }).click();
    await specialist.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await specialist.locator('input[type=file]').setInputFiles({ name: 'du-thao-ket-qua.pdf', mimeType: 'application/pdf', buffer: receiptPdf });
    await specialist.getByText('Đã đính kèm du-thao-ket-qua.pdf.').waitFor();
    await screenshot(specialist, '06-dossier-specialist');
    await expectAccessible(specialist, 'dossier');
    await act(specialist, 'forward');
    await specialist.goto('/can-bo/ho-so?scope=unit');
    await screenshot(specialist, '07-inbox');
    await expectAccessible(specialist, 'inbox');
    await specialist.context().close();

    const head = await as('truongphong.vinhloc');
    await openDossier(head);
    await act(head, 'submit_for_approval');
    await head.context().close();

    const leader = await as('lanhdao.vinhloc');
    await leader.goto('/can-bo/phe-duyet');
    await leader.getByRole('button', { name: code }).click();
    await leader.locator('iframe.file-frame').waitFor();
    await screenshot(leader, '08-approvals');
    await expectAccessible(leader, 'approvals');
    await leader.getByRole('checkbox', { name: `Chọn hồ sơ ${code}` }).check();
    await leader.getByRole('button', { name: 'Phê duyệt 1 hồ sơ đã chọn' }).click();
    await leader.getByRole('dialog').getByRole('button', { name: 'Phê duyệt' }).click();
    await leader.getByText('Kết quả phê duyệt').waitFor();
    expect(await leader.getByText('Đã phê duyệt', { exact: true }).count()).toBe(1);
    await leader.context().close();

    const clerk = await as('vanthu.vinhloc');
    await openDossier(clerk);
    await act(clerk, 'sign');
    await act(clerk, 'issue_result', (d) => d.getByLabel('Số, ký hiệu văn bản kết quả').fill('15/2026/BS'));
    await clerk.context().close();

    const desk = await as('tiepnhan.vinhloc');
    await desk.goto('/can-bo/tra-ket-qua');
    // What a QR scanner types: the address printed on the receipt, then Enter.
    await desk.getByLabel('Mã hồ sơ hoặc địa chỉ trong mã QR').fill(`http://localhost:3000/tra-cuu/${encodeURIComponent(code)}`);
    await desk.keyboard.press('Enter');
    await desk.locator('button[data-action="return_result"]').click();
    expect(await desk.getByRole('dialog').getByLabel('Người nhận kết quả').inputValue()).toBe('Nguyễn Thị Hương');
    await desk.getByRole('dialog').getByRole('button', { name: 'Xác nhận' }).click();
    await desk.getByText(`Đã trả kết quả hồ sơ ${code}.`).waitFor();
    await expect.poll(() => desk.locator('.ant-descriptions').textContent()).toContain('Đã trả kết quả');
    await screenshot(desk, '09-returns');
    await expectAccessible(desk, 'returns');

    await openDossier(desk);
    const timeline = desk.locator('.ant-card').filter({ has: desk.getByRole('heading', { name: 'Quá trình giải quyết (phiếu kiểm soát)' }) });
    const history = (await timeline.locator('.ant-table').first().textContent()) ?? '';
    for (const step of ['Tiếp nhận', 'Chuyển bước tiếp theo', 'Trình phê duyệt', 'Phê duyệt', 'Ký số', 'Ban hành kết quả', 'Trả kết quả']) expect(history).toContain(step);
    await screenshot(desk, '10-dossier-history');
    await desk.context().close();
  });

  it('runs in English when asked, remembering the choice', async () => {
    const { page } = await newPage(browser);
    await page.goto('/can-bo/dang-nhap');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in for officials' }).waitFor();
    await signIn(page, 'lanhdao.vinhloc', 'en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Dossiers', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
    await page.goto(`/can-bo/ho-so/${encodeURIComponent(code)}`);
    await page.getByRole('heading', { level: 1, name: `Dossier ${code}` }).waitFor();
    expect(await page.getByText('Result returned').count()).toBeGreaterThan(0);
    await screenshot(page, '11-dossier-english');
    await expectAccessible(page, 'dossier (English)');
    await page.goto('/can-bo');
    await page.getByRole('heading', { level: 2, name: /^The day's overview/ }).waitFor();
    await screenshot(page, '12-home-leader-english');
    await page.context().close();
  });

  it("opens the centre admin's pages: the unit with its office hours, accounts, the calendar", async () => {
    const page = await as('quantri.vinhloc');
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('button', { name: 'Xã Vinh Lộc' }).click();
    await page.getByLabel('Thứ Hai – thứ Sáu (ví dụ 07:30-11:30, 13:30-17:00)').waitFor();
    await screenshot(page, '13-admin-unit');
    await expectAccessible(page, 'admin units');
    await page.goto('/can-bo/quan-tri/tai-khoan');
    await page.getByText('tiepnhan.vinhloc').waitFor();
    await screenshot(page, '14-admin-accounts');
    await expectAccessible(page, 'admin accounts');
    await page.goto('/can-bo/quan-tri/lich');
    await page.getByRole('heading', { level: 1, name: 'Lịch làm việc: ngày nghỉ, ngày làm bù' }).waitFor();
    await screenshot(page, '15-admin-calendar');
    await page.context().close();
  });
});
