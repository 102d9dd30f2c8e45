/**
 * The page's data session: which dataset is loaded, how far loading has got, and what failed.
 * Large objects (database, GeoJSON) live in $state.raw so Svelte never proxies them.
 */
import type { DatasetIndexEntry } from '../schema.ts';
import type { Message } from '../i18n/translate.ts';
import type { AsyncDuckDB } from './duckdb.ts';
import type { EngineOnDemand } from './engine-on-demand.ts';
import { DataLoadError, describeError, userMessage, type Expected } from './errors.ts';
import { loadDataset, loadDatasetIndex, type LoadedDataset } from './load-dataset.ts';
import { DataLockedError, staticDataSource, type DataSource } from './data-source.ts';
import { keyForPassphrase, readKeyFile, rememberedKey, rememberKey } from './protection.ts';
import type { KeyFile } from '../protect/keys.ts';
import { benchExpose, benchFloorOnly, perfMark } from '../perf.ts';
import { initParquetDecoder } from './parquet.ts';
import type { PreviewColumns } from './preview-points.ts';

/** `locked`: a protected build waiting for its passphrase (`keyFile`); nothing of its data has been read. */
export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error' | 'locked';

export interface SessionError {
  message: Message;
  file?: string;
  expected?: Expected;
}

class DataSession {
  status = $state<SessionStatus>('idle');
  progress = $state<Message | null>(null);
  error = $state<SessionError | null>(null);
  index = $state.raw<DatasetIndexEntry[]>([]);
  datasetId = $state<string | null>(null);
  /** The dataset being shown: set once its metadata and districts are in, before any month's facts are. */
  dataset = $state.raw<LoadedDataset | null>(null);
  /** True once `dataset` is the requested one: the page can be laid out (and answer from the month's facts). */
  staged = $state(false);
  /** The database, once it has started (each month's facts are loaded as the views ask for them). */
  db = $state.raw<AsyncDuckDB | null>(null);
  /**
   * The dataset's engine, started when a view first needs SQL (engine-on-demand.ts): awaiting it
   * starts it, `engine.started` waits for it without starting it.
   */
  engine = $state.raw<EngineOnDemand | null>(null);
  /** The first paint's points, read from the projects file before the database is ready; the page takes them. */
  preview = $state.raw<{ datasetId: string; columns: PreviewColumns } | null>(null);
  /** Bumped for every dataset staged, so views rebuild. */
  version = $state(0);
  /** Where the data files are read from (db/data-source.ts). */
  source: DataSource | null = null;
  /** A protected build's key file, while the passphrase is asked for. */
  keyFile = $state.raw<KeyFile | null>(null);
  /** A protected build's data key, once a passphrase (or the session's remembered key) opened it. */
  #key: Uint8Array | null = null;
  #opened: { baseUrl: string; requestedId: string | null; month: string | null } | null = null;
  #request = 0;
  /** What the last call asked for: asking again (the layout, after the early start) changes nothing. */
  #asked: string | null = null;

