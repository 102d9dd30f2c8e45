/**
 * What the browser loads, and when: the month's facts file only, another month's when the month
 * changes, and for a project card only that project's row groups of the source files, over HTTP
 * range requests from the static server.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { fulfilRanged } from './damaged-data.ts';
import { expect, openMap, test } from './helpers.ts';

const SOURCE_FILE = /\/(projects|monthly|problems)\.parquet$/;

/** Every request for a Parquet file: its name, method and Range header. */
function recordParquet(page: Page) {
  const seen: { file: string; method: string; range: string | null }[] = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.endsWith('.parquet')) seen.push({ file: p.split('/data/')[1], method: r.method(), range: r.headers()['range'] ?? null });
  });
  return seen;
}

async function openCardOfLargestPlan(page: Page) {
  await page.getByTestId('view-table').click();
  await page.getByTestId('sort-annual_plan').click();
  const table = page.getByTestId('project-table');
  // The rows in the new order (the sorted rows come once the engine answers, behind what it loads for other pages).
  await expect
    .poll(() =>
      table.evaluate((el) => {
        const heads = [...el.querySelectorAll('thead th')];
        const col = heads.findIndex((th) => th.querySelector('[data-testid="sort-annual_plan"]'));
        if (heads[col]?.getAttribute('aria-sort') !== 'descending') return false;
        const wan = (text: string | null | undefined) => {
          const n = Number((text ?? '').replace(/[^\d.]/g, ''));
          return /亿/.test(text ?? '') ? n * 10_000 : n;
        };
        const plans = [...el.querySelectorAll('tbody tr')].map((tr) => wan(tr.children[col]?.textContent));
        return plans.length > 1 && plans.every((v) => v <= plans[0]);
      })
    )
    .toBe(true);
  await table.locator('tbody th button').first().click();
  const card = page.getByTestId('project-card');
  await expect(card.locator('h2')).not.toBeEmpty();
  await expect(page.getByTestId('monthly-curve')).toBeVisible();
  return card;
}

