/** An in-memory node-api database with the dataset tables created empty from schema.ts. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { columnsOf, TABLES, type TableName } from '../../../src/lib/schema.ts';

export async function emptySchemaDb(opts: { publicOnly?: boolean } = {}): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:', { autoload_known_extensions: 'false', autoinstall_known_extensions: 'false' });
  const conn = await instance.connect();
  const names: TableName[] = opts.publicOnly ? ['projects'] : ['projects', 'monthly', 'problems'];
  for (const name of names) {
    const keep = new Set(opts.publicOnly ? columnsOf(name, 'public') : columnsOf(name));
    const cols = TABLES[name].columns.filter((c) => keep.has(c.name)).map((c) => `"${c.name}" ${c.type}`);
    await conn.run(`CREATE TABLE ${name} (${cols.join(', ')})`);
  }
  return conn;
}

/** Throws DuckDB's error when the query does not bind. */
export async function explain(conn: DuckDBConnection, sql: string): Promise<void> {
  await conn.run(`EXPLAIN ${sql}`);
}
