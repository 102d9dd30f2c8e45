/**
 * A month's facts as the decoding worker hands them over (month-facts.ts), read into whole-month
 * arrays for the page's index without DuckDB (index-from-facts.ts) by the readers of
 * column-readers.ts. The month comes either as read in the worker (chunk-columns.ts, the page's
 * read of a month: its pieces' UTF-8 columns, then its other columns whole, taken as they are) or
 * as chunks of Arrow IPC (read here).
 */
import { tableFromIPC, type Table } from '@uwdata/flechette';
import type { Utf8Batch } from './utf8-batches.ts';
import {
  arrayOf,
  fillPart,
  utf8Batch,
  Utf8Coder,
  type Batch,
  type ColumnKind,
  type ColumnRead,
  type ColumnValues,
  type TextCodes
} from './column-readers.ts';
import { isReadColumns, readKey, type ReadChunk, type ReadColumns, type ReadPiece } from './chunk-columns.ts';

export { centsOfUnscaled, type ColumnKind, type ColumnRead, type TextCodes } from './column-readers.ts';

/** A decoded chunk of the month: its Arrow IPC, or as read in the worker. */
export type FactsChunk = Uint8Array | ReadChunk;

/** A column being read chunk by chunk: its values so far (room for more), and the text coder they share. */
interface ColumnSoFar {
  values: ColumnValues;
  /** Rows read (of the chunks before `chunks`). */
  rows: number;
  chunks: number;
  coder: Utf8Coder | null;
}

/** A chunk as held: its Arrow table, or a piece read in the worker. */
type Part = { rows: number; table: Table; piece?: never } | { rows: number; piece: ReadPiece; table?: never };

/** A column read whole: its values, and a text column's values by code. */
interface Whole<A extends ColumnValues> {
  values: A;
  texts: string[] | null;
}

/**
 * The decoded chunks of one month, read column by column into whole-month arrays. Chunks can be
 * added as they are decoded: the columns in `ahead` are then read from each chunk as it comes
 * (while the decoding worker decodes the next, instead of all of them after the last), into
 * arrays of the month's rows when the first chunk tells them, and the others when first asked
 * for. Each column is read once (the index, the points and the lines base read some of the same)
 * and kept as long as this is: callers must not write to what it returns. The chunks must all be
 * added before a column is asked for. A month read in the worker brings its columns whole after
 * its pieces: they are taken as they are.
 */
export class FactsColumns {
  readonly #parts: Part[] = [];
  #length = 0;
  /** Rows of the month, when told (the arrays of `ahead` columns are made this long). */
  #expected = 0;
  readonly #ahead: readonly ColumnRead[];
  readonly #soFar = new Map<string, ColumnSoFar>();
  readonly #read = new Map<string, unknown>();
  /** The month's columns as read in the worker, once they came. */
  #columns: ReadColumns | null = null;

  constructor(chunks: readonly FactsChunk[] = [], ahead: readonly ColumnRead[] = []) {
    this.#ahead = ahead;
    for (const chunk of chunks) this.add(chunk);
  }

  get length(): number {
    return this.#length;
  }

