/**
 * Performance marks and the benchmark hook (npm run bench, scripts/bench/).
 *
 * `perfMark('x')` records a User Timing mark `cm:x` the first time `x` happens (always on; a
 * handful per page load), which the benchmark reads with `performance.getEntriesByType('mark')`.
 * With `?bench` in the URL, `benchExpose(key, value)` puts the query core and the data session on
 * `window.__cm`, together with the floor and the naive baseline the benchmark measures in the same
 * page:
 *   - floor: fetch the file the app loads for the month it shows (the as-of month's facts file,
 *     facts/<YYYY-MM>.parquet) and decode the same columns (FACTS_COLUMNS) with parquet-wasm,
 *     nothing else;
 *   - naive: the same filter on plain JS arrays made from those decoded columns.
 * Nothing here runs or is exposed without `?bench`.
 */

export const benchMode = typeof location !== 'undefined' && new URLSearchParams(location.search).has('bench');
/** `?bench=floor`: a page that loads no dataset, for measuring the floor and the naive baseline. */
export const benchFloorOnly = benchMode && new URLSearchParams(location.search).get('bench') === 'floor';

/**
 * Names marked so far. The browser keeps every mark until it is cleared: one made on every filter
 * change (the map's points handed over) piled up for as long as the page was open (soak run,
 * scripts/bench/README.md).
 */
const marked = new Set<string>();

