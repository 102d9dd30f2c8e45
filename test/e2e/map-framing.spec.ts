/**
 * The map opens framed on the city and stays so when its box changes size (a toolbar wrapping
 * while the page loads, a wall's browser going full screen, a phone turned) until someone moves
 * it; a resize is not a view to keep in the address. Measured on the map's picture: the box of
 * the districts' land colour, with no project shown over it.
 */
import type { Page } from '@playwright/test';
import { FIT_PADDING as PADDING } from '../../src/lib/map/framing.ts';
import { expect, LAND, mapShot, openMap, test } from './helpers.ts';

/** Top, bottom, left and right of the land's pixels in the map's picture (CSS pixels). */
async function landBox(page: Page, name: string): Promise<{ top: number; bottom: number; left: number; right: number; height: number }> {
  const png = await mapShot(page, name);
  return page.evaluate(
    async ({ b64, land }) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const { width, height } = bitmap;
      const ctx = new OffscreenCanvas(width, height).getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, width, height);
      let [top, bottom, left, right] = [height, -1, width, -1];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (Math.abs(data[i] - land[0]) > 2 || Math.abs(data[i + 1] - land[1]) > 2 || Math.abs(data[i + 2] - land[2]) > 2) continue;
          [top, bottom, left, right] = [Math.min(top, y), Math.max(bottom, y), Math.min(left, x), Math.max(right, x)];
        }
      }
      const ratio = devicePixelRatio || 1;
      return { top: top / ratio, bottom: bottom / ratio, left: left / ratio, right: right / ratio, height: height / ratio };
    },
    { b64: png.toString('base64'), land: LAND }
  );
}

/** The land spans the map's height within its padding (the demo city is taller than wide). */
const framed = (box: { top: number; bottom: number; height: number }) =>
  Math.abs(box.top - PADDING) <= 6 && Math.abs(box.height - box.bottom - PADDING) <= 6;

test.describe('the map framed on the city', () => {
  test('stays framed when its box changes size, until it is moved', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openMap(page, './?test');
    // No project matches: no dots over the land's edges.
    await page.getByTestId('filter-search').fill('无此项目');
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.getByTestId('map-page')).toHaveAttribute('data-busy', 'false');
    const first = await landBox(page, 'map-framing-first');
    expect(framed(first), JSON.stringify(first)).toBe(true);

    await page.setViewportSize({ width: 1440, height: 700 });
    await expect.poll(async () => framed(await landBox(page, 'map-framing-shorter'))).toBe(true);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await expect.poll(async () => framed(await landBox(page, 'map-framing-taller'))).toBe(true);
    expect(page.url()).not.toMatch(/[?&]map=/);
    expect(page.url()).toMatch(/[?&]q=/);

    // Dragged: the view is the user's, kept in the address and through a resize.
    const box = (await page.getByTestId('project-map').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 60, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/[?&]map=/);
    const dragged = await landBox(page, 'map-framing-dragged');
    await page.setViewportSize({ width: 1600, height: 800 });
    await expect(page.getByTestId('project-map')).toHaveAttribute('data-map-idle', 'true');
    await expect.poll(async () => (await landBox(page, 'map-framing-dragged-shorter')).height).toBe(dragged.height - 200);
    const after = await landBox(page, 'map-framing-dragged-shorter');
    // Same zoom: the land as wide as before the resize (its height may be cut by the map's edge).
    expect(Math.abs(after.right - after.left - (dragged.right - dragged.left))).toBeLessThanOrEqual(2);
    expect(framed(after)).toBe(false);
  });
});
