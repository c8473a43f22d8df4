// Evidence from work, workload and the appraisal feed in a real browser (issue 6 items 6–9): a commune leader
// confirms one suggested level and overrides another with a note, opens the ledger behind a figure, accepts a
// suggested reassignment (or checks the load table against the API when there is none), downloads last month's
// appraisal as XLSX and CSV and finds the page's figures in them; an official sees only their own rows; the
// province sees aggregates without a name. Each page is checked by axe; one check runs in English.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readXlsx } from '../src/lib/xlsx.js';
import { Api } from './connected-helpers.js';
import { expectAccessible, launch, screenshot, signedInPage } from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

const as = (username: string, lang: 'vi' | 'en' = 'vi'): Promise<Page> => signedInPage(browser, username, lang);

/** The province's figures and the first load of a page can take a few seconds on the test server. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const pad = (n: number) => String(n).padStart(2, '0');
function vnToday(now = new Date()): { y: number; m: number } {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  return { y: vn.getUTCFullYear(), m: vn.getUTCMonth() + 1 };
}
/** Last quarter in Vietnam local dates, as the page computes it. */
function lastQuarter(): { from: string; to: string } {
  const { y: year, m } = vnToday();
  let y = year;
  let q = Math.floor((m - 1) / 3) - 1;
  if (q < 0) {
    q = 3;
    y -= 1;
  }
  const last = new Date(Date.UTC(y, q * 3 + 3, 0)).getUTCDate();
  return { from: `${y}-${pad(q * 3 + 1)}-01`, to: `${y}-${pad(q * 3 + 3)}-${pad(last)}` };
}
function lastMonth(): string {
  const { y, m } = vnToday();
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}
/** "87,5" or "1.234" as the page writes them, back to a number. */
const vnNumber = (s: string) => Number(s.replace(/%/g, '').replace(/\./g, '').replace(',', '.').trim());

/** Opens the staff-capacity group of the menu, then one of its pages. */
async function openMenu(page: Page, item: string): Promise<void> {
  const entry = page.getByRole('menuitem', { name: item, exact: true });
  if (!(await entry.isVisible())) await page.getByRole('menuitem', { name: 'Năng lực cán bộ' }).click();
  await entry.click();
}

/** One CSV line's cells (quoted cells may hold commas and doubled quotes). */
function csvCells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out;
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

interface EvidenceRow {
  official: { id: number; fullName: string };
  field: string;
  dossiers: number;
  suggestedLevel: number;
  heldLevel: number;
  lastDecision: { level: number; suggestedLevel: number | null; decision: string } | null;
}

const rowOf = (page: Page, testId: string, key: string) => page.getByTestId(testId).locator(`tr[data-row-key="${key}"]`);

