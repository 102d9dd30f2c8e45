/**
 * The playback summary in the page (format.ts): per month × district × sector, the additive metric
 * inputs. A month's figures for any set of districts and sectors are the sums of its rows turned
 * into metrics by `metricValue`, the same formula DuckDB's metricsQuery runs: no metric is
 * computed a second way (test/unit/playback-summary.test.ts holds the two together).
 */
import { metricById, metricValue } from '../metrics/definitions.ts';
import type { Value } from '../metrics/formula.ts';
import { INPUT_IDS, INPUTS, type InputId } from '../metrics/inputs.ts';
import { toMonth } from '../metrics/month.ts';
import type { MetricRules } from '../metrics/preset.ts';

export interface PlaybackSummary {
  /** Month (index in `months`) of each row; rows are ordered by month. */
  month: Int16Array;
  districtCode: string[];
  sector: string[];
  /** Each input by row: cents or counts as exact integers in doubles, NaN for SQL NULL. */
  inputs: Record<InputId, Float64Array>;
  /** The months ('YYYY-MM'), meta.json `facts_months`. */
  months: readonly string[];
  /** Rows of month m: [start[m], start[m + 1]). */
  start: Int32Array;
}

export interface SummaryScope {
  districts?: readonly string[];
  sectors?: readonly string[];
}

/** Where each month's rows start (rows ordered by month); throws when they are not. */
export function monthStarts(month: Int16Array, months: number): Int32Array {
  const start = new Int32Array(months + 1).fill(-1);
  start[months] = month.length;
  for (let i = month.length - 1; i >= 0; i--) {
    if (i + 1 < month.length && month[i] > month[i + 1]) throw new RangeError(`summary row ${i + 1}: months out of order`);
    if (month[i] < 0 || month[i] >= months) throw new RangeError(`summary row ${i}: month ${month[i]} outside 0…${months - 1}`);
    start[month[i]] = i;
  }
  for (let m = months - 1; m >= 0; m--) if (start[m] < 0) start[m] = start[m + 1];
  return start;
}

/** The inputs of month `m` summed over the scope's rows, as SQL sums them (NULL rows add nothing; none at all is NULL, a count 0). */
export function summaryInputs(
  s: PlaybackSummary,
  m: number,
  scope: SummaryScope = {},
  ids: readonly InputId[] = INPUT_IDS
): Record<InputId, bigint | null> {
  const districts = scope.districts?.length ? new Set(scope.districts) : null;
  const sectors = scope.sectors?.length ? new Set(scope.sectors) : null;
  // Summed as doubles, exact while a sum of cents stays below 2^53 (as inputsQuery's DOUBLE
  // inputs are): a BigInt a row and input made a step at 100k projects 20 ms slower.
  const totals = new Float64Array(ids.length);
  const seen = new Uint8Array(ids.length);
  const columns = ids.map((id) => s.inputs[id]);
  for (let r = s.start[m]; r < s.start[m + 1]; r++) {
    if (districts && !districts.has(s.districtCode[r])) continue;
    if (sectors && !sectors.has(s.sector[r])) continue;
    for (let k = 0; k < columns.length; k++) {
      const v = columns[k][r];
      if (!Number.isNaN(v)) {
        totals[k] += v;
        seen[k] = 1;
      }
    }
  }
  const sums = {} as Record<InputId, bigint | null>;
  ids.forEach((id, k) => (sums[id] = seen[k] ? BigInt(totals[k]) : INPUTS[id].row === null ? 0n : null));
  return sums;
}

/** Metrics (by id) of month `m` for the scope, from the summary. Unknown ids throw. */
export function summaryMetrics(
  s: PlaybackSummary,
  m: number,
  metrics: readonly string[],
  rules: MetricRules,
  scope: SummaryScope = {}
): Record<string, Value> {
  const defs = metrics.map((id) => {
    const def = metricById(id);
    if (!def) throw new RangeError(`unknown metric: ${id}`);
    return def;
  });
  // Only the inputs these metrics read are summed (a national summary has ~10⁴ rows a month).
  const sums = summaryInputs(s, m, scope, [...new Set(defs.flatMap((d) => d.inputs))]);
  const ctx = { monthIndex: toMonth(s.months[m]).index, rules };
  const out: Record<string, Value> = {};
  for (const def of defs) out[def.id] = metricValue(def, (input) => sums[input] ?? null, ctx);
  return out;
}

/** The summary from its columns as decoded (numbers, NULL as null or NaN); the columns are checked. */
export function summaryFromColumns(
  columns: Record<string, ArrayLike<unknown> | undefined>,
  months: readonly string[],
  file = 'playback-summary.parquet'
): PlaybackSummary {
  const col = (name: string) => {
    const c = columns[name];
    if (!c) throw new RangeError(`${file}: no column ${name}`);
    return c;
  };
  const n = col('month').length;
  const month = Int16Array.from(col('month') as ArrayLike<number>);
  const strings = (name: string) => Array.from(col(name), (v) => String(v));
  const inputs = {} as Record<InputId, Float64Array>;
  for (const id of INPUT_IDS) {
    const values = col(id);
    if (values.length !== n) throw new RangeError(`${file}: column ${id} has ${values.length} rows, month ${n}`);
    inputs[id] = Float64Array.from(values as ArrayLike<unknown>, (v) => (v === null || v === undefined ? NaN : Number(v)));
  }
  return {
    month,
    districtCode: strings('district_code'),
    sector: strings('sector'),
    inputs,
    months,
    start: monthStarts(month, months.length)
  };
}
