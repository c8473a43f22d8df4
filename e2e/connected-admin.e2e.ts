// The administration pages of the connected systems in a real browser, against the simulators the test server
// runs: deliveries to the national portal refused (with the portal's reason) and re-sent, dossiers citizens
// submitted on the national portal pulled into the commune's inbox, the unit's signing certificates, and this
// system's key for transfers. Each page is screenshotted and checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launch, screenshot } from './harness.js';
import { draftPdf, receiveCopyDossier, simCall, signedInPage } from './connected-helpers.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string): Promise<Page> => signedInPage(browser, username);

/** One option of an AntD Segmented control (the outbox page's filter). */
const segment = (page: Page, label: string) => page.locator('.ant-segmented-item').filter({ hasText: new RegExp(`^${label}$`) });

describe('the connected systems’ administration pages', () => {
  it('shows a delivery the national portal refused, with its reason, and re-sends it once fixed', async () => {
    const PHONE = '0905000555';
    const REASON = 'Số điện thoại chưa đăng ký trên Cổng DVCQG';
    await simCall('national-portal', 'PUT', '/_sim/refuse', { field: 'SoDienThoai', equals: PHONE, reason: REASON });
    let refused = '';
    try {
      refused = (await receiveCopyDossier({ name: 'Phan Thị Ngọc Ánh', phone: PHONE })).code;
      const page = await as('admin');
      await page.goto('/can-bo/quan-tri/ket-noi');
      await page.getByRole('heading', { level: 1, name: 'Gửi dữ liệu tới các hệ thống kết nối' }).waitFor();
      const row = page.locator('.ant-table-row').filter({ hasText: refused }).filter({ hasText: 'Cổng Dịch vụ công quốc gia' });
      // The refusal arrives within a dispatcher round or two; the page shows what was there when it loaded.
      await expect
        .poll(
          async () => {
            await page.reload();
            await page.getByRole('heading', { level: 1, name: 'Gửi dữ liệu tới các hệ thống kết nối' }).waitFor();
            await page.locator('.ant-table-row, .ant-table-placeholder').last().waitFor();
            return row.count();
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1);
      expect(await row.textContent()).toContain('Bị từ chối');
      expect(await row.textContent()).toContain(REASON);
      expect(await row.textContent()).toContain('Tiếp nhận');
      // What was tried, when.
      await row.getByRole('button', { name: /mở rộng|expand/i }).click();
      await page.locator('.ant-table-expanded-row').getByText('Lỗi', { exact: true }).first().waitFor();
      await screenshot(page, 'connected-admin-01-outbox-refused');
      await expectAccessible(page, 'outbox admin page');

      await simCall('national-portal', 'PUT', '/_sim/refuse', null);
      await row.getByRole('button', { name: 'Gửi lại' }).click();
      await page.getByText('Đã đặt gửi lại.').waitFor();
      const delivered = page.locator('.ant-table-row').filter({ hasText: refused }).filter({ hasText: 'Cổng Dịch vụ công quốc gia' });
      await expect
        .poll(
          async () => {
            await segment(page, 'Đã gửi').click();
            await page.locator('.ant-table-row, .ant-table-placeholder').last().waitFor();
            const text = (await delivered.allTextContents()).join('\n');
            await segment(page, 'Bị từ chối').click();
            return text;
          },
          { timeout: 20_000, interval: 500 },
        )
        .toContain('Đã gửi');
      await segment(page, 'Đã gửi').click();
      await delivered.first().waitFor();
      await screenshot(page, 'connected-admin-02-outbox-delivered');
      await page.context().close();
      const seen = await simCall<{ dossiers: Record<string, { statuses: number[] }> }>('national-portal', 'GET', '/_sim/received');
      expect(seen.dossiers[refused]?.statuses.length).toBeGreaterThan(0);
    } finally {
      await simCall('national-portal', 'PUT', '/_sim/refuse', null);
    }
  });

  it('pulls a dossier a citizen submitted on the national portal into the commune’s inbox, marked as such', async () => {
    const APPLICANT = 'Tôn Nữ Thị Hạnh';
    const scan = (await draftPdf('Ban chinh giay to / Original document')).toString('base64');
    const submission = await simCall<{ Id: string }>('national-portal', 'POST', '/_sim/submissions', {
      MaDonVi: '20122',
      MaTTHC: '2.000908',
      LoaiDoiTuong: 1,
      TrichYeuHoSo: 'Cấp bản sao từ sổ gốc giấy khai sinh',
      ChuHoSo: APPLICANT,
      SoDienThoai: '0905123789',
      Email: 'tonnuthihanh@example.vn',
      DiaChi: 'Thôn Hà Trung, xã Vinh Lộc, thành phố Huế',
      MaDoiTuong: '046185000777',
      TaiLieuNop: [{ MaGiayTo: 'c1-7d4524', TenGiayTo: 'Bản chính giấy tờ', TenTep: 'ban-chinh.pdf', LoaiTep: 'application/pdf', DuLieu: scan }],
    });
    expect(submission.Id).toBeTruthy();

    const admin = await as('admin');
    await admin.goto('/can-bo/quan-tri/cong-dvcqg');
    await admin.getByRole('heading', { level: 1, name: 'Kết nối Cổng Dịch vụ công quốc gia' }).waitFor();
    await admin.getByTestId('np-connection').waitFor();
    await admin.getByRole('button', { name: 'Lấy hồ sơ từ Cổng DVCQG' }).click();
    const report = admin.getByTestId('np-pull-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.textContent()).toMatch(/Đã lấy: \d+ hồ sơ mới/);
    // The periodic pull may have taken it a moment earlier; either way it is in the commune's inbox.
    const created = await report.getByRole('link').allTextContents();
    await screenshot(admin, 'connected-admin-03-national-portal');
    await expectAccessible(admin, 'national portal page');
    await admin.context().close();

    const desk = await as('tiepnhan.vinhloc');
    await desk.goto(`/can-bo/ho-so?q=${encodeURIComponent(APPLICANT)}`);
    const row = desk.locator('.ant-table-row').filter({ hasText: APPLICANT });
    await row.waitFor();
    expect(await row.locator('[data-source="national_portal"]').textContent()).toBe('qua Cổng DVCQG');
    const code = ((await row.getByRole('link').first().textContent()) ?? '').trim();
    if (created.length) expect(created).toContain(code);
    await screenshot(desk, 'connected-admin-04-inbox-from-portal');
    await expectAccessible(desk, 'inbox with a dossier from the national portal');
    await row.getByRole('link', { name: code }).click();
    await desk.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    expect(await desk.locator('.ant-descriptions').first().textContent()).toContain('(qua Cổng DVCQG)');
    await desk.context().close();
    const seen = await simCall<{ submissions: { pending: number; acked: number } }>('national-portal', 'GET', '/_sim/stats');
    expect(seen.submissions.pending).toBe(0);
  });

  it('lists the unit’s signing certificate with its Vietnamese subject', async () => {
    const page = await as('quantri.vinhloc');
    await page.goto('/can-bo/quan-tri/chung-thu-so');
    await page.getByRole('heading', { level: 1, name: 'Chứng thư số của đơn vị' }).waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: 'UBND xã Vinh Lộc' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('Đang dùng');
    const subject = (await row.first().getByText('UBND xã Vinh Lộc', { exact: true }).getAttribute('title')) ?? '';
    expect(subject).toContain('CN=UBND xã Vinh Lộc');
    expect(subject).toContain('ST=Thành phố Huế');
    await screenshot(page, 'connected-admin-05-certificates');
    await expectAccessible(page, 'certificates page');
    await page.context().close();
  });

  it('shows this system’s public key for transfers to other MotCua systems', async () => {
    const page = await as('admin');
    await page.goto('/can-bo/quan-tri/lien-thong');
    await page.getByRole('heading', { level: 1, name: 'Liên thông với hệ thống MotCua khác' }).waitFor();
    const key = page.locator('.ant-descriptions-item').filter({ hasText: 'Khoá công khai (Ed25519)' }).locator('.ant-descriptions-item-content');
    await key.waitFor();
    expect(((await key.textContent()) ?? '').trim()).toMatch(/^[A-Za-z0-9+/=_-]{40,}$|BEGIN PUBLIC KEY/);
    await screenshot(page, 'connected-admin-06-peers');
    await expectAccessible(page, 'peers page');
    await page.context().close();
  });

  it('shows the unit’s fee lines and payment account, and previews a notification template', async () => {
    const page = await as('quantri.vinhloc');
    await page.goto('/can-bo/quan-tri/phi-le-phi');
    await page.getByRole('heading', { level: 1, name: 'Phí, lệ phí theo thủ tục' }).waitFor();
    await page.locator('#procedure-search').fill('2.000908');
    await page.locator('.ant-select-item-option').filter({ hasText: '2.000908' }).first().click();
    await page.getByText('Biểu phí do đơn vị đặt.').waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Mã', exact: true }).first().inputValue()).toBe('LP-CT');
    await expect.poll(() => page.getByLabel(/^Mã đơn vị trên nền tảng thanh toán/).inputValue()).toBe('H46.20122');
    await screenshot(page, 'connected-admin-07-fee-lines');
    await expectAccessible(page, 'fee lines page');

    await page.goto('/can-bo/quan-tri/mau-thong-bao');
    await page.getByRole('heading', { level: 1, name: 'Mẫu thông báo gửi người nộp hồ sơ' }).waitFor();
    const email = page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 2, name: 'Thư điện tử' }) }).first();
    expect(await email.getByRole('textbox', { name: /^Tiêu đề thư/ }).inputValue()).toBe('Hồ sơ {{ma_ho_so}} đã được tiếp nhận');
    await email.getByRole('button', { name: 'Xem trước' }).click();
    await email.getByText(/^Xem trước với dữ liệu mẫu/).waitFor();
    expect(await email.locator('[aria-live=polite]').textContent()).toMatch(/Hồ sơ \S+ đã được tiếp nhận/);
    await screenshot(page, 'connected-admin-08-notification-templates');
    await expectAccessible(page, 'notification templates page');
    await page.context().close();
  });
});
