/**
 * The map's dots are drawn by DotLayer (point sprites, for software renderers' sake) instead of
 * deck.gl's ScatterplotLayer: both layers draw the same dots, with the map's props, in a real
 * browser, and must paint the same pixels and pick the same project under every dot's centre, at
 * pixel ratios 1 and 2 (a sprite's size is in framebuffer pixels).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import type { Comparison } from './fixtures/dot-layer/harness.ts';

const HARNESS = path.resolve('test/e2e/fixtures/dot-layer');
const OUT = path.resolve('test-results/dot-layer-harness');
const ORIGIN = 'http://dot-layer.test';

test.beforeAll(async () => {
  await build({ configFile: false, root: HARNESS, base: './', logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, minify: false } });
});

for (const deviceScaleFactor of [1, 2]) {
  test(`DotLayer paints and picks what ScatterplotLayer does (pixel ratio ${deviceScaleFactor})`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 480, height: 320 }, deviceScaleFactor });
    const page = await context.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const file = path.join(OUT, new URL(route.request().url()).pathname);
      const type = file.endsWith('.html') ? 'text/html' : 'text/javascript';
      await route.fulfill({ body: await readFile(file), contentType: type });
    });
    page.on('pageerror', (err) => console.log(`[pageerror] ${err.message}`));
    await page.goto(`${ORIGIN}/index.html`);
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    const { scatter, dot, selected } = (await page.evaluate(() =>
      (window as unknown as { compareDotLayers: () => Promise<unknown> }).compareDotLayers()
    )) as Comparison;

    for (const [i, shown] of selected.entries()) {
      const [a, b] = [scatter[i], dot[i]];
      const where = `dot ${i} at pixel ratio ${deviceScaleFactor}`;
      expect(a.picked, where).toBe(shown ? i : null);
      expect(b.picked, where).toBe(a.picked);
      if (!shown) {
        expect(a.painted + b.painted, where).toBe(0);
        continue;
      }
      // The same disc: its area within a pixel's ring, its centre within a pixel (a sprite is
      // placed on the pixel grid), the same colour in the middle.
      const radius = Math.sqrt(a.painted / Math.PI);
      expect(Math.abs(b.painted - a.painted), where).toBeLessThanOrEqual(2 * Math.PI * radius + 4);
      expect(Math.hypot(b.x - a.x, b.y - a.y), where).toBeLessThanOrEqual(deviceScaleFactor);
      for (const channel of [0, 1, 2, 3]) expect(Math.abs(b.centre[channel] - a.centre[channel]), where).toBeLessThanOrEqual(8);
    }
    expect(scatter.filter((d) => d.painted > 0).length).toBe(selected.filter(Boolean).length);
    await page.screenshot({ path: `test-results/screens/dot-layer-${deviceScaleFactor}x.png` });
    await context.close();
  });
}
