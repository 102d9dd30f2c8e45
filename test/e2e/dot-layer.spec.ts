/**
 * The map's dots are drawn by DotLayer (point sprites, for software renderers' sake) instead of
 * deck.gl's ScatterplotLayer: both layers draw the same dots, with the map's props, in a real
 * browser, and must paint the same pixels and pick the same project under every dot's centre, at
 * pixel ratios 1 and 2 (a sprite's size is in framebuffer pixels).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import type { Comparison, KeptComparison } from './fixtures/dot-layer/harness.ts';

const HARNESS = path.resolve('test/e2e/fixtures/dot-layer');
const OUT = path.resolve('test-results/dot-layer-harness');
const ORIGIN = 'http://dot-layer.test';

test.beforeAll(async () => {
  await build({ configFile: false, root: HARNESS, base: './', logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, minify: false } });
});

async function harness(browser: Browser, deviceScaleFactor: number): Promise<{ page: Page; context: BrowserContext }> {
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
  return { page, context };
}

/** `dot` paints and picks what `scatter` does, dot by dot. */
function expectSameDots({ scatter, dot, selected }: Comparison, deviceScaleFactor: number): void {
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
}

for (const deviceScaleFactor of [1, 2]) {
  test(`DotLayer paints and picks what ScatterplotLayer does (pixel ratio ${deviceScaleFactor})`, async ({ browser }) => {
    const { page, context } = await harness(browser, deviceScaleFactor);
    const comparison = (await page.evaluate(() =>
      (window as unknown as { compareDotLayers: () => Promise<unknown> }).compareDotLayers()
    )) as Comparison;
    expectSameDots(comparison, deviceScaleFactor);
    await page.screenshot({ path: `test-results/screens/dot-layer-${deviceScaleFactor}x.png` });
    await context.close();
  });
}

for (const deviceScaleFactor of [1, 2]) {
  test(`A kept frame of the dots (frame-cache.ts) paints and picks what drawing them does, drawn again only when they change (pixel ratio ${deviceScaleFactor})`, async ({
    browser
  }) => {
    const { page, context } = await harness(browser, deviceScaleFactor);
    const kept = (await page.evaluate(() =>
      (window as unknown as { compareKeptFrame: () => Promise<unknown> }).compareKeptFrame()
    )) as KeptComparison;
    // `scatter` holds the kept frame's dots here, `dot` the dots drawn directly.
    expectSameDots(kept, deviceScaleFactor);
    const [first, unchanged, highlighted] = kept.renders;
    expect(first).toBeGreaterThanOrEqual(1);
    // Three frames with nothing changed show the kept frame; moving the highlight draws the dots again.
    expect(unchanged).toBe(first);
    expect(highlighted).toBe(first + 1);
    expect(kept.changedByHighlight).toBeGreaterThan(0);
    await context.close();
  });
}
