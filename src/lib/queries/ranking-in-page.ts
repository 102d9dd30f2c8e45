/**
 * A ranking's base (rankingQuery with `ctx.base`: every in-plan implementation project it ranks, in
 * its order, no share) computed in the page from the month's filter index and its page rows
 * (db/local/page-rows.ts), so that a district's page ranks its projects without the engine (issue
 * 17). The projects' metrics are the programme's formulas (metrics/definitions.ts) over the row's
 * page inputs in cents, as projectMetric evaluates them in SQL over the facts row; the filter and
 * ORDER BY are rankingQuery's, ties by id in DuckDB's VARCHAR order (UTF-8 bytes).
 * test/unit/db/ranking-in-page.test.ts holds it to rankingQuery on every month of the parity fixture.
 */
import { metricById, metricValue, type MetricContext } from '../metrics/definitions.ts';
import { PAGE_INPUTS, type InputId, type PageInputId } from '../metrics/inputs.ts';
import { LocalTable } from '../db/local/answers.ts';
import type { ListColumn } from '../db/local/filter-index.ts';
import { textAt, type PageRows, type PageRowsContext } from '../db/local/page-rows.ts';
import { compareUtf8 } from '../db/local/sort-order.ts';
import type { Ranking } from './drilldown.ts';

/** The per-project metrics a ranking shows; each reads only page inputs (checked below, once). */
const SHOWN = ['completion_rate', 'elapsed_share', 'gap_points', 'gap_wan'] as const;
for (const id of SHOWN)
  if (!metricById(id)!.inputs.every((i) => (PAGE_INPUTS as readonly string[]).includes(i)))
    throw new Error(`ranking in the page: ${id} reads an input the page does not keep`);

/** The value of a project metric on index row k, from the row's inputs as BigInt (the formulas' exact algebra). */
function metricOf(page: PageRows, id: (typeof SHOWN)[number], ctx: MetricContext): (k: number) => number | null {
  const m = metricById(id)!;
  const inputs = page.index.inputs;
  return (k) => {
    const read = (input: InputId): bigint | null => {
      const v = inputs[input as PageInputId][k];
      return Number.isNaN(v) ? null : BigInt(v);
    };
    const v = metricValue(m, read, ctx);
    return v === null ? null : Number(v);
  };
}

const listAt = (list: ListColumn) => (k: number) => {
  const code = list.codes[k];
  return code === 0 ? null : list.values[code - 1];
};

/** Cents as CAST(money AS DOUBLE) of a DECIMAL(18,2) (the unscaled integer over 10^2); NULL for NaN. */
const moneyOf = (cents: Float64Array) => (k: number) => (Number.isNaN(cents[k]) ? null : cents[k] / 100);

/** The base of a ranking in the page (a LocalSpec `fromPage`). */
export function rankingBaseInPage(ranking: Ranking): (page: PageRows, ctx: PageRowsContext) => LocalTable {
  return (page, { month, rules }) => {
    const ctx: MetricContext = { monthIndex: month.index, rules };
    const { index } = page;
    const phase = listAt(index.lists.phase);
    const completed = moneyOf(index.inputs.completed);
    // The ranking's key: only it is computed for every project; the other metrics for the rows shown.
    const key = ranking === 'contributors' ? completed : metricOf(page, ranking === 'behind_points' ? 'gap_points' : 'gap_wan', ctx);
    const ranked: number[] = [];
    const keys = new Float64Array(index.length);
    for (let k = 0; k < index.length; k++) {
      const p = phase(k);
      if (p === null || p === 'preparatory') continue;
      const v = key(k);
      if (v === null || !(ranking === 'contributors' ? v > 0 : v < 0)) continue;
      keys[k] = v;
      ranked.push(k);
    }
    const sign = ranking === 'contributors' ? -1 : 1;
    const order = Int32Array.from(ranked).sort((a, b) => sign * (keys[a] - keys[b]) || compareUtf8(page.ids, a, b));
    const n = order.length;
    const lazy = (f: (k: number) => unknown) => ({ length: n, at: (i: number) => (i >= 0 && i < n ? f(order[i]) : undefined) });
    const row_key = new Int32Array(n);
    for (let i = 0; i < n; i++) row_key[i] = page.keys[order[i]];
    return new LocalTable(
      [
        ['row_key', row_key],
        ['id', lazy((k) => textAt(page.ids, k))],
        ['name', lazy((k) => textAt(page.names, k))],
        ['district_code', lazy(listAt(index.lists.district))],
        ['sector', lazy(listAt(index.lists.sector))],
        ['phase', lazy(phase)],
        ['rag', lazy(listAt(index.lists.rag))],
        ['completion_rate', lazy(metricOf(page, 'completion_rate', ctx))],
        ['elapsed_share', lazy(metricOf(page, 'elapsed_share', ctx))],
        ['gap_points', lazy(metricOf(page, 'gap_points', ctx))],
        ['annual_plan', lazy(moneyOf(index.inputs.annual))],
        ['completed_ytd', lazy(completed)],
        ['gap_wan', lazy(metricOf(page, 'gap_wan', ctx))],
        ['share', lazy(() => null)]
      ],
      n
    );
  };
}
