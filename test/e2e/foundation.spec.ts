import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { E2E_BUILD_DIR } from '../../playwright.config.ts';
import { PHASE_COLORS } from '../../src/lib/charts/colors.ts';
import { PHASES } from '../../src/lib/schema.ts';
import { countColours, expect, openMap, test } from './helpers.ts';

test.describe('the map page on the demo data', () => {
  test('draws every project as a coloured point over the district map, in Chinese', async ({ page, foreignRequests }) => {
    await openMap(page);
    await expect(page.getByRole('link', { name: '作战地图' })).toBeVisible();
    const shot = await page.getByTestId('project-map').screenshot({ path: 'test-results/screens/map-phase.png' });
    const counts = await countColours(
      page,
      shot,
      PHASES.map((p) => PHASE_COLORS[p])
    );
    // Every phase present in the data shows up as pixels of its colour.
    for (const [i, phase] of PHASES.entries()) expect(counts[i], `pixels of ${phase}`).toBeGreaterThan(20);
    // The districts under the points come from MapLibre's worker and may land a frame later.
    const landPixels = async () => {
      const map = await page.getByTestId('project-map').screenshot({ path: 'test-results/screens/map-phase.png' });
      return (await countColours(page, map, [[0xf7, 0xf5, 0xef]], 3))[0];
    };
    await expect.poll(landPixels, { message: 'pixels of district land', timeout: 30_000 }).toBeGreaterThan(20_000);
    expect(foreignRequests).toEqual([]);
  });

  test('downloads one DuckDB engine, the variant the browser runs, precompressed', async ({ page }) => {
    const engines: { url: string; encoding: string | undefined; type: string | undefined; transferred: Promise<number> }[] = [];
    const mvp: string[] = [];
    page.on('request', (r) => {
      if (/duckdb[^/]*mvp/.test(r.url())) mvp.push(r.url());
    });
    page.on('response', (r) => {
      if (!/duckdb-[^/]*\.wasm$/.test(r.url())) return;
      const headers = r.headers();
      engines.push({
        url: r.url(),
        encoding: headers['content-encoding'],
        type: headers['content-type'],
        transferred: r.finished().then(async () => (await r.request().sizes()).responseBodySize)
      });
    });
    await openMap(page);
    // The engine starts on demand: the map's own views need none, the project table's rows do.
    await page.getByTestId('view-table').click();
    await expect.poll(() => engines.length, { timeout: 60_000 }).toBe(1);
    // Chromium has WebAssembly exception handling: duckdb-wasm's selectBundle picks the EH build,
    // and neither the MVP engine nor its worker is asked for.
    expect(engines[0].url).toMatch(/duckdb-eh\.[^/]*\.wasm$/);
    expect(mvp).toEqual([]);
    expect(engines[0].type).toBe('application/wasm');
    // Chromium asks for Brotli from secure contexts, 127.0.0.1 included (nginx.spec.ts: gzip).
    expect(engines[0].encoding).toBe('br');
    // What crossed the wire is the build's .br copy, byte for byte: a quarter of the engine or less.
    const file = path.join(E2E_BUILD_DIR, '_app/immutable/assets', path.basename(new URL(engines[0].url).pathname));
    const transferred = await engines[0].transferred;
    expect(transferred).toBe(statSync(`${file}.br`).size);
    expect(transferred).toBeLessThan(statSync(file).size / 4);
  });

  test('draws one point per project still in the plan, and the KPI says the same number', async ({ page }) => {
    await openMap(page);
    const count = Number(await page.getByTestId('map-page').getAttribute('data-rendered-points'));
    const index = await (await page.request.get('data/index.json')).json();
    const meta = await (await page.request.get(`data/${index[0].id}/meta.json`)).json();
    // Counted independently of the app: straight from the Parquet file, with DuckDB in Node.
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const reader = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM read_parquet('static/data/${index[0].id}/projects.parquet')
       WHERE exited_on IS NULL OR exited_on > DATE '${meta.as_of}'`
    );
    const inPlan = Number(reader.getRowObjects()[0].n);
    conn.closeSync();
    expect(count).toBe(inPlan);
    await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(String(inPlan));
  });

  test('switches the interface to English and back', async ({ page }) => {
    await openMap(page);
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('link', { name: 'Map' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    // The charts' English names, longer than the Chinese, are fitted in the page's font: none runs
    // out of its chart.
    const outside = () =>
      page.locator('.bar-chart svg').evaluateAll((charts) =>
        charts.flatMap((chart) => {
          const box = chart.getBoundingClientRect();
          return [...chart.querySelectorAll('text')]
            .filter((text) => {
              const r = text.getBoundingClientRect();
              return r.left < box.left - 0.5 || r.right > box.right + 0.5;
            })
            .map((text) => text.textContent);
        })
      );
    await expect(page.locator('.bar-chart svg text.label').first()).toBeVisible();
    await expect.poll(outside).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/map-en.png' });
    await page.getByTestId('language-switch').click();
    await expect(page.getByRole('link', { name: '作战地图' })).toBeVisible();
  });

  test('switches datasets from the header and puts the choice in the URL', async ({ page }) => {
    await openMap(page);
    const options = await page
      .getByTestId('dataset-switcher')
      .locator('option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    test.skip(options.length < 2, 'only one dataset is built');
    await page.getByTestId('dataset-switcher').selectOption(options[1]);
    await expect(page).toHaveURL(new RegExp(`ds=${options[1]}`));
    await expect(page.getByTestId('map-page')).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  });
});

test.describe('data that cannot be loaded', () => {
  test('a missing Parquet file gives a translated error naming the file', async ({ page }) => {
    await page.route('**/data/*/facts/*.parquet', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto('./');
    const error = page.getByTestId('load-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText('数据无法加载');
    await expect(error).toContainText(/facts\/\d{4}-\d{2}\.parquet/);
    await expect(error).toContainText('404');
    await page.screenshot({ path: 'test-results/screens/error-missing.png' });
  });

  test('a file that is not Parquet is named, with what was expected', async ({ page }) => {
    await page.route('**/data/*/facts/*.parquet', (route) => route.fulfill({ status: 200, body: 'id,month\n1,2' }));
    await page.goto('./');
    const error = page.getByTestId('load-error');
    await expect(error).toContainText(/facts\/\d{4}-\d{2}\.parquet/);
    await expect(error).toContainText('不是有效的 Parquet 文件');
    await expect(error).toContainText('Parquet');
  });

  test('a Parquet file without a required column names the file and the column', async ({ page }) => {
    const index = JSON.parse(readFileSync('static/data/index.json', 'utf8'));
    const meta = JSON.parse(readFileSync(`static/data/${index[0].id}/meta.json`, 'utf8'));
    const month = meta.as_of.slice(0, 7);
    const dir = mkdtempSync(path.join(tmpdir(), 'cm-e2e-'));
    const broken = path.join(dir, 'facts.parquet');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(
      `COPY (SELECT * EXCLUDE (district_code) FROM read_parquet('static/data/${index[0].id}/facts/${month}.parquet'))
       TO '${broken}' (FORMAT parquet)`
    );
    conn.closeSync();
    const body = readFileSync(broken);
    rmSync(dir, { recursive: true, force: true });
    await page.route(`**/data/*/facts/${month}.parquet`, (route) => route.fulfill({ status: 200, body }));
    await page.goto('./');
    const error = page.getByTestId('load-error');
    await expect(error).toContainText(`facts/${month}.parquet`);
    await expect(error).toContainText('缺少必需的列：district_code');
    await page.screenshot({ path: 'test-results/screens/error-missing-column.png' });
  });

  test('a dataset written before the monthly facts files is named, with how to regenerate it', async ({ page }) => {
    await page.route('**/data/*/meta.json', async (route) => {
      const res = await route.fetch();
      const { facts_months: _, ...meta } = await res.json();
      await route.fulfill({ response: res, json: meta });
    });
    await page.goto('./');
    const error = page.getByTestId('load-error');
    await expect(error).toContainText('meta.json');
    await expect(error).toContainText('npm run data');
  });

  test('the first paint is drawn from points.arrow, before the facts of the month are in', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()!));
    await page.goto('./');
    // Compared once everything is loaded: before that, the facts file may not have been asked for yet.
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
    expect(marks).toContain('cm:first-paint-read');
    // Fetched before any Parquet file (the decoding worker's requests count too), and of the
    // Parquet files only the month's facts: the source tables are never loaded whole.
    const firstParquet = fetched.findIndex((f) => f.endsWith('.parquet'));
    expect(firstParquet).toBeGreaterThanOrEqual(0);
    expect(fetched.indexOf('points.arrow')).toBeGreaterThanOrEqual(0);
    expect(fetched.indexOf('points.arrow')).toBeLessThan(firstParquet);
    expect([...new Set(fetched.filter((f) => f.endsWith('.parquet')))]).toEqual([expect.stringMatching(/^\d{4}-\d{2}\.parquet$/)]);
  });

  test('an unknown dataset in the URL is reported, not a blank page, and none of its files is asked for', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto('./?ds=no-such-city');
    await expect(page.getByTestId('load-error')).toContainText('no-such-city');
    expect(asked.some((p) => p.endsWith('/data/index.json'))).toBe(true);
    expect(asked.filter((p) => p.includes('/no-such-city/'))).toEqual([]);
  });
});