  /** Adds the next chunk (in file order) and reads the `ahead` columns from it; `rows`: the month's, if known. */
  add(chunk: FactsChunk, rows = 0): void {
    if (this.#read.size || this.#columns) throw new Error('facts: a chunk added after the columns were read');
    if (!(chunk instanceof Uint8Array) && isReadColumns(chunk)) {
      this.#columns = chunk;
      return;
    }
    let part: Part;
    if (chunk instanceof Uint8Array) {
      const table = tableFromIPC(chunk);
      part = { rows: table.numRows, table };
    } else part = { rows: chunk.rows, piece: chunk };
    this.#parts.push(part);
    this.#length += part.rows;
    this.#expected = Math.max(this.#expected, rows);
    // A piece's other columns come whole after the last.
    if (part.table) for (const { kind, column } of this.#ahead) this.#readChunks(kind, column);
  }

  /** Reads the column from the chunks it has not been read from. */
  #readChunks(kind: ColumnKind, name: string): ColumnSoFar {
    const key = readKey({ kind, column: name });
    let entry = this.#soFar.get(key);
    if (!entry) {
      entry = {
        values: arrayOf(kind, Math.max(this.#expected, this.#length)),
        rows: 0,
        chunks: 0,
        coder: kind === 'text' ? new Utf8Coder() : null
      };
      this.#soFar.set(key, entry);
    }
    if (entry.values.length < this.#length) {
      // More rows than told (or none told): room for them, twice as much as needed so far.
      const more = arrayOf(kind, Math.max(this.#length, 2 * entry.values.length));
      more.set(entry.values.subarray(0, entry.rows));
      entry.values = more;
    }
    for (; entry.chunks < this.#parts.length; entry.chunks++) {
      const part = this.#parts[entry.chunks];
      if (!part.table) throw new Error(`facts: ${key} was not read with the month`);
      fillPart(kind, batchesOf(part.table, name), entry.values, entry.rows, entry.coder);
      entry.rows += part.rows;
    }
    return entry;
  }

  /** The whole column, read where it was not yet. */
  #whole<A extends ColumnValues>(kind: ColumnKind, name: string): Whole<A> {
    const key = readKey({ kind, column: name });
    const known = this.#read.get(key) as Whole<A> | undefined;
    if (known) return known;
    let whole: Whole<A>;
    if (this.#columns) {
      const values = this.#columns.columns[key];
      const texts = this.#columns.texts[key] ?? null;
      if (!values || values.length !== this.#length || (kind === 'text') !== !!texts)
        throw new Error(`facts: ${key} was not read with the month`);
      whole = { values: values as A, texts };
    } else {
      const entry = this.#readChunks(kind, name);
      this.#soFar.delete(key);
      // Fewer rows than told: the rows read, without the room left.
      const values = (entry.values.length === this.#length ? entry.values : entry.values.slice(0, this.#length)) as A;
      whole = { values, texts: entry.coder?.values ?? null };
    }
    this.#read.set(key, whole);
    return whole;
  }

  /** A number column (float, integer or decimal) as doubles, NaN for NULL. */
  doubles(name: string): Float64Array {
    return this.#whole<Float64Array>('doubles', name).values;
  }

  /** A money column (a decimal of any scale, or whole 万元 as an integer) as exact cents, NaN for NULL. */
  cents(name: string): Float64Array {
    return this.#whole<Float64Array>('cents', name).values;
  }

  /**
   * A money column as DuckDB casts it to DOUBLE: the unscaled integer divided by 10^scale (as
   * DuckDB does for decimals of up to 18 digits), NaN for NULL.
   */
  moneyDoubles(name: string): Float64Array {
    return this.#whole<Float64Array>('moneyDoubles', name).values;
  }

  /** A boolean column: 0 false, 1 true, 2 NULL. */
  bools(name: string): Uint8Array {
    return this.#whole<Uint8Array>('bools', name).values;
  }

  /** A text column as codes of first appearance (0 for NULL). */
  text(name: string): TextCodes {
    const { values, texts } = this.#whole<Uint32Array>('text', name);
    return { codes: values, values: texts! };
  }

  /** A text column's UTF-8 batches as they are (flechette's Utf8 batches, or as read in the worker; NULL as empty). */
  utf8(name: string): Utf8Batch[] {
    const key = `utf8:${name}`;
    if (!this.#read.has(key))
      this.#read.set(
        key,
        this.#parts.flatMap((part) => {
          if (part.table) return batchesOf(part.table, name).map(utf8Batch);
          const read = part.piece.utf8[name];
          if (!read) throw new Error(`facts: ${name} was not read as UTF-8 with the chunk`);
          return [read];
        })
      );
    return this.#read.get(key) as Utf8Batch[];
  }
}

function batchesOf(table: Table, name: string): Batch[] {
  const col = table.getChild(name);
  if (!col) throw new Error(`facts: no column ${name}`);
  return col.data as unknown as Batch[];
}
