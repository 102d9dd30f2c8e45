/**
 * Where an export reads its rows: DuckDB, through the query core (the page) or through any
 * duckdb-wasm connection (a console, a script).
 */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { QueryCore } from '../db/coordinator.ts';
import type { ExportSource } from './types.ts';

/**
 * The query core's database: the export's snapshot is made in the core's queue, behind the
 * loads of the month's facts it reads; its windows are read as Arrow IPC bytes straight from the
 * connector, never decoded on the page.
 */
export function coreExportSource(core: QueryCore): ExportSource {
  const connector = () => {
    const c = core.coordinator.databaseConnector();
    if (!c) throw new Error('the query core has no database');
    return c;
  };
  return {
    exec: (sql) => Promise.resolve(core.coordinator.exec(sql)),
    ipc: async (sql) => (await connector().query({ type: 'arrow', sql } as never)) as unknown as Uint8Array
  };
}

/** A duckdb-wasm database, on one connection of its own (opened by `connect`). */
export function duckdbExportSource(
  db: AsyncDuckDB,
  connect: (db: AsyncDuckDB) => Promise<AsyncDuckDBConnection> = (d) => d.connect()
): ExportSource {
  let conn: Promise<AsyncDuckDBConnection> | null = null;
  const open = () => (conn ??= connect(db));
  return {
    exec: async (sql) => (await open()).query(sql),
    ipc: async (sql) => (await open()).useUnsafe((bindings, id) => bindings.runQuery(id, sql))
  };
}
