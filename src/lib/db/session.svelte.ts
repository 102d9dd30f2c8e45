/**
 * The page's data session: which dataset is loaded, how far loading has got, and what failed.
 * Large objects (database, GeoJSON) live in $state.raw so Svelte never proxies them.
 */
import type { DatasetIndexEntry } from '../schema.ts';
import type { Message } from '../i18n/translate.ts';
import { openDatabase, type AsyncDuckDB } from './duckdb.ts';
import { DataLoadError, describeError } from './errors.ts';
import { loadDataset, loadDatasetIndex, type LoadedDataset } from './load-dataset.ts';
import { benchExpose, benchFloorOnly, perfMark } from '../perf.ts';
import { initParquetDecoder } from './parquet.ts';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SessionError {
  message: Message;
  file?: string;
  expected?: string;
}

class DataSession {
  status = $state<SessionStatus>('idle');
  progress = $state<Message | null>(null);
  error = $state<SessionError | null>(null);
  index = $state.raw<DatasetIndexEntry[]>([]);
  datasetId = $state<string | null>(null);
  dataset = $state.raw<LoadedDataset | null>(null);
  db = $state.raw<AsyncDuckDB | null>(null);
  /** Bumped after every successful load so views re-query. */
  version = $state(0);
  #request = 0;

  /** Loads `requestedId` (or the first dataset of the index); a newer call supersedes an older one. */
  async open(baseUrl: string, requestedId: string | null): Promise<void> {
    if (benchFloorOnly) return; // npm run bench: a page that only measures the floor (src/lib/perf.ts)
    const request = ++this.#request;
    const current = () => request === this.#request;
    this.status = 'loading';
    this.error = null;
    perfMark('session-open');
    // Start-up order: the engine (1.5–2 s) and parquet-wasm start at once, while the index and
    // the files are fetched and decoded; loadDataset waits for the engine only to insert.
    initParquetDecoder().catch(() => undefined);
    const opening = openDatabase().catch((err) => {
      throw new DataLoadError({ key: 'error.engine', params: { detail: describeError(err) } }, 'duckdb-wasm');
    });
    opening.catch(() => undefined);
    try {
      this.progress = { key: 'loading.index' };
      const index = this.index.length > 0 ? this.index : await loadDatasetIndex(baseUrl);
      if (!current()) return;
      this.index = index;
      const id = requestedId ?? index[0].id;
      if (!index.some((d) => d.id === id)) {
        throw new DataLoadError({ key: 'error.unknownDataset', params: { id } }, 'data/index.json', index.map((d) => d.id).join(', '));
      }
      this.datasetId = id;
      this.progress = { key: 'loading.engine' };
      const dataset = await loadDataset(opening, baseUrl, id, (m) => current() && (this.progress = m));
      const db = await opening;
      if (!current()) return;
      this.db = db;
      this.dataset = dataset;
      this.status = 'ready';
      this.progress = null;
      this.version += 1;
      perfMark('dataset-ready');
    } catch (err) {
      if (!current()) return;
      console.error(err);
      this.status = 'error';
      this.progress = null;
      this.error =
        err instanceof DataLoadError
          ? { message: err.userMessage, file: err.file, expected: err.expected }
          : { message: { key: 'error.generic', params: { detail: describeError(err) } } };
    }
  }
}

export const session = new DataSession();
benchExpose('session', session);
