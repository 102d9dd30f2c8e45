/**
 * Starts duckdb-wasm from bundle files served with the app (never a CDN), in a web worker.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { perfMark } from '../perf.ts';
import { DATA_DATABASE } from './data-database.ts';

export type AsyncDuckDB = duckdb.AsyncDuckDB;
export type AsyncDuckDBConnection = duckdb.AsyncDuckDBConnection;

let opening: Promise<duckdb.AsyncDuckDB> | null = null;

/** One database per page; later callers share the first start. */
export function openDatabase(): Promise<duckdb.AsyncDuckDB> {
  opening ??= start().catch((err) => {
    opening = null;
    throw err;
  });
  return opening;
}

async function start(): Promise<duckdb.AsyncDuckDB> {
  perfMark('duckdb-start');
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker }
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  // Without these DuckDB tries to download extensions, which hangs or breaks offline.
  // (No TimeZone setting: it needs the ICU extension, which the wasm bundles lack; every date
  // in the schema is a DATE, so none is needed.)
  await conn.query(`SET autoinstall_known_extensions = false`);
  await conn.query(`SET autoload_known_extensions = false`);
  await conn.query(`ATTACH ':memory:' AS ${DATA_DATABASE} (COMPRESS)`);
  await conn.close();
  perfMark('duckdb-ready');
  return db;
}
