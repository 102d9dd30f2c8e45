/**
 * The district page (区县), measured in the run's page after its load, filter changes, timeline
 * steps and memory: from a click on a district's link on the map (the month's facts already
 * loaded: the map is shown) to every view of the district page having its data and the DOM
 * updated (data side: the page's KPIs, targets, map points, month series, breakdowns, ranking and
 * open problems, and no query under way), then to the second animation frame after (frame).
 * The month shown is loaded behind the map first (the "month already loaded": the month in
 * DuckDB and what warmPages loads for a first click), as after a moment of reading the map. Twice: a
 * first district (its page's other months not loaded yet) and a second one (loaded by then).
 */
import type { Page } from '@playwright/test';
import { restPage } from './page.ts';

/** Where a click's time went: each ms is from the click. */
export interface DrillBreakdown {
  /** When each view (its data-testid) last became loaded. */
  views: Record<string, number>;
  /** The queries sent to DuckDB meanwhile (the first 120 characters of each) and when each was asked and answered. */
  queries: { sql: string; start: number; end: number | null }[];
  /** The files fetched meanwhile (path under the site) and when each started and ended. */
  files: { path: string; start: number; end: number }[];
}

export interface DrillClick {
  district: string;
  /** Projects in the plan in that district at the month. */
  projects: number;
  data_ms: number;
  frame_ms: number;
  breakdown?: DrillBreakdown;
}

export interface DrillTiming {
  /** The page's month when measured (the timeline steps move it back). */
  month: string;
  /**
   * How long the first click waited, from the stage's start, for the month to be loaded behind the
   * map (`data-pages-warmed`: the month in DuckDB, the problem ledger and the ranked lists' bases),
   * as a user reading the map for a moment has it; absent from results made before it.
   */
  warmed_wait_ms?: number;
  first: DrillClick;
  again: DrillClick;
}

/**
 * Select a district on the map, wait until the map is drawn for it and the page is at rest (its
 * views' data, then no long task for a second and a quiet renderer: drawing a million points in
 * software takes seconds, and the first WebGL call of the click, a sync point, waited for that
 * frame: 2.9 s of `getProgramParameter` in the second click at 1M, profile-drill.ts), then click
 * its page's link and time until every view has its data.
 */
async function clickDistrict(
  page: Page,
  district: string,
  timeoutMs: number
): Promise<{ data_ms: number; frame_ms: number; breakdown: DrillBreakdown }> {
  await page.evaluate(async (district) => {
    const core = window.__cm!.core;
    core.update({ filters: { district: [district] } });
    await core.coordinator.whenIdle();
  }, district);
  // As before a filter change: the page at rest (no long task for a second) and its renderer quiet.
  await restPage(page);
  return page.evaluate(
    async ({ district, timeoutMs }) => {
      const core = window.__cm!.core;
      const coordinator = core.coordinator as unknown as { query: (q: unknown, o?: unknown) => Promise<unknown> };
      const link = await new Promise<HTMLElement>((resolve, reject) => {
        const end = performance.now() + timeoutMs;
        const look = () => {
          const el = document.querySelector<HTMLElement>(`[data-testid="drill-link-district-${district}"]`);
          if (el) resolve(el);
          else if (performance.now() > end) reject(new Error(`no link to the page of ${district}`));
          else setTimeout(look, 20);
        };
        look();
      });
      await core.coordinator.whenIdle();
      const ready = () => {
        const drill = document.querySelector('[data-testid="drill-page"]');
        return (
          !!drill &&
          drill.getAttribute('data-key') === district &&
          drill.getAttribute('data-busy') === 'false' &&
          drill.getAttribute('data-points-from') === 'core' &&
          drill.querySelectorAll('[data-drill-view]').length > 0 &&
          drill.querySelector('[data-drill-view][data-loaded="false"]') === null
        );
      };
      const views: Record<string, number> = {};
      const queries: { sql: string; start: number; end: number | null }[] = [];
      const ask = coordinator.query;
      coordinator.query = function (q, o) {
        const entry = { sql: String(q).replace(/\s+/g, ' ').slice(0, 120), start: performance.now() - t0, end: null as number | null };
        queries.push(entry);
        const answer = ask.call(this, q, o);
        const ended = () => (entry.end = performance.now() - t0);
        answer.then(ended, ended);
        return answer;
      };
      const t0 = performance.now();
      const done = new Promise<number>((resolve, reject) => {
        const observer = new MutationObserver(() => {
          for (const el of document.querySelectorAll<HTMLElement>('[data-drill-view]')) {
            const id = el.dataset.testid ?? el.className;
            if (el.dataset.loaded === 'true') views[id] ??= performance.now() - t0;
            else delete views[id];
          }
          if (!ready()) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the page of ${district} did not get every view's data`));
        }, timeoutMs);
      });
      // Marks for a trace of the click (profile-drill.ts): its data window and its frame window.
      performance.mark(`drill:${district}:t0`, { startTime: t0 });
      link.click();
      const t1 = await done.finally(() => (coordinator.query = ask));
      performance.mark(`drill:${district}:t1`, { startTime: t1 });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(null))));
      performance.mark(`drill:${district}:t2`);
      const files = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.startTime >= t0 && e.startTime <= t1)
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime - t0, end: e.responseEnd - t0 }));
      return { data_ms: t1 - t0, frame_ms: performance.now() - t1, breakdown: { views, queries, files } };
    },
    { district, timeoutMs }
  );
}

