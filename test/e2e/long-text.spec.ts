/**
 * A project name of 10,000 characters (a spreadsheet cell pasted whole): clipped to a few lines in
 * the card, the table and the map's tooltip, with the full text in the title and, in the card,
 * behind a button reachable by keyboard.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { expect, openMap, test } from './helpers.ts';
import { DATA_DIR, screenshotsAtSizes, serveRewrittenFacts } from './damaged-data.ts';

const meta = JSON.parse(readFileSync(`${DATA_DIR}/meta.json`, 'utf8'));
const asOf: string = meta.facts_months.at(-1);

/** The project with the largest total investment at the as-of month: first in the table sorted by it. */
async function largestProject(): Promise<{ id: string; lon: number; lat: number }> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const rows = await conn.runAndReadAll(
      `SELECT id, lon, lat FROM read_parquet('${DATA_DIR}/facts/${asOf}.parquet') WHERE in_plan ORDER BY total_investment DESC, id LIMIT 1`
    );
    return rows.getRowObjectsJS()[0] as { id: string; lon: number; lat: number };
  } finally {
    conn.closeSync();
  }
}

// Chinese text, then a run of Latin letters with no space to break at.
const LONG_NAME = ('柳州市超长名称重大项目建设工程（一期）' + 'A'.repeat(40)).repeat(200).slice(0, 10_000);

test('a 10,000-character project name is clipped in the card, the table and the tooltip, its full text one press away', async ({
  page
}) => {
  const project = await largestProject();
  await serveRewrittenFacts(page, `SELECT * REPLACE (CASE WHEN id = '${project.id}' THEN '${LONG_NAME}' ELSE name END AS name) FROM src`);
  await openMap(page, `./?test&view=table&sort=-total_investment`);
  const cell = page.getByTestId('project-table').locator('tbody th button').first();
  await expect(cell).toHaveAttribute('title', LONG_NAME);
  expect((await cell.boundingBox())!.height).toBeLessThan(60);

  await cell.click();
  const title = page.getByTestId('project-card').locator('h2');
  await expect(title).toHaveAttribute('title', LONG_NAME);
  expect((await title.boundingBox())!.height).toBeLessThan(100);
  const more = page.getByTestId('project-card').locator('h2 + [data-testid="text-more"]');
  await expect(more).toHaveText('展开全文');
  await expect(page.getByTestId('project-card').getByText('总投资')).toBeInViewport();
  await screenshotsAtSizes(page, 'card-long-name');

  await page.setViewportSize({ width: 1366, height: 768 });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(more).toHaveText('收起');
  expect((await title.boundingBox())!.height).toBeGreaterThan(1000);
  await page.keyboard.press('Enter');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  expect((await title.boundingBox())!.height).toBeLessThan(100);
  await page.getByTestId('language-switch').click();
  await expect(more).toHaveText('Show all');
  await page.screenshot({ path: 'test-results/screens/card-long-name-en.png' });
});

test('the map’s tooltip of a project with a 10,000-character name stays a few lines high', async ({ page }) => {
  const project = await largestProject();
  await serveRewrittenFacts(page, `SELECT * REPLACE (CASE WHEN id = '${project.id}' THEN '${LONG_NAME}' ELSE name END AS name) FROM src`);
  await openMap(page, `./?test&map=${project.lon.toFixed(5)},${project.lat.toFixed(5)},17`);
  const map = page.getByTestId('project-map');
  const box = (await map.boundingBox())!;
  const tooltip = page.getByTestId('map-tooltip');
  // The project is at the map's centre; a move there shows its tooltip once its name is in.
  await expect(async () => {
    await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2 + 1);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(tooltip.locator('strong')).toContainText('柳州市超长名称', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  expect((await tooltip.boundingBox())!.height).toBeLessThan(140);
  await page.screenshot({ path: 'test-results/screens/tooltip-long-name.png' });
});
