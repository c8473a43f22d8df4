// The connected systems around one dossier, in a real browser, against the simulators the test server runs: a
// counter intake filled from the population database, a fee requested and paid online by the citizen, the
// result signed with the unit's certificate and checked on the public verification page, the e-mails sent, and
// the day's reconciliation. Each main page is screenshotted and checked with axe-core. The administration pages
// of the connections are in connected-admin.e2e.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CITIZENS } from '../src/simulators/population.js';
import { expectAccessible, launch, newPage, screenshot } from './harness.js';
import { actAs, Api, draftPdf, openDossier, sim, track, signedInPage } from './connected-helpers.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const CITIZEN = DEMO_CITIZENS.find((c) => c.communeCode === '20122')!.idNumber;

let browser: Browser;
/** The dossier taken in at the counter (scenario 1), then paid for, signed and notified about. */
let code = '';
let applicantName = '';

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, username);

describe('the connected systems’ pages', () => {
  it('fills the applicant from the population database at the counter, and the dossier shows where each datum came from', async () => {
    const page = await as('tiepnhan.vinhloc');
    await page.goto('/can-bo/tiep-nhan');
    await page.locator('#procedure-search').fill('2.000908');
    await page.locator('.ant-select-item-option').filter({ hasText: '2.000908' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Thủ tục cấp bản sao từ sổ gốc' }).waitFor();

    // A number whose first three digits are no province: the problem is said next to the field, no lookup.
    const idField = page.getByLabel('Số định danh cá nhân (12 số)');
    await idField.fill('003085001234');
    await page.getByRole('button', { name: 'Tra cứu CSDL dân cư' }).click();
    await page.getByText(/"003" không phải mã tỉnh/).first().waitFor();
    await expect.poll(() => page.getByText(/"003" không phải mã tỉnh/).count()).toBe(1);
    expect(await page.getByTestId('population-found').count()).toBe(0);

    await idField.fill(CITIZEN);
    await page.getByRole('button', { name: 'Tra cứu CSDL dân cư' }).click();
    const found = page.getByTestId('population-found');
    await found.waitFor();
    const name = await page.getByLabel('Họ và tên').inputValue();
    const address = await page.getByLabel('Địa chỉ').inputValue();
    expect(name.length).toBeGreaterThan(3);
    expect(address).toMatch(/Thành phố Huế/);
    expect(await found.textContent()).toContain(name);
    expect(await found.textContent()).toMatch(/sinh ngày \d{2}\/\d{2}\/\d{4}/);
    expect(await page.locator('[data-prefilled="name"]').textContent()).toBe('Từ CSDL dân cư');
    expect(await page.locator('[data-prefilled="address"]').count()).toBe(1);
    await expect.poll(() => page.getByText('"003"').count()).toBe(0);

    await page.locator('input[type=file]').first().setInputFiles({ name: 'ban-chinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('Đã tải ban-chinh.pdf').waitFor();
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByLabel('Thư điện tử').fill('congdan@example.vn');
    await screenshot(page, 'connected-01-counter-population');
    await expectAccessible(page, 'counter with the population database');

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByText('Đã tiếp nhận hồ sơ').waitFor();
    code = ((await page.getByTestId('dossier-code').textContent()) ?? '').replace('Mã hồ sơ: ', '').trim();
    expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-\d{6}-\d{4}$/);
    applicantName = name;

    await openDossier(page, code);
    const sources = page.getByTestId('data-sources');
    await sources.waitFor();
    expect(await sources.getByRole('heading', { name: 'Nguồn dữ liệu' }).count()).toBe(1);
    const text = (await sources.textContent()) ?? '';
    expect(text).toContain('CSDL quốc gia về dân cư');
    expect(text).toContain('Họ và tên');
    await screenshot(page, 'connected-02-dossier-sources');
    await expectAccessible(page, 'dossier with its data sources');
    await page.context().close();
  });

  it('has the specialist request the fee from the unit’s fee lines, and the citizen pay it online', async () => {
    await actAs('tiepnhan.vinhloc', code, ['forward']);

    const specialist = await as('chuyenvien.vinhloc');
    await openDossier(specialist, code);
    const panel = specialist.getByTestId('payment-panel');
    await panel.waitFor();
    await expect.poll(() => panel.getByRole('checkbox', { name: /Lệ phí chứng thực bản sao/ }).isChecked()).toBe(true);
    await screenshot(specialist, 'connected-03-payment-panel-request');
    await expectAccessible(specialist, 'dossier payment panel');
    await panel.locator('button[data-action="request_fee_lines"]').click();
    await specialist.getByText(/^Đã yêu cầu nộp/).first().waitFor();
    await expect.poll(() => specialist.locator('.ant-descriptions').first().textContent()).toContain('Chờ thực hiện nghĩa vụ tài chính');
    expect(await panel.textContent()).toContain('2.000');
    await specialist.context().close();

    // The citizen, from the receipt's QR code, without signing in.
    const { page } = await newPage(browser);
    await track(page, code);
    const box = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Phí, lệ phí cần nộp' }) });
    await box.waitFor();
    expect(await box.getByTestId('fee-total').textContent()).toMatch(/2\.000/);
    await screenshot(page, 'connected-04-track-fee-due');
    await expectAccessible(page, 'tracking page with a fee due');
    // Proof first: a wrong number is refused before anything is sent, then the right one.
    await box.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await box.getByText('Số định danh cá nhân phải gồm đúng 12 chữ số.').first().waitFor();
    await box.getByRole('textbox', { name: /^Số định danh cá nhân/ }).fill(CITIZEN);
    await box.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();

    await page.waitForURL((u) => u.href.startsWith(sim('payment')));
    await page.getByRole('heading', { name: 'Thanh toán phí, lệ phí' }).waitFor();
    expect(await page.textContent('body')).toContain(applicantName);
    await screenshot(page, 'connected-05-payment-platform');
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();

    await page.waitForURL((u) => u.pathname === `/tra-cuu/${encodeURIComponent(code)}` || u.pathname === `/tra-cuu/${code}`);
    const paid = page.getByRole('heading', { level: 2, name: 'Đã nộp phí, lệ phí' });
    await paid.waitFor({ timeout: 30_000 });
    await page.getByText('Thanh toán trực tuyến thành công; hồ sơ được tiếp tục giải quyết.').waitFor();
    const receipt = page.getByRole('link', { name: 'Xem biên lai điện tử' });
    expect(await receipt.getAttribute('href')).toContain(`${sim('payment')}/receipts/`);
    await expect.poll(() => page.getByTestId('status-name').textContent()).toBe('Đang xử lý');
    await screenshot(page, 'connected-06-track-fee-paid');
    await expectAccessible(page, 'tracking page with the fee paid');
    await page.context().close();

    const again = await as('chuyenvien.vinhloc');
    await openDossier(again, code);
    const paidPanel = again.getByTestId('payment-panel');
    await paidPanel.getByText('Đã thanh toán').first().waitFor();
    expect(await paidPanel.getByRole('link', { name: 'Biên lai điện tử' }).count()).toBe(1);
    expect(await again.locator('.ant-descriptions').first().textContent()).toContain('Đang xử lý');
    // Paid: the schedule is not offered again in one click.
    expect(await paidPanel.locator('button[data-action="request_fee_lines"]').count()).toBe(0);
    await screenshot(again, 'connected-07-dossier-fee-paid');
    await again.context().close();
  });

  it('has the leader sign the result with the unit’s certificate, which the public verification page then vouches for', async () => {
    // The specialist drafts the result, the head of office submits it, the leader approves: the issue step.
    const specialist = await Api.login('chuyenvien.vinhloc');
    const draft = await specialist.upload('du-thao-ket-qua.pdf', await draftPdf('Ban sao tu so goc / Certified copy (draft)'));
    await specialist.post(`/api/dossiers/${encodeURIComponent(code)}/files`, { fileId: draft.id, kind: 'draft_result' });
    await specialist.post(`/api/dossiers/${encodeURIComponent(code)}/actions/forward`);
    await actAs('truongphong.vinhloc', code, ['submit_for_approval', { outcome: 'granted' }]);
    await actAs('lanhdao.vinhloc', code, ['approve']);

    const leader = await as('lanhdao.vinhloc');
    await openDossier(leader, code);
    await leader.locator('button[data-action="sign"]').click();
    const dialog = leader.getByRole('dialog', { name: 'Ký số kết quả giải quyết' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/UBND xã Vinh Lộc — hiệu lực đến \d{2}\/\d{2}\/\d{4}/);
    await screenshot(leader, 'connected-08-sign-dialog');
    await expectAccessible(leader, 'sign dialog');
    await dialog.getByRole('button', { name: 'Ký số', exact: true }).click();
    await leader.getByText(/^Đã ký số\. Mã xác thực: /).first().waitFor({ timeout: 30_000 });
    await dialog.waitFor({ state: 'hidden' });

    const signed = leader.locator('.ant-card').filter({ has: leader.getByRole('heading', { name: 'Văn bản ký số' }) });
    const link = signed.getByRole('link', { name: /^Trang xác thực / });
    await link.waitFor();
    const displayCode = ((await link.textContent()) ?? '').trim();
    expect(displayCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await signed.textContent()).toContain('Kết quả giải quyết');
    await expect.poll(() => leader.locator('.ant-descriptions').first().textContent()).toContain('Đã phê duyệt');
    await screenshot(leader, 'connected-09-dossier-signed');
    await expectAccessible(leader, 'dossier with the signed result');
    const href = (await link.getAttribute('href'))!;
    await leader.context().close();

    // Anyone who scans the QR code: no session.
    const { page } = await newPage(browser);
    await page.goto(href);
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('Văn bản hợp lệ, không bị thay đổi');
    const facts = (await page.locator('.p-dl').textContent()) ?? '';
    expect(facts).toContain('Xã Vinh Lộc');
    expect(facts).toContain(code);
    expect(facts).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(facts).toContain(displayCode);
    await screenshot(page, 'connected-10-verify-valid');
    await expectAccessible(page, 'verification page');

    // The signed PDF as published, then the same bytes checked, then a copy with one byte changed.
    const fileUrl = (await page.getByRole('link', { name: /^Tải văn bản đã ký/ }).getAttribute('href'))!;
    const pdf = Buffer.from(await (await page.context().request.get(fileUrl)).body());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const check = async (name: string, bytes: Buffer) => {
      await page.locator('#copy-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
      await page.getByRole('button', { name: 'Đối chiếu' }).click();
      const outcome = page.locator('[aria-live=polite] [role=status]');
      await outcome.waitFor();
      const text = (await outcome.textContent()) ?? '';
      await page.locator('#copy-file').setInputFiles([]);
      return text;
    };
    expect(await check('ban-da-ky.pdf', pdf)).toContain('trùng khớp hoàn toàn');
    // A byte the signature covers (the first signed range, before /Contents).
    const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)/.exec(pdf.toString('latin1'));
    expect(range).not.toBeNull();
    const altered = Buffer.from(pdf);
    const at = Number(range![1]) + Math.floor(Number(range![2]) / 2);
    altered[at] = altered[at]! ^ 0x01;
    await page.reload();
    await verdict.waitFor();
    expect(await check('ban-bi-sua.pdf', altered)).toContain('KHÔNG khớp');
    await screenshot(page, 'connected-11-verify-altered-copy');
    await expectAccessible(page, 'verification page, altered copy');
    await page.context().close();
  });

  it('lists the e-mails and SMS sent to the applicant on the dossier page, as the mail catcher received them', async () => {
    const page = await as('tiepnhan.vinhloc');
    await openDossier(page, code);
    const panel = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Thông báo đã gửi cho người nộp' }) });
    const emails = panel.locator('.ant-table-row').filter({ hasText: 'Thư điện tử' });
    await expect.poll(async () => (await emails.allTextContents()).join('\n'), { timeout: 20_000 }).toContain('Đề nghị nộp phí, lệ phí');
    const rows = (await emails.allTextContents()).join('\n');
    expect(rows).toContain('Tiếp nhận hồ sơ');
    expect(rows).toContain('congdan@example.vn');
    expect(rows).toContain('Đã gửi');
    // The text as sent, subject first.
    await emails.filter({ hasText: 'Tiếp nhận hồ sơ' }).first().getByRole('button', { name: /mở rộng|expand/i }).click();
    await panel.getByText(`Hồ sơ ${code} đã được tiếp nhận`).waitFor();
    await screenshot(page, 'connected-12-dossier-notifications');
    await expectAccessible(page, 'dossier notifications');
    await page.context().close();

    const { page: inbox } = await newPage(browser);
    await inbox.goto(`${sim('mail')}/_sim/mail`);
    await inbox.getByRole('heading', { name: /Hộp thư mô phỏng/ }).waitFor();
    const subjects = await inbox.locator('summary strong').allTextContents();
    expect(subjects).toContain(`Hồ sơ ${code} đã được tiếp nhận`);
    expect(subjects).toContain(`Hồ sơ ${code}: đề nghị nộp phí, lệ phí`);
    await screenshot(inbox, 'connected-13-mail-catcher');
    await inbox.context().close();
  });

  it('reconciles the day’s online payments: the one paid above is matched', async () => {
    const page = await as('tiepnhan.vinhloc');
    await page.goto('/can-bo/doi-soat');
    await page.getByRole('heading', { level: 1, name: 'Đối soát thanh toán trực tuyến' }).waitFor();
    const matched = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: /^Khớp/ }) });
    await matched.getByRole('link', { name: code }).waitFor();
    expect(await matched.textContent()).toContain('2.000');
    expect(await page.getByText('Không có chênh lệch trong ngày.').count()).toBeGreaterThan(0);
    await screenshot(page, 'connected-14-reconciliation');
    await expectAccessible(page, 'reconciliation page');
    await page.context().close();
  });
});
