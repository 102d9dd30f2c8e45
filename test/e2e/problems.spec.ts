/**
 * The problem ledger (问题台账): its open and overdue counts are DuckDB's from the facts; a chart's
 * bar filters it and the state is in the URL, kept on reload; the CSV and XLSX exports read back are
 * the rows shown; a public dataset is told it has no ledger; the map's problems layer draws; screenshots at
 * three sizes in both languages.
 */
import type { Page } from '@playwright/test';
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { countColours, duckdbRows, expect, openMap, test, type Rgb, LOCALES, speak, sizesFor } from './helpers.ts';
import { NOT_OVERDUE_COLOR, OVERDUE_COLOR, PROBLEM_LEVEL_COLORS } from '../../src/lib/map/problem-rings.ts';
import { AS_OF, DS, parseCsv } from './data-helpers.ts';

const OVERDUE_RING = OVERDUE_COLOR;
const NOT_OVERDUE_RING = NOT_OVERDUE_COLOR;

/** Opens the ledger (or waits for it) until its totals, charts and rows are in. */
async function openLedger(page: Page, target: string | null = `problems/?ds=${DS}`): Promise<void> {
  if (target !== null) await page.goto(target);
  await expect(page.getByTestId('problems-page')).toBeVisible({ timeout: 60_000 });
  await ledgerSettled(page);
}

