/**
 * The drill-down pages on the Liuzhou 2022 data: from the map into a district (a click on it), on
 * to a sector and back, every state in the URL and no data loaded twice; the comparison of two
 * districts and of a district with an earlier month, every difference against DuckDB; a deep link
 * under nginx with a sub-path; the keyboard's way in (the screens: drilldown-screens.spec.ts).
 */
import { readFileSync } from 'node:fs';
import type { Page, Request } from '@playwright/test';
import { colourSpots, duckdbRows, expect, kpiProjectCount, openMap, test } from './helpers.ts';
import { NGINX, NO_NGINX, startNginx, type NginxServer } from './nginx-server.ts';
import { drillSettled } from './drill-helpers.ts';
import type { QueryContext } from '../../src/lib/db/coordinator-client.ts';
import { toMonth } from '../../src/lib/metrics/month.ts';
import { metricRules } from '../../src/lib/metrics/preset.ts';
import { openProblemsQuery, rankingQuery } from '../../src/lib/queries/drilldown.ts';
import { statePredicate } from '../../src/lib/state/filters.ts';

const DS = 'liuzhou-2022';
const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string; facts_months: string[] };
const AS_OF = META.as_of.slice(0, 7);
const DISTRICTS = JSON.parse(readFileSync(`static/data/${DS}/districts.geojson`, 'utf8')) as {
  features: { properties: { code: string; name: string; name_en?: string } }[];
};
const nameOf = (code: string) => DISTRICTS.features.find((f) => f.properties.code === code)!.properties.name;
const facts = (month: string) => `read_parquet('static/data/${DS}/facts/${month}.parquet')`;
const NGINX_ORIGIN = 'http://127.0.0.1:4358';

async function count(where: string, month = AS_OF): Promise<number> {
  return Number((await duckdbRows(`SELECT count(*)::INTEGER AS n FROM ${facts(month)} WHERE in_plan AND ${where}`))[0].n);
}

const pathOf = (r: Request) => new URL(r.url()).pathname;
const phaseParam = (page: Page) => (new URL(page.url()).searchParams.get('phase') ?? '').split(',').sort();
/** A route's own code chunk (SvelteKit's nodes). */
const isRouteCode = (url: string) => /\/_app\/immutable\/nodes\/[^/]+\.js$/.test(url);
const isData = (p: string) => /\.(parquet|arrow)$|\/meta\.json$|\/districts\.geojson$|\/index\.json$/.test(p);

