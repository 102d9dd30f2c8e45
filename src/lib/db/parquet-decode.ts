/**
 * parquet-wasm decoding as a plain result (no exceptions, no i18n), shared by the decoding
 * worker (parquet.worker.ts) and the in-page fallback (parquet.ts).
 */
import initParquet, { ParquetFile, type RecordBatch } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { tableFromIPC } from '@uwdata/flechette';
import { schemaProblems, type ColumnNeed, type TypeMismatch } from './column-types.ts';
import { contextCipher, DecryptError } from '../protect/cipher.ts';
import { MonthReads, type ChunkReads, type ReadChunk } from './local/chunk-columns.ts';
import { asBlob, fetchDecrypted, fetchFile, openEncrypted, untilFailure, type ProtectedBlob } from '../protect/encrypted-file.ts';

/** A decoded chunk: its Arrow IPC, or (the request's `reads`) a piece's UTF-8 columns or the file's columns read. */
export type DecodedChunk = Uint8Array | ReadChunk;

/**
 * Told of each chunk as it is decoded, with the rows the whole decode hands over (every chunk's:
 * a reader can make its arrays once); the next chunk is decoded once a promise it returns settles.
 * The chunk is Arrow IPC unless the request asked for `reads`.
 */
export type ChunkHandler<C extends DecodedChunk = Uint8Array> = (chunk: C, rows: number) => Promise<void> | void;

/**
 * A file's bytes kept for a second decode (`keepFile`): a Blob, which Chromium holds outside the
 * page's process (and may keep on disk), except a protected file's, decrypted: those stay bytes in
 * the page, never written anywhere.
 */
export type KeptFile = Uint8Array | Blob;

export type DecodeResult =
  /**
   * `ipc` is null when the file was handed over in chunks; `file` is the file's (decrypted) bytes
   * when they were asked to be kept (`keepFile`).
   */
  | { ok: true; ipc: Uint8Array | null; file?: KeptFile }
  | { ok: false; kind: 'notParquet'; detail: string }
  /** The file does not end with a Parquet footer: cut short (a broken upload or copy), or not Parquet at all. */
  | { ok: false; kind: 'noFooter' }
  | { ok: false; kind: 'missing'; missing: string[] }
  | { ok: false; kind: 'types'; mismatched: TypeMismatch[] }
  | { ok: false; kind: 'http'; status: string }
  /** A protected file that does not decrypt: changed, cut short, or not of this build. */
  | { ok: false; kind: 'decrypt' };

export interface DecodeRequest {
  /** The file's bytes (kept by an earlier decode), or where to read them (absolute URL; read by whoever decodes). */
  bytes?: KeptFile;
  url?: string;
  /** Columns the file must have, with their types where the schema gives them. */
  required: ColumnNeed[];
  /** Only these columns are decoded; all when absent. */
  columns?: string[];
  /** Hand the file over in chunks (worker messages). */
  chunked?: boolean;
  /**
   * Read the file whole (not by ranges) and give its bytes back with the result: a second decode
   * of them (`bytes`) needs no second fetch (facts-reads.ts: the decoded month is 7× its file).
   */
  keepFile?: boolean;
  /**
   * The file handed over as these columns read (chunk-columns.ts), not as Arrow IPC: each piece's
   * UTF-8 columns as it is decoded, then the other columns of every row after the last piece. Read
   * where it is decoded, off the page's main thread in the worker.
   */
  reads?: ChunkReads;
  /** Rows per chunk (whole row groups; default CHUNK_ROWS). */
  chunkRows?: number;
  /** Only these row groups (a project card's few rows out of a national-size file). */
  rowGroups?: number[];
  /** A protected build's file: the data key, and the file's name in the site (authenticated with each chunk). */
  protectedBy?: { key: Uint8Array; path: string };
}

/**
 * Rows per chunk when a file is handed over in chunks (whole row groups, so a little more or
 * less). npm run bench at 1M projects: decoding the 12M monthly rows in one piece took the page
 * to 4 GB resident (parquet-wasm's Arrow, its IPC copy and duckdb-wasm's copy at once).
 */
export const CHUNK_ROWS = 125_000;

/**
 * Rows per piece of a chunk whose columns are read where it is decoded (`reads`): parquet-wasm
 * streams the chunk's row groups in batches of this many rows, each read and handed over before
 * the next is decoded, so that a chunk's Arrow and its IPC copy are never whole in memory.
 * probe-memory.ts at 100k projects (one row group of 100k rows): each month step took the renderer
 * 225–250 MB above its rest decoding the chunk whole, 130–150 MB in pieces of 16,384 (8,192: the
 * same); at 1M the step was no slower (5.3–5.9 s against 6.0–6.6 s).
 */
