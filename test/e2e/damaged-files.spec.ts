/**
 * Damaged data files, each built by the test from the demo dataset: what the page says and does
 * instead of hanging, or refusing more than it must.
 */
import { expect, kpiProjectCount, openMap, test } from './helpers.ts';
import { DATASET, fulfilRanged, screenshotsAtSizes, serveRewrittenFacts, truncated } from './damaged-data.ts';

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
