/**
 * A view's result computed in the page from the month's filter index (filter-index.ts) and a
 * selection mask, shaped like the Arrow table its SQL query returns (`numRows`, `getChild`,
 * `toArray`). Three kinds of view are answered this way:
 *   rows       one row per project, a fixed order (map points, lines): the view's own query,
 *              which must select the facts' row_key, is run once per month without filters,
 *              and a change keeps the rows it selects;
 *   counts     projects per value of a facts column (the facet charts);
 *   programme  programme-level KPIs from sums of integer cents, as metrics/investment.ts defines them.
 * test/unit/db/local-answers.test.ts checks each against DuckDB's answer to the same filters.
 */
import type { FilterIndex } from './filter-index.ts';
import { maskWords } from './masks.ts';
import { programmeSums } from './programme-sums.ts';
import { copyUtf8, utf8Size, type Utf8Batch } from './utf8-batches.ts';

export type LocalSpec =
  /** `selection`: the whole base with a byte per row (SelectedRows), not a copy of the selected rows. */
  | { kind: 'rows'; selection?: boolean }
  | { kind: 'counts'; column: keyof FilterIndex['lists'] }
  | { kind: 'programme'; metrics: readonly string[] };

type Values = ArrayLike<unknown>;
/** A column read through `at()`: text columns of a base are not copied per change. */
interface LazyValues {
  length: number;
  at(i: number): unknown;
}
type ColumnValues = Values | LazyValues;
interface SourceColumn {
  length: number;
  toArray(): Values;
  at(i: number): unknown;
}
export interface SourceTable {
  numRows: number;
  schema: { fields: { name: string }[] };
  getChild(name: string): SourceColumn | null | undefined;
}

const isLazy = (v: ColumnValues): v is LazyValues => !ArrayBuffer.isView(v) && !Array.isArray(v);
const valueAt = (v: ColumnValues, i: number) => (isLazy(v) ? v.at(i) : v[i]);

/** Columns by name, in order; typed arrays stay typed. */
export class LocalTable {
  readonly numRows: number;
  readonly #columns: Map<string, ColumnValues>;

  constructor(columns: [string, ColumnValues][], numRows: number) {
    this.#columns = new Map(columns);
    this.numRows = numRows;
  }

