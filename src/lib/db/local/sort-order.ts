/**
 * Orders of a million rows without a comparator per pair: the map's points base is ordered by
 * total investment (descending, NULL last) then id, as its SQL is (map/points-from-facts.ts). At
 * 1M projects a comparator sort that decoded the ids where totals tied took some 3 s of the main
 * thread before the page was interactive (npm run bench). Here the ids are compared as UTF-8
 * bytes (their order is code point order, DuckDB's VARCHAR order), usually not at all (ids that
 * come in order already), and the totals by a stable radix sort of their bits.
 */
import type { NameColumn } from './filter-index.ts';

/** −1, 0 or 1: text i against text j of the column by their UTF-8 bytes (code point order). */
export function compareUtf8(text: NameColumn, i: number, j: number): number {
  const { bytes, offsets } = text;
  const a = offsets[i];
  const b = offsets[j];
  const m = offsets[i + 1] - a;
  const n = offsets[j + 1] - b;
  const common = Math.min(m, n);
  for (let k = 0; k < common; k++) {
    const d = bytes[a + k] - bytes[b + k];
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return m === n ? 0 : m < n ? -1 : 1;
}

/** Rows 0 … n − 1 of a text column in code point order (equal texts in row order). */
export function textOrder(text: NameColumn, n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = compareUtf8(text, i - 1, i) <= 0;
  return sorted ? order : order.sort((i, j) => compareUtf8(text, i, j) || i - j);
}

const NAN_KEY = 0xffffffff;

/**
 * `order` (row numbers) reordered by `values[row]` descending, NaN last, rows of equal values in
 * their order in `order`: a least-significant-digit radix sort, 16 bits a pass, of each value's
 * bits made to sort as unsigned integers (−0 as 0).
 */
export function orderByDescending(values: Float64Array, order: Int32Array): Int32Array {
  const n = values.length;
  // Negated, so that ascending keys are descending values.
  const negated = new Float64Array(n);
  for (let i = 0; i < n; i++) negated[i] = values[i] === 0 ? 0 : -values[i];
  const words = new Uint32Array(negated.buffer);
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  // Little-endian doubles, as every browser lays them out: low word first.
  for (let i = 0; i < n; i++) {
    const l = words[2 * i];
    const h = words[2 * i + 1];
    if (Number.isNaN(negated[i])) {
      lo[i] = NAN_KEY;
      hi[i] = NAN_KEY;
    } else if (h & 0x80000000) {
      lo[i] = ~l >>> 0;
      hi[i] = ~h >>> 0;
    } else {
      lo[i] = l;
      hi[i] = (h | 0x80000000) >>> 0;
    }
  }
  let from = Int32Array.from(order);
  let to = new Int32Array(from.length);
  const counts = new Int32Array(0x10000);
  for (const [word, shift] of [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16]
  ] as const) {
    counts.fill(0);
    for (let k = 0; k < from.length; k++) counts[(word[from[k]] >>> shift) & 0xffff]++;
    // A pass where every key has the same digit leaves the order as it is.
    if (counts[(word[from[0] ?? 0] >>> shift) & 0xffff] === from.length) continue;
    let at = 0;
    for (let d = 0; d < 0x10000; d++) {
      const c = counts[d];
      counts[d] = at;
      at += c;
    }
    for (let k = 0; k < from.length; k++) to[counts[(word[from[k]] >>> shift) & 0xffff]++] = from[k];
    [from, to] = [to, from];
  }
  return from;
}
