/**
 * The console page's state and actions: a client of the query core (it learns the month's facts
 * table and the filters' predicate from the core's context, has the source tables a query reads
 * loaded through `tables`, and counts the selection), the runner on a connection of its own, the
 * result, the history and saved queries, and the export of a result.
 */
import { and, count, Query, sql as raw } from '@uwdata/mosaic-sql';
import { classify, type QueryKind } from '$lib/console/classify.ts';
import { resultColumns, type ResultColumn } from '$lib/console/cells.ts';
import { lineColumn, type SqlError } from '$lib/console/duckdb-error.ts';
import { QueryStore, type HistoryEntry, type SavedQuery } from '$lib/console/history.ts';
import { ConsoleRunner, ConsoleSqlError, type ConsoleBindings, type RunResult } from '$lib/console/runner.ts';
import { tablesRead, type ConsoleSources } from '$lib/console/stable-names.ts';
import type { CoreClient } from '$lib/db/coordinator-client.ts';
import { DATA_DATABASE } from '$lib/db/data-database.ts';
import type { TableName } from '$lib/schema.ts';
import type { FilterState } from '$lib/state/filters.ts';
import type { Message } from '$lib/i18n/translate.ts';
import type { Workspace } from '$lib/workspace/workspace.svelte.ts';
import type { AsyncDuckDBConnection } from '$lib/db/duckdb.ts';
import { exportResult, type ExportState } from './console-export.ts';
import type { ExportFormat } from '$lib/export/index.ts';

/** Rows of a result shown; the count and an export cover them all. */
export const DISPLAY_LIMIT = 1000;

export interface ConsoleResult {
  /** The editor's text that ran, and the statement sent (blank where the text had comments before it). */
  text: string;
  sql: string;
  kind: QueryKind;
  run: RunResult;
  columns: ResultColumn[];
  /** What the views were made over, kept for an export of this result. */
  sources: ConsoleSources;
  month: string;
  filters: FilterState;
}

export type ConsoleStatus =
  | { kind: 'idle' }
  | { kind: 'loading'; tables: TableName[] }
  | { kind: 'running'; rows: number }
  | { kind: 'done' }
  | { kind: 'refused'; message: Message }
  | { kind: 'error'; error: SqlError; table?: boolean };

/** Where the editor marks a refusal or an error (UTF-16 offsets into the text that ran). */
export interface ConsoleMark {
  from: number;
  to: number;
  message: string;
}

interface SourcesWaiter {
  tables: readonly TableName[];
  resolve: (s: ConsoleSources) => void;
  reject: (e: unknown) => void;
}

export class ConsoleSession {
  status = $state.raw<ConsoleStatus>({ kind: 'idle' });
  result = $state.raw<ConsoleResult | null>(null);
  /** Projects in the month's facts and in the selection (the filters). */
  counts = $state.raw<{ total: number; selected: number } | null>(null);
  mark = $state.raw<ConsoleMark | null>(null);
  history = $state.raw<HistoryEntry[]>([]);
  saved = $state.raw<SavedQuery[]>([]);
  exporting = $state.raw<ExportState | null>(null);

  readonly #ws: Workspace;
  readonly #store: QueryStore;
  readonly #runner: Promise<ConsoleRunner>;
  readonly #conn: Promise<AsyncDuckDBConnection>;
  #client: CoreClient | null = null;
  #declared: TableName[] = [];
  #sources: ConsoleSources | null = null;
  #queried: ConsoleSources | null = null;
  #waiting = false;
  #waiters: SourcesWaiter[] = [];
  #exportAbort: AbortController | null = null;
  #destroyed = false;

