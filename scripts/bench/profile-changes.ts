/**
 * npx tsx scripts/bench/profile-changes.ts [--size 1000] [--port 4471] [--build .svelte-kit/bench-build] [--out dir] [--rounds 1] [--engine]
 *
 * Where a filter change's time goes: the bench's changes (changes.ts) applied as `npm run bench`
 * applies them (page.ts timeChange), under a Chrome trace (V8's samples and the renderer's
 * timeline in one clock). For each change it splits the data time (core.update → last result
 * handed over) and the frame time (→ second animation frame) into what ran: functions by self
 * time, grouped by module, and the renderer's own work (style, layout, paint). Needs a bench build
 * with the dataset in it (npm run bench made one; --build to point at another).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { empty, makeChanges, type District } from './changes.ts';
import { restPage, settleRenderer } from './page.ts';
import { cliArg, runScript, withProfiledPage, writeReport } from './profile-page.ts';
import { functionTimes, marksOf, rendererWork, TRACE_CATEGORIES, type TraceEvent, type TraceWindow } from './trace-analysis.ts';

/** The changes' data times as the bench summarises them (p50, p95), and each change's data and frame time. */
function summary(timings: { data_ms: number; frame_ms: number; idles?: number }[]): string {
  const data = timings.map((t) => t.data_ms).sort((a, b) => a - b);
  const q = (p: number) => data[Math.min(data.length - 1, Math.floor(p * data.length))].toFixed(1);
  return [
    `changes: ${timings.length}; data p50 ${q(0.5)} p95 ${q(0.95)} ms; sum ${timings.reduce((n, t) => n + t.data_ms, 0).toFixed(0)} ms`,
    `data: ${timings.map((t) => t.data_ms.toFixed(0)).join(' ')}`,
    `frame: ${timings.map((t) => t.frame_ms.toFixed(0)).join(' ')}`,
    `idle waits: ${timings.map((t) => t.idles ?? 1).join(' ')}`
  ].join('\n');
}

/**
 * Each change's least data time over the rounds (another process taking the core only ever adds
 * time), and their p50 and p95: what an A/B comparison on a busy machine can go by.
 */
function leastOverRounds(timings: { data_ms: number }[], perRound: number): string {
  const least = Array.from({ length: perRound }, (_, i) =>
    Math.min(...timings.filter((_, k) => k % perRound === i).map((t) => t.data_ms))
  ).sort((a, b) => a - b);
  const q = (p: number) => least[Math.min(least.length - 1, Math.floor(p * least.length))].toFixed(1);
  return `least over rounds: p50 ${q(0.5)} p95 ${q(0.95)} ms; sum ${least.reduce((n, t) => n + t, 0).toFixed(0)} ms`;
}

/** Reads a trace and its timings written by a run (--analyse <dir> again without running). */
function analyse(out: string): void {
  const events = (JSON.parse(readFileSync(path.join(out, 'trace.json'), 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const { timings, changes } = JSON.parse(readFileSync(path.join(out, 'timings.json'), 'utf8')) as {
    timings: { data_ms: number; frame_ms: number }[];
    changes: number;
  };
  const { at, pid, tid } = marksOf(events, 'h3:');
  const thread = { pid, tid };
  const windows = timings.map((_, k) => {
    const i = Math.floor(k / (changes + 1)) * 100 + (k % (changes + 1));
    return { t0: at(`h3:${i}:t0`), t1: at(`h3:${i}:t1`), t2: at(`h3:${i}:t2`) };
  });
  const data = windows.map((w): TraceWindow => [w.t0, w.t1]);
  const frame = windows.map((w): TraceWindow => [w.t1, w.t2]);
  writeReport(out, [
    summary(timings),
    '\n== data windows ==',
    rendererWork(events, thread, data),
    functionTimes(events, thread, data),
    '\n== frame windows ==',
    rendererWork(events, thread, frame),
    functionTimes(events, thread, frame)
  ]);
}

async function main() {
  if (process.argv.includes('--analyse')) return analyse(cliArg('analyse', '/tmp/profile-changes'));
  const rounds = Number(cliArg('rounds', '1'));
  await withProfiledPage({ port: '4471', out: '/tmp/profile-changes' }, async ({ page, browser, out }) => {
    // As the bench times them: the engine not started (ENGINE_START 'on-need'), unless asked.
    if (process.argv.includes('--engine')) await page.evaluate(() => window.__cm!.core.query('SELECT 1'));
    else await restPage(page);
    const districts = (await page.evaluate(() =>
      window.__cm!.session.dataset.districts.features.map((f: { properties: { code: string; label: [number, number] } }) => ({
        code: f.properties.code,
        label: f.properties.label
      }))
    )) as District[];
    const changes = makeChanges(30, districts);
    await settleRenderer(page);
    const trace = !process.argv.includes('--no-trace');
    if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    const timings: { data_ms: number; frame_ms: number }[] = [];
    for (let r = 0; r < rounds; r++)
      for (const [i, filters] of [...changes, empty()].entries()) {
        const t = await page.evaluate(
          async ({ filters, i, trace }) => {
            const core = window.__cm!.core;
            const tick = () => new Promise((r) => setTimeout(r, 0));
            const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
            if (trace) performance.mark(`h3:${i}:t0`);
            const t0 = performance.now();
            core.update({ filters });
            let t1 = performance.now();
            let idles = 0;
            for (let k = 0; k < 1000; k++) {
              idles = k + 1;
              await core.coordinator.whenIdle();
              t1 = performance.now();
              await tick();
              await core.selection.pending('value');
              if (core.coordinator.outstanding === 0) break;
            }
            if (trace) performance.mark(`h3:${i}:t1`, { startTime: t1 });
            await frame();
            await frame();
            const t2 = performance.now();
            if (trace) performance.mark(`h3:${i}:t2`);
            return { data_ms: t1 - t0, frame_ms: t2 - t1, idles };
          },
          { filters, i: r * 100 + i, trace }
        );
        timings.push(t);
        await settleRenderer(page);
      }
    writeFileSync(path.join(out, 'timings.json'), JSON.stringify({ timings, changes: changes.length }));
    if (!trace) return console.log(`${summary(timings)}\n${leastOverRounds(timings, changes.length + 1)}`);
    writeFileSync(path.join(out, 'trace.json'), await browser.stopTracing());
    analyse(out);
  });
}

runScript(main);
