/**
 * npx tsx scripts/bench/probe-map-sql.ts <site dir> <port> <dataset id> [runs] [seconds]: the map page
 * left alone after it loads (no click, no filter), per run in a fresh browser: every query that
 * reaches the query core's database path (coordinator.query: a view the page did not answer, a
 * one-off, a load), when it went relative to the engine's start (`cm:engine-demanded`), the
 * renderer's resident memory (VmRSS, /proc, every 100 ms) before the engine was asked for and
 * after it was in, and how long after the month's facts were decoded the engine was asked for.
 * The site is one prepared by site.ts (prepareSite with the bench datasets: the bench build).
 */
import { probeRuns, sampleRendererRss } from './browser.ts';

const [dir, port, id, runsArg = '3', secondsArg = '25'] = process.argv.slice(2);
if (!dir || !port || !id) throw new Error('usage: probe-map-sql.ts <site dir> <port> <dataset id> [runs] [seconds]');

/** Before the app makes its query core: `window.__cm.core` (benchExpose, ?bench) gets its database path recorded. */
function hookCore(): void {
  const w = window as unknown as { __cm: Record<string, unknown>; __probe: { t: number; sql: string }[] };
  w.__probe = [];
  w.__cm = new Proxy({} as Record<string, unknown>, {
    set(target, key, value) {
      if (key === 'core') {
        const coordinator = (value as { coordinator: { query: (q: unknown, o?: unknown) => unknown } }).coordinator;
        const query = coordinator.query.bind(coordinator);
        coordinator.query = (q: unknown, o?: unknown) => {
          w.__probe.push({ t: performance.now(), sql: String(q).replace(/\s+/g, ' ').slice(0, 140) });
          return query(q, o);
        };
      }
      target[key as string] = value;
      return true;
    }
  });
}

await probeRuns(dir, Number(port), Number(runsArg), async ({ browser, context, url, run }) => {
  await context.addInitScript(hookCore);
  const page = await context.newPage();
  const { samples, stop } = sampleRendererRss(browser);
  await page.goto(`${url}?ds=${id}&bench`);
  await page.waitForFunction(() => performance.getEntriesByName('cm:interactive').length > 0, null, { timeout: 120_000 });
  await page.waitForTimeout(Number(secondsArg) * 1000);
  await stop();
  const { origin, marks, queries } = await page.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('cm:'))
        .map((m) => [m.name.slice(3), Math.round(m.startTime)])
    ) as Record<string, number>,
    queries: (window as unknown as { __probe: { t: number; sql: string }[] }).__probe
  }));
  const decoded = Object.entries(marks).find(([k]) => k.startsWith('facts-decoded:'))?.[1] ?? null;
  const demanded = marks['engine-demanded'] ?? null;
  const engineIn = marks['engine-in'] ?? null;
  const at = (s: { at: number }) => s.at - origin;
  const peak = (from: number, to: number) =>
    Math.round(Math.max(0, ...samples.filter((s) => at(s) >= from && at(s) < to).map((s) => s.mb)));
  const before = queries.filter((q) => demanded === null || q.t <= demanded);
  console.log(
    JSON.stringify({
      run,
      marks: {
        decoded,
        interactive: marks.interactive,
        'views-idle': marks['views-idle'],
        'engine-demanded': demanded,
        'engine-in': engineIn,
        'facts-loaded': Object.entries(marks).find(([k]) => k.startsWith('facts-loaded:'))?.[1] ?? null
      },
      demanded_after_decoded_ms: demanded !== null && decoded !== null ? demanded - decoded : null,
      demanded_after_interactive_ms: demanded !== null ? demanded - marks.interactive : null,
      queries_before_engine_demanded: before.length,
      first_queries: queries.slice(0, 8).map((q) => `${Math.round(q.t)} ${q.sql}`),
      queries_total: queries.length,
      renderer_mb: {
        before_engine_demanded: peak(0, demanded ?? Infinity),
        after_engine_in: engineIn === null ? null : peak(engineIn, Infinity),
        end: Math.round(samples.at(-1)?.mb ?? 0)
      }
    })
  );
});