test.describe('drilling down', () => {
  test('from the map into a district (a click on it), on to a sector and back: the state in the URL, nothing loaded twice', async ({
    page,
    foreignRequests
  }) => {
    test.setTimeout(180_000);
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await openMap(page, `./?ds=${DS}&test`);
    await page.getByTestId('filter-phase-continuing').check();
    await page.getByTestId('filter-phase-new').check();
    await expect.poll(() => phaseParam(page)).toEqual(['continuing', 'new']);
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });

    // A click on bare land of a district selects it; its page is then one link away.
    const map = page.getByTestId('project-map');
    const box = (await map.boundingBox())!;
    let spots: { x: number; y: number }[] = [];
    await expect
      .poll(
        async () =>
          (spots = await colourSpots(page, await map.screenshot({ mask: [page.getByTestId('map-legend')], maskColor: '#000000' }))).length,
        {
          timeout: 30_000
        }
      )
      .toBeGreaterThan(0);
    await page.mouse.click(box.x + spots[0].x, box.y + spots[0].y);
    await expect(page).toHaveURL(/[?&]district=\d+/);
    const code = new URL(page.url()).searchParams.get('district')!;
    const link = page.getByTestId(`drill-link-district-${code}`);
    await expect(link).toBeVisible();
    await expect(link).toContainText(nameOf(code));
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    // The district page's code was fetched ahead, once the map had its data: the click fetches no code.
    await expect(page.getByTestId('app')).toHaveAttribute('data-pages-preloaded', 'true', { timeout: 60_000 });
    const codeBefore = requests.filter((r) => isRouteCode(r.url())).length;
    // Then what a first visit waits for (the problem ledger, the playback summary, its lists' rows) was loaded behind the map.
    await expect(page.getByTestId('app')).toHaveAttribute('data-pages-warmed', new RegExp(`^${DS}\\|`), { timeout: 60_000 });
    const onMap = requests.length;
    expect(
      [...new Set(requests.map(pathOf).filter(isData))]
        .filter((p) => /\/(problems|playback-summary)\.parquet$/.test(p))
        .map((p) => p.split('/').pop())
        .sort(),
      'warmed on the map'
    ).toEqual(['playback-summary.parquet', 'problems.parquet']);

    await link.click();
    await expect(page).toHaveURL(new RegExp(`/command-map/district/\\?(.*&)?d=${code}(&|$)`));
    await expect.poll(() => phaseParam(page)).toEqual(['continuing', 'new']);
    await expect(page).toHaveURL(new RegExp(`[?&]ds=${DS}(&|$)`));
    await drillSettled(page, 'district', code);
    await expect(page.getByTestId('drill-title')).toContainText(nameOf(code));
    await expect(page.getByTestId('crumb-root')).toHaveAttribute('href', new RegExp(`/command-map/\\?.*phase=new`));
    const inDistrict = await count(`district_code = '${code}' AND phase IN ('new', 'continuing')`);
    expect(inDistrict).toBeGreaterThan(0);
    await expect.poll(() => kpiProjectCount(page)).toBe(inDistrict);
    await expect(page.getByTestId('drill-page')).toHaveAttribute('data-rendered-points', String(inDistrict));
    // The month series reads every month of the data; the sectors' bars add up to the district.
    await expect(page.getByTestId('drill-series').locator('tbody tr')).toHaveCount(META.facts_months.length);
    const sectorBars = page.getByTestId('breakdown-sector-chart').locator('g[data-key]');
    const sectors = await sectorBars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key')!));
    expect(sectors.length).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/screens/drilldown-district-from-map.png' });
    expect(requests.filter((r) => isRouteCode(r.url())).length).toBe(codeBefore);
    const onDistrict = requests.length;

    // On to a sector, from its bar: the district becomes a filter, the path a breadcrumb.
    const sector = sectors[0];
    await page.getByTestId(`breakdown-sector-chart-link-${sector}`).click();
    await expect(page).toHaveURL(new RegExp(`/command-map/sector/\\?(.*&)?s=${sector}(&|$)`));
    await expect(page).toHaveURL(new RegExp(`[?&]via=d%3A${code}|[?&]via=d:${code}`));
    await expect(page).toHaveURL(new RegExp(`[?&]district=${code}(&|$)`));
    await drillSettled(page, 'sector', sector);
    await expect(page.getByTestId(`crumb-district-${code}`)).toHaveText(nameOf(code));
    await expect(page.getByTestId('active-filter-district')).toContainText(nameOf(code));
    const inSector = await count(`district_code = '${code}' AND sector = '${sector}' AND phase IN ('new', 'continuing')`);
    await expect.poll(() => kpiProjectCount(page)).toBe(inSector);
    // The districts' chart owns its dimension: every district of the sector is a bar, this one pressed.
    await expect(page.getByTestId('breakdown-district-chart').locator('[aria-pressed="true"]')).toHaveAttribute('data-key', code);
    await page.screenshot({ path: 'test-results/screens/drilldown-sector-from-district.png' });
    const onSector = requests.length;

    // Back to the district, then to the map, by the back button.
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/command-map/district/\\?(.*&)?d=${code}(&|$)`));
    await drillSettled(page, 'district', code);
    await expect.poll(() => kpiProjectCount(page)).toBe(inDistrict);
    await page.goBack();
    await expect(page).toHaveURL(/\/command-map\/\?/);
    await expect(page).toHaveURL(new RegExp(`[?&]district=${code}(&|$)`));
    const mapPage = page.getByTestId('map-page');
    await expect(mapPage).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
    await expect(mapPage).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    await expect(page.getByTestId('filter-phase-new')).toBeChecked();
    await expect.poll(() => kpiProjectCount(page)).toBe(inDistrict);
    await expect(mapPage).toHaveAttribute('data-rendered-points', String(inDistrict));

    // Nothing was loaded twice: the district page read only files the map had not (the other
    // months, for its series: the filter on phases keeps it from the playback summary), each as
    // one load reads a file (the same requests as the map's own month), and the sector page and
    // the way back read nothing.
    const files = (from: number, to: number) => requests.slice(from, to).map(pathOf).filter(isData);
    const name = (p: string) => p.split('/').pop()!;
    const mapFiles = new Set(files(0, onMap));
    expect(
      files(onMap, onDistrict).filter((p) => mapFiles.has(p)),
      'files the map had read, read again'
    ).toEqual([]);
    const perFile = (list: string[]) => list.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<string, number>());
    const asOfReads = perFile(files(0, onMap)).get(`/command-map/data/${DS}/facts/${AS_OF}.parquet`)!;
    for (const [file, n] of perFile(files(onMap, onDistrict))) expect(n, `requests for ${file}`).toBeLessThanOrEqual(asOfReads);
    const toDistrict = [...new Set(files(onMap, onDistrict).map(name))].sort();
    const expected = META.facts_months
      .filter((m) => m !== AS_OF)
      .map((m) => `${m}.parquet`)
      .sort();
    expect(toDistrict).toEqual(expected);
    expect(requests.slice(onDistrict).map(pathOf).filter(isData), 'data loaded after the district page').toEqual([]);
    // The engine comes when something needs SQL (here the district page's series over every
    // month, the filter being on phases), and only once.
    const engineFiles = requests.map(pathOf).filter((p) => /duckdb-[^/]*\.wasm$|duckdb-browser-[^/]*\.worker/.test(p));
    expect(engineFiles.length).toBeGreaterThan(0);
    expect(engineFiles, 'the engine fetched again').toEqual([...new Set(engineFiles)]);
    expect(onSector).toBeGreaterThanOrEqual(onDistrict);
    expect(foreignRequests).toEqual([]);
  });

  test('the comparison: a district against an earlier month and against another district, each difference exact', async ({ page }) => {
    test.setTimeout(120_000);
    const [a, b] = ['450202', '450203'];
    const earlier = META.facts_months.at(-4)!;
    await page.goto(`district/?d=${a}`);
    await drillSettled(page, 'district', a);
    await page.getByTestId('drill-compare').click();
    await expect(page).toHaveURL(new RegExp(`/compare/\\?(.*&)?a=${a}(&|$)`));
    await expect(page).toHaveURL(new RegExp(`[?&]via=d%3A${a}|[?&]via=d:${a}`));
    const table = page.getByTestId('compare-table');
    await expect(table).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    // By default the month before.
    const before = META.facts_months.at(-2)!;
    await expect(page).toHaveURL(new RegExp(`[?&]am=${before}(&|$)`));

    await page.getByTestId('compare-am').selectOption(earlier);
    await expect(page).toHaveURL(new RegExp(`[?&]am=${earlier}(&|$)`));
    await expect(table).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    const projectsNow = await count(`district_code = '${a}'`);
    const projectsThen = await count(`district_code = '${a}'`, earlier);
    await expect(page.getByTestId('compare-projects-a')).toHaveText(String(projectsNow));
    await expect(page.getByTestId('compare-projects-b')).toHaveText(String(projectsThen));
    const diff = projectsNow - projectsThen;
    await expect(page.getByTestId('compare-projects-diff')).toHaveText(`${diff > 0 ? '+' : diff < 0 ? '−' : '±'}${Math.abs(diff)}`);
    // Completed this year: the difference of the exact sums, in 万元.
    const sumCents = async (month: string, district: string) =>
      BigInt(
        String(
          (
            await duckdbRows(
              `SELECT CAST(coalesce(sum(basis_completed), 0) * 100 AS HUGEINT)::VARCHAR AS c FROM ${facts(month)} WHERE in_plan AND district_code = '${district}'`
            )
          )[0].c
        )
      );
    const completedDiff = (await sumCents(AS_OF, a)) - (await sumCents(earlier, a));
    expect(completedDiff).toBeGreaterThan(0n);
    await expect(page.getByTestId('compare-completed_ytd-diff')).toHaveText(new RegExp(`^\\+${yiText(completedDiff)}$`));
    await page.screenshot({ path: 'test-results/screens/drilldown-compare-months.png' });

    await page.getByTestId('compare-mode-other').click();
    await page.getByTestId('compare-b').selectOption(b);
    await expect(page).toHaveURL(new RegExp(`[?&]b=${b}(&|$)`));
    await expect(page).not.toHaveURL(/[?&]am=/);
    await expect(table).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    await expect(page.getByTestId('compare-head-b')).toContainText(nameOf(b));
    const planCents = async (district: string) =>
      BigInt(
        String(
          (
            await duckdbRows(
              `SELECT CAST(coalesce(sum(annual_plan) FILTER (WHERE phase <> 'preparatory'), 0) * 100 AS HUGEINT)::VARCHAR AS c FROM ${facts(AS_OF)} WHERE in_plan AND district_code = '${district}'`
            )
          )[0].c
        )
      );
    const planDiff = (await planCents(a)) - (await planCents(b));
    await expect(page.getByTestId('compare-annual_plan-diff')).toHaveText(
      new RegExp(`^${planDiff > 0n ? '\\+' : '−'}${yiText(planDiff < 0n ? -planDiff : planDiff)}$`)
    );
    await page.screenshot({ path: 'test-results/screens/drilldown-compare-districts.png' });
  });

  test('the keyboard reaches a district’s page from the map’s chart, and its sector bars', async ({ page }) => {
    const factsFiles: string[] = [];
    page.on('request', (r) => /\/facts\/\d{4}-\d{2}\.parquet$/.test(r.url()) && factsFiles.push(r.url()));
    await openMap(page, `./?ds=${DS}`);
    const code = '450203';
    const link = page.getByTestId(`chart-district-link-${code}`);
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await drillSettled(page, 'district', code);
    // No other filter: the month line is the playback summary's, every month of it, and no month's facts is read for it.
    const series = page.getByTestId('drill-series');
    await expect(series).toHaveAttribute('data-from', 'summary');
    await expect(series.locator('tbody tr')).toHaveCount(META.facts_months.length);
    expect(new Set(factsFiles.map((u) => u.replace(/.*\/facts\//, ''))).size).toBe(1);
    // Tab from the compare link into the chips, then on: every breakdown bar and its link are stops.
    const sectorLink = page.getByTestId('breakdown-sector-chart-link-industry');
    await sectorLink.focus();
    await expect(sectorLink).toBeFocused();
    await page.keyboard.press('Enter');
    await drillSettled(page, 'sector', 'industry');
    await expect(page.getByTestId('crumb-current')).toHaveText('产业发展');
  });

  test('a bar’s ↗ link carries the filters shown: made after the bars are drawn, and at once when it is used', async ({ page }) => {
    // `bench` puts the query core on the window (perf.ts), to change a filter and use a link in one task.
    await openMap(page, `./?ds=${DS}&bench`);
    const code = '450203';
    const link = page.getByTestId(`chart-district-link-${code}`);
    const params = async () => new URL((await link.getAttribute('href'))!, page.url()).searchParams;
    await expect.poll(async () => (await params()).get('d')).toBe(code);
    expect((await params()).get('phase')).toBeNull();
    // A filter from a bar: the links follow once the browser is idle, with no pointer near them.
    await page.getByTestId('chart-phase').locator('g[data-key="continuing"]').click();
    await expect.poll(async () => (await params()).get('phase')).toBe('continuing');
    await expect(page).toHaveURL(/phase=continuing/);
    // Another filter, and the link focused in the same task, before the browser is idle: its address is made then.
    const focused = await page.evaluate(async (code) => {
      const core = window.__cm!.core;
      core.update({ filters: { ...core.filters, sector: ['industry'] } });
      await core.coordinator.whenIdle();
      const a = document.querySelector<SVGAElement>(`[data-testid="chart-district-link-${code}"]`)!;
      a.focus();
      return a.getAttribute('href');
    }, code);
    const sp = new URL(focused!, page.url()).searchParams;
    expect([sp.get('d'), sp.get('phase'), sp.get('sector')]).toEqual([code, 'continuing', 'industry']);
    // Followed, it opens the district's page with both filters.
    await link.click();
    await drillSettled(page, 'district', code);
    expect(phaseParam(page)).toEqual(['continuing']);
    expect(new URL(page.url()).searchParams.get('sector')).toBe('industry');
  });

  test('a district’s ranked projects and open problems are DuckDB’s, on the first district’s page and on the next one’s', async ({
    page
  }) => {
    test.setTimeout(180_000);
    const month = toMonth(AS_OF);
    const rules = metricRules(JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')).rule_preset);
    /** The view's own query for the district, run by DuckDB in Node on the dataset's files. */
    const expected = async (code: string, query: (ctx: QueryContext) => { toString(): string }) => {
      const ctx = {
        filter: statePredicate({ district: [code] }),
        month,
        rules,
        internal: true,
        facts: { facts: 'facts' },
        factsOf: () => ({ facts: 'facts' })
      } as QueryContext;
      const sources = `WITH facts AS (SELECT * FROM ${facts(AS_OF)}), problems AS (SELECT * FROM read_parquet('static/data/${DS}/problems.parquet'))`;
      return duckdbRows(`${sources} ${String(query(ctx))}`);
    };
    const ids = (section: string, item: string) =>
      page
        .getByTestId(section)
        .locator(`${item}[data-id]`)
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

    await openMap(page, `./?ds=${DS}`);
    const seen: number[] = [];
    for (const code of ['450202', '450203']) {
      const link = page.getByTestId(`chart-district-link-${code}`);
      await link.focus();
      await page.keyboard.press('Enter');
      await drillSettled(page, 'district', code);
      for (const ranking of ['behind_wan', 'behind_points', 'contributors'] as const) {
        await page.getByTestId(`rank-${ranking}`).click();
        await drillSettled(page, 'district', code);
        const rows = await expected(code, (ctx) => rankingQuery(ctx, ranking, 10));
        expect(await ids('drill-ranking', 'tr'), `${code} ${ranking}`).toEqual(rows.map((r) => String(r.id)));
        seen.push(rows.length);
      }
      const problems = await expected(code, (ctx) => openProblemsQuery(ctx, 50));
      expect(await ids('drill-problems', 'li'), `${code} problems`).toEqual(problems.map((r) => String(r.id)));
      if (problems.length) await expect(page.getByTestId('problems-count')).toContainText(String(problems[0].total));
      seen.push(problems.length);
      await page.getByTestId('drill-ranking').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/drilldown-lists-${code}.png` });
      await page.getByTestId('crumb-root').click();
      await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    }
    expect(seen.filter((n) => n > 0).length).toBeGreaterThanOrEqual(6);
  });

  test('a district the dataset does not have is said so, and the project card links to its district and sector', async ({ page }) => {
    await page.goto('district/?d=999999');
    await expect(page.getByTestId('drill-missing')).toContainText('999999', { timeout: 60_000 });
    await openMap(page, `./?ds=${DS}`);
    await page.getByTestId('view-table').click();
    await page.getByTestId('project-table').locator('tbody th button').first().click();
    const districtLink = page.getByTestId('card-district-link');
    await expect(districtLink).toBeVisible();
    const code = new URL((await districtLink.getAttribute('href'))!, 'http://x').searchParams.get('d')!;
    await districtLink.click();
    await drillSettled(page, 'district', code);
  });
});