  get schema() {
    return { fields: [...this.#columns.keys()].map((name) => ({ name })) };
  }

  getChild(name: string) {
    const values = this.#columns.get(name);
    if (!values) return null;
    return {
      length: values.length,
      toArray: (): Values => (isLazy(values) ? Array.from({ length: values.length }, (_, i) => values.at(i)) : values),
      at: (i: number) => valueAt(values, i) ?? null
    };
  }

  toArray(): Record<string, unknown>[] {
    const names = [...this.#columns.keys()];
    const cols = [...this.#columns.values()];
    return Array.from({ length: this.numRows }, (_, i) => Object.fromEntries(names.map((n, c) => [n, valueAt(cols[c], i) ?? null])));
  }
}

function take(values: ColumnValues, rows: Int32Array): ColumnValues {
  if (isLazy(values)) return { length: rows.length, at: (i: number) => values.at(rows[i]) };
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
  columns: [string, ColumnValues][];
  /** Filter index row of each base row (-1 when not in the index). */
  indexRow: Int32Array;
}

/**
 * The base's columns (numbers as typed arrays, read once; text read through `at()`) and each
 * row's place in the index, by the facts' `row_key`, which a `rows` view's query must select.
 */
export function rowsBase(table: SourceTable, index: FilterIndex): RowsBase {
  const keys = table.getChild('row_key')?.toArray();
  if (!keys) throw new Error('a view answered in the page as rows must select row_key');
  const indexRow = new Int32Array(table.numRows);
  for (let i = 0; i < indexRow.length; i++) indexRow[i] = index.rowOfKey[Number(keys[i])] ?? -1;
  const columns = table.schema.fields.map(({ name }): [string, ColumnValues] => {
    const col = table.getChild(name)!;
    const array = col.toArray();
    return [name, ArrayBuffer.isView(array) ? array : (compactText(col) ?? col)];
  });
  return { columns, indexRow };
}

/**
 * A text column without NULLs as its own UTF-8 bytes, read lazily: the result's batches are
 * views into the whole Arrow message, which kept every column's bytes alive for the month (the
 * map's base at 1M projects: 37 MB for 13 MB of ids). Null if it is not such a column.
 */
function compactText(col: SourceColumn): LazyValues | null {
  const batches = (col as { data?: Utf8Batch[] }).data;
  if (!batches?.length || batches.some((b) => (b.nullCount ?? 0) > 0 || !(b.values instanceof Uint8Array) || !b.offsets)) return null;
  const bytes = new Uint8Array(utf8Size(batches));
  const offsets = new Int32Array(col.length + 1);
  const { row } = copyUtf8(batches, bytes, offsets, 0, 0);
  if (row !== col.length) return null;
  const utf8 = new TextDecoder();
  return { length: row, at: (i: number) => (i >= 0 && i < row ? utf8.decode(bytes.subarray(offsets[i], offsets[i + 1])) : undefined) };
}

/** The base rows the mask selects, in the base order. */
export function selectRows(base: RowsBase, mask: Uint8Array): LocalTable {
  let n = 0;
  const rows = new Int32Array(base.indexRow.length);
  for (let i = 0; i < rows.length; i++) if (base.indexRow[i] >= 0 && mask[base.indexRow[i]]) rows[n++] = i;
  // Every row (no filter, a box round everything): the base's own columns, no copy.
  if (n === rows.length) return new LocalTable(base.columns, n);
  const kept = rows.slice(0, n);
  return new LocalTable(base.columns.map(([name, values]) => [name, take(values, kept)]), n);
}

/**
 * The base rows with one byte per row saying whether the mask selects it, instead of a copy of
 * the selected rows: the map hands deck.gl the month's points once and then only this (at 1M
 * projects the copies were ~40 bytes a selected point per change, collected late). As columns
 * (`numRows`, `getChild`) it is the whole base; as rows (`toArray`) only the selected ones, in
 * the base order, like the SQL answer.
 */
export class SelectedRows extends LocalTable {
  readonly selection: Uint8Array;

  constructor(columns: [string, ColumnValues][], selection: Uint8Array) {
    super(columns, selection.length);
    this.selection = selection;
  }

  override toArray(): Record<string, unknown>[] {
    return super.toArray().filter((_, i) => this.selection[i] === 1);
  }
}

export function selectedRows(base: RowsBase, mask: Uint8Array): SelectedRows {
  const selection = new Uint8Array(base.indexRow.length);
  for (let i = 0; i < selection.length; i++) if (base.indexRow[i] >= 0 && mask[base.indexRow[i]]) selection[i] = 1;
  return new SelectedRows(base.columns, selection);
}

/** `value, projects` per value of the column among the selected projects, ordered by value (DuckDB's order), NULL last. */
export function countBy(index: FilterIndex, mask: Uint8Array, column: keyof FilterIndex['lists']): LocalTable {
  const { codes, values } = index.lists[column];
  const counts = new Int32Array(values.length + 1);
  // Mask bytes are 0 or 1; words of four unselected projects are skipped.
  const words = maskWords(mask);
  const whole = mask.length >> 2;
  for (let j = 0; j < whole; j++) {
    if (words[j] === 0) continue;
    const i = j << 2;
    counts[codes[i]] += mask[i];
    counts[codes[i + 1]] += mask[i + 1];
    counts[codes[i + 2]] += mask[i + 2];
    counts[codes[i + 3]] += mask[i + 3];
  }
  for (let i = whole << 2; i < mask.length; i++) counts[codes[i]] += mask[i];
  const keys: (string | null)[] = [];
  const projects: number[] = [];
  const add = (value: string | null, count: number) => {
    keys.push(value);
    projects.push(count);
  };
  for (let k = 1; k <= values.length; k++) if (counts[k]) add(values[k - 1], counts[k]);
  if (counts[0]) add(null, counts[0]);
  return new LocalTable([['value', keys], ['projects', Int32Array.from(projects)]], keys.length);
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
  const phases = index.lists.phase.values;
  const codeOf = (value: string) => phases.indexOf(value) + 1 || -1;
  const { n, sum, newProjects, newStarted, exact } = programmeSums(index, mask, codeOf('new'), codeOf('preparatory'));
  // sum(flag(cond)) in SQL: the number of selected projects meeting cond, NULL when none is selected.
  const sums = {
    n,
    total: sum.total_investment,
    annual: sum.annual_plan,
    C: sum.basis_completed,
    P: sum.basis_plan,
    S: sum.basis_scheduled,
    U: sum.basis_unscheduled,
    newProjects: n ? newProjects : null,
    newStarted: n ? newStarted : null
  };
  // The products below are BigInt; only the sums need to be exact. Otherwise DuckDB's exact sums.
  if (!exact) return null;
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
