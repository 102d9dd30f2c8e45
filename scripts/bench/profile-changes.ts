/**
 * npx tsx scripts/bench/profile-changes.ts [--size 1000] [--port 4471] [--build .svelte-kit/bench-build] [--out dir] [--rounds 1]
 *
 * Where a filter change's time goes: the bench's changes (changes.ts) applied as `npm run bench`
 * applies them (page.ts timeChange), under a Chrome trace (V8's samples and the renderer's
 * timeline in one clock). For each change it splits the data time (core.update → last result
 * handed over) and the frame time (→ second animation frame) into what ran: functions by self
 * time, grouped by module, and the renderer's own work (style, layout, paint). Needs a bench build
 * with the dataset in it (npm run bench made one; --build to point at another).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launch, newContext } from './browser.ts';
import { empty, makeChanges, type District } from './changes.ts';
import { Budget, openDataset, settleRenderer } from './page.ts';
import { datasetId } from './datasets.ts';
import { startServer } from './server.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  id?: string;
  args?: { data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber: number; columnNumber: number };
}

/** The renderer main thread's V8 samples from the trace's ProfileChunk events: [ts µs, node]. */
function samplesOf(events: TraceEvent[], pid: number, tid: number) {
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid);
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  const id = profile?.id;
  let ts = Number((profile?.args?.data as { startTime?: number })?.startTime ?? 0);
  for (const c of chunks) {
    if (id && c.id !== id) continue;
    const data = c.args!.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const s = data.cpuProfile?.samples ?? [];
    const d = data.timeDeltas ?? [];
    for (let i = 0; i < s.length; i++) {
      ts += d[i] ?? 0;
      samples.push({ ts, node: s[i] });
    }
  }
  return { nodes, samples };
}

const short = (url = '') => url.replace(/^.*\/_app\/immutable\//, '').replace(/^https?:\/\/[^/]+/, '');

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
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('h3:'));
  const main = marks[0];
  const at = (name: string) => marks.find((m) => m.name === name)?.ts ?? NaN;
  const { nodes, samples } = samplesOf(events, main.pid, main.tid);
  const windows = timings.map((_, k) => {
    const i = Math.floor(k / (changes + 1)) * 100 + (k % (changes + 1));
    return { t0: at(`h3:${i}:t0`), t1: at(`h3:${i}:t1`), t2: at(`h3:${i}:t2`) };
  });
  // Self time per function and per module, in the data windows and the frame windows.
  const tally = (from: (w: (typeof windows)[number]) => [number, number]) => {
    const byFn = new Map<string, number>();
    const byUrl = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let last = 0;
    for (const s of samples) {
      const dt = s.ts - last;
      last = s.ts;
      if (!windows.some((w) => s.ts >= from(w)[0] && s.ts <= from(w)[1])) continue;
      const n = nodes.get(s.node)!;
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${short(f.url)}:${f.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + dt);
      // Inclusive: every function on the sample's stack, once.
      const seen = new Set<string>();
      for (let at: ProfileNode | undefined = n; at; at = at.parent === undefined ? undefined : nodes.get(at.parent)) {
        const c = at.callFrame;
        const k = `${c.functionName || '(anon)'} ${short(c.url)}:${c.lineNumber + 1}`;
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      }
      byUrl.set(short(f.url) || f.functionName, (byUrl.get(short(f.url) || f.functionName) ?? 0) + dt);
    }
    const top = (m: Map<string, number>, k: number) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([n, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${n}`)
        .join('\n');
    return `by module:\n${top(byUrl, 25)}\n\nby function:\n${top(byFn, 50)}\n\ninclusive:\n${top(inclusive, 90)}`;
  };
  // The renderer's own work (top-level timeline events on the main thread).
  const kinds = ['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'HitTest', 'ParseHTML', 'GCEvent', 'MinorGC', 'MajorGC'];
  const renderer = (from: (w: (typeof windows)[number]) => [number, number]) => {
    const sums = new Map<string, number>();
    for (const e of events) {
      if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !kinds.includes(e.name)) continue;
      if (!windows.some((w) => e.ts >= from(w)[0] && e.ts <= from(w)[1])) continue;
      sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0));
    }
    return [...sums.entries()].map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  };
  const report = [
    summary(timings),
    '\n== data windows ==',
    renderer((w) => [w.t0, w.t1]),
    tally((w) => [w.t0, w.t1]),
    '\n== frame windows ==',
    renderer((w) => [w.t1, w.t2]),
    tally((w) => [w.t1, w.t2])
  ].join('\n');
  writeFileSync(path.join(out, 'report.txt'), report);
  console.log(report);
}

async function main() {
  if (process.argv.includes('--analyse')) return analyse(arg('analyse', '/tmp/profile-changes'));
  const size = Number(arg('size', '1000'));
  const port = Number(arg('port', '4471'));
  const build = arg('build', '.svelte-kit/bench-build');
  const out = arg('out', '/tmp/profile-changes');
  const rounds = Number(arg('rounds', '1'));
  mkdirSync(out, { recursive: true });
  const server = await startServer(build, '', port);
  const browser = await launch();
  try {
    const context = await newContext(browser, new URL(server.url).origin, []);
    const page = await context.newPage();
    await openDataset(page, { url: server.url, datasetId: datasetId(size), budget: new Budget(300_000), stage: 'load' });
    await page.evaluate(() => window.__cm!.session.engine?.started.then(() => true));
    await page.evaluate(() => window.__cm!.core.query('SELECT 1'));
    const districts = (await page.evaluate(() =>
      window.__cm!.session.dataset.districts.features.map((f: { properties: { code: string; label: [number, number] } }) => ({
        code: f.properties.code,
        label: f.properties.label
      }))
    )) as District[];
    const changes = makeChanges(30, districts);
    await settleRenderer(page);
    const trace = !process.argv.includes('--no-trace');
    if (trace)
      await browser.startTracing(page, {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'blink.user_timing',
          'v8.execute',
          'disabled-by-default-v8.cpu_profiler'
        ]
      });
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
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
