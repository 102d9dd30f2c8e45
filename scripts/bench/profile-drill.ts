/**
 * npx tsx scripts/bench/profile-drill.ts [--size 1000] [--port 4472] [--build .svelte-kit/bench-build] [--out dir] [--light]
 *
 * Where a click on a district's link goes: the bench's district page stage (drilldown.ts, as `npm
 * run bench` runs it: the month loaded behind the map first, then a first and a second district)
 * under a Chrome trace. For each click it splits the data time (click → every view has its data)
 * and the frame time (→ second animation frame) into the functions that ran and the renderer's own
 * work (style, layout, paint), and lists the main thread's tasks. Needs a bench build with the
 * dataset in it (npm run bench made one; --build to point at another).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureDrilldown, type DrillTiming } from './drilldown.ts';
import { settleRenderer } from './page.ts';
import { cliArg, runScript, withProfiledPage, writeReport } from './profile-page.ts';
import { functionTimes, marksOf, rendererWork, tasksIn, TRACE_CATEGORIES, type TraceEvent, type TraceWindow } from './trace-analysis.ts';

/** Reads a trace and its timing written by a run (--analyse <dir> again without running). */
function analyse(out: string): void {
  const events = (JSON.parse(readFileSync(path.join(out, 'trace.json'), 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const timing = JSON.parse(readFileSync(path.join(out, 'timing.json'), 'utf8')) as DrillTiming;
  const { at, pid, tid } = marksOf(events, 'drill:');
  const thread = { pid, tid };
  const parts: string[] = [];
  for (const [label, click] of [
    ['first', timing.first],
    ['again', timing.again]
  ] as const) {
    const mark = (k: string) => at(`drill:${click.district}:${k}`);
    const data: TraceWindow[] = [[mark('t0'), mark('t1')]];
    const frame: TraceWindow[] = [[mark('t1'), mark('t2')]];
    parts.push(
      `==== ${label}: district ${click.district} (${click.projects} projects): data ${click.data_ms.toFixed(0)} ms, frame ${click.frame_ms.toFixed(0)} ms`,
      `views loaded at (ms): ${JSON.stringify(click.breakdown?.views ?? {})}`,
      `tasks ≥ 1 ms (start+length, ms from the click):\n${tasksIn(events, thread, data)}`,
      '== data window ==',
      rendererWork(events, thread, data),
      functionTimes(events, thread, data),
      '\n== frame window ==',
      rendererWork(events, thread, frame),
      functionTimes(events, thread, frame),
      ''
    );
  }
  writeReport(out, parts);
}

async function main() {
  if (process.argv.includes('--analyse')) return analyse(cliArg('analyse', '/tmp/profile-drill'));
  await withProfiledPage({ port: '4472', out: '/tmp/profile-drill' }, async ({ page, browser, out }) => {
    await settleRenderer(page);
    // --light: without the detailed timeline, whose events make the page slower under the trace.
    const categories = process.argv.includes('--light')
      ? TRACE_CATEGORIES.filter((c) => c !== 'disabled-by-default-devtools.timeline')
      : TRACE_CATEGORIES;
    await browser.startTracing(page, { categories });
    const timing = await measureDrilldown(page, 120_000);
    writeFileSync(path.join(out, 'timing.json'), JSON.stringify(timing));
    writeFileSync(path.join(out, 'trace.json'), await browser.stopTracing());
    analyse(out);
  });
}

runScript(main);
