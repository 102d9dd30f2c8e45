/**
 * The dataset's rule preset as the page loads it: checked against the schema (an invalid one stops
 * on the error screen naming the key), and replaced by the site config's (config/presets.json).
 */
import { readFileSync } from 'node:fs';
import { expect, openMap, test } from './helpers.ts';
import { DATA_DIR, DATASET } from './damaged-data.ts';

const META = JSON.parse(readFileSync(`${DATA_DIR}/meta.json`, 'utf8'));

test('a meta.json preset out of range stops on the error screen, naming the file, the key and what it allows', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const rag = { ...META.rule_preset.rag, amber_max_points_behind: 120 };
  await page.route(`**/data/${DATASET}/meta.json`, (route) =>
    route.fulfill({ json: { ...META, rule_preset: { ...META.rule_preset, rag } } })
  );
  await page.goto('./');
  const error = page.getByTestId('load-error');
  await expect(error).toContainText(`data/${DATASET}/meta.json 中的规则预设有误：rule_preset.rag.amber_max_points_behind：不能是 120。`);
  await expect(error).toContainText('应为：0 到 100 之间的数');
  await expect(error).not.toContainText(/at \w+ \(|\.js:\d+/);
  expect(problems).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/error-preset.png' });
  await page.getByTestId('language-switch').click();
  await expect(error).toContainText(
    `The rule preset in data/${DATASET}/meta.json is invalid: rule_preset.rag.amber_max_points_behind: 120 is not allowed.`
  );
  await expect(error).toContainText('Expected: a number from 0 to 100');
  await page.screenshot({ path: 'test-results/screens/error-preset-en.png' });
});

test('the site config’s preset for the dataset replaces its own: the map legend states the Wuhan rule', async ({ page }) => {
  const wuhan = { ...META.rule_preset, rag: { basis: 'share_of_elapsed', green_min_share: 0.8, amber_min_share: 0.6 } };
  await page.route('**/config/presets.json', (route) => route.fulfill({ json: { presets: { [DATASET]: wuhan } } }));
  await openMap(page, './?test&color=rag');
  const legend = page.getByTestId('map-legend');
  await expect(legend).toContainText('绿：完成达到序时进度的 80% 及以上');
  await expect(legend).toContainText('黄：完成达到序时进度的 60%–80%');
  await expect(legend).toContainText('红：完成不足序时进度的 60%');
  await legend.screenshot({ path: 'test-results/screens/legend-wuhan.png' });
});
