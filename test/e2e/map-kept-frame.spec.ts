/**
 * From 200,000 dots the map keeps the dots' last frame in a texture and shows it again on the
 * map's own frames (frame-cache.ts); `?keepframe=always` does so for the demo's few hundred. Drawn
 * inside MapLibre's frame (under its labels), the kept frame must look as the dots drawn each
 * frame do, follow a filter, survive the map's own redraws and still pick the dot under the pointer.
 */
import { PHASE_COLORS } from '../../src/lib/charts/colors.ts';
import { PHASES } from '../../src/lib/schema.ts';
import { colourSpots, countColours, expect, mapShot, openMap, test } from './helpers.ts';
import type { Page } from '@playwright/test';

const phasePixels = async (page: Page, name: string) =>
  countColours(
    page,
    await mapShot(page, name),
    PHASES.map((p) => PHASE_COLORS[p]),
    20
  );

test.describe('the dots kept as a frame', () => {
  test('draw, filter, redraw with the map and pick as the dots drawn each frame do', async ({ page }) => {
    await openMap(page, './?test&keepframe=never');
    const drawn = await phasePixels(page, 'map-kept-frame-never');

    await openMap(page, './?test&keepframe=always');
    const kept = await phasePixels(page, 'map-kept-frame-always');
    for (const [i, phase] of PHASES.entries()) {
      // The same dots, to the antialiased rims (the texture's dots may sit half a pixel apart).
      expect(Math.abs(kept[i] - drawn[i]), `pixels of ${phase}: kept ${kept[i]}, drawn ${drawn[i]}`).toBeLessThanOrEqual(
        Math.max(30, drawn[i] * 0.05)
      );
    }
    expect(kept.reduce((a, b) => a + b)).toBeGreaterThan(200);

    // A filter draws the dots again into the texture.
    await page.getByTestId('filter-phase-new').check();
    await expect(page).toHaveURL(/phase=new/);
    const continuing = PHASES.indexOf('continuing');
    const newPhase = PHASES.indexOf('new');
    await expect.poll(async () => (await phasePixels(page, 'map-kept-frame-filter'))[continuing]).toBeLessThan(20);
    expect((await phasePixels(page, 'map-kept-frame-filter'))[newPhase]).toBeGreaterThan(20);
    await page.getByTestId('filter-clear').click();
    await expect.poll(async () => (await phasePixels(page, 'map-kept-frame-cleared'))[continuing]).toBeGreaterThan(20);

    // The map's own frames (the districts shaded: MapLibre's layers only) show the kept dots.
    await page.getByTestId('choropleth-metric').selectOption('gap_points');
    await expect(page).toHaveURL(/choropleth=gap_points/);
    await expect(page.getByTestId('project-map')).toHaveAttribute('data-map-idle', 'true');
    const shaded = await phasePixels(page, 'map-kept-frame-shaded');
    expect(shaded[continuing], 'the dots after the map redrew its districts').toBeGreaterThan(kept[continuing] * 0.8);

    // Picking draws the dots as before: the dot under the pointer is named.
    const box = (await page.getByTestId('project-map').boundingBox())!;
    const picture = await mapShot(page, 'map-kept-frame-hover');
    let spot: { x: number; y: number } | undefined;
    for (const colour of Object.values(PHASE_COLORS)) spot ??= (await colourSpots(page, picture, 2, colour, 12))[0];
    expect(spot, 'a dot to hover').toBeDefined();
    await page.mouse.move(box.x + spot!.x, box.y + spot!.y);
    await expect(page.getByTestId('map-tooltip')).toContainText(/预备项目|新开工项目|续建项目|竣工项目/);
  });
});
