/**
 * Additive inputs (metrics/inputs.ts) as exact sums, added up from the rows of a grouped inputs
 * query and turned into metrics by the same formulas the engines use (metricValue): a table's
 * totals and subtotals are sums of its rows' inputs, never sums of rounded figures.
 */
import { metricById, metricValue, type MetricContext } from '../../metrics/definitions.ts';
import { PAGE_INPUTS, type InputId } from '../../metrics/inputs.ts';
import type { Value } from '../../metrics/formula.ts';

/** The inputs a programme table reads: the page's own (answered in the page up to 1.2M projects). */
export const TABLE_INPUTS: readonly InputId[] = ['projects', ...PAGE_INPUTS];

export type Sums = Partial<Record<InputId, bigint | null>>;

/** One row of a grouped inputs query: the group's columns and its inputs (DOUBLE, integral, or NULL). */
export type InputRow = Record<string, unknown>;

const exact = (v: unknown): bigint | null => (v === null || v === undefined ? null : BigInt(Math.round(Number(v))));

/** SQL's sum(): NULLs add nothing, and a sum of nothing but NULLs is NULL. */
function add(a: bigint | null | undefined, b: bigint | null | undefined): bigint | null {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return a + b;
}

/** The inputs of the rows `keep` selects (those of a programme table unless `inputs` says), added up; the row count is never NULL. */
export function sumRows(
  rows: readonly InputRow[],
  keep: (row: InputRow) => boolean = () => true,
  inputs: readonly InputId[] = TABLE_INPUTS
): Sums {
  const out: Sums = { projects: 0n };
  for (const row of rows) {
    if (!keep(row)) continue;
    for (const id of inputs) out[id] = add(out[id], exact(row[id]));
  }
  return out;
}

/** a − b input by input (a programme less the projects that left it). */
export function subtract(a: Sums, b: Sums): Sums {
  const out: Sums = {};
  for (const id of TABLE_INPUTS) {
    const x = a[id] ?? null;
    const y = b[id] ?? null;
    out[id] = x === null ? (y === null ? null : -y) : y === null ? x : x - y;
  }
  return out;
}

export function addSums(...all: Sums[]): Sums {
  const out: Sums = { projects: 0n };
  for (const s of all) for (const id of TABLE_INPUTS) out[id] = add(out[id], s[id]);
  return out;
}

/** A metric of the summed inputs, exactly as DuckDB or the page computes it. */
export function metricOf(sums: Sums, id: string, ctx: MetricContext, internal: boolean): Value {
  const m = metricById(id);
  if (!m) throw new RangeError(`unknown metric: ${id}`);
  return metricValue(m, (input) => sums[input] ?? null, ctx, internal);
}

/** Cents of 万元 as 亿元 with two decimals, rounded half away from zero from the exact sum. */
export function centsToYi(cents: bigint | null | undefined): string | null {
  if (cents === null || cents === undefined) return null;
  // 0.01亿元 = 100万元 = 10,000 cents.
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const units = abs / 10000n + (abs % 10000n >= 5000n ? 1n : 0n);
  const text = `${units / 100n}.${String(units % 100n).padStart(2, '0')}`;
  return negative && units > 0n ? `-${text}` : text;
}

/** Cents of 万元 as a number of 万元 (for display only). */
export const centsToWan = (cents: bigint | null | undefined): number | null =>
  cents === null || cents === undefined ? null : Number(cents) / 100;
