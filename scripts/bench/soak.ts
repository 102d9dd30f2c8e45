/**
 * The soak run: one page load of one dataset, then many filter changes of the kinds the timed
 * run makes (changes.ts: facets, districts, name search, map boxes, clearing), each applied and
 * settled as there (page.ts timeChange). Every `every` changes the page's heap is collected
 * (CDP HeapProfiler.collectGarbage) and read with its DOM counters: what the page keeps per
 * change is the least-squares slope over those samples. Optional heap snapshots at given
 * change counts say what grew (heap-snapshot.ts).
 */
import type { CDPSession, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch, newContext } from './browser.ts';
import { makeChanges, type District } from './changes.ts';
import { countByKind, growth, HeapGraph, heapParts, takeHeapSnapshot, type HeapParts, type KindGrowth } from './heap-snapshot.ts';
import { SOAK_WARMUP } from './options.ts';
import { Budget, openDataset, timeChange, Timeout, within } from './page.ts';
import { slope } from './stats.ts';

export interface SoakSample {
  /** Changes made since the first sample. */
  change: number;
  /** JS heap in use after a full collection (Runtime.getHeapUsage usedSize), bytes. */
  heap_used_bytes: number;
  /** Blink's own objects (Runtime.getHeapUsage embedderHeapUsedSize) when Chromium reports it, bytes. */
  embedder_heap_bytes: number | null;
  /** Memory.getDOMCounters after the collection. */
  dom_nodes: number;
  js_event_listeners: number;
  documents: number;
}

export interface SoakResult {
  projects: number;
  /** The page's own parameters it was opened with (`choropleth=projects`), '' for none. */
  params: string;
  /** Filter changes sampled over (after `warmup` more). */
  changes: number;
  /** A sample every this many changes. */
  every: number;
  warmup: number;
  /** V8's flags the page ran with ('' for none). */
  js_flags: string;
  samples: SoakSample[];
  heap_start_mb: number | null;
  heap_end_mb: number | null;
  /** Least-squares slope of the heap after collection over the changes, KB (1,024 bytes) per change. */
  heap_slope_kb_per_change: number | null;
  embedder_slope_kb_per_change: number | null;
  dom_nodes_start: number | null;
  dom_nodes_end: number | null;
  dom_nodes_per_change: number | null;
  listeners_start: number | null;
  listeners_end: number | null;
  listeners_per_change: number | null;
  /**
   * Heap snapshots taken (the files are not kept with the results) with their bytes in parts; the
   * kinds that grew between the first and the last; and each part's growth between them per change.
   */
  snapshots: ({ change: number; file: string } & HeapParts)[];
  growth: KindGrowth[];
  snapshot_kb_per_change: HeapParts | null;
  duration_ms: number;
  errors: string[];
  timed_out: string | null;
}

async function collect(cdp: CDPSession, page: Page): Promise<void> {
  // Twice: what a finaliser or a weak map released in the first collection goes in the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  await cdp.send('HeapProfiler.collectGarbage');
}

async function sample(cdp: CDPSession, page: Page, change: number): Promise<SoakSample> {
  await collect(cdp, page);
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  const dom = (await cdp.send('Memory.getDOMCounters')) as { documents: number; nodes: number; jsEventListeners: number };
  return {
    change,
    heap_used_bytes: heap.usedSize,
    embedder_heap_bytes: heap.embedderHeapUsedSize ?? null,
    dom_nodes: dom.nodes,
    js_event_listeners: dom.jsEventListeners,
    documents: dom.documents
  };
}

const round = (v: number | null, digits = 2) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** The slopes and end points of the samples. */
export function summariseSoak(
  samples: SoakSample[]
): Pick<
  SoakResult,
  | 'heap_start_mb'
  | 'heap_end_mb'
  | 'heap_slope_kb_per_change'
  | 'embedder_slope_kb_per_change'
  | 'dom_nodes_start'
  | 'dom_nodes_end'
  | 'dom_nodes_per_change'
  | 'listeners_start'
  | 'listeners_end'
  | 'listeners_per_change'
> {
  const x = samples.map((s) => s.change);
  const per = (f: (s: SoakSample) => number | null, scale = 1) => {
    const ys = samples.map(f);
    if (ys.some((y) => y === null)) return null;
    const k = slope(x, ys as number[]);
    return k === null ? null : k / scale;
  };
  const first = samples[0];
  const last = samples.at(-1);
  return {
    heap_start_mb: first ? round(first.heap_used_bytes / 2 ** 20) : null,
    heap_end_mb: last ? round(last.heap_used_bytes / 2 ** 20) : null,
    heap_slope_kb_per_change: round(per((s) => s.heap_used_bytes, 1024)),
    embedder_slope_kb_per_change: round(per((s) => s.embedder_heap_bytes, 1024)),
    dom_nodes_start: first?.dom_nodes ?? null,
    dom_nodes_end: last?.dom_nodes ?? null,
    dom_nodes_per_change: round(
      per((s) => s.dom_nodes),
      3
    ),
    listeners_start: first?.js_event_listeners ?? null,
    listeners_end: last?.js_event_listeners ?? null,
    listeners_per_change: round(
      per((s) => s.js_event_listeners),
      3
    )
  };
}

