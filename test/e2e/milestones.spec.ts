/**
 * The milestones page (里程碑) on the Liuzhou 2022 plan: the Gantt chart has a bar for every
 * selected project (counted in SQL from the month's facts file), scrolls with the same few labels
 * in the page, moves by keyboard and opens a project's card; a filter applied from a group heading
 * changes the chart and what changed this month (counted in SQL against the month before); a
 * change's link opens its project; screenshots from a phone to a wall screen in both languages.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parseCsv } from './data-helpers.ts';
import { duckdbRows, expect, test, LOCALES, speak, pageScreens } from './helpers.ts';

const DS = 'liuzhou-2022';
const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string };
const MONTH = META.as_of.slice(0, 7);
const BEFORE = `${MONTH.slice(0, 5)}${String(Number(MONTH.slice(5)) - 1).padStart(2, '0')}`;
const facts = (m: string) => `read_parquet('static/data/${DS}/facts/${m}.parquet')`;

async function openMilestones(page: Page, query = ''): Promise<void> {
  await page.goto(`milestones/?ds=${DS}${query}`);
  await expect(page.getByTestId('milestones-page')).toBeVisible({ timeout: 60_000 });
  await settled(page);
}

/** The chart, the changes and every other view have their data, and every row in view its project. */
async function settled(page: Page): Promise<void> {
  const gantt = page.getByTestId('milestone-gantt');
  await expect(gantt).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('what-changed')).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('milestones-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  await expect(gantt.getByTestId('gantt-row-pending')).toHaveCount(0);
  await expect(gantt).not.toHaveAttribute('data-drawn', '0');
}

async function sqlCount(where: string): Promise<number> {
  const [{ n }] = await duckdbRows(`SELECT count(*)::INTEGER AS n FROM ${facts(MONTH)} WHERE in_plan AND ${where}`);
  return Number(n);
}

/** Changes of the month against the month before, for the projects of `where` (over `c`, the month's facts), by the facts files. */
async function sqlChanges(where: string): Promise<Record<string, number>> {
  const [row] = await duckdbRows(`SELECT
      count(*) FILTER (WHERE coalesce(c.started, FALSE) AND NOT coalesce(p.started, FALSE))::INTEGER AS started,
      count(*) FILTER (WHERE coalesce(c.finished, FALSE) AND NOT coalesce(p.finished, FALSE))::INTEGER AS completed,
      count(*) FILTER (WHERE c.rag = 'red' AND p.rag IS DISTINCT FROM 'red')::INTEGER AS turned_red,
      count(*) FILTER (WHERE p.rag = 'red' AND c.rag <> 'red')::INTEGER AS recovered
    FROM ${facts(MONTH)} c LEFT JOIN ${facts(BEFORE)} p USING (id) WHERE c.in_plan AND ${where}`);
  const end = `last_day(DATE '${MONTH}-01')`;
  const [problems] = await duckdbRows(`SELECT
      count(*) FILTER (WHERE raised_on > DATE '${MONTH}-01' - 1 AND raised_on <= ${end})::INTEGER AS problem_opened
    FROM read_parquet('static/data/${DS}/problems.parquet') q JOIN ${facts(MONTH)} c ON c.id = q.project_id
    WHERE c.in_plan AND ${where}`);
  return { ...(row as Record<string, number>), ...(problems as Record<string, number>) };
}

async function shownCount(page: Page, kind: string): Promise<number> {
  return Number(await page.getByTestId(`changes-${kind}`).getAttribute('data-count'));
}