  /**
   * Loads `requestedId` (or the first dataset of the index); a newer call supersedes an older one.
   * The same request again is ignored unless the last one failed (retry).
   */
  async open(baseUrl: string, requestedId: string | null, month: string | null = null): Promise<void> {
    if (benchFloorOnly) return; // npm run bench: a page that only measures the floor (src/lib/perf.ts)
    const asked = `${baseUrl}\n${requestedId ?? ''}`;
    if (asked === this.#asked && this.status !== 'error') return;
    this.#asked = asked;
    this.#opened = { baseUrl, requestedId, month };
    const request = ++this.#request;
    const current = () => request === this.#request;
    this.status = 'loading';
    this.error = null;
    this.preview = null;
    perfMark('session-open');
    // The decoding worker compiles parquet-wasm while meta.json and the first paint load: the
    // month's facts are read right after them, and the page is interactive once they are decoded.
    initParquetDecoder().catch(() => undefined);
    // Start-up order: the engine (1.5–2 s) starts when a view first needs SQL, never before the
    // month's facts are decoded (loadDataset). Its module is loaded then too: a page that never
    // needs it (the embed) downloads none of duckdb-wasm.
    const startEngine = () =>
      import('./duckdb.ts')
        .then(({ openDatabase }) => openDatabase())
        .catch((err) => {
          throw new DataLoadError({ key: 'error.engine', params: { detail: describeError(err) } }, 'duckdb-wasm');
        });
    const source = (this.source = staticDataSource(baseUrl, this.#key));
    const load = (id: string) =>
      loadDataset(
        startEngine,
        source,
        id,
        (m) => current() && (this.progress = m),
        (columns) => current() && (this.preview = { datasetId: id, columns }),
        { factsFirst: { month } }
      );
    try {
      this.progress = { key: 'loading.index' };
      // The index first: a dataset the index does not list is never asked for.
      const index = this.index.length > 0 ? this.index : await loadDatasetIndex(source);
      if (!current()) return;
      this.index = index;
      const id = requestedId ?? index[0].id;
      if (!index.some((d) => d.id === id)) {
        throw new DataLoadError({ key: 'error.unknownDataset', params: { id } }, 'data/index.json', index.map((d) => d.id).join(', '));
      }
      this.datasetId = id;
      this.staged = false;
      const { dataset, engine, factsRead } = await load(id);
      if (!current()) return;
      this.db = null;
      this.engine = engine;
      this.dataset = dataset;
      this.staged = true;
      this.progress = { key: 'loading.facts' };
      this.version += 1;
      perfMark('dataset-staged');
      // Ready once the month's facts are decoded: the views answer from them in the page, and those
      // that need SQL say that they wait while the engine starts (views/EngineWait.svelte).
      factsRead.then(() => {
        if (!current() || this.status !== 'loading') return;
        this.status = 'ready';
        this.progress = null;
      });
      engine.started.then(
        (db) => {
          if (!current()) return;
          this.db = db;
          perfMark('dataset-ready');
        },
        (err: unknown) => current() && this.fail(err)
      );
    } catch (err) {
      if (!current()) return;
      if (err instanceof DataLockedError && !this.#key) await this.#lock(source, current);
      else this.fail(err);
    }
  }

  /**
   * Loads the dataset shown again, its index and metadata too: new data published while the page
   * stays open (the war room's screen runs for days). The workspace is replaced once it is staged.
   */
  reload(): Promise<void> {
    const opened = this.#opened;
    if (!opened) return Promise.resolve();
    this.index = [];
    this.#asked = null;
    return this.open(opened.baseUrl, opened.requestedId, opened.month);
  }

  /** A protected build: opened with the key remembered for this browser session, else the passphrase is asked for. */
  async #lock(source: DataSource, current: () => boolean): Promise<void> {
    try {
      const keyFile = await readKeyFile(source);
      const remembered = await rememberedKey(keyFile);
      if (!current()) return;
      if (remembered) return this.#reopen(remembered);
      this.keyFile = keyFile;
      this.status = 'locked';
      this.progress = null;
    } catch (err) {
      if (current()) this.fail(err);
    }
  }

  /**
   * Tries a passphrase on the locked build: false when it opens no slot (nothing is read then);
   * otherwise the load starts again with the data key, remembered for the session if asked.
   */
  async unlock(passphrase: string, remember: boolean): Promise<boolean> {
    const keyFile = this.keyFile;
    if (!keyFile) return false;
    const key = await keyForPassphrase(keyFile, passphrase);
    if (!key || this.keyFile !== keyFile) return false;
    if (remember) rememberKey(keyFile, key);
    this.#reopen(key);
    return true;
  }

  #reopen(key: Uint8Array): void {
    this.#key = key;
    this.keyFile = null;
    this.#asked = null;
    const opened = this.#opened!;
    void this.open(opened.baseUrl, opened.requestedId, opened.month);
  }

  /**
   * Replaces the page with the error screen: a load of the dataset failed, or the workspace cannot
   * show any month of it (workspace.svelte.ts).
   */
  fail(err: unknown): void {
    console.error(err);
    this.status = 'error';
    this.progress = null;
    this.error =
      err instanceof DataLoadError ? { message: err.userMessage, file: err.file, expected: err.expected } : { message: userMessage(err) };
  }
}

export const session = new DataSession();
benchExpose('session', session);