async function ledgerSettled(page: Page): Promise<void> {
  await expect(page.getByTestId('ledger-totals')).not.toHaveAttribute('data-problems', '', { timeout: 60_000 });
  await expect(page.getByTestId('ledger-table')).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('problems-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/** The map's picture, its legend (whose swatches have the rings' colours) masked out. */
const mapShot = (page: Page) =>
  page.getByTestId('project-map').screenshot({ mask: [page.getByTestId('map-legend')], maskColor: '#ffffff' });

/** The ids and project names of the rows shown, in order. */
const rowsShown = (page: Page) =>
  page
    .getByTestId('ledger-row')
    .evaluateAll((trs) =>
      trs.map((tr) => ({ id: tr.getAttribute('data-id')!, project: tr.querySelector('th a')?.textContent?.trim() ?? '' }))
    );

test.describe('the problem ledger', () => {
  test('counts the open and overdue problems the facts count at the month, and at another month chosen', async ({
    page,
    foreignRequests
  }) => {
    const counts = async (month: string) =>
      (
        await duckdbRows(
          `SELECT CAST(sum(problems_raised - problems_settled) AS INTEGER) AS open, CAST(sum(problems_overdue) AS INTEGER) AS overdue
           FROM read_parquet('static/data/${DS}/facts/${month}.parquet') WHERE in_plan`
        )
      )[0];
    await openLedger(page);
    const totals = page.getByTestId('ledger-totals');
    const now = await counts(AS_OF);
    await expect(totals).toHaveAttribute('data-open', String(now.open));
    await expect(totals).toHaveAttribute('data-overdue', String(now.overdue));

    const months = (JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { facts_months: string[] }).facts_months;
    const earlier = months[Math.floor(months.length / 2)];
    await page.getByTestId('ledger-month').selectOption(earlier);
    await expect(page).toHaveURL(new RegExp(`[?&]month=${earlier}(&|$)`));
    await ledgerSettled(page);
    const then = await counts(earlier);
    await expect(totals).toHaveAttribute('data-open', String(then.open));
    await expect(totals).toHaveAttribute('data-overdue', String(then.overdue));
    expect(foreignRequests).toEqual([]);
  });

  test('a bar filters the ledger, the URL holds the state, a reload keeps it, and the CSV and XLSX are the rows shown', async ({
    page
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openLedger(page);
    const all = Number(await page.getByTestId('ledger-totals').getAttribute('data-problems'));
    await page.getByTestId('ledger-chart-category').locator('g[data-key="funding"]').click();
    await expect(page).toHaveURL(/[?&]pcat=funding(&|$)/);
    await ledgerSettled(page);
    await page.getByTestId('ledger-due-overdue').check();
    await expect(page).toHaveURL(/[?&]due=overdue(&|$)/);
    await page.getByTestId('ledger-sort-age').click();
    await expect(page).toHaveURL(/[?&]psort=-age(&|$)/);
    await ledgerSettled(page);

    const shown = await rowsShown(page);
    const filtered = Number(await page.getByTestId('ledger-totals').getAttribute('data-problems'));
    expect(shown.length).toBe(filtered);
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    const rows = page.getByTestId('ledger-row');
    await expect(rows.locator('td:nth-child(3)').filter({ hasNotText: '资金' })).toHaveCount(0);
    await expect(rows.and(page.locator('tr.overdue'))).toHaveCount(filtered);
    await expect(page.getByTestId('ledger-flag').filter({ hasNotText: '逾期' })).toHaveCount(0);
    // The other charts count the funding problems overdue only; the category chart keeps every bar.
    await expect(page.getByTestId('ledger-chart-category').locator('g[data-key="funding"]')).toHaveAttribute('aria-pressed', 'true');
    const byStatus = await page
      .getByTestId('ledger-chart-status')
      .locator('g[data-key]')
      .evaluateAll((gs) => gs.reduce((s, g) => s + Number(g.getAttribute('data-value')), 0));
    expect(byStatus).toBe(filtered);

    const url = page.url();
    await page.reload();
    await openLedger(page, null);
    expect(page.url()).toBe(url);
    await expect(page.getByTestId('ledger-due-overdue')).toBeChecked();
    await expect(page.getByTestId('ledger-chart-category').locator('g[data-key="funding"]')).toHaveAttribute('aria-pressed', 'true');
    expect(await rowsShown(page)).toEqual(shown);

    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('data-export-csv').click()]);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...body] = parseCsv(text.slice(1)).filter((r) => r.length > 1);
    expect(header.slice(0, 4)).toEqual(['编号', '项目', '区县', '类别']);
    expect(body.map((r) => ({ id: r[0], project: r[1] }))).toEqual(shown);
    expect(body.every((r) => r[3] === '资金' && r[header.indexOf('期限提示')] === '逾期')).toBe(true);

    const [xlsxFile] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('data-export-xlsx').click()
    ]);
    const wb = XLSX.read(readFileSync(await xlsxFile.path()), { type: 'buffer' });
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true });
    expect(sheet.slice(1).map((r) => ({ id: r[0], project: r[1] }))).toEqual(shown);
    const about = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[1]], { header: 1 }).flat().join(' ');
    expect(about).toContain('问题类别：资金');
    expect(about).toContain('期限：已逾期');
    await page.screenshot({ path: 'test-results/screens/problems-filtered.png' });
  });

  test('a project in the ledger opens its card on the map', async ({ page }) => {
    await openLedger(page, `problems/?ds=${DS}&due=overdue`);
    const first = page.getByTestId('ledger-row').first();
    const name = (await first.locator('th a').textContent())!.trim();
    await first.locator('th a').click();
    await expect(page).toHaveURL(/[?&]project=/);
    await expect(page.getByTestId('project-card')).toContainText(name, { timeout: 60_000 });
    await expect(page.getByTestId('card-problems')).toContainText('已逾期');
  });

  test('a public dataset says it has no problem ledger', async ({ page }) => {
    await page.route('**/data/*/meta.json', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), public: true } });
    });
    await page.goto(`problems/?ds=${DS}`);
    await expect(page.getByTestId('problems-public')).toContainText('公开版数据集不含问题表');
    await expect(page.getByTestId('ledger-table')).toHaveCount(0);
  });

  test("the ledger's map rings the projects whose open problems it lists: a bar or a deadline filter changes both", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openLedger(page, `problems/?ds=${DS}&month=${AS_OF}`);
    const map = page.getByTestId('ledger-map');
    const [facts] = await duckdbRows(
      `SELECT CAST(sum(problems_raised - problems_settled) AS INTEGER) AS open
       FROM read_parquet('static/data/${DS}/facts/${AS_OF}.parquet') WHERE in_plan AND lon IS NOT NULL AND lat IS NOT NULL`
    );
    // Every project of this dataset is placed: the rings hold every open problem the ledger counts.
    await expect(map).toHaveAttribute('data-ringed-open', String(facts.open), { timeout: 60_000 });
    await expect(map).not.toHaveAttribute('data-rendered-points', '0');
    const ringedAll = Number(await map.getAttribute('data-ringed-projects'));

    const shown = async () => {
      await ledgerSettled(page);
      const open = await page.getByTestId('ledger-totals').getAttribute('data-open');
      await expect(map).toHaveAttribute('data-ringed-open', open!, { timeout: 60_000 });
      return Number(await map.getAttribute('data-ringed-projects'));
    };
    await page.getByTestId('ledger-chart-category').locator('g[data-key="funding"]').click();
    await expect(page).toHaveURL(/[?&]pcat=funding(&|$)/);
    const funding = await shown();
    expect(funding).toBeGreaterThan(0);
    expect(funding).toBeLessThan(ringedAll);
    await page.getByTestId('ledger-due-overdue').check();
    await expect(page).toHaveURL(/[?&]due=overdue(&|$)/);
    expect(await shown()).toBeLessThanOrEqual(funding);
    await page.screenshot({ path: 'test-results/screens/problems-map-filtered.png' });
    // Cleared, the rings hold every open problem again.
    await page.getByTestId('ledger-due-all').check();
    await page.getByTestId('ledger-chart-category').locator('g[data-key="funding"]').click();
    await expect(map).toHaveAttribute('data-ringed-open', String(facts.open), { timeout: 60_000 });
  });

  test("the map's problems layer draws rings on the projects with open problems", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openMap(page, `./?ds=${DS}`);
    const before = await countColours(page, await mapShot(page), [OVERDUE_RING, NOT_OVERDUE_RING], 20);
    const byLevel = async () =>
      (await countColours(page, await mapShot(page), PROBLEM_LEVEL_COLORS as Rgb[], 20)).reduce((a, b) => a + b, 0);
    // Pink preparatory dots come near the lowest levels' colours: what counts is what the rings add.
    const levelsBefore = await byLevel();
    await page.getByTestId('problems-layer').selectOption('overdue');
    await expect(page).toHaveURL(/[?&]problems=overdue(&|$)/);
    await expect(page.getByTestId('legend-problems')).toBeVisible();
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    // Both kinds of ring: projects with overdue problems and projects with none overdue.
    const added = async () => {
      const after = await countColours(page, await mapShot(page), [OVERDUE_RING, NOT_OVERDUE_RING], 20);
      return Math.min(...after.map((n, i) => n - before[i]));
    };
    await expect.poll(added, { timeout: 30_000 }).toBeGreaterThan(50);
    await page.screenshot({ path: 'test-results/screens/problems-map-overdue.png' });
    await page.getByTestId('problems-layer').selectOption('level');
    await expect(page).toHaveURL(/[?&]problems=level(&|$)/);
    await openMap(page, page.url());
    await expect(page.getByTestId('problems-layer')).toHaveValue('level');
    await expect.poll(byLevel, { timeout: 30_000 }).toBeGreaterThan(levelsBefore + 200);
    await page.screenshot({ path: 'test-results/screens/problems-map-level.png' });
  });

  for (const locale of LOCALES) {
    test(`looks right at phone, laptop and desktop sizes (${locale})`, async ({ page }) => {
      await speak(page, locale);
      for (const { width, height } of sizesFor(locale)) {
        await page.setViewportSize({ width, height });
        await openLedger(page, `problems/?ds=${DS}&month=${AS_OF}`);
        await expect(page.getByTestId('ledger-totals')).toContainText(locale === 'en' ? 'open' : '未解决');
        await page.screenshot({ path: `test-results/screens/problems-${locale}-${width}.png` });
      }
    });
  }
});
