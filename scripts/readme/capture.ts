/**
 * The README's screenshots, taken from the production build (`npm run build` first) on the demo
 * data with Debian's Chromium, so they can be made again whenever the pages change:
 *
 *   npm run build && npx tsx scripts/readme/capture.ts [file.png …] [--port 4391]
 *
 * Writes scripts/readme/*.png (those named, or all). Each shot waits for its page to have every
 * view's data.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../bench/browser.ts';
import { startServer } from '../bench/server.ts';

interface Shot {
  file: string;
  path: string;
  width: number;
  height: number;
  locale?: 'en';
  /** Something to do once the page has its data (open a sheet, scroll). */
  then?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { file: 'map.png', path: '?phase=new,continuing,completion&color=rag', width: 1600, height: 900 },
  { file: 'overview.png', path: 'overview/', width: 1600, height: 1000 },
  {
    file: 'overview-published.png',
    path: 'overview/',
    width: 1600,
    height: 1000,
    then: async (page) => {
      await page.getByTestId('overview-published').scrollIntoViewIfNeeded();
      await page.getByTestId('published-notes').waitFor();
    }
  },
  { file: 'phone.png', path: '?district=450203', width: 390, height: 844 },
  { file: 'map-en.png', path: '?view=table&sector=industry', width: 1366, height: 768, locale: 'en' },
  { file: 'data.png', path: 'data/?phase=new,continuing', width: 1366, height: 768 },
  { file: 'war-room.png', path: 'war-room/?screen=wall&dwell=600', width: 1920, height: 1080 },
  {
    file: 'district.png',
    path: 'district/?d=450202&color=rag',
    width: 1600,
    height: 1000,
    then: async (page) => {
      await page.waitForFunction(() => !document.querySelector('[data-drill-view][data-loaded="false"]'), null, { timeout: 60_000 });
    }
  }
];

const ready = [
  '[data-testid="map-page"][data-busy="false"][data-points-from="core"]',
  '[data-testid="overview-page"][data-busy="false"]',
  '[data-testid="data-table"][data-pending="false"]:not([data-rows-version="0"])',
  '[data-testid="drill-page"][data-busy="false"][data-points-from="core"]',
  '[data-testid="war-room"][data-busy="false"] [data-testid="wall-map"][data-framed]:not([data-drawn="0"])'
].join(', ');
const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = portAt >= 0 ? Number(args[portAt + 1]) : 4391;
const only = args.filter((a, i) => a.endsWith('.png') && (portAt < 0 || i !== portAt + 1));

async function main(): Promise<void> {
  const server = await startServer('build', '', port);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    for (const shot of SHOTS.filter((x) => only.length === 0 || only.includes(x.file))) {
      const page = await browser.newPage({
        viewport: { width: shot.width, height: shot.height },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai'
      });
      if (shot.locale) await page.addInitScript(() => localStorage.setItem('command-map.locale', 'en'));
      await page.goto(`${server.url}${shot.path}`);
      await page.waitForSelector(ready, { timeout: 60_000 });
      await shot.then?.(page);
      // The map's districts and labels drawn too, not only its points (MapLibre idle).
      await page.waitForFunction(
        () => [...document.querySelectorAll('[data-testid="project-map"]')].every((m) => m.getAttribute('data-map-idle') === 'true'),
        null,
        { timeout: 60_000 }
      );
      // Two frames, so the map's last points are drawn.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))));
      await page.screenshot({ path: `scripts/readme/${shot.file}` });
      console.log(`scripts/readme/${shot.file}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
