/**
 * Where a data file's chunks begin. A Parquet file is cut where each row group, each column chunk
 * and the footer begin (column chunks closer than MIN_PIECE to the previous cut are kept with it),
 * so a reader of some columns of some row groups fetches little more than it would unencrypted.
 * Any other file is cut only into MAX_CHUNK pieces: it is always read whole.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';

/** A decrypted chunk is held whole in memory by the browser: a bound on that. */
export const MAX_CHUNK = 1 << 20;
/** Smaller pieces would cost more in headers and tags (28 bytes each) than they save in reads. */
export const MIN_PIECE = 16 << 10;

export interface ColumnChunk {
  rowGroup: number;
  start: number;
}

/** Cut offsets from the column chunks' starts and the footer's: every row group and the footer begin a chunk. */
export function cutsFor(chunks: ColumnChunk[], footerStart: number, minPiece = MIN_PIECE): number[] {
  const sorted = [...chunks].sort((a, b) => a.start - b.start);
  const cuts: number[] = [];
  let last = -Infinity;
  let group = -1;
  for (const c of sorted) {
    if (c.rowGroup !== group || c.start - last >= minPiece) {
      cuts.push(c.start);
      last = c.start;
    }
    group = c.rowGroup;
  }
  return [...cuts, footerStart];
}

/** Where a Parquet file's footer (its metadata, then its length and "PAR1") begins. */
export function footerStart(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n < 12 || new TextDecoder().decode(bytes.subarray(n - 4)) !== 'PAR1') throw new Error('not a Parquet file (no PAR1 at its end)');
  const metadataLength = new DataView(bytes.buffer, bytes.byteOffset + n - 8, 4).getUint32(0, true);
  return n - 8 - metadataLength;
}

/** The column chunks of a Parquet file, as DuckDB's parquet_metadata() gives them. */
export async function columnChunks(file: string): Promise<ColumnChunk[]> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(`SELECT row_group_id, dictionary_page_offset, data_page_offset FROM parquet_metadata($file)`, {
      file
    });
    return reader.getRowObjectsJS().map((r) => {
      const dictionary = r.dictionary_page_offset === null ? null : Number(r.dictionary_page_offset);
      const data = Number(r.data_page_offset);
      // A dictionary page, when the column chunk has one, comes before its data pages.
      return { rowGroup: Number(r.row_group_id), start: dictionary !== null && dictionary > 0 && dictionary < data ? dictionary : data };
    });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Cut offsets for a Parquet file on disk. */
export async function parquetCuts(file: string): Promise<number[]> {
  return cutsFor(await columnChunks(file), footerStart(await readFile(file)));
}
