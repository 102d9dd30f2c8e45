/**
 * One page load of one dataset in a fresh Chromium, and everything measured in it:
 * load marks, first frame, first filter, filter changes, timeline steps, memory, bytes,
 * and in the same browser the floor (fetch + decode of the month's facts file only) and the
 * naive baseline (plain JS arrays). The page opens the dataset's as-of month: it decodes that
 * month's facts file (facts/<YYYY-MM>.parquet) for the page and nothing else of the dataset's
 * Parquet; the engine (DuckDB) starts after the memory figures, as a first card or export would
 * start it, and the month goes into it. Every wait is bounded by the run's budget; what did not
 * finish is recorded as such.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { launch, newContext, processMemory, sampleMemory } from './browser.ts';
import { empty, makeChanges, type District } from './changes.ts';
import { Budget, openDataset, restPage, timeChange, Timeout, within } from './page.ts';
import { measureDrilldown } from './drilldown.ts';
import { measurePlayback } from './playback.ts';
import type { RunResult } from './run-result.ts';

export type { ChangeTiming, RunResult } from './run-result.ts';

/** Bytes over the wire, per kind, from Playwright's request events (workers' requests included). */
function byteCounter(context: BrowserContext) {
  const b = { total: 0, data: 0, wasm: 0, js: 0, other: 0, requests: 0, range_requests: 0 };
  const pending: Promise<void>[] = [];
  /** When each response ended (ms since the epoch) and its bytes: what came before a mark. */
  const ends: { at: number; bytes: number }[] = [];
  context.on('requestfinished', (req) => {
    const url = req.url();
    if (req.headers()['range']) b.range_requests += 1;
    const timing = req.timing();
    pending.push(
      req.sizes().then(
        (s) => {
          const n = s.responseBodySize + s.responseHeadersSize;
          ends.push({ at: timing.startTime + timing.responseEnd, bytes: n });
          b.total += n;
          b.requests += 1;
          if (/\/data\//.test(url)) b.data += n;
          else if (/\.wasm(\?|$)/.test(url)) b.wasm += n;
          else if (/\.m?js(\?|$)/.test(url)) b.js += n;
          else b.other += n;
        },
        () => undefined
      )
    );
  });
  return {
    bytes: b,
    settled: () => Promise.all(pending.splice(0)),
    /** Bytes of the responses that had ended by `epochMs` (the page's workers' requests included). */
    before: (epochMs: number) => ends.filter((e) => e.at <= epochMs).reduce((n, e) => n + e.bytes, 0)
  };
}

const mb = (bytes: number | null | undefined) =>
  typeof bytes === 'number' && Number.isFinite(bytes) ? Math.round((bytes / 2 ** 20) * 10) / 10 : null;

/** The app's performance marks (`cm:<name>`, the first of each name), ms from navigation. */
function readMarks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark'))
      if (m.name.startsWith('cm:') && !(m.name.slice(3) in out)) out[m.name.slice(3)] = Math.round(m.startTime * 10) / 10;
    return out;
  });
}

interface FactsInEngine {
  month: string;
  table: string | null;
  n: number | null;
  duckdbBytes: number | null;
  /** From the query that asked for the engine to its `duckdb-ready` mark and to the month's facts in DuckDB (`facts-loaded:<month>`). */
  readyMs: number | null;
  factsInMs: number | null;
}

/** Asks DuckDB for the month's facts rows (which starts the engine and loads the month into it) and its memory. */
function factsInEngine(page: Page): Promise<FactsInEngine> {
  return page.evaluate(async () => {
    const core = window.__cm!.core;
    const table = core.context().facts?.facts;
    const month: string = core.month.key;
    if (typeof table !== 'string') return { month, table: null, n: null, duckdbBytes: null, readyMs: null, factsInMs: null };
    const t0 = performance.now();
    const n = Number((await core.query(`SELECT count(*)::DOUBLE AS n FROM "${table}"`)).toArray()[0].n);
    const after = (name: string) => {
      const mark = performance.getEntriesByName(`cm:${name}`, 'mark')[0];
      return mark && mark.startTime >= t0 ? Math.round(mark.startTime - t0) : null;
    };
    let duckdbBytes: number | null;
    try {
      const t = await core.query('SELECT CAST(sum(memory_usage_bytes) AS DOUBLE) AS b FROM duckdb_memory()');
      duckdbBytes = Number(t.toArray()[0].b);
    } catch {
      duckdbBytes = null;
    }
    return { month, table, n, duckdbBytes, readyMs: after('duckdb-ready'), factsInMs: after(`facts-loaded:${month}`) };
  });
}