/**
 * Back to the map, as the browser's back button does, and wait until it shows the query core's
 * points again, drawn (the map is made once the page's views have their data: the next click
 * would otherwise meet its set-up).
 */
async function backToMap(page: Page, timeoutMs: number): Promise<void> {
  await page.goBack();
  await page.waitForFunction(
    () => {
      const map = document.querySelector('[data-testid="map-page"]');
      return (
        !!map &&
        map.getAttribute('data-points-from') === 'core' &&
        map.getAttribute('data-busy') === 'false' &&
        Number(map.getAttribute('data-rendered-points')) > 0
      );
    },
    null,
    { timeout: timeoutMs, polling: 50 }
  );
}

/** The two districts with the most projects in the plan at the month shown. */
async function largestDistricts(page: Page): Promise<{ code: string; n: number }[]> {
  return page.evaluate(async () => {
    const core = window.__cm!.core;
    const facts = core.context().facts.facts;
    const t = await core.query(
      `SELECT district_code AS code, CAST(count(*) AS INTEGER) AS n FROM "${facts}" WHERE in_plan GROUP BY 1 ORDER BY n DESC, code LIMIT 2`
    );
    return t.toArray().map((r: { code: string; n: number }) => ({ code: String(r.code), n: Number(r.n) }));
  });
}

/** Until the month shown is loaded behind the map (warmPages, `data-pages-warmed` = dataset|month): the ms waited. */
async function monthWarmed(page: Page, month: string, timeoutMs: number): Promise<number> {
  const start = Date.now();
  await page.waitForFunction(
    (month) => document.querySelector('[data-testid="app"]')?.getAttribute('data-pages-warmed')?.endsWith(`|${month}`) === true,
    month,
    { timeout: timeoutMs, polling: 50 }
  );
  return Date.now() - start;
}

export async function measureDrilldown(page: Page, timeoutMs: number): Promise<DrillTiming> {
  const month = (await page.evaluate(() => window.__cm!.core.month.key)) as string;
  const warmed_wait_ms = await monthWarmed(page, month, timeoutMs);
  const [a, b] = await largestDistricts(page);
  if (!a || !b) throw new Error('fewer than two districts with projects');
  const first = { district: a.code, projects: a.n, ...(await clickDistrict(page, a.code, timeoutMs)) };
  await backToMap(page, timeoutMs);
  const again = { district: b.code, projects: b.n, ...(await clickDistrict(page, b.code, timeoutMs)) };
  await backToMap(page, timeoutMs);
  return { month, warmed_wait_ms, first, again };
}
