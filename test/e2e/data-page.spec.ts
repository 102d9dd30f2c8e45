/**
 * The analyst's page (数据): a table of any length with constant rows in the page, column choice
 * and multi-column sort in the URL, and exports (CSV, XLSX, Parquet) read back and compared value
 * for value with DuckDB's answer for the same selection; formula-like names neutralised; an export
 * cancelled leaves no file; screenshots at three sizes in both languages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { duckdbRows, expect, test, LOCALES, speak, sizesFor } from './helpers.ts';
import { DS, FACTS, META, AS_OF, download, formulaLike, openData, parseCsv, rowsDrawn, rowsInPage, rowsSettled } from './data-helpers.ts';

const SECTORS = `CASE sector WHEN 'infrastructure' THEN '基础设施' WHEN 'industry' THEN '产业发展' WHEN 'livelihood' THEN '民生保障' WHEN 'ecology' THEN '生态环保' END`;
const tmp = mkdtempSync(path.join(tmpdir(), 'cm-data-'));
/** The as-of month's facts with four project names a spreadsheet would run as formulas. */
const PLANTED = path.join(tmp, 'facts.parquet');
const FORMULAS = ['=HYPERLINK("http://example.invalid","点击")', '+86 柳州项目', '-1+2 工程', '@SUM(A1) 项目'];

