/**
 * Damaged data files, each built by the test from the demo dataset: what the page says and does
 * instead of hanging, or refusing more than it must.
 */
import { expect, kpiProjectCount, openMap, test } from './helpers.ts';
import { readFileSync } from 'node:fs';
import { DATA_DIR, DATASET, fulfilRanged, screenshotsAtSizes, serveRewrittenFacts, truncated } from './damaged-data.ts';

test.describe('a facts file of the wrong column types', () => {
  test('is refused on the error screen naming the file, the column, the type expected and the type found', async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await serveRewrittenFacts(page, 'SELECT * REPLACE (CAST(total_investment AS VARCHAR) AS total_investment) FROM src');
    await page.goto('./');
    const error = page.getByTestId('load-error');
    await expect(error).toContainText(/facts\/\d{4}-\d{2}\.parquet 的列 total_investment 类型不对：应为 DECIMAL\(18,2\)，实际为 VARCHAR/);
    await expect(error).toContainText('应为：total_investment DECIMAL(18,2)');
    await expect(error).not.toContainText(/at \w+ \(|\.js:\d+/);
    expect(problems).toEqual([]);
    await screenshotsAtSizes(page, 'error-column-type');
    await page.getByTestId('language-switch').click();
    await expect(error).toContainText('Column total_investment of');
    await expect(error).toContainText('has the wrong type: DECIMAL(18,2) expected, VARCHAR found');
    await page.screenshot({ path: 'test-results/screens/error-column-type-en.png' });
  });

  test('of types that can stand for the schema’s (wider integers, other decimal scales) loads as the real one does', async ({ page }) => {
    await openMap(page, './?test');
    const projects = await kpiProjectCount(page);
    const total = await page.getByTestId('kpi-total').locator('.value').textContent();
    await page.unrouteAll();
    const widened = new URL(page.url());
    await serveRewrittenFacts(
      page,
      `SELECT * REPLACE (CAST(row_key AS BIGINT) AS row_key, CAST(approvals_done AS BIGINT) AS approvals_done,
         CAST(total_investment AS DECIMAL(38,4)) AS total_investment, CAST(lon AS FLOAT) AS lon, CAST(lat AS FLOAT) AS lat) FROM src`
    );
    await openMap(page, widened.href);
    await expect.poll(() => kpiProjectCount(page)).toBe(projects);
    await expect(page.getByTestId('kpi-total').locator('.value')).toHaveText(total!);
  });
});

test('a truncated points.arrow leaves the first paint out with a console warning, and the map is drawn from the month’s facts', async ({
  page
}) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const body = truncated('points.arrow');
  await page.route(`**/data/${DATASET}/points.arrow`, (route) => fulfilRanged(route, body, undefined, 'application/vnd.apache.arrow.file'));
  await openMap(page, './?test');
  await expect(page.getByTestId('load-error')).toHaveCount(0);
  expect(await kpiProjectCount(page)).toBeGreaterThan(900);
  expect(warnings).toContainEqual(expect.stringMatching(/points\.arrow is not a valid Arrow IPC file/));
});

test('a project card whose projects.parquet is truncated names the file, and still shows what the month’s facts hold', async ({ page }) => {
  const body = truncated('projects.parquet');
  await page.route(`**/data/${DATASET}/projects.parquet`, (route) => fulfilRanged(route, body));
  await openMap(page, './?test');
  await page.getByTestId('view-table').click();
  const name = await page.getByTestId('project-table').locator('tbody th button').first().textContent();
  await page.getByTestId('project-table').locator('tbody th button').first().click();
  const card = page.getByTestId('project-card');
  await expect(card.getByTestId('card-unreadable')).toContainText(
    `data/${DATASET}/projects.parquet 不完整或不是有效的 Parquet 文件：文件末尾没有 Parquet 的结束标记（PAR1）`
  );
  await expect(card.locator('h2')).toHaveText(name!.trim());
  await expect(card).not.toContainText('找不到项目');
  await screenshotsAtSizes(page, 'card-unreadable');
  await page.getByTestId('language-switch').click();
  await expect(card.getByTestId('card-unreadable')).toContainText(`data/${DATASET}/projects.parquet is incomplete or not a Parquet file`);
  await page.screenshot({ path: 'test-results/screens/card-unreadable-en.png' });
});

test.describe('a month whose facts file is missing', () => {
  const meta = JSON.parse(readFileSync(`${DATA_DIR}/meta.json`, 'utf8'));
  const months: string[] = meta.facts_months;
  const missing = months[0];
  const asOf = months.at(-1)!;
  const notice = `${missing} 的项目数据无法读取，仍显示 ${asOf} 的数据。找不到数据文件 data/${DATASET}/facts/${missing}.parquet（HTTP 404）。`;

  test.beforeEach(async ({ page }) => {
    await page.route(`**/data/${DATASET}/facts/${missing}.parquet`, (route) => route.fulfill({ status: 404, body: 'not found' }));
  });

  test('chosen in the month menu, leaves the page on the month it showed and says the other is unavailable', async ({ page }) => {
    await openMap(page, './?test');
    const projects = await kpiProjectCount(page);
    await page.getByTestId('filter-month').selectOption(missing);
    await expect(page.getByTestId('url-notices')).toContainText(notice);
    await expect(page.getByTestId('filter-month')).toHaveValue(asOf);
    await expect(page.getByTestId('filter-month').locator(`option[value="${missing}"]`)).toContainText('无法读取');
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false');
    expect(await kpiProjectCount(page)).toBe(projects);
    await expect(page.getByTestId('load-error')).toHaveCount(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('month')).toBeNull();
    await screenshotsAtSizes(page, 'month-unreadable', () => expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false'));
    await page.getByTestId('language-switch').click();
    await expect(page.getByTestId('url-notices')).toContainText(
      `The data for ${missing} could not be read; still showing ${asOf}. Data file data/${DATASET}/facts/${missing}.parquet was not found (HTTP 404).`
    );
    await page.screenshot({ path: 'test-results/screens/month-unreadable-en.png' });
  });

  test('named in a link, opens the as-of month with the notice', async ({ page }) => {
    await page.goto(`./?test&month=${missing}`);
    await expect(page.getByTestId('url-notices')).toContainText(notice);
    await expect(page.getByTestId('filter-month')).toHaveValue(asOf);
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    expect(await kpiProjectCount(page)).toBeGreaterThan(900);
    await expect.poll(() => new URL(page.url()).searchParams.get('month')).toBeNull();
  });
});
