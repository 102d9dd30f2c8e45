/**
 * The programme overview (总览) on the Liuzhou 2022 plan: the annex with today's programme, the
 * reconciliation of the initial plan with supplements and exits, the check against the published
 * figures, links from every figure to its projects on the map, hosting under nginx, and layouts
 * from a phone to a wall screen.
 */
import { readFileSync } from 'node:fs';
import { duckdbRows, expect, kpiProjectCount, openOverview, test } from './helpers.ts';
import { NGINX, NO_NGINX, startNginx, type NginxServer } from './nginx-server.ts';

const NGINX_ORIGIN = 'http://127.0.0.1:4319';

const INDEX = JSON.parse(readFileSync('static/data/index.json', 'utf8')) as { id: string }[];
const DS = INDEX[0].id;
const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string };
const FACTS = `read_parquet('static/data/${DS}/facts/${META.as_of.slice(0, 7)}.parquet')`;

/** Cents of 万元 as 亿元 with two decimals, rounded half up (0.01亿元 = 100万元 = 10,000 cents). */
function centsToYi(cents: bigint): string {
  const units = cents / 10000n + (cents % 10000n >= 5000n ? 1n : 0n);
  return `${units / 100n}.${String(units % 100n).padStart(2, '0')}`;
}

test.describe('the programme overview', () => {
  test("shows the Liuzhou annex with today's programme, the reconciliation of supplements and exits, and flags the published continuing total", async ({
    page,
    foreignRequests
  }) => {
    test.skip(DS !== 'liuzhou-2022', 'the figures are those of the Liuzhou 2022 plan');
    await openOverview(page);

    // Today's implementation annual plan: initial 776.93 + supplements − exits, straight from the facts file.
    const [{ cents }] = await duckdbRows(
      `SELECT CAST(sum(annual_plan) * 100 AS HUGEINT)::VARCHAR AS cents FROM ${FACTS} WHERE phase <> 'preparatory' AND in_plan`
    );
    const computed = centsToYi(BigInt(String(cents)));
    expect(computed).toBe('794.61');
    await expect(page.getByTestId('annex-implementation-annual')).toHaveText(computed);

    const recon = page.getByTestId('overview-reconciliation');
    await expect(recon.getByTestId('recon-initial-projects')).toHaveText('955');
    await expect(recon.getByTestId('recon-supplement-1-projects')).toHaveText('18');
    await expect(recon.getByTestId('recon-supplement-2-projects')).toHaveText('9');
    await expect(recon.getByTestId('recon-exited-projects')).toHaveText('5');
    await expect(recon.getByTestId('recon-current-projects')).toHaveText('977');
    await expect(recon.getByTestId('recon-initial-annual')).toHaveText('776.93');
    await expect(recon.getByTestId('recon-current-annual')).toHaveText(computed);
    await expect(recon.getByTestId('recon-check')).toContainText('✓');
    // The row labels say what is added and taken away.
    await expect(recon.locator('tr[data-row="supplement-1"] th')).toContainText('+');
    await expect(recon.locator('tr[data-row="exited"] th')).toContainText('−');
    await expect(recon.locator('tr[data-row="current"] th')).toContainText('=');
    await expect(page.getByTestId('annex-all-projects')).toHaveText('977');

    // The published continuing total 3182.43 against the data's 3182.44: flagged, and explained.
    const published = page.getByTestId('overview-published');
    const flagged = published.getByTestId('published-differs').filter({ hasText: '3182.44' });
    await expect(flagged).toHaveCount(1);
    await expect(flagged.locator('xpath=following-sibling::td[1]')).toHaveText('3182.43');
    await expect(flagged.locator('xpath=ancestor::tr/th')).toContainText('续建项目');
    const note = page.getByTestId('published-notes').locator('li').filter({ hasText: '3182.43' }).filter({ hasText: '3182.44' });
    await expect(note).toHaveCount(1);
    await expect(note).toContainText('续建项目');
    // Tall enough for each table whole (an element screenshot does not scroll the page's scroller).
    await page.setViewportSize({ width: 1440, height: 2400 });
    await page.getByTestId('overview-reconciliation').screenshot({ path: 'test-results/screens/overview-reconciliation.png' });
    await page.getByTestId('overview-published').screenshot({ path: 'test-results/screens/overview-published.png' });
    expect(foreignRequests).toEqual([]);
  });

  test('every annex figure links to the map filtered to its projects, and the map counts the same number', async ({ page }) => {
    await openOverview(page);
    const cell = page.getByTestId('annex-continuing:industry-projects');
    const number = Number(((await cell.textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(number).toBeGreaterThan(0);
    const [{ n }] = await duckdbRows(
      `SELECT count(*)::INTEGER AS n FROM ${FACTS} WHERE in_plan AND phase = 'continuing' AND sector = 'industry'`
    );
    expect(number).toBe(Number(n));
    // Every figure of the annex is a link to the map.
    const figures = page.getByTestId('overview-annex').locator('tbody td.num [data-testid^="annex-"]');
    expect(await figures.count()).toBeGreaterThan(10);
    const notLinks = await figures.evaluateAll((els) =>
      els.filter((e) => e.tagName !== 'A' || !e.getAttribute('href')).map((e) => e.getAttribute('data-testid'))
    );
    expect(notLinks).toEqual([]);

    await cell.click();
    await expect(page).toHaveURL(/\/command-map\/\?/);
    await expect(page).toHaveURL(/[?&]phase=continuing(&|$)/);
    await expect(page).toHaveURL(/[?&]sector=industry(&|$)/);
    const map = page.getByTestId('map-page');
    await expect(map).toBeVisible({ timeout: 60_000 });
    await expect(map).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
    await expect(map).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    await expect.poll(() => kpiProjectCount(page)).toBe(number);
    await expect(map).toHaveAttribute('data-rendered-points', String(number));
    await expect(page.getByTestId('filter-phase-continuing')).toBeChecked();
    await expect(page.getByTestId('filter-sector-industry')).toBeChecked();
    await page.screenshot({ path: 'test-results/screens/overview-link-to-map.png' });
  });
});

test.describe('the overview under nginx with a sub-path', () => {
  test.skip(!NGINX, NO_NGINX);
  let server: NginxServer | null = null;
  test.beforeAll(async () => {
    server = await startNginx(4319);
  });
  test.afterAll(() => server?.stop());

  test('a deep link to the overview works under nginx without rewrite rules', async ({ page, foreignRequests }) => {
    test.setTimeout(120_000);
    // The fixture allows only the Playwright server's origin; nginx is a second local origin.
    foreignRequests.length = 0;
    const foreign: string[] = [];
    await page.unroute('**/*');
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(NGINX_ORIGIN) || url.startsWith('data:') || url.startsWith('blob:')) return route.fallback();
      foreign.push(url);
      return route.abort();
    });
    const notFound: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) notFound.push(`${r.status()} ${r.url()}`);
    });
    const response = await page.goto(`${NGINX_ORIGIN}/command-map/overview/?ds=${DS}&phase=new`);
    // The page itself, not the 404 page standing in for a route nginx does not know.
    expect(response?.status()).toBe(200);
    await openOverview(page, null);
    await expect(page).toHaveURL(new RegExp(`^${NGINX_ORIGIN}/command-map/overview/\\?`));
    await expect(page.getByTestId('active-filter-phase').locator('.text')).toHaveText('项目类型：新开工项目');
    await expect(page.getByTestId('nav-overview')).toHaveAttribute('aria-current', 'page');
    const rows = await page
      .getByTestId('overview-annex')
      .locator('tbody tr[data-row]')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row')!));
    expect(rows).toContain('new');
    expect(rows.filter((r) => r !== 'all' && r !== 'new' && !r.startsWith('new:'))).toEqual([]);
    await expect(page.getByTestId('annex-all-projects')).toHaveText((await page.getByTestId('annex-new-projects').textContent())!);
    await page.screenshot({ path: 'test-results/screens/overview-nginx.png' });
    expect(notFound).toEqual([]);
    expect(foreign).toEqual([]);
  });
});

