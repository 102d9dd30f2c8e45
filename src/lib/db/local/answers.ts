/**
 * A view's result computed in the page from the month's filter index (filter-index.ts) and a
 * selection mask, shaped like the Arrow table its SQL query returns (`numRows`, `getChild`,
 * `toArray`). Three kinds of view are answered this way:
 *   rows       one row per project, a fixed order (map points, lines): the view's own query,
 *              which must select the facts' row_key, is run once per month without filters,
 *              and a change keeps the rows it selects;
 *   counts     projects per value of a facts column (the facet charts);
 *   metrics    metrics from the summed inputs (metrics/inputs.ts) by the formulas of
 *              metrics/definitions.ts, for the programme or grouped by list dimensions;
 *   inputs     the summed inputs themselves, per group (a view that rolls them up itself);
 *   values     the values a list dimension takes among the projects in the plan (a filter's
 *              choices): its dictionary in the index, whatever the filters.
 * test/unit/db/local-answers.test.ts checks each against DuckDB's answer to the same filters.
 */
import { metricById, metricValue, type MetricContext } from '../../metrics/definitions.ts';
import { PAGE_INPUTS, type InputId, type PageInputId } from '../../metrics/inputs.ts';
import { LIST_COLUMNS, type ListDimension } from '../../state/dimensions.ts';
import type { FilterIndex } from './filter-index.ts';
import { groupedInputSums, inputSums, type GroupSums, type InputSums } from './input-sums.ts';
import { maskWords } from './masks.ts';
import { copyUtf8, utf8Size, type Utf8Batch } from './utf8-batches.ts';
import type { TopRows } from './top-rows.ts';
import type { FactsColumns } from './facts-columns.ts';
import type { PageRows, PageRowsContext, PageTableName } from './page-rows.ts';

export type LocalSpec =
  /**
   * `selection`: the whole base with a byte per row (SelectedRows), not a copy of the selected rows;
   * `top`: only the first selected rows, a ranked list (top-rows.ts).
   * `fromFacts`: the base computed from the month's decoded facts (before the engine is in), held
   * equal to the view's unfiltered query by a test.
   * `fromPage`: the base computed from the index and what the page keeps of the month's facts
   * (page-rows.ts), whenever the view is made; held equal to the view's unfiltered query by a test.
   */
  | {
      kind: 'rows';
      selection?: boolean;
      top?: TopRows;
      fromFacts?: (facts: FactsColumns) => LocalTable;
      fromPage?: (page: PageRows, ctx: PageRowsContext) => LocalTable;
      /** The page tables `fromPage` reads (decoded in the page when first needed). */
      pageTables?: readonly PageTableName[];
    }
  | { kind: 'counts'; column: ListDimension }
  /** metricsQuery grouped `by` list dimensions' columns (none: the programme). */
  | { kind: 'metrics'; metrics: readonly string[]; by?: readonly ListDimension[] }
  /** inputsQuery grouped `by` list dimensions' columns. */
  | { kind: 'inputs'; inputs: readonly InputId[]; by?: readonly ListDimension[] }
  /** distinctValuesQuery of the dimension's column (queries/views.ts): not filtered. */
  | { kind: 'values'; column: ListDimension };

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

  /** The columns as they are (typed arrays, lazy text), in order. */
  get columns(): [string, ColumnValues][] {
    return [...this.#columns];
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
    // Text is never read whole: toArray() would decode every string in one task (the ranked
    // lists' bases at 100k projects: 0.5–2 s of the main thread, which a filter change waited for).
    if (isText(col)) return [name, compactText(col) ?? col];
    const array = col.toArray();
    return [name, ArrayBuffer.isView(array) ? array : col];
  });
  return { columns, indexRow };
}

/** A base computed in the page (a `fromFacts` table): its columns as they are, rows mapped by row_key. */
export function localRowsBase(table: LocalTable, index: FilterIndex): RowsBase {
  const keys = table.getChild('row_key')?.toArray() as ArrayLike<number> | undefined;
  if (!keys) throw new Error('a view answered in the page as rows must select row_key');
  const indexRow = new Int32Array(table.numRows);
  for (let i = 0; i < indexRow.length; i++) indexRow[i] = index.rowOfKey[keys[i]] ?? -1;
  return { columns: table.columns, indexRow };
}

