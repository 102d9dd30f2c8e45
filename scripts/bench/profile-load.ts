/**
 * npx tsx scripts/bench/profile-load.ts [--size 100000] [--port 4473] [--build .svelte-kit/bench-build] [--out dir] [--params engine=idle]
 *
 * Where a page load goes until it is interactive: the bench's load (page.ts openDataset, as `npm
 * run bench` opens a dataset) under a Chrome trace from the navigation. Lists the app's marks, each
 * thread's busy time (its tasks) up to the `interactive` mark (the main thread, the decoding worker,
 * the GPU process's drawing), the main thread's long tasks, and its functions by self and inclusive
 * time. Needs a bench build with the dataset in it (npm run bench made one; --build for another).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliArg, runScript, withProfiledPage, writeReport } from './profile-page.ts';
import { functionTimes, marksOf, rendererWork, tasksIn, TRACE_CATEGORIES, type TraceEvent, type TraceWindow } from './trace-analysis.ts';

/** Each thread's summed top-level task time within the window, by process and thread name. */
function busyByThread(events: TraceEvent[], [from, to]: TraceWindow): string {
  const names = new Map<string, string>();
  const processes = new Map<number, string>();
  for (const e of events) {
    const name = (e.args as { name?: string } | undefined)?.name;
    if (e.ph === 'M' && e.name === 'thread_name' && name) names.set(`${e.pid}:${e.tid}`, name);
    if (e.ph === 'M' && e.name === 'process_name' && name) processes.set(e.pid, name);
  }
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')) continue;
    const start = Math.max(e.ts, from);
    const end = Math.min(e.ts + (e.dur ?? 0), to);
    if (end <= start) continue;
    const key = `${processes.get(e.pid) ?? e.pid} / ${names.get(`${e.pid}:${e.tid}`) ?? e.tid} (${e.pid}:${e.tid})`;
    busy.set(key, (busy.get(key) ?? 0) + end - start);
  }
  return [...busy.entries()]
    .sort((a, b) => b[1] - a[1])
    .filter(([, us]) => us >= 5_000)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`)
    .join('\n');
}

/**
 * The GPU process's WebGL work (the map's frames, its shaders' linking) over the window: in software
 * rendering a frame of 10⁶ points is ~2 s of a core, and the map asks for one after another while
 * its sources come in and its labels are placed (a 1M load: four before interactive, evenly spaced).
 */
function webglTasks(events: TraceEvent[], [from, to]: TraceWindow): string {
  const gpu = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrGpuMain');
  const tasks = events.filter(
    (e) => gpu && e.pid === gpu.pid && e.tid === gpu.tid && e.ph === 'X' && e.name === 'WebGL' && e.ts >= from && e.ts <= to
  );
  const total = tasks.reduce((n, e) => n + (e.dur ?? 0), 0) / 1000;
  const long = tasks
    .filter((e) => (e.dur ?? 0) >= 100_000)
    .map((e) => `${((e.ts - from) / 1000).toFixed(0)}+${((e.dur ?? 0) / 1000).toFixed(0)}`);
  return `${total.toFixed(0)} ms in ${tasks.length} flushes; ≥ 100 ms (start+length): ${long.join(' ') || 'none'}`;
}

function analyse(out: string): void {
  const events = (JSON.parse(readFileSync(path.join(out, 'trace.json'), 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const marks = JSON.parse(readFileSync(path.join(out, 'marks.json'), 'utf8')) as Record<string, number>;
  const { at, pid, tid } = marksOf(events, 'cm:');
  // The marks' startTime is from the navigation: the navigation's start in the trace's clock.
  const origin = at('cm:session-open') - marks['session-open'] * 1000;
  const end = origin + (marks['interactive'] ?? marks['views-idle']) * 1000;
  const thread = { pid, tid };
  const window: TraceWindow[] = [[origin, end]];
  writeReport(out, [
    `marks (ms from navigation):\n${Object.entries(marks)
      .sort((a, b) => a[1] - b[1])
      .map(([k, v]) => `${v.toFixed(0).padStart(7)}  ${k}`)
      .join('\n')}`,
    `\nbusy until interactive, by thread:\n${busyByThread(events, window[0])}`,
    `\nthe GPU process's WebGL work until interactive: ${webglTasks(events, window[0])}`,
    `\nmain thread's tasks ≥ 1 ms (start+length, ms from navigation):\n${tasksIn(events, thread, window)}`,
    '\n== main thread until interactive ==',
    rendererWork(events, thread, window),
    functionTimes(events, thread, window)
  ]);
}

async function main() {
  if (process.argv.includes('--analyse')) return analyse(cliArg('out', '/tmp/profile-load'));
  let out = '';
  await withProfiledPage(
    { port: '4473', out: '/tmp/profile-load', size: '100000' },
    async ({ page, browser, out: dir }) => {
      const marks = await page.evaluate(() => {
        const byName: Record<string, number> = {};
        for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('cm:')) byName[m.name.slice(3)] ??= m.startTime;
        return byName;
      });
      writeFileSync(path.join(dir, 'marks.json'), JSON.stringify(marks));
      writeFileSync(path.join(dir, 'trace.json'), await browser.stopTracing());
      out = dir;
    },
    ({ page, browser }) =>
      browser.startTracing(page, {
        categories: [...TRACE_CATEGORIES, 'disabled-by-default-devtools.timeline.frame', 'gpu', 'viz', 'cc', 'skia', 'gpu.service']
      })
  );
  analyse(out);
}

runScript(main);
