/**
 * Projects the map cannot show: the test finishes its own copy of the demo dataset (the data
 * pipeline's own step) with 8 projects without coordinates and 4 placed outside every district,
 * and serves it in place of the real one.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { finishDataset } from '../../scripts/lib/finish-dataset.ts';
import { PHASE_COLORS } from '../../src/lib/charts/colors.ts';
import type { DatasetMeta } from '../../src/lib/schema.ts';
import { DATA_DIR, DATASET, fulfilRanged, screenshotsAtSizes } from './damaged-data.ts';
import { countColours, expect, openMap, test } from './helpers.ts';

let dir: string;

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cm-e2e-unplaced-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as DatasetMeta;
  const projects = path.join(dir, 'projects.parquet');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    // Twelve projects in the plan at the as-of month: the first eight lose their coordinates, the
    // next four are moved three degrees east, out of the city.
    await conn.run(`CREATE TABLE chosen AS SELECT id, row_number() OVER (ORDER BY id) AS k FROM read_parquet('${projects}')
      WHERE exited_on IS NULL OR exited_on > DATE '${meta.as_of}' ORDER BY id LIMIT 12`);
    await conn.run(`COPY (SELECT p.* REPLACE (
        CASE WHEN c.k <= 8 THEN NULL WHEN c.k <= 12 THEN p.lon + 3 ELSE p.lon END AS lon,
        CASE WHEN c.k <= 8 THEN NULL ELSE p.lat END AS lat)
      FROM read_parquet('${projects}') p LEFT JOIN chosen c USING (id) ORDER BY p.id) TO '${dir}/moved.parquet' (FORMAT parquet)`);
    cpSync(path.join(dir, 'moved.parquet'), projects);
    rmSync(path.join(dir, 'moved.parquet'));
    await finishDataset(conn, dir, meta);
  } finally {
    conn.closeSync();
  }
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TYPES: Record<string, string> = {
  json: 'application/json',
  geojson: 'application/geo+json',
  arrow: 'application/vnd.apache.arrow.file'
};

/** Serves the dataset's files from the test's own copy. */
async function serveCopy(page: Page): Promise<void> {
  await page.route(`**/data/${DATASET}/**`, (route) => {
    const file = path.join(dir, decodeURIComponent(new URL(route.request().url()).pathname.split(`/data/${DATASET}/`)[1]));
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return fulfilRanged(route, readFileSync(file), undefined, TYPES[file.split('.').pop()!] ?? 'application/vnd.apache.parquet');
  });
}

const NOTICE = '12 个项目未在地图上显示：8 个无坐标，4 个坐标在辖区外';

test('the map says how many projects it cannot show and why, and lists them in the table with their location', async ({ page }) => {
  await serveCopy(page);
  await openMap(page, './?test');
  const notice = page.getByTestId('unplaced-notice');
  await expect(notice).toHaveText(new RegExp(`^${NOTICE}\\s*列出这些项目$`));
  // The map is drawn around the notice: the projects on it are there.
  const shot = await page.getByTestId('project-map').screenshot();
  const [blue] = await countColours(page, shot, [PHASE_COLORS.continuing], 12);
  expect(blue, 'pixels of continuing projects').toBeGreaterThan(200);
  await screenshotsAtSizes(page, 'unplaced-notice', () => expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false'));

  await page.setViewportSize({ width: 1366, height: 768 });
  await notice.click();
  const table = page.getByTestId('project-table');
  await expect(table.locator('caption')).toContainText('12');
  await expect(table.locator('tbody tr')).toHaveCount(12);
  await expect(table.getByTestId('table-location').filter({ hasText: '无坐标' })).toHaveCount(8);
  await expect(table.getByTestId('table-location').filter({ hasText: '坐标在辖区外' })).toHaveCount(4);
  await expect(page.getByTestId('active-filter-placement')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('placement')).toBe('no_coordinates,outside_districts');
  await page.screenshot({ path: 'test-results/screens/unplaced-list.png' });

  await page.getByTestId('language-switch').click();
  await expect(table.getByTestId('table-location').filter({ hasText: 'No coordinates' })).toHaveCount(8);
  await page.getByTestId('clear-filter-placement').click();
  await page.getByTestId('view-map').click();
  await expect(notice).toHaveText(
    /^12 projects are not shown on the map: 8 without coordinates, 4 with coordinates outside the districts\s*List them$/
  );
  await page.screenshot({ path: 'test-results/screens/unplaced-notice-en.png' });
});
