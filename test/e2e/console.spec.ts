/**
 * The SQL console (SQL 查询) in the production build: it refuses writes, reports a syntax error
 * where it is, cancels a long query, runs the examples, exports a result and keeps its history,
 * its query in the address, and the keyboard's way in and out of the editor.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test, LOCALES, speak, sizesFor } from './helpers.ts';

/** Opens the console and waits for the editor and the selection's count (the core has the month's facts). */
async function openConsole(page: Page, target = 'sql/'): Promise<void> {
  await page.goto(target);
  await expect(page.getByTestId('console-page')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sql-editor')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('console-selection')).toBeVisible({ timeout: 60_000 });
}

/** Replaces the editor's text as typing would (CodeMirror reads the browser's input events). */
async function setQuery(page: Page, sql: string): Promise<void> {
  // At the top left: a completion list open below the text would take a click in the middle.
  await page.locator('.cm-content').click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(sql);
  await expect
    .poll(() => page.locator('.cm-content').evaluate((e) => (e as HTMLElement).innerText.replace(/\u00a0/g, ' ').trim()))
    .toBe(sql.trim());
}

/** Runs the editor's query and waits until the console says what became of it. */
async function run(page: Page): Promise<string> {
  await page.getByTestId('console-run').click();
  const status = page.getByTestId('console-page');
  await expect(status).not.toHaveAttribute('data-status', /running|loading|idle/, { timeout: 60_000 });
  return (await status.getAttribute('data-status'))!;
}

const resultRows = (page: Page) => page.getByTestId('result-table').locator('tbody tr');
const cell = (page: Page, row: number, column: number) => resultRows(page).nth(row).locator('td').nth(column);

test.describe('the SQL console', () => {
  test('refuses a write and a DROP with a reason, marks where, and the data stays', async ({ page, foreignRequests }) => {
    await openConsole(page);
    const refused = page.getByTestId('console-refused');
    for (const [sql, word] of [
      ['DROP TABLE facts', 'DROP'],
      ['INSERT INTO facts SELECT * FROM facts', 'INSERT'],
      ["UPDATE projects SET name = 'x'", 'UPDATE'],
      ['WITH x AS (SELECT 1) DELETE FROM facts', 'DELETE'],
      ["COPY facts TO 'facts.csv'", 'COPY'],
      ["ATTACH 'x.db' AS x", 'ATTACH']
    ]) {
      await setQuery(page, sql);
      expect(await run(page)).toBe('refused');
      await expect(refused).toContainText(`“${word}”`);
      await expect(page.locator('.cm-lintRange-error')).toHaveText(word);
    }
    await setQuery(page, 'SELECT 1; DROP TABLE facts');
    expect(await run(page)).toBe('refused');
    await expect(refused).toContainText('第 1 行第 11 列');
    await expect(page.locator('.cm-lintRange-error')).toHaveText('DROP');
    await page.screenshot({ path: 'test-results/screens/console-refused.png' });

    await setQuery(page, 'SELECT count(*) AS n FROM facts');
    expect(await run(page)).toBe('done');
    await expect(cell(page, 0, 0)).toHaveText('982');
    expect(foreignRequests).toEqual([]);
  });

  test('reports a syntax error with its line and column, marked in the editor', async ({ page }) => {
    await openConsole(page);
    await setQuery(page, 'SELECT district_name,\n  count(*) AS 项目数\nFROM facts GROUP BY BY district_name');
    expect(await run(page)).toBe('error');
    await expect(page.getByTestId('console-error')).toContainText('syntax error at or near "BY"');
    await expect(page.getByTestId('console-error-at')).toHaveText('第 3 行第 21 列');
    await expect(page.locator('.cm-lintRange-error')).toHaveText('BY');
    await page.screenshot({ path: 'test-results/screens/console-error.png' });

    await setQuery(page, "SELECT '柳州' AS 城市,\n  nosuch FROM facts");
    expect(await run(page)).toBe('error');
    await expect(page.getByTestId('console-error-at')).toHaveText('第 2 行第 3 列');
    await expect(page.locator('.cm-lintRange-error')).toHaveText('nosuch');
  });

  test('cancels a long query, and the next query runs on the same connection', async ({ page }) => {
    await openConsole(page);
    await setQuery(page, 'SELECT count(*) FROM range(1000000000) AS a, range(100000) AS b');
    await page.getByTestId('console-run').click();
    await expect(page.getByTestId('console-page')).toHaveAttribute('data-status', 'running');
    await page.getByTestId('console-cancel').click();
    await expect(page.getByTestId('console-page')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(page.getByTestId('console-cancelled')).toBeVisible();

    // A query whose rows stream: cancelled once some have come.
    await setQuery(page, 'SELECT range AS i FROM range(1000000000)');
    await page.getByTestId('console-run').click();
    await expect(page.getByTestId('console-status')).toContainText('已收到', { timeout: 30_000 });
    await page.getByTestId('console-cancel').click();
    await expect(page.getByTestId('console-cancelled')).toBeVisible({ timeout: 30_000 });
    await expect(resultRows(page)).toHaveCount(1000);

    await setQuery(page, 'SELECT 42 AS answer');
    expect(await run(page)).toBe('done');
    await expect(cell(page, 0, 0)).toHaveText('42');
  });

  test('an example runs, reading a table the core loads for it, and shows its rows', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await openConsole(page);
    expect(requests.some((p) => p.endsWith('/problems.parquet'))).toBe(false);
    await page.getByTestId('example-problem-ledger').click();
    await expect(page.locator('.cm-content')).toContainText('FROM problems AS p');
    expect(await run(page)).toBe('done');
    expect(requests.filter((p) => p.endsWith('/liuzhou-2022/problems.parquet')).length).toBeGreaterThan(0);
    const table = page.getByTestId('result-table');
    await expect(table.locator('thead th')).toHaveText(['#', /^category/, /^level/, /^problems/, /^settled/, /^notices/, /^interviews/]);
    expect(await resultRows(page).count()).toBeGreaterThan(5);
    const rows = Number(await page.getByTestId('result-count').getAttribute('data-rows'));
    expect(rows).toBe(await resultRows(page).count());
  });

  test('selection is the facts under the current filters', async ({ page }) => {
    await openConsole(page, 'sql/?sector=industry&phase=new');
    await expect(page.getByTestId('active-filter-sector')).toBeVisible();
    await setQuery(page, 'SELECT count(*) AS n, count(DISTINCT sector) AS sectors, count(DISTINCT phase) AS phases FROM selection');
    expect(await run(page)).toBe('done');
    const n = await cell(page, 0, 0).textContent();
    await expect(page.getByTestId('console-selection')).toContainText(`${n} 个项目`);
    await expect(cell(page, 0, 1)).toHaveText('1');
    await expect(cell(page, 0, 2)).toHaveText('1');
    // Clearing the filters: the same query counts every project.
    await page.getByTestId('filter-clear').click();
    await expect(page.getByTestId('console-selection')).toContainText('982 个项目');
    expect(await run(page)).toBe('done');
    await expect(cell(page, 0, 0)).toHaveText('982');
  });

  test('the query and its run are in the address; a reload runs it again and the history keeps it', async ({ page }) => {
    await openConsole(page);
    const sql = 'SELECT sector, count(*) AS n FROM facts GROUP BY sector ORDER BY sector';
    await setQuery(page, sql);
    expect(await run(page)).toBe('done');
    await expect.poll(() => new URL(page.url()).searchParams.get('sql')).toBe(sql);
    await expect.poll(() => new URL(page.url()).searchParams.has('run')).toBe(true);
    await page.reload();
    await expect(page.getByTestId('console-page')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await expect(resultRows(page)).toHaveCount(4);
    await page.getByTestId('library-tab-history').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('lib')).toBe('history');
    await expect(page.getByTestId('history-list').locator('li').first()).toContainText('SELECT sector, count(*)');
    // Editing the text: the results are no longer of it, so the address no longer says run.
    await page.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText(' DESC');
    await expect(page.getByTestId('console-status')).toContainText('查询已修改');
    await expect.poll(() => new URL(page.url()).searchParams.has('run')).toBe(false);
  });

  test('saved queries are kept in this browser', async ({ page }) => {
    await openConsole(page);
    await setQuery(page, 'SELECT district_name FROM facts LIMIT 3');
    await page.getByTestId('library-tab-saved').click();
    await page.getByTestId('save-name').fill('三个区');
    await page.getByTestId('save-query').click();
    await setQuery(page, 'SELECT 1');
    await expect.poll(() => new URL(page.url()).search).toBe('?sql=SELECT+1&lib=saved');
    await page.reload();
    await expect(page.getByTestId('sql-editor')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await page
      .getByTestId('saved-list')
      .getByRole('button', { name: /^三个区/ })
      .click();
    await expect(page.locator('.cm-content')).toHaveText('SELECT district_name FROM facts LIMIT 3');
  });

  test('a result exports as CSV with every row, not only those shown', async ({ page }) => {
    await openConsole(page);
    await setQuery(page, "SELECT range AS i, '=cmd' AS text, 1234.5::DECIMAL(18,2) AS money FROM range(2500)");
    expect(await run(page)).toBe('done');
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-rows', '2500');
    await expect(resultRows(page)).toHaveCount(1000);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/_SQL\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(lines).toHaveLength(2501);
    expect(lines[1]).toBe("0,'=cmd,1234.50");
    await expect(page.getByTestId('export-message')).toContainText('2,500');
  });

  test('the keyboard runs with Ctrl+Enter and leaves the editor with Esc then Tab', async ({ page }) => {
    await openConsole(page);
    await setQuery(page, 'SELECT 7 AS seven');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('console-page')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(cell(page, 0, 0)).toHaveText('7');
    // Tab indents inside the editor…
    await page.keyboard.press('Tab');
    await expect(page.locator('.cm-content')).toBeFocused();
    // …Esc then Tab moves on to the Run button.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('console-run')).toBeFocused();
  });

  test('a public dataset offers only public columns and the projects table', async ({ page }) => {
    await page.route('**/data/*/meta.json', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), public: true } });
    });
    await openConsole(page);
    await expect(page.getByTestId('example-behind-by-district')).toHaveCount(0);
    await setQuery(page, 'SELECT column_name FROM (DESCRIBE facts)');
    expect(await run(page)).toBe('done');
    await expect(page.getByTestId('result-table').locator('tbody')).not.toContainText('completed_ytd');
    await setQuery(page, 'SELECT lead_official FROM projects');
    expect(await run(page)).toBe('error');
    await setQuery(page, 'SELECT * FROM monthly');
    expect(await run(page)).toBe('error');
    await expect(page.getByTestId('console-error')).toContainText('monthly');
  });

  test('screens at phone, laptop and wall sizes, in Chinese and English', async ({ page }) => {
    for (const locale of LOCALES) {
      await speak(page, locale);
      for (const { width: w, height: h } of sizesFor(locale)) {
        await page.setViewportSize({ width: w, height: h });
        await openConsole(
          page,
          `sql/?sql=${encodeURIComponent('-- 各区落后于序时进度的实施项目\nSELECT district_name, count(*) AS projects, count(*) FILTER (WHERE gap_points < 0) AS behind\nFROM selection WHERE in_plan GROUP BY district_name ORDER BY behind DESC')}&run=1`
        );
        await expect(page.getByTestId('console-page')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
        await expect(resultRows(page).first()).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${locale} ${w}×${h} scrolls sideways`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/screens/console-${locale}-${w}x${h}.png` });
      }
    }
  });
});
