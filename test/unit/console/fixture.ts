/**
 * A console on duckdb-wasm's Node build over a demo dataset, as in the page: the dataset's tables
 * in the data database (`cm`), the month's facts as the query core names them, and the console's
 * runner on a connection of its own.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readParquet } from 'parquet-wasm/node';
import { ConsoleRunner, type ConsoleBindings } from '../../../src/lib/console/runner.ts';
import type { ConsoleSources } from '../../../src/lib/console/stable-names.ts';
import { DATA_DATABASE } from '../../../src/lib/db/data-database.ts';
import { columnsOf, factsFile, type TableName } from '../../../src/lib/schema.ts';
import { createWasm } from '../db/engines.ts';

export const DEMO = path.resolve('static/data/liuzhou-2022');
export const MONTH = '2022-09';
export const FACTS_TABLE = 'cm_facts_1_2022_09';

export interface ConsoleFixture {
  runner: ConsoleRunner;
  sources(extra?: Partial<ConsoleSources>): ConsoleSources;
  /** Rows of a query on the data database's own connection (to check what the console could not change). */
  rows(sql: string): Record<string, unknown>[];
}

/**
 * `internal: false` loads the dataset as a public build ships it: projects with their public
 * columns only (facts-files.test.ts builds a public dataset the same way).
 */
export async function openConsole({
  internal = true,
  tables = ['projects', 'monthly', 'problems'] as TableName[]
} = {}): Promise<ConsoleFixture> {
  const db = await createWasm();
  const data = db.connect();
  data.query(`SET autoinstall_known_extensions = false`);
  data.query(`SET autoload_known_extensions = false`);
  data.query(`ATTACH ':memory:' AS ${DATA_DATABASE}`);
  data.query(`USE ${DATA_DATABASE}`);
  const insert = async (file: string, name: string, columns?: string[]) => {
    const bytes = new Uint8Array(await readFile(path.join(DEMO, file)));
    data.insertArrowFromIPCStream(readParquet(bytes).intoIPCStream(), { name: columns ? `${name}_all` : name, create: true });
    if (columns) {
      data.query(`CREATE TABLE ${name} AS SELECT ${columns.join(', ')} FROM ${name}_all`);
      data.query(`DROP TABLE ${name}_all`);
    }
  };
  await insert(factsFile(MONTH), FACTS_TABLE);
  const loaded = internal ? tables : tables.filter((t) => t === 'projects');
  for (const t of loaded) await insert(`${t}.parquet`, t, internal ? undefined : columnsOf(t, 'public'));
  const conn = db.connect();
  let runner!: ConsoleRunner;
  conn.useUnsafe((bindings, id) => (runner = new ConsoleRunner(bindings as unknown as ConsoleBindings, id)));
  return {
    runner,
    sources: (extra = {}) => ({ facts: FACTS_TABLE, filter: null, tables: loaded, internal, database: DATA_DATABASE, ...extra }),
    rows: (sql) => (data.query(sql) as { toArray(): { toJSON(): Record<string, unknown> }[] }).toArray().map((r) => r.toJSON())
  };
}