  constructor(ws: Workspace, storage: Storage | null) {
    this.#ws = ws;
    this.#store = new QueryStore(storage, ws.datasetId);
    this.history = this.#store.history();
    this.saved = this.#store.saved();
    // A connection of its own: its temporary views, its settings (errors as JSON) and its
    // transactions never touch the core's connection.
    this.#conn = ws.db.then((db) => db.connect());
    this.#runner = this.#conn.then((conn) =>
      conn.useUnsafe((bindings, id) => new ConsoleRunner(bindings as unknown as ConsoleBindings, id))
    );
    this.#runner.catch(() => undefined);
    this.#connect();
  }

  get store(): QueryStore {
    return this.#store;
  }

  get running(): boolean {
    return this.status.kind === 'running' || this.status.kind === 'loading';
  }

  /**
   * The core's client: re-queried on every month or filter change, its context is what the views
   * are made over; made again when a query needs another source table (`tables`).
   */
  #connect(): void {
    this.#client?.destroy();
    const tables = [...this.#declared];
    this.#client = this.#ws.core.client({
      tables,
      query: (ctx) => {
        const filter = ctx.filter ? String(and(ctx.filter)) : '';
        const facts = ctx.facts.facts;
        this.#queried = { facts, filter: filter || null, tables, internal: this.#ws.internal, database: DATA_DATABASE };
        return Query.from(ctx.facts).select({ total: count(), selected: filter ? count().where(raw`${filter}`) : count() });
      },
      pending: () => (this.#waiting = true),
      result: (table) => {
        const row = table.toArray()[0] as { total: number; selected: number } | undefined;
        this.counts = row ? { total: Number(row.total), selected: Number(row.selected) } : null;
        this.#sources = this.#queried;
        this.#waiting = false;
        this.#settle();
      },
      error: (err) => {
        this.#waiting = false;
        for (const w of this.#waiters.splice(0)) w.reject(err);
      }
    });
  }

  /** Resolves the waiters whose tables the current sources cover. */
  #settle(): void {
    const sources = this.#sources;
    if (!sources || this.#waiting) return;
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.tables.every((t) => sources.tables.includes(t))) return true;
      w.resolve(sources);
      return false;
    });
  }

  /** The sources once the core has the month's facts and `tables` loaded. */
  #sourcesWith(tables: TableName[]): Promise<ConsoleSources> {
    const missing = tables.filter((t) => !this.#declared.includes(t));
    if (missing.length) {
      this.#declared = [...this.#declared, ...missing];
      this.#connect();
    }
    return new Promise((resolve, reject) => {
      this.#waiters.push({ tables, resolve, reject });
      this.#settle();
    });
  }

  /** Runs the editor's text, unless the classifier refuses it; records it in the history. */
  async run(text: string, describe: (m: Message) => string): Promise<void> {
    if (this.running) return;
    this.mark = null;
    const verdict = classify(text);
    if (!verdict.ok) {
      const at = lineColumn(text, verdict.from);
      const word = verdict.word ?? '';
      const message: Message = { key: `console.refused.${verdict.reason}`, params: { word, lower: word.toLowerCase(), ...at } } as Message;
      this.status = { kind: 'refused', message };
      if (verdict.reason !== 'empty') this.mark = { from: verdict.from, to: verdict.to, message: describe(message) };
      return;
    }
    this.status = { kind: 'running', rows: 0 };
    let shown = 0;
    try {
      const runner = await this.#runner;
      const needed = tablesRead(await runner.tableNames(verdict.sql), this.#ws.internal);
      if (needed.some((t) => !this.#declared.includes(t))) this.status = { kind: 'loading', tables: needed };
      const sources = await this.#sourcesWith(needed);
      const month = this.#ws.month;
      const filters = $state.snapshot(this.#ws.filters) as FilterState;
      this.status = { kind: 'running', rows: 0 };
      const run = await runner.run(verdict.sql, sources, {
        limit: DISPLAY_LIMIT,
        onProgress: (rows) => {
          const now = performance.now();
          if (now - shown > 100) {
            shown = now;
            this.status = { kind: 'running', rows };
          }
        }
      });
      if (this.#destroyed) return;
      this.result = {
        text,
        sql: verdict.sql,
        kind: verdict.kind,
        run,
        columns: run.rows ? resultColumns(run.rows) : [],
        sources,
        month,
        filters
      };
      this.status = { kind: 'done' };
      this.#record({ sql: text, at: new Date().toISOString(), status: run.status, rows: run.rowCount });
    } catch (err) {
      if (this.#destroyed) return;
      const error: SqlError =
        err instanceof ConsoleSqlError ? err.error : { type: null, message: err instanceof Error ? err.message : String(err), at: null };
      // The results of an earlier run below an error would read as this query's.
      this.result = null;
      this.status = { kind: 'error', error };
      if (error.at) this.mark = { from: error.at.offset, to: wordEnd(verdict.sql, error.at.offset), message: error.message };
      this.#record({ sql: text, at: new Date().toISOString(), status: 'error', rows: null });
    }
  }

  cancel(): void {
    this.#runner.then((r) => r.cancel()).catch(() => undefined);
  }

  #record(entry: HistoryEntry): void {
    this.#store.record(entry);
    this.history = this.#store.history();
  }

  clearHistory(): void {
    this.#store.clearHistory();
    this.history = [];
  }

  save(name: string, text: string): boolean {
    const ok = this.#store.save(name, text);
    this.saved = this.#store.saved();
    return ok;
  }

  removeSaved(name: string): void {
    this.#store.remove(name);
    this.saved = this.#store.saved();
  }

  /** Exports the whole result shown (the query runs again into the export). */
  async export(format: ExportFormat): Promise<void> {
    const result = this.result;
    if (!result || result.kind === 'explain' || this.exporting?.busy) return;
    this.#exportAbort = new AbortController();
    await exportResult({
      ws: this.#ws,
      runner: await this.#runner,
      result,
      format,
      signal: this.#exportAbort.signal,
      update: (state) => (this.exporting = state)
    });
  }

  cancelExport(): void {
    this.#exportAbort?.abort(new DOMException('cancelled', 'AbortError'));
  }

  destroy(): void {
    this.#destroyed = true;
    this.#client?.destroy();
    this.#exportAbort?.abort();
    this.#runner
      .then((r) => {
        r.cancel();
        // Behind the run it cancelled, in the runner's queue.
        return r.exec('SELECT 1');
      })
      .then(() => this.#conn)
      .then((c) => c.close())
      .catch(() => undefined);
    for (const w of this.#waiters.splice(0)) w.reject(new Error('the console was closed'));
  }
}

/** The end of the word at `offset` (an error's mark covers the name or token it is at). */
function wordEnd(text: string, offset: number): number {
  const match = /^[\p{L}\p{N}_$"]+/u.exec(text.slice(offset));
  return Math.min(text.length, offset + Math.max(1, match ? match[0].length : 1));
}