test.describe('the milestones page', () => {
  test('draws a bar for every selected project and scrolls with the same few labels in the page', async ({ page, foreignRequests }) => {
    await openMilestones(page);
    const gantt = page.getByTestId('milestone-gantt');
    const all = await sqlCount('TRUE');
    expect(all).toBeGreaterThan(900);
    await expect(gantt).toHaveAttribute('data-count', String(all));
    // One heading per district, in the chart's groups.
    const [{ districts }] = await duckdbRows(
      `SELECT count(DISTINCT district_code)::INTEGER AS districts FROM ${facts(MONTH)} WHERE in_plan`
    );

    const scroller = gantt.locator('.scroller');
    const labels = () => gantt.locator('[data-testid="gantt-row"], [data-testid="gantt-group"]').count();
    const height = await scroller.evaluate((el) => el.scrollHeight);
    expect(height).toBe((all + Number(districts)) * 26);
    const counts: number[] = [];
    const windows = new Set<string | null>();
    let firstRow = 0;
    for (const share of [0.25, 0.5, 0.75]) {
      await scroller.evaluate((el, s) => (el.scrollTop = (el.scrollHeight - el.clientHeight) * s), share);
      // Polled until the view has handled this scroll (its event comes a frame later): the row
      // before it is a quarter of the chart back.
      await expect.poll(async () => Number(await gantt.getAttribute('data-first-row'))).toBeGreaterThan(firstRow + 100);
      firstRow = Number(await gantt.getAttribute('data-first-row'));
      await settled(page);
      counts.push(await labels());
      windows.add(await gantt.getAttribute('data-window'));
    }
    // The same number of labelled rows wherever the view is (those in view and a view's height either side), a few dozen of the thousand.
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeLessThan(150);
    // Rows came in more than one window of the order.
    expect(windows.size).toBeGreaterThan(1);
    // The rows shown are the order's: worst slip first within a group.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await settled(page);
    const first = gantt.getByTestId('gantt-row').first();
    const [worst] = await duckdbRows(
      `SELECT f.id FROM ${facts(MONTH)} f JOIN read_parquet('static/data/${DS}/projects.parquet') d USING (id) WHERE f.in_plan
       ORDER BY f.district_code, greatest(
         CASE WHEN f.started THEN d.actual_start - d.planned_start WHEN d.planned_start < DATE '${META.as_of}' THEN DATE '${META.as_of}' - d.planned_start END,
         CASE WHEN f.finished THEN d.actual_completion - d.planned_completion WHEN d.planned_completion < DATE '${META.as_of}' THEN DATE '${META.as_of}' - d.planned_completion END) DESC NULLS LAST, f.id LIMIT 1`
    );
    // Polled: the rows of the window scrolled back to are drawn a moment after the scroll.
    await expect(first).toHaveAttribute('data-id', String(worst.id));
    expect(foreignRequests).toEqual([]);
  });

  test('moves between rows with the keyboard and opens a project’s card with Enter', async ({ page }) => {
    await openMilestones(page);
    const gantt = page.getByTestId('milestone-gantt');
    const rows = gantt.getByTestId('gantt-row');
    await rows.first().focus();
    const firstRow = Number(await rows.first().getAttribute('data-row'));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => Number((document.activeElement as HTMLElement).dataset.row))).toBe(firstRow + 1);
    // End goes to the last row, scrolling the chart there.
    await page.keyboard.press('End');
    const total = Number(await gantt.getAttribute('data-count'));
    // The last row: every project and a heading per district (counted in SQL) above it.
    const [{ districts }] = await duckdbRows(
      `SELECT count(DISTINCT district_code)::INTEGER AS districts FROM ${facts(MONTH)} WHERE in_plan`
    );
    await expect
      .poll(() => page.evaluate(() => Number((document.activeElement as HTMLElement).dataset.row)))
      .toBe(total + Number(districts) - 1);
    await settled(page);
    const id = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`[?&]project=${id}`));
    await expect(page.getByTestId('project-card')).toBeVisible({ timeout: 30_000 });
  });

  test('a group heading filters the chart and what changed this month, as counted in SQL against the month before', async ({ page }) => {
    await openMilestones(page, '&group=sector');
    const gantt = page.getByTestId('milestone-gantt');
    await expect(gantt.getByTestId('gantt-group').first()).toHaveAttribute('data-key', 'ecology');
    await page.getByTestId('milestones-group-district').click();
    await expect(page).not.toHaveURL(/group=sector/);
    await settled(page);
    for (const kind of ['started', 'completed', 'turned_red', 'recovered', 'problem_opened']) {
      expect(await shownCount(page, kind), kind).toBe((await sqlChanges('TRUE'))[kind]);
    }
    // The first group's heading (districts in code order) keeps that district only.
    const heading = gantt.getByTestId('gantt-group').first();
    const district = (await heading.getAttribute('data-key'))!;
    await heading.click();
    await expect(page).toHaveURL(new RegExp(`district=${district}`));
    const selected = await sqlCount(`district_code = '${district}'`);
    await expect(gantt).toHaveAttribute('data-count', String(selected));
    await settled(page);
    await expect(gantt.getByTestId('gantt-group')).toHaveCount(1);
    await expect(gantt.getByTestId('gantt-group')).toHaveAttribute('aria-pressed', 'true');
    const expected = await sqlChanges(`c.district_code = '${district}'`);
    for (const kind of Object.keys(expected)) expect(await shownCount(page, kind), kind).toBe(expected[kind]);
    expect(Object.values(expected).some((n) => n > 0)).toBe(true);

    // A change's link opens its project on the map.
    const item = page.getByTestId('change-item').first();
    const id = await item.getAttribute('data-id');
    const name = (await item.textContent())!.trim();
    await item.click();
    await expect(page).toHaveURL(new RegExp(`[?&]project=${id}`));
    await expect(page.getByTestId('project-card')).toContainText(name, { timeout: 30_000 });
  });

  test('exports the chart’s rows in its order as CSV', async ({ page }) => {
    await openMilestones(page);
    const gantt = page.getByTestId('milestone-gantt');
    const shown = await gantt.getByTestId('gantt-row').evaluateAll((rows) => rows.slice(0, 5).map((r) => r.getAttribute('data-id')));
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('milestones-export').getByTestId('data-export-csv').click()
    ]);
    const rows = parseCsv(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, ''));
    const header = rows[0];
    expect(header.slice(0, 2)).toEqual(['项目编号', '项目名称']);
    expect(header).toContain('拖期天数');
    const data = rows.slice(1).filter((r) => r.length > 1 && r[0] !== '' && /^[A-Za-z0-9-]+$/.test(r[0]));
    expect(data.length).toBe(Number(await gantt.getAttribute('data-count')));
    expect(data.slice(0, 5).map((r) => r[0])).toEqual(shown);
  });

  for (const { width, height, locale } of pageScreens()) {
    test(`at ${width}×${height} in ${locale}: the chart and the changes are shown`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await speak(page, locale);
      await openMilestones(page);
      await expect(page.getByTestId('gantt-legend')).toContainText(locale === 'en' ? 'Badly slipped' : '严重拖期');
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
      expect(sideways).toBe(false);
      await page.screenshot({ path: `test-results/screens/milestones-${width}x${height}-${locale}.png` });
      await page
        .getByTestId('what-changed')
        .screenshot({ path: `test-results/screens/milestones-${width}x${height}-${locale}-changes.png` });
    });
  }

  for (const locale of LOCALES) {
    test(`the wall variant at 3840×2160 in ${locale}`, async ({ page }) => {
      await page.setViewportSize({ width: 3840, height: 2160 });
      await speak(page, locale);
      await openMilestones(page, '&screen=wall');
      const size = await page
        .getByTestId('gantt-row')
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(24);
      await page.screenshot({ path: `test-results/screens/milestones-wall-3840x2160-${locale}.png` });
    });
  }
});
