/**
 * The timeline playback on the map page (Jiujiang, 2021–2023): it plays to the last month with
 * data, the map of that month differs from the first month's, the KPI strip moves with it, events
 * are named as the playhead reaches them, leaving returns to the loaded month; screens in both
 * languages at phone, laptop and wall sizes.
 */
import type { Page } from '@playwright/test';
import { expect, openMap, test, LOCALES, speak, sizesFor } from './helpers.ts';

const DS = 'jiujiang-2021-2023';

async function enterPlayback(page: Page): Promise<void> {
  await page.getByTestId('playback-enter').click();
  await expect(page.getByTestId('playback-bar')).toBeVisible({ timeout: 60_000 });
}

/** Once the map has drawn the frame of the playhead's month. */
async function drawn(page: Page): Promise<void> {
  await expect(page.getByTestId('map-page')).not.toHaveAttribute('data-rendered-points', '0');
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
}

/** The map's pixels once its frame of the playhead's month is drawn. */
async function mapShot(page: Page): Promise<Buffer> {
  await drawn(page);
  return page.getByTestId('project-map').screenshot();
}

/** Pixels that differ by more than `tolerance` in some channel between two screenshots of one size. */
async function differingPixels(page: Page, a: Buffer, b: Buffer, tolerance = 16): Promise<number> {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const decode = async (b64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = [await decode(a), await decode(b)];
      // The same region of the map: the bar below it may have changed its height by a pixel.
      const [w, h] = [Math.min(x.width, y.width), Math.min(x.height, y.height)];
      let n = 0;
      for (let row = 0; row < h; row++) {
        for (let col = 0; col < w; col++) {
          const [i, j] = [4 * (row * x.width + col), 4 * (row * y.width + col)];
          const d = Math.max(
            Math.abs(x.data[i] - y.data[j]),
            Math.abs(x.data[i + 1] - y.data[j + 1]),
            Math.abs(x.data[i + 2] - y.data[j + 2])
          );
          if (d > tolerance) n++;
        }
      }
      return n;
    },
    { a: a.toString('base64'), b: b.toString('base64'), tolerance }
  );
}

test.describe('timeline playback', () => {
  test('plays Jiujiang to its last month: the map and the KPI strip change, events are named, leaving returns to the month', async ({
    page
  }) => {
    await openMap(page, `./?ds=${DS}&test`);
    const loadedKpi = await page.getByTestId('kpi-completed').textContent();
    await enterPlayback(page);
    const month = page.getByTestId('playback-month');
    // It opens at the loaded month (the as-of month, June 2023), the last with data.
    await expect(month).toHaveAttribute('data-month', '2023-06');
    await expect(page.getByTestId('kpi-completed')).toHaveText(loadedKpi!);

    await page.getByTestId('playback-play').focus();
    await page.keyboard.press('Home');
    await expect(month).toHaveAttribute('data-month', '2021-01');
    await expect(month).toHaveText('2021年1月');
    const firstKpi = await page.getByTestId('kpi-completed').textContent();
    const first = await mapShot(page);

    // Two steps forward with the arrow key: March, the first quarter's milestone is named.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(month).toHaveAttribute('data-month', '2021-03');
    await expect(page.getByTestId('playback-passing')).toContainText('开门红');

    await page.getByTestId('playback-speed').selectOption('4');
    await page.getByTestId('playback-play').click();
    await expect(month).toHaveAttribute('data-playing', 'true');
    await expect(month).toHaveAttribute('data-month', '2023-06', { timeout: 60_000 });
    await expect(month).toHaveAttribute('data-playing', 'false');
    await expect(month).toHaveText('2023年6月');
    // The scrubber runs over all 36 months of the programme; the months after June 2023 have no data.
    await expect(page.getByTestId('playback-scrubber')).toHaveAttribute('max', '35');
    await expect(page.getByTestId('playback-forward')).toBeDisabled();
    const last = await mapShot(page);
    expect(await differingPixels(page, first, last)).toBeGreaterThan(200);
    expect(await page.getByTestId('kpi-completed').textContent()).not.toBe(firstKpi);
    await expect(page.getByTestId('playback-curve-actual')).not.toHaveText('—');

    await page.getByTestId('playback-leave').click();
    await expect(page.getByTestId('playback-bar')).toHaveCount(0);
    await expect(page.getByTestId('kpi-completed')).toHaveText(loadedKpi!);
    await expect(page).toHaveURL(/ds=jiujiang-2021-2023/);
    await expect(page).not.toHaveURL(/month=2021/);
  });

  test('screens at phone, laptop and wall sizes, in Chinese and English', async ({ page }) => {
    // Six page loads of the map.
    test.setTimeout(360_000);
    for (const locale of LOCALES) {
      await speak(page, locale);
      for (const { width: w, height: h } of sizesFor(locale)) {
        await page.setViewportSize({ width: w, height: h });
        await openMap(page, `./?ds=${DS}&test`);
        await enterPlayback(page);
        await page.getByTestId('playback-scrubber').fill('17');
        await expect(page.getByTestId('playback-month')).toHaveAttribute('data-month', '2022-06');
        await drawn(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${locale} ${w}×${h} scrolls sideways`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `test-results/screens/playback-${locale}-${w}x${h}.png` });
      }
    }
  });
});
