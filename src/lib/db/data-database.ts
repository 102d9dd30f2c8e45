/**
 * The in-memory database the dataset's tables go into, compressed (DuckDB's in-memory
 * compression, attached when duckdb-wasm starts). npm run bench at 1M projects: 1.9 GB of
 * tables uncompressed, about 0.3 GB compressed. Connections are per-database in DuckDB, so
 * every connection that reads or writes the tables says so first.
 */
import type { AsyncDuckDB, AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';

export const DATA_DATABASE = 'cm';

/** A connection whose unqualified tables are the dataset's. */
export async function connectData(db: AsyncDuckDB): Promise<AsyncDuckDBConnection> {
  const conn = await db.connect();
  await conn.query(`USE ${DATA_DATABASE}`);
  return conn;
}
