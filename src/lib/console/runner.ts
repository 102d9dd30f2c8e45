/**
 * Runs the console's queries on a connection of its own, behind the classifier (classify.ts):
 *
 * 1. the stable views (stable-names.ts) are made again for the month and filters of the moment;
 * 2. DuckDB's parser and binder check the statement without running it (a prepared statement:
 *    syntax and name errors with their position, and more than one statement refused, since
 *    duckdb-wasm would run every statement of a text it is sent);
 * 3. it runs inside `BEGIN TRANSACTION READ ONLY` … `ROLLBACK`: DuckDB itself refuses any write to
 *    the data database, and whatever the statement did to the temporary views is undone.
 *
 * Results stream (duckdb-wasm's pending query), so a long query can be cancelled between polls
 * and a large result is counted without being kept: only the first `limit` rows are decoded for
 * display. The same code drives duckdb-wasm in the page (AsyncDuckDB, in a worker) and in Node
 * tests (its blocking bindings): they share these method names.
 */
import { tableFromIPC, type Table } from '@uwdata/flechette';
import { readSqlError, type SqlError } from './duckdb-error.ts';
import { viewStatements, type ConsoleSources } from './stable-names.ts';

type Awaitable<T> = T | Promise<T>;

/** duckdb-wasm's bindings as the console uses them (AsyncDuckDB, or the blocking Node bindings). */
export interface ConsoleBindings {
  runQuery(conn: number, text: string): Awaitable<Uint8Array>;
  startPendingQuery(conn: number, text: string, allowStreamResult?: boolean): Awaitable<Uint8Array | null>;
  pollPendingQuery(conn: number): Awaitable<Uint8Array | null>;
  cancelPendingQuery(conn: number): Awaitable<boolean>;
  fetchQueryResults(conn: number): Awaitable<Uint8Array | null>;
  getTableNames(conn: number, text: string): Awaitable<string[]>;
  createPrepared(conn: number, text: string): Awaitable<number>;
  closePrepared(conn: number, statement: number): Awaitable<void>;
}

/** An error of the console's SQL, with its position when DuckDB gave one. */
export class ConsoleSqlError extends Error {
  constructor(readonly error: SqlError) {
    super(error.message);
  }
}

export interface RunResult {
  /** 'cancelled': stopped by `cancel()`; the rows and count are those received until then. */
  status: 'done' | 'cancelled';
  /** The first rows (at most `limit`, decimals as scaled integers), with the result's columns; null if cancelled before any. */
  rows: Table | null;
  /** Rows in the whole result (received, when cancelled). */
  rowCount: number;
  ms: number;
}

export interface RunOptions {
  /** Rows kept for display; the rest are counted only. */
  limit: number;
  /** After each poll or chunk: rows received so far. */
  onProgress?: (rows: number) => void;
}

/** Decimals as exact scaled integers and 64-bit integers as BigInt: the console shows values as stored. */
const DECODE = { useDecimalInt: true, useBigInt: true } as const;

export class ConsoleRunner {
  readonly #b: ConsoleBindings;
  readonly #conn: number;
  #queue: Promise<unknown> = Promise.resolve();
  /** The run under way: `cancel()` marks it. */
  #run: { cancelled: boolean } | null = null;
  #started = false;

  constructor(bindings: ConsoleBindings, conn: number) {
    this.#b = bindings;
    this.#conn = conn;
  }

  /** One task at a time on the connection (runs, exports, name look-ups). */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(async () => {
      if (!this.#started) {
        this.#started = true;
        await this.#b.runQuery(this.#conn, 'SET errors_as_json = true');
      }
      return task();
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #sql<T>(sql: string, step: () => Awaitable<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      throw new ConsoleSqlError(readSqlError(err, sql));
    }
  }

  /** The tables a statement reads, by DuckDB's parser (its syntax errors come with their position). */
  tableNames(sql: string): Promise<string[]> {
    return this.#serial(() => this.#sql(sql, () => this.#b.getTableNames(this.#conn, sql)));
  }

