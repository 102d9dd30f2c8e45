/**
 * A long list of values (a national dataset's 2,799 districts) makes its checkboxes a chunk of 50
 * at a time, as each chunk comes near the list's view: the rest are empty boxes of the chunk's
 * height, so that the list scrolls as far as it would with every row made. Here the demo dataset's
 * districts file is served with 240 more districts, five chunks in all.
 */
import type { Page, Route } from '@playwright/test';
import { expect, openMap, test } from './helpers.ts';

const EXTRA = 240;
const code = (i: number) => `99${String(i).padStart(4, '0')}`;
const name = (i: number) => `测试${String(i).padStart(3, '0')}区`;

async function withExtraDistricts(route: Route): Promise<void> {
  const response = await route.fetch();
  const districts = (await response.json()) as { features: unknown[] };
  for (let i = 0; i < EXTRA; i++) {
    const [x, y] = [108.2 + (i % 20) * 0.01, 26.2 + Math.floor(i / 20) * 0.01];
    districts.features.push({
      type: 'Feature',
      properties: { code: code(i), name: name(i), name_en: `Test ${i}`, label: [x + 0.004, y + 0.004] },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.008, y],
            [x + 0.008, y + 0.008],
            [x, y + 0.008],
            [x, y]
          ]
        ]
      }
    });
  }
  await route.fulfill({ response, json: districts });
}

const list = (page: Page) => page.getByTestId('filter-group-district');
const made = (page: Page) => list(page).locator('input[type="checkbox"]').count();

test('a long list makes its rows as they come into view, scrolls as far as with every row made, and finds any value', async ({
  page,
  foreignRequests
}) => {
  await page.route('**/data/liuzhou-2022/districts.geojson', withExtraDistricts);
  await openMap(page, './?ds=liuzhou-2022');
  const values = list(page).locator('.values');
  await expect(values).toBeVisible();
  // The first chunk only: the list shows ~7 rows, the next chunk starts 50 rows down.
  await expect.poll(() => made(page)).toBe(50);
  const unmadeHeight = await values.evaluate((el) => el.scrollHeight);

  // Scrolled to the end, the last chunk is made (and the one before it, within a list's height).
  await values.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = list(page).getByTestId(`filter-district-${code(EXTRA - 1)}`);
  await expect(last).toBeAttached();
  await last.scrollIntoViewIfNeeded();
  await last.check();
  await expect(page.getByTestId('active-filter-district')).toContainText(name(EXTRA - 1));
  await list(page).screenshot({ path: 'test-results/screens/filter-long-list-end.png' });

  // Every chunk made in turn: the list is as tall as the empty boxes said it would be (within 5 %).
  const chunks = values.locator('.chunk');
  await expect(chunks).toHaveCount(5);
  for (let at = 0; at < 5; at++) {
    await chunks.nth(at).evaluate((chunk) => {
      const box = chunk.parentElement!;
      box.scrollTop += chunk.getBoundingClientRect().top - box.getBoundingClientRect().top;
    });
    await expect(chunks.nth(at).locator('input[type="checkbox"]')).toHaveCount(50);
  }
  const madeHeight = await values.evaluate((el) => el.scrollHeight);
  expect(Math.abs(madeHeight - unmadeHeight) / madeHeight).toBeLessThan(0.05);

  // A value far down is found by the list's own box, without scrolling.
  await openMap(page, './?ds=liuzhou-2022');
  await expect.poll(() => made(page)).toBe(50);
  await page.getByTestId('filter-find-district').fill(name(200));
  await expect(list(page).getByTestId(`filter-district-${code(200)}`)).toBeVisible();
  expect(foreignRequests).toEqual([]);
});
