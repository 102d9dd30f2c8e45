/**
 * The escalation ladder on screen, on Guiyang 2021 (district → city task force → city government
 * → province): the ledger's "overran its step" count is the pure ladder's over the problems as
 * DuckDB reads them from the files, its filter keeps those rows (in the URL), each with its next
 * step dated as the ladder dates it; a project's card says its problems' next step; the map's
 * rings colour by overran step; the league page lists the month's task notices. Screenshots at
 * three sizes in both languages, looked at.
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { countColours, duckdbRows, expect, openMap, test, LOCALES, speak, sizesFor } from './helpers.ts';
import { parseCsv } from './data-helpers.ts';
import { NOT_OVERRUN_COLOR, OVERRUN_COLOR } from '../../src/lib/map/problem-rings.ts';
import type { LadderState } from '../../src/lib/rules/escalation.ts';

const DS = 'guiyang-2021';
const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string };
const MONTH = META.as_of.slice(0, 7);
const FACTS = `static/data/${DS}/facts/${MONTH}.parquet`;
const MONTH_END = META.as_of;

async function openLedger(page: Page, target: string): Promise<void> {
  await page.goto(target);
  await expect(page.getByTestId('problems-page')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('ledger-totals')).not.toHaveAttribute('data-overrun', '', { timeout: 60_000 });
  await expect(page.getByTestId('ledger-table')).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('problems-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/** Every problem of the plan's projects raised by the month end, on the ladder as at the month end (the pure function, not the SQL). */
