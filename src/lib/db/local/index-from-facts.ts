/**
 * The month's filter index (filter-index.ts) built from the decoded facts chunks, without the
 * engine: what makes filters, RAG colours, picking, the KPI strip and the charts answer before
 * duckdb-wasm has started (issue 23). It must equal the index index-loader.ts builds from SQL:
 * the same projects (in_plan), dictionaries in DuckDB's VARCHAR order (bytes, i.e. code points),
 * the page inputs of metrics/inputs.ts PAGE_INPUT_ROWS; test/unit/db/index-from-facts.test.ts
 * compares the two on every month of the parity fixture.
 */
import { PAGE_INPUT_ROWS, PAGE_INPUTS, type FactsRow } from '../../metrics/inputs.ts';
import { LIST_DIMENSION_SPECS } from '../../state/dimensions.ts';
import type { FilterIndex, ListColumn } from './filter-index.ts';
import type { ColumnRead, FactsColumns, TextCodes } from './facts-columns.ts';
import type { ChunkReads } from './chunk-columns.ts';

/** The columns that indexFromFacts reads. */
/** The FactsColumns reader of each kind of page input read. */
const READER = { cents: 'cents', text: 'text', bool: 'bools' } as const;

const INDEX_COLUMNS = [
  'in_plan',
  'row_key',
  'name_lower',
  'lon',
  'lat',
  ...LIST_DIMENSION_SPECS.map((d) => d.column),
  ...PAGE_INPUTS.flatMap((id) => PAGE_INPUT_ROWS[id].reads.map((r) => r.column))
];
/** The columns the map's points base reads (map/points-from-facts.ts, the one `fromFacts` row view). */
const POINTS_COLUMNS = ['in_plan', 'row_key', 'id', 'lon', 'lat', 'total_investment', 'annual_plan', 'completed_ytd', 'phase', 'rag'];
/** The columns the map's lines base reads (map/lines-from-facts.ts) and the embed's names (points-from-facts.ts `names`). */
const LINES_COLUMNS = ['in_plan', 'row_key', 'id', 'name', 'geometry', 'phase', 'rag'];

/**
 * The facts columns the page reads from a decoded month: only these are decoded for it (the
 * insert into DuckDB decodes the file again, whole). At 1M projects that is about half of the
 * month's 443 MB of Arrow (the problem counts, approvals, … are never read here).
 * test/unit/db/index-from-facts.test.ts builds the index and the points base from these alone.
 */
export const PAGE_FACTS_COLUMNS: readonly string[] = [...new Set([...INDEX_COLUMNS, ...POINTS_COLUMNS, ...LINES_COLUMNS])];

/**
 * The columns that the index, the map's points base and its lines base read as numbers, flags
 * or text codes (the FactsColumns readers): read from each chunk as it is decoded (FactsColumns
 * `ahead`). test/unit/db/index-from-facts.test.ts checks that the three read no other.
 */
export const PAGE_FACTS_READS: readonly ColumnRead[] = distinctReads([
  { kind: 'bools', column: 'in_plan' },
  { kind: 'doubles', column: 'row_key' },
  { kind: 'doubles', column: 'lon' },
  { kind: 'doubles', column: 'lat' },
  ...LIST_DIMENSION_SPECS.map((d): ColumnRead => ({ kind: 'text', column: d.column })),
  ...PAGE_INPUTS.flatMap((id) => PAGE_INPUT_ROWS[id].reads.map(({ as, column }): ColumnRead => ({ kind: READER[as], column }))),
  // The points (map/points-from-facts.ts) and lines (map/lines-from-facts.ts) besides.
  ...['total_investment', 'annual_plan', 'completed_ytd'].map((column): ColumnRead => ({ kind: 'moneyDoubles', column })),
  ...['phase', 'rag', 'geometry'].map((column): ColumnRead => ({ kind: 'text', column }))
]);

/** The text columns the page reads as UTF-8 (FactsColumns `utf8`): the index's names, the points' and the lines' ids and names. */
export const PAGE_FACTS_UTF8: readonly string[] = ['name_lower', 'id', 'name'];

/**
 * What the decoding worker reads from each chunk of a month read for the page (chunk-columns.ts):
 * every column the page reads, so that the chunk's Arrow is not read in the page at all.
 */
export const PAGE_CHUNK_READS: ChunkReads = { columns: PAGE_FACTS_READS, utf8: PAGE_FACTS_UTF8 };

function distinctReads(reads: ColumnRead[]): ColumnRead[] {
  return reads.filter((r, i) => reads.findIndex((o) => o.kind === r.kind && o.column === r.column) === i);
}

/** DuckDB's VARCHAR order: UTF-8 bytes, which is code point order (JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // An astral code point (a surrogate pair, 0xD800–0xDFFF) sorts after the BMP units above it.
    const astral = (c: number) => c >= 0xd800 && c <= 0xdfff;
    if (astral(x) && y >= 0xe000) return 1;
    if (astral(y) && x >= 0xe000) return -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Rows of the facts in the plan (facts row numbers, in file order). */
export function planRows(inPlan: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < inPlan.length; i++) n += inPlan[i] === 1 ? 1 : 0;
  const rows = new Int32Array(n);
  for (let i = 0, k = 0; i < inPlan.length; i++) if (inPlan[i] === 1) rows[k++] = i;
  return rows;
}

