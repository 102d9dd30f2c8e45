/**
 * The scripts a first visit loads (scripts/vite-plugins/initial-chunks.ts): the map page's code in
 * a few chunks grouped by the pages that load them (small groups joined to every page's), so that
 * six HTTP/1.1 connections are not queued behind ~60 small files, and a page that draws no map
 * still loads no MapLibre. Read from
 * the production build: each page's HTML names its route's modules, and each script its static
 * imports (what loads later, e.g. the pages preloaded in idle time, is imported dynamically).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_BUILD_DIR } from '../../playwright.config.ts';
import type { Page } from '@playwright/test';
import { expect, openMap, test } from './helpers.ts';

/** The scripts a page's HTML preloads and every script they import statically, by path in the build. */
function firstScripts(page: string): string[] {
  const html = readFileSync(path.join(E2E_BUILD_DIR, page, 'index.html'), 'utf8');
  const roots = [...html.matchAll(/href="([^"]+\.js)" rel="modulepreload"/g)].map((m) => path.join(page, m[1]));
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const file = path.normalize(stack.pop()!);
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(E2E_BUILD_DIR, file), 'utf8');
    // `import{…}from"./x.js"` and `import"./x.js"`; not `import("./x.js")`, which loads later.
    for (const m of code.matchAll(/(?:from|import)\s*"(\.\.?\/[^"]+\.js)"/g)) stack.push(path.join(path.dirname(file), m[1]));
  }
  return [...seen];
}

const holdsMapLibre = (file: string) => readFileSync(path.join(E2E_BUILD_DIR, file), 'utf8').includes('maplibregl-canvas');

test.describe('the scripts of a first visit', () => {
  test('the map page’s are a few dozen, MapLibre among them; the data page’s hold none of it', () => {
    const map = firstScripts('.');
    // Split automatically these were ~60 (one chunk per set of routes and dynamic imports sharing a
    // module), grouped by pages 30, with the small groups joined to every page's 16.
    expect(map.length).toBeGreaterThan(3);
    expect(map.length).toBeLessThanOrEqual(20);
    expect(map.filter(holdsMapLibre)).toHaveLength(1);
    const data = firstScripts('data');
    expect(data.length).toBeGreaterThan(3);
    expect(data.filter(holdsMapLibre)).toEqual([]);
    // The embed draws the map: the same MapLibre chunk as the map page, and none of the app's pages.
    expect(firstScripts('embed').filter(holdsMapLibre)).toEqual(map.filter(holdsMapLibre));
  });

  test('the map page asks for every one of those scripts (the build is read as the browser reads it)', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url()).pathname;
      if (/\/_app\/immutable\/(entry|chunks|nodes)\/.*\.js$/.test(url)) asked.push(url.replace(/^.*\/_app\//, '_app/'));
    });
    await openMap(page, './?test');
    const first = new Set(firstScripts('.').map((f) => f.replaceAll('\\', '/')));
    // Whatever else came in meanwhile was asked for by a dynamic import (the error page's node, the engine's loader, …).
    expect(asked.filter((f) => first.has(f)).sort()).toEqual([...first].sort());
  });
});

/** Each running animation of the page: its name, whether it repeats forever, and its target's timing function. */
const runningAnimations = (page: Page) =>
  page.evaluate(() =>
    document.getAnimations().map((a) => {
      const target = (a.effect as KeyframeEffect | null)?.target;
      return {
        name: (a as CSSAnimation).animationName ?? a.id,
        forever: a.effect?.getTiming().iterations === Infinity,
        easing: target ? getComputedStyle(target).animationTimingFunction : ''
      };
    })
  );

test('while a month loads, the spinner turns in steps (a frame only when it moves), and not at all when motion is reduced', async ({
  page
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/facts\/[^/]+\.parquet$/, async (route) => {
    await held;
    await route.fallback();
  });
  await page.goto('./?test');
  const spinner = page.getByTestId('loading').locator('.spinner');
  await expect(spinner).toBeVisible();
  // A smooth turn had the compositor draw and swap the window 60 times a second (software WebGL: ~10 ms each).
  await expect.poll(async () => (await runningAnimations(page)).length).toBeGreaterThan(0);
  const smooth = (await runningAnimations(page)).filter((a) => a.forever && !a.easing.startsWith('steps('));
  expect(smooth).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/loading-spinner.png' });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(() => runningAnimations(page)).toEqual([]);
  release();
  await openMap(page, './?test');
});

/** Holds every month's facts file until the returned function is called. */
async function holdFacts(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/facts\/[^/]+\.parquet$/, async (route) => {
    await held;
    await route.fallback();
  });
  return release;
}

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160]
] as const) {
  test(`the war room on a ${width}×${height} wall says it is reading the data, at the wall's type size, until it shows them`, async ({
    page
  }) => {
    await page.setViewportSize({ width, height });
    const release = await holdFacts(page);
    await page.goto('./war-room/?screen=wall');
    const note = page.getByTestId('loading');
    await expect(note).toBeVisible();
    await expect(note).toContainText('正在读取');
    // The wall's rem: 24 px at 1920×1080, 48 px at 3840×2160; the note is larger still, in the middle of the screen.
    const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(rem).toBeCloseTo((24 * width) / 1920, 0);
    expect(parseFloat(await note.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(1.2 * rem);
    const box = (await note.boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - width / 2)).toBeLessThan(2);
    expect(Math.abs(box.y + box.height / 2 - height / 2)).toBeLessThan(2);
    await page.screenshot({ path: `test-results/screens/war-room-loading-${width}.png` });
    release();
    await expect(page.getByTestId('kpi-projects').locator('.value')).toHaveText(/^[1-9][\d,]*$/, { timeout: 60_000 });
    await expect(note).toHaveCount(0);
  });
}

test('on a phone in English the loading note is one line, its apostrophe at the width of the text', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => localStorage.setItem('command-map.locale', 'en'));
  const release = await holdFacts(page);
  await page.goto('./?test');
  const text = page.getByTestId('loading').locator('p');
  await expect(text).toHaveText('Reading the month’s project data…');
  // One line: not wrapped into the half of the page right of the note's left edge (it was three).
  const lineHeight = await text.evaluate(
    (e) => parseFloat(getComputedStyle(e).lineHeight) || 1.5 * parseFloat(getComputedStyle(e).fontSize)
  );
  expect((await text.boundingBox())!.height).toBeLessThan(1.5 * lineHeight);
  // The CJK font's ’ is a full em wide ("month’ s") unless set at its proportional width.
  const widths = await text.evaluate((e) => {
    const span = document.createElement('span');
    e.append(span);
    const width = (s: string) => ((span.textContent = s), span.getBoundingClientRect().width);
    const result = { curly: width('’'), em: parseFloat(getComputedStyle(e).fontSize) };
    span.remove();
    return result;
  });
  expect(widths.curly).toBeLessThan(0.5 * widths.em);
  await page.screenshot({ path: 'test-results/screens/loading-phone-en.png' });
  release();
  await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 60_000 });
});
