/**
 * The league page on Guiyang's rules (approvals on time, 80 working days, as Node computes it) and
 * on screens from a phone to a wall in both languages, shot to be looked at.
 */
import { readFileSync } from 'node:fs';
import { leagueMetrics } from '../../src/lib/league/league-sql.ts';
import type { RulePreset } from '../../src/lib/rules/preset-schema.ts';
import { expect, test, speak, pageScreens } from './helpers.ts';
import { DS, RANKING, type PageCore, leagueSettled, nodeLeague } from './league-helpers.ts';

test.describe('the league tables on Guiyang’s rules', () => {
  test('rank Guiyang’s units on approvals on time (80 working days) as the league table computed in Node does', async ({ page }) => {
    test.setTimeout(180_000);
    const ds = 'guiyang-2021';
    const preset = (JSON.parse(readFileSync(`static/data/${ds}/meta.json`, 'utf8')) as { rule_preset: RulePreset }).rule_preset;
    const ranking = preset.ranking!;
    expect(leagueMetrics(ranking)).toContain('approvals_on_time');
    await page.goto(`league/?ds=${ds}&bench`);
    await leagueSettled(page, ranking);
    await expect(page.getByTestId(`league-${ranking.sequences[0].id}`)).toContainText('按时办结率');
    const month = await page.evaluate(() => (window as unknown as { __cm: { core: PageCore } }).__cm.core.month.key);
    const rows = await nodeLeague(month, ds, preset);
    let ranked = 0;
    for (const sequence of ranking.sequences) {
      const expected = rows.filter((r) => r.sequence === sequence.id && r.rankable);
      expect(expected.length).toBeGreaterThan(1);
      const shown = await page
        .getByTestId(`league-${sequence.id}`)
        .getByTestId('league-row')
        .evaluateAll((trs) =>
          trs.map((r) => {
            const cell = r.querySelector('[data-metric-cell="approvals_on_time"]')!;
            return [
              r.getAttribute('data-unit')!,
              Number(r.getAttribute('data-rank')),
              cell.querySelector('.sub')?.textContent?.trim() ?? null
            ];
          })
        );
      const want = expected.map((r) => [
        String(r.unit),
        Number(r.composite_rank),
        r.rank_approvals_on_time === null ? null : `#${Number(r.rank_approvals_on_time)}`
      ]);
      const byUnit = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
      expect(shown.sort(byUnit)).toEqual(want.sort(byUnit));
      ranked += want.filter((w) => w[2] !== null).length;
    }
    expect(ranked).toBeGreaterThan(2);
  });

  for (const { width, height, locale } of pageScreens([
    [1366, 768],
    [1920, 1080]
  ]))
    test(`at ${width}×${height} in ${locale}: Guiyang’s districts show approvals on time beside approvals done`, async ({ page }) => {
      test.setTimeout(120_000);
      const ds = 'guiyang-2021';
      const ranking = (JSON.parse(readFileSync(`static/data/${ds}/meta.json`, 'utf8')) as { rule_preset: RulePreset }).rule_preset.ranking!;
      await page.setViewportSize({ width, height });
      await speak(page, locale);
      await page.goto(`league/?ds=${ds}`);
      await leagueSettled(page, ranking);
      const table = page.getByTestId(`league-${ranking.sequences[0].id}`);
      await expect(table.locator('thead')).toContainText(locale === 'en' ? 'Approvals on time' : '按时办结率');
      await expect(table.locator('[data-metric-cell="approvals_on_time"]').first()).toContainText('%');
      await table.screenshot({ path: `test-results/screens/league-guiyang-${width}x${height}-${locale}.png` });
    });
});

test.describe('the league tables on screen', () => {
  for (const { width, height, locale } of pageScreens()) {
    test(`at ${width}×${height} in ${locale}: both sequences and the weights are shown`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height });
      await speak(page, locale);
      await page.goto(`league/?ds=${DS}`);
      await leagueSettled(page);
      await expect(page.getByTestId('league-weights')).toBeVisible();
      await expect(page.getByTestId('league-period')).toContainText(locale === 'en' ? 'monthly' : '每月一排');
      await page.getByTestId(`league-${RANKING.sequences[0].id}`).getByTestId('league-details').first().click();
      if (width === 1920) {
        // Read at 5 m: the figures at least 22 px, headers, ranks on each metric and score lines at least 16 px.
        const px = (selector: string) =>
          page
            .locator(selector)
            .first()
            .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        const table = `[data-testid="league-${RANKING.sequences[0].id}"]`;
        expect(await px(`${table} [data-testid="league-figure"]`)).toBeGreaterThanOrEqual(22);
        expect(await px(`${table} [data-testid="league-rank"]`)).toBeGreaterThanOrEqual(22);
        expect(await px(`${table} thead th`)).toBeGreaterThanOrEqual(18);
        expect(await px(`${table} .sub`)).toBeGreaterThanOrEqual(16);
        expect(await px(`${table} [data-testid="league-score-lines"]`)).toBeGreaterThanOrEqual(20);
        expect(await px('[data-testid="league-demerits"] td')).toBeGreaterThanOrEqual(22);
      }
      await page.screenshot({ path: `test-results/screens/league-${width}x${height}-${locale}.png`, fullPage: true });
      await page
        .getByTestId(`league-${RANKING.sequences[1].id}`)
        .screenshot({ path: `test-results/screens/league-${width}x${height}-${locale}-units.png` });
      await page
        .locator('[data-testid="league-demerits"][data-sequence="districts"]')
        .screenshot({ path: `test-results/screens/league-${width}x${height}-${locale}-demerits.png` });
      await page
        .locator('[data-testid="league-demerits"][data-sequence="units"]')
        .screenshot({ path: `test-results/screens/league-${width}x${height}-${locale}-demerits-units.png` });
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
      expect(sideways).toBe(false);
    });
  }
});