export const READ_BATCH_ROWS = 16_384;

let ready: Promise<unknown> | null = null;

export function initDecoder(): Promise<unknown> {
  ready ??= initParquet({ module_or_path: parquetWasmUrl });
  return ready;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The file's Arrow fields, as parquet-wasm will decode them (its schema as an IPC stream of no rows). */
function fieldsOf(reader: ParquetFile) {
  return tableFromIPC(reader.schema().intoIPCStream()).schema.fields;
}

/** A file to read: its bytes, a URL whose server answers range requests, or a protected file read by ranges. */
type Source = { bytes: Uint8Array } | { kept: Blob } | { ranged: string } | { blob: ProtectedBlob };

/**
 * Asks for the file's last 8 bytes. A server that answers the range (206, as every static server
 * does) is read by range requests, the footer first and then only the column chunks decoded:
 * the whole file is never held in memory. A server that sends the whole file instead (200) gives
 * its bytes. parquet-wasm's URL reader panics, and never settles, on a 404 or on a file that is
 * not Parquet, so both are found here first: the status, and the footer's magic "PAR1".
 */
async function openSource(url: string, inParts: boolean): Promise<Source | DecodeResult> {
  try {
    const res = await fetch(url, inParts ? { headers: { Range: 'bytes=-8' } } : {});
    if (!res.ok) return { ok: false, kind: 'http', status: String(res.status) };
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!endsWithFooter(bytes)) return NO_FOOTER;
    return res.status === 206 ? { ranged: url } : { bytes };
  } catch (err) {
    return { ok: false, kind: 'http', status: message(err) };
  }
}

const NO_FOOTER: DecodeResult = { ok: false, kind: 'noFooter' };
const NOT_DECRYPTED: DecodeResult = { ok: false, kind: 'decrypt' };

/**
 * A protected file: read whole and decrypted, or (read in parts) its header first and then only
 * the chunks that parquet-wasm asks for, through a Blob-like reader.
 */
async function openProtectedSource(
  url: string,
  inParts: boolean,
  by: NonNullable<DecodeRequest['protectedBy']>
): Promise<Source | DecodeResult> {
  try {
    const keys = { key: by.key, cipher: await contextCipher() };
    const get = fetchFile(fetch, url);
    const opened = inParts ? await openEncrypted(get, by.path, keys) : await fetchDecrypted(get, by.path, keys);
    if ('status' in opened) return { ok: false, kind: 'http', status: String(opened.status) };
    if ('bytes' in opened) return endsWithFooter(opened.bytes) ? opened : NO_FOOTER;
    const size = opened.ranged.size;
    if (!endsWithFooter(await opened.ranged.read(Math.max(0, size - 8), size))) return NO_FOOTER;
    return { blob: asBlob(opened.ranged) };
  } catch (err) {
    return err instanceof DecryptError ? NOT_DECRYPTED : { ok: false, kind: 'http', status: message(err) };
  }
}

/** A Parquet file ends with its footer's length and the magic "PAR1". */
function endsWithFooter(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && String.fromCharCode(...bytes.subarray(bytes.length - 4)) === 'PAR1';
}

/**
 * Reads the file (bytes, or over range requests when its server answers them and the file is
 * read in parts), checks that it is Parquet with the required columns and types, then decodes them to
 * Arrow IPC: only `rowGroups` when given. With `onChunk`, the file is handed over in chunks of
 * whole row groups (`chunkRows`), each as it is decoded (as its columns read, with `reads`), and
 * the result's `ipc` is null. `onChunk` may return a promise (the chunk is in the database): the
 * next chunk is decoded once it settles.
 */
