/**
 * The timeline playback on the map page (src/lib/playback/), measured in a page that shows the
 * map: entering playback (its files read once), then every month stepped once with the keyboard
 * — the data side of a step is the session's own time for the map's frame and the KPI figures
 * (`data-step-ms`), no query and no file — and then every month played at two steps a second,
 * counting the steps whose frame the map had not drawn when the next step came (`data-skipped`).
 */
import type { Page } from '@playwright/test';
import { launch, newContext } from './browser.ts';
import { Budget, openDataset, within } from './page.ts';

export interface PlaybackTiming {
  /** Click on the playback button → the timeline shown (files read, first frame made), ms. */
  open_ms: number;
  /** Months with data. */
  months: number;
  /** Data side of each step forward, ms. */
  step_ms: number[];
  /** Every month played at `speed` steps a second. */
  played: { speed: number; steps: number; skipped: number; wall_ms: number };
}

const month = (page: Page) => page.getByTestId('playback-month');
const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null)))));

export async function measurePlayback(page: Page, timeoutMs: number, speed = 2): Promise<PlaybackTiming> {
  const t0 = Date.now();
  await page.getByTestId('playback-enter').click();
  await month(page).waitFor({ timeout: timeoutMs });
  const open_ms = Date.now() - t0;
  await page.getByTestId('playback-play').focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => document.querySelector('[data-testid="playback-month"]')?.getAttribute('data-at') !== null, null, {
    timeout: timeoutMs
  });
  const step_ms: number[] = [];
  for (;;) {
    const at = Number(await month(page).getAttribute('data-at'));
    const forward = page.getByTestId('playback-forward');
    if (await forward.isDisabled()) break;
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (next) => document.querySelector('[data-testid="playback-month"]')?.getAttribute('data-at') === String(next),
      at + 1,
      {
        timeout: timeoutMs,
        polling: 'raf'
      }
    );
    step_ms.push(Number(await month(page).getAttribute('data-step-ms')));
    await frames(page);
  }
  await page.getByTestId('playback-speed').selectOption(String(speed));
  await page.keyboard.press('Home');
  await frames(page);
  const before = { skipped: Number(await month(page).getAttribute('data-skipped')), at: Number(await month(page).getAttribute('data-at')) };
  const t1 = Date.now();
  await page.getByTestId('playback-play').click();
  await page.waitForFunction(
    () => {
      const m = document.querySelector('[data-testid="playback-month"]');
      return (
        m?.getAttribute('data-playing') === 'false' &&
        document.querySelector<HTMLButtonElement>('[data-testid="playback-forward"]')?.disabled
      );
    },
    null,
    { timeout: timeoutMs, polling: 100 }
  );
  const wall_ms = Date.now() - t1;
  const after = { skipped: Number(await month(page).getAttribute('data-skipped')), at: Number(await month(page).getAttribute('data-at')) };
  await page.getByTestId('playback-leave').click();
  return {
    open_ms,
    months: step_ms.length + 1,
    step_ms,
    played: { speed, steps: after.at - before.at, skipped: after.skipped - before.skipped, wall_ms }
  };
}

/** The demo dataset whose programme the issue names: 36 months on the axis, its months with data played. */
export const JIUJIANG = { id: 'jiujiang-2021-2023', dir: 'static/data/jiujiang-2021-2023' };

/**
 * Jiujiang's months played at two steps a second in a page load of their own (the demo dataset,
 * served with the benchmark's): how many steps the map did not draw before the next one came.
 */
export async function measureJiujiangPlayback(opts: {
  url: string;
  timeoutMs: number;
  log: (s: string) => void;
}): Promise<PlaybackTiming | null> {
  const browser = await launch();
  const foreign: string[] = [];
  try {
    const context = await newContext(browser, new URL(opts.url).origin, foreign);
    const page = await context.newPage();
    page.setDefaultTimeout(opts.timeoutMs);
    const budget = new Budget(opts.timeoutMs);
    await openDataset(page, { url: opts.url, datasetId: JIUJIANG.id, budget, stage: 'jiujiang playback' });
    const timing = await within(budget, 'jiujiang playback', measurePlayback(page, budget.left()));
    opts.log(
      `  ${JIUJIANG.id}: ${timing.played.steps} steps played at ${timing.played.speed} a second in ${(timing.played.wall_ms / 1000).toFixed(1)} s, ${timing.played.skipped} skipped`
    );
    return timing;
  } catch (err) {
    opts.log(`  ${JIUJIANG.id} playback: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return null;
  } finally {
    await browser.close().catch(() => undefined);
  }
}
