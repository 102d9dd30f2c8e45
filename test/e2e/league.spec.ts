/**
 * The league tables (排名) on the Lishui 2018 data: both sequences shown, their ranks and rank
 * changes equal to the league SQL builders' answer run through the page's own DuckDB, a weight
 * changed on screen goes to the URL and changes the composite as the builders say, a district's
 * name opens its page (Guiyang's rules and the screens: league-screens.spec.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { withWeights } from '../../src/lib/views/league/weights.ts';
import { parseCsv } from './data-helpers.ts';
import { duckdbRows, expect, test } from './helpers.ts';
import { DS, META, RANKING, type PageCore, leagueSettled, builderRanks, nodeLeague, shownRows } from './league-helpers.ts';

test.describe('the league tables', () => {
  test('show both sequences with the ranks and rank changes the league SQL builders give in the page’s DuckDB', async ({
    page,
    foreignRequests
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`league/?ds=${DS}&bench`);
    await leagueSettled(page);
    await expect(page.getByTestId('league-period')).toContainText('每月一排');

    for (const sequence of RANKING.sequences) {
      const expected = (await builderRanks(page, RANKING, sequence.id)).filter((r) => r.rankable);
      const shown = await shownRows(page, sequence.id);
      expect(expected.length).toBeGreaterThan(1);
      expect(shown.map((r) => [r.unit, r.rank])).toEqual(expected.map((r) => [String(r.unit), Number(r.composite_rank)]));
      for (const [i, r] of shown.entries()) {
        const e = expected[i];
        const tied = expected.filter((x) => x.composite_rank === e.composite_rank).length > 1;
        expect(r.rankText).toBe(tied ? `并列${e.composite_rank}` : String(e.composite_rank));
        const change =
          e.rank_change === null
            ? '—'
            : Number(e.rank_change) > 0
              ? `▲${e.rank_change}`
              : Number(e.rank_change) < 0
                ? `▼${-Number(e.rank_change)}`
                : '持平';
        expect(r.change).toBe(change);
      }
    }
    // The score of the first district, line by line, ends in its composite.
    const districts = page.getByTestId(`league-${RANKING.sequences[0].id}`);
    await districts.getByTestId('league-details').first().click();
    const first = (await shownRows(page, RANKING.sequences[0].id))[0];
    await expect(districts.getByTestId('league-score-lines')).toContainText(`综合得分 = ${first.composite}`);
    await expect(districts.getByTestId('league-score-lines').locator('li')).toHaveCount(RANKING.composite.items.length + 1);
    for (const s of RANKING.sequences)
      await expect(page.locator(`[data-testid="league-demerits"][data-sequence="${s.id}"]`)).toHaveAttribute('data-loaded', 'true');
    expect(foreignRequests).toEqual([]);
  });

  test('show the same ranks as the league table computed in Node (@duckdb/node-api) over the dataset’s files', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`league/?ds=${DS}&bench`);
    await leagueSettled(page);
    const month = await page.evaluate(() => (window as unknown as { __cm: { core: PageCore } }).__cm.core.month.key);
    const rows = await nodeLeague(month);
    for (const sequence of RANKING.sequences) {
      const expected = rows.filter((r) => r.sequence === sequence.id && r.rankable);
      expect(expected.length).toBeGreaterThan(1);
      const byUnit = (a: [string, number, string], b: [string, number, string]) => a[0].localeCompare(b[0]);
      const shown = (await shownRows(page, sequence.id)).map((r): [string, number, string] => [r.unit, r.rank, r.change]);
      const change = (c: unknown) => (c === null ? '—' : Number(c) > 0 ? `▲${c}` : Number(c) < 0 ? `▼${-Number(c)}` : '持平');
      expect(shown.sort(byUnit)).toEqual(
        expected.map((r): [string, number, string] => [String(r.unit), Number(r.composite_rank), change(r.rank_change)]).sort(byUnit)
      );
    }
  });

  test('a weight changed on screen goes to the URL and changes the composite as the builders say', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`league/?ds=${DS}&bench`);
    await leagueSettled(page);
    const id = RANKING.sequences[0].id;
    const before = await shownRows(page, id);
    const input = page.getByTestId('league-weight-gap_points');
    await input.fill('3');
    await input.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('w')).toBe('gap_points:3');
    await expect.poll(async () => (await shownRows(page, id)).map((r) => r.composite)).not.toEqual(before.map((r) => r.composite));
    await leagueSettled(page);
    const expected = (await builderRanks(page, withWeights(RANKING, { gap_points: 3 }), id)).filter((r) => r.rankable);
    const shown = await shownRows(page, id);
    expect(shown.map((r) => [r.unit, r.rank, r.composite])).toEqual(
      expected.map((r) => [String(r.unit), Number(r.composite_rank), Number(r.composite).toFixed(2)])
    );

    // The URL brings the weight back.
    await page.reload();
    await leagueSettled(page);
    await expect(page.getByTestId('league-weight-gap_points')).toHaveValue('3');
    await page.getByTestId('league-weights-reset').click();
    await expect.poll(() => new URL(page.url()).searchParams.has('w')).toBe(false);
  });

  test('a sequence exports as CSV with the ranks and composites shown', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`league/?ds=${DS}`);
    await leagueSettled(page);
    const section = page.getByTestId(`league-${RANKING.sequences[0].id}`);
    const shown = await shownRows(page, RANKING.sequences[0].id);
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), section.getByTestId('data-export-csv').click()]);
    const rows = parseCsv(readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, ''));
    expect(rows[0].slice(0, 3)).toEqual(['名次', '单位', '综合得分']);
    const ranked = rows.slice(1).filter((r) => r[0] !== '');
    expect(ranked.map((r) => Number(r[0]))).toEqual(shown.map((r) => r.rank));
    expect(ranked.map((r) => Number(r[2]).toFixed(2))).toEqual(shown.map((r) => r.composite));
  });

  test('a district’s name opens its district page', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`league/?ds=${DS}`);
    await leagueSettled(page);
    const row = page.getByTestId(`league-${RANKING.sequences[0].id}`).getByTestId('league-row').first();
    const code = (await row.getAttribute('data-unit'))!;
    await page.getByTestId(`league-unit-${code}`).first().click();
    await expect(page).toHaveURL(new RegExp(`/district/\\?.*d=${code}`));
    await expect(page.getByTestId('drill-page')).toHaveAttribute('data-key', code, { timeout: 60_000 });
  });
  test('a department’s name opens the map filtered by its lead unit', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`league/?ds=${DS}`);
    await leagueSettled(page);
    const row = page.getByTestId(`league-${RANKING.sequences[1].id}`).getByTestId('league-row').first();
    const unit = (await row.getAttribute('data-unit'))!;
    await row.getByTestId(`league-unit-${unit}`).click();
    await expect(page.getByTestId('map-page')).toBeVisible({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('unit')).toBe(unit);
  });

  test('a figure opens its projects on the data page: a district’s start rate shows its new projects, the not started first', async ({
    page
  }) => {
    test.setTimeout(180_000);
    await page.goto(`league/?ds=${DS}`);
    await leagueSettled(page);
    const row = page.getByTestId(`league-${RANKING.sequences[0].id}`).getByTestId('league-row').first();
    const code = (await row.getAttribute('data-unit'))!;
    await row.locator('[data-testid="league-figure"][data-metric="start_rate"]').click();
    await expect(page.getByTestId('data-page')).toBeVisible({ timeout: 60_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('district')).toBe(code);
    expect(url.searchParams.get('phase')).toBe('new');
    expect(url.searchParams.get('sort')).toBe('started,-total_investment');
    // The league's month: the dataset's latest, as the page opened without a month.
    const month = META.as_of.slice(0, 7);
    expect(url.searchParams.has('month')).toBe(false);
    const [expected] = await duckdbRows(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE NOT started)::INTEGER AS lagging FROM read_parquet('static/data/${DS}/facts/${month}.parquet') WHERE in_plan AND phase = 'new' AND district_code = '${code}'`
    );
    const table = page.getByTestId('data-table');
    await expect(table).toHaveAttribute('data-count', String(expected.n), { timeout: 60_000 });
    await expect(table.getByTestId('data-sort-started')).toBeVisible();
    const column = await table
      .locator('thead tr.head th')
      .evaluateAll((ths) => ths.findIndex((th) => th.querySelector('[data-testid="data-sort-started"]')));
    const firstStarted = table.locator('tbody tr').first().locator('td').nth(column);
    await expect(firstStarted).toHaveText(Number(expected.lagging) > 0 ? '否' : '是');
  });

  test('demerits are counted by lead unit too, and a unit’s missed targets open, each project linking to its card on the map', async ({
    page
  }) => {
    test.setTimeout(180_000);
    await page.goto(`league/?ds=${DS}`);
    await leagueSettled(page);
    const units = page.locator('[data-testid="league-demerits"][data-sequence="units"]');
    await expect(units).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    const row = units.getByTestId('league-demerits-row').first();
    const missed = Number((await row.locator('td').nth(1).textContent())!.replace(/,/g, ''));
    const unit = (await row.getAttribute('data-unit'))!;
    const unitLink = new URL((await row.locator('th a').getAttribute('href'))!, page.url());
    expect(unitLink.searchParams.get('unit')).toBe(unit);
    expect(missed).toBeGreaterThan(0);
    await row.getByTestId('league-demerits-behind').click();
    const behind = units.getByTestId('league-missed');
    await expect(behind).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    await expect(behind.getByTestId('league-missed-row')).toHaveCount(missed);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await units.screenshot({ path: 'test-results/screens/league-demerits-units-open.png' });
    const project = behind.getByTestId('league-missed-project').first();
    const id = (await behind.getByTestId('league-missed-row').first().getAttribute('data-project'))!;
    await project.click();
    await expect(page.getByTestId('map-page')).toBeVisible({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('project')).toBe(id);
    await expect(page.getByTestId('project-card')).toBeVisible({ timeout: 60_000 });
  });

  test('a sequence saves as a PNG picture at twice the pixel density, fetching nothing', async ({ page, foreignRequests }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    const fonts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'font' || /\.(woff2?|ttf|otf)(\?|$)/.test(r.url())) fonts.push(r.url());
    });
    await page.goto(`league/?ds=${DS}`);
    await leagueSettled(page);
    const section = page.getByTestId(`league-${RANKING.sequences[0].id}`);
    const rows = await section.getByTestId('league-row').count();
    const [file] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      section.getByTestId('league-export-png').click()
    ]);
    expect(file.suggestedFilename()).toMatch(/\.png$/);
    const png = readFileSync((await file.path())!);
    mkdirSync('test-results/screens', { recursive: true });
    writeFileSync('test-results/screens/league-export.png', png);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    // Twice the CSS size: a header, a title and 32 px per unit, at two device pixels each.
    expect(height).toBeGreaterThan(2 * 32 * rows);
    expect(height).toBeLessThan(2 * (32 * rows + 400));
    expect(width).toBeGreaterThan(1200);
    expect(width).toBeLessThan(8000);
    expect(png.length).toBeGreaterThan(20_000);
    expect(fonts).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  test('a quarterly preset ranks on the quarter’s last month: Jiujiang in May 2023 shows the first quarter, against the quarter before', async ({
    page
  }) => {
    test.setTimeout(120_000);
    await page.goto('league/?ds=jiujiang-2021-2023&month=2023-05');
    await expect(page.getByTestId('league-page')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('league-period')).toContainText('每季一排（2023-Q1）');
    const districts = page.getByTestId('league-districts');
    await expect(districts).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    await expect(districts.getByTestId('league-row').first()).toBeVisible();
    await expect(districts.locator('.change').first()).not.toHaveText('无上期');
  });

  test('a public dataset is told it has no rankings', async ({ page }) => {
    await page.route('**/data/*/meta.json', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), public: true } });
    });
    await page.goto(`league/?ds=${DS}`);
    await expect(page.getByTestId('league-public')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('league-row')).toHaveCount(0);
  });
});
