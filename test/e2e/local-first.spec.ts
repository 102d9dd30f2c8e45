/**
 * Interactive before the engine (issue 23): with duckdb-wasm's module held back, the map's
 * points, RAG colours, the KPI strip, the charts and the filters are answered in the page from
 * the decoded facts; the views that need SQL (the project table's sorted rows, the project card)
 * say that they wait for the engine, and answer once it is released.
 */
import type { Page } from '@playwright/test';
import { RAG_COLORS } from '../../src/lib/charts/colors.ts';
import { countColours, expect, test } from './helpers.ts';

const mark = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(`cm:${n}`).length > 0, name);

async function kpiProjects(page: Page): Promise<number> {
  const text = await page.getByTestId('kpi-projects').locator('.value').textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

async function barValue(page: Page, chart: string, key: string): Promise<number> {
  return Number(await page.getByTestId(`chart-${chart}`).locator(`[data-key="${key}"]`).getAttribute('data-value'));
}

/** Holds duckdb-wasm's module until `release` is called; `asked` tells whether the page has asked for it. */
async function holdEngine(page: Page) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const state = { asked: 0 };
  await page.route(/duckdb-(eh|mvp)[^/]*\.wasm$/, async (route) => {
    state.asked++;
    await held;
    await route.fallback();
  });
  return { release, state };
}

for (const locale of ['zh', 'en'] as const) {
  test(`a filter before the engine is ready updates the map, the KPIs and the charts; engine-only views wait, then answer (${locale})`, async ({
    page,
    foreignRequests
  }) => {
    const engine = await holdEngine(page);
    if (locale === 'en') await page.addInitScript(() => localStorage.setItem('command-map.locale', 'en'));
    await page.goto('./?test&color=rag');
    const map = page.getByTestId('map-page');
    // The map's points come from the query core (the page's index), not the first paint, with the engine held.
    await expect(map).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
    await expect.poll(() => mark(page, 'interactive'), { timeout: 60_000 }).toBe(true);
    expect(await mark(page, 'engine-in')).toBe(false);
    await expect(map).not.toHaveAttribute('data-rendered-points', '0');
    // The filters whose values only the data knows (units, plan batches) list them from the page too.
    for (const dim of ['unit', 'batch'])
      await expect.poll(() => page.getByTestId(`filter-group-${dim}`).locator('input[type="checkbox"]').count()).toBeGreaterThan(1);
    expect(await mark(page, 'engine-in')).toBe(false);
    const all = Number(await map.getAttribute('data-rendered-points'));
    await expect.poll(() => kpiProjects(page)).toBe(all);

    // RAG colours are on the map before the engine: red, amber and green dots.
    const shot = await page.getByTestId('project-map').screenshot({
      path: `test-results/screens/local-first-rag-${locale}.png`,
      mask: [page.getByTestId('map-legend')],
      maskColor: '#ffffff'
    });
    const [green, amber, red] = await countColours(page, shot, [RAG_COLORS.green, RAG_COLORS.amber, RAG_COLORS.red], 12);
    expect(green, 'green pixels').toBeGreaterThan(20);
    expect(amber + red, 'amber and red pixels').toBeGreaterThan(20);

    // A filter: the map, the KPIs and the charts follow, still without the engine.
    const newProjects = await barValue(page, 'phase', 'new');
    const industryBefore = await barValue(page, 'sector', 'industry');
    expect(newProjects).toBeGreaterThan(0);
    expect(newProjects).toBeLessThan(all);
    await page.getByTestId('filter-phase-new').check();
    await expect(map).toHaveAttribute('data-rendered-points', String(newProjects));
    await expect.poll(() => kpiProjects(page)).toBe(newProjects);
    await expect.poll(() => barValue(page, 'sector', 'industry')).toBeLessThan(industryBefore);
    await page.screenshot({ path: `test-results/screens/local-first-filtered-${locale}.png` });

    // The project table needs SQL: it says that it waits.
    await page.getByTestId('view-table').click();
    const waiting = page.getByTestId('engine-wait');
    await expect(waiting).toBeVisible();
    await expect(waiting).toContainText(locale === 'en' ? 'Waiting for the analysis engine' : '分析引擎启动中');
    await expect(page.getByTestId('project-table').locator('tbody tr')).toHaveCount(0);
    await page.screenshot({ path: `test-results/screens/local-first-waiting-${locale}.png` });
    expect(await mark(page, 'engine-in')).toBe(false);
    // Nothing on the map asked for it (ENGINE_START 'on-need'): the table does.
    await expect.poll(() => engine.state.asked, { timeout: 60_000 }).toBeGreaterThan(0);

    engine.release();
    await expect(waiting).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('project-table').locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('project-table').locator('caption')).toContainText(String(newProjects));
    await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 60_000 });
    expect(await mark(page, 'engine-in')).toBe(true);
    // Once in, the engine has every row of the month's facts, inserted from the same read.
    await page.getByTestId('view-map').click();
    await expect(map).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    await expect(map).toHaveAttribute('data-rendered-points', String(newProjects));
    expect(foreignRequests).toEqual([]);
  });
}

