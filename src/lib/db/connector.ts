/**
 * Connectors: the only way queries reach a database. A connector answers mosaic's
 * `query({ type: 'arrow' | 'exec', sql })` with Arrow IPC bytes (or nothing for exec).
 * The browser runs duckdb-wasm in a web worker (AsyncDuckDB), so queries never block the page;
 * tests and Node scripts use duckdb-wasm's blocking build or @duckdb/node-api (connector-node.ts).
 */
import type { Connector } from '@uwdata/mosaic-core';
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';

/** The part of duckdb-wasm's blocking bindings (Node build, not in the browser typings) used here. */
export interface BlockingDuckDB {
  connect(): BlockingConnection;
}
export interface BlockingConnection {
  useUnsafe<R>(callback: (bindings: { runQuery(conn: number, sql: string): Uint8Array }, conn: number) => R): R;
  close(): void;
}

/** Runs SQL and returns the result as Arrow IPC stream bytes. */
export type IpcRunner = (sql: string) => Promise<Uint8Array>;

interface Request {
  type: string;
  sql: string;
}

/** A mosaic connector over any function that returns Arrow IPC bytes. */
export function ipcConnector(run: IpcRunner): Connector {
  return {
    async query(request: Request) {
      const bytes = await run(request.sql);
      return request.type === 'exec' ? undefined : bytes;
    }
  } as Connector;
}

/**
 * Connector over an AsyncDuckDB (duckdb-wasm in a web worker). One connection, opened on first
 * use; results come back as IPC bytes straight from the worker, without an apache-arrow round trip.
 * `db` may be a promise of the database with its tables loaded: queries wait for it, so views
 * can be set up while the data still loads. `connect` opens the connection (data-database.ts).
 */
export function asyncDuckDBConnector(
  db: AsyncDuckDB | PromiseLike<AsyncDuckDB>,
  connect: (db: AsyncDuckDB) => Promise<AsyncDuckDBConnection> = (d) => d.connect()
): Connector {
  let conn: Promise<AsyncDuckDBConnection> | null = null;
  return ipcConnector(async (sql) => {
    conn ??= Promise.resolve(db).then(connect);
    const c = await conn;
    return c.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
  });
}

/**
 * A request that runs a task instead of SQL: the query core queues loading a month's facts file
 * as an exec request, so that mosaic holds the views' queries until the table is in.
 */
export interface TaskRequest {
  type: 'exec';
  sql: string;
  task: () => Promise<void>;
}

/** Runs a request's `task` when it has one; everything else goes to `inner`. */
export function taskConnector(inner: Connector): Connector {
  return {
    query(request: Request | TaskRequest) {
      return 'task' in request && typeof request.task === 'function' ? request.task().then(() => undefined) : inner.query(request as never);
    }
  } as Connector;
}

/** Connector over duckdb-wasm's blocking bindings (Node tests of the browser SQL path). */
export function blockingDuckDBConnector(db: BlockingDuckDB): Connector {
  let conn: BlockingConnection | null = null;
  return ipcConnector(async (sql) => {
    conn ??= db.connect();
    return conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
  });
}