  /**
   * Makes the stable views over `sources` (before every run and export: the month or filters may
   * have changed); a source table whose load failed gets none, so a query of it says it is missing.
   */
  async #views(sources: ConsoleSources): Promise<void> {
    const present = sources.tables.length
      ? Array.from(
          tableFromIPC(await this.#b.runQuery(this.#conn, presentTables(sources.database)))
            .getChild('name')!
            .toArray() as string[]
        )
      : [];
    const statements = viewStatements({ ...sources, tables: sources.tables.filter((t) => present.includes(t)) });
    for (const statement of statements) await this.#sql(statement, () => this.#b.runQuery(this.#conn, statement));
  }

  /** Parses and binds `sql` without running it. */
  async #check(sql: string): Promise<void> {
    const id = await this.#sql(sql, () => this.#b.createPrepared(this.#conn, sql));
    await this.#b.closePrepared(this.#conn, id);
  }

  /** Runs a classified statement; see the module comment. Rejects with ConsoleSqlError. */
  run(sql: string, sources: ConsoleSources, options: RunOptions): Promise<RunResult> {
    const run = { cancelled: false };
    this.#run = run;
    return this.#serial(async () => {
      const t0 = performance.now();
      try {
        await this.#views(sources);
        await this.#check(sql);
        if (run.cancelled) return { status: 'cancelled', rows: null, rowCount: 0, ms: performance.now() - t0 };
        await this.#b.runQuery(this.#conn, 'BEGIN TRANSACTION READ ONLY');
        try {
          return { ...(await this.#stream(sql, run, options)), ms: performance.now() - t0 };
        } finally {
          await this.#b.runQuery(this.#conn, 'ROLLBACK');
        }
      } finally {
        if (this.#run === run) this.#run = null;
      }
    });
  }

  async #stream(sql: string, run: { cancelled: boolean }, { limit, onProgress }: RunOptions): Promise<Omit<RunResult, 'ms'>> {
    const b = this.#b;
    const conn = this.#conn;
    let header = await this.#sql(sql, () => b.startPendingQuery(conn, sql, true));
    while (header === null) {
      if (run.cancelled) {
        await b.cancelPendingQuery(conn);
        return { status: 'cancelled', rows: null, rowCount: 0 };
      }
      onProgress?.(0);
      header = await this.#sql(sql, () => b.pollPendingQuery(conn));
    }
    const kept: Uint8Array[] = [header];
    let keptRows = 0;
    let rowCount = 0;
    for (;;) {
      if (run.cancelled) break;
      const chunk = await this.#sql(sql, () => b.fetchQueryResults(conn));
      if (!chunk || chunk.length === 0) break;
      const rows = tableFromIPC([header, chunk]).numRows;
      if (keptRows < limit) {
        kept.push(chunk);
        keptRows += rows;
      }
      rowCount += rows;
      onProgress?.(rowCount);
    }
    return { status: run.cancelled ? 'cancelled' : 'done', rows: tableFromIPC(kept, DECODE), rowCount };
  }

  /**
   * Stops the running query: between polls DuckDB cancels it; while its rows stream, the rest
   * are not fetched. The run then resolves with status 'cancelled' and the connection is free.
   */
  cancel(): void {
    if (this.#run) this.#run.cancelled = true;
  }

  /** The result's column names and types as DuckDB makes them for a table of it (duplicates renamed). */
  describe(sql: string, sources: ConsoleSources): Promise<{ name: string; type: string }[]> {
    return this.#serial(async () => {
      await this.#views(sources);
      const described = `DESCRIBE SELECT * FROM (${sql})`;
      const ipc = await this.#sql(sql, () => this.#b.runQuery(this.#conn, described));
      const t = tableFromIPC(ipc);
      return t.toArray().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    });
  }

  /**
   * Runs a statement of the console's own (an export's, of a query that ran), after making the
   * views when `sources` are given. Its tables go to the connection's own database, never the data's.
   */
  exec(sql: string, sources?: ConsoleSources): Promise<Uint8Array> {
    return this.#serial(async () => {
      if (sources) await this.#views(sources);
      return this.#sql(sql, () => this.#b.runQuery(this.#conn, sql));
    });
  }
}

/** The names of the data database's tables. */
function presentTables(database: string): string {
  return `SELECT table_name AS name FROM duckdb_tables() WHERE database_name = '${database.replaceAll("'", "''")}' AND schema_name = 'main'`;
}