test.describe('lazy loading', () => {
  test('the map loads one facts file, and another month loads only that month', async ({ page }) => {
    const seen = recordParquet(page);
    // Besides the months: what a first click into a district's page waits for, loaded once the map has its data.
    const WARMED = /\/(problems|playback-summary)\.parquet$/;
    const files = () => [...new Set(seen.map((s) => s.file))].filter((f) => !WARMED.test(f));
    await openMap(page, './?test');
    await expect(page.getByTestId('app')).not.toHaveAttribute('data-pages-warmed', '', { timeout: 60_000 });
    expect(files()).toEqual([expect.stringMatching(/\/facts\/\d{4}-\d{2}\.parquet$/)]);
    expect([...new Set(seen.map((s) => s.file.split('/').pop()!))].filter((f) => WARMED.test(`/${f}`)).sort()).toEqual([
      'playback-summary.parquet',
      'problems.parquet'
    ]);
    await page.getByTestId('filter-month').selectOption({ index: 0 });
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    const month = await page.getByTestId('filter-month').inputValue();
    expect(files()).toEqual([expect.stringMatching(/\/facts\//), expect.stringMatching(new RegExp(`/facts/${month}\\.parquet$`))]);
    // A month's facts file is fetched once, whole (the page's index and DuckDB's insert decode the
    // same bytes: db/facts-reads.ts); the other files by range requests (the footer, the row groups),
    // but two small files read whole: the playback summary (playback/load.ts) and the problem ledger's
    // columns a district's open problems are answered from in the page (load-dataset.ts pageTable;
    // 1.5 MB at 1M projects), each once.
    const facts = seen.filter((s) => s.method === 'GET' && /\/facts\//.test(s.file));
    expect(facts.map((s) => s.file).sort()).toEqual([...new Set(facts.map((s) => s.file))].sort());
    const whole = seen.filter((s) => s.method === 'GET' && !/^bytes=/.test(s.range ?? '') && !/\/facts\//.test(s.file));
    expect(whole.map((s) => s.file.split('/').pop()).sort()).toEqual(['playback-summary.parquet', 'problems.parquet']);
  });

  test('a project card reads its rows of the source files by range requests only', async ({ page }) => {
    const seen = recordParquet(page);
    await openMap(page, './?test');
    await openCardOfLargestPlan(page);
    const source = seen.filter((s) => SOURCE_FILE.test(`/${s.file}`));
    const ranged = source.filter((s) => /^bytes=/.test(s.range ?? ''));
    expect(new Set(ranged.map((s) => s.file.split('/').pop()))).toEqual(
      new Set(['projects.parquet', 'monthly.parquet', 'problems.parquet'])
    );
    // parquet-wasm reads the footer, then the column chunks: never the whole file in one GET. The one
    // whole read allowed is the page's own of the problem ledger (a district's open problems,
    // load-dataset.ts pageTable), at most once, whether or not the warm-up has come to it yet.
    const whole = source.filter((s) => s.method === 'GET' && !/^bytes=/.test(s.range ?? '')).map((s) => s.file.split('/').pop());
    expect(whole.filter((f) => f !== 'problems.parquet')).toEqual([]);
    expect(whole.length).toBeLessThanOrEqual(1);
  });

  test('a facts file that is not Parquet is named on the error screen and fetched once', async ({ page }) => {
    const served = { bytes: 0 };
    const garbage = Buffer.from('id,month\n'.repeat(1000));
    await page.route('**/data/*/facts/*.parquet', (route) => fulfilRanged(route, garbage, served));
    await page.goto('./');
    const error = page.getByTestId('load-error');
    await expect(error).toContainText(/facts\/\d{4}-\d{2}\.parquet/);
    await expect(error).toContainText('不是有效的 Parquet 文件');
    // Fetched once (the page reads a month's file whole, once): never again after the failure.
    expect(served.bytes).toBeLessThanOrEqual(garbage.length);
  });

  test('in a file of many row groups, the card transfers only the groups that hold its project', async ({ page }) => {
    const index = JSON.parse(readFileSync('static/data/index.json', 'utf8'));
    const id = index[0].id;
    const dir = mkdtempSync(path.join(tmpdir(), 'cm-e2e-'));
    const regrouped = path.join(dir, 'monthly.parquet');
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(
      `COPY (SELECT * FROM read_parquet('static/data/${id}/monthly.parquet') ORDER BY project_id, month)
       TO '${regrouped}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`
    );
    const groups = (
      await conn.runAndReadAll(
        `SELECT stats_min_value AS lo, stats_max_value AS hi FROM parquet_metadata('${regrouped}') WHERE path_in_schema = 'project_id' ORDER BY row_group_id`
      )
    ).getRowObjectsJS() as { lo: string; hi: string }[];
    conn.closeSync();
    const body = readFileSync(regrouped);
    rmSync(dir, { recursive: true, force: true });
    expect(groups.length, 'row groups in the regrouped file').toBeGreaterThan(4);
    const served = { bytes: 0 };
    await page.route(`**/data/${id}/monthly.parquet`, (route) => fulfilRanged(route, body, served));
    await page.route(`**/data/${id}/meta.json`, async (route) => {
      const res = await route.fetch();
      const meta = await res.json();
      const row_groups = { ...meta.row_groups, monthly: { key: 'project_id', ranges: groups.map((g) => [g.lo, g.hi]) } };
      await route.fulfill({ response: res, json: { ...meta, row_groups } });
    });
    await openMap(page, './?test');
    const card = await openCardOfLargestPlan(page);
    await page.getByTestId('monthly-curve').screenshot({ path: 'test-results/screens/lazy-card-curve.png' });
    await expect(card).toContainText('已完成投资');
    expect(served.bytes, `bytes of monthly.parquet sent (of ${body.length})`).toBeGreaterThan(0);
    expect(served.bytes).toBeLessThan(body.length / 2);
  });
});
