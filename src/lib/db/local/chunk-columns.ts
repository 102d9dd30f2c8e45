/**
 * The page's columns of one decoded facts chunk, read in the decoding worker right after the chunk
 * is decoded (parquet-decode.ts `reads`) by the readers of column-readers.ts, and handed to the
 * page with their buffers moved: the page then only copies them into the month's arrays and maps
 * each chunk's text codes to the month's (facts-columns.ts), instead of reading the chunk's Arrow
 * while the worker waits for it (npm run bench at 1M projects: the decode ended 3.7 s later so).
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

/** A chunk's columns as read (`ChunkReads`), instead of its Arrow IPC. */
export interface ReadChunk {
  rows: number;
  /** Each read's values by readKey; a text read's codes are of the chunk's own dictionary (`texts`). */
  values: Record<string, ColumnValues>;
  /** Each text read's values in the chunk: its code k is `texts[key][k − 1]`. */
  texts: Record<string, string[]>;
  utf8: Record<string, ChunkUtf8>;
}

export const readKey = (read: ColumnRead) => `${read.kind}:${read.column}`;

/** Reads the chunk's columns of `reads` from its Arrow IPC (in the worker, or wherever the chunk is decoded). */
export function readChunk(ipc: Uint8Array, reads: ChunkReads): ReadChunk {
  const table = tableFromIPC(ipc);
  const rows = table.numRows;
  const batches = (name: string) => {
    const col = table.getChild(name);
    if (!col) throw new Error(`facts: no column ${name}`);
    return col.data as unknown as Batch[];
  };
  const out: ReadChunk = { rows, values: {}, texts: {}, utf8: {} };
  for (const read of reads.columns) {
    const values = arrayOf(read.kind, rows);
    const coder = read.kind === 'text' ? new Utf8Coder() : null;
    fillPart(read.kind, batches(read.column), values, 0, coder);
    out.values[readKey(read)] = values;
    if (coder) out.texts[readKey(read)] = coder.values;
  }
  for (const name of reads.utf8) {
    const parts = batches(name).map(utf8Batch);
    const values = new Uint8Array(utf8Size(parts));
    const offsets = new Int32Array(rows + 1);
    copyUtf8(parts, values, offsets, 0, 0);
    out.utf8[name] = { length: rows, values, offsets };
  }
  return out;
}

/** The buffers of a read chunk, moved (not copied) when it is posted to the page. */
export function chunkBuffers(chunk: ReadChunk): ArrayBuffer[] {
  const arrays = [...Object.values(chunk.values), ...Object.values(chunk.utf8).flatMap((u) => [u.values, u.offsets])];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
