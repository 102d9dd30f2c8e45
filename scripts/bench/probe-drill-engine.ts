/**
 * npx tsx scripts/bench/probe-drill-engine.ts <site dir> <port> <dataset id> <district a,district b> [runs] [policy]: a
 * district's page opened from the map, under the engine-start policy given (`idle` or `on-need`,
 * workspace/engine-start.ts, by `?engine=`), per run in a fresh browser: the map loaded with both
 * districts selected and left 8 s (under 'idle' until warmPages is done), then district a's link
 * clicked (first) and, after the back button, district b's (again); each click's ms until every
 * `[data-drill-view]` has its data and no query is under way; whether the engine was asked for
 * (`cm:engine-demanded`) and the renderer's resident memory (VmRSS, /proc, every 100 ms: peak, end).
 * The site is one prepared by site.ts (prepareSite with the bench datasets).
 */
import type { Page } from '@playwright/test';
import { probeRuns, sampleRendererRss } from './browser.ts';

const [dir, port, id, districts, runsArg = '3', policy = 'on-need'] = process.argv.slice(2);
if (!dir || !port || !id || !districts)
  throw new Error('usage: probe-drill-engine.ts <site dir> <port> <dataset id> <a,b> [runs] [idle|on-need]');
const [a, b] = districts.split(',');

/** ms from the click on the district's link until its page has every view's data and no query under way. */
async function openDistrict(page: Page, code: string): Promise<number> {
  const link = page.getByTestId(`drill-link-district-${code}`);
  await link.waitFor({ timeout: 60_000 });
  const start = Date.now();
  await link.click();
  await page.waitForFunction(
    (code) => {
      const drill = document.querySelector('[data-testid="drill-page"]');
      if (drill?.getAttribute('data-key') !== code || drill.getAttribute('data-busy') !== 'false') return false;
      const views = [...drill.querySelectorAll('[data-drill-view]')];
      return views.length >= 7 && views.every((v) => v.getAttribute('data-loaded') === 'true');
    },
    code,
    { timeout: 120_000, polling: 'raf' }
  );
  return Date.now() - start;
}

const mark = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(`cm:${n}`).length > 0, name);

await probeRuns(dir, Number(port), Number(runsArg), async ({ browser, context, url, run }) => {
  const page = await context.newPage();
  const rss = sampleRendererRss(browser);
  const samples = rss.samples;
  await page.goto(`${url}?ds=${id}&bench&district=${a},${b}&engine=${policy}`);
  await page.waitForFunction(() => performance.getEntriesByName('cm:interactive').length > 0, null, { timeout: 120_000 });
  await page.waitForTimeout(8_000);
  if (policy === 'idle')
    await page.waitForFunction(() => !!document.querySelector('[data-testid="app"]')?.getAttribute('data-pages-warmed'), null, {
      timeout: 120_000
    });
  const mapMb = Math.round(samples.at(-1)?.mb ?? 0);
  const first = await openDistrict(page, a);
  await page.goBack();
  await page.getByTestId('map-page').waitFor({ timeout: 60_000 });
  const again = await openDistrict(page, b);
  await page.waitForTimeout(3_000);
  await rss.stop();
  console.log(
    JSON.stringify({
      run,
      policy,
      first_ms: first,
      again_ms: again,
      engine_demanded: await mark(page, 'engine-demanded'),
      engine_in: await mark(page, 'engine-in'),
      renderer_mb: {
        map_before_click: mapMb,
        peak: Math.round(Math.max(...samples.map((s) => s.mb))),
        end: Math.round(samples.at(-1)?.mb ?? 0)
      }
    })
  );
});