export async function decode(request: DecodeRequest, onChunk?: ChunkHandler<DecodedChunk>): Promise<DecodeResult> {
  const { required, columns, rowGroups } = request;
  // The fetch runs beside parquet-wasm's start, and off the page's main thread in the worker:
  // there its completion would wait behind the map's WebGL set-up (npm run bench, llvmpipe).
  const inParts = (!!onChunk && !request.keepFile) || !!rowGroups;
  const opening: Source | Promise<Source | DecodeResult> = request.bytes
    ? request.bytes instanceof Blob
      ? { kept: request.bytes }
      : { bytes: request.bytes }
    : request.protectedBy
      ? openProtectedSource(request.url!, inParts, request.protectedBy)
      : openSource(request.url!, inParts);
  const [source] = await Promise.all([opening, initDecoder()]);
  if ('ok' in source) return source;
  if ('bytes' in source && !endsWithFooter(source.bytes)) return NO_FOOTER;
  if ('kept' in source && !endsWithFooter(new Uint8Array(await source.kept.slice(-8).arrayBuffer()))) return NO_FOOTER;
  // The bytes as a Blob, kept as the result's file unless they are a protected file's (KeptFile).
  const whole = 'bytes' in source ? new Blob([source.bytes as Uint8Array<ArrayBuffer>]) : 'kept' in source ? source.kept : null;
  let reader: ParquetFile;
  try {
    reader =
      'ranged' in source
        ? await ParquetFile.fromUrl(source.ranged)
        : 'blob' in source
          ? await untilFailure(source.blob, ParquetFile.fromFile(source.blob))
          : await ParquetFile.fromFile(whole!);
  } catch (err) {
    return failed(source, err);
  }
  try {
    // Names and types before a row is decoded: a chunk is never handed over from a file that fails.
    const { missing, mismatched } = schemaProblems(fieldsOf(reader), required);
    if (missing.length > 0) return { ok: false, kind: 'missing', missing };
    if (mismatched.length > 0) return { ok: false, kind: 'types', mismatched };
    // A protected file's read settles with its first chunk that fails to decrypt.
    const untilRead = <T>(work: Promise<T>) => ('blob' in source ? untilFailure(source.blob, work) : work);
    const read = async (groups?: number[]) =>
      (await untilRead(reader.read({ ...(columns ? { columns } : {}), ...(groups ? { rowGroups: groups } : {}) }))).intoIPCStream();
    const groupRows = reader
      .metadata()
      .rowGroups()
      .map((g) => g.numRows());
    if (rowGroups) {
      const outside = rowGroups.find((g) => !Number.isInteger(g) || g < 0 || g >= groupRows.length);
      if (outside !== undefined) return { ok: false, kind: 'notParquet', detail: `row group ${outside} of ${groupRows.length}` };
    }
    if (!onChunk) return { ok: true, ipc: await read(rowGroups) };
    // One chunk at a time: the next is decoded once this one is in the database (npm run bench
    // at 1M: decoding one ahead kept a third 53 MB chunk alive during a month's load). Columns
    // read here (`reads`) are handed over without a wait (parquet.worker.ts), in pieces of
    // READ_BATCH_ROWS.
    const rows = groupRows.reduce((n, r) => n + r, 0);
    const { reads } = request;
    const month = reads ? new MonthReads(reads, rows) : null;
    for (const groups of chunksOf(groupRows, request.chunkRows)) {
      if (!month) {
        await onChunk(await read(groups), rows);
        continue;
      }
      const stream = (await untilRead(
        reader.stream({ ...(columns ? { columns } : {}), rowGroups: groups, batchSize: READ_BATCH_ROWS })
      )) as ReadableStream<RecordBatch>;
      const batches = stream.getReader();
      let pieces = 0;
      for (; ; pieces++) {
        const next = await untilRead(batches.read());
        if (next.done) break;
        await onChunk(month.piece(next.value.intoIPCStream()), rows);
      }
      // A file of no rows is still handed over, as one chunk of none.
      if (pieces === 0) await onChunk(month.piece(await read(groups)), rows);
    }
    // The month's columns go once, after its last piece (chunk-columns.ts).
    if (month) await onChunk(month.columns(), rows);
    if (!request.keepFile || !('bytes' in source)) return { ok: true, ipc: null };
    return { ok: true, ipc: null, file: request.protectedBy ? source.bytes : whole! };
  } catch (err) {
    return failed(source, err);
  } finally {
    // A read left pending by a failed protected chunk still holds the reader: freeing it would throw.
    if (!('blob' in source && source.blob.failure !== null)) reader.free();
  }
}

/** Why reading failed: a protected file's chunk that did not decrypt (or could not be fetched), else what parquet-wasm said. */
function failed(source: Source, err: unknown): DecodeResult {
  if ('blob' in source && source.blob.failure !== null) {
    const failure = source.blob.failure;
    return failure instanceof DecryptError ? NOT_DECRYPTED : { ok: false, kind: 'http', status: message(failure) };
  }
  return { ok: false, kind: 'notParquet', detail: message(err) };
}

/** Row group indexes in runs of about CHUNK_ROWS rows (at least one group each, at least one run). */
export function chunksOf(groupRows: number[], chunkRows = CHUNK_ROWS): number[][] {
  const out: number[][] = [[]];
  let rows = 0;
  groupRows.forEach((n, i) => {
    if (out.at(-1)!.length && rows + n > chunkRows) {
      out.push([]);
      rows = 0;
    }
    out.at(-1)!.push(i);
    rows += n;
  });
  return out;
}