export async function measureSoak(opts: {
  url: string;
  datasetId: string;
  projects: number;
  /** The page's own parameters to open it with (`choropleth=projects&view=table`). */
  params?: string;
  changes: number;
  every: number;
  budgetMs: number;
  /** Changes before the first sample (default SOAK_WARMUP). */
  warmup?: number;
  /** V8's flags for the page (browser.ts launch). */
  jsFlags?: string;
  /** Heap snapshots after these many sampled changes, written to `snapshotDir`. */
  snapshotsAt?: number[];
  snapshotDir?: string;
  log: (s: string) => void;
}): Promise<SoakResult> {
  const t0 = Date.now();
  const budget = new Budget(opts.budgetMs);
  const every = Math.max(1, opts.every);
  const warmup = opts.warmup ?? SOAK_WARMUP;
  const snapshotsAt = new Set(opts.snapshotsAt ?? []);
  const result: SoakResult = {
    projects: opts.projects,
    params: opts.params ?? '',
    changes: opts.changes,
    every,
    warmup,
    js_flags: opts.jsFlags ?? '',
    samples: [],
    ...summariseSoak([]),
    snapshots: [],
    growth: [],
    snapshot_kb_per_change: null,
    duration_ms: 0,
    errors: [],
    timed_out: null
  };
  const counts: ReturnType<typeof countByKind>[] = [];
  const browser = await launch(opts.jsFlags);
  let stage = 'load';
  try {
    const context = await newContext(browser, new URL(opts.url).origin, []);
    const page = await context.newPage();
    page.on('pageerror', (e) => result.errors.push(e.message));
    page.on('crash', () => result.errors.push(`the page crashed after ${result.samples.at(-1)?.change ?? 0}+ sampled changes`));
    page.on('console', (m) => {
      if (m.type() === 'error') result.errors.push(m.text().slice(0, 300));
    });
    page.setDefaultTimeout(opts.budgetMs);
    const cdp = await context.newCDPSession(page);
    await openDataset(page, { url: opts.url, datasetId: opts.datasetId, budget, stage, params: opts.params });
    const seconds = () => Math.round((Date.now() - t0) / 1000);
    opts.log(`  soak: filters answered in the page at ${seconds()} s; ${warmup} changes to warm up, then ${opts.changes}`);
    stage = 'soak';
    const districts = (await page.evaluate(() =>
      window.__cm!.session.dataset.districts.features.map((f: { properties: { code: string; label: [number, number] } }) => ({
        code: f.properties.code,
        label: f.properties.label
      }))
    )) as District[];
    const changes = makeChanges(warmup + opts.changes, districts);
    // After n sampled changes: a sample every `every` and at the end, a snapshot where asked.
    const checkpoint = async (n: number) => {
      if (n % every === 0 || n === opts.changes) result.samples.push(await within(budget, stage, sample(cdp, page, n)));
      if (n % 100 === 0) opts.log(`  soak: ${n} changes sampled at ${seconds()} s`);
      if (!snapshotsAt.has(n) || !opts.snapshotDir) return;
      mkdirSync(opts.snapshotDir, { recursive: true });
      const file = path.join(opts.snapshotDir, `${opts.datasetId}-${n}.heapsnapshot`);
      await collect(cdp, page);
      await within(budget, stage, takeHeapSnapshot(cdp, file));
      const graph = HeapGraph.read(file);
      result.snapshots.push({ change: n, file, ...heapParts(graph) });
      counts.push(countByKind(graph));
      opts.log(`  soak: heap snapshot after ${n} changes: ${file}`);
    };
    for (let i = 0; i < changes.length; i++) {
      if (i >= warmup) await checkpoint(i - warmup);
      await within(budget, stage, timeChange(page, { filters: changes[i] }));
    }
    await checkpoint(opts.changes);
    await context.close();
  } catch (err) {
    if (err instanceof Timeout) result.timed_out = err.message;
    else result.errors.push(`${stage}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    opts.log(`  soak: stopped during ${stage}: ${result.timed_out ?? result.errors.at(-1)}`);
  } finally {
    await browser.close().catch(() => undefined);
  }
  Object.assign(result, summariseSoak(result.samples));
  if (counts.length >= 2) result.growth = growth(counts[0], counts.at(-1)!);
  const [first, last] = [result.snapshots[0], result.snapshots.at(-1)];
  if (first && last && last.change > first.change) {
    const per = (k: keyof HeapParts) => Math.round(((last[k] - first[k]) / (last.change - first.change)) * 100) / 100;
    result.snapshot_kb_per_change = { objects_kb: per('objects_kb'), code_kb: per('code_kb'), native_kb: per('native_kb') };
  }
  result.duration_ms = Date.now() - t0;
  return result;
}
