/**
 * What every benchmark page load shares: the page's objects as the harness reads them, the
 * run's time budget, opening a dataset, and applying one change through the query core.
 */
import type { Page } from '@playwright/test';
import type { BenchFilters } from './changes.ts';

declare global {
  interface Window {
    // The page's objects as the benchmark reads them (perf.ts benchExpose): untyped on this side.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    __cm?: Record<string, any>;
    __cmRendered?: { t: number; n: number };
  }
}

/** Timestamps the first non-zero data-rendered-points, without touching the app. */
export function observeRendered(): void {
  const check = () => {
    const el = document.querySelector('[data-testid=map-page]');
    const n = Number(el?.getAttribute('data-rendered-points') ?? 0);
    if (n > 0 && !window.__cmRendered) window.__cmRendered = { t: performance.now(), n };
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-rendered-points']
  });
}

export class Budget {
  readonly end: number;
  constructor(ms: number) {
    this.end = Date.now() + ms;
  }
  left(): number {
    return Math.max(1, this.end - Date.now());
  }
  spent(): boolean {
    return Date.now() >= this.end;
  }
}

export class Timeout extends Error {}

export async function within<T>(budget: Budget, stage: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Timeout(stage)), budget.left())))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A quiet renderer: this many frames in a row at most this far apart (waited for at most MAX_SETTLE_MS). */
const SETTLE = { QUIET_FRAMES: 3, QUIET_FRAME_MS: 40, MAX_SETTLE_MS: 30_000 };

/**
 * Waits, untimed, until the renderer is quiet (see ChangeTiming.settle_ms): with software
 * rendering the last frames of a change are still being drawn on both cores after the second
 * animation frame, and the next change's time would take their CPU time in. Returns the wait, ms.
 */
export function settleRenderer(page: Page): Promise<number> {
  return page.evaluate(async ({ QUIET_FRAMES, QUIET_FRAME_MS, MAX_SETTLE_MS }) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const start = performance.now();
    let last = start;
    for (let quiet = 0; quiet < QUIET_FRAMES && last - start < MAX_SETTLE_MS;) {
      await frame();
      const now = performance.now();
      quiet = now - last <= QUIET_FRAME_MS ? quiet + 1 : 0;
      last = now;
    }
    return last - start;
  }, SETTLE);
}

/** A page at rest: no long task for this long (waited for at most MAX_REST_MS). */
const REST = { REST_MS: 1_000, MAX_REST_MS: 30_000 };

/**
 * Waits, untimed, until the page has run no long task (≥ 50 ms) for a second and then for a quiet
 * renderer: what a load leaves to run behind an interactive page (the next pages' code fetched and
 * compiled ahead, a district page's bases warmed) is done, as it is by the time a user's first
 * filter usually comes, and the filter changes are timed at rest. Returns the wait, ms.
 */
export async function restPage(page: Page): Promise<number> {
  const rested = await page.evaluate(
    ({ REST_MS, MAX_REST_MS }) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        let last = start;
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) last = Math.max(last, e.startTime + e.duration);
        });
        observer.observe({ type: 'longtask', buffered: true });
        const check = () => {
          const now = performance.now();
          if (now - last < REST_MS && now - start < MAX_REST_MS) return void setTimeout(check, 100);
          observer.disconnect();
          resolve(now - start);
        };
        check();
      }),
    REST
  );
  return rested + (await settleRenderer(page));
}

/**
 * In the page: apply a change through the query core. Data time ends when the last view's
 * result has been handed over (the coordinator's idle signal resolves in the same microtask
 * sequence, before any frame work); frame time runs from there to the second animation frame.
 * Then it waits, untimed, for the renderer to be quiet before the next change (settle_ms).
 */
export async function timeChange(page: Page, change: { filters?: BenchFilters; month?: string }) {
  const timed = await page.evaluate(async (change) => {
    const core = window.__cm!.core;
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const t0 = performance.now();
    core.update(change.month ? { month: change.month } : { filters: change.filters });
    let t1 = performance.now();
    for (let i = 0; i < 1000; i++) {
      await core.coordinator.whenIdle();
      t1 = performance.now();
      // Anything a view asked for in reaction to a result counts too.
      await tick();
      await core.selection.pending('value');
      if (core.coordinator.outstanding === 0) break;
    }
    await frame();
    await frame();
    const t2 = performance.now();
    return { data_ms: t1 - t0, frame_ms: t2 - t1, total_ms: t2 - t0 };
  }, change);
  return { ...timed, settle_ms: await settleRenderer(page) };
}

/**
 * Opens the dataset (`?ds=<id>&bench`, and `params` such as `choropleth=projects`) in the page and waits until its points are on screen,
 * every view has its first result, and filters are answered in the page (when the dataset
 * allows). Returns when the points were first on screen (ms from navigation) and how many.
 */
export async function openDataset(
  page: Page,
  opts: { url: string; datasetId: string; budget: Budget; stage: string; params?: string }
): Promise<{ t: number; n: number }> {
  const { budget, stage } = opts;
  // tsx (esbuild, keepNames) wraps named functions in __name(): give the page a no-op one.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(observeRendered);
  const target = new URL(opts.url);
  target.searchParams.set('ds', opts.datasetId);
  target.searchParams.set('bench', '');
  for (const [k, v] of new URLSearchParams(opts.params ?? '')) target.searchParams.set(k, v);
  await within(budget, stage, page.goto(target.href, { waitUntil: 'commit' }));
  await within(
    budget,
    stage,
    page.waitForFunction(() => !!window.__cmRendered || !!document.querySelector('[data-testid=error-screen], .error-screen'), null, {
      polling: 50,
      timeout: budget.left()
    })
  );
  const rendered = await page.evaluate(() => window.__cmRendered ?? null);
  if (!rendered) throw new Error('the page showed an error screen');
  await within(
    budget,
    stage,
    page.evaluate(() => window.__cm!.core.coordinator.whenIdle())
  );
  // Filter changes are timed once they can be answered in the page (when the dataset allows).
  await within(
    budget,
    stage,
    page.evaluate(() => window.__cm!.core.localReady())
  );
  return rendered;
}
