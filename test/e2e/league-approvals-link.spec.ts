/**
 * Guiyang's approvals on time (按时办结率, 80 working days) is one click from its projects: the
 * figure opens the data page with the district's projects, each with its approvals verdict, the
 * overdue and the late first, the verdict column's total the league's figure; the XLSX export has
 * the column and its definition, the CSV and Parquet the column. Screenshots at 1366×768 and
 * 390×844 in both languages, looked at.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Page } from '@playwright/test';
import type { RulePreset } from '../../src/lib/rules/preset-schema.ts';
import { download, parseCsv, rowsInPage, rowsSettled } from './data-helpers.ts';
import { duckdbRows, expect, test, LOCALES } from './helpers.ts';

const DS = 'guiyang-2021';
const RANKING = (JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { rule_preset: RulePreset }).rule_preset.ranking!;
const DISTRICTS = RANKING.sequences[0];

async function leagueSettled(page: Page): Promise<void> {
  const league = page.getByTestId('league-page');
  await expect(league).toBeVisible({ timeout: 60_000 });
  for (const s of RANKING.sequences)
    await expect(page.getByTestId(`league-${s.id}`)).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(league).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/** The table's rows once its total of approvals on time is in too. */
async function dataSettled(page: Page): Promise<void> {
  const table = page.getByTestId('data-table');
  await expect(table).not.toHaveAttribute('data-count', '', { timeout: 60_000 });
  await expect(table).not.toHaveAttribute('data-rows-version', '0', { timeout: 60_000 });
  await rowsSettled(page);
  await expect(page.getByTestId('data-total-approvals')).not.toHaveText('', { timeout: 60_000 });
}

for (const locale of LOCALES)
  test(`in ${locale}: a district’s approvals on time opens its projects with their verdicts, the late first, totalling the figure`, async ({
    page
  }) => {
    test.setTimeout(180_000);
    const zh = locale === 'zh-CN';
    if (!zh) await page.addInitScript(() => localStorage.setItem('command-map.locale', 'en'));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`league/?ds=${DS}`);
    await leagueSettled(page);
    // A district whose figure is below 100%, so that it has projects that pull it down.
    const rows = page.getByTestId(`league-${DISTRICTS.id}`).getByTestId('league-row');
    const figures = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        unit: tr.getAttribute('data-unit')!,
        projects: tr.querySelector('[data-testid="league-projects"]')!.textContent!.trim(),
        figure: tr.querySelector('[data-testid="league-figure"][data-metric="approvals_on_time"]')?.textContent?.trim() ?? null
      }))
    );
    const lagging = figures.find((f) => f.figure !== null && !f.figure.startsWith('100'));
    expect(lagging, JSON.stringify(figures)).toBeDefined();
    const { unit, projects, figure } = lagging!;
    await rows
      .and(page.locator(`[data-unit="${unit}"]`))
      .locator('[data-testid="league-figure"][data-metric="approvals_on_time"]')
      .click();

    await expect(page.getByTestId('data-page')).toBeVisible({ timeout: 60_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('district')).toBe(unit);
    expect(url.searchParams.has('phase')).toBe(false);
    expect(url.searchParams.get('cols')?.split(',')).toEqual(expect.arrayContaining(['approvals_verdict', 'approvals_days']));
    expect(url.searchParams.get('sort')).toBe('approvals_verdict,-approvals_days');
    await dataSettled(page);
    const table = page.getByTestId('data-table');
    // Every project of the district, as the league counts them; the total is the league's figure.
    await expect(table).toHaveAttribute('data-count', projects.replace(/,/g, ''));
    await expect(page.getByTestId('data-total-approvals')).toContainText(figure!);
    const verdictAt = await table
      .locator('thead tr.head th')
      .evaluateAll((ths) => ths.findIndex((th) => th.querySelector('[data-testid="data-sort-approvals_verdict"]')));
    const first = (await rowsInPage(page))[0].cells[verdictAt];
    expect(zh ? ['超时未办结', '超时办结'] : ['Overdue, pending', 'Done late']).toContain(first);
    await page.screenshot({ path: `test-results/screens/approvals-link-${locale}-1366x768.png` });

    if (zh) {
      const xlsx = XLSX.read(readFileSync(await (await download(page, 'xlsx')).path()), { type: 'buffer' });
      const [header, firstRow] = XLSX.utils.sheet_to_json<unknown[]>(xlsx.Sheets['数据'], { header: 1, raw: true });
      expect(header).toEqual(expect.arrayContaining(['手续办理时限', '手续用时（工作日）']));
      expect(firstRow[header.indexOf('手续办理时限')]).toBe(first);
      const about = Object.fromEntries(
        XLSX.utils.sheet_to_json<string[]>(xlsx.Sheets['说明'], { header: 1 }).filter((r) => r.length === 2)
      );
      expect(about['手续办理时限']).toContain('80 个工作日');
      expect(about['手续用时（工作日）']).toContain('工作日');
      const csv = parseCsv(readFileSync(await (await download(page, 'csv')).path(), 'utf8').slice(1));
      expect(csv[1][csv[0].indexOf('手续办理时限')]).toBe(first);
      const dir = mkdtempSync(path.join(tmpdir(), 'approvals-link-'));
      const parquet = path.join(dir, 'export.parquet');
      writeFileSync(parquet, readFileSync(await (await download(page, 'parquet')).path()));
      const back = await duckdbRows(`SELECT approvals_verdict, approvals_days FROM read_parquet('${parquet}')`);
      rmSync(dir, { recursive: true });
      expect(back).toHaveLength(Number(projects.replace(/,/g, '')));
      expect(back[0].approvals_verdict).toBe(first);
    }

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('data-sort-approvals_verdict').scrollIntoViewIfNeeded();
    await rowsSettled(page);
    await page.screenshot({ path: `test-results/screens/approvals-link-${locale}-390x844.png` });
  });
