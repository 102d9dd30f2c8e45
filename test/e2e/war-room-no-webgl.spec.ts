/**
 * The war room in a browser without WebGL2 (some domestic 信创 browsers and GPUs): its scenes
 * still run, with a sketch of the districts in place of the map, the figures, and a line saying why.
 */
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/bench/browser.ts';
import { expect, test } from './helpers.ts';
import { openWarRoom } from './war-room-helpers.ts';

test.use({
  viewport: { width: 1920, height: 1080 },
  launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'] }
});

test('without WebGL2 the war room draws the districts as a sketch, says why, and tours its scenes', async ({ page }) => {
  await openWarRoom(page, 'screen=wall&dwell=600');
  const room = page.getByTestId('war-room');
  await expect(page.getByTestId('wall-map')).toHaveAttribute('data-webgl', 'false');
  await expect(page.getByTestId('wall-no-webgl')).toContainText('WebGL2');
  const sketch = page.getByTestId('district-sketch');
  expect(await sketch.locator('path').count()).toBeGreaterThan(5);
  // Coloured by status: more than one fill among the districts.
  const fills = await sketch.locator('path').evaluateAll((ps) => new Set(ps.map((p) => p.getAttribute('fill'))).size);
  expect(fills).toBeGreaterThan(1);
  await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(/^[1-9][\d,]*$/);
  await expect(room).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screens/war-room-no-webgl.png' });
  // A district's scene outlines its district on the sketch.
  await page.keyboard.press('2');
  await expect(room).toHaveAttribute('data-scene-id', /^district:/);
  const code = (await room.getAttribute('data-scene-id'))!.slice('district:'.length);
  await expect(sketch.locator(`path[data-code="${code}"]`)).toHaveAttribute('stroke', '#ffd54a');
  await page.keyboard.press('ArrowRight');
  await expect(room).toHaveAttribute('data-scene-index', '2');
});