test('the month of the URL is the one read before the engine, and its file is fetched once for the page and DuckDB', async ({ page }) => {
  const engine = await holdEngine(page);
  const facts: string[] = [];
  page.context().on('request', (r) => {
    const m = /facts\/(\d{4}-\d{2})\.parquet/.exec(r.url());
    if (m) facts.push(m[1]);
  });
  await page.goto('./?test&month=2022-06');
  await expect(page.getByTestId('map-page')).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
  await expect.poll(() => mark(page, 'interactive'), { timeout: 60_000 }).toBe(true);
  expect(facts).toEqual(['2022-06']);
  engine.release();
  // The project table needs SQL: it asks for the engine, which takes the month in.
  await page.getByTestId('view-table').click();
  await expect(page.getByTestId('project-table').locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 60_000 });
  // The page decoded its columns, DuckDB got every column decoded again from the bytes kept: one request.
  await expect.poll(() => mark(page, 'facts-loaded:2022-06'), { timeout: 60_000 }).toBe(true);
  expect(facts).toEqual(['2022-06']);
});

for (const locale of ['zh', 'en'] as const) {
  test(`the data page's table, totals and exports say that they wait for the engine it asks for, then answer (${locale})`, async ({
    page,
    foreignRequests
  }) => {
    const engine = await holdEngine(page);
    if (locale === 'en') await page.addInitScript(() => localStorage.setItem('command-map.locale', 'en'));
    await page.goto('./data/?test');
    await expect(page.getByTestId('data-page')).toBeVisible({ timeout: 60_000 });
    // The table needs SQL: the page asks for the engine, and says that it waits while it is held.
    await expect.poll(() => engine.state.asked, { timeout: 60_000 }).toBeGreaterThan(0);
    const waiting = page.getByTestId('engine-wait');
    await expect(waiting).toBeVisible();
    await expect(waiting).toContainText(locale === 'en' ? 'Waiting for the analysis engine' : '分析引擎启动中');
    const exportWait = page.getByTestId('engine-wait-export');
    await expect(exportWait).toContainText(
      locale === 'en' ? 'Exports are ready once the analysis engine has started' : '分析引擎启动后即可导出'
    );
    await expect(page.getByTestId('data-export-csv')).toBeDisabled();
    await page.screenshot({ path: `test-results/screens/local-first-data-waiting-${locale}.png` });
    expect(await mark(page, 'engine-in')).toBe(false);

    engine.release();
    await expect(waiting).toHaveCount(0, { timeout: 60_000 });
    await expect(exportWait).toHaveCount(0);
    await expect
      .poll(async () => Number(await page.getByTestId('data-table').getAttribute('data-count')), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect(page.getByTestId('data-export-csv')).toBeEnabled();
    await page.screenshot({ path: `test-results/screens/local-first-data-answered-${locale}.png` });
    expect(foreignRequests).toEqual([]);
  });
}

test("a district's page opened from the map draws every view from the page, the engine never asked for (ENGINE_START 'on-need')", async ({
  page,
  foreignRequests
}) => {
  const engine = await holdEngine(page);
  // `engine=on-need`: only a need starts the engine (workspace/engine-start.ts), not the idle page.
  await page.goto('./?test&engine=on-need&district=450203');
  await expect(page.getByTestId('map-page')).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
  await expect.poll(() => mark(page, 'interactive'), { timeout: 60_000 }).toBe(true);
  await page.getByTestId('drill-link-district-450203').click();
  const drill = page.getByTestId('drill-page');
  await expect(drill).toHaveAttribute('data-key', '450203', { timeout: 60_000 });
  const views = drill.locator('[data-drill-view]');
  // KPIs aside: the targets, the series, the breakdowns, the ranking and the open problems.
  await expect.poll(() => views.count()).toBeGreaterThanOrEqual(7);
  await expect(drill.locator('[data-drill-view][data-loaded="false"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(/\d/);
  await expect(page.getByTestId('drill-ranking').locator('tbody tr[data-id]').first()).toBeVisible();
  await expect(page.getByTestId('problems-count').or(page.getByTestId('problems-none'))).toBeVisible();
  await expect(drill).toHaveAttribute('data-points-from', 'core');
  await expect(drill).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screens/local-first-district-in-page.png' });
  await drill.locator('.lists').screenshot({ path: 'test-results/screens/local-first-district-lists-in-page.png' });
  expect(await mark(page, 'engine-in')).toBe(false);
  expect(engine.state.asked).toBe(0);
  expect(foreignRequests).toEqual([]);
});
