/**
 * Loads the month's filter index (filter-index.ts) from the facts table: its size, the list
 * columns' dictionaries, then the rows in slices of row_key. Slices keep the result the
 * database worker builds small: a million projects in one result took ~0.3 GB of duckdb-wasm
 * memory, which WebAssembly never gives back.
 */
import { column, literal, Query, sql, type ExprNode, type SelectQuery } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../../metrics/query.ts';
import { inputRowAsDouble, PAGE_INPUTS } from '../../metrics/inputs.ts';
import { LIST_DIMENSION_SPECS, type ListDimension } from '../../state/dimensions.ts';
import type { FilterIndex, ListColumn } from './filter-index.ts';
import { copyUtf8, type Utf8Batch } from './utf8-batches.ts';

/** What the index needs to know before its rows come. */
export interface IndexShape {
  rows: number;
  /** Largest row_key in the plan (−1 when none). */
  maxKey: number;
  nameBytes: number;
}

/** Rows, largest row_key and bytes of lower-case names of the projects in the plan. */
export function indexShapeQuery(facts: FactsSource): SelectQuery {
  return Query.from(facts)
    .select({
      rows: sql`CAST(count(*) AS DOUBLE)`,
      max_key: sql`CAST(coalesce(max(row_key), -1) AS DOUBLE)`,
      name_bytes: sql`CAST(coalesce(sum(strlen(coalesce(name_lower, ''))), 0) AS DOUBLE)`
    })
    .where(sql`in_plan`);
}

export function readShape(table: Rows): IndexShape {
  const r = table.toArray()[0] as Record<string, number>;
  return { rows: Number(r.rows), maxKey: Number(r.max_key), nameBytes: Number(r.name_bytes) };
}

/** Each list column's distinct non-NULL values in the plan, in DuckDB's VARCHAR order. */
export function dictionaryQuery(facts: FactsSource): Query {
  return Query.unionAll(
    ...LIST_DIMENSION_SPECS.map(({ id: dim, column: col }) =>
      Query.from(facts)
        .select({ dim: literal(dim), value: sql`CAST(${column(col)} AS VARCHAR)` })
        .distinct()
        .where(sql`in_plan AND ${column(col)} IS NOT NULL`)
    )
  ).orderby('dim', 'value');
}

export type Dictionaries = Record<ListDimension, string[]>;

export function readDictionaries(table: Rows): Dictionaries {
  const out = Object.fromEntries(LIST_DIMENSION_SPECS.map(({ id }) => [id, [] as string[]])) as Dictionaries;
  for (const r of table.toArray() as { dim: ListDimension; value: string }[]) out[r.dim].push(r.value);
  return out;
}

/** Codes of a dictionary this long need 32 bits (code 0 is NULL). */
const wide = (values: string[]) => values.length >= 0xffff;

/**
 * The plan's projects with row_key in [from, to), in any order (rowOfKey maps them): codes for
 * the list columns (a join with the dictionary's literal values), and the page's metric inputs
 * (cents or counts) as DOUBLE with NaN for NULL, so that every numeric column arrives as a typed
 * array without a validity map.
 */
