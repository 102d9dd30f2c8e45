/**
 * Parquet → Arrow IPC with parquet-wasm: duckdb-wasm cannot read Parquet offline by itself.
 */
import initParquet, { ParquetFile, readParquet, readSchema } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { DataLoadError, describeError } from './errors.ts';

let ready: Promise<unknown> | null = null;

export function initParquetDecoder(): Promise<unknown> {
  ready ??= initParquet({ module_or_path: parquetWasmUrl });
  return ready;
}

/** parquet-wasm's `indexOf` throws for an absent field instead of returning −1. */
function hasField(schema: { indexOf(name: string): number }, name: string): boolean {
  try {
    return schema.indexOf(name) >= 0;
  } catch {
    return false;
  }
}

/**
 * Decodes a Parquet file, checking first that it is Parquet and has the required columns.
 * With `columns`, only those are decoded (the rest are never copied out of the file).
 */
export async function parquetToIpc(bytes: Uint8Array, file: string, requiredColumns: string[], columns?: string[]): Promise<Uint8Array> {
  await initParquetDecoder();
  let missing: string[];
  try {
    const schema = readSchema(bytes);
    missing = requiredColumns.filter((c) => !hasField(schema, c));
    schema.free();
  } catch (err) {
    throw new DataLoadError({ key: 'error.notParquet', params: { file, detail: describeError(err) } }, file, 'Parquet');
  }
  if (missing.length > 0) {
    throw new DataLoadError(
      { key: 'error.missingColumns', params: { file, columns: missing.join(', ') } },
      file,
      requiredColumns.join(', ')
    );
  }
  try {
    if (!columns) return readParquet(bytes).intoIPCStream();
    // readParquet ignores `columns` (parquet-wasm 0.8); the file reader decodes only those.
    const reader = await ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    try {
      return (await reader.read({ columns })).intoIPCStream();
    } finally {
      reader.free();
    }
  } catch (err) {
    throw new DataLoadError({ key: 'error.notParquet', params: { file, detail: describeError(err) } }, file, 'Parquet');
  }
}
