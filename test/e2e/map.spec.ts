import { PHASE_COLORS, RAG_COLORS } from '../../src/lib/charts/colors.ts';
import { PHASES } from '../../src/lib/schema.ts';
import { colourSpots, countColours, expect, LAND, mapShot, openMap, test } from './helpers.ts';
import type { Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

/** Projects in the plan at the as-of month whose name contains `part` (any case), from the facts file. */
async function projectsNamed(part: string): Promise<number> {
  const index = JSON.parse(readFileSync('static/data/index.json', 'utf8'));
  const meta = JSON.parse(readFileSync(`static/data/${index[0].id}/meta.json`, 'utf8'));
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  const reader = await conn.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM read_parquet('static/data/${index[0].id}/facts/${meta.as_of.slice(0, 7)}.parquet')
     WHERE in_plan AND contains(lower(name), lower(${`'${part.replaceAll("'", "''")}'`}))`
  );
  const n = Number(reader.getRowObjects()[0].n);
  conn.closeSync();
  return n;
}

async function kpiProjects(page: Page): Promise<number> {
  const text = await page.getByTestId('kpi-projects').locator('.value').textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

async function barValue(page: Page, chart: string, key: string): Promise<number> {
  return Number(await page.getByTestId(`chart-${chart}`).locator(`[data-key="${key}"]`).getAttribute('data-value'));
}

test.describe('the command map', () => {
  test('colours points by phase, with a legend naming each phase, and makes no outside request', async ({ page, foreignRequests }) => {
    await openMap(page, './?test');
    const legend = page.getByTestId('map-legend');
    for (const p of ['预备项目', '新开工项目', '续建项目', '竣工项目']) await expect(legend).toContainText(p);
    await expect(page.getByTestId('project-map')).toHaveAttribute('data-label-px', '14'); // labels at the map page's size (the wall: its own)
    // The district labels drawn (each let through from its zoom: label-zooms.ts), none hidden for good.
    await expect.poll(async () => Number(await page.getByTestId('project-map').getAttribute('data-labels-drawn'))).toBeGreaterThan(0);
    const shot = await mapShot(page, 'map-mode-phase');
    const counts = await countColours(
      page,
      shot,
      PHASES.map((p) => PHASE_COLORS[p]),
      20
    );
    // Every phase the data has (the phase chart's bars) shows as pixels of its colour; no other does.
    for (const [i, phase] of PHASES.entries()) {
      const projects = await barValue(page, 'phase', phase);
      if (projects > 0) expect(counts[i], `pixels of ${phase}`).toBeGreaterThan(20);
      else expect(counts[i], `pixels of ${phase}`).toBeLessThan(10);
    }
    expect(foreignRequests).toEqual([]);
  });

  test('colours points by progress against the time-elapsed share, and the legend states the rule', async ({ page, foreignRequests }) => {
    await openMap(page, './?test&color=rag');
    const legend = page.getByTestId('map-legend');
    await expect(legend).toContainText('绿：完成率 ≥ 序时进度');
    await expect(legend).toContainText('10 个百分点');
    const shot = await mapShot(page, 'map-mode-rag');
    const [green, amber, red] = await countColours(page, shot, [RAG_COLORS.green, RAG_COLORS.amber, RAG_COLORS.red], 20);
    expect(green, 'green pixels').toBeGreaterThan(20);
    expect(amber + red, 'yellow and red pixels').toBeGreaterThan(20);
    await expect(legend).toContainText('灰：无年度计划');
    // No phase colour that RAG does not share is left on the map.
    const [prep, blue] = await countColours(page, shot, [PHASE_COLORS.preparatory, PHASE_COLORS.continuing], 12);
    expect(prep + blue).toBeLessThan(20);
    expect(foreignRequests).toEqual([]);
  });

  test('draws the projects from the Parquet file before the database is ready, then hands over to it', async ({
    page,
    foreignRequests
  }) => {
    // Hold duckdb-wasm's module back, and the month's facts file (read before the engine since
    // issue 23, when the map's points come from the page's index): the map must not wait for either to draw.
    let release!: () => void;
    const engineHeld = new Promise<void>((resolve) => (release = resolve));
    await page.context().route(/(duckdb-(eh|mvp)[^/]*\.wasm|\/facts\/[\d-]+\.parquet)$/, async (route) => {
      await engineHeld;
      await route.fallback();
    });
    await page.goto('./?test');
    const map = page.getByTestId('map-page');
    await expect(map).toHaveAttribute('data-points-from', 'preview', { timeout: 60_000 });
    await expect(map).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
    const early = Number(await map.getAttribute('data-rendered-points'));
    // Loading goes on, in a note that leaves the map visible.
    await expect(page.getByTestId('loading')).toBeVisible();
    // District land comes from MapLibre's worker, possibly after the points.
    const land = async () => (await countColours(page, await mapShot(page, 'map-first-paint-map'), [LAND], 3))[0];
    await expect.poll(land, { message: 'pixels of district land', timeout: 30_000 }).toBeGreaterThan(20_000);
    await page.screenshot({ path: 'test-results/screens/map-first-paint.png' });
    const counts = await countColours(
      page,
      await mapShot(page, 'map-first-paint-map'),
      PHASES.map((p) => PHASE_COLORS[p]),
      20
    );
    expect(
      counts.reduce((a, b) => a + b),
      'point pixels before the engine is ready'
    ).toBeGreaterThan(200);
    expect(await map.getAttribute('data-points-from')).toBe('preview');
    release();
    await expect(map).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
    await expect(page.getByTestId('loading')).toHaveCount(0);
    // The same projects: the query core's count is the first paint's.
    await expect(map).toHaveAttribute('data-busy', 'false');
    expect(await kpiProjects(page)).toBe(early);
    expect(Number(await map.getAttribute('data-rendered-points'))).toBe(early);
    expect(foreignRequests).toEqual([]);
  });

  test('switches colour mode from the toolbar and keeps it in the URL', async ({ page }) => {
    await openMap(page, './?test');
    await page.getByTestId('color-rag').click();
    await expect(page).toHaveURL(/color=rag/);
    await expect(page.getByTestId('map-legend')).toContainText('序时进度');
  });

  test('a filter change updates the map, the KPIs and the charts together', async ({ page }) => {
    await openMap(page, './?test');
    const before = Number(await page.getByTestId('map-page').getAttribute('data-rendered-points'));
    const kpiBefore = await kpiProjects(page);
    expect(kpiBefore).toBe(before);
    const industryBefore = await barValue(page, 'sector', 'industry');
    const newBefore = await barValue(page, 'phase', 'new');
    expect(newBefore).toBeGreaterThan(0);

    await page.getByTestId('filter-phase-new').check();
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-rendered-points', String(newBefore));
    await expect.poll(() => kpiProjects(page)).toBe(newBefore);
    await expect.poll(() => barValue(page, 'sector', 'industry')).toBeLessThan(industryBefore);
    // The phase chart owns the phase filter: its bars stay, with the chosen one marked.
    expect(await barValue(page, 'phase', 'continuing')).toBeGreaterThan(0);
    await expect(page.getByTestId('chart-phase').locator('[data-key="new"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/phase=new/);
    const shot = await mapShot(page, 'map-filter-new');
    const [newPx, contPx] = await countColours(page, shot, [PHASE_COLORS.new, PHASE_COLORS.continuing], 12);
    expect(newPx).toBeGreaterThan(20);
    expect(contPx).toBeLessThan(20);

    // A bar click filters the other views too.
    await page.getByTestId('filter-clear').click();
    await expect.poll(() => kpiProjects(page)).toBe(kpiBefore);
    await page.getByTestId('chart-sector').locator('[data-key="industry"]').click();
    await expect.poll(() => kpiProjects(page)).toBe(industryBefore);
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-rendered-points', String(industryBefore));
  });

  test('search by any Chinese substring of the name', async ({ page }) => {
    await openMap(page, './?test');
    await page.getByTestId('view-table').click();
    const first = await page.getByTestId('project-table').locator('tbody th button').first().textContent();
    const part = (first ?? '').trim().slice(2, 4);
    expect(part.length).toBe(2);
    // Counted independently of the app: the as-of month's facts file, read by DuckDB in Node.
    const expected = await projectsNamed(part);
    const all = await kpiProjects(page);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(all);
    await page.getByTestId('filter-search').fill(part);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(part).replace(/%/g, '%')}`));
    await expect.poll(() => kpiProjects(page)).toBe(expected);
    const names = page.getByTestId('project-table').locator('tbody th button');
    await expect(names).toHaveCount(Math.min(expected, 500));
    for (const name of await names.allTextContents()) expect(name).toContain(part);
  });

  test('opens a project card from the map, with its figures, curve, approvals and a permalink', async ({ page }) => {
    await openMap(page, './?test');
    await page.getByTestId('view-table').click();
    // The largest annual plan: a project under way, with a monthly curve.
    await page.getByTestId('sort-annual_plan').click();
    await expect(page.getByTestId('project-table').locator('th[aria-sort="descending"]')).toHaveCount(1);
    await page.getByTestId('project-table').locator('tbody th button').first().click();
    const card = page.getByTestId('project-card');
    await expect(card).toBeVisible();
    for (const text of [
      '总投资',
      '年度计划投资',
      '已完成投资',
      '项目业主',
      '责任单位',
      '包联领导',
      '完成率',
      '序时进度',
      '前期手续',
      '立项',
      '施工许可',
      '问题台账'
    ]) {
      await expect(card).toContainText(text);
    }
    await expect(page.getByTestId('monthly-curve')).toBeVisible();
    const curve = await page.getByTestId('monthly-curve').screenshot({ path: 'test-results/screens/map-card-curve.png' });
    const [actualPx, planPx] = await countColours(
      page,
      curve,
      [
        [213, 94, 0],
        [86, 180, 233]
      ],
      30
    );
    expect(actualPx, 'completed line').toBeGreaterThan(50);
    expect(planPx, 'plan line').toBeGreaterThan(30);
    const permalink = await page.getByTestId('card-permalink').getAttribute('href');
    expect(permalink).toMatch(/project=/);
    // The permalink reopens the card on the map.
    await openMap(page, `${permalink!.replace(/^.*\?/, './?test&')}`);
    await expect(page.getByTestId('project-card')).toBeVisible();
    await expect(page.getByTestId('project-card').locator('h2')).not.toBeEmpty();
    const ring = async () => (await countColours(page, await mapShot(page, 'map-project-selected'), [[20, 20, 20]], 16))[0];
    await expect.poll(ring, { message: 'highlight ring around the open project' }).toBeGreaterThan(10);
    await page.screenshot({ path: 'test-results/screens/map-project-card.png' });
  });

  test('box selection on the map filters the KPIs and can be cleared', async ({ page }) => {
    await openMap(page, './?test');
    const total = await kpiProjects(page);
    await page.getByTestId('tool-box').click();
    const box = (await page.getByTestId('project-map').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/box=/);
    await expect.poll(() => kpiProjects(page)).toBeLessThan(total);
    // The map keeps every point (it set the filter) and fades the ones outside the box.
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-rendered-points', String(total));
    await mapShot(page, 'map-box-selection');
    await page.getByTestId('clear-area').click();
    await expect.poll(() => kpiProjects(page)).toBe(total);
  });

  test('the table is reachable and sortable by keyboard', async ({ page }) => {
    await openMap(page, './?test&view=table');
    const table = page.getByTestId('project-table');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await page.getByTestId('sort-name').focus();
    await page.keyboard.press('Enter');
    await expect(table.locator('th[aria-sort="ascending"]')).toHaveCount(1);
    const names = await table.locator('tbody th').allTextContents();
    expect(names.length).toBeGreaterThan(1);
    await page.screenshot({ path: 'test-results/screens/map-table.png' });
  });

  test('the map shows keyboard focus, and Esc on a card returns focus to where the card was opened from', async ({ page }) => {
    await openMap(page, './?test');
    const canvas = page.getByTestId('project-map').locator('canvas');
    // Tab through the page until the map has the keyboard.
    for (let i = 0; i < 400 && !(await canvas.evaluate((c) => c === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(canvas).toBeFocused();
    expect(await canvas.evaluate((c) => getComputedStyle(c).outlineStyle)).not.toBe('none');
    await page.getByTestId('project-map').screenshot({ path: 'test-results/screens/map-keyboard-focus.png' });
    await page.getByTestId('view-table').click();
    const row = page.getByTestId('project-table').locator('tbody th button').first();
    const name = (await row.textContent())!.trim();
    await row.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('project-card').getByRole('heading', { level: 2 })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('project-card')).toHaveCount(0);
    await expect(page.getByTestId('project-table').locator('tbody th button', { hasText: name }).first()).toBeFocused();
  });

  test('shades districts by the chosen metric with value labels and a legend of the breaks', async ({ page }) => {
    const [, second] = await (await page.request.get('data/index.json')).json();
    test.skip(!second, 'needs a multi-district dataset');
    await openMap(page, `./?test&ds=${second.id}`);
    await page.getByTestId('choropleth-metric').selectOption('gap_points');
    await expect(page).toHaveURL(/choropleth=gap_points/);
    await expect(page.getByTestId('map-legend')).toContainText('分区着色：完成率与序时进度之差');
    await expect(page.getByTestId('map-legend')).toContainText('个百分点');
    // Diverging fills at 60% opacity over the land colour: orange behind plan, purple ahead.
    const blend = (c: [number, number, number]): [number, number, number] =>
      c.map((v, i) => Math.round(0.6 * v + 0.4 * [247, 245, 239][i])) as [number, number, number];
    const fills = [blend([230, 97, 1]), blend([253, 184, 99]), blend([178, 171, 210]), blend([94, 60, 153])];
    // MapLibre's worker restyles the districts after the metric changes: wait for the fills.
    const shaded = async () => (await countColours(page, await mapShot(page, 'map-choropleth-gap'), fills, 10)).reduce((a, b) => a + b);
    await expect.poll(shaded, { message: 'shaded district pixels', timeout: 30_000 }).toBeGreaterThan(20000);
  });

  test('a public dataset (no monthly reports or problems) still shows the map and a card without internal sections', async ({ page }) => {
    await page.route('**/data/*/meta.json', async (route) => {
      const res = await route.fetch();
      const meta = await res.json();
      await route.fulfill({ response: res, json: { ...meta, public: true } });
    });
    await openMap(page, './?test');
    await expect(page.getByTestId('kpi-rate')).toHaveCount(0);
    await expect(page.getByTestId('filter-rag-green')).toHaveCount(0);
    await page.getByTestId('view-table').click();
    await page.getByTestId('project-table').locator('tbody th button').first().click();
    const card = page.getByTestId('project-card');
    await expect(card.locator('h2')).not.toBeEmpty();
    await expect(card).toContainText('总投资');
    await expect(card).not.toContainText('前期手续');
    await expect(card).not.toContainText('问题台账');
    await expect(card).not.toContainText('包联领导');
    await expect(page.getByTestId('monthly-curve')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/map-public-card.png' });
  });

  test('a click on a district beside the projects filters by that district', async ({ page }) => {
    await openMap(page, './?test');
    const total = await kpiProjects(page);
    const map = page.getByTestId('project-map');
    const box = (await map.boundingBox())!;
    // District land comes from MapLibre's worker, possibly after the points: wait for it, then
    // click a spot of bare land (no project, border or label near it) found in the picture.
    let spots: { x: number; y: number }[] = [];
    await expect
      .poll(
        async () =>
          (spots = await colourSpots(page, await map.screenshot({ mask: [page.getByTestId('map-legend')], maskColor: '#000000' }))).length,
        {
          message: 'spots of bare district land',
          timeout: 30_000
        }
      )
      .toBeGreaterThan(0);
    const spot = spots[0];
    // The selected district's outline (#111111, 3 px, under the grey district line: a feature
    // state, district-states.ts): ~3,000 pixels near black at 1366×768, against ~250 without.
    const outline = async (name: string) => (await countColours(page, await mapShot(page, name), [[17, 17, 17]], 40))[0];
    const unselected = await outline('map-district-unselected');
    await page.mouse.click(box.x + spot.x, box.y + spot.y);
    await expect(page).toHaveURL(/district=\d+/);
    await expect.poll(() => kpiProjects(page)).toBeLessThan(total);
    await expect(page.getByTestId('chart-district').locator('[aria-pressed="true"]')).toHaveCount(1);
    await expect
      .poll(() => outline('map-district-click'), { message: 'outline pixels of the selected district' })
      .toBeGreaterThan(unselected + 1000);
    // A second click on it clears the filter, and the outline goes.
    await page.mouse.click(box.x + spot.x, box.y + spot.y);
    await expect(page).not.toHaveURL(/district=/);
    await expect.poll(() => outline('map-district-unclicked'), { message: 'outline pixels once cleared' }).toBeLessThan(unselected + 300);
    await expect.poll(() => kpiProjects(page)).toBe(total);
  });

  test('a lasso selects the projects inside it, and fit to selection zooms to them', async ({ page }) => {
    await openMap(page, './?test');
    const total = await kpiProjects(page);
    await page.getByTestId('tool-lasso').click();
    const box = (await page.getByTestId('project-map').boundingBox())!;
    const cx = box.x + box.width * 0.5;
    const cy = box.y + box.height * 0.6;
    await page.mouse.move(cx + 120, cy);
    await page.mouse.down();
    for (let a = 0; a <= 2 * Math.PI; a += Math.PI / 12) await page.mouse.move(cx + 120 * Math.cos(a), cy + 90 * Math.sin(a));
    await page.mouse.up();
    await expect(page).toHaveURL(/lasso=/);
    await expect.poll(() => kpiProjects(page)).toBeLessThan(total);
    await expect.poll(() => kpiProjects(page)).toBeGreaterThan(0);
    await mapShot(page, 'map-lasso');
    await page.getByTestId('tool-pan').click();
    const before = new URL(page.url()).searchParams.get('map');
    await page.getByTestId('fit-selection').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('map')).not.toBe(before);
    const zoom = Number(new URL(page.url()).searchParams.get('map')!.split(',')[2]);
    expect(zoom).toBeGreaterThan(8);
  });

  test('an earlier month shows less completed investment and puts the month in the URL', async ({ page }) => {
    await openMap(page, './?test');
    const completed = async () => (await page.getByTestId('kpi-completed').locator('.value').textContent()) ?? '';
    const asOf = await completed();
    const months = await page
      .getByTestId('filter-month')
      .locator('option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    await page.getByTestId('filter-month').selectOption(months[2]);
    await expect(page).toHaveURL(new RegExp(`month=${months[2]}`));
    await expect.poll(completed).not.toBe(asOf);
    const toNumber = (s: string) => Number(s.replace(/[^\d.]/g, ''));
    expect(toNumber(await completed())).toBeLessThan(toNumber(asOf));
  });

  test('hovering a project shows its name and phase', async ({ page }) => {
    await openMap(page, './?test');
    const box = (await page.getByTestId('project-map').boundingBox())!;
    const tooltip = page.getByTestId('map-tooltip');
    // Hover the inside of a dot of some phase colour, found in the picture.
    const picture = await mapShot(page, 'map-before-hover');
    let spot: { x: number; y: number } | undefined;
    for (const colour of Object.values(PHASE_COLORS)) spot ??= (await colourSpots(page, picture, 2, colour, 12))[0];
    expect(spot, 'a dot to hover').toBeDefined();
    await page.mouse.move(box.x + spot!.x, box.y + spot!.y);
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText(/预备项目|新开工项目|续建项目|竣工项目/);
    await expect(tooltip).toContainText('点击查看项目卡片');
    // The name arrives from a one-row query.
    await expect(tooltip.locator('strong')).not.toHaveText('…');
    await expect(tooltip.locator('strong')).not.toBeEmpty();
    await page.screenshot({ path: 'test-results/screens/map-tooltip.png' });
  });
});
