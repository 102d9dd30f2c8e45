/**
 * Runs an export: the query's rows are kept as a table in DuckDB (its order fixed by row
 * number), read back in windows as Arrow IPC and handed to the export worker, which encodes them;
 * progress is told per window, and an abort stops between windows. The page only passes bytes
 * along, so it stays responsive; the file exists only once it is whole.
 */
import { aboutRows, sheetNames } from './about.ts';
import type { WorkerReply, WorkerRequest } from './export.worker.ts';
import { exportFileName } from './file-name.ts';
import { readIpc } from './values.ts';
import { XLSX_MAX_ROWS } from './xlsx.ts';
import type { ExportAbout, ExportColumn, ExportFile, ExportFormat, ExportSource } from './types.ts';

export interface ExportRequest {
  source: ExportSource;
  /** SQL text or a mosaic-sql query; one result column per export column, named by its id. */
  query: string | { toString(): string };
  columns: ExportColumn[];
  about: ExportAbout;
  format: ExportFormat;
}

export interface ExportOptions {
  signal?: AbortSignal;
  /** Rows written so far of the total, after each window. */
  onProgress?: (done: number, total: number) => void;
  /** Rows per window (default WINDOW_ROWS). */
  windowRows?: number;
}

/** Rows per window: about 2–3 MB of Arrow for a dozen columns, a 25th of a million rows. */
export const WINDOW_ROWS = 40_000;

/** An export refused before it started (XLSX beyond its limit). */
export class ExportRefused extends Error {
  constructor(
    readonly reason: 'tooManyRows',
    readonly limit: number
  ) {
    super(`export refused: ${reason} (limit ${limit})`);
  }
}

let exportsMade = 0;
const quoteId = (id: string) => `"${id.replaceAll('"', '""')}"`;

/** Waits for `promise`, or rejects as soon as the signal aborts. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The worker's side of an export: windows acknowledged in order, then the file. */
function workerChannel(worker: Worker) {
  const acks: { resolve: (rows: number) => void; reject: (e: Error) => void }[] = [];
  let done: { resolve: (blob: Blob) => void; reject: (e: Error) => void } | null = null;
  const fail = (error: Error) => {
    for (const a of acks.splice(0)) a.reject(error);
    done?.reject(error);
  };
  worker.onmessage = (e: MessageEvent<WorkerReply>) => {
    const reply = e.data;
    if (reply.type === 'ack') acks.shift()?.resolve(reply.rows);
    else if (reply.type === 'done') done?.resolve(reply.blob);
    else fail(new Error(reply.message));
  };
  worker.onerror = (e) => fail(new Error(e.message || 'export worker failed'));
  const post = (request: WorkerRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
  return {
    start: (request: Extract<WorkerRequest, { type: 'start' }>) => post(request),
    rows: (ipc: Uint8Array) =>
      new Promise<number>((resolve, reject) => {
        acks.push({ resolve, reject });
        post({ type: 'rows', ipc }, [ipc.buffer as ArrayBuffer]);
      }),
    finish: () =>
      new Promise<Blob>((resolve, reject) => {
        done = { resolve, reject };
        post({ type: 'finish' });
      })
  };
}

/** Exports the rows of `request.query` as a file; see export/index.ts. */
export async function exportTable(request: ExportRequest, options: ExportOptions = {}): Promise<ExportFile> {
  const { source, columns, about, format } = request;
  const { signal, onProgress } = options;
  const step = options.windowRows ?? WINDOW_ROWS;
  signal?.throwIfAborted();
  const table = `cm_export_${++exportsMade}_${Date.now().toString(36)}`;
  const select = columns.map((c) => quoteId(c.id)).join(', ');
  const sql = String(request.query).trim().replace(/;+$/, '');
  let worker: Worker | null = null;
  try {
    await abortable(source.exec(`CREATE TABLE ${table} AS ${sql}`), signal);
    const counted = readIpc(await abortable(source.ipc(`SELECT CAST(count(*) AS INTEGER) AS n FROM ${table}`), signal));
    const total = Number(counted.getChild('n')!.at(0));
    if (format === 'xlsx' && total > XLSX_MAX_ROWS) throw new ExportRefused('tooManyRows', XLSX_MAX_ROWS);
    worker = new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });
    const channel = workerChannel(worker);
    channel.start({ type: 'start', format, columns, about: aboutRows(about, columns, total), sheetNames: sheetNames(about) });
    onProgress?.(0, total);
    let done = 0;
    // One window is encoded while the next is read.
    let encoding: Promise<number> = Promise.resolve(0);
    for (let from = 0; from === 0 || from < total; from += step) {
      const ipc = await abortable(
        source.ipc(`SELECT ${select} FROM ${table} WHERE rowid >= ${from} AND rowid < ${from + step} ORDER BY rowid`),
        signal
      );
      done += await abortable(encoding, signal);
      if (from > 0) onProgress?.(done, total);
      encoding = channel.rows(ipc);
    }
    done += await abortable(encoding, signal);
    onProgress?.(done, total);
    const blob = await abortable(channel.finish(), signal);
    return {
      blob,
      name: exportFileName(about.dataset.name, about.month, about.filterSummary, format, about.locale === 'en' ? 'all' : '全部'),
      rows: total
    };
  } finally {
    worker?.terminate();
    // Also after an abort during the CREATE: the drop is queued behind it.
    source.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}
