import { expect, test as base, type Page } from '@playwright/test';

export type Rgb = [number, number, number];

/**
 * A page that may only talk to the test server: anything else is aborted and recorded, so an
 * accidental CDN or tile dependency fails loudly.
 */
export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: async ({ page, baseURL }, use) => {
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.fallback();
      foreign.push(url);
      return route.abort();
    });
    page.on('pageerror', (err) => console.log(`[pageerror] ${err.message}`));
    await use(foreign);
  }
});

export { expect };

/** Opens the map and waits until the projects have been drawn in a frame. */
export async function openMap(page: Page, target = './'): Promise<void> {
  await page.goto(target);
  await expect(page.getByTestId('map-page')).toBeVisible();
  await expect(page.getByTestId('map-page')).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  await expect(page.getByTestId('loading')).toHaveCount(0);
}

/**
 * Counts pixels of a screenshot within `tolerance` of each colour, decoding the PNG in the page
 * itself (no image library needed on the Node side).
 */
export async function countColours(page: Page, png: Buffer, colours: Rgb[], tolerance = 24): Promise<number[]> {
  return page.evaluate(
    async ({ b64, colours, tolerance }) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const counts = colours.map(() => 0);
      for (let i = 0; i < data.length; i += 4) {
        for (let c = 0; c < colours.length; c++) {
          const [r, g, b] = colours[c];
          if (Math.abs(data[i] - r) <= tolerance && Math.abs(data[i + 1] - g) <= tolerance && Math.abs(data[i + 2] - b) <= tolerance) {
            counts[c]++;
            break;
          }
        }
      }
      return counts;
    },
    { b64: png.toString('base64'), colours, tolerance }
  );
}
