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
    // The page's own errors (a failed query is logged, not thrown) in the run's output: a view
    // that never settles on a shared machine is then explained by what the page said.
    page.on('console', (message) => {
      if (message.type() === 'error') console.log(`[console.error] ${message.text().slice(0, 400)}`);
    });
    await use(foreign);
  }
});

export { expect };

/**
 * Whether the suite looks at a page in this language at this width: Chinese at every size;
 * English, the second language, at the phone's width, where its longer words run off first.
 * E2E_ALL_SCREENS=1 takes English at every size too.
 */
export function screenInSuite(locale: string, width: number): boolean {
  return process.env.E2E_ALL_SCREENS === '1' || !locale.startsWith('en') || width < 1366;
}

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type ScreenSize = readonly [width: number, height: number];

/** A phone, a laptop and a desktop: the sizes every page is looked at in. */
export const PAGE_SIZES: readonly ScreenSize[] = [
  [390, 844],
  [1366, 768],
  [1920, 1080]
];

/** The sizes of `sizes` the suite looks at a page in `locale` (screenInSuite). */
export function sizesFor(locale: Locale, sizes: readonly ScreenSize[] = PAGE_SIZES): { width: number; height: number }[] {
  return sizes.filter(([width]) => screenInSuite(locale, width)).map(([width, height]) => ({ width, height }));
}

/** Each size of `sizes` in each language the suite looks at it in, for a test per screen. */
export function pageScreens(sizes: readonly ScreenSize[] = PAGE_SIZES): { width: number; height: number; locale: Locale }[] {
  return sizes.flatMap(([width, height]) =>
    LOCALES.filter((locale) => screenInSuite(locale, width)).map((locale) => ({ width, height, locale }))
  );
}

/** The app speaks `locale` from the page's next load on (what its language button keeps). */
export async function speak(page: Page, locale: Locale): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('command-map.locale', l), locale);
}

/**
 * Opens the map and waits until the projects have been drawn in a frame and every view has its
 * data (the first paint comes before the database is ready: its points alone are not enough).
 */
export async function openMap(page: Page, target = './'): Promise<void> {
  await page.goto(target);
  const map = page.getByTestId('map-page');
  await expect(map).toBeVisible();
  await expect(map).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  await expect(page.getByTestId('loading')).toHaveCount(0);
  await expect(map).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
  await expect(map).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/**
 * The map's picture once MapLibre is idle (every district tile in) and its last frames are drawn
 * (llvmpipe is slow), the legend masked out in white (its swatches would count as points).
 */
export async function mapShot(page: Page, name: string): Promise<Buffer> {
  await expect(page.getByTestId('project-map')).toHaveAttribute('data-map-idle', 'true');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))));
  return page.getByTestId('project-map').screenshot({
    path: `test-results/screens/${name}.png`,
    mask: [page.getByTestId('map-legend')],
    maskColor: '#ffffff'
  });
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

export const LAND: Rgb = [0xf7, 0xf5, 0xef];

/**
 * Spots of a screenshot (CSS pixels from its top-left) whose whole neighbourhood of `margin`
 * pixels is one colour: bare district land by default (no project, border or label near), or
 * the inside of a dot of a given colour. Nearest the centre first.
 */
export async function colourSpots(
  page: Page,
  png: Buffer,
  margin = 8,
  colour: Rgb = LAND,
  tolerance = 3
): Promise<{ x: number; y: number }[]> {
  return page.evaluate(
    async ({ b64, target, margin, tolerance }) => {
      const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
      const bitmap = await createImageBitmap(blob);
      const { width, height } = bitmap;
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, width, height);
      const matches = (x: number, y: number) => {
        const i = (y * width + x) * 4;
        return (
          Math.abs(data[i] - target[0]) <= tolerance &&
          Math.abs(data[i + 1] - target[1]) <= tolerance &&
          Math.abs(data[i + 2] - target[2]) <= tolerance
        );
      };
      const spots: { x: number; y: number; d: number }[] = [];
      const step = Math.max(1, Math.min(6, margin));
      for (let y = margin; y < height - margin; y += step) {
        for (let x = margin; x < width - margin; x += step) {
          let clear = true;
          for (let dy = -margin; dy <= margin && clear; dy += 2)
            for (let dx = -margin; dx <= margin && clear; dx += 2) clear = matches(x + dx, y + dy);
          if (clear) spots.push({ x, y, d: Math.hypot(x - width / 2, y - height / 2) });
        }
      }
      const ratio = devicePixelRatio || 1;
      return spots.sort((a, b) => a.d - b.d).map(({ x, y }) => ({ x: x / ratio, y: y / ratio }));
    },
    { b64: png.toString('base64'), target: colour, margin, tolerance }
  );
}

/** The KPI strip's project count as a number (null while it shows no figure). */
export async function kpiProjectCount(page: Page): Promise<number | null> {
  const text = (await page.getByTestId('kpi-projects').locator('.value').textContent()) ?? '';
  const digits = text.replace(/[^\d]/g, '');
  return digits ? Number(digits) : null;
}

/**
 * Opens the programme overview (or waits for it after a navigation when `target` is null) until
 * its annex, reconciliation and published check have their data and no query is under way.
 */
export async function openOverview(page: Page, target: string | null = 'overview/'): Promise<void> {
  if (target !== null) await page.goto(target);
  const overview = page.getByTestId('overview-page');
  await expect(overview).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('annex-all-projects')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('overview-published').locator('.waiting')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('overview-reconciliation').locator('.waiting')).toHaveCount(0, { timeout: 60_000 });
  await expect(overview).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
  await expect.poll(() => kpiProjectCount(page), { timeout: 60_000 }).not.toBeNull();
}

/**
 * Rows of a query run by DuckDB in Node over the repository's files (static/data/…): figures
 * to check the page against, computed without the app's code.
 */
export async function duckdbRows(sql: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
  }
}
