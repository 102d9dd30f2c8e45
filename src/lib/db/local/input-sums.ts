/**
 * The metric inputs (metrics/inputs.ts) summed over the selected projects in the page, for the
 * formulas of metrics/definitions.ts to turn into metrics.
 *
 * A broad selection (clearing a filter, a wide box) is summed as the month's totals minus the
 * projects left out, so no change visits more than half of the projects; words of four projects
 * all on the side not visited are skipped. Values are integer cents or counts in doubles: a sum is
 * exact while the magnitudes it adds stay within 2^53, and a difference of two exact sums is exact.
 */
import { PAGE_INPUTS, type PageInputId } from '../../metrics/inputs.ts';
import type { FilterIndex } from './filter-index.ts';
import { countSelected, maskWords, newMask, wordOf } from './masks.ts';

export interface InputSums {
  /** Projects selected (the `projects` input). */
  n: number;
  /** SQL sum() of each page input over the selected projects (null over no non-NULL value). */
  sum: Record<PageInputId, number | null>;
  /** Every sum is exact. */
  exact: boolean;
}

/** Per input over the rows a pass visited: sum, non-NULL count and magnitude. */
interface Accumulated {
  sums: Float64Array;
  counts: Float64Array;
  magnitudes: Float64Array;
}

const K = PAGE_INPUTS.length;

const accumulator = (): Accumulated => ({ sums: new Float64Array(K), counts: new Float64Array(K), magnitudes: new Float64Array(K) });

function addRow(columns: Float64Array[], i: number, into: Accumulated, at = 0): void {
  for (let c = 0; c < K; c++) {
    const v = columns[c][i];
    if (v !== v) continue;
    into.sums[at + c] += v;
    into.counts[at + c]++;
    into.magnitudes[at + c] += v < 0 ? -v : v;
  }
}

/** Sums over the rows whose mask byte is `side`. */
function sumSide(index: FilterIndex, mask: Uint8Array, side: 0 | 1): Accumulated {
  const columns = PAGE_INPUTS.map((id) => index.inputs[id]);
  const acc = accumulator();
  const words = maskWords(mask);
  const skip = wordOf(side === 1 ? 0 : 1);
  const whole = mask.length >> 2;
  for (let j = 0; j < whole; j++) {
    if (words[j] === skip) continue;
    const i = j << 2;
    if (mask[i] === side) addRow(columns, i, acc);
    if (mask[i + 1] === side) addRow(columns, i + 1, acc);
    if (mask[i + 2] === side) addRow(columns, i + 2, acc);
    if (mask[i + 3] === side) addRow(columns, i + 3, acc);
  }
  for (let i = whole << 2; i < mask.length; i++) if (mask[i] === side) addRow(columns, i, acc);
  return acc;
}

/** The month's totals per index (every project), for broad selections. */
const totalsOf = new WeakMap<FilterIndex, Accumulated>();

function totals(index: FilterIndex): Accumulated {
  let all = totalsOf.get(index);
  if (!all) totalsOf.set(index, (all = sumSide(index, newMask(index.length).fill(1), 1)));
  return all;
}

const withinDouble = (magnitudes: Float64Array) => magnitudes.every((m) => m <= Number.MAX_SAFE_INTEGER);

function sumsOf(acc: Accumulated, n: number, exact: boolean, minus?: Accumulated): InputSums {
  const sum = {} as Record<PageInputId, number | null>;
  PAGE_INPUTS.forEach((id, k) => {
    const count = minus ? acc.counts[k] - minus.counts[k] : acc.counts[k];
    sum[id] = count === 0 ? null : minus ? acc.sums[k] - minus.sums[k] : acc.sums[k];
  });
  return { n, sum, exact };
}

/** The page inputs summed over the projects `mask` selects. */
export function inputSums(index: FilterIndex, mask: Uint8Array): InputSums {
  const all = totals(index);
  const selected = countSelected(mask);
  // More than half selected: the totals minus the rest, when the totals themselves are exact.
  if (selected * 2 > mask.length && withinDouble(all.magnitudes)) return sumsOf(all, selected, true, sumSide(index, mask, 0));
  const part = sumSide(index, mask, 1);
  return sumsOf(part, selected, withinDouble(part.magnitudes));
}

/** One group of a grouped sum: each dimension's dictionary code (0 for NULL) and the group's sums. */
export interface GroupSums extends InputSums {
  codes: number[];
}

/**
 * The page inputs summed per combination of the list dimensions' values among the selected
 * projects, ordered as DuckDB's `GROUP BY … ORDER BY …` orders them (dictionary order, NULL last).
 */
export function groupedInputSums(index: FilterIndex, mask: Uint8Array, dims: readonly (keyof FilterIndex['lists'])[]): GroupSums[] {
  const lists = dims.map((d) => index.lists[d]);
  const columns = PAGE_INPUTS.map((id) => index.inputs[id]);
  const groups = new Map<number, { codes: number[]; n: number; acc: Accumulated }>();
  const radix = lists.map((l) => l.values.length + 1);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    let key = 0;
    for (let d = 0; d < lists.length; d++) key = key * radix[d] + lists[d].codes[i];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { codes: lists.map((l) => l.codes[i]), n: 0, acc: accumulator() }));
    g.n++;
    addRow(columns, i, g.acc);
  }
  const order = (c: number) => (c === 0 ? Infinity : c);
  return [...groups.values()]
    .sort((a, b) => {
      for (let d = 0; d < a.codes.length; d++) if (a.codes[d] !== b.codes[d]) return order(a.codes[d]) - order(b.codes[d]);
      return 0;
    })
    .map((g) => ({ codes: g.codes, ...sumsOf(g.acc, g.n, withinDouble(g.acc.magnitudes)) }));
}
