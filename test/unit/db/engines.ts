/**
 * The two engines the query core runs on, loaded with the same dataset directory:
 * duckdb-wasm (the browser's engine, blocking Node build) and @duckdb/node-api.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { tableFromIPC } from '@uwdata/flechette';
import type { Connector } from '@uwdata/mosaic-core';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { readParquet } from 'parquet-wasm/node';
import { blockingDuckDBConnector, type BlockingDuckDB } from '../../../src/lib/db/connector.ts';
import { nodeApiConnector, runColumns } from '../../../src/lib/db/connector-node.ts';

const TABLES = ['projects', 'monthly', 'problems'] as const;

export interface Engine {
  connector: Connector;
  /** Rows of a query as plain objects (numbers, strings, booleans, null). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

const require = createRequire(import.meta.url);

/** duckdb-wasm's blocking Node bindings, as far as these tests use them. */
export interface WasmDb extends BlockingDuckDB {
  open(config: object): void;
  connect(): ReturnType<BlockingDuckDB['connect']> & {
    query(sql: string): unknown;
    insertArrowFromIPCStream(ipc: Uint8Array, options: { name: string; create: boolean }): void;
  };
}

export async function createWasm(): Promise<WasmDb> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME
  );
  await db.instantiate(() => {});
  db.open({});
  return db;
}

/** duckdb-wasm with the dataset inserted from Parquet via parquet-wasm, as the browser does. */
export async function openWasm(dir?: string): Promise<Engine> {
  const db = await createWasm();
  const conn = db.connect();
  conn.query(`SET autoinstall_known_extensions = false`);
  conn.query(`SET autoload_known_extensions = false`);
  if (dir) {
    for (const t of TABLES) {
      const ipc = readParquet(new Uint8Array(await readFile(path.join(dir, `${t}.parquet`)))).intoIPCStream();
      conn.insertArrowFromIPCStream(ipc, { name: t, create: true });
    }
  }
  const connector = blockingDuckDBConnector(db);
  return {
    connector,
    async rows(sql) {
      const bytes = conn.useUnsafe((b, id) => b.runQuery(id, sql));
      return tableFromIPC(bytes).toArray() as Record<string, unknown>[];
    },
    close: () => conn.close()
  };
}

/** @duckdb/node-api with the dataset read by its own Parquet reader. */
export async function openNodeApi(dir?: string): Promise<Engine> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false'
  });
  const conn: DuckDBConnection = await instance.connect();
  if (dir) {
    for (const t of TABLES) {
      const file = path.join(dir, `${t}.parquet`).replaceAll("'", "''");
      await conn.run(`CREATE TABLE ${t} AS SELECT * FROM read_parquet('${file}')`);
    }
  }
  return {
    connector: nodeApiConnector(conn),
    async rows(sql) {
      const cols = await runColumns(conn, sql);
      const names = Object.keys(cols);
      const n = names.length ? cols[names[0]].length : 0;
      return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((k) => [k, cols[k][i]])));
    },
    close: () => conn.closeSync()
  };
}
