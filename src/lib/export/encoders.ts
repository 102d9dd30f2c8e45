/**
 * The three formats as encoders fed one window of rows (Arrow IPC) at a time, in the export
 * worker. CSV and XLSX read cells through values.ts; Parquet keeps Arrow's types (DECIMAL money,
 * DATE) and is written by parquet-wasm, since duckdb-wasm's Parquet writer is an extension it
 * cannot load offline. Parquet is data for tools, not a sheet: its text is not neutralised.
 */
import { tableFromIPC, tableToIPC } from '@uwdata/flechette';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { csvHeader, csvLines } from './csv.ts';
import { columnReaders, readIpc } from './values.ts';
import type { ExportColumn, ExportFormat } from './types.ts';

export interface Encoder {
  /** One window of rows; resolves with how many it held. */
  add(ipc: Uint8Array): Promise<number>;
  finish(): Promise<Blob>;
}

export interface EncoderOptions {
  format: ExportFormat;
  columns: ExportColumn[];
  /** The XLSX's about sheet (export/about.ts). */
  about: string[][];
  sheetNames: { data: string; about: string };
}

export const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  parquet: 'application/vnd.apache.parquet'
};

function csvEncoder(columns: ExportColumn[]): Encoder {
  // A Blob per window: the browser may keep large blobs out of the worker's heap.
  const parts: Blob[] = [new Blob([csvHeader(columns)])];
  return {
    async add(ipc) {
      const table = readIpc(ipc);
      parts.push(new Blob([csvLines(columnReaders(table, columns), table.numRows)]));
      return table.numRows;
    },
    finish: async () => new Blob(parts, { type: MIME.csv })
  };
}

async function xlsxEncoder(options: EncoderOptions): Promise<Encoder> {
  // SheetJS and parquet-wasm are loaded by the exports that use them only (a CSV starts sooner).
  const { DataSheet, writeWorkbook } = await import('./xlsx.ts');
  const sheet = new DataSheet(options.columns);
  return {
    async add(ipc) {
      const table = readIpc(ipc);
      sheet.add(columnReaders(table, options.columns), table.numRows);
      return table.numRows;
    },
    finish: async () => new Blob([writeWorkbook(sheet, options.about, options.sheetNames) as BlobPart], { type: MIME.xlsx })
  };
}

async function parquetEncoder(): Promise<Encoder> {
  const {
    default: initParquet,
    Compression,
    Table: WasmTable,
    transformParquetStream,
    WriterPropertiesBuilder
  } = await import('parquet-wasm/esm');
  const ready = initParquet({ module_or_path: parquetWasmUrl });
  let input!: ReadableStreamDefaultController<unknown>;
  const batches = new ReadableStream({ start: (c) => void (input = c) });
  const output = ready.then(async () => {
    const properties = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
    return new Response(await transformParquetStream(batches, properties)).blob();
  });
  output.catch(() => undefined);
  return {
    async add(ipc) {
      await ready;
      // duckdb-wasm's IPC stream is read by flechette but not by arrow-rs ("Io error: failed to
      // fill whole buffer"); written again by flechette, with its types (DECIMAL, DATE) kept, it is.
      const table = WasmTable.fromIPCStream(tableToIPC(tableFromIPC(ipc, { useDecimalInt: true }), { format: 'stream' })!);
      let rows = 0;
      for (const batch of table.recordBatches()) {
        rows += batch.numRows;
        input.enqueue(batch);
      }
      return rows;
    },
    async finish() {
      input.close();
      return new Blob([await output], { type: MIME.parquet });
    }
  };
}

export async function createEncoder(options: EncoderOptions): Promise<Encoder> {
  if (options.format === 'csv') return csvEncoder(options.columns);
  if (options.format === 'xlsx') return xlsxEncoder(options);
  return parquetEncoder();
}
