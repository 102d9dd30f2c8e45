/**
 * The one playhead and the workspace's filters in the playback (Jiujiang, 2021–2023): the
 * milestones' today line and slips follow the playhead stepped on their page, the map's playback
 * opens at it and moves it back; the playback draws only the filtered projects, its KPI figures are
 * the filtered districts', and a point clicked opens its project's card.
 */
import type { Page } from '@playwright/test';
import { colourSpots, expect, openMap, test, type Rgb, LOCALES, speak, sizesFor } from './helpers.ts';

const DS = 'jiujiang-2021-2023';
/** 武宁县. */
const DISTRICT = '360423';
const DISTRICT_NAME = '武宁县';

async function openMilestones(page: Page, query: string): Promise<void> {
  await page.goto(`milestones/?ds=${DS}&test${query}`);
  await expect(page.getByTestId('milestone-gantt')).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
}

/** The visible rows' slip labels, by project id. */
async function slips(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId('milestone-gantt').getByTestId('gantt-row');
  await expect(rows.first()).toBeVisible();
  return Object.fromEntries(
    await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-id'), el.querySelector('.slip')?.className ?? '']))
  );
}

const todayX = async (page: Page) => Number(await page.getByTestId('gantt-today').getAttribute('data-x'));

async function shown(page: Page): Promise<number> {
  return Number(await page.getByTestId('playback-shown').getAttribute('data-shown'));
}

test.describe('the playhead and the filters in the playback', () => {
  test('the Gantt’s today line and slips follow the playhead, which the map’s playback shares', async ({ page }) => {
    await openMilestones(page, '');
    const gantt = page.getByTestId('milestone-gantt');
    const asOf = await gantt.getAttribute('data-today');
    const xAsOf = await todayX(page);
    const slipsAsOf = await slips(page);

    await page.getByTestId('milestones-playhead-take').click();
    const month = page.getByTestId('playback-month');
    await expect(month).toHaveAttribute('data-month', asOf!.slice(0, 7));
    await page.getByTestId('playback-play').focus();
    await page.keyboard.press('Home');
    await expect(month).toHaveAttribute('data-month', '2021-01');
    await expect(gantt).toHaveAttribute('data-today', '2021-01-31');
    await expect(page).toHaveURL(/[?&]at=2021-01/);
    await expect.poll(() => todayX(page)).toBeLessThan(xAsOf - 50);
    // The same projects (the workspace month's), their slips as at January 2021: most milestones not due yet.
    await expect.poll(async () => JSON.stringify(await slips(page))).not.toBe(JSON.stringify(slipsAsOf));
    const early = await slips(page);
    const notDue = (s: Record<string, string>) => Object.values(s).filter((c) => c.includes('not_due')).length;
    expect(notDue(early)).toBeGreaterThan(notDue(slipsAsOf));

    await page.keyboard.press('ArrowRight');
    await expect(gantt).toHaveAttribute('data-today', '2021-02-28');
    const xFeb = await todayX(page);
    await page.screenshot({ path: 'test-results/screens/milestones-playhead.png' });

    // The map's playback opens at the same playhead, and a step there moves the Gantt's line.
    await page.getByRole('link', { name: '作战地图', exact: true }).first().click();
    await expect(page.getByTestId('playback-bar')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('playback-month')).toHaveAttribute('data-month', '2021-02');
    await page.getByTestId('playback-forward').click();
    await expect(page.getByTestId('playback-month')).toHaveAttribute('data-month', '2021-03');
    await page.getByRole('link', { name: '里程碑', exact: true }).first().click();
    await expect(gantt).toHaveAttribute('data-today', '2021-03-31');
    await expect.poll(() => todayX(page)).toBeGreaterThan(xFeb);

    // Handed back: the line is the workspace month's again.
    await page.getByTestId('milestones-playhead-release').click();
    await expect(gantt).toHaveAttribute('data-today', asOf!);
    await expect(page).not.toHaveURL(/[?&]at=/);
  });

  test('draws only the filtered projects with the district’s figures, and a point clicked opens its card', async ({ page }) => {
    await openMap(page, `./?ds=${DS}&test`);
    await page.getByTestId('playback-enter').click();
    await expect(page.getByTestId('playback-bar')).toBeVisible({ timeout: 60_000 });
    const all = await shown(page);
    const kpiAll = await page.getByTestId('kpi-completed').textContent();
    expect(all).toBeGreaterThan(0);

    // The district filtered in the filter panel during the playback, as for any view: fewer points, the district's figures.
    await page.getByTestId('filter-panel').getByLabel(DISTRICT_NAME, { exact: true }).check();
    await expect(page).toHaveURL(new RegExp(`district=${DISTRICT}`));
    await expect.poll(() => shown(page)).toBeLessThan(all);
    expect(await shown(page)).toBeGreaterThan(0);
    await expect(page.getByTestId('kpi-completed')).not.toHaveText(kpiAll!);
    await expect(page.getByTestId('playback-note')).toHaveCount(0);

    // A point of the playback opens its project's card: one of the district's.
    const map = page.getByTestId('project-map');
    await expect(page.getByTestId('map-page')).not.toHaveAttribute('data-rendered-points', '0');
    const box = (await map.boundingBox())!;
    const card = page.getByTestId('project-card');
    const colours: Rgb[] = [
      [0, 158, 115],
      [230, 159, 0],
      [213, 94, 0]
    ];
    let opened = false;
    for (const colour of colours) {
      const spots = await colourSpots(page, await map.screenshot(), 2, colour, 30);
      for (const spot of spots.slice(0, 4)) {
        await page.mouse.click(box.x + spot.x, box.y + spot.y);
        if (
          await card.waitFor({ timeout: 3_000 }).then(
            () => true,
            () => false
          )
        ) {
          opened = true;
          break;
        }
      }
      if (opened) break;
    }
    expect(opened, 'a point opened a card').toBe(true);
    await expect(page).toHaveURL(/[?&]project=/);
    await expect(card.locator('h2')).not.toBeEmpty();
    await expect(card).toContainText(DISTRICT_NAME);
    await page.screenshot({ path: 'test-results/screens/playback-filtered-card.png' });
  });

  test('screens at phone, laptop and wall sizes, in Chinese and English: the playhead in the URL opens both pages at it', async ({
    page
  }) => {
    // Twelve page loads.
    test.setTimeout(480_000);
    for (const locale of LOCALES) {
      await speak(page, locale);
      for (const { width: w, height: h } of sizesFor(locale)) {
        await page.setViewportSize({ width: w, height: h });
        await openMilestones(page, '&at=2022-06');
        await expect(page.getByTestId('milestone-gantt')).toHaveAttribute('data-today', '2022-06-30');
        await expect(page.getByTestId('playback-month')).toHaveAttribute('data-month', '2022-06');
        await page.screenshot({ path: `test-results/screens/milestones-playhead-${w}x${h}-${locale}.png` });
        await openMap(page, `./?ds=${DS}&test&at=2022-06&district=${DISTRICT}`);
        await expect(page.getByTestId('playback-month')).toHaveAttribute('data-month', '2022-06', { timeout: 60_000 });
        await expect(page.getByTestId('map-page')).not.toHaveAttribute('data-rendered-points', '0');
        await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
        await page.screenshot({ path: `test-results/screens/playback-filtered-${w}x${h}-${locale}.png` });
      }
    }
  });
});