export async function measureRun(opts: {
  url: string;
  datasetId: string;
  projects: number;
  run: number;
  changes: number;
  steps: number;
  budgetMs: number;
  /** The as-of month the page opens, its facts file and the file's rows (datasets.ts parquetRows). */
  facts: { month: string; file: string; rows: number };
  log: (s: string) => void;
}): Promise<RunResult> {
  const budget = new Budget(opts.budgetMs);
  const origin = new URL(opts.url).origin;
  const foreign: string[] = [];
  const errors: string[] = [];
  const result: RunResult = {
    projects: opts.projects,
    run: opts.run,
    load: {
      duckdb_ready_ms: null,
      data_decoded_ms: null,
      dataset_ready_ms: null,
      points_handed_ms: null,
      points_from_core_ms: null,
      views_ready_ms: null,
      points_on_screen_ms: null,
      first_filter_ms: null,
      filters_in_page_ms: null,
      interactive_ms: null,
      rendered_points: null
    },
    marks: {},
    changes: [],
    timeline: [],
    floor: null,
    memory: {
      js_heap_used_mb: null,
      js_heap_total_mb: null,
      duckdb_mb: null,
      parquet_wasm_mb: null,
      renderer_rss_mb: null,
      renderer_peak_mb: null,
      gpu_rss_mb: null,
      gpu_peak_mb: null
    },
    bytes: { total: 0, data: 0, wasm: 0, js: 0, other: 0, requests: 0, range_requests: 0, before_interactive: null },
    tables: null,
    foreign_requests: foreign,
    errors,
    timed_out: null
  };
  const browser: Browser = await launch();
  let stage = 'load';
  const sampler = sampleMemory(browser, 250, () => stage);
  try {
    const context = await newContext(browser, origin, foreign);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text().slice(0, 300));
    });
    page.setDefaultTimeout(opts.budgetMs);
    const cdp = await context.newCDPSession(page);
    const counter = byteCounter(context);
    // 1. Load: navigation → points on screen.
    const rendered = await openDataset(page, { url: opts.url, datasetId: opts.datasetId, budget, stage });
    // The engine starts only where SQL is needed (ENGINE_START, issue 23): nothing on the map asks
    // for it, and the bench starts it itself after the memory figures (4a).
    const marks = await readMarks(page);
    result.marks = marks;
    result.load = {
      duckdb_ready_ms: marks['duckdb-ready'] ?? null,
      data_decoded_ms: marks[`facts-loaded:${opts.facts.month}`] ?? null,
      facts_decoded_ms: marks[`facts-decoded:${opts.facts.month}`] ?? null,
      local_index_ms: marks['local-index'] ?? null,
      facts_insert_start_ms: marks[`facts-insert-start:${opts.facts.month}`] ?? null,
      dataset_ready_ms: marks['dataset-ready'] ?? null,
      // The map's marks: binary attributes built from the first paint's file or the points query
      // (handed to deck.gl in the same update), and the first frame deck drew them in.
      points_handed_ms: marks['map-points-preview'] ?? marks['map-points-data'] ?? marks['views-idle'] ?? null,
      points_from_core_ms: marks['map-points-data'] ?? null,
      views_ready_ms: marks['views-idle'] ?? null,
      points_on_screen_ms: marks['map-drawn'] ?? Math.round(rendered.t * 10) / 10,
      first_filter_ms: marks['facts-ready'] ?? null,
      filters_in_page_ms: marks['local-ready'] ?? null,
      interactive_ms: marks['interactive'] ?? null,
      rendered_points: rendered.n
    };
    opts.log(
      `  run ${opts.run}: on screen ${result.load.points_on_screen_ms} ms (${rendered.n} points), dataset ready ${result.load.dataset_ready_ms} ms`
    );

    // 2. Filter changes.
    stage = 'changes';
    const districts = (await page.evaluate(() =>
      window.__cm!.session.dataset.districts.features.map((f: { properties: { code: string; label: [number, number] } }) => ({
        code: f.properties.code,
        label: f.properties.label
      }))
    )) as District[];
    result.rest_before_changes_ms = Math.round(await within(budget, stage, restPage(page)));
    const changes = makeChanges(opts.changes, districts);
    for (const filters of changes) {
      const t = await within(budget, stage, timeChange(page, { filters }));
      result.changes.push({ ...t, naive_ms: null });
    }
    await within(budget, stage, timeChange(page, { filters: empty() }));

    // 3. Timeline: step the month back, one month at a time.
    stage = 'timeline';
    const asOf = (await page.evaluate(() => window.__cm!.core.month.key)) as string;
    let [y, m] = asOf.split('-').map(Number);
    for (let i = 0; i < opts.steps; i++) {
      m -= 1;
      if (m === 0) {
        m = 12;
        y -= 1;
      }
      result.timeline.push(await within(budget, stage, timeChange(page, { month: `${y}-${String(m).padStart(2, '0')}` })));
    }

    // 4. Memory and bytes (before the floor, which fetches the facts file again).
    stage = 'memory';
    await within(budget, stage, counter.settled());
    Object.assign(result.bytes, counter.bytes);
    if (marks['interactive'] !== undefined) {
      const origin = (await page.evaluate(() => performance.timeOrigin)) as number;
      result.bytes.before_interactive = counter.before(origin + marks['interactive']);
    }
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    result.memory.js_heap_used_mb = mb(heap.usedSize);
    result.memory.js_heap_total_mb = mb(heap.totalSize);
    result.memory.parquet_wasm_mb = mb(await page.evaluate(() => window.__cm!.parquetWasmBytes()));
    result.load.engine_demanded_ms = (await readMarks(page))['engine-demanded'] ?? null;
    Object.assign(result.memory, await processMemory(browser));
    // The peak over the map's stages (load, changes, timeline), sampled: see sampleMemory.
    const sampled = await sampler.stop();
    result.memory.renderer_peak_mb = Math.max(result.memory.renderer_peak_mb ?? 0, sampled.renderer_mb) || null;
    result.memory.renderer_peak_by_stage_mb = sampled.renderer_by_stage_mb;
    result.memory.gpu_peak_mb = Math.max(result.memory.gpu_peak_mb ?? 0, sampled.gpu_mb) || null;

    // 4a. The engine, as a first card, sort or export would start it: every row of the as-of
    // month's facts file is then in its facts table (it goes in by chunks of row groups, under
    // another name, renamed once whole), and what the engine costs on top is recorded.
    stage = 'engine';
    await within(budget, stage, timeChange(page, { month: asOf }));
    const facts = await within(budget, stage, factsInEngine(page));
    result.tables = { facts: { file: opts.facts.rows, loaded: facts.n } };
    if (facts.month !== opts.facts.month) errors.push(`facts: the page shows ${facts.month}, not the as-of month ${opts.facts.month}`);
    if (facts.table === null) errors.push('facts: the query core has no facts table (context().facts.facts)');
    else if (facts.n !== opts.facts.rows)
      errors.push(`facts: ${facts.n} rows in DuckDB (${facts.table}), ${opts.facts.rows} in ${opts.facts.file}`);
    result.memory.duckdb_mb = mb(facts.duckdbBytes);
    result.engine = { ready_ms: facts.readyMs, facts_in_ms: facts.factsInMs };
    result.memory.renderer_with_engine_mb = (await processMemory(browser)).renderer_rss_mb;

    // 4b. The district page, after the memory figures (its month series loads other months).
    stage = 'drilldown';
    try {
      result.drilldown = await within(budget, stage, measureDrilldown(page, budget.left()));
    } catch (err) {
      if (err instanceof Timeout) throw err;
      errors.push(`drilldown: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }

    // 4c. The timeline playback, back on the map (playback.ts).
    stage = 'playback';
    try {
      result.playback = await within(budget, stage, measurePlayback(page, budget.left()));
    } catch (err) {
      if (err instanceof Timeout) throw err;
      errors.push(`playback: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }

    await context.close();

    // 5. Floor and naive baseline: same browser, same run, in a fresh page that loads no
    //    dataset (?bench=floor), so that at 1M the app's memory is not stacked on the floor's.
    stage = 'floor';
    const floorContext = await newContext(browser, origin, foreign);
    const floorPage = await floorContext.newPage();
    floorPage.on('pageerror', (e) => errors.push(e.message));
    await floorPage.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const floorUrl = new URL(opts.url);
    floorUrl.searchParams.set('bench', 'floor');
    await within(budget, stage, floorPage.goto(floorUrl.href));
    await within(
      budget,
      stage,
      floorPage.waitForFunction(() => !!window.__cm?.floor, null, { timeout: budget.left() })
    );
    // Exactly what the page loaded first: the as-of month's facts file, FACTS_COLUMNS.
    const factsUrl = new URL(`data/${opts.datasetId}/${opts.facts.file}`, opts.url).href;
    result.floor = await within(
      budget,
      stage,
      floorPage.evaluate((url) => window.__cm!.floor(url, true), factsUrl)
    );
    stage = 'naive';
    for (let i = 0; i < changes.length; i++) {
      const f = changes[i];
      const naive = await within(
        budget,
        stage,
        floorPage.evaluate((f) => window.__cm!.naive({ ...f, box: f.area ? f.area.bounds : null }), f)
      );
      result.changes[i].naive_ms = naive.ms;
    }
    await floorContext.close();
  } catch (err) {
    if (err instanceof Timeout) {
      result.timed_out = err.message;
      if (errors.length) opts.log(`    page errors: ${errors.slice(0, 3).join(' | ')}`);
      opts.log(`  run ${opts.run}: budget of ${Math.round(opts.budgetMs / 1000)} s exceeded during ${err.message}`);
    } else {
      errors.push(`${stage}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      opts.log(`  run ${opts.run}: failed during ${stage}: ${errors.at(-1)}`);
    }
  } finally {
    await sampler.stop();
    await browser.close().catch(() => undefined);
  }
  return result;
}
