/**
 * Parquet → Arrow IPC with parquet-wasm: duckdb-wasm cannot read Parquet offline by itself.
 *
 * Files are fetched and decoded in a web worker (parquet.worker.ts) that ends once no file is left to decode:
 * the main thread stays free (at 1M projects decoding takes seconds, and duckdb-wasm's start needs
 * the main thread too), and parquet-wasm's WebAssembly memory — which never shrinks — goes with
 * the worker instead of staying with the page. Without workers it decodes in the page.
 */
import { DataLoadError } from './errors.ts';
import type { ColumnNeed } from './column-types.ts';
import type { ChunkHandler, DecodedChunk, DecodeRequest, DecodeResult, KeptFile } from './parquet-decode.ts';
import { chunkBuffers } from './local/chunk-columns.ts';

/**
 * One decoding worker, shared by the files of a load, ended as soon as none is left to decode —
 * unless it has only decoded small files so far: then it waits IDLE_MS for the next one. A page
 * reading a month series (twelve small facts files, one load after the other) started and compiled
 * the worker twelve times, 0.3–0.6 s each on two cores: most of a district page's first visit.
 * After a large file its WebAssembly memory goes at once, as before (the 1M renderer peak).
 */
let worker: Worker | null = null;
let pending = 0;
let decodedBytes = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
const IDLE_MS = 1500;
/** Arrow bytes a worker may have decoded and still wait for the next file (1k–10k projects' facts). */
const SMALL_BYTES = 16 * 2 ** 20;
let nextId = 0;
interface Waiting {
  resolve: (r: DecodeResult) => void;
  reject: (e: Error) => void;
  onChunk?: ChunkHandler<DecodedChunk>;
}
const waiting = new Map<number, Waiting>();

function ensureWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === 'undefined') return null;
  try {
    const w = new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<(DecodeResult | { chunk: DecodedChunk; n: number; rows: number }) & { id: number }>) => {
      const entry = waiting.get(e.data.id);
      // The chunks come ahead of the file's result.
      if ('chunk' in e.data) decodedBytes += chunkBytes(e.data.chunk);
      else if (e.data.ok) decodedBytes += (e.data.ipc?.byteLength ?? 0) + (e.data.file instanceof Uint8Array ? e.data.file.byteLength : 0);
      if ('chunk' in e.data) {
        const { id, n, chunk, rows } = e.data;
        const told = Promise.resolve(entry?.onChunk?.(chunk, rows)).catch(() => undefined);
        // Told once the chunk is in the database: the worker decodes ahead by one chunk only. A
        // chunk's columns read in the worker are not waited for (parquet.worker.ts).
        if (chunk instanceof Uint8Array) void told.finally(() => w.postMessage({ ack: id, n }));
        return;
      }
      entry?.resolve(e.data);
      waiting.delete(e.data.id);
    };
    w.onerror = (e) => {
      for (const { reject } of waiting.values()) reject(new Error(e.message || 'parquet decoding worker failed'));
      waiting.clear();
      if (worker === w) worker = null;
      w.terminate();
    };
    worker = w;
    decodedBytes = 0;
    return w;
  } catch {
    return null;
  }
}

function chunkBytes(chunk: DecodedChunk): number {
  return chunk instanceof Uint8Array ? chunk.byteLength : chunkBuffers(chunk).reduce((n, b) => n + b.byteLength, 0);
}

/** Starts the decoding worker ahead of the first file (parquet-wasm compiles meanwhile). */
export function initParquetDecoder(): Promise<unknown> {
  ensureWorker();
  return Promise.resolve();
}

function inWorker(request: DecodeRequest, onChunk?: Waiting['onChunk']): Promise<DecodeResult> | null {
  const w = ensureWorker();
  if (!w) return null;
  clearTimeout(idleTimer);
  const id = ++nextId;
  pending += 1;
  return new Promise<DecodeResult>((resolve, reject) => {
    waiting.set(id, { resolve, reject, onChunk });
    // Bytes to decode are moved, not copied: 62 MB at 1M projects.
    w.postMessage({ ...request, id }, request.bytes instanceof Uint8Array ? [request.bytes.buffer as ArrayBuffer] : []);
  }).finally(() => {
    pending -= 1;
    if (pending > 0 || worker !== w) return;
    // Nothing left to decode: end the worker, and with it parquet-wasm's memory.
    const end = () => {
      if (pending > 0 || worker !== w) return;
      worker = null;
      w.terminate();
    };
    if (decodedBytes > SMALL_BYTES) end();
    else idleTimer = setTimeout(end, IDLE_MS);
  });
}