export function perfMark(name: string): void {
  if (marked.has(name) || typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  marked.add(name);
  try {
    performance.mark(`cm:${name}`);
  } catch {
    // A mark is never worth an error.
  }
}

interface BenchWindow {
  __cm?: Record<string, unknown>;
}

/** Exposes a value on `window.__cm` in bench mode only. */
export function benchExpose(key: string, value: unknown): void {
  if (!benchMode) return;
  const w = window as unknown as BenchWindow;
  w.__cm ??= { floor: benchFloor, naive: naiveBaseline, parquetWasmBytes };
  w.__cm[key] = value;
}

/**
 * Size of parquet-wasm's WebAssembly memory in the page (it grows and never shrinks). Facts files
 * are decoded in workers that end afterwards (db/parquet.ts), so this is 0 unless decoding fell
 * back to the page or a project card read its rows (range requests, decoded in the page).
 */
async function parquetWasmBytes(): Promise<number> {
  const pw = await import('parquet-wasm/esm');
  try {
    return pw.wasmMemory().buffer.byteLength;
  } catch {
    return 0;
  }
}

/** A filter as the naive baseline understands it: list dimensions over project columns. */
export interface NaiveFilter {
  phase?: string[];
  sector?: string[];
  district?: string[];
  level?: string[];
  size?: string[];
  q?: string;
  box?: [number, number, number, number] | null;
}

interface NaiveData {
  n: number;
  cols: Record<string, unknown[]>;
  lon: Float64Array;
  lat: Float64Array;
  total: Float64Array;
  annual: Float64Array;
  completed: Float64Array;
}

let naiveData: NaiveData | null = null;

/**
 * The floor: fetch the facts file the app loads (`url`: the as-of month's facts/<YYYY-MM>.parquet)
 * and decode the columns the app loads (FACTS_COLUMNS) to Arrow IPC with parquet-wasm, as the app
 * does, and nothing else (no checks, no insert, no query). Returns the times in ms. With `keep`,
 * the decoded columns become the naive baseline's plain JS arrays (outside the timed part): every
 * column it filters and sums is a facts column, so no join is needed.
 */
async function benchFloor(url: string, keep = false): Promise<{ fetch_ms: number; decode_ms: number; total_ms: number; bytes: number }> {
  // Decoded in the page after parquet-wasm is ready: the app's worker start and wasm compile are
  // part of the app's time, not of the floor.
  const [{ initDecoder, decode }, { FACTS_COLUMNS }, arrow] = await Promise.all([
    import('./db/parquet-decode.ts'),
    import('./schema.ts'),
    import('apache-arrow')
  ]);
  await initDecoder();
  const t0 = performance.now();
  const buf = new Uint8Array(await (await fetch(url, { cache: 'no-store' })).arrayBuffer());
  const t1 = performance.now();
  const r = await decode({ bytes: buf, required: [], columns: [...FACTS_COLUMNS] });
  if (!r.ok) throw new Error(`floor: ${url}: ${r.kind}`);
  const t2 = performance.now();
  if (keep) {
    const facts = arrow.tableFromIPC(r.ipc!);
    const n = facts.numRows;
    const cols: Record<string, unknown[]> = {};
    for (const c of ['id', 'name', 'district_code', 'sector', 'phase', 'level', 'size_bucket'])
      cols[c] = Array.from(facts.getChild(c)!.toArray() as ArrayLike<unknown>);
    const num = (c: string) =>
      numbers(facts.getChild(c)!, (facts.schema.fields.find((f) => f.name === c)!.type as { scale?: number }).scale ?? 0);
    naiveData = {
      n,
      cols,
      lon: num('lon'),
      lat: num('lat'),
      total: num('total_investment'),
      annual: num('annual_plan'),
      completed: num('completed_ytd')
    };
  }
  return { fetch_ms: t1 - t0, decode_ms: t2 - t1, total_ms: t2 - t0, bytes: buf.byteLength };
}

/** A numeric Arrow column as doubles; DECIMAL (128-bit words, little-endian) scaled down. */
function numbers(col: { length: number; get(i: number): unknown }, scale: number): Float64Array {
  const out = new Float64Array(col.length);
  const div = 10 ** scale;
  for (let i = 0; i < col.length; i++) {
    const v = col.get(i);
    if (v == null) out[i] = NaN;
    else if (typeof v === 'number' || typeof v === 'bigint') out[i] = Number(v) / (scale ? div : 1);
    else {
      const w = v as Uint32Array;
      const neg = (w[3] & 0x80000000) !== 0;
      // Amounts here fit in 53 bits: the two low words carry them (two's complement if negative).
      const lo = neg ? -((~w[0] >>> 0) + (~w[1] >>> 0) * 2 ** 32 + 1) : w[0] + w[1] * 2 ** 32;
      out[i] = lo / div;
    }
  }
  return out;
}

/**
 * The naive baseline: the same filter on plain JS arrays, producing what the views get —
 * selected point positions, KPI sums, and counts/sums per sector, phase and district.
 */
function naiveBaseline(filter: NaiveFilter): { ms: number; selected: number } {
  const d = naiveData;
  if (!d) throw new Error('naive baseline: call floor(…, true) first');
  const t0 = performance.now();
  const sets = (['phase', 'sector', 'district', 'level', 'size'] as const).map((k) => {
    const col = { phase: 'phase', sector: 'sector', district: 'district_code', level: 'level', size: 'size_bucket' }[k];
    const v = filter[k];
    return v && v.length ? { col: d.cols[col], set: new Set(v) } : null;
  });
  const active = sets.filter((s): s is { col: unknown[]; set: Set<string> } => s !== null);
  const q = filter.q?.trim().toLowerCase() ?? '';
  const names = d.cols.name as string[];
  const box = filter.box ?? null;
  const positions: number[] = [];
  let total = 0;
  let annual = 0;
  let completed = 0;
  const bySector = new Map<unknown, [number, number]>();
  const byPhase = new Map<unknown, [number, number]>();
  const byDistrict = new Map<unknown, [number, number]>();
  const add = (m: Map<unknown, [number, number]>, k: unknown, v: number) => {
    const e = m.get(k);
    if (e) {
      e[0] += 1;
      e[1] += v;
    } else m.set(k, [1, v]);
  };
  for (let i = 0; i < d.n; i++) {
    let ok = true;
    for (const s of active)
      if (!s.set.has(s.col[i] as string)) {
        ok = false;
        break;
      }
    if (!ok) continue;
    if (q && !names[i].toLowerCase().includes(q)) continue;
    if (box && !(d.lon[i] >= box[0] && d.lon[i] <= box[2] && d.lat[i] >= box[1] && d.lat[i] <= box[3])) continue;
    positions.push(d.lon[i], d.lat[i]);
    total += d.total[i];
    annual += d.annual[i];
    completed += d.completed[i];
    add(bySector, d.cols.sector[i], d.total[i]);
    add(byPhase, d.cols.phase[i], d.total[i]);
    add(byDistrict, d.cols.district_code[i], d.total[i]);
  }
  const lonlat = Float32Array.from(positions);
  const ms = performance.now() - t0;
  void total;
  void annual;
  void completed;
  return { ms, selected: lonlat.length / 2 };
}
