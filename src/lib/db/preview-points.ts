/**
 * The first paint: project points drawn before duckdb-wasm has started (npm run bench: it is
 * ready 1.5–2.5 s after navigation), from points.arrow (db/first-paint.ts).
 *
 * `previewColumns` defines them from a decoded projects table, reading the raw buffers (no per-row
 * object or string): the reference points.arrow is tested against. `previewPoints` turns them into
 * the map's points for a month in the page. Once the query core answers, its points replace these.
 * Only the phase colours and the total / annual sizes can be drawn this way: RAG and completed
 * investment need the monthly reports, and filters need the query core.
 */
import type { Table, Vector } from 'apache-arrow';
import { PHASES } from '../schema.ts';
import type { ProjectPoints } from '../map/project-points.ts';

/** Days since 1970-01-01 meaning "never exited". */
export const NEVER = 2 ** 31 - 1;

export interface PreviewColumns {
  length: number;
  /** lon/lat interleaved, in file order. */
  lonlat: Float32Array;
  /** Index into PHASES; 255 for an unknown value. */
  phase: Uint8Array;
  sqrtTotal: Float32Array;
  sqrtAnnual: Float32Array;
  /** Day the project left the plan (days since 1970-01-01), NEVER if it did not. */
  exited: Int32Array;
  /** Each point's row in projects.parquet (the facts' row_key), when points.arrow has it: the playback's filters and picking. */
  rowKey?: Int32Array;
}

interface Chunk {
  length: number;
  offset: number;
  values: ArrayLike<number> & { subarray?: unknown };
  valueOffsets?: Int32Array;
  nullBitmap?: Uint8Array | null;
  nullCount: number;
}

const chunksOf = (v: Vector) => v.data as unknown as Chunk[];
const isNull = (c: Chunk, i: number) =>
  c.nullCount > 0 && !!c.nullBitmap && ((c.nullBitmap[(c.offset + i) >> 3] >> ((c.offset + i) & 7)) & 1) === 0;

/** A DOUBLE column as numbers (nulls NaN). */
function doubles(v: Vector, n: number): Float64Array {
  const out = new Float64Array(n);
  let k = 0;
  for (const c of chunksOf(v)) {
    const values = c.values as Float64Array;
    for (let i = 0; i < c.length; i++, k++) out[k] = isNull(c, i) ? NaN : values[i];
  }
  return out;
}

/**
 * A DECIMAL(p, s) column (128-bit little-endian words) as numbers. Amounts of 万元 here fit in
 * 53 bits, so the two low words carry them (two's complement when negative).
 */
export function decimals(v: Vector, n: number): Float64Array {
  const scale = 10 ** ((v.type as { scale?: number }).scale ?? 0);
  const out = new Float64Array(n);
  let k = 0;
  for (const c of chunksOf(v)) {
    const w = c.values as Uint32Array;
    for (let i = 0; i < c.length; i++, k++) {
      if (isNull(c, i)) {
        out[k] = NaN;
        continue;
      }
      const j = 4 * i;
      const negative = (w[j + 3] & 0x80000000) !== 0;
      const low = negative ? -((~w[j] >>> 0) + (~w[j + 1] >>> 0) * 2 ** 32 + 1) : w[j] + w[j + 1] * 2 ** 32;
      out[k] = low / scale;
    }
  }
  return out;
}

/** A VARCHAR column as codes: index in `values`, 255 for anything else (null included). */
export function codes(v: Vector, values: readonly string[], n: number): Uint8Array {
  const out = new Uint8Array(n).fill(255);
  const encoded = values.map((s) => new TextEncoder().encode(s));
  let k = 0;
  for (const c of chunksOf(v)) {
    const offsets = c.valueOffsets;
    const bytes = c.values as Uint8Array;
    if (!(offsets instanceof Int32Array)) {
      // Not plain Utf8 (a dictionary, a view type): the slow, general way.
      for (let i = 0; i < c.length; i++, k++) {
        const s = v.get(k) as string | null;
        const code = s === null ? -1 : values.indexOf(s);
        if (code >= 0) out[k] = code;
      }
      continue;
    }
    for (let i = 0; i < c.length; i++, k++) {
      if (isNull(c, i)) continue;
      const start = offsets[i];
      const len = offsets[i + 1] - start;
      for (let code = 0; code < encoded.length; code++) {
        const e = encoded[code];
        if (e.length !== len) continue;
        let same = true;
        for (let b = 0; b < len && same; b++) same = bytes[start + b] === e[b];
        if (same) {
          out[k] = code;
          break;
        }
      }
    }
  }
  return out;
}

/** A DATE column as days since 1970-01-01; nulls (and a missing column) NEVER. */
function days(v: Vector | null, n: number): Int32Array {
  const out = new Int32Array(n).fill(NEVER);
  if (!v) return out;
  const unitDay = (v.type as { unit?: number }).unit === 0;
  let k = 0;
  for (const c of chunksOf(v)) {
    for (let i = 0; i < c.length; i++, k++) {
      if (isNull(c, i)) continue;
      if (unitDay) out[k] = (c.values as Int32Array)[i];
      else out[k] = Math.floor(Number(v.get(k)) / 86_400_000);
    }
  }
  return out;
}

/**
 * The preview's columns from the projects table, largest project first
 * as the points query orders them, so that the page only has to drop the projects not in the plan
 * (sorting a million rows there took most of a second, npm run bench).
 */
