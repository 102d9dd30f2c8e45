/**
 * The page's columns of a month's facts, read in the decoding worker as each piece of the file is
 * decoded (parquet-decode.ts `reads`) by the readers of column-readers.ts. The number, flag and
 * text-code columns are filled into arrays of the whole month there and handed to the page once,
 * with their buffers moved (`ReadColumns`, after the last piece); each piece's text columns as
 * UTF-8 go at once (`ReadPiece`). The page neither reads the chunks' Arrow nor copies their columns
 * (facts-columns.ts): at 1M projects a copy of each piece's columns was 138 MB of arrays left dead
 * in the page, and its text codes mapped to the month's 0.28 s of its main thread (HISTORY.md).
 */
import { tableFromIPC } from '@uwdata/flechette';
import { arrayOf, fillPart, utf8Batch, Utf8Coder, type Batch, type ColumnRead, type ColumnValues } from './column-readers.ts';
import { copyUtf8, utf8Size } from './utf8-batches.ts';

/** What is read of each chunk: columns by their readers, and text columns as UTF-8 (`utf8`). */
export interface ChunkReads {
  columns: readonly ColumnRead[];
  utf8: readonly string[];
}

/** A text column of a chunk as one UTF-8 buffer: row i is `values[offsets[i] … offsets[i + 1])`, NULL as empty. */
export interface ChunkUtf8 {
  length: number;
  values: Uint8Array;
  offsets: Int32Array;
}

/** A piece of the month as read: its rows, and its text columns as UTF-8 (`ChunkReads.utf8`). */
export interface ReadPiece {
  rows: number;
  utf8: Record<string, ChunkUtf8>;
}

/** The month's columns of `ChunkReads.columns`, every row, after its last piece. */
export interface ReadColumns {
  /** Each read's values by readKey; a text read's codes are of first appearance in the month (`texts`). */
  columns: Record<string, ColumnValues>;
  /** Each text read's values: its code k is `texts[key][k − 1]`. */
  texts: Record<string, string[]>;
}

/** What the worker hands over of a month read for the page: its pieces, then its columns. */
export type ReadChunk = ReadPiece | ReadColumns;

export const readKey = (read: ColumnRead) => `${read.kind}:${read.column}`;

export const isReadColumns = (chunk: ReadChunk): chunk is ReadColumns => 'columns' in chunk;

function batchesOf(ipc: Uint8Array): { rows: number; batches: (name: string) => Batch[] } {
  const table = tableFromIPC(ipc);
  return {
    rows: table.numRows,
    batches: (name: string) => {
      const col = table.getChild(name);
      if (!col) throw new Error(`facts: no column ${name}`);
      return col.data as unknown as Batch[];
    }
  };
}

/**
 * Reads a month's pieces (Arrow IPC, in file order) into arrays of its `rows` rows, where it is
 * decoded: `piece` fills them and gives the piece's UTF-8 columns, `columns` the arrays once the
 * last piece is read.
 */
export class MonthReads {
  readonly #reads: ChunkReads;
  readonly #rows: number;
  readonly #values: ColumnValues[];
  readonly #coders: (Utf8Coder | null)[];
  #at = 0;

  constructor(reads: ChunkReads, rows: number) {
    this.#reads = reads;
    this.#rows = rows;
    this.#values = reads.columns.map((read) => arrayOf(read.kind, rows));
    this.#coders = reads.columns.map((read) => (read.kind === 'text' ? new Utf8Coder() : null));
  }

  /** Reads the next piece into the month's arrays; its text columns as UTF-8. */
  piece(ipc: Uint8Array): ReadPiece {
    const { rows, batches } = batchesOf(ipc);
    if (this.#at + rows > this.#rows) throw new Error(`facts: more rows than the file's ${this.#rows}`);
    this.#reads.columns.forEach((read, i) => fillPart(read.kind, batches(read.column), this.#values[i], this.#at, this.#coders[i]));
    this.#at += rows;
    const utf8: Record<string, ChunkUtf8> = {};
    for (const name of this.#reads.utf8) {
      const parts = batches(name).map(utf8Batch);
      const values = new Uint8Array(utf8Size(parts));
      const offsets = new Int32Array(rows + 1);
      copyUtf8(parts, values, offsets, 0, 0);
      utf8[name] = { length: rows, values, offsets };
    }
    return { rows, utf8 };
  }

  /** The month's columns, every piece read. */
  columns(): ReadColumns {
    if (this.#at !== this.#rows) throw new Error(`facts: ${this.#at} rows read of the file's ${this.#rows}`);
    const out: ReadColumns = { columns: {}, texts: {} };
    this.#reads.columns.forEach((read, i) => {
      out.columns[readKey(read)] = this.#values[i];
      const coder = this.#coders[i];
      if (coder) out.texts[readKey(read)] = coder.values;
    });
    return out;
  }
}

/** A month's pieces read as the worker reads them (tests, and a decode without a worker). */
export function readMonth(pieces: readonly Uint8Array[], reads: ChunkReads): ReadChunk[] {
  const rows = pieces.reduce((n, ipc) => n + tableFromIPC(ipc).numRows, 0);
  const month = new MonthReads(reads, rows);
  return [...pieces.map((ipc) => month.piece(ipc)), month.columns()];
}

/** The buffers of a read chunk, moved (not copied) when it is posted to the page. */
export function chunkBuffers(chunk: ReadChunk): ArrayBuffer[] {
  const arrays = isReadColumns(chunk) ? Object.values(chunk.columns) : Object.values(chunk.utf8).flatMap((u) => [u.values, u.offsets]);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
