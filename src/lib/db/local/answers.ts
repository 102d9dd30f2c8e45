/**
 * A view's result computed in the page from the month's filter index (filter-index.ts) and a
 * selection mask, shaped like the Arrow table its SQL query returns (`numRows`, `getChild`,
 * `toArray`). Three kinds of view are answered this way:
 *   rows       one row per project, a fixed order (map points, lines): the view's own query is
 *              run once per month without filters, and a change keeps the rows it selects;
 *   counts     projects per value of a facts column (the facet charts);
 *   programme  programme-level KPIs from sums of integer cents, as metrics/investment.ts defines them.
 * test/unit/db/local-answers.test.ts checks each against DuckDB's answer to the same filters.
 */
import type { FilterIndex, MoneyInput } from './filter-index.ts';

export type LocalSpec =
  | { kind: 'rows' }
  | { kind: 'counts'; column: keyof FilterIndex['lists'] }
  | { kind: 'programme'; metrics: readonly string[] };

type Values = ArrayLike<unknown>;
interface SourceColumn {
  toArray(): Values;
}
export interface SourceTable {
  numRows: number;
  schema: { fields: { name: string }[] };
  getChild(name: string): SourceColumn | null | undefined;
}

/** Columns by name, in order; typed arrays stay typed. */
export class LocalTable {
  readonly numRows: number;
  readonly #columns: Map<string, Values>;

  constructor(columns: [string, Values][], numRows: number) {
    this.#columns = new Map(columns);
    this.numRows = numRows;
  }