export function previewColumns(table: Table): PreviewColumns {
  const n = table.numRows;
  const col = (name: string) => {
    const c = table.getChild(name);
    if (!c) throw new Error(`projects: no column ${name}`);
    return c;
  };
  const lon = doubles(col('lon'), n);
  const lat = doubles(col('lat'), n);
  const total = decimals(col('total_investment'), n);
  const annual = decimals(col('annual_plan'), n);
  const phase = codes(col('phase'), PHASES, n);
  const exited = days(table.getChild('exited_on'), n);
  const sqrtTotal = new Float32Array(n);
  for (let i = 0; i < n; i++) sqrtTotal[i] = Math.sqrt(Math.max(total[i] || 0, 0));
  const order = orderDescending(sqrtTotal);
  const out: PreviewColumns = {
    length: n,
    lonlat: new Float32Array(2 * n),
    phase: new Uint8Array(n),
    sqrtTotal: new Float32Array(n),
    sqrtAnnual: new Float32Array(n),
    exited: new Int32Array(n)
  };
  for (let k = 0; k < n; k++) {
    const i = order[k];
    out.lonlat[2 * k] = lon[i];
    out.lonlat[2 * k + 1] = lat[i];
    out.phase[k] = phase[i];
    out.sqrtTotal[k] = sqrtTotal[i];
    out.sqrtAnnual[k] = Math.sqrt(Math.max(annual[i] || 0, 0));
    out.exited[k] = exited[i];
  }
  return out;
}

/**
 * Row order by value, largest first, ties by row. For non-negative float32 values the bit
 * patterns order like the values, so a stable least-significant-digit radix sort on them (two
 * passes of 16 bits) does it in linear time. At 1M values: a comparator sort ~1 s; a native sort
 * of packed float64 keys 120 ms in Node, ~0.8 s in the decoding worker during a load (timed in
 * npm run bench's page); this 85 ms in Node.
 */
export function orderDescending(values: Float32Array): Uint32Array {
  const n = values.length;
  if (values.some((v) => !(v >= 0))) {
    const order = Uint32Array.from({ length: n }, (_, i) => i);
    return order.sort((a, b) => values[b] - values[a] || a - b);
  }
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  // Descending: sort ascending on the complement.
  const key = (i: number) => 0xffffffff - bits[i];
  let order = Uint32Array.from({ length: n }, (_, i) => i);
  let next = new Uint32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65_537);
    for (let k = 0; k < n; k++) counts[((key(order[k]) >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
    for (let k = 0; k < n; k++) next[counts[(key(order[k]) >>> shift) & 0xffff]++] = order[k];
    [order, next] = [next, order];
  }
  return order;
}

/** Days since 1970-01-01 of a month's last day ('YYYY-MM'). */
export function monthEndDay(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m, 0) / 86_400_000;
}

/**
 * DuckDB's quantile_cont: linear interpolation at position (n − 1)·q of the sorted values.
 * Reorders `values` in place unless they are `sorted` (ascending) already: a selection, not a
 * whole sort (1M values in Node: ~10 ms against ~100 ms; the first paint does this on the
 * page's main thread while the map starts).
 */
export function quantileCont(values: Float32Array | Float64Array, q: number, sorted = false): number | null {
  if (values.length === 0) return null;
  const pos = (values.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  if (sorted) return values[lo] + (values[hi] - values[lo]) * (pos - lo);
  const low = select(values, lo);
  // Everything after lo is ≥ values[lo] now: the next order statistic is their minimum.
  let high = low;
  if (hi > lo) {
    high = Infinity;
    for (let i = lo + 1; i < values.length; i++) if (values[i] < high) high = values[i];
  }
  return low + (high - low) * (pos - lo);
}

/** The k-th smallest value (Hoare's selection), leaving smaller ones before k and larger after. */
function select(a: Float32Array | Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

export interface PreviewPoints {
  points: ProjectPoints;
  /** As the size reference query: 98th percentile of sqrt(money) of the projects in the plan. */
  reference: { total: number | null; annual: number | null; completed: null };
}

/**
 * The points of the projects in the plan at the end of `month`, largest first (small dots draw on
 * top), as the points query orders them. Ids are not known here: picking waits for the query core.
 */
export function previewPoints(p: PreviewColumns, month: string): PreviewPoints {
  const end = monthEndDay(month);
  const rows: number[] = [];
  for (let i = 0; i < p.length; i++) if (p.exited[i] > end) rows.push(i);
  let order = Uint32Array.from(rows);
  let sorted = true;
  for (let k = 1; k < order.length && sorted; k++) sorted = p.sqrtTotal[order[k - 1]] >= p.sqrtTotal[order[k]];
  // previewColumns orders them already; columns from elsewhere get the same order here.
  if (!sorted) order = orderDescending(Float32Array.from(order, (i) => p.sqrtTotal[i])).map((k) => order[k]);
  const n = order.length;
  const lonlat = new Float32Array(2 * n);
  const phase = new Uint8Array(n);
  const sqrtTotal = new Float32Array(n);
  const sqrtAnnual = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    lonlat[2 * k] = p.lonlat[2 * i];
    lonlat[2 * k + 1] = p.lonlat[2 * i + 1];
    phase[k] = p.phase[i];
    sqrtTotal[k] = p.sqrtTotal[i];
    sqrtAnnual[k] = p.sqrtAnnual[i];
  }
  return {
    points: {
      length: n,
      lonlat,
      phase,
      rag: new Uint8Array(n),
      sqrtTotal,
      sqrtAnnual,
      sqrtCompleted: new Float32Array(n),
      selected: null,
      shown: n,
      idAt: () => '',
      nameAt: () => ''
    },
    reference: {
      total: quantileCont(Float64Array.from(sqrtTotal).reverse(), 0.98, true),
      annual: quantileCont(Float64Array.from(sqrtAnnual), 0.98),
      completed: null
    }
  };
}