async function inPage(request: DecodeRequest, onChunk?: Waiting['onChunk']): Promise<DecodeResult> {
  const { decode } = await import('./parquet-decode.ts');
  return decode(request, onChunk);
}

/**
 * Fetches and decodes a Parquet file (in the worker), checking first that it is Parquet and has
 * the required columns, of types that can stand for the schema's (column-types.ts). With `columns`, only those are decoded (the rest are never copied out of
 * the file). With `onChunk`, the file comes in chunks of whole row groups (`chunkRows`), in
 * order, read by range requests where the server answers them, and the result is null; a chunk
 * is only ever handed over once the file has passed those checks. When `onChunk` returns a
 * promise, the next chunk is decoded once it has settled (parquet-decode.ts). With `whole.keepFile`
 * (chunks only), the file is read whole and its bytes are the result (a KeptFile: a Blob unless
 * protected); `whole.bytes` decodes a file so kept instead of fetching it (bytes are handed to
 * the worker: the caller lets them go).
 * With `whole.reads`, each chunk is handed over as those columns read from it (the chunks are then
 * ReadChunks: `C`).
 */
export async function parquetToIpc<C extends DecodedChunk = Uint8Array>(
  url: string,
  file: string,
  requiredColumns: ColumnNeed[],
  columns?: string[],
  onChunk?: ChunkHandler<C>,
  chunkRows?: number,
  key?: Uint8Array | null,
  whole: Pick<DecodeRequest, 'keepFile' | 'bytes' | 'reads'> = {}
): Promise<KeptFile | null> {
  const request: DecodeRequest = {
    url: new URL(url, location.href).href,
    required: requiredColumns,
    columns,
    chunked: !!onChunk,
    chunkRows,
    ...(whole.reads ? { reads: whole.reads } : {}),
    // Bytes kept from a first read are decrypted already.
    ...(whole.bytes ? { bytes: whole.bytes } : { keepFile: whole.keepFile, ...protection(file, key) })
  };
  const handler = onChunk as ChunkHandler<DecodedChunk> | undefined;
  return checked(await (inWorker(request, handler) ?? inPage(request, handler)), request, file);
}

/**
 * Reads only some row groups and columns of a file, over HTTP range requests (the footer, then
 * those column chunks): the static host never sends the rest of the file. Decoded in the page,
 * not the worker: a few row groups keep parquet-wasm's memory small, and a worker would be started
 * (and its 5 MB of WebAssembly compiled) again for every project card.
 */
export async function parquetRowGroupsToIpc(
  url: string,
  file: string,
  requiredColumns: ColumnNeed[],
  columns: string[],
  rowGroups: number[],
  key?: Uint8Array | null
): Promise<Uint8Array> {
  const request: DecodeRequest = {
    url: new URL(url, location.href).href,
    required: requiredColumns,
    columns,
    rowGroups,
    ...protection(file, key)
  };
  // No file is kept: the result is Arrow IPC.
  return (await checked(await inPage(request), request, file)) as Uint8Array;
}

/** A protected build's file is decrypted by whoever reads it (the worker or the page) with the build's data key. */
function protection(file: string, key: Uint8Array | null | undefined): Pick<DecodeRequest, 'protectedBy'> {
  return key ? { protectedBy: { key, path: file } } : {};
}

/** The decoded bytes, or the failure as an error naming the file. */
function checked(result: DecodeResult, request: DecodeRequest, file: string): KeptFile | null {
  if (result.ok) return result.ipc ?? result.file ?? null;
  if (result.kind === 'missing') {
    throw new DataLoadError(
      { key: 'error.missingColumns', params: { file, columns: result.missing.join(', ') } },
      file,
      request.required.map((c) => c.name).join(', ')
    );
  }
  if (result.kind === 'types') {
    const [first, ...others] = result.mismatched;
    const params = { file, column: first.column, expected: first.expected, found: first.found, others: others.length };
    const expected = result.mismatched.map((m) => `${m.column} ${m.expected}`).join(', ');
    throw new DataLoadError({ key: others.length ? 'error.columnTypes' : 'error.columnType', params }, file, expected);
  }
  if (result.kind === 'http') throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: result.status } }, file);
  if (result.kind === 'decrypt') throw new DataLoadError({ key: 'error.decrypt', params: { file } }, file);
  if (result.kind === 'noFooter') throw new DataLoadError({ key: 'error.noParquetFooter', params: { file } }, file, 'Parquet');
  throw new DataLoadError({ key: 'error.notParquet', params: { file, detail: result.detail } }, file, 'Parquet');
}