  get schema() {
    return { fields: [...this.#columns.keys()].map((name) => ({ name })) };
  }

  getChild(name: string) {
    const values = this.#columns.get(name);
    if (!values) return null;
    return { length: values.length, toArray: () => values, at: (i: number) => values[i] ?? null };
  }

  toArray(): Record<string, unknown>[] {
    const names = [...this.#columns.keys()];
    const cols = [...this.#columns.values()];
    return Array.from({ length: this.numRows }, (_, i) => Object.fromEntries(names.map((n, c) => [n, cols[c][i] ?? null])));
  }
}

function take(values: Values, rows: Int32Array): Values {
  if (ArrayBuffer.isView(values)) {
    const Kind = (values as unknown as { constructor: new (n: number) => Record<number, unknown> & Values }).constructor;
    const out = new Kind(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
    return out;
  }
  return Array.from(rows, (r) => values[r]);
}

/** A row view's base result (unfiltered, in its order) with its rows mapped to the filter index. */
export interface RowsBase {
  table: SourceTable;
  /** Filter index row of each base row (-1 when the id is not in the index). */
  indexRow: Int32Array;
}

export function rowsBase(table: SourceTable, index: FilterIndex): RowsBase {
  const ids = table.getChild('id')!.toArray();
  const indexRow = new Int32Array(table.numRows);
  for (let i = 0; i < indexRow.length; i++) indexRow[i] = index.rowOf.get(String(ids[i])) ?? -1;
  return { table, indexRow };
}

/** The base rows the mask selects, in the base order. */
export function selectRows(base: RowsBase, mask: Uint8Array): LocalTable {
  let n = 0;
  const rows = new Int32Array(base.indexRow.length);
  for (let i = 0; i < rows.length; i++) if (base.indexRow[i] >= 0 && mask[base.indexRow[i]]) rows[n++] = i;
  const kept = rows.subarray(0, n);
  const names = base.table.schema.fields.map((f) => f.name);
  return new LocalTable(names.map((name) => [name, take(base.table.getChild(name)!.toArray(), kept)]), n);
}

/** Code-point order, as DuckDB orders VARCHAR; NULL last. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d) return d;
  }
  return x.length - y.length;
}

/** `value, projects` per value of the column among the selected projects, ordered by value. */
export function countBy(index: FilterIndex, mask: Uint8Array, column: keyof FilterIndex['lists']): LocalTable {
  const counts = new Map<string | null, number>();
  const values = index.lists[column];
  for (let i = 0; i < mask.length; i++) if (mask[i]) counts.set(values[i], (counts.get(values[i]) ?? 0) + 1);
  const keys = [...counts.keys()].sort(compareText);
  return new LocalTable([['value', keys], ['projects', new Int32Array(keys.map((k) => counts.get(k)!))]], keys.length);
}

/** SQL sum(): NULL over no non-NULL values. */
function sum(values: Float64Array, mask: Uint8Array, where?: (i: number) => boolean): number | null {
  let total = 0;
  let seen = false;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || Number.isNaN(values[i]) || (where && !where(i))) continue;
    total += values[i];
    seen = true;
  }
  return seen ? total : null;
}

/** num / den as the SQL `ratio()`: NULL when either is NULL or den is 0. */
const ratio = (num: bigint | null, den: bigint | null) => (num === null || den === null || den === 0n ? null : Number(num) / Number(den));
const big = (v: number | null) => (v === null ? null : BigInt(v));
const yuan = (c: number | null) => (c === null ? null : c / 100);

/**
 * The programme KPIs among the selected projects, or null when one of them is not computed here
 * or a sum could lose exactness in doubles (then the view asks DuckDB).
 */
export function programmeMetrics(
  index: FilterIndex,
  mask: Uint8Array,
  metrics: readonly string[],
  monthIndex: number,
  internal: boolean
): LocalTable | null {
  if (!metrics.every((m) => m in LOCAL_METRICS)) return null;
  const phase = index.lists.phase;
  const s = (c: MoneyInput, where?: (i: number) => boolean) => sum(index.money[c], mask, where);
  const isNew = (i: number) => phase[i] === 'new';
  const n = mask.reduce((a, b) => a + b, 0);
  // sum(flag(cond)) in SQL: the number of selected projects meeting cond, NULL when none is selected.
  const flagged = (cond: (i: number) => boolean) => {
    let count = 0;
    for (let j = 0; j < mask.length; j++) if (mask[j] && cond(j)) count++;
    return n ? count : null;
  };
  const sums = {
    n,
    total: s('total_investment'),
    annual: s('annual_plan', (i) => phase[i] !== null && phase[i] !== 'preparatory'),
    C: s('basis_completed'),
    P: s('basis_plan'),
    S: s('basis_scheduled'),
    U: s('basis_unscheduled'),
    newProjects: flagged(isNew),
    newStarted: flagged((j) => isNew(j) && index.started[j] === 1)
  };
  // Cents of 50k projects stay far below 2^53; anything larger goes to DuckDB's exact sums.
  if (Object.values(sums).some((v) => v !== null && Math.abs(v) > Number.MAX_SAFE_INTEGER / 1200)) return null;
  const i = BigInt(monthIndex);
  const [C, P, S, U] = [big(sums.C), big(sums.P), big(sums.S), big(sums.U)];
  const all = C !== null && P !== null && S !== null && U !== null;
  const values: Record<string, number | null> = {
    projects: sums.n,
    total_investment: yuan(sums.total),
    annual_plan: yuan(sums.annual),
    completed_ytd: yuan(sums.C),
    completion_rate: ratio(C, P),
    elapsed_share: all ? ratio(12n * S! + i * U!, 12n * P!) : null,
    gap_points: all ? ratio(100n * (12n * C! - 12n * S! - i * U!), 12n * P!) : null,
    new_projects: sums.newProjects,
    new_started: sums.newStarted,
    start_rate: ratio(big(sums.newStarted), big(sums.newProjects))
  };
  return new LocalTable(
    metrics.map((m) => [m, [internal || !LOCAL_METRICS[m] ? values[m] : null]]),
    1
  );
}

/** The programme metrics computed here, and whether each needs internal data. */
const LOCAL_METRICS: Record<string, boolean> = {
  projects: false, total_investment: false, annual_plan: false, completed_ytd: true, completion_rate: true,
  elapsed_share: true, gap_points: true, new_projects: true, new_started: true, start_rate: true
};
