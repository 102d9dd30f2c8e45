/**
 * A month's facts table loaded from the facts file the data pipeline wrote
 * (`facts/<YYYY-MM>.parquet`, scripts/lib/facts-files.ts) instead of being built from the
 * projects, the monthly reports and the problems: at 1M projects that build was duckdb-wasm's
 * memory high-water mark and most of a timeline step (npm run bench).
 */
import { factsFile, FACTS_COLUMNS, FACTS_ROW_GROUP_ROWS } from '../schema.ts';
import type { Month } from '../metrics/month.ts';
import type { AsyncDuckDB } from './duckdb.ts';
import { DataLoadError } from './errors.ts';
import { parquetToIpc } from './parquet.ts';
import { chunkInserter, runData } from './table-insert.ts';
import { perfMark } from '../perf.ts';

/** Loads a month's facts into a table; rejects (naming the file) and leaves no table on failure. */
export type FactsLoader = (month: Month, table: string) => Promise<void>;

export function monthFactsLoader(
  db: AsyncDuckDB | Promise<AsyncDuckDB>,
  datasetFile: (file: string) => { url: string; file: string },
  months: readonly string[]
): FactsLoader {
  return async (month, table) => {
    if (!/^\w+$/.test(table)) throw new RangeError(`not a table name: ${table}`);
    const { url, file } = datasetFile(factsFile(month.key));
    if (!months.includes(month.key)) {
      throw new DataLoadError({ key: 'error.noFactsMonth', params: { file, month: month.key } }, file, months.join(', '));
    }
    // Loaded under another name and renamed once whole: queries of the month never see half of it.
    const loading = chunkInserter(db, `${table}_loading`);
    try {
      await parquetToIpc(url, file, [...FACTS_COLUMNS], [...FACTS_COLUMNS], loading.add, FACTS_ROW_GROUP_ROWS);
      await loading.done();
      await runData(db, [`DROP TABLE IF EXISTS ${table}`, `ALTER TABLE ${table}_loading RENAME TO ${table}`]);
    } catch (err) {
      await loading.drop().catch(() => undefined);
      throw err;
    }
    perfMark(`facts-loaded:${month.key}`);
  };
}
