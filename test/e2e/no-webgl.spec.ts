/**
 * A browser without WebGL2 (some domestic 信创 browsers and GPUs): the map says why it cannot be
 * drawn, and every other view of the page still works.
 */
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/bench/browser.ts';
import { expect, test } from './helpers.ts';

test.use({ launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'] } });

test('without WebGL2 the map says it cannot be drawn, and the figures, charts and table still work', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('map-failure')).toContainText('WebGL2');
  await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(/^[1-9][\d,]*$/);
  await expect(page.getByTestId('chart-phase').locator('[data-key="new"]')).not.toHaveAttribute('data-value', '0');
  await page.getByTestId('view-table').click();
  await expect(page.getByTestId('project-table').locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/map-no-webgl.png' });
});