test.beforeAll(async () => {
  const ids = (
    await duckdbRows(`SELECT id FROM read_parquet('${FACTS}') WHERE in_plan AND phase = 'new' ORDER BY total_investment DESC, id LIMIT 4`)
  ).map((r) => String(r.id));
  const cases = ids.map((id, i) => `WHEN id = '${id}' THEN '${FORMULAS[i].replaceAll("'", "''")}'`).join(' ');
  await duckdbRows(
    `COPY (SELECT * REPLACE (CASE ${cases} ELSE name END AS name) FROM read_parquet('${FACTS}')) TO '${PLANTED}' (FORMAT parquet)`
  );
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** DuckDB's answer for new projects by total investment (descending), the columns the test shows. */
const expectedNew = () =>
  duckdbRows(`SELECT id, name, ${SECTORS} AS sector, CAST(total_investment AS VARCHAR) AS total, CAST(annual_plan AS VARCHAR) AS annual,
    completion_rate FROM read_parquet('${PLANTED}') WHERE in_plan AND phase = 'new' ORDER BY total_investment DESC NULLS LAST, id`);
const COLS = 'id,name,sector,total_investment,annual_plan,completion_rate';
const NEW_BY_TOTAL = `data/?ds=${DS}&phase=new&cols=${COLS}`;

test.describe('the data page', () => {
  test('keeps the same few rows in the page from the top to the end of the selection, in DuckDB’s order', async ({
    page,
    foreignRequests
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openData(page);
    const table = page.getByTestId('data-table');
    const n = Number(await table.getAttribute('data-count'));
    const order = await duckdbRows(`SELECT id FROM read_parquet('${FACTS}') WHERE in_plan ORDER BY total_investment DESC NULLS LAST, id`);
    expect(n).toBe(order.length);
    const atTop = await rowsInPage(page);
    expect(atTop[0]).toMatchObject({ index: 0 });
    expect(atTop[0].cells[0]).toBe(order[0].id);
    expect(atTop.length).toBeLessThan(60);

    await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => (await rowsInPage(page)).at(-1)?.index, { timeout: 30_000 }).toBe(n - 1);
    await rowsSettled(page);
    const atEnd = await rowsInPage(page);
    expect(Math.abs(atEnd.length - atTop.length)).toBeLessThanOrEqual(2);
    expect(atEnd.at(-1)!.cells[0]).toBe(order[n - 1].id);
    for (const r of atEnd) expect(r.cells[0]).toBe(order[r.index].id);
    await expect(page).toHaveURL(/[?&]row=\d+/);
    await page.screenshot({ path: 'test-results/screens/data-end.png' });
    expect(foreignRequests).toEqual([]);
  });

  test('draws each row at its index times the row height and covers the view, at the top, between rows and at the end', async ({
    page
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openData(page);
    const table = page.getByTestId('data-table');
    const max = await table.evaluate((el) => el.scrollHeight - el.clientHeight);
    // The middle lands part-way into a row: the rows still start at whole rows.
    for (const top of [0, Math.round(max / 2) + 7, max]) {
      await table.evaluate((el, top) => (el.scrollTop = top), top);
      await expect.poll(() => table.evaluate((el) => Math.round(el.scrollTop))).toBe(top);
      // The virtualiser answers the scroll event on a later frame: wait until its rows reach the view's end.
      await expect
        .poll(
          async () => {
            const { rows, view } = await rowsDrawn(page);
            return rows.length > 0 && rows.at(-1)!.top + rows.at(-1)!.height >= view[1] - 0.5;
          },
          { message: `rows cover the view scrolled to ${top}`, timeout: 30_000 }
        )
        .toBe(true);
      await rowsSettled(page);
      const { rows, view } = await rowsDrawn(page);
      const height = rows[0].height;
      expect(height).toBeGreaterThan(20);
      for (let i = 1; i < rows.length; i++) expect(rows[i].index).toBe(rows[i - 1].index + 1);
      for (const r of rows) {
        expect(r.height, `row ${r.index}`).toBeCloseTo(height, 1);
        expect(r.top, `row ${r.index}`).toBeCloseTo(r.index * height, 1);
      }
      expect(rows[0].top, `scrolled to ${top}`).toBeLessThanOrEqual(view[0] + 0.5);
      expect(rows.at(-1)!.top + height, `scrolled to ${top}`).toBeGreaterThanOrEqual(view[1] - 0.5);
    }
  });

  test('the columns chosen and a sort over two columns are in the URL, and come back with it', async ({ page }) => {
    await openData(page);
    await page.getByTestId('data-columns').locator('summary').click();
    await page.getByTestId('data-column-completed_ytd').uncheck();
    await page.getByTestId('data-column-level').check();
    await expect(page).toHaveURL(
      /[?&]cols=id%2Cname%2Cdistrict_name%2Csector%2Cphase%2Clevel%2Ctotal_investment%2Cannual_plan%2Ccompletion_rate%2Cgap_points%2Crag(&|$)/
    );
    await page.getByTestId('data-columns').locator('summary').click();
    await page.getByTestId('data-sort-sector').click();
    await page.getByTestId('data-sort-total_investment').click({ modifiers: ['Shift'] });
    await expect(page).toHaveURL(/[?&]sort=sector%2C-total_investment(&|$)/);
    await rowsSettled(page);
    const url = page.url();
    const expected = await duckdbRows(
      `SELECT id FROM read_parquet('${FACTS}') WHERE in_plan ORDER BY ${SECTORS} ASC NULLS LAST, total_investment DESC NULLS LAST, id LIMIT 10`
    );
    const ids = async () => (await rowsInPage(page)).slice(0, 10).map((r) => r.cells[0]);
    expect(await ids()).toEqual(expected.map((r) => r.id));

    await page.goto(url);
    await openData(page, null);
    await expect(page.getByTestId('data-sort-key-sector')).toContainText('行业');
    await expect(page.getByTestId('data-sort-key-total_investment')).toContainText('降序');
    await expect(page.locator('thead th')).toHaveCount(11);
    await expect(page.locator('thead th').nth(5)).toContainText('项目级别');
    expect(await ids()).toEqual(expected.map((r) => r.id));
    // Keyboard: the header's sort buttons and the table itself are reachable.
    await page.getByTestId('data-sort-name').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]sort=name(&|$)/);
  });

  test('CSV, XLSX and Parquet hold the rows, columns and order shown, value for value with DuckDB; formula-like names neutralised', async ({
    page
  }) => {
    await page.route(`**/data/${DS}/facts/${AS_OF}.parquet`, (route) => route.fulfill({ status: 200, body: readFileSync(PLANTED) }));
    await openData(page, NEW_BY_TOTAL);
    const expected = await expectedNew();
    expect(Number(await page.getByTestId('data-table').getAttribute('data-count'))).toBe(expected.length);
    const planted = expected.filter((r) => formulaLike(String(r.name)));
    expect(planted.length).toBe(4);

    const csvFile = await download(page, 'csv');
    expect(csvFile.suggestedFilename()).toBe(`${META.name.zh}_${AS_OF}_新开工项目.csv`);
    const bytes = readFileSync(await csvFile.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n').length).toBe(expected.length + 2);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['项目编号', '项目名称', '行业', '总投资（万元）', '年度计划投资（万元）', '投资完成率']);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((r, i) => {
      const e = expected[i];
      const name = String(e.name);
      expect(r.slice(0, 5)).toEqual([e.id, formulaLike(name) ? `'${name}` : name, e.sector, e.total, e.annual]);
      expect(r[5] === '' ? null : Number(r[5])).toBe(e.completion_rate === null ? null : Number(e.completion_rate));
    });
    await expect(page.getByTestId('data-export-status')).toContainText(`已导出 ${expected.length} 行`);

    const xlsxFile = await download(page, 'xlsx');
    expect(xlsxFile.suggestedFilename()).toMatch(/_新开工项目\.xlsx$/);
    const xlsxBytes = readFileSync(await xlsxFile.path());
    const wb = XLSX.read(xlsxBytes, { type: 'buffer', cellNF: true });
    expect(wb.SheetNames).toEqual(['数据', '说明']);
    const data = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['数据'], { header: 1, raw: true });
    expect(data[0]).toEqual(header);
    expect(data).toHaveLength(expected.length + 1);
    expected.forEach((e, i) => {
      const row = i + 2;
      const cell = (col: string) => wb.Sheets['数据'][`${col}${row}`];
      expect(cell('A').v).toBe(e.id);
      expect(cell('B').v).toBe(formulaLike(String(e.name)) ? `'${e.name}` : e.name);
      expect(cell('C').v).toBe(e.sector);
      expect(cell('D')).toMatchObject({ t: 'n', v: Number(e.total), z: '#,##0.00' });
      expect(cell('E')).toMatchObject({ t: 'n', v: Number(e.annual), z: '#,##0.00' });
      if (e.completion_rate === null) expect(cell('F')).toBeUndefined();
      else expect(cell('F')).toMatchObject({ t: 'n', v: Number(e.completion_rate), z: '0.0%' });
    });
    const sheetXml = new TextDecoder().decode(
      XLSX.CFB.find(XLSX.CFB.read(xlsxBytes, { type: 'buffer' }), '/xl/worksheets/sheet1.xml')!.content as Uint8Array
    );
    expect(sheetXml).toContain('state="frozen"');
    const about = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['说明'], { header: 1 });
    const said = Object.fromEntries(about.filter((r) => r.length === 2));
    expect(said['数据集']).toBe(`${META.name.zh} (${DS})`);
    expect(said['数据截至']).toContain(AS_OF);
    expect(said['筛选条件']).toBe('项目类型：新开工项目');
    expect(said['行数']).toBe(String(expected.length));
    expect(said['单位']).toContain('万元');
    expect(said['投资完成率']).toContain('年度计划');

    const parquetFile = await download(page, 'parquet');
    expect(parquetFile.suggestedFilename()).toMatch(/_新开工项目\.parquet$/);
    const pq = path.join(tmp, 'export.parquet');
    writeFileSync(pq, readFileSync(await parquetFile.path()));
    const back = await duckdbRows(
      `SELECT id, name, sector, CAST(total_investment AS VARCHAR) AS total, CAST(annual_plan AS VARCHAR) AS annual, completion_rate,
         typeof(total_investment) AS money_type FROM read_parquet('${pq}')`
    );
    expect(back.map(({ money_type: _, ...r }) => r)).toEqual(expected);
    expect(back[0].money_type).toBe('DECIMAL(18,2)');
    await page.screenshot({ path: 'test-results/screens/data-exported.png' });
  });

  test('an export can be cancelled: it stops, says so, and no file is saved', async ({ page }) => {
    await openData(page);
    // The export worker's script is held back, so the export waits at its first window.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/export\.worker[^/]*\.js/, async (route) => {
      await held;
      await route.continue();
    });
    const downloads: string[] = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    await page.getByTestId('data-export-csv').click();
    await expect(page.getByTestId('data-export-cancel')).toBeVisible();
    await expect(page.getByTestId('data-export-progress')).toBeVisible();
    await page.getByTestId('data-export-cancel').click();
    await expect(page.getByTestId('data-export-status')).toHaveAttribute('data-kind', 'cancelled');
    await expect(page.getByTestId('data-export-status')).toContainText('已取消导出');
    release();
    await expect(page.getByTestId('data-export-csv')).toBeEnabled();
    // The next export works, and it is the only file saved.
    const file = await download(page, 'csv');
    expect(downloads).toEqual([file.suggestedFilename()]);
  });

  test('a public dataset never shows or exports an internal column', async ({ page }) => {
    await page.route('**/data/*/meta.json', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), public: true } });
    });
    await openData(page, `data/?ds=${DS}&cols=id,completed_ytd,name`);
    await expect(page.locator('thead th')).toHaveCount(2);
    await page.getByTestId('data-columns').locator('summary').click();
    for (const internal of ['lead_unit', 'completed_ytd', 'completion_rate', 'elapsed_share', 'gap_points', 'rag'])
      await expect(page.getByTestId(`data-column-${internal}`)).toHaveCount(0);
    await page.getByTestId('data-columns').locator('summary').click();
    const file = await download(page, 'csv');
    const [header] = parseCsv(readFileSync(await file.path(), 'utf8').slice(1));
    expect(header).toEqual(['项目编号', '项目名称']);
    await expect(page.getByTestId('url-notices')).toContainText('completed_ytd');
  });

  for (const locale of LOCALES) {
    test(`looks right at phone, laptop and desktop sizes (${locale})`, async ({ page }) => {
      await speak(page, locale);
      for (const { width, height } of sizesFor(locale)) {
        await page.setViewportSize({ width, height });
        await openData(page, `data/?ds=${DS}&phase=new,continuing`);
        await expect(page.getByTestId('data-totals')).toContainText(locale === 'en' ? 'Total' : '合计');
        // Brackets and colons of the language (English had "Filters（1）" and "Sort：").
        await expect(page.getByTestId('data-sort-keys').locator('.label')).toHaveText(locale === 'en' ? 'Sort: ' : '排序：');
        await expect(page.getByTestId('data-columns').locator('summary')).toHaveText(
          locale === 'en' ? /^Columns \(\d+\/\d+\)$/ : /^列（\d+\/\d+）$/
        );
        await page.screenshot({ path: `test-results/screens/data-${locale}-${width}.png` });
      }
    });
  }
});