/** A column of strings (or bytes): batches of UTF-8 bytes with row offsets. */
function isText(col: SourceColumn): boolean {
  const batches = (col as { data?: Utf8Batch[] }).data;
  return !!batches?.length && batches.every((b) => b.values instanceof Uint8Array && !!b.offsets);
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
  return new LocalTable(
    base.columns.map(([name, values]) => [name, take(values, kept)]),
    n
  );
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
  return new LocalTable(
    [
      ['value', keys],
      ['projects', Int32Array.from(projects)]
    ],
    keys.length
  );
}

/**
 * `value` per value of the column among the projects in the plan, NULL left out, in DuckDB's
 * VARCHAR order, as distinctValuesQuery gives them: the index's dictionary holds exactly those
 * (index-loader.ts dictionaryQuery, index-from-facts.ts listColumn).
 */
export function listValues(index: FilterIndex, column: ListDimension): LocalTable {
  const { values } = index.lists[column];
  return new LocalTable([['value', values]], values.length);
}

/** Summed inputs as the formulas read them: BigInt, exact. */
function reader(sums: InputSums): (id: InputId) => bigint | null {
  return (id) => {
    if (id === 'projects') return BigInt(sums.n);
    const v = sums.sum[id as PageInputId];
    return v === null || v === undefined ? null : BigInt(v);
  };
}

const onPage = (ids: readonly string[]) => ids.every((id) => id === 'projects' || (PAGE_INPUTS as readonly string[]).includes(id));

/** Whether the page can answer these metrics: every input they read is in the index. */
export function pageCanAnswer(metrics: readonly string[]): boolean {
  return metrics.every((id) => {
    const m = metricById(id);
    return !!m && onPage(m.inputs);
  });
}

/** The summed inputs per group (one group without `by`); null when a sum could have lost exactness in doubles. */
function exactGroups(index: FilterIndex, mask: Uint8Array, by: readonly ListDimension[]): GroupSums[] | null {
  const groups = by.length ? groupedInputSums(index, mask, by) : [{ ...inputSums(index, mask), codes: [] }];
  return groups.every((g) => g.exact) ? groups : null;
}

/** The group columns of a grouped answer: each dimension's facts column, with its values. */
function groupColumns(index: FilterIndex, by: readonly ListDimension[], groups: GroupSums[]): [string, ArrayLike<unknown>][] {
  return by.map((dim, d) => {
    const values = index.lists[dim].values;
    return [LIST_COLUMNS[dim], groups.map((g) => (g.codes[d] === 0 ? null : values[g.codes[d] - 1]))];
  });
}

/**
 * Metrics among the selected projects, grouped by list dimensions (none: the programme), as
 * metricsQuery gives them; null when a metric reads an input the page does not keep, or a sum could
 * lose exactness in doubles (then the view asks DuckDB).
 */
export function metricsTable(
  index: FilterIndex,
  mask: Uint8Array,
  metrics: readonly string[],
  by: readonly ListDimension[],
  ctx: MetricContext,
  internal: boolean
): LocalTable | null {
  if (!pageCanAnswer(metrics)) return null;
  const groups = exactGroups(index, mask, by);
  if (!groups) return null;
  const columns = groupColumns(index, by, groups);
  for (const id of metrics) {
    const m = metricById(id)!;
    columns.push([id, groups.map((g) => metricValue(m, reader(g), ctx, internal))]);
  }
  return new LocalTable(columns, groups.length);
}

/** The additive inputs per group among the selected projects, as inputsQuery gives them (DOUBLE). */
export function inputsTable(
  index: FilterIndex,
  mask: Uint8Array,
  inputs: readonly InputId[],
  by: readonly ListDimension[]
): LocalTable | null {
  if (!onPage(inputs)) return null;
  const groups = exactGroups(index, mask, by);
  if (!groups) return null;
  const columns = groupColumns(index, by, groups);
  for (const id of inputs) columns.push([id, groups.map((g) => (id === 'projects' ? g.n : g.sum[id as PageInputId]))]);
  return new LocalTable(columns, groups.length);
}