/** Cents of 万元 as the page writes an amount: 亿元 from 1亿 (two decimals), else 万元 with thousands separators. */
function yiText(cents: bigint): string {
  const round = (c: bigint, unit: bigint) => {
    const q = c / unit;
    return q + (c % unit >= unit / 2n ? 1n : 0n);
  };
  if (cents >= 1_000_000n) {
    const v = round(cents, 10_000n);
    return `${(v / 100n).toLocaleString('en-US')}\\.${String(v % 100n).padStart(2, '0')}亿元`;
  }
  return `${(cents / 100n).toLocaleString('en-US')}\\.${String(cents % 100n).padStart(2, '0')}万元`;
}

test.describe('a deep link to a district under nginx with a sub-path', () => {
  test.skip(!NGINX, NO_NGINX);
  let server: NginxServer | null = null;
  test.beforeAll(async () => {
    server = await startNginx(4358);
  });
  test.afterAll(() => server?.stop());

  test('opens the district page with its filters, without rewrite rules', async ({ page, foreignRequests }) => {
    test.setTimeout(120_000);
    foreignRequests.length = 0;
    const foreign: string[] = [];
    await page.unroute('**/*');
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(NGINX_ORIGIN) || url.startsWith('data:') || url.startsWith('blob:')) return route.fallback();
      foreign.push(url);
      return route.abort();
    });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const code = '450203';
    const response = await page.goto(`${NGINX_ORIGIN}/command-map/district/?ds=${DS}&d=${code}&phase=new&test`);
    expect(response?.status()).toBe(200);
    await drillSettled(page, 'district', code);
    await expect(page).toHaveURL(new RegExp(`^${NGINX_ORIGIN}/command-map/district/\\?`));
    await expect(page.getByTestId('drill-title')).toContainText(nameOf(code));
    await expect(page.getByTestId('active-filter-phase').locator('.text')).toHaveText('项目类型：新开工项目');
    await expect.poll(() => kpiProjectCount(page)).toBe(await count(`district_code = '${code}' AND phase = 'new'`));
    await page.screenshot({ path: 'test-results/screens/drilldown-nginx.png' });
    expect(failed).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