test.describe('the overview on screens from a phone to a wall', () => {
  for (const [width, height] of [
    [390, 844],
    [1366, 768],
    [1920, 1080]
  ] as const) {
    test(`at ${width}×${height} the page does not scroll sideways and the annex table scrolls within its box`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await openOverview(page);
      await page.screenshot({ path: `test-results/screens/overview-${width}x${height}.png` });

      const layout = await page.evaluate(() => {
        const overview = document.querySelector<HTMLElement>('[data-testid="overview-page"]')!;
        const box = document.querySelector<HTMLElement>('[data-testid="overview-annex"] .scroll')!;
        const table = box.querySelector('table')!;
        const r = box.getBoundingClientRect();
        return {
          innerWidth,
          documentScroll: document.documentElement.scrollWidth,
          bodyScroll: document.body.scrollWidth,
          overviewScroll: overview.scrollWidth,
          overviewClient: overview.clientWidth,
          boxLeft: r.left,
          boxRight: r.right,
          boxClient: box.clientWidth,
          boxScroll: box.scrollWidth,
          tableWidth: table.getBoundingClientRect().width,
          overflowX: getComputedStyle(box).overflowX
        };
      });
      // Neither the document nor the overview (the page's own scroller) scrolls sideways (soft:
      // the annex's own checks below still run when the page does).
      expect.soft(layout.documentScroll, 'document scroll width').toBeLessThanOrEqual(layout.innerWidth);
      expect.soft(layout.bodyScroll, 'body scroll width').toBeLessThanOrEqual(layout.innerWidth);
      expect.soft(layout.overviewScroll, 'overview scroll width').toBeLessThanOrEqual(layout.overviewClient);
      // The annex's box stays on the screen and scrolls what does not fit.
      expect(layout.boxLeft).toBeGreaterThanOrEqual(0);
      expect(layout.boxRight).toBeLessThanOrEqual(layout.innerWidth);
      expect(['auto', 'scroll']).toContain(layout.overflowX);
      if (width < 760) {
        // A phone cannot show the nine columns: the table is wider than its box and scrolls in it.
        expect(layout.boxScroll, 'annex table wider than its box on a phone').toBeGreaterThan(layout.boxClient);
        const box = page.getByTestId('overview-annex').locator('.scroll');
        await box.scrollIntoViewIfNeeded();
        await box.evaluate((el) => el.scrollBy({ left: 200 }));
        await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
        // Scrolling the table moved the table only, not the page.
        expect(
          await page.evaluate(
            () => document.documentElement.scrollLeft + (document.querySelector('[data-testid="overview-page"]') as HTMLElement).scrollLeft
          )
        ).toBe(0);
        await page.screenshot({ path: `test-results/screens/overview-${width}x${height}-annex-scrolled.png` });
      } else {
        // On a desktop the table fits its box.
        expect(layout.boxScroll, 'annex table fits its box').toBeLessThanOrEqual(layout.boxClient);
      }
    });
  }
});
