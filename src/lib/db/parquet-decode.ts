/**
 * parquet-wasm decoding as a plain result (no exceptions, no i18n), shared by the decoding
 * worker (parquet.worker.ts) and the in-page fallback (parquet.ts).
 */
import initParquet, { ParquetFile, readParquet, readSchema } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

export type DecodeResult =
  | { ok: true; ipc: Uint8Array }
  | { ok: false; kind: 'notParquet'; detail: string }
  | { ok: false; kind: 'missing'; missing: string[] };

export interface DecodeRequest {
  bytes: Uint8Array;
  required: string[];
  /** Only these columns are decoded; all when absent. */
  columns?: string[];
}

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

/** Checks that the bytes are Parquet with the required columns, then decodes them to Arrow IPC. */
export async function decode({ bytes, required, columns }: DecodeRequest): Promise<DecodeResult> {
  await initDecoder();
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
    if (!columns) return { ok: true, ipc: readParquet(bytes).intoIPCStream() };
    // readParquet ignores `columns` (parquet-wasm 0.8); the file reader decodes only those.
    const reader = await ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    try {
      return { ok: true, ipc: (await reader.read({ columns })).intoIPCStream() };
    } finally {
      reader.free();
    }
  } catch (err) {
    return { ok: false, kind: 'notParquet', detail: message(err) };
  }
}
