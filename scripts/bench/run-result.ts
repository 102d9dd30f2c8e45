/** What one benchmark page load records (measure.ts), as written to test/bench/results/*.json. */
import type { DrillTiming } from './drilldown.ts';
import type { PlaybackTiming } from './playback.ts';

export interface ChangeTiming {
  /** Filter change → every view's query answered and its result handed over (data side). */
  data_ms: number;
  /** Then until the next frame has been drawn (two animation frames: llvmpipe). */
  frame_ms: number;
  total_ms: number;
  /**
   * Then until the renderer is quiet again (frames 40 ms apart or less, three in a row; capped):
   * with software rendering the last frame of a change is still being drawn on both cores after
   * the two animation frames, and the next change's data time would include it. Not counted in
   * any of the times above; null in results from before it was measured.
   */
  settle_ms?: number | null;
  /** The same filter on plain JS arrays. */
  naive_ms: number | null;
}

export interface RunResult {
  projects: number;
  run: number;
  /** ms from navigation start. */
  load: {
    duckdb_ready_ms: number | null;
    /**
     * The first month's facts file (the as-of month's) fetched, decoded and in DuckDB
     * (`facts-loaded:<YYYY-MM>`). The name is kept from when this was the source files' decode,
     * so that older results files still read.
     */
    data_decoded_ms: number | null;
    /**
     * Where the month's facts go (issue 23), absent from results made before them: the file
     * decoded for the page (`facts-decoded:<YYYY-MM>`), the page's index built from it
     * (`local-index`), and its first chunk handed to DuckDB once the engine is in
     * (`facts-insert-start:<YYYY-MM>`; all in at `data_decoded_ms`).
     */
    facts_decoded_ms?: number | null;
    local_index_ms?: number | null;
    facts_insert_start_ms?: number | null;
    /** The engine has started and the first paint's file is read (no table is loaded by then). */
    dataset_ready_ms: number | null;
    /**
     * Points handed to deck.gl: the first paint's, read from its own file (meta.first_paint,
     * points.arrow) before DuckDB is ready (`map-points-preview`), else the query core's
     * (`map-points-data`), else when every view first had its data.
     */
    points_handed_ms: number | null;
    /** The query core's points handed to deck.gl (`map-points-data`): the map is interactive. */
    points_from_core_ms: number | null;
    /** Every view (map, KPIs, charts) has its first result. */
    views_ready_ms: number | null;
    /** The map reports the points drawn in a frame (`map-drawn` mark; else data-rendered-points). */
    points_on_screen_ms: number | null;
    /** The month's facts table is in (`facts-ready`): a filter from now on is answered by a plain query. */
    first_filter_ms: number | null;
    /** The month's filter index is in the page: filters are answered without the database (db/local/). */
    filters_in_page_ms: number | null;
    /**
     * Filters, RAG colours and picking answered (`interactive`): the month's index and the map's
     * points base are in the page and the views it answers have their results (issue 23: from the
     * decoded facts, before the engine). Absent from results made before it.
     */
    interactive_ms?: number | null;
    /**
     * The engine asked for (`engine-demanded`) during the map's stages (load, changes, timeline);
     * null when nothing there needed SQL (ENGINE_START 'on-need'; the bench starts it after the
     * memory figures). Absent from results made before it.
     */
    engine_demanded_ms?: number | null;
    rendered_points: number | null;
  };
  marks: Record<string, number>;
  /**
   * The untimed wait after the load for the page at rest before the filter changes (page.ts
   * restPage: no long task for 1 s, then a quiet renderer); absent from results made before it,
   * which waited instead for the engine started at idle and the month in it (several seconds).
   */
  rest_before_changes_ms?: number | null;
  changes: ChangeTiming[];
  timeline: { data_ms: number; frame_ms: number; total_ms: number; settle_ms?: number | null }[];
  /** Fetch + decode (parquet-wasm) of the as-of month's facts file, FACTS_COLUMNS, nothing else. */
  floor: { fetch_ms: number; decode_ms: number; total_ms: number; bytes: number } | null;
  memory: {
    js_heap_used_mb: number | null;
    js_heap_total_mb: number | null;
    duckdb_mb: number | null;
    parquet_wasm_mb: number | null;
    renderer_rss_mb: number | null;
    renderer_peak_mb: number | null;
    /** The renderer's peak within each stage of the run (load, changes, timeline, memory). */
    renderer_peak_by_stage_mb?: Record<string, number>;
    gpu_rss_mb: number | null;
    gpu_peak_mb: number | null;
    /**
     * The renderer's RSS once the bench has started the engine after the map's stages and the
     * month's facts are in DuckDB (what a first card, sort or export costs on top); absent before it.
     */
    renderer_with_engine_mb?: number | null;
  };
  bytes: {
    total: number;
    data: number;
    wasm: number;
    js: number;
    other: number;
    requests: number;
    range_requests: number;
    /** Bytes of the responses ended by the `interactive` mark (as transferred; workers' requests too); absent before it. */
    before_interactive?: number | null;
  };
  /**
   * Rows of the as-of month's facts file, and of that month's facts table in DuckDB after the
   * load (a mismatch is also an error): `{ facts: { file, loaded } }`.
   */
  tables: Record<string, { file: number; loaded: number | null }> | null;
  /**
   * The engine started by the bench after the map's stages (4a), as a first card or export would:
   * ms from that first query to the engine ready and to the month's facts in DuckDB (null if they
   * came before it: something on the map had started it). Absent from results made before it.
   */
  engine?: { ready_ms: number | null; facts_in_ms: number | null } | null;
  /** The district page: click → every view's data (drilldown.ts); absent from results made before it. */
  drilldown?: DrillTiming | null;
  /** The timeline playback: opening, each step's data side, every month played at two steps a second (playback.ts); absent before it. */
  playback?: PlaybackTiming | null;
  foreign_requests: string[];
  errors: string[];
  timed_out: string | null;
}