export function indexSliceQuery(facts: FactsSource, dictionaries: Dictionaries, from: number, to: number): SelectQuery {
  const source = Object.values(facts)[0];
  const nan = sql`CAST('NaN' AS DOUBLE)`;
  const select: Record<string, ExprNode | string> = {
    row_key: sql`f.row_key`,
    name_lower: sql`coalesce(f.name_lower, '')`,
    lon: sql`coalesce(CAST(f.lon AS DOUBLE), ${nan})`,
    lat: sql`coalesce(CAST(f.lat AS DOUBLE), ${nan})`
  };
  // The input expressions name facts columns unqualified: the dictionaries joined below have only v and c.
  for (const id of PAGE_INPUTS) select[`input_${id}`] = inputRowAsDouble(id);
  let from_ = sql`${typeof source === 'string' ? column(source) : sql`(${source})`} AS f`;
  LIST_DIMENSION_SPECS.forEach(({ id: dim, column: col }, k) => {
    const values = dictionaries[dim];
    if (!values.length) {
      select[`code_${dim}`] = sql`CAST(0 AS USMALLINT)`;
      return;
    }
    // One flat text of escaped literals (nesting one fragment per value overflows the stack
    // when the SQL text is made, at a few thousand units).
    const rows = values.map((v, i) => `(${literal(v)}, ${i + 1})`).join(', ');
    const d = `d${k}`;
    from_ = sql`${from_} LEFT JOIN (VALUES ${rows}) AS ${d}(v, c) ON ${d}.v = CAST(f.${column(col)} AS VARCHAR)`;
    select[`code_${dim}`] = sql`CAST(coalesce(${d}.c, 0) AS ${wide(values) ? 'UINTEGER' : 'USMALLINT'})`;
  });
  return Query.from(from_)
    .select(select)
    .where(sql`f.in_plan AND f.row_key >= ${literal(from)} AND f.row_key < ${literal(to)}`);
}

interface Column {
  length: number;
  toArray(): ArrayLike<unknown>;
  data?: Utf8Batch[];
}
export interface Rows {
  numRows: number;
  getChild(name: string): Column | null | undefined;
  toArray(): unknown[];
}

/** Fills a FilterIndex slice by slice. */
export class IndexBuilder {
  readonly dictionaries: Dictionaries;
  readonly #index: FilterIndex;
  #rows = 0;
  #bytes = 0;

  constructor(shape: IndexShape, dictionaries: Dictionaries) {
    this.dictionaries = dictionaries;
    const n = shape.rows;
    const f64 = () => new Float64Array(n);
    const lists = Object.fromEntries(
      LIST_DIMENSION_SPECS.map(({ id: dim }) => {
        const values = dictionaries[dim];
        const codes = wide(values) ? new Uint32Array(n) : new Uint16Array(n);
        return [dim, { codes, values } satisfies ListColumn];
      })
    ) as FilterIndex['lists'];
    this.#index = {
      length: n,
      rowOfKey: new Int32Array(shape.maxKey + 1).fill(-1),
      lists,
      names: { bytes: new Uint8Array(shape.nameBytes), offsets: new Int32Array(n + 1) },
      lon: f64(),
      lat: f64(),
      inputs: Object.fromEntries(PAGE_INPUTS.map((id) => [id, f64()])) as FilterIndex['inputs'],
      masks: new Map()
    };
  }

  /** Adds a slice (indexSliceQuery's result). */
  add(slice: Rows): void {
    const at = this.#rows;
    const n = slice.numRows;
    const index = this.#index;
    if (at + n > index.length) throw new Error(`filter index: more rows than the ${index.length} counted`);
    const numbers = (name: string) => slice.getChild(name)!.toArray() as ArrayLike<number>;
    const put = (target: Float64Array | Uint16Array | Uint32Array, name: string) => target.set(numbers(name), at);
    const keys = numbers('row_key');
    for (let i = 0; i < n; i++) index.rowOfKey[keys[i]] = at + i;
    put(index.lon, 'lon');
    put(index.lat, 'lat');
    for (const id of PAGE_INPUTS) put(index.inputs[id], `input_${id}`);
    for (const { id } of LIST_DIMENSION_SPECS) put(index.lists[id].codes, `code_${id}`);
    this.#addNames(slice.getChild('name_lower')!, at);
    this.#rows += n;
  }

  /** Copies the slice's UTF-8 bytes as they are (utf8-batches.ts). */
  #addNames(col: Column, at: number): void {
    const { bytes, offsets } = this.#index.names;
    const next = copyUtf8(col.data ?? [], bytes, offsets, this.#bytes, at);
    if (next.row !== at + col.length) throw new Error('filter index: names are not UTF-8 batches');
    this.#bytes = next.at;
  }

  done(): FilterIndex {
    if (this.#rows !== this.#index.length) throw new Error(`filter index: ${this.#rows} rows loaded, ${this.#index.length} counted`);
    return this.#index;
  }
}
