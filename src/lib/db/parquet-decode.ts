/**
 * parquet-wasm decoding as a plain result (no exceptions, no i18n), shared by the decoding
 * worker (parquet.worker.ts) and the in-page fallback (parquet.ts).
 */
import initParquet, { ParquetFile, readParquet, readSchema } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

export type DecodeResult =
  /** `ipc` is null when the file was handed over in chunks. */
  | { ok: true; ipc: Uint8Array | null }
  | { ok: false; kind: 'notParquet'; detail: string }
  | { ok: false; kind: 'missing'; missing: string[] }
  | { ok: false; kind: 'http'; status: string };

export interface DecodeRequest {
  /** The file's bytes, or where to fetch them (absolute URL; fetched by whoever decodes). */
  bytes?: Uint8Array;
  url?: string;
  required: string[];
  /** Only these columns are decoded; all when absent. */
  columns?: string[];
  /** Hand the file over in chunks (worker messages). */
  chunked?: boolean;
  /**
   * Only these row groups, read from `url` over HTTP range requests (the footer, then only their
   * column chunks) instead of fetching the whole file: a project card's few rows out of a
   * national-size file.
   */
  rowGroups?: number[];
}

/**
 * Rows per chunk when a file is handed over in chunks (whole row groups, so a little more or
 * less). npm run bench at 1M projects: decoding the 12M monthly rows in one piece took the page
 * to 4 GB resident (parquet-wasm's Arrow, its IPC copy and duckdb-wasm's copy at once).
 */
export const CHUNK_ROWS = 125_000;

let ready: Promise<unknown> | null = null;

export function initDecoder(): Promise<unknown> {
  ready ??= initParquet({ module_or_path: parquetWasmUrl });
  return ready;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** parquet-wasm's `indexOf` throws for an absent field instead of returning −1. */
function hasField(schema: { indexOf(name: string): number }, name: string): boolean {
  try {
    return schema.indexOf(name) >= 0;
  } catch {
    return false;
  }
}

async function fetchFile(url: string): Promise<Uint8Array | DecodeResult> {
  try {
    const res = await fetch(url);
    if (!res.ok) return { ok: false, kind: 'http', status: String(res.status) };
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    return { ok: false, kind: 'http', status: message(err) };
  }
}

/**
 * Fetches the file (or takes its bytes), checks that it is Parquet with the required columns,
 * then decodes them to Arrow IPC (with `rowGroups`, only those, over range requests). With
 * `onChunk`, the file is handed over in chunks of whole row
 * groups (CHUNK_ROWS), each as it is decoded, and the result's `ipc` is null. `onChunk` may
 * return a promise (the chunk is in the database): decoding waits for the one before the last,
 * so at most two chunks are ever on their way.
 */
export async function decode(
  request: DecodeRequest,
  onChunk?: (ipc: Uint8Array) => Promise<void> | void
): Promise<DecodeResult> {
  if (request.rowGroups) return readRowGroups(request.url!, request.required, request.columns, request.rowGroups);
  const { required, columns } = request;
  // The fetch runs beside parquet-wasm's start, and off the page's main thread in the worker:
  // there its completion would wait behind the map's WebGL set-up (npm run bench, llvmpipe).
  const [fetched] = await Promise.all([request.bytes ?? fetchFile(request.url!), initDecoder()]);
  if (!(fetched instanceof Uint8Array)) return fetched;
  const bytes = fetched;
  let missing: string[];
  try {
    const schema = readSchema(bytes);
    missing = required.filter((c) => !hasField(schema, c));
    schema.free();
  } catch (err) {
    return { ok: false, kind: 'notParquet', detail: message(err) };
  }
  if (missing.length > 0) return { ok: false, kind: 'missing', missing };
  try {
    if (!columns && !onChunk) return { ok: true, ipc: readParquet(bytes).intoIPCStream() };
    // readParquet ignores `columns` (parquet-wasm 0.8); the file reader decodes only those.
    const reader = await ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    try {
      if (!onChunk) return { ok: true, ipc: (await reader.read(columns ? { columns } : {})).intoIPCStream() };
      let previous: Promise<void> | void = undefined;
      for (const rowGroups of chunksOf(reader.metadata().rowGroups().map((g) => g.numRows()))) {
        const taken = onChunk((await reader.read(columns ? { columns, rowGroups } : { rowGroups })).intoIPCStream());
        await previous;
        previous = taken;
      }
      await previous;
      return { ok: true, ipc: null };
    } finally {
      reader.free();
    }
  } catch (err) {
    return { ok: false, kind: 'notParquet', detail: message(err) };
  }
}

/** Reads some row groups of a file by range requests; checks the columns from the footer first. */
async function readRowGroups(url: string, required: string[], columns: string[] | undefined, rowGroups: number[]): Promise<DecodeResult> {
  await initDecoder();
  let reader: ParquetFile;
  try {
    reader = await ParquetFile.fromUrl(url);
  } catch (err) {
    return { ok: false, kind: 'http', status: message(err) };
  }
  try {
    const schema = reader.schema();
    const missing = required.filter((c) => !hasField(schema, c));
    schema.free();
    if (missing.length > 0) return { ok: false, kind: 'missing', missing };
    const groups = reader.metadata().numRowGroups();
    const outside = rowGroups.find((g) => !Number.isInteger(g) || g < 0 || g >= groups);
    if (outside !== undefined) return { ok: false, kind: 'notParquet', detail: `row group ${outside} of ${groups}` };
    return { ok: true, ipc: (await reader.read(columns ? { columns, rowGroups } : { rowGroups })).intoIPCStream() };
  } catch (err) {
    return { ok: false, kind: 'notParquet', detail: message(err) };
  } finally {
    reader.free();
  }
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
