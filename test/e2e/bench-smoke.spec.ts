/**
 * Keeps the benchmark harness (npm run bench, scripts/bench/) working: runs it on a small size,
 * once, with three filter changes, and a small soak run (20 changes, two heap snapshots), against
 * the e2e build, and the embed's page load. Asserts only that every field came out as a finite
 * number, never a timing or a heap figure: benchmarks do not fail CI (the embed's request count for
 * duckdb-wasm is not a timing: it must be 0). The page loads the as-of month's
 * facts file (facts/<YYYY-MM>.parquet, one row per project) into DuckDB, and every one of its
 * 11,000 rows must arrive. That file is a single row group (the writer's row groups hold 122,880
 * rows), so it goes in as one chunk: inserting a file in several chunks is not exercised here.
 */
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE_PATH, E2E_BUILD_DIR } from '../../playwright.config.ts';
import { freePort } from '../unit/hosting/serve-static-harness.ts';

test('npm run bench runs end to end on 11,000 projects, every row of the month’s facts file in DuckDB, and soaks', async () => {
  test.setTimeout(420_000);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cm-bench-'));
  const out = path.join(tmp, 'smoke.json');
  try {
    const args = [
      'tsx',
      'scripts/bench/run.ts',
      '--sizes',
      '11000',
      '--runs',
      '1',
      '--changes',
      '3',
      '--steps',
      '1',
      '--out',
      out,
      '--from-build',
      E2E_BUILD_DIR,
      '--base',
      BASE_PATH,
      '--build-dir',
      '.svelte-kit/bench-smoke',
      '--port',
      String(await freePort()),
      '--no-readme-table',
      '--embed-sizes',
      '11000',
      '--soak',
      '20',
      '--soak-size',
      '11000',
      '--soak-warmup',
      '0',
      '--soak-every',
      '5',
      '--soak-snapshots',
      '0,20',
      '--soak-snapshot-dir',
      path.join(tmp, 'snapshots')
    ];
    const r = spawnSync('npx', args, { encoding: 'utf8', timeout: 410_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const results = JSON.parse(readFileSync(out, 'utf8'));
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.build.total_bytes).toBeGreaterThan(0);
    const [run] = results.runs;
    expect(run.timed_out, JSON.stringify(run.errors)).toBeNull();
    const finite = (label: string, v: unknown) => expect(Number.isFinite(v), `${label} = ${v}`).toBe(true);
    for (const k of [
      'facts_decoded_ms',
      'local_index_ms',
      'points_handed_ms',
      'views_ready_ms',
      'points_on_screen_ms',
      'filters_in_page_ms',
      'interactive_ms'
    ])
      finite(`load.${k}`, run.load[k]);
    // Nothing on the map (load, filter changes, a month back) asked for the engine (ENGINE_START
    // 'on-need', issue 23): its marks come only after the bench starts it, once the memory is read.
    for (const k of [
      'engine_demanded_ms',
      'duckdb_ready_ms',
      'dataset_ready_ms',
      'data_decoded_ms',
      'facts_insert_start_ms',
      'first_filter_ms'
    ])
      expect(run.load[k], `load.${k}`).toBeNull();
    finite('engine.ready_ms', run.engine.ready_ms);
    finite('engine.facts_in_ms', run.engine.facts_in_ms);
    finite('memory.renderer_with_engine_mb', run.memory.renderer_with_engine_mb);
    finite('bytes.before_interactive', run.bytes.before_interactive);
    expect(run.bytes.before_interactive).toBeGreaterThan(0);
    expect(run.bytes.before_interactive).toBeLessThan(run.bytes.total);
    expect(run.load.rendered_points).toBe(11_000);
    expect(run.tables.facts).toEqual({ file: 11_000, loaded: 11_000 });
    expect(run.errors).toEqual([]);
    expect(run.changes).toHaveLength(3);
    for (const c of run.changes) for (const k of ['data_ms', 'frame_ms', 'total_ms', 'settle_ms', 'naive_ms']) finite(`change.${k}`, c[k]);
    expect(run.timeline).toHaveLength(1);
    finite('timeline.data_ms', run.timeline[0].data_ms);
    for (const k of ['fetch_ms', 'decode_ms', 'total_ms', 'bytes']) finite(`floor.${k}`, run.floor[k]);
    for (const k of ['js_heap_used_mb', 'duckdb_mb', 'parquet_wasm_mb', 'renderer_peak_mb']) finite(`memory.${k}`, run.memory[k]);
    expect(run.bytes.data).toBeGreaterThan(0);
    expect(run.foreign_requests).toEqual([]);
    const [size] = results.sizes;
    finite('filter p95', size.filter_data_ms.p95);
    finite('ratio to floor', size.ratios.load_vs_floor);
    finite('interactive ratio to floor', size.ratios.interactive_vs_floor);
    finite('ratio to naive', size.ratios.filter_p95_vs_naive);
    // The embed's page load: its points on screen, its bytes by file, and no request for duckdb-wasm.
    finite('embed points on screen', size.embed.points_on_screen_ms.median);
    finite('embed bytes', size.embed.bytes_total.median);
    expect(size.embed.by_file.some((f: { file: string }) => /facts\/\d{4}-\d{2}\.parquet$/.test(f.file))).toBe(true);
    expect(size.embed.engine_requests).toBe(0);
    expect(size.targets.filter((t: { name: string }) => t.name.startsWith('embed:'))).toHaveLength(3);
    const { soak } = results;
    expect(soak.timed_out, JSON.stringify(soak.errors)).toBeNull();
    expect(soak.errors).toEqual([]);
    expect(soak.samples.map((s: { change: number }) => s.change)).toEqual([0, 5, 10, 15, 20]);
    for (const s of soak.samples) for (const k of ['heap_used_bytes', 'dom_nodes', 'js_event_listeners']) finite(`soak sample ${k}`, s[k]);
    for (const k of ['heap_start_mb', 'heap_end_mb', 'heap_slope_kb_per_change', 'dom_nodes_per_change', 'listeners_per_change'])
      finite(`soak.${k}`, soak[k]);
    expect(soak.snapshots.map((s: { change: number }) => s.change)).toEqual([0, 20]);
    for (const k of ['objects_kb', 'code_kb', 'native_kb']) finite(`soak.snapshot_kb_per_change.${k}`, soak.snapshot_kb_per_change[k]);
    expect(Array.isArray(soak.growth)).toBe(true);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync('.svelte-kit/bench-smoke', { recursive: true, force: true });
  }
});