/** A list column over the plan's rows: first-appearance codes renumbered in DuckDB's order of the values present. */
function listColumn(text: TextCodes, rows: Int32Array): ListColumn {
  const present = new Uint8Array(text.values.length + 1);
  for (let k = 0; k < rows.length; k++) present[text.codes[rows[k]]] = 1;
  const kept = text.values.map((v, k) => ({ v, code: k + 1 })).filter(({ code }) => present[code]);
  kept.sort((a, b) => compareCodePoints(a.v, b.v));
  const final = new Uint32Array(text.values.length + 1);
  kept.forEach(({ code }, k) => (final[code] = k + 1));
  const values = kept.map(({ v }) => v);
  const codes = values.length >= 0xffff ? new Uint32Array(rows.length) : new Uint16Array(rows.length);
  for (let k = 0; k < rows.length; k++) codes[k] = final[text.codes[rows[k]]];
  return { codes, values };
}

/** A facts row read from whole-month arrays: the columns the page inputs read, prepared once. */
class ColumnsRow implements FactsRow {
  row = 0;
  readonly #cents: Record<string, Float64Array> = {};
  #text: Record<string, TextCodes> = {};
  readonly #bools: Record<string, Uint8Array> = {};

  constructor(
    readonly facts: FactsColumns,
    known: Map<string, TextCodes>
  ) {
    this.#text = Object.fromEntries(known);
  }

  prepare(kind: 'cents' | 'text' | 'bool', column: string): void {
    if (kind === 'cents') this.#cents[column] ??= this.facts.cents(column);
    if (kind === 'text') this.#text[column] ??= this.facts.text(column);
    if (kind === 'bool') this.#bools[column] ??= this.facts.bools(column);
  }

  cents(column: string): number {
    return this.#cents[column][this.row];
  }
  text(column: string): string | null {
    const t = this.#text[column];
    const code = t.codes[this.row];
    return code === 0 ? null : t.values[code - 1];
  }
  bool(column: string): boolean | null {
    const b = this.#bools[column][this.row];
    return b === 2 ? null : b === 1;
  }
}

/**
 * The filter index of the decoded month, or `{ tooLarge }` with its count when more projects
 * are in the plan than `limit` (the page then answers nothing, as with the SQL-built index).
 */
export function indexFromFacts(facts: FactsColumns, limit = Infinity): FilterIndex | { tooLarge: number } {
  const rows = planRows(facts.bools('in_plan'));
  const n = rows.length;
  if (n > limit) return { tooLarge: n };
  const keys = facts.doubles('row_key');
  let maxKey = -1;
  for (let k = 0; k < n; k++) maxKey = Math.max(maxKey, keys[rows[k]]);
  const rowOfKey = new Int32Array(maxKey + 1).fill(-1);
  for (let k = 0; k < n; k++) rowOfKey[keys[rows[k]]] = k;

  const texts = new Map<string, TextCodes>();
  const lists = {} as FilterIndex['lists'];
  for (const { id, column } of LIST_DIMENSION_SPECS) {
    const text = facts.text(column);
    texts.set(column, text);
    lists[id] = listColumn(text, rows);
  }

  // Every row of the month in the plan: a column the index keeps as it is is the month's own array,
  // not a copy (neither is written to). At 1M projects 53 MB that would be dead once the index is
  // built, beside the copy (HISTORY.md).
  const everyRow = n === facts.length;
  const take = (all: Float64Array) => {
    if (everyRow) return all;
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = all[rows[k]];
    return out;
  };
  const row = new ColumnsRow(facts, texts);
  for (const id of PAGE_INPUTS) for (const { column, as } of PAGE_INPUT_ROWS[id].reads) row.prepare(as, column);
  const inputs = {} as FilterIndex['inputs'];
  for (const id of PAGE_INPUTS) {
    const { value, column } = PAGE_INPUT_ROWS[id];
    if (column) {
      inputs[id] = take(facts.cents(column));
      continue;
    }
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      row.row = rows[k];
      out[k] = value(row);
    }
    inputs[id] = out;
  }

  return {
    length: n,
    rowOfKey,
    lists,
    names: planUtf8(facts, 'name_lower', rows),
    lon: take(facts.doubles('lon')),
    lat: take(facts.doubles('lat')),
    inputs,
    masks: new Map()
  };
}

/** A text column's values of `rows` (month row numbers, ascending) as one UTF-8 buffer with offsets (NULL as empty). */
export function planUtf8(facts: FactsColumns, column: string, rows: Int32Array): FilterIndex['names'] {
  const batches = facts.utf8(column);
  const offsets = new Int32Array(rows.length + 1);
  // Row r of the month is row r − start of its batch; rows are in order, so the batch only moves forward.
  let size = 0;
  for (let j = 0, k = 0, start = 0; j < batches.length; start += batches[j++].length) {
    const b = batches[j];
    for (; k < rows.length && rows[k] < start + b.length; k++) {
      const i = rows[k] - start;
      size += Number(b.offsets[i + 1]) - Number(b.offsets[i]);
      offsets[k + 1] = size;
    }
  }
  const bytes = new Uint8Array(size);
  // Runs of consecutive rows (all of them when the whole month is in the plan) are copied at once.
  for (let j = 0, k = 0, start = 0; j < batches.length; start += batches[j++].length) {
    const b = batches[j];
    while (k < rows.length && rows[k] < start + b.length) {
      let end = k + 1;
      while (end < rows.length && rows[end] === rows[end - 1] + 1 && rows[end] < start + b.length) end++;
      const from = Number(b.offsets[rows[k] - start]);
      const to = Number(b.offsets[rows[end - 1] - start + 1]);
      bytes.set(b.values.subarray(from, to), offsets[k]);
      k = end;
    }
  }
  return { bytes, offsets };
}
