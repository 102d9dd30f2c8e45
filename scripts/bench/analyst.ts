/**
 * The analyst's page (数据) measured on a benchmark dataset, beside the map's figures: the table
 * scrolled through every row of the selection (the longest main-thread task, and the most rows
 * ever in the page), then a CSV export of the whole selection (click to download, and the
 * longest task meanwhile). Long tasks come from the page's own PerformanceObserver ('longtask':
 * 50 ms and over). One fresh Chromium per dataset; `npm run bench -- --analyst`.
 */
import type { Page } from '@playwright/test';
import { launch, newContext } from './browser.ts';

export interface AnalystResult {
  rows: number | null;
  /** Steps of the scroll: jumps spread over the whole table, then wheel scrolling. */
  scroll_steps: number;
  scroll_longest_task_ms: number;
  scroll_long_tasks: number;
  /** The most table rows in the page at any step (the virtualiser keeps it constant). */
  rows_in_dom_max: number;
  /** After the last jump (the table's end), until its rows were in. */
  last_window_ms: number | null;
  csv_export_s: number | null;
  csv_bytes: number | null;
  export_longest_task_ms: number;
  errors: string[];
}

declare global {
  interface Window {
    __cmLong?: { start: number; duration: number }[];
  }
}

function observeLongTasks(): void {
  window.__cmLong = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__cmLong!.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: false });
}

/** Durations of the long tasks that started at or after `since` (the page's clock). */
const longSince = (page: Page, since: number) =>
  page.evaluate((since) => (window.__cmLong ?? []).filter((e) => e.start >= since).map((e) => e.duration), since);
const pageNow = (page: Page) => page.evaluate(() => performance.now());

const frames = (page: Page, n = 2) =>
  page.evaluate(async (n) => {
    for (let k = 0; k < n; k++) await new Promise((resolve) => requestAnimationFrame(resolve));
  }, n);

export async function measureAnalyst(opts: {
  url: string;
  datasetId: string;
  timeoutMs: number;
  log: (s: string) => void;
}): Promise<AnalystResult> {
  const result: AnalystResult = {
    rows: null,
    scroll_steps: 0,
    scroll_longest_task_ms: 0,
    scroll_long_tasks: 0,
    rows_in_dom_max: 0,
    last_window_ms: null,
    csv_export_s: null,
    csv_bytes: null,
    export_longest_task_ms: 0,
    errors: []
  };
  const browser = await launch();
  const foreign: string[] = [];
  try {
    const context = await newContext(browser, new URL(opts.url).origin, foreign);
    const page = await context.newPage();
    page.setDefaultTimeout(opts.timeoutMs);
    page.on('pageerror', (e) => result.errors.push(`pageerror: ${e.message}`));
    await page.addInitScript(observeLongTasks);
    await page.goto(`${opts.url}data/?ds=${encodeURIComponent(opts.datasetId)}&bench`);
    const table = page.getByTestId('data-table');
    await page.waitForFunction(() => {
      const t = document.querySelector('[data-testid=data-table]');
      return (
        t &&
        t.getAttribute('data-count') !== '' &&
        t.getAttribute('data-rows-version') !== '0' &&
        t.getAttribute('data-pending') === 'false'
      );
    });
    result.rows = Number(await table.getAttribute('data-count'));
    // The page's filter index loads in the background after the first views (long tasks of its
    // own, measured by the map's figures): the scrolling starts once it is in, as a user's would
    // a few seconds after the table appeared.
    await page.evaluate(() => window.__cm?.core.localReady());
    opts.log(`  data page: ${result.rows} rows counted; scrolling`);
    const max = await table.evaluate((el) => el.scrollHeight - el.clientHeight);
    // Long tasks of the load are reported late: only those that start with the scrolling count.
    await frames(page, 10);
    const scrollStart = await pageNow(page);
    const JUMPS = 100;
    for (let k = 0; k <= JUMPS; k++) {
      await table.evaluate((el, top) => (el.scrollTop = top), Math.round((max * k) / JUMPS));
      await frames(page);
      result.rows_in_dom_max = Math.max(result.rows_in_dom_max, await page.locator('[data-testid=data-table] tbody tr').count());
      result.scroll_steps++;
    }
    opts.log(`  data page: at the end; waiting for its rows`);
    const t0 = Date.now();
    await page.waitForFunction(
      (n) => {
        const t = document.querySelector('[data-testid=data-table]');
        const rows = [...(t?.querySelectorAll('tbody tr') ?? [])].map((tr) => Number(tr.getAttribute('aria-rowindex')));
        return t?.getAttribute('data-pending') === 'false' && !t.querySelector('tr[aria-busy=true]') && Math.max(0, ...rows) === n + 2;
      },
      result.rows,
      { polling: 100 }
    );
    result.last_window_ms = Date.now() - t0;
    await table.hover();
    for (let k = 0; k < 40; k++) {
      await page.mouse.wheel(0, -700);
      await frames(page, 1);
      result.scroll_steps++;
    }
    await frames(page, 3);
    const scrollLong = await longSince(page, scrollStart);
    result.scroll_longest_task_ms = Math.round(Math.max(0, ...scrollLong));
    result.scroll_long_tasks = scrollLong.length;
    opts.log(
      `  data page: ${result.rows} rows scrolled, longest task ${result.scroll_longest_task_ms} ms, at most ${result.rows_in_dom_max} rows in the page`
    );

    const exportStart = await pageNow(page);
    const started = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('data-export-csv').click()]);
    const file = await download.path();
    result.csv_export_s = (Date.now() - started) / 1000;
    const { statSync } = await import('node:fs');
    result.csv_bytes = statSync(file).size;
    await frames(page, 3);
    result.export_longest_task_ms = Math.round(Math.max(0, ...(await longSince(page, exportStart))));
    opts.log(
      `  data page: CSV of ${result.rows} rows in ${result.csv_export_s.toFixed(2)} s (${(result.csv_bytes / 2 ** 20).toFixed(1)} MB), longest task ${result.export_longest_task_ms} ms`
    );
  } catch (e) {
    result.errors.push(e instanceof Error ? e.message : String(e));
  } finally {
    await browser.close();
  }
  if (foreign.length) result.errors.push(`requests off the server: ${foreign.join(', ')}`);
  return result;
}

/** The analyst's rows of the README table (sizes without a measurement show —). */
export function analystRows(
  sizes: { analyst?: AnalystResult }[],
  row: (label: string, f: (s: { analyst?: AnalystResult }) => string) => string
): string[] {
  if (!sizes.some((s) => s.analyst)) return [];
  const v =
    (f: (a: AnalystResult) => number | null, digits = 0) =>
    (s: { analyst?: AnalystResult }) => {
      const x = s.analyst ? f(s.analyst) : null;
      return typeof x === 'number' ? x.toFixed(digits) : '—';
    };
  return [
    row(
      'data page: table scrolled through every row, longest task, ms',
      v((a) => a.scroll_longest_task_ms)
    ),
    row(
      'data page: table rows in the page at most',
      v((a) => a.rows_in_dom_max)
    ),
    row(
      'data page: CSV export of every row, s',
      v((a) => a.csv_export_s, 2)
    ),
    row(
      'data page: longest task during the export, ms',
      v((a) => a.export_longest_task_ms)
    )
  ];
}
