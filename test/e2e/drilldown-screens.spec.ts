/**
 * The district, sector and comparison pages on the Liuzhou 2022 data at a phone's, a laptop's and
 * a desktop's size, in both languages: nothing runs off sideways, the map is drawn; shot to be
 * looked at.
 */
import type { Page } from '@playwright/test';
import { PHASE_COLORS } from '../../src/lib/charts/colors.ts';
import { drillSettled } from './drill-helpers.ts';
import { countColours, expect, test, speak, pageScreens } from './helpers.ts';

test.describe('the drill-down pages on screens from a phone to a wall, in both languages', () => {
  for (const { width, height, locale } of pageScreens()) {
    test(`at ${width}×${height} in ${locale}: the district, sector and comparison pages fit the width and the map is drawn`, async ({
      page
    }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height });
      await speak(page, locale);
      const shots = `test-results/screens/drilldown-${width}x${height}-${locale}`;
      await page.goto(`district/?d=450202&test`);
      await drillSettled(page, 'district', '450202');
      await expect(page.getByTestId('drill-title')).toContainText(locale === 'en' ? 'Chengzhong' : '城中区');
      await checkLayout(page);
      await mapDrawn(page);
      await page.screenshot({ path: `${shots}-district.png` });
      await page.getByTestId('drill-page').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
      await page.screenshot({ path: `${shots}-district-lower.png` });

      await page.goto(`sector/?s=infrastructure&test`);
      await drillSettled(page, 'sector', 'infrastructure');
      await checkLayout(page);
      await mapDrawn(page);
      await page.screenshot({ path: `${shots}-sector.png` });

      await page.goto(`compare/?a=450202&b=450203`);
      await expect(page.getByTestId('compare-table')).toHaveAttribute('data-loaded', 'true', { timeout: 60_000 });
      await checkLayout(page);
      if (locale === 'en') await expect(page.getByTestId('compare-page')).not.toContainText(/[\u4e00-\u9fff]/);
      await page.screenshot({ path: `${shots}-compare.png` });
    });
  }
});

/** Neither the document nor the page's scroller scrolls sideways. */
async function checkLayout(page: Page): Promise<void> {
  const layout = await page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="drill-page"], [data-testid="compare-page"]')!;
    return { inner: innerWidth, doc: document.documentElement.scrollWidth, scroll: scroller.scrollWidth, client: scroller.clientWidth };
  });
  expect(layout.doc, 'document scroll width').toBeLessThanOrEqual(layout.inner);
  expect(layout.scroll, 'page scroll width').toBeLessThanOrEqual(layout.client);
}

/** The map's picture has pixels of the project dots' colours (a blank map fails). */
async function mapDrawn(page: Page): Promise<void> {
  const map = page.getByTestId('project-map');
  await map.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))));
  const shot = await map.screenshot({ mask: [page.getByTestId('map-legend')], maskColor: '#ffffff' });
  const counts = await countColours(page, shot, Object.values(PHASE_COLORS), 20);
  expect(
    counts.reduce((a, b) => a + b),
    'pixels of project dots'
  ).toBeGreaterThan(100);
}
