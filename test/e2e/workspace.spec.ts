/**
 * One workspace for every page: the dataset, the month and the filters live in the app's shell and
 * in the URL, so moving between the map and the overview keeps them and reloads nothing; the back
 * button returns to the exact view left; links carry filters in and bad values are reported.
 */
import { readFileSync } from 'node:fs';
import type { Page, Request } from '@playwright/test';
import { duckdbRows, expect, kpiProjectCount, openMap, openOverview, test } from './helpers.ts';

const INDEX = JSON.parse(readFileSync('static/data/index.json', 'utf8')) as { id: string }[];
const DS = INDEX[0].id;
const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string; facts_months: string[] };
const AS_OF_MONTH = META.as_of.slice(0, 7);
const DISTRICTS = JSON.parse(readFileSync(`static/data/${DS}/districts.geojson`, 'utf8')) as {
  features: { properties: { code: string; name: string; name_en?: string } }[];
};
const facts = (month: string) => `read_parquet('static/data/${DS}/facts/${month}.parquet')`;
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

async function count(sql: string): Promise<number> {
  return Number((await duckdbRows(sql))[0].n);
}

/** Waits until the map page has drawn from the query core and no query is under way. */
async function mapSettled(page: Page): Promise<void> {
  const map = page.getByTestId('map-page');
  await expect(map).toBeVisible({ timeout: 60_000 });
  await expect(map).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  await expect(map).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
  await expect(map).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

const pathOf = (r: Request) => new URL(r.url()).pathname;

test.describe('one workspace across pages', () => {
  test('map → overview → map through the navigation keeps dataset, month and filters, and reloads nothing', async ({
    page,
    foreignRequests
  }) => {
    const requests: Request[] = [];
    const workers: string[] = [];
    page.on('request', (r) => requests.push(r));
    page.on('worker', (w) => workers.push(w.url()));
    const month = META.facts_months.at(-4)!; // 2022-06 for Liuzhou: not the as-of month
    const previous = META.facts_months[META.facts_months.indexOf(month) - 1];

    await openMap(page, `./?ds=${DS}`);
    await page.getByTestId('filter-phase-new').check();
    await page.getByTestId('filter-month').selectOption(month);
    await expect(page).toHaveURL(/[?&]phase=new(&|$)/);
    await expect(page).toHaveURL(new RegExp(`[?&]month=${month}(&|$)`));
    await mapSettled(page);
    const expected = await count(`SELECT count(*) AS n FROM ${facts(month)} WHERE in_plan AND phase = 'new'`);
    await expect.poll(() => kpiProjectCount(page)).toBe(expected);
    // What a click into a district waits for is loaded behind the map once it is idle (the problem
    // ledger, the playback summary): wait for that, so it is not taken for a reload further on.
    await expect(page.getByTestId('app')).toHaveAttribute('data-pages-warmed', `${DS}|${month}`, { timeout: 60_000 });

    // Everything the first map load and the month change fetched, and the workers started.
    const before = requests.length;
    const factsLoaded = new Set(requests.filter((r) => /\/facts\/[^/]+\.parquet$/.test(pathOf(r))).map(pathOf));
    expect([...factsLoaded].map((p) => p.split('/').pop()).sort()).toEqual([`${AS_OF_MONTH}.parquet`, `${month}.parquet`].sort());

    await page.getByTestId('nav-overview').click();
    await expect(page).toHaveURL(/\/command-map\/overview\/\?/);
    await expect(page).toHaveURL(new RegExp(`[?&]ds=${DS}(&|$)`));
    await expect(page).toHaveURL(/[?&]phase=new(&|$)/);
    await expect(page).toHaveURL(new RegExp(`[?&]month=${month}(&|$)`));
    await openOverview(page, null);
    await expect(page.getByTestId('overview-month')).toHaveValue(month);
    await expect(page.getByTestId('active-filter-phase')).toContainText('新开工项目');
    // The KPI and the annex are of the filtered projects at the month: new projects only.
    await expect.poll(() => kpiProjectCount(page)).toBe(expected);
    await expect(page.getByTestId('annex-new-projects')).toHaveText(String(expected));
    await expect(page.getByTestId('annex-all-projects')).toHaveText(String(expected));
    const rows = await page
      .getByTestId('overview-annex')
      .locator('tbody tr[data-row]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')));
    expect(rows.filter((r) => r !== 'all' && !r!.startsWith('new'))).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/workspace-overview-filtered.png' });
    const onOverview = requests.length;

    await page.getByTestId('nav-map').click();
    await expect(page).toHaveURL(/\/command-map\/\?/);
    await mapSettled(page);
    await expect(page.getByTestId('filter-phase-new')).toBeChecked();
    await expect(page.getByTestId('filter-month')).toHaveValue(month);
    await expect(page).toHaveURL(/[?&]phase=new(&|$)/);
    await expect(page).toHaveURL(new RegExp(`[?&]month=${month}(&|$)`));
    await expect(page).toHaveURL(new RegExp(`[?&]ds=${DS}(&|$)`));
    await expect.poll(() => kpiProjectCount(page)).toBe(expected);
    await page.screenshot({ path: 'test-results/screens/workspace-map-again.png' });

    const after = requests.slice(before).map(pathOf);
    const back = requests.slice(onOverview).map(pathOf);
    const name = (p: string) => p.split('/').pop()!;
    const isFacts = (p: string) => /\/facts\/[^/]+\.parquet$/.test(p);
    // A facts file already loaded is never asked for again; the overview may read the month
    // before (its change column) for the first time, and nothing is read on the way back.
    expect(
      after.filter((p) => factsLoaded.has(p)),
      'facts files requested a second time'
    ).toEqual([]);
    const newFacts = [...new Set(after.filter(isFacts).map(name))];
    expect(
      newFacts.filter((f) => f !== `${previous}.parquet`),
      'facts files first read after the map, other than the month before'
    ).toEqual([]);
    expect(
      back.filter((p) => p.endsWith('.parquet')),
      'Parquet read on returning to the map'
    ).toEqual([]);
    for (const file of ['meta.json', 'districts.geojson', 'points.arrow', 'index.json']) {
      expect(
        after.filter((p) => name(p) === file),
        `requests of ${file}`
      ).toEqual([]);
    }
    // The engine is not restarted: started when a view first needs SQL (on the map or the
    // overview), its WebAssembly and worker are fetched once and never again.
    const duckdb = /duckdb-[^/]*\.wasm$|duckdb-browser-[^/]*\.worker/;
    const engineFiles = requests.map(pathOf).filter((p) => duckdb.test(p));
    expect(engineFiles, 'duckdb-wasm fetched again').toEqual([...new Set(engineFiles)]);
    const engineWorkers = workers.filter((u) => duckdb.test(u));
    expect(engineWorkers.length, 'duckdb-wasm worker started again').toBeLessThanOrEqual(1);
    // The Parquet decoder is a worker of one load (db/parquet.ts ends it when its files are done):
    // it may start again only to read a facts file not read before, at most once for it.
    const decoder = /parquet\.worker|parquet_wasm[^/]*\.wasm$/;
    const decoderFetches = after.filter((p) => decoder.test(p));
    if (newFacts.length === 0) expect(decoderFetches, 'Parquet decoder fetched with no new file to decode').toEqual([]);
    else
      expect(decoderFetches.filter((p) => p.endsWith('.wasm')).length, 'Parquet decoder WebAssembly fetches').toBeLessThanOrEqual(
        newFacts.length
      );
    // On the way back to the map: no WebAssembly and no engine worker at all.
    expect(
      back.filter((p) => p.endsWith('.wasm')),
      'WebAssembly fetched on returning to the map'
    ).toEqual([]);
    expect(
      back.filter((p) => duckdb.test(p) || decoder.test(p)),
      'engine workers on returning to the map'
    ).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  test('the back button returns to the exact previous view of the map', async ({ page }) => {
    await openMap(page);
    await page.getByTestId('color-rag').click();
    await page.getByTestId('filter-sector-industry').check();
    await page.getByTestId('view-table').click();
    await expect(page.getByTestId('project-table')).toBeVisible();
    await page.getByTestId('sort-name').click();
    const sortedBy = page.getByTestId('project-table').locator('thead th', { has: page.getByTestId('sort-name') });
    await expect(sortedBy).toHaveAttribute('aria-sort', /ascending|descending/);
    const direction = (await sortedBy.getAttribute('aria-sort'))!;
    const sortParam = direction === 'descending' ? '-name' : 'name';
    for (const p of [/[?&]color=rag(&|$)/, /[?&]view=table(&|$)/, new RegExp(`[?&]sort=${sortParam}(&|$)`), /[?&]sector=industry(&|$)/]) {
      await expect(page).toHaveURL(p);
    }
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    const firstRows = await page
      .getByTestId('project-table')
      .locator('tbody th')
      .evaluateAll((ths) => ths.slice(0, 5).map((th) => th.textContent?.trim()));

    await page.getByTestId('nav-overview').click();
    await openOverview(page, null);
    await page.goBack();

    await expect(page).toHaveURL(/\/command-map\/(\?|$)/);
    for (const p of [/[?&]color=rag(&|$)/, /[?&]view=table(&|$)/, new RegExp(`[?&]sort=${sortParam}(&|$)`), /[?&]sector=industry(&|$)/]) {
      await expect(page).toHaveURL(p);
    }
    await expect(page.getByTestId('map-page')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('project-table')).toBeVisible();
    await expect(page.getByTestId('project-table').locator('thead th', { has: page.getByTestId('sort-name') })).toHaveAttribute(
      'aria-sort',
      direction
    );
    await expect(page.getByTestId('color-rag')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('view-table')).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('filter-sector-industry')).toBeChecked();
    await expect(page.getByTestId('active-filter-sector')).toContainText('产业发展');
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    await expect
      .poll(() =>
        page
          .getByTestId('project-table')
          .locator('tbody th')
          .evaluateAll((ths) => ths.slice(0, 5).map((th) => th.textContent?.trim()))
      )
      .toEqual(firstRows);
    await page.screenshot({ path: 'test-results/screens/workspace-back-to-table.png' });
  });

  test('a deep link to the overview with filters and a month opens it with them applied', async ({ page }) => {
    const month = META.facts_months.at(-4)!;
    const district = DISTRICTS.features[0].properties;
    await openOverview(page, `overview/?month=${month}&phase=new&district=${district.code}`);
    await expect(page.getByTestId('overview-month')).toHaveValue(month);
    await expect(page.getByTestId('active-filter-phase')).toHaveText(/项目类型：新开工项目/);
    await expect(page.getByTestId('active-filter-district')).toHaveText(new RegExp(`区县：${district.name}`));
    await expect(page.getByTestId('url-notices')).toHaveCount(0);
    const expected = await count(
      `SELECT count(*) AS n FROM ${facts(month)} WHERE in_plan AND phase = 'new' AND district_code = ${quote(district.code)}`
    );
    expect(expected).toBeGreaterThan(0);
    await expect(page.getByTestId('annex-new-projects')).toHaveText(String(expected));
    await expect(page.getByTestId('annex-all-projects')).toHaveText(String(expected));
    await expect.poll(() => kpiProjectCount(page)).toBe(expected);
    // Only new projects: no row of another phase, and no implementation subtotal of several phases.
    const rows = await page
      .getByTestId('overview-annex')
      .locator('tbody tr[data-row]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')!));
    expect(rows).toContain('new');
    expect(rows.filter((r) => r !== 'all' && r !== 'new' && !r.startsWith('new:'))).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/workspace-overview-deep-link.png' });
  });

  test('a link with a lead unit, a level and a size shows each as a chip in words, and clearing one clears it from the URL and the data', async ({
    page
  }) => {
    const [{ unit }] = await duckdbRows(
      `SELECT lead_unit AS unit FROM ${facts(AS_OF_MONTH)} WHERE in_plan AND level = 'city' AND size_bucket = '1e4_1e5'
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`
    );
    const where = (clauses: string[]) => `SELECT count(*) AS n FROM ${facts(AS_OF_MONTH)} WHERE in_plan AND ${clauses.join(' AND ')}`;
    const all3 = await count(where([`lead_unit = ${quote(String(unit))}`, `level = 'city'`, `size_bucket = '1e4_1e5'`]));
    const without = await count(where([`level = 'city'`, `size_bucket = '1e4_1e5'`]));
    expect(without).toBeGreaterThan(all3);

    await openMap(page, `./?unit=${encodeURIComponent(String(unit))}&level=city&bucket=1e4_1e5`);
    const chip = (dim: string) => page.getByTestId(`active-filter-${dim}`).locator('.text');
    await expect(chip('unit')).toHaveText(`牵头责任单位：${unit}`);
    await expect(chip('level')).toHaveText('项目级别：市重点项目');
    await expect(chip('size')).toHaveText('投资规模：1亿–10亿元');
    const chips = (await page.getByTestId('active-filters').innerText()) ?? '';
    for (const raw of ['1e4_1e5', 'city', 'bucket', 'level.', 'filter.', 'unit'])
      expect(chips, `raw "${raw}" in the chips`).not.toContain(raw);
    await expect(page.getByTestId('filter-clear')).toBeEnabled();
    await expect.poll(() => kpiProjectCount(page)).toBe(all3);
    await page.screenshot({ path: 'test-results/screens/workspace-chips.png' });

    await page.getByTestId('clear-filter-unit').click();
    await expect(page.getByTestId('active-filter-unit')).toHaveCount(0);
    await expect(page).not.toHaveURL(/[?&]unit=/);
    await expect(page).toHaveURL(/[?&]level=city(&|$)/);
    await expect(page).toHaveURL(/[?&]bucket=1e4_1e5(&|$)/);
    await expect.poll(() => kpiProjectCount(page)).toBe(without);
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-rendered-points', String(without));
  });

  test('bad values in the URL are reported in words, in Chinese and in English', async ({ page }) => {
    await page.goto('./?month=2031-01&phase=bogus&district=999999');
    const notices = page.getByTestId('url-notices');
    await expect(notices).toBeVisible({ timeout: 60_000 });
    for (const words of ['月份（month）', '2031-01', '项目类型（phase）', 'bogus', '区县（district）', '999999'])
      await expect(notices).toContainText(words);
    await expect(notices).not.toContainText(/url\.[a-zA-Z]/);
    await expect(notices.locator('li')).toHaveCount(3);
    await page.screenshot({ path: 'test-results/screens/workspace-url-notices-zh.png' });

    await page.getByTestId('language-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const words of ['month (month)', '2031-01', 'phase (phase)', 'bogus', 'district (district)', '999999'])
      await expect(notices).toContainText(words);
    await expect(notices).not.toContainText(/url\.[a-zA-Z]/);
    await expect(notices).not.toContainText(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: 'test-results/screens/workspace-url-notices-en.png' });
    // Nothing of the bad values was applied: the as-of month, no filter.
    await mapSettled(page);
    await expect(page.getByTestId('filter-month')).toHaveValue(AS_OF_MONTH);
    await expect(page.getByTestId('active-filter-phase')).toHaveCount(0);
    await expect(page.getByTestId('active-filter-district')).toHaveCount(0);
  });

  test("the map table's sort is kept in the URL and survives a reload", async ({ page }) => {
    await openMap(page);
    await page.getByTestId('view-table').click();
    const table = page.getByTestId('project-table');
    await expect(table).toBeVisible();
    await page.getByTestId('sort-annual_plan').click();
    const header = table.locator('thead th', { has: page.getByTestId('sort-annual_plan') });
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/[?&]sort=-annual_plan(&|$)/);
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    const names = () => table.locator('tbody th').evaluateAll((ths) => ths.slice(0, 5).map((th) => th.textContent?.trim()));
    const [{ top }] = await duckdbRows(`SELECT max(annual_plan)::DOUBLE AS top FROM ${facts(AS_OF_MONTH)} WHERE in_plan`);
    const leaders = (
      await duckdbRows(
        `SELECT name FROM ${facts(AS_OF_MONTH)} WHERE in_plan AND annual_plan = (SELECT max(annual_plan) FROM ${facts(AS_OF_MONTH)} WHERE in_plan)`
      )
    ).map((r) => r.name);
    expect(top).toBeGreaterThan(0);
    await expect.poll(async () => leaders.includes((await names())[0])).toBe(true);
    const before = await names();

    await page.reload();
    await expect(page).toHaveURL(/[?&]sort=-annual_plan(&|$)/);
    await expect(page).toHaveURL(/[?&]view=table(&|$)/);
    await expect(page.getByTestId('map-page')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    await expect(table).toBeVisible();
    await expect(table.locator('thead th', { has: page.getByTestId('sort-annual_plan') })).toHaveAttribute('aria-sort', 'descending');
    await expect.poll(names).toEqual(before);
    await page.screenshot({ path: 'test-results/screens/workspace-sort-reloaded.png' });
  });

  test('the month menu offers every month the dataset has, over several years (Jiujiang: 30), and the map follows it', async ({ page }) => {
    const meta = JSON.parse(readFileSync('static/data/jiujiang-2021-2023/meta.json', 'utf8')) as { facts_months: string[] };
    expect(meta.facts_months.length).toBe(30);
    await openMap(page, './?ds=jiujiang-2021-2023');
    const options = await page
      .getByTestId('filter-month')
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(meta.facts_months);
    const before = await page.getByTestId('kpi-completed').locator('.value').textContent();
    await page.getByTestId('filter-month').selectOption('2021-12');
    await expect(page).toHaveURL(/[?&]month=2021-12(&|$)/);
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    await expect(page.getByTestId('kpi-completed').locator('.value')).not.toHaveText(before!);
  });
});
