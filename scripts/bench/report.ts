/** Per-size summaries of the runs, the targets, and the README table. */
import type { DatasetRows } from './datasets.ts';
import type { Machine } from './machine.ts';
import type { RunResult } from './measure.ts';
import type { BuildSize } from './site.ts';
import type { HeapParts } from './heap-snapshot.ts';
import type { SoakResult } from './soak.ts';
import { summarise, type Summary } from './stats.ts';
import { analystRows, type AnalystResult } from './analyst.ts';
import { firstPaintTargets } from './issue-targets.ts';
import { leagueRows, type LeagueResult } from './league.ts';
import type { PlaybackTiming } from './playback.ts';
import { keplerRows, type KeplerSummary } from './kepler.ts';
import { embedRows, type EmbedSummary } from './embed.ts';

export interface SizeSummary {
  projects: number;
  /** Bytes of every file of the dataset folder, by path ('projects.parquet', 'facts/2026-11.parquet'). */
  dataset_bytes: Record<string, number>;
  /**
   * What the page loads of the dataset's Parquet: the as-of month's facts file (`file`, relative
   * to the dataset folder) and its rows; `source_rows` are the rows of projects, monthly and
   * problems, which the page never loads whole. Absent from results made before the facts files.
   */
  facts?: { month: string; file: string; rows: number; source_rows: Record<string, number> };
  runs: number;
  runs_completed: number;
  timed_out: string[];
  load: Record<string, Summary | null>;
  /** p50 / p95 over every change of every run. */
  filter_data_ms: Summary | null;
  filter_frame_ms: Summary | null;
  filter_total_ms: Summary | null;
  /** After the next frame, until the renderer was quiet again (untimed wait before the next change). */
  filter_settle_ms?: Summary | null;
  naive_ms: Summary | null;
  timeline_data_ms: Summary | null;
  timeline_total_ms: Summary | null;
  floor_ms: Summary | null;
  memory_mb: Record<string, Summary | null>;
  bytes: Record<string, Summary | null>;
  ratios: {
    /** Points handed to the map ÷ floor (fetch + decode of the month's facts file the page loads). */
    load_vs_floor: number | null;
    /** Interactive (the `interactive` mark) ÷ the floor; absent from results made before it. */
    interactive_vs_floor?: number | null;
    /** Filter p50 (data) ÷ naive p50; and p95 ÷ p95. */
    filter_p50_vs_naive: number | null;
    filter_p95_vs_naive: number | null;
  };
  targets: { name: string; limit: string; value: number | null; met: boolean | null }[];
  /** The engine started after the map's stages: ms from the first query to it ready and to the month in DuckDB (RunResult.engine). */
  engine_ms?: Record<'ready' | 'facts_in', Summary | null>;
  /** The district page, click → every view's data and → the frame after, first visit and again (drilldown.ts). */
  drilldown_ms?: Record<'first_data' | 'first_frame' | 'again_data' | 'again_frame', Summary | null>;
  /** The data page (npm run bench -- --analyst). */
  analyst?: AnalystResult;
  /** The league tables (npm run bench -- --league). */
  league?: LeagueResult;
  /** kepler.gl on the same points, and its ratios to this size's figures (kepler.ts; not with --no-kepler). */
  kepler?: KeplerSummary;
  /** The embed (/embed/): its bytes by file and points on screen (embed.ts; not with --no-embed). */
  embed?: EmbedSummary;
  /** The timeline playback (playback.ts): a step's data side over every step of every run, opening, and steps skipped at two a second. */
  playback?: { step_ms: Summary | null; open_ms: Summary | null; played_steps: number; skipped_steps: number };
}