describe('evidence from work', () => {
  it('a leader sees suggested levels, confirms one, overrides another with a note, and opens the ledger behind a figure', async () => {
    const leader = await Api.login('lanhdao.vinhloc');
    const me = await leader.get<{ id: number }>('/api/auth/me');
    const period = lastQuarter();
    const q = `unit=20122&from=${period.from}&to=${period.to}`;
    const before = await leader.get<{ scope: string; rows: EvidenceRow[] }>(`/api/capacity/evidence?${q}`);
    expect(before.scope).toBe('unit');
    const others = before.rows.filter((r) => r.official.id !== me.id && r.dossiers > 0);
    expect(others.length).toBeGreaterThanOrEqual(2);

    const page = await as('lanhdao.vinhloc');
    await openMenu(page, 'Minh chứng năng lực');
    await heading(page, 'Minh chứng năng lực từ công việc');
    await page.getByText('Quý trước', { exact: true }).click();
    await page.waitForURL(/period=lastQuarter/);
    const table = page.getByTestId('evidence-table');
    await poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(before.rows.length);
    // Every row shows the suggested and the held level the API gives.
    for (const r of before.rows) {
      const tr = rowOf(page, 'evidence-table', `${r.official.id}|${r.field}`);
      expect(await tr.getByTestId('ev-suggested').getAttribute('data-level')).toBe(String(r.suggestedLevel));
      expect(await tr.getByTestId('ev-held').getAttribute('data-level')).toBe(String(r.heldLevel));
    }
    // The leader's own rows cannot be decided by themself.
    const own = before.rows.find((r) => r.official.id === me.id);
    if (own) expect(await rowOf(page, 'evidence-table', `${own.official.id}|${own.field}`).getByTestId('ev-confirm').count()).toBe(0);
    await screenshot(page, 'capacity-work-01-evidence');
    await expectAccessible(page, 'evidence, leader');

    // Confirm the first one's suggestion.
    const a = others[0]!;
    const rowA = rowOf(page, 'evidence-table', `${a.official.id}|${a.field}`);
    await rowA.getByTestId('ev-confirm').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận' }).click();
    await poll(() => rowA.getByTestId('ev-decision').textContent()).toContain(`Đã xác nhận mức ${a.suggestedLevel}`);

    // Override the second with another level: without a note it is refused, with a note it is kept beside the suggestion.
    const b = others[1]!;
    const other = b.suggestedLevel >= 2 ? b.suggestedLevel - 1 : b.suggestedLevel + 1;
    const rowB = rowOf(page, 'evidence-table', `${b.official.id}|${b.field}`);
    await rowB.getByTestId('ev-override').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mức năng lực quyết định').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${other} · ` }).click();
    await dialog.getByRole('button', { name: 'Lưu quyết định' }).click();
    await dialog.getByText('Hãy ghi lý do khi chọn mức khác mức gợi ý.').waitFor();
    await dialog.getByLabel('Lý do chọn mức khác').fill('Đã dự lớp bồi dưỡng quý trước; cần thêm thời gian theo dõi.');
    await screenshot(page, 'capacity-work-02-override');
    await expectAccessible(page, 'evidence, override dialog');
    await dialog.getByRole('button', { name: 'Lưu quyết định' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await poll(() => rowB.getByTestId('ev-decision').textContent()).toContain(`Quyết định mức ${other} (gợi ý ${b.suggestedLevel})`);
    // Both kept, as the API says.
    const after = await leader.get<{ rows: EvidenceRow[] }>(`/api/capacity/evidence?${q}`);
    const da = after.rows.find((r) => r.official.id === a.official.id && r.field === a.field)!.lastDecision!;
    const db = after.rows.find((r) => r.official.id === b.official.id && r.field === b.field)!.lastDecision!;
    expect(da).toMatchObject({ decision: 'confirmed', level: a.suggestedLevel, suggestedLevel: a.suggestedLevel });
    expect(db).toMatchObject({ decision: 'overridden', level: other, suggestedLevel: b.suggestedLevel });

    // The dossiers figure opens the ledger entries behind it; each code links to its dossier.
    const entries = await leader.get<{ total: number; items: Array<{ dossierCode: string }> }>(
      `/api/capacity/evidence/entries?${q}&official=${a.official.id}&field=${encodeURIComponent(a.field)}`,
    );
    await rowA.getByTestId('ev-dossiers').click();
    const drawer = page.getByTestId('entries-table');
    await poll(() => drawer.locator('tbody tr.ant-table-row').count()).toBe(Math.min(entries.items.length, 50));
    await poll(() => drawer.locator('caption').textContent()).toContain(new Intl.NumberFormat('vi-VN').format(entries.total));
    const code = entries.items[0]!.dossierCode;
    expect(await drawer.getByRole('link', { name: code, exact: true }).first().getAttribute('href')).toBe(`/can-bo/ho-so/${encodeURIComponent(code)}`);
    await screenshot(page, 'capacity-work-03-ledger');
    await expectAccessible(page, 'evidence, ledger');
    await page.context().close();
  });

  it('an official sees only their own evidence and no decision buttons', async () => {
    const official = await Api.login('chuyenvien.vinhloc');
    const me = await official.get<{ id: number; fullName: string }>('/api/auth/me');
    const period = lastQuarter();
    const mine = await official.get<{ rows: EvidenceRow[] }>(`/api/capacity/evidence?unit=20122&from=${period.from}&to=${period.to}`);
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(new Set(mine.rows.map((r) => r.official.id))).toEqual(new Set([me.id]));

    const page = await as('chuyenvien.vinhloc');
    await page.goto('/can-bo/nang-luc/minh-chung?period=lastQuarter');
    await heading(page, 'Minh chứng của tôi');
    const rows = page.getByTestId('evidence-table').locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(mine.rows.length);
    const names = await rows.evaluateAll((trs) => trs.map((tr) => (tr.querySelector('td')?.textContent ?? '').trim()));
    expect(new Set(names)).toEqual(new Set([me.fullName]));
    expect(await page.getByTestId('ev-confirm').count()).toBe(0);
    expect(await page.getByTestId('ev-override').count()).toBe(0);
    await screenshot(page, 'capacity-work-04-evidence-mine');
    await expectAccessible(page, 'evidence, official');
    await page.context().close();
  });

  it('the province sees aggregates per commune and field, without a name', async () => {
    const leader = await Api.login('lanhdao.vinhloc');
    const period = lastQuarter();
    const named = await leader.get<{ rows: EvidenceRow[] }>(`/api/capacity/evidence?unit=20122&from=${period.from}&to=${period.to}`);
    const viewer = await Api.login('theodoi.hue');
    const agg = await viewer.get<{ scope: string; rows: Array<{ unit: { name: string }; field: string }> }>(`/api/capacity/evidence?unit=46&from=${period.from}&to=${period.to}`);
    expect(agg.scope).toBe('aggregate');
    expect(agg.rows.length).toBeGreaterThan(0);

    const page = await as('theodoi.hue');
    await page.goto('/can-bo/nang-luc/minh-chung?unit=46&period=lastQuarter');
    await heading(page, 'Minh chứng năng lực (số liệu tổng hợp)');
    const table = page.getByTestId('evidence-aggregate');
    await poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(Math.min(agg.rows.length, 50));
    expect(await page.getByTestId('evidence-table').count()).toBe(0);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('Xã Vinh Lộc');
    for (const name of new Set(named.rows.map((r) => r.official.fullName))) expect(text).not.toContain(name);
    await screenshot(page, 'capacity-work-05-evidence-province');
    await expectAccessible(page, 'evidence, province');
    await page.context().close();
  });

  it('reads in English', async () => {
    const page = await as('lanhdao.vinhloc', 'en');
    await page.goto('/can-bo/nang-luc/minh-chung?period=lastQuarter');
    await heading(page, 'Evidence from work');
    await page.getByTestId('evidence-table').getByRole('columnheader', { name: 'Send-back rate' }).waitFor();
    await poll(() => page.getByTestId('evidence-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect((await page.getByTestId('ev-suggested').first().textContent()) ?? '').toMatch(/^Level \d · /);
    await expectAccessible(page, 'evidence, English');
    await page.context().close();
  });
});

interface WorkloadData {
  officials: Array<{ id: number; fullName: string; open: number; weighted: number; overdue: number }>;
  ageing: Array<{ bucket: string; count: number }>;
}
interface SuggestionsData {
  items: Array<{ dossier: { id: number; code: string }; from: { id: number; fullName: string }; to: { id: number; fullName: string } }>;
}

describe('workload', () => {
  it('shows the load per official as the API does, and a leader accepts a suggested reassignment that then appears in the history', async () => {
    const leader = await Api.login('lanhdao.vinhloc');
    let suggestions = await leader.get<SuggestionsData>('/api/capacity/workload/suggestions?unit=20122');
    if (!suggestions.items.length) {
      // The demo's civil-status work sits with one specialist: the leader records that the land specialist, Ms Lan,
      // is now able in civil status (as after a class), and MotCua suggests moving some of the work to her.
      const lan = await (await Api.login('chuyenviendd.vinhloc')).get<{ id: number }>('/api/auth/me');
      const period = lastQuarter();
      await leader.post('/api/capacity/evidence/decisions', { accountId: lan.id, field: 'Hộ tịch', from: period.from, to: period.to, level: 2, note: 'Đã hoàn thành lớp bồi dưỡng nghiệp vụ hộ tịch.' });
      suggestions = await leader.get<SuggestionsData>('/api/capacity/workload/suggestions?unit=20122');
    }
    const load = await leader.get<WorkloadData>('/api/capacity/workload?unit=20122');

    const page = await as('lanhdao.vinhloc');
    await openMenu(page, 'Khối lượng công việc');
    await heading(page, 'Khối lượng công việc');
    const officials = page.getByTestId('wl-officials').locator('tbody tr.ant-table-row');
    await poll(() => officials.count()).toBe(load.officials.length);
    for (const o of load.officials) {
      const cells = await page.getByTestId('wl-officials').locator(`tr[data-row-key="${o.id}"] td`).allTextContents();
      expect(cells[0]).toBe(o.fullName);
      expect(vnNumber(cells[2]!)).toBe(o.open);
      expect(vnNumber(cells[3]!)).toBeCloseTo(o.weighted, 1);
      expect(vnNumber(cells[4]!)).toBe(o.overdue);
    }
    const ageing = await page.getByTestId('wl-ageing').locator('tbody tr.ant-table-row').evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('td')[1]?.textContent ?? '').trim()));
    expect(ageing.map(vnNumber)).toEqual(load.ageing.map((a) => a.count));
    await page.getByTestId('wl-ageing-chart').waitFor();
    await screenshot(page, 'capacity-work-06-workload');
    await expectAccessible(page, 'workload');

    if (suggestions.items.length) {
      const s = suggestions.items[0]!;
      await poll(() => page.getByTestId('wl-suggestions').locator('tbody tr.ant-table-row').count()).toBe(suggestions.items.length);
      await page.getByRole('button', { name: `Đồng ý chuyển hồ sơ ${s.dossier.code}`, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Lý do (không bắt buộc)').fill('Cân đối khối lượng trong tuần.');
      await expectAccessible(page, 'workload, accept dialog');
      await dialog.getByRole('button', { name: 'Đồng ý chuyển', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      const history = page.getByTestId('wl-history').locator('tbody tr.ant-table-row');
      await poll(() => history.count()).toBeGreaterThan(0);
      const first = await history.first().locator('td').allTextContents();
      expect(first[1]).toBe(s.dossier.code);
      expect(first[2]).toBe(s.from.fullName);
      expect(first[3]).toBe(s.to.fullName);
      expect(first[4]).toContain('Đồng ý');
      expect(first[5]).toBe('Cân đối khối lượng trong tuần.');
      const decisions = await leader.get<{ items: Array<{ dossier: { code: string }; decision: string }> }>('/api/capacity/workload/decisions?unit=20122');
      expect(decisions.items[0]).toMatchObject({ dossier: { code: s.dossier.code }, decision: 'accepted' });
      // The dossier moved: the receiver's load grew by it.
      const now = await leader.get<WorkloadData>('/api/capacity/workload?unit=20122');
      expect(now.officials.find((o) => o.id === s.to.id)!.open).toBe(load.officials.find((o) => o.id === s.to.id)!.open + 1);
      await screenshot(page, 'capacity-work-07-workload-decided');
    }

    // "If he is away": marking the busiest official away, his dossiers are suggested to others or listed as uncovered.
    const busiest = [...load.officials].sort((x, y) => y.weighted - x.weighted)[0]!;
    const away = await leader.get<SuggestionsData & { uncovered: unknown[] }>(`/api/capacity/workload/suggestions?unit=20122&absent=${busiest.id}`);
    await page.getByLabel('Cán bộ vắng mặt').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: busiest.fullName }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(new RegExp(`absent=${busiest.id}`));
    await poll(() => page.getByTestId('wl-suggestions').locator('tbody tr.ant-table-row').count()).toBe(Math.min(away.items.length, 20));
    if (away.uncovered.length) await page.getByTestId('wl-uncovered').waitFor();
    await page.context().close();
  });
});

interface AppraisalRow {
  official: { id: number; fullName: string; username: string };
  assigned: number;
  late: number;
  sentBack: number;
  exempted: number;
  score: number | null;
}

describe('appraisal', () => {
  it('a leader downloads last month as XLSX and CSV with the page’s figures, drills to the late dossiers and excuses one', async () => {
    const month = lastMonth();
    const leader = await Api.login('lanhdao.vinhloc');
    const me = await leader.get<{ id: number }>('/api/auth/me');
    const data = await leader.get<{ rows: AppraisalRow[] }>(`/api/capacity/appraisal?unit=20122&month=${month}`);
    expect(data.rows.length).toBeGreaterThan(1);

    const page = await as('lanhdao.vinhloc');
    await openMenu(page, 'Đánh giá, xếp loại');
    await heading(page, 'Số liệu đánh giá, xếp loại');
    const table = page.getByTestId('appraisal-table');
    await poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(data.rows.length);
    expect(await page.getByLabel('Tháng').inputValue()).toBe(`${month.slice(5)}/${month.slice(0, 4)}`);
    const scored = data.rows.find((r) => r.score !== null && r.assigned > 0)!;
    const pageScore = vnNumber((await rowOf(page, 'appraisal-table', String(scored.official.id)).getByTestId('ap-score').textContent()) ?? '');
    expect(pageScore).toBeCloseTo(scored.score!, 1);
    await screenshot(page, 'capacity-work-08-appraisal');
    await expectAccessible(page, 'appraisal, leader');

    // XLSX: the same official, the same score.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ap-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`danh-gia-20122-${month}.xlsx`);
    const book = await readXlsx(await readFile((await xlsx.path())!));
    const sheet = Object.values(book)[0]!;
    const header = sheet.findIndex((r) => r.some((c) => String(c ?? '') === 'Họ và tên'));
    expect(header).toBeGreaterThan(-1);
    const nameCol = sheet[header]!.findIndex((h) => String(h) === 'Họ và tên');
    const scoreCol = sheet[header]!.findIndex((h) => String(h) === 'Điểm kết quả nhiệm vụ');
    const xlsxRow = sheet.slice(header + 1).find((r) => String(r[nameCol] ?? '') === scored.official.fullName)!;
    expect(Number(xlsxRow[scoreCol])).toBeCloseTo(pageScore, 1);
    expect(sheet.slice(header + 1).filter((r) => r[nameCol]).length).toBe(data.rows.length);

    // CSV: the month first, the account, the same score.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ap-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`danh-gia-20122-${month}.csv`);
    const lines = (await readFile((await csv.path())!, 'utf8')).replace(/^\ufeff/, '').trim().split(/\r\n/);
    const head = csvCells(lines[0]!);
    expect(head[0]).toBe('Tháng');
    const line = lines.slice(1).map(csvCells).find((c) => c[head.indexOf('Tài khoản')] === scored.official.username)!;
    expect(line[0]).toBe(month);
    expect(Number(line[head.indexOf('Điểm kết quả nhiệm vụ')])).toBeCloseTo(pageScore, 1);
    expect(lines.length - 1).toBe(data.rows.length);

    // The late steps of an official other than the leader open their dossiers; the leader excuses one.
    const late = data.rows.find((r) => r.late > 0 && r.official.id !== me.id);
    if (late) {
      const row = rowOf(page, 'appraisal-table', String(late.official.id));
      await row.getByTestId('ap-late').click();
      const list = page.getByTestId('appraisal-dossiers');
      await poll(() => list.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
      const dossiers = await leader.get<{ items: Array<{ code: string; late: number; exempted: boolean }> }>(
        `/api/capacity/appraisal/dossiers?unit=20122&month=${month}&official=${late.official.id}&flag=late`,
      );
      await poll(() => list.locator('tbody tr.ant-table-row').count()).toBe(Math.min(dossiers.items.length, 50));
      const target = dossiers.items.find((d) => !d.exempted)!;
      expect(await list.getByRole('link', { name: target.code, exact: true }).getAttribute('href')).toBe(`/can-bo/ho-so/${encodeURIComponent(target.code)}`);
      await expectAccessible(page, 'appraisal, late dossiers');
      await page.getByRole('button', { name: `Ghi nhận nguyên nhân khách quan cho hồ sơ ${target.code}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Ghi nhận nguyên nhân khách quan' });
      await dialog.getByLabel('Nguyên nhân khách quan').fill('Chờ văn bản trả lời của Sở Tư pháp.');
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await list.locator('tr', { hasText: target.code }).getByTestId('ap-exemption').waitFor();
      await screenshot(page, 'capacity-work-09-appraisal-exempted');
      const again = await leader.get<{ rows: AppraisalRow[] }>(`/api/capacity/appraisal?unit=20122&month=${month}`);
      expect(again.rows.find((r) => r.official.id === late.official.id)!.exempted).toBe(late.exempted + 1);
    }
    await page.context().close();
  });

  it('an official sees only their own appraisal row', async () => {
    const month = lastMonth();
    const official = await Api.login('chuyenvien.vinhloc');
    const me = await official.get<{ id: number; fullName: string }>('/api/auth/me');
    const data = await official.get<{ rows: AppraisalRow[] }>(`/api/capacity/appraisal?unit=20122&month=${month}`);
    expect(data.rows.map((r) => r.official.id)).toEqual([me.id]);

    const page = await as('chuyenvien.vinhloc');
    await page.goto('/can-bo/nang-luc/danh-gia');
    await heading(page, 'Số liệu đánh giá của tôi');
    const rows = page.getByTestId('appraisal-table').locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(1);
    expect(((await rows.first().locator('td').first().textContent()) ?? '').trim()).toBe(me.fullName);
    expect(await page.getByTestId('ap-exempt').count()).toBe(0);
    await screenshot(page, 'capacity-work-10-appraisal-mine');
    await expectAccessible(page, 'appraisal, official');
    await page.context().close();
  });
});
