/**
 * The league page's section on the plan's other rules: on the county 2023 data its programme
 * targets, size classes and stalled projects as the league SQL builders give them in the page's
 * DuckDB, and its low-risk approval limit saying which column it lacks instead of a zero; on
 * Guiyang's the projects over 80 working days; screenshots in both languages, looked at.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { leaderBreachesQuery } from '../../src/lib/league/leader-breaches.ts';
import { programmeTargetsQuery } from '../../src/lib/league/programme-targets.ts';
import { sizeClassTargetsQuery } from '../../src/lib/league/size-class.ts';
import { stalledProjectsQuery } from '../../src/lib/league/stalled.ts';
import type { RulePreset } from '../../src/lib/rules/preset-schema.ts';
import { expect, test, speak, pageScreens } from './helpers.ts';

const preset = (ds: string) => (JSON.parse(readFileSync(`static/data/${ds}/meta.json`, 'utf8')) as { rule_preset: RulePreset }).rule_preset;
const COUNTY = preset('county-2023');
const GUIYANG = preset('guiyang-2021');
const LISHUI = preset('lishui-2018');
const JIUJIANG = preset('jiujiang-2021-2023');

interface PageCore {
  month: { key: string };
  factsOf(month: { key: string }): { facts: string };
  coordinator: { query(sql: string): Promise<{ toArray(): Record<string, unknown>[] }> };
}

/** The section once its queries are answered and the page is idle. */
async function rulesSettled(page: Page) {
  const section = page.getByTestId('league-plan-rules');
  await expect(section).toHaveAttribute('data-loaded', 'true', { timeout: 90_000 });
  await expect(page.getByTestId('league-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  return section;
}

/** Runs a query built from the page's month and facts table in the page's own DuckDB. */
async function inPage(page: Page, build: (month: string, facts: string) => string): Promise<Record<string, unknown>[]> {
  const [month, facts] = await page.evaluate(() => {
    const core = (window as unknown as { __cm: { core: PageCore } }).__cm.core;
    return [core.month.key, core.factsOf(core.month).facts];
  });
  return page.evaluate(
    async (q) => {
      const core = (window as unknown as { __cm: { core: PageCore } }).__cm.core;
      const rows = (await core.coordinator.query(q)).toArray();
      return JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) as Record<string, unknown>[];
    },
    build(month, facts)
  );
}

const rule = (page: Page, path: string) => page.locator(`[data-testid="plan-rule"][data-rule="${path}"]`);

test.describe('the plan’s other rules on the league page', () => {
  test('county 2023: targets and stalled projects as the builders give them, the low-risk limit names the column it lacks', async ({
    page
  }) => {
    test.setTimeout(180_000);
    await page.goto('league/?ds=county-2023&bench');
    await rulesSettled(page);

    const programme = await inPage(page, (m, facts) => String(programmeTargetsQuery(m, COUNTY.programme_targets!, { facts })));
    for (const [i, t] of COUNTY.programme_targets!.entries()) {
      const row = programme.find((r) => r.target_id === t.id)!;
      const line = rule(page, `programme_targets[${i}]`);
      if (row.measured !== true) {
        // A target over projects the data does not list (the county's 36 projects hold no reserve one) says so, never 0.
        await expect(line.getByTestId('plan-rule-result')).toHaveText(/^无法判断：/);
        await expect(line.getByTestId('plan-rule-verdict')).toHaveCount(0);
        continue;
      }
      await expect(line.getByTestId('plan-rule-verdict')).toHaveAttribute(
        'data-verdict',
        row.met === null ? 'notJudged' : row.met ? 'met' : 'missed'
      );
    }
    // The county data lists no reserve project: the 5× pipeline cannot be judged on it.
    expect(programme.find((r) => r.target_id === 'reserve-5x')!.measured).toBe(false);
    await expect(rule(page, 'programme_targets[0]').getByTestId('plan-rule-result')).toContainText('开工率');

    const classes = await inPage(page, (m, facts) => String(sizeClassTargetsQuery(m, COUNTY.size_class_targets!, { facts })));
    for (const [i, t] of COUNTY.size_class_targets!.entries()) {
      const mine = classes.filter((r) => r.target_id === t.id);
      const behind = mine.filter((r) => r.on_pace !== true).length;
      await expect(rule(page, `size_class_targets[${i}]`).getByTestId('plan-rule-result')).toContainText(
        `${mine.length} 个项目，已完成年度目标 ${mine.filter((r) => r.met === true).length} 个，落后于序时要求 ${behind} 个`
      );
      await expect(rule(page, `size_class_targets[${i}]`)).toHaveAttribute('data-count', String(behind));
    }

    const stalled = await inPage(page, (m) => String(stalledProjectsQuery(m, COUNTY.stalled!)));
    await expect(rule(page, 'stalled')).toHaveAttribute('data-count', String(stalled.length));
    await expect(rule(page, 'stalled').getByTestId('plan-rule-result')).toContainText(
      stalled.length ? `${stalled.length} 个项目连续 2 个月无实质进展` : '没有连续 2 个月无实质进展的项目'
    );

    const limit = rule(page, 'approval_limits[0]');
    await expect(limit).toHaveAttribute('data-needs', 'projects.risk_class');
    await expect(limit.getByTestId('plan-rule-result')).toHaveText('无法计算：本数据集没有此规则所需的数据（projects.risk_class）。');
    await expect(limit).not.toContainText(/\b0\b/);
  });

  test('Guiyang: the projects over 80 working days, each opening its card', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('league/?ds=guiyang-2021&bench');
    await rulesSettled(page);
    const counted = await inPage(page, (m) =>
      execFileSync('npx', ['tsx', 'test/e2e/approval-limit-sql.ts', GUIYANG.id, '0', m], { encoding: 'utf8' })
    );
    const over = counted.filter((r) => r.over === true);
    const line = rule(page, 'approval_limits[0]');
    await expect(line).toHaveAttribute('data-count', String(over.length));
    await expect(line.getByTestId('plan-rule-result')).toHaveText(`${over.length} 个项目前期手续超过 80 个工作日`);
    if (over.length) {
      await line.locator('summary').click();
      const first = line.locator('li a').first();
      await expect(first).toHaveAttribute('href', /project=/);
      await first.click();
      await expect(page.getByTestId('project-card')).toBeVisible({ timeout: 60_000 });
    }
  });

  test('Lishui lists the projects led below their leader’s threshold; Jiujiang judges its ≥ 300亿 a year as the builder does', async ({
    page
  }) => {
    test.setTimeout(180_000);
    await page.goto('league/?ds=lishui-2018&bench');
    await rulesSettled(page);
    const breaches = await inPage(page, () => String(leaderBreachesQuery(LISHUI.leader_thresholds!)));
    const ids = new Set(breaches.map((r) => String(r.id)));
    await expect(rule(page, 'leader_thresholds')).toHaveAttribute('data-count', String(ids.size));
    await expect(rule(page, 'leader_thresholds').getByTestId('plan-rule-result')).toHaveText(
      `${ids.size} 个领办项目低于领办领导级别的门槛`
    );

    await page.goto('league/?ds=jiujiang-2021-2023&month=2023-05&bench');
    await rulesSettled(page);
    const [row] = await inPage(page, (m, facts) => String(programmeTargetsQuery(m, JIUJIANG.programme_targets!, { facts })));
    const line = rule(page, 'programme_targets[0]');
    await expect(line.getByTestId('plan-rule-verdict')).toHaveAttribute('data-verdict', row.met ? 'met' : 'missed');
    const yi = (Number(row.value) / 10000).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    await expect(line.getByTestId('plan-rule-result')).toContainText(`本年累计完成投资 ${yi}亿元，目标不低于 300.00亿元`);
  });

  for (const { width, height, locale } of pageScreens([
    [390, 844],
    [1920, 1080]
  ]))
    test(`looks right at ${width}×${height} in ${locale}`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height });
      await speak(page, locale);
      await page.goto('league/?ds=county-2023');
      const section = await rulesSettled(page);
      if (locale === 'en') await expect(rule(page, 'approval_limits[0]')).toContainText('Cannot be computed');
      const lists = section.locator('summary');
      if ((await lists.count()) > 0) await lists.first().click();
      await section.screenshot({ path: `test-results/screens/league-plan-rules-${width}x${height}-${locale}.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)).toBe(false);
    });
});
