/**
 * npx tsx scripts/bench/milestones.ts <site dir> <base> <port> <dataset id>…: the milestones page's
 * time to its first chart (navigation → the Gantt's rows drawn), and the projects' dates read alone
 * (TABLE_PROJECTIONS project_dates) against projects.parquet whole, each in a fresh page after
 * the map's facts are in. One page load per figure; the site is one prepared by site.ts
 * (prepareSite with the bench datasets, e.g. from the e2e build).
 */
import { spawn } from 'node:child_process';
import { launch } from './browser.ts';

const [dir, base, port, ...ids] = process.argv.slice(2);
const origin = `http://127.0.0.1:${port}`;
const server = spawn('node', ['scripts/serve-static.mjs', '--dir', dir, '--base', base, '--port', port], { stdio: 'ignore' });
// The server is up once it answers.
for (let i = 0; ; i++) {
  const up = await fetch(`${origin}${base}/`).then(
    (r) => r.ok,
    () => false
  );
  if (up) break;
  if (i > 100) throw new Error(`no server on ${origin}`);
  await new Promise((r) => setTimeout(r, 100));
}
const browser = await launch();
try {
  for (const id of ids) {
    const page = await browser.newPage();
    const t0 = Date.now();
    await page.goto(`${origin}${base}/milestones/?ds=${id}&bench`);
    await page.waitForSelector('[data-testid="milestone-gantt"][data-loaded="true"][data-drawn]:not([data-drawn="0"])', {
      timeout: 600_000
    });
    const firstChart = Date.now() - t0;
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('cm:table-loaded'))
          .map((m) => [m.name, Math.round(m.startTime)])
      )
    );
    await page.close();
    const read: Record<string, number> = {};
    for (const table of ['project_dates', 'projects']) {
      const p = await browser.newPage();
      await p.goto(`${origin}${base}/?ds=${id}&bench`);
      await p.waitForFunction(() => (window as unknown as { __cm?: { core?: unknown } }).__cm?.core, null, { timeout: 600_000 });
      await p.waitForSelector('[data-testid="map-page"][data-busy="false"]', { timeout: 600_000 });
      read[table] = await p.evaluate(async (t) => {
        const core = (window as unknown as { __cm: { core: { prefetch(w: unknown): Promise<void> } } }).__cm.core;
        const s = performance.now();
        await core.prefetch({ tables: [t] });
        return Math.round(performance.now() - s);
      }, table);
      await p.close();
    }
    console.log(JSON.stringify({ id, firstChartMs: firstChart, marks, readMs: read }));
  }
} finally {
  await browser.close();
  server.kill();
}