export interface BenchResults {
  label: string;
  date: string;
  machine: Machine;
  options: Record<string, unknown>;
  build: BuildSize;
  sizes: SizeSummary[];
  runs: RunResult[];
  /** The soak run (--soak); absent from results made before it, null when not asked for. */
  soak?: SoakResult | null;
  /** Jiujiang's months played at two steps a second (playback.ts, the demo dataset); absent before it. */
  jiujiang_playback?: PlaybackTiming | null;
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;

export function summariseSize(projects: number, runs: RunResult[], datasetBytes: Record<string, number>, rows: DatasetRows): SizeSummary {
  const ok = runs.filter((r) => r.load.points_on_screen_ms !== null);
  const load: Record<string, Summary | null> = {};
  for (const k of [
    'duckdb_ready_ms',
    'data_decoded_ms',
    'facts_decoded_ms',
    'local_index_ms',
    'facts_insert_start_ms',
    'dataset_ready_ms',
    'points_handed_ms',
    'points_from_core_ms',
    'views_ready_ms',
    'points_on_screen_ms',
    'first_filter_ms',
    'filters_in_page_ms',
    'interactive_ms',
    'engine_demanded_ms'
  ] as const) {
    load[k] = summarise(ok.map((r) => r.load[k] ?? null));
  }
  // Frame time of the first paint: on screen − handed over (software rendering).
  load.first_frame_ms = summarise(ok.map((r) => (r.load.points_on_screen_ms ?? NaN) - (r.load.points_handed_ms ?? NaN)));
  const changes = ok.flatMap((r) => r.changes);
  const memory: Record<string, Summary | null> = {};
  for (const [k, v] of Object.entries(ok[0]?.memory ?? {})) {
    if (typeof v !== 'object' || v === null)
      memory[k] = summarise(ok.map((r) => r.memory[k as keyof RunResult['memory']] as number | null));
  }
  const bytes: Record<string, Summary | null> = {};
  for (const k of ['total', 'data', 'wasm', 'js', 'requests', 'range_requests', 'before_interactive'] as const)
    bytes[k] = summarise(ok.map((r) => r.bytes[k] ?? null));
  const s: SizeSummary = {
    projects,
    dataset_bytes: datasetBytes,
    facts: { month: rows.month, file: rows.file, rows: rows.facts, source_rows: rows.sources },
    runs: runs.length,
    runs_completed: runs.filter((r) => !r.timed_out && r.errors.every((e) => !/^[a-z]+: /.test(e))).length,
    timed_out: runs.filter((r) => r.timed_out).map((r) => `run ${r.run}: ${r.timed_out}`),
    load,
    filter_data_ms: summarise(changes.map((c) => c.data_ms)),
    filter_frame_ms: summarise(changes.map((c) => c.frame_ms)),
    filter_total_ms: summarise(changes.map((c) => c.total_ms)),
    filter_settle_ms: summarise(changes.map((c) => c.settle_ms)),
    naive_ms: summarise(changes.map((c) => c.naive_ms)),
    timeline_data_ms: summarise(ok.flatMap((r) => r.timeline.map((t) => t.data_ms))),
    timeline_total_ms: summarise(ok.flatMap((r) => r.timeline.map((t) => t.total_ms))),
    floor_ms: summarise(ok.map((r) => r.floor?.total_ms)),
    memory_mb: memory,
    bytes,
    ratios: { load_vs_floor: null, interactive_vs_floor: null, filter_p50_vs_naive: null, filter_p95_vs_naive: null },
    targets: []
  };
  s.engine_ms = {
    ready: summarise(ok.map((r) => r.engine?.ready_ms ?? null)),
    facts_in: summarise(ok.map((r) => r.engine?.facts_in_ms ?? null))
  };
  const drill = ok.map((r) => r.drilldown).filter((d) => !!d);
  s.drilldown_ms = {
    first_data: summarise(drill.map((d) => d.first.data_ms)),
    first_frame: summarise(drill.map((d) => d.first.frame_ms)),
    again_data: summarise(drill.map((d) => d.again.data_ms)),
    again_frame: summarise(drill.map((d) => d.again.frame_ms))
  };
  const played = ok.map((r) => r.playback).filter((p) => !!p);
  s.playback = {
    step_ms: summarise(played.flatMap((p) => p.step_ms)),
    open_ms: summarise(played.map((p) => p.open_ms)),
    played_steps: played.reduce((a, p) => a + p.played.steps, 0),
    skipped_steps: played.reduce((a, p) => a + p.played.skipped, 0)
  };
  s.ratios.load_vs_floor = ratio(s.load.points_handed_ms?.median, s.floor_ms?.median);
  s.ratios.interactive_vs_floor = ratio(s.load.interactive_ms?.median, s.floor_ms?.median);
  s.ratios.filter_p50_vs_naive = ratio(s.filter_data_ms?.median, s.naive_ms?.median);
  s.ratios.filter_p95_vs_naive = ratio(s.filter_data_ms?.p95, s.naive_ms?.p95);
  const target = (name: string, limit: number, value: number | null | undefined, unit = 'ms', atMost = false) =>
    s.targets.push({
      name,
      limit: `${atMost ? '≤' : '<'} ${limit} ${unit}`,
      value: value ?? null,
      met: typeof value === 'number' ? (atMost ? value <= limit : value < limit) : null
    });
  const memPeak = s.memory_mb.renderer_peak_mb?.median ?? null;
  const drillTargets = (limit: number) => {
    target('district page, click → every view (data), first visit (median)', limit, s.drilldown_ms?.first_data?.median, 'ms', true);
    target('district page, click → every view (data), again (median)', limit, s.drilldown_ms?.again_data?.median, 'ms', true);
  };
  if (projects <= 1000) {
    target('points handed to the map (median)', 1500, s.load.points_handed_ms?.median);
    target('filter update p95 (data)', 50, s.filter_data_ms?.p95);
    drillTargets(100);
  } else if (projects >= 1_000_000) {
    target('points handed to the map (median)', 4000, s.load.points_handed_ms?.median);
    target('filter update p95 (data)', 250, s.filter_data_ms?.p95);
    target('renderer memory peak (median)', 1536, memPeak, 'MB');
    drillTargets(500);
  }
  if (projects >= 100_000) target('playback step, data side (p95)', projects >= 1_000_000 ? 250 : 50, s.playback.step_ms?.p95, 'ms', true);
  // Issue 20 asks for no skipped step on Jiujiang's months (the line after the table); here the
  // skipped steps are a figure: at 1M a frame of the points in software rendering is over half a second.
  s.targets.push(
    ...firstPaintTargets(projects, {
      interactive_ms: s.load.interactive_ms?.median,
      interactive_vs_floor: s.ratios.interactive_vs_floor,
      filter_p95_ms: s.filter_data_ms?.p95,
      bytes_before_interactive: s.bytes.before_interactive?.median,
      renderer_peak_mb: memPeak
    })
  );
  return s;
}

const f0 = (v: number | null | undefined) => (typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : '—');
const sec = (v: number | null | undefined) => (typeof v === 'number' ? (v / 1000).toFixed(2) : '—');
const spread = (s: Summary | null | undefined, fmt = sec) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '—');
const mbOf = (n: number | undefined) => (typeof n === 'number' ? (n / 2 ** 20).toFixed(1) : '—');

