/**
 * One project's rows out of the dataset's source files, for the project card: only the row groups
 * whose key range can hold the project (meta.json `row_groups`, written by the data pipeline) and
 * only the columns asked for, read over HTTP range requests. The browser never loads the
 * projects, monthly reports or problems whole: each month's facts carry what the other views read.
 */
import { TABLES, type DatasetMeta, type TableName } from '../schema.ts';
import type { AsyncDuckDB } from './duckdb.ts';
import { DataLoadError } from './errors.ts';
import type { DataSource } from './data-source.ts';
import { chunkInserter, runData } from './table-insert.ts';
import { rowGroupsHolding } from './row-groups.ts';

/**
 * Puts the rows of `table` that can belong to `key` (whole row groups: filter them by the key) into
 * a table of the dataset's database, runs `use` with its name and drops it again. Resolves null,
 * without a request, when no row group can hold the key.
 */
export type RowLookup = <T>(
  table: TableName,
  key: string,
  columns: readonly string[],
  use: (from: string) => Promise<T>
) => Promise<T | null>;

let lookups = 0;

export function rowLookup(
  db: AsyncDuckDB | PromiseLike<AsyncDuckDB>,
  source: DataSource,
  datasetFile: (file: string) => string,
  meta: Pick<DatasetMeta, 'id' | 'row_groups'>
): RowLookup {
  return async (table, key, columns, use) => {
    const index = meta.row_groups?.[table];
    const file = datasetFile(TABLES[table].file);
    if (!index) {
      const metaFile = datasetFile('meta.json');
      throw new DataLoadError(
        { key: 'error.generic', params: { detail: `${metaFile}: row_groups.${table} is missing` } },
        metaFile,
        'row_groups'
      );
    }
    const groups = rowGroupsHolding(index, key);
    if (groups.length === 0) return null;
    const wanted = [...new Set([index.key, ...columns])];
    const types = new Map(TABLES[table].columns.map((c) => [c.name, c.type]));
    const required = wanted.map((name) => ({ name, type: types.get(name) }));
    const ipc = await source.parquetRowGroups(file, { required, columns: wanted, rowGroups: groups });
    const name = `cm_lookup_${++lookups}_${table}`;
    const rows = chunkInserter(db, name);
    try {
      await rows.add(ipc);
      await rows.done();
      return await use(name);
    } finally {
      await runData(db, [`DROP TABLE IF EXISTS ${name}`]).catch(() => undefined);
    }
  };
}