async function expectedLadder() {
  const rows = await duckdbRows(
    `SELECT p.id, strftime(p.raised_on, '%Y-%m-%d') AS raised_on, strftime(p.deadline, '%Y-%m-%d') AS deadline, p.level,
       p.notices, p.interviews, (p.status IN ('resolved', 'closed') AND (p.closed_on IS NULL OR p.closed_on <= DATE '${MONTH_END}')) AS settled
     FROM read_parquet('static/data/${DS}/problems.parquet') p JOIN read_parquet('${FACTS}') f ON f.id = p.project_id
     WHERE f.in_plan AND p.raised_on <= DATE '${MONTH_END}'`
  );
  const problems = rows.map((r) => ({
    id: String(r.id),
    raised_on: String(r.raised_on),
    deadline: String(r.deadline),
    level: String(r.level),
    notices: Number(r.notices),
    interviews: Number(r.interviews),
    settled: Boolean(r.settled)
  }));
  const out = execFileSync('npx', ['tsx', 'test/e2e/ladder-expected.ts'], {
    input: JSON.stringify({ preset: DS, day: MONTH_END, problems }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  });
  return new Map(Object.entries(JSON.parse(out) as Record<string, LadderState>));
}

test.describe('the escalation ladder', () => {
  test('flags in the ledger the problems that overran their step, filters them, dates their next step, and says it on the card', async ({
    page,
    foreignRequests
  }) => {
    test.setTimeout(180_000);
    const expected = await expectedLadder();
    const overrun = [...expected.values()].filter((s) => s.overrun).length;
    expect(overrun).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openLedger(page, `problems/?ds=${DS}&month=${MONTH}`);
    await expect(page.getByTestId('ledger-totals')).toHaveAttribute('data-overrun', String(overrun));
    await expect(page.getByTestId('ledger-totals')).toContainText(`超出本级时限 ${overrun} 个`);

    await page.getByTestId('ledger-due-overrun').check();
    await expect(page).toHaveURL(/[?&]due=overrun(&|$)/);
    await expect(page.getByTestId('ledger-totals')).toHaveAttribute('data-problems', String(overrun), { timeout: 60_000 });
    await expect(page.getByTestId('ledger-table')).toHaveAttribute('data-rows', String(Math.min(overrun, 200)), { timeout: 60_000 });
    const shown = await page.getByTestId('ledger-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-id')!,
        due: tr.querySelector('[data-testid="ledger-next"]')!.getAttribute('data-due')
      }))
    );
    for (const row of shown) {
      const state = expected.get(row.id)!;
      expect(state.overrun, row.id).toBe(true);
      expect(row.due || null, row.id).toBe(state.next?.due ?? null);
    }
    await expect(page.getByTestId('ledger-overrun')).toHaveCount(shown.length);
    await page.screenshot({ path: 'test-results/screens/escalation-ledger-1366x768.png' });

    // The export writes the same rows with the escalation in words and the next step's date.
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('data-export-csv').click()]);
    const [header, ...body] = parseCsv(readFileSync(await file.path(), 'utf8').slice(1)).filter((r) => r.length > 1);
    expect(body).toHaveLength(overrun);
    const [flag, next, due] = ['升级提示', '下一步（升级）', '下一步时间'].map((h) => header.indexOf(h));
    for (const r of body) {
      const state = expected.get(r[0])!;
      expect(r[flag]).toBe('超出本级时限');
      expect(r[due] || null, r[0]).toBe(state.next?.due ?? null);
      if (state.next) expect(r[next], r[0]).not.toMatch(/^(|已至最高一级)$/);
      else expect(r[next], r[0]).toBe('已至最高一级');
    }

    // The state survives a reload; the first row's project opens its card with the next steps.
    await page.reload();
    await openLedger(page, page.url());
    await expect(page.getByTestId('ledger-due-overrun')).toBeChecked();
    await page.getByTestId('ledger-row').first().locator('th a').click();
    await expect(page).toHaveURL(/[?&]project=/);
    await expect(page.getByTestId('card-ladder').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[data-testid="card-ladder"][data-overrun="true"]').first()).toContainText('超出本级时限');
    await expect(page.getByTestId('card-ladder').first()).toContainText('下一步：');
    await page.getByTestId('card-ladder').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/escalation-card-1366x768.png' });
    expect(foreignRequests).toEqual([]);
  });

  test("colours the map's problem rings by overran step", async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openMap(page, `./?ds=${DS}`);
    const shot = () => page.getByTestId('project-map').screenshot({ mask: [page.getByTestId('map-legend')], maskColor: '#ffffff' });
    const before = await countColours(page, await shot(), [OVERRUN_COLOR, NOT_OVERRUN_COLOR], 20);
    await page.getByTestId('problems-layer').selectOption('overrun');
    await expect(page).toHaveURL(/[?&]problems=overrun(&|$)/);
    await expect(page.getByTestId('legend-problems')).toContainText('有超出本级时限的问题');
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
    const added = async () => {
      const after = await countColours(page, await shot(), [OVERRUN_COLOR, NOT_OVERRUN_COLOR], 20);
      return Math.min(...after.map((n, i) => n - before[i]));
    };
    await expect.poll(added, { timeout: 30_000 }).toBeGreaterThan(50);
    await page.screenshot({ path: 'test-results/screens/escalation-map-overrun.png' });
  });

  test("lists the month's task notices per district on the league page, as the facts give them", async ({ page }) => {
    test.setTimeout(120_000);
    const [counts] = await duckdbRows(
      `SELECT count(DISTINCT district_code)::INTEGER AS units,
         count(*) FILTER (WHERE approvals_done < approvals_required)::INTEGER AS lagging
       FROM read_parquet('${FACTS}') WHERE in_plan AND phase <> 'preparatory'
         AND (approvals_done < approvals_required OR NOT coalesce(stat_registered, FALSE))`
    );
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`league/?ds=${DS}`);
    const notices = page.getByTestId('league-task-notices');
    await expect(notices).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
    await expect(notices).toHaveAttribute('data-units', String(counts.units));
    const lagging = await page
      .getByTestId('task-notice-lagging_approvals')
      .evaluateAll((els) => els.reduce((s, el) => s + Number(el.textContent!.replace(/,/g, '')), 0));
    expect(lagging).toBe(Number(counts.lagging));
    await notices.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/escalation-task-notices-1920x1080.png' });
  });

  for (const locale of LOCALES) {
    test(`the ledger's escalation column looks right at phone, laptop and desktop sizes (${locale})`, async ({ page }) => {
      test.setTimeout(180_000);
      await speak(page, locale);
      for (const { width, height } of sizesFor(locale)) {
        await page.setViewportSize({ width, height });
        await openLedger(page, `problems/?ds=${DS}&due=overrun`);
        await page.getByTestId('ledger-next').first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: `test-results/screens/escalation-ledger-${locale}-${width}x${height}.png` });
      }
    });
  }
});