/** The README's results table (markdown). */
export function readmeTable(r: BenchResults): string {
  const head = ['', ...r.sizes.map((s) => `${s.projects.toLocaleString('en-US')} projects`)];
  const row = (label: string, f: (s: SizeSummary) => string) => `| ${label} | ${r.sizes.map(f).join(' | ')} |`;
  // Results made before the facts files (no `facts`) measured the source files' load and floor.
  const facts = r.sizes.every((s) => s.facts);
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    row('runs (completed)', (s) => `${s.runs} (${s.runs_completed})`),
    row(facts ? 'Parquet, all files (sources + every month’s facts), MB' : 'Parquet, all files (MB)', (s) =>
      mbOf(
        Object.entries(s.dataset_bytes)
          .filter(([k]) => k.endsWith('.parquet'))
          .reduce((a, [, b]) => a + b, 0)
      )
    ),
    ...(facts ? [row('the month’s facts file (what the page loads), MB', (s) => mbOf(s.dataset_bytes[s.facts!.file]))] : []),
    row('duckdb-wasm ready, s', (s) => spread(s.load.duckdb_ready_ms)),
    row(facts ? 'month’s facts file loaded (fetched, decoded, in DuckDB), s' : 'Parquet fetched + decoded, s', (s) =>
      spread(s.load.data_decoded_ms)
    ),
    row('**points handed to the map, s**', (s) => spread(s.load.points_handed_ms)),
    row('points on screen (llvmpipe), s', (s) => spread(s.load.points_on_screen_ms)),
    row('query core’s points handed (map interactive), s', (s) => spread(s.load.points_from_core_ms)),
    row('first frame (on screen − handed), s', (s) => spread(s.load.first_frame_ms)),
    row('first filter can be applied, s', (s) => spread(s.load.first_filter_ms)),
    row('filters answered in the page from, s', (s) => spread(s.load.filters_in_page_ms)),
    row('**interactive (filters, RAG, picking answered), s**', (s) => spread(s.load.interactive_ms)),
    row('engine asked for during the map’s stages (— : nothing there needed SQL), s', (s) => spread(s.load.engine_demanded_ms)),
    row('engine started after the map’s stages → ready / month in DuckDB, s', (s) =>
      s.engine_ms?.ready ? `${spread(s.engine_ms.ready)} / ${spread(s.engine_ms.facts_in)}` : '—'
    ),
    row('interactive ÷ floor', (s) => (s.ratios.interactive_vs_floor ?? '—').toString()),
    row('bytes before interactive (transferred), MB', (s) => (s.bytes.before_interactive ? mbOf(s.bytes.before_interactive.median) : '—')),
    row(facts ? 'floor: facts file fetch + decode only, s' : 'floor: fetch + decode only, s', (s) => spread(s.floor_ms)),
    row('handed ÷ floor', (s) => (s.ratios.load_vs_floor ?? '—').toString()),
    row('**filter → all views, data, p50 / p95 ms**', (s) =>
      s.filter_data_ms ? `${f0(s.filter_data_ms.median)} / ${f0(s.filter_data_ms.p95)}` : '—'
    ),
    row('filter → next frame drawn, p50 / p95 ms', (s) =>
      s.filter_total_ms ? `${f0(s.filter_total_ms.median)} / ${f0(s.filter_total_ms.p95)}` : '—'
    ),
    row('then until the renderer is quiet (not timed), p50 / p95 ms', (s) =>
      s.filter_settle_ms ? `${f0(s.filter_settle_ms.median)} / ${f0(s.filter_settle_ms.p95)}` : '—'
    ),
    row('naive JS arrays, p50 / p95 ms', (s) => (s.naive_ms ? `${f0(s.naive_ms.median)} / ${f0(s.naive_ms.p95)}` : '—')),
    row('filter ÷ naive, p50 / p95', (s) => `${s.ratios.filter_p50_vs_naive ?? '—'} / ${s.ratios.filter_p95_vs_naive ?? '—'}`),
    row(
      facts
        ? 'timeline step (a month’s facts file + every view), data / with frame, median ms'
        : 'timeline step, data / with frame, median ms',
      (s) => `${f0(s.timeline_data_ms?.median)} / ${f0(s.timeline_total_ms?.median)}`
    ),
    row('**district page: click → every view, data, first visit / again, median ms**', (s) =>
      s.drilldown_ms?.first_data ? `${f0(s.drilldown_ms.first_data.median)} / ${f0(s.drilldown_ms.again_data?.median)}` : '—'
    ),
    row('district page: then → next frame, first visit / again, median ms', (s) =>
      s.drilldown_ms?.first_frame ? `${f0(s.drilldown_ms.first_frame.median)} / ${f0(s.drilldown_ms.again_frame?.median)}` : '—'
    ),
    row('**playback step (map frame + KPIs), data side, median / p95 ms**', (s) =>
      s.playback?.step_ms ? `${s.playback.step_ms.median.toFixed(1)} / ${s.playback.step_ms.p95.toFixed(1)}` : '—'
    ),
    row('playback opened (its files read once), s', (s) => spread(s.playback?.open_ms)),
    row('every month played at 2 steps a second: steps / skipped', (s) =>
      s.playback?.played_steps ? `${s.playback.played_steps} / ${s.playback.skipped_steps}` : '—'
    ),
    row('JS heap used, MB', (s) => f0(s.memory_mb.js_heap_used_mb?.median)),
    row('duckdb-wasm memory, MB', (s) => f0(s.memory_mb.duckdb_mb?.median)),
    row('parquet-wasm memory, MB', (s) => f0(s.memory_mb.parquet_wasm_mb?.median)),
    row('renderer process peak RSS (the map’s stages), MB', (s) => f0(s.memory_mb.renderer_peak_mb?.median)),
    row('renderer RSS once the engine is started and the month in it, MB', (s) => f0(s.memory_mb.renderer_with_engine_mb?.median)),
    row('GPU process peak RSS, MB', (s) => f0(s.memory_mb.gpu_peak_mb?.median)),
    row('bytes transferred (data), MB', (s) => `${mbOf(s.bytes.total?.median)} (${mbOf(s.bytes.data?.median)})`),
    ...analystRows(r.sizes, row),
    ...leagueRows(r.sizes, row),
    ...keplerRows(r.sizes, row),
    ...embedRows(r.sizes, row)
  ];
  // A soak run alone (--sizes none) has no size to tabulate.
  if (r.sizes.length === 0) lines.length = 0;
  const b = r.build;
  const jj = r.jiujiang_playback;
  if (jj) {
    lines.push(
      ...(lines.length ? [''] : []),
      `Jiujiang (demo, ${jj.months} months with data of 36): played at ${jj.played.speed} steps a second, ${jj.played.steps} steps in ${sec(jj.played.wall_ms)} s, ` +
        `${jj.played.skipped} skipped (target: none → ${jj.played.skipped === 0 ? 'met' : 'missed'}); a step's data side ${Math.max(...jj.step_ms).toFixed(1)} ms at most.`
    );
  }
  lines.push(
    ...(lines.length ? [''] : []),
    `Build (without data): ${mbOf(b.total_bytes)} MB in ${b.files} files, ${mbOf(b.total_gzip_bytes)} MB gzip; ` +
      `JS ${mbOf(b.js_bytes)} MB (${mbOf(b.js_gzip_bytes)} MB gzip), wasm ${mbOf(b.wasm_bytes)} MB (${mbOf(b.wasm_gzip_bytes)} MB gzip).`,
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memory_gb} GB, ${r.machine.os}, Node ${r.machine.node}, ${r.machine.chromium ?? 'Chromium'}; ${r.machine.gl}.`
  );
  const targets = r.sizes.flatMap((s) =>
    s.targets.map(
      (t) =>
        `${s.projects.toLocaleString('en-US')}: ${t.name} ${t.limit}: ${t.value === null ? '—' : Math.round(t.value)} → ${t.met === null ? 'not measured' : t.met ? 'met' : 'missed'}`
    )
  );
  if (targets.length) lines.push('', 'Targets:', ...targets.map((t) => `- ${t}`));
  if (r.soak) lines.push('', soakTable(r.soak));
  return lines.join('\n');
}

const fixed = (v: number | null | undefined, digits: number) => (typeof v === 'number' ? v.toFixed(digits) : '—');

/** The heap snapshots' parts at the first and last snapshot, and their growth per change between them. */
function snapshotRows(s: SoakResult): string[] {
  const [first, last] = [s.snapshots?.[0], s.snapshots?.at(-1)];
  const per = s.snapshot_kb_per_change;
  if (!first || !last || !per || first === last) return [];
  const mb = (kb: number) => `${(kb / 1024).toFixed(2)} MB`;
  const row = (label: string, k: keyof HeapParts, bold = false) => {
    const slope = `${fixed(per[k], 2)} KB`;
    return `| ${label} | ${mb(first[k])} | ${mb(last[k])} | ${bold ? `**${slope}**` : slope} |`;
  };
  return [
    row(`JS objects (heap snapshots after ${first.change} and ${last.change} changes)`, 'objects_kb', true),
    row('compiled code (heap snapshots)', 'code_kb'),
    row('native objects: Blink’s, typed arrays’ buffers (heap snapshots)', 'native_kb')
  ];
}

/** The soak run's table: start, end and slope per change of the heap after collection and the DOM counters. */
export function soakTable(s: SoakResult): string {
  const head =
    `Soak: ${s.changes.toLocaleString('en-US')} filter changes on ${s.projects.toLocaleString('en-US')} projects` +
    (s.params ? ` (page opened with \`?${s.params}\`) ` : ' ') +
    `(after ${s.warmup} to warm up${s.js_flags ? `; V8 flags \`${s.js_flags}\`` : ''}), a full collection and a sample every ${s.every}` +
    (s.timed_out ? ` (stopped: ${s.timed_out})` : '') +
    ':';
  return [
    head,
    '',
    '|  | start | end | slope per change |',
    '| --- | --- | --- | --- |',
    `| JS heap after collection | ${fixed(s.heap_start_mb, 2)} MB | ${fixed(s.heap_end_mb, 2)} MB | ${fixed(s.heap_slope_kb_per_change, 2)} KB |`,
    ...snapshotRows(s),
    `| DOM nodes | ${s.dom_nodes_start ?? '—'} | ${s.dom_nodes_end ?? '—'} | ${fixed(s.dom_nodes_per_change, 3)} |`,
    `| event listeners | ${s.listeners_start ?? '—'} | ${s.listeners_end ?? '—'} | ${fixed(s.listeners_per_change, 3)} |`
  ].join('\n');
}
